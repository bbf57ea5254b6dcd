/* bench_search.c: search latency and recall on a large catalog, for `make bench`.
 *
 * usage: bench_search CATALOG.db QUERIES.txt [--reps N] [--lang L] [--limit N] [--no-recall]
 *
 * QUERIES holds one `CLASS<TAB>TERM[<TAB>BRUTE]` a line (tests/bench/gen_pack.py writes it). For each
 * query, catalog_search runs once to warm up, then N times (7 by default) with the limit a
 * screen shows (20), each timed with CLOCK_MONOTONIC; the query's latency is the median of
 * its runs, and each class prints the median, 99th percentile (nearest rank) and maximum
 * of its queries' latencies.
 *
 * Then recall: the query runs once more with a limit larger than the corpus, and its hits
 * are compared with a brute-force scan of every exhibit page's title and plain text (the
 * two columns the index holds), restricted to --lang like the search. The brute force
 * looks for the line's BRUTE column (the term itself when there is none), the plain form
 * of what the visitor typed, by rules written here again on their own:
 *   - a class starting with "ko" or "nfd-ko": the pages that contain it as a substring;
 *   - "cho", "mix", "comp" and "comp-o": the pages with a run of consecutive characters
 *     that match it one for one: a consonant jamo matches a syllable that begins with it
 *     (by the Unicode arithmetic of Hangul syllables) or itself, any other character
 *     itself; for "comp" and "comp-o" (searched with CATALOG_SEARCH_COMPOSING) the last
 *     syllable matches any syllable of the same initial consonant and vowel;
 *   - any other class: the pages with a word that starts with it, ignoring ASCII case
 *     and apostrophes. A word is a run of ASCII letters and digits, with apostrophes
 *     inside it ("Korea's" is one word), as the tokenizer splits the generator's
 *     English; words joined by hyphens also make one word from each of them on.
 * Every hit must be such a page, no page may come twice, and the counts must be equal.
 * A failure prints the query and a page that is missing or wrong; the exit status is
 * then 1. --no-recall measures latency only. */
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/utf8.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TARGET_P99_MS 5.0

struct page {
	char *key;        /* pack_id \x1f slug \x1f lang */
	char *slug, *lang;
	char *title, *plain;
	size_t title_len, plain_len;
	unsigned stamp;   /* the query that last saw it, to find duplicates */
};

struct query {
	char cls[16];
	char *term;
	char *brute;      /* what the brute force looks for */
	double *ms;       /* reps samples */
	double med;       /* this query's median */
	int hits;         /* with the large limit */
	int expected;     /* brute force */
};

static struct page *pages;
static size_t npages;

static void *xmalloc_or_die(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("bench_search: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *dup_text(const unsigned char *s, size_t *len)
{
	size_t n = s ? strlen((const char *)s) : 0;
	char *d = xmalloc_or_die(n + 1);
	memcpy(d, s ? (const char *)s : "", n + 1);
	if (len)
		*len = n;
	return d;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct page *)a)->key, ((const struct page *)b)->key);
}

static int load_pages(const char *db_path, const char *lang)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t cap = 0;

	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_search: %s: %s\n", db_path, sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT n.pack_id, n.slug, g.lang, g.title, g.plain FROM page g"
			       " JOIN node n ON n.id = g.node_id WHERE n.kind = 2 AND (?1 IS NULL OR g.lang = ?1)",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_search: %s: %s\n", db_path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct page *p;
		size_t a, b, c;
		if (npages == cap) {
			cap = cap ? cap * 2 : 1024;
			pages = realloc(pages, cap * sizeof(*pages));
			if (!pages)
				exit(2);
		}
		p = &pages[npages++];
		memset(p, 0, sizeof(*p));
		a = strlen((const char *)sqlite3_column_text(st, 0));
		b = strlen((const char *)sqlite3_column_text(st, 1));
		c = strlen((const char *)sqlite3_column_text(st, 2));
		p->key = xmalloc_or_die(a + b + c + 3);
		sprintf(p->key, "%s\x1f%s\x1f%s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
			sqlite3_column_text(st, 2));
		p->slug = p->key + a + 1;
		p->lang = p->key + a + b + 2;
		p->title = dup_text(sqlite3_column_text(st, 3), &p->title_len);
		p->plain = dup_text(sqlite3_column_text(st, 4), &p->plain_len);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	qsort(pages, npages, sizeof(*pages), by_key);
	return 0;
}

static struct page *find_page(const char *pack, const char *slug, const char *lang)
{
	char key[1024];
	struct page k = { .key = key };

	snprintf(key, sizeof(key), "%s\x1f%s\x1f%s", pack, slug, lang);
	return bsearch(&k, pages, npages, sizeof(*pages), by_key);
}

/* A word starts at s[i]: an ASCII letter or digit that does not continue a word. */
static int word_start(const char *s, size_t i)
{
	unsigned char prev;

	if (!isalnum((unsigned char)s[i]))
		return 0;
	if (i == 0)
		return 1;
	prev = (unsigned char)s[i - 1];
	if (isalnum(prev))
		return 0;
	if (prev == '\'' && i >= 2 && isalnum((unsigned char)s[i - 2]))
		return 0;
	return 1;
}

/* s[i..] begins with q (lowercase), ignoring case, apostrophes between letters and
 * hyphens between words (words joined by hyphens make one word too: 05-21 is 0521). */
static int word_begins(const char *s, size_t n, size_t i, const char *q, size_t qn)
{
	size_t j = 0;

	for (; i < n && j < qn; i++) {
		if (s[i] == '\'' && i + 1 < n && isalnum((unsigned char)s[i + 1]) && j)
			continue;
		if (s[i] == '-' && j && isalnum((unsigned char)s[i - 1])) {
			size_t k = i;
			while (k < n && s[k] == '-')
				k++;
			if (k < n && isalnum((unsigned char)s[k])) {
				i = k - 1;
				continue;
			}
		}
		if (tolower((unsigned char)s[i]) != q[j++])
			return 0;
	}
	return j == qn;
}

static int has_word_prefix(const char *s, size_t n, const char *q, size_t qn)
{
	for (size_t i = 0; i + qn <= n; i++)
		if (tolower((unsigned char)s[i]) == q[0] && word_start(s, i) && word_begins(s, n, i, q, qn))
			return 1;
	return 0;
}

/* The compatibility jamo of the 19 initial consonants, in the order of the syllables
 * (Unicode, chapter 3.12: syllable = 0xAC00 + (initial * 21 + vowel) * 28 + final). */
static const int32_t initials[19] = { 0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141,
				      0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
				      0x314A, 0x314B, 0x314C, 0x314D, 0x314E };

static int is_syllable(int32_t c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* Character c of the text matches query character q (last: the composed one). */
static int char_matches(int32_t c, int32_t q, int composing)
{
	if (c == q)
		return 1;
	if (q >= 0x3131 && q <= 0x314E)
		return is_syllable(c) && initials[(c - 0xAC00) / 588] == q;
	if (composing && is_syllable(q))
		return is_syllable(c) && (c - 0xAC00) / 28 == (q - 0xAC00) / 28;
	return 0;
}

static int has_units(const char *s, size_t n, const int32_t *q, size_t nq, int composing)
{
	int32_t win[64];
	size_t i = 0, k = 0;

	/* a sliding window of the last nq characters */
	while (i < n) {
		int32_t c = utf8_next(s, n, &i);
		size_t j;
		win[k++ % nq] = c;
		if (k < nq)
			continue;
		for (j = 0; j < nq; j++)
			if (!char_matches(win[(k - nq + j) % nq], q[j], composing && j == nq - 1))
				break;
		if (j == nq)
			return 1;
	}
	return 0;
}

static int korean(const struct query *q)
{
	return !strncmp(q->cls, "ko", 2) || !strcmp(q->cls, "nfd-ko");
}

static int by_units(const struct query *q)
{
	return !strncmp(q->cls, "cho", 3) || !strcmp(q->cls, "mix") || !strncmp(q->cls, "comp", 4);
}

static int composing(const struct query *q)
{
	return !strncmp(q->cls, "comp", 4);
}

/* What the brute force looks for, decoded for by_units */
struct want {
	const char *lower;
	size_t qn;
	int32_t units[64];
	size_t nu;
};

static int page_matches(const struct page *p, const struct query *q, const struct want *w)
{
	if (korean(q))
		return memmem(p->title, p->title_len, q->brute, w->qn) || memmem(p->plain, p->plain_len, q->brute, w->qn);
	if (by_units(q))
		return has_units(p->title, p->title_len, w->units, w->nu, composing(q)) ||
		       has_units(p->plain, p->plain_len, w->units, w->nu, composing(q));
	return has_word_prefix(p->title, p->title_len, w->lower, w->qn) ||
	       has_word_prefix(p->plain, p->plain_len, w->lower, w->qn);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/* The p-quantile (0..1) of sorted v[0..n), nearest rank. */
static double quantile(const double *v, size_t n, double p)
{
	size_t k = (size_t)(p * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	return v[(k > n ? n : k) - 1];
}

static int read_queries(const char *path, struct query **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t cap = 0;

	if (!f) {
		perror(path);
		return -1;
	}
	*out = NULL;
	*n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t'), *end;
		struct query *q;
		if (!tab)
			continue;
		*tab = 0;
		end = tab + 1 + strcspn(tab + 1, "\r\n");
		*end = 0;
		if (*n == cap) {
			cap = cap ? cap * 2 : 512;
			*out = realloc(*out, cap * sizeof(**out));
			if (!*out)
				exit(2);
		}
		q = &(*out)[(*n)++];
		memset(q, 0, sizeof(*q));
		snprintf(q->cls, sizeof(q->cls), "%.15s", line);
		{
			char *tab2 = strchr(tab + 1, '\t');
			if (tab2)
				*tab2 = 0;
			q->term = dup_text((const unsigned char *)tab + 1, NULL);
			q->brute = dup_text((const unsigned char *)(tab2 ? tab2 + 1 : tab + 1), NULL);
		}
	}
	fclose(f);
	return 0;
}

/* Compare one query's hits with the brute-force answer; returns the number of problems. */
static int check_recall(struct catalog *c, struct query *q, const char *lang, unsigned stamp)
{
	struct search_hit *hits;
	struct err e = { 0 };
	size_t n, qn = strlen(q->brute), at = 0;
	char lower[256];
	int bad = 0, shown = 0;
	struct want w = { lower, qn, { 0 }, 0 };

	for (size_t k = 0; k < qn && k < sizeof(lower) - 1; k++)
		lower[k] = (char)tolower((unsigned char)q->brute[k]);
	lower[qn < sizeof(lower) - 1 ? qn : sizeof(lower) - 1] = 0;
	while (at < qn && w.nu < 64)
		w.units[w.nu++] = utf8_next(q->brute, qn, &at);
	if (catalog_search(c, q->term, composing(q) ? CATALOG_SEARCH_COMPOSING : 0, lang, (int)npages + 1,
			   &hits, &n, &e) < 0) {
		printf("RECALL FAIL %s '%s': search failed: %s\n", q->cls, q->term, e.msg);
		return 1;
	}
	q->hits = (int)n;
	for (size_t i = 0; i < n; i++) {
		struct page *p = find_page(hits[i].pack_id, hits[i].slug, hits[i].lang);
		if (!p) {
			if (shown++ < 3)
				printf("RECALL FAIL %s '%s': hit /exhibit/%s [%s] is not an exhibit page\n",
				       q->cls, q->term, hits[i].slug, hits[i].lang);
			bad++;
		} else if (p->stamp == stamp) {
			if (shown++ < 3)
				printf("RECALL FAIL %s '%s': /exhibit/%s [%s] returned twice\n", q->cls,
				       q->term, p->slug, p->lang);
			bad++;
		} else {
			p->stamp = stamp;
			if (!page_matches(p, q, &w)) {
				if (shown++ < 3)
					printf("RECALL FAIL %s '%s': /exhibit/%s [%s] does not contain it\n",
					       q->cls, q->term, p->slug, p->lang);
				bad++;
			}
		}
	}
	catalog_hits_free(hits, n);
	q->expected = 0;
	for (size_t i = 0; i < npages; i++) {
		if (!page_matches(&pages[i], q, &w))
			continue;
		q->expected++;
		if (pages[i].stamp != stamp) {
			if (shown++ < 3)
				printf("RECALL FAIL %s '%s': /exhibit/%s [%s] contains it but was not found\n",
				       q->cls, q->term, pages[i].slug, pages[i].lang);
			bad++;
		}
	}
	if (q->expected != q->hits) {
		printf("RECALL FAIL %s '%s': %d hits, brute force finds %d pages\n", q->cls, q->term,
		       q->hits, q->expected);
		bad++;
	}
	return bad;
}

int main(int argc, char **argv)
{
	const char *db_path = NULL, *qpath = NULL, *lang = NULL;
	int reps = 7, limit = 20, failures = 0, failed_queries = 0, recall = 1;
	struct catalog *c;
	struct err e = { 0 };
	struct query *qs;
	size_t nq;
	const char *classes[32];
	size_t nclasses = 0;
	double t0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			limit = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-recall"))
			recall = 0;
		else if (!db_path)
			db_path = argv[i];
		else if (!qpath)
			qpath = argv[i];
		else
			db_path = NULL, i = argc;
	}
	if (!db_path || !qpath || reps < 1 || limit < 1) {
		fputs("usage: bench_search CATALOG.db QUERIES.txt [--reps N] [--lang L] [--limit N] [--no-recall]\n",
		      stderr);
		return 2;
	}
	if (read_queries(qpath, &qs, &nq) < 0 || load_pages(db_path, lang) < 0)
		return 2;
	if (catalog_open(&c, db_path, CATALOG_READONLY, &e) < 0) {
		fprintf(stderr, "bench_search: %s\n", e.msg);
		return 2;
	}

	/* latency: warm once, then reps timed runs per query */
	t0 = now_ms();
	for (size_t i = 0; i < nq; i++) {
		struct query *q = &qs[i];
		struct search_hit *hits;
		size_t n;
		size_t k;

		for (k = 0; k < nclasses && strcmp(classes[k], q->cls); k++)
			;
		if (k == nclasses && nclasses < sizeof(classes) / sizeof(*classes))
			classes[nclasses++] = q->cls;
		q->ms = xmalloc_or_die(sizeof(double) * (size_t)reps);
		for (int r = -1; r < reps; r++) {
			double a = now_ms(), b;
			if (catalog_search(c, q->term, composing(q) ? CATALOG_SEARCH_COMPOSING : 0, lang, limit, &hits, &n, &e) < 0) {
				fprintf(stderr, "bench_search: %s '%s': %s\n", q->cls, q->term, e.msg);
				return 1;
			}
			b = now_ms();
			catalog_hits_free(hits, n);
			if (r >= 0)
				q->ms[r] = b - a;
		}
		qsort(q->ms, (size_t)reps, sizeof(double), by_double);
		q->med = q->ms[reps / 2];
	}
	fprintf(stderr, "  (latency runs took %.1f s)\n", (now_ms() - t0) / 1e3);

	/* recall: every hit, against brute force */
	t0 = now_ms();
	for (size_t i = 0; i < nq && recall; i++) {
		int bad = check_recall(c, &qs[i], lang, (unsigned)i + 1);
		failures += bad;
		failed_queries += bad != 0;
	}
	fprintf(stderr, "  (recall checks took %.1f s)\n", (now_ms() - t0) / 1e3);

	printf("search over %zu exhibit pages (lang %s), limit %d, %d timed runs per query:\n", npages,
	       lang ? lang : "any", limit, reps);
	printf("  %-6s %7s %10s %10s %10s %8s  %-24s %s\n", "class", "queries", "median ms", "p99 ms",
	       "max ms", "target", "hits min/median/max", "recall");
	for (size_t k = 0; k < nclasses; k++) {
		size_t m = 0, nqc = 0, bad = 0;
		double *all = xmalloc_or_die(sizeof(double) * nq), p99;
		int *hits = xmalloc_or_die(sizeof(int) * nq);
		const struct query *slow = NULL;
		char hbuf[64];

		for (size_t i = 0; i < nq; i++) {
			if (strcmp(qs[i].cls, classes[k]))
				continue;
			all[m++] = qs[i].med;
			hits[nqc++] = qs[i].hits;
			bad += qs[i].hits != qs[i].expected;
			if (!slow || qs[i].med > slow->med)
				slow = &qs[i];
		}
		qsort(all, m, sizeof(double), by_double);
		qsort(hits, nqc, sizeof(int), by_int);
		p99 = quantile(all, m, 0.99);
		snprintf(hbuf, sizeof(hbuf), "%d/%d/%d", hits[0], hits[nqc / 2], hits[nqc - 1]);
		printf("  %-6s %7zu %10.3f %10.3f %10.3f %6s%.0f  %-24s %s\n", classes[k], nqc,
		       quantile(all, m, 0.5), p99, all[m - 1], p99 < TARGET_P99_MS ? "<" : "OVER ",
		       TARGET_P99_MS, recall ? hbuf : "-", !recall ? "unchecked" : bad ? "INCOMPLETE" : "complete");
		printf("         slowest: '%s' (%d hits), median %.3f ms of runs %.3f..%.3f ms\n", slow->term,
		       slow->hits, slow->med, slow->ms[0], slow->ms[reps - 1]);
		free(all);
		free(hits);
	}
	if (failures)
		printf("RECALL: %d problems in %d queries\n", failures, failed_queries);
	else if (!recall)
		printf("recall: not checked (--no-recall)\n");
	else
		printf("recall: complete for all %zu queries (every hit checked, counts equal brute force)\n", nq);

	for (size_t i = 0; i < nq; i++) {
		free(qs[i].term);
		free(qs[i].brute);
		free(qs[i].ms);
	}
	free(qs);
	for (size_t i = 0; i < npages; i++) {
		free(pages[i].key);
		free(pages[i].title);
		free(pages[i].plain);
	}
	free(pages);
	catalog_close(c);
	return failures ? 1 : 0;
}
