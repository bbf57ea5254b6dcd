/* schedule.h: when the kiosk is open and which packs it shows on a given day.
 * Pure: every function takes the time it answers for, so that tests inject it;
 * schedule_now() is the one place that reads the clock (or $KIOSK_NOW).
 *
 * Opening hours come from the config's `hours` lines, each a set of days and the
 * times the kiosk is open on them (local time, 24-hour clock, minutes):
 *   hours = mon-sun 09:00-18:00          every day
 *   hours = sat,sun 10:00-12:00 13:00-17:00   two spans on those days
 *   hours = mon closed                   later lines override earlier ones
 *   hours = 2026-12-24 09:00-13:00       an exception for one date
 *   hours = 2026-12-25 closed
 * Without any `hours` line the kiosk is always open. A pack is shown on the days
 * from its pack.ini show_from to show_until, both included (YYYY-MM-DD). */
#ifndef KIOSK_SCHEDULE_H
#define KIOSK_SCHEDULE_H

#include <stddef.h>
#include <time.h>

struct err;

#define SCHEDULE_SPANS 4       /* open spans in one day */
#define SCHEDULE_EXCEPTIONS 64 /* dated exceptions kept */

/* One day's opening: spans [open, close) in minutes from midnight, 0..1440. */
struct schedule_day {
	int set;                 /* this day has its own line (an exception: always) */
	int nspans;              /* 0: closed all day */
	struct { int open, close; } span[SCHEDULE_SPANS];
};

struct schedule_hours {
	int set;                            /* at least one `hours` line */
	struct schedule_day week[7];        /* 0 Monday .. 6 Sunday */
	struct { char date[11]; struct schedule_day day; } ex[SCHEDULE_EXCEPTIONS];
	int nex;
};

/* Add one `hours` value (syntax above) to h, zero-initialised by the caller.
 * -1 with ERR_USAGE and a message naming the part that is wrong. */
int schedule_parse_hours(struct schedule_hours *h, const char *value, struct err *e);

/* 1 when open at `now` (seconds since 1970, judged in local time), else 0. */
int schedule_is_open(const struct schedule_hours *h, time_t now);

/* The first moment after `now` at which schedule_is_open changes, within the next
 * 400 days; -1 when it never does (no hours, or open or closed throughout). */
time_t schedule_next_change(const struct schedule_hours *h, time_t now);

/* Today's opening as text for people, "09:00-18:00" or "10:00-12:00 13:00-17:00",
 * or "closed"; "" when no hours are set. out holds at least 64 bytes. */
void schedule_describe_day(const struct schedule_hours *h, time_t day, char *out, size_t size);

/* Whether a pack with these dates (NULL or "" for none) is shown on `today`. */
enum schedule_pack_state {
	SCHEDULE_SHOWN = 0,  /* today is within show_from..show_until */
	SCHEDULE_LATER,      /* show_from is after today */
	SCHEDULE_ENDED       /* show_until is before today */
};
enum schedule_pack_state schedule_pack_state(const char *show_from, const char *show_until,
					     const char *today);
/* "shown today", "scheduled from 2026-07-01", "ended on 2026-07-31": out >= 64 bytes. */
void schedule_pack_reason(const char *show_from, const char *show_until, const char *today, char *out,
			  size_t size);

/* The time to judge by: $KIOSK_NOW when set ("2026-07-14 09:30", "2026-07-14T09:30:00"
 * in local time, or "@SECONDS" since 1970), else the system clock. A bad $KIOSK_NOW
 * is ignored with one line on stderr the first time. */
time_t schedule_now(void);
/* now's local date as YYYY-MM-DD into out[11]. */
void schedule_date(time_t now, char out[11]);

#endif
