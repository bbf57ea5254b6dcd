/* gesture.h: touch and mouse input to taps, drags, swipes, long-presses and pinches.
 * Pure logic, no SDL: fed with struct input_event, it returns struct gesture.
 *
 * What a press becomes (one finger, or the mouse as finger 0):
 *   PRESS at once; then TAP (or DOUBLE_TAP) on release if it stayed within `slop`
 *   and lasted less than `long_press_ms`; or LONG_PRESS when it is held that long
 *   (no tap then, but RELEASE when it lifts; a drag may still follow); or
 *   DRAG_START, DRAG..., DRAG_END once it
 *   moves past `slop`, followed by SWIPE_LEFT/RIGHT when the release was a fast or
 *   long mostly-horizontal fling. SWIPE_LEFT: the finger moved left (show the next).
 * A second finger turns it into a pinch: DRAG_END (zero velocity) if it was dragging,
 * else CANCEL; then PINCH... and PINCH_END when a finger lifts. The finger left down
 * may drag again (DRAG_START... after the slop) but never taps, long-presses or swipes.
 * A third finger is ignored. INPUT_CANCEL gives CANCEL and forgets everything. */
#ifndef KIOSK_GESTURE_H
#define KIOSK_GESTURE_H

#include "input.h"

#define GESTURE_MAX_OUT 4
/* private: velocity samples kept, at least 4 ms apart, so >= 128 ms of history */
#define GESTURE_SAMPLES 32

struct gesture_state {
	float slop;             /* px a press may move and still be a tap (set from DPI) */
	uint32_t long_press_ms; /* 500 */
	uint32_t double_tap_ms; /* 300: from the first tap's release to the second press */
	float swipe_min_px;     /* 120: horizontal travel that makes a slower fling a swipe */
	float swipe_min_speed;  /* 800 px/s: horizontal release speed that is a swipe on its own */
	/* private */
	int down;               /* fingers tracked: 0, 1 or 2 (ids[0] is the first) */
	int64_t ids[2];
	float x[2], y[2];       /* where the tracked fingers are now */
	float x0, y0;           /* where the press started (or the finger left after a pinch) */
	uint32_t t0;
	int dragging, pinching, long_fired;
	int after_pinch;        /* the finger left from a pinch: no tap, long-press or swipe */
	int second_tap;         /* this press may complete a double tap */
	float last_x, last_y;   /* finger position at the previous DRAG */
	float last_dist, last_cx, last_cy; /* at the previous PINCH */
	int have_tap;           /* last_tap_* describe a tap that may start a double tap */
	uint32_t last_tap_t;
	float last_tap_x, last_tap_y;
	/* ring of recent first-finger positions for the release velocity */
	uint32_t st[GESTURE_SAMPLES];
	float sx[GESTURE_SAMPLES], sy[GESTURE_SAMPLES];
	int ns, sh;             /* samples held, index of the oldest */
	uint32_t last_change_t; /* when the first finger last changed position */
};

/* slop_px: about 2 mm in pixels; <= 0 or not a number (display DPI unknown) uses 8 px. */
void gesture_init(struct gesture_state *g, float slop_px);

/* Feed one event; writes up to GESTURE_MAX_OUT gestures to out and returns how many.
 * An overdue long-press (gesture_poll not called in time) is delivered first.
 * GESTURE_WHEEL: dy = lines * 48 px with the sign of INPUT_WHEEL and of a DRAG's dy:
 * positive = the content moves down (shows earlier content). Wheel turned down
 * (towards the user) gives dy < 0: the content moves up, so scroll with
 * scroller_scroll_by(s, -dy) or scroller_drag-like code. PINCH: the content point under the previous
 * centre (cx - dx, cy - dy) moves to (cx, cy) and is scaled by `scale` around it. */
int gesture_feed(struct gesture_state *g, const struct input_event *ev, struct gesture *out);

/* Time-based gestures (long-press): call when `now` reaches gesture_deadline().
 * Returns how many gestures it wrote (0 or 1). */
int gesture_poll(struct gesture_state *g, uint32_t now, struct gesture *out);

/* When gesture_poll next needs to run, or 0 when nothing is pending. */
uint32_t gesture_deadline(const struct gesture_state *g);

#endif
