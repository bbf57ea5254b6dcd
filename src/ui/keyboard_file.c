/* keyboard_file.c: keyboard layouts read from assets/keyboards/NAME.ini with inih
 * (through assets_ini_read) and checked key by key. */
#include "keyboard_internal.h"
#include "assets.h"
#include "core/diag.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct named {
	char *name, *value;   /* owned */
	int line;
};

struct parse {
	struct layout *l;
	struct diag_list *d;
	struct named *labels, *widths;
	size_t nlabels, nwidths, cap_labels, cap_widths;
	char *kind, *input;   /* owned */
	int kind_line;
};

static const char *const special_names[] = {
	[KEY_SHIFT] = "@shift", [KEY_BACKSPACE] = "@backspace", [KEY_SPACE] = "@space",
	[KEY_CLEAR] = "@clear", [KEY_SWITCH] = "@switch", [KEY_SYMBOLS] = "@symbols",
	[KEY_LETTERS] = "@letters",
};

static int special_of(const char *s)
{
	for (int i = KEY_SHIFT; i <= KEY_LETTERS; i++)
		if (!strcmp(special_names[i], s))
			return i;
	return -1;
}

/* A key's text: U+XXXX is that character, anything else itself. NULL (and a
 * diagnostic) for a U+ that is not a character one can type. */
static char *key_text(struct parse *p, int line, const char *s, size_t n)
{
	char out[8];
	long c;
	char *end;

	if (n >= 6 && n <= 8 && s[0] == 'U' && s[1] == '+') {
		char hex[8] = { 0 };
		memcpy(hex, s + 2, n - 2);
		c = strtol(hex, &end, 16);
		if (*end || c < 0x20 || c == 0x7f || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
			diag_add(p->d, DIAG_ERROR, p->l->path, line, "'%.*s' is not a character to type", (int)n, s);
			return NULL;
		}
		out[utf8_put(out, (int32_t)c)] = 0;
		return xstrdup(out);
	}
	return xstrndup(s, n);
}

static void add_key(struct parse *p, struct row *r, int line, const char *tok, size_t n)
{
	struct key *k;
	const char *slash = n >= 3 ? memchr(tok + 1, '/', n - 2) : NULL;
	char *word = xstrndup(tok, n);

	if (r->n == MAX_KEYS) {
		diag_add(p->d, DIAG_ERROR, p->l->path, line, "more than %d keys in a row", MAX_KEYS);
		free(word);
		return;
	}
	k = &r->keys[r->n];
	memset(k, 0, sizeof(*k));
	k->width = 1;
	k->line = line;
	if (word[0] == '@' && word[1]) {
		int sp = special_of(word);
		if (sp < 0) {
			diag_add(p->d, DIAG_ERROR, p->l->path, line,
				 "unknown special key '%s' (@shift @backspace @space @clear @switch @symbols @letters)",
				 word);
			free(word);
			return;
		}
		k->special = sp;
		k->payload = word;
		r->n++;
		return;
	}
	free(word);
	k->special = KEY_CHAR;
	k->payload = key_text(p, line, tok, slash ? (size_t)(slash - tok) : n);
	if (slash)
		k->shifted = key_text(p, line, slash + 1, n - (size_t)(slash + 1 - tok));
	if (!k->payload || (slash && !k->shifted)) {
		free(k->payload);
		free(k->shifted);
		return;
	}
	r->n++;
}

static void read_row(struct parse *p, int line, const char *value)
{
	struct row *r;
	const char *s = value;

	if (p->l->nrows == MAX_ROWS) {
		diag_add(p->d, DIAG_ERROR, p->l->path, line, "more than %d rows", MAX_ROWS);
		return;
	}
	r = &p->l->rows[p->l->nrows++];
	r->n = 0;
	while (*s) {
		size_t n;
		while (*s == ' ' || *s == '\t')
			s++;
		n = strcspn(s, " \t");
		if (n)
			add_key(p, r, line, s, n);
		s += n;
	}
	if (!r->n) {
		diag_add(p->d, DIAG_ERROR, p->l->path, line, "a row with no keys");
		p->l->nrows--;
	}
}

static void keep(struct named **v, size_t *n, size_t *cap, int line, const char *name, const char *value)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].value = xstrdup(value);
	(*v)[(*n)++].line = line;
}

static int on_pair(void *user, int line, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	struct layout *l = p->l;
	char **slot = NULL;

	if (!strcmp(section, "keyboard")) {
		if (!strcmp(name, "name"))
			slot = &l->name;
		else if (!strcmp(name, "language"))
			slot = &l->language;
		else if (!strcmp(name, "kind"))
			slot = &p->kind, p->kind_line = line;
		else if (!strcmp(name, "input"))
			slot = &p->input, l->input_line = line;
		else
			diag_add(p->d, DIAG_ERROR, l->path, line, "unknown key '%s' in [keyboard]", name);
		if (slot && *slot)
			diag_add(p->d, DIAG_ERROR, l->path, line, "'%s' given twice", name);
		else if (slot && !*value)
			diag_add(p->d, DIAG_ERROR, l->path, line, "'%s' is empty", name);
		else if (slot)
			*slot = xstrdup(value);
	} else if (!strcmp(section, "rows")) {
		if (strcmp(name, "row"))
			diag_add(p->d, DIAG_ERROR, l->path, line, "[rows] holds only 'row = KEYS' lines, not '%s'", name);
		else
			read_row(p, line, value);
	} else if (!strcmp(section, "labels")) {
		keep(&p->labels, &p->nlabels, &p->cap_labels, line, name, value);
	} else if (!strcmp(section, "widths")) {
		keep(&p->widths, &p->nwidths, &p->cap_widths, line, name, value);
	} else {
		diag_add(p->d, DIAG_ERROR, l->path, line, "unknown section [%s]", section);
	}
	return 1;
}

static void check_keys(struct parse *p)
{
	struct layout *l = p->l;

	for (int i = 0; i < l->nrows; i++)
		for (int j = 0; j < l->rows[i].n; j++) {
			struct key *k = &l->rows[i].keys[j];
			for (int a = 0; a <= i; a++)
				for (int b = 0; b < (a == i ? j : l->rows[a].n); b++)
					if (!strcmp(l->rows[a].keys[b].payload, k->payload))
						diag_add(p->d, DIAG_ERROR, l->path, k->line, "key '%s' is there twice",
							 k->payload);
			if (k->special == KEY_SWITCH && l->symbols)
				diag_add(p->d, DIAG_ERROR, l->path, k->line, "@switch belongs on letters layouts");
			if ((k->special == KEY_SYMBOLS || k->special == KEY_SHIFT) && l->symbols)
				diag_add(p->d, DIAG_ERROR, l->path, k->line, "%s belongs on letters layouts", k->payload);
			if (k->special == KEY_LETTERS && !l->symbols)
				diag_add(p->d, DIAG_ERROR, l->path, k->line, "@letters belongs on the symbols layout");
			if (k->special == KEY_CHAR && l->input) {
				for (const char *s = k->payload; s; s = s == k->payload ? k->shifted : NULL)
					if (strlen(s) != 1 || s[0] < 0x21 || s[0] > 0x7e)
						diag_add(p->d, DIAG_ERROR, l->path, k->line,
							 "'%s': a key of a hangul layout sends one ASCII character", s);
			}
		}
}

/* Give labels and widths to the keys they name. */
static void attach(struct parse *p)
{
	struct layout *l = p->l;

	for (size_t n = 0; n < p->nlabels; n++) {
		struct named *x = &p->labels[n];
		int found = 0;
		for (int i = 0; i < l->nrows; i++)
			for (int j = 0; j < l->rows[i].n; j++) {
				struct key *k = &l->rows[i].keys[j];
				if (!strcmp(k->payload, x->name) && !k->label)
					k->label = xstrdup(x->value), found = 1;
				if (k->shifted && !strcmp(k->shifted, x->name) && !k->label_shifted)
					k->label_shifted = xstrdup(x->value), found = 1;
			}
		if (!found)
			diag_add(p->d, DIAG_ERROR, l->path, x->line, "a label for '%s', which no key sends", x->name);
		else if (!*x->value)
			diag_add(p->d, DIAG_ERROR, l->path, x->line, "the label of '%s' is empty", x->name);
	}
	for (size_t n = 0; n < p->nwidths; n++) {
		struct named *x = &p->widths[n];
		char *end;
		float w = strtof(x->value, &end);
		int found = 0;
		if (end == x->value || *end || !(w >= 1 && w <= 10)) {
			diag_add(p->d, DIAG_ERROR, l->path, x->line, "width '%s' of '%s' is not a number from 1 to 10",
				 x->value, x->name);
			continue;
		}
		for (int i = 0; i < l->nrows; i++)
			for (int j = 0; j < l->rows[i].n; j++)
				if (!strcmp(l->rows[i].keys[j].payload, x->name))
					l->rows[i].keys[j].width = w, found = 1;
		if (!found)
			diag_add(p->d, DIAG_ERROR, l->path, x->line, "a width for '%s', which no key sends", x->name);
	}
}

void keyboard_release_layout(struct layout *l)
{
	for (int i = 0; i < l->nrows; i++)
		for (int j = 0; j < l->rows[i].n; j++) {
			struct key *k = &l->rows[i].keys[j];
			free(k->payload);
			free(k->shifted);
			free(k->label);
			free(k->label_shifted);
		}
	free(l->path);
	free(l->name);
	free(l->language);
	free(l->input);
	memset(l, 0, sizeof(*l));
}

void keyboard_read_layout(struct layout *l, const char *path, struct diag_list *d)
{
	struct parse p = { .l = l, .d = d };

	memset(l, 0, sizeof(*l));
	l->path = xstrdup(path);
	if (assets_ini_read(path, on_pair, &p, d) < 0)
		goto out;
	if (!l->name)
		diag_add(d, DIAG_ERROR, path, 0, "no name in [keyboard] (what the switch key shows)");
	if (!p.kind || (strcmp(p.kind, "letters") && strcmp(p.kind, "symbols")))
		diag_add(d, DIAG_ERROR, path, p.kind_line, "kind in [keyboard] is letters or symbols");
	else
		l->symbols = !strcmp(p.kind, "symbols");
	if (!l->symbols && !l->language)
		diag_add(d, DIAG_ERROR, path, 0, "no language in [keyboard] (the language it types)");
	if (p.input && (strncmp(p.input, "hangul ", 7) || !p.input[7]))
		diag_add(d, DIAG_ERROR, path, l->input_line, "input '%s' is not 'hangul ID' (such as hangul 2)",
			 p.input);
	else if (p.input)
		l->input = xstrdup(p.input + 7);
	if (!l->nrows)
		diag_add(d, DIAG_ERROR, path, 0, "no row of keys in [rows]");
	attach(&p);
	check_keys(&p);
out:
	for (size_t i = 0; i < p.nlabels; i++)
		free(p.labels[i].name), free(p.labels[i].value);
	for (size_t i = 0; i < p.nwidths; i++)
		free(p.widths[i].name), free(p.widths[i].value);
	free(p.labels);
	free(p.widths);
	free(p.kind);
	free(p.input);
}

const struct key *keyboard_find_key(const struct layout *l, const char *payload)
{
	if (!payload)
		return NULL;
	for (int i = 0; i < l->nrows; i++)
		for (int j = 0; j < l->rows[i].n; j++)
			if (!strcmp(l->rows[i].keys[j].payload, payload))
				return &l->rows[i].keys[j];
	return NULL;
}

