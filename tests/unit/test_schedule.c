/* test_schedule.c: opening hours, their next change, and pack dates. */
#include "test.h"
#include "app/schedule.h"
#include "core/err.h"

#include <stdlib.h>
#include <time.h>

/* Local time of a date and time (TZ is set by main). */
static time_t at(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi,
			 .tm_isdst = -1 };
	return mktime(&tm);
}

static void parse_ok(struct schedule_hours *h, const char *v)
{
	struct err e = { 0 };
	int rc = schedule_parse_hours(h, v, &e);
	CHECK(rc == 0, "hours '%s' parses%s%s", v, rc ? ": " : "", rc ? e.msg : "");
}

static void parse_bad(const char *v, const char *why)
{
	struct schedule_hours h = { 0 };
	struct err e = { 0 };
	CHECK(schedule_parse_hours(&h, v, &e) < 0 && e.code == ERR_USAGE && e.msg[0], "hours '%s' refused (%s): %s",
	      v, why, e.msg);
}

static void test_hours(void)
{
	struct schedule_hours h = { 0 };
	char text[64];

	/* 2026-07-13 is a Monday */
	CHECK(schedule_is_open(&h, at(2026, 7, 13, 3, 0)), "no hours: always open");
	CHECK(schedule_next_change(&h, at(2026, 7, 13, 3, 0)) == -1, "no hours: no change ever");
	parse_ok(&h, "mon-sun 09:00-18:00");
	parse_ok(&h, "sat,sun 10:00-12:00 13:00-17:00");
	parse_ok(&h, "tue closed");
	parse_ok(&h, "2026-12-24 09:00-13:00");
	parse_ok(&h, "2026-12-25 closed");
	CHECK(!schedule_is_open(&h, at(2026, 7, 13, 8, 59)), "monday 08:59 closed");
	CHECK(schedule_is_open(&h, at(2026, 7, 13, 9, 0)), "monday 09:00 open");
	CHECK(schedule_is_open(&h, at(2026, 7, 13, 17, 59)), "monday 17:59 open");
	CHECK(!schedule_is_open(&h, at(2026, 7, 13, 18, 0)), "monday 18:00 closed (closing time is exclusive)");
	CHECK(!schedule_is_open(&h, at(2026, 7, 14, 12, 0)), "tuesday closed by a later line");
	CHECK(schedule_is_open(&h, at(2026, 7, 18, 11, 0)), "saturday 11:00 open");
	CHECK(!schedule_is_open(&h, at(2026, 7, 18, 12, 30)), "saturday 12:30 the lunch break");
	CHECK(schedule_is_open(&h, at(2026, 12, 24, 12, 0)), "christmas eve 12:00 open (exception)");
	CHECK(!schedule_is_open(&h, at(2026, 12, 24, 14, 0)), "christmas eve 14:00 closed (exception)");
	CHECK(!schedule_is_open(&h, at(2026, 12, 25, 11, 0)), "christmas closed although a friday");
	CHECK(schedule_next_change(&h, at(2026, 7, 13, 3, 0)) == at(2026, 7, 13, 9, 0), "monday night: opens at 09:00");
	CHECK(schedule_next_change(&h, at(2026, 7, 13, 9, 0)) == at(2026, 7, 13, 18, 0), "monday 09:00: closes at 18:00");
	CHECK(schedule_next_change(&h, at(2026, 7, 13, 18, 0)) == at(2026, 7, 15, 9, 0),
	      "monday evening: the next opening skips the closed tuesday");
	CHECK(schedule_next_change(&h, at(2026, 7, 18, 12, 0)) == at(2026, 7, 18, 13, 0), "lunch break: opens at 13:00");
	CHECK(schedule_next_change(&h, at(2026, 12, 24, 13, 0)) == at(2026, 12, 26, 10, 0),
	      "christmas eve afternoon: opens again on saturday 26th at 10:00");
	schedule_describe_day(&h, at(2026, 7, 18, 0, 0), text, sizeof(text));
	CHECK_STR(text, "10:00-12:00 13:00-17:00", "saturday described");
	schedule_describe_day(&h, at(2026, 7, 14, 0, 0), text, sizeof(text));
	CHECK_STR(text, "closed", "tuesday described");

	{
		struct schedule_hours all = { 0 };
		parse_ok(&all, "mon-sun 00:00-24:00");
		CHECK(schedule_is_open(&all, at(2026, 7, 13, 23, 59)) && schedule_is_open(&all, at(2026, 7, 14, 0, 0)),
		      "00:00-24:00 is open across midnight");
		CHECK(schedule_next_change(&all, at(2026, 7, 13, 12, 0)) == -1, "open all the time: no change");
	}
	{
		struct schedule_hours wrap = { 0 };
		parse_ok(&wrap, "fri-mon 10:00-11:00");
		CHECK(schedule_is_open(&wrap, at(2026, 7, 19, 10, 30)) && schedule_is_open(&wrap, at(2026, 7, 13, 10, 30)) &&
		      !schedule_is_open(&wrap, at(2026, 7, 15, 10, 30)), "fri-mon wraps over the weekend");
	}
	parse_bad("", "empty");
	parse_bad("mon-xyz 09:00-18:00", "unknown day");
	parse_bad("mon 18:00-09:00", "closing before opening");
	parse_bad("mon 09:00-25:00", "past 24:00");
	parse_bad("mon 9-18", "not HH:MM");
	parse_bad("mon", "no times");
	parse_bad("mon closed 09:00-10:00", "closed and times");
	parse_bad("2026-13-01 closed", "no such month");
}

static void test_clock_jump(void)
{
	struct schedule_hours h = { 0 };

	parse_ok(&h, "mon-fri 09:00-17:00");
	/* the answer depends only on the time asked about: a jump of the clock (NTP,
	 * a technician setting it) is seen at the next question */
	CHECK(schedule_is_open(&h, at(2026, 7, 13, 10, 0)), "open at 10:00");
	CHECK(!schedule_is_open(&h, at(2026, 7, 11, 10, 0)), "closed after a jump back to saturday");
	CHECK(schedule_next_change(&h, at(2026, 7, 17, 17, 0)) == at(2026, 7, 20, 9, 0),
	      "friday 17:00: next change is monday 09:00, over the weekend's midnights");
}

static void test_packs(void)
{
	char why[64];

	CHECK(schedule_pack_state(NULL, NULL, "2026-07-14") == SCHEDULE_SHOWN, "no dates: shown");
	CHECK(schedule_pack_state("2026-07-14", "2026-07-14", "2026-07-14") == SCHEDULE_SHOWN, "one-day pack on its day");
	CHECK(schedule_pack_state("2026-07-15", NULL, "2026-07-14") == SCHEDULE_LATER, "from tomorrow: later");
	CHECK(schedule_pack_state("", "2026-07-13", "2026-07-14") == SCHEDULE_ENDED, "until yesterday: ended");
	schedule_pack_reason("2026-08-01", NULL, "2026-07-14", why, sizeof(why));
	CHECK_STR(why, "scheduled from 2026-08-01", "reason for later");
	schedule_pack_reason(NULL, "2026-07-01", "2026-07-14", why, sizeof(why));
	CHECK_STR(why, "ended on 2026-07-01", "reason for ended");
}

static void test_now(void)
{
	char d[11];

	setenv("KIOSK_NOW", "2026-07-14 09:30", 1);
	CHECK(schedule_now() == at(2026, 7, 14, 9, 30), "KIOSK_NOW date and time");
	setenv("KIOSK_NOW", "2026-07-14T23:59:30", 1);
	schedule_date(schedule_now(), d);
	CHECK_STR(d, "2026-07-14", "KIOSK_NOW with seconds, its date");
	setenv("KIOSK_NOW", "@86400", 1);
	CHECK(schedule_now() == 86400, "KIOSK_NOW @seconds");
	unsetenv("KIOSK_NOW");
	CHECK(labs((long)(schedule_now() - time(NULL))) <= 1, "without KIOSK_NOW: the clock");
}

int main(void)
{
	setenv("TZ", "Asia/Seoul", 1);
	tzset();
	test_hours();
	test_clock_jump();
	test_packs();
	test_now();
	setenv("TZ", "Europe/Berlin", 1); /* with a DST change */
	tzset();
	{
		struct schedule_hours h = { 0 };
		parse_ok(&h, "mon-sun 09:00-18:00");
		/* 2026-03-29: clocks go forward at 02:00 in Berlin */
		CHECK(schedule_next_change(&h, at(2026, 3, 28, 20, 0)) == at(2026, 3, 29, 9, 0),
		      "across the DST change the opening is still 09:00 local");
	}
	return test_failures;
}
