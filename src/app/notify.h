/* notify.h: the kiosk's side of systemd's service protocol (sd_notify(3)): READY=1
 * once the first frame is on screen, WATCHDOG=1 from the main loop while it runs,
 * STOPPING=1 on the way out. The only user of libsystemd.
 *
 * Under the service the kiosk is cage's child, not the main PID: the unit says
 * NotifyAccess=all, and the watchdog period is read from $WATCHDOG_USEC without the
 * $WATCHDOG_PID check of sd_watchdog_enabled(3), which would name cage. Outside a
 * service ($NOTIFY_SOCKET unset) every call does nothing. */
#ifndef KIOSK_NOTIFY_H
#define KIOSK_NOTIFY_H

#include <stdint.h>

struct notify {
	int on;                 /* $NOTIFY_SOCKET is set */
	uint32_t every_ms;      /* WATCHDOG=1 this often (a third of WatchdogSec=); 0: no watchdog */
	uint32_t last_ping;     /* SDL ticks (ms) of the last WATCHDOG=1 */
	int ready;              /* READY=1 was sent */
	uint32_t ready_at;      /* SDL ticks (ms) of READY=1 */
	uint32_t hang_after_ms; /* test only: $KIOSK_TEST_HANG_AFTER_MS, 0 when unset */
};

/* Read the environment: $NOTIFY_SOCKET, $WATCHDOG_USEC (microseconds, systemd.service(5)
 * WatchdogSec=) and the test-only $KIOSK_TEST_HANG_AFTER_MS (ms after READY=1 at
 * which the main loop stops answering, to prove that the watchdog notices). */
void notify_init(struct notify *n);

/* The first frame is on screen: READY=1 with STATUS= the one-line `status`
 * (driver, renderer, size; no visitor data). Sent once; later calls do nothing. */
void notify_ready(struct notify *n, const char *status, uint32_t now_ms);

/* Called by the main loop at every turn with SDL ticks: sends WATCHDOG=1 when one is
 * due. Returns the ms until the next one is due (the loop sleeps no longer), or -1
 * when there is no watchdog. */
int notify_tick(struct notify *n, uint32_t now_ms);

/* 1 when the test-only hang switch says the loop should stop answering now. */
int notify_test_hang(const struct notify *n, uint32_t now_ms);

/* The kiosk is on its way out: STOPPING=1, and the reason as STATUS=. */
void notify_stopping(const struct notify *n, const char *reason);

#endif
