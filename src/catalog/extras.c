/* extras.c: narration, content warnings and withdrawals in the catalog (the tables
 * of schema 2). Withdrawals are kept by pack id and slug, so that they hold for a
 * pack installed after them and outlive the pack that made them. */
#include "catalog.h"
#include "internal.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int done(struct catalog *c, sqlite3_stmt *st, struct err *e, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : catalog_fail(c, e, what);
}

int catalog_install_extras(struct catalog *c, const struct pack *p, int64_t now, struct err *e)
{
	sqlite3_stmt *narr = NULL, *warn = NULL, *wd = NULL;
	int rc = -1;

	/* the node ids come from (pack, slug): catalog_install has just written them */
	if (sqlite3_prepare_v2(c->db,
			       "INSERT INTO narration(node_id, lang, audio, cues, duration_ms)"
			       " SELECT id, ?3, ?4, ?5, ?6 FROM node WHERE pack_id = ?1 AND slug = ?2",
			       -1, &narr, NULL) ||
	    sqlite3_prepare_v2(c->db,
			       "INSERT INTO warning(node_id, lang, text)"
			       " SELECT id, ?3, ?4 FROM node WHERE pack_id = ?1 AND slug = ?2", -1, &warn, NULL) ||
	    sqlite3_prepare_v2(c->db,
			       "INSERT OR IGNORE INTO withdrawal(pack_id, slug, by_pack, at) VALUES (?1, ?2, ?3, ?4)",
			       -1, &wd, NULL)) {
		catalog_fail(c, e, "preparing the install");
		goto out;
	}
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct pack_node *n = &p->nodes[i];
		for (size_t l = 0; l < p->nlangs; l++) {
			if (n->audio && n->audio[l]) {
				sqlite3_bind_text(narr, 1, p->id, -1, SQLITE_STATIC);
				sqlite3_bind_text(narr, 2, n->slug, -1, SQLITE_STATIC);
				sqlite3_bind_text(narr, 3, p->langs[l], -1, SQLITE_STATIC);
				sqlite3_bind_text(narr, 4, n->audio[l], -1, SQLITE_STATIC);
				sqlite3_bind_text(narr, 5, n->cues ? n->cues[l] : NULL, -1, SQLITE_STATIC);
				sqlite3_bind_int64(narr, 6, n->audio_ms ? n->audio_ms[l] : 0);
				if (done(c, narr, e, "adding narration") < 0)
					goto out;
			}
			if (n->pages[l].warning) {
				sqlite3_bind_text(warn, 1, p->id, -1, SQLITE_STATIC);
				sqlite3_bind_text(warn, 2, n->slug, -1, SQLITE_STATIC);
				sqlite3_bind_text(warn, 3, p->langs[l], -1, SQLITE_STATIC);
				sqlite3_bind_text(warn, 4, n->pages[l].warning, -1, SQLITE_STATIC);
				if (done(c, warn, e, "adding a content warning") < 0)
					goto out;
			}
		}
	}
	for (size_t i = 0; i < p->nwithdraw; i++) {
		const char *w = p->withdraw[i], *slash = strchr(w, '/');
		if (!slash)
			continue; /* pack_read_withdraw keeps only pack/slug */
		sqlite3_bind_text(wd, 1, w, (int)(slash - w), SQLITE_STATIC);
		sqlite3_bind_text(wd, 2, slash + 1, -1, SQLITE_STATIC);
		sqlite3_bind_text(wd, 3, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(wd, 4, now);
		if (done(c, wd, e, "adding a withdrawal") < 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(narr);
	sqlite3_finalize(warn);
	sqlite3_finalize(wd);
	return rc;
}

int catalog_drop_withdrawn(struct catalog *c, struct search_hit *hits, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t k = 0;
	int rc = 0;

	if (!(st = catalog_stmt(c, "SELECT 1 FROM withdrawal WHERE pack_id = ?1 AND slug = ?2")))
		return catalog_fail(c, e, "search");
	for (size_t i = 0; i < *n; i++) {
		int r;
		sqlite3_bind_text(st, 1, hits[i].pack_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hits[i].slug, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		sqlite3_reset(st);
		if (r != SQLITE_ROW && r != SQLITE_DONE) {
			rc = catalog_fail(c, e, "search");
			r = SQLITE_DONE;
		}
		if (r == SQLITE_ROW) {
			free(hits[i].pack_id);
			free(hits[i].slug);
			free(hits[i].lang);
			free(hits[i].title);
			free(hits[i].snippet);
			free(hits[i].excerpt);
		} else {
			hits[k++] = hits[i];
		}
	}
	catalog_stmt_done(c, st);
	*n = k;
	return rc;
}

static char *text_col(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? xstrdup(s) : NULL;
}

int catalog_narration(struct catalog *c, int64_t node_id, const char *lang, struct cat_narration *out,
		      struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!(st = catalog_stmt(c, "SELECT audio, cues, duration_ms FROM narration WHERE node_id = ?1 AND lang = ?2")))
		return catalog_fail(c, e, "reading narration");
	sqlite3_bind_int64(st, 1, node_id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->audio = text_col(st, 0);
		out->cues = text_col(st, 1);
		out->duration_ms = (uint32_t)sqlite3_column_int64(st, 2);
		rc = out->audio ? 1 : fail(e, ERR_NOMEM, "%s: reading narration: out of memory", c->path);
	} else {
		rc = rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading narration");
	}
	catalog_stmt_done(c, st);
	if (rc < 0)
		cat_narration_release(out);
	return rc;
}

void cat_narration_release(struct cat_narration *n)
{
	free(n->audio);
	free(n->cues);
	memset(n, 0, sizeof(*n));
}

int catalog_warning(struct catalog *c, int64_t node_id, const char *lang, char **text, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*text = NULL;
	if (!(st = catalog_stmt(c, "SELECT text FROM warning WHERE node_id = ?1 AND lang = ?2")))
		return catalog_fail(c, e, "reading a content warning");
	sqlite3_bind_int64(st, 1, node_id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*text = text_col(st, 0);
		rc = *text ? 1 : fail(e, ERR_NOMEM, "%s: reading a content warning: out of memory", c->path);
	} else {
		rc = rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "reading a content warning");
	}
	catalog_stmt_done(c, st);
	return rc;
}

int catalog_withdrawals(struct catalog *c, struct catalog_withdrawal **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(c->db,
			       "SELECT w.pack_id, w.slug, w.by_pack, w.at,"
			       " EXISTS (SELECT 1 FROM pack p WHERE p.id = w.by_pack)"
			       " FROM withdrawal w ORDER BY w.pack_id, w.slug", -1, &st, NULL) != SQLITE_OK)
		return catalog_fail(c, e, "reading withdrawals");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct catalog_withdrawal *w;
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		w = &(*out)[(*n)++];
		memset(w, 0, sizeof(*w));
		snprintf(w->pack_id, sizeof(w->pack_id), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(w->slug, sizeof(w->slug), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(w->by_pack, sizeof(w->by_pack), "%s", (const char *)sqlite3_column_text(st, 2));
		w->at = sqlite3_column_int64(st, 3);
		w->by_installed = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return catalog_fail(c, e, "reading withdrawals");
	}
	return 0;
}

int catalog_restore(struct catalog *c, const char *pack_id, const char *slug, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (c->readonly)
		return fail(e, ERR_REFUSED, "%s: the catalog is read-only", c->path);
	if (sqlite3_prepare_v2(c->db, "DELETE FROM withdrawal WHERE pack_id = ?1 AND slug = ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return catalog_fail(c, e, "restoring an exhibit");
	sqlite3_bind_text(st, 1, pack_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return catalog_fail(c, e, "restoring an exhibit");
	if (!sqlite3_changes(c->db))
		return fail(e, ERR_NOTFOUND, "'%s/%s' is not withdrawn", pack_id, slug);
	return 0;
}
