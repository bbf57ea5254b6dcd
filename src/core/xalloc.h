/* xalloc.h: allocation that never returns NULL (redis's zmalloc). For the small,
 * fixed-size allocations of the program's own structures: when memory runs out they
 * wait up to a second for it, then end the program with one line and status
 * XALLOC_EXIT (see xalloc.c). What input sizes (a picture, a zip entry) uses a
 * fallible allocation and reports ERR_NOMEM instead. */
#ifndef KIOSK_XALLOC_H
#define KIOSK_XALLOC_H

#include <stddef.h>

#define XALLOC_EXIT 75 /* EX_TEMPFAIL: out of memory; worth starting again */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `*cap` elements of `size` bytes so that it holds at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
