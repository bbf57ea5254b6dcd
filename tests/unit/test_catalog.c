#include "test.h"
#include "catalog/catalog.h"
#include "catalog/tokenize.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static int collect(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct buf *b = ctx;
	(void)start;
	(void)end;
	buf_adds(b, colocated ? "+" : " ");
	buf_add(b, tok, (size_t)n);
	return SQLITE_OK;
}

static char *tokens(const char *text, int query)
{
	struct buf b = BUF_INIT;
	tokenize_run(text, (int)strlen(text), query, collect, &b);
	return buf_detach(&b, NULL);
}

static int count_hits(struct catalog *c, const char *q, const char *lang)
{
	struct search_hit *h;
	size_t n;
	struct err e = { 0 };

	if (catalog_search(c, q, lang, 100, &h, &n, &e) < 0)
		return -1;
	catalog_hits_free(h, n);
	return (int)n;
}

static int load(const char *dir, struct tree *t, struct pack *p)
{
	struct diag_list d;
	struct err e = { 0 };
	int rc;

	diag_init(&d);
	rc = tree_open_dir(t, dir, &d, &e) || pack_load(p, t, &d, &e) || pack_check_media(p, t, &d, &e) ||
	     d.errors;
	diag_release(&d);
	return rc ? -1 : 0;
}

int main(void)
{
	const char *top = getenv("TOP") ? getenv("TOP") : ".";
	char *mini = xasprintf("%s/tests/fixtures/mini", top);
	char tmpl[] = "/tmp/kiosk-unit-XXXXXX";
	char *dir = mkdtemp(tmpl), *db = xasprintf("%s/catalog.db", dir), *s;
	struct catalog *c;
	struct catalog_pack info;
	struct err e = { 0 };
	struct tree t;
	struct pack p;
	struct buf q = BUF_INIT;
	char replaced[64], file[64];

	/* the tokenizer: bigrams with colocated unigrams for Hangul, folded words otherwise */
	s = tokens("인권을 UN", 0);
	CHECK_STR(s, " 인권+인 권을+권 을 un", "document tokens");
	free(s);
	s = tokens("인권을", 1);
	CHECK_STR(s, " 인권 권을", "a query phrase is its bigrams");
	free(s);
	s = tokens("인", 1);
	CHECK_STR(s, " 인", "a one-syllable query is its unigram");
	free(s);
	s = tokens("Defectors' DAY", 0);
	CHECK_STR(s, " defectors day", "words are case-folded, apostrophes dropped");
	free(s);
	s = tokens("a\xff\xfe" "b", 0);
	CHECK_STR(s, " a b", "invalid bytes separate words and never crash");
	free(s);

	/* the query builder: user text is data */
	CHECK(catalog_query_fts("NEAR( \"x\" AND -y*", &q) == 4, "four words");
	CHECK_STR(q.data, "\"NEAR\"* \"x\"* \"AND\"* \"y\"*", "each word quoted, prefix for words");
	buf_reset(&q);
	CHECK(catalog_query_fts("국가인권 hum", &q) == 2, "Korean and English");
	CHECK_STR(q.data, "\"국가인권\" \"hum\"*", "Korean is a phrase without prefix");
	buf_reset(&q);
	CHECK(catalog_query_fts("\"*-()^:", &q) == 0, "punctuation alone is no query");
	buf_release(&q);

	CHECK(catalog_open(&c, db, CATALOG_CREATE, &e) == 0, "create a catalog (%s)", e.msg);
	CHECK(catalog_pack_get(c, "mini", &info, &e) == 0, "nothing installed yet");
	CHECK(load(mini, &t, &p) == 0, "load the mini pack");
	CHECK(catalog_install(c, &p, "mini-1.0.0.zip", "abc", 1000, NULL, NULL, replaced, sizeof(replaced), &e) == 0,
	      "install it (%s)", e.msg);
	CHECK(catalog_pack_get(c, "mini", &info, &e) == 1 && !strcmp(info.version, "1.0.0") &&
	      info.sections == 1 && info.exhibits == 1 && !strcmp(info.title, "작은 전시"),
	      "the pack is listed with its counts and default-language title");

	CHECK(count_hits(c, "인권", "ko") == 1, "인권 is found");
	CHECK(count_hits(c, "인", "ko") == 1, "one syllable is found");
	CHECK(count_hits(c, "국가인권위원회", "ko") == 1, "a long compound is found");
	CHECK(count_hits(c, "권을", "ko") == 1, "a substring across a particle is found");
	CHECK(count_hits(c, "권리", "ko") == 0, "a word that is not there is not found");
	CHECK(count_hits(c, "인권", "en") == 0, "lang restricts");
	CHECK(count_hits(c, "인권", NULL) == 1, "no lang searches every language");
	CHECK(count_hits(c, "HUMAN", "en") == 1, "case-insensitive");
	CHECK(count_hits(c, "huma", "en") == 1, "prefix");
	CHECK(count_hits(c, "uman", "en") == 0, "English is not matched inside words");
	CHECK(count_hits(c, "rights shared", "en") == 1, "two words");
	CHECK(count_hits(c, "rights zebra", "en") == 0, "every word must match");
	CHECK(count_hits(c, "환영", "ko") == 0 && count_hits(c, "소개", "ko") == 0, "home and section pages are not exhibits");
	CHECK(catalog_check(c, &e) == 0, "integrity checks pass (%s)", e.msg);

	/* replacing: the catalog holds exactly one version */
	free(p.version);
	p.version = xstrdup("1.1.0");
	CHECK(catalog_install(c, &p, "mini-1.1.0.zip", "def", 2000, NULL, NULL, replaced, sizeof(replaced), &e) == 0,
	      "install a newer version");
	CHECK_STR(replaced, "mini-1.0.0.zip", "the replaced file is named");
	CHECK(catalog_pack_get(c, "mini", &info, &e) == 1 && !strcmp(info.version, "1.1.0"), "the new version is installed");
	CHECK(count_hits(c, "인권", "ko") == 1, "its pages are indexed once");
	CHECK(catalog_check(c, &e) == 0, "integrity checks pass after replacing (%s)", e.msg);

	CHECK(catalog_remove(c, "mini", file, sizeof(file), &e) == 0 && !strcmp(file, "mini-1.1.0.zip"), "remove");
	CHECK(count_hits(c, "인권", NULL) == 0, "its pages leave the index");
	CHECK(catalog_remove(c, "mini", file, sizeof(file), &e) < 0 && e.code == ERR_NOTFOUND, "remove twice");
	CHECK(catalog_check(c, &e) == 0, "integrity checks pass after removing (%s)", e.msg);
	catalog_close(c);

	/* a catalog from a newer kiosk is refused, not damaged */
	{
		sqlite3 *raw;
		sqlite3_open(db, &raw);
		sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL);
		sqlite3_close(raw);
		CHECK(catalog_open(&c, db, 0, &e) < 0 && strstr(e.msg, "newer kiosk"), "newer schema refused (%s)", e.msg);
	}
	pack_release(&p);
	tree_close(&t);
	unlink(db);
	rmdir(dir);
	free(db);
	free(mini);
	return test_failures != 0;
}
