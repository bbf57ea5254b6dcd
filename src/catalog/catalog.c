#include "catalog.h"
#include "internal.h"
#include "tokenize.h"
#include "zbody.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	/* The search index covers exhibit pages only (search returns exhibits), so that a
	 * search ranks and stops inside FTS5 without a join per match. An install writes
	 * each language's pages in a run of ids, and exhibit_range keeps each run's
	 * first and last exhibit page: a search in one language is a rowid range, which
	 * FTS5 seeks to, rather than a filter on every match. */
	"CREATE VIEW exhibit_page AS SELECT g.id AS id, g.title AS title, g.plain AS plain"
	"  FROM page g JOIN node n ON n.id = g.node_id WHERE n.kind = 2;"
	"CREATE VIRTUAL TABLE page_fts USING fts5(title, plain, content='exhibit_page',"
	"  content_rowid='id', tokenize='kiosk');"
	"INSERT INTO page_fts(page_fts, rank) VALUES ('rank', 'kiosk_rank(5.0, 1.0)');"
	/* FTS5 keeps this much of an install's index in memory before writing a segment
	 * (1 MB by default): 10,000 exhibits then make 2 segments instead of 60 that are
	 * merged and merged again, and searches look in fewer places */
	"INSERT INTO page_fts(page_fts, rank) VALUES ('hashsize', 67108864);"
	"CREATE TABLE exhibit_range("
	"  pack_id TEXT NOT NULL REFERENCES pack(id), lang TEXT NOT NULL,"
	"  lo INTEGER NOT NULL, hi INTEGER NOT NULL, PRIMARY KEY(pack_id, lang));"
	/* pages enter the index from catalog_install (a trigger would make each insert a
	 * statement transaction, and FTS5 writes its pending terms out at every one) */
	"CREATE TRIGGER page_ad AFTER DELETE ON page"
	"  WHEN (SELECT kind FROM node WHERE id = old.node_id) = 2 BEGIN"
	"  INSERT INTO page_fts(page_fts, rowid, title, plain)"
	"  VALUES ('delete', old.id, old.title, old.plain); END;",
	/* 1 -> 2: the index finds candidates only (search.c matches each), so it keeps
	 * no positions (detail=none: a seventh of the size, and a faster install), and
	 * it has the tokens of the folded words and the initial consonants (tokenize.h).
	 * Made again from the pages. */
	"DROP TRIGGER page_ad;"
	"DROP TABLE page_fts;"
	"CREATE VIRTUAL TABLE page_fts USING fts5(title, plain, content='exhibit_page',"
	"  content_rowid='id', tokenize='kiosk', detail=none, columnsize=0);"
	"INSERT INTO page_fts(page_fts, rank) VALUES ('hashsize', 67108864);"
	"INSERT INTO page_fts(page_fts) VALUES ('rebuild');"
	"CREATE TRIGGER page_ad AFTER DELETE ON page"
	"  WHEN (SELECT kind FROM node WHERE id = old.node_id) = 2 BEGIN"
	"  INSERT INTO page_fts(page_fts, rowid, title, plain)"
	"  VALUES ('delete', old.id, old.title, old.plain); END;",
	/* 2 -> 3: the pages' Markdown compressed (zbody.h); query.c reads text too */
	"UPDATE page SET body = kiosk_zbody(body) WHERE typeof(body) = 'text';",
	/* 3 -> 4: narration, content warnings and withdrawals (extras.c). A withdrawal
	 * names a pack and slug, not a node: it holds for packs installed later, and
	 * outlives the pack that made it */
	"CREATE TABLE narration("
	"  node_id INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	"  audio TEXT NOT NULL, cues TEXT, duration_ms INTEGER NOT NULL, PRIMARY KEY(node_id, lang));"
	"CREATE TABLE warning("
	"  node_id INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	"  text TEXT NOT NULL, PRIMARY KEY(node_id, lang));"
	"CREATE TABLE withdrawal("
	"  pack_id TEXT NOT NULL, slug TEXT NOT NULL, by_pack TEXT NOT NULL, at INTEGER NOT NULL,"
	"  PRIMARY KEY(pack_id, slug));",
	/* 4 -> 5: the text for search has the pictures' alternative texts
	 * (pack_search_text): made again from each page's Markdown, then the index
	 * from the text */
	("UPDATE page SET plain = kiosk_plain(body, source IS NOT NULL, plain);"
	 "INSERT INTO page_fts(page_fts) VALUES ('rebuild');"),
	/* 5 -> 6: a page's body may also be a gzip member (zbody.h). Nothing changes in
	 * the tables; the number keeps a kiosk that reads only zstd from such a catalog */
	"SELECT 1;",
};

/* kiosk_zbody(text): the compressed form of a page's Markdown, for the upgrade to
 * schema 3. */
static void sql_zbody(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct zbody *z = zbody_new();
	const void *out;
	size_t n;

	(void)argc;
	out = zbody_pack(z, (const char *)sqlite3_value_text(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), &n);
	if (out)
		sqlite3_result_blob(ctx, out, (int)n, SQLITE_TRANSIENT);
	else
		sqlite3_result_error_nomem(ctx);
	zbody_free(z);
}

/* kiosk_plain(body, has_source, plain): a page's text for search (pack_search_text)
 * from its compressed Markdown, for the upgrade to schema 5. A body that cannot be
 * read (a damaged catalog, which catalog_check reports) keeps its text as it was;
 * want of memory is an error, which rolls the upgrade back for a later open. */
static void sql_plain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct buf out = BUF_INIT;
	struct md_doc doc;
	int nomem = 0;
	char *md;

	(void)argc;
	md = sqlite3_value_type(argv[0]) == SQLITE_TEXT
		     ? xstrdup((const char *)sqlite3_value_text(argv[0]))
		     : zbody_unpack(NULL, sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), &nomem);
	if (!md) {
		if (nomem)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_value(ctx, argv[2]);
		return;
	}
	md_parse(md, strlen(md), "", &doc, NULL);
	pack_search_text(&doc, sqlite3_value_int(argv[1]), &out);
	sqlite3_result_text(ctx, out.data ? out.data : "", (int)out.len, SQLITE_TRANSIENT);
	md_release(&doc);
	buf_release(&out);
	free(md);
}

int catalog_fail(struct catalog *c, struct err *e, const char *what)
{
	int code = (sqlite3_errcode(c->db) & 0xff) == SQLITE_NOMEM ? ERR_NOMEM : ERR_IO;
	return fail(e, code, "%s: %s: %s", c->path, what, sqlite3_errmsg(c->db));
}

sqlite3_stmt *catalog_stmt(struct catalog *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < c->nstmts; i++)
		if (c->stmts[i].sql == sql || !strcmp(c->stmts[i].sql, sql))
			break;
	if (i < c->nstmts && !c->stmts[i].busy) {
		c->stmts[i].busy = 1;
		return c->stmts[i].st;
	}
	if (i == c->nstmts && c->nstmts < CATALOG_STMTS) {
		if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
			return NULL;
		c->stmts[c->nstmts++] = (struct catalog_stmt){ sql, st, 1 };
		return st;
	}
	/* out already (a query inside the loop of the same query), or no room */
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	return st;
}

void catalog_stmt_done(struct catalog *c, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < c->nstmts; i++)
		if (c->stmts[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->stmts[i].busy = 0;
			return;
		}
	sqlite3_finalize(st);
}

int catalog_exec(struct catalog *c, const char *sql, struct err *e)
{
	char *msg = NULL;

	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		fail(e, (rc & 0xff) == SQLITE_NOMEM ? ERR_NOMEM : ERR_IO, "%s: %s", c->path,
		     msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The version of the search index's tokens in the table search_index: -1 when
 * there is none, -2 when the catalog cannot be read (catalog_check says why). */
static int index_version(struct catalog *c)
{
	sqlite3_stmt *st;
	int v = -2;

	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'search_index'", -1, &st,
			       NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0) ? -2 : -1;
	sqlite3_finalize(st);
	if (v == -1 || sqlite3_prepare_v2(c->db, "SELECT tokens FROM search_index", -1, &st, NULL) != SQLITE_OK)
		return v;
	v = -1;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW: v = sqlite3_column_int(st, 0); break;
	case SQLITE_DONE: break;
	default: v = -2; break;
	}
	sqlite3_finalize(st);
	return v;
}

/* The tokens of the search index change with the program (TOKENIZE_VERSION), apart
 * from the schema: a catalog whose index has other tokens than this program's has
 * it made again from the pages, in one transaction, when a connection that can
 * write opens it (FTS5 must remove a page's tokens with the tokenizer that added
 * them). A catalog that cannot be written, or read (kiosk doctor reports that),
 * keeps its index: a search then finds what its tokens can find. */
static int index_current(struct catalog *c, struct err *e)
{
	char sql[96];
	int v;

	if (!c->can_write || (v = index_version(c)) == TOKENIZE_VERSION || v == -2)
		return 0;
	if (catalog_exec(c, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	snprintf(sql, sizeof(sql), "INSERT INTO search_index(tokens) VALUES (%d)", TOKENIZE_VERSION);
	/* another process may have done it while we waited for the lock */
	if ((v = index_version(c)) != TOKENIZE_VERSION && v != -2 &&
	    (catalog_exec(c, "CREATE TABLE IF NOT EXISTS search_index(tokens INTEGER NOT NULL);"
			     "INSERT INTO page_fts(page_fts) VALUES ('rebuild');"
			     "DELETE FROM search_index;", e) < 0 ||
	     catalog_exec(c, sql, e) < 0)) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		err_prefix(e, "making the search index again");
		return -1;
	}
	return catalog_exec(c, "COMMIT", e);
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
	/* no schema: an empty file or another program's database. Only a catalog
	 * being made gets one; a reader that gave it one would turn a catalog cut to
	 * nothing into an empty catalog, and every installed pack into a leftover */
	if (v == 0 && !c->create)
		return fail(e, ERR_FORMAT, "%s: not a kiosk catalog: it has no tables (an empty file?)", c->path);
	/* schema 5 changed only the text for search (the pictures' alternative texts),
	 * and 6 only what a body may hold: a catalog of schema 4 or 5 that cannot be
	 * written is read as it is */
	if (!c->can_write && v >= 4)
		return 0;
	if (!c->can_write)
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
	if (catalog_exec(c, "COMMIT", e) < 0)
		goto rollback;
	return c->readonly ? catalog_exec(c, "PRAGMA query_only = ON", e) : 0;
rollback:
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	if (c->readonly)
		sqlite3_exec(c->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
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

/* "file:PATH?immutable=1", the path percent-encoded as a URI needs. */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *u = xmalloc(n * 3 + 32), *q = u;

	q += sprintf(q, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._-~", *p)) {
			*q++ = (char)*p;
		} else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 15];
		}
	}
	strcpy(q, "?immutable=1");
	return u;
}

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* A catalog on a file system mounted read-only. SQLite cannot make the -shm file
 * a WAL reader needs there, so a catalog closed cleanly (no -wal left) is opened
 * immutable: nothing can change it while the mount is read-only. One whose last
 * writer was cut off left a -wal with committed changes that an immutable open
 * would not see; with its -shm beside it SQLite reads both, without it they
 * cannot be read until the folder is writable again. */
static int open_read_only_media(struct catalog *c, struct err *e)
{
	char *wal = xasprintf("%s-wal", c->path), *shm = xasprintf("%s-shm", c->path), *uri = NULL;
	int rc;

	c->read_only_media = 1;
	if (file_size(wal) > 0 && file_size(shm) < 0) {
		free(wal);
		free(shm);
		return fail(e, ERR_IO, "%s: on a read-only file system with changes still in %s-wal: "
			    "mount it writable once so that they can be written in", c->path, c->path);
	}
	if (file_size(wal) > 0)
		rc = sqlite3_open_v2(c->path, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	else
		rc = sqlite3_open_v2(uri = immutable_uri(c->path), &c->db,
				     SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	free(wal);
	free(shm);
	return rc;
}

int catalog_open(struct catalog **out, const char *path, int flags, struct err *e)
{
	struct catalog *c = xcalloc(1, sizeof(*c));
	int oflags = SQLITE_OPEN_NOMUTEX, rc;

	*out = NULL;
	c->path = xstrdup(path);
	c->readonly = (flags & CATALOG_READONLY) != 0;
	c->create = !c->readonly && (flags & CATALOG_CREATE);
	c->build = c->create && (flags & CATALOG_BUILD);
	c->zreader = zbody_reader_new();
	/* A reader that can write still opens read-write (with query_only on): the last
	 * connection to close then removes the -wal and -shm files, where a read-only one
	 * would leave them behind in the data folder. */
	if (c->readonly && !writable(path)) {
		rc = fs_read_only(path) ? open_read_only_media(c, e)
					: sqlite3_open_v2(path, &c->db, oflags | SQLITE_OPEN_READONLY, NULL);
		if (rc < 0) {
			catalog_close(c);
			return -1;
		}
	} else {
		oflags |= SQLITE_OPEN_READWRITE;
		if (!c->readonly && (flags & CATALOG_CREATE))
			oflags |= SQLITE_OPEN_CREATE;
		rc = sqlite3_open_v2(path, &c->db, oflags, NULL);
	}
	if (rc != SQLITE_OK) {
		int code = sqlite3_errcode(c->db) == SQLITE_CANTOPEN ? ERR_NOTFOUND : ERR_IO;
		fail(e, code, "%s: cannot open the catalog: %s", path,
		     c->db ? sqlite3_errmsg(c->db) : "out of memory");
		catalog_close(c);
		return -1;
	}
	sqlite3_busy_timeout(c->db, 5000);
	sqlite3_extended_result_codes(c->db, 1);
	if (tokenize_register(c->db, &c->replay) < 0 ||
	    sqlite3_create_function(c->db, "kiosk_zbody", 1, SQLITE_UTF8, NULL, sql_zbody, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(c->db, "kiosk_plain", 3, SQLITE_UTF8, NULL, sql_plain, NULL, NULL) != SQLITE_OK) {
		fail(e, ERR_IO, "%s: cannot register the search tokenizer", path);
		catalog_close(c);
		return -1;
	}
	/* synchronous=FULL: an install deletes the replaced pack file right after COMMIT,
	 * so COMMIT must be on disk by then */
	c->can_write = (oflags & SQLITE_OPEN_READWRITE) != 0;
	if (catalog_exec(c, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", e) < 0 ||
	    /* a new catalog: pages of 64 KiB, the largest, hold a page row (some 3.5
	     * KiB, its Markdown compressed) without overflow pages and waste half a row
	     * each, where 8 KiB pages hold one or two and waste a third of the file;
	     * no-op otherwise. The cache's default of 2,000 KiB is counted in pages of
	     * the size at open (4 KiB): set again, or this connection would keep 500
	     * pages of 64 KiB (a first install: 32 MB more at its peak, and no faster) */
	    (!c->readonly && (flags & CATALOG_CREATE) &&
	     catalog_exec(c, "PRAGMA page_size = 65536; PRAGMA cache_size = -2000", e) < 0) ||
	    (!c->readonly && catalog_exec(c, c->build ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL",
					  e) < 0) ||
	    /* a reader that can write upgrades too: the kiosk goes on showing its packs
	     * after the program was upgraded */
	    upgrade(c, e) < 0 || index_current(c, e) < 0 ||
	    (c->readonly && catalog_exec(c, "PRAGMA query_only = ON", e) < 0) ||
	    /* readers (the kiosk, search) map the file rather than read it page by page */
	    (c->readonly && catalog_exec(c, "PRAGMA mmap_size = 268435456", e) < 0)) {
		int code = sqlite3_errcode(c->db) & 0xff;
		if (c->readonly && e && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || e->code == ERR_FORMAT))
			/* what a reader cannot do, the next writer does (installer_recover) */
			snprintf(e->msg + strlen(e->msg), sizeof(e->msg) - strlen(e->msg),
				 " (the next kiosk start, pack install or pack remove makes it again from the packs; "
				 "kiosk doctor says more)");
		catalog_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int catalog_probe(const char *path, int deep, struct err *e)
{
	unsigned char h[100];
	struct stat st;
	sqlite3 *db = NULL;
	sqlite3_stmt *st_files = NULL;
	char *wal;
	int fd, rc, code;
	ssize_t got;

	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			return CATALOG_MISSING;
		return fail(e, ERR_IO, "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return fail(e, ERR_IO, "%s: not a regular file", path);
	if (st.st_size == 0)
		return fail(e, ERR_FORMAT, "%s: empty file", path), CATALOG_DAMAGED;
	/* no open(2) of the file beyond this: its close(2) would drop every POSIX lock
	 * this process holds on it, those of an open connection among them (SQLite's
	 * "how to corrupt an SQLite database file", 2.2.1) */
	if (!deep)
		return CATALOG_FOUND;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(e, ERR_IO, "%s: %s", path, strerror(errno));
	got = pread(fd, h, sizeof(h), 0);
	close(fd);
	if (got < 0)
		return fail(e, ERR_IO, "%s: %s", path, strerror(errno));
	if (got < (ssize_t)sizeof(h) || memcmp(h, "SQLite format 3", 16))
		return fail(e, ERR_FORMAT, "%s: not an SQLite database", path), CATALOG_DAMAGED;
	/* the page count in the header is valid when its change counter (24) matches
	 * "version-valid-for" (92); a -wal beside the file may hold pages past its end */
	wal = xasprintf("%s-wal", path);
	if (be32(h + 24) == be32(h + 92) && file_size(wal) <= 0) {
		long long page = h[16] << 8 | h[17], want;
		if (page == 1)
			page = 65536;
		want = (long long)be32(h + 28) * page;
		if (page >= 512 && want > st.st_size) {
			free(wal);
			return fail(e, ERR_FORMAT, "%s: cut short: %lld bytes of the %lld its header gives", path,
				    (long long)st.st_size, want), CATALOG_DAMAGED;
		}
	}
	free(wal);
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		rc = sqlite3_exec(db, "PRAGMA query_only = ON", NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT id, version, file FROM pack", -1, &st_files, NULL);
	while (rc == SQLITE_OK && (code = sqlite3_step(st_files)) == SQLITE_ROW)
		;
	if (rc == SQLITE_OK && code != SQLITE_DONE)
		rc = code;
	code = rc & 0xff;
	if (rc == SQLITE_OK) {
		rc = CATALOG_FOUND;
	} else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB ||
		   (code == SQLITE_ERROR && strstr(sqlite3_errmsg(db), "no such table"))) {
		fail(e, ERR_FORMAT, "%s: %s", path, sqlite3_errmsg(db));
		rc = CATALOG_DAMAGED;
	} else {
		rc = fail(e, ERR_IO, "%s: cannot read the catalog: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
	}
	sqlite3_finalize(st_files);
	sqlite3_close_v2(db);
	return rc;
}

int catalog_read_only_media(const struct catalog *c)
{
	return c->read_only_media;
}

void catalog_close(struct catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nstmts; i++)
		sqlite3_finalize(c->stmts[i].st);
	if (c->db)
		sqlite3_close_v2(c->db);
	zbody_reader_free(c->zreader);
	free(c->path);
	free(c);
}

int catalog_finish(struct catalog *c, struct err *e)
{
	char *wal, *journal;
	int rc = 0;

	if (!c)
		return 0;
	wal = xasprintf("%s-wal", c->path);
	journal = xasprintf("%s-journal", c->path);
	if (!c->build)
		rc = fail(e, ERR_IO, "%s: not a catalog being built", c->path);
	else if (!sqlite3_get_autocommit(c->db))
		rc = fail(e, ERR_IO, "%s: a transaction is still open", c->path);
	else {
		sqlite3_stmt *st = NULL;
		char mode[16] = "";
		/* the mode it is in afterwards: the old one when it could not switch. The
		 * header that says so is written and synced when the statement ends, so
		 * the finalize's result counts too */
		if (sqlite3_prepare_v2(c->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(st, 0));
		if (sqlite3_finalize(st) != SQLITE_OK || strcmp(mode, "wal"))
			rc = fail(e, ERR_IO, "%s: cannot switch the new catalog to WAL mode: %s", c->path,
				  sqlite3_errcode(c->db) != SQLITE_OK ? sqlite3_errmsg(c->db) : mode);
	}
	for (size_t i = 0; i < c->nstmts; i++)
		sqlite3_finalize(c->stmts[i].st);
	c->nstmts = 0;
	/* the last connection to close checkpoints the WAL (empty here) and deletes it */
	if (sqlite3_close(c->db) != SQLITE_OK) {
		if (!rc)
			rc = fail(e, ERR_IO, "%s: cannot close the new catalog: %s", c->path, sqlite3_errmsg(c->db));
		sqlite3_close_v2(c->db);
	}
	c->db = NULL;
	if (!rc && (fs_exists(wal) || fs_exists(journal)))
		rc = fail(e, ERR_IO, "%s: the new catalog could not be written out", c->path);
	free(wal);
	free(journal);
	catalog_close(c);
	return rc;
}

/* Every page's Markdown reads back (zbody.h): a body that SQLite keeps whole but
 * that does not decompress is a page the kiosk cannot show. */
static int check_bodies(struct catalog *c, struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0, step;

	if (sqlite3_prepare_v2(c->db,
			       "SELECT n.pack_id, n.slug, g.lang, g.body FROM page g JOIN node n ON n.id = g.node_id"
			       " WHERE typeof(g.body) = 'blob' ORDER BY g.id",
			       -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "checking the pages");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const void *body = sqlite3_column_blob(st, 3);
		int n = sqlite3_column_bytes(st, 3), nomem = !body && n > 0; /* (an empty blob is NULL) */
		char *text = body ? zbody_unpack(c->zreader, body, (size_t)n, &nomem) : NULL;
		const char *pack, *slug, *lang;
		if (text) {
			free(text);
			continue;
		}
		pack = (const char *)sqlite3_column_text(st, 0);
		slug = (const char *)sqlite3_column_text(st, 1);
		lang = (const char *)sqlite3_column_text(st, 2);
		if (nomem || !pack || !slug || !lang)
			rc = fail(e, ERR_NOMEM, "%s: checking the pages: out of memory", c->path);
		else
			rc = fail(e, ERR_FORMAT, "%s: the text of page '%s' (%s) of pack %s is damaged", c->path,
				  *slug ? slug : "(home)", lang, pack);
		break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = catalog_fail(c, e, "checking the pages");
	sqlite3_finalize(st);
	return rc;
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
	return rc ? rc : check_bodies(c, e);
}
