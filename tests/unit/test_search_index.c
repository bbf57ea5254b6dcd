/* test_search_index.c: the FTS5 expression of a query never loses a page that the
 * matcher of words.h finds. search.c asks the index for candidates and the matcher
 * decides, so an expression narrower than the rule loses results without a sound.
 * A pack of random Korean text around the cases of the rule (compound vowels and
 * finals, a final that moves on to the next syllable, lone jamo, numbers and words
 * written together with Korean; Latin words and numbers with hyphens, commas and
 * periods between them) is installed, and every query of one or two characters,
 * composing or not, and of one to three Latin words and joiners, is searched and
 * compared with the matcher (query_match) run over every exhibit page's title and
 * text. */
#include "test.h"
#include "catalog/catalog.h"
#include "catalog/words.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXHIBITS 160

static const char *const text_chars[] = {
	"오", "와", "왜", "외", "옥", "온", "옷", "고", "과", "괴", "곽", "관", "구", "궈", "귀", "탈", "타", "탋",
	"탑", "부", "북", "나", "난", "낝", "님", "하", "한", "아", "안", "앉", "않", "알", "의", "으", "은", "달",
	"닭", "다", "가", "갈", "ㄱ", "ㅂ", "ㄴ", "ㅏ", "ㅣ", "ㄺ", "國", " ", "7", "14", "3", "a", "Ab",
	" ", ",", ".", "-", "U", "N", "121", "34", "Jong", "un",
};
/* Latin words, numbers and what joins them (digit-group commas, the periods of
 * initials, hyphens): every query of one to three of these too */
static const char *const latin_chars[] = {
	"a", "ab", "u", "n", "un", "34", "121", "7", "jong", "-", ".", ",", " ",
};
#define NL (sizeof(latin_chars) / sizeof(latin_chars[0]))
static const char *const query_chars[] = {
	"오", "와", "외", "고", "과", "구", "귀", "탈", "타", "탋", "부", "나", "난", "하", "한", "아", "안",
	"앉", "않", "의", "으", "달", "닭", "다", "가", "ㄱ", "ㅂ", "ㄴ", "ㅇ", "ㅌ", "ㄷ", "ㅎ", "7", "14", "1",
	"a",
};
#define NT (sizeof(text_chars) / sizeof(text_chars[0]))
#define NQ (sizeof(query_chars) / sizeof(query_chars[0]))

/* A Hangul entry of the lists (not a number or a Latin word). */
static int is_korean(const char *s)
{
	return (unsigned char)s[0] >= 0x80;
}

static unsigned seed = 7;
static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

struct page {
	char *slug, *title, *plain;
};

/* The pages the matcher finds for query, every term of it in the title or the text:
 * "slug " each, in the order of v. */
static void brute(const struct page *v, size_t n, const char *query, int flags, struct buf *out)
{
	struct query q;
	int terms = query_parse(query, flags, &q);

	for (size_t i = 0; terms && i < n; i++) {
		unsigned mask = query_match(&q, v[i].title, strlen(v[i].title), NULL, NULL, NULL, NULL) |
				query_match(&q, v[i].plain, strlen(v[i].plain), NULL, NULL, NULL, NULL);
		if (mask == (1u << terms) - 1)
			buf_addf(out, "%s ", v[i].slug);
	}
	query_release(&q);
}

/* The pages catalog_search finds, in the order of v. */
static int searched(struct catalog *c, const struct page *v, size_t n, const char *query, int flags,
		    struct buf *out)
{
	struct search_hit *h;
	size_t nh;
	struct err e = { 0 };

	if (catalog_search(c, query, flags, "ko", -1, &h, &nh, &e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nh; k++)
			if (!strcmp(h[k].slug, v[i].slug)) {
				buf_addf(out, "%s ", v[i].slug);
				break;
			}
	catalog_hits_free(h, nh);
	return 0;
}

int main(void)
{
	char tmpl[] = "/tmp/kiosk-unit-XXXXXX";
	char *dir = mkdtemp(tmpl), *src = xasprintf("%s/src", dir), *db = xasprintf("%s/catalog.db", dir);
	char replaced[64], *path;
	struct catalog *c = NULL;
	struct diag_list d;
	struct err e = { 0 };
	struct tree t;
	struct pack p;
	struct page v[EXHIBITS];
	size_t nv = 0;
	int searches = 0, differ = 0, found = 0, loaded;
	char first[512] = "";
	sqlite3_stmt *st;

	mkdir(src, 0755);
	test_put(src, "pack.ini", "[pack]\nid = spill\nversion = 1.0.0\nlanguages = ko\ndefault_language = ko\ntitle.ko = 시험\n");
	test_put(src, "ko.md", "# 시험\n\n시험입니다.\n");
	path = xasprintf("%s/01-part", src);
	mkdir(path, 0755);
	test_put(path, "ko.md", "# 부분\n\n부분입니다.\n");
	free(path);
	for (int i = 0; i < EXHIBITS; i++) {
		struct buf b = BUF_INIT;
		int len = 4 + (int)rnd(40);
		buf_addf(&b, "# 제목 %d\n\n", i);
		for (int k = 0; k < len; k++)
			buf_adds(&b, text_chars[rnd(NT)]);
		buf_adds(&b, "\n\n출처: 시험\n");
		path = xasprintf("%s/01-part/%03d-e%d", src, i + 1, i);
		mkdir(path, 0755);
		test_put(path, "ko.md", b.data);
		free(path);
		buf_release(&b);
	}
	diag_init(&d);
	loaded = !tree_open_dir(&t, src, &d, &e) && !pack_load(&p, &t, 0, &d, &e) && !d.errors;
	for (size_t i = 0; i < d.n; i++)
		printf("# %s: %s\n", d.v[i].file, d.v[i].msg);
	diag_release(&d);
	CHECK(loaded, "a pack of %d exhibits of random text loads (%s)", EXHIBITS, e.msg);
	if (!loaded)
		return 1;
	CHECK(catalog_open(&c, db, CATALOG_CREATE, &e) == 0 &&
	      catalog_install(c, &p, "spill-1.0.0.zip", "0", 1000, NULL, NULL, replaced, sizeof(replaced), &e) == 0,
	      "and installs (%s)", e.msg);

	/* every exhibit page's title and text, as the index has them */
	{
		sqlite3 *raw;
		sqlite3_open(db, &raw);
		if (sqlite3_prepare_v2(raw, "SELECT n.slug, g.title, g.plain FROM page g JOIN node n ON n.id = g.node_id"
					    " WHERE n.kind = 2 ORDER BY n.slug", -1, &st, NULL) == SQLITE_OK) {
			while (sqlite3_step(st) == SQLITE_ROW && nv < EXHIBITS) {
				v[nv].slug = xstrdup((const char *)sqlite3_column_text(st, 0));
				v[nv].title = xstrdup((const char *)sqlite3_column_text(st, 1));
				v[nv].plain = xstrdup(sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
				nv++;
			}
			sqlite3_finalize(st);
		}
		sqlite3_close(raw);
	}
	CHECK(nv == EXHIBITS, "every exhibit page is read back (%zu)", nv);

	/* every query of one or two entries of the list, and of three with a number or
	 * a word in the middle (ㅈ3ㄱ, 탈7의) */
	for (size_t a = 0; a < NQ; a++) {
		for (size_t b = 0; b <= NQ; b++) {
			size_t nc = b < NQ && !is_korean(query_chars[b]) && is_korean(query_chars[a]) ? NQ : 1;
			for (size_t k = 0; k < nc; k++) {
				char *query = xasprintf("%s%s%s", query_chars[a], b < NQ ? query_chars[b] : "",
							nc > 1 ? query_chars[k] : "");
				if (nc > 1 && !is_korean(query_chars[k])) {
					free(query);
					continue;
				}
				for (int flags = 0; flags <= CATALOG_SEARCH_COMPOSING; flags += CATALOG_SEARCH_COMPOSING) {
					struct buf want = BUF_INIT, got = BUF_INIT;
					brute(v, nv, query, flags, &want);
					if (searched(c, v, nv, query, flags, &got) < 0)
						buf_adds(&got, "(error)");
					searches++;
					found += want.len > 0;
					if (strcmp(want.data ? want.data : "", got.data ? got.data : "") && !differ++)
						snprintf(first, sizeof(first),
							 "'%s'%s: the matcher finds '%.150s', the search '%.150s'", query,
							 flags ? " (composing)" : "", want.data ? want.data : "",
							 got.data ? got.data : "");
					buf_release(&want);
					buf_release(&got);
				}
				free(query);
			}
		}
	}
	CHECK(differ == 0 && found > searches / 5,
	      "the search finds what the matcher finds for %d queries, %d of which match (%d differ%s%s)", searches,
	      found, differ, differ ? "; first: " : "", first);

	searches = found = differ = 0;
	for (size_t a = 0; a < NL * NL * NL; a++) {
		char *query = xasprintf("%s%s%s", latin_chars[a % NL], latin_chars[a / NL % NL], latin_chars[a / NL / NL]);
		struct buf want = BUF_INIT, got = BUF_INIT;
		brute(v, nv, query, 0, &want);
		if (searched(c, v, nv, query, 0, &got) < 0)
			buf_adds(&got, "(error)");
		searches++;
		found += want.len > 0;
		if (strcmp(want.data ? want.data : "", got.data ? got.data : "") && !differ++)
			snprintf(first, sizeof(first), "'%s': the matcher finds '%.150s', the search '%.150s'", query,
				 want.data ? want.data : "", got.data ? got.data : "");
		buf_release(&want);
		buf_release(&got);
		free(query);
	}
	CHECK(differ == 0 && found > searches / 5,
	      "and for %d queries of Latin words, numbers, hyphens, commas and periods, %d of which match "
	      "(%d differ%s%s)", searches, found, differ, differ ? "; first: " : "", first);

	for (size_t i = 0; i < nv; i++) {
		free(v[i].slug);
		free(v[i].title);
		free(v[i].plain);
	}
	catalog_close(c);
	pack_release(&p);
	tree_close(&t);
	path = xasprintf("rm -rf '%s'", dir);
	if (system(path) != 0)
		printf("# could not remove %s\n", dir);
	free(path);
	free(src);
	free(db);
	return test_failures != 0;
}
