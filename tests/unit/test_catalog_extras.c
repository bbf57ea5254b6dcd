/* test_catalog_extras.c: narration, content warnings and withdrawals through
 * catalog.h: what install stores from tests/fixtures/narrated, and that a withdrawn
 * exhibit leaves the page query, the section's children, the attract list (and so
 * the exhibit screen's neighbours) and search at once, and comes back on restore. */
#include "test.h"
#include "catalog/catalog.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int load(const char *dir, struct tree *t, struct pack *p)
{
	struct diag_list d;
	struct err e = { 0 };
	int rc;

	diag_init(&d);
	rc = tree_open_dir(t, dir, &d, &e) || pack_load(p, t, 0, &d, &e) || pack_check_media(p, t, &d, &e) ||
	     d.errors;
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].level == DIAG_ERROR)
			printf("# %s: %s\n", d.v[i].file, d.v[i].msg);
	diag_release(&d);
	return rc ? -1 : 0;
}

static int install(struct catalog *c, const char *dir, char **withdraw, size_t nwithdraw, int64_t now)
{
	struct tree t;
	struct pack p;
	struct err e = { 0 };
	char replaced[64];
	int rc;

	if (load(dir, &t, &p) < 0)
		return -1;
	for (size_t i = 0; i < nwithdraw; i++) {
		p.withdraw = xrealloc(p.withdraw, (p.nwithdraw + 1) * sizeof(*p.withdraw));
		p.withdraw[p.nwithdraw++] = xstrdup(withdraw[i]);
	}
	rc = catalog_install(c, &p, "x.zip", "0", now, NULL, NULL, replaced, sizeof(replaced), &e);
	if (rc < 0)
		printf("# %s\n", e.msg);
	pack_release(&p);
	tree_close(&t);
	return rc;
}

static int count(struct cat_node *v, size_t n, const char *slug)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += !strcmp(v[i].slug, slug);
	return k;
}

/* 1 when the node is visible everywhere, 0 when nowhere, -1 when it differs */
static int visible(struct catalog *c, const char *slug)
{
	struct cat_node node, sec, *kids = NULL, *ex = NULL;
	struct search_hit *hits = NULL;
	size_t nk = 0, nx = 0, nh = 0;
	struct err e = { 0 };
	int page, in_kids, in_ex, in_search = 0;

	page = catalog_node(c, "narrated", slug, "en", &node, &e);
	cat_node_release(&node);
	catalog_node(c, "narrated", "intro", "en", &sec, &e);
	catalog_children(c, sec.id, "en", &kids, &nk, &e);
	catalog_exhibits(c, "narrated", "en", &ex, &nx, &e);
	catalog_search(c, "Humanitarian", 0, "en", 10, &hits, &nh, &e);
	for (size_t i = 0; i < nh; i++)
		in_search += !strcmp(hits[i].pack_id, "narrated") && !strcmp(hits[i].slug, slug);
	in_kids = count(kids, nk, slug);
	in_ex = count(ex, nx, slug);
	cat_node_release(&sec);
	cat_nodes_free(kids, nk);
	cat_nodes_free(ex, nx);
	catalog_hits_free(hits, nh);
	if (page == 1 && in_kids == 1 && in_ex == 1 && (strcmp(slug, "first") || in_search == 1))
		return 1;
	if (page == 0 && in_kids == 0 && in_ex == 0 && in_search == 0)
		return 0;
	printf("# %s: page %d, children %d, exhibits %d, search %d\n", slug, page, in_kids, in_ex, in_search);
	return -1;
}

/* catalog_exhibit_place against catalog_exhibits for every exhibit of pack in lang:
 * 1 when they agree on the neighbours, the section's end and the positions. */
static int places_agree(struct catalog *c, const char *pack, const char *lang)
{
	struct cat_node *ex = NULL;
	size_t n = 0;
	struct err e = { 0 };
	int bad = 0;

	if (catalog_exhibits(c, pack, lang, &ex, &n, &e) < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		struct cat_place at;
		int pos = 0, count = 0, same = i + 1 < n && !strcmp(ex[i + 1].parent_slug, ex[i].parent_slug);
		for (size_t j = 0; j < n; j++)
			if (!strcmp(ex[j].parent_slug, ex[i].parent_slug)) {
				count++;
				pos += j <= i;
			}
		if (catalog_exhibit_place(c, pack, ex[i].slug, lang, &at, &e) != 1 ||
		    (i ? !at.prev || strcmp(at.prev, ex[i - 1].slug) : at.prev != NULL) ||
		    (i + 1 < n ? !at.next || strcmp(at.next, ex[i + 1].slug) : at.next != NULL) ||
		    (i + 1 < n && at.next_in_section != same) || at.pos != pos || at.count != count) {
			printf("# %s/%s in %s: prev %s next %s (in section %d) %d of %d\n", pack, ex[i].slug, lang,
			       at.prev ? at.prev : "-", at.next ? at.next : "-", at.next_in_section, at.pos, at.count);
			bad++;
		}
		cat_place_release(&at);
	}
	cat_nodes_free(ex, n);
	return !bad;
}

/* A pack of three sections of 3, 2 and 2 exhibits. */
static char *sections_pack(const char *dir)
{
	static const char *const ex[] = {
		"01-a/01-a1", "01-a/02-a2", "01-a/03-a3", "02-b/01-b1", "02-b/02-b2", "03-c/01-c1", "03-c/02-c2",
	};
	char *src = xasprintf("%s/sections", dir), *sub;

	mkdir(src, 0755);
	test_put(src, "pack.ini", "[pack]\nid = sections\nversion = 1.0.0\nlanguages = ko, en\ndefault_language = ko\n"
			     "title.ko = 부분들\ntitle.en = Sections\n");
	test_put(src, "ko.md", "# 처음\n\n처음입니다.\n");
	test_put(src, "en.md", "# Home\n\nHome.\n");
	for (const char *s = "abc"; *s; s++) {
		char name[32];
		snprintf(name, sizeof(name), "0%d-%c", (int)(s - "abc") + 1, *s);
		sub = xasprintf("%s/%s", src, name);
		mkdir(sub, 0755);
		test_put(sub, "ko.md", "# 부분\n\n부분입니다.\n");
		test_put(sub, "en.md", "# Part\n\nA part.\n");
		free(sub);
	}
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		sub = xasprintf("%s/%s", src, ex[i]);
		mkdir(sub, 0755);
		test_put(sub, "ko.md", "# 전시\n\n전시입니다.\n\n출처: 시험\n");
		test_put(sub, "en.md", "# Exhibit\n\nAn exhibit.\n\nSource: a test\n");
		free(sub);
	}
	return src;
}

int main(void)
{
	const char *top = getenv("TOP") ? getenv("TOP") : ".";
	char *narrated = xasprintf("%s/tests/fixtures/narrated", top), *mini = xasprintf("%s/tests/fixtures/mini", top);
	char tmpl[] = "/tmp/kiosk-unit-XXXXXX";
	char *dir = mkdtemp(tmpl), *db = xasprintf("%s/catalog.db", dir), *text = NULL;
	char *wd[] = { "narrated/first", "later/thing" };
	struct catalog *c;
	struct cat_node node;
	struct cat_narration nar;
	struct catalog_withdrawal *w = NULL;
	struct err e = { 0 };
	char file[64];
	size_t nw = 0;

	CHECK(catalog_open(&c, db, CATALOG_CREATE, &e) == 0, "create a catalog: %s", e.msg);
	CHECK(install(c, narrated, NULL, 0, 100) == 0, "install the narrated fixture");

	CHECK(catalog_node(c, "narrated", "first", "ko", &node, &e) == 1 && node.warned && node.narrated,
	      "the first exhibit is warned and narrated in Korean");
	CHECK(catalog_warning(c, node.id, "ko", &text, &e) == 1 && text &&
	      !strcmp(text, "이 전시물에는 마음 아픈 증언이 있습니다."), "its Korean warning: %s", text ? text : "(none)");
	free(text);
	CHECK(catalog_warning(c, node.id, "en", &text, &e) == 1 && text &&
	      !strcmp(text, "This exhibit holds distressing testimony."), "its English warning: %s", text ? text : "(none)");
	free(text);
	CHECK(node.body[0] == '\n' && !strstr(node.body, "warning:"), "the warning line is not in the page's body");
	CHECK(catalog_narration(c, node.id, "ko", &nar, &e) == 1 && nar.audio && nar.cues &&
	      !strcmp(nar.audio, "01-intro/01-first/ko.opus") && !strcmp(nar.cues, "01-intro/01-first/ko.vtt") &&
	      nar.duration_ms == 2471, "Korean narration: %s, %s, %u ms", nar.audio, nar.cues, nar.duration_ms);
	cat_narration_release(&nar);
	CHECK(catalog_narration(c, node.id, "en", &nar, &e) == 1 && !strcmp(nar.audio, "01-intro/01-first/en.ogg"),
	      "English narration is the Vorbis file");
	cat_narration_release(&nar);
	CHECK(catalog_narration(c, node.id, "de", &nar, &e) == 0 && !nar.audio, "no narration in a language without it");
	cat_node_release(&node);
	CHECK(catalog_node(c, "narrated", "second", "en", &node, &e) == 1 && !node.warned && !node.narrated,
	      "the second exhibit has neither");
	CHECK(catalog_warning(c, node.id, "en", &text, &e) == 0 && !text, "and no warning text");
	cat_node_release(&node);

	{
		/* the list of exhibits: in reading order, warned marked, no page read */
		struct cat_node *ex = NULL;
		size_t nx = 0;
		CHECK(catalog_exhibits(c, "narrated", "en", &ex, &nx, &e) == 0 && nx == 2 && !strcmp(ex[0].slug, "first") &&
			      !strcmp(ex[1].slug, "second") && ex[0].warned && !ex[1].warned && !ex[0].title && !ex[0].body &&
			      !strcmp(ex[0].parent_slug, "intro") && !strcmp(ex[0].lang, "en"),
		      "the exhibits in English: first (warned), then second, without their pages");
		cat_nodes_free(ex, nx);
		CHECK(catalog_exhibits(c, "narrated", "de", &ex, &nx, &e) == 0 && nx == 0,
		      "no exhibits in a language the pack has no pages in");
		cat_nodes_free(ex, nx);
	}
	CHECK(visible(c, "first") == 1 && visible(c, "second") == 1, "both exhibits are shown and found");
	CHECK(places_agree(c, "narrated", "en") && places_agree(c, "narrated", "ko"),
	      "each exhibit's place: the neighbours and positions of the list");
	CHECK(install(c, mini, wd, 2, 200) == 0, "install mini withdrawing narrated/first");
	CHECK(visible(c, "first") == 0, "the withdrawn exhibit is in no query and no search");
	CHECK(visible(c, "second") == 1, "its sibling stays");
	{
		struct cat_place at;
		CHECK(catalog_exhibit_place(c, "narrated", "first", "en", &at, &e) == 0 && !at.prev && !at.next &&
			      places_agree(c, "narrated", "en"),
		      "a withdrawn exhibit has no place, and its sibling is first");
	}
	CHECK(catalog_withdrawals(c, &w, &nw, &e) == 0 && nw == 2 && !strcmp(w[0].pack_id, "later") &&
	      !strcmp(w[1].pack_id, "narrated") && !strcmp(w[1].slug, "first") && !strcmp(w[1].by_pack, "mini") &&
	      w[1].by_installed && w[1].at == 200, "the withdrawals, by pack and slug, with who and when");
	free(w);
	CHECK(catalog_remove(c, "mini", file, sizeof(file), &e) == 0, "remove the withdrawing pack");
	CHECK(visible(c, "first") == 0, "the exhibit stays withdrawn");
	CHECK(catalog_withdrawals(c, &w, &nw, &e) == 0 && nw == 2 && !w[1].by_installed,
	      "the withdrawal says its pack is gone");
	free(w);
	CHECK(install(c, narrated, NULL, 0, 300) == 0, "install the narrated pack again");
	CHECK(visible(c, "first") == 0, "a reinstall does not bring it back");
	CHECK(catalog_restore(c, "narrated", "first", &e) == 0, "restore it: %s", e.msg);
	CHECK(visible(c, "first") == 1, "it is back everywhere");
	{
		char *sections = sections_pack(dir);
		struct cat_place at;
		char *wb[] = { "sections/b1", "sections/b2", "sections/c2" };
		CHECK(install(c, sections, NULL, 0, 400) == 0, "install a pack of three sections");
		CHECK(places_agree(c, "sections", "ko") && places_agree(c, "sections", "en"),
		      "each exhibit's place across sections");
		CHECK(catalog_exhibit_place(c, "sections", "a3", "en", &at, &e) == 1 && !strcmp(at.next, "b1") &&
			      !at.next_in_section && !strcmp(at.prev, "a2") && at.pos == 3 && at.count == 3,
		      "the last of a section: the first of the next one after it, 3 of 3");
		cat_place_release(&at);
		{
			char *last = NULL;
			CHECK(catalog_last_exhibit(c, "sections", "en", &last, &e) == 1 && last && !strcmp(last, "c2"),
			      "the last exhibit of the pack (%s)", last ? last : "none");
			free(last);
			CHECK(catalog_last_exhibit(c, "sections", "de", &last, &e) == 0 && !last,
			      "none in a language the pack has no pages in");
		}
		CHECK(install(c, mini, wb, 3, 500) == 0 && places_agree(c, "sections", "en"),
		      "with section b withdrawn whole and c2, the places skip them");
		CHECK(catalog_exhibit_place(c, "sections", "a3", "en", &at, &e) == 1 && !strcmp(at.next, "c1") &&
			      !at.next_in_section,
		      "the last of section a is followed by the first of c");
		cat_place_release(&at);
		CHECK(catalog_exhibit_place(c, "sections", "c1", "en", &at, &e) == 1 && !strcmp(at.prev, "a3") &&
			      !at.next && at.pos == 1 && at.count == 1,
		      "and c1 has a3 before it and, c2 withdrawn, none after it: 1 of 1");
		cat_place_release(&at);
		CHECK(catalog_exhibit_place(c, "sections", "a1", "de", &at, &e) == 0,
		      "no place in a language the pack has no pages in");
		{
			char *last = NULL;
			CHECK(catalog_last_exhibit(c, "sections", "ko", &last, &e) == 1 && last && !strcmp(last, "c1"),
			      "the last exhibit, c2 withdrawn, is c1 (%s)", last ? last : "none");
			free(last);
		}
		CHECK(catalog_remove(c, "mini", file, sizeof(file), &e) == 0, "remove the withdrawing pack");
		free(sections);
	}
	CHECK(catalog_restore(c, "narrated", "first", &e) < 0 && e.code == ERR_NOTFOUND,
	      "restoring twice: %s", e.msg);
	CHECK(catalog_check(c, &e) == 0, "the catalog and its index are whole: %s", e.msg);
	catalog_close(c);

	CHECK(catalog_open(&c, db, CATALOG_READONLY, &e) == 0, "open it read-only");
	CHECK(catalog_restore(c, "later", "thing", &e) < 0 && e.code == ERR_REFUSED, "a reader cannot restore: %s", e.msg);
	catalog_close(c);

	unlink(db);
	free(db);
	{
		char *p;
		p = xasprintf("%s/catalog.db-wal", dir);
		unlink(p);
		free(p);
		p = xasprintf("%s/catalog.db-shm", dir);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(narrated);
	free(mini);
	return test_failures;
}
