/* viewer.c: one picture of an exhibit on the whole screen, with its caption; pinch
 * and double-tap zoom, panning, and swipes to the exhibit's other pictures. The
 * controls stay visible over a zoomed picture. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZOOM_MAX 6.0f
#define ZOOM_DOUBLE_TAP 2.5f

struct viewer_state {
	int images;               /* how many pictures the exhibit has */
	float zoom;               /* 1: the whole picture fits */
	float pan_x, pan_y;       /* px the picture's centre moved from the stage's centre */
};

/* The exhibit's pictures, counted; the route's must be one of them. */
static int viewer_create(struct screen *self, struct screen_ctx *c, struct err *e)
{
	struct viewer_state *st = self->state;
	struct cat_node ex;
	struct md_doc doc;
	int rc = catalog_node(c->cat, c->pack->id, self->route.slug, c->lang, &ex, e);

	if (rc <= 0)
		return rc < 0 ? -1 : fail(e, ERR_NOTFOUND, "no exhibit '%s'", self->route.slug);
	md_parse(ex.body, strlen(ex.body), "", &doc, NULL);
	for (size_t i = 0; i < doc.n; i++)
		st->images += doc.blocks[i].kind == MD_IMAGE;
	md_release(&doc);
	cat_node_release(&ex);
	st->zoom = 1;
	if (self->route.index >= st->images)
		return fail(e, ERR_NOTFOUND, "exhibit '%s' has no image %d", self->route.slug, self->route.index);
	return 0;
}

/* The zoom and pan onto the picture's item of scene sc. */
static void apply_to(const struct viewer_state *st, struct scene *sc)
{
	struct scene_item *it;

	if (sc->image_index <= 0 || (size_t)sc->image_index >= sc->nitems)
		return;
	it = &sc->items[sc->image_index];
	it->zoom = st->zoom;
	it->pan_x = st->pan_x;
	it->pan_y = st->pan_y;
}

static int viewer_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const char *slug = self->route.slug;
	int n = self->route.index;
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
	top = chrome_bar(c, s, ROUTE_IMAGE);
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
		scene_rect(s, (struct rect){ 0, top, s->w, s->h - top }, c->th->stage, 0);
		s->image_index = (int)s->nitems;
		scene_image(s, (struct rect){ 0, top, s->w, s->h - top - cap_h }, zip, entry, 0, img->alt, 0);
		scene_rect(s, (struct rect){ 0, s->h - cap_h, s->w, cap_h }, c->th->stage, 0);
		scene_text(s, c->text, (struct rect){ m->margin, s->h - cap_h + m->gap, cap_w, cap_h - 2 * m->gap },
			   img->text, NULL, 0, &st, c->th->on_stage, 0);
		free(zip);
		free(entry);
	}
	md_release(&doc);
	cat_node_release(&ex);
	/* the zoom is the viewer's own: it survives a rebuild (language, text size) */
	apply_to(self->state, s);
	return 0;
}

/* Zoom by factor around the window point (cx, cy), within [1, ZOOM_MAX]. */
static void zoom_by(struct screen *self, float factor, float cx, float cy)
{
	struct viewer_state *st = self->state;
	float z = st->zoom * factor;

	if (z < 1)
		z = 1;
	if (z > ZOOM_MAX)
		z = ZOOM_MAX;
	factor = z / st->zoom;
	if (self->scene.image_index > 0) {
		const struct scene_item *it = &self->scene.items[self->scene.image_index];
		/* keep the point under the fingers where it is */
		float ox = it->r.x + it->r.w / 2.0f + st->pan_x, oy = it->r.y + it->r.h / 2.0f + st->pan_y;
		st->pan_x += (cx - ox) * (1 - factor);
		st->pan_y += (cy - oy) * (1 - factor);
	}
	st->zoom = z;
	if (z == 1)
		st->pan_x = st->pan_y = 0;
	apply_to(st, &self->scene);
}

static int viewer_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			struct screen_reply *r)
{
	struct viewer_state *st = self->state;
	const struct gesture *g = ev->g;

	(void)c;
	if (ev->kind != SCREEN_GESTURE)
		return 0;
	switch (g->kind) {
	case GESTURE_DOUBLE_TAP:
		zoom_by(self, st->zoom > 1.01f ? 1 / st->zoom : ZOOM_DOUBLE_TAP, g->x, g->y);
		r->redraw = 1;
		return 1;
	case GESTURE_PINCH:
		zoom_by(self, g->scale, g->cx, g->cy);
		r->redraw = 1;
		return 1;
	case GESTURE_DRAG:
	case GESTURE_DRAG_END:
		if (st->zoom <= 1)
			return 0;
		if (g->kind == GESTURE_DRAG) {
			st->pan_x += g->dx;
			st->pan_y += g->dy;
			apply_to(st, &self->scene);
		}
		r->redraw = 1;
		return 1;
	case GESTURE_SWIPE_LEFT:
	case GESTURE_SWIPE_RIGHT: {
		/* the exhibit's next or previous picture, in place of this one */
		int n = self->route.index + (g->kind == GESTURE_SWIPE_LEFT ? 1 : -1);
		struct route to;
		if (st->zoom > 1 || n < 0 || n >= st->images)
			return 1;
		route_make(&to, ROUTE_IMAGE, self->route.slug, n, NULL);
		r->action = ACT_STEP;
		route_format(&to, r->payload, sizeof(r->payload));
		return 1;
	}
	default:
		return 0;
	}
}

const struct screen_class screen_viewer_class = {
	.name = "viewer",
	.state_size = sizeof(struct viewer_state),
	.create = viewer_create,
	.build = viewer_build,
	.input = viewer_input,
};
