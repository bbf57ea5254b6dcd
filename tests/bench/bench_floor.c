/* bench_floor: the least a slideshow drawn in software costs on this machine, to
 * read the attract loop's figure by (tests/bench/ui.sh). It opens a window the way
 * the kiosk does without a GPU (SDL's window framebuffer, which on X11 is a MIT-SHM
 * segment; SDL_HINT_FRAMEBUFFER_ACCELERATION off) and, every SLIDE_MS, fills the
 * rectangle a picture takes with a new colour and shows that rectangle alone
 * (SDL_UpdateWindowSurfaceRects): no decoding, no text, no copy from memory, no
 * catalog. A slide of the attract loop changes at least those pixels. The picture
 * is pic_w x pic_h px fitted into the box, centred, as the attract screen places it
 * (image_box_size's rule: the tighter side decides). It prints nothing: its CPU
 * time is read from /proc/PID/stat, as the kiosk's is.
 * Usage: bench_floor WxH BOX_X,BOX_Y,BOX_WxBOX_H PIC_WxPIC_H SECONDS [SLIDE_MS]
 *        (px; SLIDE_MS 8000 by default, the attract loop's) */
#include <SDL.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int w, h, bx, by, bw, bh, pw, ph, secs, slide = argc > 5 ? atoi(argv[5]) : 8000, k = 0;
	SDL_Window *win;
	SDL_Surface *fb;
	SDL_Rect r;
	Uint32 start, next;

	if (argc < 5 || sscanf(argv[1], "%dx%d", &w, &h) != 2 || sscanf(argv[2], "%d,%d,%dx%d", &bx, &by, &bw, &bh) != 4 ||
	    sscanf(argv[3], "%dx%d", &pw, &ph) != 2 || (secs = atoi(argv[4])) <= 0 || slide <= 0 || w <= 0 || h <= 0 ||
	    bw <= 0 || bh <= 0 || pw <= 0 || ph <= 0) {
		fprintf(stderr, "usage: bench_floor WxH BOX_X,BOX_Y,BOX_WxBOX_H PIC_WxPIC_H SECONDS [SLIDE_MS]\n");
		return 2;
	}
	if ((int64_t)pw * bh >= (int64_t)ph * bw) {
		r.w = bw;
		r.h = (int)(((int64_t)ph * bw + pw / 2) / pw);
	} else {
		r.h = bh;
		r.w = (int)(((int64_t)pw * bh + ph / 2) / ph);
	}
	r.x = bx + (bw - r.w) / 2;
	r.y = by + (bh - r.h) / 2;
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (SDL_Init(SDL_INIT_VIDEO) < 0 || !(win = SDL_CreateWindow("bench_floor", 0, 0, w, h, 0)) ||
	    !(fb = SDL_GetWindowSurface(win))) {
		fprintf(stderr, "bench_floor: %s\n", SDL_GetError());
		return 1;
	}
	SDL_FillRect(fb, NULL, SDL_MapRGB(fb->format, 32, 32, 32));
	SDL_UpdateWindowSurface(win);
	start = SDL_GetTicks();
	next = start + (Uint32)slide;
	while (SDL_GetTicks() - start < (Uint32)secs * 1000u) {
		SDL_Event ev;
		int left = (int)(next - SDL_GetTicks());
		if (SDL_WaitEventTimeout(&ev, left > 0 ? left : 1))
			continue;
		if (!SDL_TICKS_PASSED(SDL_GetTicks(), next))
			continue;
		SDL_FillRect(fb, &r, k++ & 1 ? SDL_MapRGB(fb->format, 40, 90, 150) : SDL_MapRGB(fb->format, 150, 90, 40));
		SDL_UpdateWindowSurfaceRects(win, &r, 1);
		next += (Uint32)slide;
	}
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
