/* closed.c: outside the opening hours. The screen is dark: one black frame and
 * nothing else, and no timer runs until the hours change (the app's live.c wakes
 * it then). The first touch shows, for CLOSED_SHOW_MS, that the exhibition is
 * closed and today's hours (schedule_describe_day) in each language of the pack,
 * the interface's first; then dark again. */
#include "screen.h"
#include "app/config.h"
#include "app/schedule.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

#define CLOSED_SHOW_MS 6000

struct closed_state {
	int showing;        /* the notice is up */
	uint32_t shown_at;  /* ms */
};

static int closed_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct closed_state *st = self->state;
	const struct metrics *m = c->m;
	char langs[8][16], hours[64] = "";
	int nl = 0, y, h = 0, w = s->w - 2 * m->margin;
	struct scene probe;

	(void)e;
	scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, 0x000000ff, 0);
	if (!st->showing)
		return 0;
	if (w > m->column + 2 * m->margin)
		w = m->column + 2 * m->margin;
	nl = screen_langs(c, langs, 8);
	if (c->cfg && c->cfg->hours.set)
		schedule_describe_day(&c->cfg->hours, schedule_now(), hours, sizeof(hours));
	for (int pass = 0; pass < 2; pass++) {
		struct scene *out = pass ? s : &probe;
		int x = (s->w - w) / 2;
		if (!pass)
			scene_init(&probe, s->w, s->h);
		y = pass ? (s->h - h) / 2 : 0;
		for (int i = 0; i < nl; i++) {
			struct text_style title = { .size = i ? m->h3 : m->h1, .bold = 1, .align = TEXT_CENTER };
			struct text_style body = { .size = i ? m->body : m->h3, .align = TEXT_CENTER };
			char line[192];
			const char *closed = str_get(langs[i], STR_CLOSED_TOUCH);
			y += scene_text(out, c->text, (struct rect){ x, y, w, 0 }, closed, NULL, 0, &title,
					c->th->on_stage, 0);
			y += m->gap / 3;
			if (hours[0]) {
				/* "closed" from schedule_describe_day is a word of the program, not of a language */
				const char *today = strcmp(hours, "closed") ? hours : str_get(langs[i], STR_CLOSED);
				snprintf(line, sizeof(line), "%s: %s", str_get(langs[i], STR_OPENING_HOURS), today);
				y += scene_text(out, c->text, (struct rect){ x, y, w, 0 }, line, NULL, 0, &body,
						i ? c->th->on_stage_muted : c->th->on_stage, 0);
			}
			y += m->gap * 2;
		}
		if (!pass) {
			h = y - m->gap * 2;
			scene_release(&probe);
		}
	}
	return 0;
}

/* A touch brings the notice up (again); nothing else answers while closed. */
static int closed_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			struct screen_reply *r)
{
	struct closed_state *st = self->state;

	(void)c;
	if (ev->kind == SCREEN_GESTURE && (ev->g->kind == GESTURE_TAP || ev->g->kind == GESTURE_LONG_PRESS ||
					   ev->g->kind == GESTURE_DRAG_END)) {
		st->shown_at = ev->now;
		if (!st->showing) {
			st->showing = 1;
			r->rebuild = 1;
		}
	}
	return 1;
}

static int closed_tick(struct screen *self, struct screen_ctx *c, uint32_t now, struct screen_reply *r)
{
	struct closed_state *st = self->state;

	(void)c;
	if (!st->showing)
		return -1;
	if (now - st->shown_at >= CLOSED_SHOW_MS) {
		st->showing = 0;
		r->rebuild = 1;
		return -1;
	}
	return (int)(CLOSED_SHOW_MS - (now - st->shown_at));
}

int screen_closed_showing(const struct screen *s)
{
	const struct closed_state *st = s->state;

	return st->showing;
}

/* For kiosk shot: the notice up, as after a touch. */
void screen_closed_show(struct screen *s, uint32_t now)
{
	struct closed_state *st = s->state;

	st->showing = 1;
	st->shown_at = now;
}

const struct screen_class screen_closed_class = {
	.name = "closed",
	.state_size = sizeof(struct closed_state),
	.build = closed_build,
	.input = closed_input,
	.tick = closed_tick,
};
