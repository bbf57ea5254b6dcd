#include "config.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct config *c;
	struct err *e;
	int failed;
	int line;
};

static int number(struct ctx *x, const char *name, const char *v, long min, long max, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!*v || *end || n < min || n > max) {
		fail(x->e, ERR_USAGE, "%s: '%s' must be a whole number from %ld to %ld", x->c->path,
		     name, min, max);
		x->failed = 1;
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
	char known[512] = "";

	for (size_t i = 0; i < sizeof(config_keys) / sizeof(*config_keys); i++)
		if (!strncmp(config_keys[i], section, len) && config_keys[i][len] == '.') {
			cands[n++] = config_keys[i] + len + 1;
			snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s", n > 1 ? ", " : "",
				 config_keys[i] + len + 1);
		}
	near = n ? pack_near_match(name, cands, n) : NULL;
	if (near)
		fail(x->e, ERR_USAGE, "%s: unknown key '%s' in [%s]; did you mean '%s'?", x->c->path, name, section, near);
	else if (n)
		fail(x->e, ERR_USAGE, "%s: unknown key '%s' in [%s] (known: %s)", x->c->path, name, section, known);
	else
		fail(x->e, ERR_USAGE, "%s: unknown key '%s' in [%s], which is not a section (known: kiosk, screen, "
		     "packs, audio)", x->c->path, name, section);
	x->failed = 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct ctx *x = user;
	struct config *c = x->c;
	long n;

	if (x->failed)
		return 0;
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
			x->failed = 1;
			return 0;
		}
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "allow_exit")) {
		if (!strcmp(value, "true") || !strcmp(value, "false")) {
			c->allow_exit = !strcmp(value, "true");
		} else {
			fail(x->e, ERR_USAGE, "%s: 'allow_exit' must be true or false", c->path);
			x->failed = 1;
			return 0;
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
			x->failed = 1;
			return 0;
		}
	} else if (!strcmp(section, "kiosk") && !strcmp(name, "default_language")) {
		free(c->default_lang);
		c->default_lang = xstrdup(value);
	} else if (!strcmp(section, "packs") && !strcmp(name, "max_uncompressed_mb")) {
		if (number(x, name, value, 1, 65536, &n))
			c->budget.max_total = (uint64_t)n << 20;
	} else if (!strcmp(section, "packs") && !strcmp(name, "max_entries")) {
		if (number(x, name, value, 1, 65535, &n))
			c->budget.max_entries = (uint64_t)n;
	} else if (!strcmp(section, "packs") && !strcmp(name, "max_ratio")) {
		if (number(x, name, value, 2, 100000, &n))
			c->budget.max_ratio = (uint64_t)n;
	} else if (!strcmp(section, "packs") && !strcmp(name, "allow_unsigned")) {
		if (!strcmp(value, "true") || !strcmp(value, "false")) {
			c->allow_unsigned = !strcmp(value, "true");
		} else {
			fail(x->e, ERR_USAGE, "%s: 'allow_unsigned' must be true or false", c->path);
			x->failed = 1;
			return 0;
		}
	} else if (!strcmp(section, "packs") && !strcmp(name, "trusted_key")) {
		struct sign_pubkey k;
		if (sign_pubkey_from_base64(&k, value, strlen(value), x->e) < 0) {
			err_prefix(x->e, "%s: trusted_key", c->path);
			x->failed = 1;
			return 0;
		}
		sign_keyring_add(&c->keys, &k);
	} else if (!strcmp(section, "packs") && !strcmp(name, "trusted_keys")) {
		c->key_dirs = xgrow(c->key_dirs, &c->key_dirs_cap, c->nkey_dirs + 1, sizeof(*c->key_dirs));
		c->key_dirs[c->nkey_dirs++] = xstrdup(value);
	} else if (!strcmp(section, "audio") && !strcmp(name, "narration")) {
		if (strcmp(value, "true") && strcmp(value, "false")) {
			fail(x->e, ERR_USAGE, "%s: 'narration' must be true or false", c->path);
			x->failed = 1;
			return 0;
		}
		c->narration = !strcmp(value, "true");
	} else if (!strcmp(section, "audio") && !strcmp(name, "volume")) {
		if (number(x, name, value, 0, 100, &n))
			c->volume = (int)n;
	} else {
		unknown_key(x, section, name);
		return 0;
	}
	return 1;
}

int config_load(struct config *c, const char *file, struct err *e)
{
	struct zip_budget def = ZIP_BUDGET_DEFAULT;
	struct ctx x = { c, e, 0, 0 };
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
	rc = ini_parse(path, handler, &x);
	if (rc < 0)
		return fail(e, ERR_NOTFOUND, "%s: cannot read the config file", path);
	if (x.failed)
		return -1;
	if (rc > 0)
		return fail(e, ERR_USAGE, "%s:%d: not a 'key = value' line", path, rc);
	return 0;
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
