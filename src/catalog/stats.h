/* stats.h: the visit statistics database, DATA/stats.db (SQLite, apart from the
 * catalog). It holds counts only: per local day and hour, how many visits, how
 * long (bucketed), in which language, which exhibits were opened and for how long
 * (bucketed), how many searches, which narrations were played. Never who, never
 * what was typed, never a visit's own sequence of pages.
 *
 * Bounded: rows older than STATS_KEEP_DAYS days before the day being written are
 * dropped at each write, and one day has at most 24 hours x (the exhibits x 4
 * buckets + a few rows), so the file stays small. */
#ifndef KIOSK_STATS_H
#define KIOSK_STATS_H

#include <stddef.h>
#include <stdint.h>

struct err;

#define STATS_KEEP_DAYS 400   /* a year and a bit: this season against the last */

/* One count. what is one of "visit" (bucket: the visit's length), "language"
 * (item: the language code), "exhibit" (item: the exhibit's slug, bucket: the time
 * on it), "search", "narration" (item: the exhibit's slug). */
struct stats_count {
	char what[16];
	char item[128];
	char bucket[16];
	int64_t n;
};

/* A row read back: a count for one local day (YYYY-MM-DD) and hour (0..23). */
struct stats_row {
	char day[11];
	int hour;
	struct stats_count c;
};

/* Add counts (n of them, borrowed) to day and hour in one transaction, creating
 * path (DATA/stats.db) and its table when missing, then drop the rows older than
 * STATS_KEEP_DAYS before day. 0, or -1 with e ("path: what: sqlite's message");
 * nothing is written then. */
int stats_add(const char *path, const char *day, int hour, const struct stats_count *counts, size_t n,
	      struct err *e);

/* The rows from day `from` to day `to` (YYYY-MM-DD, both included; NULL for no
 * bound), ordered by day, hour, what, item, bucket. *out is malloc'd, the caller
 * frees it. 0 (no database: no rows), or -1 with e. */
int stats_read(const char *path, const char *from, const char *to, struct stats_row **out, size_t *n,
	       struct err *e);

#endif
