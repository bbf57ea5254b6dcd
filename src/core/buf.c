#include "buf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty[1];

void buf_init(struct buf *b)
{
	b->data = buf_empty;
	b->len = b->cap = 0;
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = 0;
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t cap = b->cap;
	char *old = b->cap ? b->data : NULL;

	b->data = xgrow(old, &cap, b->len + extra + 1, 1);
	if (!old)
		b->data[0] = 0;
	b->cap = cap;
}

int buf_try_grow(struct buf *b, size_t extra)
{
	char *p;

	if (b->len + extra + 1 <= b->cap)
		return 0;
	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	p = realloc(b->cap ? b->data : NULL, b->len + extra + 1);
	if (!p)
		return -1;
	if (!b->cap)
		p[0] = 0;
	b->data = p;
	b->cap = b->len + extra + 1;
	return 0;
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (!b->cap)
		buf_grow(b, 0);
	p = b->data;
	if (len)
		*len = b->len;
	buf_init(b);
	return p;
}
