/* home.c: the welcome text and the sections as large cards. */
#include "screen.h"
#include "cards.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"

#include <stdlib.h>
#include <string.h>

/* The first paragraph of a page, for a card. A new string. */
char *screen_first_paragraph(const char *md)
{
	struct md_doc doc;
	char *out = NULL;

	md_parse(md, strlen(md), "", &doc, NULL);
	for (size_t i = 1; i < doc.n && !out; i++)
		if (doc.blocks[i].kind == MD_PARAGRAPH)
			out = xstrdup(doc.blocks[i].text);
	md_release(&doc);
	return out ? out : xstrdup("");
}

int screen_home(struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	struct cat_node home, *sections = NULL;
	struct md_doc doc;
	struct card *cards;
	char **routes, **texts, *zip;
	size_t n = 0;
	int top, y, x, w, col;

	if (catalog_node(c->cat, c->pack->id, "", c->lang, &home, e) <= 0)
		return -1;
	if (catalog_children(c->cat, home.id, c->lang, &sections, &n, e) < 0) {
		cat_node_release(&home);
		return -1;
	}
	top = chrome_bar(c, s);
	s->view = (struct rect){ 0, top, s->w, s->h - top };
	w = s->w - 2 * m->margin;
	x = m->margin;
	col = m->column < w ? m->column : w;
	zip = screen_zip_path(c, home.zip);

	y = top + m->margin;
	md_parse(home.body, strlen(home.body), "", &doc, NULL);
	{
		struct text_style st = { .size = m->h1, .bold = 1, .line_height = 1.15f };
		y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, home.title, NULL, 0, &st, c->th->text, 1);
		y += m->gap;
	}
	y = body_layout(c, s, &doc, 1, doc.n, x, y, col, zip, home.dir, "");
	md_release(&doc);
	y += m->gap;

	cards = xcalloc(n ? n : 1, sizeof(*cards));
	routes = xcalloc(n ? n : 1, sizeof(*routes));
	texts = xcalloc(n ? n : 1, sizeof(*texts));
	for (size_t i = 0; i < n; i++) {
		struct cat_node *ex = NULL;
		size_t nex = 0;
		routes[i] = xasprintf("/section/%s", sections[i].slug);
		texts[i] = screen_first_paragraph(sections[i].body);
		cards[i] = (struct card){ sections[i].title, texts[i], zip, NULL, NULL, routes[i] };
		/* a section shows the picture of its first exhibit */
		if (catalog_children(c->cat, sections[i].id, c->lang, &ex, &nex, NULL) == 0 && nex && ex[0].image) {
			free(sections[i].image);
			sections[i].image = xstrdup(ex[0].image);
			cards[i].image = sections[i].image;
			cards[i].alt = sections[i].title;
		}
		cat_nodes_free(ex, nex);
	}
	y = cards_layout(c, s, cards, n, x, y, w, (int)(340 * m->scale), 3);
	s->content_h = y + m->margin - top;
	for (size_t i = 0; i < n; i++) {
		free(routes[i]);
		free(texts[i]);
	}
	free(routes);
	free(texts);
	free(cards);
	free(zip);
	cat_nodes_free(sections, n);
	cat_node_release(&home);
	return 0;
}
