/* exhibit.c: an exhibit: title, body, pictures with captions, its source, and the
 * way to the previous and next exhibits. */
#include "screen.h"
#include "player.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "text/markdown.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where slug stands in its section and in the exhibition: the routes before and
 * after it in reading order (the card that ends a section, or the exhibition, comes
 * after its last exhibit), its position in its section, the section's size. */
struct place {
	char *prev, *next;   /* routes, or NULL; new strings */
	int pos, count;      /* 1-based position in the section, and its number of exhibits */
};

static int place_of(struct screen_ctx *c, const char *slug, const char *section, struct place *p, struct err *e)
{
	struct cat_place at;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = catalog_exhibit_place(c->cat, c->pack->id, slug, c->lang, &at, e)) <= 0)
		return rc;
	if (at.prev)
		p->prev = xasprintf("/exhibit/%s", at.prev);
	if (at.next && at.next_in_section)
		p->next = xasprintf("/exhibit/%s", at.next);
	else if (at.next)
		p->next = xasprintf("/section-end/%s", section);
	else
		p->next = xstrdup("/end");
	p->pos = at.pos;
	p->count = at.count;
	cat_place_release(&at);
	return 0;
}

/* The row above the title: the section it belongs to (a way up to it) and where
 * the exhibit stands in it. Returns the y below. */
static int section_row(struct screen_ctx *c, struct scene *s, const struct cat_node *ex,
		       const struct place *p, int x, int y, int w)
{
	const struct metrics *m = c->m;
	struct cat_node sec;
	char pos[64], *label;
	struct text_style ps = { .size = m->small, .max_lines = 1 };
	struct text_style ls = { .size = m->small, .bold = 1, .max_lines = 1 };
	int pw, lh = text_line_height(c->text, m->small), row = m->target, lab_h;

	if (catalog_node(c->cat, c->pack->id, ex->parent_slug, c->lang, &sec, NULL) <= 0)
		return y;
	snprintf(pos, sizeof(pos), str_get(c->lang, STR_POSITION), p->pos, p->count);
	pw = text_width(c->text, pos, ps.size, 0);
	label = xasprintf("‹ %s", sec.title);
	/* the section's name wraps rather than being cut; the row is a touch target high at least */
	ls.max_lines = 3;
	{
		struct text_layout probe;
		text_layout_build(c->text, label, strlen(label), NULL, 0, &ls, w - pw - m->gap, &probe);
		lab_h = probe.height;
		text_layout_release(&probe);
	}
	if (lab_h + m->gap / 2 > row)
		row = lab_h + m->gap / 2;
	scene_text(s, c->text, (struct rect){ x, y + (row - lab_h) / 2, w - pw - m->gap, 0 }, label, NULL, 0, &ls,
		   c->th->accent, 1);
	scene_text(s, c->text, (struct rect){ x + w - pw, y + (row - lh) / 2, pw, lh }, pos, NULL, 0, &ps,
		   c->th->muted, 1);
	{
		char *route = xasprintf("/section/%s", ex->parent_slug);
		scene_hit(s, (struct rect){ x, y, w - pw - m->gap, row }, ACT_ROUTE, route, sec.title, 1);
		free(route);
	}
	free(label);
	cat_node_release(&sec);
	return y + row;
}

#define MARKS_MS 6000   /* the matched words of a search stay marked this long */

struct exhibit_state {
	int confirmed;      /* the visitor read the content warning and chose to continue */
	int marking;        /* the route's query is marked */
	uint32_t marks_t;   /* ms when the marks came */
	struct player player;
};

static int exhibit_create(struct screen *self, struct screen_ctx *c, struct err *e)
{
	struct exhibit_state *st = self->state;

	(void)e;
	st->marking = self->route.query[0] != 0;
	st->marks_t = c->now;
	return 0;
}

static int exhibit_tick(struct screen *self, struct screen_ctx *c, uint32_t now, struct screen_reply *r)
{
	struct exhibit_state *st = self->state;
	int next = player_tick(&st->player, c, r);

	if (!st->marking)
		return next;
	if (now - st->marks_t >= MARKS_MS) {
		st->marking = 0;
		r->rebuild = 1;
		return next;
	}
	if (next < 0 || (int)(MARKS_MS - (now - st->marks_t)) < next)
		next = (int)(MARKS_MS - (now - st->marks_t));
	return next;
}

static int exhibit_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			 struct screen_reply *r)
{
	struct exhibit_state *st = self->state;
	struct cat_node ex;
	int taken;

	if (ev->kind == SCREEN_GESTURE && ev->g->kind == GESTURE_TAP && ev->hit && ev->hit->action == ACT_CLEAR &&
	    ev->hit->payload && !strcmp(ev->hit->payload, "confirm")) {
		st->confirmed = 1;
		self->scroll.pos = 0;
		r->rebuild = 1;
		snprintf(r->trace, sizeof(r->trace), "warning continue");
		return 1;
	}
	if (ev->kind != SCREEN_GESTURE || !st->player.has)
		return 0;
	if (catalog_node(c->cat, c->pack->id, self->route.slug, c->lang, &ex, NULL) <= 0)
		return 0;
	taken = player_input(&st->player, c, &ex, ev, r);
	cat_node_release(&ex);
	return taken;
}

static void exhibit_release(struct screen *self)
{
	struct exhibit_state *st = self->state;

	player_release(&st->player);
}

/* Before an exhibit that carries a content warning: the warning, and the choice
 * to continue or go back. Nothing of the exhibit is shown yet, its pictures least. */
static int warning_build(struct screen_ctx *c, struct scene *s, const struct cat_node *ex, const char *text)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int top = chrome_bar(c, s, ROUTE_EXHIBIT), w, x, y;
	struct text_style hs = { .size = m->h2, .bold = 1, .line_height = 1.15f };
	struct text_style ts = { .size = m->h3, .bold = 1, .line_height = 1.2f };
	struct text_style bs = { .size = m->body, .line_height = 1.4f };
	char *back = xasprintf("/section/%s", ex->parent_slug);

	w = m->column + 2 * m->margin < s->w ? m->column : s->w - 2 * m->margin;
	x = (s->w - w) / 2;
	s->view = (struct rect){ 0, top, s->w, s->h - top };
	y = top + m->margin * 2;
	y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, str_get(c->lang, STR_CONTENT_WARNING), NULL, 0, &hs,
			th->text, 1);
	y += m->gap;
	y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, ex->title, NULL, 0, &ts, th->muted, 1);
	y += m->gap;
	scene_rect(s, (struct rect){ x - m->gap / 2 - 6 > 0 ? x - m->gap / 2 - 6 : 0, y, 6, 0 }, th->accent, 1);
	{
		size_t bar = s->nitems - 1;
		int h = scene_text(s, c->text, (struct rect){ x, y, w, 0 }, text, NULL, 0, &bs, th->text, 1);
		s->items[bar].r.h = h;
		y += h + m->gap * 2;
	}
	y += chrome_wide_button(c, s, x, y, w, str_get(c->lang, STR_CONTINUE), ACT_CLEAR, "confirm", 1, 1).h + m->gap;
	y += chrome_wide_button(c, s, x, y, w, str_get(c->lang, STR_GO_BACK), ACT_STEP, back, 0, 1).h;
	s->content_h = y + m->margin - top;
	free(back);
	return 0;
}

/* Opened from a search that found this exhibit in another of the pack's languages
 * only: the index of the first block of that page which the search words mark (a
 * picture's caption or alternative text too), or -1. An exhibit's pages have their
 * blocks in the same order in every language (the language switch keeps the
 * visitor's place by them), so this page scrolls to its own block of that index. */
static int block_in_other_lang(struct screen_ctx *c, const char *slug, const char *marks, int mark_flags)
{
	char langs[128], *save = NULL;
	int found = -1;

	snprintf(langs, sizeof(langs), "%s", c->langs ? c->langs : "");
	for (char *l = strtok_r(langs, ",", &save); l && found < 0; l = strtok_r(NULL, ",", &save)) {
		struct cat_node o;
		struct md_doc d;
		struct err e = { 0 };

		if (!strcmp(l, c->lang) || catalog_node(c->cat, c->pack->id, slug, l, &o, &e) <= 0)
			continue;
		md_parse(o.body, strlen(o.body), "", &d, NULL);
		for (size_t b = 1; b < d.n && found < 0; b++) {
			const struct md_block *k = &d.blocks[b];
			size_t n = 0;
			struct md_span *hit = screen_marked(marks, mark_flags, k->text, k->len, NULL, 0, &n);
			if (!hit && k->kind == MD_IMAGE)
				hit = screen_marked(marks, mark_flags, k->alt, strlen(k->alt), NULL, 0, &n);
			if (hit)
				found = (int)b;
			free(hit);
		}
		md_release(&d);
		cat_node_release(&o);
	}
	return found;
}

static int exhibit_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct exhibit_state *state = self->state;
	const char *marks = state->marking ? self->route.query : NULL;
	/* marked by the rule the search used: opened while 궈 was being typed, 권 */
	int mark_flags = route_composing(&self->route) ? CATALOG_SEARCH_COMPOSING : 0;
	int first = -1;
	const char *slug = self->route.slug;
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	struct cat_node ex;
	struct md_doc doc;
	char *zip;
	size_t end;
	struct place where;
	int top, bottom, y, x, col, rc, reading, title_marked = 0;

	rc = catalog_node(c->cat, c->pack->id, slug, c->lang, &ex, e);
	if (rc == 0 || (rc > 0 && ex.kind != 2)) {
		if (rc > 0)
			cat_node_release(&ex);
		return fail(e, ERR_NOTFOUND, "no exhibit '%s'", slug);
	}
	if (rc < 0)
		return -1;
	if (ex.warned && !state->confirmed) {
		char *text = NULL;
		if (catalog_warning(c->cat, ex.id, c->lang, &text, e) < 0) {
			cat_node_release(&ex);
			return -1;
		}
		if (text) {
			warning_build(c, s, &ex, text);
			free(text);
			cat_node_release(&ex);
			return 0;
		}
	}
	if (place_of(c, slug, ex.parent_slug, &where, e) < 0) {
		cat_node_release(&ex);
		return -1;
	}
	s->prev = where.prev;
	s->next = where.next;
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
		/* previous and next take this exhibit's place: Back still leads up */
		if (s->prev)
			chrome_button(c, s, m->margin / 2, by, prev, ACT_STEP, s->prev, 0, 0);
		if (s->next)
			chrome_button(c, s, s->w - m->margin / 2 - chrome_button_width(c, next), by, next, ACT_STEP,
				      s->next, 1, 0);
	}
	/* narration: its controls and captions above the bar */
	bottom = player_layout(&state->player, c, s, &ex, bottom);
	s->view = (struct rect){ 0, top, s->w, bottom - top };

	col = m->column;
	x = (s->w - col) / 2;
	zip = screen_zip_path(c, ex.zip);
	y = top + m->margin / 2;
	scene_anchor(s, y);
	y = section_row(c, s, &ex, &where, x, y, col) + m->gap / 2;
	{
		struct text_style st = { .size = m->h1, .bold = 1, .line_height = 1.15f };
		size_t nm = 0;
		struct md_span *tm = screen_marked(marks, mark_flags, ex.title, strlen(ex.title), NULL, 0, &nm);
		title_marked = tm != NULL;
		y += scene_text(s, c->text, (struct rect){ x, y, col, 0 }, ex.title, tm, nm, &st, th->text, 1);
		y += m->gap * 3 / 2;
		free(tm);
	}
	md_parse(ex.body, strlen(ex.body), "", &doc, NULL);
	end = doc.n;
	if (ex.source && end > 1 && doc.blocks[end - 1].kind == MD_PARAGRAPH)
		end--; /* the source line is drawn apart, below */
	y = body_layout(c, s, &doc, 1, end, x, y, col, zip, ex.dir, ex.slug, marks, mark_flags, &first);
	/* a search that matched the other language's page only: the same paragraph here */
	if (first < 0 && marks && !title_marked) {
		int b = block_in_other_lang(c, slug, marks, mark_flags);
		if (b > 0 && (size_t)b < s->nanchors)
			first = s->anchors[b];
	}
	/* opened from a search: the first matched paragraph at the top, a line of context above */
	if (first >= 0 && marks)
		s->focus_y = first - m->gap - top > 0 ? first - m->gap : -1;
	/* narration: the paragraph being read (cue k is the page's k-th text block, the
	 * title 0, pictures not counted) gets a bar at its left */
	reading = -1;
	if (state->player.loaded && state->player.paragraph >= 0) {
		int k = state->player.paragraph;
		if (k == 0)
			reading = 0;
		for (size_t b = 1; b < doc.n && reading < 0; b++)
			if (doc.blocks[b].kind != MD_IMAGE && --k == 0)
				reading = (int)b;
	}
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
	if (reading >= 0 && (size_t)reading < s->nanchors) {
		/* anchor 0 holds the title, anchor b block b; the block ends where the next begins */
		int y0 = s->anchors[reading], y1 = (size_t)reading + 1 < s->nanchors ? s->anchors[reading + 1] : y;
		int bx = x - m->gap / 2 - 6 > 0 ? x - m->gap / 2 - 6 : 0;
		scene_rect(s, (struct rect){ bx, y0, 6, y1 - y0 - m->gap / 2 }, th->accent, 1);
	}
	s->content_h = y + m->margin - top;
	free(zip);
	cat_node_release(&ex);
	return 0;
}

const struct screen_class screen_exhibit_class = {
	.name = "exhibit",
	.state_size = sizeof(struct exhibit_state),
	.create = exhibit_create,
	.build = exhibit_build,
	.input = exhibit_input,
	.tick = exhibit_tick,
	.release = exhibit_release,
};
