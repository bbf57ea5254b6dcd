/* tokenize.h: the FTS5 tokenizer "kiosk", which splits text by the rule of words.h.
 * The index is detail=none: it finds the pages that hold every token a query
 * needs, and search.c checks each with the matcher of words.h. Tokens:
 *  - a word, folded (words_fold), and its first 1 to 3 characters after
 *    TOKEN_PREFIX_MARK (when shorter than the word); and the same for the word it
 *    makes with the words joined to it by hyphens after it (words_joined: Jong-un
 *    gives jong, un and jongun);
 *  - each CJK character with the next one of its run (a bigram), and alone (a
 *    unigram; the last of a run has only this one);
 *  - TOKEN_ONSET_MARK, then the initial consonant (words_onset) of a CJK
 *    character; of the character and the next one of its run; of the character
 *    and the two before it in its run (1, 2 and 3 in a row).
 * In a query, a string that starts with TOKEN_VERBATIM_MARK is the one token after
 * the mark. */
#ifndef KIOSK_TOKENIZE_H
#define KIOSK_TOKENIZE_H

#include <stddef.h>

struct sqlite3;

/* The version of the tokens below; catalog.c makes an index of another version
 * again. 1: bigrams, unigrams, word and prefix tokens, onset pairs; 2: and every
 * onset alone, and onset triples; 3: digit-group commas and the periods of
 * initials inside words (words.h); 4: words joined by hyphens as one word too. */
#define TOKENIZE_VERSION 4

#define TOKEN_PREFIX_MARK '\x01'
#define TOKEN_ONSET_MARK '\x02'
#define TOKEN_VERBATIM_MARK '\x03'

/* Register the tokenizer "kiosk" with db. *replay (NULL on failure) is the
 * connection's list of expected documents (tokenize_expect), owned by db and freed
 * when it closes. 0 or -1. */
struct tokenize_replay;
int tokenize_register(struct sqlite3 *db, struct tokenize_replay **replay);

/* A document's tokens worked out ahead of its INSERT (token_recorder_run), on any
 * thread: the calls the tokenizer would make to FTS5, in order. */
struct token_list;
struct token_list *token_list_new(void);
void token_list_free(struct token_list *l);
/* How many tokens l holds, and token i of them: n bytes, borrowed from l. */
size_t token_list_count(const struct token_list *l);
const char *token_list_token(const struct token_list *l, size_t i, int *n);

/* A tokenizer of its own (its table of the tokens a document gave already), for
 * one thread at a time. */
struct token_recorder;
struct token_recorder *token_recorder_new(void);
void token_recorder_free(struct token_recorder *r);
/* Tokenize len bytes of text as a document into out (emptied first). */
void token_recorder_run(struct token_recorder *r, const char *text, int len, struct token_list *out);

/* How many documents a connection can expect at once (an FTS5 row's columns). */
#define TOKENIZE_EXPECT_MAX 2

/* Until the next call for slot: when FTS5 hands db's tokenizer a document of
 * exactly these len bytes, give it the tokens of `tokens` instead of working them
 * out again; any other text is tokenized as usual, so a list can only save time.
 * text and tokens are borrowed until the slot is set again; tokens NULL clears the
 * slot. A slot out of range, or r NULL, is ignored. */
void tokenize_expect(struct tokenize_replay *r, int slot, const char *text, int len,
		     const struct token_list *tokens);

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
