/* ziplib.h: libzip, loaded at its first use (SDL_LoadObject), not linked.
 *
 * Debian's libzip brings in OpenSSL's libcrypto (for encrypted archives, which a
 * pack never is): 21,000 relocations and 130 page faults that every kiosk start
 * paid for before main. An empty program linked against the kiosk's libraries
 * took 18 ms from exec to exit, 15 ms without libzip (medians of 80
 * alternating runs, 2-core VM). The kiosk's first read of a pack is on the picture
 * thread, after the first frame is drawn (image_cache_hold). */
#ifndef KIOSK_ZIPLIB_H
#define KIOSK_ZIPLIB_H

#include <zip.h>

struct err;

/* The libzip functions the kiosk calls, without their zip_ prefix. */
#define ZIPLIB_FUNCS(X) \
	X(close) X(discard) X(error_code_zip) X(error_fini) X(error_init) X(error_init_with_code) X(error_strerror) \
	X(error_set) X(error_to_data) X(fclose) X(file_add) X(file_set_external_attributes) \
	X(file_set_mtime) X(file_strerror) X(fopen_index) X(fread) X(get_num_entries) \
	X(libzip_version) X(open) X(open_from_source) X(set_file_compression) X(source_buffer) \
	X(source_free) X(source_function_create) X(source_seek_compute_offset) X(stat_init) \
	X(strerror)

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

/* zip_fdopen(fd, flags, zerr), once ziplib_load returned 0, but with the archive's
 * reads done by pread through a window of ZIPLIB_WINDOW bytes of the file of its
 * own. libzip's own file source seeks and reads 4 KiB for each small read (two
 * system calls an entry for its checks of the local headers, five to read an
 * entry): 120,000 for the 20,000 entries of a pack of 10,000 exhibits. fd is
 * borrowed: it stays open, and its offset unmoved, so that the archives of one
 * descriptor can be read from several threads at once; it must stay open until
 * the archive is closed or discarded. NULL with *zerr a ZIP_ER_ code on failure. */
#define ZIPLIB_WINDOW 65536
zip_t *ziplib_open_fd(int fd, int flags, int *zerr);

#endif
