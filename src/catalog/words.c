/* words.c: the word rule, the folding of words, Hangul jamo, and the query matcher
 * (see words.h for the rules). */
#include "words.h"
#include "catalog.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <hangul.h>
#include <stdlib.h>
#include <string.h>

static inline int is_cjk(int32_t c)
{
	if (c < 0x80)
		return 0;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 1;
	return utf8_is_cjk(c);
}

static inline int is_wordchar(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return utf8_is_wordchar(c);
}

static inline int is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

/* 1 when the comma at s[at] groups the digits of a number: an ASCII digit before it,
 * exactly three after it (34,121; 1,234,567; not 1,2 nor 2024,2025). */
static int digit_group_comma(const char *s, size_t n, size_t at)
{
	if (at == 0 || !is_digit((unsigned char)s[at - 1]) || at + 4 > n)
		return 0;
	for (size_t k = at + 1; k < at + 4; k++)
		if (!is_digit((unsigned char)s[k]))
			return 0;
	return at + 4 == n || !is_digit((unsigned char)s[at + 4]);
}

/* The end of the letter after the period at s[at] when it continues initials (U.N.,
 * e.g.): one letter, not a digit nor CJK, and no other letter or digit right after
 * it; else 0. The caller knows the word so far is single letters and periods. */
static size_t initial_after_period(const char *s, size_t n, size_t at)
{
	size_t i = at + 1, j;
	int32_t c, d;

	if (i >= n)
		return 0;
	c = utf8_next(s, n, &i);
	if (c <= 0 || is_digit(c) || is_cjk(c) || !is_wordchar(c))
		return 0;
	if (i >= n)
		return i;
	j = i;
	d = utf8_next(s, n, &j);
	return d > 0 && (is_wordchar(d) || is_cjk(d)) ? 0 : i;
}

int words_next(const char *s, size_t n, size_t *i, size_t *start, size_t *end, int32_t *cp)
{
	while (*i < n) {
		size_t at = *i, e;
		int32_t c = utf8_next(s, n, i);

		if (c <= 0)
			continue;
		if (is_cjk(c)) {
			*start = at;
			*end = *i;
			*cp = c;
			return UNIT_CJK;
		}
		if (!is_wordchar(c))
			continue;
		/* initials: the word so far is one letter, or letters each after a period */
		int initials = !is_digit(c);
		for (e = *i; e < n;) {
			size_t next = e, after;
			int32_t d = utf8_next(s, n, &next), f;
			if (d <= 0 || is_cjk(d))
				break;
			if (is_wordchar(d)) {
				e = next;
				initials = 0;
				continue;
			}
			if (d == ',' && digit_group_comma(s, n, e)) {
				e = next + 3;
				continue;
			}
			if (d == '.' && initials && (after = initial_after_period(s, n, e))) {
				e = after;
				continue;
			}
			initials = 0;
			if (!utf8_is_apostrophe(d) || next >= n)
				break;
			/* an apostrophe belongs to the word only between two of its letters */
			after = next;
			f = utf8_next(s, n, &after);
			if (f <= 0 || is_cjk(f) || !is_wordchar(f))
				break;
			e = after;
		}
		*start = at;
		*end = *i = e;
		*cp = c;
		return UNIT_WORD;
	}
	return 0;
}

size_t words_fold(const char *s, size_t n, struct buf *out)
{
	size_t before = out->len, len, i;
	char *f;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n) {
		for (i = 0; i < n && out->len - before < WORDS_MAX_BYTES; i++) {
			char c = s[i];
			if (c == '\'' || c == ',' || c == '.')
				continue;
			buf_addc(out, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
		}
		return out->len - before;
	}
	f = utf8_fold_search(s, n, &len);
	if (!f)
		return 0;
	if (len > WORDS_MAX_BYTES)
		len = utf8_cut(f, WORDS_MAX_BYTES);
	buf_add(out, f, len);
	free(f);
	return len;
}

static int is_hyphen(int32_t c);

size_t words_joined(const char *s, size_t n, size_t a, size_t b, struct buf *out)
{
	size_t end = 0, i, j, wa, wb;
	int32_t c;

	for (int k = 1; k < WORDS_JOINED_MAX; k++) {
		/* one or more hyphens, then a word at once (most words: not even one) */
		for (i = b; i < n; i = j) {
			j = i;
			if (!is_hyphen(utf8_next(s, n, &j)))
				break;
		}
		j = i;
		if (i == b || words_next(s, n, &j, &wa, &wb, &c) != UNIT_WORD || wa != i)
			break;
		if (k == 1) {
			buf_reset(out);
			words_fold(s + a, b - a, out);
		}
		words_fold(s + wa, wb - wa, out);
		end = b = wb;
		if (out->len >= WORDS_MAX_BYTES)
			break;
	}
	if (end && out->len > WORDS_MAX_BYTES)
		out->len = utf8_cut(out->data, WORDS_MAX_BYTES);
	return end;
}

/* ---- Hangul jamo ---- */

/* The compound vowels and double final consonants of the 2-beolsik keyboard (KS X
 * 5002) and the two jamo typed for each, in compatibility jamo. */
static const int32_t jamo_pairs[][3] = {
	{ 0x3133, 0x3131, 0x3145 }, /* ㄳ = ㄱ ㅅ */
	{ 0x3135, 0x3134, 0x3148 }, /* ㄵ = ㄴ ㅈ */
	{ 0x3136, 0x3134, 0x314E }, /* ㄶ = ㄴ ㅎ */
	{ 0x313A, 0x3139, 0x3131 }, /* ㄺ = ㄹ ㄱ */
	{ 0x313B, 0x3139, 0x3141 }, /* ㄻ = ㄹ ㅁ */
	{ 0x313C, 0x3139, 0x3142 }, /* ㄼ = ㄹ ㅂ */
	{ 0x313D, 0x3139, 0x3145 }, /* ㄽ = ㄹ ㅅ */
	{ 0x313E, 0x3139, 0x314C }, /* ㄾ = ㄹ ㅌ */
	{ 0x313F, 0x3139, 0x314D }, /* ㄿ = ㄹ ㅍ */
	{ 0x3140, 0x3139, 0x314E }, /* ㅀ = ㄹ ㅎ */
	{ 0x3144, 0x3142, 0x3145 }, /* ㅄ = ㅂ ㅅ */
	{ 0x3158, 0x3157, 0x314F }, /* ㅘ = ㅗ ㅏ */
	{ 0x3159, 0x3157, 0x3150 }, /* ㅙ = ㅗ ㅐ */
	{ 0x315A, 0x3157, 0x3163 }, /* ㅚ = ㅗ ㅣ */
	{ 0x315D, 0x315C, 0x3153 }, /* ㅝ = ㅜ ㅓ */
	{ 0x315E, 0x315C, 0x3154 }, /* ㅞ = ㅜ ㅔ */
	{ 0x315F, 0x315C, 0x3163 }, /* ㅟ = ㅜ ㅣ */
	{ 0x3162, 0x3161, 0x3163 }, /* ㅢ = ㅡ ㅣ */
};

/* Append jamo j to out, split when it is a pair; returns the new count. */
static int put_jamo(int32_t j, int32_t *out, int k)
{
	for (size_t p = 0; p < sizeof(jamo_pairs) / sizeof(*jamo_pairs); p++)
		if (jamo_pairs[p][0] == j) {
			out[k++] = jamo_pairs[p][1];
			out[k++] = jamo_pairs[p][2];
			return k;
		}
	out[k++] = j;
	return k;
}

static int is_consonant_jamo(int32_t c)
{
	return c >= 0x3131 && c <= 0x314E;
}

/* The 19 initial consonants in the order of the syllables, as compatibility jamo:
 * a syllable's initial is (c - U+AC00) / 588 (Unicode, chapter 3.12, "Hangul
 * Syllable Decomposition"); test_words checks the table against libhangul's. */
static const int32_t initials[19] = {
	0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
	0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
};

int32_t words_onset(int32_t c)
{
	if (c >= 0xAC00 && c <= 0xD7A3)
		return initials[(c - 0xAC00) / 588];
	return is_consonant_jamo(c) ? c : 0;
}

int words_jamo(int32_t c, int32_t out[6])
{
	ucschar l, v, t;
	int k = 0;

	if (c < 0xAC00 || c > 0xD7A3) {
		out[0] = c;
		return 1;
	}
	hangul_syllable_to_jamo((ucschar)c, &l, &v, &t);
	out[k++] = (int32_t)hangul_jamo_to_cjamo(l);
	k = put_jamo((int32_t)hangul_jamo_to_cjamo(v), out, k);
	if (t && hangul_is_jongseong(t))
		k = put_jamo((int32_t)hangul_jamo_to_cjamo(t), out, k);
	return k;
}

/* ---- the query ---- */

static void add_unit(struct qterm *t, int kind, int32_t cp, size_t s, size_t e)
{
	struct qunit *u;

	if (t->nu >= WORDS_MAX_UNITS)
		return;
	u = &t->u[t->nu++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->cp = cp;
	u->lidx = -1;
	for (int i = 0; kind == QU_ONSET && i < 19; i++)
		if (words_onset(0xAC00 + i * 588) == cp)
			u->lidx = i;
	u->s = s;
	u->e = e;
}

/* One CJK character of the query, as units of term t. */
static void add_cjk(struct qterm *t, int32_t c, size_t s, size_t e)
{
	int32_t pair[6];

	/* a conjoining jamo left over from NFD text reads as the jamo a keyboard types */
	if ((c >= 0x1100 && c <= 0x11FF) && hangul_jamo_to_cjamo((ucschar)c) != (ucschar)c)
		c = (int32_t)hangul_jamo_to_cjamo((ucschar)c);
	if (!is_consonant_jamo(c)) {
		add_unit(t, QU_EXACT, c, s, e);
		return;
	}
	if (put_jamo(c, pair, 0) == 2 && is_consonant_jamo(pair[0])) {
		add_unit(t, QU_ONSET, pair[0], s, e);
		add_unit(t, QU_ONSET, pair[1], s, e);
	} else {
		add_unit(t, QU_ONSET, c, s, e);
	}
}

/* A CJK term of one unit, or none, for what follows. */
static struct qterm *new_cjk_term(struct query *q)
{
	struct qterm *t = &q->v[q->n++];

	t->cjk = 1;
	t->fold = xstrdup("");
	t->u = xcalloc(WORDS_MAX_UNITS, sizeof(*t->u));
	return t;
}

/* Word s[a..b), folded as fold, as a unit of CJK term t. */
static void add_word_unit(struct qterm *t, const struct buf *fold, size_t a, size_t b)
{
	if (t->nu >= WORDS_MAX_UNITS)
		return;
	add_unit(t, QU_WORD, 0, a, b);
	t->u[t->nu - 1].fold = xstrndup(fold->data, fold->len);
	t->u[t->nu - 1].fold_n = fold->len;
}

/* 1 for a hyphen that joins the words of a query: U+002D, U+2010, U+2011. */
static int is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* 1 when s[0..n) is one or more hyphens. */
static int hyphens_only(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n)
		if (!is_hyphen(utf8_next(s, n, &i)))
			return 0;
	return n > 0;
}

/* 1 for what may stand in the text where the query wrote a hyphen: hyphens, the
 * soft hyphen, spaces and line breaks. */
static int is_hyphen_gap(int32_t c)
{
	return is_hyphen(c) || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0xAD;
}

/* Word term t, the last of q, in its place as a CJK term whose first unit is the
 * word (query_parse; a and b are its bytes in the query). */
static struct qterm *word_to_units(struct query *q, struct qterm *t, size_t a, size_t b)
{
	struct buf w = BUF_INIT;

	buf_add(&w, t->fold, t->fold_n);
	free(t->fold);
	memset(t, 0, sizeof(*t));
	q->n--;
	t = new_cjk_term(q);
	add_word_unit(t, &w, a, b);
	buf_release(&w);
	return t;
}

int query_parse(const char *text, int flags, struct query *q)
{
	size_t len = strlen(text), qlen = len < WORDS_MAX_QUERY_BYTES ? len : WORDS_MAX_QUERY_BYTES;
	size_t n, i = 0, a, b, prev_start = 0, prev_end = (size_t)-1;
	struct buf fold = BUF_INIT;
	struct qterm *t = NULL;
	int32_t cp;
	int kind, prev_kind = 0;
	char *s;

	memset(q, 0, sizeof(*q));
	qlen = utf8_cut(text, qlen);
	s = utf8_nfc(text, qlen, &n);
	if (!s) {
		/* invalid UTF-8: keep the valid part up to the first bad byte */
		size_t bad = 0;
		utf8_valid(text, qlen, &bad);
		s = utf8_nfc(text, bad, &n);
		if (!s)
			return 0;
	}
	q->text = s;
	while ((kind = words_next(s, n, &i, &a, &b, &cp))) {
		int joined = t && a == prev_end;
		if (kind == UNIT_WORD) {
			buf_reset(&fold);
			if (!words_fold(s + a, b - a, &fold))
				continue;
		}
		if (t && kind == UNIT_WORD && prev_kind == UNIT_WORD && a > prev_end &&
		    hyphens_only(s + prev_end, a - prev_end)) {
			/* words joined by hyphens: units of one term */
			if (!t->cjk)
				t = word_to_units(q, t, prev_start, prev_end);
			add_word_unit(t, &fold, a, b);
			if (t->nu && t->u[t->nu - 1].s == a)
				t->u[t->nu - 1].hyphen = 1;
			prev_start = a;
			prev_end = b;
			continue;
		}
		prev_kind = kind;
		if (joined && kind == UNIT_CJK && !t->cjk)
			/* a word written together with a CJK character: the word becomes the
			 * first unit of a CJK term in its place */
			t = word_to_units(q, t, prev_start, prev_end);
		if (joined && t->cjk) {
			if (kind == UNIT_CJK)
				add_cjk(t, cp, a, b);
			else
				add_word_unit(t, &fold, a, b);
			prev_start = a;
			prev_end = b;
			continue;
		}
		if (q->n == WORDS_MAX_TERMS)
			break;
		if (kind == UNIT_WORD) {
			t = &q->v[q->n++];
			t->fold = xstrndup(fold.data, fold.len);
			t->fold_n = fold.len;
		} else {
			t = new_cjk_term(q);
			add_cjk(t, cp, a, b);
		}
		prev_start = a;
		prev_end = b;
	}
	buf_release(&fold);
	if ((flags & CATALOG_SEARCH_COMPOSING) && q->n && q->v[q->n - 1].cjk) {
		t = &q->v[q->n - 1];
		struct qunit *u = &t->u[t->nu - 1];
		if (u->kind == QU_EXACT && u->cp >= 0xAC00 && u->cp <= 0xD7A3) {
			int32_t base = u->cp - (u->cp - 0xAC00) % 588, j[6];
			u->kind = QU_PREFIX;
			u->njamo = words_jamo(u->cp, u->jamo);
			for (int vw = 0; vw < 21; vw++) {
				int nj = words_jamo(base + vw * 28, j);
				if (memcmp(j, u->jamo, (size_t)(nj < u->njamo ? nj : u->njamo) * sizeof(*j)))
					continue;
				/* a vowel the typed one goes on from (우 of 워) matches only
				 * when a consonant follows it there: a final, or the initial
				 * of the next character */
				if (nj < u->njamo && !is_consonant_jamo(u->jamo[nj]))
					continue;
				if (!u->lo)
					u->lo = base + vw * 28;
				u->hi = base + vw * 28 + 27;
			}
		}
	}
	return q->n;
}

void query_release(struct query *q)
{
	for (int i = 0; i < q->n; i++) {
		for (int k = 0; k < q->v[i].nu; k++)
			free(q->v[i].u[k].fold);
		free(q->v[i].fold);
		free(q->v[i].u);
	}
	free(q->text);
	memset(q, 0, sizeof(*q));
}

/* ---- matching ---- */

static int ascii_word(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			return 0;
	return 1;
}

/* 1 when the ASCII word w[0..n), folded as words_fold does (letters lowercased;
 * apostrophes, digit-group commas and the periods of initials dropped), begins with
 * f[0..fn), without a copy; *whole (may be NULL) is then 1 when nothing of w is
 * left after it. */
static int ascii_starts(const char *w, size_t n, const char *f, size_t fn, int *whole)
{
	size_t j = 0, i;

	for (i = 0; i < n && j < fn; i++) {
		char c = w[i];
		if (c == '\'' || c == ',' || c == '.')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != f[j++])
			return 0;
	}
	if (whole)
		*whole = i == n;
	return j == fn;
}

/* 1 when the word w[0..n) of a text, folded, is u's word, or starts with it when
 * prefix is set. */
static int word_unit_matches(const struct qunit *u, const char *w, size_t n, int prefix)
{
	struct buf fold = BUF_INIT;
	int ok, whole = 0;

	/* a word of WORDS_MAX_BYTES is a longer one cut, on both sides: no more of it
	 * is compared */
	if (u->fold_n >= WORDS_MAX_BYTES)
		prefix = 1;
	if (ascii_word(w, n))
		return ascii_starts(w, n, u->fold, u->fold_n, &whole) && (prefix || whole);
	words_fold(w, n, &fold);
	ok = fold.len >= u->fold_n && !memcmp(fold.data, u->fold, u->fold_n) && (prefix || fold.len == u->fold_n);
	buf_release(&fold);
	return ok;
}

/* The end of a match of CJK term t that starts at s[at], or 0. A word unit must be
 * a word of the text that begins right there (the caller sees to that for the
 * first unit): the whole word, or a word it begins when it is the last unit. */
static size_t cjk_match_at(const struct qterm *t, const char *s, size_t n, size_t at)
{
	size_t i = at;

	for (int k = 0; k < t->nu; k++) {
		const struct qunit *u = &t->u[k];
		int32_t c, j[6];
		int nj;
		size_t i2;

		if (i >= n)
			return 0;
		if (u->kind == QU_WORD) {
			size_t wa, wb;
			if (u->hyphen) {
				/* hyphens or spaces, at least one */
				size_t g = i;
				for (i2 = i; i2 < n && is_hyphen_gap(utf8_next(s, n, &i2));)
					g = i2;
				if (g == i)
					return 0;
				i = g;
			}
			i2 = i;
			if (words_next(s, n, &i2, &wa, &wb, &c) != UNIT_WORD || wa != i ||
			    !word_unit_matches(u, s + wa, wb - wa, k == t->nu - 1))
				return 0;
			i = wb;
			continue;
		}
		c = utf8_next(s, n, &i);
		if (c <= 0)
			return 0;
		switch (u->kind) {
		case QU_EXACT:
			if (c != u->cp)
				return 0;
			break;
		case QU_ONSET:
			/* a syllable's initial is (c - U+AC00) / 588 (Unicode, chapter 3.12) */
			if (c != u->cp && !(c >= 0xAC00 && c <= 0xD7A3 && (c - 0xAC00) / 588 == u->lidx))
				return 0;
			break;
		default:
			/* a syllable of the same initial consonant (the block of 588 it begins) */
			if (c < u->cp - (u->cp - 0xAC00) % 588 || c >= u->cp - (u->cp - 0xAC00) % 588 + 588)
				return 0;
			nj = words_jamo(c, j);
			if (nj >= u->njamo) {
				if (memcmp(j, u->jamo, (size_t)u->njamo * sizeof(*j)))
					return 0;
				break;
			}
			/* the syllable typed so far, less its last jamo, a consonant that is
			 * the initial of the next character */
			if (nj != u->njamo - 1 || memcmp(j, u->jamo, (size_t)nj * sizeof(*j)) || i >= n ||
			    !words_onset(u->jamo[nj]))
				return 0;
			i2 = i;
			c = utf8_next(s, n, &i2);
			if (c <= 0 || words_onset(c) != u->jamo[nj])
				return 0;
			i = i2;
			break;
		}
	}
	return i;
}

static int has_prefix(const char *w, size_t wn, const struct qterm *t)
{
	return t->fold_n && wn >= t->fold_n && !memcmp(w, t->fold, t->fold_n);
}


/* has_prefix for an ASCII word, folded as words_fold does, without a copy. */
static int ascii_prefix(const char *w, size_t n, const struct qterm *t)
{
	return t->fold_n && ascii_starts(w, n, t->fold, t->fold_n, NULL);
}

static void add_span(struct match_span **v, size_t *nv, size_t *cap, size_t a, size_t b, unsigned terms)
{
	if (!v)
		return;
	*v = xgrow(*v, cap, *nv + 1, sizeof(**v));
	(*v)[*nv].s = a;
	(*v)[*nv].e = b;
	(*v)[(*nv)++].terms = terms;
}

/* The start of a match whose unit k is at s[at]: k characters back (for units
 * before any word, each one character; only the last may run into one more), or
 * (size_t)-1. */
static size_t back_units(const char *s, size_t at, int k)
{
	while (k-- > 0) {
		if (at == 0)
			return (size_t)-1;
		at = utf8_prev(s, at);
	}
	return at;
}

/* The first place s[0..n) has the two bytes of pair, or NULL: memchr for the second
 * byte (a continuation byte, in Korean text some 1 in 64 of them; vectorised), then
 * the byte before it. glibc's memmem reads a two-byte needle a byte at a time. */
static const char *find_pair(const char *s, size_t n, const char pair[2])
{
	const char *p = s + 1, *end = s + n;

	while (p < end && (p = memchr(p, pair[1], (size_t)(end - p)))) {
		if (p[-1] == pair[0])
			return p - 1;
		p++;
	}
	return NULL;
}

/* Every match of CJK term t in s, in text order. A term that begins with a word
 * tries each word of the text. Else a unit the text has as fixed bytes anchors the
 * scan: a character that matches itself before any word of the term (its bytes, by
 * memmem), else, in a term without words, a syllable being composed (below). Each
 * place the anchor is found, cjk_match_at tries the match that puts it at its unit.
 * Other terms (initial consonants first, and no fixed character before a word) try
 * every CJK character of the text. test_words checks the three ways of terms without
 * words against the rule written out on its own; test_search_index checks terms
 * with words against the index. */
static unsigned cjk_term_match(const struct qterm *t, unsigned bit, const char *s, size_t n,
			       struct match_span **v, size_t *nv, size_t *cap)
{
	unsigned count = 0;
	size_t i = 0, e, at, wa, wb;
	int k = 0, kw = 0;
	int32_t c0;

	/* units before a word are one character each: back_units finds where they begin */
	while (kw < t->nu && t->u[kw].kind != QU_WORD)
		kw++;
	while (k < t->nu && t->u[k].kind != QU_EXACT)
		k++;
	if (t->u[0].kind == QU_WORD) {
		/* a term that begins with a word: at each word of the text */
		while (words_next(s, n, &i, &wa, &wb, &c0))
			if ((e = cjk_match_at(t, s, n, wa))) {
				count++;
				add_span(v, nv, cap, wa, e, bit);
				i = e > i ? e : i;
			}
		return count;
	}
	if (k < kw) {
		char fixed[4];
		size_t fl = utf8_put(fixed, t->u[k].cp);
		const char *hit;
		while (i < n && (hit = memmem(s + i, n - i, fixed, fl))) {
			size_t a = (size_t)(hit - s);
			if ((at = back_units(s, a, k)) != (size_t)-1 && (e = cjk_match_at(t, s, n, at))) {
				count++;
				add_span(v, nv, cap, at, e, bit);
			}
			i = a + fl;
		}
		return count;
	}
	k = t->nu - 1;
	if (t->u[k].kind == QU_PREFIX && kw == t->nu) {
		/* what the composed syllable may match are code points [u->lo, u->hi]. The
		 * first two bytes of their UTF-8 change every 64 code points, so up to three
		 * such pairs find them, each by find_pair, taken in text order. */
		const struct qunit *u = &t->u[k];
		int32_t lo = u->lo, hi = u->hi, c;
		char pre[3][2];
		const char *next[3];
		int np = 0;
		for (c = lo; lo && c <= hi && np < 3; c = (c | 0x3F) + 1) {
			pre[np][0] = (char)(0xE0 | (c >> 12));
			pre[np][1] = (char)(0x80 | ((c >> 6) & 0x3F));
			next[np] = find_pair(s, n, pre[np]);
			np++;
		}
		for (;;) {
			const unsigned char *p;
			int m = -1;
			for (int x = 0; x < np; x++)
				if (next[x] && (m < 0 || next[x] < next[m]))
					m = x;
			if (m < 0)
				break;
			p = (const unsigned char *)next[m];
			at = (size_t)(next[m] - s);
			next[m] = at + 2 < n ? find_pair(s + at + 2, n - at - 2, pre[m]) : NULL;
			if (at + 3 > n || (p[2] & 0xC0) != 0x80)
				continue;
			c = ((int32_t)(p[0] & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			if (c < lo || c > hi)
				continue;
			if ((at = back_units(s, at, k)) != (size_t)-1 && (e = cjk_match_at(t, s, n, at))) {
				count++;
				add_span(v, nv, cap, at, e, bit);
			}
		}
		return count;
	}
	while (i < n) {
		int32_t c;
		const struct qunit *u = &t->u[0];
		at = i;
		c = utf8_next(s, n, &i);
		if (c < 0x3131)
			continue;
		/* an initial consonant first: the arithmetic of cjk_match_at, inline */
		if (u->kind == QU_ONSET && c != u->cp && !(c >= 0xAC00 && c <= 0xD7A3 && (c - 0xAC00) / 588 == u->lidx))
			continue;
		if ((e = cjk_match_at(t, s, n, at))) {
			count++;
			add_span(v, nv, cap, at, e, bit);
		}
	}
	return count;
}

unsigned query_match(const struct query *q, const char *s, size_t n, struct match_span **v,
		     size_t *nv, size_t *cap, unsigned *counts)
{
	struct buf fold = BUF_INIT;
	size_t i = 0, a, b;
	unsigned mask = 0, k_count, words_all = 0;
	int words = 0, kind;
	int32_t cp;

	for (int k = 0; k < q->n; k++) {
		if (!q->v[k].cjk) {
			words = 1;
			words_all |= 1u << k;
			continue;
		}
		if ((k_count = cjk_term_match(&q->v[k], 1u << k, s, n, v, nv, cap))) {
			mask |= 1u << k;
			if (counts)
				counts[k] += k_count;
		}
	}
	while (words && (kind = words_next(s, n, &i, &a, &b, &cp))) {
		unsigned found = 0, joined = 0;
		size_t e;
		if (kind != UNIT_WORD)
			continue;
		if (ascii_word(s + a, b - a)) {
			for (int k = 0; k < q->n; k++)
				if (!q->v[k].cjk && ascii_prefix(s + a, b - a, &q->v[k])) {
					if (counts)
						counts[k]++;
					found |= 1u << k;
				}
		} else {
			buf_reset(&fold);
			words_fold(s + a, b - a, &fold);
			for (int k = 0; k < q->n; k++)
				if (!q->v[k].cjk && has_prefix(fold.data, fold.len, &q->v[k])) {
					if (counts)
						counts[k]++;
					found |= 1u << k;
				}
		}
		/* the word it makes with the words joined to it by hyphens, for the terms it
		 * does not match alone: "jongun" at Jong of Jong-un */
		if (found != words_all && (e = words_joined(s, n, a, b, &fold)))
			for (int k = 0; k < q->n; k++)
				if (!q->v[k].cjk && !(found & 1u << k) && has_prefix(fold.data, fold.len, &q->v[k])) {
					if (counts)
						counts[k]++;
					joined |= 1u << k;
				}
		if (found)
			add_span(v, nv, cap, a, b, found);
		if (joined)
			add_span(v, nv, cap, a, e, joined);
		mask |= found | joined;
	}
	buf_release(&fold);
	return mask;
}
