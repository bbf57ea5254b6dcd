/* test_dynlib.c: dynlib.h with zlib (libz.so.1), which every kiosk machine has: the
 * functions it finds work, a missing library or function is the documented message
 * with every pointer NULL, and a library is loaded once however many threads ask. */
#include "test.h"
#include "core/dynlib.h"
#include "core/err.h"

#include <SDL2/SDL_loadso.h>
#include <SDL2/SDL_thread.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#define ZLIB_SONAME "libz.so.1"
#define NO_SONAME "libkiosk-no-such-library.so.7"

/* The loads and unloads dynlib asks SDL for: the test's own SDL_LoadObject and
 * SDL_UnloadObject stand before SDL's, count, and hand on to SDL's. */
static int loads, unloads;

void *SDL_LoadObject(const char *sofile)
{
	void *(*real)(const char *);
	void *sym = dlsym(RTLD_NEXT, "SDL_LoadObject");

	__atomic_add_fetch(&loads, 1, __ATOMIC_SEQ_CST);
	memcpy(&real, &sym, sizeof(real));
	return real(sofile);
}

void SDL_UnloadObject(void *handle)
{
	void (*real)(void *);
	void *sym = dlsym(RTLD_NEXT, "SDL_UnloadObject");

	__atomic_add_fetch(&unloads, 1, __ATOMIC_SEQ_CST);
	memcpy(&real, &sym, sizeof(real));
	real(handle);
}

static void counts_reset(void)
{
	__atomic_store_n(&loads, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&unloads, 0, __ATOMIC_SEQ_CST);
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

/* zlib's functions without a prefix */
#define ZF_FUNCS(X) X(crc32) X(zlibVersion)
static struct zf_funcs {
#define ZF_PTR(f) __typeof__(f) *f;
	ZF_FUNCS(ZF_PTR)
#undef ZF_PTR
} zf;
#define ZF_SYM(f) { #f, offsetof(struct zf_funcs, f) },
static const struct dynlib_sym zf_syms[] = { ZF_FUNCS(ZF_SYM) };
#undef ZF_SYM

/* with the prefix "zlib" */
static struct {
	__typeof__(zlibVersion) *Version;
	__typeof__(zlibCompileFlags) *CompileFlags;
} zp;
static const struct dynlib_sym zp_syms[] = {
	{ "Version", offsetof(__typeof__(zp), Version) },
	{ "CompileFlags", offsetof(__typeof__(zp), CompileFlags) },
};

/* the second is not in zlib */
static struct {
	__typeof__(zlibVersion) *Version;
	void (*NoSuchFunction)(void);
} zm;
static const struct dynlib_sym zm_syms[] = {
	{ "Version", offsetof(__typeof__(zm), Version) },
	{ "NoSuchFunction", offsetof(__typeof__(zm), NoSuchFunction) },
};

static void test_found(void)
{
	static struct dynlib lib = DYNLIB_INIT(ZLIB_SONAME, "zlib (" ZLIB_SONAME ")", "", zf_syms, &zf,
					       "zlib 1.2 is needed");
	static struct dynlib libp = DYNLIB_INIT(ZLIB_SONAME, "zlib", "zlib", zp_syms, &zp, NULL);
	struct err e = { 0 };

	counts_reset();
	CHECK(dynlib_load(&lib, &e) == 0 && e.code == ERR_NONE, "%s loads: %s", ZLIB_SONAME, e.msg);
	CHECK(zf.crc32 && zf.crc32(0, (const Bytef *)"123456789", 9) == 0xcbf43926, "its crc32 is zlib's");
	CHECK(zf.zlibVersion && !strcmp(zf.zlibVersion(), zlibVersion()), "its zlibVersion says %s",
	      zf.zlibVersion ? zf.zlibVersion() : "(null)");
	CHECK(loads == 1 && unloads == 0, "loaded once and kept (%d loads, %d unloads)", loads, unloads);
	CHECK(dynlib_load(&lib, &e) == 0 && dynlib_load(&lib, NULL) == 0, "later calls say it loaded");
	CHECK(loads == 1, "without loading it again (%d loads)", loads);

	counts_reset();
	CHECK(dynlib_load(&libp, &e) == 0, "with a prefix: %s", e.msg);
	CHECK(zp.Version == zf.zlibVersion && zp.CompileFlags && zp.CompileFlags() == zlibCompileFlags(),
	      "\"zlib\" + \"Version\" is zlibVersion, \"zlib\" + \"CompileFlags\" zlibCompileFlags");
}

static void test_missing(void)
{
	static struct dynlib nolib = DYNLIB_INIT(NO_SONAME, "no-such (" NO_SONAME "), which tests", "zlib", zp_syms,
						 &zp, "zlib 1.2 is needed");
	static struct dynlib nofn = DYNLIB_INIT(ZLIB_SONAME, "zlib", "zlib", zm_syms, &zm,
						"zlib 9 or later is needed");
	static struct dynlib nofn_bare = DYNLIB_INIT(ZLIB_SONAME, "zlib", "zlib", zm_syms, &zm, NULL);
	const char *head = "cannot load no-such (" NO_SONAME "), which tests: ";
	struct err e = { 0 }, e2 = { 0 };

	/* the library absent: the table is cleared of whatever it held */
	counts_reset();
	memset(&zp, 0x5a, sizeof(zp));
	CHECK(dynlib_load(&nolib, &e) < 0 && e.code == ERR_IO, "a missing library fails with ERR_IO");
	CHECK(!strncmp(e.msg, head, strlen(head)) && e.msg[strlen(head)], "and says which, and why: %s", e.msg);
	CHECK(all_zero(&zp, sizeof(zp)), "every pointer is NULL");
	CHECK(dynlib_load(&nolib, &e2) < 0 && e2.code == ERR_IO && !strcmp(e2.msg, e.msg),
	      "a later call says the same: %s", e2.msg);
	CHECK(dynlib_load(&nolib, NULL) < 0, "with or without an err");
	CHECK(loads == 1 && unloads == 0, "without trying again (%d loads, %d unloads)", loads, unloads);

	/* a function absent: the library is let go, the functions found before are cleared */
	counts_reset();
	memset(&e, 0, sizeof(e));
	CHECK(dynlib_load(&nofn, &e) < 0 && e.code == ERR_IO, "a missing function fails with ERR_IO");
	CHECK_STR(e.msg, ZLIB_SONAME " has no zlibNoSuchFunction: zlib 9 or later is needed", "its message");
	CHECK(all_zero(&zm, sizeof(zm)), "every pointer is NULL, the one found before too");
	CHECK(loads == 1 && unloads == 1, "the library was loaded and let go (%d loads, %d unloads)", loads, unloads);
	CHECK(dynlib_load(&nofn, &e2) < 0 && !strcmp(e2.msg, e.msg) && loads == 1, "a later call says the same");

	CHECK(dynlib_load(&nofn_bare, &e) < 0, "the same without a version to ask for");
	CHECK_STR(e.msg, ZLIB_SONAME " has no zlibNoSuchFunction", "its message");
}

#define THREADS 8

struct racer {
	struct dynlib *lib;
	pthread_barrier_t *start;
	int ret;
	struct err e;
};

static void *race(void *arg)
{
	struct racer *r = arg;

	pthread_barrier_wait(r->start);
	r->ret = dynlib_load(r->lib, &r->e);
	/* the table is filled before dynlib_load returns 0 to any thread */
	if (r->ret == 0 && (!zf.crc32 || zf.crc32(0, (const Bytef *)"123456789", 9) != 0xcbf43926))
		r->ret = 1;
	/* SDL's error message of the thread that failed to load (SDL frees it itself
	 * only for its own threads) */
	SDL_TLSCleanup();
	return NULL;
}

/* Every thread of THREADS calls dynlib_load(lib) at once: 0 when all got want and
 * the same message. */
static int race_all(struct dynlib *lib, int want)
{
	pthread_barrier_t start;
	pthread_t t[THREADS];
	struct racer r[THREADS];
	int bad = 0;

	pthread_barrier_init(&start, NULL, THREADS);
	for (int i = 0; i < THREADS; i++) {
		r[i] = (struct racer){ .lib = lib, .start = &start };
		pthread_create(&t[i], NULL, race, &r[i]);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		if (r[i].ret != want || strcmp(r[i].e.msg, r[0].e.msg))
			bad++;
	}
	pthread_barrier_destroy(&start);
	return bad;
}

static void test_threads(void)
{
	static struct dynlib lib = DYNLIB_INIT(ZLIB_SONAME, "zlib", "", zf_syms, &zf, NULL);
	static struct dynlib nolib = DYNLIB_INIT(NO_SONAME, "no-such", "", zf_syms, &zf, NULL);

	memset(&zf, 0, sizeof(zf));
	counts_reset();
	CHECK(race_all(&lib, 0) == 0, "%d threads at once: each finds the functions", THREADS);
	CHECK(loads == 1, "the library loaded once (%d loads)", loads);

	counts_reset();
	CHECK(race_all(&nolib, -1) == 0, "%d threads at once and a missing library: each fails alike", THREADS);
	CHECK(loads == 1, "it was tried once (%d tries)", loads);
}

int main(void)
{
	test_found();
	test_missing();
	test_threads();
	return test_failures;
}
