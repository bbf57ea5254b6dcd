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

static int home_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct cat_node home, *sections = NULL;
	size_t n = 0;

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
