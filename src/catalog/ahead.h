/* ahead.h: the search tokens of an install's exhibit pages and the compressed text
 * of its pages, worked out on a second thread in the order catalog_install inserts
 * the pages, so that the install's own thread is left SQLite's work (FTS5 is given
 * the tokens through tokenize_expect) and the compression of the pages the thread
 * is not far enough ahead to do (ahead.c, AHEAD_LEAD): the slower thread gives
 * the other its share. */
#ifndef KIOSK_CATALOG_AHEAD_H
#define KIOSK_CATALOG_AHEAD_H

#include <stddef.h>

struct pack;
struct token_list;
struct ahead;

/* Start working out p's pages: language after language (p->langs), node after node
 * (p->nodes), as insert_pack inserts them; the tokens of the title and the plain
 * text of each exhibit page, and each page's body (zbody_page: its zip's deflate
 * stream in a gzip member, or its text compressed) when the thread is far enough
 * ahead (else ahead_next makes it). p is borrowed until ahead_stop. NULL when no
 * thread can be started: the caller then makes each page's body, and the
 * tokenizer tokenizes it, as usual. */
struct ahead *ahead_start(const struct pack *p);

/* The next page in that order, waiting for it: 1 with *body the page's body
 * (zbody_page), made by the thread or, when the thread was not far enough ahead,
 * here (*body_len bytes; NULL when zstd failed, short of memory), and *title
 * and *plain its tokens when it is an exhibit page (else NULL), all borrowed until
 * the next call or ahead_stop; 0 past the last. */
int ahead_next(struct ahead *a, const void **body, size_t *body_len, const struct token_list **title,
	       const struct token_list **plain);

/* How many of the pages handed out so far ahead_next compressed itself, on the
 * caller's thread (AHEAD_LEAD in ahead.c says when). */
size_t ahead_packed_here(const struct ahead *a);

/* Stop the thread (at once, whatever it has left to do), wait for it, free a.
 * NULL is accepted. */
void ahead_stop(struct ahead *a);

#endif
