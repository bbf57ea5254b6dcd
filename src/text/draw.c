/* draw.c: laid-out runs onto the renderer. Each run's pixels are cached, so
 * glyphs are rasterised once:
 * - on a software renderer drawing into a 32-bit surface, as an 8-bit coverage
 *   mask blended into that surface here: a quarter of a texture's memory, one
 *   mask serves every colour, and the blend reads a byte a pixel;
 * - on an accelerated renderer, as a texture of white glyphs tinted by colour
 *   modulation at draw time, so one texture serves every colour;
 * - on another software renderer, as a texture rendered in the colour drawn:
 *   SDL's blitter is ten times slower with colour modulation (9.5 against 1.0 ns
 *   a pixel here), so drawing it in another colour renders it again.
 * Colour emoji, whose pixels are their own colours, are textures everywhere. */
#include "internal.h"

#include <time.h>

enum { MAX_TEXTURE_WIDTH = 16384 };

static int target_takes_masks(const SDL_Surface *s)
{
	return s && s->format && s->format->BytesPerPixel == 4 &&
	       (s->format->format == SDL_PIXELFORMAT_ARGB8888 || s->format->format == SDL_PIXELFORMAT_RGB888);
}

void text_engine_set_renderer(struct text_engine *t, struct SDL_Renderer *r, struct SDL_Surface *target)
{
	/* the same renderer again (a reset): its textures can still be destroyed;
	 * another one: SDL destroys textures with their renderer, so only forget.
	 * Masks belong to no renderer: they stay while there is a surface to blend
	 * them into. */
	SDL_RendererInfo info;

	if (!target_takes_masks(target))
		target = NULL;
	chunk_drop_textures(t, r == t->renderer && r != NULL, r != NULL && target != NULL);
	t->renderer = r;
	t->target = r ? target : NULL;
	t->bake_colour = r && !t->target && SDL_GetRendererInfo(r, &info) == 0 &&
			 (info.flags & SDL_RENDERER_SOFTWARE);
}

/* Where the ink of a surface starts above the pen's line top: SDL_ttf grows a
 * surface upwards when a glyph rises above the font's ascent. */
static int rise_above(TTF_Font *font, const char *s, size_t n, int h)
{
	int ascent = TTF_FontAscent(font), top = 0, minx, maxx, miny, maxy, adv;
	size_t i = 0;

	if (h <= TTF_FontHeight(font))
		return 0;
	while (i < n) {
		uint32_t c = utf8_dec(s, &i);
		if (TTF_GlyphMetrics32(font, c, &minx, &maxx, &miny, &maxy, &adv) == 0 &&
		    maxy - ascent > top)
			top = maxy - ascent;
	}
	return top;
}

/* The coverage of a surface SDL_ttf rendered blended: its alpha, w x h bytes
 * (malloc'd), or NULL for want of memory. */
static uint8_t *mask_of(SDL_Surface *surf)
{
	uint8_t *m;

	if (SDL_LockSurface(surf) < 0)
		return NULL;
	m = malloc((size_t)surf->w * (size_t)surf->h + 1);
	if (m) {
		SDL_PixelFormat *f = surf->format;
		for (int y = 0; y < surf->h; y++) {
			const uint8_t *row = (const uint8_t *)surf->pixels + (size_t)y * (size_t)surf->pitch;
			uint8_t *out = m + (size_t)y * (size_t)surf->w;
			if (f->BytesPerPixel == 4) {
				const uint32_t *px = (const uint32_t *)(const void *)row;
				for (int x = 0; x < surf->w; x++)
					out[x] = (uint8_t)((px[x] & f->Amask) >> f->Ashift);
			} else {
				for (int x = 0; x < surf->w; x++) {
					Uint8 r, g, b, a;
					Uint32 p = 0;
					memcpy(&p, row + (size_t)x * f->BytesPerPixel, f->BytesPerPixel);
					SDL_GetRGBA(p, f, &r, &g, &b, &a);
					out[x] = a;
				}
			}
		}
	}
	SDL_UnlockSurface(surf);
	return m;
}

/* Pixel p with colour rgb (0xRRGGBB) over it at coverage al (1..255). The blend
 * is SDL's own for a blended ARGB blit (SDL_blit_A.c, BlitRGBtoRGBPixelAlpha), so
 * that text looks the same as a texture of it would: each channel
 * d + ((s - d) * alpha >> 8); full coverage is the colour itself. */
static inline uint32_t blend_px(uint32_t p, uint32_t rgb, uint32_t al)
{
	uint32_t d1 = p & 0xFF00FF, d2 = p & 0xFF00;

	if (al == 255)
		return (p & 0xFF000000) | rgb;
	d1 = (d1 + (((rgb & 0xFF00FF) - d1) * al >> 8)) & 0xFF00FF;
	d2 = (d2 + (((rgb & 0xFF00) - d2) * al >> 8)) & 0xFF00;
	return d1 | d2 | ((al + ((p >> 24) * (al ^ 0xFF) >> 8)) << 24);
}

/* Blend colour rgb through mask m (w x h) at alpha a (0..255) into the target at
 * (x, y), clipped to clip (target pixels), with blend_px.
 * lut: where every pixel under the mask is known to be one value (text_draw_on),
 * the blend of each coverage onto it (ground_lut), written without reading the
 * target; NULL to blend with what is there. */
static void blend_mask(SDL_Surface *dst, const uint8_t *m, int w, int h, int x, int y, uint32_t rgb,
		       unsigned a, const SDL_Rect *clip, const uint32_t *lut)
{
	int x0 = x > clip->x ? x : clip->x, y0 = y > clip->y ? y : clip->y;
	int x1 = x + w < clip->x + clip->w ? x + w : clip->x + clip->w;
	int y1 = y + h < clip->y + clip->h ? y + h : clip->y + clip->h;

	if (x0 >= x1 || y0 >= y1)
		return;
	if (SDL_MUSTLOCK(dst) && SDL_LockSurface(dst) < 0)
		return;
	for (int yy = y0; yy < y1; yy++) {
		const uint8_t *mr = m + (size_t)(yy - y) * (size_t)w + (x0 - x);
		uint32_t *d = (uint32_t *)(void *)((uint8_t *)dst->pixels + (size_t)yy * (size_t)dst->pitch) + x0;
		int n = x1 - x0, i = 0;
		uint64_t eight;

		if (lut) {
			/* most of a line's box is no ink: passed over eight bytes at a time */
			for (; n - i >= 8; i += 8) {
				memcpy(&eight, mr + i, 8);
				if (eight)
					for (int k = 0; k < 8; k++)
						d[i + k] = lut[mr[i + k]];
			}
			for (; i < n; i++)
				d[i] = lut[mr[i]];
			continue;
		}
		for (; i < n; i++) {
			uint32_t al;
			while (n - i >= 8 && (memcpy(&eight, mr + i, 8), eight == 0))
				i += 8;
			if (i >= n)
				break;
			al = mr[i];
			if (!al)
				continue;
			if (a != 255)
				al = (al * a + 127) / 255;
			d[i] = blend_px(d[i], rgb, al);
		}
	}
	if (SDL_MUSTLOCK(dst))
		SDL_UnlockSurface(dst);
}

/* The pixel blend_mask makes of pixel p under coverage m, colour rgb, alpha a,
 * for every m: a table of it draws the same pixels. */
static const uint32_t *ground_lut(struct text_engine *t, uint32_t p, uint32_t rgb, unsigned a)
{
	if (t->lut_ok && t->lut_p == p && t->lut_rgb == rgb && t->lut_a == a)
		return t->lut;
	for (uint32_t m = 0; m < 256; m++) {
		/* as blend_mask: only no coverage is skipped; coverage that alpha scales
		 * to 0 still goes through blend_px, which moves the alpha byte */
		uint32_t al = a != 255 ? (m * a + 127) / 255 : m;
		t->lut[m] = m ? blend_px(p, rgb, al) : p;
	}
	t->lut_p = p;
	t->lut_rgb = rgb;
	t->lut_a = a;
	t->lut_ok = 1;
	return t->lut;
}

static int rects_meet(const struct text_ink *o, SDL_Rect m)
{
	return o->x < m.x + m.w && m.x < o->x + o->w && o->y < m.y + m.h && m.y < o->y + o->h;
}

/* The one colour (0xRRGGBB) every pixel of m holds in g's layer, if that is known:
 * under the last thing listed that meets m, an opaque fill holding all of m; or
 * the layer's background when nothing listed meets m. */
static int ground_under(const struct text_ground *g, SDL_Rect m, uint32_t *rgb)
{
	if (!g || g->full)
		return 0;
	for (int k = g->n; k-- > 0;) {
		const struct text_ink *o = &g->v[k];
		if (!rects_meet(o, m))
			continue;
		if (o->solid && m.x >= o->x && m.y >= o->y && m.x + m.w <= o->x + o->w && m.y + m.h <= o->y + o->h) {
			*rgb = o->rgb;
			return 1;
		}
		return 0;
	}
	if (g->cleared)
		*rgb = g->rgb;
	return g->cleared;
}

void text_ground_add(struct text_ground *g, int x, int y, int w, int h, uint32_t rgba)
{
	if (!g || w <= 0 || h <= 0)
		return;
	if (g->n == TEXT_GROUND_MAX) {
		g->full = 1;
		return;
	}
	g->v[g->n++] = (struct text_ink){ x, y, w, h, rgba >> 8, (rgba & 0xFF) == 0xFF };
}

/* The cached piece with its texture of glyphs in colour rgb, or its mask, rendering
 * it on a miss; NULL when it has no ink. */
static struct chunk *piece_texture(struct text_engine *t, uint32_t fkey, const char *s, size_t n,
				   uint32_t rgb)
{
	SDL_Color fg = { (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255 };
	struct chunk *c = chunk_find(t, fkey, s, n);
	const struct vmetrics *vm;
	SDL_Surface *surf;
	SDL_Texture *tex;
	TTF_Font *font;
	size_t i = 0;
	int jamo = 0, scaled = 0;
	double scale;

	if (!c) {
		text_measure(t, fkey, s, n);
		c = chunk_find(t, fkey, s, n);
		if (!c)
			return NULL;
	}
	if (c->mask || (c->tex && c->rgb == rgb)) {
		chunk_touch(t, c);
		return c;
	}
	/* a run that wide comes from a layout without a real width: not worth a
	 * texture of hundreds of megabytes */
	if (c->no_ink || c->width > MAX_TEXTURE_WIDTH)
		return NULL;
	chunk_drop_texture(t, c);
	while (i < n)
		if (is_conjoining_jamo(utf8_dec(s, &i)))
			jamo = 1;
	vm = font_vmetrics(t, fkey_size(fkey));
	font = face_select(t, fkey, jamo);
	SDL_ClearError();
	surf = TTF_RenderUTF8_Blended(font, scratch_copy(t, s, n), fg);
	if (!surf) {
		/* out of memory: drawn on a later frame; else it has no ink to draw */
		if (strstr(SDL_GetError(), "Out of memory"))
			t->missed++;
		else
			c->no_ink = 1;
		return NULL;
	}
	scale = face_scale(t, fkey);
	if (scale < 0.999 || scale > 1.001) {
		/* a bitmap face (colour emoji) at its one size: scaled to the text */
		SDL_Surface *src = SDL_ConvertSurfaceFormat(surf, SDL_PIXELFORMAT_ARGB8888, 0);
		int w = (int)(surf->w * scale + 0.5), h = (int)(surf->h * scale + 0.5);
		SDL_Surface *dst = src ? SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h > 0 ? h : 1,
									32, SDL_PIXELFORMAT_ARGB8888)
				       : NULL;
		SDL_FreeSurface(surf);
		surf = NULL;
		if (dst && SDL_SoftStretchLinear(src, NULL, dst, NULL) == 0) {
			surf = dst;
			dst = NULL;
		}
		SDL_FreeSurface(src);
		SDL_FreeSurface(dst);
		if (!surf) {
			t->missed++;
			return NULL;
		}
		scaled = 1;
	}
	/* the regular face's top is where line boxes put text */
	c->ty = scaled ? (vm->height - surf->h) / 2
		       : vm->ascent - TTF_FontAscent(font) - rise_above(font, s, n, surf->h);
	if (t->target && !scaled && !face_colour(t, fkey)) {
		uint8_t *mask = mask_of(surf);
		if (!mask) {
			SDL_FreeSurface(surf);
			t->missed++;
			return NULL;
		}
		c->rgb = 0xFFFFFF;
		chunk_set_mask(t, c, mask, surf->w, surf->h);
		SDL_FreeSurface(surf);
		return c;
	}
	tex = SDL_CreateTextureFromSurface(t->renderer, surf);
	if (!tex) {
		SDL_FreeSurface(surf);
		t->missed++;
		return NULL;
	}
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	c->rgb = rgb;
	chunk_set_texture(t, c, tex, surf->w, surf->h);
	SDL_FreeSurface(surf);
	return c;
}

/* A search match (MD_MARK): this ink on this highlight, 14:1 (WCAG 2.1 contrast). */
#define MARK_BG 0xFFD166FFu
#define MARK_INK 0x111111FFu

/* The colour a run's pixels are drawn in (0xRRGGBB): a search match's ink, or the text's. */
static uint32_t run_ink(const struct text_run *run, uint32_t rgba)
{
	return (run->style & MD_MARK) ? MARK_INK >> 8 : rgba >> 8;
}

static uint64_t monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int text_warm(struct text_engine *t, const struct text_layout *l, uint32_t rgba, uint64_t deadline_ns)
{
	if (!t || !l || !t->renderer || !(rgba & 0xFF))
		return 1;
	for (size_t k = 0; k < l->nruns; k++) {
		const struct text_run *run = &l->runs[k];
		uint32_t fkey = fkey_make(l->size, run->style), rgb = t->bake_colour ? run_ink(run, rgba) : 0xFFFFFF;
		const char *s = l->text + run->start;
		size_t n = run->end - run->start;
		struct chunk *c = chunk_find(t, fkey, s, n);
		unsigned missed = t->missed;

		/* a texture in another colour (colours baked in) is left as it is: two
		 * items of one text in two colours would render it again at each call */
		if (c && (c->mask || c->tex)) {
			chunk_touch(t, c);
			continue;
		}
		if (c && (c->no_ink || c->width > MAX_TEXTURE_WIDTH))
			continue;
		if (!chunk_room_to_warm(t))
			return -1;
		piece_texture(t, fkey, s, n, rgb);
		if (t->missed != missed) {
			/* short of memory: not worth a redraw of what is on show */
			t->missed = missed;
			return -1;
		}
		/* a piece at least each call, whatever the deadline: the caller goes on */
		if (monotonic_ns() >= deadline_ns)
			return 0;
	}
	return 1;
}

void text_draw(struct text_engine *t, const struct text_layout *l, int x, int y, uint32_t rgba)
{
	text_draw_on(t, l, x, y, rgba, NULL);
}

void text_draw_on(struct text_engine *t, const struct text_layout *l, int x, int y, uint32_t rgba,
		  struct text_ground *g)
{
	Uint8 a = (Uint8)rgba;
	SDL_Rect view, clip, dst, area;
	const struct vmetrics *vm;
	size_t i, k;
	int top, bottom;

	if (!t || !l || !t->renderer || !l->nlines || !a)
		return;
	/* lines wholly outside the clip rectangle or viewport are not rendered */
	SDL_RenderGetViewport(t->renderer, &view);
	top = 0;
	bottom = view.h;
	area = view;
	if (SDL_RenderIsClipEnabled(t->renderer)) {
		SDL_RenderGetClipRect(t->renderer, &clip);
		top = clip.y;
		bottom = clip.y + clip.h;
		/* where the software renderer clips: the clip rectangle is the viewport's,
		 * and never reaches out of it */
		area = clip;
		area.x += view.x;
		area.y += view.y;
		if (!SDL_IntersectRect(&area, &view, &area))
			return;
	}
	if (t->target) {
		SDL_Rect whole = { 0, 0, t->target->w, t->target->h };
		if (!SDL_IntersectRect(&area, &whole, &area))
			return;
	}
	vm = font_vmetrics(t, l->size);
	for (i = 0; i < l->nlines; i++) {
		const struct text_line *ln = &l->lines[i];
		int box = y + ln->y, ly = box + (ln->height - vm->height) / 2;

		/* glyphs may overhang a line box shorter than the font */
		if (box + ln->height + vm->height <= top || box - vm->height >= bottom)
			continue;
		for (k = ln->first_run; k < ln->first_run + ln->nruns; k++) {
			const struct text_run *run = &l->runs[k];
			uint32_t fkey = fkey_make(l->size, run->style);
			int mark = (run->style & MD_MARK) != 0;
			/* a search match: dark ink on a highlight, whatever the theme (14:1) */
			uint32_t ink = run_ink(run, rgba);
			struct chunk *c = piece_texture(t, fkey, l->text + run->start, run->end - run->start,
							t->bake_colour ? ink : 0xFFFFFF);

			if (!c)
				continue;
			if (mark) {
				SDL_Rect hl = { x + run->x - 2, box, run->width + 4, ln->height };
				SDL_SetRenderDrawColor(t->renderer, MARK_BG >> 24, (MARK_BG >> 16) & 255, (MARK_BG >> 8) & 255,
						       255);
				SDL_SetRenderDrawBlendMode(t->renderer, SDL_BLENDMODE_NONE);
				SDL_RenderFillRect(t->renderer, &hl);
				text_ground_add(g, hl.x, hl.y, hl.w, hl.h, MARK_BG);
			}
			dst.x = x + run->x;
			dst.y = ly + c->ty;
			dst.w = c->tw;
			dst.h = c->th;
			if (c->mask) {
				/* the pixels it writes, in the viewport's coordinates as g has them */
				SDL_Rect at = { view.x + dst.x, view.y + dst.y, c->tw, c->th }, m;
				const uint32_t *lut = NULL;
				uint32_t rgb;
				if (!SDL_IntersectRect(&at, &area, &m))
					continue;
				m.x -= view.x;
				m.y -= view.y;
				if (ground_under(g, m, &rgb)) {
					Uint32 p = SDL_MapRGBA(t->target->format, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8),
							       (Uint8)rgb, 255);
					lut = ground_lut(t, p, ink, a);
				}
				/* what the renderer has queued goes first */
				SDL_RenderFlush(t->renderer);
				blend_mask(t->target, c->mask, c->tw, c->th, at.x, at.y, ink, a, &area, lut);
				text_ground_add(g, m.x, m.y, m.w, m.h, 0);
				continue;
			}
			text_ground_add(g, dst.x, dst.y, dst.w, dst.h, 0);
			if (face_colour(t, fkey) || t->bake_colour) /* colour emoji: their own colours */
				SDL_SetTextureColorMod(c->tex, 255, 255, 255);
			else
				SDL_SetTextureColorMod(c->tex, (Uint8)(ink >> 16), (Uint8)(ink >> 8), (Uint8)ink);
			SDL_SetTextureAlphaMod(c->tex, a);
			SDL_RenderCopy(t->renderer, c->tex, NULL, &dst);
		}
	}
}
