#include "tokenize.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Longer words are cut: nobody searches for them, and a 100,000-character line
 * without a space must not become one giant token. */
#define MAX_WORD 64

/* Short prefixes of words are indexed too, as tokens colocated with the word: the
 * marker byte, then the word's first 1 to TOKEN_PREFIX_MAX characters (only those
 * shorter than the word). A visitor's 1- to 3-letter word then looks up one token
 * instead of making FTS5 merge the lists of every word that starts with it (all of
 * "the", "their", "to"... for "t"), which takes milliseconds on a large catalog.
 * search.c asks for them with a phrase that starts with the marker; no other token
 * can start with it, since only letters, digits and marks make up words. */
#define TOKEN_PREFIX_MAX 3
#define TOKEN_PREFIX_MARK '\x01'

struct fts5_bridge {
	void *ctx;
	int (*x)(void *, int, const char *, int, int, int);
};

/* utf8_next with the common cases inline: ASCII, and two- and three-byte sequences
 * (Hangul syllables are three bytes). Anything else, valid or not, goes to
 * utf8_next, so the result is always what utf8_next would give. */
static inline int32_t next_char(const char *text, size_t n, size_t *i)
{
	const unsigned char *s = (const unsigned char *)text + *i;
	size_t left = n - *i;

	if (s[0] < 0x80) {
		*i += 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && left >= 2 && (s[1] & 0xC0) == 0x80) {
		*i += 2;
		return ((int32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (s[0] >= 0xE1 && s[0] <= 0xEC && left >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*i += 3;
		return ((int32_t)(s[0] & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	return utf8_next(text, n, i);
}

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

static int emit_word(const char *text, int start, int end,
		     int (*cb)(void *, int, const char *, int, int, int), void *ctx)
{
	char small[MAX_WORD * 4];
	int n = end - start, ascii = 1, rc;

	for (int i = start; i < end && ascii; i++)
		ascii = (unsigned char)text[i] < 0x80;
	if (ascii) {
		if (n > MAX_WORD)
			n = MAX_WORD;
		for (int i = 0; i < n; i++) {
			char c = text[start + i];
			small[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		return cb(ctx, 0, small, n, start, end);
	} else {
		size_t len;
		char *f = utf8_fold(text + start, (size_t)n, &len);
		if (!f)
			return SQLITE_OK;
		if (len > MAX_WORD * 2) {
			/* cut at a character boundary */
			size_t cut = MAX_WORD * 2;
			while (cut > 0 && ((unsigned char)f[cut] & 0xc0) == 0x80)
				cut--;
			len = cut;
		}
		rc = cb(ctx, 0, f, (int)len, start, end);
		free(f);
		return rc;
	}
}

int tokenize_run(const char *text, int len, int query,
		 int (*cb)(void *ctx, int colocated, const char *tok, int n, int start, int end),
		 void *ctx)
{
	size_t i = 0, n = (size_t)(len < 0 ? 0 : len);
	int rc = SQLITE_OK;

	while (i < n && rc == SQLITE_OK) {
		size_t at = i;
		int32_t c = next_char(text, n, &i);

		if (c > 0 && is_cjk(c)) {
			/* a run of CJK characters; the current one is text[s0..s1) */
			size_t s0 = at, s1 = i, run = 1;
			for (;;) {
				size_t s2 = s1;
				int32_t d = s1 < n ? next_char(text, n, &s2) : -1;
				if (d > 0 && is_cjk(d)) {
					rc = cb(ctx, 0, text + s0, (int)(s2 - s0), (int)s0, (int)s2);
					if (rc == SQLITE_OK && !query)
						rc = cb(ctx, 1, text + s0, (int)(s1 - s0), (int)s0, (int)s1);
					if (rc != SQLITE_OK)
						break;
					s0 = s1;
					s1 = s2;
					run++;
					continue;
				}
				/* the last character: its unigram, unless the query phrase is
				 * already covered by its bigrams */
				if (run == 1 || !query)
					rc = cb(ctx, 0, text + s0, (int)(s1 - s0), (int)s0, (int)s1);
				break;
			}
			i = s1;
		} else if (c > 0 && is_wordchar(c)) {
			size_t end = i;
			for (;;) {
				size_t next = end;
				int32_t d = end < n ? next_char(text, n, &next) : -1;
				if (d <= 0 || is_cjk(d) || !(is_wordchar(d) || d == '\''))
					break;
				end = next;
			}
			/* a trailing apostrophe is punctuation, not part of the word */
			while (end > at && text[end - 1] == '\'')
				end--;
			rc = emit_word(text, (int)at, (int)end, cb, ctx);
			i = end > i ? end : i;
		}
	}
	return rc;
}

/* Documents: each token, and after each word its short prefixes (see above). */
static int bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct fts5_bridge *b = ctx;
	char buf[1 + TOKEN_PREFIX_MAX * 4];
	size_t i = 0;
	int rc = b->x(b->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, n, start, end);

	if (rc != SQLITE_OK || colocated || n <= 0)
		return rc;
	if ((unsigned char)tok[0] >= 0x80) {
		size_t j = 0;
		if (is_cjk(next_char(tok, (size_t)n, &j)))
			return rc;
	}
	buf[0] = TOKEN_PREFIX_MARK;
	for (int k = 1; k <= TOKEN_PREFIX_MAX && rc == SQLITE_OK; k++) {
		next_char(tok, (size_t)n, &i);
		if (i >= (size_t)n)
			break;
		memcpy(buf + 1, tok, i);
		rc = b->x(b->ctx, FTS5_TOKEN_COLOCATED, buf, (int)i + 1, start, end);
	}
	return rc;
}

static int plain_bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct fts5_bridge *b = ctx;
	return b->x(b->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, n, start, end);
}

/* Queries: a phrase that starts with the marker asks for the prefix token of the
 * (case-folded) word after it. */
static int prefix_bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct fts5_bridge *b = ctx;
	char buf[1 + MAX_WORD * 4];

	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	buf[0] = TOKEN_PREFIX_MARK;
	memcpy(buf + 1, tok, (size_t)n);
	return b->x(b->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, buf, n + 1, start + 1, end + 1);
}

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ud;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)xmalloc(1);
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*x)(void *, int, const char *, int, int, int))
{
	struct fts5_bridge b = { ctx, x };
	(void)t;
	if (!(flags & FTS5_TOKENIZE_QUERY))
		return tokenize_run(text, len, 0, bridge, &b);
	if (len > 0 && text[0] == TOKEN_PREFIX_MARK)
		return tokenize_run(text + 1, len - 1, 1, prefix_bridge, &b);
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

int tokenize_register(sqlite3 *db)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = tokenize_fts5_api(db);

	if (!api || api->iVersion < 2)
		return -1;
	return api->xCreateTokenizer(api, "kiosk", NULL, &tok, NULL) == SQLITE_OK ? 0 : -1;
}
