/* test_keyboard.c: the on-screen keyboard through ui/keyboard.h: Hangul composed
 * by libhangul from 2-beolsik keys, Shift, layers, text from a physical keyboard
 * and an input method, layout files, and key sizes at the kiosk's window sizes. */
#include "test.h"
#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"
#include "ui/assets.h"
#include "ui/keyboard.h"
#include "ui/scene.h"
#include "ui/theme.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Type each byte of keys as one key (Latin keys of the 2-beolsik layout). */
static void type(struct keyboard *kb, const char *keys)
{
	for (const char *p = keys; *p; p++) {
		char k[2] = { *p, 0 };
		keyboard_key(kb, k);
	}
}

static void test_hangul(struct keyboard *kb)
{
	CHECK_STR(keyboard_language(kb), "ko", "the keyboard starts in the language asked for");
	type(kb, "dkssudgktpdy");
	CHECK_STR(keyboard_query(kb), "안녕하세요", "dkssudgktpdy on 2-beolsik");
	CHECK_STR(keyboard_text(kb), "안녕하세", "committed text: the finished syllables");
	CHECK_STR(keyboard_preedit(kb), "요", "preedit: the syllable being composed");
	CHECK(keyboard_key(kb, "@clear") == 1 && !*keyboard_query(kb), "Clear empties the text");
	CHECK(keyboard_key(kb, "@clear") == 0, "Clear on nothing changes nothing");

	type(kb, "gks");
	CHECK_STR(keyboard_preedit(kb), "한", "gks composes 한");
	CHECK(keyboard_key(kb, "@backspace") == 1, "Backspace while composing changes the text");
	CHECK_STR(keyboard_preedit(kb), "하", "Backspace inside a syllable removes one jamo: 한 -> 하");
	keyboard_key(kb, "@backspace");
	CHECK_STR(keyboard_preedit(kb), "ㅎ", "then 하 -> ㅎ");
	keyboard_key(kb, "@backspace");
	CHECK(!*keyboard_query(kb), "then nothing");
	CHECK(keyboard_key(kb, "@backspace") == 0, "Backspace on nothing changes nothing");

	type(kb, "dlsrnjs");
	CHECK_STR(keyboard_query(kb), "인권", "ㅇㅣㄴㄱㅜㅓㄴ: 인권");
	keyboard_key(kb, "@space");
	CHECK_STR(keyboard_text(kb), "인권 ", "Space commits the syllable, then a space");
	CHECK_STR(keyboard_preedit(kb), "", "no preedit after Space");
	keyboard_key(kb, "@backspace");
	keyboard_key(kb, "@backspace");
	CHECK_STR(keyboard_query(kb), "인", "Backspace on committed text removes a character");
	keyboard_key(kb, "@clear");

	/* the jamo after a final consonant moves to the next syllable: 갑시 */
	type(kb, "rkqtl");
	CHECK_STR(keyboard_query(kb), "갑시", "rkqtl: the final ㅅ starts the next syllable");
	keyboard_key(kb, "@clear");
}

static void test_shift(struct keyboard *kb)
{
	static const struct {
		const char *key, *jamo;
	} tense[] = { { "q", "ㅃ" }, { "w", "ㅉ" }, { "e", "ㄸ" }, { "r", "ㄲ" }, { "t", "ㅆ" }, { "o", "ㅒ" },
		      { "p", "ㅖ" } };

	for (size_t i = 0; i < sizeof(tense) / sizeof(tense[0]); i++) {
		keyboard_key(kb, "@clear");
		CHECK(keyboard_key(kb, "@shift") == 0 && keyboard_shifted(kb), "Shift changes no text, turns on");
		keyboard_key(kb, tense[i].key);
		CHECK_STR(keyboard_query(kb), tense[i].jamo, "Shift + key");
	}
	keyboard_key(kb, "@clear");
	keyboard_key(kb, "@shift");
	type(kb, "qk");
	CHECK_STR(keyboard_query(kb), "빠", "Shift acts on the next key only: ㅃ then ㅏ: 빠");
	CHECK(!keyboard_shifted(kb), "Shift is off after a key");
	keyboard_key(kb, "@clear");
	keyboard_key(kb, "@shift");
	keyboard_key(kb, "@shift");
	keyboard_key(kb, "q");
	CHECK_STR(keyboard_preedit(kb), "ㅂ", "a second Shift cancels the first");
	keyboard_key(kb, "@clear");
	keyboard_key(kb, "@shift");
	keyboard_key(kb, "a");
	CHECK_STR(keyboard_query(kb), "ㅁ", "Shift on a key with no shifted jamo types the jamo");
	keyboard_key(kb, "@clear");
}

static void test_layers(struct keyboard *kb)
{
	type(kb, "gks");
	CHECK(keyboard_key(kb, "@switch") == 1, "switching with a preedit changes the text's state");
	CHECK_STR(keyboard_language(kb), "en", "한글 -> ABC");
	CHECK_STR(keyboard_text(kb), "한", "the syllable is committed on the switch");
	type(kb, "kinu");
	keyboard_key(kb, "@shift");
	keyboard_key(kb, "k");
	CHECK_STR(keyboard_query(kb), "한kinuK", "ABC types letters, Shift a capital");
	CHECK_STR(keyboard_preedit(kb), "", "ABC has no preedit");
	keyboard_key(kb, "@symbols");
	CHECK(keyboard_on_symbols(kb), "the symbols layer");
	CHECK(keyboard_key(kb, "q") == 0, "a key the shown layer lacks does nothing");
	type(kb, "1;'");
	CHECK_STR(keyboard_query(kb), "한kinuK1;'", "digits and punctuation (; written U+003B in the file)");
	keyboard_key(kb, "@letters");
	CHECK(!keyboard_on_symbols(kb) && !strcmp(keyboard_language(kb), "en"), "back to the same letters");
	keyboard_key(kb, "@switch");
	CHECK_STR(keyboard_language(kb), "ko", "ABC -> 한글");
	CHECK(keyboard_set_language(kb, "en") == 0 && !strcmp(keyboard_language(kb), "en"), "set to en");
	CHECK(keyboard_set_language(kb, "xx") < 0 && !strcmp(keyboard_language(kb), "en"),
	      "a language without a layout changes nothing");
	keyboard_set_language(kb, "ko");
	CHECK(keyboard_key(kb, "@nothing") == 0 && keyboard_key(kb, NULL) == 0, "unknown payloads do nothing");
	keyboard_clear(kb);
}

static void test_text_input(struct keyboard *kb)
{
	char big[400];

	type(kb, "gk");
	CHECK(keyboard_insert_text(kb, "abc") == 1, "typed text changes the text");
	CHECK_STR(keyboard_text(kb), "하abc", "the preedit is committed before typed text");
	CHECK(keyboard_insert_text(kb, "\xff") == 0 && !strcmp(keyboard_text(kb), "하abc"), "invalid UTF-8 is refused");
	keyboard_insert_text(kb, "d\ne\tf");
	CHECK_STR(keyboard_text(kb), "하abcdef", "control characters are dropped");
	CHECK(keyboard_set_preedit(kb, "ㅌ") == 1, "an input method's preedit");
	CHECK_STR(keyboard_preedit(kb), "ㅌ", "preedit of the input method");
	CHECK(keyboard_set_preedit(kb, "ㅌ") == 0, "the same preedit again changes nothing");
	keyboard_set_preedit(kb, "탈");
	CHECK_STR(keyboard_query(kb), "하abcdef탈", "the query holds the input method's preedit");
	keyboard_insert_text(kb, "탈");
	CHECK(!strcmp(keyboard_text(kb), "하abcdef탈") && !*keyboard_preedit(kb), "its commit replaces the preedit");
	keyboard_set_preedit(kb, "ㅂ");
	CHECK(keyboard_set_preedit(kb, "") == 1 && !*keyboard_preedit(kb), "an empty preedit ends it");
	keyboard_set_text(kb, "인권");
	CHECK(!strcmp(keyboard_text(kb), "인권") && !*keyboard_preedit(kb), "set_text: a query from a route");
	type(kb, "d");
	CHECK_STR(keyboard_query(kb), "인권ㅇ", "typing goes on after it");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	keyboard_set_text(kb, big);
	CHECK(strlen(keyboard_text(kb)) == KEYBOARD_MAX_TEXT, "a long text is cut at %d bytes", KEYBOARD_MAX_TEXT);
	CHECK(keyboard_key(kb, "d") == 0 && keyboard_insert_text(kb, "x") == 0, "a full text takes no more");
	keyboard_set_text(kb, "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하"
			      "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하"
			      "가나다라마바사아자차카타파하");
	CHECK(strlen(keyboard_text(kb)) == 255, "a cut never splits a character (%zu)", strlen(keyboard_text(kb)));
	keyboard_clear(kb);
	CHECK(!*keyboard_query(kb) && !keyboard_on_symbols(kb), "clear");
}

static int hits_overlap(const struct scene *s)
{
	for (size_t i = 0; i < s->nhits; i++)
		for (size_t j = i + 1; j < s->nhits; j++) {
			struct rect a = s->hits[i].r, b = s->hits[j].r;
			if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
				return 1;
		}
	return 0;
}

/* Lay out every layer at w x h and check every key. */
static void check_size(struct keyboard *kb, struct text_engine *t, int w, int h, float dpi)
{
	static const char *const layers[][2] = { { "ko", NULL }, { "ko", "@shift" }, { "en", NULL },
						 { "en", "@symbols" } };
	struct metrics m;
	struct theme th;
	struct buf problems = BUF_INIT;
	int kh, small = 0, outside = 0, keys = 0, least = INT_MAX, others = 0;

	metrics_compute(&m, w, h, dpi, 0);
	theme_init(&th, 0);
	kh = keyboard_height(kb, &m, w);
	for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
		struct scene s;
		struct rect r = { 0, h - kh, w, kh };
		int used;

		keyboard_clear(kb);
		keyboard_set_language(kb, layers[i][0]);
		if (layers[i][1])
			keyboard_key(kb, layers[i][1]);
		scene_init(&s, w, h);
		used = keyboard_layout(kb, &s, t, &m, &th, r, "ko");
		for (size_t j = 0; j < s.nhits; j++) {
			struct rect c = s.hits[j].r;
			others += s.hits[j].action != ACT_KEY || !s.hits[j].payload || !s.hits[j].label;
			keys++;
			small += c.w < m.target || c.h < m.target;
			least = c.w < least ? c.w : least;
			least = c.h < least ? c.h : least;
			outside += c.x < 0 || c.y < r.y || c.x + c.w > w || c.y + c.h > h;
		}
		CHECK(used == kh, "%dx%d %s%s: the keyboard fills what it asked for (%d of %d px)", w, h,
		      layers[i][0], layers[i][1] ? layers[i][1] : "", used, kh);
		CHECK(!hits_overlap(&s), "%dx%d: no two keys overlap", w, h);
		buf_reset(&problems);
		CHECK(scene_check(&s, m.target, &th, &problems) == 0, "%dx%d %s%s: layout check: %s", w, h,
		      layers[i][0], layers[i][1] ? layers[i][1] : "", problems.len ? problems.data : "none");
		scene_release(&s);
	}
	CHECK(others == 0, "%dx%d: every touch target is a key with a payload and a name", w, h);
	CHECK(small == 0 && outside == 0 && keys > 100,
	      "%dx%d at %g dpi: %d keys, the least %d px, target %d px, keyboard %d px high", w, h, dpi, keys,
	      least, m.target, kh);
	CHECK(kh <= h * 3 / 4, "%dx%d: the keyboard leaves room for the field and results (%d px)", w, h, kh);
	if (m.portrait && w < 600)
		CHECK(kh >= h / 2, "%dx%d: on a phone the keyboard takes the lower half (%d px)", w, h, kh);
	buf_release(&problems);
	keyboard_clear(kb);
	keyboard_set_language(kb, "ko");
}

static void test_pressed(struct keyboard *kb, struct text_engine *t)
{
	struct metrics m;
	struct theme th;
	struct scene s;
	int dark = 0;

	metrics_compute(&m, 1920, 1080, 96, 0);
	theme_init(&th, 0);
	CHECK(keyboard_press_visual(kb, "q") == 1, "a press shows");
	CHECK(keyboard_press_visual(kb, "q") == 0, "the same press again changes nothing");
	CHECK(keyboard_press_visual(kb, "@nothing") == 0, "no such key: nothing pressed anew");
	scene_init(&s, 1920, 1080);
	keyboard_layout(kb, &s, t, &m, &th, (struct rect){ 0, 600, 1920, 480 }, "en");
	for (size_t i = 0; i < s.nitems; i++)
		dark += s.items[i].kind == ITEM_RECT && s.items[i].color == th.text;
	CHECK(dark == 1, "the pressed key is drawn in another colour (%d such keys)", dark);
	for (size_t i = 0; i < s.nhits; i++)
		if (!strcmp(s.hits[i].payload, "@backspace"))
			CHECK_STR(s.hits[i].label, "Backspace", "a special key is named in the interface language");
	CHECK(keyboard_release_visual(kb) == 1 && keyboard_release_visual(kb) == 0, "release once");
	CHECK(*keyboard_query(kb) == 0, "pressing draws, it types nothing");
	scene_release(&s);
}

static char tmp[] = "/tmp/kiosk-keyboard-XXXXXX";

static void put(const char *name, const char *text)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tmp, name);
	f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(p);
		exit(1);
	}
}

static void expect_error(const char *name, const char *text, const char *want)
{
	struct keyboard *kb = NULL;
	struct err e = { 0 };
	char p[PATH_MAX];

	put(name, text);
	CHECK(keyboard_new(&kb, tmp, "ko", &e) < 0 && !kb && strstr(e.msg, want), "refused: want '%s', got '%s'",
	      want, e.msg);
	snprintf(p, sizeof(p), "%s/%s", tmp, name);
	remove(p);
}

/* Damaged copies of the shipped Korean layout: each loads or is refused with its
 * file named, and a keyboard that loads still types. */
static void mutations(void)
{
	char *src = assets_path("keyboards/ko-2beolsik.ini", NULL), *sym = assets_path("keyboards/symbols.ini", NULL);
	char path[PATH_MAX], *text;
	size_t n = 0;
	FILE *f = src ? fopen(src, "rb") : NULL;
	int loaded = 0, refused = 0, unnamed = 0;

	if (!f || !sym) {
		CHECK(0, "read %s", src ? src : "the assets");
		free(src);
		free(sym);
		return;
	}
	text = malloc(65536);
	n = fread(text, 1, 65535, f);
	fclose(f);
	f = fopen(sym, "rb");
	if (f) {
		char sy[4096];
		size_t k = fread(sy, 1, sizeof(sy) - 1, f);
		sy[k] = 0;
		fclose(f);
		put("symbols.ini", sy);
	}
	free(src);
	free(sym);
	snprintf(path, sizeof(path), "%s/ko.ini", tmp);
	srand(8);
	for (int i = 0; i < 300; i++) {
		char *m = malloc(n + 1);
		struct keyboard *kb = NULL;
		struct err e = { 0 };
		memcpy(m, text, n);
		for (int k = 0; k < 1 + i % 6; k++) {
			size_t at = (size_t)rand() % n;
			static const char bytes[] = "=/@[] \n;#U+\xff\x80ㅂ";
			m[at] = (char)(rand() % 3 ? bytes[rand() % (sizeof(bytes) - 1)] : rand() % 256);
		}
		f = fopen(path, "wb");
		fwrite(m, 1, n, f);
		fclose(f);
		if (keyboard_new(&kb, tmp, "ko", &e) == 0) {
			loaded++;
			type(kb, "dkssud");
			keyboard_key(kb, "@shift");
			keyboard_key(kb, "@backspace");
			keyboard_free(kb);
		} else {
			refused++;
			unnamed += !strstr(e.msg, "ko.ini");
		}
		free(m);
	}
	remove(path);
	snprintf(path, sizeof(path), "%s/symbols.ini", tmp);
	remove(path);
	free(text);
	CHECK(loaded + refused == 300 && unnamed == 0 && refused > 100 && loaded >= 10,
	      "300 damaged layouts: %d load, %d refused, each naming the file", loaded, refused);
}

static void test_files(void)
{
	struct keyboard *kb = NULL;
	struct err e = { 0 };
	static const char en[] = "[keyboard]\nname = ABC\nkind = letters\nlanguage = en\n[rows]\nrow = a/A b\n";

	if (!mkdtemp(tmp)) {
		perror(tmp);
		exit(1);
	}
	put("en.ini", en);
	CHECK(keyboard_new(&kb, tmp, "ko", &e) == 0, "one letters layout is a keyboard (%s)", e.msg);
	if (kb) {
		CHECK_STR(keyboard_language(kb), "en", "a language with no layout starts in English");
		CHECK(keyboard_key(kb, "@switch") == 0, "a key the layout lacks does nothing");
		keyboard_key(kb, "a");
		CHECK(keyboard_key(kb, "@backspace") == 1 && !*keyboard_query(kb),
		      "Backspace works without a key for it (a physical keyboard's)");
		keyboard_free(kb);
	}
	expect_error("ko.ini", "[keyboard]\nname = 한글\nkind = letters\nlanguage = ko\ninput = hangul 9z\n[rows]\nrow = q\n",
		     "ko.ini:5: input 'hangul 9z': libhangul has no keyboard '9z'");
	expect_error("ko.ini", "[keyboard]\nname = 한글\nkind = letters\nlanguage = ko\ninput = hangul 2\n[rows]\nrow = q/ㅃ\n",
		     "ko.ini:7: 'ㅃ': a key of a hangul layout sends one ASCII character");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a @enter\n",
		     "x.ini:6: unknown special key '@enter'");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a U+D800\n",
		     "x.ini:6: 'U+D800' is not a character to type");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a a\n",
		     "x.ini:6: key 'a' is there twice");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a\n[labels]\nb = ㅠ\n",
		     "x.ini:8: a label for 'b', which no key sends");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a\n[widths]\na = 0.2\n",
		     "x.ini:8: width '0.2' of 'a' is not a number from 1 to 10");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a @symbols\n",
		     "x.ini:6: @symbols, but no layout has kind = symbols");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = numbers\n[rows]\nrow = a\n",
		     "x.ini:3: kind in [keyboard] is letters or symbols");
	expect_error("x.ini", "[keyboard]\nname = X\nkind = letters\nlanguage = x\n[rows]\nrow = a\nrows = b\n",
		     "x.ini:7: [rows] holds only 'row = KEYS' lines");
	mutations();
	CHECK(keyboard_new(&kb, "/nonexistent/keyboards", "ko", &e) < 0 && strstr(e.msg, "/nonexistent/keyboards"),
	      "a missing folder is named: %s", e.msg);
	remove("en.ini");
	{
		char cmd[PATH_MAX];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			exit(1);
	}
}

int main(void)
{
	struct keyboard *kb = NULL;
	struct text_engine *t = NULL;
	struct err e = { 0 };

	CHECK(keyboard_new(&kb, NULL, "ko", &e) == 0, "the shipped layouts load (%s)", e.msg);
	if (!kb)
		return 1;
	test_hangul(kb);
	test_shift(kb);
	test_layers(kb);
	test_text_input(kb);
	if (text_engine_new(&t, &e) < 0) {
		CHECK(0, "fonts: %s", e.msg);
		keyboard_free(kb);
		return test_failures;
	}
	check_size(kb, t, 390, 844, 96);
	check_size(kb, t, 390, 844, 120);
	check_size(kb, t, 1024, 768, 132);
	check_size(kb, t, 1080, 1920, 96);
	check_size(kb, t, 1920, 1080, 96);
	check_size(kb, t, 3840, 2160, 163);
	test_pressed(kb, t);
	keyboard_free(kb);
	kb = NULL;
	CHECK(keyboard_new(&kb, NULL, "en", &e) == 0 && !strcmp(keyboard_language(kb), "en"),
	      "an English interface starts on ABC");
	keyboard_free(kb);
	test_files();
	text_engine_free(t);
	return test_failures;
}
