/* cards.c: a grid of cards (a picture, a title, a few lines) that lead somewhere. */
#include "cards.h"
#include "catalog/catalog.h"
#include "core/xalloc.h"
#include "text/markdown.h"

#include <stdlib.h>

#include <string.h>

int cards_layout(struct screen_ctx *c, struct scene *s, const struct card *v, size_t n, int x, int y,
		 int w, int min_w, int text_lines)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int cols = (w + m->gap) / (min_w + m->gap), pad = m->gap;
	int title_size = m->h3, text_size = m->small, cw, img_h, title_h, text_h, card_h;

	if (cols < 1)
		cols = 1;
	if ((size_t)cols > n && n > 0)
		cols = (int)n;
	cw = (w - (cols - 1) * m->gap) / cols;
	img_h = cw * 9 / 16;
	title_h = 2 * text_line_height(c->text, title_size) * 6 / 5;
	text_h = text_lines * text_line_height(c->text, text_size) * 6 / 5;
	card_h = img_h + pad + title_h + (text_lines ? pad / 2 + text_h : 0) + pad;
	for (size_t i = 0; i < n; i++) {
		int col = (int)(i % (size_t)cols), row = (int)(i / (size_t)cols);
		struct rect r = { x + col * (cw + m->gap), y + row * (card_h + m->gap), cw, card_h };
		struct text_style ts = { .size = title_size, .bold = 1, .line_height = 1.2f, .max_lines = 2 };
		struct text_style xs = { .size = text_size, .line_height = 1.2f, .max_lines = text_lines };
		int ty = r.y + img_h + pad;

		scene_rect(s, r, th->surface, 1);
		/* the pictures are diagrams with words in them: shown whole, never cropped */
		scene_rect(s, (struct rect){ r.x, r.y, r.w, img_h }, th->placeholder, 1);
		if (v[i].image)
			scene_image(s, (struct rect){ r.x, r.y, r.w, img_h }, v[i].zip, v[i].image, 640, v[i].alt, 1);
		scene_frame(s, r, th->border, 1, 1);
		scene_text(s, c->text, (struct rect){ r.x + pad, ty, r.w - 2 * pad, title_h }, v[i].title, NULL, 0, &ts,
			   th->text, 1);
		if (text_lines && v[i].text)
			scene_text(s, c->text, (struct rect){ r.x + pad, ty + title_h + pad / 2, r.w - 2 * pad, text_h },
				   v[i].text, NULL, 0, &xs, th->muted, 1);
		scene_hit(s, r, ACT_ROUTE, v[i].route, v[i].title, 1);
	}
	if (!n)
		return y;
	return y + (int)((n + (size_t)cols - 1) / (size_t)cols) * (card_h + m->gap);
}

/* Cards as rows: the picture at the left (whole, never cropped), title and a few
 * lines at its right. For home on a landscape screen, beside the welcome text, so
 * every section's title is in the first view. Returns the y below. */
static int rows_layout(struct screen_ctx *c, struct scene *s, const struct card *v, size_t n, int x, int y, int w)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int pad = m->gap, pw = w * 32 / 100, ph = pw * 9 / 16;

	for (size_t i = 0; i < n; i++) {
		struct text_style ts = { .size = m->h3, .bold = 1, .line_height = 1.2f, .max_lines = 2 };
		struct text_style xs = { .size = m->small, .line_height = 1.25f, .max_lines = 3 };
		int tx = x + pw + pad, tw = w - pw - 2 * pad, ty = y + pad / 2, h;
		size_t at = s->nitems;

		scene_rect(s, (struct rect){ x, y, w, 0 }, th->surface, 1);
		scene_rect(s, (struct rect){ x, y, pw, ph }, th->placeholder, 1);
		if (v[i].image)
			scene_image(s, (struct rect){ x, y, pw, ph }, v[i].zip, v[i].image, 640, v[i].alt, 1);
		ty += scene_text(s, c->text, (struct rect){ tx, ty, tw, 0 }, v[i].title, NULL, 0, &ts, th->text, 1);
		ty += pad / 3;
		if (v[i].text)
			ty += scene_text(s, c->text, (struct rect){ tx, ty, tw, 0 }, v[i].text, NULL, 0, &xs, th->muted, 1);
		h = ty + pad / 2 - y > ph ? ty + pad / 2 - y : ph;
		s->items[at].r.h = h;
		scene_frame(s, (struct rect){ x, y, w, h }, th->border, 1, 1);
		scene_hit(s, (struct rect){ x, y, w, h }, ACT_ROUTE, v[i].route, v[i].title, 1);
		y += h + m->gap;
	}
	return y;
}

int screen_page_with_cards(struct screen_ctx *c, struct scene *s, const struct cat_node *page,
			   struct cat_node *kids, size_t n, const char *route_prefix, int min_w,
			   int text_lines, int route_kind)
{
	const struct metrics *m = c->m;
	struct text_style st = { .size = m->h1, .bold = 1, .line_height = 1.15f };
	struct md_doc doc;
	struct card *cards = xcalloc(n ? n : 1, sizeof(*cards));
	char **routes = xcalloc(n ? n : 1, sizeof(*routes));
	char **texts = xcalloc(n ? n : 1, sizeof(*texts));
	char *zip = screen_zip_path(c, page->zip);
	int top = chrome_bar(c, s, route_kind), w = s->w - 2 * m->margin, x = m->margin, y;
	int col = m->column < w ? m->column : w;

	s->view = (struct rect){ 0, top, s->w, s->h - top };
	/* home on a landscape screen: the welcome at the left, the sections beside it */
	int beside = route_kind == ROUTE_HOME && s->w > s->h && w >= col + m->gap * 2 + 480 * m->scale && n > 0;
	int y0;

	y = y0 = top + m->margin;
	y += scene_text(s, c->text, (struct rect){ x, y, beside ? col : w, 0 }, page->title, NULL, 0, &st,
			c->th->text, 1);
	y += m->gap;
	md_parse(page->body, strlen(page->body), "", &doc, NULL);
	y = body_layout(c, s, &doc, 1, doc.n, x, y, col, zip, page->dir, page->slug, NULL, 0, NULL);
	md_release(&doc);
	y += m->gap;
	for (size_t i = 0; i < n; i++) {
		routes[i] = xasprintf("%s%s", route_prefix, kids[i].slug);
		texts[i] = screen_first_paragraph(kids[i].body);
		/* a card never shows the picture of an exhibit behind a content warning */
		cards[i] = (struct card){ kids[i].title, texts[i], zip, kids[i].warned ? NULL : kids[i].image,
					  kids[i].title, routes[i] };
	}
	if (beside) {
		int rx = x + col + m->gap * 2, ry = rows_layout(c, s, cards, n, rx, y0, x + w - rx);
		if (ry > y)
			y = ry;
	} else {
		y = cards_layout(c, s, cards, n, x, y, w, min_w, text_lines);
	}
	s->content_h = y + m->margin - top;
	for (size_t i = 0; i < n; i++) {
		free(routes[i]);
		free(texts[i]);
	}
	free(routes);
	free(texts);
	free(cards);
	free(zip);
	return 0;
}
