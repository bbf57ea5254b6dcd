/* image_cache.h: pictures from pack zips as textures. Each image is read from its zip
 * into memory, its header checked for dimensions, and decoded by the loader of its
 * declared type on a worker thread; the main thread turns results into textures.
 * Textures are kept under a memory budget, least recently used dropped first.
 * Every function is for the main thread; only `wake` is called on the worker. */
#ifndef KIOSK_IMAGE_CACHE_H
#define KIOSK_IMAGE_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct SDL_Renderer;
struct SDL_Texture;
struct SDL_Surface;
struct SDL_Rect;
struct image_cache;

enum image_state { IMAGE_LOADING, IMAGE_READY, IMAGE_BROKEN };

/* wake: called from the worker thread when a result is ready (the app pushes an
 * SDL user event to wake its loop); may be NULL. -1 when the worker thread cannot
 * be started (SDL_GetError says why). SDL_Init is not needed.
 * budget_bytes: texture memory (w * h * 4 each) to keep. Over it, pump destroys the
 * least recently used textures not asked for in the current frame (the gets since
 * the last pump), so one screenful that does not fit is held over the budget rather
 * than decoded again every frame. Dropped images are forgotten: the next get asks
 * for them again. With a target (image_cache_set_renderer), the pixels of the
 * picture dropped last are kept, within the budget, as the spare the worker writes
 * the next picture fitted into a box of their size into (image_decode_fit): once
 * the budget is reached, each slide of the attract loop takes the pixels of one
 * dropped rather than pages the kernel must fault in and clear; and when one more
 * picture like the last fitted one would not fit, the least recently used is
 * dropped ahead, into the spare. */
int image_cache_new(struct image_cache **out, size_t budget_bytes, void (*wake)(void *ctx), void *ctx);
/* Stops and joins the worker and destroys the textures: call it while the current
 * renderer still exists (or after image_cache_set_renderer(c, NULL)). */
void image_cache_free(struct image_cache *c);
/* Stops and joins the worker, whose wake callback may push SDL events: call it
 * before SDL_Quit, which frees the event queue. Later requests stay LOADING;
 * image_cache_free is still needed. */
void image_cache_stop(struct image_cache *c);

/* The renderer textures are made for, and target: the surface r draws into when r
 * is a software renderer made with SDL_CreateSoftwareRenderer (borrowed), else
 * NULL. With a 32-bit XRGB or ARGB target, a decoded picture is kept as it is (an
 * SDL_Surface) and image_cache_draw blits it into the target, with no texture copy
 * of it: half the memory while it arrives, and no copy on the main thread. Such
 * pictures belong to no renderer: they stay when the renderer changes, but for one
 * without a target. Until a renderer is set, decoded images stay LOADING.
 * - r == NULL destroys every texture (the old renderer must still exist): call it
 *   before SDL_DestroyRenderer, or on SDL_RENDER_DEVICE_RESET, then set the new one.
 * - another renderer directly only forgets the old textures without touching them:
 *   SDL_DestroyRenderer frees them with the old renderer, so this order is safe even
 *   when the old renderer is already gone (but then no get may come in between).
 * Images are then made again from the zips on demand; images broken only because no
 * texture could be made are tried again. Textures never exceed the renderer's
 * largest texture size (larger images are scaled down to fit). */
void image_cache_set_renderer(struct image_cache *c, struct SDL_Renderer *r, struct SDL_Surface *target);

/* The pack zip at zip_path was replaced or removed: forget its textures and broken
 * marks, and have the worker close the zips it holds open (images still loading
 * finish from whichever file the worker reads). */
void image_cache_forget_zip(struct image_cache *c, const char *zip_path);

/* The image `entry` of the pack zip at `zip_path`. Returns the texture when ready,
 * else NULL with *state LOADING (asked for; call again after a wake) or BROKEN
 * (missing, damaged, too large: logged once to stderr as
 * `kiosk: image: ZIP:ENTRY: reason`, and not tried again). An image that could not
 * be read, decoded or made a texture of for want of memory stays LOADING and is
 * asked for again 3 s later if the screen still shows it (see image_cache_retry_in). *w, *h: the texture's size
 * when ready, else 0. `max_side` > 0 asks for a copy scaled down so that its longer
 * side is max_side (thumbnails); each max_side is a separate image. state, w and h may
 * be NULL. The texture is borrowed: valid until the next pump, set_renderer,
 * forget_zip or free. Images asked for while waiting are decoded newest first, so
 * what is on screen now comes before what scrolled away. */
struct SDL_Texture *image_cache_get(struct image_cache *c, const char *zip_path, const char *entry,
				    int max_side, int *state, int *w, int *h);

/* As image_cache_get, for an image decoded at the size it is shown: scaled down
 * (never up) to fit inside box_w x box_h px, keeping its shape, so that drawing it
 * copies pixels rather than scaling a larger picture every frame. Each box is a
 * separate image. box_w or box_h <= 0: full size. */
struct SDL_Texture *image_cache_get_fit(struct image_cache *c, const char *zip_path, const char *entry,
					int box_w, int box_h, int *state, int *w, int *h);

/* A READY picture as it is drawn: a texture of the renderer, or (with a target) a
 * surface; its size in pixels. Borrowed as image_cache_get's texture. */
struct image_px {
	struct SDL_Texture *tex;
	struct SDL_Surface *surf;
	int w, h;
};

/* image_cache_get (fit_h 0) or image_cache_get_fit (box max_side x fit_h), for
 * either kind of picture: 1 with *px filled when READY, else 0 (*state says why). */
int image_cache_px(struct image_cache *c, const char *zip_path, const char *entry, int max_side, int fit_h,
		   int *state, struct image_px *px);

/* Draw the part src of px (pixels of the picture) into dst (pixels of r's
 * viewport), scaled to it (nearest pixel, as SDL_RenderCopy), on r: a texture by
 * SDL_RenderCopy; a surface by blitting it into the target after what r has
 * queued, clipped to r's viewport and clip rectangle as r would. */
void image_cache_draw(struct image_cache *c, struct SDL_Renderer *r, const struct image_px *px,
		      const struct SDL_Rect *src, const struct SDL_Rect *dst);

/* Ask for an image that is not shown yet but will be (the attract loop's next
 * slide): it is decoded after what is on screen, kept like an image asked for in
 * this frame, and its arrival alone does not make pump return 1. A later get of
 * the same size shows it as usual. box_h 0: max_side as for image_cache_get; else
 * max_side x box_h is the box of image_cache_get_fit. */
void image_cache_ask_ahead(struct image_cache *c, const char *zip_path, const char *entry, int max_side,
			   int box_h);

/* Turn finished decodes into textures (kept for later while no renderer is set),
 * then apply the budget. Returns 1 when any image changed state (redraw). */
int image_cache_pump(struct image_cache *c);

/* Milliseconds until an image that was short of memory is tried again (a pump then
 * asks for a redraw), or -1 when none waits. */
int image_cache_retry_in(const struct image_cache *c);

/* hold 1: the worker starts no new picture (the one it is on, it finishes) until
 * hold 0; requests wait in the queue meanwhile. The kiosk holds it until its first
 * frame is drawn: reading a picture's zip loads libzip, and with it OpenSSL's
 * libcrypto (some 4 ms of relocations), and decoding it takes the processor from
 * the window's thread, which on one core is the whole of that time later on
 * screen. (The frame shows the picture's place; the picture comes a frame later.) */
void image_cache_hold(struct image_cache *c, int hold);

/* Block until every requested image is decoded or broken, then pump (for `kiosk
 * shot`); a hold ends. */
void image_cache_wait(struct image_cache *c);

/* Keep budget_bytes of textures from now on (the next pump drops what is over it,
 * as for the budget given to image_cache_new). */
void image_cache_set_budget(struct image_cache *c, size_t budget_bytes);

/* Bytes of the pictures held now (w * h * 4 each), not counting the spare (see
 * image_cache_new). */
size_t image_cache_bytes(const struct image_cache *c);

#endif
