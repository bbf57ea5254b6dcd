/* section.c: a section's introduction and its exhibits as cards with pictures. */
#include "screen.h"
#include "cards.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"

#include <stdlib.h>
#include <string.h>

int screen_section(struct screen_ctx *c, const char *slug, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	struct cat_node sec, *ex = NULL;
	struct md_doc doc;
	struct card *cards;
	char **routes, **texts, *zip;
	size_t n = 0;
	int top, y, x, w, col, rc;

	rc = catalog_node(c->cat, c->pack->id, slug, c->lang, &sec, e);
	if (rc == 0 || (rc > 0 && sec.kind != 1)) {
		if (rc > 0)
			cat_node_release(&sec);
		return fail(e, ERR_NOTFOUND, "no section '%s'", slug);
	}
	if (rc < 0 || catalog_children(c->cat, sec.id, c->lang, &ex, &n, e) < 0) {
		if (rc > 0)
			cat_node_release(&sec);
		return -1;
	}
	top = chrome_bar(c, s);
	s->view = (struct rect){ 0, top, s->w, s->h - top };
	w = s->w - 2 * m->margin;
	x = m->margin;
	col = m->column < w ? m->column : w;
	zip = screen_zip_path(c, sec.zip);
	y = top + m->margin;
	{
		struct text_style st = { .size = m->h1, .bold = 1, .line_height = 1.15f };
		y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, sec.title, NULL, 0, &st, c->th->text, 1);
		y += m->gap;
	}
	md_parse(sec.body, strlen(sec.body), "", &doc, NULL);
	y = body_layout(c, s, &doc, 1, doc.n, x, y, col, zip, sec.dir, sec.slug);
	md_release(&doc);
	y += m->gap;

	cards = xcalloc(n ? n : 1, sizeof(*cards));
	routes = xcalloc(n ? n : 1, sizeof(*routes));
	texts = xcalloc(n ? n : 1, sizeof(*texts));
	for (size_t i = 0; i < n; i++) {
		routes[i] = xasprintf("/exhibit/%s", ex[i].slug);
		texts[i] = screen_first_paragraph(ex[i].body);
		cards[i] = (struct card){ ex[i].title, texts[i], zip, ex[i].image, ex[i].title, routes[i] };
	}
	y = cards_layout(c, s, cards, n, x, y, w, (int)(300 * m->scale), 2);
	s->content_h = y + m->margin - top;
	for (size_t i = 0; i < n; i++) {
		free(routes[i]);
		free(texts[i]);
	}
	free(routes);
	free(texts);
	free(cards);
	free(zip);
	cat_nodes_free(ex, n);
	cat_node_release(&sec);
	return 0;
}
