/* hidden.h: the technician's hidden gesture, recognised on the raw touches before
 * the gesture recogniser sees them. Press and hold a corner of the screen for
 * HIDDEN_HOLD_MS, lift, then touch another corner within HIDDEN_SECOND_MS: the PIN
 * pad opens. A visitor who happens to touch a corner is not kept waiting: a touch in
 * a corner is held back only while it stays there, and given back (HIDDEN_REPLAY)
 * as soon as it leaves the corner or lifts before it became a long press, so a
 * button in a corner still answers a tap. A touch held past the long press in a
 * corner answers nothing (no visitor tap, no long press). Pure: times are passed in.
 *
 * The numbers: a 5 s hold is long enough that nobody does it by chance, and a second
 * corner that a leaning arm or a child's palm does not reach at the same time; a
 * corner is HIDDEN_CORNER_MM square: a fingertip (about 10 mm) with room to aim. */
#ifndef KIOSK_HIDDEN_H
#define KIOSK_HIDDEN_H

#include <stdint.h>

#include "ui/input.h"

#define HIDDEN_HOLD_MS 5000     /* the first corner is held this long */
#define HIDDEN_SECOND_MS 4000   /* the second corner is touched within this after the lift */
#define HIDDEN_TAP_MS 500       /* shorter holds are given back as the visitor's tap */
#define HIDDEN_CORNER_MM 15.0f

enum hidden_verdict {
	HIDDEN_PASS = 0,  /* not ours: feed the event on as usual */
	HIDDEN_HOLD,      /* held back: feed nothing */
	HIDDEN_REPLAY,    /* feed *held (the corner press held back), then the event itself */
	HIDDEN_OPEN       /* the gesture is complete: open the PIN pad; feed nothing */
};

struct hidden_state {
	float corner;         /* px: the side of a corner square */
	int phase;            /* private: 0 idle, 1 holding, 2 held too long to tap, 3 armed, 4 swallowing */
	int64_t id;           /* the finger held */
	int first;            /* 0..3: the corner held (top-left, top-right, bottom-left, bottom-right) */
	struct input_event down; /* the press held back */
	uint32_t armed_until; /* ms: the second corner must come before */
};

/* corner_px: the side of a corner square in px (<= 0: 48). */
void hidden_init(struct hidden_state *h, float corner_px);

/* The corner (0..3) that (x, y) lies in on a w x h px window, or -1. */
int hidden_corner_at(const struct hidden_state *h, float x, float y, int w, int h_px);

/* Feed one raw event of a w x h px window; returns an enum hidden_verdict. With
 * HIDDEN_REPLAY, *held gets the press to feed first. */
int hidden_feed(struct hidden_state *h, const struct input_event *ev, int w, int h_px,
		struct input_event *held);

#endif
