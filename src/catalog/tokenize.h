/* tokenize.h: the FTS5 tokenizer "kiosk". Korean and other CJK text is indexed by
 * character bigrams with each character's unigram at the same position, so that a
 * query of any length is an exact substring match: one syllable is its unigram,
 * two or more are a phrase of consecutive bigrams. Other words are case-folded. */
#ifndef KIOSK_TOKENIZE_H
#define KIOSK_TOKENIZE_H

struct sqlite3;

int tokenize_register(struct sqlite3 *db);

/* SQLite's FTS5 extension API for db (to register functions), or NULL. */
struct fts5_api;
struct fts5_api *tokenize_fts5_api(struct sqlite3 *db);

/* The callback FTS5 gets, for tests: walk text as FTS5 would in document (0) or query
 * (1) mode, calling cb for each token. */
int tokenize_run(const char *text, int len, int query,
		 int (*cb)(void *ctx, int colocated, const char *tok, int n, int start, int end),
		 void *ctx);

#endif
