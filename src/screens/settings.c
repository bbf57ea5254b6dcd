/* settings.c: the display sheet, drawn over the screen at the bottom, within reach:
 * the text size in five steps (the current one filled), standard or high contrast,
 * and controls over the whole screen or within reach. Each choice applies at once,
 * so the visitor sees the page behind the sheet change; Done or a touch above the
 * sheet closes it. The idle reset restores the kiosk's defaults. */
#include "screen.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

/* One row: its name, then its choices as buttons, the current one filled. Returns
 * the y below. */
static int row(struct screen_ctx *c, struct scene *s, int x, int y, int w, int name_size, const char *name, int n,
	       const char *const *labels, int current, int action)
{
	const struct metrics *m = c->m;
	struct text_style ns = { .size = name_size, .bold = 1, .max_lines = 2 };
	int gap = m->gap / 2 > 8 ? m->gap / 2 : 8, bx = x, by;
	const char *tick = text_engine_covers(c->text, "✓", 3, NULL) ? "✓" : "•";

	y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, name, NULL, 0, &ns, c->th->text, 0);
	y += gap;
	by = y;
	for (int i = 0; i < n; i++) {
		char payload[16], label[128], ticked[128];
		int bw;
		/* the current choice is filled and ticked: never shown by colour alone. Each
		 * button is as wide ticked or not, so that a choice moves no other. */
		snprintf(ticked, sizeof(ticked), "%s %s", tick, labels[i]);
		snprintf(label, sizeof(label), "%s", i == current ? ticked : labels[i]);
		bw = chrome_button_width(c, ticked);
		if (bx + bw > x + w && bx > x) {
			/* the next row of choices */
			bx = x;
			by += m->target + gap;
		}
		snprintf(payload, sizeof(payload), "%d", i);
		chrome_button_w(c, s, bx, by, bw, label, action, payload, i == current, 0);
		bx += bw + gap;
	}
	return by + m->target + m->gap;
}

static int settings_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	char pct[TEXT_SIZES][16];
	const char *sizes[TEXT_SIZES], *contrast[2], *reach[2];
	struct metrics m0;
	int w, x, top, y, panel;
	struct scene probe;

	(void)self;
	(void)e;
	/* The sheet is laid out as at the default text size, as the bar is: the
	 * visitor's choice changes the page behind it, and every control stays where
	 * the finger found it (at 200 % the column was twice as wide, its headings
	 * twice as tall, and each choice moved the next one away). */
	metrics_compute(&m0, m->w, m->h, m->dpi, 0);
	w = s->w - 2 * m0.margin;
	if (w > m0.column + 2 * m0.margin)
		w = m0.column + 2 * m0.margin;
	x = (s->w - w) / 2;
	for (int i = 0; i < TEXT_SIZES; i++) {
		snprintf(pct[i], sizeof(pct[i]), str_get(c->lang, STR_PERCENT), metrics_text_percent(i));
		sizes[i] = pct[i];
	}
	contrast[0] = str_get(c->lang, STR_CONTRAST_STANDARD);
	contrast[1] = str_get(c->lang, STR_CONTRAST_HIGH);
	reach[0] = str_get(c->lang, STR_REACH_OFF);
	reach[1] = str_get(c->lang, STR_REACH_ON);
	/* laid out once to learn its height, then again at the bottom of the screen */
	for (int pass = 0; pass < 2; pass++) {
		struct scene *out = pass ? s : &probe;
		if (!pass)
			scene_init(&probe, s->w, s->h);
		top = pass ? s->h - panel : 0;
		if (pass) {
			scene_rect(s, (struct rect){ 0, 0, s->w, top }, th->scrim, 0);
			/* a touch above the sheet closes it, where there is room for a finger */
			if (top >= m->target)
				scene_hit(s, (struct rect){ 0, 0, s->w, top }, ACT_CLOSE, NULL, str_get(c->lang, STR_DONE), 0);
			scene_rect(s, (struct rect){ 0, top, s->w, panel }, th->surface, 0);
			scene_rect(s, (struct rect){ 0, top, s->w, 2 }, th->border, 0);
		}
		y = top + m->gap;
		y = row(c, out, x, y, w, m0.h3, str_get(c->lang, STR_TEXT_SIZE), TEXT_SIZES, sizes, c->text_size,
			ACT_TEXT_SIZE);
		y = row(c, out, x, y, w, m0.h3, str_get(c->lang, STR_CONTRAST), 2, contrast, c->high_contrast,
			ACT_CONTRAST);
		if (c->can_reach)
			y = row(c, out, x, y, w, m0.h3, str_get(c->lang, STR_REACH), 2, reach, c->reach, ACT_REACH);
		chrome_button(c, out, x + w - chrome_button_width(c, str_get(c->lang, STR_DONE)), y,
			      str_get(c->lang, STR_DONE), ACT_CLOSE, NULL, 1, 0);
		y += m->target + m->gap;
		if (!pass) {
			panel = y;
			scene_release(&probe);
		}
	}
	return 0;
}

/* Taps choose; everything else waits for the sheet to close. */
static int settings_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			  struct screen_reply *r)
{
	(void)self;
	(void)c;
	if (ev->kind == SCREEN_GESTURE && ev->g->kind == GESTURE_TAP && ev->hit) {
		r->action = ev->hit->action;
		snprintf(r->payload, sizeof(r->payload), "%s", ev->hit->payload ? ev->hit->payload : "");
	} else if (ev->kind == SCREEN_KEY && (ev->key == KEY_ESCAPE || ev->key == KEY_BACKSPACE)) {
		r->action = ACT_CLOSE;
	}
	return 1;
}

const struct screen_class screen_settings_class = {
	.name = "settings",
	.build = settings_build,
	.input = settings_input,
};
