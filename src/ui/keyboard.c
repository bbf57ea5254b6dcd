/* keyboard.c: the keyboard's text: keys applied, Hangul composed by libhangul
 * (this is the only file that includes hangul.h), text from a physical keyboard
 * and an input method; and loading the layouts. */
#include "keyboard_internal.h"
#include "assets.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <hangul.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Open libhangul's keyboard for a layout with `input = hangul ID`. */
static void open_input(struct layout *l, struct diag_list *d)
{
	if (!l->input)
		return;
	if (!hangul_keyboard_list_get_keyboard(l->input))
		diag_add(d, DIAG_ERROR, l->path, l->input_line,
			 "input 'hangul %s': libhangul has no keyboard '%s' (2 is 2-beolsik)", l->input, l->input);
	else if (!(l->hic = hangul_ic_new(l->input)))
		diag_add(d, DIAG_ERROR, l->path, l->input_line, "libhangul cannot open keyboard '%s'", l->input);
}

static int ini_name(const struct dirent *de)
{
	size_t n = strlen(de->d_name);
	return de->d_name[0] != '.' && n > 4 && !strcmp(de->d_name + n - 4, ".ini");
}

void keyboard_free(struct keyboard *kb)
{
	if (!kb)
		return;
	for (size_t i = 0; i < kb->n; i++) {
		if (kb->l[i].hic)
			hangul_ic_delete(kb->l[i].hic);
		keyboard_release_layout(&kb->l[i]);
	}
	free(kb->l);
	buf_release(&kb->text);
	buf_release(&kb->preedit);
	buf_release(&kb->query);
	free(kb->pressed);
	free(kb);
}

static int has_special(const struct layout *l, int sp, int *line)
{
	for (int i = 0; i < l->nrows; i++)
		for (int j = 0; j < l->rows[i].n; j++)
			if (l->rows[i].keys[j].special == sp) {
				*line = l->rows[i].keys[j].line;
				return 1;
			}
	return 0;
}

int keyboard_new(struct keyboard **out, const char *dir, const char *lang, struct err *e)
{
	struct keyboard *kb;
	struct dirent **names = NULL;
	struct diag_list d;
	char *owned = NULL, path[4096];
	int n, line, rc = 0;

	*out = NULL;
	if (!dir && !(dir = owned = assets_path("keyboards", e)))
		return -1;
	n = scandir(dir, &names, ini_name, alphasort);
	if (n < 0) {
		fail(e, ERR_NOTFOUND, "keyboard layouts: cannot read folder '%s'", dir);
		free(owned);
		return -1;
	}
	kb = xcalloc(1, sizeof(*kb));
	buf_init(&kb->text);
	buf_init(&kb->preedit);
	buf_init(&kb->query);
	kb->symbols = -1;
	kb->l = xcalloc(n ? (size_t)n : 1, sizeof(*kb->l));
	diag_init(&d);
	for (int i = 0; i < n; i++) {
		if (i < MAX_LAYOUTS) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			keyboard_read_layout(&kb->l[kb->n], path, &d);
			open_input(&kb->l[kb->n++], &d);
		}
		free(names[i]);
	}
	free(names);
	if (n > MAX_LAYOUTS)
		diag_add(&d, DIAG_ERROR, dir, 0, "more than %d keyboard layouts", MAX_LAYOUTS);
	for (size_t i = 0; i < kb->n; i++) {
		if (!kb->l[i].symbols)
			continue;
		if (kb->symbols >= 0)
			diag_add(&d, DIAG_ERROR, kb->l[i].path, 0, "a second symbols layout (the first is %s)",
				 kb->l[kb->symbols].path);
		else
			kb->symbols = (long)i;
	}
	for (size_t i = 0; i < kb->n; i++)
		if (kb->symbols < 0 && has_special(&kb->l[i], KEY_SYMBOLS, &line))
			diag_add(&d, DIAG_ERROR, kb->l[i].path, line, "@symbols, but no layout has kind = symbols");
	kb->letters = kb->n;
	for (size_t i = 0; i < kb->n && kb->letters == kb->n; i++)
		if (!kb->l[i].symbols && lang && kb->l[i].language && !strcmp(kb->l[i].language, lang))
			kb->letters = i;
	for (size_t i = 0; i < kb->n && kb->letters == kb->n; i++)
		if (!kb->l[i].symbols && kb->l[i].language && !strcmp(kb->l[i].language, "en"))
			kb->letters = i;
	for (size_t i = 0; i < kb->n && kb->letters == kb->n; i++)
		if (!kb->l[i].symbols)
			kb->letters = i;
	if (kb->letters == kb->n && !d.errors)
		diag_add(&d, DIAG_ERROR, dir, 0, "no letters layout (kind = letters)");
	if (d.errors) {
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].level == DIAG_ERROR) {
				char msg[1200];
				diag_format(&d.v[i], msg, sizeof(msg));
				if (d.errors > 1)
					fail(e, ERR_FORMAT, "%s (and %zu more problems)", msg, d.errors - 1);
				else
					fail(e, ERR_FORMAT, "%s", msg);
				break;
			}
		keyboard_free(kb);
		rc = -1;
	} else {
		*out = kb;
	}
	diag_release(&d);
	free(owned);
	return rc;
}

static void add_ucs(struct buf *b, const ucschar *s)
{
	char u[8];

	for (; s && *s; s++)
		buf_add(b, u, utf8_put(u, (int32_t)*s));
}

static void sync_query(struct keyboard *kb)
{
	buf_reset(&kb->query);
	buf_add(&kb->query, kb->text.data, kb->text.len);
	buf_add(&kb->query, kb->preedit.data, kb->preedit.len);
}

/* End any composition: libhangul's syllable becomes committed text, an input
 * method's preedit is dropped (the input method commits or cancels it itself).
 * Returns 1 when the preedit was not empty. */
static int end_preedit(struct keyboard *kb)
{
	struct layout *l = keyboard_letters(kb);
	int had = kb->preedit.len > 0;

	if (l->hic && !hangul_ic_is_empty(l->hic))
		add_ucs(&kb->text, hangul_ic_flush(l->hic));
	buf_reset(&kb->preedit);
	kb->ime = 0;
	return had;
}

static size_t used(const struct keyboard *kb)
{
	return kb->text.len + kb->preedit.len;
}

/* Commit s after the text; 0 when it would not fit. */
static int commit(struct keyboard *kb, const char *s, size_t n)
{
	if (used(kb) + n > KEYBOARD_MAX_TEXT)
		return 0;
	end_preedit(kb);
	buf_add(&kb->text, s, n);
	return 1;
}

static int compose(struct keyboard *kb, struct layout *l, int ascii)
{
	int handled;

	/* a key adds at most one syllable of 3 bytes to what is shown */
	if (used(kb) + 3 > KEYBOARD_MAX_TEXT)
		return 0;
	if (kb->ime) {
		buf_reset(&kb->preedit);
		kb->ime = 0;
	}
	handled = hangul_ic_process(l->hic, ascii);
	add_ucs(&kb->text, hangul_ic_get_commit_string(l->hic));
	if (!handled) {
		char c = (char)ascii;
		add_ucs(&kb->text, hangul_ic_flush(l->hic));
		buf_add(&kb->text, &c, 1);
	}
	buf_reset(&kb->preedit);
	add_ucs(&kb->preedit, hangul_ic_get_preedit_string(l->hic));
	return 1;
}

static int erase(struct keyboard *kb)
{
	struct layout *l = keyboard_letters(kb);

	if (kb->ime) {
		buf_reset(&kb->preedit);
		kb->ime = 0;
		return 1;
	}
	if (l->hic && !hangul_ic_is_empty(l->hic)) {
		/* one jamo of the syllable being composed */
		hangul_ic_backspace(l->hic);
		buf_reset(&kb->preedit);
		add_ucs(&kb->preedit, hangul_ic_get_preedit_string(l->hic));
		return 1;
	}
	if (!kb->text.len)
		return 0;
	do
		kb->text.len--;
	while (kb->text.len && (kb->text.data[kb->text.len] & 0xc0) == 0x80);
	kb->text.data[kb->text.len] = 0;
	return 1;
}

static int act(struct keyboard *kb, const char *payload)
{
	struct layout *l = keyboard_shown(kb);
	const struct key *k = keyboard_find_key(l, payload);
	const char *s;
	int shift = kb->shift, changed, special = k ? k->special : -1;

	/* the editing keys also serve a physical keyboard, whatever the layer shows */
	if (!k && payload && !strcmp(payload, "@backspace"))
		special = KEY_BACKSPACE;
	else if (!k && payload && !strcmp(payload, "@space"))
		special = KEY_SPACE;
	else if (!k && payload && !strcmp(payload, "@clear"))
		special = KEY_CLEAR;
	else if (!k)
		return 0;
	if (special != KEY_SHIFT)
		kb->shift = 0;
	switch (special) {
	case KEY_SHIFT:
		kb->shift = !kb->shift;
		return 0;
	case KEY_BACKSPACE:
		return erase(kb);
	case KEY_SPACE:
		return commit(kb, " ", 1);
	case KEY_CLEAR:
		changed = used(kb) > 0;
		if (keyboard_letters(kb)->hic)
			hangul_ic_reset(keyboard_letters(kb)->hic);
		buf_reset(&kb->text);
		buf_reset(&kb->preedit);
		kb->ime = 0;
		return changed;
	case KEY_SWITCH:
		changed = end_preedit(kb);
		for (size_t i = 1; i <= kb->n; i++)
			if (!kb->l[(kb->letters + i) % kb->n].symbols) {
				kb->letters = (kb->letters + i) % kb->n;
				break;
			}
		return changed;
	case KEY_SYMBOLS:
		kb->on_symbols = kb->symbols >= 0;
		return 0;
	case KEY_LETTERS:
		kb->on_symbols = 0;
		return 0;
	}
	s = shift && k->shifted ? k->shifted : k->payload;
	if (l->hic)
		return compose(kb, l, (unsigned char)s[0]);
	return commit(kb, s, strlen(s));
}

int keyboard_key(struct keyboard *kb, const char *payload)
{
	int changed = act(kb, payload);

	sync_query(kb);
	return changed;
}

/* A copy of valid UTF-8 s without control characters, or NULL. */
static char *printable(const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *out;

	if (!utf8_valid(s, n, NULL))
		return NULL;
	out = xmalloc(n + 1);
	while (i < n) {
		size_t start = i;
		int32_t c = utf8_next(s, n, &i);
		if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
			memcpy(out + o, s + start, i - start);
			o += i - start;
		}
	}
	out[o] = 0;
	return out;
}

/* The length of the longest prefix of s, at most max bytes, that ends on a character boundary. */
static size_t cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	while (max && (s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

int keyboard_insert_text(struct keyboard *kb, const char *utf8)
{
	char *s = utf8 ? printable(utf8) : NULL;
	int changed = 0;

	if (s && *s)
		changed = commit(kb, s, strlen(s));
	free(s);
	sync_query(kb);
	return changed;
}

int keyboard_set_preedit(struct keyboard *kb, const char *utf8)
{
	char *s = utf8 ? printable(utf8) : NULL;
	int changed = 0;

	if (!s)
		return 0;
	if (!*s) {
		if (kb->ime) {
			buf_reset(&kb->preedit);
			kb->ime = 0;
			changed = 1;
		}
	} else if (!kb->ime || strcmp(s, kb->preedit.data)) {
		if (!kb->ime)
			end_preedit(kb);
		buf_reset(&kb->preedit);
		buf_add(&kb->preedit, s, cut(s, KEYBOARD_MAX_TEXT - kb->text.len));
		kb->ime = 1;
		changed = 1;
	}
	free(s);
	sync_query(kb);
	return changed;
}

void keyboard_clear(struct keyboard *kb)
{
	for (size_t i = 0; i < kb->n; i++)
		if (kb->l[i].hic)
			hangul_ic_reset(kb->l[i].hic);
	buf_reset(&kb->text);
	buf_reset(&kb->preedit);
	kb->ime = 0;
	kb->shift = 0;
	kb->on_symbols = 0;
	sync_query(kb);
}

void keyboard_set_text(struct keyboard *kb, const char *utf8)
{
	char *s = utf8 ? printable(utf8) : NULL;

	keyboard_clear(kb);
	if (s)
		buf_add(&kb->text, s, cut(s, KEYBOARD_MAX_TEXT));
	free(s);
	sync_query(kb);
}

const char *keyboard_text(const struct keyboard *kb)
{
	return kb->text.data;
}

const char *keyboard_preedit(const struct keyboard *kb)
{
	return kb->preedit.data;
}

const char *keyboard_query(const struct keyboard *kb)
{
	return kb->query.data;
}

int keyboard_set_language(struct keyboard *kb, const char *lang)
{
	for (size_t i = 0; lang && i < kb->n; i++)
		if (!kb->l[i].symbols && !strcmp(kb->l[i].language, lang)) {
			end_preedit(kb);
			kb->letters = i;
			kb->on_symbols = 0;
			kb->shift = 0;
			sync_query(kb);
			return 0;
		}
	return -1;
}

const char *keyboard_language(const struct keyboard *kb)
{
	return keyboard_letters(kb)->language;
}

int keyboard_on_symbols(const struct keyboard *kb)
{
	return kb->on_symbols;
}

int keyboard_shifted(const struct keyboard *kb)
{
	return kb->shift;
}

int keyboard_press_visual(struct keyboard *kb, const char *payload)
{
	if (!keyboard_find_key(keyboard_shown(kb), payload) || (kb->pressed && !strcmp(kb->pressed, payload)))
		return 0;
	free(kb->pressed);
	kb->pressed = xstrdup(payload);
	return 1;
}

int keyboard_release_visual(struct keyboard *kb)
{
	if (!kb->pressed)
		return 0;
	free(kb->pressed);
	kb->pressed = NULL;
	return 1;
}

