/* internal.h: shared between the files of text/ only (font.c finds and drives the
 * fonts, font_file.c reads their files, cache.c keeps measured and rendered
 * pieces, layout.c breaks lines, draw.c puts cached textures on the renderer). */
#ifndef KIOSK_TEXT_INTERNAL_H
#define KIOSK_TEXT_INTERNAL_H

#include "text/markdown.h"
#include "text/text.h"
#include "core/utf8.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stddef.h>
#include <stdint.h>

/* Sizes are clamped to this range: below it nothing is legible, above it one
 * glyph bitmap alone would be megabytes. */
enum { TEXT_MIN_SIZE = 4, TEXT_MAX_SIZE = 512 };

/* Fallback faces: fonts found through fontconfig for characters the Korean font
 * lacks (emoji, Arabic, Thai, rare ideographs). A style byte (of a layout's text,
 * of a run) holds MD_EM / MD_STRONG in bits 0-1, bit 2 is free for marks that do
 * not change the font, and the face is in bits 3-5: 0 the Korean font,
 * 1..MAX_FALLBACK a fallback face. */
enum { MAX_FALLBACK = 7, STYLE_FACE_SHIFT = 3 };

/* A font key: pixel size, face and MD_EM / MD_STRONG bits (bit 2 of the style byte
 * is left out). Every cache is keyed by it; it is never 0 because the size is at
 * least TEXT_MIN_SIZE. */
static inline uint32_t fkey_make(int size, int style)
{
	return ((uint32_t)size << 6) | ((uint32_t)style & 0x3Bu);
}
static inline int fkey_size(uint32_t k) { return (int)(k >> 6); }
static inline int fkey_style(uint32_t k) { return (int)(k & 3u); }
static inline int fkey_face(uint32_t k) { return (int)((k >> STYLE_FACE_SHIFT) & 7u); }

/* breaks.c: 1 when c is a middle dot (U+00B7, U+30FB, U+2027, U+FF65, U+318D),
 * which joins the words on its two sides (개정·공포), else 0. */
int text_is_middle_dot(uint32_t c);

/* font_file.c: the font file at path (UTF-8 path) as a read-only SDL_RWops for
 * TTF_OpenFontIndexRW, read with pread(2) rather than mapped (a mapping counts
 * every page it touches, and the kernel's 64 KiB around each fault, as the
 * kiosk's memory). Reads of up to FONT_FILE_BLOCK bytes are served from blocks
 * of that size, aligned in the file, of which the least recently used of
 * `blocks` (at least 1) is read again when none holds the byte asked for;
 * larger reads go to the file. Its size is taken at open: a file that shrinks
 * later gives short reads. The position and blocks are the SDL_RWops' own, so
 * one thread at a time may use it. Closing it (SDL_ttf does, with freesrc)
 * closes the file and frees the blocks. Returns NULL with SDL's error set when
 * the file cannot be opened, is not a regular file or is empty, or memory is
 * short. */
enum {
	FONT_FILE_BLOCK = 4096, /* bytes */
	FONT_FILE_BLOCKS = 8    /* kept for each open face: 32 KiB */
};
SDL_RWops *font_file_open(const char *path, int blocks);

/* One font file and face index, opened once with SDL_ttf. Size and style are
 * changed on the same TTF_Font when needed: TTF_SetFontSize costs about 50 us,
 * while opening the Noto .ttc again costs 1.2 ms and a FreeType face per size. */
struct face {
	char *path;        /* NULL for a bold face that does not exist */
	long index;        /* face index inside a .ttc */
	TTF_Font *font;    /* NULL until first used (the bold face) */
	int size;          /* pixel size now set on font */
	int style;         /* TTF_STYLE_* bits now set on font */
	int hangul_script; /* 1 when HarfBuzz is told the script is Hangul */
	int fixed;         /* a bitmap face of fixed sizes (Noto Color Emoji): scaled */
	int colour;        /* its glyphs have their own colours: drawn untinted */
	int rtl;           /* opened for Arabic or Hebrew: HarfBuzz shapes right to left
			    * (a word at a time: there is no bidi reordering of words) */
};

/* Metrics of one glyph as SDL_ttf reports them (TTF_GlyphMetrics32). */
struct glyph {
	int16_t minx, maxx, adv;
};

struct glyph_slot {
	uint64_t key; /* fkey << 32 | code point; 0 marks an empty slot */
	struct glyph g;
};

/* A piece of text in one font key: its measured width always, its pixels once
 * drawn (a texture, or a coverage mask on a software renderer's surface). Entries
 * live in one hash table; those with pixels are also on a least-recently-used
 * list that the budget trims. */
struct chunk {
	struct chunk *next;                /* hash chain */
	struct chunk *lru_prev, *lru_next; /* only while tex or mask != NULL */
	uint64_t hash;
	uint32_t fkey;
	uint32_t len;
	int width;
	SDL_Texture *tex;
	uint8_t *mask;   /* or: 8-bit coverage, tw x th, rows tw bytes apart (never both) */
	int tw, th;      /* size of tex or mask, pixels */
	int ty;          /* its top relative to the regular face's top at this size */
	uint32_t rgb;    /* colour of the glyphs in tex: 0xFFFFFF when tinted at draw time */
	int no_ink;      /* SDL_ttf rendered nothing (zero width): do not retry */
	unsigned epoch;  /* the engine's epoch when last drawn or warmed */
	char bytes[];    /* len bytes, NUL-terminated */
};

/* Vertical metrics of the regular face at one size. */
struct vmetrics {
	int size, skip, height, ascent;
};

struct text_engine {
	struct face faces[2];   /* regular, bold (path NULL: synthetic bold) */
	struct face fallback[MAX_FALLBACK]; /* opened as characters need them */
	int nfallback;
	void *fc;               /* FcConfig * the fonts were found with */
	SDL_Renderer *renderer; /* borrowed; NULL draws nothing */
	/* The 32-bit surface a software renderer draws into (borrowed): pieces are
	 * kept as coverage masks, a byte a pixel, and blended into it. NULL: textures. */
	SDL_Surface *target;
	/* Other software renderers get textures in the colour drawn: their blitter is
	 * 10x slower with colour modulation (9.5 against 1.0 ns a pixel, measured). */
	int bake_colour;
	unsigned missed;        /* pieces not drawn for want of memory since text_engine_missed */

	struct glyph_slot *glyphs;
	size_t nglyphs, glyph_cap;

	struct chunk **buckets;
	size_t nbuckets, nchunks, key_bytes;
	struct chunk *lru_head, *lru_tail;
	size_t tex_bytes;       /* bytes of textures and masks */
	size_t tex_pixels, budget; /* their pixels, and the most kept */
	size_t freed;           /* bytes of masks trimmed since the heap was last trimmed */
	unsigned epoch;         /* text_engine_next_epoch: pieces of older ones are what text_warm may drop */

	struct vmetrics vm[8];
	unsigned vm_next;

	/* the last table of blends onto a known ground (draw.c, ground_lut): for the
	 * ground pixel lut_p, colour lut_rgb, alpha lut_a */
	uint32_t lut[256], lut_p, lut_rgb;
	unsigned lut_a;
	int lut_ok;

	char *scratch;          /* NUL-terminated copies handed to SDL_ttf */
	size_t scratch_cap;
};

/* font.c */
/* The TTF_Font for a key with size and style applied; hangul asks HarfBuzz for
 * the Hangul shaper (conjoining jamo). Never NULL once the engine exists. */
TTF_Font *face_select(struct text_engine *t, uint32_t fkey, int hangul);
/* 1 when the key's bold is synthesised (TTF_STYLE_BOLD on the regular face). */
int face_synthetic_bold(const struct text_engine *t, uint32_t fkey);
const struct vmetrics *font_vmetrics(struct text_engine *t, int size);
/* The face that draws code point c: 0 for the Korean font, 1..MAX_FALLBACK for a
 * fallback face (found through fontconfig and opened on first need), -1 when no
 * font on this machine has it (it is drawn as the Korean font's box). Cached. */
int font_face_for(struct text_engine *t, uint32_t c);
/* For the face of fkey: the factor its pixels are scaled by (below 1 for a fixed
 * bitmap face larger than the text), 1 otherwise. */
double face_scale(struct text_engine *t, uint32_t fkey);
/* 1 when the face of fkey draws in its own colours. */
int face_colour(const struct text_engine *t, uint32_t fkey);
/* Metrics of code point c in key fkey, from the engine's own cache. */
struct glyph glyph_get(struct text_engine *t, uint32_t fkey, uint32_t c);
/* Width of s[0..n) (valid UTF-8) as TTF_SizeUTF8 would report it, cached. */
int text_measure(struct text_engine *t, uint32_t fkey, const char *s, size_t n);
/* A NUL-terminated copy of s[0..n) in the engine's scratch buffer. */
const char *scratch_copy(struct text_engine *t, const char *s, size_t n);

/* cache.c */
struct chunk *chunk_find(struct text_engine *t, uint32_t fkey, const char *s, size_t n);
struct chunk *chunk_add(struct text_engine *t, uint32_t fkey, const char *s, size_t n, int width);
/* Give c its texture, or its w x h mask (malloc'd; the chunk owns it), counted
 * against the budget, then trim the others. */
void chunk_set_texture(struct text_engine *t, struct chunk *c, SDL_Texture *tex, int w, int h);
void chunk_set_mask(struct text_engine *t, struct chunk *c, uint8_t *mask, int w, int h);
/* Drop c's texture or mask. */
void chunk_drop_texture(struct text_engine *t, struct chunk *c);
void chunk_touch(struct text_engine *t, struct chunk *c);
/* Drop every texture: destroy them when destroy is set (the renderer is alive),
 * otherwise only forget them; and every mask unless keep_masks. Widths stay. */
void chunk_drop_textures(struct text_engine *t, int destroy, int keep_masks);
/* Trim textures and masks, least recently used first, to the budget; keep is spared. */
void chunk_trim(struct text_engine *t, const struct chunk *keep);
void chunk_free_all(struct text_engine *t);
/* Room for a piece rendered ahead (text_warm): drops pieces of earlier epochs,
 * least recently used first, while the cache holds more than three quarters of
 * its budget. 0 when that is still so and only pieces of this epoch are left. */
int chunk_room_to_warm(struct text_engine *t);
int glyph_find(const struct text_engine *t, uint64_t key, struct glyph *out);
void glyph_put(struct text_engine *t, uint64_t key, struct glyph g);

/* Decode one code point of valid UTF-8 (the layout's sanitised text) with the
 * project's decoder: for valid UTF-8, utf8_next reads no byte past the character
 * at *i (at most 4), so the bound it is given is that of the character. */
static inline uint32_t utf8_dec(const char *str, size_t *i)
{
	return (uint32_t)utf8_next(str, *i + 4, i);
}

/* Hangul syllables and compatibility jamo: no kerning and no shaping, so a
 * width is the sum of glyph advances. */
static inline int is_plain_hangul(uint32_t c)
{
	return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3131 && c <= 0x318E);
}

/* Conjoining jamo, which only HarfBuzz's Hangul shaper composes. */
static inline int is_conjoining_jamo(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) ||
	       (c >= 0xD7B0 && c <= 0xD7FF);
}

#endif
