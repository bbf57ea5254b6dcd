/* app.c: the kiosk's state and how input and time change it. No window here:
 * run.c owns the window and feeds this; shot uses it without one. */
#include "app.h"
#include "app_internal.h"
#include "installer.h"
#include "media/audio.h"
#include "schedule.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "screens/screen.h"
#include "text/text.h"
#include "ui/assets.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IMAGE_BUDGET (48u << 20)

void app_apply(struct app *a, const struct screen_reply *r);
static void show_closed(struct app *a);

void app_trace(struct app *a, const char *what, const char *value)
{
	if (!a->trace)
		return;
	fprintf(a->trace, "%u %s %s\n", SDL_GetTicks() - a->t0, what, value);
	fflush(a->trace);
}

static void wake(void *ctx)
{
	SDL_Event ev;

	(void)ctx;
	memset(&ev, 0, sizeof(ev));
	ev.type = SDL_USEREVENT;
	SDL_PushEvent(&ev);
}

int app_open(struct app *a, const struct app_opts *o, struct err *e)
{
	memset(a, 0, sizeof(*a));
	a->t0 = SDL_GetTicks();
	if (config_load(&a->cfg, o->config, e) < 0)
		return -1;
	{
		/* the interface's words and keyboards: without them, one line now */
		char dir[4096];
		if (assets_find(dir, sizeof(dir), e) < 0)
			return -1;
	}
	a->data_dir = config_data_dir(&a->cfg, o->data);
	a->packs_dir = xasprintf("%s/packs", a->data_dir);
	if (o->fonts_later) {
		/* the process's settings first (XCOMPOSECACHE goes into the environment,
		 * which the fonts' thread reads); then the fonts load while the catalog
		 * opens here and SDL starts the display (app_run) */
		app_process_setup(a);
		app_fonts_start(a);
	}
	/* the catalog, what is on show today and its languages (live.c) */
	if (live_open(a, o->follow, e) < 0)
		return -1;
	if (!o->fonts_later && app_fonts_wait(a, e) < 0)
		return -1;
	if (image_cache_new(&a->images, IMAGE_BUDGET, wake, a) < 0)
		return fail(e, ERR_IO, "cannot start the image loader");

	if (o->lang) {
		int ok = 0;
		for (int i = 0; i < a->nlangs; i++)
			ok |= !strcmp(a->langs[i], o->lang);
		if (!ok)
			return fail(e, ERR_USAGE, "language '%s' is not in the pack (it has %s)", o->lang,
				    a->has_pack ? a->pack.languages : "none");
		snprintf(a->lang, sizeof(a->lang), "%s", o->lang);
	}
	a->default_text_size = a->text_size = o->text_size;
	a->default_contrast = a->high_contrast = o->high_contrast;
	a->default_reach = a->reach = o->reach || a->cfg.reach;
	theme_init(&a->th, a->high_contrast);
	if (o->trace) {
		a->trace = fopen(o->trace, "a");
		if (!a->trace)
			return fail(e, ERR_IO, "%s: cannot open the trace file", o->trace);
	}
	return 0;
}

static int load_fonts(void *arg)
{
	struct app *a = arg;

	a->font_rc = text_engine_new(&a->text, &a->font_err);
	return 0;
}

void app_fonts_start(struct app *a)
{
	if (!a->text && !a->font_thread && !a->font_rc)
		a->font_thread = SDL_CreateThread(load_fonts, "kiosk-fonts", a);
}

int app_fonts_wait(struct app *a, struct err *e)
{
	if (a->font_thread) {
		SDL_WaitThread(a->font_thread, NULL);
		a->font_thread = NULL;
	} else if (!a->text && !a->font_rc) {
		load_fonts(a);
	}
	if (a->font_rc < 0) {
		*e = a->font_err;
		return -1;
	}
	return 0;
}

void app_close(struct app *a)
{
	if (a->font_thread)
		SDL_WaitThread(a->font_thread, NULL);
	visits_release(&a->visits, a->screen ? &a->screen->route : NULL, a->lang, schedule_now()); /* visit statistics */
	live_close(a);
	screen_free(a->screen);
	screen_free(a->overlay);
	frame_record_release(&a->frame);
	if (a->images)
		image_cache_free(a->images);
	if (a->text)
		text_engine_free(a->text);
	catalog_close(a->cat);
	if (a->trace)
		fclose(a->trace);
	config_release(&a->cfg);
	free(a->data_dir);
	free(a->packs_dir);
	memset(a, 0, sizeof(*a));
}

static const char *next_lang(const struct app *a)
{
	for (int i = 0; i < a->nlangs; i++)
		if (!strcmp(a->langs[i], a->lang))
			return a->nlangs > 1 ? a->langs[(i + 1) % a->nlangs] : NULL;
	return a->nlangs > 1 ? a->langs[0] : NULL;
}

/* The reach band of the window: rows 380 to 1220 mm from the floor (ISO 21542;
 * Smithsonian Guidelines for Accessible Exhibition Design), from the config's
 * [screen] bottom_mm and height_mm (else the height at the DPI). Fills top and h
 * (px; may be NULL) and returns 1 when the band is shorter than the window. The
 * band keeps at least a third of the window, so a screen always fits in it. */
static int reach_band(const struct app *a, int *top, int *h)
{
	float dpi = a->dpi > 0 ? a->dpi : 96, hmm = a->cfg.screen_height_mm;
	float px_mm, low, high;
	int t, b;

	if (hmm <= 0)
		hmm = a->h * 25.4f / dpi;
	px_mm = a->h / hmm;
	/* rows from the top: the window's top edge is bottom_mm + hmm above the floor */
	high = (a->cfg.screen_bottom_mm + hmm - 1220) * px_mm;
	low = (a->cfg.screen_bottom_mm + hmm - 380) * px_mm;
	t = high > 0 ? (int)(high + 0.5f) : 0;
	b = low < a->h ? (int)(low + 0.5f) : a->h;
	if (b - t < a->h / 3) {
		b = a->h;
		t = b - a->h / 3 > 0 ? b - a->h / 3 : 0;
	}
	if (top)
		*top = t;
	if (h)
		*h = b - t;
	return t > 0 || b < a->h;
}

/* Where screens are laid out now: the band when reach is on, else the window. */
static void place_screens(struct app *a)
{
	a->band_top = 0;
	a->band_h = a->h;
	if (a->reach)
		reach_band(a, &a->band_top, &a->band_h);
	metrics_compute(&a->m, a->w, a->band_h, a->dpi, a->text_size);
}

int app_offset_y(const struct app *a)
{
	return a->band_top;
}

void app_ctx(struct app *a, struct screen_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->cat = a->cat;
	c->text = a->text;
	c->th = &a->th;
	c->m = &a->m;
	c->packs_dir = a->packs_dir;
	c->pack = a->has_pack ? &a->pack : NULL;
	c->lang = a->lang;
	c->next_lang = next_lang(a);
	c->langs = a->has_pack ? a->pack.languages : "en";
	c->can_back = a->nhistory > 0;
	c->text_size = a->text_size;
	c->high_contrast = a->high_contrast;
	c->reach = a->reach;
	c->can_reach = reach_band(a, NULL, NULL);
	c->read_only = a->read_only;
	c->audio = a->audio;
	c->narration = a->cfg.narration;
	c->now = SDL_GetTicks();
	c->data_dir = a->data_dir;
	c->cfg = &a->cfg;
	c->started = a->t0;
	c->default_lang = a->default_lang;
	c->default_text_size = a->default_text_size;
	c->active = (const char (*)[128])a->live.active;
	c->nactive = a->live.nactive;
	c->chosen = a->chosen;
}

char *app_route_text(const struct app *a, char *out, size_t size)
{
	if (!a->screen) {
		if (size)
			out[0] = 0;
		return out;
	}
	return route_format(&a->screen->route, out, size);
}

struct scene *app_scene(struct app *a)
{
	return &a->screen->scene;
}

struct scene *app_top_scene(struct app *a, float *scroll)
{
	if (a->overlay) {
		*scroll = 0;
		return &a->overlay->scene;
	}
	*scroll = a->screen->scroll.pos;
	return &a->screen->scene;
}

struct scroller *app_scroller(struct app *a)
{
	return &a->screen->scroll;
}

void app_trace_route(struct app *a)
{
	char text[ROUTE_TEXT_MAX];

	app_trace(a, "route", app_route_text(a, text, sizeof(text)));
}

/* Where the reader is in the page: the anchor above the top of the view and how far
 * below it; *anchor is (size_t)-1 when the view is above the first anchor (the top
 * of the page, a title before the body), where the scroll position itself is kept. */
static void place_of(const struct screen *s, size_t *anchor, float *below)
{
	float top = s->scene.view.y + s->scroll.pos;

	*anchor = (size_t)-1;
	*below = 0;
	for (size_t i = 0; i < s->scene.nanchors; i++)
		if (s->scene.anchors[i] <= top) {
			*anchor = i;
			*below = top - s->scene.anchors[i];
		}
}

static void set_screen(struct app *a, struct screen *s)
{
	/* visit statistics */
	visits_route(&a->visits, a->screen ? &a->screen->route : NULL, &s->route, a->lang, schedule_now());
	screen_free(a->screen);
	a->screen = s;
	text_engine_next_epoch(a->text);
	app_trace_route(a);
}

/* The home screen, or the empty notice when even that cannot be had. */
static void fall_back_home(struct app *a)
{
	struct screen_ctx c;
	struct route home;
	struct err e = { 0 };
	struct screen *s = NULL;

	app_ctx(a, &c);
	if (screen_new(&s, route_make(&home, ROUTE_HOME, NULL, 0, NULL), &c, &e) < 0 ||
	    screen_build(s, &c, a->w, a->band_h, &e) < 0) {
		screen_free(s);
		s = xcalloc(1, sizeof(*s));
		s->cls = &screen_empty_class;
		s->created = 1;
		s->route = home;
		scene_init(&s->scene, a->w, a->band_h);
		scroller_init(&s->scroll);
		screen_build(s, &c, a->w, a->band_h, &e);
	}
	a->nhistory = 0;
	set_screen(a, s);
}

static void rebuild_overlay(struct app *a)
{
	struct screen_ctx c;
	struct err e = { 0 };

	if (!a->overlay)
		return;
	app_ctx(a, &c);
	screen_build(a->overlay, &c, a->w, a->band_h, &e);
	a->dirty = 1;
}

/* Build the screen on show again (size, language, text size or its state changed);
 * keep_place: keep the reader at the same paragraph. */
static void rebuild(struct app *a, int keep_place)
{
	struct screen *s = a->screen;
	struct screen_ctx c;
	struct err e = { 0 };
	size_t anchor = 0;
	float below = 0, old_pos;
	int had;

	if (!s)
		return;
	had = s->built && keep_place;
	old_pos = s->scroll.pos;
	if (had)
		place_of(s, &anchor, &below);
	app_ctx(a, &c);
	text_engine_next_epoch(a->text);
	if (screen_build(s, &c, a->w, a->band_h, &e) < 0) {
		if (e.code == ERR_NOMEM) {
			/* short of memory for a moment: a blank page, and the same screen again soon */
			char text[ROUTE_TEXT_MAX];
			fprintf(stderr, "kiosk: %s: %s; tried again in %d s\n", app_route_text(a, text, sizeof(text)),
				e.msg, APP_RETRY_MS / 1000);
			scene_rect(&s->scene, (struct rect){ 0, 0, a->w, a->band_h }, a->th.bg, 0);
			a->redraw_at = SDL_GetTicks() + APP_RETRY_MS;
			a->dirty = 1;
			return;
		}
		/* what the screen showed is gone (a pack changed): home */
		char text[ROUTE_TEXT_MAX];
		fprintf(stderr, "kiosk: %s: %s\n", app_route_text(a, text, sizeof(text)), e.msg);
		fall_back_home(a);
		s = a->screen;
		had = 0;
	}
	scroller_set_range(&s->scroll, s->scene.view.w ? (float)(s->scene.content_h - s->scene.view.h) : 0);
	if (had) {
		float pos = old_pos;
		if (anchor < s->scene.nanchors) {
			float next = anchor + 1 < s->scene.nanchors ? (float)s->scene.anchors[anchor + 1] : 1e9f;
			float y = s->scene.anchors[anchor] + below;
			pos = (y < next ? y : next) - s->scene.view.y;
		}
		s->scroll.pos = pos;
		scroller_set_range(&s->scroll, s->scroll.max);
	}
	rebuild_overlay(a);
	a->dirty = 1;
}

void app_build(struct app *a)
{
	if (a->screen && !a->screen->built)
		rebuild(a, 0);
}

void app_resize(struct app *a, int w, int h, float dpi)
{
	a->frame.valid = 0;
	a->w = w;
	a->h = h;
	a->dpi = dpi;
	place_screens(a);
	gesture_init(&a->gestures, (dpi > 0 ? dpi : 96) * 2.0f / 25.4f);
	scene_fit_caches(a->images, a->text, w, h);
	hidden_init(&a->hidden, (dpi > 0 ? dpi : 96) * HIDDEN_CORNER_MM / 25.4f);
	if (a->screen && a->screen->built)
		rebuild(a, 1);
}

int app_go_route(struct app *a, const struct route *r, int push)
{
	struct screen_ctx c;
	struct err e = { 0 };
	struct screen *s = NULL;
	int had = a->nhistory, short_of_memory = 0;
	char text[ROUTE_TEXT_MAX];

	if (a->screen && a->screen->built && route_equal(&a->screen->route, r))
		return 0;
	/* the technician menu only after the right PIN (kiosk shot unlocks it for pictures) */
	if (r->kind == ROUTE_TECHNICIAN && !a->unlocked)
		goto refused;
	app_ctx(a, &c);
	if (screen_new(&s, r, &c, &e) < 0) {
		if (e.code != ERR_NOMEM)
			goto refused;
		/* short of memory for a moment: the screen comes when there is some again */
		s = screen_new_later(r, &c);
		if (!s)
			goto refused;
		short_of_memory = 1;
	}
	/* the place left goes into the history first: the new screen's bar offers Back */
	if (push && a->screen && a->screen->route.kind != ROUTE_ATTRACT) {
		if (a->nhistory == APP_HISTORY) {
			memmove(a->history, a->history + 1, sizeof(a->history[0]) * (APP_HISTORY - 1));
			a->nhistory--;
			had--;
		}
		a->history[a->nhistory].route = a->screen->route;
		a->history[a->nhistory++].scroll = a->screen->scroll.pos;
	}
	app_ctx(a, &c);
	if (!short_of_memory && screen_build(s, &c, a->w, a->band_h, &e) < 0) {
		if (e.code != ERR_NOMEM) {
			a->nhistory = had < 0 ? 0 : had;
			goto refused;
		}
		short_of_memory = 1;
	}
	set_screen(a, s);
	if (short_of_memory) {
		/* a blank page of the right colour, and the same screen again soon */
		fprintf(stderr, "kiosk: %s: %s; tried again in %d s\n", route_format(r, text, sizeof(text)),
			e.msg[0] ? e.msg : "out of memory", APP_RETRY_MS / 1000);
		s->built = 0;
		scene_release(&s->scene);
		scene_init(&s->scene, a->w, a->band_h);
		scene_rect(&s->scene, (struct rect){ 0, 0, a->w, a->band_h }, a->th.bg, 0);
		a->redraw_at = SDL_GetTicks() + APP_RETRY_MS;
		a->dirty = 1;
		return 0;
	}
	scroller_set_range(&s->scroll, s->scene.view.w ? (float)(s->scene.content_h - s->scene.view.h) : 0);
	if (s->scene.focus_y >= 0 && s->scene.view.w) {
		s->scroll.pos = (float)(s->scene.focus_y - s->scene.view.y);
		scroller_set_range(&s->scroll, s->scroll.max);
	}
	a->dirty = 1;
	return 0;
refused:
	screen_free(s);
	if (!a->screen)
		fall_back_home(a);
	return -1;
}

int app_go(struct app *a, const char *text, int push)
{
	struct route r;

	if (route_parse(text, &r) < 0) {
		if (!a->screen)
			fall_back_home(a);
		return -1;
	}
	return app_go_route(a, &r, push);
}

void app_go_back(struct app *a)
{
	struct app_place p;

	if (!a->nhistory)
		return;
	p = a->history[--a->nhistory];
	if (app_go_route(a, &p.route, 0) == 0) {
		a->screen->scroll.pos = p.scroll;
		scroller_set_range(&a->screen->scroll, a->screen->scroll.max);
	}
}

void app_go_home(struct app *a)
{
	struct route home;

	a->nhistory = 0;
	app_go_route(a, route_make(&home, ROUTE_HOME, NULL, 0, NULL), 0);
}

void app_set_lang(struct app *a, const char *lang)
{
	if (!strcmp(a->lang, lang))
		return;
	snprintf(a->lang, sizeof(a->lang), "%s", lang);
	app_trace(a, "lang", a->lang);
	rebuild(a, 1);
}

void app_set_audio(struct app *a, struct audio *au)
{
	a->audio = au;
	/* an exhibit built before the sound device was asked for offered Listen on
	 * trust, and its player holds no device yet */
	if (a->screen && a->screen->built && a->screen->route.kind == ROUTE_EXHIBIT)
		rebuild(a, 1);
}

void app_set_text_size(struct app *a, int size)
{
	a->text_size = size;
	place_screens(a);
	rebuild(a, 1);
}

void app_set_contrast(struct app *a, int high)
{
	a->high_contrast = high;
	theme_init(&a->th, high);
	rebuild(a, 1);
}

void app_set_reach(struct app *a, int on)
{
	a->reach = on;
	place_screens(a);
	rebuild(a, 1);
}

static void close_overlay(struct app *a)
{
	screen_free(a->overlay);
	a->overlay = NULL;
	a->dirty = 1;
}

/* Open an overlay of class cls over the screen, in place of any other. */
static struct screen *open_overlay(struct app *a, const struct screen_class *cls)
{
	struct screen *p = xcalloc(1, sizeof(*p));

	screen_free(a->overlay);
	p->cls = cls;
	route_make(&p->route, ROUTE_NONE, NULL, 0, NULL);
	p->state = cls->state_size ? xcalloc(1, cls->state_size) : NULL;
	p->created = 1; /* an overlay's state is set by its start function, not by create */
	scene_init(&p->scene, 0, 0);
	scroller_init(&p->scroll);
	a->overlay = p;
	return p;
}

void app_open_sheet(struct app *a)
{
	open_overlay(a, &screen_settings_class);
	app_trace(a, "sheet", "display");
	rebuild_overlay(a);
}

static void open_prompt(struct app *a, uint32_t now)
{
	screen_prompt_start(open_overlay(a, &screen_prompt_class), a->cfg.prompt_seconds, now);
	app_trace(a, "idle", "prompt");
	rebuild_overlay(a);
}

void app_open_pinpad(struct app *a, uint32_t now)
{
	char hash[PIN_HASH_MAX] = "", *path = pin_path(&a->cfg);
	struct err e = { 0 };
	int has = pin_load(path, hash, &e);

	if (has < 0)
		fprintf(stderr, "kiosk: technician: %s\n", e.msg);
	free(path);
	screen_pinpad_start(open_overlay(a, &screen_pinpad_class), hash, has, &a->pin_guard, now);
	memset(hash, 0, sizeof(hash));
	app_trace(a, "technician", has > 0 ? "pinpad" : "no-pin");
	rebuild_overlay(a);
}

int app_open_overlay(struct app *a, const char *name)
{
	if (!strcmp(name, "sheet"))
		app_open_sheet(a);
	else if (!strcmp(name, "prompt"))
		open_prompt(a, SDL_GetTicks());
	else if (!strcmp(name, "pinpad"))
		app_open_pinpad(a, SDL_GetTicks());
	else if (!strcmp(name, "closed")) {
		/* the closed screen as a touch shows it (a screen, not an overlay) */
		show_closed(a);
		screen_closed_show(a->screen, SDL_GetTicks());
		rebuild(a, 0);
	}
	else
		return -1;
	return 0;
}

/* Everything back as a visitor who just arrived would find it. */
static void reset_visit(struct app *a)
{
	struct route attract;

	visits_end(&a->visits, a->screen ? &a->screen->route : NULL, a->lang, schedule_now()); /* visit statistics */
	close_overlay(a);
	a->nhistory = 0;
	a->unlocked = 0;
	if (a->chosen) {
		/* the next visitor starts from the chooser, with the first pack on attract */
		a->chosen = 0;
		if (a->live.nactive)
			live_choose_pack(a, a->live.active[0]);
	}
	if (strcmp(a->lang, a->default_lang)) {
		snprintf(a->lang, sizeof(a->lang), "%s", a->default_lang);
		app_trace(a, "lang", a->lang);
	}
	a->text_size = a->default_text_size;
	a->high_contrast = a->default_contrast;
	a->reach = a->default_reach;
	theme_init(&a->th, a->high_contrast);
	place_screens(a);
	if (app_go_route(a, route_make(&attract, ROUTE_ATTRACT, NULL, 0, NULL), 0) == 0 &&
	    !a->screen->built)
		rebuild(a, 0);
}

/* Do what a touch target (or a screen's reply) says. */
void app_act(struct app *a, int action, const char *payload)
{
	switch (action) {
	case ACT_ROUTE:
		if (payload)
			app_go(a, payload, 1);
		break;
	case ACT_STEP:
		if (payload)
			app_go(a, payload, 0);
		break;
	case ACT_BACK:
		app_go_back(a);
		break;
	case ACT_HOME:
	case ACT_BEGIN:
		app_go_home(a);
		break;
	case ACT_LANG: {
		const char *n = next_lang(a);
		if (n)
			app_set_lang(a, n);
		break;
	}
	case ACT_SEARCH:
		app_go(a, "/search", 1);
		break;
	case ACT_TEXT_SIZE:
		if (payload)
			app_set_text_size(a, atoi(payload) % TEXT_SIZES);
		else
			app_open_sheet(a);
		break;
	case ACT_CONTRAST:
		if (payload)
			app_set_contrast(a, atoi(payload) != 0);
		break;
	case ACT_REACH:
		if (payload)
			app_set_reach(a, atoi(payload) != 0);
		break;
	case ACT_CLOSE:
		if (a->overlay && (a->overlay->cls == &screen_settings_class || a->overlay->cls == &screen_pinpad_class))
			close_overlay(a);
		break;
	case ACT_UNLOCK:
		/* the right PIN: the menu in place of whatever was on show */
		close_overlay(a);
		a->unlocked = 1;
		a->nhistory = 0;
		app_trace(a, "technician", "unlocked");
		app_go(a, "/technician", 0);
		break;
	case ACT_PACK:
		if (payload) {
			char id[128], route[ROUTE_TEXT_MAX] = "/";
			size_t n = strcspn(payload, " ");
			snprintf(id, sizeof(id), "%.*s", (int)(n < sizeof(id) ? n : sizeof(id) - 1), payload);
			if (payload[n])
				snprintf(route, sizeof(route), "%s", payload + n + 1);
			if (live_choose_pack(a, id) == 0) {
				a->chosen = 1;
				a->nhistory = 0;
				if (a->screen)
					a->screen->built = 0; /* the same route in another pack is another screen */
				app_go(a, route, 0);
			}
		}
		break;
	case ACT_MAINTAIN:
		if (payload && a->unlocked)
			app_maintain(a, payload);
		break;
	case ACT_CONTINUE:
		if (a->overlay) {
			close_overlay(a);
			app_trace(a, "idle", "continue");
		}
		break;
	case ACT_RESET:
		app_trace(a, "idle", "reset");
		reset_visit(a);
		break;
	default:
		break;
	}
}

void app_apply(struct app *a, const struct screen_reply *r)
{
	if (r->trace[0])
		app_trace(a, "screen", r->trace);
	if (!strncmp(r->trace, "narration listen ", 17))
		visits_narration(&a->visits); /* visit statistics */
	if (r->rebuild)
		rebuild(a, 1);
	if (r->redraw)
		a->dirty = 1;
	if (r->action)
		app_act(a, r->action, r->payload[0] ? r->payload : NULL);
}

static int closed_now(struct app *a)
{
	if (a->unlocked)
		return 0;
	if (a->dark_until) {
		if (schedule_now() < a->dark_until)
			return 1;
		a->dark_until = 0;
	}
	return a->live.follow && a->live.told && !a->live.open;
}

/* The closed screen (closed.c) in place of everything: black until a touch. */
static void show_closed(struct app *a)
{
	struct screen_ctx c;
	struct screen *s = xcalloc(1, sizeof(*s));
	struct err e = { 0 };

	close_overlay(a);
	a->nhistory = 0;
	s->cls = &screen_closed_class;
	s->created = 1;
	route_make(&s->route, ROUTE_NONE, NULL, 0, NULL);
	s->state = xcalloc(1, screen_closed_class.state_size);
	scene_init(&s->scene, 0, 0);
	scroller_init(&s->scroll);
	app_ctx(a, &c);
	screen_build(s, &c, a->w, a->band_h, &e);
	set_screen(a, s);
	app_trace(a, "screen", "dark");
	a->dirty = 1;
}

static void sooner(int *wait, int next)
{
	if (next >= 0 && (*wait < 0 || next < *wait))
		*wait = next;
}

/* Tick screen s; returns its next deadline. */
static int tick_screen(struct app *a, struct screen *s, uint32_t now)
{
	struct screen_ctx c;
	struct screen_reply r;
	int next;

	if (!s || !s->cls->tick)
		return -1;
	memset(&r, 0, sizeof(r));
	app_ctx(a, &c);
	next = s->cls->tick(s, &c, now, &r);
	if (s == a->overlay && r.rebuild) {
		r.rebuild = 0;
		rebuild_overlay(a);
	}
	app_apply(a, &r);
	return next;
}

int app_tick(struct app *a, uint32_t now)
{
	int wait = -1, attract, prompting;
	uint32_t idle_ms = (uint32_t)a->cfg.idle_seconds * 1000u;

	if (!a->screen)
		return -1;
	if (image_cache_pump(a->images))
		a->dirty = 1;
	{
		/* the step that ends a glide moves the page too: that frame is drawn */
		float was = a->screen->scroll.pos;
		if (scroller_step(&a->screen->scroll, now)) {
			a->dirty = 1;
			wait = 0;
		} else if (a->screen->scroll.pos != was) {
			a->dirty = 1;
		}
	}
	/* the closed screen waits like attract: no idle prompt */
	attract = a->screen->route.kind == ROUTE_ATTRACT || a->screen->cls == &screen_closed_class;
	/* the idle prompt (in place of a sheet left open), then the reset */
	prompting = a->overlay && a->overlay->cls == &screen_prompt_class;
	if (!attract && !prompting && now - a->last_input >= idle_ms) {
		open_prompt(a, now);
		prompting = 1;
	}
	if (prompting) {
		sooner(&wait, tick_screen(a, a->overlay, now));
	} else if (!attract) {
		sooner(&wait, (int)(idle_ms - (now - a->last_input)));
	}
	if (a->screen)
		sooner(&wait, tick_screen(a, a->screen, now));
	/* what was left out of the last frame for want of memory: drawn again soon */
	if (a->redraw_at) {
		int next = (int32_t)(a->redraw_at - now) > 0 ? (int)(a->redraw_at - now) : 0;
		if (!next) {
			a->redraw_at = 0;
			a->dirty = 1;
			if (a->screen && !a->screen->built)
				rebuild(a, 0);
		}
		sooner(&wait, next);
	}
	sooner(&wait, image_cache_retry_in(a->images));
	{
		uint32_t d = gesture_deadline(&a->gestures);
		if (d)
			sooner(&wait, d > now ? (int)(d - now) : 0);
	}
	{
		/* the catalog and the clock (live.c) */
		int next, act = live_tick(a, now, attract, &next);
		if (act == LIVE_RESET && a->unlocked) {
			/* the technician's menu stays (it may have removed the pack on show): the
			 * reset comes when it closes */
			rebuild(a, 1);
		} else if (act == LIVE_RESET) {
			if (a->screen)
				a->screen->built = 0; /* a new attract screen for the new pack, even on attract */
			reset_visit(a);
		}
		else if (act == LIVE_REBUILD)
			rebuild(a, 1);
		if (next >= 0 && (wait < 0 || next < wait))
			wait = next;
	}
	{
		/* the opening hours (live.c judges them): dark when closed, attract when open again */
		int want = closed_now(a), is = a->screen && a->screen->cls == &screen_closed_class;
		if (want && !is)
			show_closed(a);
		else if (!want && is) {
			app_trace(a, "screen", "lit");
			reset_visit(a);
		}
		/* dark: nothing is drawn until the hours change; the catalog and a clock set
		 * by hand are looked at once a minute */
		if (want && a->screen && a->screen->cls == &screen_closed_class && !screen_closed_showing(a->screen)) {
			time_t until = a->dark_until ? a->dark_until : a->live.next_change, t = schedule_now();
			wait = until > t && until - t < 60 ? (int)(until - t) * 1000 : 60000;
		}
	}
	return wait;
}

int app_warm(struct app *a, uint64_t deadline_ns)
{
	struct screen *s = a->screen;

	if (!a->warm || !s || !s->built || a->overlay || a->gestures.down || s->scroll.animating || s->scroll.dragging)
		return 0;
	if (scene_warm(&s->scene, a->text, s->scroll.pos, deadline_ns))
		a->warm = 0;
	return a->warm;
}

void app_draw(struct app *a, struct SDL_Renderer *r)
{
	int banded = a->band_top > 0 || a->band_h < a->h;
	SDL_Rect band = { 0, a->band_top, a->w, a->band_h };
	struct frame_record *f = &a->frame;

	app_build(a);
	if (banded || !a->keep_frames) {
		f->valid = 0;
		f->ndamage = -1;
	} else {
		frame_begin(f);
		if (a->screen)
			scene_plan(&a->screen->scene, f, a->images, &a->th, a->screen->scroll.pos, 0);
		if (a->overlay)
			scene_plan(&a->overlay->scene, f, a->images, &a->th, 0, 1);
		if (a->pressed.w)
			scene_plan_wash(f, a->pressed, a->th.pressed);
		frame_damage(f, a->w, a->h);
	}
	if (banded) {
		/* the reach mode: the page's colour above and below the band, the screen in it */
		SDL_SetRenderDrawColor(r, (Uint8)(a->th.bg >> 24), (Uint8)(a->th.bg >> 16), (Uint8)(a->th.bg >> 8), 255);
		SDL_RenderClear(r);
		SDL_RenderSetViewport(r, &band);
	}
	for (int i = 0; i < (f->ndamage < 0 ? 1 : f->ndamage); i++) {
		const struct rect *clip = f->ndamage < 0 ? NULL : &f->damage[i];
		if (a->screen)
			scene_draw(&a->screen->scene, r, a->text, a->images, &a->th, a->screen->scroll.pos, clip);
		if (a->overlay)
			scene_draw_over(&a->overlay->scene, r, a->text, a->images, &a->th, clip);
		if (a->pressed.w)
			scene_draw_wash(r, a->pressed, a->th.pressed, clip);
	}
	if (banded)
		SDL_RenderSetViewport(r, NULL);
	a->dirty = 0;
	a->warm = 1;
	if (text_engine_missed(a->text)) {
		f->valid = 0; /* the next frame is drawn whole, with what was left out */
		if (!a->redraw_at)
			a->redraw_at = SDL_GetTicks() + APP_RETRY_MS;
	}
}
