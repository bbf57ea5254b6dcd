/* ini.c: pack.ini, read with inih and checked key by key. */
#include "pack.h"
#include "internal.h"
#include "core/diag.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stddef.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>

struct ini_ctx {
	struct pack *p;
	struct diag_list *diags;
	const char *file;
	const char *text;
	char *langs_raw;
	/* per-language keys seen before `languages` is known */
	char **lkeys, **lvals;
	size_t nl, lcap;
	/* keys that an unknown key was taken for a misspelling of: their absence is
	 * that one error, not another */
	char *suggested[8];
	size_t nsuggested;
};

static void bad(struct ini_ctx *c, const char *key, const char *fmt, const char *arg);
static int line_of(const char *text, const char *name);

static const char *const known_keys[] = {
	"id", "version", "languages", "default_language", "show_from", "show_until", "signer",
	"title.", "source_label.", "withdraw",
};

/* 1 when an unknown key was reported as a misspelling of key */
static int was_suggested(const struct ini_ctx *c, const char *key)
{
	for (size_t i = 0; i < c->nsuggested; i++)
		if (!strcmp(c->suggested[i], key))
			return 1;
	return 0;
}

/* An unknown key: one error, naming the known key it is likely a misspelling of. */
static void unknown_key(struct ini_ctx *c, const char *name)
{
	size_t nk = sizeof(known_keys) / sizeof(*known_keys);
	const char *dot = strchr(name, '.');
	const char *near = NULL;
	char *head = dot ? xstrndup(name, (size_t)(dot - name + 1)) : xstrdup(name);

	near = pack_near_match(head, known_keys, nk);
	if (near && (near[strlen(near) - 1] == '.') != (dot != NULL))
		near = NULL; /* title.ko is never 'titles' */
	if (near) {
		char *full = dot ? xasprintf("%s%s", near, dot + 1) : xstrdup(near);
		diag_add(c->diags, DIAG_ERROR, c->file, line_of(c->text, name),
			 "unknown key '%s'; did you mean '%s'?", name, full);
		if (c->nsuggested < sizeof(c->suggested) / sizeof(*c->suggested))
			c->suggested[c->nsuggested++] = full;
		else
			free(full);
	} else {
		bad(c, name, "unknown key '%s' (known: id, version, languages, default_language, "
			     "title.<lang>, show_from, show_until, signer, source_label.<lang>, withdraw)", name);
	}
	free(head);
}

/* The line of `name = ...` in the text, for messages; 0 when not found. */
static int line_of(const char *text, const char *name)
{
	size_t n = strlen(name);
	int line = 1;

	for (const char *s = text; *s; line++) {
		const char *t = s;
		while (*t == ' ' || *t == '\t')
			t++;
		if (!strncmp(t, name, n)) {
			t += n;
			while (*t == ' ' || *t == '\t')
				t++;
			if (*t == '=' || *t == ':')
				return line;
		}
		s = strchr(s, '\n');
		if (!s)
			break;
		s++;
	}
	return 0;
}

static int valid_slug(const char *s)
{
	if (!*s || strlen(s) > 64 || *s == '-')
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return 0;
	return 1;
}

static int valid_version(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (++digits > 9)
				return 0;
		} else if (*s == '.' && digits) {
			digits = 0;
		} else {
			return 0;
		}
	}
	return digits > 0;
}

static int valid_lang(const char *s)
{
	size_t n = 0;

	while (islower((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	if (!s[n])
		return 1;
	if (s[n] != '-' || !s[n + 1])
		return 0;
	for (s += n + 1; *s; s++)
		if (!isalnum((unsigned char)*s))
			return 0;
	return 1;
}

static int valid_date(const char *s)
{
	int y, m, d;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 2000 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

static void bad(struct ini_ctx *c, const char *key, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	diag_add(c->diags, DIAG_ERROR, c->file, line_of(c->text, key), "%s", msg);
}

static void set_once(struct ini_ctx *c, char **slot, const char *name, const char *value)
{
	if (*slot) {
		bad(c, name, "key '%s' is given twice", name);
		return;
	}
	*slot = xstrdup(value);
}

/* [lint]: the limits of the label rules (lint.h), a number each (0: off), and
 * parity = true/false. */
static void lint_key(struct ini_ctx *c, const char *name, const char *value)
{
	static const struct {
		const char *name;
		size_t off;
	} keys[] = {
		{ "sentence_words", offsetof(struct lint_rules, sentence_words) },
		{ "paragraph_words", offsetof(struct lint_rules, paragraph_words) },
		{ "heading_words", offsetof(struct lint_rules, heading_words) },
		{ "sentence_chars", offsetof(struct lint_rules, sentence_chars) },
		{ "paragraph_chars", offsetof(struct lint_rules, paragraph_chars) },
		{ "heading_chars", offsetof(struct lint_rules, heading_chars) },
	};
	struct lint_rules *r = &c->p->lint;
	char *end;
	long v;

	if (!strcmp(name, "parity")) {
		if (!strcmp(value, "true") || !strcmp(value, "false"))
			r->parity = !strcmp(value, "true");
		else
			bad(c, name, "parity must be true or false, not '%s'", value);
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		if (strcmp(name, keys[i].name))
			continue;
		v = strtol(value, &end, 10);
		if (!*value || *end || v < 0 || v > 100000)
			bad(c, name, "a [lint] limit is a number of words or characters (0: off), not '%s'", value);
		else
			*(int *)((char *)r + keys[i].off) = (int)v;
		return;
	}
	bad(c, name, "unknown key '%s' in [lint] (known: sentence_words, paragraph_words, heading_words, "
		     "sentence_chars, paragraph_chars, heading_chars, parity)", name);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *c = user;
	struct pack *p = c->p;

	if (!strcmp(section, "lint")) {
		lint_key(c, name, value);
		return 1;
	}
	if (strcmp(section, "pack")) {
		diag_add(c->diags, DIAG_ERROR, c->file, line_of(c->text, name),
			 "key '%s' is in section [%s]; pack.ini has only [pack] and [lint]", name, section);
		return 1;
	}
	if (!strcmp(name, "id"))
		set_once(c, &p->id, name, value);
	else if (!strcmp(name, "version"))
		set_once(c, &p->version, name, value);
	else if (!strcmp(name, "languages"))
		set_once(c, &c->langs_raw, name, value);
	else if (!strcmp(name, "default_language"))
		set_once(c, &p->default_lang, name, value);
	else if (!strcmp(name, "show_from"))
		set_once(c, &p->show_from, name, value);
	else if (!strcmp(name, "show_until"))
		set_once(c, &p->show_until, name, value);
	else if (!strcmp(name, "signer"))
		set_once(c, &p->signer, name, value);
	else if (!strcmp(name, "withdraw"))
		set_once(c, &p->withdraw_raw, name, value);
	else if (!strncmp(name, "title.", 6) || !strncmp(name, "source_label.", 13)) {
		c->lkeys = xgrow(c->lkeys, &c->lcap, c->nl + 1, sizeof(*c->lkeys));
		c->lvals = xrealloc(c->lvals, c->lcap * sizeof(*c->lvals));
		c->lkeys[c->nl] = xstrdup(name);
		c->lvals[c->nl++] = xstrdup(value);
	} else {
		unknown_key(c, name);
	}
	return 1;
}

static void split_langs(struct ini_ctx *c)
{
	struct pack *p = c->p;
	char *s = c->langs_raw, *tok, *save = NULL;
	size_t cap = 0;

	for (tok = strtok_r(s, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		if (!valid_lang(tok)) {
			bad(c, "languages", "'%s' is not a language code (such as ko or en)", tok);
			continue;
		}
		if (pack_lang_index(p, tok) >= 0) {
			bad(c, "languages", "language '%s' is listed twice", tok);
			continue;
		}
		p->langs = xgrow(p->langs, &cap, p->nlangs + 1, sizeof(*p->langs));
		p->langs[p->nlangs++] = xstrdup(tok);
	}
}

static const char *default_label(const char *lang)
{
	if (!strcmp(lang, "ko"))
		return "출처";
	if (!strcmp(lang, "en"))
		return "Source";
	return NULL;
}

int pack_read_ini(struct pack *p, const char *text, const char *file, struct diag_list *diags)
{
	struct ini_ctx c = { .p = p, .diags = diags, .file = file, .text = text };
	int line;

	lint_rules_default(&p->lint);
	line = ini_parse_string(text, handler, &c);

	if (line > 0)
		diag_add(diags, DIAG_ERROR, file, line, "not a 'key = value' line");
	if (!p->id) {
		if (!was_suggested(&c, "id"))
			diag_add(diags, DIAG_ERROR, file, 0, "missing key 'id'");
	} else if (!valid_slug(p->id))
		bad(&c, "id", "id '%s' must be lowercase letters, digits and '-'", p->id);
	if (!p->version) {
		if (!was_suggested(&c, "version"))
			diag_add(diags, DIAG_ERROR, file, 0, "missing key 'version'");
	} else if (!valid_version(p->version))
		bad(&c, "version", "version '%s' must be dotted numbers such as 1.0.2", p->version);
	if (!c.langs_raw) {
		if (!was_suggested(&c, "languages"))
			diag_add(diags, DIAG_ERROR, file, 0, "missing key 'languages'");
	} else
		split_langs(&c);
	if (c.langs_raw && !p->nlangs)
		bad(&c, "languages", "'%s' names no language", c.langs_raw);
	if (!p->default_lang) {
		if (!was_suggested(&c, "default_language"))
			diag_add(diags, DIAG_ERROR, file, 0, "missing key 'default_language'");
	} else if (p->nlangs && pack_lang_index(p, p->default_lang) < 0)
		bad(&c, "default_language", "default language '%s' is not in 'languages'", p->default_lang);
	if (p->show_from && !valid_date(p->show_from))
		bad(&c, "show_from", "show_from '%s' is not a date (YYYY-MM-DD)", p->show_from);
	if (p->show_until && !valid_date(p->show_until))
		bad(&c, "show_until", "show_until '%s' is not a date (YYYY-MM-DD)", p->show_until);
	if (p->show_from && p->show_until && valid_date(p->show_from) && valid_date(p->show_until) &&
	    strcmp(p->show_from, p->show_until) > 0)
		bad(&c, "show_until", "show_until '%s' is before show_from", p->show_until);

	p->titles = xcalloc(p->nlangs + 1, sizeof(*p->titles));
	p->source_labels = xcalloc(p->nlangs + 1, sizeof(*p->source_labels));
	for (size_t i = 0; i < c.nl; i++) {
		int is_title = !strncmp(c.lkeys[i], "title.", 6);
		const char *lang = c.lkeys[i] + (is_title ? 6 : 13);
		int li = pack_lang_index(p, lang);
		char **slot;

		if (li < 0 && !p->nlangs)
			continue; /* no languages: that is the error to fix first */
		if (li < 0) {
			bad(&c, c.lkeys[i], "key '%s' names a language not in 'languages'", c.lkeys[i]);
			continue;
		}
		slot = is_title ? &p->titles[li] : &p->source_labels[li];
		if (!*c.lvals[i])
			bad(&c, c.lkeys[i], "key '%s' is empty", c.lkeys[i]);
		else
			set_once(&c, slot, c.lkeys[i], c.lvals[i]);
	}
	for (size_t i = 0; i < p->nlangs; i++) {
		char *tk = xasprintf("title.%s", p->langs[i]);
		char *sk = xasprintf("source_label.%s", p->langs[i]);
		int tsug = was_suggested(&c, tk), ssug = was_suggested(&c, sk);
		free(tk);
		free(sk);
		if (!p->titles[i] && !tsug)
			diag_add(diags, DIAG_ERROR, file, 0, "missing key 'title.%s' (the pack's title in %s)",
				 p->langs[i], p->langs[i]);
		if (!p->source_labels[i]) {
			const char *d = default_label(p->langs[i]);
			if (d)
				p->source_labels[i] = xstrdup(d);
			else if (!ssug)
				diag_add(diags, DIAG_ERROR, file, 0,
					 "missing key 'source_label.%s' (the word that starts a source line in %s)",
					 p->langs[i], p->langs[i]);
		}
	}
	for (size_t i = 0; i < c.nl; i++) {
		free(c.lkeys[i]);
		free(c.lvals[i]);
	}
	free(c.lkeys);
	free(c.lvals);
	for (size_t i = 0; i < c.nsuggested; i++)
		free(c.suggested[i]);
	free(c.langs_raw);
	return 0;
}
