/* fuzz_png.c: a picture fitted into a box (media/image.h, image_decode_fit) on
 * hostile bytes, against the long way it replaces. The first 4 bytes are the box
 * (two little-endian 16-bit sides, 1 to 2048 px), the rest the PNG. Refusals are
 * expected and must say why; a picture that decodes must decode the long way too
 * (image_decode, image_shrink_to_box, a conversion to ARGB8888, as the image
 * cache's worker does) to the same size and the same pixels, and its *opaque, when
 * known, must be true of it. A crash, a leak or a difference is a bug. */
#include "core/err.h"
#include "media/image.h"

#include <SDL2/SDL.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *as_argb(SDL_Surface *s)
{
	SDL_Surface *argb;

	if (!s || (s->format->format == SDL_PIXELFORMAT_ARGB8888 && !SDL_HasColorKey(s)))
		return s;
	argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(s);
	return argb;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = { 0 }, e2 = { 0 };
	SDL_Surface *got, *want;
	int bw, bh, w0 = 0, h0 = 0, opaque = 0, ignored;

	if (size < 4)
		return 0;
	bw = 1 + (data[0] | data[1] << 8) % 2048;
	bh = 1 + (data[2] | data[3] << 8) % 2048;
	got = as_argb(image_decode_fit(data + 4, size - 4, IMAGE_PNG, bw, bh, NULL, &w0, &h0, &opaque, &e));
	if (!got && !e.msg[0])
		abort();
	want = image_decode(data + 4, size - 4, IMAGE_PNG, &e2);
	if (want)
		want = as_argb(image_shrink_to_box(want, bw, bh, &ignored));
	if (!got != !want)
		abort(); /* one way decodes it and the other does not */
	if (got) {
		if (got->w != want->w || got->h != want->h || w0 <= 0 || h0 <= 0)
			abort();
		for (int y = 0; y < got->h; y++)
			if (memcmp((char *)got->pixels + (size_t)y * (size_t)got->pitch,
				   (char *)want->pixels + (size_t)y * (size_t)want->pitch, (size_t)got->w * 4))
				abort();
		if (opaque >= 0 && opaque != image_opaque(got))
			abort();
	}
	SDL_FreeSurface(got);
	SDL_FreeSurface(want);
	return 0;
}
