/* log.h: one line per event on stderr for the running kiosk, with the sd-daemon
 * priority prefix ("<3>", "<4>", "<6>", sd-daemon(3)) when stderr is the systemd
 * journal, so that `journalctl -u kiosk -p warning` shows what a technician needs.
 * Lines never carry visitor data (what was typed, which exhibit was read). */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

/* The syslog priorities sd-daemon(3) defines: the prefix is "<N>". */
enum log_level { LOG_LEVEL_ERROR = 3, LOG_LEVEL_WARNING = 4, LOG_LEVEL_INFO = 6 };

/* Print "kiosk: <message>\n" on stderr, prefixed with "<level>" when stderr is the
 * journal: $JOURNAL_STREAM names stderr's device and inode ("DEV:INODE", as
 * systemd.exec(5) documents), or $KIOSK_LOG_PREFIX is 1. A newline inside the
 * message becomes ';' so that every event stays one journal entry. */
void log_line(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* 1 when log_line adds the prefix (asked again at each call: two getenv, one fstat). */
int log_prefixed(void);

#endif
