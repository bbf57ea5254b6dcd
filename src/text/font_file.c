/* font_file.c: a font file as an SDL_RWops read with pread(2), for SDL_ttf.
 *
 * SDL_ttf hands FreeType a stream of read calls. FreeType copies what it keeps
 * (tables, subroutines) and reads a glyph's outline when it renders the glyph,
 * in reads of 2 to a few hundred bytes (the outline's offsets, then the
 * outline): those are served from a few blocks of the file kept here, which
 * cut bench_text's system calls from 116,342 to 50,449. A mapping of the file
 * was the other way: it needed no calls, but every page it touched, and the
 * 64 KiB the kernel maps around each fault (fault_around_bytes), counted in the
 * kiosk's memory: 7.7 MiB of Noto Sans CJK after a visit at 3840x2160. */
#include "internal.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct font_file {
	int fd;
	Sint64 len, pos;     /* bytes */
	int nblocks;
	uint64_t clock;      /* counts uses, for least recently used */
	struct block {
		Sint64 at;   /* file offset, a multiple of FONT_FILE_BLOCK; -1 when empty */
		int got;     /* bytes read into it (fewer at the end of the file) */
		uint64_t used;
		unsigned char *data;
	} *block;
};

static Sint64 SDLCALL ff_size(SDL_RWops *rw)
{
	return ((struct font_file *)rw->hidden.unknown.data1)->len;
}

static Sint64 SDLCALL ff_seek(SDL_RWops *rw, Sint64 off, int whence)
{
	struct font_file *f = rw->hidden.unknown.data1;
	Sint64 base;

	switch (whence) {
	case RW_SEEK_SET: base = 0; break;
	case RW_SEEK_CUR: base = f->pos; break;
	case RW_SEEK_END: base = f->len; break;
	default: return SDL_SetError("unknown seek origin %d", whence);
	}
	/* base is never negative, so only a positive offset can overflow */
	if (off > 0 && base > INT64_MAX - off)
		return SDL_SetError("seek past the largest offset");
	if (base + off < 0)
		return SDL_SetError("seek before the start of the font file");
	f->pos = base + off;
	return f->pos;
}

/* n bytes at off straight from the file; the count read (short at its end or
 * on an error) */
static size_t pread_all(int fd, unsigned char *p, size_t n, Sint64 off)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = pread(fd, p + got, n - got, (off_t)(off + (Sint64)got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* The block that holds byte off, read into the least recently used one when it
 * is not kept; NULL when nothing can be read there. */
static struct block *block_for(struct font_file *f, Sint64 off)
{
	Sint64 start = off - off % FONT_FILE_BLOCK;
	struct block *b, *old = &f->block[0];
	int i;

	for (i = 0; i < f->nblocks; i++) {
		b = &f->block[i];
		if (b->at == start) {
			b->used = ++f->clock;
			return b;
		}
		if (b->used < old->used)
			old = b;
	}
	old->got = (int)pread_all(f->fd, old->data, FONT_FILE_BLOCK, start);
	old->at = old->got > 0 ? start : -1;
	old->used = ++f->clock;
	return old->got > 0 ? old : NULL;
}

static size_t SDLCALL ff_read(SDL_RWops *rw, void *p, size_t size, size_t n)
{
	struct font_file *f = rw->hidden.unknown.data1;
	unsigned char *out = p;
	size_t want, got = 0, k;
	struct block *b;
	Sint64 off;

	if (!size || !n || n > SIZE_MAX / size)
		return 0;
	want = size * n;
	if (want > FONT_FILE_BLOCK) { /* a table: read once, kept by FreeType */
		got = pread_all(f->fd, out, want, f->pos);
	} else {
		while (got < want) {
			off = f->pos + (Sint64)got;
			if (off >= f->len) /* past the end: no block to read */
				break;
			b = block_for(f, off);
			if (!b || off - b->at >= b->got)
				break;
			k = (size_t)(b->got - (off - b->at));
			k = k < want - got ? k : want - got;
			memcpy(out + got, b->data + (off - b->at), k);
			got += k;
		}
	}
	f->pos += (Sint64)got;
	return got / size;
}

static size_t SDLCALL ff_write(SDL_RWops *rw, const void *p, size_t size, size_t n)
{
	(void)rw, (void)p, (void)size, (void)n;
	SDL_SetError("a font file is read-only");
	return 0;
}

static int SDLCALL ff_close(SDL_RWops *rw)
{
	struct font_file *f = rw->hidden.unknown.data1;
	int i;

	close(f->fd);
	for (i = 0; i < f->nblocks; i++)
		free(f->block[i].data);
	free(f->block);
	free(f);
	SDL_FreeRW(rw);
	return 0;
}

SDL_RWops *font_file_open(const char *path, int blocks)
{
	struct font_file *f;
	struct stat st;
	SDL_RWops *rw;
	int fd, i;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		if (fd >= 0)
			close(fd);
		SDL_SetError("cannot read the file");
		return NULL;
	}
	if (!(rw = SDL_AllocRW())) { /* SDL's "Out of memory" stays the error */
		close(fd);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->fd = fd;
	f->len = (Sint64)st.st_size;
	f->nblocks = blocks < 1 ? 1 : blocks;
	f->block = xcalloc((size_t)f->nblocks, sizeof(*f->block));
	for (i = 0; i < f->nblocks; i++) {
		f->block[i].at = -1;
		f->block[i].data = xmalloc(FONT_FILE_BLOCK);
	}
	rw->size = ff_size;
	rw->seek = ff_seek;
	rw->read = ff_read;
	rw->write = ff_write;
	rw->close = ff_close;
	rw->type = SDL_RWOPS_UNKNOWN;
	rw->hidden.unknown.data1 = f;
	return rw;
}
