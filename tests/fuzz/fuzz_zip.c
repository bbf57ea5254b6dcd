/* fuzz_zip.c: the pack reader on hostile bytes. The input is a pack zip: it is put
 * in a memory file, opened with tree_open_zip under the default budget (with a
 * smaller total, so that one input decompresses at most 8 MB), loaded with
 * pack_load, and every file is read back with tree_read and every image's header
 * probed. Refusals are expected; a crash, a leak or seconds of work are bugs.
 *
 * An input that starts with "FILES\n" is a list of files instead: records
 * "name\ncontent" separated by lines "@@", written as a valid zip (stored, with the
 * right sizes and CRCs, names flagged UTF-8 when they are) before the same steps.
 * Mutations of a real zip mostly break its checksums; these reach the names,
 * pack.ini and the pages that pack_load reads. */
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/utf8.h"
#include "media/image.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A budget for one input: the default, but 8 MB in all. */
#define FUZZ_MAX_TOTAL (8u << 20)
/* tree_read's cap: the pack's own largest limit on a file. */
#define FUZZ_READ_MAX IMAGE_MAX_BYTES

static int mem_fd = -1;
static char mem_path[64];
/* FUZZ_VERBOSE=1 prints why each input is refused */
static int verbose;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	mem_fd = memfd_create("fuzz_zip", MFD_CLOEXEC);
	if (mem_fd < 0) {
		perror("fuzz_zip: memfd_create");
		abort();
	}
	/* tree_open_zip opens a path: this one is the memory file */
	snprintf(mem_path, sizeof(mem_path), "/proc/self/fd/%d", mem_fd);
	verbose = getenv("FUZZ_VERBOSE") != NULL;
	return 0;
}

/* a "FILES\n" input holds at most this many files, separated by SEP */
#define FILES_MAX 4096
#define SEP "\n@@\n"

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c = 0xffffffffu;

	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t k = i;
			for (int j = 0; j < 8; j++)
				k = k & 1 ? 0xedb88320u ^ (k >> 1) : k >> 1;
			table[i] = k;
		}
	for (size_t i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void put16(struct buf *b, unsigned v)
{
	buf_addc(b, (char)(v & 0xff));
	buf_addc(b, (char)(v >> 8 & 0xff));
}

static void put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* The zip of a "FILES\n" input: each record's local header and data, then the
 * central directory and its end record, as a careful writer makes them. */
static void files_to_zip(const uint8_t *data, size_t size, struct buf *zip)
{
	struct buf cd = BUF_INIT;
	size_t at = 0, count = 0, cd_size;

	while (at < size && count < FILES_MAX) {
		const uint8_t *rec = data + at, *end = memmem(rec, size - at, SEP, 4), *nl;
		size_t rlen = end ? (size_t)(end - rec) : size - at, nlen, dlen;
		uint32_t crc, off = (uint32_t)zip->len, mode;
		unsigned flags;

		at += rlen + 4;
		nl = memchr(rec, '\n', rlen);
		nlen = nl ? (size_t)(nl - rec) : rlen;
		dlen = nl ? rlen - nlen - 1 : 0;
		if (nlen > 0xffff)
			continue;
		crc = crc32_of(nl ? nl + 1 : rec, dlen);
		flags = utf8_valid((const char *)rec, nlen, NULL) ? 1u << 11 : 0;
		mode = nlen && rec[nlen - 1] == '/' ? 0040755 : 0100644;
		put32(zip, 0x04034b50);
		put16(zip, 20);
		put16(zip, flags);
		put16(zip, 0);
		put16(zip, 0);
		put16(zip, 0x5821);
		put32(zip, crc);
		put32(zip, (uint32_t)dlen);
		put32(zip, (uint32_t)dlen);
		put16(zip, (unsigned)nlen);
		put16(zip, 0);
		buf_add(zip, rec, nlen);
		buf_add(zip, nl ? nl + 1 : rec, dlen);

		put32(&cd, 0x02014b50);
		put16(&cd, 3 << 8 | 20);
		put16(&cd, 20);
		put16(&cd, flags);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0x5821);
		put32(&cd, crc);
		put32(&cd, (uint32_t)dlen);
		put32(&cd, (uint32_t)dlen);
		put16(&cd, (unsigned)nlen);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, mode << 16);
		put32(&cd, off);
		buf_add(&cd, rec, nlen);
		count++;
	}
	cd_size = cd.len;
	put32(&cd, 0x06054b50);
	put16(&cd, 0);
	put16(&cd, 0);
	put16(&cd, (unsigned)count);
	put16(&cd, (unsigned)count);
	put32(&cd, (uint32_t)cd_size);
	put32(&cd, (uint32_t)zip->len);
	put16(&cd, 0);
	buf_add(zip, cd.data, cd.len);
	buf_release(&cd);
}

static void put_input(const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (ftruncate(mem_fd, 0) < 0)
		abort();
	while (done < size) {
		ssize_t k = pwrite(mem_fd, data + done, size - done, (off_t)done);
		if (k <= 0)
			abort();
		done += (size_t)k;
	}
}

/* What a loaded pack promises its users (pack.h). */
static void check_pack(const struct pack *p, int flags)
{
	for (size_t i = 0; i < p->nnodes; i++) {
		const struct pack_node *n = &p->nodes[i];
		if (!n->slug || !n->dir || !n->pages || (i == 0) != (n->kind == NODE_HOME))
			abort();
		if (n->parent >= (int)p->nnodes)
			abort();
		for (size_t l = 0; l < p->nlangs; l++) {
			const struct pack_page *pg = &n->pages[l];
			if (pg->present && (!pg->text || strlen(pg->text) != pg->len))
				abort();
			if ((flags & PACK_LOAD_NO_DOCS) && (pg->doc.n || pg->doc.blocks))
				abort(); /* an install's load keeps no blocks */
			if (pg->title && pg->doc.n && strcmp(pg->title, pg->doc.blocks[0].text))
				abort();
			if (pg->plain && strlen(pg->plain) != pg->plain_len)
				abort();
		}
	}
	for (size_t i = 1; i < p->nused; i++)
		if (strcmp(p->used[i - 1], p->used[i]) > 0)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zip_budget budget = ZIP_BUDGET_DEFAULT;
	struct diag_list diags;
	struct err e = { 0 };
	struct tree t;
	struct pack p;

	budget.max_total = FUZZ_MAX_TOTAL;
	if (size >= 6 && !memcmp(data, "FILES\n", 6)) {
		struct buf zip = BUF_INIT;
		files_to_zip(data + 6, size - 6, &zip);
		put_input((const uint8_t *)zip.data, zip.len);
		buf_release(&zip);
	} else {
		put_input(data, size);
	}
	if (tree_open_zip(&t, mem_path, &budget, &e) < 0) {
		if (!e.msg[0] || e.code == ERR_NONE)
			abort(); /* a refusal always says why */
		if (verbose)
			fprintf(stderr, "fuzz_zip: refused: %s\n", e.msg);
		return 0;
	}
	for (size_t i = 1; i < t.n; i++)
		if (strcmp(t.files[i - 1].path, t.files[i].path) >= 0)
			abort(); /* sorted, and no name twice */

	/* as lint loads a pack, or as an install does (half the inputs each) */
	diag_init(&diags);
	if (pack_load(&p, &t, size & 1 ? PACK_LOAD_NO_DOCS : 0, &diags, &e) == 0)
		check_pack(&p, size & 1 ? PACK_LOAD_NO_DOCS : 0);
	pack_release(&p);
	diag_release(&diags);

	for (size_t i = 0; i < t.n; i++) {
		const struct tree_file *f = &t.files[i];
		struct buf b = BUF_INIT;
		int type = image_type_of(f->path), w, h;

		if (tree_find(&t, f->path) != f)
			abort();
		memset(&e, 0, sizeof(e));
		if (tree_read(&t, f, FUZZ_READ_MAX, &b, &e) == 0) {
			if (b.len != f->size)
				abort(); /* tree_open_zip read it all already */
			if (type != IMAGE_NONE)
				image_probe(b.data, b.len, type, &w, &h, &e);
		}
		buf_release(&b);
	}
	tree_close(&t);
	return 0;
}
