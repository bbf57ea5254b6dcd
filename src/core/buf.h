/* buf.h: a growable byte buffer (git's strbuf). `data` is never NULL and is always
 * NUL-terminated after `len` bytes, so it can be used as a C string. */
#ifndef KIOSK_BUF_H
#define KIOSK_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { buf_empty, 0, 0 }
extern char buf_empty[];

void buf_init(struct buf *b);
/* Free the contents; the buffer is empty and usable again afterwards. */
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
/* buf_grow for a size that comes from input: -1 (the buffer unchanged) when memory
 * cannot be had, where buf_grow ends the program. */
int buf_try_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the bytes to the caller, who frees them; the buffer is empty afterwards. */
char *buf_detach(struct buf *b, size_t *len);

#endif
