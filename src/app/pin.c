/* pin.c: the technician PIN, hashed with libsodium, and its lock-out. */
#include "pin.h"
#include "config.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pin_valid(const char *pin, struct err *e)
{
	size_t n = strlen(pin);

	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return fail(e, ERR_USAGE, "a PIN is digits only (the PIN pad has no other keys)");
	if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
		return fail(e, ERR_USAGE, "a PIN has %d to %d digits, this one has %zu", PIN_MIN_DIGITS,
			    PIN_MAX_DIGITS, n);
	return 0;
}

int pin_hash(const char *pin, char out[PIN_HASH_MAX], struct err *e)
{
	if (sodium_init() < 0)
		return fail(e, ERR_IO, "libsodium cannot start");
	if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE, PIN_MEMLIMIT) != 0)
		return fail(e, ERR_NOMEM, "hashing the PIN: out of memory");
	return 0;
}

char *pin_path(const struct config *c)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (c && c->path) {
		const char *slash = strrchr(c->path, '/');
		if (!slash)
			return xstrdup("kiosk.pin");
		return xasprintf("%.*s/kiosk.pin", (int)(slash - c->path), c->path);
	}
	if (xdg && *xdg)
		return xasprintf("%s/kiosk/kiosk.pin", xdg);
	return xasprintf("%s/.config/kiosk/kiosk.pin", home && *home ? home : ".");
}

int pin_store(const char *path, const char *pin, const char *group_of, struct err *e)
{
	char hash[PIN_HASH_MAX], *line, *dir;
	const char *slash = strrchr(path, '/');
	struct stat st;
	int rc;

	if (pin_valid(pin, e) < 0 || pin_hash(pin, hash, e) < 0)
		return -1;
	dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	rc = fs_mkdir_p(dir, e);
	free(dir);
	if (rc < 0)
		return -1;
	line = xasprintf("%s\n", hash);
	sodium_memzero(hash, sizeof(hash));
	rc = fs_write_atomic(path, line, strlen(line), e);
	free(line);
	if (rc < 0)
		return -1;
	if (chmod(path, 0640) < 0)
		return fail(e, ERR_IO, "%s: %s", path, strerror(errno));
	if (group_of && stat(group_of, &st) == 0 && chown(path, (uid_t)-1, st.st_gid) < 0)
		return fail(e, ERR_IO, "%s: cannot give it the group of %s: %s", path, group_of, strerror(errno));
	return 0;
}

int pin_load(const char *path, char out[PIN_HASH_MAX], struct err *e)
{
	struct buf b = BUF_INIT;
	struct err fe = { 0 };
	size_t n;

	if (!fs_exists(path))
		return 0;
	if (fs_read_file(path, 4096, &b, &fe) < 0) {
		buf_release(&b);
		return fail(e, ERR_IO, "%s", fe.msg);
	}
	n = b.len;
	while (n && (b.data[n - 1] == '\n' || b.data[n - 1] == '\r'))
		n--;
	if (n == 0 || n >= PIN_HASH_MAX || strncmp(b.data, "$argon2", 7) || memchr(b.data, '\n', n)) {
		buf_release(&b);
		return fail(e, ERR_FORMAT, "%s: not a PIN hash (set the PIN again with 'kiosk pin set')", path);
	}
	memcpy(out, b.data, n);
	out[n] = 0;
	buf_release(&b);
	return 1;
}

static int64_t lock_for(int wrong)
{
	int64_t ms = PIN_LOCK_MS;

	for (int i = PIN_TRIES; i < wrong && ms < PIN_LOCK_MAX_MS; i++)
		ms *= 2;
	return ms < PIN_LOCK_MAX_MS ? ms : PIN_LOCK_MAX_MS;
}

enum pin_result pin_check(struct pin_guard *g, const char *hash, const char *pin, int64_t now_ms,
			  int64_t *wait_ms)
{
	int64_t dummy;

	if (!wait_ms)
		wait_ms = &dummy;
	*wait_ms = 0;
	if (g->locked_until && now_ms < g->locked_until) {
		*wait_ms = g->locked_until - now_ms;
		return PIN_LOCKED;
	}
	if (sodium_init() >= 0 && pin_valid(pin, NULL) == 0 &&
	    crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
		g->wrong = 0;
		g->locked_until = 0;
		return PIN_RIGHT;
	}
	g->wrong++;
	g->locked_until = 0;
	if (g->wrong >= PIN_TRIES) {
		*wait_ms = lock_for(g->wrong);
		g->locked_until = now_ms + *wait_ms;
	}
	return PIN_WRONG;
}
