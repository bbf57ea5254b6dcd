/* image_scale.c: pictures brought to the size they are shown at (image.h), on the
 * image cache's worker thread. */
#include "image.h"
#include "core/err.h"

#include <SDL.h>
#include <stdint.h>

/* Halve an ARGB8888 surface, averaging 2x2 blocks, so that a large reduction does
 * not skip pixels the way one bilinear step would. */
static SDL_Surface *halve(SDL_Surface *s)
{
	int w = s->w / 2 > 0 ? s->w / 2 : 1, h = s->h / 2 > 0 ? s->h / 2 : 1;
	SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);

	if (!d)
		return NULL;
	for (int y = 0; y < h; y++) {
		const uint32_t *r0 = (const uint32_t *)((const char *)s->pixels + (size_t)(2 * y) * (size_t)s->pitch);
		const uint32_t *r1 = 2 * y + 1 < s->h
			? (const uint32_t *)((const char *)s->pixels + (size_t)(2 * y + 1) * (size_t)s->pitch) : r0;
		uint32_t *out = (uint32_t *)((char *)d->pixels + (size_t)y * (size_t)d->pitch);
		for (int x = 0; x < w; x++) {
			int x1 = 2 * x + 1 < s->w ? 2 * x + 1 : 2 * x;
			uint32_t p[4] = { r0[2 * x], r0[x1], r1[2 * x], r1[x1] }, v = 0;
			for (int shift = 0; shift < 32; shift += 8) {
				uint32_t sum = 2;
				for (int k = 0; k < 4; k++)
					sum += (p[k] >> shift) & 0xff;
				v |= (sum / 4) << shift;
			}
			out[x] = v;
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
	d = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
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
		for (int x = 0; x < s->w; x++)
			if ((row[x] >> 24) != 0xff)
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

SDL_Surface *image_shrink_to_box(SDL_Surface *s, int box_w, int box_h)
{
	SDL_Surface *d;
	int w, h;

	if ((s->w <= box_w && s->h <= box_h) || s->format->BitsPerPixel < 8)
		return s;
	image_box_size(s->w, s->h, box_w, box_h, &w, &h);
	if (2 * w <= s->w || 2 * h <= s->h)
		return s;
	d = SDL_CreateRGBSurfaceWithFormat(0, w, h, s->format->BitsPerPixel, s->format->format);
	if (!d)
		return s;
	if (s->format->palette)
		SDL_SetSurfacePalette(d, s->format->palette);
	if (SDL_SoftStretch(s, NULL, d, NULL) < 0) {
		SDL_FreeSurface(d);
		return s;
	}
	SDL_FreeSurface(s);
	return d;
}
