/* font.c: finding the Korean font with fontconfig, opening it with SDL_ttf, and
 * measuring text with caches so that warm layout never calls SDL_ttf. */
#include "internal.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <fontconfig/fontconfig.h>
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NO_FONT_MSG "no Korean font found: install the Debian package fonts-noto-cjk (or fonts-nanum)"

/* The face is opened at this size and resized on first use. */
enum { OPEN_SIZE = 16 };

/* Noto Sans CJK KR first; a Nanum family when that is what is installed. */
static int family_ok(const char *f)
{
	return !strcmp(f, "Noto Sans CJK KR") || strstr(f, "Nanum") != NULL;
}

/* The first acceptable family name of a match, or NULL. */
static const char *match_family(FcPattern *m)
{
	FcChar8 *s;
	int i;

	for (i = 0; FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (family_ok((const char *)s))
			return (const char *)s;
	return NULL;
}

static int covers_hangul(FcPattern *m)
{
	FcCharSet *cs;

	if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch)
		return 0;
	return FcCharSetHasChar(cs, 0xD55C) && FcCharSetHasChar(cs, 0xAC00);
}

static int match_weight(FcPattern *m)
{
	int w;
	double d;

	if (FcPatternGetInteger(m, FC_WEIGHT, 0, &w) == FcResultMatch)
		return w;
	if (FcPatternGetDouble(m, FC_WEIGHT, 0, &d) == FcResultMatch)
		return (int)d;
	return FC_WEIGHT_REGULAR;
}

static FcPattern *match(FcConfig *cfg, const char *family, int weight)
{
	FcPattern *p, *m;
	FcResult r;

	p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, FC_LANG, FcTypeString, "ko",
			   FC_WEIGHT, FcTypeInteger, weight, (char *)NULL);
	if (!p)
		return NULL;
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(cfg, p, &r);
	FcPatternDestroy(p);
	return m;
}

/* Fill f from a match; 0 when it is a Korean face with a file. */
static int take(FcPattern *m, struct face *f)
{
	FcChar8 *file;
	int index = 0;

	if (!m || !match_family(m) || !covers_hangul(m))
		return -1;
	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		return -1;
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	f->path = xstrdup((const char *)file);
	f->index = index;
	return 0;
}

/* fontconfig's configuration as FcInitLoadConfigAndFonts makes it, less one step:
 * since fontconfig 2.13.93, FcInitLoadOwnConfig (fcinit.c) also parses every file
 * of its conf.avail folder (FcConfigParseOnly of FC_TEMPLATEDIR) to list the rule
 * sets a desktop may turn on, and applies none of them: 31 more XML files on
 * Debian 12, 2.5 of the 7 ms of CPU the load takes here. FONTCONFIG_FILE is read
 * as before (FcConfigParseAndLoad of NULL). A configuration that does not load, or
 * names no cache folder, is left to FcInitLoadConfigAndFonts and its fallbacks. */
static FcConfig *load_config(void)
{
	FcConfig *cfg = FcConfigCreate();
	FcStrList *dirs;
	int cached = 0;

	if (cfg && FcConfigParseAndLoad(cfg, NULL, FcFalse)) {
		dirs = FcConfigGetCacheDirs(cfg);
		cached = dirs && FcStrListNext(dirs);
		if (dirs)
			FcStrListDone(dirs);
		if (cached && FcConfigBuildFonts(cfg))
			return cfg;
	}
	if (cfg)
		FcConfigDestroy(cfg);
	return FcInitLoadConfigAndFonts();
}

static int find_fonts(struct face *reg, struct face *bold, char *family, size_t famsize,
		      FcConfig **keep)
{
	static const char *const tries[] = { "Noto Sans CJK KR", "NanumGothic", "NanumBarunGothic" };
	FcConfig *cfg;
	FcPattern *m = NULL;
	size_t i;

	/* a configuration of our own, so FONTCONFIG_FILE is read at each call */
	cfg = load_config();
	if (!cfg)
		return -1;
	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		m = match(cfg, tries[i], FC_WEIGHT_REGULAR);
		if (m && take(m, reg) == 0)
			break;
		if (m)
			FcPatternDestroy(m);
		m = NULL;
	}
	if (!m) {
		FcConfigDestroy(cfg);
		return -1;
	}
	snprintf(family, famsize, "%s", match_family(m));
	FcPatternDestroy(m);

	/* the bold face of the same family, else bold is synthesised */
	m = match(cfg, family, FC_WEIGHT_BOLD);
	if (m && match_weight(m) >= FC_WEIGHT_DEMIBOLD && match_family(m) &&
	    !strcmp(match_family(m), family) && take(m, bold) == 0 &&
	    !strcmp(bold->path, reg->path) && bold->index == reg->index) {
		free(bold->path);
		bold->path = NULL;
	}
	if (m)
		FcPatternDestroy(m);
	*keep = cfg; /* for fallback faces */
	return 0;
}

/* Open f at size; NULL (with SDL's error set) when the file cannot be read or
 * is not a font SDL_ttf can open. */
static TTF_Font *face_open(struct face *f, int size)
{
	SDL_RWops *rw = font_file_open(f->path, FONT_FILE_BLOCKS);
	TTF_Font *font = rw ? TTF_OpenFontIndexRW(rw, 1, size, f->index) : NULL;

	if (font) {
		f->font = font;
		f->size = size;
	}
	return font;
}

static void face_close(struct face *f)
{
	if (f->font)
		TTF_CloseFont(f->font);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

int text_engine_new(struct text_engine **out, struct err *e)
{
	struct text_engine *t;
	char family[256];

	*out = NULL;
	t = xcalloc(1, sizeof(*t));
	if (find_fonts(&t->faces[0], &t->faces[1], family, sizeof(family), (FcConfig **)&t->fc) < 0) {
		free(t->faces[0].path);
		free(t);
		return fail(e, ERR_NOTFOUND, NO_FONT_MSG);
	}
	if (TTF_Init() < 0) {
		fail(e, ERR_IO, "cannot start SDL_ttf: %s", TTF_GetError());
		free(t->faces[0].path);
		free(t->faces[1].path);
		free(t);
		return -1;
	}
	init_linebreak();
	if (!face_open(&t->faces[0], OPEN_SIZE)) {
		fail(e, ERR_IO, "%s: cannot open font '%s': %s", t->faces[0].path, family,
		     TTF_GetError());
		text_engine_free(t);
		return -1;
	}
	t->budget = 4u << 20; /* pixels: 16 MiB as textures, 4 as masks */
	*out = t;
	return 0;
}

void text_engine_free(struct text_engine *t)
{
	int i;

	if (!t)
		return;
	chunk_free_all(t);
	for (i = 0; i < 2; i++)
		face_close(&t->faces[i]);
	for (i = 0; i < t->nfallback; i++)
		face_close(&t->fallback[i]);
	if (t->fc)
		FcConfigDestroy(t->fc);
	free(t->glyphs);
	free(t->scratch);
	free(t);
	TTF_Quit();
}

const char *text_engine_font_path(const struct text_engine *t, int bold)
{
	if (bold && t->faces[1].path)
		return t->faces[1].path;
	return t->faces[0].path;
}

long text_engine_font_face(const struct text_engine *t, int bold)
{
	if (bold && t->faces[1].path)
		return t->faces[1].index;
	return t->faces[0].index;
}

int face_synthetic_bold(const struct text_engine *t, uint32_t fkey)
{
	return (fkey_style(fkey) & MD_STRONG) && !t->faces[1].path;
}

/* The size to open a fallback face at for text of size: a fixed bitmap face has
 * its one size whatever is asked. */
static struct face *fallback_of(struct text_engine *t, uint32_t fkey)
{
	int k = fkey_face(fkey);

	if (k < 1 || k > t->nfallback || !t->fallback[k - 1].font)
		return NULL;
	return &t->fallback[k - 1];
}

TTF_Font *face_select(struct text_engine *t, uint32_t fkey, int hangul)
{
	int style = fkey_style(fkey), size = fkey_size(fkey), ttf_style = 0;
	struct face *f = &t->faces[0], *fb = fallback_of(t, fkey);

	if (fb) {
		f = fb;
		if ((style & MD_STRONG) && !f->fixed)
			ttf_style |= TTF_STYLE_BOLD;
		if ((style & MD_EM) && !f->fixed)
			ttf_style |= TTF_STYLE_ITALIC;
		if (f->size != size && !f->fixed) {
			TTF_SetFontSize(f->font, size);
			f->size = size;
		}
		if (f->style != ttf_style) {
			TTF_SetFontStyle(f->font, ttf_style);
			f->style = ttf_style;
		}
		return f->font;
	}
	if ((style & MD_STRONG) && t->faces[1].path) {
		f = &t->faces[1];
		if (!f->font && !face_open(f, size)) {
			/* a broken bold file: synthesise bold from now on */
			face_close(f);
			return face_select(t, fkey, hangul);
		}
	} else if (style & MD_STRONG) {
		ttf_style |= TTF_STYLE_BOLD;
	}
	if (style & MD_EM)
		ttf_style |= TTF_STYLE_ITALIC;
	if (f->size != size) {
		TTF_SetFontSize(f->font, size);
		f->size = size;
	}
	if (f->style != ttf_style) {
		TTF_SetFontStyle(f->font, ttf_style);
		f->style = ttf_style;
	}
	if (f->hangul_script != hangul) {
		TTF_SetFontScriptName(f->font, hangul ? "Hang" : "Zzzz");
		f->hangul_script = hangul;
	}
	return f->font;
}

const struct vmetrics *font_vmetrics(struct text_engine *t, int size)
{
	struct vmetrics *v;
	TTF_Font *font;
	unsigned i;

	for (i = 0; i < sizeof(t->vm) / sizeof(t->vm[0]); i++)
		if (t->vm[i].size == size)
			return &t->vm[i];
	v = &t->vm[t->vm_next++ % (sizeof(t->vm) / sizeof(t->vm[0]))];
	font = face_select(t, fkey_make(size, 0), 0);
	v->size = size;
	v->skip = TTF_FontLineSkip(font);
	v->height = TTF_FontHeight(font);
	v->ascent = TTF_FontAscent(font);
	if (v->skip < v->height)
		v->skip = v->height;
	return v;
}

int text_line_height(struct text_engine *t, int size)
{
	if (size < TEXT_MIN_SIZE)
		size = TEXT_MIN_SIZE;
	if (size > TEXT_MAX_SIZE)
		size = TEXT_MAX_SIZE;
	return font_vmetrics(t, size)->skip;
}

struct glyph glyph_get(struct text_engine *t, uint32_t fkey, uint32_t c)
{
	uint64_t key = ((uint64_t)fkey << 32) | c;
	struct glyph g = { 0, 0, 0 };
	int minx, maxx, miny, maxy, adv;

	if (glyph_find(t, key, &g))
		return g;
	if (TTF_GlyphMetrics32(face_select(t, fkey, 0), c, &minx, &maxx, &miny, &maxy, &adv) == 0) {
		double k = face_scale(t, fkey);
		g.minx = (int16_t)(minx * k);
		g.maxx = (int16_t)(maxx * k + 0.5);
		g.adv = (int16_t)(adv * k + 0.5);
	}
	glyph_put(t, key, g);
	return g;
}

const char *scratch_copy(struct text_engine *t, const char *s, size_t n)
{
	t->scratch = xgrow(t->scratch, &t->scratch_cap, n + 1, 1);
	memcpy(t->scratch, s, n);
	t->scratch[n] = 0;
	return t->scratch;
}

/* TTF_SizeUTF8's width (with HarfBuzz) of Hangul-only text, from cached glyph
 * metrics: the union of the pen advance and each glyph's ink box. */
static int sum_hangul(struct text_engine *t, uint32_t fkey, const char *s, size_t n)
{
	int x = 0, lo = 0, hi = 0;
	size_t i = 0;
	struct glyph g;

	while (i < n) {
		g = glyph_get(t, fkey, utf8_dec(s, &i));
		if (x + g.minx < lo)
			lo = x + g.minx;
		if (x + g.maxx > hi)
			hi = x + g.maxx;
		x += g.adv;
	}
	if (x > hi)
		hi = x;
	return hi - lo;
}

int text_measure(struct text_engine *t, uint32_t fkey, const char *s, size_t n)
{
	struct chunk *c;
	size_t i = 0;
	int plain = 1, jamo = 0, w = 0, h;
	uint32_t cp;

	if (n == 0)
		return 0;
	c = chunk_find(t, fkey, s, n);
	if (c)
		return c->width;
	/* an italic piece advances as far as the upright one: SDL_ttf's italic width
	 * adds the slant's overhang, which would open a gap before the next piece */
	if (fkey_style(fkey) & MD_EM) {
		w = text_measure(t, fkey & ~(uint32_t)MD_EM, s, n); /* same face, upright */
		chunk_add(t, fkey, s, n, w);
		return w;
	}
	while (i < n) {
		cp = utf8_dec(s, &i);
		if (!is_plain_hangul(cp))
			plain = 0;
		if (is_conjoining_jamo(cp))
			jamo = 1;
	}
	/* synthetic bold widens glyph advances but not HarfBuzz's positions */
	if (plain && !fkey_face(fkey) && !face_synthetic_bold(t, fkey)) {
		w = sum_hangul(t, fkey, s, n);
	} else {
		TTF_Font *font = face_select(t, fkey, jamo);
		if (TTF_SizeUTF8(font, scratch_copy(t, s, n), &w, &h) < 0)
			w = 0;
		w = (int)(w * face_scale(t, fkey) + 0.5);
	}
	chunk_add(t, fkey, s, n, w);
	return w;
}

/* Characters that are not drawn as glyphs: controls and format characters
 * (dropped by layout), variation selectors (they choose a glyph of the character
 * before them) and spaces. */
static int invisible(int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return k == UTF8PROC_CATEGORY_CC || k == UTF8PROC_CATEGORY_CF || k == UTF8PROC_CATEGORY_ZS ||
	       k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP ||
	       (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

/* Arabic, Syriac, Thaana, N'Ko, Hebrew and their presentation forms */
static int is_rtl(uint32_t c)
{
	return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
	       (c >= 0xFE70 && c <= 0xFEFF);
}

/* Open the font that fontconfig ranks first among those with a glyph for c, as a
 * new fallback face; its slot (1..), or -1. */
static int add_fallback(struct text_engine *t, uint32_t c)
{
	FcPattern *p = FcPatternCreate();
	FcCharSet *cs = FcCharSetCreate();
	FcFontSet *fs = NULL;
	FcResult r;
	int slot = -1;

	if (!p || !cs || !t->fc)
		goto out;
	FcCharSetAddChar(cs, c);
	FcPatternAddCharSet(p, FC_CHARSET, cs);
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)"sans-serif");
	FcConfigSubstitute(t->fc, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	fs = FcFontSort(t->fc, p, FcFalse, NULL, &r);
	for (int i = 0; fs && i < fs->nfont && slot < 0; i++) {
		FcPattern *m = fs->fonts[i];
		FcCharSet *mcs;
		FcChar8 *file;
		FcBool colour = FcFalse;
		int index = 0, big;
		struct face *f;

		if (FcPatternGetCharSet(m, FC_CHARSET, 0, &mcs) != FcResultMatch ||
		    !FcCharSetHasChar(mcs, c) || FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		FcPatternGetInteger(m, FC_INDEX, 0, &index);
		FcPatternGetBool(m, FC_COLOR, 0, &colour);
		/* the same file as a face already open: it lacks c after all */
		if (!strcmp((const char *)file, t->faces[0].path) && index == t->faces[0].index)
			continue;
		for (int k = 0; k < t->nfallback; k++)
			if (!strcmp(t->fallback[k].path, (const char *)file) &&
			    t->fallback[k].index == index && t->fallback[k].rtl == is_rtl(c))
				goto out;
		if (t->nfallback >= MAX_FALLBACK)
			goto out;
		f = &t->fallback[t->nfallback];
		memset(f, 0, sizeof(*f));
		f->path = xstrdup((const char *)file);
		f->index = index;
		if (!face_open(f, OPEN_SIZE) || !TTF_GlyphIsProvided32(f->font, c)) {
			face_close(f);
			continue;
		}
		/* a bitmap face keeps its one size whatever is asked */
		TTF_SetFontSize(f->font, OPEN_SIZE * 4);
		big = TTF_FontHeight(f->font);
		TTF_SetFontSize(f->font, OPEN_SIZE);
		f->fixed = big == TTF_FontHeight(f->font);
		f->size = OPEN_SIZE;
		f->colour = colour == FcTrue;
		f->rtl = is_rtl(c);
		if (f->rtl) {
			TTF_SetFontDirection(f->font, TTF_DIRECTION_RTL);
			TTF_SetFontScriptName(f->font, (c < 0x0600 || (c >= 0xFB1D && c < 0xFB50)) ? "Hebr" : "Arab");
		}
		slot = ++t->nfallback;
	}
out:
	if (fs)
		FcFontSetDestroy(fs);
	if (cs)
		FcCharSetDestroy(cs);
	if (p)
		FcPatternDestroy(p);
	return slot;
}

/* Code point to face, kept in the glyph table under a key no font key can take
 * (font keys hold a size of at least TEXT_MIN_SIZE above bit 6). */
#define FACE_OF_KEY(c) ((1ull << 32) | (c))

int font_face_for(struct text_engine *t, uint32_t c)
{
	struct glyph g = { 0, 0, 0 };
	int slot = -1;

	if (c < 0x80 || invisible((int32_t)c))
		return 0;
	if (glyph_find(t, FACE_OF_KEY(c), &g))
		return g.minx;
	if (TTF_GlyphIsProvided32(t->faces[0].font, c)) {
		slot = 0;
	} else {
		for (int k = 0; k < t->nfallback && slot < 0; k++)
			if (t->fallback[k].rtl == is_rtl(c) && TTF_GlyphIsProvided32(t->fallback[k].font, c))
				slot = k + 1;
		if (slot < 0)
			slot = add_fallback(t, c);
	}
	g.minx = (int16_t)slot;
	glyph_put(t, FACE_OF_KEY(c), g);
	return slot;
}

double face_scale(struct text_engine *t, uint32_t fkey)
{
	struct face *f = fallback_of(t, fkey);
	int h;

	if (!f || !f->fixed)
		return 1.0;
	/* the face's line is drawn 1.17 em high: Noto Color Emoji's strike is 109
	 * pixels per em in a 128-pixel line, so its glyphs come out 1 em high, as
	 * browsers draw them */
	h = TTF_FontHeight(f->font);
	return h > 0 ? fkey_size(fkey) * 1.17 / h : 1.0;
}

int face_colour(const struct text_engine *t, uint32_t fkey)
{
	int k = fkey_face(fkey);

	return k >= 1 && k <= t->nfallback && t->fallback[k - 1].colour;
}

int text_engine_covers(struct text_engine *t, const char *s, size_t n, uint32_t *missing)
{
	size_t i = 0;
	int32_t c;

	while (i < n) {
		c = utf8_next(s, n, &i);
		if (c < 0 || c == '\n' || c == '\t' || c == ' ')
			continue;
		if (font_face_for(t, (uint32_t)c) < 0) {
			if (missing)
				*missing = (uint32_t)c;
			return 0;
		}
	}
	return 1;
}
