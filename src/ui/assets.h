/* assets.h: where the program's own data lives: keyboard layouts (keyboards/NAME.ini)
 * and the interface strings of each language (strings/<lang>.ini). The folder is
 * $KIOSK_ASSETS when set; else `assets/` beside the build tree of the running
 * program (build/kiosk -> ../assets, and up to three folders up so that
 * build/tests/ and build/asan/tests/ find it too); else ASSETS_SYSTEM_DIR
 * (/usr/share/kiosk/assets, where the Debian package installs it). A folder counts
 * as the assets folder when it holds strings/en.ini. Nothing is cached: each call
 * looks again, so a test may change $KIOSK_ASSETS between calls. */
#ifndef KIOSK_ASSETS_H
#define KIOSK_ASSETS_H

#include <stddef.h>

struct err;

#ifndef ASSETS_SYSTEM_DIR
#define ASSETS_SYSTEM_DIR "/usr/share/kiosk/assets"
#endif

/* One INI file of the assets folder, read with inih (the project's INI library)
 * with line numbers: handler(user, line, section, name, value) for each
 * `name = value` (strings borrowed for the call; returns 0 to stop reading). A
 * file over 256 KiB, bytes that are not UTF-8, a line longer than inih reads
 * (196 bytes) and a line that is neither a [section] nor name = value are added
 * to d as errors naming path:line, and the file is read on. Returns 0 when the
 * file was read, -1 (with one diagnostic saying why) when it could not be. */
struct diag_list;
typedef int (*assets_ini_handler)(void *user, int line, const char *section, const char *name,
				  const char *value);
int assets_ini_read(const char *path, assets_ini_handler handler, void *user, struct diag_list *d);

/* Write the assets folder's path (no trailing slash, UTF-8 or bytes as the file
 * system has them) into out, of size bytes. 0, or -1 with ERR_NOTFOUND and a
 * one-line message that names every place looked in (a $KIOSK_ASSETS that is set
 * but holds no strings/en.ini is an error of its own: it is never skipped). */
int assets_find(char *out, size_t size, struct err *e);

/* A new string "<assets folder>/<rel>" (rel such as "keyboards"); the caller frees
 * it. NULL and the error of assets_find when there is no assets folder. */
char *assets_path(const char *rel, struct err *e);

/* One INI file of the assets folder, read with inih (the project's INI library)
 * with line numbers: handler(user, line, section, name, value) for each
 * `name = value` (strings borrowed for the call; returns 0 to stop reading). A
 * file over 256 KiB, bytes that are not UTF-8, a line longer than inih reads
 * (196 bytes) and a line that is neither a [section] nor name = value are added
 * to d as errors naming path:line, and the file is read on. Returns 0 when the
 * file was read, -1 (with one diagnostic saying why) when it could not be. */
struct diag_list;
typedef int (*assets_ini_handler)(void *user, int line, const char *section, const char *name,
				  const char *value);
int assets_ini_read(const char *path, assets_ini_handler handler, void *user, struct diag_list *d);

#endif
