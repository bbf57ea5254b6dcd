/* build.c: write a pack as a deterministic zip: sorted entries, one fixed time stamp,
 * fixed attributes, text normalised, so that the same folder gives the same bytes. */
#include "pack.h"
#include "ziplib.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "media/image.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 2000-01-01 00:00:00 UTC: within the DOS date range, and the same on every machine
 * whatever its time zone (libzip stores local time, so the zone is fixed below). */
#define BUILD_MTIME 946684800

struct text_ref {
	const char *path, *text;
	size_t len;
	char *owned;   /* text, when made here; freed with the index */
};

static int by_ref_path(const void *a, const void *b)
{
	return strcmp(((const struct text_ref *)a)->path, ((const struct text_ref *)b)->path);
}

/* The normalised texts of the pack (pack.ini and every page), sorted by path. */
static struct text_ref *text_index(const struct pack *p, size_t *n)
{
	struct text_ref *v = xmalloc((p->nnodes * p->nlangs + 1) * sizeof(*v));
	size_t k = 0;

	v[k++] = (struct text_ref){ "pack.ini", p->ini_text, p->ini_len, NULL };
	for (size_t i = 0; i < p->nnodes; i++)
		for (size_t l = 0; l < p->nlangs; l++) {
			const struct pack_page *pg = &p->nodes[i].pages[l];
			if (pg->text && pg->warning) {
				/* the content warning was taken off the page's first line (its line
				 * left empty): the zip carries the page as the curator wrote it */
				char *whole = xasprintf("warning: %s%s", pg->warning, pg->text);
				v[k++] = (struct text_ref){ pg->file, whole, strlen(whole), whole };
			} else if (pg->text) {
				v[k++] = (struct text_ref){ pg->file, pg->text, pg->len, NULL };
			}
		}
	qsort(v, k, sizeof(*v), by_ref_path);
	*n = k;
	return v;
}

int pack_build_zip(const struct pack *p, struct tree *t, const char *out_path, struct err *e)
{
	char *tmp = xasprintf("%s.tmp-%ld", out_path, (long)getpid());
	struct buf *held = xcalloc(p->nused ? p->nused : 1, sizeof(*held));
	char *tz = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	int zerr = 0, rc = -1;
	size_t ntexts;
	struct text_ref *texts = text_index(p, &ntexts);
	zip_t *za;

	if (ziplib_load(e) < 0)
		goto out;
	setenv("TZ", "UTC", 1);
	tzset();
	za = zl.open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t ze;
		zl.error_init_with_code(&ze, zerr);
		fail(e, ERR_IO, "%s: %s", out_path, zl.error_strerror(&ze));
		zl.error_fini(&ze);
		goto out;
	}
	/* p->used is sorted: entries go in in that order */
	for (size_t i = 0; i < p->nused; i++) {
		const char *path = p->used[i];
		const struct tree_file *f = tree_find(t, path);
		struct text_ref key = { .path = path }, *ref;
		size_t len = 0;
		const char *text = NULL;
		zip_source_t *src;
		zip_int64_t idx;
		int store;

		ref = bsearch(&key, texts, ntexts, sizeof(*texts), by_ref_path);
		if (ref) {
			text = ref->text;
			len = ref->len;
		} else {
			if (!f || tree_read(t, f, UINT64_MAX, &held[i], e) < 0) {
				if (!f)
					fail(e, ERR_IO, "%s: vanished while building", path);
				goto fail_zip;
			}
			text = held[i].data;
			len = held[i].len;
		}
		src = zl.source_buffer(za, text, len, 0);
		if (!src)
			goto zip_fail;
		idx = zl.file_add(za, path, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zl.source_free(src);
			goto zip_fail;
		}
		/* images and sound are compressed already: store them, deflate the text */
		store = image_type_of(path) != IMAGE_NONE || strstr(path, ".ogg") || strstr(path, ".opus");
		if (zl.set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
					     store ? 0 : 9) < 0 ||
		    zl.file_set_mtime(za, (zip_uint64_t)idx, BUILD_MTIME, 0) < 0 ||
		    zl.file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
						     (zip_uint32_t)(S_IFREG | 0644) << 16) < 0)
			goto zip_fail;
	}
	if (zl.close(za) < 0)
		goto zip_fail;
	za = NULL;
	if (rename(tmp, out_path) < 0) {
		fail(e, ERR_IO, "%s: %s", out_path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;

zip_fail:
	fail(e, ERR_IO, "%s: %s", out_path, zl.strerror(za));
fail_zip:
	zl.discard(za);
	za = NULL;
out:
	if (rc < 0)
		unlink(tmp);
	if (tz) {
		setenv("TZ", tz, 1);
		free(tz);
	} else {
		unsetenv("TZ");
	}
	tzset();
	for (size_t i = 0; i < p->nused; i++)
		buf_release(&held[i]);
	free(held);
	for (size_t i = 0; i < ntexts; i++)
		free(texts[i].owned);
	free(texts);
	free(tmp);
	return rc;
}
