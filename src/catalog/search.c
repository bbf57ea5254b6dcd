/* search.c: a visitor's words to an FTS5 expression that cannot be misread as
 * syntax, the search (the index finds candidates, the matcher of words.h decides
 * and ranks), the snippets and the highlighting. */
#include "catalog.h"
#include "internal.h"
#include "tokenize.h"
#include "words.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Words of up to this many characters are looked up as one prefix token (see
 * tokenize.h). */
#define TOKEN_PREFIX_MAX 3

/* A query with fewer candidates than this is ranked: each is read and matched
 * (some microseconds each). One with more, such as a syllable like 의 that is in
 * nearly every Korean page, is not: its exhibits come in pack order, and only as
 * many are read as are shown. */
#define RANK_MAX 400

/* Ranking: BM25 (k1 = 1.2, b = 0.75, Robertson and Zaragoza, "The Probabilistic
 * Relevance Framework", 2009) over each term's matches, a match in the title
 * counting TITLE_WEIGHT times, the length of a page its plain text in bytes
 * against the average of the candidates, and every term's IDF taken as 1. */
#define TITLE_WEIGHT 5.0

/* Snippets: about this many columns of text (a Hangul syllable or CJK character
 * takes two, anything else one), starting this many columns before the first match. */
#define SNIPPET_WIDTH 100
#define SNIPPET_LEAD 24
#define SNIPPET_ANCHORS 64

/* ---- the FTS5 expression ---- */

/* One token as an FTS5 string: the verbatim mark, the bytes ('"' doubled). */
static void add_token(struct buf *out, const char *tok, size_t n, int prefix)
{
	buf_addc(out, '"');
	buf_addc(out, TOKEN_VERBATIM_MARK);
	for (size_t i = 0; i < n; i++) {
		if (tok[i] == '"')
			buf_addc(out, '"');
		buf_addc(out, tok[i]);
	}
	buf_addc(out, '"');
	if (prefix)
		buf_addc(out, '*');
}

static void add_and(struct buf *out, int *first)
{
	if (!*first)
		buf_adds(out, " AND ");
	*first = 0;
}

static size_t count_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* The characters of units [from, to) of t as bigrams (one unigram alone). */
static void add_exact_run(struct buf *out, const struct qterm *t, int from, int to, int *first)
{
	char tok[8];
	size_t k;

	if (to - from == 1) {
		add_and(out, first);
		add_token(out, tok, utf8_put(tok, t->u[from].cp), 0);
		return;
	}
	for (int i = from; i + 1 < to; i++) {
		k = utf8_put(tok, t->u[i].cp);
		k += utf8_put(tok + k, t->u[i + 1].cp);
		add_and(out, first);
		add_token(out, tok, k, 0);
	}
}

static int32_t unit_onset(const struct qunit *u)
{
	if (u->kind == QU_WORD)
		return 0;
	if (u->kind == QU_ONSET)
		return u->cp;
	if (u->kind == QU_PREFIX)
		return u->jamo[0];
	return words_onset(u->cp);
}

/* The initial consonants of units [from, to): onset trigrams, one onset bigram, or
 * one onset (tokenize.h). */
static void add_onset_run(struct buf *out, const struct qterm *t, int from, int to, int *first)
{
	char tok[1 + 12];
	size_t k;

	tok[0] = TOKEN_ONSET_MARK;
	if (to - from == 1) {
		add_and(out, first);
		add_token(out, tok, 1 + utf8_put(tok + 1, unit_onset(&t->u[from])), 0);
		return;
	}
	if (to - from == 2) {
		k = 1 + utf8_put(tok + 1, unit_onset(&t->u[from]));
		k += utf8_put(tok + k, unit_onset(&t->u[from + 1]));
		add_and(out, first);
		add_token(out, tok, k, 0);
		return;
	}
	for (int i = from; i + 2 < to; i++) {
		k = 1;
		for (int j = i; j < i + 3; j++)
			k += utf8_put(tok + k, unit_onset(&t->u[j]));
		add_and(out, first);
		add_token(out, tok, k, 0);
	}
}

/* The onsets of CJK characters as one onset token (tokenize.h): 2 or 3 of them. */
static void add_onsets(struct buf *out, const int32_t *on, int n)
{
	char tok[1 + 12];
	size_t k = 1;

	tok[0] = TOKEN_ONSET_MARK;
	for (int i = 0; i < n; i++)
		k += utf8_put(tok + k, on[i]);
	add_token(out, tok, k, 0);
}

/* A syllable being composed (the matcher's rule, words.h): any syllable c whose jamo
 * begin with the jamo typed, or that lacks the last of them when that jamo is a
 * consonant and the initial of the next character. After a character that matches
 * itself, c by its bigram with it, else by its unigram. The second kind (나 of 난,
 * 탈 of 탋) is common text, so it goes with the onset bigram of c and that consonant,
 * or the onset trigram with the character before when that has an onset. */
static void add_composing(struct buf *out, const struct qunit *u, const struct qunit *before, int *first)
{
	int32_t base = 0xAC00 + (u->cp - 0xAC00) / 588 * 588, j[6], on[3];
	int32_t prev = before ? unit_onset(before) : 0, next;
	char tok[8];
	size_t k0 = 0, k;
	int any = 0, nj, n;

	/* after a character that matches itself: the bigrams of the two */
	if (before && before->kind == QU_EXACT)
		k0 = utf8_put(tok, before->cp);
	add_and(out, first);
	buf_addc(out, '(');
	for (int32_t c = base; c < base + 588; c++) {
		nj = words_jamo(c, j);
		if (nj >= u->njamo) {
			if (memcmp(j, u->jamo, (size_t)u->njamo * sizeof(*j)))
				continue;
			if (any++)
				buf_adds(out, " OR ");
			add_token(out, tok, k0 + utf8_put(tok + k0, c), 0);
			continue;
		}
		if (nj != u->njamo - 1 || memcmp(j, u->jamo, (size_t)nj * sizeof(*j)) || !words_onset(u->jamo[nj]))
			continue;
		next = u->jamo[nj];
		if (any++)
			buf_adds(out, " OR ");
		k = k0 + utf8_put(tok + k0, c);
		buf_addc(out, '(');
		add_token(out, tok, k, 0);
		buf_adds(out, " AND ");
		n = 0;
		if (prev)
			on[n++] = prev;
		on[n++] = words_onset(c);
		on[n++] = next;
		add_onsets(out, on, n);
		buf_addc(out, ')');
	}
	buf_addc(out, ')');
}

/* A word: the token itself, or with prefix also a longer word that starts with it
 * (its prefix token while it is short enough to have one). */
static void add_word(struct buf *out, const char *fold, size_t n, int prefix, int *first)
{
	add_and(out, first);
	if (!prefix) {
		add_token(out, fold, n, 0);
	} else if (count_chars(fold, n) <= TOKEN_PREFIX_MAX) {
		char tok[1 + WORDS_MAX_BYTES];
		tok[0] = TOKEN_PREFIX_MARK;
		memcpy(tok + 1, fold, n);
		buf_addc(out, '(');
		add_token(out, tok, n + 1, 0);
		buf_adds(out, " OR ");
		add_token(out, fold, n, 0);
		buf_addc(out, ')');
	} else {
		add_token(out, fold, n, 1);
	}
}

static void add_cjk_term(struct buf *out, const struct qterm *t, int *first)
{
	int i = 0, onsets = 0;

	/* words written together with the characters: the whole word, or a longer one
	 * when it is last (words.h) */
	for (i = 0; i < t->nu; i++)
		if (t->u[i].kind == QU_WORD)
			add_word(out, t->u[i].fold, t->u[i].fold_n, i == t->nu - 1, first);
	i = 0;

	/* runs of characters that match themselves */
	while (i < t->nu) {
		int j = i;
		while (j < t->nu && t->u[j].kind == QU_EXACT)
			j++;
		if (j > i)
			add_exact_run(out, t, i, j, first);
		i = j + 1;
	}
	for (i = 0; i < t->nu; i++) {
		if (t->u[i].kind == QU_PREFIX)
			add_composing(out, &t->u[i], i ? &t->u[i - 1] : NULL, first);
		onsets |= t->u[i].kind != QU_EXACT;
	}
	/* runs of initial consonants, where the term has any that stand alone */
	for (i = 0; onsets && i < t->nu;) {
		int j = i;
		while (j < t->nu && unit_onset(&t->u[j]))
			j++;
		if (j > i && (j - i > 1 || t->u[i].kind == QU_ONSET))
			add_onset_run(out, t, i, j, first);
		i = j + 1;
	}
}

static void filter_expr(const struct query *q, struct buf *out)
{
	int first = 1;

	for (int i = 0; i < q->n; i++) {
		const struct qterm *t = &q->v[i];
		if (t->cjk)
			add_cjk_term(out, t, &first);
		else /* a word that is the term, or a longer one that starts with it */
			add_word(out, t->fold, t->fold_n, 1, &first);
	}
}

int catalog_query_fts(const char *query, int flags, struct buf *out)
{
	struct query q;
	int n = query_parse(query, flags, &q);

	filter_expr(&q, out);
	query_release(&q);
	return n;
}

/* ---- highlighting and snippets ---- */

static int by_start(const void *a, const void *b)
{
	const struct match_span *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s ? 1 : (x->e > y->e) - (x->e < y->e);
}

/* Sort spans and merge those that overlap or touch: one mark around 의의, not two. */
static size_t merge_spans(struct match_span *v, size_t n)
{
	size_t m = 0;

	if (n < 2)
		return n;
	qsort(v, n, sizeof(*v), by_start);
	for (size_t i = 1; i < n; i++) {
		if (v[i].s <= v[m].e) {
			if (v[i].e > v[m].e)
				v[m].e = v[i].e;
			v[m].terms |= v[i].terms;
		} else {
			v[++m] = v[i];
		}
	}
	return m + 1;
}

size_t catalog_highlight(const char *query, int flags, const char *text, size_t n,
			 struct catalog_span **spans)
{
	struct match_span *v = NULL;
	size_t nv = 0, cap = 0;
	struct query q;

	*spans = NULL;
	if (query_parse(query, flags, &q))
		query_match(&q, text, n, &v, &nv, &cap, NULL);
	query_release(&q);
	nv = merge_spans(v, nv);
	if (nv) {
		*spans = xmalloc(nv * sizeof(**spans));
		for (size_t i = 0; i < nv; i++) {
			(*spans)[i].start = v[i].s;
			(*spans)[i].end = v[i].e;
		}
	}
	free(v);
	return nv;
}

static int columns(int32_t c)
{
	return c >= 0x1100 && utf8_is_cjk(c) ? 2 : 1;
}

/* Between two blocks in a snippet: a no-break space, so that no line starts with
 * the dot, and a middle dot (text/layout.c leaves it out before a "…") */
#define SNIPPET_SEP "\u00a0\u00b7"

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* The match a snippet is built around (an index into sp, the merged matches): the
 * first whose SNIPPET_WIDTH - SNIPPET_LEAD columns, from its start, hold the most
 * terms of the query, so that "kim jong un" shows Kim Jong-un rather than an
 * earlier "unification". Only the first SNIPPET_ANCHORS matches are tried. */
static size_t snippet_anchor(const char *text, size_t n, const struct match_span *sp, size_t nsp)
{
	unsigned all = 0, m;
	size_t best = 0, end, j;
	int most = -1, w, c;

	for (j = 0; j < nsp; j++)
		all |= sp[j].terms;
	for (size_t k = 0; k < nsp && k < SNIPPET_ANCHORS && most < __builtin_popcount(all); k++) {
		for (end = sp[k].s, w = 0; end < n && w < SNIPPET_WIDTH - SNIPPET_LEAD;)
			w += columns(utf8_next(text, n, &end));
		for (m = 0, j = k; j < nsp && sp[j].s < end; j++)
			m |= sp[j].terms;
		if ((c = __builtin_popcount(m)) > most) {
			most = c;
			best = k;
		}
	}
	return best;
}

/* About SNIPPET_WIDTH columns of text around match sp[anchor] (snippet_anchor),
 * each match marked [like this], "…" where the text is cut, " · " between blocks (a
 * paragraph, a heading, a caption, a picture's alternative text: lines of the plain
 * text), so that a heading does not read as the end of the sentence before it.
 * Text without a match (the title matched) gives its beginning. sp: the merged
 * matches. */
static char *make_snippet(const char *text, size_t n, const struct match_span *sp, size_t nsp, size_t anchor,
			  int marks)
{
	struct buf out = BUF_INIT;
	size_t start = 0, end, i, first = 0, k = 0, lead;
	int w = 0, sep = 0, shown = 0; /* a separator owed; a character other than a space written */

	if (nsp) {
		first = sp[anchor].s;
		/* back SNIPPET_LEAD columns, then forward to the start of a word */
		for (start = first; start > 0 && w < SNIPPET_LEAD;) {
			size_t prev = utf8_prev(text, start), j = prev;
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
		size_t keep = nsp ? sp[anchor].e : start;
		for (i = end; i > keep; i--)
			if (is_space(text[i])) {
				end = i;
				break;
			}
	}
	while (k < nsp && sp[k].s < end) {
		if (sp[k].e > end)
			end = sp[k].e;
		k++;
	}
	nsp = k;
	if (start > 0)
		buf_adds(&out, "…");
	lead = out.len;
	/* a match that begins before the snippet (inside a word it cuts) is not marked */
	k = 0;
	while (k < nsp && sp[k].s < start)
		k++;
	for (i = start; i < end; i++) {
		char ch = text[i] == '\t' ? ' ' : text[i];
		if (ch == '\n') {
			/* one separator between two blocks that show text: none at either
			 * end, one for a run of empty blocks, none after a space */
			sep |= shown;
			ch = 0;
		} else if (sep && ch == ' ') {
			ch = 0;
		} else if (sep) {
			while (out.len > lead && out.data[out.len - 1] == ' ')
				out.len--;
			buf_adds(&out, SNIPPET_SEP " ");
			sep = 0;
		}
		if (marks && k < nsp && sp[k].s == i)
			buf_addc(&out, '[');
		if (ch)
			buf_addc(&out, ch);
		shown |= ch && ch != ' ';
		if (k < nsp && sp[k].e == i + 1) {
			if (marks)
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
	if (!(st = catalog_stmt(c, "SELECT lo, hi FROM exhibit_range WHERE lang = ?1 ORDER BY lo")))
		return catalog_fail(c, e, "search");
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
		r->v[r->n][0] = sqlite3_column_int64(st, 0);
		r->v[r->n++][1] = sqlite3_column_int64(st, 1);
	}
	catalog_stmt_done(c, st);
	return rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "search");
}

/* The candidates in the ranges, in pack order: up to want of them, from the
 * first rowid after `after`. */
static int scan(struct catalog *c, const char *expr, const struct ranges *r, sqlite3_int64 after,
		size_t want, struct found *f, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (!(st = catalog_stmt(c, "SELECT rowid FROM page_fts WHERE page_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3")))
		return catalog_fail(c, e, "search");
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	for (size_t k = 0; k < r->n && f->n < want; k++) {
		if (r->v[k][1] <= after)
			continue;
		sqlite3_bind_int64(st, 2, r->v[k][0] > after ? r->v[k][0] : after + 1);
		sqlite3_bind_int64(st, 3, r->v[k][1]);
		while (f->n < want && (rc = sqlite3_step(st)) == SQLITE_ROW)
			found_add(f, sqlite3_column_int64(st, 0), 0.0);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		sqlite3_reset(st);
	}
	catalog_stmt_done(c, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : catalog_fail(c, e, "search");
}

/* Does page id match every term? 1 with *score (BM25 without the sign) and
 * *len (its text's bytes), 0 when not, -1 on error. */
static int verify(struct catalog *c, sqlite3_stmt *st, const struct query *q, sqlite3_int64 id,
		  double *freq, size_t *len, struct err *e)
{
	unsigned title[WORDS_MAX_TERMS] = { 0 }, text[WORDS_MAX_TERMS] = { 0 }, mask, all;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return fail(e, ERR_IO, "%s: search: an indexed page is missing", c->path);
		return catalog_fail(c, e, "search");
	}
	all = q->n >= 32 ? ~0u : (1u << q->n) - 1;
	mask = query_match(q, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0),
			   NULL, NULL, NULL, title);
	mask |= query_match(q, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1),
			    NULL, NULL, NULL, text);
	*len = (size_t)sqlite3_column_bytes(st, 1);
	sqlite3_reset(st);
	for (int k = 0; k < q->n; k++)
		freq[k] = TITLE_WEIGHT * title[k] + text[k];
	return mask == all;
}

struct scored {
	double freq[WORDS_MAX_TERMS];
	size_t len;
};

/* The matching exhibit pages, best first, at most limit: ranked when the index
 * gives fewer than RANK_MAX candidates, else the first ones in pack order. */
static int find_pages(struct catalog *c, const char *expr, const struct query *q, const struct ranges *r,
		      size_t limit, struct found *f, struct err *e)
{
	struct found cand = { 0 };
	struct scored *sc = NULL;
	sqlite3_stmt *st = NULL;
	size_t i, total = 0;
	int rc = -1, ok;

	if (scan(c, expr, r, INT64_MIN, RANK_MAX, &cand, e) < 0)
		return -1;
	if (!(st = catalog_stmt(c, "SELECT title, plain FROM page WHERE id = ?1"))) {
		catalog_fail(c, e, "search");
		goto out;
	}
	if (cand.n < RANK_MAX) {
		const double k1 = 1.2, b = 0.75;
		double avg;
		sc = xcalloc(cand.n ? cand.n : 1, sizeof(*sc));
		for (i = 0; i < cand.n; i++) {
			if ((ok = verify(c, st, q, cand.v[i].id, sc[f->n].freq, &sc[f->n].len, e)) < 0)
				goto out;
			if (ok) {
				total += sc[f->n].len;
				found_add(f, cand.v[i].id, 0.0);
			}
		}
		avg = f->n && total ? (double)total / (double)f->n : 1.0;
		for (i = 0; i < f->n; i++) {
			double s = 0.0, norm = k1 * (1 - b + b * (double)sc[i].len / avg);
			for (int k = 0; k < q->n; k++)
				s += sc[i].freq[k] * (k1 + 1) / (sc[i].freq[k] + norm);
			f->v[i].score = -s;
		}
		/* (no matches: f->v is NULL, which qsort may not get) */
		if (f->n > 1)
			qsort(f->v, f->n, sizeof(*f->v), by_score);
	} else {
		/* too many to rank: the first ones in pack order, reading on in the index
		 * while the candidates read so far do not make up the limit */
		double freq[WORDS_MAX_TERMS];
		size_t len;
		i = 0;
		while (f->n < limit) {
			if (i == cand.n) {
				sqlite3_int64 last = cand.v[cand.n - 1].id;
				cand.n = i = 0;
				if (scan(c, expr, r, last, RANK_MAX, &cand, e) < 0)
					goto out;
				if (!cand.n)
					break;
			}
			if ((ok = verify(c, st, q, cand.v[i].id, freq, &len, e)) < 0)
				goto out;
			if (ok)
				found_add(f, cand.v[i].id, 0.0);
			i++;
		}
	}
	if (f->n > limit)
		f->n = limit;
	rc = 0;
out:
	catalog_stmt_done(c, st);
	free(sc);
	free(cand.v);
	return rc;
}

int catalog_search(struct catalog *c, const char *query, int flags, const char *lang, int limit,
		   struct search_hit **hits, size_t *n, struct err *e)
{
	struct query q;
	struct buf expr = BUF_INIT;
	struct found f = { 0 };
	struct ranges r = { 0 };
	struct match_span *sp = NULL;
	sqlite3_stmt *st = NULL;
	size_t cap = 0, spcap = 0;
	int rc = 0, began = 0;

	*hits = NULL;
	*n = 0;
	if (!query_parse(query, flags, &q) || limit == 0 || (lang && !*lang)) {
		query_release(&q);
		return 0;
	}
	filter_expr(&q, &expr);
	/* one read transaction for all the statements: each would otherwise take and
	 * release the WAL's locks (a dozen system calls) by itself */
	if (sqlite3_get_autocommit(c->db)) {
		if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			rc = catalog_fail(c, e, "search");
			goto out;
		}
		began = 1;
	}
	if (find_ranges(c, lang, &r, e) < 0 ||
	    find_pages(c, expr.data, &q, &r, limit < 0 ? (size_t)INT_MAX : (size_t)limit, &f, e) < 0) {
		rc = -1;
		goto out;
	}
	if (f.n && !(st = catalog_stmt(c, "SELECT n.pack_id, n.slug, g.lang, g.title, g.plain FROM page g"
				       " JOIN node n ON n.id = g.node_id WHERE g.id = ?1"))) {
		rc = catalog_fail(c, e, "search");
		goto out;
	}
	for (size_t i = 0; i < f.n; i++) {
		struct search_hit *h;
		const char *plain;
		size_t plen, nsp = 0, anchor;
		sqlite3_bind_int64(st, 1, f.v[i].id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			/* the index and the pages disagree: say so rather than crash */
			rc = catalog_fail(c, e, "search: an indexed page is missing");
			break;
		}
		*hits = xgrow(*hits, &cap, *n + 1, sizeof(**hits));
		h = &(*hits)[(*n)++];
		h->pack_id = xstrdup((const char *)sqlite3_column_text(st, 0));
		h->slug = xstrdup((const char *)sqlite3_column_text(st, 1));
		h->lang = xstrdup((const char *)sqlite3_column_text(st, 2));
		h->title = xstrdup((const char *)sqlite3_column_text(st, 3));
		plain = (const char *)sqlite3_column_text(st, 4);
		plen = plain ? (size_t)sqlite3_column_bytes(st, 4) : 0;
		query_match(&q, plain ? plain : "", plen, &sp, &nsp, &spcap, NULL);
		nsp = merge_spans(sp, nsp);
		anchor = snippet_anchor(plain ? plain : "", plen, sp, nsp);
		h->offset = nsp ? (long)sp[anchor].s : -1;
		h->snippet = make_snippet(plain ? plain : "", plen, sp, nsp, anchor, 1);
		h->excerpt = make_snippet(plain ? plain : "", plen, sp, nsp, anchor, 0);
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
	catalog_stmt_done(c, st);
	if (began)
		sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	free(sp);
	free(f.v);
	free(r.v);
	buf_release(&expr);
	query_release(&q);
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
		free(hits[i].excerpt);
	}
	free(hits);
}
