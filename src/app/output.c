/* output.c: where the kiosk's frames are drawn and how they reach the screen (see
 * output.h). */
#include "output.h"
#include "core/err.h"
#include "ui/scene.h"

#include <SDL2/SDL.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The drivers a kiosk runs on: a Wayland compositor (cage), X11, the Linux console
 * (kmsdrm), and SDL's offscreen driver when SDL_VIDEODRIVER names it (tests). Anything
 * else, such as the offscreen driver SDL 2.26 falls back to when no display answers,
 * would run unseen: a service would look healthy and show a black screen. */
static const char *const drivers[] = { "x11", "wayland", "kmsdrm", "offscreen" };

int out_driver_allowed(const char *d)
{
	const char *asked = getenv("SDL_VIDEODRIVER");

	/* SDL falls back to offscreen by itself when no display answers */
	if (d && !strcmp(d, "offscreen") && (!asked || strcmp(asked, "offscreen")))
		return 0;
	for (size_t i = 0; d && i < sizeof(drivers) / sizeof(*drivers); i++)
		if (!strcmp(d, drivers[i]))
			return 1;
	return 0;
}

/* 1 when a GL renderer would be a software rasteriser (llvmpipe, softpipe, swrast):
 * SDL's own software renderer is faster and smaller than those. */
static int gl_is_software(SDL_Renderer *r)
{
	SDL_RendererInfo info;
	const unsigned char *(*get)(unsigned int);
	const char *name;

	if (SDL_GetRendererInfo(r, &info) < 0 || strncmp(info.name, "opengl", 6))
		return 0;
	get = (const unsigned char *(*)(unsigned int))SDL_GL_GetProcAddress("glGetString");
	if (!get)
		return 0;
	name = (const char *)get(0x1F01 /* GL_RENDERER */);
	return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") || strstr(name, "swrast"));
}

static int has_gpu(void)
{
	glob_t g;
	int n;

	if (glob("/dev/dri/renderD*", 0, NULL, &g) != 0)
		return 0;
	n = (int)g.gl_pathc;
	globfree(&g);
	return n > 0;
}

/* The bytes made present per madvise call (a multiple of any page size) */
#define POPULATE_PIECE ((uintptr_t)256 * 1024)

/* The pages of a frame's pixels (w x h x 4 bytes), made present (madvise) before
 * the first frame writes them: the window's framebuffer is new memory (on X11 a
 * shared memory segment), and filling 1920x1080 pixels page fault by page fault
 * took 10-14 ms of a 70 ms start under `make bench`, MADV_POPULATE_WRITE (Linux
 * 5.14, madvise(2)) 6-9 ms, and that on another thread while the first screen is
 * laid out. It only makes pages present, never writes them: drawing may go on
 * meanwhile. Older kernels refuse it (EINVAL): the pages then come as written. */
static int populate_run(void *arg)
{
#ifdef MADV_POPULATE_WRITE
	struct populate *p = arg;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), start = (uintptr_t)p->pixels & ~(page - 1);
	uintptr_t end = (uintptr_t)p->pixels + p->bytes;

	/* a piece at a time: madvise holds the process's mmap lock while it faults a
	 * range in, and every brk or mmap of the drawing thread (a malloc that grows
	 * the heap) waits for it. In one call of 8 MiB that wait was 3-4 ms of a
	 * start on one core (`perf sched timehist`: the main thread in D state in brk) */
	for (uintptr_t at = start; at < end; at += POPULATE_PIECE)
		if (madvise((void *)at, end - at < POPULATE_PIECE ? end - at : POPULATE_PIECE, MADV_POPULATE_WRITE) < 0)
			break;
#else
	(void)arg;
#endif
	return 0;
}

/* The thread that populates the pixels out draws on, done: before SDL may free them. */
static void populate_wait(struct out *o)
{
	if (o->populating) {
		SDL_WaitThread(o->populating, NULL);
		o->populating = NULL;
	}
}

static void populate(struct out *o, SDL_Surface *s)
{
	populate_wait(o);
	if (!s || !s->pixels)
		return;
	o->pop = (struct populate){ s->pixels, (size_t)s->pitch * (size_t)s->h };
	o->populating = SDL_CreateThread(populate_run, "kiosk-pages", &o->pop);
	if (!o->populating)
		populate_run(&o->pop);
}

/* Draw on the window's framebuffer as it is now (at the start, and after a resize,
 * which gives the window a new one). */
static int fb_renderer(struct out *o, struct err *e)
{
	if (o->draw)
		SDL_DestroyRenderer(o->draw);
	populate_wait(o); /* SDL frees the old framebuffer when it makes a new one */
	o->fb = SDL_GetWindowSurface(o->win);
	populate(o, o->fb);
	o->draw = o->fb ? SDL_CreateSoftwareRenderer(o->fb) : NULL;
	if (!o->draw)
		return fail(e, ERR_IO, "cannot draw in the window's framebuffer: %s", SDL_GetError());
	return 0;
}

static int blit_size(struct out *o, int w, int h, struct err *e)
{
	if (o->draw)
		SDL_DestroyRenderer(o->draw);
	o->draw = NULL;
	if (o->tex)
		SDL_DestroyTexture(o->tex);
	populate_wait(o);
	SDL_FreeSurface(o->surf);
	o->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	populate(o, o->surf);
	o->tex = SDL_CreateTexture(o->present, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
	o->draw = o->surf && o->tex ? SDL_CreateSoftwareRenderer(o->surf) : NULL;
	if (!o->draw)
		return fail(e, ERR_IO, "cannot draw %dx%d pixels: %s", w, h, SDL_GetError());
	return 0;
}

void out_release(struct out *o)
{
	populate_wait(o);
	if (o->draw && o->draw != o->present)
		SDL_DestroyRenderer(o->draw); /* fb is the window's */
	if (o->tex)
		SDL_DestroyTexture(o->tex);
	if (o->present)
		SDL_DestroyRenderer(o->present);
	SDL_FreeSurface(o->surf);
	if (o->win)
		SDL_DestroyWindow(o->win);
	memset(o, 0, sizeof(*o));
}

int out_keeps_pixels(const struct out *o)
{
	return o->surf || o->fb;
}

SDL_Surface *out_target(const struct out *o)
{
	return o->fb ? o->fb : o->surf;
}

void out_present(struct out *o, const struct frame_record *f)
{
	if (f->ndamage == 0)
		return;
	if (o->fb) {
		SDL_Rect q[FRAME_DAMAGE_MAX];
		SDL_RenderFlush(o->draw);
		if (f->ndamage < 0) {
			SDL_UpdateWindowSurface(o->win);
			return;
		}
		for (int i = 0; i < f->ndamage; i++)
			q[i] = (SDL_Rect){ f->damage[i].x, f->damage[i].y, f->damage[i].w, f->damage[i].h };
		SDL_UpdateWindowSurfaceRects(o->win, q, f->ndamage);
		return;
	}
	if (o->surf) {
		if (f->ndamage < 0) {
			SDL_UpdateTexture(o->tex, NULL, o->surf->pixels, o->surf->pitch);
		} else {
			for (int i = 0; i < f->ndamage; i++) {
				SDL_Rect q = { f->damage[i].x, f->damage[i].y, f->damage[i].w, f->damage[i].h };
				SDL_UpdateTexture(o->tex, &q, (const Uint8 *)o->surf->pixels + (size_t)q.y * o->surf->pitch +
							       (size_t)q.x * 4, o->surf->pitch);
			}
		}
		SDL_RenderCopy(o->present, o->tex, NULL, NULL);
	}
	SDL_RenderPresent(o->present);
}

void out_size(struct out *o, int *w, int *h)
{
	if (o->present)
		SDL_GetRendererOutputSize(o->present, w, h);
	else
		SDL_GetWindowSizeInPixels(o->win, w, h);
}

int out_open(struct out *o, const char *title, int x, int y, int w, int h, Uint32 flags, struct err *e)
{
	const char *want = getenv("KIOSK_RENDERER"), *driver = SDL_GetCurrentVideoDriver();
	SDL_RendererInfo info;
	int native_fb = strcmp(driver, "wayland") && strcmp(driver, "kmsdrm"), soft_gl = 0;

	if ((!want || strcmp(want, "software")) && has_gpu()) {
		o->present = SDL_CreateRenderer(o->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
		soft_gl = o->present && gl_is_software(o->present);
		if (soft_gl && native_fb) {
			SDL_DestroyRenderer(o->present);
			o->present = NULL;
			SDL_DestroyWindow(o->win);
			o->win = NULL;
		}
	}
	if (!o->present && native_fb) {
		/* straight to the window's framebuffer, not through a GL texture */
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
		if (!o->win)
			o->win = SDL_CreateWindow(title, x, y, w, h, flags);
		if (!o->win)
			return fail(e, ERR_IO, "cannot open a window: %s", SDL_GetError());
		if (fb_renderer(o, e) < 0)
			return -1;
		snprintf(o->how, sizeof(o->how), "software");
		return 0;
	}
	if (o->present && !soft_gl) {
		o->draw = o->present;
	} else if (!native_fb) {
		/* no window framebuffer: draw in software, show through a streaming texture */
		for (int i = 0; !o->present && i < SDL_GetNumRenderDrivers(); i++)
			if (SDL_GetRenderDriverInfo(i, &info) == 0 && strcmp(info.name, "software"))
				o->present = SDL_CreateRenderer(o->win, i, SDL_RENDERER_PRESENTVSYNC);
		if (!o->present)
			return fail(e, ERR_IO, "cannot draw in the window: no renderer on the %s driver: %s", driver,
				    SDL_GetError());
		out_size(o, &w, &h);
		if (blit_size(o, w, h, e) < 0)
			return -1;
	}
	if (!o->present)
		return fail(e, ERR_IO, "cannot draw in the window: %s", SDL_GetError());
	SDL_GetRendererInfo(o->present, &info);
	snprintf(o->how, sizeof(o->how), "%s%s", o->surf ? "software into a streaming texture of " : "",
		 info.name);
	return 0;
}

int out_needs_renew(const struct out *o, int w, int h)
{
	return o->fb || (o->surf && (o->surf->w != w || o->surf->h != h));
}

int out_renew(struct out *o, int w, int h, struct err *e)
{
	if (o->fb)
		return fb_renderer(o, e);
	if (o->surf)
		return blit_size(o, w, h, e);
	return 0;
}
