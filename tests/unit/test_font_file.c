/* test_font_file.c: the font file reader of text/font_file.c against the file's
 * bytes: random seeks and reads of every size (within a block, across blocks,
 * larger than a block, past the end) with 1, 2 and 8 blocks kept; refusals; and
 * the Korean font opened through it by SDL_ttf. */
#define SDL_MAIN_HANDLED
#include "test.h"
#include "text/internal.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static uint32_t rng = 12345;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* reps random operations on a reader of path, whose bytes are want[0..len);
 * the number of reads that returned other bytes or another count */
static int compare(const char *path, const unsigned char *want, long len, int blocks, int reps)
{
	SDL_RWops *rw = font_file_open(path, blocks);
	unsigned char buf[3 * FONT_FILE_BLOCK + 7];
	long pos = 0, n, got, expect, size;
	int bad = 0, i;

	if (!rw)
		return reps;
	if (SDL_RWsize(rw) != len)
		bad++;
	for (i = 0; i < reps; i++) {
		switch (next() % 4) {
		case 0: pos = (long)(next() % (uint32_t)(len + 100)); SDL_RWseek(rw, pos, RW_SEEK_SET); break;
		case 1: /* near a block's edge */
			pos = (long)(next() % (uint32_t)(len / FONT_FILE_BLOCK + 1)) * FONT_FILE_BLOCK - 3 + (long)(next() % 6);
			pos = pos < 0 ? 0 : pos;
			SDL_RWseek(rw, pos, RW_SEEK_SET);
			break;
		case 2: pos = len - (long)(next() % 50); SDL_RWseek(rw, pos - len, RW_SEEK_END); break;
		default: break; /* read on from where the last read ended */
		}
		if (SDL_RWtell(rw) != pos) {
			bad++;
			pos = (long)SDL_RWtell(rw);
		}
		n = next() % 3 ? (long)(next() % 300) : (long)(next() % sizeof(buf));
		size = next() % 4 ? 1 : 2; /* SDL_RWread(size 2) counts whole pairs */
		memset(buf, 0xEE, sizeof(buf));
		got = (long)SDL_RWread(rw, buf, (size_t)size, (size_t)(n / size));
		expect = pos >= len ? 0 : (len - pos < n / size * size ? len - pos : n / size * size) / size;
		if (got != expect || memcmp(buf, want + (pos < len ? pos : 0), (size_t)(got * size))) {
			if (bad < 3)
				printf("# blocks %d: read %ld x %ld at %ld: got %ld, want %ld\n", blocks, n / size,
				       size, pos, got, expect);
			bad++;
		}
		/* a short read leaves the position after the bytes read, a half pair too */
		pos += pos >= len ? 0 : (len - pos < n / size * size ? len - pos : n / size * size);
		if (SDL_RWtell(rw) != pos)
			bad++, pos = (long)SDL_RWtell(rw);
	}
	SDL_RWclose(rw);
	return bad;
}

static void reads(void)
{
	char tmpl[] = "/tmp/test_font_file.XXXXXX", path[64];
	static unsigned char data[5 * FONT_FILE_BLOCK + 123];
	unsigned char b[4];
	SDL_RWops *rw;
	size_t i;
	FILE *f;
	char *dir = mkdtemp(tmpl);

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)next();
	snprintf(path, sizeof(path), "%s/f.otf", dir ? dir : "/tmp");
	f = fopen(path, "wb");
	CHECK(f && fwrite(data, 1, sizeof(data), f) == sizeof(data) && !fclose(f), "fixture written");
	for (int blocks = 1; blocks <= 8; blocks *= 2)
		CHECK(compare(path, data, (long)sizeof(data), blocks, 20000) == 0,
		      "20,000 random seeks and reads with %d block%s kept: the file's bytes", blocks,
		      blocks > 1 ? "s" : "");

	rw = font_file_open(path, FONT_FILE_BLOCKS);
	CHECK(rw && SDL_RWseek(rw, 100, RW_SEEK_SET) == 100 && SDL_RWseek(rw, -1, RW_SEEK_SET) < 0 &&
	      SDL_RWseek(rw, -101, RW_SEEK_CUR) < 0 && SDL_RWtell(rw) == 100,
	      "a seek before the start fails and does not move");
	CHECK(rw && SDL_RWseek(rw, INT64_MAX, RW_SEEK_END) < 0 && SDL_RWtell(rw) == 100,
	      "a seek past the largest offset fails and does not move");
	CHECK(rw && SDL_RWwrite(rw, b, 1, 1) == 0, "nothing can be written");
	CHECK(rw && SDL_RWseek(rw, 10, RW_SEEK_END) == (Sint64)sizeof(data) + 10 && SDL_RWread(rw, b, 1, 4) == 0,
	      "a read past the end reads nothing");
	if (rw)
		SDL_RWclose(rw);

	CHECK(!font_file_open("/nonexistent/font.otf", 8) && *SDL_GetError(), "a missing file: NULL and an error");
	CHECK(!font_file_open(dir ? dir : "/tmp", 8), "a directory: NULL");
	snprintf(path, sizeof(path), "%s/empty.otf", dir ? dir : "/tmp");
	test_put(dir ? dir : "/tmp", "empty.otf", "");
	CHECK(!font_file_open(path, 8), "an empty file: NULL");
	unlink(path);
	snprintf(path, sizeof(path), "%s/f.otf", dir ? dir : "/tmp");
	unlink(path);
	if (dir)
		rmdir(dir);
}

/* the Korean font of the kiosk (fontconfig's match for Noto Sans CJK KR), opened
 * through the reader: a syllable rendered has ink */
static void with_sdl_ttf(void)
{
	FcPattern *p = FcNameParse((const FcChar8 *)"Noto Sans CJK KR"), *m;
	FcChar8 *file = NULL;
	FcResult r;
	int index = 0, ink = 0;
	TTF_Font *font = NULL;
	SDL_Surface *s;

	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(NULL, p, &r);
	if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
		FcPatternGetInteger(m, FC_INDEX, 0, &index);
		if (TTF_Init() == 0)
			font = TTF_OpenFontIndexRW(font_file_open((const char *)file, 2), 1, 40, index);
	}
	CHECK(font && TTF_GlyphIsProvided32(font, 0xD55C) && TTF_GlyphIsProvided32(font, 0xAE00),
	      "SDL_ttf opens %s (face %d) through the reader, and it has 한 and 글", file ? (char *)file : "(no font)",
	      index);
	if (font) {
		s = TTF_RenderUTF8_Blended(font, "한글", (SDL_Color){ 0, 0, 0, 255 });
		for (int y = 0; s && y < s->h; y++)
			for (int x = 0; x < s->w; x++)
				ink += ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] >> 24 > 128;
		CHECK(s && ink > 200, "한글 rendered at 40 px: %d pixels of ink", ink);
		SDL_FreeSurface(s);
		TTF_CloseFont(font);
	}
	TTF_Quit();
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(p);
}

int main(void)
{
	reads();
	with_sdl_ttf();
	return test_failures;
}
