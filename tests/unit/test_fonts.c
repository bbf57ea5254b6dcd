/* test_fonts.c: fallback fonts for what the Korean font lacks: colour emoji scaled
 * to the text, other scripts from the fonts installed, and the characters no font
 * has reported rather than drawn as boxes silently. */
#include "test.h"
#include "core/err.h"
#include "text/text.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* An engine whose fontconfig knows only the font folders dirs. */
static int engine_with_fonts(const char *const *dirs, struct text_engine **t, struct err *e)
{
	char dir[] = "/tmp/kiosk-fonts-XXXXXX", conf[256];
	FILE *f;
	int rc;

	if (!mkdtemp(dir))
		return -2;
	snprintf(conf, sizeof(conf), "%s/fonts.conf", dir);
	f = fopen(conf, "w");
	fprintf(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
		   "<fontconfig><cachedir>%s/cache</cachedir>\n", dir);
	for (; *dirs; dirs++)
		fprintf(f, "<dir>%s</dir>\n", *dirs);
	fprintf(f, "</fontconfig>\n");
	fclose(f);
	setenv("FONTCONFIG_FILE", conf, 1);
	rc = text_engine_new(t, e);
	unsetenv("FONTCONFIG_FILE");
	snprintf(conf, sizeof(conf), "rm -rf '%s'", dir);
	if (system(conf) != 0)
		printf("# could not remove %s\n", dir);
	return rc;
}

static int coloured_pixels(SDL_Surface *s)
{
	int n = 0;

	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++) {
			Uint32 px = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
			Uint8 r, g, b;
			SDL_GetRGB(px, s->format, &r, &g, &b);
			if (abs(r - g) > 40 || abs(g - b) > 40 || abs(r - b) > 40)
				n++;
		}
	return n;
}

int main(void)
{
	static const char *const dirs[] = { "/usr/share/fonts/opentype/noto",
					    "/usr/share/fonts/truetype/noto", NULL };
	static const struct text_style st = { 28, 0, 0, TEXT_LEFT, 0 };
	struct text_engine *t = NULL;
	struct text_layout l;
	struct err e = { 0 };
	uint32_t missing = 0;
	const char *dove = "\xF0\x9F\x95\x8A"; /* U+1F54A */
	const char *thai = "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2"; /* ไทย */
	SDL_Surface *surf;
	SDL_Renderer *ren;

	if (access("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", R_OK) != 0) {
		CHECK(0, "fonts-noto-color-emoji is not installed (make deps)");
		return 1;
	}
	TTF_Init();
	if (engine_with_fonts(dirs, &t, &e) < 0) {
		CHECK(0, "engine with Noto CJK and Noto Color Emoji: %s", e.msg);
		return 1;
	}
	CHECK(text_engine_covers(t, dove, strlen(dove), &missing) == 1, "the dove emoji can be drawn");
	CHECK(text_engine_covers(t, thai, strlen(thai), &missing) == 0 && missing == 0x0E44,
	      "Thai cannot, and the first character missing is U+0E44 (U+%04X)", (unsigned)missing);

	CHECK(text_layout_build(t, "평화 \xF0\x9F\x95\x8A 평화", strlen("평화 \xF0\x9F\x95\x8A 평화"), NULL, 0, &st, 1000, &l) == 0 &&
	      l.missing == 0, "a line with an emoji lays out with nothing missing");
	{
		int emoji_runs = 0, w = 0;
		for (size_t i = 0; i < l.nruns; i++)
			if (l.runs[i].style >> 3) {
				emoji_runs++;
				w = l.runs[i].width;
			}
		CHECK(emoji_runs == 1 && w >= 24 && w <= 40,
		      "the emoji is one run of a fallback face, scaled to the text (%d px at 28 px)", w);
	}
	surf = SDL_CreateRGBSurfaceWithFormat(0, 300, 60, 32, SDL_PIXELFORMAT_ARGB8888);
	ren = SDL_CreateSoftwareRenderer(surf);
	SDL_SetRenderDrawColor(ren, 255, 255, 255, 255);
	SDL_RenderClear(ren);
	text_engine_set_renderer(t, ren, surf); /* the emoji a texture, the rest a mask */
	text_draw(t, &l, 0, 10, 0x000000FF);
	SDL_RenderPresent(ren);
	CHECK(coloured_pixels(surf) > 20, "drawn in black text, the emoji keeps its colours (%d pixels)",
	      coloured_pixels(surf));
	text_engine_set_renderer(t, NULL, NULL);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	text_layout_release(&l);

	CHECK(text_layout_build(t, thai, strlen(thai), NULL, 0, &st, 1000, &l) == 0 &&
	      l.missing == 0x0E44, "a layout records the character no font has (U+%04X)",
	      (unsigned)l.missing);
	text_layout_release(&l);
	text_engine_free(t);
	return test_failures;
}
