/* text.h: fonts, line breaking and drawing of text. Fonts are found through
 * fontconfig (Noto Sans CJK KR preferred, a Nanum font accepted) and opened with
 * SDL_ttf (HarfBuzz shaping on); lines are broken with libunibreak, Korean between
 * words only (CSS word-break: keep-all) unless a word is longer than the line.
 * Characters the Korean font lacks are drawn with fallback fonts that fontconfig
 * finds (colour emoji from Noto Color Emoji, scaled to the text; other scripts
 * from the Noto families when installed). Measured widths and rendered pieces are cached, so that a paragraph is neither
 * measured nor rasterised again on each frame. */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct SDL_Renderer;
struct SDL_Surface;
struct err;
struct md_span;
struct text_engine;

/* Find and open the fonts. Without a Korean font, -1 and a message naming the
 * Debian package to install (fonts-noto-cjk or fonts-nanum). */
int text_engine_new(struct text_engine **out, struct err *e);
void text_engine_free(struct text_engine *t);

/* The renderer text is drawn with (borrowed; NULL: text_draw draws nothing), and
 * target: the surface r draws into when r is a software renderer made with
 * SDL_CreateSoftwareRenderer (borrowed), else NULL. With a 32-bit XRGB or ARGB
 * target, pieces of text are kept as 8-bit coverage masks (a byte a pixel) and
 * blended into target directly; otherwise as textures of r (4 bytes a pixel).
 * Measurements are always kept, and masks while there is a target. Passing the
 * same renderer again (after a reset) destroys the cached textures with
 * SDL_DestroyTexture. Passing another pointer, or NULL, only forgets them: SDL
 * frees textures together with their renderer, which may already be gone, so a
 * renderer that lives on keeps the forgotten textures until it is destroyed.
 * text_engine_free destroys the textures of the current renderer, so free the
 * engine first or set NULL after destroying it. */
void text_engine_set_renderer(struct text_engine *t, struct SDL_Renderer *r, struct SDL_Surface *target);

/* The font files in use, for `kiosk doctor` and logs, and the face index inside
 * the file (1 for Noto Sans CJK KR in NotoSansCJK-Regular.ttc). Bold falls back
 * to the regular file when the family has no bold face (bold is then synthesised). */
const char *text_engine_font_path(const struct text_engine *t, int bold);
long text_engine_font_face(const struct text_engine *t, int bold);

/* 1 when a font of this machine draws every character of s[0..n): the Korean
 * font or a fallback that fontconfig finds (invalid bytes, spaces, controls and
 * newlines are skipped); else 0 and *missing (when not NULL) is the first
 * character that would be drawn as a box. For lint and for checks of the fonts. */
int text_engine_covers(struct text_engine *t, const char *s, size_t n, uint32_t *missing);

/* Where lines of s[0..n) (valid UTF-8) may end: libunibreak's opportunities
 * (brks[i] for the position after byte i, LINEBREAK_* of <linebreak.h>; lang as
 * libunibreak takes it, or NULL), less those the kiosk's rules take away: no break
 * inside a word of any script (CSS word-break: keep-all), none before closing
 * punctuation or a middle dot nor after a middle dot inside a word (개정·공포해),
 * none inside a date or between a number and its unit ("15 July 2024", "5월 21일",
 * "34 km"). brks has room for n bytes. */
void text_find_breaks(const char *s, size_t n, const char *lang, char *brks);

enum text_align { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT };

struct text_style {
	int size;            /* pixel size of the font */
	int bold;            /* base weight; spans may add MD_STRONG / MD_EM */
	float line_height;   /* multiple of the font's line skip; 0 means 1.0 */
	int align;           /* enum text_align */
	int max_lines;       /* 0: no limit; else cut and end the last line with "…" */
};

/* One piece of a line: text[start..end) drawn at x (relative to the line) in one style. */
struct text_run {
	uint32_t start, end;
	int x, width;
	uint8_t style;       /* MD_EM | MD_STRONG bits; MD_STRONG also when text_style.bold;
			      * bits 3-5: the fallback font that draws it (0: the main font) */
};

struct text_line {
	int y;               /* top of the line, relative to the layout */
	int height;
	int width;           /* of the ink, for alignment and overflow checks */
	size_t first_run, nruns;
};

/* A paragraph broken into lines for one width. Owns a copy of the text. */
struct text_layout {
	char *text;
	size_t len;
	int size;
	struct text_run *runs;
	size_t nruns;
	struct text_line *lines;
	size_t nlines;
	int width;           /* widest line */
	int height;          /* sum of line heights */
	int max_width;       /* the width it was laid out for */
	int cut;             /* 1 when max_lines cut the text */
	uint32_t missing;    /* the first character no font on this machine draws
			      * (shown as the font's box), or 0 */
};

/* Lay out text (any bytes: invalid UTF-8 is drawn as U+FFFD, bidi controls and
 * other invisible controls are dropped, a tab is a space; memory stays linear in
 * len; bytes past 16 MiB are ignored). spans (offsets into text) may be NULL.
 * The layout's text is the cleaned copy that runs index; when max_lines cut it,
 * it ends with the "…" of the last line. Korean breaks between words (CSS
 * word-break: keep-all); a word wider than max_width is split between graphemes.
 * The size is clamped to 4..512. Returns 0, or -1 only when max_width < 1 (out
 * is then empty but may be released). */
int text_layout_build(struct text_engine *t, const char *text, size_t len,
		      const struct md_span *spans, size_t nspans, const struct text_style *st,
		      int max_width, struct text_layout *out);
void text_layout_release(struct text_layout *l);

/* Draw at (x, y) in colour 0xRRGGBBAA on the engine's renderer, pixels relative
 * to its viewport. Each run's pixels are cached: as a coverage mask blended into
 * the target surface of a software renderer; as a texture of white glyphs tinted
 * by colour modulation on an accelerated renderer; as a texture of glyphs in the
 * colour drawn on a software renderer without a target (SDL's blitter is 10x
 * slower when modulating, so there a piece drawn in a new colour is rendered
 * again). Alpha below 255 scales coverage. Lines outside the renderer's clip
 * rectangle (or viewport) are skipped. */
void text_draw(struct text_engine *t, const struct text_layout *l, int x, int y, uint32_t rgba);

/* What one layer of a frame holds so far, for text_draw_on: its background, and
 * what was drawn over it since, in order. Where text falls on pixels of one known
 * colour (an opaque fill, or the background with nothing over it), its pieces are
 * written without reading the target back: the blend of each coverage onto that
 * colour comes from a table, the same pixels as blending (at 3840x2160, reading
 * back the pixels a scrolled frame had just filled was 40 % of its drawing). The
 * caller owns it, starts each layer with n and full 0 and cleared and rgb set,
 * and lists what it draws other than text with text_ground_add; text_draw_on
 * lists the text it draws. Rectangles are px in the
 * renderer's viewport coordinates. */
#define TEXT_GROUND_MAX 512
struct text_ink {
	int x, y, w, h;
	uint32_t rgb;        /* 0xRRGGBB, when solid */
	int solid;           /* an opaque fill of rgb */
};
struct text_ground {
	int cleared;         /* 1: the layer was filled with rgb, under everything listed */
	uint32_t rgb;        /* 0xRRGGBB */
	struct text_ink v[TEXT_GROUND_MAX];
	int n;
	int full;            /* more was drawn than v holds: nothing is known any more */
};
/* List a rectangle drawn over g's layer: rgba (0xRRGGBBAA) the colour of an
 * opaque fill (alpha 255), anything else (0) for any other drawing. g may be NULL. */
void text_ground_add(struct text_ground *g, int x, int y, int w, int h, uint32_t rgba);
/* text_draw, on the layer g describes (NULL: unknown, as text_draw). Where a piece
 * would blend on pixels all of one colour, that g knows, it is written from a
 * table; each piece drawn is then listed in g. Only a software renderer with a
 * target (coverage masks) uses g. */
void text_draw_on(struct text_engine *t, const struct text_layout *l, int x, int y, uint32_t rgba,
		  struct text_ground *g);

/* Render ahead, without drawing, the pieces of l that text_draw in colour rgba
 * would render on a miss, so that the frame that first shows them only blends
 * them: a paragraph of Korean takes a few milliseconds to rasterise, which the
 * first frames of a scroll would otherwise pay. Goes until deadline_ns
 * (CLOCK_MONOTONIC, ns) has passed, rendering one piece at least (a line or
 * less: 0.1-1 ms), so that calls in turn always get on. Keeps the cache within
 * three quarters of its budget, making room only by dropping pieces not drawn or
 * warmed since the last text_engine_next_epoch: warming never takes the place of
 * what is on show. A piece rendered already, in any colour, is only touched
 * (marked as of this epoch).
 * Returns 1 when every piece of l is ready, 0 when the deadline came first (call
 * again), -1 when there is no room or memory (warm no more for now). */
int text_warm(struct text_engine *t, const struct text_layout *l, uint32_t rgba, uint64_t deadline_ns);
/* A new screen is on show: the pieces drawn or warmed before now are the ones
 * text_warm may drop to make room. */
void text_engine_next_epoch(struct text_engine *t);

/* Width in pixels of a single line of text (no wrapping). */
int text_width(struct text_engine *t, const char *s, int size, int bold);
/* The line height in pixels of the font at size. */
int text_line_height(struct text_engine *t, int size);

/* Drop rendered pieces beyond this many pixels, least recently used first (a
 * pixel costs a byte as a mask, 4 as a texture); 4 Mi pixels unless set. */
void text_engine_set_budget(struct text_engine *t, size_t pixels);
/* How many pieces of text draws left out for want of memory since the last call
 * (drawn again on a later frame): the caller redraws after a pause. */
unsigned text_engine_missed(struct text_engine *t);
/* Give the heap's free pages back to the system (malloc_trim) once a megabyte or
 * more of masks has been freed since the last time: call it between frames, as it
 * walks the heap. */
void text_engine_give_back(struct text_engine *t);
/* Bytes of masks and textures held now, for memory figures. */
size_t text_engine_texture_bytes(const struct text_engine *t);

#endif
