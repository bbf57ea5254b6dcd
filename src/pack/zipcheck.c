#include "zipcheck.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EOCD_SIZE 22
#define CDH_SIZE 46
#define LFH_SIZE 30

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int read_at(int fd, void *p, size_t n, uint64_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = pread(fd, (char *)p + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}


/* The local headers lie one after another in file order, between the entries'
 * data: one read of a window of the file serves the headers of many small entries
 * (a pack of pages has thousands), where a read each would be two system calls an
 * entry. */
#define WINDOW_SIZE 65536

struct window {
	int fd;
	uint64_t end;     /* nothing at or past this offset is read */
	uint64_t off;     /* of the bytes in b */
	size_t len, cap;
	unsigned char *b;
};

/* The n bytes of the file at off, or NULL when they are not all before w->end or
 * cannot be read. They stay until the next call. When they are not in the window
 * already, a read takes want bytes (n at least; a whole window where more headers
 * follow, the header alone where an entry's data lies between it and the next). */
static const unsigned char *window_at(struct window *w, uint64_t off, size_t n, size_t want)
{
	if (want < n)
		want = n;
	if (off > w->end || n > w->end - off)
		return NULL;
	if (w->len && off >= w->off && off + n <= w->off + w->len)
		return w->b + (off - w->off);
	if (want > w->end - off)
		want = (size_t)(w->end - off);
	if (want > w->cap) {
		free(w->b);
		w->b = xmalloc(want);
		w->cap = want;
	}
	w->len = 0;
	if (read_at(w->fd, w->b, want, off) < 0)
		return NULL;
	w->off = off;
	w->len = want;
	return w->b;
}

static int by_offset(const void *a, const void *b)
{
	const struct zip_entry_raw *x = *(const struct zip_entry_raw *const *)a;
	const struct zip_entry_raw *y = *(const struct zip_entry_raw *const *)b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Find the end-of-central-directory record: it must end exactly at the end of the
 * file once its comment is counted. */
static int find_eocd(int fd, uint64_t size, uint64_t *at, unsigned char rec[EOCD_SIZE],
		     struct err *e)
{
	size_t span = size < EOCD_SIZE + 65535 ? (size_t)size : EOCD_SIZE + 65535;
	unsigned char *tail;
	uint64_t base = size - span;
	long found_trailing = -1;

	if (size < EOCD_SIZE)
		return fail(e, ERR_FORMAT, "not a zip archive (only %llu bytes)",
			    (unsigned long long)size);
	tail = xmalloc(span);
	if (read_at(fd, tail, span, base) < 0) {
		free(tail);
		return fail(e, ERR_IO, "cannot read the archive: %s", strerror(errno));
	}
	for (size_t i = span - EOCD_SIZE + 1; i-- > 0;) {
		if (memcmp(tail + i, "PK\5\6", 4))
			continue;
		size_t comment = le16(tail + i + 20);
		size_t after = span - i - EOCD_SIZE;
		if (comment == after) {
			memcpy(rec, tail + i, EOCD_SIZE);
			*at = base + i;
			free(tail);
			return 0;
		}
		if (comment < after && found_trailing < 0)
			found_trailing = (long)(after - comment);
	}
	free(tail);
	if (found_trailing > 0)
		return fail(e, ERR_REFUSED, "%ld bytes of unknown data after the end of the archive",
			    found_trailing);
	return fail(e, ERR_FORMAT, "not a zip archive, or truncated (no end of central directory record)");
}

int zipcheck_layout(int fd, uint64_t size, const struct zip_budget *budget,
		    struct zip_layout *out, struct err *e)
{
	unsigned char eocd[EOCD_SIZE] = { 0 }, *cd = NULL;
	uint64_t eocd_at = 0, cd_off, cd_size, total = 0, ctotal = 0;
	size_t nent, pos;
	struct zip_entry_raw **order = NULL;
	struct window w = { fd, 0, 0, 0, 0, NULL };
	char q[256], q2[256];

	memset(out, 0, sizeof(*out));
	if (find_eocd(fd, size, &eocd_at, eocd, e) < 0)
		return -1;
	if (le16(eocd + 4) || le16(eocd + 6) || le16(eocd + 8) != le16(eocd + 10))
		return fail(e, ERR_REFUSED, "multi-disk archives are not supported");
	nent = le16(eocd + 10);
	cd_size = le32(eocd + 12);
	cd_off = le32(eocd + 16);
	if (nent == 0xffff || cd_size == 0xffffffffu || cd_off == 0xffffffffu)
		return fail(e, ERR_REFUSED, "zip64 archive (over 65535 entries or 4 GiB), beyond the pack limits");
	if (nent > budget->max_entries)
		return fail(e, ERR_REFUSED, "%zu entries, over the limit of %llu", nent,
			    (unsigned long long)budget->max_entries);
	if (cd_off + cd_size > eocd_at)
		return fail(e, ERR_FORMAT, "truncated archive (central directory runs past its end)");
	if (cd_off + cd_size < eocd_at) {
		/* a directory right before the end record that claims an earlier offset: the
		 * whole archive was moved by junk in front of it (a self-extractor whose
		 * offsets were not adjusted, or a zip appended to another file) */
		unsigned char sig[4];
		uint64_t shift = eocd_at - cd_off - cd_size;

		if (nent && read_at(fd, sig, 4, eocd_at - cd_size) == 0 && !memcmp(sig, "PK\1\2", 4))
			return fail(e, ERR_REFUSED, "%llu bytes of unknown data before the first entry (the archive's offsets do not count them)",
				    (unsigned long long)shift);
		return fail(e, ERR_REFUSED, "%llu bytes of unknown data before the end record",
			    (unsigned long long)shift);
	}
	if (nent == 0)
		return fail(e, ERR_REFUSED, "the archive is empty");
	if (cd_size < (uint64_t)nent * CDH_SIZE)
		return fail(e, ERR_FORMAT, "truncated archive (central directory too short)");

	cd = xmalloc(cd_size);
	if (read_at(fd, cd, cd_size, cd_off) < 0) {
		free(cd);
		return fail(e, ERR_FORMAT, "truncated archive (cannot read the central directory)");
	}
	out->entries = xcalloc(nent, sizeof(*out->entries));
	out->n = nent;
	w.end = cd_off;
	pos = 0;
	for (size_t i = 0; i < nent; i++) {
		struct zip_entry_raw *z = &out->entries[i];
		const unsigned char *h = cd + pos;
		size_t nlen, xlen, clen;
		int flags, host;
		const unsigned char *lfh;
		size_t want;
/* the entry's name for a message (quoted only then: thousands are not) */
#define Q (utf8_quote(z->name, nlen, q, sizeof(q)), q)

		if (pos + CDH_SIZE > cd_size || memcmp(h, "PK\1\2", 4))
			goto bad_cd;
		host = h[5];
		flags = le16(h + 8);
		z->method = le16(h + 10);
		z->crc = le32(h + 16);
		z->csize = le32(h + 20);
		z->usize = le32(h + 24);
		nlen = le16(h + 28);
		xlen = le16(h + 30);
		clen = le16(h + 32);
		z->offset = le32(h + 42);
		if (pos + CDH_SIZE + nlen + xlen + clen > cd_size)
			goto bad_cd;
		/* xstrndup copies all nlen bytes: a NUL inside the stored name stays visible */
		z->name = xstrndup((const char *)h + CDH_SIZE, nlen);
		z->name_len = nlen;
		z->utf8_flag = (flags >> 11) & 1;
		z->encrypted = flags & 1;
		if (host == 3)
			z->unix_mode = (int)(le32(h + 38) >> 16);
		pos += CDH_SIZE + nlen + xlen + clen;

		if (z->csize == 0xffffffffu || z->usize == 0xffffffffu || z->offset == 0xffffffffu) {
			fail(e, ERR_REFUSED, "entry '%s' uses zip64 sizes, beyond the pack limits", Q);
			goto out_fail;
		}
		if (z->encrypted || (flags & (1 << 6))) {
			fail(e, ERR_REFUSED, "entry '%s' is encrypted", Q);
			goto out_fail;
		}
		if (z->method != 0 && z->method != 8) {
			fail(e, ERR_REFUSED, "entry '%s' uses compression method %d (only stored and deflate are allowed)",
			     Q, z->method);
			goto out_fail;
		}
		if (z->method == 0 && z->csize != z->usize) {
			fail(e, ERR_REFUSED, "entry '%s' is stored but declares %llu bytes compressed and %llu uncompressed",
			     Q, (unsigned long long)z->csize, (unsigned long long)z->usize);
			goto out_fail;
		}
		total += z->usize;
		ctotal += z->csize;
		if (z->usize >= (1u << 20) && z->usize / (z->csize ? z->csize : 1) > budget->max_ratio) {
			fail(e, ERR_REFUSED, "entry '%s' has a compression ratio of %llu:1, over the limit of %llu:1",
			     Q, (unsigned long long)(z->usize / (z->csize ? z->csize : 1)),
			     (unsigned long long)budget->max_ratio);
			goto out_fail;
		}
		if (total > budget->max_total) {
			fail(e, ERR_REFUSED, "uncompressed size is over the limit of %llu MB",
			     (unsigned long long)(budget->max_total >> 20));
			goto out_fail;
		}

		/* the local header: where the data really starts and ends */
		want = z->csize < WINDOW_SIZE / 2 ? WINDOW_SIZE : LFH_SIZE + nlen;
		if (!(lfh = window_at(&w, z->offset, LFH_SIZE, want)) || memcmp(lfh, "PK\3\4", 4)) {
			fail(e, ERR_FORMAT, "entry '%s' has no local header where the directory says (truncated or damaged archive)", Q);
			goto out_fail;
		}
		if (le16(lfh + 26) != nlen || !(lfh = window_at(&w, z->offset, LFH_SIZE + nlen, want)) ||
		    memcmp(lfh + LFH_SIZE, h + CDH_SIZE, nlen)) {
			fail(e, ERR_REFUSED, "entry '%s' has a different name in its local header", Q);
			goto out_fail;
		}
		/* what libzip compares (and refuses without naming the entry), and the
		 * encryption bits, which readers that trust local headers would see */
		if (le16(lfh + 4) > le16(h + 6) || ((le16(lfh + 6) ^ flags) & 0x41) ||
		    le16(lfh + 8) != z->method || le32(lfh + 10) != le32(h + 12) ||
		    ((le32(lfh + 14) != le32(h + 16) || le32(lfh + 18) != z->csize ||
		      le32(lfh + 22) != z->usize) &&
		     (!(le16(lfh + 6) & (1 << 3)) || le32(lfh + 14) || le32(lfh + 18) || le32(lfh + 22)))) {
			fail(e, ERR_REFUSED, "entry '%s' has a local header that disagrees with the central directory", Q);
			goto out_fail;
		}
		z->end = z->offset + LFH_SIZE + le16(lfh + 26) + le16(lfh + 28) + z->csize;
		if (flags & (1 << 3)) {
			/* a data descriptor follows the data: 12 or 16 bytes, 16 when signed */
			const unsigned char *sig;
			if (z->end + 12 <= cd_off && (sig = window_at(&w, z->end, 4, want)) &&
			    !memcmp(sig, "PK\7\10", 4))
				z->end += 16;
			else
				z->end += 12;
		}
		if (z->end > cd_off) {
			fail(e, ERR_FORMAT, "entry '%s' runs into the central directory (truncated or overlapping archive)", Q);
			goto out_fail;
		}
#undef Q
	}
	if (pos != cd_size)
		goto bad_cd;
	/* the whole-archive ratio only matters where the expansion could: an archive
	 * that unpacks to a few megabytes harms nothing, whatever it compresses to
	 * (a page of one repeated line compresses 300:1) */
	if (ctotal && total >= ZIP_RATIO_MIN_TOTAL && total / ctotal > budget->max_ratio) {
		fail(e, ERR_REFUSED, "the archive has a compression ratio of %llu:1, over the limit of %llu:1",
		     (unsigned long long)(total / ctotal), (unsigned long long)budget->max_ratio);
		goto out_fail;
	}

	/* entries, in file order, must tile the space before the central directory */
	order = xmalloc(nent * sizeof(*order));
	for (size_t i = 0; i < nent; i++)
		order[i] = &out->entries[i];
	qsort(order, nent, sizeof(*order), by_offset);
	if (order[0]->offset > 0) {
		fail(e, ERR_REFUSED, "%llu bytes of unknown data before the first entry",
		     (unsigned long long)order[0]->offset);
		goto out_fail;
	}
	for (size_t i = 1; i < nent; i++) {
		if (order[i]->offset < order[i - 1]->end) {
			utf8_quote(order[i]->name, order[i]->name_len, q, sizeof(q));
			utf8_quote(order[i - 1]->name, order[i - 1]->name_len, q2, sizeof(q2));
			fail(e, ERR_REFUSED, "entry '%s' overlaps entry '%s'", q, q2);
			goto out_fail;
		}
		if (order[i]->offset > order[i - 1]->end) {
			utf8_quote(order[i - 1]->name, order[i - 1]->name_len, q, sizeof(q));
			fail(e, ERR_REFUSED, "%llu bytes of unknown data after entry '%s'",
			     (unsigned long long)(order[i]->offset - order[i - 1]->end), q);
			goto out_fail;
		}
	}
	if (order[nent - 1]->end != cd_off) {
		utf8_quote(order[nent - 1]->name, order[nent - 1]->name_len, q, sizeof(q));
		fail(e, ERR_REFUSED, "%llu bytes of unknown data after entry '%s'",
		     (unsigned long long)(cd_off - order[nent - 1]->end), q);
		goto out_fail;
	}
	free(order);
	free(cd);
	free(w.b);
	out->total = total;
	return 0;

bad_cd:
	fail(e, ERR_FORMAT, "damaged central directory (truncated or malformed archive)");
out_fail:
	free(order);
	free(cd);
	free(w.b);
	zipcheck_release(out);
	return -1;
}

void zipcheck_release(struct zip_layout *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->entries[i].name);
	free(l->entries);
	memset(l, 0, sizeof(*l));
}
