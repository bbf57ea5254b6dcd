/* stats.c: DATA/stats.db, the visit counts (stats.h). */
#include "stats.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS counts ("
	" day TEXT NOT NULL, hour INTEGER NOT NULL, what TEXT NOT NULL,"
	" item TEXT NOT NULL, bucket TEXT NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY (day, hour, what, item, bucket)) WITHOUT ROWID";

static int db_fail(sqlite3 *db, const char *path, const char *what, struct err *e)
{
	return fail(e, ERR_IO, "%s: %s: %s", path, what, db ? sqlite3_errmsg(db) : "out of memory");
}

static void copy(char *dst, size_t size, const unsigned char *src)
{
	snprintf(dst, size, "%s", src ? (const char *)src : "");
}

int stats_add(const char *path, const char *day, int hour, const struct stats_count *counts, size_t n,
	      struct err *e)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char keep[32];
	int rc = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		db_fail(db, path, "cannot open", e);
		goto out;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, path, "cannot write", e);
		goto out;
	}
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO counts (day, hour, what, item, bucket, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			       " ON CONFLICT (day, hour, what, item, bucket) DO UPDATE SET n = n + excluded.n",
			       -1, &st, NULL) != SQLITE_OK)
		goto failed;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, hour);
		sqlite3_bind_text(st, 3, counts[i].what, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, counts[i].item, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, counts[i].bucket, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, counts[i].n);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto failed;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	snprintf(keep, sizeof(keep), "-%d days", STATS_KEEP_DAYS);
	if (sqlite3_prepare_v2(db, "DELETE FROM counts WHERE day < date(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		goto failed;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, keep, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto failed;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto failed;
	rc = 0;
	goto out;
failed:
	db_fail(db, path, "cannot write", e);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

int stats_read(const char *path, const char *from, const char *to, struct stats_row **out, size_t *n,
	       struct err *e)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = -1, step;

	*out = NULL;
	*n = 0;
	if (access(path, F_OK) != 0)
		return 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_fail(db, path, "cannot open", e);
		goto out;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_prepare_v2(db,
			       "SELECT day, hour, what, item, bucket, n FROM counts"
			       " WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)"
			       " ORDER BY day, hour, what, item, bucket",
			       -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, path, "not a statistics database", e);
		goto out;
	}
	if (from)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct stats_row *r;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		r = &(*out)[(*n)++];
		copy(r->day, sizeof(r->day), sqlite3_column_text(st, 0));
		r->hour = sqlite3_column_int(st, 1);
		copy(r->c.what, sizeof(r->c.what), sqlite3_column_text(st, 2));
		copy(r->c.item, sizeof(r->c.item), sqlite3_column_text(st, 3));
		copy(r->c.bucket, sizeof(r->c.bucket), sqlite3_column_text(st, 4));
		r->c.n = sqlite3_column_int64(st, 5);
	}
	if (step != SQLITE_DONE) {
		db_fail(db, path, "cannot read", e);
		free(*out);
		*out = NULL;
		*n = 0;
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
