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

struct fts5_bridge {
	void *ctx;
	int (*x)(void *, int, const char *, int, int, int);
};

/* The onset token of CJK characters c and d (d 0 at the end of a run of
 * characters that have an initial consonant): the marker, then the onsets. */
static int onset_token(int32_t c, int32_t d, char *out)
{
	int32_t a = words_onset(c), b = d ? words_onset(d) : 0;
	size_t k = 1;

	if (!a)
		return 0;
	out[0] = TOKEN_ONSET_MARK;
	k += utf8_put(out + k, a);
	if (b)
		k += utf8_put(out + k, b);
	return (int)k;
}

int tokenize_run(const char *text, int len, int query,
		 int (*cb)(void *ctx, int colocated, const char *tok, int n, int start, int end),
		 void *ctx)
{
	size_t i = 0, n = (size_t)(len < 0 ? 0 : len), a, b;
	struct buf fold = BUF_INIT;
	int rc = SQLITE_OK, kind;
	int32_t c;

	kind = words_next(text, n, &i, &a, &b, &c);
	while (kind && rc == SQLITE_OK) {
		if (kind == UNIT_WORD) {
			buf_reset(&fold);
			if (words_fold(text + a, b - a, &fold))
				rc = cb(ctx, 0, fold.data, (int)fold.len, (int)a, (int)b);
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
			char on[1 + 2 * 4];
			int k;

			if (run) {
				rc = cb(ctx, 0, text + a, (int)(b2 - a), (int)a, (int)b2);
				if (rc == SQLITE_OK && !query)
					rc = cb(ctx, 1, text + a, (int)(b - a), (int)a, (int)b);
			} else {
				rc = cb(ctx, 0, text + a, (int)(b - a), (int)a, (int)b);
			}
			if (rc == SQLITE_OK && !query && (k = onset_token(c, run ? d : 0, on)) > 0)
				rc = cb(ctx, 1, on, k, (int)a, (int)(run ? b2 : b));
			kind = next;
			a = a2;
			b = b2;
			c = d;
		}
	}
	buf_release(&fold);
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
		rc = b->x(b->ctx, FTS5_TOKEN_COLOCATED, buf, (int)i + 1, start, end);
	}
	return rc;
}

static int plain_bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct fts5_bridge *b = ctx;
	return b->x(b->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, n, start, end);
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

int tokenize_register(sqlite3 *db)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = tokenize_fts5_api(db);

	if (!api || api->iVersion < 2)
		return -1;
	return api->xCreateTokenizer(api, "kiosk", NULL, &tok, NULL) == SQLITE_OK ? 0 : -1;
}
