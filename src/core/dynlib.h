/* dynlib.h: a shared library loaded at its first use (SDL_LoadObject), not linked,
 * its functions put into the caller's struct of typed function pointers. The caller
 * keeps the list of functions (an X-macro) and the struct; this does the loading,
 * once for the process, from any thread.
 *
 *	#define ZLIB_FUNCS(X) X(crc32) X(zlibVersion)
 *	static struct zlib_funcs {
 *	#define ZLIB_PTR(f) __typeof__(f) *f;
 *		ZLIB_FUNCS(ZLIB_PTR)
 *	} zf;
 *	#define ZLIB_SYM(f) { #f, offsetof(struct zlib_funcs, f) },
 *	static const struct dynlib_sym zlib_syms[] = { ZLIB_FUNCS(ZLIB_SYM) };
 *	static struct dynlib zlib = DYNLIB_INIT("libz.so.1", "zlib (libz.so.1)", "",
 *						zlib_syms, &zf, "zlib 1.2.9 or later is needed");
 *	...
 *	if (dynlib_load(&zlib, e) < 0)
 *		return -1;
 *	zf.crc32(0, p, n);
 */
#ifndef KIOSK_DYNLIB_H
#define KIOSK_DYNLIB_H

#include <pthread.h>
#include <stddef.h>

struct err;

/* One function of a library: its name without the library's prefix, and the byte
 * offset in the caller's struct of the function pointer that receives it. */
struct dynlib_sym {
	const char *name;
	size_t at;
};

/* A library and where its functions go: one static struct for each library, made
 * with DYNLIB_INIT, for the life of the process. The strings, syms and table are
 * borrowed and must live as long (string literals and statics). */
struct dynlib {
	const char *soname;            /* the file SDL_LoadObject opens: "libzip.so.4" */
	const char *what;              /* the library as a message names it when it cannot be
	                                  loaded: "libzip (libzip.so.4), which reads packs" */
	const char *prefix;            /* before each name in the library: "zip_", or "" */
	const struct dynlib_sym *syms; /* the functions, nsyms of them */
	size_t nsyms;
	void *table;                   /* the caller's struct of function pointers */
	size_t table_size;
	const char *needs;             /* the version a missing function calls for, or NULL:
	                                  "libzip 1.7 or later is needed" */
	/* the state of the loading: dynlib.c's alone */
	pthread_mutex_t lock;
	int done;                      /* the load was tried */
	char why[256];                 /* why it failed, or "" */
};

/* A struct dynlib for a static initializer. syms must be an array (its length is
 * taken with sizeof) and table a pointer to the caller's struct. */
#define DYNLIB_INIT(soname_, what_, prefix_, syms_, table_, needs_) { \
	.soname = (soname_), .what = (what_), .prefix = (prefix_), .syms = (syms_), \
	.nsyms = sizeof(syms_) / sizeof((syms_)[0]), .table = (table_), .table_size = sizeof(*(table_)), \
	.needs = (needs_), .lock = PTHREAD_MUTEX_INITIALIZER }

/* Load d->soname and put each of its functions prefix+name into its slot of
 * d->table, the first time it is called for d; later calls, from any thread, wait
 * for that one and say how it went, without loading again. Once it has returned 0
 * every slot holds its function, and the library stays loaded for the life of the
 * process. Returns 0, or -1 with e (which may be NULL) set to ERR_IO and the same
 * message on every call:
 *	"cannot load WHAT: REASON" when the library cannot be loaded (REASON is
 *	SDL_GetError's, as the first call saw it), or
 *	"SONAME has no PREFIXNAME: NEEDS" (": NEEDS" only when needs is not NULL) when a
 *	function is missing; the library is then unloaded.
 * On failure every byte of d->table is 0: every pointer NULL. */
int dynlib_load(struct dynlib *d, struct err *e);

#endif
