/* draw.c: laid-out runs onto the renderer. Each run is one cached texture, so
 * glyphs are rasterised once. On an accelerated renderer the texture holds white
 * glyphs tinted by colour modulation at draw time, so one texture serves every
 * colour. SDL's software blitter is ten times slower with colour modulation
 * (9.5 against 1.0 ns a pixel here), so there the texture is rendered in the
 * colour drawn, and drawing the piece in another colour renders it again. */
#include "internal.h"

enum { MAX_TEXTURE_WIDTH = 16384 };

void text_engine_set_renderer(struct text_engine *t, struct SDL_Renderer *r)
{
	/* the same renderer again (a reset): its textures can still be destroyed;
	 * another one: SDL destroys textures with their renderer, so only forget */
	SDL_RendererInfo info;

	chunk_drop_textures(t, r == t->renderer && r != NULL);
	t->renderer = r;
	t->bake_colour = r && SDL_GetRendererInfo(r, &info) == 0 &&
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

/* The cached piece with its texture of glyphs in colour rgb, rendering it on a
 * miss; NULL when it has no ink. */
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
	int jamo = 0;

	if (!c) {
		text_measure(t, fkey, s, n);
		c = chunk_find(t, fkey, s, n);
		if (!c)
			return NULL;
	}
	if (c->tex && c->rgb == rgb) {
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
	tex = SDL_CreateTextureFromSurface(t->renderer, surf);
	if (!tex) {
		SDL_FreeSurface(surf);
		t->missed++;
		return NULL;
	}
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	/* the regular face's top is where line boxes put text */
	c->ty = vm->ascent - TTF_FontAscent(font) - rise_above(font, s, n, surf->h);
	c->rgb = rgb;
	chunk_set_texture(t, c, tex, surf->w, surf->h);
	SDL_FreeSurface(surf);
	return c;
}

void text_draw(struct text_engine *t, const struct text_layout *l, int x, int y, uint32_t rgba)
{
	Uint8 r = (Uint8)(rgba >> 24), g = (Uint8)(rgba >> 16), b = (Uint8)(rgba >> 8);
	Uint8 a = (Uint8)rgba;
	uint32_t rgb = rgba >> 8;
	SDL_Rect view, clip, dst;
	const struct vmetrics *vm;
	size_t i, k;
	int top, bottom;

	if (!t || !l || !t->renderer || !l->nlines || !a)
		return;
	/* lines wholly outside the clip rectangle or viewport are not rendered */
	SDL_RenderGetViewport(t->renderer, &view);
	top = 0;
	bottom = view.h;
	if (SDL_RenderIsClipEnabled(t->renderer)) {
		SDL_RenderGetClipRect(t->renderer, &clip);
		top = clip.y;
		bottom = clip.y + clip.h;
	}
	vm = font_vmetrics(t, l->size);
	if (t->bake_colour)
		r = g = b = 255;
	else
		rgb = 0xFFFFFF;
	for (i = 0; i < l->nlines; i++) {
		const struct text_line *ln = &l->lines[i];
		int box = y + ln->y, ly = box + (ln->height - vm->height) / 2;

		/* glyphs may overhang a line box shorter than the font */
		if (box + ln->height + vm->height <= top || box - vm->height >= bottom)
			continue;
		for (k = ln->first_run; k < ln->first_run + ln->nruns; k++) {
			const struct text_run *run = &l->runs[k];
			uint32_t fkey = fkey_make(l->size, run->style);
			struct chunk *c = piece_texture(t, fkey, l->text + run->start,
							run->end - run->start, rgb);

			if (!c)
				continue;
			SDL_SetTextureColorMod(c->tex, r, g, b);
			SDL_SetTextureAlphaMod(c->tex, a);
			dst.x = x + run->x;
			dst.y = ly + c->ty;
			dst.w = c->tw;
			dst.h = c->th;
			SDL_RenderCopy(t->renderer, c->tex, NULL, &dst);
		}
	}
}
