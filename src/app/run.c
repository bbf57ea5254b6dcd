/* run.c: the window, the renderer and the event loop of `kiosk run`. Drawing is
 * event driven: the loop sleeps in SDL_WaitEventTimeout until input, a decoded
 * image or a timer, and draws only when something changed. */
#include "app.h"
#include "core/err.h"
#include "text/text.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FRAME_MS 16

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

static SDL_Renderer *make_renderer(SDL_Window **win, const char *title, int x, int y, int w, int h,
				   Uint32 flags, struct err *e)
{
	SDL_Renderer *r = NULL;
	const char *want = getenv("KIOSK_RENDERER");

	if ((!want || strcmp(want, "software")) && has_gpu()) {
		r = SDL_CreateRenderer(*win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
		if (r && gl_is_software(r)) {
			SDL_DestroyRenderer(r);
			r = NULL;
			SDL_DestroyWindow(*win);
			*win = NULL;
		}
	}
	if (!r) {
		/* straight to the window's framebuffer, not through a GL texture */
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
		if (!*win)
			*win = SDL_CreateWindow(title, x, y, w, h, flags);
		if (!*win) {
			fail(e, ERR_IO, "cannot open a window: %s", SDL_GetError());
			return NULL;
		}
		r = SDL_CreateRenderer(*win, -1, SDL_RENDERER_SOFTWARE);
	}
	if (!r)
		fail(e, ERR_IO, "cannot draw in the window: %s", SDL_GetError());
	return r;
}

/* typing: where the screen takes text, letters and symbols are text, not shortcuts */
static int map_key(const SDL_Keysym *k, int typing)
{
	if (typing) {
		switch (k->sym) {
		case SDLK_BACKSPACE: return KEY_BACKSPACE;
		case SDLK_RETURN: case SDLK_KP_ENTER: return KEY_ENTER;
		case SDLK_SPACE: case SDLK_l: case SDLK_c: case SDLK_PLUS: case SDLK_EQUALS: case SDLK_MINUS:
		case SDLK_KP_PLUS: case SDLK_KP_MINUS:
			return 0;
		default: break;
		}
	}
	switch (k->sym) {
	case SDLK_UP: return KEY_UP;
	case SDLK_DOWN: return KEY_DOWN;
	case SDLK_PAGEUP: return KEY_PAGE_UP;
	case SDLK_PAGEDOWN: case SDLK_SPACE: return KEY_PAGE_DOWN;
	case SDLK_LEFT: return KEY_LEFT;
	case SDLK_RIGHT: return KEY_RIGHT;
	case SDLK_ESCAPE: case SDLK_BACKSPACE: case SDLK_AC_BACK: return KEY_ESCAPE;
	case SDLK_HOME: return KEY_HOME;
	case SDLK_l: return KEY_LANG;
	case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: return KEY_BIGGER;
	case SDLK_MINUS: case SDLK_KP_MINUS: return KEY_SMALLER;
	case SDLK_c: return KEY_CONTRAST;
	case SDLK_q: return (k->mod & KMOD_CTRL) ? KEY_QUIT : 0;
	default: return 0;
	}
}

static float window_dpi(SDL_Window *w)
{
	float ddpi = 0;

	if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(w), &ddpi, NULL, NULL) < 0 || ddpi < 50 || ddpi > 600)
		return 96;
	return ddpi;
}

static void feed(struct app *a, const struct input_event *ev)
{
	app_input(a, ev);
}

static void handle(struct app *a, SDL_Window *win, SDL_Renderer *ren, const SDL_Event *ev)
{
	struct input_event in;
	int w, h;

	memset(&in, 0, sizeof(in));
	/* the event's own time: moves queued during a frame keep their spacing, which
	 * the fling velocity depends on */
	in.t = ev->common.timestamp ? ev->common.timestamp : SDL_GetTicks();
	switch (ev->type) {
	case SDL_QUIT:
		a->quit = 1;
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			SDL_GetRendererOutputSize(ren, &w, &h);
			app_resize(a, w, h, window_dpi(win));
		} else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
			a->dirty = 1;
		} else if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
			in.kind = INPUT_CANCEL;
			feed(a, &in);
		}
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		/* textures are gone: the caches drop theirs and make them again on demand */
		text_engine_set_renderer(a->text, ren);
		if (ev->type == SDL_RENDER_DEVICE_RESET) {
			image_cache_set_renderer(a->images, NULL);
			image_cache_set_renderer(a->images, ren);
		}
		a->dirty = 1;
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			break;
		in.kind = ev->type == SDL_MOUSEBUTTONDOWN ? INPUT_DOWN : INPUT_UP;
		in.x = (float)ev->button.x;
		in.y = (float)ev->button.y;
		feed(a, &in);
		break;
	case SDL_MOUSEMOTION:
		if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
			break;
		in.kind = INPUT_MOVE;
		in.x = (float)ev->motion.x;
		in.y = (float)ev->motion.y;
		feed(a, &in);
		break;
	case SDL_MOUSEWHEEL:
		in.kind = INPUT_WHEEL;
		in.dy = (float)ev->wheel.y;
		feed(a, &in);
		break;
	case SDL_FINGERDOWN:
	case SDL_FINGERUP:
	case SDL_FINGERMOTION:
		in.kind = ev->type == SDL_FINGERDOWN ? INPUT_DOWN : ev->type == SDL_FINGERUP ? INPUT_UP : INPUT_MOVE;
		in.id = (int64_t)ev->tfinger.fingerId + 1;
		in.x = ev->tfinger.x * (float)a->w;
		in.y = ev->tfinger.y * (float)a->h;
		feed(a, &in);
		break;
	case SDL_KEYDOWN: {
		int k = map_key(&ev->key.keysym, app_wants_text(a));
		if (k)
			app_key(a, k, in.t);
		break;
	}
	case SDL_TEXTINPUT:
		if (app_wants_text(a))
			app_text(a, ev->text.text, in.t);
		break;
	case SDL_TEXTEDITING:
		if (app_wants_text(a))
			app_preedit(a, ev->edit.text, in.t);
		break;
	default:
		break;
	}
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* For `make bench`: draw `frames` frames of the page scrolling up and down, as a
 * finger would move it, and print the time each took (draw and present). */
static void bench_scroll(struct app *a, SDL_Renderer *ren, int frames)
{
	uint64_t *t = calloc((size_t)frames, sizeof(*t)), *d = calloc((size_t)frames, sizeof(*d));
	float step = a->m.body * 0.7f, dir = 1;
	struct scroller *sc = app_scroller(a);

	if (!t || !d) {
		free(t);
		free(d);
		return;
	}
	for (int i = 0; i < frames; i++) {
		uint64_t t0 = now_ns(CLOCK_MONOTONIC);
		SDL_Event ev;
		sc->pos += dir * step;
		if (sc->pos >= sc->max || sc->pos <= 0) {
			dir = -dir;
			sc->pos = sc->pos <= 0 ? 0 : sc->max;
		}
		app_draw(a, ren);
		d[i] = now_ns(CLOCK_MONOTONIC) - t0;
		SDL_RenderPresent(ren);
		while (SDL_PollEvent(&ev))
			;
		t[i] = now_ns(CLOCK_MONOTONIC) - t0;
	}
	qsort(t, (size_t)frames, sizeof(*t), cmp_u64);
	qsort(d, (size_t)frames, sizeof(*d), cmp_u64);
	printf("frames %d scroll-range %.0f p50-ms %.2f p99-ms %.2f max-ms %.2f draw-p50-ms %.2f draw-p99-ms %.2f\n",
	       frames, sc->max, t[frames / 2] / 1e6, t[frames * 99 / 100] / 1e6, t[frames - 1] / 1e6,
	       d[frames / 2] / 1e6, d[frames * 99 / 100] / 1e6);
	fflush(stdout);
	free(t);
	free(d);
}

/* For `make bench`: tap n keys of the on-screen keyboard of the search screen, as
 * a visitor types real queries (2-beolsik and ABC, Clear between queries), and
 * print the time from each tap to its frame presented: search, build, draw. */
static void bench_keys(struct app *a, SDL_Renderer *ren, int n)
{
	static const char *const typed[] = {
		"dlsrnjs", "xkfqnrals", "wjdckr", "xhddlf", "gksksdnjs", "xqa", "rdk", "qnrgks",
		"@switch", "kinu", "human rights", "pyongyang", "hanawon", "@switch",
	};
	uint64_t *t = calloc((size_t)n, sizeof(*t)), *d = calloc((size_t)n, sizeof(*d));
	int done = 0, q = 0;

	if (!t || !d) {
		free(t);
		free(d);
		return;
	}
	while (done < n) {
		const char *keys = typed[q++ % (int)(sizeof(typed) / sizeof(typed[0]))];
		int special = keys[0] == '@';
		for (size_t k = 0; done < n && keys[k]; k++) {
			char payload[16];
			const struct scene *sc = app_scene(a);
			const struct scene_hit *hit = NULL;
			struct gesture g;
			uint64_t t0;
			SDL_Event ev;

			if (special)
				snprintf(payload, sizeof(payload), "%s", keys);
			else if (keys[k] == ' ')
				snprintf(payload, sizeof(payload), "@space");
			else
				snprintf(payload, sizeof(payload), "%c", keys[k]);
			for (size_t i = 0; i < sc->nhits && !hit; i++)
				if (sc->hits[i].action == ACT_KEY && sc->hits[i].payload && !strcmp(sc->hits[i].payload, payload))
					hit = &sc->hits[i];
			if (!hit) {
				fprintf(stderr, "kiosk: bench: no key '%s' on the screen\n", payload);
				free(t);
				free(d);
				return;
			}
			memset(&g, 0, sizeof(g));
			g.kind = GESTURE_TAP;
			g.x = (float)(hit->r.x + hit->r.w / 2);
			g.y = (float)(hit->r.y + hit->r.h / 2);
			t0 = now_ns(CLOCK_MONOTONIC);
			app_gesture(a, &g, SDL_GetTicks());
			d[done] = now_ns(CLOCK_MONOTONIC) - t0;
			app_draw(a, ren);
			SDL_RenderPresent(ren);
			t[done++] = now_ns(CLOCK_MONOTONIC) - t0;
			while (SDL_PollEvent(&ev))
				;
			if (special)
				break;
		}
		if (!special && done < n) {
			/* the next query starts on an empty field */
			const struct scene *sc = app_scene(a);
			for (size_t i = 0; i < sc->nhits; i++)
				if (sc->hits[i].action == ACT_KEY && sc->hits[i].payload &&
				    !strcmp(sc->hits[i].payload, "@clear")) {
					struct gesture g = { .kind = GESTURE_TAP };
					g.x = (float)(sc->hits[i].r.x + sc->hits[i].r.w / 2);
					g.y = (float)(sc->hits[i].r.y + sc->hits[i].r.h / 2);
					app_gesture(a, &g, SDL_GetTicks());
					break;
				}
		}
	}
	qsort(t, (size_t)n, sizeof(*t), cmp_u64);
	qsort(d, (size_t)n, sizeof(*d), cmp_u64);
	printf("keys %d p50-ms %.2f p99-ms %.2f max-ms %.2f search-and-build-p50-ms %.2f search-and-build-p99-ms %.2f\n",
	       n, t[n / 2] / 1e6, t[n * 99 / 100] / 1e6, t[n - 1] / 1e6, d[n / 2] / 1e6, d[n * 99 / 100] / 1e6);
	fflush(stdout);
	free(t);
	free(d);
}

int app_run(struct app *a, const struct app_opts *o, int fullscreen, int w, int h, struct err *e)
{
	Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
	SDL_Window *win;
	SDL_Renderer *ren;
	uint32_t last_frame = 0;

	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	if (SDL_Init(SDL_INIT_VIDEO) < 0)
		return fail(e, ERR_IO, "no display (%s): run it in a graphical session, or draw screens with 'kiosk shot'",
			    SDL_GetError());
	if (fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		SDL_ShowCursor(SDL_DISABLE);
	}
	win = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (!win) {
		fail(e, ERR_IO, "cannot open a window: %s", SDL_GetError());
		SDL_Quit();
		return -1;
	}
	ren = make_renderer(&win, "kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags, e);
	if (!ren) {
		if (win)
			SDL_DestroyWindow(win);
		SDL_Quit();
		return -1;
	}
	text_engine_set_renderer(a->text, ren);
	image_cache_set_renderer(a->images, ren);
	SDL_GetRendererOutputSize(ren, &w, &h);
	app_resize(a, w, h, window_dpi(win));
	a->last_input = SDL_GetTicks();
	if (app_go(a, o->route ? o->route : "/attract", 0) < 0 && o->route)
		fprintf(stderr, "kiosk: run: no screen for route '%s'\n", o->route);

	while (!a->quit) {
		SDL_Event ev;
		uint32_t now = SDL_GetTicks();
		struct gesture g;
		int wait;

		if (gesture_poll(&a->gestures, now, &g))
			app_gesture(a, &g, now);
		wait = app_tick(a, now);
		if (a->dirty) {
			app_draw(a, ren);
			SDL_RenderPresent(ren);
			if (!last_frame && o->bench_start) {
				/* wall-clock time, for a benchmark that started the clock before exec */
				printf("first-frame-realtime-ns %llu\n", (unsigned long long)now_ns(CLOCK_REALTIME));
				fflush(stdout);
				if (!o->bench_frames)
					a->quit = 1;
			}
			if (!last_frame && o->bench_frames) {
				bench_scroll(a, ren, o->bench_frames);
				a->quit = 1;
			}
			if (!last_frame && o->bench_keys) {
				bench_keys(a, ren, o->bench_keys);
				a->quit = 1;
			}
			last_frame = now ? now : 1;
		}
		if (a->quit)
			break;
		if (wait == 0) {
			/* animating: the next frame at 60 Hz */
			uint32_t spent = SDL_GetTicks() - last_frame;
			wait = spent >= FRAME_MS ? 1 : (int)(FRAME_MS - spent);
		}
		if (SDL_WaitEventTimeout(&ev, wait < 0 ? 1000 : wait)) {
			handle(a, win, ren, &ev);
			while (SDL_PollEvent(&ev))
				handle(a, win, ren, &ev);
		}
		/* a physical keyboard and an input method type into the screen that takes text */
		if (app_wants_text(a) != (SDL_IsTextInputActive() == SDL_TRUE)) {
			if (app_wants_text(a))
				SDL_StartTextInput();
			else
				SDL_StopTextInput();
		}
	}
	/* textures belong to the renderer: let the caches drop them first */
	text_engine_set_renderer(a->text, NULL);
	image_cache_set_renderer(a->images, NULL);
	SDL_DestroyRenderer(ren);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
