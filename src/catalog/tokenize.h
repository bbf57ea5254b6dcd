/* tokenize.h: the FTS5 tokenizer "kiosk", which splits text by the rule of words.h.
 * The index is detail=none: it finds the pages that hold every token a query
 * needs, and search.c checks each with the matcher of words.h. Tokens:
 *  - a word, folded (words_fold), and its first 1 to 3 characters after
 *    TOKEN_PREFIX_MARK (when shorter than the word);
 *  - each CJK character with the next one of its run (a bigram), and alone (a
 *    unigram; the last of a run has only this one);
 *  - TOKEN_ONSET_MARK, then the initial consonant (words_onset) of a CJK
 *    character; of the character and the next one of its run; of the character
 *    and the two before it in its run (1, 2 and 3 in a row).
 * In a query, a string that starts with TOKEN_VERBATIM_MARK is the one token after
 * the mark. */
#ifndef KIOSK_TOKENIZE_H
#define KIOSK_TOKENIZE_H

struct sqlite3;

/* The version of the tokens below; catalog.c makes an index of another version
 * again. 1: bigrams, unigrams, word and prefix tokens, onset pairs; 2: and every
 * onset alone, and onset triples. */
#define TOKENIZE_VERSION 2

#define TOKEN_PREFIX_MARK '\x01'
#define TOKEN_ONSET_MARK '\x02'
#define TOKEN_VERBATIM_MARK '\x03'

int tokenize_register(struct sqlite3 *db);

/* SQLite's FTS5 extension API for db (to register functions), or NULL. */
struct fts5_api;
struct fts5_api *tokenize_fts5_api(struct sqlite3 *db);

/* The callback FTS5 gets, for tests: walk text as FTS5 would in document (0) or query
 * (1) mode, calling cb for each token (a query has no colocated tokens, no prefix
 * tokens and no onset tokens: search.c names those with TOKEN_VERBATIM_MARK). */
int tokenize_run(const char *text, int len, int query,
		 int (*cb)(void *ctx, int colocated, const char *tok, int n, int start, int end),
		 void *ctx);

#endif
