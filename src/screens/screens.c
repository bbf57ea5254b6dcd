/* screens.c: from a route to its screen, and the idle prompt drawn over any screen. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int screen_build(struct screen_ctx *c, const char *route, struct scene *out, struct err *e)
{
	char slug[256];
	int n;

	if (!c->pack)
		return screen_empty(c, out);
	if (!strcmp(route, "/attract"))
		return screen_attract(c, out, e);
	if (!strcmp(route, "/"))
		return screen_home(c, out, e);
	if (!strncmp(route, "/section/", 9))
		return screen_section(c, route + 9, out, e);
	if (!strncmp(route, "/exhibit/", 9))
		return screen_exhibit(c, route + 9, out, e);
	if (sscanf(route, "/image/%255[a-z0-9-]/%d", slug, &n) == 2)
		return screen_viewer(c, slug, n, out, e);
	return fail(e, ERR_NOTFOUND, "no screen for route '%s'", route);
}

int screen_empty(struct screen_ctx *c, struct scene *s)
{
	const struct metrics *m = c->m;
	struct text_style st = { .size = m->h2, .align = TEXT_CENTER };
	int w = s->w - 2 * m->margin;
	struct text_layout probe;
	const char *msg = str_get(c->lang, STR_NO_CONTENT);

	text_layout_build(c->text, msg, strlen(msg), NULL, 0, &st, w, &probe);
	scene_text(s, c->text, (struct rect){ m->margin, (s->h - probe.height) / 2, w, probe.height }, msg,
		   NULL, 0, &st, c->th->text, 0);
	text_layout_release(&probe);
	return 0;
}

void screen_idle_prompt(struct screen_ctx *c, int seconds_left, struct scene *s)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int w = m->column + 2 * m->margin, pad = m->margin, y, h;
	char line[256];
	struct text_style title = { .size = m->h2, .bold = 1, .align = TEXT_CENTER };
	struct text_style body = { .size = m->body, .align = TEXT_CENTER };
	struct text_layout a, b;
	const char *cont = str_get(c->lang, STR_CONTINUE);
	int bw, big = m->target + m->target / 2;

	if (w > s->w - 2 * m->margin)
		w = s->w - 2 * m->margin;
	snprintf(line, sizeof(line), str_get(c->lang, STR_RETURNING), seconds_left);
	text_layout_build(c->text, str_get(c->lang, STR_STILL_THERE),
			  strlen(str_get(c->lang, STR_STILL_THERE)), NULL, 0, &title, w - 2 * pad, &a);
	text_layout_build(c->text, line, strlen(line), NULL, 0, &body, w - 2 * pad, &b);
	h = pad + a.height + m->gap + b.height + m->gap * 2 + big + pad;
	y = (s->h - h) / 2;
	scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, th->scrim, 0);
	scene_rect(s, (struct rect){ (s->w - w) / 2, y, w, h }, th->surface, 0);
	scene_frame(s, (struct rect){ (s->w - w) / 2, y, w, h }, th->border, 2, 0);
	y += pad;
	scene_text(s, c->text, (struct rect){ (s->w - w) / 2 + pad, y, w - 2 * pad, a.height },
		   str_get(c->lang, STR_STILL_THERE), NULL, 0, &title, th->text, 0);
	y += a.height + m->gap;
	scene_text(s, c->text, (struct rect){ (s->w - w) / 2 + pad, y, w - 2 * pad, b.height }, line, NULL,
		   0, &body, th->muted, 0);
	y += b.height + m->gap * 2;
	/* the Continue button: large, the obvious thing to touch */
	{
		struct text_style bt = { .size = m->h3, .bold = 1, .align = TEXT_CENTER, .max_lines = 1 };
		int lh = text_line_height(c->text, bt.size);
		bw = text_width(c->text, cont, bt.size, 1) + 2 * big;
		if (bw > w - 2 * pad)
			bw = w - 2 * pad;
		struct rect r = { (s->w - bw) / 2, y, bw, big };
		scene_rect(s, r, th->accent, 0);
		scene_text(s, c->text, (struct rect){ r.x, r.y + (big - lh) / 2, r.w, lh }, cont, NULL, 0, &bt,
			   th->on_accent, 0);
		scene_hit(s, r, ACT_CONTINUE, NULL, cont, 0);
	}
	text_layout_release(&a);
	text_layout_release(&b);
}
