/* query.c: what the screens read: the active pack, its nodes and pages. */
#include "catalog.h"
#include "internal.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define NODE_COLUMNS \
	"SELECT n.id, n.kind, n.pack_id, n.slug, g.lang, g.title, g.body, g.source, n.image," \
	" p.file, coalesce(par.slug, ''), n.ord, n.dir," \
	" EXISTS (SELECT 1 FROM warning x WHERE x.node_id = n.id)," \
	" EXISTS (SELECT 1 FROM narration a WHERE a.node_id = n.id AND a.lang = g.lang)" \
	" FROM node n JOIN page g ON g.node_id = n.id JOIN pack p ON p.id = n.pack_id" \
	" LEFT JOIN node par ON par.id = n.parent"

/* A text column; NULL for SQL NULL. SQLite hands out NULL for a value too when it
 * ran out of memory converting it (`*nomem` is then set): not the same thing as a
 * page without an image. */
static char *dup_col(sqlite3_stmt *st, int col, int *nomem)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	if (!s && sqlite3_column_type(st, col) != SQLITE_NULL)
		*nomem = 1;
	return s ? xstrdup(s) : NULL;
}

/* -1 when a column could not be had for want of memory (n filled all the same) */
static int read_node(sqlite3_stmt *st, struct cat_node *n)
{
	int nomem = 0;

	n->id = sqlite3_column_int64(st, 0);
	n->kind = sqlite3_column_int(st, 1);
	n->pack_id = dup_col(st, 2, &nomem);
	n->slug = dup_col(st, 3, &nomem);
	n->lang = dup_col(st, 4, &nomem);
	n->title = dup_col(st, 5, &nomem);
	n->body = dup_col(st, 6, &nomem);
	n->source = dup_col(st, 7, &nomem);
	n->image = dup_col(st, 8, &nomem);
	n->zip = dup_col(st, 9, &nomem);
	n->parent_slug = dup_col(st, 10, &nomem);
	n->ord = sqlite3_column_int(st, 11);
	n->dir = dup_col(st, 12, &nomem);
	n->warned = sqlite3_column_int(st, 13);
	n->narrated = sqlite3_column_int(st, 14);
	return nomem ? -1 : 0;
}

static int no_memory(struct catalog *c, struct err *e, const char *what)
{
	return fail(e, ERR_NOMEM, "%s: %s: out of memory", c->path, what);
}

void cat_node_release(struct cat_node *n)
{
	free(n->pack_id);
	free(n->slug);
	free(n->lang);
	free(n->title);
	free(n->body);
	free(n->source);
	free(n->image);
	free(n->zip);
	free(n->parent_slug);
	free(n->dir);
	memset(n, 0, sizeof(*n));
}

void cat_nodes_free(struct cat_node *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cat_node_release(&v[i]);
	free(v);
}

int catalog_active_pack(struct catalog *c, const char *today, struct catalog_pack *out, struct err *e)
{
	sqlite3_stmt *st;
	const char *id = NULL;
	char *copy = NULL;
	int rc;

	if (sqlite3_prepare_v2(c->db,
			       "SELECT id FROM pack WHERE (show_from IS NULL OR show_from <= ?1)"
			       " AND (show_until IS NULL OR show_until >= ?1)"
			       " ORDER BY installed_at DESC, id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading packs");
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		copy = xstrdup(id ? id : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return catalog_fail(c, e, "reading packs");
	if (!copy)
		return 0;
	rc = catalog_pack_get(c, copy, out, e);
	free(copy);
	return rc;
}

int catalog_node(struct catalog *c, const char *pack_id, const char *slug, const char *lang,
		 struct cat_node *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(c->db, NODE_COLUMNS " WHERE n.pack_id = ?1 AND n.slug = ?2 AND g.lang = ?3"
			       CATALOG_NOT_WITHDRAWN,
			       -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading a page");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = read_node(st, out) < 0 ? no_memory(c, e, "reading a page") : 1;
		if (rc < 0)
			cat_node_release(out);
	} else {
		rc = rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading a page");
	}
	sqlite3_finalize(st);
	return rc;
}

static int list(struct catalog *c, sqlite3_stmt *st, struct cat_node **out, size_t *n, struct err *e)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		memset(&(*out)[*n], 0, sizeof(**out));
		if (read_node(st, &(*out)[(*n)++]) < 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		cat_nodes_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc == SQLITE_ROW ? no_memory(c, e, "reading pages") : catalog_fail(c, e, "reading pages");
	}
	return 0;
}

int catalog_children(struct catalog *c, int64_t node_id, const char *lang, struct cat_node **out,
		     size_t *n, struct err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c->db, NODE_COLUMNS " WHERE n.parent = ?1 AND g.lang = ?2"
			       CATALOG_NOT_WITHDRAWN " ORDER BY n.ord, n.slug",
			       -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading pages");
	sqlite3_bind_int64(st, 1, node_id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	return list(c, st, out, n, e);
}

int catalog_exhibits(struct catalog *c, const char *pack_id, const char *lang, struct cat_node **out,
		     size_t *n, struct err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c->db, NODE_COLUMNS " WHERE n.pack_id = ?1 AND n.kind = 2 AND g.lang = ?2"
			       CATALOG_NOT_WITHDRAWN " ORDER BY par.ord, n.ord", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading pages");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	return list(c, st, out, n, e);
}

int catalog_media_size(struct catalog *c, const char *pack_id, const char *path, int *w, int *h,
		       struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*w = *h = 0;
	if (sqlite3_prepare_v2(c->db, "SELECT width, height FROM media WHERE pack_id = ?1 AND path = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading media");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*w = sqlite3_column_int(st, 0);
		*h = sqlite3_column_int(st, 1);
		rc = 1;
	} else {
		rc = rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading media");
	}
	sqlite3_finalize(st);
	return rc;
}
