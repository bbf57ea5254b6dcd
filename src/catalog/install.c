/* install.c: packs in and out of the catalog, each change in one transaction. */
#include "catalog.h"
#include "ahead.h"
#include "internal.h"
#include "tokenize.h"
#include "zbody.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "media/image.h"
#include "pack/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_col(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", s ? s : "");
}

#define PACK_COLUMNS \
	"SELECT p.id, p.version, p.file, p.sha256, p.languages, p.default_language," \
	" p.installed_at, (SELECT title FROM pack_title t WHERE t.pack_id = p.id AND t.lang = p.default_language)," \
	" (SELECT count(*) FROM node n WHERE n.pack_id = p.id AND n.kind = 1)," \
	" (SELECT count(*) FROM node n WHERE n.pack_id = p.id AND n.kind = 2) FROM pack p"

static void read_pack(sqlite3_stmt *st, struct catalog_pack *out)
{
	memset(out, 0, sizeof(*out));
	copy_col(out->id, sizeof(out->id), st, 0);
	copy_col(out->version, sizeof(out->version), st, 1);
	copy_col(out->file, sizeof(out->file), st, 2);
	copy_col(out->sha256, sizeof(out->sha256), st, 3);
	copy_col(out->languages, sizeof(out->languages), st, 4);
	copy_col(out->default_lang, sizeof(out->default_lang), st, 5);
	out->installed_at = sqlite3_column_int64(st, 6);
	copy_col(out->title, sizeof(out->title), st, 7);
	out->sections = sqlite3_column_int(st, 8);
	out->exhibits = sqlite3_column_int(st, 9);
}

int catalog_pack_get(struct catalog *c, const char *id, struct catalog_pack *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(c->db, PACK_COLUMNS " WHERE p.id = ?1", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading packs");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_pack(st, out);
		rc = 1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = catalog_fail(c, e, "reading packs");
	}
	sqlite3_finalize(st);
	return rc;
}

int catalog_pack_list(struct catalog *c, struct catalog_pack **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(c->db, PACK_COLUMNS " ORDER BY p.id", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading packs");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		read_pack(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return catalog_fail(c, e, "reading packs");
	}
	return 0;
}

int catalog_pack_files(struct catalog *c, char ***out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(c->db, "SELECT file FROM pack", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading packs");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading packs");
}

static const char *const delete_pack_sql =
	"DELETE FROM page WHERE node_id IN (SELECT id FROM node WHERE pack_id = ?1);"
	"DELETE FROM media WHERE pack_id = ?1;"
	"DELETE FROM exhibit_range WHERE pack_id = ?1;"
	"DELETE FROM node WHERE pack_id = ?1;"
	"DELETE FROM pack_title WHERE pack_id = ?1;"
	"DELETE FROM pack WHERE id = ?1;";

/* Run each statement of a multi-statement SQL text with ?1 bound to id. */
static int exec_with_id(struct catalog *c, const char *sql, const char *id, struct err *e)
{
	const char *tail = sql;

	while (tail && *tail) {
		sqlite3_stmt *st;
		int rc;
		if (sqlite3_prepare_v2(c->db, tail, -1, &st, &tail) != SQLITE_OK)
			return catalog_fail(c, e, "removing a pack");
		if (!st)
			break;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return catalog_fail(c, e, "removing a pack");
	}
	return 0;
}

static int step_done(struct catalog *c, sqlite3_stmt *st, struct err *e, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(c, e, what);
	return 0;
}

struct inserts {
	sqlite3_stmt *pack, *title, *node, *page, *media, *fts, *range;
	struct zbody *z;
};

static void finalize_all(struct inserts *s)
{
	sqlite3_finalize(s->pack);
	sqlite3_finalize(s->title);
	sqlite3_finalize(s->node);
	sqlite3_finalize(s->page);
	sqlite3_finalize(s->media);
	sqlite3_finalize(s->fts);
	sqlite3_finalize(s->range);
	zbody_free(s->z);
	s->z = NULL;
}

static int prepare_all(struct catalog *c, struct inserts *s, struct err *e)
{
	memset(s, 0, sizeof(*s));
	s->z = zbody_new();
	if (sqlite3_prepare_v2(c->db,
			       "INSERT INTO pack(id, version, file, sha256, languages, default_language,"
			       " show_from, show_until, signer, installed_at)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &s->pack, NULL) ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO pack_title(pack_id, lang, title) VALUES (?1, ?2, ?3)",
			       -1, &s->title, NULL) ||
	    sqlite3_prepare_v2(c->db,
			       "INSERT INTO node(pack_id, slug, kind, parent, ord, dir, image)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &s->node, NULL) ||
	    sqlite3_prepare_v2(c->db,
			       "INSERT INTO page(node_id, lang, title, body, source, plain, audio)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &s->page, NULL) ||
	    sqlite3_prepare_v2(c->db,
			       "INSERT INTO media(pack_id, path, type, width, height, bytes)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &s->media, NULL) ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO page_fts(rowid, title, plain) VALUES (?1, ?2, ?3)",
			       -1, &s->fts, NULL) ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO exhibit_range(pack_id, lang, lo, hi) VALUES (?1, ?2, ?3, ?4)",
			       -1, &s->range, NULL)) {
		catalog_fail(c, e, "preparing the install");
		finalize_all(s);
		return -1;
	}
	return 0;
}

static int text_len(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n > (size_t)0x7fffffff ? 0 : (int)n;
}

static int insert_pack(struct catalog *c, struct inserts *s, const struct pack *p, const char *file,
		       const char *sha256, int64_t now, struct err *e)
{
	struct buf langs = BUF_INIT;
	sqlite3_int64 *ids = xcalloc(p->nnodes ? p->nnodes : 1, sizeof(*ids));
	/* the pages' compressed text and search tokens, worked out on a second thread
	 * meanwhile */
	struct ahead *ah = ahead_start(p);
	int rc = -1;

	for (size_t i = 0; i < p->nlangs; i++) {
		if (i)
			buf_adds(&langs, ",");
		buf_adds(&langs, p->langs[i]);
	}
	sqlite3_bind_text(s->pack, 1, p->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 2, p->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 3, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 4, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 5, langs.data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 6, p->default_lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 7, p->show_from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 8, p->show_until, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->pack, 9, p->signer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->pack, 10, now);
	if (step_done(c, s->pack, e, "adding the pack") < 0)
		goto out;
	for (size_t i = 0; i < p->nlangs; i++) {
		sqlite3_bind_text(s->title, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->title, 2, p->langs[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(s->title, 3, p->titles[i], -1, SQLITE_STATIC);
		if (step_done(c, s->title, e, "adding the pack's titles") < 0)
			goto out;
	}
	/* one language after the other, so that each one's pages have ids in a run
	 * (see exhibit_range); the nodes come with the first */
	for (size_t l = 0; l < p->nlangs; l++) {
		sqlite3_int64 lo = 0, hi = 0;
		for (size_t i = 0; i < p->nnodes; i++) {
			const struct pack_node *n = &p->nodes[i];
			const struct pack_page *pg = &n->pages[l];
			const void *body;
			size_t body_len;
			sqlite3_int64 id;
			const struct token_list *title_tokens = NULL, *plain_tokens = NULL;
			if (l == 0) {
				sqlite3_bind_text(s->node, 1, p->id, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->node, 2, n->slug, -1, SQLITE_STATIC);
				sqlite3_bind_int(s->node, 3, n->kind);
				if (n->parent >= 0)
					sqlite3_bind_int64(s->node, 4, ids[n->parent]);
				else
					sqlite3_bind_null(s->node, 4);
				sqlite3_bind_int64(s->node, 5, n->order);
				sqlite3_bind_text(s->node, 6, n->dir, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->node, 7, n->image, -1, SQLITE_STATIC);
				if (step_done(c, s->node, e, "adding a node") < 0)
					goto out;
				ids[i] = sqlite3_last_insert_rowid(c->db);
			}
			sqlite3_bind_int64(s->page, 1, ids[i]);
			sqlite3_bind_text(s->page, 2, p->langs[l], -1, SQLITE_STATIC);
			sqlite3_bind_text(s->page, 3, pg->title, -1, SQLITE_STATIC);
			if (ah && !ahead_next(ah, &body, &body_len, &title_tokens, &plain_tokens))
				body = NULL; /* (not past the last: as many as the pages) */
			else if (!ah)
				body = zbody_page(s->z, pg->text, pg->len, pg->deflate, pg->deflate_len,
						  pg->deflate_crc, &body_len);
			if (!body) {
				fail(e, ERR_NOMEM, "%s: adding a page: cannot compress its text", c->path);
				goto out;
			}
			sqlite3_bind_blob(s->page, 4, body, (int)body_len, SQLITE_STATIC);
			sqlite3_bind_text(s->page, 5, pg->source, -1, SQLITE_STATIC);
			sqlite3_bind_text(s->page, 6, pg->plain, (int)pg->plain_len, SQLITE_STATIC);
			sqlite3_bind_text(s->page, 7, n->audio[l], -1, SQLITE_STATIC);
			if (step_done(c, s->page, e, "adding a page") < 0)
				goto out;
			if (n->kind != NODE_EXHIBIT)
				continue;
			/* the values the view exhibit_page gives, which FTS5 reads back */
			id = sqlite3_last_insert_rowid(c->db);
			sqlite3_bind_int64(s->fts, 1, id);
			sqlite3_bind_text(s->fts, 2, pg->title, -1, SQLITE_STATIC);
			sqlite3_bind_text(s->fts, 3, pg->plain, (int)pg->plain_len, SQLITE_STATIC);
			if (title_tokens && plain_tokens) {
				tokenize_expect(c->replay, 0, pg->title, text_len(pg->title), title_tokens);
				tokenize_expect(c->replay, 1, pg->plain, (int)pg->plain_len, plain_tokens);
			}
			rc = step_done(c, s->fts, e, "indexing a page");
			tokenize_expect(c->replay, 0, NULL, 0, NULL);
			tokenize_expect(c->replay, 1, NULL, 0, NULL);
			if (rc < 0)
				goto out;
			rc = -1;
			if (!lo || id < lo)
				lo = id;
			if (id > hi)
				hi = id;
		}
		if (!lo)
			continue;
		sqlite3_bind_text(s->range, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->range, 2, p->langs[l], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->range, 3, lo);
		sqlite3_bind_int64(s->range, 4, hi);
		if (step_done(c, s->range, e, "adding the pack's search ranges") < 0)
			goto out;
	}
	for (size_t i = 0; i < p->nimages; i++) {
		const struct pack_image *im = &p->images[i];
		sqlite3_bind_text(s->media, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->media, 2, im->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->media, 3, image_type_name(im->type), -1, SQLITE_STATIC);
		sqlite3_bind_int(s->media, 4, im->w);
		sqlite3_bind_int(s->media, 5, im->h);
		sqlite3_bind_int64(s->media, 6, (sqlite3_int64)im->bytes);
		if (step_done(c, s->media, e, "adding an image") < 0)
			goto out;
	}
	rc = 0;
out:
	ahead_stop(ah);
	free(ids);
	buf_release(&langs);
	return rc;
}

int catalog_install(struct catalog *c, const struct pack *p, const char *file, const char *sha256,
		    int64_t now, int (*commit_hook)(void *ctx, struct err *e), void *ctx,
		    char *replaced, size_t replaced_size, struct err *e)
{
	struct catalog_pack old;
	struct inserts s;
	int had;

	if (replaced_size)
		replaced[0] = 0;
	if (c->readonly)
		return fail(e, ERR_REFUSED, "%s: the catalog is read-only", c->path);
	if (catalog_exec(c, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	had = catalog_pack_get(c, p->id, &old, e);
	if (had < 0)
		goto rollback;
	if (had && exec_with_id(c, delete_pack_sql, p->id, e) < 0)
		goto rollback;
	if (prepare_all(c, &s, e) < 0)
		goto rollback;
	if (insert_pack(c, &s, p, file, sha256, now, e) < 0 || catalog_install_extras(c, p, now, e) < 0) {
		finalize_all(&s);
		goto rollback;
	}
	finalize_all(&s);
	if (commit_hook && commit_hook(ctx, e) < 0)
		goto rollback;
	if (catalog_exec(c, "COMMIT", e) < 0)
		goto rollback;
	if (had && replaced_size && strcmp(old.file, file))
		snprintf(replaced, replaced_size, "%s", old.file);
	return 0;
rollback:
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int catalog_remove(struct catalog *c, const char *id, char *file, size_t file_size, struct err *e)
{
	struct catalog_pack old;
	int had;

	if (c->readonly)
		return fail(e, ERR_REFUSED, "%s: the catalog is read-only", c->path);
	if (catalog_exec(c, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	had = catalog_pack_get(c, id, &old, e);
	if (had <= 0) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return had < 0 ? -1 : fail(e, ERR_NOTFOUND, "no pack '%s' is installed", id);
	}
	if (exec_with_id(c, delete_pack_sql, id, e) < 0 || catalog_exec(c, "COMMIT", e) < 0) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	snprintf(file, file_size, "%s", old.file);
	return 0;
}
