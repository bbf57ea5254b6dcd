/* image_cache.c: pictures decoded off the main thread (image_worker.c) and kept
 * within a budget of bytes, most recently used last out; textures, or surfaces
 * blitted into a software renderer's target. */
#include "image_cache.h"
#include "image_cache_internal.h"
#include "core/log.h"
#include "core/xalloc.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the main thread's table ---- */

/* Without max_side: every size of one image shares a chain, so that a broken image
 * is found broken at any size without another decode or log line. */
static uint32_t hash_key(const char *zip, const char *name)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)zip; *p; p++)
		h = (h ^ *p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static struct entry *find(struct image_cache *c, const char *zip, const char *name, int max_side, int fit_h,
			  uint32_t h)
{
	for (struct entry *e = c->tab[h & (c->ntab - 1)]; e; e = e->hnext)
		if (e->hash == h && e->max_side == max_side && e->fit_h == fit_h && !strcmp(e->name, name) && !strcmp(e->zip, zip))
			return e;
	return NULL;
}

static void table_insert(struct image_cache *c, struct entry *e)
{
	if (c->nent >= c->ntab) {
		size_t n = c->ntab * 2;
		struct entry **tab = xcalloc(n, sizeof(*tab));
		for (size_t i = 0; i < c->ntab; i++) {
			struct entry *x = c->tab[i], *next;
			for (; x; x = next) {
				next = x->hnext;
				x->hnext = tab[x->hash & (n - 1)];
				tab[x->hash & (n - 1)] = x;
			}
		}
		free(c->tab);
		c->tab = tab;
		c->ntab = n;
	}
	e->hnext = c->tab[e->hash & (c->ntab - 1)];
	c->tab[e->hash & (c->ntab - 1)] = e;
	c->nent++;
}

static void lru_unlink(struct image_cache *c, struct entry *e)
{
	if (e->lprev)
		e->lprev->lnext = e->lnext;
	else
		c->lru_head = e->lnext;
	if (e->lnext)
		e->lnext->lprev = e->lprev;
	else
		c->lru_tail = e->lprev;
	e->lprev = e->lnext = NULL;
}

static void lru_push(struct image_cache *c, struct entry *e)
{
	e->lprev = NULL;
	e->lnext = c->lru_head;
	if (c->lru_head)
		c->lru_head->lprev = e;
	else
		c->lru_tail = e;
	c->lru_head = e;
}

/* A picture's pixels the cache is done with. The last of them is kept as the
 * worker's spare: in the attract loop every slide of one shape is shown at one
 * size, and the next slide is written into pixels already in memory rather than
 * into fresh pages, which the kernel must fault in and clear one by one (600 for a
 * slide at 1038x584; a fifth of the attract loop's CPU on a virtual machine, where
 * a page fault is dear). The older spare is freed. */
static void retire(struct image_cache *c, SDL_Surface *s)
{
	SDL_Surface *old = s;

	if (s && s->format->format == SDL_PIXELFORMAT_ARGB8888 && !SDL_HasColorKey(s) && !SDL_MUSTLOCK(s) &&
	    !(s->flags & SDL_PREALLOC) && c->thread) {
		/* Blitted into the target, the surface's blit map is listed in the
		 * target's, and freeing it (the worker frees a spare it cannot use) takes
		 * it out of that list: on the worker, while this thread blits into the
		 * target, the list broke and the kiosk crashed (in SDL_InvalidateMap).
		 * A change of its blit flags makes SDL drop the map here and now
		 * (SDL_SetSurfaceRLE calls SDL_InvalidateMap when the flags change); the
		 * second call puts the flags back. */
		SDL_SetSurfaceRLE(s, 1);
		SDL_SetSurfaceRLE(s, 0);
		SDL_LockMutex(c->lock);
		old = c->spare;
		c->spare = s;
		SDL_UnlockMutex(c->lock);
	}
	SDL_FreeSurface(old);
}

/* The bytes the spare holds (they count against the budget). */
static size_t spare_bytes(struct image_cache *c)
{
	size_t n;

	SDL_LockMutex(c->lock);
	n = c->spare ? (size_t)c->spare->pitch * (size_t)c->spare->h : 0;
	SDL_UnlockMutex(c->lock);
	return n;
}

/* Take e out of the table and free it; e must not be LOADING. The texture is
 * destroyed when `destroy`, else only forgotten (its renderer frees it); a surface
 * is retired (the spare). */
static void drop(struct image_cache *c, struct entry *e, int destroy)
{
	struct entry **p = &c->tab[e->hash & (c->ntab - 1)];

	while (*p != e)
		p = &(*p)->hnext;
	*p = e->hnext;
	c->nent--;
	if (e->state == IMAGE_BROKEN && e->retry_at)
		c->ntransient--;
	if (e->state == IMAGE_READY) {
		lru_unlink(c, e);
		if (e->surf)
			retire(c, e->surf);
		else if (destroy)
			SDL_DestroyTexture(e->tex);
		c->bytes -= e->bytes;
	}
	free(e->zip);
	free(e->name);
	free(e);
}

/* With zip NULL, drop what depends on the renderer: every READY entry (but those
 * kept as surfaces when keep_surfaces) and those BROKEN for want of a texture. Else
 * drop every READY or BROKEN entry of that zip. */
static void drop_where(struct image_cache *c, const char *zip, int destroy, int keep_surfaces)
{
	for (size_t i = 0; i < c->ntab; i++) {
		struct entry *e = c->tab[i], *next;
		for (; e; e = next) {
			next = e->hnext;
			if (e->state == IMAGE_LOADING || (zip && strcmp(e->zip, zip)))
				continue;
			if (!zip && e->state == IMAGE_BROKEN && !e->no_texture)
				continue;
			if (!zip && keep_surfaces && e->surf)
				continue;
			drop(c, e, destroy);
		}
	}
}

/* 1 when another size of the same image is known to be broken (and was logged). */
static int broken_elsewhere(struct image_cache *c, const char *zip, const char *name, uint32_t h,
			    const struct entry *self)
{
	for (const struct entry *x = c->tab[h & (c->ntab - 1)]; x; x = x->hnext)
		if (x != self && x->hash == h && x->state == IMAGE_BROKEN && !x->no_texture && !x->retry_at &&
		    !strcmp(x->name, name) && !strcmp(x->zip, zip))
			return 1;
	return 0;
}

int image_cache_new(struct image_cache **out, size_t budget_bytes, void (*wake)(void *ctx), void *ctx)
{
	struct image_cache *c = xcalloc(1, sizeof(*c));

	*out = NULL;
	c->budget = budget_bytes;
	c->wake = wake;
	c->ctx = ctx;
	c->ntab = 64;
	c->tab = xcalloc(c->ntab, sizeof(*c->tab));
	c->lock = SDL_CreateMutex();
	c->work = SDL_CreateCond();
	c->idle = SDL_CreateCond();
	if (c->lock && c->work && c->idle)
		c->thread = SDL_CreateThread(image_worker, "kiosk-images", c);
	if (!c->thread) {
		image_cache_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

static void free_jobs(struct job *j)
{
	while (j) {
		struct job *next = j->next;
		if (j->surf)
			SDL_FreeSurface(j->surf);
		free(j);
		j = next;
	}
}

void image_cache_stop(struct image_cache *c)
{
	if (!c || !c->thread)
		return;
	SDL_LockMutex(c->lock);
	c->quit = 1;
	SDL_CondSignal(c->work);
	SDL_UnlockMutex(c->lock);
	SDL_WaitThread(c->thread, NULL);
	c->thread = NULL;
}

void image_cache_free(struct image_cache *c)
{
	if (!c)
		return;
	image_cache_stop(c);
	free_jobs(c->queue);
	free_jobs(c->done);
	for (size_t i = 0; i < c->ntab; i++) {
		struct entry *e = c->tab[i], *next;
		for (; e; e = next) {
			next = e->hnext;
			if (e->state == IMAGE_READY && e->surf)
				SDL_FreeSurface(e->surf);
			else if (e->state == IMAGE_READY && c->renderer)
				SDL_DestroyTexture(e->tex);
			free(e->zip);
			free(e->name);
			free(e);
		}
	}
	free(c->tab);
	SDL_FreeSurface(c->spare);
	if (c->idle)
		SDL_DestroyCond(c->idle);
	if (c->work)
		SDL_DestroyCond(c->work);
	if (c->lock)
		SDL_DestroyMutex(c->lock);
	free(c);
}

void image_cache_set_renderer(struct image_cache *c, SDL_Renderer *r, SDL_Surface *target)
{
	SDL_RendererInfo info;
	int max_tex = 0;

	if (!target || !target->format || target->format->BytesPerPixel != 4 ||
	    (target->format->format != SDL_PIXELFORMAT_ARGB8888 && target->format->format != SDL_PIXELFORMAT_RGB888))
		target = NULL;
	if (r == c->renderer && (target == c->target || !r))
		return;
	/* surfaces belong to no renderer: they stay but for a renderer without a target */
	drop_where(c, NULL, r == NULL && c->renderer != NULL, r == NULL || target != NULL);
	c->renderer = r;
	c->target = r ? target : NULL;
	if (r && SDL_GetRendererInfo(r, &info) == 0) {
		max_tex = info.max_texture_width;
		if (info.max_texture_height > 0 && (max_tex <= 0 || info.max_texture_height < max_tex))
			max_tex = info.max_texture_height;
	}
	SDL_LockMutex(c->lock);
	c->max_tex = max_tex;
	SDL_UnlockMutex(c->lock);
}

void image_cache_forget_zip(struct image_cache *c, const char *zip_path)
{
	drop_where(c, zip_path, 1, 0);
	SDL_LockMutex(c->lock);
	c->zip_gen++;
	SDL_CondSignal(c->work);
	SDL_UnlockMutex(c->lock);
}

/* Make e LOADING and queue its job, newest first. */
static void request(struct image_cache *c, struct entry *e)
{
	struct job *j = xcalloc(1, sizeof(*j));

	e->state = IMAGE_LOADING;
	e->job = j;
	j->owner = e;
	j->zip = e->zip;
	j->name = e->name;
	j->max_side = e->max_side;
	j->fit_h = e->fit_h;
	SDL_LockMutex(c->lock);
	j->queued = 1;
	j->next = c->queue;
	if (c->queue)
		c->queue->prev = j;
	c->queue = j;
	SDL_CondSignal(c->work);
	SDL_UnlockMutex(c->lock);
}

/* The READY entry of the image, or NULL (see image_cache_get). */
static struct entry *lookup(struct image_cache *c, const char *zip_path, const char *entry, int max_side,
			    int fit_h, int ahead, int *state, int *w, int *h)
{
	struct entry *e;
	uint32_t hash;
	int st_, w_, h_;

	if (!state)
		state = &st_;
	if (!w)
		w = &w_;
	if (!h)
		h = &h_;
	*w = *h = 0;
	if (!zip_path || !entry) {
		*state = IMAGE_BROKEN;
		return NULL;
	}
	if (max_side < 0)
		max_side = 0;
	if (fit_h < 0 || !max_side)
		fit_h = 0;
	if (c->pumped) {
		c->frame++;
		c->pumped = 0;
	}
	hash = hash_key(zip_path, entry);
	e = find(c, zip_path, entry, max_side, fit_h, hash);
	if (!e) {
		e = xcalloc(1, sizeof(*e));
		e->zip = xstrdup(zip_path);
		e->name = xstrdup(entry);
		e->max_side = max_side;
		e->fit_h = fit_h;
		e->hash = hash;
		e->state = IMAGE_BROKEN;
		e->ahead = ahead;
		if (!broken_elsewhere(c, zip_path, entry, hash, NULL))
			request(c, e);
		table_insert(c, e);
	} else if (!ahead) {
		e->ahead = 0;
	}
	if (e->state == IMAGE_LOADING && !ahead) {
		/* asked for again while waiting: it is on screen now, so decode it next */
		struct job *j = e->job;
		SDL_LockMutex(c->lock);
		if (j->queued && c->queue != j) {
			j->prev->next = j->next;
			if (j->next)
				j->next->prev = j->prev;
			j->prev = NULL;
			j->next = c->queue;
			c->queue->prev = j;
			c->queue = j;
		}
		SDL_UnlockMutex(c->lock);
	}
	if (e->state == IMAGE_BROKEN && e->retry_at) {
		if ((int32_t)(SDL_GetTicks() - e->retry_at) >= 0) {
			e->retry_at = 0;
			c->ntransient--;
			request(c, e);
		}
		e->frame = c->frame;
		*state = IMAGE_LOADING;
		return NULL;
	}
	e->frame = c->frame;
	*state = e->state;
	if (e->state != IMAGE_READY)
		return NULL;
	if (c->lru_head != e) {
		lru_unlink(c, e);
		lru_push(c, e);
	}
	*w = e->w;
	*h = e->h;
	return e;
}

static void log_broken(const struct entry *e, const char *why)
{
	log_line(LOG_LEVEL_WARNING, "image: %s:%s: %s", e->zip, e->name, why);
}

/* An image that could not be had for want of memory: shown as loading, and asked
 * for again after a pause, when the screen still shows it. Logged once an episode. */
static void short_of_memory(struct image_cache *c, struct entry *e, const char *why)
{
	e->state = IMAGE_BROKEN;
	e->retry_at = SDL_GetTicks() + IMAGE_RETRY_MS;
	if (!e->retry_at)
		e->retry_at = 1;
	if (!c->ntransient++ || (int32_t)(e->retry_at - c->next_retry) < 0)
		c->next_retry = e->retry_at;
	if (!c->short_logged) {
		log_line(LOG_LEVEL_WARNING, "image: %s:%s: %s; shown as loading and tried again in %d s", e->zip,
			 e->name, why, IMAGE_RETRY_MS / 1000);
		c->short_logged = 1;
	}
}

/* A finished job: a texture, or a broken mark. 1 when the entry changed state. */
/* e has its texture or surface: READY, counted, most recently used. */
static int ready(struct image_cache *c, struct entry *e)
{
	if (e->surf) {
		e->w = e->surf->w;
		e->h = e->surf->h;
	}
	e->state = IMAGE_READY;
	c->short_logged = 0;
	e->bytes = (size_t)e->w * (size_t)e->h * 4;
	e->frame = c->frame;
	c->bytes += e->bytes;
	lru_push(c, e);
	return !e->ahead;
}

static int finish(struct image_cache *c, struct job *j)
{
	struct entry *e = j->owner;
	SDL_Texture *tex;

	e->job = NULL;
	if (!j->surf && j->err.code == ERR_NOMEM) {
		short_of_memory(c, e, j->err.msg);
		return 0; /* still shown as loading */
	}
	if (!j->surf) {
		e->state = IMAGE_BROKEN;
		if (!broken_elsewhere(c, e->zip, e->name, e->hash, e))
			log_broken(e, j->err.msg);
		return !e->ahead;
	}
	if (c->target) {
		/* drawn by blitting it into the target: the decoded picture is kept as it
		 * is, with no texture copy of it */
		SDL_SetSurfaceBlendMode(j->surf, j->opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
		if (e->fit_h > 0)
			c->fit_bytes = (size_t)j->surf->pitch * (size_t)j->surf->h;
		e->surf = j->surf;
		j->surf = NULL;
		e->tex = NULL;
		return ready(c, e);
	}
	SDL_ClearError();
	tex = SDL_CreateTextureFromSurface(c->renderer, j->surf);
	if (!tex) {
		char why[1100];
		snprintf(why, sizeof(why), "cannot make a %dx%d texture: %s", j->surf->w, j->surf->h,
			 SDL_GetError());
		if (image_out_of_memory()) {
			short_of_memory(c, e, why);
			return 0;
		}
		e->state = IMAGE_BROKEN;
		e->no_texture = 1;
		log_broken(e, why);
		return 1;
	}
	SDL_SetTextureBlendMode(tex, j->opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	e->tex = tex;
	e->surf = NULL;
	e->w = j->surf->w;
	e->h = j->surf->h;
	return ready(c, e);
}

SDL_Texture *image_cache_get(struct image_cache *c, const char *zip_path, const char *entry,
			     int max_side, int *state, int *w, int *h)
{
	struct entry *e = lookup(c, zip_path, entry, max_side, 0, 0, state, w, h);
	return e ? e->tex : NULL;
}

SDL_Texture *image_cache_get_fit(struct image_cache *c, const char *zip_path, const char *entry, int box_w,
				 int box_h, int *state, int *w, int *h)
{
	struct entry *e = lookup(c, zip_path, entry, box_w, box_h, 0, state, w, h);
	return e ? e->tex : NULL;
}

int image_cache_px(struct image_cache *c, const char *zip_path, const char *entry, int max_side, int fit_h,
		   int *state, struct image_px *px)
{
	struct entry *e = lookup(c, zip_path, entry, max_side, fit_h, 0, state, &px->w, &px->h);

	px->tex = e ? e->tex : NULL;
	px->surf = e ? e->surf : NULL;
	return e != NULL && px->w > 0 && px->h > 0;
}

/* An opaque ARGB8888 picture's pixels are also pixels of a target whose format
 * is 32 bits of the same red, green and blue with no alpha (XRGB8888, an X11
 * window's framebuffer at depth 24): the picture seen in the target's format, a
 * surface that does not own the pixels, which SDL then copies a row at a time
 * (SDL_BlitCopy) where it would otherwise convert each pixel (Blit4to4MaskAlpha,
 * about five times the instructions: the attract loop's largest blit). NULL when
 * the formats already match or cannot be matched so; the caller frees it. */
static SDL_Surface *same_format(SDL_Surface *pic, const SDL_Surface *target)
{
	const SDL_PixelFormat *t = target->format;
	SDL_BlendMode mode;
	SDL_Surface *same;

	if (pic->format->format != SDL_PIXELFORMAT_ARGB8888 || t->format == pic->format->format ||
	    t->BytesPerPixel != 4 || t->Amask || t->Rmask != pic->format->Rmask || t->Gmask != pic->format->Gmask ||
	    t->Bmask != pic->format->Bmask || SDL_GetSurfaceBlendMode(pic, &mode) < 0 || mode != SDL_BLENDMODE_NONE ||
	    SDL_MUSTLOCK(pic))
		return NULL;
	same = SDL_CreateRGBSurfaceWithFormatFrom(pic->pixels, pic->w, pic->h, 32, pic->pitch, t->format);
	if (same)
		SDL_SetSurfaceBlendMode(same, SDL_BLENDMODE_NONE);
	return same;
}

void image_cache_draw(struct image_cache *c, SDL_Renderer *r, const struct image_px *px, const SDL_Rect *src,
		      const SDL_Rect *dst)
{
	SDL_Rect view, clip, area, s = *src, d = *dst, whole;

	if (px->tex) {
		SDL_RenderCopy(r, px->tex, src, dst);
		return;
	}
	if (!px->surf || !c->target)
		return;
	/* what the renderer has queued goes first; then the blit clips as SDL's
	 * software renderer does: to the clip rectangle, which is the viewport's, and
	 * to the viewport */
	SDL_RenderFlush(r);
	SDL_RenderGetViewport(r, &view);
	area = view;
	if (SDL_RenderIsClipEnabled(r)) {
		SDL_RenderGetClipRect(r, &clip);
		clip.x += view.x;
		clip.y += view.y;
		if (!SDL_IntersectRect(&clip, &view, &area))
			return;
	}
	whole = (SDL_Rect){ 0, 0, c->target->w, c->target->h };
	if (!SDL_IntersectRect(&area, &whole, &area))
		return;
	d.x += view.x;
	d.y += view.y;
	SDL_SetClipRect(c->target, &area);
	if (s.w == d.w && s.h == d.h) {
		SDL_Surface *same = same_format(px->surf, c->target);
		SDL_BlitSurface(same ? same : px->surf, &s, c->target, &d);
		SDL_FreeSurface(same);
	} else {
		SDL_BlitScaled(px->surf, &s, c->target, &d);
	}
	SDL_SetClipRect(c->target, NULL);
}

void image_cache_ask_ahead(struct image_cache *c, const char *zip_path, const char *entry, int max_side,
			   int box_h)
{
	lookup(c, zip_path, entry, max_side, box_h, 1, NULL, NULL, NULL);
}

int image_cache_pump(struct image_cache *c)
{
	struct job *list, *keep = NULL, *keep_tail = NULL;
	int changed = 0;
	size_t freed = 0, spare;

	c->pumped = 1;
	SDL_LockMutex(c->lock);
	list = c->done;
	c->done = c->done_tail = NULL;
	SDL_UnlockMutex(c->lock);
	while (list) {
		struct job *j = list;
		list = j->next;
		j->next = NULL;
		if (j->surf && !c->renderer) {
			/* no renderer to make it for yet: keep it for a later pump */
			if (keep_tail)
				keep_tail->next = j;
			else
				keep = j;
			keep_tail = j;
			continue;
		}
		changed |= finish(c, j);
		if (j->surf) {
			/* made a texture of: freed, not kept as the spare, which beside the
			 * textures would be memory held for nothing but the next decode */
			freed += (size_t)j->surf->pitch * (size_t)j->surf->h;
			SDL_FreeSurface(j->surf);
		}
		free(j);
	}
	if (keep) {
		SDL_LockMutex(c->lock);
		keep_tail->next = c->done;
		if (!c->done)
			c->done_tail = keep_tail;
		c->done = keep;
		SDL_UnlockMutex(c->lock);
	}
	/* images short of memory are due again: a redraw asks for those on screen in the
	 * last frame; the others are forgotten (asked for anew if they come back) */
	if (c->ntransient && (int32_t)(SDL_GetTicks() - c->next_retry) >= 0) {
		c->next_retry = SDL_GetTicks() + IMAGE_RETRY_MS;
		for (size_t i = 0; i < c->ntab; i++) {
			struct entry *e = c->tab[i], *next;
			for (; e; e = next) {
				next = e->hnext;
				if (e->state != IMAGE_BROKEN || !e->retry_at)
					continue;
				if (e->frame == c->frame)
					changed = 1;
				else
					drop(c, e, 1);
			}
		}
	}
	/* over the budget: drop what was not asked for in the current frame, oldest first
	 * (each dropped surface becomes the spare, freeing the one before), then the
	 * spare itself */
	spare = spare_bytes(c);
	while (c->bytes + spare > c->budget && c->lru_tail && c->lru_tail->frame != c->frame) {
		freed += c->lru_tail->bytes; /* its texture, or the spare it replaces */
		drop(c, c->lru_tail, 1);
		spare = spare_bytes(c);
	}
	/* a spare ready for the next picture fitted into a box (the attract loop's next
	 * slide): when one more like the last would not fit, the least recently used
	 * goes now, into the spare, rather than after that picture came in new pages */
	if (!spare && c->fit_bytes && c->bytes + c->fit_bytes > c->budget && c->lru_tail &&
	    c->lru_tail->frame != c->frame && c->lru_tail->surf) {
		freed += c->lru_tail->bytes;
		drop(c, c->lru_tail, 1);
		spare = spare_bytes(c);
	}
	if (spare && c->bytes + spare > c->budget) {
		SDL_Surface *s;
		SDL_LockMutex(c->lock);
		s = c->spare;
		c->spare = NULL;
		SDL_UnlockMutex(c->lock);
		SDL_FreeSurface(s);
		freed += spare;
	}
#ifdef __GLIBC__
	/* decoded pictures and textures are megabytes each, freed from the middle of
	 * the heap (or the worker's arena), where glibc keeps them: give the pages
	 * back, so that memory follows the budget rather than the visit's high mark */
	if (freed >= (1u << 20))
		malloc_trim(0);
#endif
	return changed;
}

void image_cache_hold(struct image_cache *c, int hold)
{
	SDL_LockMutex(c->lock);
	c->held = hold;
	if (!hold)
		SDL_CondSignal(c->work);
	SDL_UnlockMutex(c->lock);
}

void image_cache_wait(struct image_cache *c)
{
	image_cache_hold(c, 0);
	SDL_LockMutex(c->lock);
	while ((c->queue && c->thread) || c->busy)
		SDL_CondWait(c->idle, c->lock);
	SDL_UnlockMutex(c->lock);
	image_cache_pump(c);
}

int image_cache_retry_in(const struct image_cache *c)
{
	int32_t d;

	if (!c->ntransient)
		return -1;
	d = (int32_t)(c->next_retry - SDL_GetTicks());
	return d > 0 ? d : 0;
}

void image_cache_set_budget(struct image_cache *c, size_t budget_bytes)
{
	c->budget = budget_bytes;
}

size_t image_cache_bytes(const struct image_cache *c)
{
	return c->bytes;
}
