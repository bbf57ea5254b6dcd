/* exhibit.c: an exhibit: title, body, pictures with captions, its source, and the
 * way to the previous and next exhibits. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The exhibits before and after slug in reading order, as routes (or NULL). */
static int neighbours(struct screen_ctx *c, const char *slug, char **prev, char **next, struct err *e)
{
	struct cat_node *all = NULL;
	size_t n = 0;

	*prev = *next = NULL;
	if (catalog_exhibits(c->cat, c->pack->id, c->lang, &all, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i].slug, slug))
			continue;
		if (i > 0)
			*prev = xasprintf("/exhibit/%s", all[i - 1].slug);
		if (i + 1 < n)
			*next = xasprintf("/exhibit/%s", all[i + 1].slug);
	}
	cat_nodes_free(all, n);
	return 0;
}

static int exhibit_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const char *slug = self->route.slug;
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	struct cat_node ex;
	struct md_doc doc;
	char *zip;
	size_t end;
	int top, bottom, y, x, col, rc;

	rc = catalog_node(c->cat, c->pack->id, slug, c->lang, &ex, e);
	if (rc == 0 || (rc > 0 && ex.kind != 2)) {
		if (rc > 0)
			cat_node_release(&ex);
		return fail(e, ERR_NOTFOUND, "no exhibit '%s'", slug);
	}
	if (rc < 0)
		return -1;
	if (neighbours(c, slug, &s->prev, &s->next, e) < 0) {
		cat_node_release(&ex);
		return -1;
	}
	top = chrome_bar(c, s, ROUTE_EXHIBIT);

	/* the bottom bar: previous and next */
	bottom = s->h - m->bar;
	scene_rect(s, (struct rect){ 0, bottom, s->w, m->bar }, th->surface, 0);
	scene_rect(s, (struct rect){ 0, bottom, s->w, 1 }, th->border, 0);
	{
		char prev[64], next[64];
		int by = bottom + (m->bar - m->target) / 2;
		snprintf(prev, sizeof(prev), "‹ %s", str_get(c->lang, STR_PREVIOUS));
		snprintf(next, sizeof(next), "%s ›", str_get(c->lang, STR_NEXT));
		if (s->prev)
			chrome_button(c, s, m->margin / 2, by, prev, ACT_ROUTE, s->prev, 0, 0);
		if (s->next)
			chrome_button(c, s, s->w - m->margin / 2 - chrome_button_width(c, next), by, next, ACT_ROUTE,
				      s->next, 1, 0);
	}
	s->view = (struct rect){ 0, top, s->w, bottom - top };

	col = m->column;
	x = (s->w - col) / 2;
	zip = screen_zip_path(c, ex.zip);
	y = top + m->margin;
	{
		struct text_style st = { .size = m->h1, .bold = 1, .line_height = 1.15f };
		scene_anchor(s, y);
		y += scene_text(s, c->text, (struct rect){ x, y, col, 0 }, ex.title, NULL, 0, &st, th->text, 1);
		y += m->gap * 3 / 2;
	}
	md_parse(ex.body, strlen(ex.body), "", &doc, NULL);
	end = doc.n;
	if (ex.source && end > 1 && doc.blocks[end - 1].kind == MD_PARAGRAPH)
		end--; /* the source line is drawn apart, below */
	y = body_layout(c, s, &doc, 1, end, x, y, col, zip, ex.dir, ex.slug);
	md_release(&doc);
	if (ex.source) {
		char *line = xasprintf("%s: %s", str_get(c->lang, STR_SOURCE), ex.source);
		struct text_style st = { .size = m->small, .line_height = 1.25f };
		scene_anchor(s, y);
		scene_rect(s, (struct rect){ x, y, col, 1 }, th->border, 1);
		y += m->gap;
		y += scene_text(s, c->text, (struct rect){ x, y, col, 0 }, line, NULL, 0, &st, th->muted, 1);
		free(line);
	}
	s->content_h = y + m->margin - top;
	free(zip);
	cat_node_release(&ex);
	return 0;
}

const struct screen_class screen_exhibit_class = {
	.name = "exhibit",
	.build = exhibit_build,
};
