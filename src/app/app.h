/* app.h: the kiosk program: what is on show (route, language, text size, scroll),
 * the idle timer, and the window's main loop. `kiosk shot` uses the same state and
 * drawing without a window. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "app/config.h"
#include "core/err.h"
#include "app/router.h"
#include "app/hidden.h"
#include "app/live.h"
#include "app/pin.h"
#include "app/visits.h"
#include "catalog/catalog.h"
#include "ui/gesture.h"
#include "ui/scene.h"
#include "ui/scroller.h"
#include "ui/theme.h"

struct SDL_Renderer;
struct SDL_Window;
struct audio;
struct image_cache;
struct screen;
struct text_engine;

#define APP_HISTORY 32
#define APP_RETRY_MS 1000  /* text left out of a frame for want of memory: drawn again after */

struct app_opts {
	const char *data;        /* --data */
	const char *config;      /* --config */
	const char *lang;        /* --lang: start in this language */
	const char *trace;       /* --trace FILE */
	int high_contrast;
	int text_size;
	int reach;               /* --reach: controls within reach, whatever the config says */
	const char *route;       /* --route: start here instead of the attract screen */
	int bench_frames;        /* --bench-scroll N: scroll N frames, print frame times, quit */
	int bench_start;         /* --bench-start: print the time of the first frame, quit */
	int bench_keys;          /* --bench-keys N: tap N keys on the search screen, print times, quit */
	int follow;              /* kiosk run: start with no pack, follow the catalog (live.h) */
	int fonts_later;         /* kiosk run: app_open calls app_process_setup, then app_fonts_start */
};

/* A place in the history: a route and how far it was scrolled (px). */
struct app_place {
	struct route route;
	float scroll;
};

/* What every screen shares. What belongs to one screen lives in that screen. */
struct app {
	struct config cfg;
	char *data_dir, *packs_dir;
	struct catalog *cat;
	struct catalog_pack pack;
	int has_pack;
	int read_only;             /* DATA is on a read-only file system */
	struct text_engine *text;  /* NULL until the fonts are loaded (app_fonts_wait) */
	struct SDL_Thread *font_thread;
	int font_rc;               /* text_engine_new's result in that thread */
	struct err font_err;       /* and its error */
	struct image_cache *images;
	struct audio *audio;       /* narration (the window only; NULL in a shot) */
	struct theme th;
	struct metrics m;
	int w, h;
	float dpi;

	char lang[16], default_lang[16];
	char langs[8][16];
	int nlangs;
	int text_size, default_text_size;
	int high_contrast, default_contrast;
	int reach, default_reach;  /* controls and reading within reach (config [screen]) */
	int band_top, band_h;      /* px: where the screens are laid out (the reach band, or all) */

	struct screen *screen;     /* what is on show; never NULL once app_go ran */
	struct screen *overlay;    /* the display sheet or the idle prompt over it, or NULL */
	struct app_place history[APP_HISTORY];
	int nhistory;
	struct gesture_state gestures;
	int caught;                /* the current touch stopped a moving page */
	int drag_scrolls;          /* the current touch began on the page, not on a fixed bar */
	int press_fixed;           /* the current touch began on a fixed control (a bar's button) */
	struct rect pressed;       /* that control while the finger is on it (w 0: none): drawn
				    * washed, so that the touch shows it was felt (app_draw) */

	uint32_t last_input;       /* ms */
	FILE *trace;
	uint32_t t0;
	int dirty;
	uint32_t redraw_at;        /* a redraw is due then (0: none) */
	int quit;
	struct app_live live;      /* following the catalog, the clock and the inbox (live.h) */
	/* --fullscreen: no key quits or leaves the kiosk (Ctrl+Q, Escape on the attract
	 * screen); only SDL_QUIT (the compositor closing the window, SIGTERM) ends it */
	int locked;
	/* the technician: the corner gesture, the PIN pad's lock-out (kept while the pad
	 * is closed), the menu unlocked by the right PIN until the visit resets */
	struct hidden_state hidden;
	struct pin_guard pin_guard;
	int unlocked;
	int exit_status;           /* what `kiosk run` exits with (APP_EXIT_RESTART: restart me) */
	time_t dark_until;         /* the technician turned the screen off until then (0: not) */
	int chosen;                /* the visitor chose a->pack from several active ones */
	struct visits visits;      /* visit statistics (visits.h); off unless visits_init ran */
	/* frames drawn in software into pixels that stay (kiosk run's window): only what
	 * changed is drawn again (scene.h, frame_record). keep_frames 0: every frame whole */
	int keep_frames;
	struct frame_record frame;
	int warm;                  /* text near the view may be left to render ahead (app_warm) */
};

/* The exit status that asks the service to start the kiosk again: EX_TEMPFAIL
 * (sysexits.h); the unit restarts on it with Restart=on-failure, while a technician's
 * "leave kiosk mode" exits 0 and stays out. */
#define APP_EXIT_RESTART 75

/* Open the data folder, the catalog and the fonts; -1 with e on failure. */
int app_open(struct app *a, const struct app_opts *o, struct err *e);
void app_close(struct app *a);

/* With app_opts.fonts_later: load the fonts (text_engine_new: fontconfig's
 * configuration, the Korean face opened; 9 ms of a 60 ms start on a 2-core VM) in
 * a thread of their own, while SDL starts the display on this one, which spends
 * half of its 14 ms waiting on the display server. The thread reads the
 * environment: nothing may setenv() until app_fonts_wait. Without a thread (it
 * could not start), app_fonts_wait loads them. */
void app_fonts_start(struct app *a);
/* a->text ready: 0, or -1 with text_engine_new's error (no Korean font, say) in e.
 * Waits for the thread app_fonts_start started, else loads the fonts now. Again
 * after an error: the same error. */
int app_fonts_wait(struct app *a, struct err *e);

/* The window (or picture) size changed: metrics, and the screen rebuilt in place. */
void app_resize(struct app *a, int w, int h, float dpi);
/* Show route (a route string, router.h); push: keep the current one for Back.
 * 0, or -1 when route is not a route or names nothing in the pack: the screen then
 * stays as it was (home when there was none). */
int app_go(struct app *a, const char *route, int push);
int app_go_route(struct app *a, const struct route *r, int push);
/* The route on show, printed into out (size bytes); "" before the first app_go. */
char *app_route_text(const struct app *a, char *out, size_t size);
/* The scene on show and its scroll position, for `kiosk shot` and benchmarks. */
struct scene *app_scene(struct app *a);
struct scroller *app_scroller(struct app *a);
/* The scene that takes touches: the overlay's (sheet, prompt) when one is open, else
 * the screen's; *scroll gets its scroll position (px). */
struct scene *app_top_scene(struct app *a, float *scroll);
void app_set_lang(struct app *a, const char *lang);
/* The narration player, opened once the first frame is on show (a sound server or
 * device can take a tenth of a second to answer, or to be found missing); owned by
 * the app from here (app_run closes it). An exhibit on show is built again, so that
 * its player takes the device, or stops offering Listen when au cannot play. */
void app_set_audio(struct app *a, struct audio *au);
void app_set_text_size(struct app *a, int size);
void app_set_contrast(struct app *a, int high);
void app_set_reach(struct app *a, int on);
/* The display sheet (text size, contrast, reach) over the screen on show. */
void app_open_sheet(struct app *a);
/* An overlay by name, for `kiosk shot --overlay`: "sheet" or "prompt" (the idle
 * prompt at the start of its countdown); -1 for another name. */
int app_open_overlay(struct app *a, const char *name);
/* A raw touch or mouse event from the window, before the gesture recogniser: the
 * technician's corner gesture (hidden.h) takes what is its own, the rest goes on
 * to the gestures and app_gesture. */
void app_input(struct app *a, const struct input_event *ev);
/* The technician's PIN pad over the screen (pinpad.c); the PIN from pin_path(). */
void app_open_pinpad(struct app *a, uint32_t now);
/* A technician menu command (technician.c's ACT_MAINTAIN payloads): "lang:CODE" and
 * "size:N" set the visit's defaults until the kiosk restarts, "screen-off" darkens
 * the screen until the opening hours next begin, "restart" quits with
 * APP_EXIT_RESTART, "exit" quits with 0 when the config's [kiosk] allow_exit is true.
 * Anything else is ignored. (maintain.c) */
void app_maintain(struct app *a, const char *cmd);
/* px the screens are drawn down from the window's top (the reach band's top). */
int app_offset_y(const struct app *a);
/* Build the scene for the current state if it is out of date. */
void app_build(struct app *a);
/* Draw the frame on r: all of it, or with keep_frames only where it differs from the
 * last (a->frame.ndamage and damage[] then say where: -1 all, 0 nowhere). Whoever
 * loses the pixels (a resized or exposed window) sets a->frame.valid to 0. */
void app_draw(struct app *a, struct SDL_Renderer *r);

/* While the page is still (no finger down, not gliding, no sheet over it): render
 * ahead the text that scrolling would show next (scene_warm), until deadline_ns
 * (CLOCK_MONOTONIC, ns). The main loop calls it when it would otherwise wait, in
 * slices of a few ms, so that a touch waits no longer than a slice. Returns 1
 * while more is left to do, 0 when done until the next frame drawn. */
int app_warm(struct app *a, uint64_t deadline_ns);

/* Input and time: what the main loop calls. now in ms. */
void app_gesture(struct app *a, const struct gesture *g, uint32_t now);
void app_key(struct app *a, int key, uint32_t now);
/* Text typed on a physical keyboard or committed by an input method (UTF-8), and an
 * input method's preedit ("" when it ends); for the screen that takes text. */
void app_text(struct app *a, const char *text, uint32_t now);
void app_preedit(struct app *a, const char *text, uint32_t now);
/* 1 when the screen on show takes typed text (letters are then not shortcuts). */
int app_wants_text(const struct app *a);
/* Timers (idle prompt, countdown, slides, animations); returns ms until the next
 * deadline, 0 when a frame is wanted now (animating), -1 for no deadline. */
int app_tick(struct app *a, uint32_t now);

/* `kiosk run`: app_open calls it (app_opts.fonts_later) once the data folder is
 * known, before any other thread starts (it sets the environment): large blocks
 * of memory given back when freed (mallopt M_MMAP_THRESHOLD), and on X11 libX11's
 * parsed compose table kept in DATA/cache/compose (XCOMPOSECACHE; not for root).
 * See run.c for the figures. */
void app_process_setup(const struct app *a);
/* `kiosk run`: the window and its loop until quit. */
int app_run(struct app *a, const struct app_opts *o, int fullscreen, int w, int h, struct err *e);


#endif
