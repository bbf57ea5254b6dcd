/* end.c: the card after the exhibition's last exhibit: the visit can start again,
 * or go on with a search. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <stdlib.h>
#include <string.h>

static int end_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	char *last = NULL;
	int top, x, y, w;

	if (catalog_last_exhibit(c->cat, c->pack->id, c->lang, &last, e) < 0)
		return -1;
	if (last)
		s->prev = xasprintf("/exhibit/%s", last);
	free(last);
	top = chrome_bar(c, s, ROUTE_END);
	y = chrome_card_page(c, s, top, str_get(c->lang, STR_END_OF_EXHIBITION), str_get(c->lang, STR_END_TEXT), &x, &w);
	y += chrome_wide_button(c, s, x, y, w, str_get(c->lang, STR_START_AGAIN), ACT_HOME, NULL, 1, 1).h + m->gap;
	y += chrome_wide_button(c, s, x, y, w, str_get(c->lang, STR_SEARCH), ACT_SEARCH, NULL, 0, 1).h;
	s->content_h = y + m->margin - top;
	(void)self;
	return 0;
}

const struct screen_class screen_end_class = {
	.name = "end",
	.build = end_build,
};
