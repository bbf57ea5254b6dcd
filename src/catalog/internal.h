/* internal.h: shared by the files of catalog/ only. */
#ifndef KIOSK_CATALOG_INTERNAL_H
#define KIOSK_CATALOG_INTERNAL_H

#include <sqlite3.h>

struct err;

struct catalog {
	sqlite3 *db;
	char *path;
	int readonly;
	int can_write;        /* opened read-write (a reader too, with query_only) */
	int read_only_media;  /* on a file system mounted read-only */
};

/* Fill e with "path: what: sqlite's message" and return -1. */
int catalog_fail(struct catalog *c, struct err *e, const char *what);
int catalog_exec(struct catalog *c, const char *sql, struct err *e);

#endif
