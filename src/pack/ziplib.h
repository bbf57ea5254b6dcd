/* ziplib.h: libzip, loaded at its first use (SDL_LoadObject), not linked.
 *
 * Debian's libzip brings in OpenSSL's libcrypto (for encrypted archives, which a
 * pack never is): 21,000 relocations and 130 page faults that every kiosk start
 * paid for before main. An empty program linked against the kiosk's libraries
 * took 18 ms from exec to exit, 15 ms without libzip (`farm-bench`, medians of 80
 * alternating runs, 2-core VM). The kiosk's first read of a pack is on the picture
 * thread, after the first frame is drawn (image_cache_hold). */
#ifndef KIOSK_ZIPLIB_H
#define KIOSK_ZIPLIB_H

#include <zip.h>

struct err;

/* The libzip functions the kiosk calls, without their zip_ prefix. */
#define ZIPLIB_FUNCS(X) \
	X(close) X(discard) X(error_fini) X(error_init) X(error_init_with_code) X(error_strerror) \
	X(fclose) X(fdopen) X(file_add) X(file_set_external_attributes) X(file_set_mtime) \
	X(file_strerror) X(fopen_index) X(fread) X(get_num_entries) X(libzip_version) X(open) \
	X(set_file_compression) X(source_buffer) X(source_free) X(strerror)

/* zl.open is zip_open, and so on: valid once ziplib_load returned 0. */
struct ziplib {
#define ZIPLIB_PTR(f) __typeof__(zip_##f) *f;
	ZIPLIB_FUNCS(ZIPLIB_PTR)
#undef ZIPLIB_PTR
};
extern struct ziplib zl;

/* Loads libzip (libzip.so.4) and fills zl, once for the process, from any thread;
 * later calls only say how that went. Returns 0, or -1 with e (ERR_IO) naming the
 * library and what is missing (e may be NULL). */
int ziplib_load(struct err *e);

#endif
