/* image.h: images of a pack, read from memory. Dimensions are read from the header
 * (libpng, libjpeg, libwebp) before anything is decoded, and decoding uses the loader
 * of the declared type only (SDL_image's IMG_Load*_RW, never the guessing IMG_Load). */
#ifndef KIOSK_IMAGE_H
#define KIOSK_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct err;
struct SDL_Surface;
struct SDL_version;

enum image_type { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG, IMAGE_WEBP };

#define IMAGE_MAX_SIDE 4096
#define IMAGE_MAX_BYTES (20u << 20)

/* The type a file name declares by its extension, or IMAGE_NONE. */
int image_type_of(const char *name);
const char *image_type_name(int type);

/* Read the dimensions from the header of data, which must be of `type`.
 * -1 when the header is not of that type or is damaged. */
int image_probe(const void *data, size_t len, int type, int *w, int *h, struct err *e);

/* Check the limits (bytes, 4096x4096) and decode; returns a new surface the caller
 * frees with SDL_FreeSurface, or NULL with a message. */
struct SDL_Surface *image_decode(const void *data, size_t len, int type, struct err *e);

/* As image_decode, for a picture shown fitted into box_w x box_h px (box_w or
 * box_h <= 0: as image_decode): brought to that size as image_shrink_to_box
 * brings it, with its *opaque. A PNG of 8 bits or fewer a pixel with a palette
 * (not interlaced, with no partly transparent colour) shown less than twice smaller,
 * the attract loop's usual slide, is read row by row with libpng and each row put
 * at the shown size at once: ARGB8888, the same pixels, without the picture at its
 * full size in memory (1.4 MB for a 1600x900 slide, and as many fresh pages to
 * fault in). Others are decoded whole by SDL_image, then image_shrink_to_box.
 * spare: NULL, or a surface the caller is done with, given over: when *spare is
 * an ARGB8888 surface of exactly the shown size, the row-by-row path writes into it
 * instead of new memory (the surface returned is then it); otherwise it is freed
 * before the picture takes memory of its own, so that memory never holds both.
 * *spare is NULL on return. *w0, *h0: the picture's size in px as its header says
 * (set when the checks pass). Returns a new surface (SDL_FreeSurface), or NULL
 * with a message (ERR_NOMEM when short of memory). */
struct SDL_Surface *image_decode_fit(const void *data, size_t len, int type, int box_w, int box_h,
				     struct SDL_Surface **spare, int *w0, int *h0, int *opaque, struct err *e);

/* Write the surface s to path as a PNG (SDL_image's IMG_SavePNG): 0, or -1 with
 * a message (SDL_image could not be loaded, or the file not written). */
int image_save_png(struct SDL_Surface *s, const char *path, struct err *e);

/* The version of the SDL2_image this process runs with (loaded, as for decoding,
 * at the first call), or NULL when it cannot be loaded. */
const struct SDL_version *image_lib_version(void);

/* Free a surface from image_decode (so that callers need not include SDL). */
void image_free_surface(struct SDL_Surface *s);

/* image_scale.c: bringing a picture to the size it is shown at. */

/* Scale the ARGB8888 surface s down to w x h px: halving by averaging 2x2 blocks
 * while it is twice as large or more (so that a large reduction does not skip
 * pixels), then one bilinear step (SDL_SoftStretchLinear). Frees s; returns a new
 * surface, or NULL with a message in e. */
struct SDL_Surface *image_scale_down(struct SDL_Surface *s, int w, int h, struct err *e);

/* A new w x h ARGB8888 surface whose pixels are left as malloc gives them, for a
 * caller that writes every one: SDL_CreateRGBSurfaceWithFormat clears them first,
 * a pass over megabytes that is written again at once. The surface owns its pixels
 * as one SDL makes would (SDL_SIMDAlloc, SDL_SIMD_ALIGNED, SDL_PREALLOC cleared:
 * SDL_FreeSurface frees them; SDL_ttf makes its text surfaces this way). NULL with
 * SDL's message when short of memory or w, h are not 1 to 65536. */
struct SDL_Surface *image_new_argb(int w, int h);

/* One shown row of a picture of palette indices (a byte each), shrunk to the
 * nearest pixel as SDL_SoftStretch picks it: w pixels into out, pixel x from
 * src[(incx / 2 + x * incx) >> 16], incx the source/shown width step in 16.16 fixed
 * point, in its colour from argb. Returns the AND of the pixels written (alpha 255
 * in its top byte when all are opaque). Shared by image_shrink_to_box and
 * image_decode_fit, which must give the same pixels. */
uint32_t image_palette_row(const uint8_t *src, uint64_t incx, const uint32_t argb[256], uint32_t *out, int w);

/* 1 when every pixel of the ARGB8888 surface s has alpha 255. */
int image_opaque(const struct SDL_Surface *s);

/* The size in px of a w x h picture fitted into a box_w x box_h box, keeping its
 * shape: the tighter side decides; at least 1 x 1. */
void image_box_size(int w, int h, int box_w, int box_h, int *out_w, int *out_h);

/* A decoded picture fitted into box_w x box_h (px), on the image thread, before
 * any conversion to ARGB:
 * - shown less than twice smaller (the attract loop's pictures): the nearest pixel,
 *   as SDL's software renderer would draw it scaled every frame. A picture of 8 bits
 *   a pixel with a palette (not RLE) comes back in ARGB8888, converted in the same
 *   pass with SDL's colour rules (see palette_argb); others in their decoded format,
 *   with their colour key.
 * - twice smaller or more: a picture of 8 bits a pixel with a palette comes back
 *   halved (2x2 blocks averaged) in ARGB8888, exactly as image_scale_down would
 *   halve it once converted; image_scale_down does the rest. Others, and pictures
 *   of fewer than 8 bits a pixel, are returned as they are.
 * Frees s unless it is returned; on failure (no memory) returns s as it is.
 * *opaque: 1 when the surface returned is at the box's size and every pixel has
 * alpha 255, 0 when it is at that size and some pixel has not, -1 when not known
 * (image_opaque tells). */
struct SDL_Surface *image_shrink_to_box(struct SDL_Surface *s, int box_w, int box_h, int *opaque);

#endif
