/* attract.c: what the kiosk shows when nobody is there: the pack's pictures and
 * titles, one slide at a time, and "touch to begin" in every language of the pack. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLIDE_MS 8000   /* each slide stays this long */

struct attract_state {
	int slide;          /* which exhibit's picture, counting from the first */
	uint32_t slide_t;   /* ms when it came */
};

static int attract_create(struct screen *self, struct screen_ctx *c, struct err *e)
{
	struct attract_state *st = self->state;

	(void)e;
	st->slide_t = c->now;
	return 0;
}

/* The exhibits of every pack shown today, one after the other (the pack on show
 * first, then the others in the order of c->active), each with its pack; or those
 * of the pack on show alone. The caller frees *ex with cat_nodes_free and *packs. */
static int all_exhibits(struct screen_ctx *c, struct cat_node **ex, size_t *n, struct catalog_pack **packs,
			struct err *e)
{
	*ex = NULL;
	*n = 0;
	*packs = NULL;
	for (int i = -1; i < c->nactive; i++) {
		struct catalog_pack p;
		struct cat_node *more = NULL;
		size_t nmore = 0;
		if (i < 0)
			p = *c->pack;
		else if (!strcmp(c->active[i], c->pack->id) || catalog_pack_get(c->cat, c->active[i], &p, NULL) <= 0)
			continue;
		if (catalog_exhibits(c->cat, p.id, p.default_lang, &more, &nmore, e) < 0) {
			if (i < 0)
				return -1;
			continue;
		}
		*ex = xrealloc(*ex, (*n + nmore) * sizeof(**ex) + 1);
		*packs = xrealloc(*packs, (*n + nmore) * sizeof(**packs) + 1);
		memcpy(*ex + *n, more, nmore * sizeof(*more));
		for (size_t k = 0; k < nmore; k++)
			(*packs)[*n + k] = p;
		*n += nmore;
		free(more); /* its nodes' contents now belong to *ex */
	}
	return 0;
}

static int attract_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct catalog_pack *packs = NULL;
	const struct attract_state *state = self->state;
	const struct metrics *m = c->m;
	char langs[128], *save = NULL, *l;
	struct cat_node *ex = NULL;
	size_t n = 0, i;
	int y, w = s->w - 2 * m->margin, band, top = 0;
	char *zip = NULL;
	struct rect shown;

	if (all_exhibits(c, &ex, &n, &packs, e) < 0)
		return -1;
	scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, c->th->stage, 0);
	if (c->read_only) {
		/* for the technician, across the top, in each language of the pack: the data
		 * folder cannot take a new pack */
		struct text_style ns = { .size = m->small, .max_lines = 2 };
		size_t band_item = s->nitems;
		int ny = m->gap / 2;
		scene_rect(s, (struct rect){ 0, 0, s->w, 0 }, c->th->notice, 0);
		snprintf(langs, sizeof(langs), "%s", c->pack->languages);
		for (l = strtok_r(langs, ",", &save); l; l = strtok_r(NULL, ",", &save))
			ny += scene_text(s, c->text, (struct rect){ m->margin, ny, w, 0 }, str_get(l, STR_READ_ONLY),
					 NULL, 0, &ns, c->th->on_notice, 0);
		s->items[band_item].r.h = ny + m->gap / 2;
		top = ny + m->gap / 2;
	}
	/* the picture of this slide fills the screen above the band */
	band = s->h * (m->portrait ? 30 : 38) / 100;
	for (i = 0; n && i < n; i++) {
		struct cat_node *x = &ex[(state->slide + i) % n];
		/* an exhibit with a content warning is never on the attract loop */
		if (!x->image || x->warned)
			continue;
		zip = screen_zip_path(c, x->zip);
		shown = (struct rect){ m->margin, top + m->margin, w, s->h - band - top - 2 * m->margin };
		/* the next slide's picture is decoded while this one shows */
		for (size_t k = 0; k < n; k++) {
			const struct cat_node *nx = &ex[(state->slide + 1 + k) % n];
			if (nx->image) {
				char *next = screen_zip_path(c, nx->zip);
				if (strcmp(nx->image, x->image) || strcmp(next, zip))
					scene_prefetch(s, shown, next, nx->image, SCENE_FIT_SHOWN);
				free(next);
				break;
			}
		}
		/* the pictures are diagrams with words in them: shown whole, never cropped */
		scene_image(s, shown, zip, x->image, SCENE_FIT_SHOWN, x->title, 0);
		break;
	}
	scene_rect(s, (struct rect){ 0, s->h - band, s->w, band }, c->th->stage, 0);
	y = s->h - band + m->margin;
	/* the slide's title in every language, the pack's default first */
	if (n) {
		size_t at = (state->slide + (i < n ? i : 0)) % n;
		struct cat_node *x = &ex[at];
		const struct catalog_pack *xp = &packs[at];
		struct text_style st = { .size = m->h1, .bold = 1, .max_lines = 2, .line_height = 1.1f };
		y += scene_text(s, c->text, (struct rect){ m->margin, y, w, 0 }, x->title, NULL, 0, &st, c->th->on_stage, 0);
		snprintf(langs, sizeof(langs), "%s", xp->languages);
		for (l = strtok_r(langs, ",", &save); l; l = strtok_r(NULL, ",", &save)) {
			struct cat_node other;
			struct text_style os = { .size = m->h3, .max_lines = 2, .line_height = 1.1f };
			if (!strcmp(l, xp->default_lang))
				continue;
			if (catalog_node(c->cat, xp->id, x->slug, l, &other, NULL) > 0) {
				y += scene_text(s, c->text, (struct rect){ m->margin, y, w, 0 }, other.title, NULL, 0, &os,
						c->th->on_stage_muted, 0);
				cat_node_release(&other);
			}
		}
	}
	y += m->gap * 2;
	/* touch to begin, in every language */
	snprintf(langs, sizeof(langs), "%s", c->pack->languages);
	save = NULL;
	for (l = strtok_r(langs, ",", &save); l; l = strtok_r(NULL, ",", &save)) {
		struct text_style st = { .size = m->h3, .bold = 1, .max_lines = 1 };
		int h = text_line_height(c->text, st.size);
		if (y + h > s->h - m->margin / 2)
			break;
		scene_text(s, c->text, (struct rect){ m->margin, y, w, h }, str_get(l, STR_TOUCH_TO_BEGIN), NULL, 0,
			   &st, c->th->call, 0);
		y += h * 6 / 5;
	}
	scene_hit(s, (struct rect){ 0, 0, s->w, s->h }, ACT_BEGIN, NULL, "begin", 0);
	free(zip);
	free(packs);
	cat_nodes_free(ex, n);
	return 0;
}

/* A touch anywhere, or a drag, begins the visit. */
static int attract_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			 struct screen_reply *r)
{
	(void)self;
	(void)c;
	if (ev->kind != SCREEN_GESTURE)
		return 0; /* keys are the app's (Escape begins, Ctrl+Q quits a window) */
	if (ev->g->kind == GESTURE_TAP || ev->g->kind == GESTURE_DRAG_END)
		r->action = ACT_BEGIN;
	return 1;
}

/* The next slide every SLIDE_MS. */
static int attract_tick(struct screen *self, struct screen_ctx *c, uint32_t now, struct screen_reply *r)
{
	struct attract_state *st = self->state;

	(void)c;
	if (now - st->slide_t >= SLIDE_MS) {
		st->slide++;
		st->slide_t = now;
		r->rebuild = 1;
	}
	return (int)(SLIDE_MS - (now - st->slide_t));
}

const struct screen_class screen_attract_class = {
	.name = "attract",
	.state_size = sizeof(struct attract_state),
	.create = attract_create,
	.build = attract_build,
	.input = attract_input,
	.tick = attract_tick,
};
