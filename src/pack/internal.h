/* internal.h: shared between the files of pack/ only. */
#ifndef KIOSK_PACK_INTERNAL_H
#define KIOSK_PACK_INTERNAL_H

#include <stddef.h>

struct pack;
struct diag_list;
struct tree;
struct tree_file;
struct pack_page;
struct err;
struct page_prep;

/* Parse and check pack.ini text (NUL-terminated, normalised) into p. */
int pack_read_ini(struct pack *p, const char *text, const char *file, struct diag_list *diags);

/* Turn raw bytes of a text file into NFC with LF line endings and no BOM. Invalid
 * UTF-8 is reported against file:line and NULL returned. */
char *pack_normalise_text(const char *data, size_t len, const char *file, size_t *outlen,
			  struct diag_list *diags);

/* Names in messages are cut to about this many bytes, so that the rule after them
 * still fits in the message. SHOWN(name) is the name (UTF-8), or its start, cut
 * before a character, and "..."; tree_shorten writes that into buf (NAME_SHOWN + 4
 * bytes) when it is cut. */
#define NAME_SHOWN 200
#define SHOWN(name) tree_shorten((name), (char[NAME_SHOWN + 4]){ 0 })
const char *tree_shorten(const char *name, char *buf);
/* 1 when the UTF-8 name s ends with suffix (ASCII), in any case. */
int tree_ends_with_ci(const char *s, const char *suffix);

/* Read every entry of the zip t once (tree_read.c), so that the rules of
 * read_entry hold for files that no page references too (they are installed with
 * the pack), keeping the bytes of pages and pack.ini for tree_read. 0, or -1 with e
 * naming the entry that breaks one (the first in the zip's central directory when
 * several do, however the two threads that read them were timed). */
int tree_check_contents(struct tree *t, struct err *e);

/* Pages (Markdown files) read, normalised and parsed ahead on a second thread. */
/* Read the page f into pg (text, len, warning, doc, present), reporting against
 * shown: what the page's bytes alone tell. A read that fails for want of the file
 * (not a refused entry) sets *io_failed; e holds the reason. */
void pack_page_prepare(struct tree *t, const struct tree_file *f, const char *shown,
		       struct pack_page *pg, struct diag_list *diags, struct err *e, int *io_failed);

/* Start preparing the pages files[0..n) (indices in t->files, in the order they
 * will be asked for) on a second thread, from the last: only those whose bytes
 * t kept (tree_file.text), so that the thread never reads the zip. t is borrowed
 * until pack_pages_stop. NULL when it is not worth it or no thread can be had. */
struct page_prep *pack_pages_start(struct tree *t, const size_t *files, size_t n);

/* 1 when the thread prepared f (waiting for it if it is at it): pg is filled and
 * its diagnostics added to diags, in the order pack_page_prepare gives them. 0 when
 * the caller prepares f itself (the thread will not). pp may be NULL. */
int pack_pages_take(struct page_prep *pp, const struct tree_file *f, struct pack_page *pg,
		    struct diag_list *diags);

/* Stop the thread, wait for it, free what was not taken and pp. NULL is accepted. */
void pack_pages_stop(struct page_prep *pp);


#endif
