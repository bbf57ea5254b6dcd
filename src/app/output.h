/* output.h: where `kiosk run` draws its frames and how they reach the screen: the
 * window, the renderer app_draw draws with, and the present of a frame. One struct
 * out per window; run.c owns it. */
#ifndef KIOSK_OUTPUT_H
#define KIOSK_OUTPUT_H

#include <SDL2/SDL.h>
#include <stddef.h>

struct err;
struct frame_record;

/* Pixels being made present (populate_run). */
struct populate {
	void *pixels;
	size_t bytes;
};

/* Where frames are drawn. `draw` is what app_draw gets.
 * - With a GPU, draw is the window's own renderer (`present` too).
 * - With a window framebuffer (X11, offscreen) and no GPU, draw is SDL's software
 *   renderer on that framebuffer, `fb` (the window's surface, which the window
 *   owns), and a frame is shown with SDL_UpdateWindowSurfaceRects: only the
 *   rectangles that changed go to the display server (a window renderer would
 *   send the whole window each frame). `present` is NULL.
 * - SDL's Wayland and kmsdrm drivers have no window framebuffer: then draw is SDL's
 *   software renderer on `surf`, and each frame is copied into the streaming
 *   texture `tex` of `present`, whatever renderer the window offers (one texture
 *   upload and one copy a frame). */
struct out {
	SDL_Window *win;
	SDL_Renderer *draw, *present;
	SDL_Surface *surf, *fb;
	SDL_Texture *tex;
	SDL_Thread *populating; /* populate_run on pop, or NULL */
	struct populate pop;
	char how[160];
};

/* 1 when d (SDL_GetCurrentVideoDriver, or NULL) is a driver a kiosk can be seen on:
 * x11, wayland, kmsdrm, or offscreen when SDL_VIDEODRIVER asked for it; else 0. */
int out_driver_allowed(const char *d);

/* Sets up o->win (made here when NULL, or remade: a GL renderer that is a software
 * rasteriser is dropped with its window) for drawing: o->draw, o->present, o->fb or
 * o->surf and o->how, as described at struct out. x, y, w, h and flags are
 * SDL_CreateWindow's (pixels). $KIOSK_RENDERER=software keeps off the GPU. 0, or -1
 * with e (ERR_IO) when no window or renderer can be had; out_release then frees
 * what was made. */
int out_open(struct out *o, const char *title, int x, int y, int w, int h, Uint32 flags, struct err *e);

/* 1 when the window's new size (w x h pixels, from out_size) needs a new drawing
 * surface: always with a window framebuffer (SDL makes a new one and frees the old
 * at a resize), with `surf` when its size differs; else 0. */
int out_needs_renew(const struct out *o, int w, int h);

/* The new drawing surface and renderer of out_needs_renew: o->draw changes, and
 * what holds the old one (the text engine, the image cache) lets go of it first.
 * 0, or -1 with e (ERR_IO). */
int out_renew(struct out *o, int w, int h, struct err *e);

/* Frees what out_open made (the window too) and clears o. */
void out_release(struct out *o);

/* 1 when what draw draws stays from one frame to the next, so that a frame need
 * only be drawn where it changed: SDL's software renderer on the window's
 * framebuffer (fb) or on surf. A GPU renderer's back buffer is undefined after a
 * present (SDL_RenderPresent): frames are drawn whole there. */
int out_keeps_pixels(const struct out *o);

/* The surface draw is a software renderer on (text is blended into it), or NULL;
 * owned by o (fb by the window). */
SDL_Surface *out_target(const struct out *o);

/* Show the frame app_draw drew; f says where it changed (nowhere: nothing to do,
 * and through a streaming texture only the changed rectangles are uploaded). */
void out_present(struct out *o, const struct frame_record *f);

/* The drawing size in pixels (the renderer's output, or the window's in pixels). */
void out_size(struct out *o, int *w, int *h);

#endif
