/* test_ahead.c: the pages ahead_next hands out are the pack's, in insert order,
 * each compressed and tokenized as the install would itself, whichever thread
 * compressed it: the install's when the thread is not far enough ahead (always
 * for the first pages), the thread's when the install is the slower. */
#include "test.h"
#include "catalog/ahead.h"
#include "catalog/tokenize.h"
#include "catalog/zbody.h"
#include "core/buf.h"
#include "core/cpu.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#define NODES 40
#define LANGS 2

static int same_tokens(const struct token_list *got, struct token_recorder *rec, const char *text,
		       struct token_list *want)
{
	token_recorder_run(rec, text, (int)strlen(text), want);
	if (!got || token_list_count(got) != token_list_count(want))
		return 0;
	for (size_t i = 0; i < token_list_count(want); i++) {
		int n, m;
		const char *a = token_list_token(got, i, &n), *b = token_list_token(want, i, &m);
		if (n != m || memcmp(a, b, (size_t)n))
			return 0;
	}
	return 1;
}

/* Take every page from a fresh ahead, pausing pause_us before each; the number
 * compressed on this thread, or -1 when a page was not the pack's. */
static long take_all(const struct pack *p, useconds_t pause_us)
{
	struct ahead *a = ahead_start(p);
	struct token_recorder *rec = token_recorder_new();
	struct token_list *want = token_list_new();
	size_t k = 0, here;
	int bad = 0;

	if (!a)
		return -1;
	for (;;) {
		const void *body;
		size_t len;
		const struct token_list *title, *plain;
		const struct pack_node *n;
		const struct pack_page *pg;
		char *text;

		if (pause_us)
			usleep(pause_us);
		if (!ahead_next(a, &body, &len, &title, &plain))
			break;
		n = &p->nodes[k % p->nnodes];
		pg = &n->pages[k / p->nnodes];
		text = body ? zbody_unpack(NULL, body, len, NULL) : NULL;
		if (!text || strcmp(text, pg->text))
			bad = 1;
		free(text);
		if (n->kind == NODE_EXHIBIT &&
		    !(same_tokens(title, rec, pg->title, want) && same_tokens(plain, rec, pg->plain, want)))
			bad = 1;
		if (n->kind != NODE_EXHIBIT && (title || plain))
			bad = 1;
		k++;
	}
	here = ahead_packed_here(a);
	ahead_stop(a);
	token_list_free(want);
	token_recorder_free(rec);
	return bad || k != p->nnodes * p->nlangs ? -1 : (long)here;
}

int main(void)
{
	static const char *const words[] = { "탈북민", "자유", "가족", "freedom", "family", "국경", "river", "기억" };
	struct pack p;
	long here;

	memset(&p, 0, sizeof(p));
	p.nlangs = LANGS;
	p.nnodes = NODES;
	p.nodes = xcalloc(NODES, sizeof(*p.nodes));
	for (size_t i = 0; i < NODES; i++) {
		struct pack_node *n = &p.nodes[i];
		n->kind = i == 0 ? NODE_HOME : i % 5 == 1 ? NODE_SECTION : NODE_EXHIBIT;
		n->pages = xcalloc(LANGS, sizeof(*n->pages));
		for (size_t l = 0; l < LANGS; l++) {
			struct pack_page *pg = &n->pages[l];
			struct buf b = BUF_INIT;
			buf_addf(&b, "# Page %zu.%zu\n\n", i, l);
			for (size_t w = 0; w < 20 + i * 7; w++)
				buf_addf(&b, "%s%s", words[(i * 3 + w * (l + 1)) % 8], w % 9 == 8 ? ".\n" : " ");
			pg->len = b.len;
			pg->text = buf_detach(&b, NULL);
			pg->title = xstrdup(pg->text + 2);
			pg->plain = xstrdup(pg->text + 10);
			pg->plain_len = strlen(pg->plain);
		}
	}

	/* pinned to one CPU, no thread starts: the install compresses and tokenizes
	 * each page itself (core/cpu.h) */
	{
		cpu_set_t all, one;
		int first = -1;
		CPU_ZERO(&all);
		if (sched_getaffinity(0, sizeof(all), &all) == 0)
			for (int c = 0; c < CPU_SETSIZE && first < 0; c++)
				if (CPU_ISSET(c, &all))
					first = c;
		CPU_ZERO(&one);
		if (first >= 0)
			CPU_SET(first, &one);
		if (first >= 0 && sched_setaffinity(0, sizeof(one), &one) == 0) {
			struct ahead *a = ahead_start(&p);
			CHECK(cpu_count() == 1 && !a, "pinned to one CPU, no thread starts");
			ahead_stop(a);
			sched_setaffinity(0, sizeof(all), &all);
		} else {
			CHECK(0, "cannot pin the test to one CPU");
		}
	}
	if (cpu_count() < 2) {
		printf("# one CPU here: the thread's own pages are not tested\n");
		goto out;
	}

	/* pages 0 to 3 are never 4 ahead: always compressed here (-1: a page was wrong) */
	here = take_all(&p, 0);
	CHECK(here >= 4 && here <= NODES * LANGS, "every page is the pack's (%ld of %d compressed here)", here,
	      NODES * LANGS);
	here = take_all(&p, 5000);
	CHECK(here >= 4 && here < NODES * LANGS / 2,
	      "every page is the pack's, and most are compressed by the thread when the install is slow (%ld here of %d)",
	      here, NODES * LANGS);

out:
	for (size_t i = 0; i < NODES; i++) {
		for (size_t l = 0; l < LANGS; l++) {
			free(p.nodes[i].pages[l].text);
			free(p.nodes[i].pages[l].title);
			free(p.nodes[i].pages[l].plain);
		}
		free(p.nodes[i].pages);
	}
	free(p.nodes);
	return test_failures;
}
