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
	screen_page_with_cards(c, s, &sec, ex, n, "/exhibit/", (int)(300 * c->m->scale), 2);
	cat_nodes_free(ex, n);
	cat_node_release(&sec);
	return 0;
}
