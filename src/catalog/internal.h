/* internal.h: shared by the files of catalog/ only. */
#ifndef KIOSK_CATALOG_INTERNAL_H
#define KIOSK_CATALOG_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct err;
struct pack;

struct catalog {
	sqlite3 *db;
	char *path;
	int readonly;
	int can_write;        /* opened read-write (a reader too, with query_only) */
	int read_only_media;  /* on a file system mounted read-only */
	void *zreader;        /* zbody_reader_new: pages are read without a large allocation */
	struct tokenize_replay *replay; /* tokenize_register's, owned by db */
};

/* Fill e with "path: what: sqlite's message" and return -1. */
int catalog_fail(struct catalog *c, struct err *e, const char *what);
int catalog_exec(struct catalog *c, const char *sql, struct err *e);

/* extras.c: a node that is not withdrawn (for queries over node n) */
#define CATALOG_NOT_WITHDRAWN \
	" AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.pack_id = n.pack_id AND w.slug = n.slug)"
/* Inside catalog_install's transaction: narration, warnings and withdrawals of p. */
int catalog_install_extras(struct catalog *c, const struct pack *p, int64_t now, struct err *e);
/* Leave withdrawn exhibits out of search hits (freeing them); *n shrinks. */
struct search_hit;
int catalog_drop_withdrawn(struct catalog *c, struct search_hit *hits, size_t *n, struct err *e);

#endif
