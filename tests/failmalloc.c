/* failmalloc.c: an LD_PRELOAD shim that makes memory allocations fail, as they do on
 * a kiosk that runs short of memory, to prove that the running kiosk survives it and
 * comes back when memory is there again. Built as $(BUILD)/tests/failmalloc.so
 * (tests/torture.mk); used by tests/e2e/t_nomem.sh. Not for sanitizer builds (their
 * runtime replaces malloc itself).
 *
 *   FAILMALLOC_MIN=BYTES     fail allocations of at least BYTES (default 262144): the
 *                            pictures, textures and buffers a kiosk needs most
 *   FAILMALLOC_AFTER_MS=MS   start failing MS milliseconds after the program starts
 *                            (default 0)
 *   FAILMALLOC_FOR_MS=MS     and stop failing MS milliseconds later (default: never)
 *   FAILMALLOC_EVERY=N       of the allocations smaller than BYTES made in that
 *                            window, fail one in N as well (default 0: none)
 *   FAILMALLOC_REPORT=FILE   at exit, write how many allocations failed to FILE
 *
 * An allocation made by libX11, its extension libraries (libXi, libXext, libXrandr,
 * libXcursor and the other libX*) or libxcb is never failed: libX11 ends the program
 * on one (xcb_io.c asserts, or "XIO: fatal IO error 12") and libXi dereferences it
 * while it queues an input event (a crash in _XEnq), whatever the kiosk does, so
 * failing it would test Xlib, not the kiosk, and would make the test pass or fail by
 * where the one-in-N failure happens to land. A small failure owed to such an
 * allocation goes to the next small allocation of anybody else.
 *
 * malloc, calloc, realloc, reallocarray, posix_memalign, aligned_alloc, memalign and
 * valloc are replaced; each calls glibc's own (__libc_malloc and the others), so no
 * dlsym is needed before the first allocation. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static size_t min_bytes = 262144;
static int64_t from_ms, until_ms = INT64_MAX;
static unsigned every;
static int64_t t0;
static unsigned long failed, small_seen;
static int owed; /* a small failure passed over for libX11: the next one fails */
static const char *report;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long env_num(const char *name, long long dflt)
{
	const char *v = getenv(name);
	return v && *v ? strtoll(v, NULL, 10) : dflt;
}

__attribute__((constructor)) static void init(void)
{
	t0 = now_ms();
	min_bytes = (size_t)env_num("FAILMALLOC_MIN", 262144);
	from_ms = env_num("FAILMALLOC_AFTER_MS", 0);
	if (getenv("FAILMALLOC_FOR_MS"))
		until_ms = from_ms + env_num("FAILMALLOC_FOR_MS", 0);
	every = (unsigned)env_num("FAILMALLOC_EVERY", 0);
	report = getenv("FAILMALLOC_REPORT");
}

__attribute__((destructor)) static void fini(void)
{
	FILE *f;

	if (!report || !(f = fopen(report, "w")))
		return;
	fprintf(f, "%lu\n", failed);
	fclose(f);
}

/* 1 when the code at ra (an allocation's caller) is in libX11, a libX* extension
 * library or libxcb. dladdr does not allocate; it is asked only of allocations picked
 * to fail. */
static int in_xlib(void *ra)
{
	Dl_info d;
	const char *base;

	if (!ra || !dladdr(ra, &d) || !d.dli_fname)
		return 0;
	base = strrchr(d.dli_fname, '/');
	base = base ? base + 1 : d.dli_fname;
	return !strncmp(base, "libX", 4) || !strncmp(base, "libxcb", 6);
}

/* 1: this allocation of n bytes, asked for by code at ra, fails (errno set as glibc
 * would) */
static int fail_now(size_t n, void *ra)
{
	int64_t t;

	if (!t0)
		return 0; /* before the constructor: the loader's own allocations */
	t = now_ms() - t0;
	if (t < from_ms || t >= until_ms)
		return 0;
	if (n < min_bytes) {
		if (!every)
			return 0;
		if (__atomic_add_fetch(&small_seen, 1, __ATOMIC_RELAXED) % every != 0 &&
		    !__atomic_load_n(&owed, __ATOMIC_RELAXED))
			return 0;
		if (in_xlib(ra)) {
			__atomic_store_n(&owed, 1, __ATOMIC_RELAXED);
			return 0;
		}
		__atomic_store_n(&owed, 0, __ATOMIC_RELAXED);
	} else if (in_xlib(ra)) {
		return 0;
	}
	__atomic_add_fetch(&failed, 1, __ATOMIC_RELAXED);
	errno = ENOMEM;
	return 1;
}

void *malloc(size_t n)
{
	return fail_now(n, __builtin_return_address(0)) ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return __libc_calloc(n, size); /* glibc refuses the overflow itself */
	return fail_now(n * size, __builtin_return_address(0)) ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees: never a failure */
	return n && fail_now(n, __builtin_return_address(0)) ? NULL : __libc_realloc(p, n);
}

void *reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (fail_now(n, __builtin_return_address(0)))
		return ENOMEM;
	p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	return fail_now(n, __builtin_return_address(0)) ? NULL : __libc_memalign(align, n);
}

void *memalign(size_t align, size_t n)
{
	return fail_now(n, __builtin_return_address(0)) ? NULL : __libc_memalign(align, n);
}

void *valloc(size_t n)
{
	return fail_now(n, __builtin_return_address(0)) ? NULL : __libc_memalign(4096, n);
}
