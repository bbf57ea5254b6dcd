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

static int pinpad_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct pinpad_state *p = self->state;
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int key = m->target * 3 / 2, gap = m->gap / 2 > 8 ? m->gap / 2 : 8;
	int padw = 3 * key + 2 * gap, w, x, y, h, pad = m->margin;
	struct text_style title = { .size = m->h2, .bold = 1, .align = TEXT_CENTER };
	struct text_style body = { .size = m->body, .align = TEXT_CENTER };
	struct text_style big = { .size = m->h1, .bold = 1, .align = TEXT_CENTER, .max_lines = 1 };
	char msg[256] = "", mask[PIN_MAX_DIGITS * 4 + 1] = "";
	const char *dot = text_engine_covers(c->text, "●", 3, NULL) ? "●" : "*";
	struct scene probe;

	(void)e;
	/* keys as large as the screen allows: five rows (entry, message, four of keys) fit */
	while (key > m->target && 5 * (key + gap) + 2 * pad + m->h2 * 3 > s->h)
		key -= 4;
	padw = 3 * key + 2 * gap;
	w = padw + 2 * pad;
	if (w < m->column)
		w = m->column < s->w - 2 * m->margin ? m->column : s->w - 2 * m->margin;
	if (w > s->w)
		w = s->w;
	if (padw > w - 2 * pad)
		pad = (w - padw) / 2 > 0 ? (w - padw) / 2 : 0;
	for (int i = 0; i < p->n; i++)
		strcat(mask, dot);
	p->locked_s = locked_for(p, c->now);
	if (p->has_pin <= 0)
		snprintf(msg, sizeof(msg), "%s", str_get(c->lang, STR_PIN_NONE));
	else if (p->locked_s)
		snprintf(msg, sizeof(msg), str_get(c->lang, STR_PIN_LOCKED), p->locked_s);
	else if (p->wrong)
		snprintf(msg, sizeof(msg), "%s", str_get(c->lang, STR_PIN_WRONG));
	h = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct scene *out = pass ? s : &probe;
		if (!pass)
			scene_init(&probe, s->w, s->h);
		x = (s->w - w) / 2;
		y = pass ? (s->h - h) / 2 : 0;
		if (y < 0)
			y = 0;
		if (pass) {
			scene_rect(s, (struct rect){ 0, 0, s->w, s->h }, th->scrim, 0);
			scene_rect(s, (struct rect){ x, y, w, h }, th->surface, 0);
			scene_frame(s, (struct rect){ x, y, w, h }, th->border, 2, 0);
		}
		y += pad / 2;
		y += scene_text(out, c->text, (struct rect){ x + pad, y, w - 2 * pad, 0 },
				str_get(c->lang, STR_PIN_TITLE), NULL, 0, &title, th->text, 0);
		y += gap;
		if (p->has_pin > 0) {
			int eh = text_line_height(c->text, big.size);
			/* the entry: one dot a digit, never the digits */
			scene_frame(out, (struct rect){ x + pad, y, w - 2 * pad, eh + gap }, th->border, 2, 0);
			if (p->n)
				scene_text(out, c->text, (struct rect){ x + pad, y + gap / 2, w - 2 * pad, eh }, mask,
					   NULL, 0, &big, th->text, 0);
			y += eh + gap * 2;
		}
		if (p->has_pin > 0 && !p->locked_s) {
			static const char *const labels[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL, "0", NULL };
			int kx = x + (w - padw) / 2;
			for (int i = 0; i < 12; i++) {
				struct rect r = { kx + (i % 3) * (key + gap), y + (i / 3) * (key + gap), key, key };
				const char *label = labels[i], *payload = labels[i];
				int primary = 0;
				struct text_style ks = { .size = i == 9 || i == 11 ? m->body : m->h2, .bold = 1,
							 .align = TEXT_CENTER, .max_lines = 2 };
				if (i == 9) {
					label = str_get(c->lang, STR_PIN_DELETE);
					payload = "delete";
				} else if (i == 11) {
					label = str_get(c->lang, STR_OK);
					payload = "ok";
					primary = 1;
				}
				if (pass) {
					struct text_layout l;
					text_layout_build(c->text, label, strlen(label), NULL, 0, &ks, key - gap, &l);
					scene_rect(s, r, primary ? th->accent : th->bg, 0);
					scene_frame(s, r, th->accent, 2, 0);
					scene_text(s, c->text, (struct rect){ r.x + gap / 2, r.y + (key - l.height) / 2, key - gap,
									      l.height },
						   label, NULL, 0, &ks, primary ? th->on_accent : th->accent, 0);
					text_layout_release(&l);
					scene_hit(s, r, ACT_KEY, payload, label, 0);
				}
			}
			y += 4 * (key + gap);
		}
		/* below the keys, so that a message never moves them under a finger */
		if (msg[0]) {
			y += scene_text(out, c->text, (struct rect){ x + pad, y, w - 2 * pad, 0 }, msg, NULL, 0, &body,
					th->text, 0);
			y += gap;
		}
		{
			const char *cancel = str_get(c->lang, STR_CANCEL);
			int bw = chrome_button_width(c, cancel);
			chrome_button(c, out, x + (w - bw) / 2, y, cancel, ACT_CLOSE, NULL, 0, 0);
			y += m->target + pad / 2;
		}
		if (!pass) {
			h = y;
			scene_release(&probe);
		}
	}
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
