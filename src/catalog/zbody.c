/* zbody.c: page bodies stored compressed (zstd): half the bytes of the catalog are
 * the pages' Markdown, which only the screen that shows a page reads, one at a time. */
#include "zbody.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include <zstd_errors.h>

/* zstd's fastest levels compress Korean and English Markdown to about 45 %; level
 * 1 keeps an install of 10,000 exhibits (50 MB of Markdown) to a fraction of a second. */
#define ZBODY_LEVEL 1

struct zbody {
	ZSTD_CCtx *cctx;
	void *out;
	size_t cap;
};

struct zbody *zbody_new(void)
{
	struct zbody *z = xcalloc(1, sizeof(*z));

	z->cctx = ZSTD_createCCtx();
	if (!z->cctx)
		xmalloc((size_t)-1 / 2); /* let the allocation wrapper report it */
	return z;
}

void zbody_free(struct zbody *z)
{
	if (!z)
		return;
	ZSTD_freeCCtx(z->cctx);
	free(z->out);
	free(z);
}

const void *zbody_pack(struct zbody *z, const char *text, size_t n, size_t *outlen)
{
	size_t bound = ZSTD_compressBound(n), k;

	if (bound > z->cap) {
		z->out = xrealloc(z->out, bound);
		z->cap = bound;
	}
	k = ZSTD_compressCCtx(z->cctx, z->out, z->cap, text, n, ZBODY_LEVEL);
	if (ZSTD_isError(k))
		return NULL;
	*outlen = k;
	return z->out;
}

void *zbody_reader_new(void)
{
	return ZSTD_createDCtx();
}

void zbody_reader_free(void *r)
{
	if (r)
		ZSTD_freeDCtx(r);
}

char *zbody_unpack(void *reader, const void *data, size_t n, int *nomem)
{
	unsigned long long size = ZSTD_getFrameContentSize(data, n);
	char *out;
	size_t k;

	/* a body is a page of Markdown: far below this, whatever the frame says */
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (64u << 20))
		return NULL;
	out = malloc((size_t)size + 1);
	if (!out) {
		if (nomem)
			*nomem = 1;
		return NULL;
	}
	k = reader ? ZSTD_decompressDCtx(reader, out, (size_t)size, data, n)
		   : ZSTD_decompress(out, (size_t)size, data, n);
	if (ZSTD_isError(k) && ZSTD_getErrorCode(k) == ZSTD_error_memory_allocation && nomem)
		*nomem = 1;
	if (ZSTD_isError(k) || k != size || memchr(out, 0, k)) {
		free(out);
		return NULL;
	}
	out[k] = 0;
	return out;
}
