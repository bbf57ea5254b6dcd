/* section.c: a section's introduction and its exhibits as cards with pictures. */
#include "screen.h"
#include "cards.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"

#include <stdlib.h>
#include <string.h>

static int section_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const char *slug = self->route.slug;
	struct cat_node sec, *ex = NULL;
	size_t n = 0;
	int rc;

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
	screen_page_with_cards(c, s, &sec, ex, n, "/exhibit/", (int)(300 * c->m->scale), 2,
			       ROUTE_SECTION);
	cat_nodes_free(ex, n);
	cat_node_release(&sec);
	return 0;
}

const struct screen_class screen_section_class = {
	.name = "section",
	.build = section_build,
};
