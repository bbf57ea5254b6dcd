#include "catalog.h"
#include "internal.h"
#include "tokenize.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each step upgrades the schema from version i to i + 1, in one transaction. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE pack("
	"  id TEXT PRIMARY KEY, version TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,"
	"  languages TEXT NOT NULL, default_language TEXT NOT NULL,"
	"  show_from TEXT, show_until TEXT, signer TEXT, installed_at INTEGER NOT NULL);"
	"CREATE TABLE pack_title("
	"  pack_id TEXT NOT NULL REFERENCES pack(id), lang TEXT NOT NULL, title TEXT NOT NULL,"
	"  PRIMARY KEY(pack_id, lang));"
	"CREATE TABLE node("
	"  id INTEGER PRIMARY KEY, pack_id TEXT NOT NULL REFERENCES pack(id), slug TEXT NOT NULL,"
	"  kind INTEGER NOT NULL, parent INTEGER REFERENCES node(id), ord INTEGER NOT NULL,"
	"  dir TEXT NOT NULL, image TEXT, UNIQUE(pack_id, slug));"
	"CREATE INDEX node_parent ON node(parent, ord);"
	"CREATE TABLE page("
	"  id INTEGER PRIMARY KEY, node_id INTEGER NOT NULL REFERENCES node(id), lang TEXT NOT NULL,"
	"  title TEXT NOT NULL, body TEXT NOT NULL, source TEXT, plain TEXT NOT NULL, audio TEXT,"
	"  UNIQUE(node_id, lang));"
	"CREATE TABLE media("
	"  pack_id TEXT NOT NULL REFERENCES pack(id), path TEXT NOT NULL, type TEXT NOT NULL,"
	"  width INTEGER NOT NULL, height INTEGER NOT NULL, bytes INTEGER NOT NULL,"
	"  PRIMARY KEY(pack_id, path));"
	"CREATE VIRTUAL TABLE page_fts USING fts5(title, plain, content='page', content_rowid='id',"
	"  tokenize='kiosk');"
	"INSERT INTO page_fts(page_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');"
	"CREATE TRIGGER page_ai AFTER INSERT ON page BEGIN"
	"  INSERT INTO page_fts(rowid, title, plain) VALUES (new.id, new.title, new.plain); END;"
	"CREATE TRIGGER page_ad AFTER DELETE ON page BEGIN"
	"  INSERT INTO page_fts(page_fts, rowid, title, plain)"
	"  VALUES ('delete', old.id, old.title, old.plain); END;",
};

int catalog_fail(struct catalog *c, struct err *e, const char *what)
{
	return fail(e, ERR_IO, "%s: %s: %s", c->path, what, sqlite3_errmsg(c->db));
}

int catalog_exec(struct catalog *c, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fail(e, ERR_IO, "%s: %s", c->path, msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int user_version(struct catalog *c, int *v, struct err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading the schema version");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return catalog_fail(c, e, "reading the schema version");
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int upgrade(struct catalog *c, struct err *e)
{
	int v;
	char sql[64];
	const int latest = (int)(sizeof(migrations) / sizeof(*migrations));

	if (user_version(c, &v, e) < 0)
		return -1;
	if (v > latest)
		return fail(e, ERR_REFUSED, "%s: written by a newer kiosk (schema %d, this one knows %d)",
			    c->path, v, latest);
	if (v == latest)
		return 0;
	if (c->readonly)
		return fail(e, ERR_REFUSED, "%s: schema %d needs an upgrade to %d, and the catalog is read-only",
			    c->path, v, latest);
	if (catalog_exec(c, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	/* another process may have upgraded it while we waited for the lock */
	if (user_version(c, &v, e) < 0)
		goto rollback;
	for (; v < latest; v++) {
		if (catalog_exec(c, migrations[v], e) < 0)
			goto rollback;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (catalog_exec(c, sql, e) < 0)
			goto rollback;
	}
	return catalog_exec(c, "COMMIT", e);
rollback:
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* The file and its folder can both be written (SQLite creates -wal and -shm beside it). */
static int writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	int ok = access(path, W_OK) == 0 && access(*dir ? dir : "/", W_OK) == 0;

	free(dir);
	return ok;
}

int catalog_open(struct catalog **out, const char *path, int flags, struct err *e)
{
	struct catalog *c = xcalloc(1, sizeof(*c));
	int oflags = SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	c->path = xstrdup(path);
	c->readonly = (flags & CATALOG_READONLY) != 0;
	/* A reader that can write still opens read-write (with query_only on): the last
	 * connection to close then removes the -wal and -shm files, where a read-only one
	 * would leave them behind in the data folder. */
	if (c->readonly && !writable(path))
		oflags |= SQLITE_OPEN_READONLY;
	else if (c->readonly)
		oflags |= SQLITE_OPEN_READWRITE;
	else
		oflags |= SQLITE_OPEN_READWRITE | ((flags & CATALOG_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &c->db, oflags, NULL) != SQLITE_OK) {
		int code = sqlite3_errcode(c->db) == SQLITE_CANTOPEN ? ERR_NOTFOUND : ERR_IO;
		fail(e, code, "%s: cannot open the catalog: %s", path,
		     c->db ? sqlite3_errmsg(c->db) : "out of memory");
		catalog_close(c);
		return -1;
	}
	sqlite3_busy_timeout(c->db, 5000);
	sqlite3_extended_result_codes(c->db, 1);
	if (tokenize_register(c->db) < 0) {
		fail(e, ERR_IO, "%s: cannot register the search tokenizer", path);
		catalog_close(c);
		return -1;
	}
	/* synchronous=FULL: an install deletes the replaced pack file right after COMMIT,
	 * so COMMIT must be on disk by then */
	if (catalog_exec(c, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", e) < 0 ||
	    (c->readonly && catalog_exec(c, "PRAGMA query_only = ON", e) < 0) ||
	    (!c->readonly && catalog_exec(c, "PRAGMA journal_mode = WAL", e) < 0) ||
	    upgrade(c, e) < 0) {
		catalog_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void catalog_close(struct catalog *c)
{
	if (!c)
		return;
	if (c->db)
		sqlite3_close_v2(c->db);
	free(c->path);
	free(c);
}

int catalog_check(struct catalog *c, struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (sqlite3_prepare_v2(c->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "integrity check");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok")) {
			rc = fail(e, ERR_FORMAT, "%s: integrity check: %s", c->path, r);
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc == 0 && !c->readonly &&
	    catalog_exec(c, "INSERT INTO page_fts(page_fts, rank) VALUES ('integrity-check', 1)", e) < 0) {
		err_prefix(e, "search index");
		return -1;
	}
	return rc;
}
