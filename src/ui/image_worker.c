/* image_worker.c: the image cache's decoding thread (image_cache_internal.h): pack
 * zips kept open, a picture read, decoded and brought to the size it is shown at. */
#include "image_cache_internal.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "media/image.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void zip_slot_close(struct zip_slot *z)
{
	if (z->open)
		tree_close(&z->t);
	z->open = 0;
}

/* The open pack zip at path, opening it (and closing the least recently used) when
 * needed. A zip replaced on disk since it was opened is opened again. */
static struct tree *zip_get(struct image_cache *c, const char *path, struct err *e)
{
	struct zip_budget budget = ZIP_BUDGET_INSTALLED;
	struct zip_slot *z = NULL, *lru = &c->zips[0];
	struct stat st;

	for (int i = 0; i < ZIP_SLOTS; i++) {
		struct zip_slot *s = &c->zips[i];
		if (s->open && !strcmp(s->t.origin, path))
			z = s;
		if (!s->open || (lru->open && s->used < lru->used))
			lru = s;
	}
	if (stat(path, &st) < 0) {
		if (z)
			zip_slot_close(z);
		fail(e, ERR_NOTFOUND, "cannot open the pack: %s", strerror(errno));
		return NULL;
	}
	if (z && (z->dev != st.st_dev || z->ino != st.st_ino || z->size != st.st_size ||
		  z->mtime.tv_sec != st.st_mtim.tv_sec || z->mtime.tv_nsec != st.st_mtim.tv_nsec)) {
		zip_slot_close(z);
		lru = z;
		z = NULL;
	}
	if (!z) {
		zip_slot_close(lru);
		if (tree_open_installed(&lru->t, path, &budget, e) < 0) {
			err_prefix(e, "cannot open the pack");
			return NULL;
		}
		z = lru;
		z->open = 1;
		/* identify the file by what is open, in case it was replaced since the stat */
		if (fstat(z->t.fd, &st) == 0) {
			z->dev = st.st_dev;
			z->ino = st.st_ino;
			z->size = st.st_size;
			z->mtime = st.st_mtim;
		}
	}
	z->used = ++c->zip_clock;
	return &z->t;
}

/* Read, check, decode and scale one image: the whole of a job's work. `limit` is
 * the largest side wanted (0: any); *spare as for image_decode_fit. */
static SDL_Surface *load(struct image_cache *c, const struct job *j, int limit, SDL_Surface **spare,
			 int *opaque, struct err *e)
{
	struct buf data = BUF_INIT;
	const struct tree_file *f;
	SDL_Surface *s, *argb;
	struct tree *t;
	int type = image_type_of(j->name), big, known = -1, ow, oh;

	if (type == IMAGE_NONE) {
		fail(e, ERR_REFUSED, "not a PNG, JPEG or WebP file name");
		return NULL;
	}
	t = zip_get(c, j->zip, e);
	if (!t)
		return NULL;
	f = tree_find(t, j->name);
	if (!f) {
		fail(e, ERR_NOTFOUND, "not in the pack");
		return NULL;
	}
	if (tree_read(t, f, IMAGE_MAX_BYTES, &data, e) < 0) {
		buf_release(&data);
		return NULL;
	}
	/* both read the dimensions from the header and refuse before decoding */
	if (j->fit_h > 0) {
		s = image_decode_fit(data.data, data.len, type, j->max_side, j->fit_h, spare, &ow, &oh, &known, e);
	} else {
		s = image_decode(data.data, data.len, type, e);
		ow = s ? s->w : 0;
		oh = s ? s->h : 0;
	}
	buf_release(&data);
	if (!s)
		return NULL;
	if (s->format->format == SDL_PIXELFORMAT_ARGB8888 && !SDL_HasColorKey(s)) {
		argb = s; /* shrunk from a palette in ARGB already */
	} else {
		argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		SDL_FreeSurface(s);
	}
	if (!argb) {
		fail(e, ERR_IO, "cannot convert the image: %s", SDL_GetError());
		return NULL;
	}
	big = argb->w > argb->h ? argb->w : argb->h;
	if (limit > 0 && big > limit) {
		int w = (int)(((int64_t)argb->w * limit + big / 2) / big);
		int h = (int)(((int64_t)argb->h * limit + big / 2) / big);
		argb = image_scale_down(argb, w > 0 ? w : 1, h > 0 ? h : 1, e);
		known = -1;
		if (!argb)
			return NULL;
	}
	if (j->fit_h > 0 && (ow > j->max_side || oh > j->fit_h)) {
		int w, h;
		/* the shape as decoded: a halving drops an odd last row or column */
		image_box_size(ow, oh, j->max_side, j->fit_h, &w, &h);
		if (argb->w > w || argb->h > h) {
			argb = image_scale_down(argb, w, h, e);
			known = -1;
			if (!argb)
				return NULL;
		}
	}
	/* a picture shrunk from a palette was looked at as it was written */
	*opaque = known >= 0 ? known : image_opaque(argb);
	return argb;
}

/* The library that failed last on this thread ran out of memory: SDL's own message,
 * or libjpeg's. (libpng's is printed, not passed on: its failed malloc leaves errno
 * at ENOMEM, which the worker checks too.) */
int image_out_of_memory(void)
{
	const char *m = SDL_GetError();
	return strcasestr(m, "out of memory") || strcasestr(m, "insufficient memory");
}

int image_worker(void *arg)
{
	struct image_cache *c = arg;

	/* the window's thread first: on one core a decode waits for a frame or a key's
	 * answer rather than delaying it (a failure only leaves the usual priority) */
	SDL_SetThreadPriority(SDL_THREAD_PRIORITY_LOW);
	SDL_LockMutex(c->lock);
	for (;;) {
		struct job *j;
		SDL_Surface *spare = NULL;
		int limit;

		if (c->zip_gen != c->zip_seen) {
			c->zip_seen = c->zip_gen;
			for (int i = 0; i < ZIP_SLOTS; i++)
				zip_slot_close(&c->zips[i]);
		}
		if (c->quit)
			break;
		if (!c->queue || c->held) {
			SDL_CondWait(c->work, c->lock);
			continue;
		}
		j = c->queue;
		c->queue = j->next;
		if (c->queue)
			c->queue->prev = NULL;
		j->next = j->prev = NULL;
		j->queued = 0;
		c->busy = 1;
		limit = j->fit_h ? 0 : j->max_side;
		if (c->max_tex > 0 && (limit <= 0 || c->max_tex < limit))
			limit = c->max_tex;
		if (j->fit_h > 0) {
			spare = c->spare;
			c->spare = NULL;
		}
		SDL_UnlockMutex(c->lock);

		SDL_ClearError();
		errno = 0;
		j->surf = load(c, j, limit, &spare, &j->opaque, &j->err);
		if (!j->surf && (errno == ENOMEM || image_out_of_memory()))
			j->err.code = ERR_NOMEM;

		SDL_LockMutex(c->lock);
		if (spare && !c->spare) {
			c->spare = spare; /* not used: the picture failed before its decode */
			spare = NULL;
		}
		if (spare) {
			SDL_UnlockMutex(c->lock);
			SDL_FreeSurface(spare);
			SDL_LockMutex(c->lock);
		}
		if (c->done_tail)
			c->done_tail->next = j;
		else
			c->done = j;
		c->done_tail = j;
		c->busy = 0;
		SDL_CondBroadcast(c->idle);
		if (c->wake) {
			SDL_UnlockMutex(c->lock);
			c->wake(c->ctx);
			SDL_LockMutex(c->lock);
		}
	}
	SDL_UnlockMutex(c->lock);
	for (int i = 0; i < ZIP_SLOTS; i++)
		zip_slot_close(&c->zips[i]);
	return 0;
}
