/* pngdiff: compare two PNGs with a tolerance (LVGL/SDL-style screenshot tests).
 * usage: pngdiff EXPECTED ACTUAL DIFF.png [MAX_FRACTION [TOLERANCE]]
 * A pixel differs when any channel differs by more than TOLERANCE (default 48); the
 * pictures match when at most MAX_FRACTION (default 0.002) of the pixels differ. It
 * prints how many differ, and the box around them as "box X Y W H" (px) when any do.
 * On a mismatch DIFF.png shows differing pixels in red over a faded copy. Exit 0
 * match, 1 mismatch, 2 error. */
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	SDL_Surface *a, *b, *a32, *b32, *d;
	double max = argc > 4 ? atof(argv[4]) : 0.002;
	int tol = argc > 5 ? atoi(argv[5]) : 48;
	long diff = 0;
	int differs, x0 = 0, y0 = 0, x1 = -1, y1 = -1;

	if (argc < 4) {
		fprintf(stderr, "usage: pngdiff EXPECTED ACTUAL DIFF.png [MAX_FRACTION]\n");
		return 2;
	}
	a = IMG_Load(argv[1]);
	b = IMG_Load(argv[2]);
	if (!a || !b) {
		fprintf(stderr, "pngdiff: cannot read %s\n", !a ? argv[1] : argv[2]);
		return 2;
	}
	if (a->w != b->w || a->h != b->h) {
		printf("size differs: %dx%d and %dx%d\n", a->w, a->h, b->w, b->h);
		SDL_FreeSurface(a);
		SDL_FreeSurface(b);
		return 1;
	}
	a32 = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_ARGB8888, 0);
	b32 = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_ARGB8888, 0);
	d = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 32, SDL_PIXELFORMAT_ARGB8888);
	for (int y = 0; y < a->h; y++) {
		Uint32 *pa = (Uint32 *)((Uint8 *)a32->pixels + y * a32->pitch);
		Uint32 *pb = (Uint32 *)((Uint8 *)b32->pixels + y * b32->pitch);
		Uint32 *pd = (Uint32 *)((Uint8 *)d->pixels + y * d->pitch);
		for (int x = 0; x < a->w; x++) {
			int over = 0;
			for (int s = 0; s < 32; s += 8) {
				int ca = (int)(pa[x] >> s & 0xff), cb = (int)(pb[x] >> s & 0xff);
				over |= abs(ca - cb) > tol;
			}
			if (over && x1 < 0) {
				x0 = x1 = x;
				y0 = y1 = y;
			} else if (over) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y1 = y;
			}
			diff += over;
			pd[x] = over ? 0xffff0000u : (0xff000000u | (((pb[x] >> 2) & 0x3f3f3f) + 0xa0a0a0));
		}
	}
	printf("%ld of %d pixels differ (%.4f%%)\n", diff, a->w * a->h, 100.0 * diff / (a->w * a->h));
	if (diff)
		printf("box %d %d %d %d\n", x0, y0, x1 - x0 + 1, y1 - y0 + 1);
	differs = (double)diff / (a->w * a->h) > max;
	if (differs)
		IMG_SavePNG(d, argv[3]);
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	SDL_FreeSurface(a32);
	SDL_FreeSurface(b32);
	SDL_FreeSurface(d);
	return differs;
}
