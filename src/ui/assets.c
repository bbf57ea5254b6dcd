/* assets.c: finding the assets folder. */
#include "assets.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <ini.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MARKER "strings/en.ini"

static int holds_marker(const char *dir)
{
	char p[PATH_MAX];

	if (snprintf(p, sizeof(p), "%s/" MARKER, dir) >= (int)sizeof(p))
		return 0;
	return fs_exists(p);
}

static int put(char *out, size_t size, const char *dir, struct err *e)
{
	if (snprintf(out, size, "%s", dir) >= (int)size)
		return fail(e, ERR_USAGE, "assets folder path '%s' is too long", dir);
	return 0;
}

/* The folder `assets` in the program's folder or the first of its three parents
 * that has one; 0 and the path in found, or -1. */
static int beside_program(char *found, size_t size, char *tried, size_t tsize)
{
	char exe[PATH_MAX], dir[PATH_MAX + 8];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	exe[n] = 0;
	for (int up = 0; up < 4; up++) {
		slash = strrchr(exe, '/');
		if (!slash || slash == exe)
			return -1;
		*slash = 0;
		snprintf(dir, sizeof(dir), "%s/assets", exe);
		if (holds_marker(dir))
			return snprintf(found, size, "%s", dir) >= (int)size ? -1 : 0;
		if (up == 0)
			if (snprintf(tried, tsize, "%s", dir) >= (int)tsize)
				return -1;
	}
	return -1;
}

int assets_find(char *out, size_t size, struct err *e)
{
	const char *env = getenv("KIOSK_ASSETS");
	char tried[PATH_MAX] = "(the program's path is unknown)";

	if (env && *env) {
		if (!holds_marker(env))
			return fail(e, ERR_NOTFOUND, "assets folder not found: KIOSK_ASSETS is '%s', which holds no "
				    MARKER, env);
		return put(out, size, env, e);
	}
	if (beside_program(out, size, tried, sizeof(tried)) == 0)
		return 0;
	if (holds_marker(ASSETS_SYSTEM_DIR))
		return put(out, size, ASSETS_SYSTEM_DIR, e);
	return fail(e, ERR_NOTFOUND,
		    "assets folder not found: looked for " MARKER " in %s (and up to three folders above) and in "
		    ASSETS_SYSTEM_DIR "; install the kiosk package or set KIOSK_ASSETS", tried);
}

char *assets_path(const char *rel, struct err *e)
{
	char dir[PATH_MAX];

	if (assets_find(dir, sizeof(dir), e) < 0)
		return NULL;
	return xasprintf("%s/%s", dir, rel);
}

struct reader {
	const char *path;
	const char *p, *end;
	int line;
	assets_ini_handler handler;
	void *user;
	struct diag_list *d;
	int stopped;
};

/* inih's fgets: one line at a time, counting lines; a line longer than inih's
 * buffer is reported and read as an empty comment, never cut in two */
static char *next_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const char *nl;
	size_t n;

	if (r->p >= r->end || r->stopped)
		return NULL;
	r->line++;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	n = nl ? (size_t)(nl - r->p) + 1 : (size_t)(r->end - r->p);
	if (num < 4 || n > (size_t)num - 1) {
		diag_add(r->d, DIAG_ERROR, r->path, r->line, "line longer than %d bytes", num > 4 ? num - 4 : 0);
		r->p += n;
		snprintf(str, (size_t)num, ";\n");
		return str;
	}
	memcpy(str, r->p, n);
	str[n] = 0;
	r->p += n;
	return str;
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
	struct reader *r = user;

	if (!r->handler(r->user, r->line, section, name, value))
		r->stopped = 1;
	return 1;
}

int assets_ini_read(const char *path, assets_ini_handler handler, void *user, struct diag_list *d)
{
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	struct reader r = { path, NULL, NULL, 0, handler, user, d, 0 };
	size_t bad;
	int rc;

	if (fs_read_file(path, 256 * 1024, &text, &e) < 0) {
		size_t n = strlen(path);
		/* fs_read_file's message begins with the path, which the diagnostic names */
		diag_add(d, DIAG_ERROR, path, 0, "%s",
			 !strncmp(e.msg, path, n) && !strncmp(e.msg + n, ": ", 2) ? e.msg + n + 2 : e.msg);
		buf_release(&text);
		return -1;
	}
	if (!utf8_valid(text.data, text.len, &bad)) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += text.data[i] == '\n';
		diag_add(d, DIAG_ERROR, path, line, "not UTF-8 (byte %zu)", bad);
		buf_release(&text);
		return 0;
	}
	r.p = text.data;
	r.end = text.data + text.len;
	rc = ini_parse_stream(next_line, &r, on_pair, &r);
	if (rc > 0)
		diag_add(d, DIAG_ERROR, path, rc, "not a [section] or a name = value line");
	buf_release(&text);
	return 0;
}
