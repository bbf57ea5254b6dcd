/* test_zbody.c: a page's body in the catalog (catalog/zbody.h), a zstd frame or a
 * gzip member made of a deflate stream, reads back as its text, and a body that is
 * not whole and sound reads back as nothing rather than as other text. The gzip
 * members are checked with gzip(1) too, the tool a technician would use. */
#include "test.h"
#include "catalog/zbody.h"
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

/* text as a raw deflate stream (RFC 1951), as a zip holds a deflated entry */
static unsigned char *deflate_raw(const char *text, size_t n, size_t *out_n)
{
	z_stream zs = { 0 };
	uLong bound;
	unsigned char *out;

	if (deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	bound = deflateBound(&zs, (uLong)n);
	out = malloc(bound);
	zs.next_in = (Bytef *)text;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)bound;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		free(out);
		return NULL;
	}
	*out_n = zs.total_out;
	deflateEnd(&zs);
	return out;
}

/* Does gzip -dc read the member as text? */
static int gzip_reads(const unsigned char *body, size_t n, const char *text)
{
	char path[] = "/tmp/test_zbody_XXXXXX", cmd[256];
	struct buf got = BUF_INIT;
	char chunk[4096];
	size_t k;
	int fd = mkstemp(path), ok;
	FILE *p;

	if (fd < 0)
		return 0;
	ok = write(fd, body, n) == (ssize_t)n;
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -dc < %s 2>/dev/null", path);
	if (ok && (p = popen(cmd, "r"))) {
		while ((k = fread(chunk, 1, sizeof(chunk), p)) > 0)
			buf_add(&got, chunk, k);
		ok = pclose(p) == 0 && got.len == strlen(text) && !memcmp(got.data, text, got.len);
	} else {
		ok = 0;
	}
	unlink(path);
	buf_release(&got);
	return ok;
}

/* body as unpack reads it, with a reader and without; 1 when both give want
 * (NULL: both give nothing, and say it is not for want of memory) */
static int reads_as(void *reader, const void *body, size_t n, const char *want)
{
	int ok = 1;

	for (int i = 0; i < 2; i++) {
		int nomem = 0;
		char *got = zbody_unpack(i ? reader : NULL, body, n, &nomem);
		if (want ? !got || strcmp(got, want) : got != NULL || nomem)
			ok = 0;
		free(got);
	}
	return ok;
}

int main(void)
{
	struct zbody *z = zbody_new();
	void *reader = zbody_reader_new();
	struct buf page = BUF_INIT;
	const unsigned char *body;
	unsigned char *raw, *other_raw, *copy;
	size_t raw_n, other_n, n;
	uint32_t crc;

	for (int i = 0; i < 60; i++)
		buf_addf(&page, "## %d. 탈북민의 날\n\n7월 14일은 북한이탈주민의 날이다. The day asks what a shared task means. %d\n\n", i,
			 i * 7);

	/* zstd, as every body was before */
	body = zbody_pack(z, page.data, page.len, &n);
	CHECK(body && n > 4 && !memcmp(body, "\x28\xb5\x2f\xfd", 4) && reads_as(reader, body, n, page.data),
	      "a zstd frame reads back as its text (%zu bytes for %zu)", n, page.len);

	/* gzip, from the zip's deflate stream */
	raw = deflate_raw(page.data, page.len, &raw_n);
	CHECK(raw != NULL, "the test's deflate stream (%zu bytes)", raw_n);
	if (!raw)
		return 1;
	crc = (uint32_t)crc32(0, (const Bytef *)page.data, (uInt)page.len);
	CHECK(zbody_gzip(z, raw, raw_n, crc ^ 1, page.data, page.len, &n) == NULL,
	      "text whose CRC-32 is not the stream's is refused");
	body = zbody_gzip(z, raw, raw_n, crc, page.data, page.len, &n);
	CHECK(body && n == raw_n + 18 && body[0] == 0x1f && body[1] == 0x8b && body[2] == 8,
	      "a gzip member is the stream, a 10-byte header and an 8-byte trailer (%zu bytes)", n);
	CHECK(body && reads_as(reader, body, n, page.data), "the gzip member reads back as its text");
	CHECK(body && gzip_reads(body, n, page.data), "gzip -dc reads the member as the text");
	copy = malloc(n + 8);
	memcpy(copy, body, n);

	/* damage of every kind gives nothing, never other text */
	copy[10 + raw_n / 2] ^= 0x20;
	CHECK(reads_as(reader, copy, n, NULL), "a changed byte in the stream: nothing");
	copy[10 + raw_n / 2] ^= 0x20;
	copy[n - 6] ^= 1;
	CHECK(reads_as(reader, copy, n, NULL), "a changed CRC-32: nothing");
	copy[n - 6] ^= 1;
	copy[n - 4]++;
	CHECK(reads_as(reader, copy, n, NULL), "a length one more than the text: nothing");
	copy[n - 4] -= 2;
	CHECK(reads_as(reader, copy, n, NULL), "a length one less than the text: nothing");
	copy[n - 4]++;
	copy[n - 1] = 0x7f;
	CHECK(reads_as(reader, copy, n, NULL), "a length of 2 GiB: nothing, and no allocation of it");
	copy[n - 1] = 0;
	CHECK(reads_as(reader, copy, n, page.data), "the member mended reads again");
	memcpy(copy + n, "\x1f\x8b\x08\0\0\0\0\0", 8);
	CHECK(reads_as(reader, copy, n + 8, NULL), "bytes after the member: nothing");
	CHECK(reads_as(reader, copy, n - 9, NULL) && reads_as(reader, copy, 17, NULL) &&
	      reads_as(reader, copy, 2, NULL), "a member cut short: nothing");
	free(copy);

	/* a stream that is not the text's, said to be: the trailer is the text's */
	other_raw = deflate_raw("# Another page\n", 15, &other_n);
	body = zbody_gzip(z, other_raw, other_n, crc, page.data, page.len, &n);
	CHECK(body && reads_as(reader, body, n, NULL), "the stream of another text does not read as either");
	free(other_raw);

	/* text with a NUL is not a page */
	{
		static const char nul[] = "a\0b";
		unsigned char *r = deflate_raw(nul, 3, &other_n);
		body = zbody_gzip(z, r, other_n, (uint32_t)crc32(0, (const Bytef *)nul, 3), nul, 3, &n);
		CHECK(body && reads_as(reader, body, n, NULL), "text with a NUL byte: nothing");
		free(r);
	}

	/* zbody_page: gzip when given a stream, zstd when not */
	body = zbody_page(z, page.data, page.len, raw, raw_n, crc, &n);
	CHECK(body && body[0] == 0x1f && reads_as(reader, body, n, page.data), "a page with its stream is gzip");
	body = zbody_page(z, page.data, page.len, NULL, 0, 0, &n);
	CHECK(body && body[0] == 0x28 && reads_as(reader, body, n, page.data), "a page without one is zstd");
	{
		char *cut = strndup(page.data, page.len - 1);
		body = zbody_page(z, cut, page.len - 1, raw, raw_n, crc, &n);
		CHECK(body && body[0] == 0x28 && reads_as(reader, body, n, cut),
		      "a page whose text is no longer the stream's (a line taken out) is zstd");
		free(cut);
	}
	CHECK(zbody_gzip(z, raw, 0, crc, page.data, page.len, &n) == NULL, "an empty stream is not a member");

	free(raw);
	buf_release(&page);
	zbody_reader_free(reader);
	zbody_free(z);
	return test_failures;
}
