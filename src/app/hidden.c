/* hidden.c: the technician's corner gesture (see hidden.h). */
#include "hidden.h"

#include <string.h>

enum { IDLE, HOLDING, HELD_LONG, ARMED, SWALLOW };

void hidden_init(struct hidden_state *h, float corner_px)
{
	memset(h, 0, sizeof(*h));
	h->corner = corner_px > 0 ? corner_px : 48;
	h->first = -1;
}

int hidden_corner_at(const struct hidden_state *h, float x, float y, int w, int h_px)
{
	float c = h->corner;
	int left = x < c, right = x >= (float)w - c, top = y < c, bottom = y >= (float)h_px - c;

	if (x < 0 || y < 0 || x >= (float)w || y >= (float)h_px)
		return -1;
	if (top && left)
		return 0;
	if (top && right)
		return 1;
	if (bottom && left)
		return 2;
	if (bottom && right)
		return 3;
	return -1;
}

int hidden_feed(struct hidden_state *h, const struct input_event *ev, int w, int h_px,
		struct input_event *held)
{
	int c;

	if (ev->kind == INPUT_WHEEL)
		return HIDDEN_PASS;
	if (ev->kind == INPUT_CANCEL) {
		h->phase = IDLE;
		return HIDDEN_PASS;
	}
	switch (h->phase) {
	case ARMED:
		if (ev->kind != INPUT_DOWN)
			return HIDDEN_PASS;
		c = hidden_corner_at(h, ev->x, ev->y, w, h_px);
		if ((int32_t)(h->armed_until - ev->t) >= 0 && c >= 0 && c != h->first) {
			/* the second corner: its touch is ours until it lifts */
			h->phase = SWALLOW;
			h->id = ev->id;
			return HIDDEN_OPEN;
		}
		h->phase = IDLE;
		/* this press may start a new hold */
		/* fall through */
	case IDLE:
		if (ev->kind != INPUT_DOWN)
			return HIDDEN_PASS;
		c = hidden_corner_at(h, ev->x, ev->y, w, h_px);
		if (c < 0)
			return HIDDEN_PASS;
		h->phase = HOLDING;
		h->id = ev->id;
		h->first = c;
		h->down = *ev;
		return HIDDEN_HOLD;
	case HOLDING:
	case HELD_LONG: {
		uint32_t held_ms = ev->t - h->down.t;
		if (ev->id != h->id)
			return HIDDEN_PASS;
		if (h->phase == HOLDING && held_ms >= HIDDEN_TAP_MS)
			h->phase = HELD_LONG;
		if (ev->kind == INPUT_MOVE) {
			if (hidden_corner_at(h, ev->x, ev->y, w, h_px) == h->first)
				return HIDDEN_HOLD;
			if (h->phase == HOLDING) {
				/* a drag that began in a corner: the visitor's */
				h->phase = IDLE;
				*held = h->down;
				return HIDDEN_REPLAY;
			}
			h->phase = SWALLOW;
			return HIDDEN_HOLD;
		}
		if (ev->kind == INPUT_UP) {
			if (held_ms >= HIDDEN_HOLD_MS) {
				h->phase = ARMED;
				h->armed_until = ev->t + HIDDEN_SECOND_MS;
				return HIDDEN_HOLD;
			}
			if (h->phase == HOLDING) {
				/* a tap on whatever is in the corner */
				h->phase = IDLE;
				*held = h->down;
				return HIDDEN_REPLAY;
			}
			h->phase = IDLE;
			return HIDDEN_HOLD;
		}
		return HIDDEN_HOLD;
	}
	case SWALLOW:
		if (ev->id != h->id)
			return HIDDEN_PASS;
		if (ev->kind == INPUT_UP)
			h->phase = IDLE;
		return HIDDEN_HOLD;
	}
	return HIDDEN_PASS;
}
