/* xalloc.h: allocation that never returns NULL. Out of memory is not an error the
 * kiosk can recover from in place, so it prints one line and aborts (redis's zmalloc). */
#ifndef KIOSK_XALLOC_H
#define KIOSK_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `*cap` elements of `size` bytes so that it holds at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
