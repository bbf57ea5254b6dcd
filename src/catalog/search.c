/* search.c: visitors' words to an FTS5 query that cannot be misread as syntax, the
 * search itself, and the snippets. */
#include "catalog.h"
#include "internal.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A visitor's query is short; what is longer is cut rather than refused. */
#define MAX_QUERY_BYTES 256
#define MAX_TERMS 8

/* Words of up to this many letters are looked up as one prefix token: tokenize.c
 * indexes each word's first 1 to 3 characters with this marker before them. */
#define TOKEN_PREFIX_MAX 3
#define TOKEN_PREFIX_MARK "\x01"

/* Ranking reads every match (bm25 needs each one's hits and length, a phrase every
 * position), about a microsecond each. A query that matches more exhibits than this,
 * such as a syllable like 의 that is in nearly every Korean page, is not ranked: its
 * exhibits come in pack order, which costs only as many matches as are shown. */
#define RANK_MAX 1000

/* Snippets: about this many columns of text (a Hangul syllable or CJK character
 * takes two, anything else one), starting this many columns before the first match. */
#define SNIPPET_WIDTH 100
#define SNIPPET_LEAD 24

struct term {
	const char *s;  /* in the NFC copy of the query */
	size_t n;
	int cjk;
	char *fold;     /* words: case-folded */
	size_t fold_n;
};

struct terms {
	char *text;     /* the query, cut and normalised */
	struct term v[MAX_TERMS];
	int n;
};

static void terms_release(struct terms *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i].fold);
	free(t->text);
	memset(t, 0, sizeof(*t));
}

/* Split a visitor's text into terms: runs of CJK characters, and runs of other
 * letters and digits. Nothing else survives, so no term holds a quote or any other
 * character that FTS5 reads as syntax. Returns the number of terms. */
static int split_terms(const char *query, struct terms *t)
{
	size_t qlen = strnlen(query, MAX_QUERY_BYTES), n, i = 0;
	char *q;

	memset(t, 0, sizeof(*t));
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
	t->text = q;
	while (i < n && t->n < MAX_TERMS) {
		size_t at = i;
		int32_t c = utf8_next(q, n, &i);
		int cjk = c > 0 && utf8_is_cjk(c);
		struct term *tm;

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
		tm = &t->v[t->n++];
		tm->s = q + at;
		tm->n = i - at;
		tm->cjk = cjk;
		if (!cjk) {
			tm->fold = utf8_fold(tm->s, tm->n, &tm->fold_n);
			if (!tm->fold) {
				tm->fold = xstrdup("");
				tm->fold_n = 0;
			}
		}
	}
	return t->n;
}

int catalog_query_fts(const char *query, struct buf *out)
{
	struct terms t;
	int n = split_terms(query, &t);

	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(out, ' ');
		/* a term holds only letters, digits and marks: no quote can occur inside,
		 * so quoting makes it a plain string to FTS5 whatever it says */
		buf_addc(out, '"');
		buf_add(out, t.v[i].s, t.v[i].n);
		buf_addc(out, '"');
		if (!t.v[i].cjk)
			buf_addc(out, '*');
	}
	terms_release(&t);
	return n;
}

static size_t count_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* The expression the search runs: every term, quoted as in catalog_query_fts. */
static void match_expr(const struct terms *t, struct buf *out)
{
	for (int i = 0; i < t->n; i++) {
		const struct term *tm = &t->v[i];
		if (i)
			buf_adds(out, " AND ");
		if (tm->cjk) {
			/* a substring: the phrase of its bigrams, or its unigram */
			buf_addc(out, '"');
			buf_add(out, tm->s, tm->n);
			buf_addc(out, '"');
		} else if (count_chars(tm->fold, tm->fold_n) <= TOKEN_PREFIX_MAX) {
			/* a word that is the term, or a longer one that starts with it */
			buf_adds(out, "(\"" TOKEN_PREFIX_MARK);
			buf_add(out, tm->s, tm->n);
			buf_adds(out, "\" OR \"");
			buf_add(out, tm->s, tm->n);
			buf_adds(out, "\")");
		} else {
			buf_addc(out, '"');
			buf_add(out, tm->s, tm->n);
			buf_adds(out, "\"*");
		}
	}
}

/* ---- snippets ---- */

struct span {
	size_t s, e;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

static void span_add(struct spans *sp, size_t s, size_t e)
{
	sp->v = xgrow(sp->v, &sp->cap, sp->n + 1, sizeof(*sp->v));
	sp->v[sp->n].s = s;
	sp->v[sp->n].e = e;
	sp->n++;
}

static int by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s ? 1 : (x->e > y->e) - (x->e < y->e);
}

/* utf8_next with Hangul syllables (three bytes) decoded inline, as in tokenize.c */
static inline int32_t next_char(const char *text, size_t n, size_t *i)
{
	const unsigned char *s = (const unsigned char *)text + *i;

	if (s[0] < 0x80) {
		*i += 1;
		return s[0];
	}
	if (s[0] >= 0xE1 && s[0] <= 0xEC && n - *i >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*i += 3;
		return ((int32_t)(s[0] & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	return utf8_next(text, n, i);
}

/* A character of a word as the tokenizer reads words: a letter, digit or mark
 * that is not CJK. */
static int is_word(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 0;
	return !utf8_is_cjk(c) && utf8_is_wordchar(c);
}

/* Does the word text[s..e) start with a folded term, as the index sees it? */
static int word_has_prefix(const char *text, size_t s, size_t e, const struct term *tm)
{
	int ascii = 1, ok;
	size_t fn;
	char *f;

	if (tm->fold_n == 0)
		return 0;
	for (size_t i = s; i < e && ascii; i++)
		ascii = (unsigned char)text[i] < 0x80;
	if (ascii) {
		if (e - s < tm->fold_n)
			return 0;
		for (size_t i = 0; i < tm->fold_n; i++) {
			char c = text[s + i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c != tm->fold[i])
				return 0;
		}
		return 1;
	}
	f = utf8_fold(text + s, e - s, &fn);
	ok = f && fn >= tm->fold_n && !memcmp(f, tm->fold, tm->fold_n);
	free(f);
	return ok;
}

/* Where the terms occur in text: CJK terms as substrings, other terms as the
 * beginnings of words (a run of letters and digits, with apostrophes inside, as
 * the tokenizer splits them). Only what a snippet can show is looked for: the
 * matches that start less than window bytes after the first one. */
static void find_spans(const char *text, size_t n, const struct terms *t, size_t window,
		       struct spans *sp)
{
	size_t stop = n;
	int words = 0;

	for (int k = 0; k < t->n; k++) {
		const char *hit;
		if (!t->v[k].cjk) {
			words = 1;
			continue;
		}
		hit = memmem(text, n, t->v[k].s, t->v[k].n);
		if (hit && (size_t)(hit - text) + window < stop)
			stop = (size_t)(hit - text) + window;
	}
	for (size_t i = 0; words && i < n && i < stop;) {
		size_t at = i, end;
		int32_t c = next_char(text, n, &i);
		if (c <= 0 || !is_word(c))
			continue;
		end = i;
		for (;;) {
			size_t next = end;
			int32_t d = end < n ? next_char(text, n, &next) : -1;
			if (d <= 0 || !(is_word(d) || d == '\''))
				break;
			end = next;
		}
		while (end > at && text[end - 1] == '\'')
			end--;
		for (int k = 0; k < t->n; k++)
			if (!t->v[k].cjk && word_has_prefix(text, at, end, &t->v[k])) {
				span_add(sp, at, end);
				if (at + window < stop)
					stop = at + window;
				break;
			}
		i = end > i ? end : i;
	}
	for (int k = 0; k < t->n; k++) {
		const struct term *tm = &t->v[k];
		const char *p = text, *hit;
		if (!tm->cjk)
			continue;
		while (p < text + stop && (hit = memmem(p, (size_t)(text + n - p), tm->s, tm->n)) &&
		       hit < text + stop) {
			span_add(sp, (size_t)(hit - text), (size_t)(hit - text) + tm->n);
			/* on by one character: occurrences may overlap */
			p = hit + 1;
			while (p < text + n && ((unsigned char)*p & 0xc0) == 0x80)
				p++;
		}
	}
	if (sp->n > 1) {
		size_t m = 0;
		qsort(sp->v, sp->n, sizeof(*sp->v), by_start);
		/* merge spans that overlap or touch: one mark around 의의, not two */
		for (size_t i = 1; i < sp->n; i++) {
			if (sp->v[i].s <= sp->v[m].e) {
				if (sp->v[i].e > sp->v[m].e)
					sp->v[m].e = sp->v[i].e;
			} else {
				sp->v[++m] = sp->v[i];
			}
		}
		sp->n = m + 1;
	}
}

static int columns(int32_t c)
{
	return c >= 0x1100 && utf8_is_cjk(c) ? 2 : 1;
}

static size_t char_before(const char *text, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)text[i] & 0xc0) == 0x80);
	return i;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* About SNIPPET_WIDTH columns of text around its first match, each match marked
 * [like this], "…" where the text is cut. Text without a match (the title matched)
 * gives its beginning. */
static char *make_snippet(const char *text, size_t n, const struct terms *t)
{
	struct spans sp = { 0 };
	struct buf out = BUF_INIT;
	size_t start = 0, end, i, first = 0, k = 0;
	int w = 0;

	/* a column is at most 4 bytes */
	find_spans(text, n, t, 4 * SNIPPET_WIDTH, &sp);
	if (sp.n) {
		first = sp.v[0].s;
		/* back SNIPPET_LEAD columns, then forward to the start of a word */
		for (start = first; start > 0 && w < SNIPPET_LEAD;) {
			size_t prev = char_before(text, start), j = prev;
			w += columns(utf8_next(text, n, &j));
			start = prev;
		}
		for (i = start; start > 0 && i < first; i++)
			if (is_space(text[i])) {
				start = i + 1;
				break;
			}
	}
	/* forward SNIPPET_WIDTH columns, then back to the end of a word */
	for (end = start, w = 0; end < n && w < SNIPPET_WIDTH;)
		w += columns(utf8_next(text, n, &end));
	if (end < n) {
		size_t keep = sp.n ? sp.v[0].e : start;
		for (i = end; i > keep; i--)
			if (is_space(text[i])) {
				end = i;
				break;
			}
	}
	while (k < sp.n && sp.v[k].s < end) {
		if (sp.v[k].e > end)
			end = sp.v[k].e;
		k++;
	}
	if (start > 0)
		buf_adds(&out, "…");
	k = 0;
	for (i = start; i < end; i++) {
		if (k < sp.n && sp.v[k].s == i)
			buf_addc(&out, '[');
		buf_addc(&out, text[i] == '\n' || text[i] == '\t' ? ' ' : text[i]);
		if (k < sp.n && sp.v[k].e == i + 1) {
			buf_addc(&out, ']');
			k++;
		}
	}
	if (end < n) {
		while (out.len && out.data[out.len - 1] == ' ')
			out.len--;
		out.data[out.len] = 0;
		buf_adds(&out, "…");
	}
	free(sp.v);
	return buf_detach(&out, NULL);
}

/* ---- the search ---- */

struct hit_ref {
	sqlite3_int64 id;
	double score;
};

struct found {
	struct hit_ref *v;
	size_t n, cap;
};

static void found_add(struct found *f, sqlite3_int64 id, double score)
{
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n].id = id;
	f->v[f->n++].score = score;
}

static int by_score(const void *a, const void *b)
{
	const struct hit_ref *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The runs of page ids to search: every exhibit page, or those of one language. */
struct ranges {
	sqlite3_int64 (*v)[2];
	size_t n, cap;
};

static int find_ranges(struct catalog *c, const char *lang, struct ranges *r, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (!lang) {
		r->v = xgrow(r->v, &r->cap, 1, sizeof(*r->v));
		r->v[0][0] = INT64_MIN;
		r->v[0][1] = INT64_MAX;
		r->n = 1;
		return 0;
	}
	if (sqlite3_prepare_v2(c->db, "SELECT lo, hi FROM exhibit_range WHERE lang = ?1 ORDER BY lo",
			       -1, &st, NULL))
		return catalog_fail(c, e, "search");
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
		r->v[r->n][0] = sqlite3_column_int64(st, 0);
		r->v[r->n++][1] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "search");
}

/* Up to want matches in the ranges, in pack order, with their rank when scored. */
static int scan(struct catalog *c, const char *expr, const struct ranges *r, size_t want, int scored,
		struct found *f, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(c->db, scored ?
			       "SELECT rowid, rank FROM page_fts WHERE page_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3" :
			       "SELECT rowid FROM page_fts WHERE page_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
			       -1, &st, NULL))
		return catalog_fail(c, e, "search");
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	for (size_t k = 0; k < r->n && f->n < want; k++) {
		sqlite3_bind_int64(st, 2, r->v[k][0]);
		sqlite3_bind_int64(st, 3, r->v[k][1]);
		while (f->n < want && (rc = sqlite3_step(st)) == SQLITE_ROW)
			found_add(f, sqlite3_column_int64(st, 0), scored ? sqlite3_column_double(st, 1) : 0.0);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "search");
}

/* The matching exhibit pages, best first, at most limit: ranked when there are
 * fewer than RANK_MAX, else the first ones in pack order. The first pass only
 * counts; the matches are scored in a second one, unless one_pass: a word of more
 * than TOKEN_PREFIX_MAX letters makes FTS5 merge the lists of every word that starts
 * with it at each pass, which costs more than scoring as it goes. */
static int find_pages(struct catalog *c, const char *expr, const struct ranges *r, size_t limit,
		      int one_pass, struct found *f, struct err *e)
{
	if (scan(c, expr, r, limit > RANK_MAX ? limit : RANK_MAX, one_pass, f, e) < 0)
		return -1;
	if (f->n >= RANK_MAX) {
		/* too many to rank: the first ones in pack order */
		for (size_t i = 0; i < f->n; i++)
			f->v[i].score = 0.0;
		if (f->n > limit)
			f->n = limit;
		return 0;
	}
	if (!one_pass) {
		f->n = 0;
		if (scan(c, expr, r, SIZE_MAX, 1, f, e) < 0)
			return -1;
	}
	/* sorting here is cheaper than ORDER BY rank, for which FTS5 runs the query
	 * again through a sorter (no matches: f->v is NULL, which qsort may not get) */
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), by_score);
	if (f->n > limit)
		f->n = limit;
	return 0;
}

int catalog_search(struct catalog *c, const char *query, const char *lang, int limit,
		   struct search_hit **hits, size_t *n, struct err *e)
{
	struct terms t;
	struct buf expr = BUF_INIT;
	struct found f = { 0 };
	struct ranges r = { 0 };
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = 0, began = 0, one_pass = 0;

	*hits = NULL;
	*n = 0;
	if (!split_terms(query, &t) || limit == 0 || (lang && !*lang)) {
		terms_release(&t);
		return 0;
	}
	match_expr(&t, &expr);
	/* one read transaction for all the statements: each would otherwise take and
	 * release the WAL's locks (a dozen system calls) by itself */
	if (sqlite3_get_autocommit(c->db)) {
		if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			rc = catalog_fail(c, e, "search");
			goto out;
		}
		began = 1;
	}
	for (int i = 0; i < t.n; i++)
		one_pass |= !t.v[i].cjk && count_chars(t.v[i].fold, t.v[i].fold_n) > TOKEN_PREFIX_MAX;
	if (find_ranges(c, lang, &r, e) < 0 ||
	    find_pages(c, expr.data, &r, limit < 0 ? (size_t)INT_MAX : (size_t)limit, one_pass, &f, e) < 0) {
		rc = -1;
		goto out;
	}
	if (f.n && sqlite3_prepare_v2(c->db,
				      "SELECT n.pack_id, n.slug, g.lang, g.title, g.plain FROM page g"
				      " JOIN node n ON n.id = g.node_id WHERE g.id = ?1", -1, &st, NULL)) {
		rc = catalog_fail(c, e, "search");
		goto out;
	}
	for (size_t i = 0; i < f.n; i++) {
		struct search_hit *h;
		const char *plain;
		sqlite3_bind_int64(st, 1, f.v[i].id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			/* the index and the pages disagree: say so rather than crash */
			rc = catalog_fail(c, e, "search: an indexed page is missing");
			break;
		}
		if (lang && strcmp((const char *)sqlite3_column_text(st, 2), lang)) {
			/* cannot happen while installs write each language in a run */
			sqlite3_reset(st);
			continue;
		}
		*hits = xgrow(*hits, &cap, *n + 1, sizeof(**hits));
		h = &(*hits)[(*n)++];
		h->pack_id = xstrdup((const char *)sqlite3_column_text(st, 0));
		h->slug = xstrdup((const char *)sqlite3_column_text(st, 1));
		h->lang = xstrdup((const char *)sqlite3_column_text(st, 2));
		h->title = xstrdup((const char *)sqlite3_column_text(st, 3));
		plain = (const char *)sqlite3_column_text(st, 4);
		h->snippet = make_snippet(plain ? plain : "", plain ? (size_t)sqlite3_column_bytes(st, 4) : 0, &t);
		h->score = f.v[i].score;
		sqlite3_reset(st);
	}
	if (rc == 0 && *n)
		rc = catalog_drop_withdrawn(c, *hits, n, e);
	if (rc < 0) {
		catalog_hits_free(*hits, *n);
		*hits = NULL;
		*n = 0;
	}
out:
	sqlite3_finalize(st);
	if (began)
		sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	free(f.v);
	free(r.v);
	buf_release(&expr);
	terms_release(&t);
	return rc;
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
