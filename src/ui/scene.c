#include "scene.h"
#include "image_cache.h"
#include "theme.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <SDL2/SDL.h>
#include <stdlib.h>
#include <string.h>

void scene_init(struct scene *s, int w, int h)
{
	memset(s, 0, sizeof(*s));
	s->w = w;
	s->h = h;
	s->focus_y = -1;
}

void scene_release(struct scene *s)
{
	for (size_t i = 0; i < s->nitems; i++) {
		struct scene_item *it = &s->items[i];
		if (it->kind == ITEM_TEXT)
			text_layout_release(&it->text);
		free(it->zip);
		free(it->entry);
		free(it->alt);
	}
	for (size_t i = 0; i < s->nhits; i++) {
		free(s->hits[i].payload);
		free(s->hits[i].label);
	}
	free(s->items);
	free(s->hits);
	free(s->anchors);
	free(s->prev);
	free(s->next);
	scene_init(s, 0, 0);
}

static struct scene_item *add(struct scene *s, int kind, struct rect r, uint32_t color, int scroll)
{
	struct scene_item *it;

	s->items = xgrow(s->items, &s->cap_items, s->nitems + 1, sizeof(*s->items));
	it = &s->items[s->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->r = r;
	it->color = color;
	it->scroll = scroll;
	return it;
}

void scene_rect(struct scene *s, struct rect r, uint32_t color, int scroll)
{
	add(s, ITEM_RECT, r, color, scroll);
}

void scene_frame(struct scene *s, struct rect r, uint32_t color, int thickness, int scroll)
{
	add(s, ITEM_FRAME, r, color, scroll)->thickness = thickness;
}

int scene_text(struct scene *s, struct text_engine *t, struct rect r, const char *text,
	       const struct md_span *spans, size_t nspans, const struct text_style *st,
	       uint32_t color, int scroll)
{
	struct scene_item *it = add(s, ITEM_TEXT, r, color, scroll);

	if (text_layout_build(t, text, strlen(text), spans, nspans, st, r.w > 0 ? r.w : 1, &it->text) < 0) {
		s->nitems--;
		return 0;
	}
	if (!it->r.h)
		it->r.h = it->text.height;
	return it->text.height;
}

struct scene_item *scene_image(struct scene *s, struct rect r, const char *zip, const char *entry,
			       int max_side, const char *alt, int scroll)
{
	struct scene_item *it = add(s, ITEM_IMAGE, r, 0, scroll);

	it->zip = xstrdup(zip);
	it->entry = xstrdup(entry);
	it->max_side = max_side;
	it->alt = xstrdup(alt ? alt : "");
	it->zoom = 1;
	return it;
}

void scene_prefetch(struct scene *s, struct rect r, const char *zip, const char *entry, int max_side)
{
	scene_image(s, r, zip, entry, max_side, NULL, 0)->ahead = 1;
}

void scene_hit(struct scene *s, struct rect r, int action, const char *payload, const char *label,
	       int scroll)
{
	struct scene_hit *h;

	s->hits = xgrow(s->hits, &s->cap_hits, s->nhits + 1, sizeof(*s->hits));
	h = &s->hits[s->nhits++];
	h->r = r;
	h->action = action;
	h->payload = payload ? xstrdup(payload) : NULL;
	h->label = xstrdup(label ? label : "");
	h->scroll = scroll;
}

void scene_anchor(struct scene *s, int y)
{
	s->anchors = xgrow(s->anchors, &s->cap_anchors, s->nanchors + 1, sizeof(*s->anchors));
	s->anchors[s->nanchors++] = y;
}

void scene_fit_caches(struct image_cache *images, struct text_engine *t, int w, int h)
{
	size_t px = (size_t)(w > 0 ? w : 1) * (size_t)(h > 0 ? h : 1);
	size_t img = px * 4 * 5 / 4, txt = px / 2;

	/* pictures: a screen and a quarter of 32-bit pixels, 8 to 10 MiB; text: half a
	 * screen of pixels, 1 to 3 Mi (a byte each as masks, 3 MiB at 3840x2160, where
	 * the whole text of an exhibit scrolled top to bottom takes 1.7) */
	img = img < (8u << 20) ? (8u << 20) : img > (10u << 20) ? (10u << 20) : img;
	txt = txt < (1u << 20) ? (1u << 20) : txt > (3u << 20) ? (3u << 20) : txt;
	if (images)
		image_cache_set_budget(images, img);
	if (t)
		text_engine_set_budget(t, txt);
}

static void set_color(SDL_Renderer *r, uint32_t c)
{
	SDL_SetRenderDrawColor(r, (Uint8)(c >> 24), (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c);
}

/* An opaque colour is written, not blended: SDL's software renderer blends every
 * pixel of a fill in BLEND mode even at alpha 255 (a multiply and a divide by 255
 * per channel), where a fill without blending is a plain store. Same pixels. */
static void set_fill(SDL_Renderer *r, uint32_t c)
{
	set_color(r, c);
	SDL_SetRenderDrawBlendMode(r, (c & 0xFF) == 0xFF ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

/* Where the scrolling layer is drawn for a scroll of scroll_y px: moved up by it,
 * rounded to a whole pixel (drawing, marking frames and rendering ahead agree). */
static int scroll_dy(float scroll_y)
{
	return -(int)(scroll_y + (scroll_y >= 0 ? 0.5f : -0.5f));
}

static SDL_Rect to_sdl(struct rect r, int dy)
{
	SDL_Rect q = { r.x, r.y + dy, r.w, r.h };
	return q;
}

/* What draw_image finds in the cache for it at dst: ready when px is set. */
struct picture {
	struct image_px px;
	int ready, state;
};

static struct picture picture_of(const struct scene_item *it, struct image_cache *images, SDL_Rect dst)
{
	struct picture p = { { NULL, NULL, 0, 0 }, 0, IMAGE_LOADING };

	if (images)
		p.ready = it->max_side == SCENE_FIT_SHOWN
				  ? image_cache_px(images, it->zip, it->entry, dst.w, dst.h, &p.state, &p.px)
				  : image_cache_px(images, it->zip, it->entry, it->max_side, 0, &p.state, &p.px);
	return p;
}

/* Where a picture of w x h px goes: the part of it copied (src) and where to (out). */
static void picture_place(const struct scene_item *it, int w, int h, SDL_Rect dst, SDL_Rect *src, SDL_Rect *out)
{
	*out = dst;
	*src = (SDL_Rect){ 0, 0, w, h };
	if (it->cover) {
		/* crop the source to the destination's shape */
		double sa = (double)src->w / src->h, da = (double)dst.w / dst.h;
		if (sa > da) {
			int cw = (int)(src->h * da);
			src->x = (src->w - cw) / 2;
			src->w = cw;
		} else {
			int ch = (int)(src->w / da);
			src->y = (src->h - ch) / 2;
			src->h = ch;
		}
	} else {
		double k = (double)dst.w / src->w;
		if ((double)dst.h / src->h < k)
			k = (double)dst.h / src->h;
		k *= it->zoom;
		out->w = (int)(src->w * k + 0.5);
		out->h = (int)(src->h * k + 0.5);
		/* a texture made for this size is copied as it is, never rescaled by a pixel */
		if (abs(out->w - src->w) <= 2 && abs(out->h - src->h) <= 2) {
			out->w = src->w;
			out->h = src->h;
		}
		out->x = dst.x + (dst.w - out->w) / 2 + (int)it->pan_x;
		out->y = dst.y + (dst.h - out->h) / 2 + (int)it->pan_y;
	}
}

/* g: the layer drawn on, where the pixels it draws are listed */
static void draw_image(const struct scene_item *it, SDL_Renderer *r, struct image_cache *images,
		       const struct theme *th, struct text_engine *t, SDL_Rect dst, struct text_ground *g)
{
	struct picture p = picture_of(it, images, dst);

	text_ground_add(g, dst.x, dst.y, dst.w, dst.h, 0);
	if (p.ready) {
		SDL_Rect src, out;
		picture_place(it, p.px.w, p.px.h, dst, &src, &out);
		text_ground_add(g, out.x, out.y, out.w, out.h, 0);
		if (it->zoom > 1.001f) {
			/* a zoomed picture stays inside its stage: the controls around it stay visible */
			SDL_Rect old, in = dst;
			SDL_bool had = SDL_RenderIsClipEnabled(r);
			SDL_RenderGetClipRect(r, &old);
			if (had && !SDL_IntersectRect(&dst, &old, &in))
				return;
			SDL_RenderSetClipRect(r, &in);
			image_cache_draw(images, r, &p.px, &src, &out);
			SDL_RenderSetClipRect(r, had ? &old : NULL);
			return;
		}
		image_cache_draw(images, r, &p.px, &src, &out);
		return;
	}
	/* the placeholder: a calm panel, with the alternative text when the image is broken */
	set_fill(r, th->placeholder);
	SDL_RenderFillRect(r, &dst);
	if (p.state == IMAGE_BROKEN && it->alt[0] && t && dst.w > 40 && dst.h > 40) {
		struct text_layout l;
		struct text_style st = { 0 };
		st.size = dst.h / 12 < 14 ? 14 : dst.h / 12;
		st.align = TEXT_CENTER;
		st.max_lines = 4;
		if (text_layout_build(t, it->alt, strlen(it->alt), NULL, 0, &st, dst.w - 20, &l) == 0) {
			text_draw(t, &l, dst.x + 10, dst.y + (dst.h - l.height) / 2, th->muted);
			text_layout_release(&l);
		}
	}
}

/* Ask for the picture of it at the size it is drawn, drawing nothing. */
static void ask_ahead(struct image_cache *images, const struct scene_item *it)
{
	image_cache_ask_ahead(images, it->zip, it->entry, it->max_side == SCENE_FIT_SHOWN ? it->r.w : it->max_side,
			      it->max_side == SCENE_FIT_SHOWN ? it->r.h : 0);
}

void scene_ask_pictures(const struct scene *s, struct image_cache *images)
{
	for (size_t i = 0; images && i < s->nitems; i++)
		if (s->items[i].kind == ITEM_IMAGE)
			ask_ahead(images, &s->items[i]);
}

/* cleared: the frame was filled with the theme's background first (scene_draw) */
static void draw_items(const struct scene *s, SDL_Renderer *r, struct text_engine *t,
		       struct image_cache *images, const struct theme *th, float scroll_y, const struct rect *clip,
		       int cleared)
{
	SDL_Rect view = { s->view.x, s->view.y, s->view.w, s->view.h }, box = { 0, 0, 0, 0 };
	int dy = scroll_dy(scroll_y);
	/* what each layer holds so far, for text drawn on a known colour (text_draw_on):
	 * the background, where the scrolling layer and the fixed items drawn so far
	 * have not been (under a full-width bar it is not cleared, but the bar is
	 * drawn over whatever is there) */
	struct text_ground g;

	if (clip)
		box = (SDL_Rect){ clip->x, clip->y, clip->w, clip->h };
	/* the scrolling layer first, clipped to its viewport; fixed items over it */
	for (int pass = 0; pass < 2; pass++) {
		SDL_Rect cut = pass == 0 ? view : box;
		if (pass == 0 && !s->view.w)
			continue;
		if (pass == 0 && clip && !SDL_IntersectRect(&view, &box, &cut))
			continue;
		SDL_RenderSetClipRect(r, pass == 0 || clip ? &cut : NULL);
		g.n = g.full = 0;
		g.cleared = cleared;
		g.rgb = th->bg >> 8;
		if (pass == 1 && s->view.w)
			text_ground_add(&g, view.x, view.y, view.w, view.h, 0); /* the scrolling layer, drawn */
		for (size_t i = 0; i < s->nitems; i++) {
			const struct scene_item *it = &s->items[i];
			SDL_Rect q;
			if (it->scroll != (pass == 0))
				continue;
			if (it->kind == ITEM_IMAGE && it->ahead) {
				if (images)
					ask_ahead(images, it);
				continue;
			}
			q = to_sdl(it->r, it->scroll ? dy : 0);
			if (it->scroll && (q.y > view.y + view.h || q.y + q.h < view.y))
				continue;
			switch (it->kind) {
			case ITEM_RECT:
				set_fill(r, it->color);
				SDL_RenderFillRect(r, &q);
				text_ground_add(&g, q.x, q.y, q.w, q.h, it->color);
				break;
			case ITEM_FRAME:
				set_fill(r, it->color);
				for (int k = 0; k < it->thickness; k++) {
					SDL_Rect f = { q.x + k, q.y + k, q.w - 2 * k, q.h - 2 * k };
					SDL_RenderDrawRect(r, &f);
				}
				text_ground_add(&g, q.x, q.y, q.w, q.h, 0);
				break;
			case ITEM_TEXT:
				text_draw_on(t, &it->text, q.x, q.y, it->color, &g);
				break;
			case ITEM_IMAGE:
				draw_image(it, r, images, th, t, q, &g);
				break;
			}
		}
	}
	SDL_RenderSetClipRect(r, NULL);
}

int scene_warm(const struct scene *s, struct text_engine *t, float scroll_y, uint64_t deadline_ns)
{
	int dy = scroll_dy(scroll_y);
	int top = s->view.y, bottom = s->view.y + s->view.h;

	if (!s->view.w || !t)
		return 1;
	/* first the text on show, only touched here (drawn already): the fixed items,
	 * which a frame drawn in parts may not have drawn again since the screen
	 * changed, and the viewport's own, so that nothing on show is what warming
	 * makes room from; then below, where reading goes; then above, the nearest
	 * first */
	for (int pass = 0; pass < 3; pass++) {
		for (size_t k = 0; k < s->nitems; k++) {
			const struct scene_item *it = &s->items[pass < 2 ? k : s->nitems - 1 - k];
			int y0 = it->r.y + dy, y1 = y0 + it->r.h, r;
			if (it->kind != ITEM_TEXT || it->scroll != (pass > 0))
				continue;
			if (pass == 1 && (y1 <= top || y0 >= bottom + 2 * s->view.h))
				continue;
			if (pass == 2 && (y0 >= top || y1 <= top - s->view.h))
				continue;
			r = text_warm(t, &it->text, it->color, deadline_ns);
			if (r < 0)
				return 1;
			if (r == 0)
				return 0;
		}
	}
	return 1;
}

static int by_top(const void *a, const void *b)
{
	const struct rect *x = a, *y = b;
	return (x->y > y->y) - (x->y < y->y);
}

/* Where the background shows: not where a fixed opaque panel as wide as the window
 * (a screen's header and footer bars, or a panel over everything) will paint
 * anyway. A frame of software drawing is bound by the bytes it writes: at
 * 1920x1080 the clear and the two bars were 2.4 million pixels for 2.1 on show.
 * Fills out[] (at most 9) and returns how many. */
static size_t uncovered(const struct scene *s, struct rect out[9])
{
	struct rect band[8];
	size_t n = 0, k = 0;
	int y = 0;

	for (size_t i = 0; i < s->nitems && n < sizeof(band) / sizeof(band[0]); i++) {
		const struct scene_item *it = &s->items[i];
		if (it->kind == ITEM_RECT && !it->scroll && (it->color & 0xFF) == 0xFF && it->r.x <= 0 &&
		    it->r.x + it->r.w >= s->w && it->r.h > 0)
			band[n++] = it->r;
	}
	if (n > 1)
		qsort(band, n, sizeof(band[0]), by_top);
	for (size_t i = 0; i <= n && y < s->h; i++) {
		int top = i < n ? band[i].y : s->h;
		if (top > y)
			out[k++] = (struct rect){ 0, y, s->w, (top < s->h ? top : s->h) - y };
		if (i < n && band[i].y + band[i].h > y)
			y = band[i].y + band[i].h;
	}
	return k;
}

static void clear_uncovered(const struct scene *s, SDL_Renderer *r, const struct theme *th, const struct rect *clip)
{
	struct rect out[9];
	size_t n = uncovered(s, out);

	if (clip) {
		SDL_Rect c = { clip->x, clip->y, clip->w, clip->h };
		SDL_RenderSetClipRect(r, &c);
	}
	set_fill(r, th->bg | 0xFF);
	for (size_t i = 0; i < n; i++) {
		SDL_Rect q = { out[i].x, out[i].y, out[i].w, out[i].h };
		SDL_RenderFillRect(r, &q);
	}
	SDL_RenderSetClipRect(r, NULL);
}

void scene_draw(const struct scene *s, SDL_Renderer *r, struct text_engine *t,
		struct image_cache *images, const struct theme *th, float scroll_y, const struct rect *clip)
{
	clear_uncovered(s, r, th, clip);
	draw_items(s, r, t, images, th, scroll_y, clip, 1);
}

void scene_draw_over(const struct scene *s, SDL_Renderer *r, struct text_engine *t,
		     struct image_cache *images, const struct theme *th, const struct rect *clip)
{
	draw_items(s, r, t, images, th, 0, clip, 0);
}

/* 64-bit FNV-1a: a frame mark's signature. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

#define MIX(h, v) mix((h), &(v), sizeof(v))

/* Short of memory, a mark is lost: the frame is then drawn whole (frame_damage). */
static void mark(struct frame_record *f, struct rect r, uint64_t sig)
{
	if (r.w <= 0 || r.h <= 0 || f->lost)
		return;
	if (f->nnext == f->cap_next) {
		size_t cap = f->cap_next ? f->cap_next * 2 : 64;
		struct frame_mark *m = realloc(f->next, cap * sizeof(*m));
		if (!m) {
			f->lost = 1;
			return;
		}
		f->next = m;
		f->cap_next = cap;
	}
	f->next[f->nnext++] = (struct frame_mark){ r, sig };
}

static struct rect from_sdl(SDL_Rect q)
{
	return (struct rect){ q.x, q.y, q.w, q.h };
}

void scene_plan_wash(struct frame_record *f, struct rect r, uint32_t color)
{
	uint64_t h = 0xcbf29ce484222325ull;
	const char kind[] = "wash";

	h = MIX(h, kind);
	h = MIX(h, r);
	mark(f, r, MIX(h, color));
}

void scene_draw_wash(SDL_Renderer *rd, struct rect r, uint32_t color, const struct rect *clip)
{
	SDL_Rect q = to_sdl(r, 0), box, in;

	if (r.w <= 0 || r.h <= 0)
		return;
	if (clip) {
		box = (SDL_Rect){ clip->x, clip->y, clip->w, clip->h };
		if (!SDL_IntersectRect(&q, &box, &in))
			return;
		q = in;
	}
	SDL_RenderSetClipRect(rd, NULL);
	set_fill(rd, color);
	SDL_RenderFillRect(rd, &q);
}

void frame_begin(struct frame_record *f)
{
	f->nnext = 0;
	f->lost = 0;
}

void scene_plan(const struct scene *s, struct frame_record *f, struct image_cache *images,
		const struct theme *th, float scroll_y, int over)
{
	SDL_Rect view = { s->view.x, s->view.y, s->view.w, s->view.h };
	int dy = scroll_dy(scroll_y);

	if (!over) {
		struct rect bg[9];
		size_t n = uncovered(s, bg);
		uint32_t c = th->bg | 0xFF;
		for (size_t i = 0; i < n; i++)
			mark(f, bg[i], MIX(MIX(0xcbf29ce484222325ull, c), bg[i]));
	}
	for (size_t i = 0; i < s->nitems; i++) {
		const struct scene_item *it = &s->items[i];
		uint64_t h = 0xcbf29ce484222325ull;
		SDL_Rect q, reach;
		if (it->kind == ITEM_IMAGE && it->ahead)
			continue;
		q = to_sdl(it->r, it->scroll ? dy : 0);
		if (it->scroll && s->view.w && (q.y > view.y + view.h || q.y + q.h < view.y))
			continue;
		h = MIX(h, it->kind);
		h = MIX(h, q);
		h = MIX(h, it->color);
		reach = q;
		switch (it->kind) {
		case ITEM_FRAME:
			h = MIX(h, it->thickness);
			break;
		case ITEM_TEXT: {
			const struct text_layout *l = &it->text;
			/* where the runs go (a line is placed in the width it was laid out for),
			 * and a font size around that: glyphs overhang their boxes */
			int pad = l->size, x0 = 0, x1 = 0;
			h = mix(h, l->text, l->len);
			h = MIX(h, l->size);
			for (size_t k = 0; k < l->nruns; k++) {
				const struct text_run *run = &l->runs[k];
				if (!k || run->x < x0)
					x0 = run->x;
				if (!k || run->x + run->width > x1)
					x1 = run->x + run->width;
				h = MIX(h, run->start);
				h = MIX(h, run->end);
				h = MIX(h, run->x);
				h = MIX(h, run->style);
			}
			for (size_t k = 0; k < l->nlines; k++) {
				const struct text_line *ln = &l->lines[k];
				h = MIX(h, ln->y);
				h = MIX(h, ln->height);
				h = MIX(h, ln->first_run);
				h = MIX(h, ln->nruns);
			}
			reach = (SDL_Rect){ q.x + x0 - pad, q.y - pad, x1 - x0 + 2 * pad,
					    (l->height > q.h ? l->height : q.h) + 2 * pad };
			break;
		}
		case ITEM_IMAGE: {
			struct picture p = picture_of(it, images, q);
			h = mix(h, it->zip, strlen(it->zip));
			h = mix(h, it->entry, strlen(it->entry));
			h = MIX(h, it->max_side);
			h = MIX(h, it->cover);
			h = MIX(h, it->zoom);
			h = MIX(h, it->pan_x);
			h = MIX(h, it->pan_y);
			h = MIX(h, p.px.tex);
			h = MIX(h, p.px.surf);
			h = MIX(h, p.state);
			h = MIX(h, p.px.w);
			h = MIX(h, p.px.h);
			h = MIX(h, th->placeholder);
			h = MIX(h, th->muted);
			h = mix(h, it->alt, strlen(it->alt));
			if (p.ready && it->zoom <= 1.001f) {
				/* a picture shown whole touches only where it goes (a placeholder,
				 * or a zoomed picture, its whole box) */
				SDL_Rect src;
				picture_place(it, p.px.w, p.px.h, q, &src, &reach);
			}
			break;
		}
		default:
			break;
		}
		if (it->scroll) {
			SDL_Rect seen;
			if (!SDL_IntersectRect(&reach, &view, &seen))
				continue;
			reach = seen;
		}
		mark(f, from_sdl(reach), h);
	}
}

static int same_mark(const struct frame_mark *a, const struct frame_mark *b)
{
	return a->sig == b->sig && a->r.x == b->r.x && a->r.y == b->r.y && a->r.w == b->r.w && a->r.h == b->r.h;
}

static void add_damage(struct frame_record *f, struct rect r, int *overflow)
{
	SDL_Rect a = { r.x, r.y, r.w, r.h };

	/* one that touches another is merged with it */
	for (int i = 0; i < f->ndamage; i++) {
		SDL_Rect b = { f->damage[i].x, f->damage[i].y, f->damage[i].w, f->damage[i].h }, u;
		if (SDL_HasIntersection(&a, &b)) {
			SDL_UnionRect(&a, &b, &u);
			f->damage[i] = from_sdl(u);
			return;
		}
	}
	if (f->ndamage == FRAME_DAMAGE_MAX) {
		*overflow = 1;
		return;
	}
	f->damage[f->ndamage++] = r;
}

int frame_damage(struct frame_record *f, int w, int h)
{
	unsigned char *matched = NULL;
	int overflow = 0;
	int64_t area = 0;
	SDL_Rect frame = { 0, 0, w, h };

	f->ndamage = 0;
	if (f->valid && !f->lost && f->cap_matched < f->nlast + 1) {
		unsigned char *m = realloc(f->matched, f->nlast + 1);
		if (m) {
			f->matched = m;
			f->cap_matched = f->nlast + 1;
		} else {
			f->valid = 0;
		}
	}
	matched = f->matched;
	if (f->valid) {
		memset(matched, 0, f->nlast + 1);
		for (size_t i = 0; i < f->nnext && !overflow; i++) {
			size_t k;
			for (k = 0; k < f->nlast; k++)
				if (!matched[k] && same_mark(&f->next[i], &f->last[k]))
					break;
			if (k < f->nlast)
				matched[k] = 1;
			else
				add_damage(f, f->next[i].r, &overflow);
		}
		for (size_t k = 0; k < f->nlast && !overflow; k++)
			if (!matched[k])
				add_damage(f, f->last[k].r, &overflow);
		/* merging may have made rectangles that now touch: once more */
		for (int again = 1; again && !overflow;) {
			again = 0;
			for (int i = 0; i < f->ndamage && !again; i++)
				for (int j = i + 1; j < f->ndamage && !again; j++) {
					SDL_Rect a = { f->damage[i].x, f->damage[i].y, f->damage[i].w, f->damage[i].h };
					SDL_Rect b = { f->damage[j].x, f->damage[j].y, f->damage[j].w, f->damage[j].h }, u;
					if (SDL_HasIntersection(&a, &b)) {
						SDL_UnionRect(&a, &b, &u);
						f->damage[i] = from_sdl(u);
						f->damage[j] = f->damage[--f->ndamage];
						again = 1;
					}
				}
		}
		for (int i = 0; i < f->ndamage; i++) {
			SDL_Rect a = { f->damage[i].x, f->damage[i].y, f->damage[i].w, f->damage[i].h }, in;
			if (SDL_IntersectRect(&a, &frame, &in)) {
				f->damage[i] = from_sdl(in);
				area += (int64_t)in.w * in.h;
			} else {
				f->damage[i--] = f->damage[--f->ndamage];
			}
		}
	}
	if (!f->valid || overflow || area * 4 > (int64_t)w * h * 3)
		f->ndamage = -1;
	/* the frame to come is the last one now */
	{
		struct frame_mark *m = f->last;
		size_t cap = f->cap_last;
		f->last = f->next;
		f->nlast = f->nnext;
		f->cap_last = f->cap_next;
		f->next = m;
		f->cap_next = cap;
		f->nnext = 0;
	}
	/* what a frame short of memory drew is not known mark by mark: the next is whole */
	f->valid = !f->lost;
	return f->ndamage;
}

void frame_record_release(struct frame_record *f)
{
	free(f->last);
	free(f->next);
	free(f->matched);
	memset(f, 0, sizeof(*f));
}

static int inside(struct rect r, int x, int y)
{
	return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

const struct scene_hit *scene_hit_at(const struct scene *s, int x, int y, float scroll_y)
{
	/* fixed targets lie over the scrolling layer: they win */
	for (size_t i = s->nhits; i-- > 0;)
		if (!s->hits[i].scroll && inside(s->hits[i].r, x, y))
			return &s->hits[i];
	if (!s->view.w || !inside(s->view, x, y))
		return NULL;
	for (size_t i = s->nhits; i-- > 0;)
		if (s->hits[i].scroll && inside(s->hits[i].r, x, y + (int)scroll_y))
			return &s->hits[i];
	return NULL;
}

static int overlap(struct rect a, struct rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* The colour drawn under the middle of text item i: the last opaque box before it
 * in drawing order (the scrolling layer first, fixed items over it), else the clear
 * colour; 0 when a picture lies over that box (unknown). */
static uint32_t under(const struct scene *s, size_t i, uint32_t clear)
{
	const struct scene_item *t = &s->items[i];
	int cx = t->r.x + t->r.w / 2, cy = t->r.y + (t->text.height ? t->text.height : t->r.h) / 2;

	for (size_t j = i; j-- > 0;) {
		const struct scene_item *o = &s->items[j];
		if (o->scroll != t->scroll || !inside(o->r, cx, cy))
			continue;
		if (o->kind == ITEM_IMAGE)
			return 0;
		if (o->kind == ITEM_RECT && (o->color & 0xff) == 0xff)
			return o->color;
	}
	if (!t->scroll) {
		/* a fixed text over the scrolling layer: what scrolls under it is unknown */
		if (s->view.w && inside(s->view, cx, cy))
			return 0;
	}
	return clear;
}

int scene_check(const struct scene *s, int min_target, const struct theme *th, struct buf *out)
{
	int problems = 0;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct scene_item *it = &s->items[i];
		int right = it->r.x + (it->kind == ITEM_TEXT ? it->text.width : it->r.w);

		if (it->kind == ITEM_TEXT && it->text.width > it->r.w + 1) {
			buf_addf(out, "text '%.40s' is %d px wide in a %d px box\n", it->text.text,
				 it->text.width, it->r.w);
			problems++;
		}
		if (it->kind == ITEM_TEXT && it->text.missing) {
			buf_addf(out, "text '%.40s' has U+%04X, which no font on this machine draws\n",
				 it->text.text, (unsigned)it->text.missing);
			problems++;
		}
		if (it->kind == ITEM_TEXT && !it->scroll && it->text.height > it->r.h + 1) {
			buf_addf(out, "text '%.40s' is %d px high in a %d px box\n", it->text.text,
				 it->text.height, it->r.h);
			problems++;
		}
		if (it->r.x < 0 || right > s->w || (!it->scroll && (it->r.y < 0 || it->r.y + it->r.h > s->h))) {
			buf_addf(out, "%s at %d,%d %dx%d leaves the %dx%d window\n",
				 it->kind == ITEM_TEXT ? "text" : it->kind == ITEM_IMAGE ? "image" : "box",
				 it->r.x, it->r.y, it->r.w, it->r.h, s->w, s->h);
			problems++;
		}
		if (it->kind == ITEM_TEXT && th && it->text.nlines) {
			uint32_t bg = under(s, i, th->bg);
			double need = theme_min_contrast(th, it->scroll), got = bg ? theme_contrast(it->color, bg) : 99;
			if (got + 0.005 < need) {
				buf_addf(out, "text '%.40s' has a contrast of %.2f:1 on its background, under %.1f:1\n",
					 it->text.text, got, need);
				problems++;
			}
		}
		if (it->kind != ITEM_TEXT || it->scroll)
			continue;
		for (size_t j = i + 1; j < s->nitems; j++) {
			const struct scene_item *o = &s->items[j];
			struct rect a = { it->r.x, it->r.y, it->text.width, it->text.height };
			struct rect b = { o->r.x, o->r.y, o->text.width, o->text.height };
			if (o->kind != ITEM_TEXT || o->scroll || !a.w || !b.w)
				continue;
			if (overlap(a, b)) {
				buf_addf(out, "text '%.30s' overlaps text '%.30s'\n", it->text.text, o->text.text);
				problems++;
			}
		}
	}
	for (size_t i = 0; i < s->nhits; i++) {
		const struct scene_hit *h = &s->hits[i];
		if (h->r.w < min_target || h->r.h < min_target) {
			buf_addf(out, "touch target '%s' is %dx%d, under %d px\n", h->label, h->r.w, h->r.h,
				 min_target);
			problems++;
		}
	}
	return problems;
}
