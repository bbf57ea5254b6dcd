/* fuzz_query.c: a visitor's search text on hostile bytes. catalog_query_fts must
 * make an FTS5 expression of quoted tokens only (every '"' balanced or doubled, no
 * token empty, at most 8 terms) joined by AND, OR and parentheses, that FTS5
 * accepts; tokenize_run must give, in document and query
 * mode, non-empty valid UTF-8 tokens inside the text; and catalog_search, on a
 * catalog in memory holding the demo pack (content-packs/defectors-day, installed
 * once), must never fail on what a visitor types (composing or not) and must give
 * valid UTF-8 snippets; catalog_highlight, with the first line of the input as the
 * query and the rest as the text, must give spans inside the text, in order and
 * apart. The catalog part is skipped with a warning when the pack
 * is missing (TOP names the source tree; FUZZ_TOP is its default). */
#include "catalog/catalog.h"
#include "catalog/internal.h"
#include "catalog/tokenize.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

/* Longer input is cut by the search anyway (256 bytes); the tokenizer sees pages. */
#define FUZZ_MAX_INPUT (64u << 10)
#define MAX_TERMS 8
/* emit_word's longest token: 64 ASCII letters, or 128 bytes of folded text */
#define MAX_TOKEN 256

static struct catalog *cat;
static sqlite3_stmt *match_st;
static int demo_installed;

static int install_demo(const char *top)
{
	char *dir = xasprintf("%s/content-packs/defectors-day", top);
	char replaced[256];
	struct diag_list d;
	struct err e = { 0 };
	struct tree t;
	struct pack p;
	int rc;

	diag_init(&d);
	memset(&p, 0, sizeof(p));
	rc = tree_open_dir(&t, dir, &d, &e);
	if (rc == 0) {
		rc = pack_load(&p, &t, PACK_LOAD_NO_DOCS, &d, &e) < 0 || pack_check_media(&p, &t, &d, &e) < 0 ||
		     d.errors || catalog_install(cat, &p, "demo.zip", "0", 0, NULL, NULL, replaced, sizeof(replaced), &e) < 0;
		pack_release(&p);
		tree_close(&t);
	}
	if (rc)
		fprintf(stderr, "fuzz_query: cannot install %s (%s), catalog_search is not fuzzed\n",
			dir, e.msg[0] ? e.msg : "problems in the pack");
	diag_release(&d);
	free(dir);
	return rc ? -1 : 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e = { 0 };
	const char *top = getenv("TOP") ? getenv("TOP") : FUZZ_TOP;

	if (catalog_open(&cat, ":memory:", CATALOG_CREATE, &e) < 0) {
		fprintf(stderr, "fuzz_query: %s\n", e.msg);
		abort();
	}
	if (sqlite3_prepare_v2(cat->db, "SELECT count(*) FROM page_fts WHERE page_fts MATCH ?1", -1,
			       &match_st, NULL) != SQLITE_OK)
		abort();
	demo_installed = install_demo(top) == 0;
	return 0;
}

/* The expression of search.c: quoted tokens, each the verbatim mark and at least
 * one byte of valid UTF-8 or the marks ('"' doubled), some with '*', joined by
 * " AND " and " OR ", with balanced parentheses. Returns the rest of q after one
 * expression, or NULL when it is not one. */
static const char *check_expr(const char *s, int depth)
{
	for (;;) {
		if (*s == '(') {
			if (depth > 8 || !(s = check_expr(s + 1, depth + 1)) || *s++ != ')')
				return NULL;
		} else {
			const char *start;
			struct buf tok = BUF_INIT;
			int ok;
			if (*s++ != '"' || *s++ != '\x03')
				return NULL;
			for (start = s; *s && !(s[0] == '"' && s[1] != '"'); s++) {
				if (*s == '"')
					s++;
				buf_addc(&tok, *s);
			}
			ok = *s == '"' && s > start && utf8_valid(tok.data, tok.len, NULL);
			buf_release(&tok);
			if (!ok)
				return NULL;
			s++;
			if (*s == '*')
				s++;
		}
		if (!strncmp(s, " AND ", 5))
			s += 5;
		else if (!strncmp(s, " OR ", 4))
			s += 4;
		else
			return s;
	}
}

static int check_fts_query(const char *q, int n)
{
	const char *end;

	if (n < 0 || n > MAX_TERMS || (n == 0) != (*q == 0))
		return -1;
	if (n == 0)
		return 0;
	end = check_expr(q, 0);
	return end && !*end ? 0 : -1;
}

struct tok_ctx {
	int len, query;
	size_t count;
};

static int on_token(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct tok_ctx *c = ctx;

	if (n <= 0 || n > MAX_TOKEN || !utf8_valid(tok, (size_t)n, NULL))
		abort();
	if (start < 0 || start >= end || end > c->len)
		abort();
	if (colocated && c->query)
		abort(); /* FTS5 queries take no colocated tokens */
	c->count++;
	return SQLITE_OK;
}

static void search(const char *q, int flags, const char *lang)
{
	struct search_hit *hits;
	struct err e = { 0 };
	size_t n;

	if (catalog_search(cat, q, flags, lang, 20, &hits, &n, &e) < 0) {
		fprintf(stderr, "fuzz_query: search failed: %s\n", e.msg);
		abort();
	}
	for (size_t i = 0; i < n; i++)
		if (!hits[i].snippet || !utf8_valid(hits[i].snippet, strlen(hits[i].snippet), NULL) ||
		    !hits[i].title || !hits[i].slug)
			abort();
	catalog_hits_free(hits, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf fts = BUF_INIT;
	char *q;
	int n;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	q = xmalloc(size + 1);
	memcpy(q, data, size);
	q[size] = 0;

	n = catalog_query_fts(q, size && (data[0] & 1) ? CATALOG_SEARCH_COMPOSING : 0, &fts);
	if (check_fts_query(fts.data, n) < 0) {
		fprintf(stderr, "fuzz_query: bad FTS query %s\n", fts.data);
		abort();
	}
	if (n > 0) {
		/* FTS5 must read it as a query: a syntax error is a bug */
		sqlite3_bind_text(match_st, 1, fts.data, (int)fts.len, SQLITE_STATIC);
		if (sqlite3_step(match_st) != SQLITE_ROW) {
			fprintf(stderr, "fuzz_query: FTS5 refuses %s: %s\n", fts.data,
				sqlite3_errmsg(cat->db));
			abort();
		}
		sqlite3_reset(match_st);
	}
	buf_release(&fts);

	for (int query = 0; query <= 1; query++) {
		struct tok_ctx c = { (int)size, query, 0 };
		if (tokenize_run((const char *)data, (int)size, query, on_token, &c) != SQLITE_OK)
			abort();
	}

	/* the matcher on hostile text: the first line is the query, the rest the text;
	 * every span inside the text, not empty, in order and apart */
	{
		const char *nl = memchr(data, '\n', size);
		size_t ql = nl ? (size_t)(nl - (const char *)data) : size, tl = nl ? size - ql - 1 : 0;
		char *hq = xmalloc(ql + 1);
		struct catalog_span *sp;
		size_t ns, end = 0;
		memcpy(hq, data, ql);
		hq[ql] = 0;
		for (int flags = 0; flags <= CATALOG_SEARCH_COMPOSING; flags += CATALOG_SEARCH_COMPOSING) {
			ns = catalog_highlight(hq, flags, nl ? nl + 1 : "", tl, &sp);
			for (size_t i = 0; i < ns; i++) {
				if (sp[i].start >= sp[i].end || sp[i].end > tl || (i && sp[i].start <= end)) {
					fprintf(stderr, "fuzz_query: bad span %zu..%zu of %zu bytes\n", sp[i].start,
						sp[i].end, tl);
					abort();
				}
				end = sp[i].end;
			}
			free(sp);
		}
		free(hq);
	}

	if (demo_installed) {
		search(q, 0, NULL);
		search(q, CATALOG_SEARCH_COMPOSING, "ko");
	}
	free(q);
	return 0;
}
