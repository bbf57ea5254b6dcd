/* strings.c: the interface strings, read from assets/strings/<lang>.ini. */
#include "strings.h"
#include "assets.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each id's key in the files, and the printf arguments the code passes with it:
 * 'd' an int, 's' a UTF-8 string, in order. */
static const struct {
	const char *key;
	const char *args;
} ids[STR_COUNT_] = {
	[STR_BACK] = { "back", "" },
	[STR_HOME] = { "home", "" },
	[STR_TEXT_SIZE] = { "text_size", "" },
	[STR_PREVIOUS] = { "previous", "" },
	[STR_NEXT] = { "next", "" },
	[STR_TOUCH_TO_BEGIN] = { "touch_to_begin", "" },
	[STR_STILL_THERE] = { "still_there", "" },
	[STR_RETURNING] = { "returning", "d" },
	[STR_CONTINUE] = { "continue", "" },
	[STR_SOURCE] = { "source", "" },
	[STR_SEARCH] = { "search", "" },
	[STR_NO_RESULTS] = { "no_results", "" },
	[STR_CLOSE] = { "close", "" },
	[STR_LOADING] = { "loading", "" },
	[STR_IMAGE_BROKEN] = { "image_broken", "" },
	[STR_EXHIBITS] = { "exhibits", "d" },
	[STR_NO_CONTENT] = { "no_content", "" },
	[STR_READ_ONLY] = { "read_only", "" },
	[STR_SEARCH_HINT] = { "search_hint", "" },
	[STR_NO_MATCH] = { "no_match", "s" },
	[STR_SECTIONS] = { "sections", "" },
	[STR_MATCHED_IN] = { "matched_in", "s" },
	[STR_KEYS_HIDE] = { "keys_hide", "" },
	[STR_KEYS_SHOW] = { "keys_show", "" },
	[STR_KEYS_RESULT] = { "keys_result", "" },
	[STR_KEYS_RESULTS] = { "keys_results", "d" },
	[STR_KEY_SPACE] = { "key_space", "" },
	[STR_KEY_BACKSPACE] = { "key_backspace", "" },
	[STR_KEY_CLEAR] = { "key_clear", "" },
	[STR_KEY_SHIFT] = { "key_shift", "" },
	[STR_KEY_SYMBOLS] = { "key_symbols", "" },
	[STR_KEY_SWITCH] = { "key_switch", "s" },
	[STR_KEY_LETTERS] = { "key_letters", "s" },
	[STR_POSITION] = { "position", "dd" },
	[STR_END_OF_SECTION] = { "end_of_section", "" },
	[STR_NEXT_SECTION] = { "next_section", "" },
	[STR_END_OF_EXHIBITION] = { "end_of_exhibition", "" },
	[STR_BACK_TO_SECTIONS] = { "back_to_sections", "" },
	[STR_BACK_TO_SECTION] = { "back_to_section", "" },
	[STR_END_TEXT] = { "end_of_exhibition_text", "" },
	[STR_START_AGAIN] = { "start_again", "" },
	[STR_TECHNICIAN] = { "technician", "" },
	[STR_LISTEN] = { "listen", "" },
	[STR_PAUSE] = { "pause", "" },
	[STR_REPLAY] = { "replay", "" },
	[STR_CONTENT_WARNING] = { "content_warning", "" },
	[STR_GO_BACK] = { "go_back", "" },
	[STR_NO_EXHIBITION] = { "no_exhibition", "" },
	[STR_CLOSED] = { "closed", "" },
	[STR_OPENING_HOURS] = { "opening_hours", "" },
	[STR_DISPLAY] = { "display", "" },
	[STR_CONTRAST] = { "contrast", "" },
	[STR_CONTRAST_STANDARD] = { "contrast_standard", "" },
	[STR_CONTRAST_HIGH] = { "contrast_high", "" },
	[STR_REACH] = { "reach", "" },
	[STR_REACH_OFF] = { "reach_off", "" },
	[STR_REACH_ON] = { "reach_on", "" },
	[STR_DONE] = { "done", "" },
	[STR_PERCENT] = { "percent", "d" },
	[STR_ENLARGE] = { "enlarge", "" },
	[STR_TECH_STATS] = { "tech_stats", "sss" },
	[STR_PIN_TITLE] = { "pin_title", "" },
	[STR_PIN_WRONG] = { "pin_wrong", "" },
	[STR_PIN_LOCKED] = { "pin_locked", "d" },
	[STR_PIN_NONE] = { "pin_none", "" },
	[STR_PIN_DELETE] = { "pin_delete", "" },
	[STR_OK] = { "ok", "" },
	[STR_CANCEL] = { "cancel", "" },
	[STR_TECH_PACKS] = { "tech_packs", "" },
	[STR_TECH_NO_PACKS] = { "tech_no_packs", "" },
	[STR_TECH_INSTALLED] = { "tech_installed", "s" },
	[STR_TECH_SHOWN] = { "tech_shown", "" },
	[STR_TECH_LATER] = { "tech_later", "s" },
	[STR_TECH_ENDED] = { "tech_ended", "s" },
	[STR_TECH_UNTIL] = { "tech_until", "s" },
	[STR_TECH_UNSIGNED] = { "tech_unsigned", "" },
	[STR_TECH_INBOX] = { "tech_inbox", "" },
	[STR_TECH_INBOX_EMPTY] = { "tech_inbox_empty", "" },
	[STR_TECH_WAITING] = { "tech_waiting", "s" },
	[STR_TECH_REFUSED] = { "tech_refused", "ss" },
	[STR_TECH_SYSTEM] = { "tech_system", "" },
	[STR_TECH_CLOCK] = { "tech_clock", "s" },
	[STR_TECH_DISK] = { "tech_disk", "s" },
	[STR_TECH_UPTIME] = { "tech_uptime", "s" },
	[STR_TECH_RESTARTS] = { "tech_restarts", "s" },
	[STR_TECH_ERRORS] = { "tech_errors", "" },
	[STR_TECH_NO_ERRORS] = { "tech_no_errors", "" },
	[STR_TECH_UNKNOWN] = { "tech_unknown", "" },
	[STR_TECH_ALWAYS_OPEN] = { "tech_always_open", "" },
	[STR_TECH_TODAY] = { "tech_today", "s" },
	[STR_TECH_ACTIONS] = { "tech_actions", "" },
	[STR_TECH_IMPORT] = { "tech_import", "" },
	[STR_TECH_NO_STICK] = { "tech_no_stick", "" },
	[STR_TECH_IMPORT_FAILED] = { "tech_import_failed", "s" },
	[STR_TECH_REMOVE] = { "tech_remove", "" },
	[STR_TECH_CONFIRM_REMOVE] = { "tech_confirm_remove", "s" },
	[STR_TECH_REMOVED] = { "tech_removed", "s" },
	[STR_TECH_DEFAULT_LANG] = { "tech_default_lang", "" },
	[STR_TECH_DEFAULT_SIZE] = { "tech_default_size", "" },
	[STR_TECH_SCREEN_OFF] = { "tech_screen_off", "" },
	[STR_TECH_RESTART] = { "tech_restart", "" },
	[STR_TECH_EXIT] = { "tech_exit", "" },
	[STR_CLOSED_TOUCH] = { "closed_touch", "" },
	[STR_CHOOSE] = { "choose", "" },
};

struct table {
	char lang[16];
	int present;            /* its file was read */
	char *name;             /* [language] name; owned */
	char *v[STR_COUNT_];    /* owned; NULL: not given or refused */
};

struct autonym {
	char *code, *name;      /* owned */
};

/* Loaded once and kept: str_get hands out pointers into these tables. */
static struct {
	pthread_mutex_t lock;
	struct table t[STR_MAX_LANGS];
	size_t n;
	struct autonym *names;
	size_t nnames, cap_names;
	int names_loaded;
	int told_missing;       /* the missing assets folder was said */
} g = { .lock = PTHREAD_MUTEX_INITIALIZER };

const char *str_key(int id)
{
	return id >= 0 && id < STR_COUNT_ ? ids[id].key : NULL;
}

static int find_key(const char *key)
{
	for (int i = 0; i < STR_COUNT_; i++)
		if (!strcmp(ids[i].key, key))
			return i;
	return -1;
}

static const char *describe(const char *args)
{
	if (!*args)
		return "no value";
	if (!strcmp(args, "d"))
		return "one number (%d)";
	if (!strcmp(args, "s"))
		return "one text (%s)";
	if (!strcmp(args, "dd"))
		return "two numbers (%d, %d)";
	return args;
}

/* 0 when the printf conversions of s take exactly args (by position, with %N$
 * allowed for reordering); else -1 and why in msg. */
static int check_format(const char *s, const char *args, char *msg, size_t size)
{
	char used[10] = { 0 };
	size_t nargs = strlen(args);
	int seq = 0, positional = -1;

	for (const char *p = s; *p; p++) {
		int pos = 0;
		const char *q;
		char type;

		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		q = p + 1;
		if (q[0] >= '1' && q[0] <= '9' && q[1] == '$') {
			pos = q[0] - '0';
			q += 2;
		}
		if (positional >= 0 && positional != (pos > 0)) {
			snprintf(msg, size, "mixes numbered (%%1$d) and plain conversions");
			return -1;
		}
		positional = pos > 0;
		while (*q && strchr("-+ #0", *q))
			q++;
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q == 'd' || *q == 'i')
			type = 'd';
		else if (*q == 's')
			type = 's';
		else {
			snprintf(msg, size, "has the conversion '%.*s', which the kiosk does not use (write %%%% for %%)",
				 (int)(q - p + (*q != 0)), p);
			return -1;
		}
		if (!pos)
			pos = ++seq;
		if ((size_t)pos > nargs || args[pos - 1] != type) {
			snprintf(msg, size, "has '%.*s' where the code passes %s", (int)(q - p + 1), p,
				 describe(args));
			return -1;
		}
		used[pos] = 1;
		p = q;
	}
	for (size_t i = 1; i <= nargs; i++)
		if (!used[i]) {
			snprintf(msg, size, "leaves out a value: the code passes %s", describe(args));
			return -1;
		}
	return 0;
}

struct load {
	const char *path;
	struct table *t;
	struct diag_list *d;
	int seen_name;
	char seen[STR_COUNT_];
};

static int on_string(void *user, int line, const char *section, const char *name, const char *value)
{
	struct load *l = user;
	char why[256];
	int id;

	if (!strcmp(section, "language")) {
		if (strcmp(name, "name"))
			diag_add(l->d, DIAG_WARNING, l->path, line, "unknown key '%s' in [language]", name);
		else if (l->seen_name++)
			diag_add(l->d, DIAG_ERROR, l->path, line, "name given twice");
		else if (!*value)
			diag_add(l->d, DIAG_ERROR, l->path, line, "name is empty");
		else if (l->t)
			l->t->name = xstrdup(value);
		return 1;
	}
	if (strcmp(section, "strings")) {
		diag_add(l->d, DIAG_WARNING, l->path, line, "unknown section [%s]", section);
		return 1;
	}
	id = find_key(name);
	if (id < 0) {
		diag_add(l->d, DIAG_WARNING, l->path, line, "unknown string '%s'", name);
		return 1;
	}
	if (l->seen[id]++) {
		diag_add(l->d, DIAG_ERROR, l->path, line, "'%s' given twice", name);
		return 1;
	}
	if (!*value) {
		diag_add(l->d, DIAG_ERROR, l->path, line, "'%s' is empty", name);
		return 1;
	}
	if (check_format(value, ids[id].args, why, sizeof(why)) < 0) {
		diag_add(l->d, DIAG_ERROR, l->path, line, "'%s' %s", name, why);
		return 1;
	}
	if (l->t)
		l->t->v[id] = xstrdup(value);
	return 1;
}

/* Read path into t (NULL: only check); problems go to d. */
static void read_strings(const char *path, struct table *t, struct diag_list *d)
{
	struct load l = { .path = path, .t = t, .d = d };

	if (assets_ini_read(path, on_string, &l, d) < 0)
		return;
	if (t)
		t->present = 1;
	if (!l.seen_name)
		diag_add(d, DIAG_ERROR, path, 0, "no [language] name (the language's name in its own script)");
	for (int i = 0; i < STR_COUNT_; i++)
		if (!l.seen[i])
			diag_add(d, DIAG_WARNING, path, 0, "no string '%s': English is shown", ids[i].key);
}

int str_lint(const char *path, struct diag_list *d)
{
	size_t before = d->errors;

	read_strings(path, NULL, d);
	return (int)(d->errors - before);
}

static int valid_code(const char *lang)
{
	size_t n = strlen(lang);

	if (n == 0 || n >= sizeof(((struct table *)0)->lang))
		return 0;
	for (const char *p = lang; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      ((*p == '-' || *p == '_') && p != lang)))
			return 0;
	return 1;
}

/* The assets path of rel, or NULL; the first failure is said once. Under g.lock. */
static char *path_of(const char *rel)
{
	struct err e = { 0 };
	char *p = assets_path(rel, &e);

	if (!p && !g.told_missing++)
		fprintf(stderr, "kiosk: %s\n", e.msg);
	return p;
}

/* Print the errors of a file the kiosk reads (warnings are for str_lint). */
static void tell(const struct diag_list *d)
{
	char line[1400];

	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].level != DIAG_ERROR)
			continue;
		diag_format(&d->v[i], line, sizeof(line));
		fprintf(stderr, "kiosk: strings: %s\n", line);
	}
}

/* The table of lang, read on first use; NULL when lang cannot have one. Under g.lock. */
static struct table *table_of(const char *lang)
{
	struct table *t;
	struct diag_list d;
	char rel[64], *path;

	if (!valid_code(lang))
		return NULL;
	for (size_t i = 0; i < g.n; i++)
		if (!strcmp(g.t[i].lang, lang))
			return &g.t[i];
	if (g.n == STR_MAX_LANGS)
		return NULL;
	t = &g.t[g.n++];
	memset(t, 0, sizeof(*t));
	snprintf(t->lang, sizeof(t->lang), "%s", lang);
	snprintf(rel, sizeof(rel), "strings/%s.ini", lang);
	path = path_of(rel);
	if (path && fs_exists(path)) {
		diag_init(&d);
		read_strings(path, t, &d);
		tell(&d);
		diag_release(&d);
	}
	free(path);
	return t;
}

const char *str_get(const char *lang, int id)
{
	const char *s = NULL;
	struct table *t;

	if (id < 0 || id >= STR_COUNT_)
		return "";
	pthread_mutex_lock(&g.lock);
	t = lang ? table_of(lang) : NULL;
	if (t)
		s = t->v[id];
	if (!s && (t = table_of("en")))
		s = t->v[id];
	pthread_mutex_unlock(&g.lock);
	return s ? s : ids[id].key;
}

static int on_autonym(void *user, int line, const char *section, const char *name, const char *value)
{
	struct diag_list *d = user;

	(void)d;
	(void)line;
	if (strcmp(section, "names") || !*value)
		return 1;
	g.names = xgrow(g.names, &g.cap_names, g.nnames + 1, sizeof(*g.names));
	g.names[g.nnames].code = xstrdup(name);
	g.names[g.nnames++].name = xstrdup(value);
	return 1;
}

const char *str_language_name(const char *lang)
{
	const char *s = NULL;
	struct table *t;
	struct diag_list d;
	char *path;

	if (!lang)
		return "";
	pthread_mutex_lock(&g.lock);
	t = table_of(lang);
	if (t && t->name)
		s = t->name;
	if (!s && !g.names_loaded) {
		g.names_loaded = 1;
		path = path_of("strings/languages.ini");
		if (path && fs_exists(path)) {
			diag_init(&d);
			assets_ini_read(path, on_autonym, &d, &d);
			tell(&d);
			diag_release(&d);
		}
		free(path);
	}
	for (size_t i = 0; !s && i < g.nnames; i++)
		if (!strcmp(g.names[i].code, lang))
			s = g.names[i].name;
	pthread_mutex_unlock(&g.lock);
	return s ? s : lang;
}

void str_reload(void)
{
	pthread_mutex_lock(&g.lock);
	for (size_t i = 0; i < g.n; i++) {
		free(g.t[i].name);
		for (int j = 0; j < STR_COUNT_; j++)
			free(g.t[i].v[j]);
	}
	g.n = 0;
	for (size_t i = 0; i < g.nnames; i++) {
		free(g.names[i].code);
		free(g.names[i].name);
	}
	free(g.names);
	g.names = NULL;
	g.nnames = g.cap_names = 0;
	g.names_loaded = 0;
	g.told_missing = 0;
	pthread_mutex_unlock(&g.lock);
}
