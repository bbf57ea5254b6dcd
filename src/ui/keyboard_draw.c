/* keyboard_draw.c: the keys of the shown layout laid out into a scene: rows too
 * wide for the window are split, every key at least the touch target size. */
#include "keyboard_internal.h"
#include "strings.h"
#include "theme.h"
#include "text/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The rows of a layout as shown at a width where at most max_units letter keys
 * fit a line. A row too wide is split into the fewest lines that hold its keys
 * at one unit each, as evenly as the keys' widths allow; a line still too wide
 * narrows its wide keys (Space, Shift), never a key below one unit. */
struct lines {
	int count[MAX_ROWS];            /* lines of each row */
	int ends[MAX_ROWS][MAX_KEYS];   /* where each line of a row ends */
	float width[MAX_ROWS][MAX_KEYS]; /* each key's width in units as drawn */
	int n;                          /* lines in all */
	int most;                       /* keys on the fullest line */
};

static float span(const struct row *r, int a, int b)
{
	float w = 0;

	for (int i = a; i < b; i++)
		w += r->keys[i].width;
	return w;
}

/* Split keys [0, n) into k lines of at most cap keys each with the least widest
 * line (the linear partition problem; rows are at most 16 keys); 0 when k lines
 * cannot hold them. */
static int partition(const struct row *r, int k, int cap, int *ends)
{
	float best[MAX_KEYS + 1][MAX_KEYS + 1];
	int cut_at[MAX_KEYS + 1][MAX_KEYS + 1];
	int n = r->n;

	for (int i = 0; i <= n; i++)
		best[1][i] = i <= cap ? span(r, 0, i) : INFINITY;
	for (int p = 2; p <= k; p++)
		for (int i = 0; i <= n; i++) {
			best[p][i] = INFINITY;
			cut_at[p][i] = 0;
			for (int j = p - 1; j < i; j++) {
				float w = i - j > cap ? INFINITY : fmaxf(best[p - 1][j], span(r, j, i));
				if (w < best[p][i]) {
					best[p][i] = w;
					cut_at[p][i] = j;
				}
			}
		}
	if (isinf(best[k][n]))
		return 0;
	for (int p = k, i = n; p >= 1; p--) {
		ends[p - 1] = i;
		i = p > 1 ? cut_at[p][i] : 0;
	}
	return 1;
}

static void break_lines(const struct layout *l, float max_units, struct lines *out)
{
	int cap = (int)floorf(max_units + 1e-4f);

	out->n = 0;
	out->most = 1;
	if (cap < 1)
		cap = 1;
	for (int r = 0; r < l->nrows; r++) {
		const struct row *row = &l->rows[r];
		int k = span(row, 0, row->n) <= max_units + 1e-4f ? 1 : (row->n + cap - 1) / cap;
		while (k < row->n && !partition(row, k, cap, out->ends[r]))
			k++;
		if (k == 1 || k == row->n)
			partition(row, k, cap, out->ends[r]);
		out->count[r] = k;
		out->n += k;
		for (int p = 0, a = 0; p < k; a = out->ends[r][p++])
			if (out->ends[r][p] - a > out->most)
				out->most = out->ends[r][p] - a;
	}
}

/* The widths of the keys when a line holds room units: a line wider than that
 * narrows its wide keys, none below one unit. */
static void fit_lines(const struct layout *l, float room, struct lines *out)
{
	for (int r = 0; r < l->nrows; r++) {
		const struct row *row = &l->rows[r];
		for (int p = 0, a = 0; p < out->count[r]; a = out->ends[r][p++]) {
			int b = out->ends[r][p], n = b - a;
			float pref = span(row, a, b), w = fminf(pref, room);
			for (int i = a; i < b; i++)
				out->width[r][i] = pref > n + 1e-4f ? 1 + (row->keys[i].width - 1) * (w - n) / (pref - n) : 1;
		}
	}
}

struct geometry {
	int side, pad;   /* horizontal and vertical margins inside the keyboard */
	int avail;       /* width for keys */
	float max_units; /* key widths that fit a line at the least key size */
};

static void geometry(const struct metrics *m, int w, struct geometry *g)
{
	g->side = m->margin / 2;
	g->pad = m->gap / 2;
	g->avail = w - 2 * g->side;
	if (g->avail < m->target) {
		g->side = (w - m->target) / 2 > 0 ? (w - m->target) / 2 : 0;
		g->avail = m->target;
	}
	g->max_units = (float)g->avail / (float)m->target;
	if (g->max_units < 1)
		g->max_units = 1;
}

/* A row a little taller than the least target, like the keys of phone keyboards. */
static int nominal_row(const struct metrics *m)
{
	return m->target * 11 / 10;
}

int keyboard_height(const struct keyboard *kb, const struct metrics *m, int w)
{
	struct geometry g;
	struct lines lines;
	int rows = 0, h;

	geometry(m, w, &g);
	for (size_t i = 0; i < kb->n; i++) {
		break_lines(&kb->l[i], g.max_units, &lines);
		if (lines.n > rows)
			rows = lines.n;
	}
	h = rows * nominal_row(m) + 2 * g.pad;
	if (m->portrait && m->w < 600 && h < m->h / 2)
		h = m->h / 2;
	return h;
}

/* What a key shows, and its name for a screen reader (into name). */
static const char *key_label(const struct keyboard *kb, const struct key *k, struct text_engine *t,
			     const char *ui_lang, char *name, size_t size)
{
	const struct layout *next = keyboard_letters(kb);
	const char *label = k->label, *s;
	int id = -1;

	switch (k->special) {
	case KEY_CHAR:
		label = kb->shift && k->shifted ? (k->label_shifted ? k->label_shifted : k->shifted)
						: (k->label ? k->label : k->payload);
		snprintf(name, size, "%s", label);
		return label;
	case KEY_SHIFT: id = STR_KEY_SHIFT; break;
	case KEY_BACKSPACE: id = STR_KEY_BACKSPACE; break;
	case KEY_SPACE: id = STR_KEY_SPACE; break;
	case KEY_CLEAR: id = STR_KEY_CLEAR; break;
	case KEY_SYMBOLS:
		snprintf(name, size, "%s", str_get(ui_lang, STR_KEY_SYMBOLS));
		return kb->symbols >= 0 ? kb->l[kb->symbols].name : name;
	case KEY_SWITCH:
		for (size_t i = 1; i <= kb->n; i++)
			if (!kb->l[(kb->letters + i) % kb->n].symbols) {
				next = &kb->l[(kb->letters + i) % kb->n];
				break;
			}
		/* the format is checked when strings load: one %s */
		snprintf(name, size, str_get(ui_lang, STR_KEY_SWITCH), next->name);
		return next->name;
	case KEY_LETTERS:
		snprintf(name, size, str_get(ui_lang, STR_KEY_LETTERS), next->name);
		return next->name;
	}
	s = str_get(ui_lang, id);
	snprintf(name, size, "%s", s);
	if (label && text_engine_covers(t, label, strlen(label), NULL))
		return label;
	return s;
}

static void draw_key(struct keyboard *kb, struct scene *s, struct text_engine *t, const struct metrics *m,
		     const struct theme *th, const struct key *k, struct rect cell, const char *ui_lang)
{
	char name[256];
	const char *label = key_label(kb, k, t, ui_lang, name, sizeof(name));
	int inset = m->target / 16 > 2 ? m->target / 16 : 2;
	struct rect r = { cell.x + inset, cell.y + inset, cell.w - 2 * inset, cell.h - 2 * inset };
	int pressed = kb->pressed && !strcmp(kb->pressed, k->payload);
	int on = k->special == KEY_SHIFT && kb->shift;
	uint32_t fill = k->special == KEY_CHAR ? th->surface : th->bg, ink = th->text;
	struct text_style st = { .align = TEXT_CENTER, .max_lines = 1 };
	int lh, room = r.w - 2 * inset;

	if (pressed) {
		fill = th->text;
		ink = th->bg;
	} else if (on) {
		fill = th->accent;
		ink = th->on_accent;
	}
	scene_rect(s, r, fill, 0);
	if (!pressed && !on)
		scene_frame(s, r, th->border, th->high_contrast ? 2 : 1, 0);
	/* a letter as big as the key allows; a word shrinks until it fits */
	st.size = k->special == KEY_CHAR && strlen(label) <= 4 ? r.h * 9 / 20 : r.h * 3 / 10;
	if (st.size > m->h2)
		st.size = m->h2;
	while (st.size > 10 && text_width(t, label, st.size, 0) > room)
		st.size--;
	lh = text_line_height(t, st.size);
	scene_text(s, t, (struct rect){ r.x + inset, r.y + (r.h - lh) / 2, room, lh }, label, NULL, 0, &st,
		   ink, 0);
	scene_hit(s, cell, ACT_KEY, k->payload, name, 0);
}

int keyboard_layout(struct keyboard *kb, struct scene *s, struct text_engine *t, const struct metrics *m,
		    const struct theme *th, struct rect r, const char *ui_lang)
{
	const struct layout *l = keyboard_shown(kb);
	struct geometry g;
	struct lines lines;
	int unit, row_h, y, height;

	geometry(m, r.w, &g);
	break_lines(l, g.max_units, &lines);
	/* the fullest line fills the width, keys no wider than 1.5 targets */
	unit = g.avail / lines.most;
	if (unit > m->target * 3 / 2)
		unit = m->target * 3 / 2;
	if (unit < m->target)
		unit = m->target;
	fit_lines(l, (float)g.avail / (float)unit, &lines);
	row_h = (r.h - 2 * g.pad) / (lines.n ? lines.n : 1);
	if (row_h > m->target * 5 / 4)
		row_h = m->target * 5 / 4;
	if (row_h < m->target)
		row_h = m->target;
	height = lines.n * row_h + 2 * g.pad;
	if (height < r.h)
		height = r.h;
	y = r.y + r.h - g.pad - lines.n * row_h;
	scene_rect(s, (struct rect){ r.x, r.y + r.h - height, r.w, height }, th->placeholder, 0);
	scene_rect(s, (struct rect){ r.x, r.y + r.h - height, r.w, 1 }, th->border, 0);
	for (int i = 0; i < l->nrows; i++) {
		const struct row *row = &l->rows[i];
		for (int p = 0, a = 0; p < lines.count[i]; p++) {
			int b = lines.ends[i][p], x, w = 0;
			for (int k = a; k < b; k++)
				w += (int)lroundf(lines.width[i][k] * (float)unit);
			x = r.x + (r.w - w) / 2;
			for (int k = a; k < b; k++) {
				int kw = (int)lroundf(lines.width[i][k] * (float)unit);
				draw_key(kb, s, t, m, th, &row->keys[k], (struct rect){ x, y, kw, row_h }, ui_lang);
				x += kw;
			}
			y += row_h;
			a = b;
		}
	}
	return height;
}
