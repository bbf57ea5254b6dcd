/* app.h: the kiosk program: what is on show (route, language, text size, scroll),
 * the idle timer, and the window's main loop. `kiosk shot` uses the same state and
 * drawing without a window. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <stdint.h>
#include <stdio.h>

#include "app/config.h"
#include "catalog/catalog.h"
#include "ui/gesture.h"
#include "ui/scene.h"
#include "ui/scroller.h"
#include "ui/theme.h"

struct SDL_Renderer;
struct SDL_Window;
struct image_cache;
struct text_engine;

#define APP_HISTORY 32
#define APP_SLIDE_MS 8000
#define APP_RETRY_MS 1000  /* text left out of a frame for want of memory: drawn again after */

struct app_opts {
	const char *data;        /* --data */
	const char *config;      /* --config */
	const char *lang;        /* --lang: start in this language */
	const char *trace;       /* --trace FILE */
	int high_contrast;
	int text_size;
	const char *route;       /* --route: start here instead of the attract screen */
	int bench_frames;        /* --bench-scroll N: scroll N frames, print frame times, quit */
	int bench_start;         /* --bench-start: print the time of the first frame, quit */
};

struct app {
	struct config cfg;
	char *data_dir, *packs_dir;
	struct catalog *cat;
	struct catalog_pack pack;
	int has_pack;
	int read_only;             /* DATA is on a read-only file system */
	struct text_engine *text;
	struct image_cache *images;
	struct theme th;
	struct metrics m;
	int w, h;
	float dpi;

	char lang[16], default_lang[16];
	char langs[8][16];
	int nlangs;
	int text_size, default_text_size;
	int high_contrast, default_contrast;

	char route[256];
	char history[APP_HISTORY][256];
	float history_scroll[APP_HISTORY];
	int nhistory;
	struct scene scene;
	int built;
	struct scroller scroll;
	struct gesture_state gestures;
	int caught;                /* the current touch stopped a moving page */
	int slide;
	uint32_t slide_t;
	float zoom, pan_x, pan_y;  /* the image viewer */

	uint32_t last_input;
	int prompt;                /* the idle prompt is up */
	uint32_t prompt_t;
	int prompt_left;
	struct scene prompt_scene;

	FILE *trace;
	uint32_t t0;
	int dirty;
	uint32_t redraw_at;        /* a redraw is due then (0: none) */
	int quit;
	/* --fullscreen: no key quits or leaves the kiosk (Ctrl+Q, Escape on the attract
	 * screen); only SDL_QUIT (the compositor closing the window, SIGTERM) ends it */
	int locked;
};

/* Open the data folder, the catalog and the fonts; -1 with e on failure. */
int app_open(struct app *a, const struct app_opts *o, struct err *e);
void app_close(struct app *a);

/* The window (or picture) size changed: metrics, and the screen rebuilt in place. */
void app_resize(struct app *a, int w, int h, float dpi);
/* Show route; push: keep the current one for Back. An unknown route goes home. */
void app_go(struct app *a, const char *route, int push);
void app_set_lang(struct app *a, const char *lang);
void app_set_text_size(struct app *a, int size);
void app_set_contrast(struct app *a, int high);
/* Build the scene for the current state if it is out of date. */
void app_build(struct app *a);
void app_draw(struct app *a, struct SDL_Renderer *r);

/* Input and time: what the main loop calls. now in ms. */
void app_gesture(struct app *a, const struct gesture *g, uint32_t now);
void app_key(struct app *a, int key, uint32_t now);
/* Timers (idle prompt, countdown, slides, animations); returns ms until the next
 * deadline, 0 when a frame is wanted now (animating), -1 for no deadline. */
int app_tick(struct app *a, uint32_t now);

/* `kiosk run`: the window and its loop until quit. */
int app_run(struct app *a, const struct app_opts *o, int fullscreen, int w, int h, struct err *e);

/* App keys, mapped from SDL keys by app_run. */
enum app_key {
	KEY_UP = 1, KEY_DOWN, KEY_PAGE_UP, KEY_PAGE_DOWN, KEY_LEFT, KEY_RIGHT, KEY_ESCAPE,
	KEY_HOME, KEY_LANG, KEY_BIGGER, KEY_SMALLER, KEY_CONTRAST, KEY_QUIT
};

#endif
