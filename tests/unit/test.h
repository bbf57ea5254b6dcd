/* test.h: the smallest harness: CHECK prints "ok - ..." or "not ok - ..." (counted by
 * tests/run.sh); main returns the number of failures. */
#ifndef KIOSK_TEST_H
#define KIOSK_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failures;

#define CHECK(cond, ...)                                                    \
	do {                                                                \
		if (cond) {                                                 \
			printf("ok - ");                                    \
		} else {                                                    \
			printf("not ok - %s:%d: ", __FILE__, __LINE__);     \
			test_failures++;                                    \
		}                                                           \
		printf(__VA_ARGS__);                                        \
		printf("\n");                                               \
	} while (0)

#define CHECK_STR(got, want, what)                                          \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		CHECK(g_ && !strcmp(g_, w_), "%s: got '%s', want '%s'", what, \
		      g_ ? g_ : "(null)", w_);                              \
	} while (0)

/* Write text to the file dir/name, for a test's fixtures. A file that cannot be
 * written is left for the test's own checks to notice. */
static inline void test_put(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w"))) {
		fputs(text, f);
		fclose(f);
	}
}

#endif
