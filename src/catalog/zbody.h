/* zbody.h: the compressed form of a page's Markdown in the catalog (catalog/ only).
 * The column page.body holds a BLOB since schema 3: a zstd frame (RFC 8878), or
 * since schema 6 also a gzip member (RFC 1952) whose deflate stream is the one
 * the page had in the pack's zip, so that an install does not compress the page
 * again. Their first bytes tell them apart (28 B5 2F FD, 1F 8B). */
#ifndef KIOSK_CATALOG_ZBODY_H
#define KIOSK_CATALOG_ZBODY_H

#include <stddef.h>
#include <stdint.h>

struct zbody;

/* A compressor with its buffer, for the pages of one install; zbody_free frees it. */
struct zbody *zbody_new(void);
void zbody_free(struct zbody *z);

/* Compress text[0..n); the result (*outlen bytes) lives in z until the next call.
 * NULL when zstd fails (it does not for any input, short of memory). */
const void *zbody_pack(struct zbody *z, const char *text, size_t n, size_t *outlen);

/* A gzip member of the raw deflate stream deflate[0..n) (RFC 1951) that inflates
 * to text[0..len), whose CRC-32 (ISO 3309, as zip and gzip have it) is crc: its
 * trailer holds the CRC-32 and length of text, so that reading it back fails,
 * rather than giving other text, should the stream not be that text's. The
 * result (*outlen bytes) lives in z until the next call. NULL when text's CRC-32
 * is not crc (text is not what the stream was said to hold), n is 0, or either
 * size is over 64 MiB. */
const void *zbody_gzip(struct zbody *z, const void *deflate, size_t n, uint32_t crc, const char *text,
		       size_t len, size_t *outlen);

/* A page's body: zbody_gzip of deflate when deflate is not NULL (and gives one),
 * else zbody_pack of text. Lives in z until the next call; NULL as for those. */
const void *zbody_page(struct zbody *z, const char *text, size_t len, const void *deflate, size_t n,
		       uint32_t crc, size_t *outlen);

/* A decompression context for both kinds of body, made once (when the catalog
 * opens) and reused, so that reading a page needs no large allocation (zstd's
 * one-shot call makes a context of some 100 KiB every time, which fails first
 * when memory is short). NULL when it cannot be had, and either part of it may be
 * missing: zbody_unpack then makes what it lacks per call. */
void *zbody_reader_new(void);
void zbody_reader_free(void *r);

/* A new NUL-terminated copy of the text in a body of n bytes, or NULL: with *nomem
 * set (when nomem is not NULL) for want of memory, else because the bytes are not a
 * whole zstd frame, or one gzip member whose CRC-32 and length hold, of text
 * without NUL bytes (a damaged catalog). reader may be NULL. The caller frees the
 * text. */
char *zbody_unpack(void *reader, const void *data, size_t n, int *nomem);

#endif
