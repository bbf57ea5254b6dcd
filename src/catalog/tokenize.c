#include "tokenize.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Longer words are cut: nobody searches for them, and a 100,000-character line
 * without a space must not become one giant token. */
#define MAX_WORD 64

struct fts5_bridge {
	void *ctx;
	int (*x)(void *, int, const char *, int, int, int);
};

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
		int32_t c = utf8_next(text, n, &i);

		if (c > 0 && utf8_is_cjk(c)) {
			/* a run of CJK characters; the current one is text[s0..s1) */
			size_t s0 = at, s1 = i, run = 1;
			for (;;) {
				size_t s2 = s1;
				int32_t d = s1 < n ? utf8_next(text, n, &s2) : -1;
				if (d > 0 && utf8_is_cjk(d)) {
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
		} else if (c > 0 && utf8_is_wordchar(c)) {
			size_t end = i;
			for (;;) {
				size_t next = end;
				int32_t d = end < n ? utf8_next(text, n, &next) : -1;
				if (d <= 0 || utf8_is_cjk(d) || !(utf8_is_wordchar(d) || d == '\''))
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

static int bridge(void *ctx, int colocated, const char *tok, int n, int start, int end)
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
	return tokenize_run(text, len, (flags & FTS5_TOKENIZE_QUERY) != 0, bridge, &b);
}

int tokenize_register(sqlite3 *db)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return -1;
	return api->xCreateTokenizer(api, "kiosk", NULL, &tok, NULL) == SQLITE_OK ? 0 : -1;
}
