#include "tokenize.h"
#include "words.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Short prefixes of words are indexed too: the marker byte, then the word's first
 * 1 to TOKEN_PREFIX_MAX characters (only those shorter than the word). A visitor's
 * 1- to 3-letter word then looks up one token instead of making FTS5 merge the
 * lists of every word that starts with it (all of "the", "their", "to"... for "t").
 * No other token can start with the marker: words are letters, digits and marks. */
#define TOKEN_PREFIX_MAX 3

/* The tokens a document gave already: the index keeps no positions (detail=none),
 * so FTS5 needs each token of a document once, and a Korean page repeats most of
 * its bigrams and all of its initial consonants many times. Skipping the repeats
 * here takes most of the work off FTS5's hash. A syllable's and onset tokens have a
 * direct slot (below), other tokens of up to SMALL_MAX bytes are in the table of
 * small keys, and the longer ones in a table kept from one document to the next (a
 * slot is empty unless it has the document's generation). */
struct seen_slot {
	uint32_t gen, hash, off, len;
};

/* Tokens of one Hangul syllable, and of 1 to 3 onsets, are most of a Korean page's
 * (each syllable gives its unigram and three onset tokens, repeated all over the
 * page): they have a slot each, a bit in an array indexed by their characters,
 * rather than one in a hash table. */
#define SYL_FIRST 0xAC00
#define SYL_COUNT 11172
#define ONSET_FIRST 0x3131 /* the compatibility jamo words_onset gives */
#define ONSET_COUNT 30
#define DIRECT_SLOTS (SYL_COUNT + ONSET_COUNT + ONSET_COUNT * ONSET_COUNT + \
		      ONSET_COUNT * ONSET_COUNT * ONSET_COUNT)
/* A direct slot is a bit, and all are cleared for each document (5 KiB, and 1.4 KiB
 * for the syllables): a generation in each, four bytes a slot, would make 200 KiB
 * that the slots of one page are scattered over, most of them a miss in the
 * processor's first caches. */
#define BIT_WORDS(n) (((n) + 63) / 64)

/* Set bit i of v; 1 when it was clear. */
static inline int bit_set(uint64_t *v, size_t i)
{
	uint64_t m = (uint64_t)1 << (i & 63), w = v[i >> 6];

	v[i >> 6] = w | m;
	return !(w & m);
}

/* Tokens of up to 7 bytes (a bigram of two syllables, a prefix, most words) are
 * their own key: the bytes and the length in one integer, kept in a table of their
 * own, which needs neither a hash of the bytes nor a copy of them to compare. A
 * slot is the key alone (0 when empty), 8 bytes, so that the table of a page fits
 * the processor's first caches; the slots a document filled are listed, and only
 * those are emptied for the next. */
#define SMALL_MAX 7

struct kiosk_tokenizer {
	struct seen_slot *v;
	size_t cap;       /* a power of 2 */
	size_t n;         /* slots of this generation */
	uint32_t gen;
	struct buf keys;  /* the tokens of this generation */
	uint64_t *small;  /* the keys of the tokens of up to SMALL_MAX bytes, 0 or NULL */
	size_t small_cap; /* a power of 2 */
	size_t small_n;   /* slots filled, listed in small_used */
	uint32_t *small_used;
	uint64_t *direct; /* DIRECT_SLOTS bits, set for the tokens the document gave;
			   * or NULL until a token needs one */
	uint64_t *syllables; /* SYL_COUNT bits: the syllables whose unigram and onset
			      * the document gave as characters; or NULL */
	struct tokenize_replay *replay; /* the connection's, or NULL */
};

struct token_rec {
	uint32_t off, len; /* in token_list.bytes */
	int start, end;
};

struct token_list {
	struct buf bytes;    /* the tokens, back to back */
	struct token_rec *v;
	size_t n, cap;
};

struct tokenize_replay {
	struct {
		const char *text;
		int len;
		const struct token_list *tokens;
	} doc[TOKENIZE_EXPECT_MAX];
};

static void seen_reset(struct kiosk_tokenizer *t)
{
	if (++t->gen == 0) {
		memset(t->v, 0, t->cap * sizeof(*t->v));
		t->gen = 1;
	}
	if (t->direct)
		memset(t->direct, 0, BIT_WORDS(DIRECT_SLOTS) * sizeof(*t->direct));
	if (t->syllables)
		memset(t->syllables, 0, BIT_WORDS(SYL_COUNT) * sizeof(*t->syllables));
	t->n = 0;
	for (size_t i = 0; i < t->small_n; i++)
		t->small[t->small_used[i]] = 0;
	t->small_n = 0;
	buf_reset(&t->keys);
}

static uint32_t hash_bytes(const char *s, int n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (int i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct seen_slot *seen_find(struct kiosk_tokenizer *t, uint32_t h, const char *tok, int n)
{
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct seen_slot *sl = &t->v[i];
		if (sl->gen != t->gen)
			return sl;
		if (sl->hash == h && sl->len == (uint32_t)n && !memcmp(t->keys.data + sl->off, tok, (size_t)n))
			return sl;
	}
}

/* The character of a three-byte UTF-8 sequence, or -1. No two sequences give the
 * same character at or above U+0800, where every character here is. */
static int32_t char3(const unsigned char *p)
{
	if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
		return -1;
	return ((int32_t)(p[0] & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

/* The direct slot of the onset token of the k (1 to 3) onsets o[], or -1 when one
 * of them has none. */
static long onset_slot(const int32_t *o, int k)
{
	long slot = 0, base = SYL_COUNT;

	for (int j = 0; j < k; j++) {
		if (o[j] < ONSET_FIRST || o[j] >= ONSET_FIRST + ONSET_COUNT)
			return -1;
		slot = slot * ONSET_COUNT + (o[j] - ONSET_FIRST);
	}
	if (k >= 2)
		base += ONSET_COUNT;
	if (k >= 3)
		base += ONSET_COUNT * ONSET_COUNT;
	return base + slot;
}

/* The slot of tok in the array of direct slots, or -1 when it has none. */
static long direct_slot(const char *tok, int n)
{
	const unsigned char *p = (const unsigned char *)tok;
	int32_t o[3];
	int k;

	if (n == 3) {
		int32_t c = char3(p);
		return c >= SYL_FIRST && c < SYL_FIRST + SYL_COUNT ? c - SYL_FIRST : -1;
	}
	if ((n != 4 && n != 7 && n != 10) || tok[0] != TOKEN_ONSET_MARK)
		return -1;
	k = (n - 1) / 3;
	for (int j = 0; j < k; j++)
		o[j] = char3(p + 1 + 3 * j);
	return onset_slot(o, k);
}

static size_t small_find(const struct kiosk_tokenizer *t, uint64_t key)
{
	/* Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4): the top bits of key * 2^64/phi */
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15u) >> 40) & (t->small_cap - 1);

	while (t->small[i] && t->small[i] != key)
		i = (i + 1) & (t->small_cap - 1);
	return i;
}

/* seen_add for a token of 1 to SMALL_MAX bytes. */
static int small_add(struct kiosk_tokenizer *t, const char *tok, int n)
{
	/* byte k of the token in bits 8k.., its length in the top byte: never 0 */
	uint64_t key = (uint64_t)n << 56;
	size_t i;

	for (int k = 0; k < n; k++)
		key |= (uint64_t)(unsigned char)tok[k] << (8 * k);
	if ((t->small_n + 1) * 2 > t->small_cap) {
		uint64_t *old = t->small;
		size_t cap = t->small_cap;
		t->small_cap = cap ? cap * 2 : 4096;
		t->small = xcalloc(t->small_cap, sizeof(*t->small));
		t->small_used = xrealloc(t->small_used, t->small_cap / 2 * sizeof(*t->small_used));
		for (size_t k = 0; k < t->small_n; k++) {
			uint64_t was = old[t->small_used[k]];
			t->small_used[k] = (uint32_t)(i = small_find(t, was));
			t->small[i] = was;
		}
		free(old);
	}
	i = small_find(t, key);
	if (t->small[i])
		return 0;
	t->small[i] = key;
	t->small_used[t->small_n++] = (uint32_t)i;
	return 1;
}

/* seen_add for the token of direct slot d. */
static int direct_add(struct kiosk_tokenizer *t, long d)
{
	if (!t->direct)
		t->direct = xcalloc(BIT_WORDS(DIRECT_SLOTS), sizeof(*t->direct));
	return bit_set(t->direct, (size_t)d);
}

/* 1 when the document has not given tok before (it is remembered), else 0. */
static int seen_add(struct kiosk_tokenizer *t, const char *tok, int n)
{
	long d = direct_slot(tok, n);
	uint32_t h;
	struct seen_slot *sl;

	if (d < 0 && n > 0 && n <= SMALL_MAX)
		return small_add(t, tok, n);
	if (d >= 0)
		return direct_add(t, d);
	h = hash_bytes(tok, n);

	if ((t->n + 1) * 2 > t->cap) {
		struct seen_slot *old = t->v;
		size_t cap = t->cap;
		t->cap = cap ? cap * 2 : 4096;
		t->v = xcalloc(t->cap, sizeof(*t->v));
		for (size_t i = 0; i < cap; i++)
			if (old[i].gen == t->gen)
				*seen_find(t, old[i].hash, t->keys.data + old[i].off, (int)old[i].len) = old[i];
		free(old);
	}
	sl = seen_find(t, h, tok, n);
	if (sl->gen == t->gen)
		return 0;
	sl->gen = t->gen;
	sl->hash = h;
	sl->off = (uint32_t)t->keys.len;
	sl->len = (uint32_t)n;
	buf_add(&t->keys, tok, (size_t)n);
	t->n++;
	return 1;
}

struct fts5_bridge {
	void *ctx;
	int (*x)(void *, int, const char *, int, int, int);
	struct kiosk_tokenizer *t;
};

/* Give FTS5 a document's token the first time only. */
static int give(struct fts5_bridge *b, const char *tok, int n, int start, int end)
{
	return seen_add(b->t, tok, n) ? b->x(b->ctx, 0, tok, n, start, end) : SQLITE_OK;
}

typedef int (*token_cb)(void *ctx, int colocated, const char *tok, int n, int start, int end);

/* Give cb a token: a document's (seen not NULL) the first time only. */
static inline int emit(struct kiosk_tokenizer *seen, token_cb cb, void *ctx, int colocated,
		       const char *tok, int n, int start, int end)
{
	if (seen && !seen_add(seen, tok, n))
		return SQLITE_OK;
	return cb(ctx, colocated, tok, n, start, end);
}

/* Give cb the onset token of the k (1 to 3) onsets o[], all nonzero: the marker,
 * then each. A document's the first time only, which its direct slot tells before
 * the token is made (most of a page's onset tokens are repeats). */
static int emit_onsets(struct kiosk_tokenizer *seen, token_cb cb, void *ctx, const int32_t *o, int k,
		       int start, int end)
{
	char on[1 + 3 * 4];
	size_t len = 1;

	if (seen) {
		long d = onset_slot(o, k);
		if (d >= 0) {
			if (!direct_add(seen, d))
				return SQLITE_OK;
			seen = NULL; /* new: remembered now */
		}
	}
	on[0] = TOKEN_ONSET_MARK;
	for (int j = 0; j < k; j++)
		len += utf8_put(on + len, o[j]);
	return emit(seen, cb, ctx, 1, on, (int)len, start, end);
}

/* The bit of c in seen->syllables (made when first needed), or -1 when c is not a
 * Hangul syllable or seen is NULL. */
static long syllable_bit(struct kiosk_tokenizer *seen, int32_t c)
{
	if (!seen || c < SYL_FIRST || c >= SYL_FIRST + SYL_COUNT)
		return -1;
	if (!seen->syllables)
		seen->syllables = xcalloc(BIT_WORDS(SYL_COUNT), sizeof(*seen->syllables));
	return c - SYL_FIRST;
}

/* tokenize_run; with seen (a document's tables, or NULL), each token is given once,
 * the first time it comes, and a syllable's unigram and onset are not even made
 * when the same syllable gave them earlier in the document (making them is most of
 * the work of a Korean page). */
static int run(const char *text, int len, int query, token_cb cb, void *ctx, struct kiosk_tokenizer *seen)
{
	size_t i = 0, n = (size_t)(len < 0 ? 0 : len), a, b;
	struct buf fold = BUF_INIT;
	int rc = SQLITE_OK, kind;
	int32_t c, o1 = 0, o2 = 0;  /* onsets of the two CJK characters before */
	size_t a1 = 0, b1 = (size_t)-1, a2_prev = 0;

	kind = words_next(text, n, &i, &a, &b, &c);
	while (kind && rc == SQLITE_OK) {
		if (kind == UNIT_WORD) {
			size_t e;
			buf_reset(&fold);
			if (words_fold(text + a, b - a, &fold))
				rc = emit(seen, cb, ctx, 0, fold.data, (int)fold.len, (int)a, (int)b);
			/* and the word it makes with the words joined to it by hyphens */
			if (rc == SQLITE_OK && !query && (e = words_joined(text, n, a, b, &fold)) && fold.len)
				rc = emit(seen, cb, ctx, 0, fold.data, (int)fold.len, (int)a, (int)e);
			kind = words_next(text, n, &i, &a, &b, &c);
			continue;
		}
		/* a CJK character: the bigram with the next one of its run and its own
		 * unigram, or only the unigram at the end of the run; then its onsets */
		{
			size_t a2, b2;
			int32_t d;
			int next = words_next(text, n, &i, &a2, &b2, &d);
			int run = next == UNIT_CJK && a2 == b;
			long syl = query ? -1 : syllable_bit(seen, c);
			int again = syl >= 0 && (seen->syllables[syl >> 6] >> (syl & 63) & 1);
			int32_t o = words_onset(c), od = run ? words_onset(d) : 0, os[3];

			if (run) {
				rc = emit(seen, cb, ctx, 0, text + a, (int)(b2 - a), (int)a, (int)b2);
				if (rc == SQLITE_OK && !query && !again)
					rc = emit(seen, cb, ctx, 1, text + a, (int)(b - a), (int)a, (int)b);
			} else if (!again) {
				rc = emit(seen, cb, ctx, 0, text + a, (int)(b - a), (int)a, (int)b);
			}
			/* the onset alone, and with the next character's */
			if (rc == SQLITE_OK && !query && !again && o)
				rc = emit_onsets(seen, cb, ctx, &o, 1, (int)a, (int)b);
			if (rc == SQLITE_OK && syl >= 0)
				bit_set(seen->syllables, (size_t)syl);
			if (rc == SQLITE_OK && !query && o && od) {
				os[0] = o;
				os[1] = od;
				rc = emit_onsets(seen, cb, ctx, os, 2, (int)a, (int)b2);
			}
			/* the onsets of this character and the two before it in the run */
			if (rc == SQLITE_OK && !query && o && o1 && o2 && a == b1) {
				os[0] = o2;
				os[1] = o1;
				os[2] = o;
				rc = emit_onsets(seen, cb, ctx, os, 3, (int)a2_prev, (int)b);
			}
			if (a == b1) {
				o2 = o1;
				a2_prev = a1;
			} else {
				o2 = 0;
			}
			o1 = o;
			a1 = a;
			b1 = b;
			kind = next;
			a = a2;
			b = b2;
			c = d;
		}
	}
	buf_release(&fold);
	return rc;
}

int tokenize_run(const char *text, int len, int query,
		 int (*cb)(void *ctx, int colocated, const char *tok, int n, int start, int end),
		 void *ctx)
{
	return run(text, len, query, cb, ctx, NULL);
}

/* Documents: each token, and after each word its short prefixes (see above). */
static int bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct fts5_bridge *b = ctx;
	char buf[1 + TOKEN_PREFIX_MAX * 4];
	size_t i = 0;
	int rc;

	/* run gives each token of a document once; its prefixes are given once here */
	rc = b->x(b->ctx, 0, tok, n, start, end);
	if (rc != SQLITE_OK || colocated || n <= 0)
		return rc;
	if ((unsigned char)tok[0] >= 0x80) {
		size_t j = 0;
		int32_t c = utf8_next(tok, (size_t)n, &j);
		if (c >= 0x80 && utf8_is_cjk(c))
			return rc;
	}
	buf[0] = TOKEN_PREFIX_MARK;
	for (int k = 1; k <= TOKEN_PREFIX_MAX && rc == SQLITE_OK; k++) {
		utf8_next(tok, (size_t)n, &i);
		if (i >= (size_t)n)
			break;
		memcpy(buf + 1, tok, i);
		rc = give(b, buf, (int)i + 1, start, end);
	}
	return rc;
}

static int plain_bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct fts5_bridge *b = ctx;
	return b->x(b->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, n, start, end);
}

static struct kiosk_tokenizer *tokenizer_new(struct tokenize_replay *replay)
{
	struct kiosk_tokenizer *t = xcalloc(1, sizeof(*t));

	buf_init(&t->keys);
	t->replay = replay;
	return t;
}

static void tokenizer_free(struct kiosk_tokenizer *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->small);
	free(t->small_used);
	free(t->direct);
	free(t->syllables);
	buf_release(&t->keys);
	free(t);
}

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)tokenizer_new(ud);
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *tok)
{
	tokenizer_free((struct kiosk_tokenizer *)tok);
}

/* The tokens recorded for text, when the connection expects this very text. */
static const struct token_list *expected(const struct tokenize_replay *r, const char *text, int len)
{
	if (!r || len <= 0)
		return NULL;
	for (size_t i = 0; i < TOKENIZE_EXPECT_MAX; i++)
		if (r->doc[i].tokens && r->doc[i].len == len &&
		    (r->doc[i].text == text || !memcmp(r->doc[i].text, text, (size_t)len)))
			return r->doc[i].tokens;
	return NULL;
}

static int replay(const struct token_list *l, void *ctx, int (*x)(void *, int, const char *, int, int, int))
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < l->n && rc == SQLITE_OK; i++)
		rc = x(ctx, 0, l->bytes.data + l->v[i].off, (int)l->v[i].len, l->v[i].start, l->v[i].end);
	return rc;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*x)(void *, int, const char *, int, int, int))
{
	struct fts5_bridge b = { ctx, x, (struct kiosk_tokenizer *)t };
	if (!(flags & FTS5_TOKENIZE_QUERY)) {
		const struct token_list *l = expected(b.t->replay, text, len);
		if (l)
			return replay(l, ctx, x);
		seen_reset(b.t);
		return run(text, len, 0, bridge, &b, b.t);
	}
	/* search.c names the tokens it wants: a string that starts with the marker
	 * is one token, the bytes after it */
	if (len > 1 && text[0] == TOKEN_VERBATIM_MARK)
		return x(ctx, 0, text + 1, len - 1, 0, len);
	return tokenize_run(text, len, 1, plain_bridge, &b);
}

fts5_api *tokenize_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int tokenize_register(sqlite3 *db, struct tokenize_replay **replay)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = tokenize_fts5_api(db);
	struct tokenize_replay *r;

	*replay = NULL;
	if (!api || api->iVersion < 2)
		return -1;
	r = xcalloc(1, sizeof(*r));
	/* FTS5 frees r with the tokenizer, when db closes */
	if (api->xCreateTokenizer(api, "kiosk", r, &tok, free) != SQLITE_OK) {
		free(r);
		return -1;
	}
	*replay = r;
	return 0;
}

void tokenize_expect(struct tokenize_replay *r, int slot, const char *text, int len,
		     const struct token_list *tokens)
{
	if (!r || slot < 0 || slot >= TOKENIZE_EXPECT_MAX)
		return;
	r->doc[slot].text = text;
	r->doc[slot].len = len;
	r->doc[slot].tokens = tokens;
}

struct token_list *token_list_new(void)
{
	struct token_list *l = xcalloc(1, sizeof(*l));

	buf_init(&l->bytes);
	return l;
}

void token_list_free(struct token_list *l)
{
	if (!l)
		return;
	buf_release(&l->bytes);
	free(l->v);
	free(l);
}

size_t token_list_count(const struct token_list *l)
{
	return l->n;
}

const char *token_list_token(const struct token_list *l, size_t i, int *n)
{
	*n = (int)l->v[i].len;
	return l->bytes.data + l->v[i].off;
}

static int record(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct token_list *l = ctx;
	struct token_rec *r;

	(void)flags; /* the bridge gives none */
	/* (a page gives hundreds of tokens: the calls to grow only when they must) */
	if (l->n == l->cap)
		l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	r->off = (uint32_t)l->bytes.len;
	r->len = (uint32_t)n;
	r->start = start;
	r->end = end;
	if (l->bytes.len + (size_t)n + 1 > l->bytes.cap)
		buf_grow(&l->bytes, (size_t)n);
	memcpy(l->bytes.data + l->bytes.len, tok, (size_t)n);
	l->bytes.len += (size_t)n;
	l->bytes.data[l->bytes.len] = 0;
	return SQLITE_OK;
}

struct token_recorder *token_recorder_new(void)
{
	return (struct token_recorder *)tokenizer_new(NULL);
}

void token_recorder_free(struct token_recorder *r)
{
	tokenizer_free((struct kiosk_tokenizer *)r);
}

void token_recorder_run(struct token_recorder *r, const char *text, int len, struct token_list *out)
{
	struct fts5_bridge b = { out, record, (struct kiosk_tokenizer *)r };

	buf_reset(&out->bytes);
	out->n = 0;
	seen_reset(b.t);
	run(text, len, 0, bridge, &b, b.t);
}
