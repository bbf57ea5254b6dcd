/* ziplib.c: libzip, loaded at its first use (see ziplib.h). */
#include "ziplib.h"
#include "tree.h"

#include "core/dynlib.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ZIPLIB_SONAME "libzip.so.4"

struct ziplib zl;
#define ZIPLIB_SYM(f) { #f, offsetof(struct ziplib, f) },
static const struct dynlib_sym ziplib_syms[] = { ZIPLIB_FUNCS(ZIPLIB_SYM) };
#undef ZIPLIB_SYM
static struct dynlib libzip = DYNLIB_INIT(ZIPLIB_SONAME, "libzip (" ZIPLIB_SONAME "), which reads packs", "zip_",
					  ziplib_syms, &zl, "libzip 1.7 or later is needed");

int ziplib_load(struct err *e)
{
	return dynlib_load(&libzip, e);
}

const char *ziplib_version(void)
{
	return ziplib_load(NULL) < 0 ? NULL : zl.libzip_version();
}

/* A libzip source of a borrowed descriptor, read with pread (zip_source_function(3)) */
struct fd_source {
	int fd;
	zip_uint64_t size, pos;
	zip_uint64_t win_at;  /* the file offset of win[0] */
	size_t win_len;       /* bytes of the file in win */
	size_t reach;         /* from win[0] to the end of the furthest bytes it gave */
	zip_error_t error;
	unsigned char win[ZIPLIB_WINDOW];
};

/* Up to n bytes at s->pos, from the window where it has them (the small reads of
 * headers and of entries that follow one another), or read straight into out
 * when they fill a window anyway. 0 at the end of the file, -1 on an error.
 * A read after a jump, when nothing was read from the window before beyond its
 * first 4 KiB (the header of a large entry, whose data is read later or not at
 * all), fills 4 KiB of the window rather than all of it. */
#define ZIPLIB_SMALL_FILL 4096

static zip_int64_t fd_read(struct fd_source *s, unsigned char *out, zip_uint64_t n)
{
	zip_uint64_t got = 0;

	if (s->pos >= s->size)
		return 0;
	if (n > s->size - s->pos)
		n = s->size - s->pos;
	if (n > ZIP_INT64_MAX)
		n = ZIP_INT64_MAX;
	while (got < n) {
		zip_uint64_t at = s->pos + got, want = n - got;
		ssize_t k;
		if (at >= s->win_at && at < s->win_at + s->win_len) {
			size_t take = (size_t)(s->win_at + s->win_len - at < want ? s->win_at + s->win_len - at : want);
			memcpy(out + got, s->win + (at - s->win_at), take);
			got += take;
			if (at + take - s->win_at > s->reach)
				s->reach = (size_t)(at + take - s->win_at);
			continue;
		}
		if (want >= ZIPLIB_WINDOW) {
			k = pread(s->fd, out + got, (size_t)(want < SSIZE_MAX ? want : SSIZE_MAX), (off_t)at);
		} else {
			size_t fill = s->reach <= ZIPLIB_SMALL_FILL && s->win_len && at != s->win_at + s->win_len ?
				      ZIPLIB_SMALL_FILL : sizeof(s->win);
			k = pread(s->fd, s->win, fill, (off_t)at);
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			zl.error_set(&s->error, ZIP_ER_READ, errno);
			return -1;
		}
		if (k == 0) /* shorter than it was: libzip finds the entry cut */
			break;
		if (want >= ZIPLIB_WINDOW) {
			got += (zip_uint64_t)k;
		} else {
			s->win_at = at;
			s->win_len = (size_t)k;
			s->reach = 0;
		}
	}
	s->pos += got;
	return (zip_int64_t)got;
}

static zip_int64_t fd_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct fd_source *s = ud;
	zip_int64_t to;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		s->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		return fd_read(s, data, len);
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		if (len < sizeof(*st)) {
			zl.error_set(&s->error, ZIP_ER_INVAL, 0);
			return -1;
		}
		zl.stat_init(st);
		st->size = s->size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zl.error_to_data(&s->error, data, len);
	case ZIP_SOURCE_FREE:
		zl.error_fini(&s->error);
		free(s);
		return 0;
	case ZIP_SOURCE_SEEK:
		to = zl.source_seek_compute_offset(s->pos, s->size, data, len, &s->error);
		if (to < 0)
			return -1;
		s->pos = (zip_uint64_t)to;
		return 0;
	case ZIP_SOURCE_TELL:
		return (zip_int64_t)s->pos;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_SEEKABLE;
	default:
		zl.error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

zip_t *ziplib_open_fd(int fd, int flags, int *zerr)
{
	struct fd_source *s;
	struct stat st;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	*zerr = ZIP_ER_OPEN;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return NULL;
	*zerr = ZIP_ER_MEMORY;
	if (!(s = malloc(sizeof(*s))))
		return NULL;
	s->fd = fd;
	s->size = (zip_uint64_t)st.st_size;
	s->pos = s->win_at = 0;
	s->win_len = 0;
	s->reach = 0;
	zl.error_init(&s->error);
	zl.error_init(&ze);
	if (!(src = zl.source_function_create(fd_source, s, &ze))) {
		zl.error_fini(&s->error);
		free(s);
		zl.error_fini(&ze);
		return NULL;
	}
	/* on success the archive owns src (and frees s through ZIP_SOURCE_FREE) */
	if (!(za = zl.open_from_source(src, flags, &ze))) {
		*zerr = zl.error_code_zip(&ze);
		zl.source_free(src);
	}
	zl.error_fini(&ze);
	return za;
}
