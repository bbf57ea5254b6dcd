/* test_visits.c: the visit recorder (app/visits.h) and its database (catalog/stats.h),
 * with injected times. */
#include "test.h"
#include "app/router.h"
#include "app/visits.h"
#include "catalog/stats.h"
#include "core/err.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct route R(const char *text)
{
	struct route r;

	route_parse(text, &r);
	return r;
}

/* The count of (what, item, bucket) over every row; -1 when there is no such row. */
static long long count_of(const struct stats_row *r, size_t n, const char *what, const char *item,
			  const char *bucket)
{
	long long sum = -1;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].c.what, what) && !strcmp(r[i].c.item, item) && !strcmp(r[i].c.bucket, bucket))
			sum = (sum < 0 ? 0 : sum) + r[i].c.n;
	return sum;
}

/* attract, home, a section, an exhibit (and its picture), a search that opens
 * another exhibit, then the end: 70 s from start. */
static void one_visit(struct visits *v, time_t t)
{
	struct route at = R("/attract"), home = R("/"), sec = R("/section/why-a-day"), ex = R("/exhibit/the-decision"),
		     img = R("/image/the-decision/0"), srch = R("/search"), srch_q = R("/search?q=flag"),
		     other = R("/exhibit/the-flag?q=flag");

	visits_route(v, &at, &home, "ko", t);
	visits_route(v, &home, &sec, "ko", t + 2);
	visits_route(v, &sec, &ex, "ko", t + 4);
	visits_narration(v);
	visits_route(v, &ex, &img, "ko", t + 10);
	visits_route(v, &img, &ex, "en", t + 12);
	visits_route(v, &ex, &srch, "en", t + 40);      /* 36 s on the-decision */
	visits_route(v, &srch_q, &other, "en", t + 50); /* a search: a result opened */
	visits_end(v, &other, "en", t + 70);                    /* 20 s on the-flag; 70 s in all */
}

int main(void)
{
	char dir[] = "/tmp/kiosk-visits.XXXXXX", path[256], ro[300];
	struct tm tm = { .tm_year = 2026 - 1900, .tm_mon = 6, .tm_mday = 14, .tm_hour = 10, .tm_min = 15,
			 .tm_isdst = -1 };
	struct stats_row *rows = NULL;
	struct visits v;
	struct err e = { 0 };
	size_t n = 0;
	time_t t;

	setenv("TZ", "UTC", 1);
	tzset();
	t = mktime(&tm);

	CHECK_STR(visits_length_bucket(0), "<1m", "a visit of 0 s");
	CHECK_STR(visits_length_bucket(59), "<1m", "59 s");
	CHECK_STR(visits_length_bucket(60), "1-3m", "60 s");
	CHECK_STR(visits_length_bucket(179), "1-3m", "179 s");
	CHECK_STR(visits_length_bucket(180), "3-10m", "180 s");
	CHECK_STR(visits_length_bucket(599), "3-10m", "599 s");
	CHECK_STR(visits_length_bucket(600), "10-30m", "600 s");
	CHECK_STR(visits_length_bucket(1800), ">30m", "1800 s");
	CHECK_STR(visits_exhibit_bucket(9), "<10s", "9 s on an exhibit");
	CHECK_STR(visits_exhibit_bucket(10), "10-30s", "10 s on an exhibit");
	CHECK_STR(visits_exhibit_bucket(29), "10-30s", "29 s on an exhibit");
	CHECK_STR(visits_exhibit_bucket(30), "30-120s", "30 s on an exhibit");
	CHECK_STR(visits_exhibit_bucket(119), "30-120s", "119 s on an exhibit");
	CHECK_STR(visits_exhibit_bucket(120), ">2m", "120 s on an exhibit");

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/stats.db", dir);

	/* off (a read-only folder): nothing is written */
	visits_init(&v, dir, 1);
	one_visit(&v, t);
	visits_release(&v, NULL, "ko", t + 100);
	CHECK(access(path, F_OK) != 0, "a recorder that is off writes no database");

	visits_init(&v, dir, 0);
	for (int i = 0; i < 6; i++)
		one_visit(&v, t + i * 300);
	{
		/* a search screen left with an empty query is no search; the technician is no visitor */
		struct route at = R("/attract"), home = R("/"), srch = R("/search"), tech = R("/technician");
		visits_route(&v, &at, &tech, "ko", t);
		visits_route(&v, &tech, &at, "ko", t + 5);
		visits_route(&v, &at, &home, "ko", t + 2000);  /* 10:48 */
		visits_route(&v, &home, &srch, "ko", t + 2001);
		visits_route(&v, &srch, &home, "ko", t + 2003);
		visits_route(&v, &home, &at, "ko", t + 2003 + 15 * 60); /* back to attract: the end */
	}
	{
		/* walking away from the search screen with a query: a search (10:50) */
		struct route home = R("/"), srch = R("/search?q=flag"), at = R("/attract");
		visits_route(&v, &at, &home, "ko", t + 2100);
		visits_route(&v, &home, &srch, "ko", t + 2101);
		visits_end(&v, &srch, "ko", t + 2110);
	}
	/* the kiosk closing mid-visit: that visit counts too, in its own hour (11:00) */
	{
		struct route at = R("/attract"), home = R("/");
		visits_route(&v, &at, &home, "ko", t + 2700);
	}
	visits_release(&v, NULL, "ko", t + 2700 + 40 * 60);

	CHECK(stats_read(path, NULL, NULL, &rows, &n, &e) == 0, "the counts read back (%s)", e.msg);
	CHECK(count_of(rows, n, "visit", "", "1-3m") == 6, "six visits of 70 s: 1-3m (%lld)",
	      count_of(rows, n, "visit", "", "1-3m"));
	CHECK(count_of(rows, n, "visit", "", "10-30m") == 1, "one of 15 min: 10-30m");
	CHECK(count_of(rows, n, "visit", "", ">30m") == 1, "one closed after 40 min: >30m");
	CHECK(count_of(rows, n, "language", "en", "") == 6, "the language at the end of the visit: en x6");
	CHECK(count_of(rows, n, "language", "ko", "") == 3, "ko x3");
	CHECK(count_of(rows, n, "exhibit", "the-decision", "30-120s") == 6,
	      "its picture counts as time on the exhibit: 36 s, 30-120s (%lld)",
	      count_of(rows, n, "exhibit", "the-decision", "30-120s"));
	CHECK(count_of(rows, n, "exhibit", "the-decision", "<10s") == -1, "the picture is not a new opening");
	CHECK(count_of(rows, n, "exhibit", "the-flag", "10-30s") == 6, "20 s on the result: 10-30s");
	CHECK(count_of(rows, n, "search", "", "") == 7,
	      "a search per visit that opened a result or walked away with a query, none for an empty query (%lld)",
	      count_of(rows, n, "search", "", ""));
	CHECK(count_of(rows, n, "narration", "the-decision", "") == 6, "a narration per visit");
	{
		int hours_ok = 1, seen11 = 0;
		for (size_t i = 0; i < n; i++) {
			hours_ok &= !strcmp(rows[i].day, "2026-07-14") && (rows[i].hour == 10 || rows[i].hour == 11);
			seen11 |= rows[i].hour == 11;
		}
		CHECK(hours_ok && seen11, "each visit counted in the local day and hour it began");
	}
	for (size_t i = 0; i < n; i++)
		CHECK(!strstr(rows[i].c.item, "flag") || !strcmp(rows[i].c.item, "the-flag"),
		      "no search text is stored (%s)", rows[i].c.item);
	free(rows);

	/* --from / --to */
	CHECK(stats_read(path, "2026-07-15", NULL, &rows, &n, &e) == 0 && n == 0, "nothing from the next day on");
	free(rows);

	/* bounded: a row far older than the day written is dropped */
	{
		struct stats_count c = { "visit", "", "<1m", 1 };
		CHECK(stats_add(path, "2024-01-01", 9, &c, 1, &e) == 0, "an old row added");
		CHECK(stats_add(path, "2026-07-14", 9, &c, 1, &e) == 0, "a new row added");
		CHECK(stats_read(path, NULL, "2025-01-01", &rows, &n, &e) == 0 && n == 0,
		      "rows older than %d days are gone", STATS_KEEP_DAYS);
		free(rows);
	}

	/* never a reason to fail: a folder that cannot hold the database */
	snprintf(ro, sizeof(ro), "%s/missing/folder", dir);
	visits_init(&v, ro, 0);
	one_visit(&v, t);
	CHECK(v.warned == 1, "a failed write is logged once");
	one_visit(&v, t);
	CHECK(v.warned == 1 && !v.active, "the next visits go on without it");
	visits_release(&v, NULL, "ko", t);

	CHECK(stats_read(ro, NULL, NULL, &rows, &n, &e) == 0 && n == 0, "no database reads as no rows");
	remove(path);
	rmdir(dir);
	return test_failures;
}
