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
	for (int i = 0; i < n; i++)
		buf_addc(b, tok[i] == TOKEN_PREFIX_MARK ? '^' : tok[i] == TOKEN_ONSET_MARK ? '~' : tok[i]);
	return SQLITE_OK;
}

/* An FTS5 expression as text: the verbatim mark left out, the prefix mark as '^',
 * the onset mark as '~'. */
static char *shown(const char *query, int flags)
{
	struct buf q = BUF_INIT, b = BUF_INIT;

	catalog_query_fts(query, flags, &q);
	for (size_t i = 0; i < q.len; i++)
		if (q.data[i] != TOKEN_VERBATIM_MARK)
			buf_addc(&b, q.data[i] == TOKEN_PREFIX_MARK ? '^' : q.data[i] == TOKEN_ONSET_MARK ? '~' : q.data[i]);
	buf_release(&q);
	return buf_detach(&b, NULL);
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

	if (catalog_search(c, q, 0, lang, 100, &h, &n, &e) < 0)
		return -1;
	catalog_hits_free(h, n);
	return (int)n;
}

/* The integer the first row of sql gives on the catalog file db, read by a
 * connection of its own; -1 when there is none. */
static int db_int(const char *db, const char *sql)
{
	sqlite3 *raw;
	sqlite3_stmt *st = NULL;
	int v = -1;

	sqlite3_open(db, &raw);
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return v;
}

static int load(const char *dir, struct tree *t, struct pack *p)
{
	struct diag_list d;
	struct err e = { 0 };
	int rc;

	diag_init(&d);
	rc = tree_open_dir(t, dir, &d, &e) || pack_load(p, t, 0, &d, &e) || pack_check_media(p, t, &d, &e) ||
	     d.errors;
	diag_release(&d);
	return rc ? -1 : 0;
}

static int refuse(void *ctx, struct err *e)
{
	(void)ctx;
	return fail(e, ERR_IO, "refused");
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

	/* the tokenizer: Hangul bigrams with colocated unigrams and initial consonants,
	 * folded words */
	s = tokens("인권을 UN", 0);
	CHECK_STR(s, " 인권+인+~ㅇ+~ㅇㄱ 권을+권+~ㄱ+~ㄱㅇ 을+~ㅇ+~ㅇㄱㅇ un", "document tokens");
	free(s);
	s = tokens("ㅋ탈 國民", 0);
	CHECK_STR(s, " ㅋ탈+ㅋ+~ㅋ+~ㅋㅌ 탈+~ㅌ 國民+國 民", "a jamo has its onset, ideographs none");
	free(s);
	s = tokens("Defectors' DAY P’yŏngyang ＫＩＮＵ", 0);
	CHECK_STR(s, " defectors day pyongyang kinu", "words folded: case, apostrophes, marks, full-width");
	free(s);
	s = tokens("a\xff\xfe" "b", 0);
	CHECK_STR(s, " a b", "invalid bytes separate words and never crash");
	free(s);

	/* the query builder: user text is data, every token named */
	CHECK(catalog_query_fts("NEAR( \"x\" AND -y*", 0, &q) == 4, "four words");
	buf_release(&q);
	s = shown("NEAR( \"x\" AND -y*", 0);
	CHECK_STR(s, "\"near\"* AND (\"^x\" OR \"x\") AND (\"^and\" OR \"and\") AND (\"^y\" OR \"y\")",
		  "long words by prefix, short ones by their prefix token");
	free(s);
	s = shown("국가인권 hum", 0);
	CHECK_STR(s, "\"국가\" AND \"가인\" AND \"인권\" AND (\"^hum\" OR \"hum\")", "Korean by its bigrams");
	free(s);
	s = shown("ㅌㅂ", 0);
	CHECK_STR(s, "\"~ㅌㅂ\"", "two initial consonants by their bigram");
	free(s);
	s = shown("ㅌㅂㅁ", 0);
	CHECK_STR(s, "\"~ㅌㅂㅁ\"", "three by their trigram");
	free(s);
	s = shown("ㄱㄱㅇㄱ", 0);
	CHECK_STR(s, "\"~ㄱㄱㅇ\" AND \"~ㄱㅇㄱ\"", "more by their trigrams");
	free(s);
	s = shown("인궈", CATALOG_SEARCH_COMPOSING);
	CHECK(!strncmp(s, "\"인\" AND (\"인궈\" OR \"인궉\" OR ", strlen("\"인\" AND (\"인궈\" OR \"인궉\" OR ")) &&
	      strstr(s, " OR \"인권\" OR ") && !strstr(s, "\"인과\"") && !strstr(s, "\"인구\""),
	      "after a syllable, a syllable being composed by the bigrams it may make; 구 cannot, as ㅓ is "
	      "no initial (%s)", s);
	free(s);
	s = shown("하난", CATALOG_SEARCH_COMPOSING);
	CHECK_STR(s, "\"하\" AND ((\"하나\" AND \"~ㅎㄴㄴ\") OR \"하난\" OR \"하낝\" OR \"하낞\") AND \"~ㅎㄴ\"",
		  "a final that may move on: the syllable without it, with the onsets of the three");
	free(s);
	s = shown("탈ㅂ", 0);
	CHECK_STR(s, "\"탈\" AND \"~ㅌㅂ\"", "a syllable and a consonant");
	free(s);
	s = shown("ㄱ", 0);
	CHECK_STR(s, "\"~ㄱ\"", "one consonant by its token");
	free(s);
	s = shown("탈", CATALOG_SEARCH_COMPOSING);
	CHECK_STR(s, "((\"타\" AND \"~ㅌㄹ\") OR \"탈\" OR \"탉\" OR \"탊\" OR \"탋\" OR \"탌\" OR \"탍\" OR \"탎\" OR \"탏\")",
		  "a syllable being composed: what it may become");
	free(s);
	s = shown("\"*-()^:", 0);
	CHECK_STR(s, "", "punctuation alone is no query");
	free(s);
	CHECK(catalog_query_fts("\"\"", 0, &q) == 0 && q.len == 0, "nothing to search");
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
	CHECK(count_hits(c, "ㅇㄱ", "ko") == 1 && count_hits(c, "ㄱㄱㅇㄱ", "ko") == 1, "initial consonants are found");
	CHECK(count_hits(c, "ㄱㄱㅇㄱㅇㅇㅎ", "ko") == 1, "seven initial consonants are found");
	CHECK(count_hits(c, "ㅎㅎㅎ", "ko") == 0, "initial consonants that are nowhere are not found");
	CHECK(count_hits(c, "인ㄱ", "ko") == 1 && count_hits(c, "인ㄴ", "ko") == 0, "a syllable and a consonant");
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

	/* an index of another program's tokens is made again when a writer opens it */
	CHECK(catalog_open(&c, db, 0, &e) == 0, "open the catalog again (%s)", e.msg);
	CHECK(catalog_install(c, &p, "mini-1.1.0.zip", "def", 3000, NULL, NULL, replaced, sizeof(replaced), &e) == 0,
	      "install again");
	catalog_close(c);
	{
		sqlite3 *raw;
		int v;
		sqlite3_open(db, &raw);
		sqlite3_exec(raw, "UPDATE search_index SET tokens = 1", NULL, NULL, NULL);
		sqlite3_close(raw);
		CHECK(catalog_open(&c, db, CATALOG_READONLY, &e) == 0, "a reader that can write opens it (%s)", e.msg);
		catalog_close(c);
		v = db_int(db, "SELECT tokens FROM search_index");
		CHECK(v == TOKENIZE_VERSION, "and makes the index again (%d)", v);
		CHECK(catalog_open(&c, db, 0, &e) == 0 && count_hits(c, "ㄱㄱㅇㄱ", "ko") == 1 && catalog_check(c, &e) == 0,
		      "which finds what this program's tokens find and passes the checks (%s)", e.msg);
	}
	catalog_close(c);

	/* a catalog of schema 4, whose text for search lacks the pictures' alternative
	 * texts, has it made again when it opens: 사각형 is only in an alt text */
	{
		sqlite3 *raw;
		int rc, v;
		memset(&e, 0, sizeof(e));
		CHECK(catalog_open(&c, db, 0, &e) == 0 && count_hits(c, "사각형", "ko") == 1,
		      "a picture's alternative text is searched (%s)", e.msg);
		catalog_close(c);
		/* as schema 4 wrote it: the text without the alt text, indexed */
		sqlite3_open(db, &raw);
		{
			struct tokenize_replay *replay = NULL;
			rc = tokenize_register(raw, &replay) < 0 ? -1 : 0;
			rc = rc ? rc
				: sqlite3_exec(raw, "INSERT INTO page_fts(page_fts) VALUES ('delete-all');"
						    "UPDATE page SET plain = replace(plain, char(10) || '파란 사각형 도표', '');"
						    "INSERT INTO page_fts(page_fts) VALUES ('rebuild');"
						    "PRAGMA user_version = 4;",
					       NULL, NULL, NULL);
		}
		sqlite3_close(raw);
		v = db_int(db, "SELECT count(*) FROM page WHERE plain LIKE '%사각형%'");
		CHECK(rc == 0 && v == 0, "a catalog of schema 4 is made, without the alt text (%d)", v);
		{
			int opened = catalog_open(&c, db, 0, &e) == 0, hits = opened ? count_hits(c, "사각형", "ko") : -2;
			int checked = opened && catalog_check(c, &e) == 0;
			CHECK(opened && hits == 1 && checked,
			      "an installed pack of schema 4 finds it after the upgrade (%d), and passes the checks (%s)",
			      hits, checked ? "" : e.msg);
		}
		catalog_close(c);
		v = db_int(db, "PRAGMA user_version");
		CHECK(v == 6, "the schema is 6 (%d)", v);
	}

	/* a new catalog built under a name of its own (CATALOG_BUILD): nothing beside
	 * it while it is made, a failed install still rolls back, and catalog_finish
	 * leaves it whole, in WAL mode */
	{
		char *built = xasprintf("%s/built.db", dir), *wal = xasprintf("%s-wal", built);
		char *journal = xasprintf("%s-journal", built);
		unsigned char hdr[20] = { 0 };
		FILE *f;
		int opened;

		memset(&e, 0, sizeof(e));
		CHECK(catalog_open(&c, built, CATALOG_CREATE | CATALOG_BUILD, &e) == 0, "build a catalog (%s)", e.msg);
		CHECK(catalog_install(c, &p, "mini-1.1.0.zip", "def", 4000, NULL, NULL, replaced, sizeof(replaced), &e) == 0,
		      "install a pack into it (%s)", e.msg);
		CHECK(access(wal, F_OK) < 0 && access(journal, F_OK) < 0, "with no -wal or -journal beside it");
		free(p.version);
		p.version = xstrdup("1.2.0");
		CHECK(catalog_install(c, &p, "mini-1.2.0.zip", "ghi", 5000, refuse, NULL, replaced, sizeof(replaced), &e) <
			      0 && strstr(e.msg, "refused"),
		      "an install whose commit hook fails fails (%s)", e.msg);
		CHECK(catalog_pack_get(c, "mini", &info, &e) == 1 && !strcmp(info.version, "1.1.0") &&
			      count_hits(c, "인권", "ko") == 1,
		      "and is rolled back: the version before is whole");
		CHECK(catalog_finish(c, &e) == 0, "finish the catalog (%s)", e.msg);
		CHECK(access(wal, F_OK) < 0 && access(journal, F_OK) < 0, "nothing is left beside it");
		if ((f = fopen(built, "rb"))) {
			CHECK(fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr), "read its header");
			fclose(f);
		}
		/* https://www.sqlite.org/fileformat2.html, 1.3.3: 2 and 2 are WAL mode */
		CHECK(hdr[18] == 2 && hdr[19] == 2, "its header says WAL mode (%d %d)", hdr[18], hdr[19]);
		opened = catalog_open(&c, built, CATALOG_READONLY, &e) == 0;
		CHECK(opened && count_hits(c, "인권", "ko") == 1 && catalog_check(c, &e) == 0,
		      "a reader finds its pages, and it passes the checks (%s)", e.msg);
		catalog_close(c);
		CHECK(catalog_open(&c, built, 0, &e) == 0 && catalog_finish(c, &e) < 0 &&
			      strstr(e.msg, "not a catalog being built"),
		      "finishing a catalog opened in place is refused (%s)", e.msg);
		unlink(built);
		free(built);
		free(wal);
		free(journal);
	}

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
