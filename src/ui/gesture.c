/* gesture.c: the recogniser behind gesture.h. One state machine for one window:
 * idle -> pressed (one finger) -> dragging, or -> pinching (two fingers). */
#include "ui/gesture.h"

#include <math.h>
#include <string.h>

#define DEFAULT_SLOP_PX     8.0f    /* 2 mm at ~100 DPI, when DPI is unknown */
#define DOUBLE_TAP_SLOPS    3.0f    /* the second tap lands within 3 slops of the first */
#define VELOCITY_WINDOW_MS  100     /* release velocity from this much recent movement */
#define SAMPLE_GAP_MS       4       /* samples closer than this are merged */
#define MAX_VELOCITY        8000.0f /* px/s, as Android's maximum fling velocity */
#define MIN_SWIPE_VELOCITY  50.0f   /* px/s: a long drag that stopped is no swipe */
#define WHEEL_LINE_PX       48.0f
#define WHEEL_MAX_PX        1e6f
#define MIN_PINCH_DIST      1.0f    /* px: finger distances below this count as this */

/* Gestures are written to the caller's array; any beyond it go to `spare`. */
struct sink {
	struct gesture *out;
	int n;
	struct gesture spare;
};

static struct gesture *emit(struct sink *k, int kind, float x, float y)
{
	struct gesture *e = &k->spare;

	if (k->out && k->n < GESTURE_MAX_OUT)
		e = &k->out[k->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->x = x;
	e->y = y;
	e->scale = 1.0f;
	return e;
}

/* Milliseconds from `then` to `now`, right across the 49-day wrap of uint32_t. */
static int32_t since(uint32_t now, uint32_t then)
{
	return (int32_t)(now - then);
}

static int finite2(float x, float y)
{
	return isfinite(x) && isfinite(y);
}

static float dist(float ax, float ay, float bx, float by)
{
	return hypotf(ax - bx, ay - by);
}

static int slot_of(const struct gesture_state *g, int64_t id)
{
	for (int i = 0; i < g->down && i < 2; i++)
		if (g->ids[i] == id)
			return i;
	return -1;
}

/* Forget the touch in progress, keeping the settings and the last tap. */
static void reset_touch(struct gesture_state *g)
{
	g->down = 0;
	g->dragging = g->pinching = g->long_fired = 0;
	g->after_pinch = g->second_tap = 0;
	g->ns = g->sh = 0;
}

static void sample_push(struct gesture_state *g, uint32_t t, float x, float y)
{
	int i;

	if (g->ns >= 2) {
		int newest = (g->sh + g->ns - 1) % GESTURE_SAMPLES;
		int prev = (newest + GESTURE_SAMPLES - 1) % GESTURE_SAMPLES;

		/* the newest slot still fills up: move it rather than add one */
		if (since(g->st[newest], g->st[prev]) < SAMPLE_GAP_MS) {
			g->st[newest] = t;
			g->sx[newest] = x;
			g->sy[newest] = y;
			return;
		}
	}
	if (g->ns < GESTURE_SAMPLES) {
		i = (g->sh + g->ns) % GESTURE_SAMPLES;
		g->ns++;
	} else {
		i = g->sh;
		g->sh = (g->sh + 1) % GESTURE_SAMPLES;
	}
	g->st[i] = t;
	g->sx[i] = x;
	g->sy[i] = y;
}

/* Start the velocity history (and the press) of the first finger at x, y. */
static void anchor(struct gesture_state *g, uint32_t t, float x, float y)
{
	g->x0 = g->last_x = x;
	g->y0 = g->last_y = y;
	g->t0 = g->last_change_t = t;
	g->ns = g->sh = 0;
	sample_push(g, t, x, y);
}

/* The first finger moved to x, y at t (or lifted there). */
static void track(struct gesture_state *g, uint32_t t, float x, float y)
{
	if (x != g->x[0] || y != g->y[0] || g->ns == 0)
		g->last_change_t = t;
	g->x[0] = x;
	g->y[0] = y;
	sample_push(g, t, x, y);
}

/* Release velocity in px/s: least-squares slope of the positions over the last
 * VELOCITY_WINDOW_MS; zero when the finger rested longer than that before lifting. */
static void velocity(const struct gesture_state *g, uint32_t now, float *vx, float *vy)
{
	double n = 0, mt = 0, mx = 0, my = 0, stt = 0, stx = 0, sty = 0, fx, fy, len;

	*vx = *vy = 0;
	if (since(now, g->last_change_t) > VELOCITY_WINDOW_MS)
		return;
	for (int pass = 0; pass < 2; pass++) {
		for (int j = 0; j < g->ns; j++) {
			int i = (g->sh + j) % GESTURE_SAMPLES;
			int32_t age = since(now, g->st[i]);
			double t;

			if (age < 0 || age > VELOCITY_WINDOW_MS)
				continue;
			t = -age / 1000.0;
			if (pass == 0) {
				n++;
				mt += t;
				mx += g->sx[i];
				my += g->sy[i];
			} else {
				stt += (t - mt) * (t - mt);
				stx += (t - mt) * (g->sx[i] - mx);
				sty += (t - mt) * (g->sy[i] - my);
			}
		}
		if (pass == 0) {
			if (n < 2)
				return;
			mt /= n;
			mx /= n;
			my /= n;
		}
	}
	if (!(stt > 1e-8))
		return; /* all samples at the same millisecond */
	fx = stx / stt;
	fy = sty / stt;
	if (!isfinite(fx) || !isfinite(fy))
		return;
	len = hypot(fx, fy);
	if (len > MAX_VELOCITY) {
		fx *= MAX_VELOCITY / len;
		fy *= MAX_VELOCITY / len;
	}
	*vx = (float)fx;
	*vy = (float)fy;
}

static int long_press_pending(const struct gesture_state *g)
{
	return g->down == 1 && !g->dragging && !g->pinching && !g->long_fired && !g->after_pinch;
}

static int32_t long_press_ms(const struct gesture_state *g)
{
	return g->long_press_ms > INT32_MAX ? INT32_MAX : (int32_t)g->long_press_ms;
}

static void fire_long_press(struct gesture_state *g, uint32_t now, struct sink *k)
{
	if (long_press_pending(g) && since(now, g->t0) >= long_press_ms(g)) {
		g->long_fired = 1;
		emit(k, GESTURE_LONG_PRESS, g->x0, g->y0);
	}
}

/* SWIPE_LEFT/RIGHT or NONE for a drag released with velocity vx, vy after travelling
 * tx, ty: mostly horizontal in speed and travel, and fast or long enough. */
static int swipe_kind(const struct gesture_state *g, float tx, float ty, float vx, float vy)
{
	float ax = fabsf(vx);
	int fast, far;

	if (g->after_pinch || !(ax > 2 * fabsf(vy)) || ax < MIN_SWIPE_VELOCITY)
		return GESTURE_NONE;
	if (!(fabsf(tx) > fabsf(ty)))
		return GESTURE_NONE;
	fast = ax >= g->swipe_min_speed;
	far = fabsf(tx) >= g->swipe_min_px && tx * vx > 0;
	if (!fast && !far)
		return GESTURE_NONE;
	return vx < 0 ? GESTURE_SWIPE_LEFT : GESTURE_SWIPE_RIGHT;
}

void gesture_init(struct gesture_state *g, float slop_px)
{
	memset(g, 0, sizeof(*g));
	g->slop = isfinite(slop_px) && slop_px > 0 ? slop_px : DEFAULT_SLOP_PX;
	g->long_press_ms = 500;
	g->double_tap_ms = 300;
	g->swipe_min_px = 120;
	g->swipe_min_speed = 800;
}

static void on_down(struct gesture_state *g, const struct input_event *ev, struct sink *k)
{
	if (g->down >= 1)
		fire_long_press(g, ev->t, k);
	if (slot_of(g, ev->id) >= 0) {
		/* a finger we thought down went down again: its UP was lost */
		emit(k, GESTURE_CANCEL, g->x0, g->y0);
		reset_touch(g);
	}
	if (g->down == 0) {
		int32_t gap = since(ev->t, g->last_tap_t);

		g->down = 1;
		g->ids[0] = ev->id;
		g->x[0] = ev->x;
		g->y[0] = ev->y;
		g->dragging = g->pinching = g->long_fired = g->after_pinch = 0;
		g->second_tap = g->have_tap && gap >= 0 && (uint32_t)gap <= g->double_tap_ms &&
				dist(ev->x, ev->y, g->last_tap_x, g->last_tap_y) <= DOUBLE_TAP_SLOPS * g->slop;
		g->have_tap = 0;
		anchor(g, ev->t, ev->x, ev->y);
		emit(k, GESTURE_PRESS, ev->x, ev->y);
	} else if (g->down == 1) {
		struct gesture *e;

		if (g->dragging) {
			e = emit(k, GESTURE_DRAG_END, g->x[0], g->y[0]);
			e->vx = e->vy = 0;
		} else if (!g->after_pinch) {
			emit(k, GESTURE_CANCEL, g->x0, g->y0);
		}
		g->down = 2;
		g->ids[1] = ev->id;
		g->x[1] = ev->x;
		g->y[1] = ev->y;
		g->dragging = 0;
		g->pinching = 1;
		g->second_tap = 0;
		g->last_dist = fmaxf(dist(g->x[0], g->y[0], g->x[1], g->y[1]), MIN_PINCH_DIST);
		g->last_cx = (g->x[0] + g->x[1]) / 2;
		g->last_cy = (g->y[0] + g->y[1]) / 2;
	}
	/* a third finger: ignored */
}

static void on_pinch_move(struct gesture_state *g, struct sink *k)
{
	float d = fmaxf(dist(g->x[0], g->y[0], g->x[1], g->y[1]), MIN_PINCH_DIST);
	float cx = (g->x[0] + g->x[1]) / 2, cy = (g->y[0] + g->y[1]) / 2;
	struct gesture *e;

	if (d == g->last_dist && cx == g->last_cx && cy == g->last_cy)
		return;
	e = emit(k, GESTURE_PINCH, cx, cy);
	e->scale = d / g->last_dist;
	e->cx = cx;
	e->cy = cy;
	e->dx = cx - g->last_cx;
	e->dy = cy - g->last_cy;
	if (!isfinite(e->scale) || !(e->scale > 0))
		e->scale = 1; /* only with absurd coordinates */
	g->last_dist = d;
	g->last_cx = cx;
	g->last_cy = cy;
}

/* The first finger is at x[0], y[0]: start or continue the drag. */
static void on_drag_move(struct gesture_state *g, struct sink *k)
{
	struct gesture *e;
	float x = g->x[0], y = g->y[0];

	if (!g->dragging) {
		if (!(dist(x, y, g->x0, g->y0) > g->slop))
			return;
		g->dragging = 1;
		emit(k, GESTURE_DRAG_START, g->x0, g->y0);
		g->last_x = g->x0;
		g->last_y = g->y0;
	}
	if (x == g->last_x && y == g->last_y)
		return;
	e = emit(k, GESTURE_DRAG, x, y);
	e->dx = x - g->last_x;
	e->dy = y - g->last_y;
	g->last_x = x;
	g->last_y = y;
}

static void on_move(struct gesture_state *g, const struct input_event *ev, struct sink *k)
{
	int s = slot_of(g, ev->id);

	if (s < 0 || !finite2(ev->x, ev->y))
		return;
	fire_long_press(g, ev->t, k);
	if (g->pinching) {
		g->x[s] = ev->x;
		g->y[s] = ev->y;
		on_pinch_move(g, k);
		return;
	}
	track(g, ev->t, ev->x, ev->y);
	on_drag_move(g, k);
}

static void on_up(struct gesture_state *g, const struct input_event *ev, struct sink *k)
{
	int s = slot_of(g, ev->id);
	float x, y, vx, vy;
	struct gesture *e;
	int swipe;

	if (s < 0)
		return;
	x = finite2(ev->x, ev->y) ? ev->x : g->x[s];
	y = finite2(ev->x, ev->y) ? ev->y : g->y[s];
	fire_long_press(g, ev->t, k);
	if (g->down == 2) {
		int keep = 1 - s;

		emit(k, GESTURE_PINCH_END, g->last_cx, g->last_cy);
		g->ids[0] = g->ids[keep];
		g->x[0] = g->x[keep];
		g->y[0] = g->y[keep];
		g->down = 1;
		g->pinching = g->dragging = g->second_tap = 0;
		g->after_pinch = 1;
		anchor(g, ev->t, g->x[0], g->y[0]);
		return;
	}
	track(g, ev->t, x, y);
	on_drag_move(g, k); /* the release point may differ from the last move */
	if (g->dragging) {
		velocity(g, ev->t, &vx, &vy);
		e = emit(k, GESTURE_DRAG_END, x, y);
		e->vx = vx;
		e->vy = vy;
		swipe = swipe_kind(g, x - g->x0, y - g->y0, vx, vy);
		if (swipe != GESTURE_NONE) {
			e = emit(k, swipe, x, y);
			e->vx = vx;
			e->vy = vy;
		}
	} else if (g->long_fired && !g->after_pinch) {
		/* held long_press_ms, it became a long-press above: it ends here */
		emit(k, GESTURE_RELEASE, g->x0, g->y0);
	} else if (!g->after_pinch) {
		if (g->second_tap) {
			emit(k, GESTURE_DOUBLE_TAP, g->x0, g->y0);
		} else {
			emit(k, GESTURE_TAP, g->x0, g->y0);
			g->have_tap = 1;
			g->last_tap_t = ev->t;
			g->last_tap_x = g->x0;
			g->last_tap_y = g->y0;
		}
	}
	reset_touch(g);
}

int gesture_feed(struct gesture_state *g, const struct input_event *ev, struct gesture *out)
{
	struct sink k = { out, 0, { 0 } };
	struct gesture *e;

	if (!g || !ev)
		return 0;
	switch (ev->kind) {
	case INPUT_DOWN:
		if (finite2(ev->x, ev->y))
			on_down(g, ev, &k);
		break;
	case INPUT_MOVE:
		on_move(g, ev, &k);
		break;
	case INPUT_UP:
		on_up(g, ev, &k);
		break;
	case INPUT_CANCEL:
		emit(&k, GESTURE_CANCEL, g->x0, g->y0);
		reset_touch(g);
		g->have_tap = 0;
		break;
	case INPUT_WHEEL:
		if (isfinite(ev->dy) && ev->dy != 0) {
			e = emit(&k, GESTURE_WHEEL, ev->x, ev->y);
			e->dy = fminf(fmaxf(ev->dy * WHEEL_LINE_PX, -WHEEL_MAX_PX), WHEEL_MAX_PX);
		}
		break;
	}
	return k.n;
}

int gesture_poll(struct gesture_state *g, uint32_t now, struct gesture *out)
{
	struct sink k = { out, 0, { 0 } };

	if (!g)
		return 0;
	fire_long_press(g, now, &k);
	return k.n;
}

uint32_t gesture_deadline(const struct gesture_state *g)
{
	uint32_t d;

	if (!g || !long_press_pending(g))
		return 0;
	d = g->t0 + (uint32_t)long_press_ms(g);
	return d ? d : 1; /* 0 means "nothing pending" */
}
