/* test_strings.c: the interface strings come from assets/strings/<lang>.ini, with
 * English for what a language lacks, and the assets folder is found. */
#include "test.h"
#include "core/diag.h"
#include "core/err.h"
#include "ui/assets.h"
#include "ui/strings.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[] = "/tmp/kiosk-strings-XXXXXX";

static void write_file(const char *rel, const char *text)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tmp, rel);
	f = fopen(p, "w");
	if (!f) {
		perror(p);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static int has_diag(const struct diag_list *d, int line, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && strstr(d->v[i].msg, part))
			return 1;
	return 0;
}

static void test_shipped(void)
{
	char dir[PATH_MAX], p[PATH_MAX + 32], out[128];
	struct err e = { 0 };
	struct diag_list d;

	unsetenv("KIOSK_ASSETS");
	CHECK(assets_find(dir, sizeof(dir), &e) == 0 && strstr(dir, "/assets"),
	      "the assets folder is found beside the build tree: %s%s", dir, e.msg);
	for (const char *const *l = (const char *const[]){ "en", "ko", NULL }; *l; l++) {
		snprintf(p, sizeof(p), "%s/strings/%s.ini", dir, *l);
		diag_init(&d);
		str_lint(p, &d);
		CHECK(d.errors == 0 && d.warnings == 0, "%s.ini: every string, no problem (%zu errors, %zu warnings%s%s)",
		      *l, d.errors, d.warnings, d.n ? ": " : "", d.n ? d.v[0].msg : "");
		diag_release(&d);
	}
	str_reload();
	CHECK_STR(str_get("ko", STR_BACK), "뒤로", "ko back");
	CHECK_STR(str_get("en", STR_BACK), "Back", "en back");
	CHECK_STR(str_get("ko", STR_SEARCH_HINT), "검색어를 입력하세요", "ko search hint");
	CHECK_STR(str_get("xx", STR_HOME), "Home", "a language with no file is English");
	CHECK_STR(str_get("../en", STR_HOME), "Home", "a code that is not one is English");
	CHECK_STR(str_get(NULL, STR_HOME), "Home", "no language is English");
	CHECK_STR(str_get("ko", STR_COUNT_), "", "an id out of range is empty");
	CHECK_STR(str_language_name("ko"), "한국어", "Korean named in Hangul");
	CHECK_STR(str_language_name("en"), "English", "English named");
	CHECK_STR(str_language_name("ja"), "日本語", "Japanese named from languages.ini");
	CHECK_STR(str_language_name("tlh"), "tlh", "an unknown language is its code");
	snprintf(out, sizeof(out), str_get("ko", STR_POSITION), 3, 4);
	CHECK_STR(out, "3 / 4", "ko position");
	snprintf(out, sizeof(out), str_get("en", STR_POSITION), 3, 4);
	CHECK_STR(out, "3 of 4", "en position");
	snprintf(out, sizeof(out), str_get("en", STR_MATCHED_IN), str_language_name("ko"));
	CHECK_STR(out, "matched in 한국어", "matched in names the language in its script");
	for (int i = 0; i < STR_COUNT_; i++)
		if (!strcmp(str_get("en", i), str_key(i)))
			CHECK(0, "English has '%s'", str_key(i));
}

static void test_third_language(void)
{
	struct diag_list d;
	char p[PATH_MAX + 32];
	char out[128];

	if (!mkdtemp(tmp)) {
		perror(tmp);
		exit(1);
	}
	snprintf(p, sizeof(p), "%s/strings", tmp);
	mkdir(p, 0755);
	write_file("strings/en.ini", "[language]\nname = English\n[strings]\nback = Back\nhome = Home\n"
				     "returning = Back in %d s\nposition = %d of %d\n");
	write_file("strings/fr.ini", "; a translation in progress\n[language]\nname = Français\n[strings]\n"
				     "back = Retour\n"
				     "returning = Retour dans %s s\n"
				     "position = %2$d sur %1$d\n"
				     "back = Arrière\n"
				     "colour = couleur\n");
	setenv("KIOSK_ASSETS", tmp, 1);
	str_reload();
	CHECK_STR(str_get("fr", STR_BACK), "Retour", "a third language needs only its file");
	CHECK_STR(str_get("fr", STR_HOME), "Home", "a string the file lacks is English");
	CHECK_STR(str_get("fr", STR_RETURNING), "Back in %d s", "%%s where the code passes a number: English");
	CHECK_STR(str_get("fr", STR_POSITION), "%2$d sur %1$d", "numbered conversions are kept");
	snprintf(out, sizeof(out), str_get("fr", STR_POSITION), 2, 9);
	CHECK_STR(out, "9 sur 2", "fr position");
	CHECK_STR(str_language_name("fr"), "Français", "the file names its language");
	CHECK_STR(str_get("fr", STR_SEARCH), "search", "what English lacks too is the key's name");

	snprintf(p, sizeof(p), "%s/strings/fr.ini", tmp);
	diag_init(&d);
	CHECK(str_lint(p, &d) == 2, "fr.ini: two errors (%zu)", d.errors);
	CHECK(has_diag(&d, 6, "'returning' has '%s' where the code passes one number"),
	      "the wrong conversion is named with its line");
	CHECK(has_diag(&d, 8, "'back' given twice"), "a key given twice is named with its line");
	CHECK(has_diag(&d, 9, "unknown string 'colour'"), "an unknown key is a warning");
	CHECK(has_diag(&d, 0, "no string 'home'"), "a missing string is a warning");
	diag_release(&d);

	write_file("strings/de.ini", "[language]\nname = Deutsch\n[strings]\nback = Zurück\n"
				     "home = %d%% Start %x\n"
				     "exhibits = Ausstellungsstücke\n"
				     "no_match = \xff\n");
	snprintf(p, sizeof(p), "%s/strings/de.ini", tmp);
	diag_init(&d);
	str_lint(p, &d);
	CHECK(has_diag(&d, 7, "not UTF-8"), "bytes that are not UTF-8 are named with their line");
	diag_release(&d);
	write_file("strings/de.ini", "[language]\nname = Deutsch\n[strings]\nback = Zurück\n"
				     "home = %d%% Start\n"
				     "exhibits = Ausstellungsstücke\n"
				     "search = Suchen ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz"
				     " ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz ganz"
				     " ganz ganz ganz ganz ganz ganz ganz ganz ganz lang\n"
				     "no such line\n");
	diag_init(&d);
	str_lint(p, &d);
	CHECK(has_diag(&d, 5, "'home' has '%d' where the code passes no value"), "a conversion too many");
	CHECK(has_diag(&d, 6, "'exhibits' leaves out a value"), "a conversion left out");
	CHECK(has_diag(&d, 7, "line longer than"), "a line longer than inih reads");
	CHECK(has_diag(&d, 8, "not a [section] or a name = value line"), "a line inih cannot read");
	diag_release(&d);
	str_reload();
	CHECK_STR(str_get("de", STR_BACK), "Zurück", "de back");
	CHECK_STR(str_get("de", STR_HOME), "Home", "a refused string is English");
	CHECK_STR(str_get("de", STR_SEARCH), "search", "a line too long is not half read");
}

static void test_missing(void)
{
	char dir[PATH_MAX], p[PATH_MAX + 32];
	struct err e = { 0 };

	snprintf(p, sizeof(p), "%s/none", tmp);
	setenv("KIOSK_ASSETS", p, 1);
	CHECK(assets_find(dir, sizeof(dir), &e) < 0 && strstr(e.msg, "KIOSK_ASSETS") && strstr(e.msg, p),
	      "a KIOSK_ASSETS with no strings/en.ini is one clear error: %s", e.msg);
	str_reload();
	CHECK_STR(str_get("ko", STR_BACK), "back", "with no assets folder the key's name shows, never NULL");
	CHECK_STR(str_language_name("ko"), "ko", "with no assets folder a language is its code");
}

int main(void)
{
	char cmd[PATH_MAX + 16];

	test_shipped();
	test_third_language();
	test_missing();
	str_reload();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		return 1;
	return test_failures;
}
