/* scroller.h: one scrolling axis with momentum and an elastic edge bounce, driven by
 * time passed in (ms), so that it animates the same in tests as on screen.
 * pos and vel stay finite and pos within [-300, max + 300] whatever the input. */
#ifndef KIOSK_SCROLLER_H
#define KIOSK_SCROLLER_H

#include <stdint.h>

struct scroller {
	float pos;        /* content offset in px: 0 at the top, max at the bottom */
	float max;        /* content height - viewport height, >= 0 */
	float vel;        /* px/s while flinging: d pos / dt (opposite to the finger) */
	int dragging;
	int animating;
	uint32_t last_t;
	/* private */
	int mode;         /* idle, physics (fling and bounce), ease (scroll_by) */
	float from, to;   /* scroll_by animates pos from -> to ... */
	uint32_t t0;      /* ... starting at t0 */
};

void scroller_init(struct scroller *s);
/* The content or viewport changed size: clamp pos into the new range. */
void scroller_set_range(struct scroller *s, float max);
/* A finger drag by dy px (content follows the finger: dy > 0 shows earlier content).
 * Past an edge the content moves with resistance (rubber band). Also stops a fling:
 * call it with dy = 0 on GESTURE_PRESS to catch a moving list. */
void scroller_drag(struct scroller *s, float dy, uint32_t now);
/* The finger lifted with velocity vy px/s (finger velocity, as in GESTURE_DRAG_END:
 * vy > 0 flings towards earlier content): fling with friction, then settle inside the
 * range. Call it with vy = 0 to settle after a drag that ended without a fling. */
void scroller_release(struct scroller *s, float vy, uint32_t now);
/* Jump by dy (keys, wheel), animated to the target; clamped to the range. dy > 0
 * goes further into the content (pos grows): PAGE_DOWN is +page, GESTURE_WHEEL is
 * -g.dy. Successive calls during the animation add up. */
void scroller_scroll_by(struct scroller *s, float dy, uint32_t now);
/* Advance to `now`; returns 1 while still moving (draw another frame). */
int scroller_step(struct scroller *s, uint32_t now);
/* Stop at once where it is (clamped). */
void scroller_stop(struct scroller *s);

#endif
