/* query.c: what the screens read: the active pack, its nodes and pages. */
#include "catalog.h"
#include "internal.h"
#include "zbody.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODE_COLUMNS \
	"SELECT n.id, n.kind, n.pack_id, n.slug, g.lang, g.title, g.body, g.source, n.image," \
	" p.file, coalesce(par.slug, ''), n.ord, n.dir," \
	" EXISTS (SELECT 1 FROM warning x WHERE x.node_id = n.id)," \
	" EXISTS (SELECT 1 FROM narration a WHERE a.node_id = n.id AND a.lang = g.lang)" \
	" FROM node n JOIN page g ON g.node_id = n.id JOIN pack p ON p.id = n.pack_id" \
	" LEFT JOIN node par ON par.id = n.parent"
/* The same columns without the page (title, text and source NULL, narration 0),
 * for nodes that have one in ?2: what a list of many exhibits needs. The page
 * table, which holds the text, is not read: its (node_id, lang) index answers. */
#define NODE_LIST_COLUMNS \
	"SELECT n.id, n.kind, n.pack_id, n.slug, ?2, NULL, NULL, NULL, n.image," \
	" p.file, coalesce(par.slug, ''), n.ord, n.dir," \
	" EXISTS (SELECT 1 FROM warning x WHERE x.node_id = n.id), 0" \
	" FROM node n JOIN pack p ON p.id = n.pack_id" \
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

/* The page's Markdown: a body of zbody.h (a zstd frame or a gzip member), or text
 * as schema 1 wrote it; NULL with *bad set when the body is damaged. */
static char *body_col(void *zreader, sqlite3_stmt *st, int col, int *nomem, int *bad)
{
	const void *b;

	if (sqlite3_column_type(st, col) != SQLITE_BLOB)
		return dup_col(st, col, nomem);
	b = sqlite3_column_blob(st, col);
	if (!b) {
		*nomem = 1;
		return NULL;
	}
	b = zbody_unpack(zreader, b, (size_t)sqlite3_column_bytes(st, col), nomem);
	if (!b && !*nomem)
		*bad = 1;
	return (char *)b;
}

/* -1 when a column could not be had for want of memory, -2 when the page's text is
 * damaged (n filled all the same) */
static int read_node(struct catalog *c, sqlite3_stmt *st, struct cat_node *n)
{
	int nomem = 0, bad = 0;

	n->id = sqlite3_column_int64(st, 0);
	n->kind = sqlite3_column_int(st, 1);
	n->pack_id = dup_col(st, 2, &nomem);
	n->slug = dup_col(st, 3, &nomem);
	n->lang = dup_col(st, 4, &nomem);
	n->title = dup_col(st, 5, &nomem);
	n->body = body_col(c->zreader, st, 6, &nomem, &bad);
	n->source = dup_col(st, 7, &nomem);
	n->image = dup_col(st, 8, &nomem);
	n->zip = dup_col(st, 9, &nomem);
	n->parent_slug = dup_col(st, 10, &nomem);
	n->ord = sqlite3_column_int(st, 11);
	n->dir = dup_col(st, 12, &nomem);
	n->warned = sqlite3_column_int(st, 13);
	n->narrated = sqlite3_column_int(st, 14);
	return nomem ? -1 : bad ? -2 : 0;
}

static int no_memory(struct catalog *c, struct err *e, const char *what)
{
	return fail(e, ERR_NOMEM, "%s: %s: out of memory", c->path, what);
}

/* The error of read_node's result r (< 0). */
static int read_failed(struct catalog *c, struct err *e, int r, const char *what)
{
	if (r == -2)
		return fail(e, ERR_FORMAT, "%s: %s: the page's text is damaged (kiosk doctor checks the catalog)",
			    c->path, what);
	return no_memory(c, e, what);
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

	if (!(st = catalog_stmt(c, "SELECT id FROM pack WHERE (show_from IS NULL OR show_from <= ?1)"
			       " AND (show_until IS NULL OR show_until >= ?1)"
			       " ORDER BY installed_at DESC, id LIMIT 1")))
		return catalog_fail(c, e, "reading packs");
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		copy = xstrdup(id ? id : "");
	}
	catalog_stmt_done(c, st);
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
	if (!(st = catalog_stmt(c, NODE_COLUMNS " WHERE n.pack_id = ?1 AND n.slug = ?2 AND g.lang = ?3"
			       CATALOG_NOT_WITHDRAWN)))
		return catalog_fail(c, e, "reading a page");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = read_node(c, st, out);
		rc = rc < 0 ? read_failed(c, e, rc, "reading a page") : 1;
		if (rc < 0)
			cat_node_release(out);
	} else {
		rc = rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading a page");
	}
	catalog_stmt_done(c, st);
	return rc;
}

static int list(struct catalog *c, sqlite3_stmt *st, struct cat_node **out, size_t *n, struct err *e)
{
	size_t cap = 0;
	int rc, r = 0;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		memset(&(*out)[*n], 0, sizeof(**out));
		if ((r = read_node(c, st, &(*out)[(*n)++])) < 0)
			break;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		catalog_fail(c, e, "reading pages");
	catalog_stmt_done(c, st);
	if (rc != SQLITE_DONE) {
		cat_nodes_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc == SQLITE_ROW ? read_failed(c, e, r, "reading pages") : -1;
	}
	return 0;
}

int catalog_children(struct catalog *c, int64_t node_id, const char *lang, struct cat_node **out,
		     size_t *n, struct err *e)
{
	sqlite3_stmt *st;

	if (!(st = catalog_stmt(c, NODE_COLUMNS " WHERE n.parent = ?1 AND g.lang = ?2"
			       CATALOG_NOT_WITHDRAWN " ORDER BY n.ord, n.slug")))
		return catalog_fail(c, e, "reading pages");
	sqlite3_bind_int64(st, 1, node_id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	return list(c, st, out, n, e);
}

int catalog_exhibits(struct catalog *c, const char *pack_id, const char *lang, struct cat_node **out,
		     size_t *n, struct err *e)
{
	sqlite3_stmt *st;

	if (!(st = catalog_stmt(c, NODE_LIST_COLUMNS " WHERE n.pack_id = ?1 AND n.kind = 2"
			       " AND EXISTS (SELECT 1 FROM page g WHERE g.node_id = n.id AND g.lang = ?2)"
			       CATALOG_NOT_WITHDRAWN " ORDER BY par.ord, n.ord")))
		return catalog_fail(c, e, "reading pages");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	return list(c, st, out, n, e);
}

/* An exhibit that catalog_exhibits lists, as SQL over node n (?3: the language). */
#define LISTED_EXHIBIT \
	" n.kind = 2 AND EXISTS (SELECT 1 FROM page g WHERE g.node_id = n.id AND g.lang = ?3)" CATALOG_NOT_WITHDRAWN

/* The slug of the first row of st (bound by the caller), or NULL; *err set on error. */
static char *first_slug(struct catalog *c, sqlite3_stmt *st, int *err)
{
	char *slug = NULL;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		slug = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		*err = 1;
	catalog_stmt_done(c, st);
	return slug;
}

/* The listed exhibit next to exhibit (parent, ord) of the section at (home, sord):
 * after it when after, else before it; in its section first, then in the sections
 * after (or before) its own. *same says which. */
static char *neighbour(struct catalog *c, int64_t parent, int ord, int64_t home, int sord, const char *lang,
		       int after, int *same, int *err)
{
	static const char *const in_section[2] = {
		"SELECT n.slug FROM node n WHERE n.parent = ?1 AND n.ord < ?2 AND" LISTED_EXHIBIT
		" ORDER BY n.ord DESC LIMIT 1",
		"SELECT n.slug FROM node n WHERE n.parent = ?1 AND n.ord > ?2 AND" LISTED_EXHIBIT
		" ORDER BY n.ord LIMIT 1",
	};
	static const char *const in_others[2] = {
		"SELECT n.slug FROM node s JOIN node n ON n.parent = s.id WHERE s.parent = ?1 AND s.ord < ?2 AND"
		LISTED_EXHIBIT " ORDER BY s.ord DESC, n.ord DESC LIMIT 1",
		"SELECT n.slug FROM node s JOIN node n ON n.parent = s.id WHERE s.parent = ?1 AND s.ord > ?2 AND"
		LISTED_EXHIBIT " ORDER BY s.ord, n.ord LIMIT 1",
	};
	sqlite3_stmt *st;
	char *slug;

	*same = 0;
	if (!(st = catalog_stmt(c, in_section[after]))) {
		*err = 1;
		return NULL;
	}
	sqlite3_bind_int64(st, 1, parent);
	sqlite3_bind_int(st, 2, ord);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	if ((slug = first_slug(c, st, err)) || *err) {
		*same = slug != NULL;
		return slug;
	}
	if (!(st = catalog_stmt(c, in_others[after]))) {
		*err = 1;
		return NULL;
	}
	sqlite3_bind_int64(st, 1, home);
	sqlite3_bind_int(st, 2, sord);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	return first_slug(c, st, err);
}

int catalog_exhibit_place(struct catalog *c, const char *pack_id, const char *slug, const char *lang,
			  struct cat_place *out, struct err *e)
{
	sqlite3_stmt *st;
	int64_t parent, home;
	int ord, sord, rc, err = 0, same;

	memset(out, 0, sizeof(*out));
	if (!(st = catalog_stmt(c, "SELECT n.parent, n.ord, s.parent, s.ord FROM node n JOIN node s ON s.id = n.parent"
			       " WHERE n.pack_id = ?1 AND n.slug = ?2 AND" LISTED_EXHIBIT)))
		return catalog_fail(c, e, "reading pages");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		catalog_stmt_done(c, st);
		return rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading pages");
	}
	parent = sqlite3_column_int64(st, 0);
	ord = sqlite3_column_int(st, 1);
	home = sqlite3_column_int64(st, 2);
	sord = sqlite3_column_int(st, 3);
	catalog_stmt_done(c, st);

	out->prev = neighbour(c, parent, ord, home, sord, lang, 0, &same, &err);
	if (!err)
		out->next = neighbour(c, parent, ord, home, sord, lang, 1, &out->next_in_section, &err);
	if (!err && (st = catalog_stmt(c, "SELECT count(*), coalesce(sum(n.ord <= ?2), 0) FROM node n"
					 " WHERE n.parent = ?1 AND" LISTED_EXHIBIT))) {
		sqlite3_bind_int64(st, 1, parent);
		sqlite3_bind_int(st, 2, ord);
		sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			out->count = sqlite3_column_int(st, 0);
			out->pos = sqlite3_column_int(st, 1);
		} else {
			err = 1;
		}
		catalog_stmt_done(c, st);
	} else {
		err = 1;
	}
	if (err) {
		cat_place_release(out);
		return catalog_fail(c, e, "reading pages");
	}
	return 1;
}

int catalog_last_exhibit(struct catalog *c, const char *pack_id, const char *lang, char **slug, struct err *e)
{
	sqlite3_stmt *st;
	int err = 0;

	*slug = NULL;
	if (!(st = catalog_stmt(c, "SELECT n.slug FROM node h JOIN node s ON s.parent = h.id JOIN node n ON n.parent = s.id"
			       " WHERE h.pack_id = ?1 AND h.slug = '' AND" LISTED_EXHIBIT
			       " ORDER BY s.ord DESC, n.ord DESC LIMIT 1")))
		return catalog_fail(c, e, "reading pages");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	*slug = first_slug(c, st, &err);
	if (err)
		return catalog_fail(c, e, "reading pages");
	return *slug != NULL;
}

void cat_place_release(struct cat_place *p)
{
	free(p->prev);
	free(p->next);
	memset(p, 0, sizeof(*p));
}

int catalog_media_size(struct catalog *c, const char *pack_id, const char *path, int *w, int *h,
		       struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*w = *h = 0;
	if (!(st = catalog_stmt(c, "SELECT width, height FROM media WHERE pack_id = ?1 AND path = ?2")))
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
	catalog_stmt_done(c, st);
	return rc;
}

/* A text column, "" for NULL (the columns read here are NOT NULL or coalesced). */
static const char *text_or_empty(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

int catalog_pack_dates(struct catalog *c, struct catalog_pack_dates **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(st = catalog_stmt(c, "SELECT id, version, coalesce(show_from, ''), coalesce(show_until, ''),"
			       " installed_at FROM pack ORDER BY installed_at DESC, id")))
		return catalog_fail(c, e, "reading packs");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct catalog_pack_dates *d;
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		d = &(*out)[(*n)++];
		memset(d, 0, sizeof(*d));
		snprintf(d->id, sizeof(d->id), "%s", text_or_empty(st, 0));
		snprintf(d->version, sizeof(d->version), "%s", text_or_empty(st, 1));
		snprintf(d->show_from, sizeof(d->show_from), "%s", text_or_empty(st, 2));
		snprintf(d->show_until, sizeof(d->show_until), "%s", text_or_empty(st, 3));
		d->installed_at = sqlite3_column_int64(st, 4);
	}
	catalog_stmt_done(c, st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return catalog_fail(c, e, "reading packs");
	}
	return 0;
}

int catalog_data_version(struct catalog *c, int64_t *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = catalog_stmt(c, "PRAGMA data_version")))
		return catalog_fail(c, e, "reading the data version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	catalog_stmt_done(c, st);
	return rc == SQLITE_ROW ? 0 : catalog_fail(c, e, "reading the data version");
}
