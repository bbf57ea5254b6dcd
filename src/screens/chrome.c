/* chrome.c: the bar every screen shares (back, home, text size, language) and buttons. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <string.h>

static int button_font(struct screen_ctx *c)
{
	/* controls keep one size whatever the visitor's text size, so the bar always fits */
	return c->m->target * 2 / 5;
}

int chrome_button_width(struct screen_ctx *c, const char *label)
{
	int pad = c->m->target / 4;
	int w = text_width(c->text, label, button_font(c), 1) + 2 * pad;
	return w < c->m->target ? c->m->target : w;
}

struct rect chrome_button(struct screen_ctx *c, struct scene *s, int x, int y, const char *label,
			  int action, const char *payload, int primary, int scroll)
{
	return chrome_button_w(c, s, x, y, 0, label, action, payload, primary, scroll);
}

struct rect chrome_button_w(struct screen_ctx *c, struct scene *s, int x, int y, int w, const char *label,
			    int action, const char *payload, int primary, int scroll)
{
	const struct theme *th = c->th;
	struct rect r = { x, y, w > 0 ? w : chrome_button_width(c, label), c->m->target };
	struct text_style st = { .size = button_font(c), .bold = 1, .align = TEXT_CENTER, .max_lines = 1 };
	int lh = text_line_height(c->text, st.size);

	if (primary) {
		scene_rect(s, r, th->accent, scroll);
	} else {
		scene_rect(s, r, th->surface, scroll);
		scene_frame(s, r, th->accent, c->m->scale > 1.5f ? 3 : 2, scroll);
	}
	scene_text(s, c->text, (struct rect){ r.x, r.y + (r.h - lh) / 2, r.w, lh }, label, NULL, 0, &st,
		   primary ? th->on_accent : th->accent, scroll);
	scene_hit(s, r, action, payload, label, scroll);
	return r;
}

int chrome_card_page(struct screen_ctx *c, struct scene *s, int top, const char *title, const char *text, int *x,
		     int *w)
{
	const struct metrics *m = c->m;
	struct text_style hs = { .size = m->h1, .bold = 1, .line_height = 1.15f };
	struct text_style bs = { .size = m->body, .line_height = 1.4f };
	int y = top + m->margin * 2;

	*w = m->column + 2 * m->margin < s->w ? m->column : s->w - 2 * m->margin;
	*x = (s->w - *w) / 2;
	s->view = (struct rect){ 0, top, s->w, s->h - top };
	y += scene_text(s, c->text, (struct rect){ *x, y, *w, 0 }, title, NULL, 0, &hs, c->th->text, 1);
	y += m->gap;
	y += scene_text(s, c->text, (struct rect){ *x, y, *w, 0 }, text, NULL, 0, &bs, c->th->muted, 1);
	return y + m->gap * 2;
}

struct rect chrome_wide_button(struct screen_ctx *c, struct scene *s, int x, int y, int w, const char *label,
			       int action, const char *payload, int primary, int scroll)
{
	const struct theme *th = c->th;
	int pad = c->m->target / 4;
	struct text_style st = { .size = c->m->h3, .bold = 1, .align = TEXT_CENTER, .max_lines = 3,
				 .line_height = 1.15f };
	struct text_layout probe;
	struct rect r;

	text_layout_build(c->text, label, strlen(label), NULL, 0, &st, w - 2 * pad, &probe);
	r = (struct rect){ x, y, w, probe.height + 2 * pad };
	text_layout_release(&probe);
	if (r.h < c->m->target)
		r.h = c->m->target;
	if (primary) {
		scene_rect(s, r, th->accent, scroll);
	} else {
		scene_rect(s, r, th->surface, scroll);
		scene_frame(s, r, th->accent, c->m->scale > 1.5f ? 3 : 2, scroll);
	}
	scene_text(s, c->text, (struct rect){ r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad }, label, NULL,
		   0, &st, primary ? th->on_accent : th->accent, scroll);
	scene_hit(s, r, action, payload, label, scroll);
	return r;
}

/* The bar: Back, Home and Search on the left, Text size and the language on the
 * right. Home is left out on home, Search on search: a control that does nothing is
 * not shown. Where one row cannot hold them all (a phone), the right group takes a
 * second row, so no label is ever cut. */
int chrome_bar(struct screen_ctx *c, struct scene *s, int kind)
{
	const struct metrics *m = c->m;
	const char *lang = c->lang;
	int gap = m->gap / 2 > 8 ? m->gap / 2 : 8, edge = m->margin / 2, pad = (m->bar - m->target) / 2;
	const char *langname = c->next_lang ? str_language_name(c->next_lang) : NULL;
	const char *left[3];
	int act[3], nleft = 0, first = 0, wr, h, x, right;

	if (c->can_back) {
		act[nleft] = ACT_BACK;
		left[nleft++] = str_get(lang, STR_BACK);
	}
	if (kind != ROUTE_HOME) {
		act[nleft] = ACT_HOME;
		left[nleft++] = str_get(lang, STR_HOME);
	}
	if (kind != ROUTE_SEARCH) {
		act[nleft] = ACT_SEARCH;
		left[nleft++] = str_get(lang, STR_SEARCH);
	}
	wr = chrome_button_width(c, str_get(lang, STR_TEXT_SIZE)) + (langname ? gap + chrome_button_width(c, langname) : 0);
	/* the first row holds the text size and language buttons at its right, where
	 * they are on every screen, and as many of Back, Home and Search as fit before
	 * them; on a narrow window the others go to a second row */
	for (x = edge; first < nleft; first++) {
		int bw = chrome_button_width(c, left[first]);
		if (x + bw + gap + wr > s->w - edge)
			break;
		x += bw + gap;
	}
	h = first == nleft ? m->bar : 2 * m->target + 3 * pad;
	scene_rect(s, (struct rect){ 0, 0, s->w, h }, c->th->surface, 0);
	scene_rect(s, (struct rect){ 0, h - 1, s->w, 1 }, c->th->border, 0);
	x = edge;
	for (int i = 0; i < nleft; i++) {
		if (i == first)
			x = edge; /* the second row */
		x += chrome_button(c, s, x, i < first ? pad : 2 * pad + m->target, left[i], act[i], NULL, 0, 0).w + gap;
	}
	right = s->w - edge;
	if (langname) {
		right -= chrome_button_width(c, langname);
		chrome_button(c, s, right, pad, langname, ACT_LANG, NULL, 1, 0);
		right -= gap;
	}
	right -= chrome_button_width(c, str_get(lang, STR_TEXT_SIZE));
	chrome_button(c, s, right, pad, str_get(lang, STR_TEXT_SIZE), ACT_TEXT_SIZE, NULL, 0, 0);
	return h;
}

char *screen_zip_path(struct screen_ctx *c, const char *file)
{
	return xasprintf("%s/%s", c->packs_dir, file);
}
