/* tree_read.c: reading a pack zip's entries, each checked as it is read (its
 * declared size, its CRC-32, no zip inside the pack), on two threads when the zip
 * is opened (tree_check_contents), and the bytes kept from then for tree_read. */
#include "internal.h"
#include "tree.h"
#include "ziplib.h"
#include "core/buf.h"
#include "core/cpu.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define READ_CHUNK 65536
#define END_RECORD 22

/* Is an entry of n bytes, whose first bytes are head and last END_RECORD bytes
 * tail (each looked at only when there are that many), a zip archive: a local
 * header or an empty archive's end record at its start, or an end record with no
 * comment at its end? */
static int zip_inside(const unsigned char *head, const unsigned char *tail, uint64_t n)
{
	return (n >= 4 && (!memcmp(head, "PK\3\4", 4) || !memcmp(head, "PK\5\6", 4))) ||
	       (n >= END_RECORD && !memcmp(tail, "PK\5\6", 4) && !tail[20] && !tail[21]);
}

/* Read one entry, at most its declared size plus one byte, into out (appended) or,
 * when out is NULL, only to check it: an entry whose real size differs from its
 * declared size, a bad checksum and a zip archive inside the pack (by its first
 * bytes, or by an end record at its very end) are refused. */
static int read_entry(zip_t *za, const struct tree_file *f, struct buf *out, struct err *e)
{
	zip_file_t *zf;
	uint64_t got = 0;
	unsigned char head[4] = { 0 }, tail[END_RECORD] = { 0 };
	char *chunk = NULL;

	zf = zl.fopen_index(za, f->index, 0);
	if (!zf)
		return fail(e, ERR_FORMAT, "entry '%s' cannot be opened: %s", SHOWN(f->path),
			    zl.strerror(za));
	/* the whole entry at once: a picture of up to its budget, which a kiosk short of
	 * memory may not have to give (the caller tries again later) */
	if (out && buf_try_grow(out, (size_t)f->size + 1) < 0) {
		zl.fclose(zf);
		return fail(e, ERR_NOMEM, "entry '%s': out of memory for %llu bytes", SHOWN(f->path),
			    (unsigned long long)f->size);
	}
	if (!out)
		chunk = xmalloc(READ_CHUNK);
	while (got <= f->size) {
		uint64_t left = f->size + 1 - got;
		size_t want, k;
		zip_int64_t r;
		char *p;

		if (out) {
			want = (size_t)left;
			buf_grow(out, want);
			p = out->data + out->len;
		} else {
			want = left < READ_CHUNK ? (size_t)left : READ_CHUNK;
			p = chunk;
		}
		r = zl.fread(zf, p, want);
		if (r < 0) {
			fail(e, ERR_FORMAT, "entry '%s' is damaged: %s", SHOWN(f->path), zl.file_strerror(zf));
			zl.fclose(zf);
			free(chunk);
			return -1;
		}
		if (r == 0)
			break;
		k = (size_t)r;
		for (size_t j = 0; j < k && got + j < sizeof(head); j++)
			head[got + j] = (unsigned char)p[j];
		if (k >= END_RECORD) {
			memcpy(tail, p + k - END_RECORD, END_RECORD);
		} else {
			memmove(tail, tail + k, END_RECORD - k);
			memcpy(tail + END_RECORD - k, p, k);
		}
		if (out)
			out->len += k;
		got += k;
	}
	free(chunk);
	if (out)
		out->data[out->len] = 0;
	if (got > f->size) {
		zl.fclose(zf);
		return fail(e, ERR_REFUSED, "entry '%s' is larger than its declared size of %llu bytes",
			    SHOWN(f->path), (unsigned long long)f->size);
	}
	if (zl.fclose(zf) != 0 && got == f->size)
		return fail(e, ERR_FORMAT, "entry '%s' is damaged (checksum mismatch)", SHOWN(f->path));
	if (got < f->size)
		return fail(e, ERR_REFUSED, "entry '%s' is smaller than its declared size (%llu of %llu bytes)",
			    SHOWN(f->path), (unsigned long long)got, (unsigned long long)f->size);
	if (zip_inside(head, tail, got))
		return fail(e, ERR_REFUSED, "entry '%s' is a zip archive inside the pack", SHOWN(f->path));
	return 0;
}

/* The files pack_load reads whole (pages, pack.ini), up to the largest page: their
 * bytes are kept from tree_check_contents for tree_read, so that each is inflated once. */
#define KEEP_MAX (1u << 20)

static int keep_text(const struct tree_file *f)
{
	return f->size <= KEEP_MAX && (tree_ends_with_ci(f->path, ".md") || tree_ends_with_ci(f->path, ".ini"));
}

/* A deflated page (method 8) read as the zip holds it and inflated here with
 * zlib (RFC 1951), as libzip would, so that one read gives both its text and the
 * raw stream that the catalog keeps (zbody.h): into f->text and f->deflate. 0
 * when the page is whole and sound by the checks of read_entry (its declared
 * size, the CRC-32 of the zip's directory, not a zip inside) and its stream ends
 * where its compressed bytes end; 1 when it is not
 * such a page, or anything is amiss or short, for read_entry to read it again
 * and say what is wrong, in the same words as for any other entry. */
static int read_page(zip_t *za, struct tree_file *f)
{
	zip_file_t *zf;
	unsigned char *raw = NULL;
	char *text = NULL;
	z_stream zs;
	zip_int64_t r;
	int rc = Z_DATA_ERROR;

	/* a page of KEEP_MAX bytes deflates to a little more than that at worst */
	if (f->method != ZIP_CM_DEFLATE || !f->csize || f->csize > KEEP_MAX + KEEP_MAX / 8 ||
	    !tree_ends_with_ci(f->path, ".md"))
		return 1;
	raw = malloc((size_t)f->csize + 1);
	text = malloc((size_t)f->size + 1);
	if (!raw || !text)
		goto no;
	zf = zl.fopen_index(za, f->index, ZIP_FL_COMPRESSED);
	if (!zf)
		goto no;
	r = zl.fread(zf, raw, f->csize + 1);
	zl.fclose(zf);
	if (r != (zip_int64_t)f->csize)
		goto no;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
		goto no;
	zs.next_in = raw;
	zs.avail_in = (uInt)f->csize;
	/* a byte more than declared, to see an entry that is larger */
	zs.next_out = (unsigned char *)text;
	zs.avail_out = (uInt)f->size + 1;
	rc = inflate(&zs, Z_FINISH);
	inflateEnd(&zs);
	/* bytes after the end of the stream (a writer that pads) are no part of
	 * it, and no part of a gzip member made of it: read_entry reads such a page */
	if (rc != Z_STREAM_END || zs.avail_in || zs.total_out != f->size ||
	    crc32(crc32(0L, Z_NULL, 0), (const Bytef *)text, (uInt)f->size) != f->crc)
		goto no;
	if (zip_inside((unsigned char *)text,
		       (unsigned char *)text + (f->size >= END_RECORD ? f->size - END_RECORD : 0), f->size))
		goto no;
	text[f->size] = 0;
	f->text = text;
	f->deflate = raw;
	return 0;
no:
	free(raw);
	free(text);
	return 1;
}

/* Read and check one entry of the zip, keeping its bytes when it is a page (and
 * a deflated page's raw stream too: read_page). */
static int check_entry(zip_t *za, struct tree_file *f, struct err *e)
{
	struct buf b = BUF_INIT;

	if (!keep_text(f))
		return read_entry(za, f, NULL, e);
	if (read_page(za, f) == 0)
		return 0;
	if (read_entry(za, f, &b, e) == 0) {
		f->text = buf_detach(&b, NULL);
		return 0;
	}
	buf_release(&b);
	/* short of memory to keep it: checked alone, read again when wanted */
	if (e->code != ERR_NOMEM)
		return -1;
	return read_entry(za, f, NULL, e);
}

/* The entries are checked by two threads, each with a zip handle of its own, which
 * take the next entry in order until one fails: every entry before the first that
 * fails is checked whole, so the error is that of the first, as with one thread. */
struct check_job {
	struct tree *t;
	size_t next;     /* the next entry to check; atomic */
	int stop;        /* an entry failed; atomic */
};

struct checker {
	struct check_job *job;
	zip_t *za;       /* owned by the thread's own checker */
	size_t failed;   /* the entry that failed, or SIZE_MAX */
	struct err e;
};

static void check_some(struct checker *c)
{
	struct check_job *j = c->job;

	c->failed = SIZE_MAX;
	while (!__atomic_load_n(&j->stop, __ATOMIC_ACQUIRE)) {
		size_t i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED);
		if (i >= j->t->n)
			break;
		if (check_entry(c->za, &j->t->files[i], &c->e) < 0) {
			c->failed = i;
			__atomic_store_n(&j->stop, 1, __ATOMIC_RELEASE);
			break;
		}
	}
}

/* A second handle on the same descriptor (each reads with pread, ziplib_open_fd),
 * or NULL: then one thread checks everything. */
static zip_t *open_again(struct tree *t)
{
	int zerr = 0;
	zip_t *za = ziplib_open_fd(t->fd, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);

	if (!za)
		return NULL;
	if (zl.get_num_entries(za, 0) != zl.get_num_entries(t->zip, 0)) {
		zl.discard(za);
		return NULL;
	}
	return za;
}

static void *check_thread(void *arg)
{
	struct checker *c = arg;

	c->failed = SIZE_MAX;
	c->za = open_again(c->job->t);
	if (c->za)
		check_some(c);
	return NULL;
}

/* Below this many entries a second thread is not worth its start. */
#define CHECK_THREAD_MIN 64

/* Every file is read once when the zip is opened, so that the rules above hold
 * for files that no page references too (they are installed with the pack). */
int tree_check_contents(struct tree *t, struct err *e)
{
	struct check_job job = { t, 0, 0 };
	struct checker mine = { &job, t->zip, SIZE_MAX, { 0 } }, other = { &job, NULL, SIZE_MAX, { 0 } };
	pthread_t th;
	int two = t->n >= CHECK_THREAD_MIN && cpu_helper_start(&th, check_thread, &other);

	check_some(&mine);
	if (two) {
		pthread_join(th, NULL);
		if (other.za)
			zl.discard(other.za);
	}
	if (mine.failed == SIZE_MAX && other.failed == SIZE_MAX)
		return 0;
	if (e)
		*e = mine.failed < other.failed ? mine.e : other.e;
	return -1;
}

static int read_zip(struct tree *t, const struct tree_file *f, uint64_t max, struct buf *out,
		    struct err *e)
{
	struct tree_file *kept = &t->files[f - t->files];

	if (f->size > max)
		return fail(e, ERR_REFUSED, "entry '%s' is %llu bytes, over the limit of %llu", SHOWN(f->path),
			    (unsigned long long)f->size, (unsigned long long)max);
	if (!kept->text)
		return read_entry(t->zip, f, out, e);
	if (!out->len) {
		buf_release(out);
		out->data = kept->text;
		out->len = (size_t)f->size;
		out->cap = out->len + 1;
	} else {
		buf_add(out, kept->text, (size_t)f->size);
		free(kept->text);
	}
	kept->text = NULL;
	return 0;
}

void *tree_take_deflate(struct tree *t, const struct tree_file *f, size_t *n, uint32_t *crc)
{
	struct tree_file *kept;
	void *raw;

	*n = 0;
	*crc = 0;
	if (!t->is_zip)
		return NULL;
	kept = &t->files[f - t->files];
	raw = kept->deflate;
	kept->deflate = NULL;
	if (raw) {
		*n = (size_t)kept->csize;
		*crc = kept->crc;
	}
	return raw;
}

int tree_read(struct tree *t, const struct tree_file *f, uint64_t max, struct buf *out, struct err *e)
{
	char *full;
	int rc;

	if (t->is_zip)
		return read_zip(t, f, max, out, e);
	full = xasprintf("%s/%s", t->origin, f->real);
	rc = fs_read_file(full, (size_t)max, out, e);
	free(full);
	return rc;
}
