/* home.c: the welcome text and the sections as large cards. */
#include "screen.h"
#include "cards.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"
#include "ui/strings.h"

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

/* Several packs shown today and none chosen yet: each pack's title (its welcome
 * page's, in the interface language when it has it) as a large button. */
static int chooser_build(struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	int top = chrome_bar(c, s, ROUTE_HOME), w, x, y;
	struct text_style hs = { .size = m->h1, .bold = 1, .line_height = 1.15f };

	(void)e;
	w = m->column + 2 * m->margin < s->w ? m->column : s->w - 2 * m->margin;
	x = (s->w - w) / 2;
	s->view = (struct rect){ 0, top, s->w, s->h - top };
	y = top + m->margin * 2;
	y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, str_get(c->lang, STR_CHOOSE), NULL, 0, &hs,
			c->th->text, 1);
	y += m->gap * 2;
	for (int i = 0; i < c->nactive; i++) {
		struct cat_node home;
		struct catalog_pack p;
		const char *title = NULL;
		int got = catalog_node(c->cat, c->active[i], "", c->lang, &home, NULL) > 0;
		if (got)
			title = home.title;
		else if (catalog_pack_get(c->cat, c->active[i], &p, NULL) > 0)
			title = p.title;
		if (title)
			y += chrome_wide_button(c, s, x, y, w, title, ACT_PACK, c->active[i], i == 0, 1).h + m->gap;
		if (got)
			cat_node_release(&home);
	}
	s->content_h = y + m->margin - top;
	return 0;
}

static int home_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct cat_node home, *sections = NULL;
	size_t n = 0;

	(void)self;
	if (c->nactive > 1 && !c->chosen)
		return chooser_build(c, s, e);

	if (catalog_node(c->cat, c->pack->id, "", c->lang, &home, e) <= 0)
		return -1;
	if (catalog_children(c->cat, home.id, c->lang, &sections, &n, e) < 0) {
		cat_node_release(&home);
		return -1;
	}
	/* a section shows the picture of its first exhibit */
	for (size_t i = 0; i < n; i++) {
		struct cat_node *ex = NULL;
		size_t nex = 0;
		if (catalog_children(c->cat, sections[i].id, c->lang, &ex, &nex, e) < 0) {
			/* not a section without a picture: the screen could not be read */
			cat_nodes_free(sections, n);
			cat_node_release(&home);
			return -1;
		}
		/* a section shows the picture of its first exhibit without a content warning */
		for (size_t k = 0; k < nex; k++)
			if (ex[k].image && !ex[k].warned) {
				free(sections[i].image);
				sections[i].image = xstrdup(ex[k].image);
				break;
			}
		cat_nodes_free(ex, nex);
	}
	screen_page_with_cards(c, s, &home, sections, n, "/section/", (int)(340 * c->m->scale), 3,
			       ROUTE_HOME);
	cat_nodes_free(sections, n);
	cat_node_release(&home);
	return 0;
}

const struct screen_class screen_home_class = {
	.name = "home",
	.build = home_build,
};
