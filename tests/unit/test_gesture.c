#include "test.h"
#include "ui/gesture.h"

#include <math.h>

#define SLOP 10.0f

/* Everything the recogniser said during one scenario, in order. */
struct log {
	struct gesture g[256];
	int n;
};

static int feed(struct gesture_state *gs, struct log *l, int kind, int64_t id, float x, float y, uint32_t t)
{
	struct input_event ev = { .kind = kind, .id = id, .x = x, .y = y, .t = t };
	struct gesture out[GESTURE_MAX_OUT];
	int n = gesture_feed(gs, &ev, out);

	for (int i = 0; i < n && l->n < 256; i++)
		l->g[l->n++] = out[i];
	return n;
}

static int poll(struct gesture_state *gs, struct log *l, uint32_t now)
{
	struct gesture out[GESTURE_MAX_OUT];
	int n = gesture_poll(gs, now, out);

	for (int i = 0; i < n && l->n < 256; i++)
		l->g[l->n++] = out[i];
	return n;
}

static int count(const struct log *l, int kind)
{
	int c = 0;

	for (int i = 0; i < l->n; i++)
		c += l->g[i].kind == kind;
	return c;
}

/* Index of the first gesture of this kind, or -1. */
static int find(const struct log *l, int kind)
{
	for (int i = 0; i < l->n; i++)
		if (l->g[i].kind == kind)
			return i;
	return -1;
}

static void start(struct gesture_state *gs, struct log *l)
{
	gesture_init(gs, SLOP);
	l->n = 0;
}

/* One finger from (x, y) at t moving by (dx, dy) every `every` ms, `steps` times,
 * then lifted there `rest` ms after the last move. Returns the release time. */
static uint32_t stroke(struct gesture_state *gs, struct log *l, float x, float y, uint32_t t,
		       float dx, float dy, int steps, uint32_t every, uint32_t rest)
{
	feed(gs, l, INPUT_DOWN, 1, x, y, t);
	for (int i = 1; i <= steps; i++)
		feed(gs, l, INPUT_MOVE, 1, x + dx * i, y + dy * i, t + every * i);
	t += every * steps + rest;
	feed(gs, l, INPUT_UP, 1, x + dx * steps, y + dy * steps, t);
	return t;
}

static void test_tap(void)
{
	struct gesture_state gs;
	struct log l;
	int i;

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 0, 100, 200, 1000);
	CHECK(l.n == 1 && l.g[0].kind == GESTURE_PRESS && l.g[0].x == 100 && l.g[0].y == 200,
	      "mouse down gives PRESS at its point");
	feed(&gs, &l, INPUT_MOVE, 0, 106, 205, 1050); /* 7.8 px: within the slop */
	feed(&gs, &l, INPUT_UP, 0, 106, 205, 1120);
	i = find(&l, GESTURE_TAP);
	CHECK(l.n == 2 && i == 1 && l.g[i].x == 100 && l.g[i].y == 200,
	      "press and release within the slop is a TAP at the press (%d gestures)", l.n);

	start(&gs, &l);
	feed(&gs, &l, INPUT_MOVE, 0, 10, 10, 900); /* mouse hover: button up */
	CHECK(l.n == 0, "a hovering mouse gives nothing");

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 50, 50, 1000);
	feed(&gs, &l, INPUT_UP, 1, 50, 50, 1499);
	CHECK(count(&l, GESTURE_TAP) == 1, "a 499 ms press is still a tap");
}

static void test_no_tap_after_slop(void)
{
	struct gesture_state gs;
	struct log l;

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 100, 100, 1000);
	feed(&gs, &l, INPUT_MOVE, 1, 108, 108, 1030); /* 11.3 px */
	feed(&gs, &l, INPUT_MOVE, 1, 100, 100, 1060); /* and back */
	feed(&gs, &l, INPUT_UP, 1, 100, 100, 1100);
	CHECK(count(&l, GESTURE_TAP) == 0 && count(&l, GESTURE_DRAG_START) == 1 &&
	      count(&l, GESTURE_DRAG_END) == 1,
	      "past the slop and back is a drag, not a tap");

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 100, 100, 1000);
	feed(&gs, &l, INPUT_UP, 1, 100, 130, 1050); /* no move event, released far away */
	CHECK(count(&l, GESTURE_TAP) == 0 && count(&l, GESTURE_DRAG_END) == 1,
	      "a release past the slop without moves is no tap");
}

static void test_long_press(void)
{
	struct gesture_state gs;
	struct log l;
	int n;

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 300, 400, 1000);
	CHECK(gesture_deadline(&gs) == 1500, "long-press deadline 500 ms after the press (%u)",
	      gesture_deadline(&gs));
	feed(&gs, &l, INPUT_MOVE, 1, 304, 403, 1200); /* within the slop */
	n = poll(&gs, &l, 1499);
	CHECK(n == 0, "no long-press before the deadline");
	n = poll(&gs, &l, 1500);
	CHECK(n == 1 && l.g[l.n - 1].kind == GESTURE_LONG_PRESS && l.g[l.n - 1].x == 300,
	      "LONG_PRESS at the deadline, at the press point");
	CHECK(poll(&gs, &l, 1600) == 0 && gesture_deadline(&gs) == 0, "long-press fires once");
	feed(&gs, &l, INPUT_UP, 1, 304, 403, 1700);
	CHECK(count(&l, GESTURE_TAP) == 0 && count(&l, GESTURE_LONG_PRESS) == 1,
	      "no tap on release after a long-press");
	CHECK(l.n > 0 && l.g[l.n - 1].kind == GESTURE_RELEASE && l.g[l.n - 1].x == 300,
	      "but RELEASE, at the press point: the pressed look ends");

	/* the main loop was late: the next event delivers it first */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 300, 400, 1000);
	feed(&gs, &l, INPUT_UP, 1, 300, 400, 1800);
	CHECK(l.n == 3 && l.g[1].kind == GESTURE_LONG_PRESS && l.g[2].kind == GESTURE_RELEASE,
	      "an overdue long-press comes with the next event, and no tap");

	/* moving past the slop first: no long-press */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 300, 400, 1000);
	feed(&gs, &l, INPUT_MOVE, 1, 300, 430, 1100);
	CHECK(gesture_deadline(&gs) == 0 && poll(&gs, &l, 1600) == 0, "a drag cancels the long-press");

	/* the deadline across the 32-bit wrap of the clock */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 0, 0, UINT32_MAX - 100);
	CHECK(poll(&gs, &l, UINT32_MAX) == 0 && poll(&gs, &l, 399) == 1,
	      "long-press across the clock's wrap");
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 0, 0, UINT32_MAX - 499);
	CHECK(gesture_deadline(&gs) != 0, "a deadline falling on 0 is not 'nothing pending'");
}

static void test_double_tap(void)
{
	struct gesture_state gs;
	struct log l;

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 200, 200, 1000);
	feed(&gs, &l, INPUT_UP, 1, 200, 200, 1080);
	feed(&gs, &l, INPUT_DOWN, 2, 215, 190, 1300); /* 220 ms later, 18 px away */
	feed(&gs, &l, INPUT_UP, 2, 215, 190, 1360);
	CHECK(l.n == 4 && l.g[0].kind == GESTURE_PRESS && l.g[1].kind == GESTURE_TAP &&
	      l.g[2].kind == GESTURE_PRESS && l.g[3].kind == GESTURE_DOUBLE_TAP && l.g[3].x == 215,
	      "TAP then DOUBLE_TAP");
	feed(&gs, &l, INPUT_DOWN, 2, 215, 190, 1450);
	feed(&gs, &l, INPUT_UP, 2, 215, 190, 1500);
	CHECK(l.g[l.n - 1].kind == GESTURE_TAP, "a third tap starts over with a TAP");

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 200, 200, 1000);
	feed(&gs, &l, INPUT_UP, 1, 200, 200, 1080);
	feed(&gs, &l, INPUT_DOWN, 1, 200, 200, 1381); /* 301 ms */
	feed(&gs, &l, INPUT_UP, 1, 200, 200, 1420);
	CHECK(count(&l, GESTURE_TAP) == 2 && count(&l, GESTURE_DOUBLE_TAP) == 0, "too slow for a double tap");

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 200, 200, 1000);
	feed(&gs, &l, INPUT_UP, 1, 200, 200, 1080);
	feed(&gs, &l, INPUT_DOWN, 1, 232, 200, 1150); /* 32 px > 3 slops */
	feed(&gs, &l, INPUT_UP, 1, 232, 200, 1200);
	CHECK(count(&l, GESTURE_TAP) == 2 && count(&l, GESTURE_DOUBLE_TAP) == 0, "too far for a double tap");
}

static void test_drag(void)
{
	struct gesture_state gs;
	struct log l;
	float sx = 0, sy = 0;
	int i, s, order = 1;

	start(&gs, &l);
	stroke(&gs, &l, 100, 500, 1000, 3, -7, 30, 8, 0);
	s = find(&l, GESTURE_DRAG_START);
	CHECK(s == 1 && l.g[s].x == 100 && l.g[s].y == 500, "DRAG_START at the start point");
	for (i = 0; i < l.n; i++)
		if (l.g[i].kind == GESTURE_DRAG) {
			order &= i > s;
			sx += l.g[i].dx;
			sy += l.g[i].dy;
		}
	CHECK(order, "DRAG only after DRAG_START");
	CHECK(fabsf(sx - 90) < 1e-3f && fabsf(sy + 210) < 1e-3f,
	      "drag deltas add up to the movement (%g, %g)", sx, sy);
	CHECK(l.g[l.n - 1].kind == GESTURE_DRAG_END, "DRAG_END last");
}

static void test_velocity(void)
{
	struct gesture_state gs;
	struct log l;
	int e;

	/* up at 2000 px/s: 16 px every 8 ms */
	start(&gs, &l);
	stroke(&gs, &l, 400, 900, 1000, 0, -16, 15, 8, 0);
	e = find(&l, GESTURE_DRAG_END);
	CHECK(e >= 0 && fabsf(l.g[e].vy + 2000) < 60 && fabsf(l.g[e].vx) < 1,
	      "fling velocity (%g, %g), want (0, -2000)", e >= 0 ? l.g[e].vx : 0, e >= 0 ? l.g[e].vy : 0);

	/* the same at 60 Hz with a late release */
	start(&gs, &l);
	stroke(&gs, &l, 400, 100, 1000, 0, 20, 12, 16, 10);
	e = find(&l, GESTURE_DRAG_END);
	CHECK(e >= 0 && l.g[e].vy > 900 && l.g[e].vy < 1250,
	      "60 Hz down at 1250 px/s, lifted 10 ms after the last move: %g", e >= 0 ? l.g[e].vy : 0);

	/* slow start, fast finish: the recent movement counts */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 0, 0, 1000);
	for (int i = 1; i <= 20; i++)
		feed(&gs, &l, INPUT_MOVE, 1, 2.0f * i, 0, 1000 + 10 * i); /* 200 px/s */
	for (int i = 1; i <= 15; i++)
		feed(&gs, &l, INPUT_MOVE, 1, 40 + 30.0f * i, 0, 1200 + 10 * i); /* 3000 px/s */
	feed(&gs, &l, INPUT_UP, 1, 490, 0, 1350);
	e = find(&l, GESTURE_DRAG_END);
	CHECK(e >= 0 && fabsf(l.g[e].vx - 3000) < 100, "velocity of the last 100 ms: %g",
	      e >= 0 ? l.g[e].vx : 0);

	/* rested 150 ms before lifting */
	start(&gs, &l);
	stroke(&gs, &l, 400, 900, 1000, 0, -16, 15, 8, 150);
	e = find(&l, GESTURE_DRAG_END);
	CHECK(e >= 0 && l.g[e].vx == 0 && l.g[e].vy == 0, "no velocity after resting (%g)",
	      e >= 0 ? l.g[e].vy : -1);

	/* 25000 px/s */
	start(&gs, &l);
	stroke(&gs, &l, 0, 0, 1000, 100, 0, 10, 4, 0);
	e = find(&l, GESTURE_DRAG_END);
	CHECK(e >= 0 && fabsf(l.g[e].vx - 8000) < 1, "velocity is capped at 8000 px/s (%g)",
	      e >= 0 ? l.g[e].vx : 0);

	/* absurd timing: everything in one millisecond */
	start(&gs, &l);
	stroke(&gs, &l, 0, 0, 1000, 50, 0, 10, 0, 0);
	e = find(&l, GESTURE_DRAG_END);
	CHECK(e >= 0 && isfinite(l.g[e].vx) && fabsf(l.g[e].vx) <= 8000,
	      "moves all at one time give a finite, capped velocity (%g)", e >= 0 ? l.g[e].vx : 0);
}

static void test_swipe(void)
{
	struct gesture_state gs;
	struct log l;
	int e, s;

	/* left at 1500 px/s for 64 ms: 96 px, short but fast */
	start(&gs, &l);
	stroke(&gs, &l, 600, 300, 1000, -12, 1, 8, 8, 0);
	e = find(&l, GESTURE_DRAG_END);
	s = find(&l, GESTURE_SWIPE_LEFT);
	CHECK(e >= 0 && s == e + 1 && s == l.n - 1 && count(&l, GESTURE_SWIPE_RIGHT) == 0,
	      "fast fling left: DRAG_END then SWIPE_LEFT");

	start(&gs, &l);
	stroke(&gs, &l, 100, 300, 1000, 12, -1, 10, 8, 0);
	CHECK(find(&l, GESTURE_SWIPE_RIGHT) == l.n - 1 && count(&l, GESTURE_SWIPE_LEFT) == 0,
	      "fast fling right: SWIPE_RIGHT");

	/* slow (400 px/s) but 160 px */
	start(&gs, &l);
	stroke(&gs, &l, 100, 300, 1000, 8, 0, 20, 20, 0);
	CHECK(count(&l, GESTURE_SWIPE_RIGHT) == 1, "slow but long fling right is a swipe");

	/* slow (400 px/s) and 80 px */
	start(&gs, &l);
	stroke(&gs, &l, 100, 300, 1000, 8, 0, 10, 20, 0);
	CHECK(count(&l, GESTURE_SWIPE_RIGHT) + count(&l, GESTURE_SWIPE_LEFT) == 0,
	      "slow short drag is no swipe");

	/* long, but crawling (30 px/s) at the end */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 100, 300, 1000);
	for (int i = 1; i <= 10; i++)
		feed(&gs, &l, INPUT_MOVE, 1, 100 + 20.0f * i, 300, 1000 + 10 * i);
	for (int i = 1; i <= 15; i++)
		feed(&gs, &l, INPUT_MOVE, 1, 300 + 0.3f * i, 300, 1100 + 10 * i);
	feed(&gs, &l, INPUT_UP, 1, 304.5f, 300, 1250);
	CHECK(count(&l, GESTURE_SWIPE_RIGHT) == 0, "a long drag that crawled at the end is no swipe");

	/* long, but the finger stopped before lifting */
	start(&gs, &l);
	stroke(&gs, &l, 100, 300, 1000, 20, 0, 20, 8, 200);
	CHECK(count(&l, GESTURE_SWIPE_RIGHT) == 0, "a drag that rested is no swipe");
}

static void test_vertical_fling(void)
{
	struct gesture_state gs;
	struct log l;

	start(&gs, &l);
	stroke(&gs, &l, 300, 800, 1000, 5, -24, 10, 8, 0); /* 625 px/s right, 3000 up */
	CHECK(count(&l, GESTURE_DRAG_END) == 1 &&
	      count(&l, GESTURE_SWIPE_LEFT) + count(&l, GESTURE_SWIPE_RIGHT) == 0,
	      "a vertical fling is no swipe");

	start(&gs, &l);
	stroke(&gs, &l, 300, 800, 1000, 12, -8, 10, 8, 0); /* 1500 px/s right, 1000 up */
	CHECK(count(&l, GESTURE_SWIPE_LEFT) + count(&l, GESTURE_SWIPE_RIGHT) == 0,
	      "a fling less than twice as fast across as up is no swipe");

	start(&gs, &l);
	stroke(&gs, &l, 300, 800, 1000, 10, -10, 10, 8, 0); /* diagonal, 1250 px/s each */
	CHECK(count(&l, GESTURE_SWIPE_LEFT) + count(&l, GESTURE_SWIPE_RIGHT) == 0,
	      "a diagonal fling is no swipe");
}

static void test_pinch(void)
{
	struct gesture_state gs;
	struct log l;
	float prod = 1, pan = 0;
	int i, pinches = 0;

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 7, 100, 300, 1000);
	feed(&gs, &l, INPUT_DOWN, 8, 200, 300, 1020);
	CHECK(l.n == 2 && l.g[1].kind == GESTURE_CANCEL, "a second finger cancels the press");
	feed(&gs, &l, INPUT_DOWN, 9, 500, 500, 1030);
	feed(&gs, &l, INPUT_MOVE, 9, 520, 500, 1040);
	CHECK(l.n == 2, "a third finger is ignored");
	feed(&gs, &l, INPUT_MOVE, 8, 300, 300, 1050); /* 100 -> 200 px apart */
	i = l.n - 1;
	CHECK(l.g[i].kind == GESTURE_PINCH && fabsf(l.g[i].scale - 2) < 1e-5f &&
	      l.g[i].cx == 200 && l.g[i].cy == 300 && l.g[i].dx == 50 && l.g[i].dy == 0,
	      "pinch scale from finger distances (%g), centre and pan", l.g[i].scale);
	feed(&gs, &l, INPUT_MOVE, 7, 140, 330, 1060);
	feed(&gs, &l, INPUT_MOVE, 8, 200, 330, 1070); /* 60 px apart */
	for (i = 0; i < l.n; i++)
		if (l.g[i].kind == GESTURE_PINCH) {
			prod *= l.g[i].scale;
			pan += l.g[i].dy;
			pinches++;
		}
	CHECK(pinches == 3 && fabsf(prod - 0.6f) < 1e-5f && fabsf(pan - 30) < 1e-5f,
	      "incremental scales multiply to 60/100 (%g), pans add up (%g)", prod, pan);
	feed(&gs, &l, INPUT_UP, 7, 140, 330, 1100);
	CHECK(l.g[l.n - 1].kind == GESTURE_PINCH_END && count(&l, GESTURE_TAP) == 0,
	      "PINCH_END when a finger lifts");
	i = l.n;
	feed(&gs, &l, INPUT_MOVE, 8, 240, 330, 1120);
	feed(&gs, &l, INPUT_MOVE, 8, 280, 330, 1130);
	feed(&gs, &l, INPUT_UP, 8, 280, 330, 1140);
	CHECK(l.g[i].kind == GESTURE_DRAG_START && l.g[i].x == 200 &&
	      count(&l, GESTURE_SWIPE_RIGHT) == 0 && count(&l, GESTURE_TAP) == 0,
	      "the finger left after a pinch drags from where it was, without swipe or tap");

	/* dragging, then a second finger */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 100, 100, 1000);
	feed(&gs, &l, INPUT_MOVE, 1, 100, 150, 1016);
	feed(&gs, &l, INPUT_DOWN, 2, 300, 300, 1032);
	i = l.n - 1;
	CHECK(l.g[i].kind == GESTURE_DRAG_END && l.g[i].vx == 0 && l.g[i].vy == 0,
	      "a second finger ends a drag without velocity");
	feed(&gs, &l, INPUT_UP, 2, 300, 300, 1040);
	feed(&gs, &l, INPUT_UP, 1, 100, 150, 1050);
	CHECK(count(&l, GESTURE_PINCH_END) == 1 && count(&l, GESTURE_DRAG_END) == 1 &&
	      count(&l, GESTURE_TAP) == 0 && gesture_deadline(&gs) == 0,
	      "and the pinch ends cleanly");
}

static void test_cancel(void)
{
	struct gesture_state gs;
	struct log l;

	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, 100, 100, 1000);
	feed(&gs, &l, INPUT_MOVE, 1, 100, 150, 1016);
	feed(&gs, &l, INPUT_CANCEL, 0, 0, 0, 1020);
	CHECK(l.g[l.n - 1].kind == GESTURE_CANCEL, "INPUT_CANCEL gives CANCEL");
	feed(&gs, &l, INPUT_MOVE, 1, 100, 250, 1030);
	feed(&gs, &l, INPUT_UP, 1, 100, 250, 1040);
	CHECK(l.g[l.n - 1].kind == GESTURE_CANCEL && gesture_deadline(&gs) == 0,
	      "and the cancelled finger gives nothing more");
	feed(&gs, &l, INPUT_DOWN, 1, 100, 100, 2000);
	feed(&gs, &l, INPUT_UP, 1, 100, 100, 2050);
	CHECK(l.g[l.n - 1].kind == GESTURE_TAP, "a new press works after a cancel");

	/* a lost UP: the same finger goes down again */
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 0, 100, 100, 1000);
	feed(&gs, &l, INPUT_DOWN, 0, 400, 400, 3000);
	feed(&gs, &l, INPUT_UP, 0, 400, 400, 3050);
	CHECK(count(&l, GESTURE_CANCEL) == 1 && l.g[l.n - 1].kind == GESTURE_TAP && l.g[l.n - 1].x == 400,
	      "a repeated DOWN restarts the press");
}

static void test_wheel(void)
{
	struct gesture_state gs;
	struct gesture out[GESTURE_MAX_OUT];
	struct input_event ev = { .kind = INPUT_WHEEL, .x = 5, .y = 6, .dy = -1, .t = 1000 };
	int n;

	gesture_init(&gs, SLOP);
	n = gesture_feed(&gs, &ev, out);
	CHECK(n == 1 && out[0].kind == GESTURE_WHEEL && out[0].dy == -48 && out[0].x == 5,
	      "wheel down one line: content up 48 px, dy -48 like a drag up (%g)", n ? out[0].dy : 0);
	ev.dy = 2.5f;
	n = gesture_feed(&gs, &ev, out);
	CHECK(n == 1 && out[0].dy == 120, "wheel up 2.5 lines: content down 120 px (%g)", n ? out[0].dy : 0);
	ev.dy = NAN;
	CHECK(gesture_feed(&gs, &ev, out) == 0, "a NaN wheel gives nothing");
	ev.dy = 1e38f;
	n = gesture_feed(&gs, &ev, out);
	CHECK(n == 1 && isfinite(out[0].dy), "a huge wheel stays finite");
}

static void test_bad_input(void)
{
	struct gesture_state gs;
	struct log l;

	gesture_init(&gs, NAN);
	CHECK(gs.slop == 8, "unknown DPI: 8 px slop");
	start(&gs, &l);
	feed(&gs, &l, INPUT_DOWN, 1, NAN, 0, 1000);
	CHECK(l.n == 0 && gesture_deadline(&gs) == 0, "a NaN press is ignored");
	feed(&gs, &l, INPUT_DOWN, 1, 10, 10, 1000);
	feed(&gs, &l, INPUT_MOVE, 1, INFINITY, 10, 1010);
	feed(&gs, &l, INPUT_UP, 1, NAN, NAN, 1020);
	CHECK(l.n == 2 && l.g[1].kind == GESTURE_TAP, "non-finite moves are ignored");
}

int main(void)
{
	test_tap();
	test_no_tap_after_slop();
	test_long_press();
	test_double_tap();
	test_drag();
	test_velocity();
	test_swipe();
	test_vertical_fling();
	test_pinch();
	test_cancel();
	test_wheel();
	test_bad_input();
	return test_failures != 0;
}
