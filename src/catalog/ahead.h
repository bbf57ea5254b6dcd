/* ahead.h: the search tokens of an install's exhibit pages, worked out on a second
 * thread in the order catalog_install inserts the pages, so that the install's own
 * thread is left SQLite's work (FTS5 is given the tokens through tokenize_expect). */
#ifndef KIOSK_CATALOG_AHEAD_H
#define KIOSK_CATALOG_AHEAD_H

struct pack;
struct token_list;
struct ahead;

/* Start working out the tokens of the title and the plain text of p's exhibit
 * pages: language after language (p->langs), node after node (p->nodes), as
 * insert_pack inserts them. p is borrowed until ahead_stop. NULL when no thread
 * can be started: the tokenizer then tokenizes each page as usual. */
struct ahead *ahead_start(const struct pack *p);

/* The tokens of the next exhibit page in that order, waiting for them: 1 with
 * *title and *plain borrowed until the next call or ahead_stop, 0 past the last. */
int ahead_next(struct ahead *a, const struct token_list **title, const struct token_list **plain);

/* Stop the thread (at once, whatever it has left to do), wait for it, free a.
 * NULL is accepted. */
void ahead_stop(struct ahead *a);

#endif
