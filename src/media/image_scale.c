/* image_scale.c: pictures brought to the size they are shown at (image.h), on the
 * image cache's worker thread. */
#include "image.h"
#include "core/err.h"

#include <SDL.h>
#include <stdint.h>

SDL_Surface *image_new_argb(int w, int h)
{
	size_t pitch = (size_t)w * 4;
	SDL_Surface *d;
	void *px;

	if (w <= 0 || h <= 0 || w > 65536 || h > 65536) {
		SDL_SetError("no surface of %dx%d", w, h);
		return NULL;
	}
	px = SDL_SIMDAlloc(pitch * (size_t)h);
	if (!px) {
		SDL_OutOfMemory();
		return NULL;
	}
	d = SDL_CreateRGBSurfaceWithFormatFrom(px, w, h, 32, (int)pitch, SDL_PIXELFORMAT_ARGB8888);
	if (!d) {
		SDL_SIMDFree(px);
		return NULL;
	}
	d->flags = (d->flags & ~(Uint32)SDL_PREALLOC) | SDL_SIMD_ALIGNED;
	return d;
}

/* The mean of four ARGB8888 pixels, each channel rounded half up: (sum + 2) / 4.
 * Two channels at a time, in 16-bit lanes (a lane's sum is at most 4 * 255 + 2 =
 * 1022, so no carry reaches the next): a third of the instructions of a loop over
 * the four channels, with the same result. */
static inline uint32_t mean4(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	const uint32_t m = 0x00ff00ffu;
	uint32_t rb = (a & m) + (b & m) + (c & m) + (d & m) + 0x00020002u;
	uint32_t ag = (a >> 8 & m) + (b >> 8 & m) + (c >> 8 & m) + (d >> 8 & m) + 0x00020002u;

	return (rb >> 2 & m) | (ag >> 2 & m) << 8;
}

/* Halve an ARGB8888 surface, averaging 2x2 blocks, so that a large reduction does
 * not skip pixels the way one bilinear step would. An odd last row or column is
 * averaged with itself. */
static SDL_Surface *halve(SDL_Surface *s)
{
	int w = s->w / 2 > 0 ? s->w / 2 : 1, h = s->h / 2 > 0 ? s->h / 2 : 1;
	SDL_Surface *d = image_new_argb(w, h);

	if (!d)
		return NULL;
	for (int y = 0; y < h; y++) {
		const uint32_t *r0 = (const uint32_t *)((const char *)s->pixels + (size_t)(2 * y) * (size_t)s->pitch);
		const uint32_t *r1 = 2 * y + 1 < s->h
			? (const uint32_t *)((const char *)s->pixels + (size_t)(2 * y + 1) * (size_t)s->pitch) : r0;
		uint32_t *out = (uint32_t *)((char *)d->pixels + (size_t)y * (size_t)d->pitch);
		for (int x = 0; x < w; x++) {
			int x1 = 2 * x + 1 < s->w ? 2 * x + 1 : 2 * x;
			out[x] = mean4(r0[2 * x], r0[x1], r1[2 * x], r1[x1]);
		}
	}
	return d;
}

SDL_Surface *image_scale_down(SDL_Surface *s, int w, int h, struct err *e)
{
	SDL_Surface *d;
	int rc;

	while (s->w >= 2 * w && s->h >= 2 * h) {
		d = halve(s);
		SDL_FreeSurface(s);
		if (!d) {
			fail(e, ERR_IO, "cannot scale the image: %s", SDL_GetError());
			return NULL;
		}
		s = d;
	}
	if (s->w == w && s->h == h)
		return s;
	d = image_new_argb(w, h); /* the stretch below writes every pixel */
	if (!d) {
		SDL_FreeSurface(s);
		fail(e, ERR_IO, "cannot scale the image: %s", SDL_GetError());
		return NULL;
	}
#if SDL_VERSION_ATLEAST(2, 0, 16)
	rc = SDL_SoftStretchLinear(s, NULL, d, NULL);
#else
	SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
	rc = SDL_BlitScaled(s, NULL, d, NULL);
#endif
	SDL_FreeSurface(s);
	if (rc < 0) {
		SDL_FreeSurface(d);
		fail(e, ERR_IO, "cannot scale the image: %s", SDL_GetError());
		return NULL;
	}
	return d;
}

int image_opaque(const SDL_Surface *s)
{
	for (int y = 0; y < s->h; y++) {
		const uint32_t *row = (const uint32_t *)((const char *)s->pixels + (size_t)y * (size_t)s->pitch);
		uint32_t all = 0xffffffffu;
		/* the AND of a row's pixels, a loop the compiler vectorizes; then its alpha */
		for (int x = 0; x < s->w; x++)
			all &= row[x];
		if ((all >> 24) != 0xff)
			return 0;
	}
	return 1;
}

void image_box_size(int w, int h, int box_w, int box_h, int *out_w, int *out_h)
{
	if ((int64_t)w * box_h >= (int64_t)h * box_w) {
		*out_w = box_w;
		*out_h = (int)(((int64_t)h * box_w + w / 2) / w);
	} else {
		*out_h = box_h;
		*out_w = (int)(((int64_t)w * box_h + h / 2) / h);
	}
	if (*out_w < 1)
		*out_w = 1;
	if (*out_h < 1)
		*out_h = 1;
}

/* The ARGB8888 colour of each of the 256 indices of s (8 bits a pixel with a
 * palette), as SDL 2's SDL_ConvertSurfaceFormat gives it: the palette's alpha,
 * except in a palette whose alphas are all 0, which SDL takes as opaque; the colour
 * key transparent; an index past the palette transparent black. */
static void palette_argb(SDL_Surface *s, uint32_t argb[256])
{
	const SDL_Palette *pal = s->format->palette;
	int n = pal->ncolors < 256 ? pal->ncolors : 256, all_clear = 1;
	Uint32 key;

	for (int i = 0; i < n; i++)
		all_clear &= pal->colors[i].a == 0;
	for (int i = 0; i < 256; i++) {
		SDL_Color c = i < n ? pal->colors[i] : (SDL_Color){ 0, 0, 0, 0 };
		if (i < n && all_clear)
			c.a = 255;
		argb[i] = (uint32_t)c.a << 24 | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
	}
	if (SDL_GetColorKey(s, &key) == 0 && key < 256)
		argb[key] &= 0x00ffffffu;
}

uint32_t image_palette_row(const uint8_t *src, uint64_t incx, const uint32_t argb[256], uint32_t *out, int w)
{
	uint32_t all = 0xffffffffu;
	uint64_t posx = incx / 2;

	for (int x = 0; x < w; x++, posx += incx)
		all &= out[x] = argb[src[posx >> 16]];
	return all;
}

/* s, 8 bits a pixel with a palette, at w x h in ARGB8888 in one pass: the nearest
 * pixel, picked as SDL_SoftStretch picks it (16.16 fixed point steps of src/dst,
 * from half a step), in its colour from palette_argb. Replaces a stretch into a
 * second 8-bit surface and its conversion: a third of the attract loop's
 * instructions for each slide. *opaque: 1 when every pixel written has alpha 255. */
static SDL_Surface *shrink_palette(SDL_Surface *s, int w, int h, int *opaque)
{
	uint64_t incx = ((uint64_t)s->w << 16) / (uint64_t)w, incy = ((uint64_t)s->h << 16) / (uint64_t)h;
	uint64_t posy = incy / 2;
	uint32_t argb[256], all = 0xffffffffu;
	SDL_Surface *d = image_new_argb(w, h);

	if (!d)
		return NULL;
	palette_argb(s, argb);
	for (int y = 0; y < h; y++, posy += incy) {
		const uint8_t *src = (const uint8_t *)s->pixels + (size_t)(posy >> 16) * (size_t)s->pitch;
		all &= image_palette_row(src, incx, argb, (uint32_t *)((char *)d->pixels + (size_t)y * (size_t)d->pitch), w);
	}
	*opaque = all >> 24 == 0xff;
	return d;
}

/* s, 8 bits a pixel with a palette, halved into ARGB8888: pixel for pixel what
 * halve() gives for s converted by SDL_ConvertSurfaceFormat, without the surface of
 * s's size in ARGB (5.8 MB for a 1200x1200 picture) in between. *opaque as above. */
static SDL_Surface *halve_palette(SDL_Surface *s, int *opaque)
{
	int w = s->w / 2 > 0 ? s->w / 2 : 1, h = s->h / 2 > 0 ? s->h / 2 : 1;
	uint32_t argb[256], all = 0xffffffffu;
	SDL_Surface *d = image_new_argb(w, h);

	if (!d)
		return NULL;
	palette_argb(s, argb);
	for (int y = 0; y < h; y++) {
		const uint8_t *r0 = (const uint8_t *)s->pixels + (size_t)(2 * y) * (size_t)s->pitch;
		const uint8_t *r1 = 2 * y + 1 < s->h ? r0 + s->pitch : r0;
		uint32_t *out = (uint32_t *)((char *)d->pixels + (size_t)y * (size_t)d->pitch);
		for (int x = 0; x < w; x++) {
			int x1 = 2 * x + 1 < s->w ? 2 * x + 1 : 2 * x;
			all &= out[x] = mean4(argb[r0[2 * x]], argb[r0[x1]], argb[r1[2 * x]], argb[r1[x1]]);
		}
	}
	*opaque = all >> 24 == 0xff;
	return d;
}

SDL_Surface *image_shrink_to_box(SDL_Surface *s, int box_w, int box_h, int *opaque)
{
	SDL_Surface *d;
	Uint32 key;
	int w, h, palette = s->format->format == SDL_PIXELFORMAT_INDEX8 && s->format->palette && !SDL_MUSTLOCK(s);

	*opaque = -1;
	if ((s->w <= box_w && s->h <= box_h) || s->format->BitsPerPixel < 8)
		return s;
	image_box_size(s->w, s->h, box_w, box_h, &w, &h);
	if (2 * w <= s->w || 2 * h <= s->h) {
		/* the averaging scaler's work, its first halving straight from the palette */
		if (!palette || s->w < 2 * w || s->h < 2 * h || !(d = halve_palette(s, opaque))) {
			*opaque = -1;
			return s;
		}
		if (d->w != w || d->h != h)
			*opaque = -1; /* more scaling to come */
		SDL_FreeSurface(s);
		return d;
	}
	if (palette) {
		d = shrink_palette(s, w, h, opaque);
		if (!d) {
			*opaque = -1;
			return s;
		}
		SDL_FreeSurface(s);
		return d;
	}
	d = SDL_CreateRGBSurfaceWithFormat(0, w, h, s->format->BitsPerPixel, s->format->format);
	if (!d)
		return s;
	if (s->format->palette)
		SDL_SetSurfacePalette(d, s->format->palette);
	if (SDL_GetColorKey(s, &key) == 0)
		SDL_SetColorKey(d, SDL_TRUE, key); /* its colour stays transparent */
	if (SDL_SoftStretch(s, NULL, d, NULL) < 0) {
		SDL_FreeSurface(d);
		return s;
	}
	SDL_FreeSurface(s);
	return d;
}
