/* app.c: the kiosk's state and how input and time change it. No window here:
 * run.c owns the window and feeds this; shot uses it without one. */
#include "app.h"
#include "installer.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "screens/screen.h"
#include "text/text.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IMAGE_BUDGET (48u << 20)

static void trace(struct app *a, const char *what, const char *value)
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

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int app_open(struct app *a, const struct app_opts *o, struct err *e)
{
	char *cpath, day[11];

	memset(a, 0, sizeof(*a));
	a->t0 = SDL_GetTicks();
	if (config_load(&a->cfg, o->config, e) < 0)
		return -1;
	a->data_dir = config_data_dir(&a->cfg, o->data);
	a->packs_dir = xasprintf("%s/packs", a->data_dir);
	cpath = installer_catalog_path(a->data_dir);
	if (!fs_exists(cpath)) {
		fail(e, ERR_NOTFOUND, "no catalog in %s: install a pack first (kiosk pack install PACK.zip --data %s)",
		     a->data_dir, a->data_dir);
		free(cpath);
		return -1;
	}
	if (catalog_open(&a->cat, cpath, CATALOG_READONLY, e) < 0) {
		free(cpath);
		return -1;
	}
	free(cpath);
	a->read_only = catalog_read_only_media(a->cat);
	if (a->read_only)
		fprintf(stderr, "kiosk: %s is on a read-only file system: showing what is installed; "
			"packs cannot be installed or removed until it is mounted writable\n", a->data_dir);
	today(day);
	a->has_pack = catalog_active_pack(a->cat, day, &a->pack, e);
	if (a->has_pack < 0)
		return -1;
	if (text_engine_new(&a->text, e) < 0)
		return -1;
	if (image_cache_new(&a->images, IMAGE_BUDGET, wake, a) < 0)
		return fail(e, ERR_IO, "cannot start the image loader");

	/* languages: the pack's, its default first unless the config says otherwise */
	if (a->has_pack) {
		char list[128], *save = NULL;
		snprintf(list, sizeof(list), "%s", a->pack.languages);
		for (char *l = strtok_r(list, ",", &save); l && a->nlangs < 8; l = strtok_r(NULL, ",", &save))
			snprintf(a->langs[a->nlangs++], sizeof(a->langs[0]), "%s", l);
		snprintf(a->default_lang, sizeof(a->default_lang), "%s", a->pack.default_lang);
	} else {
		snprintf(a->langs[a->nlangs++], sizeof(a->langs[0]), "en");
		snprintf(a->default_lang, sizeof(a->default_lang), "en");
	}
	if (a->cfg.default_lang)
		for (int i = 0; i < a->nlangs; i++)
			if (!strcmp(a->langs[i], a->cfg.default_lang))
				snprintf(a->default_lang, sizeof(a->default_lang), "%s", a->cfg.default_lang);
	snprintf(a->lang, sizeof(a->lang), "%s", a->default_lang);
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
	theme_init(&a->th, a->high_contrast);
	if (o->trace) {
		a->trace = fopen(o->trace, "a");
		if (!a->trace)
			return fail(e, ERR_IO, "%s: cannot open the trace file", o->trace);
	}
	snprintf(a->route, sizeof(a->route), "/attract");
	scroller_init(&a->scroll);
	a->zoom = 1;
	return 0;
}

void app_close(struct app *a)
{
	scene_release(&a->scene);
	scene_release(&a->prompt_scene);
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

static void ctx_of(struct app *a, struct screen_ctx *c)
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
	c->can_back = a->nhistory > 0;
	c->slide = a->slide;
	c->text_size = a->text_size;
	c->read_only = a->read_only;
}

/* Where the reader is in the page: the anchor above the top of the view and how far below it. */
static void place_of(const struct app *a, size_t *anchor, float *below)
{
	float top = a->scene.view.y + a->scroll.pos;

	*anchor = 0;
	*below = 0;
	for (size_t i = 0; i < a->scene.nanchors; i++)
		if (a->scene.anchors[i] <= top) {
			*anchor = i;
			*below = top - a->scene.anchors[i];
		}
}

static void rebuild(struct app *a, int keep_place)
{
	struct screen_ctx c;
	struct err e = { 0 };
	size_t anchor = 0;
	float below = 0, old_pos = a->scroll.pos;
	int had = a->built && keep_place;

	if (had)
		place_of(a, &anchor, &below);
	scene_release(&a->scene);
	scene_init(&a->scene, a->w, a->h);
	ctx_of(a, &c);
	if (screen_build(&c, a->route, &a->scene, &e) < 0 && e.code == ERR_NOMEM) {
		/* short of memory for a moment: a blank page, and the same screen again soon */
		fprintf(stderr, "kiosk: %s: %s; tried again in %d s\n", a->route, e.msg, APP_RETRY_MS / 1000);
		scene_release(&a->scene);
		scene_init(&a->scene, a->w, a->h);
		scene_rect(&a->scene, (struct rect){ 0, 0, a->w, a->h }, a->th.bg, 0);
		a->built = 0;
		a->redraw_at = SDL_GetTicks() + APP_RETRY_MS;
		return;
	} else if (e.code) {
		fprintf(stderr, "kiosk: %s: %s\n", a->route, e.msg);
		scene_release(&a->scene);
		scene_init(&a->scene, a->w, a->h);
		snprintf(a->route, sizeof(a->route), "/");
		trace(a, "route", a->route);
		if (screen_build(&c, "/", &a->scene, &e) < 0) {
			scene_release(&a->scene);
			scene_init(&a->scene, a->w, a->h);
			screen_empty(&c, &a->scene);
		}
		had = 0;
	}
	a->built = 1;
	scroller_set_range(&a->scroll, a->scene.view.w ? (float)(a->scene.content_h - a->scene.view.h) : 0);
	if (had) {
		float pos = old_pos;
		if (anchor < a->scene.nanchors) {
			float next = anchor + 1 < a->scene.nanchors ? (float)a->scene.anchors[anchor + 1] : 1e9f;
			float y = a->scene.anchors[anchor] + below;
			pos = (y < next ? y : next) - a->scene.view.y;
		}
		a->scroll.pos = pos;
		scroller_set_range(&a->scroll, a->scroll.max);
	}
	if (a->scene.image_index > 0 && (size_t)a->scene.image_index < a->scene.nitems) {
		struct scene_item *it = &a->scene.items[a->scene.image_index];
		it->zoom = a->zoom;
		it->pan_x = a->pan_x;
		it->pan_y = a->pan_y;
	}
	if (a->prompt) {
		scene_release(&a->prompt_scene);
		scene_init(&a->prompt_scene, a->w, a->h);
		screen_idle_prompt(&c, a->prompt_left, &a->prompt_scene);
	}
	a->dirty = 1;
}

void app_build(struct app *a)
{
	if (!a->built)
		rebuild(a, 0);
}

void app_resize(struct app *a, int w, int h, float dpi)
{
	a->w = w;
	a->h = h;
	a->dpi = dpi;
	metrics_compute(&a->m, w, h, dpi, a->text_size);
	gesture_init(&a->gestures, (dpi > 0 ? dpi : 96) * 2.0f / 25.4f);
	if (a->built)
		rebuild(a, 1);
}

void app_go(struct app *a, const char *route, int push)
{
	if (!strcmp(route, a->route) && a->built)
		return;
	if (push && strcmp(a->route, "/attract")) {
		if (a->nhistory == APP_HISTORY) {
			memmove(a->history[0], a->history[1], sizeof(a->history[0]) * (APP_HISTORY - 1));
			memmove(a->history_scroll, a->history_scroll + 1, sizeof(float) * (APP_HISTORY - 1));
			a->nhistory--;
		}
		snprintf(a->history[a->nhistory], sizeof(a->history[0]), "%s", a->route);
		a->history_scroll[a->nhistory++] = a->scroll.pos;
	}
	snprintf(a->route, sizeof(a->route), "%s", route);
	trace(a, "route", a->route);
	scroller_init(&a->scroll);
	a->zoom = 1;
	a->pan_x = a->pan_y = 0;
	a->built = 0;
	rebuild(a, 0);
}

static void go_back(struct app *a)
{
	float pos;

	if (!a->nhistory)
		return;
	a->nhistory--;
	pos = a->history_scroll[a->nhistory];
	snprintf(a->route, sizeof(a->route), "%s", a->history[a->nhistory]);
	trace(a, "route", a->route);
	scroller_init(&a->scroll);
	a->zoom = 1;
	a->pan_x = a->pan_y = 0;
	rebuild(a, 0);
	a->scroll.pos = pos;
	scroller_set_range(&a->scroll, a->scroll.max);
}

static void go_home(struct app *a)
{
	a->nhistory = 0;
	app_go(a, "/", 0);
}

void app_set_lang(struct app *a, const char *lang)
{
	if (!strcmp(a->lang, lang))
		return;
	snprintf(a->lang, sizeof(a->lang), "%s", lang);
	trace(a, "lang", a->lang);
	rebuild(a, 1);
}

void app_set_text_size(struct app *a, int size)
{
	a->text_size = size;
	metrics_compute(&a->m, a->w, a->h, a->dpi, size);
	rebuild(a, 1);
}

void app_set_contrast(struct app *a, int high)
{
	a->high_contrast = high;
	theme_init(&a->th, high);
	rebuild(a, 1);
}

/* Everything back as a visitor who just arrived would find it. */
static void reset_visit(struct app *a)
{
	a->prompt = 0;
	a->nhistory = 0;
	if (strcmp(a->lang, a->default_lang)) {
		snprintf(a->lang, sizeof(a->lang), "%s", a->default_lang);
		trace(a, "lang", a->lang);
	}
	a->text_size = a->default_text_size;
	a->high_contrast = a->default_contrast;
	theme_init(&a->th, a->high_contrast);
	metrics_compute(&a->m, a->w, a->h, a->dpi, a->text_size);
	a->built = 0;
	app_go(a, "/attract", 0);
	rebuild(a, 0);
}

static void viewer_zoom(struct app *a, float factor, float cx, float cy)
{
	struct scene_item *it;
	float z = a->zoom * factor;

	if (z < 1)
		z = 1;
	if (z > 6)
		z = 6;
	factor = z / a->zoom;
	if (a->scene.image_index <= 0)
		return;
	it = &a->scene.items[a->scene.image_index];
	/* keep the point under the fingers where it is */
	{
		float ox = it->r.x + it->r.w / 2.0f + a->pan_x, oy = it->r.y + it->r.h / 2.0f + a->pan_y;
		a->pan_x += (cx - ox) * (1 - factor);
		a->pan_y += (cy - oy) * (1 - factor);
	}
	a->zoom = z;
	if (z == 1)
		a->pan_x = a->pan_y = 0;
	it->zoom = a->zoom;
	it->pan_x = a->pan_x;
	it->pan_y = a->pan_y;
	a->dirty = 1;
}

static void act(struct app *a, const struct scene_hit *h, uint32_t now)
{
	(void)now;
	switch (h->action) {
	case ACT_ROUTE:
		app_go(a, h->route, 1);
		break;
	case ACT_BACK:
		go_back(a);
		break;
	case ACT_HOME:
		go_home(a);
		break;
	case ACT_LANG: {
		const char *n = next_lang(a);
		if (n)
			app_set_lang(a, n);
		break;
	}
	case ACT_TEXT_SIZE:
		app_set_text_size(a, (a->text_size + 1) % TEXT_SIZES);
		break;
	case ACT_BEGIN:
		go_home(a);
		break;
	default:
		break;
	}
}

void app_gesture(struct app *a, const struct gesture *g, uint32_t now)
{
	int viewer = a->scene.image_index > 0;

	a->last_input = now;
	if (a->prompt) {
		/* any touch answers "still there?" */
		if (g->kind == GESTURE_TAP || g->kind == GESTURE_DRAG_END || g->kind == GESTURE_WHEEL) {
			a->prompt = 0;
			trace(a, "idle", "continue");
			a->dirty = 1;
		}
		return;
	}
	if (!strcmp(a->route, "/attract")) {
		if (g->kind == GESTURE_TAP || g->kind == GESTURE_DRAG_END)
			go_home(a);
		return;
	}
	switch (g->kind) {
	case GESTURE_PRESS:
		/* a touch stops a moving page; that touch then only stops it */
		a->caught = a->scroll.animating;
		scroller_drag(&a->scroll, 0, now);
		break;
	case GESTURE_CANCEL:
		scroller_release(&a->scroll, 0, now);
		a->dirty = 1;
		break;
	case GESTURE_TAP: {
		const struct scene_hit *h = scene_hit_at(&a->scene, (int)g->x, (int)g->y, a->scroll.pos);
		scroller_release(&a->scroll, 0, now);
		if (h && !a->caught)
			act(a, h, now);
		break;
	}
	case GESTURE_DOUBLE_TAP:
		if (viewer)
			viewer_zoom(a, a->zoom > 1.01f ? 1 / a->zoom : 2.5f, g->x, g->y);
		break;
	case GESTURE_LONG_PRESS: {
		const struct scene_hit *h = scene_hit_at(&a->scene, (int)g->x, (int)g->y, a->scroll.pos);
		scroller_release(&a->scroll, 0, now);
		/* a long press on the text size button switches to high contrast and back */
		if (h && h->action == ACT_TEXT_SIZE)
			app_set_contrast(a, !a->high_contrast);
		break;
	}
	case GESTURE_DRAG:
		if (viewer && a->zoom > 1) {
			a->pan_x += g->dx;
			a->pan_y += g->dy;
			viewer_zoom(a, 1, 0, 0);
		} else {
			scroller_drag(&a->scroll, g->dy, now);
			a->dirty = 1;
		}
		break;
	case GESTURE_DRAG_END:
		if (!(viewer && a->zoom > 1))
			scroller_release(&a->scroll, g->vy, now);
		a->dirty = 1;
		break;
	case GESTURE_SWIPE_LEFT:
	case GESTURE_SWIPE_RIGHT: {
		const char *to = g->kind == GESTURE_SWIPE_LEFT ? a->scene.next : a->scene.prev;
		if (viewer && a->zoom <= 1) {
			char slug[200];
			int n;
			if (sscanf(a->route, "/image/%199[a-z0-9-]/%d", slug, &n) == 2) {
				char r[256];
				n += g->kind == GESTURE_SWIPE_LEFT ? 1 : -1;
				snprintf(r, sizeof(r), "/image/%s/%d", slug, n);
				if (n >= 0) {
					struct err e;
					struct screen_ctx c;
					struct scene probe;
					ctx_of(a, &c);
					scene_init(&probe, a->w, a->h);
					if (screen_build(&c, r, &probe, &e) == 0) {
						scene_release(&probe);
						snprintf(a->route, sizeof(a->route), "%s", r);
						trace(a, "route", a->route);
						a->zoom = 1;
						a->pan_x = a->pan_y = 0;
						rebuild(a, 0);
					} else {
						scene_release(&probe);
					}
				}
			}
		} else if (to && !viewer) {
			app_go(a, to, 0);
		}
		break;
	}
	case GESTURE_PINCH:
		if (viewer)
			viewer_zoom(a, g->scale, g->cx, g->cy);
		break;
	case GESTURE_WHEEL:
		scroller_scroll_by(&a->scroll, -g->dy, now);
		a->dirty = 1;
		break;
	default:
		break;
	}
}

void app_key(struct app *a, int key, uint32_t now)
{
	float page = a->scene.view.h * 0.9f;

	a->last_input = now;
	/* lockdown: a keyboard plugged into the kiosk cannot end or leave the exhibition */
	if (a->locked && (key == KEY_QUIT || (key == KEY_ESCAPE && !strcmp(a->route, "/attract")))) {
		log_line(LOG_LEVEL_INFO, "key refused: the kiosk is locked down in fullscreen");
		return;
	}
	if (a->prompt) {
		a->prompt = 0;
		trace(a, "idle", "continue");
		a->dirty = 1;
		return;
	}
	switch (key) {
	case KEY_UP: scroller_scroll_by(&a->scroll, -a->m.body * 4.0f, now); break;
	case KEY_DOWN: scroller_scroll_by(&a->scroll, a->m.body * 4.0f, now); break;
	case KEY_PAGE_UP: scroller_scroll_by(&a->scroll, -page, now); break;
	case KEY_PAGE_DOWN: scroller_scroll_by(&a->scroll, page, now); break;
	case KEY_LEFT:
		if (a->scene.prev)
			app_go(a, a->scene.prev, 0);
		break;
	case KEY_RIGHT:
		if (a->scene.next)
			app_go(a, a->scene.next, 0);
		break;
	case KEY_ESCAPE:
		if (!strcmp(a->route, "/attract"))
			go_home(a);
		else if (a->nhistory)
			go_back(a);
		else if (!strcmp(a->route, "/"))
			app_go(a, "/attract", 0);
		else
			go_home(a);
		break;
	case KEY_HOME: go_home(a); break;
	case KEY_LANG: {
		const char *n = next_lang(a);
		if (n)
			app_set_lang(a, n);
		break;
	}
	case KEY_BIGGER:
		if (a->text_size + 1 < TEXT_SIZES)
			app_set_text_size(a, a->text_size + 1);
		break;
	case KEY_SMALLER:
		if (a->text_size > 0)
			app_set_text_size(a, a->text_size - 1);
		break;
	case KEY_CONTRAST: app_set_contrast(a, !a->high_contrast); break;
	case KEY_QUIT: a->quit = 1; break;
	}
	a->dirty = 1;
}

int app_tick(struct app *a, uint32_t now)
{
	int wait = -1, attract = !strcmp(a->route, "/attract");
	uint32_t idle_ms = (uint32_t)a->cfg.idle_seconds * 1000u;

	if (image_cache_pump(a->images))
		a->dirty = 1;
	if (scroller_step(&a->scroll, now)) {
		a->dirty = 1;
		wait = 0;
	}
	/* the idle prompt, then the reset */
	if (!attract && !a->prompt && now - a->last_input >= idle_ms) {
		a->prompt = 1;
		a->prompt_t = now;
		a->prompt_left = a->cfg.prompt_seconds;
		trace(a, "idle", "prompt");
		rebuild(a, 1);
	}
	if (a->prompt) {
		int left = a->cfg.prompt_seconds - (int)((now - a->prompt_t) / 1000u);
		if (left <= 0) {
			trace(a, "idle", "reset");
			reset_visit(a);
			a->slide_t = now;
			return APP_SLIDE_MS;
		}
		if (left != a->prompt_left) {
			a->prompt_left = left;
			rebuild(a, 1);
		}
		{
			int next = (int)(1000u - (now - a->prompt_t) % 1000u);
			if (wait < 0 || next < wait)
				wait = next;
		}
	} else if (!attract) {
		int next = (int)(idle_ms - (now - a->last_input));
		if (wait < 0 || next < wait)
			wait = next;
	}
	/* the attract loop: the next slide every few seconds */
	if (attract) {
		if (now - a->slide_t >= APP_SLIDE_MS) {
			a->slide++;
			a->slide_t = now;
			rebuild(a, 0);
		}
		{
			int next = (int)(APP_SLIDE_MS - (now - a->slide_t));
			if (wait < 0 || next < wait)
				wait = next;
		}
	}
	/* what was left out of the last frame for want of memory: drawn again soon */
	if (a->redraw_at) {
		int next = (int32_t)(a->redraw_at - now) > 0 ? (int)(a->redraw_at - now) : 0;
		if (!next) {
			a->redraw_at = 0;
			a->dirty = 1;
		}
		if (wait < 0 || next < wait)
			wait = next;
	}
	{
		int next = image_cache_retry_in(a->images);
		if (next >= 0 && (wait < 0 || next < wait))
			wait = next;
	}
	{
		uint32_t d = gesture_deadline(&a->gestures);
		if (d) {
			int next = d > now ? (int)(d - now) : 0;
			if (wait < 0 || next < wait)
				wait = next;
		}
	}
	return wait;
}

void app_draw(struct app *a, struct SDL_Renderer *r)
{
	app_build(a);
	scene_draw(&a->scene, r, a->text, a->images, &a->th, a->scroll.pos);
	if (a->prompt)
		scene_draw_over(&a->prompt_scene, r, a->text, a->images, &a->th);
	a->dirty = 0;
	if (text_engine_missed(a->text) && !a->redraw_at)
		a->redraw_at = SDL_GetTicks() + APP_RETRY_MS;
}
