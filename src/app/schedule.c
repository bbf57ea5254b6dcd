/* schedule.c: opening hours and pack dates, judged at a time the caller gives. */
#include "schedule.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const day_names[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static int day_index(const char *s, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == 3 && !strncmp(s, day_names[i], 3))
			return i;
	return -1;
}

/* "mon", "mon-fri", "sat,sun", "fri-mon": a bit per day into *mask. */
static int parse_days(const char *s, int *mask)
{
	*mask = 0;
	while (*s) {
		const char *comma = strchr(s, ','), *end = comma ? comma : s + strlen(s);
		const char *dash = memchr(s, '-', (size_t)(end - s));
		int a = day_index(s, (size_t)((dash ? dash : end) - s)), b = a;
		if (dash)
			b = day_index(dash + 1, (size_t)(end - dash - 1));
		if (a < 0 || b < 0)
			return -1;
		for (int d = a;; d = (d + 1) % 7) {
			*mask |= 1 << d;
			if (d == b)
				break;
		}
		s = comma ? comma + 1 : end;
	}
	return *mask ? 0 : -1;
}

static int valid_date(const char *s)
{
	int y, m, d;
	char tail;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && s[4] == '-' &&
	       s[7] == '-' && y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "09:00-18:00" into minutes; close may be 24:00 and must be after open. */
static int parse_span(const char *s, int *open, int *close)
{
	int h1, m1, h2, m2, n = 0;

	if (sscanf(s, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4 || s[n] || strlen(s) != 11)
		return -1;
	*open = h1 * 60 + m1;
	*close = h2 * 60 + m2;
	if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || *close > 1440 || *close <= *open)
		return -1;
	return 0;
}

int schedule_parse_hours(struct schedule_hours *h, const char *value, struct err *e)
{
	char buf[512], *save = NULL, *tok, *days;
	struct schedule_day day = { .set = 1 };
	int mask = 0, closed = 0, is_date;

	if (strlen(value) >= sizeof(buf))
		return fail(e, ERR_USAGE, "hours '%.40s...' is too long", value);
	snprintf(buf, sizeof(buf), "%s", value);
	days = strtok_r(buf, " \t", &save);
	if (!days)
		return fail(e, ERR_USAGE, "hours is empty: give days and times, such as 'mon-sun 09:00-18:00'");
	is_date = valid_date(days);
	if (!is_date && parse_days(days, &mask) < 0)
		return fail(e, ERR_USAGE, "hours '%s': '%s' is neither days (mon-sun, sat,sun) nor a date (YYYY-MM-DD)",
			    value, days);
	while ((tok = strtok_r(NULL, " \t,", &save))) {
		if (!strcmp(tok, "closed")) {
			closed = 1;
			continue;
		}
		if (day.nspans == SCHEDULE_SPANS)
			return fail(e, ERR_USAGE, "hours '%s': more than %d spans in a day", value, SCHEDULE_SPANS);
		if (parse_span(tok, &day.span[day.nspans].open, &day.span[day.nspans].close) < 0)
			return fail(e, ERR_USAGE, "hours '%s': '%s' is not a span such as 09:00-18:00 (closing after opening, 24:00 at most)",
				    value, tok);
		day.nspans++;
	}
	if (closed == !!day.nspans)
		return fail(e, ERR_USAGE, "hours '%s': give either times such as 09:00-18:00 or 'closed'", value);
	h->set = 1;
	if (is_date) {
		int i;
		for (i = 0; i < h->nex && strcmp(h->ex[i].date, days); i++)
			;
		if (i == SCHEDULE_EXCEPTIONS)
			return fail(e, ERR_USAGE, "hours '%s': more than %d dated exceptions", value, SCHEDULE_EXCEPTIONS);
		if (i == h->nex)
			h->nex++;
		snprintf(h->ex[i].date, sizeof(h->ex[i].date), "%s", days);
		h->ex[i].day = day;
		return 0;
	}
	for (int d = 0; d < 7; d++)
		if (mask & (1 << d))
			h->week[d] = day;
	return 0;
}

/* The rule for the local day of tm: its exception, else its weekday's line (a
 * weekday without a line is closed once any line is set). */
static const struct schedule_day *day_rule(const struct schedule_hours *h, const struct tm *tm)
{
	char date[11];

	strftime(date, sizeof(date), "%Y-%m-%d", tm);
	for (int i = 0; i < h->nex; i++)
		if (!strcmp(h->ex[i].date, date))
			return &h->ex[i].day;
	return &h->week[(tm->tm_wday + 6) % 7];
}

int schedule_is_open(const struct schedule_hours *h, time_t now)
{
	struct tm tm;
	const struct schedule_day *d;
	int minute;

	if (!h || !h->set)
		return 1;
	localtime_r(&now, &tm);
	d = day_rule(h, &tm);
	minute = tm.tm_hour * 60 + tm.tm_min;
	for (int i = 0; i < d->nspans; i++)
		if (minute >= d->span[i].open && minute < d->span[i].close)
			return 1;
	return 0;
}

/* The local time `minute` minutes after the midnight that begins day tm (DST-safe:
 * mktime normalises). */
static time_t at_minute(const struct tm *day, int minute)
{
	struct tm t = *day;

	t.tm_hour = minute / 60;
	t.tm_min = minute % 60;
	t.tm_sec = 0;
	t.tm_isdst = -1;
	return mktime(&t);
}

time_t schedule_next_change(const struct schedule_hours *h, time_t now)
{
	struct tm tm;
	int cur;

	if (!h || !h->set)
		return -1;
	cur = schedule_is_open(h, now);
	localtime_r(&now, &tm);
	/* every opening, closing and midnight of the coming days, in order */
	for (int d = 0; d <= 400; d++) {
		struct tm day = tm;
		const struct schedule_day *r;
		int marks[2 * SCHEDULE_SPANS + 2], n = 0;

		day.tm_mday += d;
		day.tm_hour = 12; /* noon: mktime lands on that date whatever the DST shift */
		day.tm_min = day.tm_sec = 0;
		day.tm_isdst = -1;
		mktime(&day);
		r = day_rule(h, &day);
		marks[n++] = 0;
		for (int i = 0; i < r->nspans; i++) {
			marks[n++] = r->span[i].open;
			marks[n++] = r->span[i].close;
		}
		for (int i = 0; i < n; i++) {
			time_t t = at_minute(&day, marks[i]);
			if (t > now && schedule_is_open(h, t) != cur)
				return t;
		}
	}
	return -1;
}

void schedule_describe_day(const struct schedule_hours *h, time_t day, char *out, size_t size)
{
	struct tm tm;
	const struct schedule_day *d;
	size_t len = 0;

	out[0] = 0;
	if (!h || !h->set)
		return;
	localtime_r(&day, &tm);
	d = day_rule(h, &tm);
	if (!d->nspans) {
		snprintf(out, size, "closed");
		return;
	}
	for (int i = 0; i < d->nspans && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%02d:%02d-%02d:%02d", i ? " " : "",
					d->span[i].open / 60, d->span[i].open % 60, d->span[i].close / 60,
					d->span[i].close % 60);
}

enum schedule_pack_state schedule_pack_state(const char *show_from, const char *show_until,
					     const char *today)
{
	if (show_from && *show_from && strcmp(show_from, today) > 0)
		return SCHEDULE_LATER;
	if (show_until && *show_until && strcmp(show_until, today) < 0)
		return SCHEDULE_ENDED;
	return SCHEDULE_SHOWN;
}

void schedule_pack_reason(const char *show_from, const char *show_until, const char *today, char *out,
			  size_t size)
{
	switch (schedule_pack_state(show_from, show_until, today)) {
	case SCHEDULE_LATER:
		snprintf(out, size, "scheduled from %s", show_from);
		break;
	case SCHEDULE_ENDED:
		snprintf(out, size, "ended on %s", show_until);
		break;
	default:
		snprintf(out, size, "shown today");
		break;
	}
}

time_t schedule_now(void)
{
	static int warned;
	const char *s = getenv("KIOSK_NOW");
	struct tm tm;
	char *end;

	if (!s || !*s)
		return time(NULL);
	if (s[0] == '@') {
		long long v = strtoll(s + 1, &end, 10);
		if (s[1] && !*end)
			return (time_t)v;
	} else {
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, "%Y-%m-%d", &tm);
		if (end && (*end == ' ' || *end == 'T')) {
			char *t = strptime(end + 1, "%H:%M:%S", &tm);
			end = t ? t : strptime(end + 1, "%H:%M", &tm);
		}
		if (end && !*end) {
			tm.tm_isdst = -1;
			return mktime(&tm);
		}
	}
	if (!warned++)
		fprintf(stderr, "kiosk: KIOSK_NOW '%s' is not a time (YYYY-MM-DD HH:MM or @SECONDS); using the clock\n", s);
	return time(NULL);
}

void schedule_date(time_t now, char out[11])
{
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
