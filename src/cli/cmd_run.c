/* cmd_run.c: `kiosk run`, the visitors' kiosk, and `kiosk shot`, any of its screens
 * drawn into a PNG by the same code, without a display. */
#include "cli.h"
#include "app/app.h"
#include "app/firstrun.h"
#include "app/installer.h"
#include "core/log.h"
#include "core/err.h"
#include "core/buf.h"
#include "media/image.h"
#include "text/text.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_size(const char *s, int *w, int *h)
{
	char x;
	return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 200 && *h >= 200 &&
	       *w <= 16384 && *h <= 16384;
}

static const char run_usage[] =
	"usage: kiosk run [--data DIR] [--config FILE] [--fullscreen | --window WxH] [--lang L]\n"
	"                 [--trace FILE] [--route ROUTE]\n"
	"Open the kiosk on the installed packs. --fullscreen is what an exhibition runs;\n"
	"--window tries a size. --trace appends each route and language change to FILE.\n"
	"Keys: arrows, Page Up/Down, Esc (back), Home, l (language), +/- (text size),\n"
	"c (high contrast), Ctrl+Q (quit a window; --fullscreen locks the keys: no key\n"
	"quits or leaves, SIGTERM or the compositor closing the window ends it). --route\n"
	"starts on a screen other than attract. With no pack installed, the packs in\n"
	"/usr/share/kiosk/packs are installed first.\n"
	"For benchmarks: --bench-start prints when the first frame is shown and quits;\n"
	"--bench-scroll N draws N frames of the page scrolling and prints their times;\n"
	"--bench-keys N taps N keys on the search screen (--route /search) and prints the\n"
	"time from each tap to its frame.\n";

/* A kiosk with no pack installed gets the packs bundled with it (firstrun.h). */
static void first_start(const struct app_opts *o)
{
	struct config cfg;
	struct err e = { 0 };
	char *dir;

	if (config_load(&cfg, o->config, &e) < 0) {
		config_release(&cfg);
		return; /* app_open reports it */
	}
	dir = config_data_dir(&cfg, o->data);
	if (firstrun_install_bundled(&cfg, dir, &e) < 0)
		log_line(LOG_LEVEL_WARNING, "first start: %s", e.msg);
	free(dir);
	config_release(&cfg);
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "fullscreen", no_argument, NULL, 'f' }, { "window", required_argument, NULL, 'w' },
		{ "lang", required_argument, NULL, 'l' }, { "trace", required_argument, NULL, 't' },
		{ "route", required_argument, NULL, 'r' }, { "bench-start", no_argument, NULL, 'B' },
		{ "bench-scroll", required_argument, NULL, 'S' }, { "bench-keys", required_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	struct app_opts o = { 0 };
	struct app a;
	struct err e = { 0 };
	int c, fullscreen = 0, w = 1280, h = 800, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.data = optarg; break;
		case 'c': o.config = optarg; break;
		case 'f': fullscreen = 1; break;
		case 'w':
			if (!parse_size(optarg, &w, &h))
				return cli_usage(run_usage, "run: --window takes WIDTHxHEIGHT, such as 1920x1080");
			break;
		case 'l': o.lang = optarg; break;
		case 't': o.trace = optarg; break;
		case 'r': o.route = optarg; break;
		case 'B': o.bench_start = 1; break;
		case 'S':
			o.bench_frames = atoi(optarg);
			if (o.bench_frames < 10 || o.bench_frames > 100000)
				return cli_usage(run_usage, "run: --bench-scroll takes a number of frames from 10 to 100000");
			break;
		case 'K':
			o.bench_keys = atoi(optarg);
			if (o.bench_keys < 10 || o.bench_keys > 100000)
				return cli_usage(run_usage, "run: --bench-keys takes a number of keys from 10 to 100000");
			break;
		case 'h': fputs(run_usage, stdout); return EXIT_OK;
		default: fputs(run_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(run_usage, "run: takes no arguments");
	o.follow = 1; /* wait for the first pack, follow the catalog, run the inbox */
	o.fonts_later = 1; /* app_open sets the process up, the fonts load while the display starts */
	first_start(&o);
	if (app_open(&a, &o, &e) < 0) {
		app_close(&a);
		return cli_error("run", &e);
	}
	/* what an install or remove cut off (a power cut, a kill) left behind goes now,
	 * where the data folder can be written */
	if (!a.read_only && access(a.data_dir, W_OK) == 0) {
		int n = installer_clean(a.data_dir, &e);
		if (n < 0)
			fprintf(stderr, "kiosk: run: %s\n", e.msg);
		else if (n > 0)
			fprintf(stderr, "kiosk: %s: removed %d file%s left by an interrupted install\n", a.data_dir, n,
				n == 1 ? "" : "s");
	}
	if (!o.bench_start && !o.bench_frames)
		live_start_inbox(&a);
	/* visit statistics: not for benchmarks, nothing when the folder cannot be written */
	visits_init(&a.visits, a.data_dir, o.bench_start || o.bench_frames || o.bench_keys || a.read_only ||
						   access(a.data_dir, W_OK) != 0);
	rc = app_run(&a, &o, fullscreen, w, h, &e) < 0 ? cli_error("run", &e) : a.exit_status;
	app_close(&a);
	return rc;
}

static const char shot_usage[] =
	"usage: kiosk shot --route ROUTE [--lang L] [--size WxH] [--scale F] --out FILE.png\n"
	"                  [--data DIR] [--config FILE] [--pack ID] [--text-size 0-4] [--contrast] [--reach]\n"
	"                  [--overlay sheet|prompt|pinpad|closed]\n"
	"                  [--scroll PX] [--press X,Y] [--check] [--hits] [--items]\n"
	"Draw one screen into a PNG with the kiosk's own code, without a display.\n"
	"Routes: /attract  /  /section/ID  /exhibit/ID  /image/ID/N, in the pack on show, or\n"
	"with --pack in another pack shown today (kiosk search names the pack of each result).\n"
	"--size takes 200x200 to 16384x16384.\n"
	"--check prints layout problems (text overflow, overlap, small touch targets, text\n"
	"under its contrast target) and exits 1 when there are any; --hits prints every\n"
	"touch target as 'x y w h action payload label'. --reach lays the screen out in the\n"
	"band within reach of a seated visitor ([screen] of the config says where it is);\n"
	"--overlay sheet draws the display sheet (text size, contrast, reach) over the\n"
	"screen, --overlay prompt the idle prompt, --overlay pinpad the technician's PIN\n"
	"pad, --overlay closed the closed screen as a touch shows it outside the hours.\n"
	"--items prints the texts and pictures of the screen, one a line, in drawing order.\n"
	"--press X,Y draws the screen with a finger held at window pixel X,Y: the control\n"
	"there (a button, a bar's, a key of the PIN pad) shows that it is pressed.\n";

int cmd_shot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "route", required_argument, NULL, 'r' }, { "lang", required_argument, NULL, 'l' },
		{ "size", required_argument, NULL, 's' }, { "scale", required_argument, NULL, 'S' },
		{ "out", required_argument, NULL, 'o' }, { "text-size", required_argument, NULL, 'T' },
		{ "contrast", no_argument, NULL, 'C' }, { "scroll", required_argument, NULL, 'y' },
		{ "check", no_argument, NULL, 'k' }, { "hits", no_argument, NULL, 'H' },
		{ "reach", no_argument, NULL, 'R' }, { "overlay", required_argument, NULL, 'P' },
		{ "items", no_argument, NULL, 'I' }, { "pack", required_argument, NULL, 'p' },
		{ "press", required_argument, NULL, 'F' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct app_opts o = { 0 };
	const char *route = NULL, *out = NULL, *pack = NULL, *press = NULL;
	struct app a;
	struct err e = { 0 };
	float scale = 1, scroll = 0;
	int c, w = 1920, h = 1080, check = 0, hits = 0, items = 0, rc = EXIT_OK, px = 0, py = 0;
	char tail;
	const char *overlay = NULL;
	SDL_Surface *surf;
	SDL_Renderer *ren;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.data = optarg; break;
		case 'c': o.config = optarg; break;
		case 'r': route = optarg; break;
		case 'l': o.lang = optarg; break;
		case 's':
			if (!parse_size(optarg, &w, &h))
				return cli_usage(shot_usage, "shot: --size takes WIDTHxHEIGHT from 200x200 to 16384x16384, such as 390x844");
			break;
		case 'S': scale = strtof(optarg, NULL); break;
		case 'o': out = optarg; break;
		case 'T': o.text_size = atoi(optarg); break;
		case 'C': o.high_contrast = 1; break;
		case 'R': o.reach = 1; break;
		case 'P': overlay = optarg; break;
		case 'I': items = 1; break;
		case 'p': pack = optarg; break;
		case 'y': scroll = strtof(optarg, NULL); break;
		case 'F': press = optarg; break;
		case 'k': check = 1; break;
		case 'H': hits = 1; break;
		case 'h': fputs(shot_usage, stdout); return EXIT_OK;
		default: fputs(shot_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc || !route || (!out && !check && !hits && !items))
		return cli_usage(shot_usage, "shot: give --route and --out (or --check / --hits)");
	if (scale < 0.5f || scale > 4 || o.text_size < 0 || o.text_size >= TEXT_SIZES)
		return cli_usage(shot_usage, "shot: --scale takes 0.5 to 4, --text-size 0 (100%%) to 4 (200%%)");
	if (press && (sscanf(press, "%d,%d%c", &px, &py, &tail) != 2 || px < 0 || py < 0 || px >= w || py >= h))
		return cli_usage(shot_usage, "shot: --press takes X,Y, a pixel of the window, such as 60,45");
	if (app_open(&a, &o, &e) < 0) {
		app_close(&a);
		return cli_error("shot", &e);
	}
	surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	if (!ren) {
		fprintf(stderr, "kiosk: shot: cannot draw: %s\n", SDL_GetError());
		app_close(&a);
		return EXIT_FAIL;
	}
	text_engine_set_renderer(a.text, ren, surf);
	image_cache_set_renderer(a.images, ren, surf);
	app_resize(&a, w, h, 96 * scale);
	/* the technician menu is drawn without its PIN: a picture opens nothing */
	a.unlocked = 1;
	if (pack && live_choose_pack(&a, pack) < 0) {
		fprintf(stderr, "kiosk: shot: --pack %s: no such pack is shown today (kiosk pack list)\n", pack);
		rc = EXIT_FAIL;
	} else if (app_go(&a, route, 0) < 0) {
		fprintf(stderr, "kiosk: shot: no screen for route '%s' in the pack %s%s\n", route,
			a.has_pack ? a.pack.id : "on show", pack ? "" : " (another pack: --pack ID)");
		rc = EXIT_FAIL;
	}
	if (overlay && rc == EXIT_OK && app_open_overlay(&a, overlay) < 0) {
		fprintf(stderr, "kiosk: shot: no overlay '%s' (sheet, prompt, pinpad or closed)\n", overlay);
		rc = EXIT_FAIL;
	}
	if (scroll) {
		app_scroller(&a)->pos = scroll;
		scroller_set_range(app_scroller(&a), app_scroller(&a)->max);
	}
	if (press && rc == EXIT_OK) {
		/* the screen built (its touch targets), then the finger put down on it */
		struct gesture g = { .kind = GESTURE_PRESS, .x = (float)px, .y = (float)py };
		app_build(&a);
		app_gesture(&a, &g, SDL_GetTicks());
	}
	if (rc == EXIT_OK && out) {
		/* every picture on the screen decoded first: a shot shows the finished screen */
		app_draw(&a, ren);
		image_cache_wait(a.images);
		app_draw(&a, ren);
		SDL_RenderPresent(ren);
		if (image_save_png(surf, out, &e) < 0) {
			fprintf(stderr, "kiosk: shot: %s: %s\n", out, e.msg);
			rc = EXIT_FAIL;
		}
	}
	if (rc == EXIT_OK && hits) {
		float top_scroll;
		const struct scene *sc = app_top_scene(&a, &top_scroll);
		for (size_t i = 0; i < sc->nhits; i++) {
			const struct scene_hit *hh = &sc->hits[i];
			int y = hh->r.y - (hh->scroll ? (int)top_scroll : 0) + app_offset_y(&a);
			printf("%d %d %d %d %d %s %s\n", hh->r.x, y, hh->r.w, hh->r.h, hh->action,
			       hh->payload ? hh->payload : "-", hh->label);
		}
	}
	if (rc == EXIT_OK && items) {
		float top_scroll;
		const struct scene *sc = app_top_scene(&a, &top_scroll);
		for (size_t i = 0; i < sc->nitems; i++) {
			const struct scene_item *it = &sc->items[i];
			if (it->kind == ITEM_TEXT)
				printf("text '%s' %d %d %d %d\n", it->text.text, it->r.x, it->r.y, it->r.w, it->text.height);
			else if (it->kind == ITEM_IMAGE)
				printf("image %s %d %d %d %d\n", it->entry, it->r.x, it->r.y, it->r.w, it->r.h);
		}
	}
	if (rc == EXIT_OK && check) {
		struct buf problems = BUF_INIT;
		float top_scroll;
		if (scene_check(app_top_scene(&a, &top_scroll), a.m.target, &a.th, &problems)) {
			fprintf(stderr, "%s", problems.data);
			rc = EXIT_FAIL;
		}
		buf_release(&problems);
	}
	text_engine_set_renderer(a.text, NULL, NULL);
	image_cache_set_renderer(a.images, NULL, NULL);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	app_close(&a);
	return rc;
}
