/* screens.c: which class shows which route, the life of a screen object, and the
 * two screens that belong to no route: the idle prompt drawn over any screen and the
 * notice shown when no pack is installed. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "ui/assets.h"
#include "ui/strings.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct screen_class *screen_class_of(int kind)
{
	switch (kind) {
	case ROUTE_ATTRACT: return &screen_attract_class;
	case ROUTE_HOME: return &screen_home_class;
	case ROUTE_SECTION: return &screen_section_class;
	case ROUTE_EXHIBIT: return &screen_exhibit_class;
	case ROUTE_IMAGE: return &screen_viewer_class;
	case ROUTE_SECTION_END: return &screen_section_end_class;
	case ROUTE_END: return &screen_end_class;
	case ROUTE_SEARCH: return &screen_search_class;
	case ROUTE_TECHNICIAN: return &screen_technician_class;
	default: return NULL;
	}
}

int screen_new(struct screen **out, const struct route *r, struct screen_ctx *c, struct err *e)
{
	const struct screen_class *cls =
		c->pack || r->kind == ROUTE_TECHNICIAN ? screen_class_of(r->kind) : &screen_empty_class;
	struct screen *s;
	char text[ROUTE_TEXT_MAX];

	*out = NULL;
	if (!cls)
		return fail(e, ERR_NOTFOUND, "no screen for route '%s'", route_format(r, text, sizeof(text)));
	s = xcalloc(1, sizeof(*s));
	s->cls = cls;
	s->route = *r;
	s->state = cls->state_size ? xcalloc(1, cls->state_size) : NULL;
	scene_init(&s->scene, 0, 0);
	scroller_init(&s->scroll);
	if (cls->create && cls->create(s, c, e) < 0) {
		screen_free(s);
		return -1;
	}
	s->created = 1;
	*out = s;
	return 0;
}

struct screen *screen_new_later(const struct route *r, struct screen_ctx *c)
{
	const struct screen_class *cls = c->pack ? screen_class_of(r->kind) : &screen_empty_class;
	struct screen *s;

	if (!cls)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->cls = cls;
	s->route = *r;
	s->state = cls->state_size ? xcalloc(1, cls->state_size) : NULL;
	scene_init(&s->scene, 0, 0);
	scroller_init(&s->scroll);
	s->created = !cls->create;
	return s;
}

void screen_free(struct screen *s)
{
	if (!s)
		return;
	if (s->cls->release)
		s->cls->release(s);
	scene_release(&s->scene);
	free(s->state);
	free(s);
}

int screen_build(struct screen *s, struct screen_ctx *c, int w, int h, struct err *e)
{
	scene_release(&s->scene);
	scene_init(&s->scene, w, h);
	if (!s->created) {
		/* a screen made while memory was short: its state now */
		if (s->cls->state_size)
			memset(s->state, 0, s->cls->state_size);
		if (s->cls->create && s->cls->create(s, c, e) < 0) {
			if (s->cls->release)
				s->cls->release(s);
			if (s->cls->state_size)
				memset(s->state, 0, s->cls->state_size);
			s->built = 0;
			return -1;
		}
		s->created = 1;
	}
	if (s->cls->build(s, c, &s->scene, e) < 0) {
		scene_release(&s->scene);
		scene_init(&s->scene, w, h);
		s->built = 0;
		return -1;
	}
	s->built = 1;
	return 0;
}

/* The interface languages there are strings for (assets/strings/<lang>.ini), the
 * interface's own first, then Korean and English, then the rest by name; at most 8. */
static int interface_langs(const char *first, char langs[8][16])
{
	int n = 0;
	char *dir = assets_path("strings", NULL);
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;
	char found[32][16];
	int nf = 0;

	while (d && (de = readdir(d)) && nf < 32) {
		size_t len = strlen(de->d_name);
		if (len > 4 && len - 4 < sizeof(found[0]) && !strcmp(de->d_name + len - 4, ".ini") &&
		    strcmp(de->d_name, "languages.ini")) {
			memcpy(found[nf], de->d_name, len - 4);
			found[nf++][len - 4] = 0;
		}
	}
	if (d)
		closedir(d);
	free(dir);
	qsort(found, (size_t)nf, sizeof(found[0]), (int (*)(const void *, const void *))strcmp);
	{
		const char *order[3] = { first, "ko", "en" };
		for (int i = 0; i < 3; i++) {
			int dup = 0;
			for (int j = 0; j < n; j++)
				dup |= !strcmp(langs[j], order[i]);
			if (!dup && order[i] && *order[i])
				snprintf(langs[n++], sizeof(langs[0]), "%.15s", order[i]);
		}
	}
	for (int i = 0; i < nf && n < 8; i++) {
		int dup = 0;
		for (int j = 0; j < n; j++)
			dup |= !strcmp(langs[j], found[i]);
		if (!dup)
			snprintf(langs[n++], sizeof(langs[0]), "%.15s", found[i]);
	}
	return n;
}

/* No pack: the notice, calm and centred, in every interface language (the
 * interface's first and larger), since nobody has chosen a language yet. */
static int empty_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	char langs[8][16];
	int n = interface_langs(c->lang, langs), w = s->w - 2 * m->margin, h = 0, y;
	struct scene probe;

	(void)self;
	(void)e;
	if (w > m->column + 2 * m->margin)
		w = m->column + 2 * m->margin;
	for (int pass = 0; pass < 2; pass++) {
		struct scene *out = pass ? s : &probe;
		int x = (s->w - w) / 2;
		if (!pass)
			scene_init(&probe, s->w, s->h);
		y = pass ? (s->h - h) / 2 : 0;
		if (y < 0)
			y = 0;
		for (int i = 0; i < n; i++) {
			struct text_style ts = { .size = i ? m->h3 : m->h2, .bold = 1, .align = TEXT_CENTER };
			struct text_style bs = { .size = i ? m->small : m->body, .align = TEXT_CENTER };
			y += scene_text(out, c->text, (struct rect){ x, y, w, 0 }, str_get(langs[i], STR_NO_EXHIBITION), NULL, 0,
					&ts, c->th->text, 0);
			y += m->gap / 3;
			y += scene_text(out, c->text, (struct rect){ x, y, w, 0 }, str_get(langs[i], STR_NO_CONTENT), NULL, 0,
					&bs, i ? c->th->muted : c->th->text, 0);
			if (i + 1 < n)
				y += m->gap * 2;
		}
		if (!pass) {
			h = y;
			scene_release(&probe);
		}
	}
	return 0;
}

const struct screen_class screen_empty_class = {
	.name = "empty",
	.build = empty_build,
};

/* The idle prompt: "are you still there?", a countdown, and a large Continue. */
struct prompt_state {
	uint32_t t0;     /* ms when it opened */
	int seconds;     /* the countdown's length */
	int left;        /* seconds left, as drawn */
};

void screen_prompt_start(struct screen *s, int seconds, uint32_t now)
{
	struct prompt_state *p = s->state;

	p->t0 = now;
	p->seconds = p->left = seconds;
}

/* The prompt's box laid out with metrics m, its top at y: drawn into s when draw,
 * else only measured. Its height in px; its width in *box_w. */
static int prompt_lay(const struct prompt_state *p, struct screen_ctx *c, const struct metrics *m,
		      struct scene *s, int y, int draw, int *box_w)
{
	const struct theme *th = c->th;
	int w = m->column + 2 * m->margin, pad = m->margin, big = m->target + m->target / 2, x, top = y;
	char langs[8][16], cont[256] = "";
	int nl = screen_langs(c, langs, 8);

	if (w > s->w - 2 * m->margin)
		w = s->w - 2 * m->margin;
	x = (s->w - w) / 2;
	*box_w = w;
	for (int i = 0; i < nl; i++) {
		size_t at = strlen(cont);
		snprintf(cont + at, sizeof(cont) - at, "%s%s", i ? " · " : "", str_get(langs[i], STR_CONTINUE));
	}
	y += pad;
	for (int i = 0; i < nl; i++) {
		char line[256];
		struct text_style title = { .size = i ? m->h3 : m->h2, .bold = 1, .align = TEXT_CENTER };
		struct text_style body = { .size = i ? m->small : m->body, .align = TEXT_CENTER };
		snprintf(line, sizeof(line), str_get(langs[i], STR_RETURNING), p->left);
		y += scene_text(s, c->text, (struct rect){ x + pad, y, w - 2 * pad, 0 }, str_get(langs[i], STR_STILL_THERE),
				NULL, 0, &title, th->text, 0);
		y += m->gap / 3;
		y += scene_text(s, c->text, (struct rect){ x + pad, y, w - 2 * pad, 0 }, line, NULL, 0, &body,
				i ? th->muted : th->text, 0);
		y += m->gap;
	}
	y += m->gap;
	{
		/* the Continue button: large, the obvious thing to touch */
		struct text_style bt = { .size = m->h3, .bold = 1, .align = TEXT_CENTER, .max_lines = 2,
					 .line_height = 1.1f };
		struct text_layout l;
		int bw = text_width(c->text, cont, bt.size, 1) + 2 * big, bh;
		if (bw > w - 2 * pad)
			bw = w - 2 * pad;
		text_layout_build(c->text, cont, strlen(cont), NULL, 0, &bt, bw - m->gap, &l);
		bh = l.height + m->gap > big ? l.height + m->gap : big;
		if (draw) {
			struct rect r = { (s->w - bw) / 2, y, bw, bh };
			scene_rect(s, r, th->accent, 0);
			scene_text(s, c->text, (struct rect){ r.x + m->gap / 2, r.y + (bh - l.height) / 2, r.w - m->gap, l.height },
				   cont, NULL, 0, &bt, th->on_accent, 0);
			scene_hit(s, r, ACT_CONTINUE, NULL, cont, 0);
		}
		text_layout_release(&l);
		y += bh + pad;
	}
	return y - top;
}

/* In every language of the pack, the interface's first: a visitor who walked up
 * reads it in theirs. Measured first, then laid out in the middle; a box taller
 * than the window (a phone on its side at a large text size) is laid out at the
 * next smaller text size, down to the first, so that its title and Continue stay
 * on the screen. */
static int prompt_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct prompt_state *p = self->state;
	struct metrics fit = *c->m;
	int h, w, y;

	(void)e;
	for (;;) {
		struct scene probe;
		scene_init(&probe, s->w, s->h);
		h = prompt_lay(p, c, &fit, &probe, 0, 0, &w);
		scene_release(&probe);
		if (h <= s->h || fit.text_size <= 0)
			break;
		metrics_compute(&fit, fit.w, fit.h, fit.dpi, fit.text_size - 1);
	}
	y = h < s->h ? (s->h - h) / 2 : 0;
	scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, c->th->scrim, 0);
	scene_rect(s, (struct rect){ (s->w - w) / 2, y, w, h }, c->th->surface, 0);
	scene_frame(s, (struct rect){ (s->w - w) / 2, y, w, h }, c->th->border, 2, 0);
	prompt_lay(p, c, &fit, s, y, 1, &w);
	return 0;
}

/* Any touch answers "still there?" with yes. */
static int prompt_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			struct screen_reply *r)
{
	(void)self;
	(void)c;
	if (ev->kind == SCREEN_KEY || ev->kind == SCREEN_TEXT ||
	    (ev->kind == SCREEN_GESTURE && (ev->g->kind == GESTURE_TAP || ev->g->kind == GESTURE_DRAG_END ||
					    ev->g->kind == GESTURE_WHEEL)))
		r->action = ACT_CONTINUE;
	return 1;
}

static int prompt_tick(struct screen *self, struct screen_ctx *c, uint32_t now, struct screen_reply *r)
{
	struct prompt_state *p = self->state;
	int left = p->seconds - (int)((now - p->t0) / 1000u);

	(void)c;
	if (left <= 0) {
		r->action = ACT_RESET;
		return -1;
	}
	if (left != p->left) {
		p->left = left;
		r->rebuild = 1;
	}
	return (int)(1000u - (now - p->t0) % 1000u);
}

const struct screen_class screen_prompt_class = {
	.name = "prompt",
	.state_size = sizeof(struct prompt_state),
	.build = prompt_build,
	.input = prompt_input,
	.tick = prompt_tick,
};

int screen_lang_list(const char *list, char (*out)[16], int max)
{
	int nl = 0;

	for (const char *l = list; l && *l && nl < max;) {
		size_t n = strcspn(l, ",");
		if (n && n < 16) {
			memcpy(out[nl], l, n);
			out[nl++][n] = 0;
		}
		l += n + (l[n] == ',');
	}
	return nl;
}

int screen_langs(const struct screen_ctx *c, char (*out)[16], int max)
{
	char all[16][16];
	int nl = 0, n = screen_lang_list(c->langs, all, 16);

	if (max < 1)
		return 0;
	snprintf(out[nl++], 16, "%s", c->lang);
	for (int i = 0; i < n && nl < max; i++)
		if (strcmp(all[i], c->lang))
			snprintf(out[nl++], 16, "%s", all[i]);
	return nl;
}
