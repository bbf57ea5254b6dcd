/* search.c: visitors' words to an FTS5 query that cannot be misread as syntax. */
#include "catalog.h"
#include "internal.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A visitor's query is short; what is longer is cut rather than refused. */
#define MAX_QUERY_BYTES 256
#define MAX_TERMS 8

int catalog_query_fts(const char *query, struct buf *out)
{
	size_t qlen = strnlen(query, MAX_QUERY_BYTES), n, i = 0;
	int terms = 0;
	char *q;

	/* cut at a character boundary, then normalise as the index is */
	while (qlen > 0 && qlen < strlen(query) && ((unsigned char)query[qlen] & 0xc0) == 0x80)
		qlen--;
	q = utf8_nfc(query, qlen, &n);
	if (!q) {
		/* invalid UTF-8: keep the valid part up to the first bad byte */
		size_t bad = 0;
		utf8_valid(query, qlen, &bad);
		q = utf8_nfc(query, bad, &n);
		if (!q)
			return 0;
	}
	while (i < n && terms < MAX_TERMS) {
		size_t at = i;
		int32_t c = utf8_next(q, n, &i);
		int cjk = c > 0 && utf8_is_cjk(c);

		if (c <= 0 || !(cjk || utf8_is_wordchar(c)))
			continue;
		/* the term runs while the characters stay of the same kind */
		for (;;) {
			size_t next = i;
			int32_t d = i < n ? utf8_next(q, n, &next) : -1;
			if (d <= 0 || utf8_is_cjk(d) != cjk || !(utf8_is_cjk(d) || utf8_is_wordchar(d)))
				break;
			i = next;
		}
		if (terms++)
			buf_addc(out, ' ');
		/* a term holds only letters, digits and marks: no quote can occur inside,
		 * so quoting makes it a plain string to FTS5 whatever it says */
		buf_addc(out, '"');
		buf_add(out, q + at, i - at);
		buf_addc(out, '"');
		if (!cjk)
			buf_addc(out, '*');
	}
	free(q);
	return terms;
}

int catalog_search(struct catalog *c, const char *query, const char *lang, int limit,
		   struct search_hit **hits, size_t *n, struct err *e)
{
	struct buf fts = BUF_INIT;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*hits = NULL;
	*n = 0;
	if (!catalog_query_fts(query, &fts)) {
		buf_release(&fts);
		return 0;
	}
	/* rank every match first, then make snippets for the few that are shown */
	rc = sqlite3_prepare_v2(c->db,
		"WITH top AS ("
		"  SELECT g.id AS id, f.rank AS r FROM page_fts f"
		"  JOIN page g ON g.id = f.rowid JOIN node n ON n.id = g.node_id"
		"  WHERE page_fts MATCH ?1 AND n.kind = 2 AND (?2 IS NULL OR g.lang = ?2)"
		"  ORDER BY f.rank LIMIT ?3)"
		" SELECT n.pack_id, n.slug, g.lang, g.title,"
		"        snippet(page_fts, 1, '[', ']', '…', 24), top.r"
		" FROM top JOIN page_fts ON page_fts.rowid = top.id"
		" JOIN page g ON g.id = top.id JOIN node n ON n.id = g.node_id"
		" WHERE page_fts MATCH ?1 ORDER BY top.r", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		buf_release(&fts);
		return catalog_fail(c, e, "search");
	}
	sqlite3_bind_text(st, 1, fts.data, (int)fts.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_hit *h;
		*hits = xgrow(*hits, &cap, *n + 1, sizeof(**hits));
		h = &(*hits)[(*n)++];
		h->pack_id = xstrdup((const char *)sqlite3_column_text(st, 0));
		h->slug = xstrdup((const char *)sqlite3_column_text(st, 1));
		h->lang = xstrdup((const char *)sqlite3_column_text(st, 2));
		h->title = xstrdup((const char *)sqlite3_column_text(st, 3));
		h->snippet = xstrdup(sqlite3_column_text(st, 4) ? (const char *)sqlite3_column_text(st, 4) : "");
		h->score = sqlite3_column_double(st, 5);
	}
	sqlite3_finalize(st);
	buf_release(&fts);
	if (rc != SQLITE_DONE) {
		catalog_hits_free(*hits, *n);
		*hits = NULL;
		*n = 0;
		return catalog_fail(c, e, "search");
	}
	return 0;
}

void catalog_hits_free(struct search_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(hits[i].pack_id);
		free(hits[i].slug);
		free(hits[i].lang);
		free(hits[i].title);
		free(hits[i].snippet);
	}
	free(hits);
}
