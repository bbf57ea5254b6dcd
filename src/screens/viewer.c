/* viewer.c: one picture of an exhibit on the whole screen, with its caption;
 * pinch and double-tap zoom and panning are applied by the app to its image item. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"

#include <stdlib.h>
#include <string.h>

int screen_viewer(struct screen_ctx *c, const char *slug, int n, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	struct cat_node ex;
	struct md_doc doc;
	const struct md_block *img = NULL;
	int top, k = 0, rc;

	rc = catalog_node(c->cat, c->pack->id, slug, c->lang, &ex, e);
	if (rc <= 0)
		return rc < 0 ? -1 : fail(e, ERR_NOTFOUND, "no exhibit '%s'", slug);
	md_parse(ex.body, strlen(ex.body), "", &doc, NULL);
	for (size_t i = 0; i < doc.n && !img; i++)
		if (doc.blocks[i].kind == MD_IMAGE && k++ == n)
			img = &doc.blocks[i];
	if (!img) {
		md_release(&doc);
		cat_node_release(&ex);
		return fail(e, ERR_NOTFOUND, "exhibit '%s' has no image %d", slug, n);
	}
	top = chrome_bar(c, s);
	{
		struct text_style st = { .size = m->body, .line_height = 1.2f, .max_lines = 3,
					 .align = TEXT_CENTER };
		int cap_w = s->w - 2 * m->margin, cap_h;
		struct text_layout probe;
		char *zip = screen_zip_path(c, ex.zip);
		char *entry = ex.dir && *ex.dir ? xasprintf("%s/%s", ex.dir, img->src) : xstrdup(img->src);

		text_layout_build(c->text, img->text, img->len, NULL, 0, &st, cap_w, &probe);
		cap_h = probe.height + 2 * m->gap;
		text_layout_release(&probe);
		/* a dark stage whatever the theme: pictures read best on it */
		scene_rect(s, (struct rect){ 0, top, s->w, s->h - top }, 0x111111ff, 0);
		s->image_index = (int)s->nitems;
		scene_image(s, (struct rect){ 0, top, s->w, s->h - top - cap_h }, zip, entry, 0, img->alt, 0);
		scene_rect(s, (struct rect){ 0, s->h - cap_h, s->w, cap_h }, 0x000000ff, 0);
		scene_text(s, c->text, (struct rect){ m->margin, s->h - cap_h + m->gap, cap_w, cap_h - 2 * m->gap },
			   img->text, NULL, 0, &st, 0xf0f0f0ff, 0);
		free(zip);
		free(entry);
	}
	md_release(&doc);
	cat_node_release(&ex);
	return 0;
}
