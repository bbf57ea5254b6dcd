/* run.c: the event loop of `kiosk run`, on the window output.c opens. Drawing is
 * event driven: the loop sleeps in SDL_WaitEventTimeout until input, a decoded
 * image or a timer, and draws only when something changed. */
#include "app.h"
#include "app_internal.h"
#include "media/audio.h"
#include "screens/screen.h"
#include "notify.h"
#include "output.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "text/text.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <malloc.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FRAME_MS 16
/* A slice of rendering text ahead (app_warm) between looks at the input: a touch
 * waits at most this, and a piece already begun (a line of text, 0.1-1 ms). */
#define WARM_SLICE_NS 3000000u

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

/* The window has a new size: the drawing surface follows it. */
static void resized(struct app *a, struct out *o)
{
	struct err e = { 0 };
	int w, h;

	out_size(o, &w, &h);
	/* a resize gives the window a new framebuffer (SDL frees the old one, on which
	 * nothing is queued: each frame is flushed): a new renderer on it, and new
	 * textures for that renderer. Always: the new one is often allocated where the
	 * old one was, so its address says nothing, and the old renderer would keep
	 * drawing and clipping at the old size. */
	if (out_needs_renew(o, w, h)) {
		text_engine_set_renderer(a->text, NULL, NULL);
		image_cache_set_renderer(a->images, NULL, NULL);
		if (out_renew(o, w, h, &e) < 0) {
			log_line(LOG_LEVEL_ERROR, "%s", e.msg);
			a->quit = 1;
			return;
		}
		text_engine_set_renderer(a->text, o->draw, out_target(o));
		image_cache_set_renderer(a->images, o->draw, out_target(o));
	}
	/* a window manager or compositor confirming the size it was asked for: the same
	 * layout, drawn again (the first frame may have gone before the window was mapped) */
	a->dirty = 1;
	if (w == a->w && h == a->h)
		return;
	log_line(LOG_LEVEL_INFO, "window %dx%d", w, h);
	app_resize(a, w, h, window_dpi(o->win));
}

static void handle(struct app *a, struct out *o, const SDL_Event *ev)
{
	SDL_Renderer *ren = o->draw;
	struct input_event in;

	memset(&in, 0, sizeof(in));
	/* the event's own time: moves queued during a frame keep their spacing, which
	 * the fling velocity depends on */
	in.t = ev->common.timestamp ? ev->common.timestamp : SDL_GetTicks();
	switch (ev->type) {
	case SDL_QUIT:
		/* the compositor closed the window, or SIGINT/SIGTERM (systemctl stop): the
		 * only way out of a locked-down kiosk */
		a->quit = 1;
		break;
	case SDL_WINDOWEVENT:
		/* the window's pixels may be gone (exposed, resized, shown again): the next
		 * frame is drawn whole */
		a->frame.valid = 0;
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			resized(a, o);
		} else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED || ev->window.event == SDL_WINDOWEVENT_SHOWN) {
			a->dirty = 1;
		} else if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
			in.kind = INPUT_CANCEL;
			feed(a, &in);
		}
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		/* textures are gone: the caches drop theirs and make them again on demand;
		 * the frame is drawn whole */
		a->frame.valid = 0;
		if (ev->type == SDL_RENDER_DEVICE_RESET && o->surf) {
			SDL_DestroyTexture(o->tex);
			o->tex = SDL_CreateTexture(o->present, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
						   o->surf->w, o->surf->h);
		}
		text_engine_set_renderer(a->text, ren, out_target(o));
		if (ev->type == SDL_RENDER_DEVICE_RESET) {
			image_cache_set_renderer(a->images, NULL, NULL);
			image_cache_set_renderer(a->images, ren, out_target(o));
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
static void bench_scroll(struct app *a, struct out *out, int frames)
{
	uint64_t *t = calloc((size_t)frames, sizeof(*t)), *d = calloc((size_t)frames, sizeof(*d));
	uint64_t *cpu = calloc((size_t)frames, sizeof(*cpu));
	float step = a->m.body * 0.7f, dir = 1;
	struct scroller *sc = app_scroller(a);

	if (!t || !d || !cpu) {
		free(t);
		free(d);
		free(cpu);
		return;
	}
	/* the page as a visitor finds it a moment after it opened: its pictures
	 * decoded, and its text two screens below the view and one above rendered
	 * (the main loop does that while the page is still, app_warm); the rest of
	 * its text is drawn for the first time in the frames measured */
	scene_ask_pictures(app_scene(a), a->images);
	image_cache_wait(a->images);
	app_warm(a, UINT64_MAX);
	for (int i = 0; i < frames; i++) {
		uint64_t t0 = now_ns(CLOCK_MONOTONIC), c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
		SDL_Event ev;
		sc->pos += dir * step;
		if (sc->pos >= sc->max || sc->pos <= 0) {
			dir = -dir;
			sc->pos = sc->pos <= 0 ? 0 : sc->max;
		}
		app_draw(a, out->draw);
		d[i] = now_ns(CLOCK_MONOTONIC) - t0;
		out_present(out, &a->frame);
		while (SDL_PollEvent(&ev))
			;
		t[i] = now_ns(CLOCK_MONOTONIC) - t0;
		cpu[i] = now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	qsort(t, (size_t)frames, sizeof(*t), cmp_u64);
	qsort(d, (size_t)frames, sizeof(*d), cmp_u64);
	qsort(cpu, (size_t)frames, sizeof(*cpu), cmp_u64);
	/* draw: queuing the frame's commands (SDL draws them at present); cpu: the
	 * process's CPU time for the whole frame, which other work on the machine
	 * disturbs less than the wall-clock time; then what the page's text and
	 * pictures hold in their caches (MiB) */
	printf("frames %d scroll-range %.0f p50-ms %.2f p99-ms %.2f max-ms %.2f draw-p50-ms %.2f draw-p99-ms %.2f "
	       "cpu-p50-ms %.2f cpu-p99-ms %.2f text-cache-mib %.1f image-cache-mib %.1f\n",
	       frames, sc->max, t[frames / 2] / 1e6, t[frames * 99 / 100] / 1e6, t[frames - 1] / 1e6,
	       d[frames / 2] / 1e6, d[frames * 99 / 100] / 1e6, cpu[frames / 2] / 1e6, cpu[frames * 99 / 100] / 1e6,
	       (double)text_engine_texture_bytes(a->text) / 1048576.0,
	       (double)image_cache_bytes(a->images) / 1048576.0);
	fflush(stdout);
	free(t);
	free(d);
	free(cpu);
}

/* For `make bench`: tap n keys of the on-screen keyboard of the search screen, as
 * a visitor types real queries (2-beolsik and ABC, Clear between queries), and
 * print the time from each tap to its frame presented: search, build, draw; then
 * the three slowest taps, each with the keys typed of its query up to it. */
struct key_time {
	uint64_t t, d;        /* tap to frame presented; tap to screen built (ns) */
	const char *keys;     /* the query's keys, as typed[] has them */
	int k;                /* this tap's key in keys */
};

/* slowest first */
static int cmp_key_time(const void *a, const void *b)
{
	const struct key_time *x = a, *y = b;
	return x->t < y->t ? 1 : x->t > y->t ? -1 : 0;
}

static void bench_keys(struct app *a, struct out *out, int n)
{
	static const char *const typed[] = {
		"dlsrnjs", "xkfqnrals", "wjdckr", "xhddlf", "gksksdnjs", "xqa", "rdk", "qnrgks",
		"@switch", "kinu", "human rights", "pyongyang", "hanawon", "@switch",
	};
	uint64_t *d = calloc((size_t)n, sizeof(*d));
	struct key_time *kt = calloc((size_t)n, sizeof(*kt));
	int done = 0, q = 0;

	if (!d || !kt) {
		free(d);
		free(kt);
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
				free(d);
				free(kt);
				return;
			}
			memset(&g, 0, sizeof(g));
			g.kind = GESTURE_TAP;
			g.x = (float)(hit->r.x + hit->r.w / 2);
			g.y = (float)(hit->r.y + hit->r.h / 2);
			t0 = now_ns(CLOCK_MONOTONIC);
			app_gesture(a, &g, SDL_GetTicks());
			d[done] = now_ns(CLOCK_MONOTONIC) - t0;
			app_draw(a, out->draw);
			out_present(out, &a->frame);
			kt[done] = (struct key_time){ now_ns(CLOCK_MONOTONIC) - t0, d[done], keys, (int)k };
			done++;
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
	/* kt slowest first: the percentile p of the times is kt[n - 1 - n * p / 100] */
	qsort(kt, (size_t)n, sizeof(*kt), cmp_key_time);
	qsort(d, (size_t)n, sizeof(*d), cmp_u64);
	printf("keys %d p50-ms %.2f p99-ms %.2f max-ms %.2f search-and-build-p50-ms %.2f search-and-build-p99-ms %.2f\n",
	       n, kt[n - 1 - n / 2].t / 1e6, kt[n - 1 - n * 99 / 100].t / 1e6, kt[0].t / 1e6, d[n / 2] / 1e6,
	       d[n * 99 / 100] / 1e6);
	for (int i = 0; i < 3 && i < n; i++)
		printf("slow-key ms %.2f search-and-build-ms %.2f typed %.*s\n", kt[i].t / 1e6, kt[i].d / 1e6,
		       kt[i].keys[0] == '@' ? (int)strlen(kt[i].keys) : kt[i].k + 1, kt[i].keys);
	fflush(stdout);
	free(d);
	free(kt);
}

/* The window: at the display's own size in --fullscreen. Without a window manager
 * (a bare X server) SDL_WINDOW_FULLSCREEN_DESKTOP alone leaves the window at the size
 * asked for, so the window is asked for at the desktop mode's size, at 0,0. */
static SDL_Window *open_window(int fullscreen, int *x, int *y, int *w, int *h, Uint32 *flags)
{
	SDL_DisplayMode dm;

	*x = *y = SDL_WINDOWPOS_CENTERED;
	if (fullscreen) {
		*flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
		if (SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w > 0 && dm.h > 0) {
			*w = dm.w;
			*h = dm.h;
			*x = *y = 0;
		}
	}
	return SDL_CreateWindow("kiosk", *x, *y, *w, *h, *flags);
}

static void draw_frame(struct app *a, struct out *out)
{
	app_draw(a, out->draw);
	out_present(out, &a->frame);
	/* between frames: what the text cache freed goes back to the system */
	text_engine_give_back(a->text);
}

/* On X11, opening the input method parses the locale's compose table (some 6,000
 * lines for a UTF-8 locale: 7 ms of CPU, a tenth of a start) before the first
 * frame. libX11 keeps a parsed copy in the folder XCOMPOSECACHE names and maps it
 * at the next start (0.2 ms), for users other than root only, in a folder the user
 * owns that nobody else may write, and parses again once a day (libX11,
 * modules/im/ximcp/imLcIm.c, _XimCreateDefaultTree). The copy goes in
 * DATA/cache/compose; a data folder on a read-only mount, or an XCOMPOSECACHE set
 * already, leaves libX11 to its own ways. Dead keys and the Compose key work as
 * before: only the parsing is saved. */
static void compose_cache(const char *data_dir)
{
	char *dir;

	if (!data_dir || getenv("XCOMPOSECACHE") || geteuid() == 0 || !fs_is_dir(data_dir) ||
	    fs_read_only(data_dir))
		return;
	dir = xasprintf("%s/cache/compose", data_dir);
	if (fs_mkdir_p(dir, NULL) == 0)
		setenv("XCOMPOSECACHE", dir, 0);
	free(dir);
}

/* Blocks of 256 KiB and more (decoded pictures, text textures, frames) each get
 * pages of their own, given back to the system when freed. glibc's default raises
 * that threshold, up to 32 MiB, each time such a block is freed, and from then on
 * the blocks come from the heap and the image thread's arena, which keep freed
 * space: after a 60 s scripted visit at 1080x1920 the kiosk held 63 MiB PSS, and
 * 53 MiB with the threshold pinned (mallopt(3): setting M_MMAP_THRESHOLD turns the
 * dynamic threshold off). */
static void memory_policy(void)
{
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

/* SDL_Init connects to the D-Bus session bus, whatever is asked of it (SDL 2.26,
 * src/SDL.c, SDL_DBus_Init): a desktop's screen saver and its input method (IBus,
 * Fcitx) are reached that way. With no DBUS_SESSION_BUS_ADDRESS and no bus at
 * $XDG_RUNTIME_DIR/bus, as for the kiosk's service on a system without a user bus
 * or under a bare X server, libdbus falls back to "autolaunch:" and forks
 * dbus-launch (dbus-launch(1)): when installed, it starts a dbus-daemon that
 * outlives the kiosk, and when not, it fails after trying every folder of PATH,
 * some 5 ms of a start on one core. There is no session there, so no screen saver
 * or input method to reach: an address libdbus has no transport for makes it fail
 * at once instead. A desktop's bus is used as before. What the technician's
 * screen runs (systemctl and journalctl of the system's units, kiosk import)
 * inherits the address and uses no session bus. */
static void session_bus_policy(void)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	char path[4096];
	struct stat st;

	if (getenv("DBUS_SESSION_BUS_ADDRESS"))
		return;
	if (run && *run && snprintf(path, sizeof(path), "%s/bus", run) < (int)sizeof(path) && stat(path, &st) == 0 &&
	    S_ISSOCK(st.st_mode))
		return;
	setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
}

void app_process_setup(const struct app *a)
{
	memory_policy();
	compose_cache(a->data_dir);
	session_bus_policy();
}

/* The trace while the first frame is not yet on show: its lines are kept in
 * memory and written when it is, before the first screen's route. What reads the
 * trace (a test's taps) then finds nothing in it before the window is mapped, and
 * no line of what happened meanwhile is lost: the opening hours' state, traced
 * by the first look at the catalog, came before a slow first frame and was gone. */
struct held_trace {
	FILE *file;     /* the trace file, or NULL when there is none */
	FILE *mem;      /* where lines go meanwhile (open_memstream), or NULL */
	char *buf;
	size_t len;
};

static void trace_hold(struct app *a, struct held_trace *h)
{
	memset(h, 0, sizeof(*h));
	h->file = a->trace;
	if (h->file)
		h->mem = open_memstream(&h->buf, &h->len); /* NULL: those lines are lost */
	a->trace = h->mem;
}

static void trace_release(struct app *a, struct held_trace *h)
{
	if (!h->file)
		return;
	if (h->mem && fclose(h->mem) == 0 && h->len) {
		fwrite(h->buf, 1, h->len, h->file);
		fflush(h->file);
	}
	free(h->buf);
	a->trace = h->file;
	memset(h, 0, sizeof(*h));
}

int app_run(struct app *a, const struct app_opts *o, int fullscreen, int w, int h, struct err *e)
{
	struct held_trace held;
	Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
	struct out out = { 0 };
	struct notify nt;
	const char *driver;
	uint32_t last_frame = 0;
	int x, y, redraw_ms = 0;

	notify_init(&nt);
	/* test only: $KIOSK_TEST_REDRAW_MS draws the same frame again that often. A grim
	 * screenshot of cage's headless output (cage 0.1.4, wlroots 0.15, pixman) only
	 * holds a client that committed a frame after grim asked (tests/e2e/t_cage.sh) */
	if (getenv("KIOSK_TEST_REDRAW_MS"))
		redraw_ms = atoi(getenv("KIOSK_TEST_REDRAW_MS"));
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	/* the touch that gives the window the focus is a visitor's touch too: SDL's X11
	 * driver drops a click that comes within 10 ms of a focus change unless told
	 * (SDL_x11events.c, X11_FOCUS_CLICK_TIMEOUT), and with no window manager the
	 * focus follows the pointer, so the first touch on the window was lost */
	SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
	/* no Wayland display named: SDL's Wayland driver would only complain on stderr */
	if (!getenv("SDL_VIDEODRIVER") && !(getenv("WAYLAND_DISPLAY") && *getenv("WAYLAND_DISPLAY")))
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm");
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		/* no fonts is the first thing to fix, as when they loaded before the display */
		if (app_fonts_wait(a, e) < 0)
			return -1;
		return fail(e, ERR_IO, "no display (%s): run it under cage, X11 or on the console (SDL_VIDEODRIVER=kmsdrm), "
			    "or draw screens with 'kiosk shot'", SDL_GetError());
	}
	/* the fonts, loaded while SDL started (app_fonts_start) */
	if (app_fonts_wait(a, e) < 0) {
		SDL_Quit();
		return -1;
	}
	driver = SDL_GetCurrentVideoDriver();
	if (!out_driver_allowed(driver)) {
		fail(e, ERR_IO, "no display: SDL chose its '%s' video driver, where nothing is seen; run under cage, X11 "
		     "or on the console (SDL_VIDEODRIVER=kmsdrm)", driver ? driver : "none");
		SDL_Quit();
		return -1;
	}
	/* no screen saver or blanking while the kiosk runs: it has its own attract loop */
	SDL_DisableScreenSaver();
	out.win = open_window(fullscreen, &x, &y, &w, &h, &flags);
	if (!out.win) {
		fail(e, ERR_IO, "cannot open a window: %s", SDL_GetError());
		SDL_Quit();
		return -1;
	}
	if (out_open(&out, "kiosk", x, y, w, h, flags, e) < 0) {
		out_release(&out);
		SDL_Quit();
		return -1;
	}
	a->keep_frames = out_keeps_pixels(&out);
	a->frame.valid = 0;
	if (fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	a->locked = fullscreen;
	/* the pictures of the first screen are read and decoded once it is drawn */
	image_cache_hold(a->images, 1);
	text_engine_set_renderer(a->text, out.draw, out_target(&out));
	image_cache_set_renderer(a->images, out.draw, out_target(&out));
	out_size(&out, &w, &h);
	app_resize(a, w, h, window_dpi(out.win));
	log_line(LOG_LEVEL_INFO, "started: video driver %s, renderer %s, %dx%d at %.0f dpi%s%s%s", driver, out.how, w,
		 h, a->dpi, fullscreen ? ", fullscreen, keys locked" : "",
		 SDL_ShowCursor(SDL_QUERY) == SDL_DISABLE ? ", pointer hidden" : "",
		 SDL_IsScreenSaverEnabled() ? "" : ", screen saver off");
	if (a->has_pack)
		log_line(LOG_LEVEL_INFO, "pack loaded: %s %s from %s", a->pack.id, a->pack.version, a->data_dir);
	else
		log_line(LOG_LEVEL_WARNING, "no pack to show today in %s", a->data_dir);
	a->last_input = SDL_GetTicks();
	/* the trace names the first screen once it is on show, not before the window is
	 * mapped: what reads the trace (a test's taps) may then touch it */
	trace_hold(a, &held);
	if (app_go(a, o->route ? o->route : "/attract", 0) < 0 && o->route)
		fprintf(stderr, "kiosk: run: no screen for route '%s'\n", o->route);

	while (!a->quit) {
		SDL_Event ev;
		uint32_t now = SDL_GetTicks();
		struct gesture g;
		int wait, ping, still;

		if (gesture_poll(&a->gestures, now, &g))
			app_gesture(a, &g, now);
		wait = app_tick(a, now);
		if (a->dirty) {
			unsigned long long frame_ns = 0, frame_cpu_ns = 0;
			draw_frame(a, &out);
			/* the first frame is on the screen: its time is taken before the picture
			 * thread is let go below, which on one core may run before this thread
			 * does again (opening the pack, loading libzip) */
			if (!last_frame && o->bench_start) {
				frame_ns = now_ns(CLOCK_REALTIME);
				frame_cpu_ns = now_ns(CLOCK_PROCESS_CPUTIME_ID);
			}
			if (!last_frame && held.file) {
				trace_release(a, &held);
				app_trace_route(a);
			}
			if (!last_frame) {
				char status[400];
				snprintf(status, sizeof(status), "showing %s on %s, %s, %dx%d", a->has_pack ? a->pack.id : "no pack",
					 driver, out.how, a->w, a->h);
				notify_ready(&nt, status, SDL_GetTicks());
			}
			if (!last_frame)
				image_cache_hold(a->images, 0);
			if (!last_frame && o->bench_start) {
				/* wall-clock time, for a benchmark that started the clock before exec,
				 * and the CPU time of every thread until then */
				printf("first-frame-realtime-ns %llu cpu-ns %llu\n", frame_ns, frame_cpu_ns);
				fflush(stdout);
				if (!o->bench_frames)
					a->quit = 1;
			}
			if (!last_frame && o->bench_frames) {
				bench_scroll(a, &out, o->bench_frames);
				a->quit = 1;
			}
			if (!last_frame && o->bench_keys) {
				bench_keys(a, &out, o->bench_keys);
				a->quit = 1;
			}
			/* narration, off the path to the first frame: a kiosk without a sound
			 * device runs on without it */
			if (!last_frame && !a->quit && !a->audio)
				app_set_audio(a, audio_open(a->cfg.narration, a->cfg.volume, stderr));
			last_frame = now ? now : 1;
		}
		if (a->quit)
			break;
		if (notify_test_hang(&nt, SDL_GetTicks())) {
			/* test only ($KIOSK_TEST_HANG_AFTER_MS): a main loop that stops answering */
			log_line(LOG_LEVEL_WARNING, "test: the main loop hangs now");
			for (;;)
				SDL_Delay(1000);
		}
		ping = notify_tick(&nt, SDL_GetTicks());
		if (redraw_ms > 0 && (wait < 0 || wait > redraw_ms)) {
			/* test only: a frame every redraw_ms (see below), drawn whole */
			wait = redraw_ms;
			a->dirty = 1;
			a->frame.valid = 0;
		}
		still = wait != 0;
		if (wait == 0) {
			/* animating: the next frame at 60 Hz */
			uint32_t spent = SDL_GetTicks() - last_frame;
			wait = spent >= FRAME_MS ? 1 : (int)(FRAME_MS - spent);
		}
		if (wait < 0)
			wait = 1000;
		if (ping >= 0 && ping < wait)
			wait = ping ? ping : 1;
		/* a still page: the text that scrolling shows next is rendered ahead, a
		 * slice at a time, looking for input between slices */
		if (still && !a->dirty && app_warm(a, now_ns(CLOCK_MONOTONIC) + WARM_SLICE_NS))
			wait = 0;
		if (SDL_WaitEventTimeout(&ev, wait)) {
			handle(a, &out, &ev);
			while (SDL_PollEvent(&ev))
				handle(a, &out, &ev);
		}
		/* a physical keyboard and an input method type into the screen that takes text */
		if (app_wants_text(a) != (SDL_IsTextInputActive() == SDL_TRUE)) {
			if (app_wants_text(a))
				SDL_StartTextInput();
			else
				SDL_StopTextInput();
		}
	}
	log_line(LOG_LEVEL_INFO, "stopped: the window was closed or the kiosk was told to stop");
	notify_stopping(&nt, "the window was closed or the kiosk was told to stop");
	trace_release(a, &held); /* ended before a first frame: app_close closes it */
	/* the screens let go of the player first */
	screen_free(a->screen);
	screen_free(a->overlay);
	a->screen = a->overlay = NULL;
	audio_close(a->audio);
	a->audio = NULL;
	/* the threads that wake this loop with SDL events (the inbox worker, the
	 * watch, the picture decoder) stop before SDL does: SDL_Quit frees the event
	 * queue, and a push into it then writes into freed memory */
	live_close(a);
	image_cache_stop(a->images);
	/* textures belong to the renderer: let the caches drop them first */
	text_engine_set_renderer(a->text, NULL, NULL);
	image_cache_set_renderer(a->images, NULL, NULL);
	out_release(&out);
	SDL_Quit();
	return 0;
}
