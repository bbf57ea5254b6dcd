/* attract.c: what the kiosk shows when nobody is there: the pack's pictures and
 * titles, one slide at a time, and "touch to begin" in every language of the pack. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLIDE_MS 8000   /* each slide stays this long */

/* One exhibit of the loop: which pack, and its slug. Its page is read when it is
 * shown, so a pack of 10,000 exhibits costs a list of slugs, not of pages. */
struct slide {
	int pack;           /* index in attract_state.packs */
	char *slug;
	int picture;        /* it has a picture the loop may show (none behind a warning) */
};

struct attract_state {
	int slide;          /* which exhibit's picture, counting from the first */
	uint32_t slide_t;   /* ms when it came */
	/* the loop's exhibits, read at the first build and again when the packs on
	 * show change (their files and ids are `shows`) */
	struct slide *slides;
	size_t nslides;
	struct catalog_pack *packs;
	int npacks;
	char *shows;
};

static int attract_create(struct screen *self, struct screen_ctx *c, struct err *e)
{
	struct attract_state *st = self->state;

	(void)e;
	st->slide_t = c->now;
	return 0;
}

static void forget_slides(struct attract_state *st)
{
	for (size_t i = 0; i < st->nslides; i++)
		free(st->slides[i].slug);
	free(st->slides);
	free(st->packs);
	free(st->shows);
	st->slides = NULL;
	st->nslides = 0;
	st->packs = NULL;
	st->npacks = 0;
	st->shows = NULL;
}

static void attract_release(struct screen *self)
{
	forget_slides(self->state);
}

/* What is on show, as a string: the pack on show's file, then the ids of the
 * others (c->active). A new string. */
static char *shows_of(const struct screen_ctx *c)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, c->pack->file);
	for (int i = 0; i < c->nactive; i++) {
		buf_addc(&b, '\n');
		buf_adds(&b, c->active[i]);
	}
	return buf_detach(&b, NULL);
}

/* The exhibits of every pack shown today, one after the other (the pack on show
 * first, then the others in the order of c->active), each with its pack; or those
 * of the pack on show alone when the others cannot be read. */
static int read_slides(struct attract_state *st, struct screen_ctx *c, struct err *e)
{
	forget_slides(st);
	st->shows = shows_of(c);
	st->packs = xcalloc((size_t)c->nactive + 1, sizeof(*st->packs));
	for (int i = -1; i < c->nactive; i++) {
		struct catalog_pack p;
		struct cat_node *ex = NULL;
		size_t n = 0;
		if (i < 0)
			p = *c->pack;
		else if (!strcmp(c->active[i], c->pack->id) || catalog_pack_get(c->cat, c->active[i], &p, NULL) <= 0)
			continue;
		if (catalog_exhibits(c->cat, p.id, p.default_lang, &ex, &n, e) < 0) {
			if (i < 0) {
				forget_slides(st);
				return -1;
			}
			continue;
		}
		st->packs[st->npacks] = p;
		st->slides = xrealloc(st->slides, (st->nslides + n) * sizeof(*st->slides) + 1);
		for (size_t k = 0; k < n; k++) {
			struct slide *sl = &st->slides[st->nslides++];
			sl->pack = st->npacks;
			sl->slug = ex[k].slug; /* taken from the node */
			ex[k].slug = NULL;
			/* an exhibit with a content warning is never on the attract loop */
			sl->picture = ex[k].image && !ex[k].warned;
		}
		st->npacks++;
		cat_nodes_free(ex, n);
	}
	return 0;
}

/* The page of slide k in its pack's default language; 1, or 0 when it is gone (a
 * withdrawal since the list was read) or cannot be read. */
static int slide_page(const struct attract_state *st, struct screen_ctx *c, size_t k, struct cat_node *out)
{
	const struct catalog_pack *p = &st->packs[st->slides[k].pack];

	return catalog_node(c->cat, p->id, st->slides[k].slug, p->default_lang, out, NULL) > 0;
}

/* The height of a title of at most two lines at size px (bold or not) in w px,
 * at the titles' line height (1.1), in px. */
static int title_height(struct screen_ctx *c, const char *title, int size, int bold, int w)
{
	int lines = text_width(c->text, title ? title : "", size, bold) > w ? 2 : 1;

	return lines * text_line_height(c->text, size) * 11 / 10 + 1;
}

/* The call to begin in each language of the pack, at most two lines each when
 * w px wide, with a fifth of a line after each, in px. */
static int begin_height(struct screen_ctx *c, int w)
{
	char langs[16][16];
	int h = 0, lh = text_line_height(c->text, c->m->h3), nl = screen_lang_list(c->pack->languages, langs, 16);

	for (int i = 0; i < nl; i++)
		h += (text_width(c->text, str_get(langs[i], STR_TOUCH_TO_BEGIN), c->m->h3, 1) > w ? 2 : 1) * lh + lh / 5;
	return h;
}

/* The band below the picture when the titles fit in it: 30 % of a screen h px
 * high standing, 38 % lying. */
static int usual_band(const struct screen_ctx *c, int h)
{
	return h * (c->m->portrait ? 30 : 38) / 100;
}

/* The number of lines of title at size px (bold or not) in w px, uncut. */
static int title_lines(struct screen_ctx *c, const char *title, int size, int bold, int w)
{
	struct text_style st = { .size = size, .bold = bold, .line_height = 1.1f };
	struct text_layout l;
	int n;

	if (text_layout_build(c->text, title ? title : "", title ? strlen(title) : 0, NULL, 0, &st, w, &l) < 0)
		return 99;
	n = (int)l.nlines;
	text_layout_release(&l);
	return n;
}

/* The height in px of slide k's text when w px wide: its title (x is its page in
 * the default language), its titles in the pack's other languages, two gaps, and
 * begin_h px for the call to begin (begin_height). With whole, also whether every
 * title takes two lines at most there (the attract screen cuts a title at two). */
static int text_height(const struct attract_state *st, struct screen_ctx *c, size_t k, const struct cat_node *x,
		       int w, int begin_h, int *whole)
{
	const struct metrics *m = c->m;
	const struct catalog_pack *p = &st->packs[st->slides[k].pack];
	char langs[16][16];
	int nl = screen_lang_list(p->languages, langs, 16), h;
	struct cat_node other;

	h = title_height(c, x->title, m->h1, 1, w) + m->gap * 2 + begin_h;
	if (whole)
		*whole = title_lines(c, x->title, m->h1, 1, w) <= 2;
	for (int i = 0; i < nl; i++) {
		if (strcmp(langs[i], p->default_lang) &&
		    catalog_node(c->cat, p->id, st->slides[k].slug, langs[i], &other, NULL) > 0) {
			h += title_height(c, other.title, m->h3, 0, w);
			if (whole && *whole)
				*whole = title_lines(c, other.title, m->h3, 0, w) <= 2;
			cat_node_release(&other);
		}
	}
	return h;
}

/* The band below the picture of slide k (whose page in the default language is
 * x), in px, on screen s with top px taken by the read-only notice, text w px
 * wide and begin_h px for the call to begin (begin_height): the usual band, or
 * more when the slide's titles and the call to begin need it, at a large text
 * size on a small screen. When what that leaves for
 * the picture is lower than 30 % of the screen's shorter side, the band takes
 * the whole screen under the notice: a picture smaller than that cannot be read
 * (they are diagrams with words in them). */
static int band_height(const struct attract_state *st, struct screen_ctx *c, size_t k, const struct cat_node *x,
		       const struct scene *s, int top, int w, int begin_h)
{
	const struct metrics *m = c->m;
	int band = usual_band(c, s->h), need, avail = s->h - top, shorter = s->w < s->h ? s->w : s->h;

	need = m->margin + text_height(st, c, k, x, w, begin_h, NULL) + m->margin / 2;
	if (need <= band)
		return band;
	return avail - need - 2 * m->margin < shorter * 3 / 10 ? avail : need;
}

/* Where the picture of a slide with a band of band px goes. */
static struct rect picture_rect(const struct screen_ctx *c, const struct scene *s, int top, int band)
{
	const struct metrics *m = c->m;

	return (struct rect){ m->margin, top + m->margin, s->w - 2 * m->margin, s->h - band - top - 2 * m->margin };
}

/* Where a slide's picture and its text go. */
struct slide_layout {
	struct rect pic;   /* the picture's box; h <= 0: no picture */
	int x, y, w;       /* the text's left, top and width, px */
	int begin_h;       /* begin_height at that width */
};

/* How wide a 16:9 picture is shown in box r, px (0: no room). The pack format's
 * diagrams are mostly of that shape; the layout is chosen before the picture is
 * decoded. */
static int wide_shown(struct rect r)
{
	if (r.w <= 0 || r.h <= 0)
		return 0;
	return r.w < r.h * 16 / 9 ? r.w : r.h * 16 / 9;
}

/* The layout of slide k (x: its page in the default language) on screen s, under
 * top px of notice. Usually the picture above and the text in a band below it
 * (band_height). On a screen lying low (a 7-inch panel of 800x480, a phone on its
 * side, a larger text size on a tablet) the text may instead take the left two
 * fifths of the screen (or half, when it does not fit in two fifths), centred in
 * height, and the picture the rest beside it: when the text fits there with every
 * title whole in two lines, and a 16:9 picture is shown a tenth wider or more so,
 * and 30 % of the screen's shorter side high at least (band_height's rule). */
static struct slide_layout slide_layout(const struct attract_state *st, struct screen_ctx *c, size_t k,
					const struct cat_node *x, const struct scene *s, int top)
{
	const struct metrics *m = c->m;
	struct slide_layout l = { .x = m->margin, .w = s->w - 2 * m->margin };
	int band, shorter = s->w < s->h ? s->w : s->h, avail = s->h - top;

	l.begin_h = begin_height(c, l.w);
	band = band_height(st, c, k, x, s, top, l.w, l.begin_h);
	l.pic = picture_rect(c, s, top, band);
	l.y = s->h - band + m->margin;
	if (s->w <= s->h)
		return l;
	{
		/* the widest the picture could be beside a column of two fifths: when that
		 * does not win, no text needs measuring (the kiosk's usual case) */
		int tw = (s->w - 3 * m->margin) * 4 / 10;
		struct rect side = { 0, 0, s->w - tw - 3 * m->margin, avail - 2 * m->margin };
		if (wide_shown(side) * 10 < wide_shown(l.pic) * 11)
			return l;
	}
	for (int fifths = 4; fifths <= 5; fifths++) {
		int tw = (s->w - 3 * m->margin) * fifths / 10, bh = begin_height(c, tw), whole;
		int need = text_height(st, c, k, x, tw, bh, &whole), room = avail - m->margin - m->margin / 2;
		struct rect side = { 2 * m->margin + tw, top + m->margin, s->w - tw - 3 * m->margin, avail - 2 * m->margin };
		if (need > room || !whole)
			continue; /* a wider column, then */
		if (wide_shown(side) * 10 >= wide_shown(l.pic) * 11 && wide_shown(side) * 9 / 16 >= shorter * 3 / 10) {
			l.pic = side;
			l.w = tw;
			l.begin_h = bh;
			l.y = top + m->margin + (room - need) / 2;
		}
		break;
	}
	return l;
}

static int attract_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct attract_state *state = self->state;
	const struct metrics *m = c->m;
	char langs[16][16], *shows = shows_of(c);
	struct cat_node x = { 0 };
	const struct catalog_pack *xp = NULL;
	size_t n, i, at = 0;
	int y, w = s->w - 2 * m->margin, top = 0, have = 0, pictured = 0, begin_h, nl;
	struct slide_layout lay = { .x = m->margin, .w = w };

	if (!state->shows || strcmp(shows, state->shows)) {
		if (read_slides(state, c, e) < 0) {
			free(shows);
			return -1;
		}
	}
	free(shows);
	n = state->nslides;
	scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, c->th->stage, 0);
	if (c->read_only) {
		/* for the technician, across the top, in each language of the pack: the data
		 * folder cannot take a new pack */
		struct text_style ns = { .size = m->small, .max_lines = 2 };
		size_t band_item = s->nitems;
		int ny = m->gap / 2;
		scene_rect(s, (struct rect){ 0, 0, s->w, 0 }, c->th->notice, 0);
		nl = screen_lang_list(c->pack->languages, langs, 16);
		for (int k = 0; k < nl; k++)
			ny += scene_text(s, c->text, (struct rect){ m->margin, ny, w, 0 }, str_get(langs[k], STR_READ_ONLY),
					 NULL, 0, &ns, c->th->on_notice, 0);
		s->items[band_item].r.h = ny + m->gap / 2;
		top = ny + m->gap / 2;
	}
	/* the picture of this slide fills the screen above the band */
	for (i = 0; i < n; i++) {
		at = ((size_t)state->slide + i) % n;
		if (!state->slides[at].picture || !slide_page(state, c, at, &x))
			continue;
		if (x.image) {
			have = pictured = 1;
			break;
		}
		cat_node_release(&x);
	}
	if (!have && n) {
		/* no pictures: the titles go round all the same */
		at = (size_t)state->slide % n;
		have = slide_page(state, c, at, &x);
	}
	if (have) {
		lay = slide_layout(state, c, at, &x, s, top);
	} else {
		lay.begin_h = begin_height(c, w);
		lay.pic = picture_rect(c, s, top, usual_band(c, s->h));
		lay.y = s->h - usual_band(c, s->h) + m->margin;
	}
	w = lay.w;
	begin_h = lay.begin_h;
	if (pictured) {
		char *zip = screen_zip_path(c, x.zip);
		/* the next slide's picture is decoded while this one shows, at the size it
		 * will be shown */
		for (size_t k = 1; k < n; k++) {
			struct cat_node nx;
			size_t j = (at + k) % n;
			if (!state->slides[j].picture || !slide_page(state, c, j, &nx))
				continue;
			if (nx.image) {
				char *next = screen_zip_path(c, nx.zip);
				struct rect r = slide_layout(state, c, j, &nx, s, top).pic;
				if ((strcmp(nx.image, x.image) || strcmp(next, zip) || r.w != lay.pic.w || r.h != lay.pic.h) &&
				    r.h > 0)
					scene_prefetch(s, r, next, nx.image, SCENE_FIT_SHOWN);
				free(next);
				cat_node_release(&nx);
				break;
			}
			cat_node_release(&nx);
		}
		/* the pictures are diagrams with words in them: shown whole, never cropped */
		if (lay.pic.h > 0)
			scene_image(s, lay.pic, zip, x.image, SCENE_FIT_SHOWN, x.title, 0);
		free(zip);
	}
	/* the band below (or the column beside) is the stage already */
	y = lay.y;
	/* the slide's title in every language, the pack's default first */
	if (have) {
		struct text_style st = { .size = m->h1, .bold = 1, .max_lines = 2, .line_height = 1.1f };
		xp = &state->packs[state->slides[at].pack];
		/* a title of two lines that would leave no room for the call to begin
		 * keeps one (and ends with "…"): the exhibit shows it whole */
		if (y + title_height(c, x.title, st.size, 1, w) + m->gap * 2 + begin_h > s->h - m->margin / 2)
			st.max_lines = 1;
		y += scene_text(s, c->text, (struct rect){ lay.x, y, w, 0 }, x.title, NULL, 0, &st, c->th->on_stage, 0);
		nl = screen_lang_list(xp->languages, langs, 16);
		for (int k = 0; k < nl; k++) {
			struct cat_node other;
			struct text_style os = { .size = m->h3, .max_lines = 2, .line_height = 1.1f };
			if (!strcmp(langs[k], xp->default_lang))
				continue;
			if (catalog_node(c->cat, xp->id, x.slug, langs[k], &other, NULL) > 0) {
				/* the call to begin goes before a title in another language */
				if (y + title_height(c, other.title, os.size, 0, w) + m->gap * 2 + begin_h >
				    s->h - m->margin / 2) {
					cat_node_release(&other);
					break;
				}
				y += scene_text(s, c->text, (struct rect){ lay.x, y, w, 0 }, other.title, NULL, 0, &os,
						c->th->on_stage_muted, 0);
				cat_node_release(&other);
			}
		}
		cat_node_release(&x);
	}
	y += m->gap * 2;
	/* touch to begin, in every language: what a visitor must see */
	nl = screen_lang_list(c->pack->languages, langs, 16);
	for (int k = 0; k < nl; k++) {
		struct text_style st = { .size = m->h3, .bold = 1, .max_lines = 2 };
		int lh = text_line_height(c->text, st.size);
		if (y + lh > s->h - m->margin / 2)
			break;
		y += scene_text(s, c->text, (struct rect){ lay.x, y, w, 0 }, str_get(langs[k], STR_TOUCH_TO_BEGIN), NULL, 0,
				&st, c->th->call, 0) + lh / 5;
	}
	scene_hit(s, (struct rect){ 0, 0, s->w, s->h }, ACT_BEGIN, NULL, "begin", 0);
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
	.release = attract_release,
};
