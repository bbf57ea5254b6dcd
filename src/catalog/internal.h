/* internal.h: shared by the files of catalog/ only. */
#ifndef KIOSK_CATALOG_INTERNAL_H
#define KIOSK_CATALOG_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct err;
struct pack;

/* Statements kept prepared for the connection's life (catalog_stmt). The screens
 * ask the same few queries at every build and at every look for changes (PRAGMA
 * data_version); preparing one costs more than running it on a kiosk's small
 * catalog. */
#define CATALOG_STMTS 24

struct catalog_stmt {
	const char *sql;   /* the caller's string, which lives as long as the program */
	sqlite3_stmt *st;
	int busy;          /* handed out and not yet given back */
};

struct catalog {
	sqlite3 *db;
	struct catalog_stmt stmts[CATALOG_STMTS];
	size_t nstmts;
	char *path;
	int readonly;
	int can_write;        /* opened read-write (a reader too, with query_only) */
	int create;           /* opened with CATALOG_CREATE: an empty file gets the schema */
	int build;            /* CATALOG_BUILD: journal in memory until catalog_finish */
	int read_only_media;  /* on a file system mounted read-only */
	void *zreader;        /* zbody_reader_new: pages are read without a large allocation */
	struct tokenize_replay *replay; /* tokenize_register's, owned by db */
};

/* Fill e with "path: what: sqlite's message" and return -1. */
int catalog_fail(struct catalog *c, struct err *e, const char *what);
int catalog_exec(struct catalog *c, const char *sql, struct err *e);
/* The statement for sql (UTF-8, a string literal: its address and text are the key),
 * prepared once and kept (SQLITE_PREPARE_PERSISTENT) in up to CATALOG_STMTS slots;
 * a second use while the first is out, or a full cache, prepares a statement of its
 * own. NULL when sqlite cannot prepare it (its message is on c->db: catalog_fail).
 * Give it back with catalog_stmt_done, never sqlite3_finalize. */
sqlite3_stmt *catalog_stmt(struct catalog *c, const char *sql);
/* Reset st and clear its bindings (so no pointer given with SQLITE_STATIC stays in
 * it), ready for its next use; a statement not in the cache is finalized. NULL is
 * allowed. */
void catalog_stmt_done(struct catalog *c, sqlite3_stmt *st);

/* extras.c: a node that is not withdrawn (for queries over node n) */
#define CATALOG_NOT_WITHDRAWN \
	" AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.pack_id = n.pack_id AND w.slug = n.slug)"
/* Inside catalog_install's transaction: narration, warnings and withdrawals of p. */
int catalog_install_extras(struct catalog *c, const struct pack *p, int64_t now, struct err *e);
/* Leave withdrawn exhibits out of search hits (freeing them); *n shrinks. */
struct search_hit;
int catalog_drop_withdrawn(struct catalog *c, struct search_hit *hits, size_t *n, struct err *e);

#endif
