/* pinpad.c: the technician's PIN pad, drawn over the screen after the corner
 * gesture (app/hidden.h): the digits masked, a keypad of 0-9, Delete and OK whose
 * keys are at least the touch target, and the lock-out of app/pin.h with the time
 * it still runs. With no PIN set it says so and offers only Cancel: a kiosk whose
 * menu anyone could open with no PIN would let a visitor remove the exhibition.
 * It closes itself after PINPAD_IDLE_MS without a touch. */
#include "screen.h"
#include "app/pin.h"
#include "core/err.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

#define PINPAD_IDLE_MS 60000

struct pinpad_state {
	char hash[PIN_HASH_MAX];
	int has_pin;             /* 1 a PIN is set, 0 none, -1 the PIN file cannot be read */
	struct pin_guard *guard; /* borrowed from the app: the lock-out outlives the pad */
	char digits[PIN_MAX_DIGITS + 1];
	int n;
	int wrong;               /* the last OK was a wrong PIN */
	int locked_s;            /* seconds of lock-out left, as drawn */
	uint32_t last_touch;     /* ms */
};

void screen_pinpad_start(struct screen *s, const char *hash, int has_pin, struct pin_guard *guard,
			 uint32_t now)
{
	struct pinpad_state *p = s->state;

	snprintf(p->hash, sizeof(p->hash), "%s", hash ? hash : "");
	p->has_pin = has_pin;
	p->guard = guard;
	p->last_touch = now;
}

static int locked_for(const struct pinpad_state *p, uint32_t now)
{
	int64_t left;

	if (!p->guard || !p->guard->locked_until)
		return 0;
	left = p->guard->locked_until - (int64_t)now;
	return left > 0 ? (int)((left + 999) / 1000) : 0;
}

/* The pad laid out with metrics m into out, its box's top at y0 (drawn only when
 * draw; out may be a probe that only measures). side: the keys to the right of the
 * title, entry, message and Cancel, for a window too low for them all in one
 * column (a phone on its side, a 7-inch panel). The box's height in px; its width
 * in *box_w. */
static int pinpad_lay(struct pinpad_state *p, struct screen_ctx *c, const struct metrics *m, struct scene *out,
		      int y0, int side, int draw, int *box_w)
{
	const struct theme *th = c->th;
	int gap = m->gap / 2 > 8 ? m->gap / 2 : 8, pad = m->margin, key = m->target * 3 / 2, padw, w, x, y, lw, kx, ky;
	int keys = p->has_pin > 0 && !p->locked_s, left_end, keys_end = y0;
	struct text_style title = { .size = m->h2, .bold = 1, .align = TEXT_CENTER };
	struct text_style body = { .size = m->body, .align = TEXT_CENTER };
	struct text_style big = { .size = m->h1, .bold = 1, .align = TEXT_CENTER, .max_lines = 1 };
	char msg[256] = "", mask[PIN_MAX_DIGITS * 4 + 1] = "";
	const char *dot = text_engine_covers(c->text, "●", 3, NULL) ? "●" : "*";

	/* keys as large as the window allows: in one column five rows (entry, message,
	 * four of keys) fit; beside the rest, four rows of keys */
	if (side)
		key = (out->h - pad - 3 * gap) / 4;
	else
		while (key > m->target && 5 * (key + gap) + 2 * pad + m->h2 * 3 > out->h)
			key -= 4;
	if (key > m->target * 3 / 2)
		key = m->target * 3 / 2;
	if (key < m->target)
		key = m->target;
	padw = 3 * key + 2 * gap;
	if (side) {
		lw = m->column < out->w - 2 * m->margin - padw - 3 * pad ? m->column : out->w - 2 * m->margin - padw - 3 * pad;
		if (lw < m->target)
			lw = m->target; /* a window too small for it all: the box leaves it */
		w = lw + padw + 3 * pad;
	} else {
		w = padw + 2 * pad;
		if (w < m->column)
			w = m->column < out->w - 2 * m->margin ? m->column : out->w - 2 * m->margin;
		if (w > out->w)
			w = out->w;
		if (padw > w - 2 * pad)
			pad = (w - padw) / 2 > 0 ? (w - padw) / 2 : 0;
		lw = w - 2 * pad;
	}
	x = (out->w - w) / 2;
	*box_w = w;
	for (int i = 0; i < p->n; i++)
		strcat(mask, dot);
	if (p->has_pin <= 0)
		snprintf(msg, sizeof(msg), "%s", str_get(c->lang, STR_PIN_NONE));
	else if (p->locked_s)
		snprintf(msg, sizeof(msg), str_get(c->lang, STR_PIN_LOCKED), p->locked_s);
	else if (p->wrong)
		snprintf(msg, sizeof(msg), "%s", str_get(c->lang, STR_PIN_WRONG));
	y = y0 + pad / 2;
	y += scene_text(out, c->text, (struct rect){ x + pad, y, lw, 0 }, str_get(c->lang, STR_PIN_TITLE), NULL, 0,
			&title, th->text, 0);
	y += gap;
	if (p->has_pin > 0) {
		int eh = text_line_height(c->text, big.size);
		/* the entry: one dot a digit, never the digits */
		scene_frame(out, (struct rect){ x + pad, y, lw, eh + gap }, th->border, 2, 0);
		if (p->n)
			scene_text(out, c->text, (struct rect){ x + pad, y + gap / 2, lw, eh }, mask, NULL, 0, &big,
				   th->text, 0);
		y += eh + gap * 2;
	}
	/* the keys: below the entry, or to the right of it all */
	kx = side ? x + 2 * pad + lw : x + (w - padw) / 2;
	ky = side ? y0 + pad / 2 : y;
	if (keys) {
		static const char *const labels[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL, "0", NULL };
		for (int i = 0; i < 12; i++) {
			struct rect r = { kx + (i % 3) * (key + gap), ky + (i / 3) * (key + gap), key, key };
			const char *label = labels[i], *payload = labels[i];
			int primary = 0;
			struct text_style ks = { .size = i == 9 || i == 11 ? m->body : m->h2, .bold = 1,
						 .align = TEXT_CENTER };
			if (i == 9) {
				label = str_get(c->lang, STR_PIN_DELETE);
				payload = "delete";
			} else if (i == 11) {
				label = str_get(c->lang, STR_OK);
				payload = "ok";
				primary = 1;
			}
			if (draw) {
				struct text_layout l;
				/* a label on one line within its key, smaller where the key is too
				 * small for it at its size: a word is never broken (지우/기,
				 * Del/ete), and a digit at 200 % never reaches into the next row */
				ks.max_lines = 1;
				while (ks.size > m->small / 2 && (text_width(c->text, label, ks.size, 1) > key - gap ||
								  text_line_height(c->text, ks.size) > key))
					ks.size--;
				text_layout_build(c->text, label, strlen(label), NULL, 0, &ks, key - gap, &l);
				scene_rect(out, r, primary ? th->accent : th->bg, 0);
				scene_frame(out, r, th->accent, 2, 0);
				scene_text(out, c->text, (struct rect){ r.x + gap / 2, r.y + (key - l.height) / 2, key - gap, l.height },
					   label, NULL, 0, &ks, primary ? th->on_accent : th->accent, 0);
				text_layout_release(&l);
				scene_hit(out, r, ACT_KEY, payload, label, 0);
			}
		}
		keys_end = ky + 4 * key + 3 * gap;
		if (!side)
			y = keys_end + gap;
	}
	/* below the keys (or beside them), so that a message never moves them under a finger */
	if (msg[0]) {
		y += scene_text(out, c->text, (struct rect){ x + pad, y, lw, 0 }, msg, NULL, 0, &body, th->text, 0);
		y += gap;
	}
	{
		const char *cancel = str_get(c->lang, STR_CANCEL);
		int bw = chrome_button_width(c, cancel);
		chrome_button(c, out, x + pad + (lw - bw) / 2, y, cancel, ACT_CLOSE, NULL, 0, 0);
		y += m->target;
	}
	left_end = y > keys_end ? y : keys_end;
	return left_end + pad / 2 - y0;
}

/* Measured first, then laid out in the middle. A pad taller than the window is laid
 * out with the keys beside the rest where the window is wider than tall, else (and
 * then) at the next smaller text size, down to the first. */
static int pinpad_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct pinpad_state *p = self->state;
	struct metrics fit = *c->m;
	int h, side = 0, w, y;

	(void)e;
	p->locked_s = locked_for(p, c->now);
	for (;;) {
		struct scene probe;
		scene_init(&probe, s->w, s->h);
		h = pinpad_lay(p, c, &fit, &probe, 0, side, 0, &w);
		scene_release(&probe);
		if (h <= s->h)
			break;
		if (!side && s->w > s->h && p->has_pin > 0 && !p->locked_s)
			side = 1;
		else if (fit.text_size > 0)
			metrics_compute(&fit, fit.w, fit.h, fit.dpi, fit.text_size - 1);
		else
			break;
	}
	y = h < s->h ? (s->h - h) / 2 : 0;
	scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, c->th->scrim, 0);
	scene_rect(s, (struct rect){ (s->w - w) / 2, y, w, h }, c->th->surface, 0);
	scene_frame(s, (struct rect){ (s->w - w) / 2, y, w, h }, c->th->border, 2, 0);
	pinpad_lay(p, c, &fit, s, y, side, 1, &w);
	return 0;
}

static void press(struct pinpad_state *p, const char *key, uint32_t now, struct screen_reply *r)
{
	int64_t wait = 0;

	if (p->has_pin <= 0)
		return;
	if (!strcmp(key, "delete")) {
		if (p->n)
			p->digits[--p->n] = 0;
	} else if (!strcmp(key, "ok")) {
		enum pin_result res;
		if (!p->n)
			return;
		res = pin_check(p->guard, p->hash, p->digits, (int64_t)now, &wait);
		memset(p->digits, 0, sizeof(p->digits));
		p->n = 0;
		if (res == PIN_RIGHT) {
			r->action = ACT_UNLOCK;
			return;
		}
		p->wrong = 1;
		/* for the log: someone is trying PINs */
		if (res == PIN_LOCKED || wait)
			fprintf(stderr, "kiosk: technician: %d wrong PINs in a row; the PIN pad is locked for %lld s\n",
				p->guard->wrong, (long long)((wait + 999) / 1000));
		else
			fprintf(stderr, "kiosk: technician: wrong PIN\n");
	} else if (key[0] >= '0' && key[0] <= '9' && !key[1] && p->n < PIN_MAX_DIGITS) {
		p->digits[p->n++] = key[0];
		p->wrong = 0;
	}
	r->rebuild = 1;
}

static int pinpad_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			struct screen_reply *r)
{
	struct pinpad_state *p = self->state;

	(void)c;
	p->last_touch = ev->now;
	if (ev->kind == SCREEN_GESTURE && ev->g->kind == GESTURE_TAP && ev->hit) {
		if (ev->hit->action == ACT_KEY && ev->hit->payload)
			press(p, ev->hit->payload, ev->now, r);
		else if (ev->hit->action == ACT_CLOSE)
			r->action = ACT_CLOSE;
	} else if (ev->kind == SCREEN_KEY) {
		if (ev->key == KEY_ESCAPE)
			r->action = ACT_CLOSE;
		else if (ev->key == KEY_BACKSPACE)
			press(p, "delete", ev->now, r);
		else if (ev->key == KEY_ENTER)
			press(p, "ok", ev->now, r);
	} else if (ev->kind == SCREEN_TEXT && ev->text) {
		for (const char *t = ev->text; *t; t++) {
			char k[2] = { *t, 0 };
			press(p, k, ev->now, r);
		}
	}
	return 1;
}

/* The lock-out's countdown each second; closed after a minute without a touch. */
static int pinpad_tick(struct screen *self, struct screen_ctx *c, uint32_t now, struct screen_reply *r)
{
	struct pinpad_state *p = self->state;
	uint32_t idle = now - p->last_touch;
	int left;

	(void)c;
	if (idle >= PINPAD_IDLE_MS) {
		r->action = ACT_CLOSE;
		return -1;
	}
	left = locked_for(p, now);
	if (left != p->locked_s)
		r->rebuild = 1;
	if (left)
		return 1000 - (int)((p->guard->locked_until - (int64_t)now) % 1000) + 1;
	return (int)(PINPAD_IDLE_MS - idle);
}

static void pinpad_release(struct screen *self)
{
	struct pinpad_state *p = self->state;

	/* nothing of a PIN stays in memory after the pad */
	memset(p->digits, 0, sizeof(p->digits));
	memset(p->hash, 0, sizeof(p->hash));
}

const struct screen_class screen_pinpad_class = {
	.name = "pinpad",
	.state_size = sizeof(struct pinpad_state),
	.build = pinpad_build,
	.input = pinpad_input,
	.tick = pinpad_tick,
	.release = pinpad_release,
};
