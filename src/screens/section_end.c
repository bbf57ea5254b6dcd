/* section_end.c: the card after a section's last exhibit. Next does not cross into
 * the next section unannounced: this card says the section is over and offers the
 * next section, the way back into this one, and all sections. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int section_end_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	const char *slug = self->route.slug;
	struct cat_node home, sec, *secs = NULL, *kids = NULL;
	size_t n = 0, nkids = 0, i;
	int rc, top, x, y, w;

	rc = catalog_node(c->cat, c->pack->id, slug, c->lang, &sec, e);
	if (rc == 0 || (rc > 0 && sec.kind != 1)) {
		if (rc > 0)
			cat_node_release(&sec);
		return fail(e, ERR_NOTFOUND, "no section '%s'", slug);
	}
	if (rc < 0)
		return -1;
	if (catalog_node(c->cat, c->pack->id, "", c->lang, &home, e) <= 0) {
		cat_node_release(&sec);
		return -1;
	}
	if (catalog_children(c->cat, home.id, c->lang, &secs, &n, e) < 0 ||
	    catalog_children(c->cat, sec.id, c->lang, &kids, &nkids, e) < 0) {
		cat_nodes_free(secs, n);
		cat_node_release(&home);
		cat_node_release(&sec);
		return -1;
	}
	for (i = 0; i < n && strcmp(secs[i].slug, slug); i++)
		;
	/* swipes: back to the section's last exhibit, on to the next section */
	if (nkids)
		s->prev = xasprintf("/exhibit/%s", kids[nkids - 1].slug);
	if (i + 1 < n)
		s->next = xasprintf("/section/%s", secs[i + 1].slug);

	top = chrome_bar(c, s, ROUTE_SECTION_END);
	y = chrome_card_page(c, s, top, sec.title, str_get(c->lang, STR_END_OF_SECTION), &x, &w);
	if (i + 1 < n) {
		char *label = xasprintf("%s: %s ›", str_get(c->lang, STR_NEXT_SECTION), secs[i + 1].title);
		char *route = xasprintf("/section/%s", secs[i + 1].slug);
		y += chrome_wide_button(c, s, x, y, w, label, ACT_STEP, route, 1, 1).h + m->gap;
		free(label);
		free(route);
	}
	{
		char *route = xasprintf("/section/%s", slug);
		y += chrome_wide_button(c, s, x, y, w, str_get(c->lang, STR_BACK_TO_SECTION), ACT_STEP, route, 0, 1).h +
		     m->gap;
		free(route);
	}
	y += chrome_wide_button(c, s, x, y, w, str_get(c->lang, STR_BACK_TO_SECTIONS), ACT_HOME, NULL, 0, 1).h;
	s->content_h = y + m->margin - top;
	cat_nodes_free(secs, n);
	cat_nodes_free(kids, nkids);
	cat_node_release(&home);
	cat_node_release(&sec);
	return 0;
}

const struct screen_class screen_section_end_class = {
	.name = "section-end",
	.build = section_end_build,
};
