/* test_text.c: fonts, line breaking, caches and drawing of text/text.h, with no
 * display (an SDL software renderer on a surface). */
#define SDL_MAIN_HANDLED
#include "test.h"
#include "core/err.h"
#include "core/utf8.h"
#include "text/markdown.h"
#include "text/text.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char KO[] =
	"조선 시대의 활자 인쇄는 지식을 널리 퍼뜨리는 중요한 수단이었다. 세종은 백성이 쉽게 "
	"배우고 쓸 수 있는 글자를 만들기 위해 학자들과 함께 오랜 시간 연구하였고, 마침내 "
	"훈민정음을 반포하였다. 새로운 글자는 소리의 원리를 따라 만들어졌기 때문에 누구나 며칠 "
	"만에 익힐 수 있었다. 그러나 한자를 중심으로 한 양반 사회에서는 한글이 널리 쓰이기까지 "
	"많은 시간이 걸렸다. 여성과 평민은 편지와 소설, 노래 가사를 한글로 적으며 자신들의 "
	"생각을 기록하였다. 이 전시실에서는 당시의 인쇄 도구와 목판, 금속 활자, 그리고 한글로 "
	"쓰인 편지와 책을 함께 살펴볼 수 있다.";

static const struct text_style BODY = { 28, 0, 0, TEXT_LEFT, 0 };

static char *line_text(const struct text_layout *l, size_t i)
{
	const struct text_line *ln = &l->lines[i];
	size_t a, b;

	if (!ln->nruns)
		return strdup("");
	a = l->runs[ln->first_run].start;
	b = l->runs[ln->first_run + ln->nruns - 1].end;
	return strndup(l->text + a, b - a);
}

/* The word (between spaces) of l->text around offset at. */
static char *word_at(const struct text_layout *l, size_t at)
{
	size_t a = at, b = at;

	while (a > 0 && l->text[a - 1] != ' ' && l->text[a - 1] != '\n')
		a--;
	while (b < l->len && l->text[b] != ' ' && l->text[b] != '\n')
		b++;
	return strndup(l->text + a, b - a);
}

static int widest_line(const struct text_layout *l)
{
	int w = 0;

	for (size_t i = 0; i < l->nlines; i++)
		if (l->lines[i].width > w)
			w = l->lines[i].width;
	return w;
}

/* An engine made with a fontconfig configuration (FONTCONFIG_FILE) that knows
 * only the font folders dirs (NULL-terminated; none: an empty folder). */
static int engine_with_fonts(const char *const *dirs, struct text_engine **t, struct err *e)
{
	char dir[] = "/tmp/kiosk-text-XXXXXX", conf[256], fonts[256];
	const char *old = getenv("FONTCONFIG_FILE");
	char *saved = old ? strdup(old) : NULL;
	FILE *f;
	int rc;

	*t = NULL;
	if (!mkdtemp(dir))
		return -2;
	snprintf(conf, sizeof(conf), "%s/fonts.conf", dir);
	snprintf(fonts, sizeof(fonts), "%s/fonts", dir);
	mkdir(fonts, 0755);
	f = fopen(conf, "w");
	fprintf(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
		   "<fontconfig><dir>%s</dir><cachedir>%s/cache</cachedir>\n", fonts, dir);
	for (; dirs && *dirs; dirs++)
		fprintf(f, "<dir>%s</dir>\n", *dirs);
	fprintf(f, "</fontconfig>\n");
	fclose(f);
	setenv("FONTCONFIG_FILE", conf, 1);
	rc = text_engine_new(t, e);
	if (saved)
		setenv("FONTCONFIG_FILE", saved, 1);
	else
		unsetenv("FONTCONFIG_FILE");
	free(saved);
	snprintf(conf, sizeof(conf), "rm -rf '%s'", dir);
	if (system(conf) != 0)
		printf("# could not remove %s\n", dir);
	return rc;
}

static void test_missing_font(void)
{
	static const char *const others[] = { "/usr/share/fonts/truetype/dejavu",
					      "/usr/share/fonts/truetype/droid", NULL };
	struct text_engine *t = (void *)1;
	struct err e = { 0 };
	int rc;

	rc = engine_with_fonts(NULL, &t, &e);
	CHECK(rc == -1 && t == NULL, "no font at all: text_engine_new fails");
	CHECK(strstr(e.msg, "no Korean font found") && strstr(e.msg, "fonts-noto-cjk") &&
	      strstr(e.msg, "fonts-nanum"), "the error names the packages: '%s'", e.msg);
	memset(&e, 0, sizeof(e));
	rc = engine_with_fonts(others, &t, &e);
	CHECK(rc == -1 && strstr(e.msg, "fonts-noto-cjk"),
	      "DejaVu and Droid Sans Fallback (which has Hangul) are not accepted: '%s'", e.msg);
}

static void test_measure_matches_render(struct text_engine *t);

static void test_nanum(void)
{
	static const char *const nanum[] = { "/usr/share/fonts/truetype/nanum", NULL };
	struct text_engine *t;
	struct text_layout l;
	struct err e = { 0 };

	if (access(nanum[0], R_OK) != 0) {
		printf("ok - # skip: no %s\n", nanum[0]);
		return;
	}
	CHECK(engine_with_fonts(nanum, &t, &e) == 0 && strstr(text_engine_font_path(t, 0), "Nanum"),
	      "with only Nanum fonts, a Nanum font is taken: %s / %s", t ? text_engine_font_path(t, 0) : e.msg,
	      t ? text_engine_font_path(t, 1) : "");
	if (!t)
		return;
	text_layout_build(t, KO, strlen(KO), NULL, 0, &BODY, 500, &l);
	CHECK(l.nlines > 3 && widest_line(&l) <= 500, "Nanum lays out (%zu lines)", l.nlines);
	text_layout_release(&l);
	test_measure_matches_render(t);
	text_engine_free(t);
}

/* A family without a bold face: bold is TTF_STYLE_BOLD on the regular one. */
static void test_synthetic_bold(void)
{
	char dir[] = "/tmp/kiosk-text-XXXXXX", link[256], cmd[300];
	const char *dirs[] = { dir, NULL };
	const char *src = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";
	struct text_engine *t;
	struct err e = { 0 };

	if (access(src, R_OK) != 0 || !mkdtemp(dir)) {
		printf("ok - # skip: no %s\n", src);
		return;
	}
	snprintf(link, sizeof(link), "%s/NanumGothic.ttf", dir);
	if (symlink(src, link) == 0 && engine_with_fonts(dirs, &t, &e) == 0) {
		CHECK(!strcmp(text_engine_font_path(t, 1), text_engine_font_path(t, 0)),
		      "no bold file: bold uses the regular one (%s)", text_engine_font_path(t, 1));
		test_measure_matches_render(t);
		text_engine_free(t);
	} else {
		CHECK(0, "engine with NanumGothic alone: %s", e.msg);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

static void test_korean_breaks(struct text_engine *t)
{
	int widths[] = { 120, 200, 333, 480, 700, 900 };
	int bad = 0, wide = 0, splits = 0;

	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		struct text_layout l;
		size_t chars = 0;

		text_layout_build(t, KO, strlen(KO), NULL, 0, &BODY, widths[w], &l);
		for (size_t i = 0; i < l.nlines; i++) {
			const struct text_line *ln = &l.lines[i];
			size_t at;

			if (ln->width > widths[w])
				wide++;
			for (size_t k = ln->first_run; k < ln->first_run + ln->nruns; k++)
				chars += l.runs[k].end - l.runs[k].start;
			if (i == 0 || !ln->nruns)
				continue;
			at = l.runs[ln->first_run].start;
			if (l.text[at - 1] != ' ') {
				/* inside a word: only when the word is wider than the line */
				char *word = word_at(&l, at);
				if (text_width(t, word, BODY.size, 0) <= widths[w]) {
					bad++;
					printf("# width %d: line %zu breaks inside '%s'\n", widths[w], i, word);
				}
				splits++;
				free(word);
			}
		}
		/* every byte except spaces is on some line */
		size_t spaces = 0;
		for (size_t i = 0; i < l.len; i++)
			spaces += l.text[i] == ' ';
		CHECK(chars + spaces == l.len, "width %d: runs cover the text (%zu + %zu of %zu)",
		      widths[w], chars, spaces, l.len);
		CHECK(l.nlines > 1 && l.height == (int)l.nlines * text_line_height(t, 28),
		      "width %d: %zu lines, height %d", widths[w], l.nlines, l.height);
		text_layout_release(&l);
	}
	CHECK(bad == 0, "Korean breaks only at spaces unless a word is wider than the line (%d bad)", bad);
	CHECK(splits > 0, "at 120 px some words are split (%d)", splits);
	CHECK(wide == 0, "no line is wider than max_width (%d)", wide);
}

static void test_long_word(struct text_engine *t)
{
	const char *w = "가나다라마바사아자차카타파하가나다라마바사아자차카타파하";
	struct text_layout l;
	char joined[512] = "";
	int ok = 1, adv = text_width(t, "가", 28, 0), per = 100 / adv;
	size_t want = (28 + (size_t)per - 1) / (size_t)per;

	text_layout_build(t, w, strlen(w), NULL, 0, &BODY, 100, &l);
	for (size_t i = 0; i < l.nlines; i++) {
		char *s = line_text(&l, i);
		strcat(joined, s);
		free(s);
		if (l.lines[i].width > 100 || (i + 1 < l.nlines && l.lines[i].width < 100 - adv))
			ok = 0;
	}
	CHECK(l.nlines == want, "a 28-syllable word at 100 px: %zu lines of %d (%zu)", want, per, l.nlines);
	CHECK(ok, "each piece fills the line without passing it");
	CHECK_STR(joined, w, "the pieces join to the word");
	text_layout_release(&l);

	/* a line narrower than one syllable still progresses, one per line */
	text_layout_build(t, "한글", 6, NULL, 0, &BODY, 5, &l);
	CHECK(l.nlines == 2, "narrower than a glyph: one syllable a line (%zu)", l.nlines);
	text_layout_release(&l);
}

/* A date, a number kept with its unit, or words joined by a middle dot (breaks.c)
 * wider than the line break at their spaces or dots, not inside a word:
 * "2024년 1월의 결정" in a column narrower than "2024년 1월의" was
 * "2024년 1월 | 의 결정". */
static void test_kept_unit_too_wide(struct text_engine *t)
{
	/* slack: px more than the wider line needs, less than a word, so that a
	 * split inside a word would put part of the next one on the first line */
	static const struct { const char *text, *first, *second; int slack; } c[] = {
		{ "2024년 1월의 결정", "2024년", "1월의 결정", 2 },
		{ "34 km를", "34", "km를", 2 },
		{ "on 15 July 2024 it", "on 15 July", "2024 it", 2 },
		{ "사회적·심리적·정서적", "사회적·심리적·", "정서적", 60 },
	};
	struct text_style st = { 40, 1, 0, TEXT_LEFT, 0 };
	struct text_layout l;

	for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++) {
		/* a width that holds the first line and the second, but not the kept unit */
		int w1 = text_width(t, c[i].first, st.size, 1), w2 = text_width(t, c[i].second, st.size, 1);
		int w = (w1 > w2 ? w1 : w2) + c[i].slack;
		char *a, *b;

		text_layout_build(t, c[i].text, strlen(c[i].text), NULL, 0, &st, w, &l);
		a = l.nlines > 0 ? line_text(&l, 0) : strdup("");
		b = l.nlines > 1 ? line_text(&l, 1) : strdup("");
		CHECK(l.nlines == 2 && !strcmp(a, c[i].first) && !strcmp(b, c[i].second),
		      "'%s' at %d px: '%s' | '%s' (%zu lines)", c[i].text, w, a, b, l.nlines);
		free(a);
		free(b);
		text_layout_release(&l);
	}
}

static void test_english(struct text_engine *t)
{
	const char *s = "The quick brown fox jumps over the lazy dog and keeps running far away.";
	struct text_layout l;
	int bad = 0;

	text_layout_build(t, s, strlen(s), NULL, 0, &BODY, 250, &l);
	for (size_t i = 1; i < l.nlines; i++)
		if (l.text[l.runs[l.lines[i].first_run].start - 1] != ' ')
			bad++;
	CHECK(l.nlines >= 3 && bad == 0, "English wraps at spaces (%zu lines, %d bad)", l.nlines, bad);
	CHECK(widest_line(&l) <= 250 && l.width == widest_line(&l), "widest line %d <= 250", l.width);
	text_layout_release(&l);

	/* keep-all: K-pop in Korean is one word, a hyphen still breaks */
	int kw = text_width(t, "K팝", 28, 0), ww = text_width(t, "well-", 28, 0);
	int nw = text_width(t, "known", 28, 0), most = kw > ww ? kw : ww;
	text_layout_build(t, "K팝 well-known", strlen("K팝 well-known"), NULL, 0, &BODY,
			  (most > nw ? most : nw) + 2, &l);
	{
		char *a = line_text(&l, 0), *b = l.nlines > 1 ? line_text(&l, 1) : strdup("");
		CHECK(!strcmp(a, "K팝") && !strcmp(b, "well-") && l.nlines == 3, "keep-all: 'K팝' whole, 'well-' breaks after the hyphen ('%s' '%s', %zu lines)", a, b, l.nlines);
		free(a);
		free(b);
	}
	text_layout_release(&l);
}

static void test_newlines(struct text_engine *t)
{
	struct text_layout l;

	text_layout_build(t, "첫 줄\n둘째 줄", strlen("첫 줄\n둘째 줄"), NULL, 0, &BODY, 2000, &l);
	CHECK(l.nlines == 2, "'\\n' forces a break (%zu lines)", l.nlines);
	text_layout_release(&l);
	text_layout_build(t, "a\n\nb\n", 5, NULL, 0, &BODY, 2000, &l);
	CHECK(l.nlines == 3 && l.lines[1].nruns == 0 && l.lines[2].y == 2 * l.lines[1].height,
	      "an empty line between two newlines, none after the last (%zu)", l.nlines);
	text_layout_release(&l);
	text_layout_build(t, "", 0, NULL, 0, &BODY, 100, &l);
	CHECK(l.nlines == 0 && l.height == 0 && l.text && l.len == 0, "empty text: no lines");
	text_layout_release(&l);
	CHECK(text_layout_build(t, "a", 1, NULL, 0, &BODY, 0, &l) == -1 && !l.text,
	      "max_width 0 is refused");
	text_layout_release(&l);
}

static void test_spans(struct text_engine *t)
{
	/* "보통 굵게 기울임 끝" with 굵게 strong and 기울임 emphasised, and a style change
	 * inside one word: 끝 plain + ! strong */
	const char *s = "보통 굵게 기울임 끝!";
	size_t b = strlen("보통 "), i = strlen("보통 굵게 "), e = strlen("보통 굵게 기울임 끝");
	struct md_span spans[] = {
		{ (uint32_t)b, (uint32_t)(b + strlen("굵게")), MD_STRONG },
		{ (uint32_t)i, (uint32_t)(i + strlen("기울임")), MD_EM },
		{ (uint32_t)e, (uint32_t)e + 1, MD_STRONG },
	};
	struct text_layout l;
	struct text_style bold = BODY;
	int seen = 0;

	text_layout_build(t, s, strlen(s), spans, 3, &BODY, 2000, &l);
	for (size_t k = 0; k < l.nruns; k++) {
		char *r = strndup(l.text + l.runs[k].start, l.runs[k].end - l.runs[k].start);
		int st = l.runs[k].style;
		if (!strcmp(r, "보통") && st == 0)
			seen |= 1;
		if (!strcmp(r, "굵게") && st == MD_STRONG)
			seen |= 2;
		if (!strcmp(r, "기울임") && st == MD_EM)
			seen |= 4;
		if (!strcmp(r, "끝") && st == 0)
			seen |= 8;
		if (!strcmp(r, "!") && st == MD_STRONG)
			seen |= 16;
		free(r);
	}
	CHECK(seen == 31 && l.nruns == 5, "spans keep their style on the right runs (%x, %zu runs)", seen, l.nruns);
	CHECK(l.runs[4].x == l.runs[3].x + l.runs[3].width, "a style change inside a word leaves no gap");
	text_layout_release(&l);

	bold.bold = 1;
	text_layout_build(t, s, strlen(s), spans, 3, &bold, 2000, &l);
	CHECK(l.nruns == 4 && l.runs[0].style == MD_STRONG && l.runs[1].style == MD_STRONG &&
	      l.runs[2].style == (MD_STRONG | MD_EM) && l.runs[3].style == MD_STRONG &&
	      l.runs[3].end - l.runs[3].start == strlen("끝!"),
	      "base bold: strong everywhere, one run where the style no longer changes (%zu)", l.nruns);
	text_layout_release(&l);
}

static void test_hostile(struct text_engine *t)
{
	const char in[] = "a\xff\xfe" "b\xe2\x80\xae" "c\xe2\x81\xa6" "d\xe2\x80\x8f" "e\x01" "f\tg\xed\xa0\x80h\r\n";
	struct text_layout l;

	text_layout_build(t, in, sizeof(in) - 1, NULL, 0, &BODY, 2000, &l);
	CHECK_STR(l.text, "a\xef\xbf\xbd\xef\xbf\xbd" "bcdef g\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdh\n",
		  "invalid bytes become U+FFFD, bidi and other controls go, tab is a space");
	CHECK(utf8_valid(l.text, l.len, NULL) && l.nlines == 1, "the layout's text is valid UTF-8 (%zu lines)", l.nlines);
	text_layout_release(&l);

	/* spans past the end or inverted are ignored */
	struct md_span odd[] = { { 5, 2, MD_EM }, { 3, 999999, MD_STRONG } };
	text_layout_build(t, "abcdefgh", 8, odd, 2, &BODY, 2000, &l);
	CHECK(l.nruns == 2 && l.runs[0].style == 0 && l.runs[1].style == MD_STRONG,
	      "odd spans are clamped (%zu runs)", l.nruns);
	text_layout_release(&l);
	text_layout_build(t, NULL, 10, NULL, 0, &BODY, 100, &l);
	CHECK(l.nlines == 0, "NULL text is empty");
	text_layout_release(&l);
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void test_huge_line(struct text_engine *t)
{
	const size_t nchars = 100000;
	char *s = malloc(nchars * 3 + 1);
	const char *kinds[] = { "Hangul", "Latin", "invalid bytes" };

	for (int kind = 0; kind < 3; kind++) {
		struct text_layout l;
		size_t n = 0, own;
		long before = maxrss_kb();
		int wide = 0;

		for (size_t i = 0; i < nchars; i++) {
			if (kind == 0)
				n += utf8_put(s + n, 0xAC00 + (int32_t)(i * 7919 % 11172));
			else if (kind == 1)
				s[n++] = (char)('a' + i % 26);
			else
				s[n++] = (char)(0x80 + i % 64);
		}
		text_layout_build(t, s, n, NULL, 0, &BODY, 900, &l);
		own = l.len + l.nruns * sizeof(*l.runs) + l.nlines * sizeof(*l.lines);
		for (size_t i = 0; i < l.nlines; i++)
			wide += l.lines[i].width > 900;
		CHECK(l.nlines > 100 && wide == 0, "100,000 %s without spaces: %zu lines, none too wide",
		      kinds[kind], l.nlines);
		CHECK(own < 64 * nchars, "%s: the layout's arrays are linear (%zu bytes)", kinds[kind], own);
		CHECK(maxrss_kb() - before < 64 * 1024, "%s: peak memory grew by %ld KiB",
		      kinds[kind], maxrss_kb() - before);
		text_layout_release(&l);
	}
	free(s);
}

/* Random bytes, spans, widths and limits: the layout's invariants hold. */
static void test_random(struct text_engine *t)
{
	static const char *const bits[] = { "한", "글", " ", "\n", "a", "-", ".", "\xff", "\xe2\x80\xae",
					    "\xe1\x84\x92", "\xcc\x81", "…", "\t", "\xed", "(", "1" };
	unsigned seed = 12345;
	int bad = 0;

	for (int iter = 0; iter < 300; iter++) {
		char buf[400];
		size_t n = 0, nb = (seed = seed * 1103515245 + 12345) % 120;
		struct md_span sp[4];
		struct text_style st = BODY;
		struct text_layout l;
		int w;

		for (size_t k = 0; k < nb; k++) {
			const char *b = bits[(seed = seed * 1103515245 + 12345) >> 16 & 15];
			memcpy(buf + n, b, strlen(b));
			n += strlen(b);
		}
		for (int k = 0; k < 4; k++) {
			sp[k].start = (seed = seed * 1103515245 + 12345) % (n + 1);
			sp[k].end = sp[k].start + (seed = seed * 1103515245 + 12345) % 20;
			sp[k].style = (uint8_t)(seed >> 20 & 3);
		}
		w = 1 + (int)((seed = seed * 1103515245 + 12345) >> 8) % 300;
		st.max_lines = (int)(seed >> 4) % 4;
		st.align = (int)(seed >> 12) % 3;
		text_layout_build(t, buf, n, sp, 4, &st, w, &l);
		if (!utf8_valid(l.text, l.len, NULL) || l.text[l.len] != 0)
			bad++;
		if (st.max_lines && l.nlines > (size_t)st.max_lines)
			bad++;
		for (size_t i = 0, next = 0; i < l.nlines; i++) {
			const struct text_line *ln = &l.lines[i];
			if (ln->first_run != next || ln->first_run + ln->nruns > l.nruns)
				bad++;
			next = ln->first_run + ln->nruns;
			for (size_t k = ln->first_run; k < next && k < l.nruns; k++) {
				const struct text_run *r = &l.runs[k];
				if (r->start >= r->end || r->end > l.len || r->x < 0)
					bad++;
				/* only a lone grapheme may pass the width */
				if (r->x + r->width > w && ln->nruns > 1 && !(l.cut && i + 1 == l.nlines))
					bad++;
			}
		}
		if (bad)
			printf("# iteration %d failed (width %d)\n", iter, w);
		text_layout_release(&l);
		if (bad)
			break;
	}
	CHECK(bad == 0, "300 random texts keep the layout's invariants");
}

/* A search snippet cut after the separator between two blocks (a no-break space
 * and a middle dot, catalog/search.c) ends "word…", not "word ·…", in Korean and
 * English, wherever the line ends around it. */
static void test_cut_at_separator(struct text_engine *t)
{
	static const char *const texts[] = { "for the ceremony\u00a0\u00b7 The number of arrivals grew",
					     "인권과 통일\u00a0\u00b7 평범한 사람들의 이야기" };
	struct text_style st = { 28, 0, 0, TEXT_LEFT, 1 };
	int bad = 0, tried = 0;

	for (size_t i = 0; i < 2; i++) {
		const char *sep = strstr(texts[i], "\u00a0");
		char *head = strndup(texts[i], (size_t)(sep - texts[i]) + 4);
		int w = text_width(t, head, st.size, 0);
		/* widths around the one at which the line ends just after the dot */
		/* the word before the separator marked as a match, or not: a marked
		 * match is a run of its own, and so is the separator after it */
		struct md_span mark = { (uint32_t)(strrchr(head, ' ') ? strrchr(head, ' ') - head + 1 : 0),
					(uint32_t)(sep - texts[i]), MD_MARK };
		for (int marked = 0; marked < 2; marked++)
			for (int dw = -4; dw <= 40; dw += 2) {
				struct text_layout l;
				text_layout_build(t, texts[i], strlen(texts[i]), marked ? &mark : NULL, marked, &st, w + dw,
						  &l);
				if (l.cut) {
					tried++;
					if (l.len >= 5 && strstr(l.text, "\u00b7\u2026"))
						bad++;
				}
				text_layout_release(&l);
			}
		free(head);
	}
	CHECK(tried > 20 && bad == 0, "no '·…' at the end of a cut snippet, its last word marked or not (%d of %d)",
	      bad, tried);
}

static void test_max_lines(struct text_engine *t)
{
	struct text_style st = BODY;
	struct text_layout l;
	const struct text_run *last;

	st.max_lines = 2;
	text_layout_build(t, KO, strlen(KO), NULL, 0, &st, 400, &l);
	last = &l.runs[l.nruns - 1];
	CHECK(l.nlines == 2 && l.cut, "max_lines 2 keeps 2 lines (%zu)", l.nlines);
	CHECK(l.len >= 3 && !strcmp(l.text + l.len - 3, "…") && last->start == l.len - 3,
	      "the last line ends with '…'");
	CHECK(l.lines[1].width <= 400 && last->x + last->width == l.lines[1].width,
	      "the '…' fits the line (%d)", l.lines[1].width);
	CHECK(l.height == 2 * text_line_height(t, 28), "height of two lines");
	text_layout_release(&l);

	st.max_lines = 3;
	text_layout_build(t, "한 줄", strlen("한 줄"), NULL, 0, &st, 400, &l);
	CHECK(!l.cut && l.nlines == 1 && !strstr(l.text, "…"), "short text is not cut");
	text_layout_release(&l);

	/* the ellipsis replaces the end of a line that is full */
	st.max_lines = 1;
	text_layout_build(t, "가나다라마바사아자차카타파하", strlen("가나다라마바사아자차카타파하"),
			  NULL, 0, &st, 150, &l);
	CHECK(l.cut && l.nlines == 1 && l.lines[0].width <= 150 && strstr(l.text, "…"),
	      "a full line gives up glyphs for '…' ('%s', %d)", l.text, l.lines[0].width);
	text_layout_release(&l);
}

static void test_align(struct text_engine *t)
{
	struct text_style st = BODY;
	struct text_layout l;

	st.align = TEXT_CENTER;
	text_layout_build(t, "가운데", strlen("가운데"), NULL, 0, &st, 500, &l);
	CHECK(l.runs[0].x == (500 - l.lines[0].width) / 2, "centred (%d)", l.runs[0].x);
	text_layout_release(&l);
	st.align = TEXT_RIGHT;
	text_layout_build(t, "오른쪽 ", strlen("오른쪽 "), NULL, 0, &st, 500, &l);
	CHECK(l.runs[0].x + l.lines[0].width == 500, "right aligned, trailing space not counted");
	text_layout_release(&l);
	st.line_height = 1.5f;
	text_layout_build(t, "a\nb", 3, NULL, 0, &st, 500, &l);
	CHECK(l.lines[1].y == (int)(text_line_height(t, 28) * 1.5f + 0.5f), "line_height 1.5");
	text_layout_release(&l);
}

/* What the layout measured must be what SDL_ttf renders (the Hangul widths are
 * summed from glyph metrics, not asked from SDL_ttf). Italic pieces advance as far
 * as upright ones: only their slanted ink reaches past, by at most a third of the
 * font size. */
static void test_measure_matches_render(struct text_engine *t)
{
	const char *words[] = { "한글", "대한민국은", "민주공화국이다.", "훈민정음을", "(1443년)",
				"Hangul", "AVATAR", "쓰인", "ㅎㅎㅎ", "끝!", "“인용”", "가나다라마바사" };
	static const SDL_Color white = { 255, 255, 255, 255 };
	int worst = 0, worst_render = 0, worst_slant = 0, n = 0;

	for (int style = 0; style < 4; style++) {
		int bold = (style & MD_STRONG) != 0;
		TTF_Font *f = TTF_OpenFontIndex(text_engine_font_path(t, bold), 28,
						 text_engine_font_face(t, bold));
		int tstyle = (style & MD_EM ? TTF_STYLE_ITALIC : 0);

		if (!f) {
			CHECK(0, "open %s", text_engine_font_path(t, bold));
			continue;
		}
		if (bold && !strcmp(text_engine_font_path(t, 1), text_engine_font_path(t, 0)) &&
		    text_engine_font_face(t, 1) == text_engine_font_face(t, 0))
			tstyle |= TTF_STYLE_BOLD;
		TTF_SetFontStyle(f, tstyle);
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			struct md_span sp = { 0, (uint32_t)strlen(words[i]), (uint8_t)style };
			struct text_layout l;
			int w = 0, h = 0, d;
			SDL_Surface *surf;

			text_layout_build(t, words[i], strlen(words[i]), &sp, 1, &BODY, 2000, &l);
			if (style & MD_EM) {
				/* the upright width, and the slant's overhang within bounds */
				TTF_SetFontStyle(f, tstyle & ~TTF_STYLE_ITALIC);
				TTF_SizeUTF8(f, words[i], &w, &h);
				TTF_SetFontStyle(f, tstyle);
				surf = TTF_RenderUTF8_Blended(f, words[i], white);
				if (surf && surf->w - l.width > worst_slant)
					worst_slant = surf->w - l.width;
				SDL_FreeSurface(surf);
				d = abs(l.width - w);
				if (d > worst)
					worst = d;
				text_layout_release(&l);
				n++;
				continue;
			}
			TTF_SizeUTF8(f, words[i], &w, &h);
			d = abs(l.width - w);
			if (d > worst)
				worst = d;
			surf = TTF_RenderUTF8_Blended(f, words[i], white);
			if (surf && surf->w - l.width > worst_render)
				worst_render = surf->w - l.width;
			if (d > 1)
				printf("# '%s' style %d: layout %d, SDL_ttf %d\n", words[i], style, l.width, w);
			SDL_FreeSurface(surf);
			text_layout_release(&l);
			n++;
		}
		TTF_CloseFont(f);
	}
	CHECK(worst <= 1, "%d measured widths within 1 px of TTF_SizeUTF8 (worst %d)", n, worst);
	CHECK(worst_render <= 1, "rendered pieces never wider than measured + 1 (worst %d)", worst_render);
	CHECK(worst_slant <= 28 / 3, "italic ink reaches past its advance by at most a third of the size (worst %d)",
	      worst_slant);
}

/* Pixels of ink on a white surface: some channel well below white. */
static int count_dark(SDL_Surface *s, int x0, int x1)
{
	int n = 0;

	for (int y = 0; y < s->h; y++)
		for (int x = x0; x < x1 && x < s->w; x++) {
			Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
			if ((p & 0xFF) < 160 || ((p >> 8) & 0xFF) < 160 || ((p >> 16) & 0xFF) < 160)
				n++;
		}
	return n;
}

/* masks: draw with the renderer's surface as its target (coverage masks blended
 * into it), else with textures in the colour drawn */
static void test_draw(struct text_engine *t, int masks)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 600, 120, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
	SDL_Surface *target = masks ? s : NULL;
	const char *how = masks ? "masks" : "textures";
	struct text_layout l;
	uint32_t missing = 0;
	int ink, ink2, ink_half;
	size_t bytes;

	CHECK(r != NULL, "software renderer on a surface: %s", r ? "" : SDL_GetError());
	if (!r)
		return;
	CHECK(text_engine_covers(t, "한글 테스트 Hangul", strlen("한글 테스트 Hangul"), &missing),
	      "the font covers Korean and Latin (missing U+%04X)", missing);
	CHECK(!text_engine_covers(t, "a\xf3\xa0\x80\x80", 5, &missing) && missing == 0xE0000,
	      "a character without a glyph is reported (U+%04X)", missing);

	text_engine_set_renderer(t, r, target);
	text_layout_build(t, "한글 테스트", strlen("한글 테스트"), NULL, 0, &BODY, 600, &l);
	SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
	SDL_RenderClear(r);
	text_draw(t, &l, 10, 10, 0x000000FF);
	SDL_RenderFlush(r);
	ink = count_dark(s, 0, 600);
	bytes = text_engine_texture_bytes(t);
	CHECK(ink > 200, "%s: Korean text leaves ink (%d dark pixels)", how, ink);
	CHECK(count_dark(s, 10 + l.width + 2, 600) == 0, "%s: no ink right of the measured width", how);
	CHECK(bytes > 0, "%s: pieces are cached (%zu bytes)", how, bytes);

	SDL_RenderClear(r);
	text_draw(t, &l, 10, 10, 0x000000FF);
	SDL_RenderFlush(r);
	ink2 = count_dark(s, 0, 600);
	CHECK(ink2 == ink && text_engine_texture_bytes(t) == bytes, "%s: warm draw is the same (%d)", how, ink2);

	/* another colour: a mask serves it, a texture in the colour drawn is replaced;
	 * alpha is modulated */
	SDL_RenderClear(r);
	text_draw(t, &l, 10, 10, 0x0000FF80);
	SDL_RenderFlush(r);
	ink_half = count_dark(s, 0, 600);
	CHECK(text_engine_texture_bytes(t) == bytes && ink_half <= ink && ink_half > ink / 2,
	      "%s: another colour is drawn from as many bytes (%d dark)", how, ink_half);
	{
		Uint32 blue = 0;
		for (int y = 0; y < s->h && !blue; y++)
			for (int x = 0; x < s->w; x++) {
				Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
				if ((p & 0xFF) > 200 && ((p >> 16) & 0xFF) < 160) {
					blue = p;
					break;
				}
			}
		CHECK(blue != 0, "%s: the text is blue (%08x)", how, blue);
	}

	/* clipped: a clip rectangle in a viewport keeps every pixel inside both, also
	 * where the clip reaches out of the viewport */
	for (int k = 0; k < 2; k++) {
		SDL_Rect vp = { 50, 20, 300, 80 }, clip = { 20, 5, 60, 12 }, in_r;
		int outside = 0, inside = 0;
		if (k)
			clip = (SDL_Rect){ 250, 0, 200, 200 };
		in_r = (SDL_Rect){ vp.x + clip.x, vp.y + clip.y, clip.w, clip.h };
		SDL_IntersectRect(&in_r, &vp, &in_r);
		SDL_RenderClear(r);
		SDL_RenderSetViewport(r, &vp);
		SDL_RenderSetClipRect(r, &clip);
		text_draw(t, &l, k ? 230 : -10, -8, 0x000000FF);
		SDL_RenderSetClipRect(r, NULL);
		SDL_RenderSetViewport(r, NULL);
		SDL_RenderFlush(r);
		for (int y = 0; y < s->h; y++)
			for (int x = 0; x < s->w; x++) {
				Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
				int in = x >= in_r.x && x < in_r.x + in_r.w && y >= in_r.y && y < in_r.y + in_r.h;
				if ((p & 0xFFFFFF) != 0xFFFFFF) {
					if (in)
						inside++;
					else
						outside++;
				}
			}
		CHECK(inside > 20 && outside == 0, "%s: drawn only inside the viewport and its clip%s (%d in, %d out)",
		      how, k ? ", a clip wider than the viewport" : "", inside, outside);
	}
	/* past the surface's edges: nothing is written out of bounds (ASan checks) */
	SDL_RenderClear(r);
	text_draw(t, &l, -40, -20, 0x000000FF);
	text_draw(t, &l, 560, 100, 0x000000FF);
	SDL_RenderFlush(r);
	CHECK(count_dark(s, 0, 600) > 0, "%s: text across the edges is drawn in part", how);

	/* a clip rectangle above the text: nothing is rendered */
	text_engine_set_renderer(t, r, target); /* same renderer: a reset drops textures */
	CHECK(text_engine_texture_bytes(t) == (masks ? bytes : 0), "%s: a renderer reset drops only textures (%zu)",
	      how, text_engine_texture_bytes(t));
	text_engine_set_renderer(t, r, NULL);
	text_engine_set_renderer(t, r, target);
	CHECK(text_engine_texture_bytes(t) == 0, "%s: a renderer without a target drops the masks", how);
	SDL_Rect clip = { 0, 0, 600, 5 };
	SDL_RenderSetClipRect(r, &clip);
	text_draw(t, &l, 10, 300, 0x000000FF);
	CHECK(text_engine_texture_bytes(t) == 0, "%s: lines outside the clip are not rendered", how);
	SDL_RenderSetClipRect(r, NULL);

	/* a tiny budget keeps at most the piece being drawn */
	text_engine_set_budget(t, 1);
	SDL_RenderClear(r);
	text_draw(t, &l, 10, 10, 0x000000FF);
	SDL_RenderFlush(r);
	CHECK(count_dark(s, 0, 600) == ink, "%s: with a 1-pixel budget the text still draws", how);
	CHECK(text_engine_texture_bytes(t) < bytes, "%s: and fewer pieces stay (%zu)", how,
	      text_engine_texture_bytes(t));
	text_engine_set_budget(t, 4u << 20);

	text_engine_set_renderer(t, NULL, NULL);
	SDL_RenderClear(r);
	text_draw(t, &l, 10, 10, 0x000000FF);
	SDL_RenderFlush(r);
	CHECK(count_dark(s, 0, 600) == 0, "%s: without a renderer nothing is drawn", how);
	CHECK(text_engine_texture_bytes(t) == 0, "%s: nor anything kept", how);
	text_layout_release(&l);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
}

/* Pixels of a and b that differ. */
static int count_differ(SDL_Surface *a, SDL_Surface *b)
{
	int n = 0;

	for (int y = 0; y < a->h; y++)
		n += memcmp((Uint8 *)a->pixels + y * a->pitch, (Uint8 *)b->pixels + y * b->pitch, (size_t)a->w * 4) != 0;
	return n;
}

/* text_draw_on writes text on a known ground from a table: the same pixels as
 * text_draw blending, on either 32-bit format, in any colour and alpha; over what
 * it was told is there and over other things listed too */
static void test_draw_on(struct text_engine *t)
{
	static const uint32_t bg[] = { 0xFFFFFF, 0x1B2430 }, fg[] = { 0x222222FF, 0xF0E6C8FF, 0x3366CC80, 0x3366CC40 };
	static const Uint32 formats[] = { SDL_PIXELFORMAT_ARGB8888, SDL_PIXELFORMAT_RGB888 };
	const char *text = "탈북민의 날 — Defectors' Day, 14 July";
	struct text_layout l;
	int worst = 0, wrong = 0;

	text_layout_build(t, text, strlen(text), NULL, 0, &BODY, 280, &l);
	for (size_t fi = 0; fi < 2; fi++) {
		SDL_Surface *s[2];
		SDL_Renderer *r[2];
		for (int m = 0; m < 2; m++) {
			s[m] = SDL_CreateRGBSurfaceWithFormat(0, 300, 160, 32, formats[fi]);
			r[m] = SDL_CreateSoftwareRenderer(s[m]);
		}
		for (size_t b = 0; b < 2; b++)
			for (size_t f = 0; f < 4; f++)
				for (int layer = 0; layer < 3; layer++) {
					/* layer 0: the ground alone; 1: a panel of another colour under
					 * part of the text; 2: a ground that is not what was filled */
					SDL_Rect panel = { 0, 40, 300, 30 }, spot = { 60, 0, 40, 160 };
					for (int m = 0; m < 2; m++) {
						struct text_ground g;
						g.n = g.full = 0;
						g.cleared = 1;
						g.rgb = layer == 2 ? 0x808080 : bg[b];
						text_engine_set_renderer(t, r[m], s[m]);
						SDL_SetRenderDrawColor(r[m], bg[b] >> 16, (bg[b] >> 8) & 255, bg[b] & 255, 255);
						SDL_RenderClear(r[m]);
						if (layer == 1) {
							SDL_SetRenderDrawBlendMode(r[m], SDL_BLENDMODE_NONE);
							SDL_SetRenderDrawColor(r[m], 0xC0, 0x40, 0x40, 255);
							SDL_RenderFillRect(r[m], &panel);
							text_ground_add(&g, panel.x, panel.y, panel.w, panel.h, 0xC04040FF);
							SDL_SetRenderDrawColor(r[m], 0x40, 0xC0, 0x40, 255);
							SDL_RenderFillRect(r[m], &spot);
							text_ground_add(&g, spot.x, spot.y, spot.w, spot.h, 0);
						}
						if (m)
							text_draw_on(t, &l, 8, 8, fg[f], &g);
						else
							text_draw(t, &l, 8, 8, fg[f]);
						SDL_RenderFlush(r[m]);
					}
					if (layer == 2)
						wrong += count_differ(s[0], s[1]) > 0;
					else if (count_differ(s[0], s[1]) > worst)
						worst = count_differ(s[0], s[1]);
				}
		for (int m = 0; m < 2; m++) {
			SDL_DestroyRenderer(r[m]);
			SDL_FreeSurface(s[m]);
		}
	}
	CHECK(worst == 0, "text on a known ground is the text blended, to the bit (%d rows differ)", worst);
	CHECK(wrong == 16, "the ground's colour is what is written: a wrong one shows (%d of 16)", wrong);
	text_engine_set_renderer(t, NULL, NULL);
	text_layout_release(&l);
}

/* text_warm renders ahead what text_draw would render, and never in place of what
 * is on show */
static void test_warm(struct text_engine *t)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 600, 200, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
	const char *a = "첫 문단은 화면에 있습니다", *b = "다음 문단은 아래에 있습니다";
	struct text_layout la, lb;
	size_t shown, warmed;
	int ink_cold, ink_warm;

	if (!r)
		return;
	text_engine_set_renderer(t, r, s);
	text_engine_next_epoch(t);
	text_layout_build(t, a, strlen(a), NULL, 0, &BODY, 580, &la);
	text_layout_build(t, b, strlen(b), NULL, 0, &BODY, 580, &lb);
	SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
	SDL_RenderClear(r);
	text_draw(t, &lb, 10, 10, 0x000000FF);
	SDL_RenderFlush(r);
	ink_cold = count_dark(s, 0, 600);
	text_engine_set_renderer(t, r, s); /* the same renderer again: the pieces are dropped */
	text_engine_set_renderer(t, r, NULL);
	text_engine_set_renderer(t, r, s);
	CHECK(text_engine_texture_bytes(t) == 0, "warm: starts with nothing rendered");

	{
		/* a deadline passed: a piece a call, and called again until all are ready */
		int calls = 1, first = text_warm(t, &lb, 0x000000FF, 0);
		size_t one = text_engine_texture_bytes(t);
		while (calls < 100 && text_warm(t, &lb, 0x000000FF, 0) == 0)
			calls++;
		CHECK(first == 0 && one > 0 && calls > 1 && calls < 100 && text_engine_texture_bytes(t) > one,
		      "warm: past its deadline, a piece a call (%zu bytes after one call, %zu after %d)", one,
		      text_engine_texture_bytes(t), calls);
	}
	warmed = text_engine_texture_bytes(t);
	text_engine_set_renderer(t, r, NULL);
	text_engine_set_renderer(t, r, s);
	CHECK(text_warm(t, &lb, 0x000000FF, UINT64_MAX) == 1 && text_engine_texture_bytes(t) == warmed,
	      "warm: renders the pieces ahead in one call with time enough (%zu bytes)", text_engine_texture_bytes(t));
	CHECK(text_warm(t, &lb, 0x000000FF, 0) == 1, "warm: once ready, ready whatever the deadline");
	SDL_RenderClear(r);
	text_draw(t, &lb, 10, 10, 0x000000FF);
	SDL_RenderFlush(r);
	ink_warm = count_dark(s, 0, 600);
	CHECK(ink_warm == ink_cold && text_engine_texture_bytes(t) == warmed,
	      "warm: the draw that follows renders nothing more and looks the same (%d, %d dark)", ink_warm, ink_cold);

	/* a cache with room for little: what this screen drew stays, warming stops */
	text_engine_set_renderer(t, r, NULL);
	text_engine_set_renderer(t, r, s);
	SDL_RenderClear(r);
	text_draw(t, &la, 10, 10, 0x000000FF);
	shown = text_engine_texture_bytes(t);
	text_engine_set_budget(t, shown);
	CHECK(text_warm(t, &lb, 0x000000FF, UINT64_MAX) == -1 && text_engine_texture_bytes(t) == shown,
	      "warm: no room left by the text on show: nothing dropped, nothing rendered (-1)");
	/* another screen: the pieces the last one drew make room, this one's stay */
	text_engine_next_epoch(t);
	text_engine_set_budget(t, warmed * 5 / 4);
	CHECK(text_warm(t, &lb, 0x000000FF, UINT64_MAX) == 1 && text_engine_texture_bytes(t) == warmed,
	      "warm: on the next screen, the last one's pieces make room (%zu bytes, %zu warmed)",
	      text_engine_texture_bytes(t), warmed);
	text_engine_set_budget(t, 4u << 20);
	text_engine_set_renderer(t, NULL, NULL);
	text_layout_release(&la);
	text_layout_release(&lb);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
}

/* Masks look as textures did: the same text drawn both ways, on a light and a dark
 * background, in a colour and faded, differs by at most 2 in any channel. */
static void test_masks_match(struct text_engine *t)
{
	static const uint32_t bg[] = { 0xFFFFFF, 0x1B2430 }, fg[] = { 0x222222FF, 0xF0E6C8FF, 0x3366CC80 };
	SDL_Surface *s[2];
	SDL_Renderer *r[2];
	struct text_layout l;
	int worst = 0, inked = 0;

	text_layout_build(t, "탈북민 Defectors 하나원 — 14 July", strlen("탈북민 Defectors 하나원 — 14 July"), NULL,
			  0, &BODY, 580, &l);
	for (int m = 0; m < 2; m++) {
		s[m] = SDL_CreateRGBSurfaceWithFormat(0, 600, 60, 32, SDL_PIXELFORMAT_ARGB8888);
		r[m] = SDL_CreateSoftwareRenderer(s[m]);
	}
	for (size_t b = 0; b < 2; b++)
		for (size_t f = 0; f < 3; f++) {
			for (int m = 0; m < 2; m++) {
				text_engine_set_renderer(t, r[m], m ? s[m] : NULL);
				SDL_SetRenderDrawColor(r[m], bg[b] >> 16, (bg[b] >> 8) & 255, bg[b] & 255, 255);
				SDL_RenderClear(r[m]);
				text_draw(t, &l, 8, 8, fg[f]);
				SDL_RenderFlush(r[m]);
			}
			for (int y = 0; y < 60; y++)
				for (int x = 0; x < 600; x++) {
					Uint32 p = ((Uint32 *)((Uint8 *)s[0]->pixels + y * s[0]->pitch))[x];
					Uint32 q = ((Uint32 *)((Uint8 *)s[1]->pixels + y * s[1]->pitch))[x];
					if ((p & 0xFFFFFF) != bg[b])
						inked++;
					for (int sh = 0; sh < 24; sh += 8) {
						int d = abs((int)((p >> sh) & 255) - (int)((q >> sh) & 255));
						if (d > worst)
							worst = d;
					}
				}
		}
	CHECK(inked > 1000 && worst <= 2, "masks draw what textures drew (%d inked pixels, worst channel %d)",
	      inked, worst);
	text_engine_set_renderer(t, NULL, NULL);
	text_layout_release(&l);
	for (int m = 0; m < 2; m++) {
		SDL_DestroyRenderer(r[m]);
		SDL_FreeSurface(s[m]);
	}
}

int main(void)
{
	struct text_engine *t = NULL;
	struct err e = { 0 };
	const char *path;

	TTF_Init();
	test_missing_font();
	test_nanum();
	test_synthetic_bold();
	if (text_engine_new(&t, &e) < 0) {
		CHECK(0, "text_engine_new: %s", e.msg);
		return 1;
	}
	path = text_engine_font_path(t, 0);
	CHECK(strstr(path, "NotoSansCJK") || strstr(path, "Nanum"), "Korean font: %s (face %ld)",
	      path, text_engine_font_face(t, 0));
	printf("# bold: %s (face %ld)\n", text_engine_font_path(t, 1), text_engine_font_face(t, 1));
	CHECK(text_width(t, "한글", 28, 0) > 28 && text_line_height(t, 28) >= 28,
	      "width of 한글 %d, line height %d", text_width(t, "한글", 28, 0), text_line_height(t, 28));
	test_korean_breaks(t);
	test_long_word(t);
	test_kept_unit_too_wide(t);
	test_english(t);
	test_newlines(t);
	test_spans(t);
	test_hostile(t);
	test_huge_line(t);
	test_random(t);
	test_max_lines(t);
	test_cut_at_separator(t);
	test_align(t);
	test_measure_matches_render(t);
	test_draw(t, 1);
	test_draw(t, 0);
	test_masks_match(t);
	test_warm(t);
	test_draw_on(t);
	text_engine_free(t);
	TTF_Quit();
	return test_failures != 0;
}
