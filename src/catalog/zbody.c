/* zbody.c: page bodies stored compressed (a zstd frame, or a gzip member made of
 * the pack's own deflate stream): half the bytes of the catalog are the pages'
 * Markdown, which only the screen that shows a page reads, one at a time. */
#include "zbody.h"
#include "core/xalloc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

/* zstd's fastest levels compress Korean and English Markdown to about 45 %; level
 * 1 keeps an install of 10,000 exhibits (50 MB of Markdown) to a fraction of a second. */
#define ZBODY_LEVEL 1

/* The largest body: a page of Markdown is far below it, whatever a frame says. */
#define ZBODY_MAX (64u << 20)

/* A gzip member's header (10 bytes) and trailer (CRC-32 and length, 8 bytes). */
#define ZBODY_GZIP_MIN 18

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

struct zreader {
	ZSTD_DCtx *zstd; /* or NULL: a context per call */
	z_stream gz;
	int gz_ok;       /* gz was set up by inflateInit2 */
};

const void *zbody_page(struct zbody *z, const char *text, size_t len, const void *deflate, size_t n,
		       uint32_t crc, size_t *outlen)
{
	const void *out = deflate ? zbody_gzip(z, deflate, n, crc, text, len, outlen) : NULL;

	return out ? out : zbody_pack(z, text, len, outlen);
}

void *zbody_reader_new(void)
{
	struct zreader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->zstd = ZSTD_createDCtx();
	r->gz_ok = inflateInit2(&r->gz, 16 + MAX_WBITS) == Z_OK;
	return r;
}

void zbody_reader_free(void *reader)
{
	struct zreader *r = reader;

	if (!r)
		return;
	ZSTD_freeDCtx(r->zstd);
	if (r->gz_ok)
		inflateEnd(&r->gz);
	free(r);
}

/* A gzip member (RFC 1952) of one deflate stream; zlib checks its CRC-32 and length. */
static char *gunzip(struct zreader *r, const unsigned char *data, size_t n, int *nomem)
{
	z_stream own, *zs = r && r->gz_ok ? &r->gz : &own;
	uint32_t size;
	char *out;
	int rc;

	if (n < ZBODY_GZIP_MIN || n > UINT_MAX)
		return NULL;
	/* ISIZE, the text's length, ends the member */
	size = (uint32_t)data[n - 4] | (uint32_t)data[n - 3] << 8 | (uint32_t)data[n - 2] << 16 |
	       (uint32_t)data[n - 1] << 24;
	if (size > ZBODY_MAX)
		return NULL;
	if (zs == &own) {
		memset(&own, 0, sizeof(own));
		rc = inflateInit2(&own, 16 + MAX_WBITS);
		if (rc != Z_OK) {
			if (rc == Z_MEM_ERROR && nomem)
				*nomem = 1;
			return NULL;
		}
	} else if (inflateReset(zs) != Z_OK) {
		return NULL;
	}
	out = malloc((size_t)size + 1);
	if (!out) {
		if (nomem)
			*nomem = 1;
		if (zs == &own)
			inflateEnd(&own);
		return NULL;
	}
	zs->next_in = (unsigned char *)data;
	zs->avail_in = (uInt)n;
	/* one byte more than the trailer says, to see a stream that holds more */
	zs->next_out = (unsigned char *)out;
	zs->avail_out = (uInt)size + 1;
	rc = inflate(zs, Z_FINISH);
	if (rc == Z_MEM_ERROR && nomem)
		*nomem = 1;
	if (rc != Z_STREAM_END || zs->avail_in || zs->total_out != size || memchr(out, 0, size)) {
		free(out);
		out = NULL;
	} else {
		out[size] = 0;
	}
	if (zs == &own)
		inflateEnd(&own);
	return out;
}

char *zbody_unpack(void *reader, const void *data, size_t n, int *nomem)
{
	struct zreader *r = reader;
	unsigned long long size;
	char *out;
	size_t k;

	if (n >= 2 && ((const unsigned char *)data)[0] == 0x1f && ((const unsigned char *)data)[1] == 0x8b)
		return gunzip(r, data, n, nomem);
	size = ZSTD_getFrameContentSize(data, n);
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > ZBODY_MAX)
		return NULL;
	out = malloc((size_t)size + 1);
	if (!out) {
		if (nomem)
			*nomem = 1;
		return NULL;
	}
	k = r && r->zstd ? ZSTD_decompressDCtx(r->zstd, out, (size_t)size, data, n)
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

const void *zbody_gzip(struct zbody *z, const void *deflate, size_t n, uint32_t want, const char *text,
		       size_t len, size_t *outlen)
{
	/* RFC 1952, 2.3: ID1 ID2, CM 8 (deflate), FLG 0, MTIME 0, XFL 0, OS 255 (unknown) */
	static const unsigned char head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 };
	uLong crc = crc32(0L, Z_NULL, 0);
	unsigned char *p;

	if (len > ZBODY_MAX || n > ZBODY_MAX || !n)
		return NULL;
	crc = crc32(crc, (const Bytef *)text, (uInt)len);
	if (crc != want)
		return NULL;
	if (ZBODY_GZIP_MIN + n > z->cap) {
		z->out = xrealloc(z->out, ZBODY_GZIP_MIN + n);
		z->cap = ZBODY_GZIP_MIN + n;
	}
	p = z->out;
	memcpy(p, head, sizeof(head));
	p += sizeof(head);
	memcpy(p, deflate, n);
	p += n;
	for (int i = 0; i < 4; i++)
		*p++ = (unsigned char)(crc >> (8 * i));
	for (int i = 0; i < 4; i++)
		*p++ = (unsigned char)((uint32_t)len >> (8 * i));
	*outlen = (size_t)(p - (unsigned char *)z->out);
	return z->out;
}
