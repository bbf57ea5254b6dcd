#include "config.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct config *c;
	struct err *e;       /* each error is made here, then kept in bad */
	const char *text;    /* the file */
	int line;            /* the line of the key the handler was last called with */
	struct bad { int line; char *msg; } *bad;  /* the errors, owned */
	size_t nbad, bad_cap;
};

/* Errors of one file named one by one; past them, one line counts the rest. */
#define CONFIG_ERRORS_SHOWN 5

/* The line after line `after` (1-based; 0: from the start) that sets key `name`
 * ("name = ..." or "name: ..."), or `after` when none does: inih (built without
 * INI_HANDLER_LINENO) calls the handler for the keys in the order of the file. */
static int line_after(const char *text, const char *name, int after)
{
	size_t n = strlen(name);
	int line = 1;

	for (const char *s = text; s && *s; line++, s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL) {
		const char *t = s;
		if (line <= after)
			continue;
		while (*t == ' ' || *t == '\t')
			t++;
		if (strncmp(t, name, n))
			continue;
		t += n;
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t == '=' || *t == ':')
			return line;
	}
	return after;
}

/* The error just made in x->e, about the key on x->line, kept. */
static void bad(struct ctx *x)
{
	const char *msg = x->e->msg;
	size_t n = strlen(x->c->path);

	if (!strncmp(msg, x->c->path, n) && !strncmp(msg + n, ": ", 2))
		msg += n + 2; /* the message named the file; the line goes with it now */
	x->bad = xgrow(x->bad, &x->bad_cap, x->nbad + 1, sizeof(*x->bad));
	x->bad[x->nbad++] = (struct bad){ x->line, xstrdup(msg) };
}

static int by_line(const void *a, const void *b)
{
	const struct bad *p = a, *q = b;

	return (p->line > q->line) - (p->line < q->line);
}

/* Every error kept, in the order of the file, one "PATH:LINE: what" line each, into
 * e; the errors are freed. -1 when there was one, else 0. */
static int report(struct ctx *x, struct err *e)
{
	struct buf b = BUF_INIT;
	size_t n = x->nbad;

	/* a stable order: errors of one line stay in the order they were found */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && by_line(&x->bad[j - 1], &x->bad[j]) > 0; j--) {
			struct bad t = x->bad[j];
			x->bad[j] = x->bad[j - 1];
			x->bad[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		if (i < CONFIG_ERRORS_SHOWN) {
			if (b.len)
				buf_addc(&b, '\n');
			if (x->bad[i].line > 0)
				buf_addf(&b, "%s:%d: %s", x->c->path, x->bad[i].line, x->bad[i].msg);
			else
				buf_addf(&b, "%s: %s", x->c->path, x->bad[i].msg);
		}
		free(x->bad[i].msg);
	}
	if (n > CONFIG_ERRORS_SHOWN)
		buf_addf(&b, "\n%s: and %zu more errors", x->c->path, n - CONFIG_ERRORS_SHOWN);
	free(x->bad);
	x->bad = NULL;
	x->nbad = 0;
	if (n)
		fail(e, ERR_USAGE, "%s", b.data);
	buf_release(&b);
	return n ? -1 : 0;
}

static int number(struct ctx *x, const char *name, const char *v, long min, long max, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!*v || *end || n < min || n > max) {
		fail(x->e, ERR_USAGE, "%s: '%s' must be a whole number from %ld to %ld", x->c->path,
		     name, min, max);
		bad(x);
		return 0;
	}
	*out = n;
	return 1;
}

/* Every key of the config, as "section.name", for "did you mean" (pack_near_match). */
static const char *const config_keys[] = {
	"kiosk.data_dir", "kiosk.idle_seconds", "kiosk.prompt_seconds", "kiosk.hours", "kiosk.default_language",
	"kiosk.allow_exit", "screen.height_mm", "screen.bottom_mm", "screen.reach", "packs.max_uncompressed_mb",
	"packs.max_entries", "packs.max_ratio", "packs.allow_unsigned", "packs.trusted_key", "packs.trusted_keys",
	"audio.narration", "audio.volume",
};

/* An unknown key: one error, naming the key of that section it is likely a
 * misspelling of, or the keys the section has. */
static void unknown_key(struct ctx *x, const char *section, const char *name)
{
	const char *cands[sizeof(config_keys) / sizeof(*config_keys)], *near;
	size_t n = 0, len = strlen(section);
	char known[512] = "", key[96], sec[96];

	for (size_t i = 0; i < sizeof(config_keys) / sizeof(*config_keys); i++)
		if (!strncmp(config_keys[i], section, len) && config_keys[i][len] == '.') {
			cands[n++] = config_keys[i] + len + 1;
			snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s", n > 1 ? ", " : "",
				 config_keys[i] + len + 1);
		}
	near = n ? pack_near_match(name, cands, n) : NULL;
	/* shown as they can be read: a file of random bytes stays one line per key */
	utf8_quote(name, strlen(name), key, sizeof(key));
	utf8_quote(section, strlen(section), sec, sizeof(sec));
	if (near)
		fail(x->e, ERR_USAGE, "%s: unknown key '%s' in [%s]; did you mean '%s'?", x->c->path, key, sec, near);
	else if (n)
		fail(x->e, ERR_USAGE, "%s: unknown key '%s' in [%s] (known: %s)", x->c->path, key, sec, known);
	else
		fail(x->e, ERR_USAGE, "%s: unknown key '%s' in [%s], which is not a section (known: kiosk, screen, "
		     "packs, audio)", x->c->path, key, sec);
	bad(x);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct ctx *x = user;
	struct config *c = x->c;
	long n;

	x->line = line_after(x->text, name, x->line);
	if (!strcmp(section, "kiosk") && !strcmp(name, "data_dir")) {
		free(c->data_dir);
		c->data_dir = xstrdup(value);
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "idle_seconds")) {
		if (number(x, name, value, 5, 86400, &n))
			c->idle_seconds = (int)n;
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "prompt_seconds")) {
		if (number(x, name, value, 3, 600, &n))
			c->prompt_seconds = (int)n;
	} else if (!strcmp(section, "screen") && !strcmp(name, "reach")) {
		if (!strcmp(value, "true") || !strcmp(value, "false")) {
			c->reach = !strcmp(value, "true");
		} else {
			fail(x->e, ERR_USAGE, "%s: 'reach' must be true or false", c->path);
			bad(x);
			return 1; /* kept: inih's own return is for lines it cannot read */
		}
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "allow_exit")) {
		if (!strcmp(value, "true") || !strcmp(value, "false")) {
			c->allow_exit = !strcmp(value, "true");
		} else {
			fail(x->e, ERR_USAGE, "%s: 'allow_exit' must be true or false", c->path);
			bad(x);
			return 1; /* kept: inih's own return is for lines it cannot read */
		}
	} else if (!strcmp(section, "screen") && !strcmp(name, "height_mm")) {
		if (number(x, name, value, 50, 5000, &n))
			c->screen_height_mm = (int)n;
	} else if (!strcmp(section, "screen") && !strcmp(name, "bottom_mm")) {
		if (number(x, name, value, 0, 3000, &n))
			c->screen_bottom_mm = (int)n;
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "hours")) {
		if (schedule_parse_hours(&c->hours, value, x->e) < 0) {
			err_prefix(x->e, "%s", c->path);
			bad(x);
			return 1; /* kept: inih's own return is for lines it cannot read */
		}
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "default_language")) {
		free(c->default_lang);
		c->default_lang = xstrdup(value);
	} else if (!strcmp(section, "packs") && !strcmp(name, "max_uncompressed_mb")) {
		if (number(x, name, value, 1, ZIP_LIMIT_TOTAL_MB, &n))
			c->budget.max_total = (uint64_t)n << 20;
	} else if (!strcmp(section, "packs") && !strcmp(name, "max_entries")) {
		if (number(x, name, value, 1, ZIP_LIMIT_ENTRIES, &n))
			c->budget.max_entries = (uint64_t)n;
	} else if (!strcmp(section, "packs") && !strcmp(name, "max_ratio")) {
		if (number(x, name, value, 2, ZIP_LIMIT_RATIO, &n))
			c->budget.max_ratio = (uint64_t)n;
	} else if (!strcmp(section, "packs") && !strcmp(name, "allow_unsigned")) {
		if (!strcmp(value, "true") || !strcmp(value, "false")) {
			c->allow_unsigned = !strcmp(value, "true");
		} else {
			fail(x->e, ERR_USAGE, "%s: 'allow_unsigned' must be true or false", c->path);
			bad(x);
			return 1; /* kept: inih's own return is for lines it cannot read */
		}
	} else if (!strcmp(section, "packs") && !strcmp(name, "trusted_key")) {
		struct sign_pubkey k;
		if (sign_pubkey_from_base64(&k, value, strlen(value), x->e) < 0) {
			err_prefix(x->e, "%s: trusted_key", c->path);
			bad(x);
			return 1; /* kept: inih's own return is for lines it cannot read */
		}
		sign_keyring_add(&c->keys, &k);
	} else if (!strcmp(section, "packs") && !strcmp(name, "trusted_keys")) {
		c->key_dirs = xgrow(c->key_dirs, &c->key_dirs_cap, c->nkey_dirs + 1, sizeof(*c->key_dirs));
		c->key_dirs[c->nkey_dirs++] = xstrdup(value);
	} else if (!strcmp(section, "audio") && !strcmp(name, "narration")) {
		if (strcmp(value, "true") && strcmp(value, "false")) {
			fail(x->e, ERR_USAGE, "%s: 'narration' must be true or false", c->path);
			bad(x);
			return 1; /* kept: inih's own return is for lines it cannot read */
		}
		c->narration = !strcmp(value, "true");
	} else if (!strcmp(section, "audio") && !strcmp(name, "volume")) {
		if (number(x, name, value, 0, 100, &n))
			c->volume = (int)n;
	} else {
		unknown_key(x, section, name);
	}
	return 1;
}

/* A config file is read whole, this many bytes at most. */
#define CONFIG_MAX_BYTES (1u << 20)

/* The file at path, whole, into out: a regular file, or what reads like one
 * (/dev/null, a pipe); a folder is refused. -1 with ERR_NOTFOUND and the reason. */
static int read_config(const char *path, struct buf *out, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
	struct stat st;
	char *what;

	if (fd < 0)
		return fail(e, ERR_NOTFOUND, "%s: cannot read the config file: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(e, ERR_NOTFOUND, "%s: cannot read the config file: it is a folder", path);
	}
	/* fs_read_fd's messages begin with this, then the reason */
	what = xasprintf("%s: cannot read the config file", path);
	rc = fs_read_fd(fd, what, CONFIG_MAX_BYTES, out, e);
	free(what);
	close(fd);
	if (rc < 0 && e)
		e->code = ERR_NOTFOUND;
	return rc;
}

/* The longest line inih (INI_MAX_LINE, 200 bytes with its newline and NUL) reads
 * whole; past it, it would read the rest as another line. */
#define CONFIG_MAX_LINE (INI_MAX_LINE - 2)

/* The file's text as inih is given it, each line kept in its place: a comment line
 * (; or # first) becomes empty, whatever its length; so does what follows a ; or #
 * after a space or tab on a line (inih takes only ;); and a line longer than
 * CONFIG_MAX_LINE is an error, and is left out. */
static void without_comments(struct ctx *x, struct buf *text)
{
	struct buf out = BUF_INIT;
	const char *s = text->data, *end = text->data + text->len;

	for (int line = 1; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *eol = nl ? nl : end, *t = s;
		while (t < eol && (*t == ' ' || *t == '\t'))
			t++;
		if (t < eol && *t != ';' && *t != '#') {
			const char *c = t;
			while (c < eol && !((*c == ';' || *c == '#') && (c[-1] == ' ' || c[-1] == '\t')))
				c++;
			if (c - s > CONFIG_MAX_LINE) {
				x->line = line;
				fail(x->e, ERR_USAGE, "the line is longer than %d bytes", CONFIG_MAX_LINE);
				bad(x);
			} else {
				buf_add(&out, s, (size_t)(c - s));
			}
		}
		buf_addc(&out, '\n');
		s = nl ? nl + 1 : end;
	}
	buf_release(text);
	*text = out;
}

int config_load(struct config *c, const char *file, struct err *e)
{
	struct zip_budget def = ZIP_BUDGET_DEFAULT;
	struct ctx x = { c, e, NULL, 0, NULL, 0, 0 };
	struct buf text = BUF_INIT;
	char *path = NULL;
	int rc;

	memset(c, 0, sizeof(*c));
	c->budget = def;
	c->idle_seconds = 60;
	c->prompt_seconds = 20;
	c->screen_bottom_mm = 600;
	c->narration = 1;
	c->volume = 80;
	if (file) {
		path = xstrdup(file);
	} else if (getenv("KIOSK_CONFIG") && *getenv("KIOSK_CONFIG")) {
		path = xstrdup(getenv("KIOSK_CONFIG"));
	} else {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		char *user = xdg && *xdg ? xasprintf("%s/kiosk/kiosk.ini", xdg) :
			     home ? xasprintf("%s/.config/kiosk/kiosk.ini", home) : NULL;
		if (user && fs_exists(user))
			path = user;
		else {
			free(user);
			if (fs_exists("/etc/kiosk/kiosk.ini"))
				path = xstrdup("/etc/kiosk/kiosk.ini");
		}
	}
	if (!path)
		return 0;
	c->path = path;
	if (read_config(path, &text, e) < 0) {
		buf_release(&text);
		return -1;
	}
	without_comments(&x, &text);
	x.text = text.data;
	rc = ini_parse_string(x.text, handler, &x);
	if (rc > 0) {
		/* a line inih cannot read, among the others in the order of the file */
		x.line = rc;
		fail(e, ERR_USAGE, "not a 'key = value' line");
		bad(&x);
	}
	buf_release(&text);
	return report(&x, e);
}

void config_release(struct config *c)
{
	free(c->path);
	free(c->data_dir);
	free(c->default_lang);
	sign_keyring_release(&c->keys);
	for (size_t i = 0; i < c->nkey_dirs; i++)
		free(c->key_dirs[i]);
	free(c->key_dirs);
	memset(c, 0, sizeof(*c));
}

int config_trusted_keys(const struct config *c, const char *data_dir, struct sign_keyring *out,
			struct err *e)
{
	char *dir = xasprintf("%s/keys", data_dir);
	int rc;

	for (size_t i = 0; c && i < c->keys.n; i++)
		sign_keyring_add(out, &c->keys.v[i]);
	rc = sign_keyring_add_dir(out, dir, e);
	for (size_t i = 0; rc == 0 && c && i < c->nkey_dirs; i++)
		rc = sign_keyring_add_dir(out, c->key_dirs[i], e);
	free(dir);
	return rc;
}

char *config_data_dir(const struct config *c, const char *arg)
{
	const char *env = getenv("KIOSK_DATA"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (arg && *arg)
		return xstrdup(arg);
	if (env && *env)
		return xstrdup(env);
	if (c && c->data_dir)
		return xstrdup(c->data_dir);
	if (xdg && *xdg)
		return xasprintf("%s/kiosk", xdg);
	return xasprintf("%s/.local/share/kiosk", home && *home ? home : ".");
}
