/* zbody.h: the compressed form of a page's Markdown in the catalog (catalog/ only).
 * The column page.body holds a zstd frame (a BLOB) since schema 3. */
#ifndef KIOSK_CATALOG_ZBODY_H
#define KIOSK_CATALOG_ZBODY_H

#include <stddef.h>

struct zbody;

/* A compressor with its buffer, for the pages of one install; zbody_free frees it. */
struct zbody *zbody_new(void);
void zbody_free(struct zbody *z);

/* Compress text[0..n); the result (*outlen bytes) lives in z until the next call.
 * NULL when zstd fails (it does not for any input, short of memory). */
const void *zbody_pack(struct zbody *z, const char *text, size_t n, size_t *outlen);

/* A decompression context, made once (when the catalog opens) and reused, so that
 * reading a page needs no large allocation (zstd's one-shot call makes a context of
 * some 100 KiB every time, which fails first when memory is short). NULL when it
 * cannot be had: zbody_unpack then makes one per call. */
void *zbody_reader_new(void);
void zbody_reader_free(void *r);

/* A new NUL-terminated copy of the text in a frame of n bytes, or NULL: with *nomem
 * set (when nomem is not NULL) for want of memory, else because the bytes are not a
 * whole zstd frame of text without NUL bytes (a damaged catalog). reader may be
 * NULL. The caller frees the text. */
char *zbody_unpack(void *reader, const void *data, size_t n, int *nomem);

#endif
