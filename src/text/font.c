/* font.c: finding the Korean font with fontconfig, opening it with SDL_ttf, and
 * measuring text with caches so that warm layout never calls SDL_ttf. */
#include "internal.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int find_fonts(struct face *reg, struct face *bold, char *family, size_t famsize)
{
	static const char *const tries[] = { "Noto Sans CJK KR", "NanumGothic", "NanumBarunGothic" };
	FcConfig *cfg;
	FcPattern *m = NULL;
	size_t i;

	/* a configuration of our own, so FONTCONFIG_FILE is read at each call */
	cfg = FcInitLoadConfigAndFonts();
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
	FcConfigDestroy(cfg);
	return 0;
}

/* Open f at size from a read-only mapping of its file: SDL_ttf's file streams
 * cost a seek and a read system call per glyph, which doubled the time of a
 * cold layout. NULL (with SDL's error set) when the file cannot be read. */
static TTF_Font *face_open(struct face *f, int size)
{
	SDL_RWops *rw;
	TTF_Font *font;
	struct stat st;
	int fd;

	if (!f->map) {
		fd = open(f->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0) {
			if (fd >= 0)
				close(fd);
			SDL_SetError("cannot read the file");
			return NULL;
		}
		f->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (f->map == MAP_FAILED) {
			f->map = NULL;
			SDL_SetError("cannot map the file");
			return NULL;
		}
		f->map_len = (size_t)st.st_size;
	}
	rw = SDL_RWFromConstMem(f->map, (int)(f->map_len > INT32_MAX ? INT32_MAX : f->map_len));
	font = rw ? TTF_OpenFontIndexRW(rw, 1, size, f->index) : NULL;
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
	if (f->map)
		munmap(f->map, f->map_len);
	free(f->path);
	memset(f, 0, sizeof(*f));
}

int text_engine_new(struct text_engine **out, struct err *e)
{
	struct text_engine *t;
	char family[256];

	*out = NULL;
	t = xcalloc(1, sizeof(*t));
	if (find_fonts(&t->faces[0], &t->faces[1], family, sizeof(family)) < 0) {
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
	t->budget = 16u << 20;
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

TTF_Font *face_select(struct text_engine *t, uint32_t fkey, int hangul)
{
	int style = fkey_style(fkey), size = fkey_size(fkey), ttf_style = 0;
	struct face *f = &t->faces[0];

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
		g.minx = (int16_t)minx;
		g.maxx = (int16_t)maxx;
		g.adv = (int16_t)adv;
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
		w = text_measure(t, fkey_make(fkey_size(fkey), fkey_style(fkey) & ~MD_EM), s, n);
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
	if (plain && !face_synthetic_bold(t, fkey)) {
		w = sum_hangul(t, fkey, s, n);
	} else {
		TTF_Font *font = face_select(t, fkey, jamo);
		if (TTF_SizeUTF8(font, scratch_copy(t, s, n), &w, &h) < 0)
			w = 0;
	}
	chunk_add(t, fkey, s, n, w);
	return w;
}

int text_engine_covers(struct text_engine *t, const char *s, size_t n, uint32_t *missing)
{
	TTF_Font *font = face_select(t, fkey_make(OPEN_SIZE, 0), 0);
	size_t i = 0;
	int32_t c;

	while (i < n) {
		c = utf8_next(s, n, &i);
		if (c < 0 || c == '\n' || c == '\t' || c == ' ')
			continue;
		if (!TTF_GlyphIsProvided32(font, (uint32_t)c)) {
			if (missing)
				*missing = (uint32_t)c;
			return 0;
		}
	}
	return 1;
}
