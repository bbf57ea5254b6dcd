/* scroller.c: the motion behind scroller.h. Every phase has a closed form, so a step
 * of any length (0 ms or a stalled second) lands where small steps would:
 *   fling:  v(t) = v0 e^(-kt), friction k from iOS's deceleration rate 0.998 per ms;
 *   bounce: outside [0, max], a critically damped spring towards the edge,
 *           x(t) = (x0 + (v0 + w x0) t) e^(-wt);
 *   ease:   scroll_by, cubic ease-out from `from` to `to`.
 * Crossing an edge switches between fling and spring at the crossing time. */
#include "ui/scroller.h"

#include <math.h>
#include <string.h>

/* MODE_PHYSICS: fling inside, spring outside the range; MODE_FLING_BACK: released
 * outside but flung inwards hard enough to get in on friction alone */
enum { MODE_IDLE, MODE_PHYSICS, MODE_FLING_BACK, MODE_EASE };

#define FRICTION      2.002002   /* 1/s: -ln(0.998) * 1000, velocity halves every 346 ms */
#define STOP_VEL      10.0       /* px/s: a fling slower than this stops */
#define MAX_VEL       10000.0    /* px/s: faster releases are taken as this */
#define SPRING_W      25.0       /* 1/s: a bounce settles within about 400 ms */
#define SETTLE_PX     0.5        /* a spring this close to its edge ... */
#define SETTLE_VEL    20.0       /* ... and this slow has settled */
#define STRETCH       300.0      /* px: overshoot never reaches this */
#define RUBBER        0.5        /* content moves at this fraction of the finger at the edge */
#define EASE_MS       250
#define MAX_RANGE     1e9f
#define MAX_PHASES    8          /* phase changes within one step */

static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Displayed overshoot for a finger overshoot r >= 0: slope RUBBER at the edge, then
 * ever stiffer, never reaching STRETCH. */
static double rubber(double r)
{
	return STRETCH * RUBBER * r / (STRETCH + RUBBER * r);
}

/* The finger overshoot that shows as overshoot d >= 0. */
static double rubber_inverse(double d)
{
	d = clampd(d, 0, STRETCH * 0.999);
	return STRETCH * d / (RUBBER * (STRETCH - d));
}

/* pos <-> "finger position": identical inside the range, stretched outside. */
static double unband(const struct scroller *s, double pos)
{
	if (pos > s->max)
		return s->max + rubber_inverse(pos - s->max);
	if (pos < 0)
		return -rubber_inverse(-pos);
	return pos;
}

static double band(const struct scroller *s, double r)
{
	if (r > s->max)
		return s->max + rubber(r - s->max);
	if (r < 0)
		return -rubber(-r);
	return r;
}

/* Whatever happened, leave pos and vel finite and pos within reach of the range. */
static void sanitize(struct scroller *s)
{
	if (!isfinite(s->pos))
		s->pos = 0;
	s->pos = (float)clampd(s->pos, -STRETCH, s->max + STRETCH);
	if (!isfinite(s->vel))
		s->vel = 0;
	s->vel = (float)clampd(s->vel, -MAX_VEL, MAX_VEL);
	s->animating = s->mode != MODE_IDLE;
}

/* Advance a fling or bounce by dt seconds, through as many phases as it takes. */
static void physics(struct scroller *s, double dt)
{
	double pos = s->pos, vel = s->vel, max = s->max;

	for (int i = 0; i < MAX_PHASES && dt > 0 && s->mode != MODE_IDLE; i++) {
		double edge = 0, t = dt, e;
		int outside = 1;

		if (pos > max || (pos >= max && vel > 0))
			edge = max;
		else if (pos < 0 || (pos <= 0 && vel < 0))
			edge = 0;
		else
			outside = 0;
		if (outside && s->mode == MODE_FLING_BACK && vel * (pos - edge) < 0)
			outside = 0;
		else
			s->mode = MODE_PHYSICS;
		if (outside) {
			double x0 = pos - edge, v0 = vel, b, tc, x, v;
			int cross = 0;

			/* outward speed that would carry the overshoot past STRETCH:
			 * the peak is below x0 + v0 / w */
			if (x0 >= 0 && v0 > 0)
				v0 = fmin(v0, SPRING_W * fmax(STRETCH - x0, 0));
			if (x0 <= 0 && v0 < 0)
				v0 = fmax(v0, -SPRING_W * fmax(STRETCH + x0, 0));
			b = v0 + SPRING_W * x0;
			tc = x0 != 0 && b != 0 ? -x0 / b : -1; /* back at the edge, moving in */
			if (tc > 0 && tc <= dt) {
				t = tc;
				cross = 1;
			}
			e = exp(-SPRING_W * t);
			x = cross ? 0 : (x0 + b * t) * e;
			v = (b - SPRING_W * (x0 + b * t)) * e;
			pos = edge + x;
			vel = v;
			dt -= t;
			if (!cross && fabs(x) < SETTLE_PX && fabs(v) < SETTLE_VEL) {
				pos = edge;
				vel = 0;
				s->mode = MODE_IDLE;
			}
		} else {
			double reach, d, tstop, tc = -1;
			int what = 0;

			if (fabs(vel) < STOP_VEL) {
				vel = 0;
				s->mode = pos >= 0 && pos <= max ? MODE_IDLE : MODE_PHYSICS;
				continue;
			}
			/* here pos may still be outside, moving in (MODE_FLING_BACK) */
			reach = vel / FRICTION; /* where an unbounded fling would stop */
			edge = vel > 0 ? max : 0;
			d = edge - pos;
			tstop = log(fabs(vel) / STOP_VEL) / FRICTION;
			if (fabs(reach) > fabs(d))
				tc = -log(1 - d / reach) / FRICTION;
			if (tstop <= t) {
				t = tstop;
				what = 1;
			}
			if (tc >= 0 && tc <= t) {
				t = tc;
				what = 2;
			}
			e = exp(-FRICTION * t);
			pos += reach * (1 - e);
			vel *= e;
			dt -= t;
			if (what == 2) {
				pos = edge; /* and on into the spring, still moving out */
			} else if (what == 1) {
				vel = 0;
				/* stopped short of the range: the spring takes it in */
				s->mode = pos >= 0 && pos <= max ? MODE_IDLE : MODE_PHYSICS;
			}
		}
	}
	s->pos = (float)pos;
	s->vel = (float)vel;
}

static void ease(struct scroller *s, uint32_t now)
{
	int32_t el = (int32_t)(now - s->t0);
	double u = el <= 0 ? 0 : (double)el / EASE_MS, p;

	if (u >= 1) {
		s->pos = s->to;
		s->mode = MODE_IDLE;
		return;
	}
	p = 1 - (1 - u) * (1 - u) * (1 - u);
	s->pos = (float)(s->from + (s->to - s->from) * p);
}

void scroller_init(struct scroller *s)
{
	memset(s, 0, sizeof(*s));
}

void scroller_set_range(struct scroller *s, float max)
{
	s->max = isfinite(max) && max > 0 ? fminf(max, MAX_RANGE) : 0;
	s->pos = (float)clampd(s->pos, 0, s->max);
	if (s->mode == MODE_EASE) {
		s->from = (float)clampd(s->from, 0, s->max);
		s->to = (float)clampd(s->to, 0, s->max);
	}
	sanitize(s);
}

void scroller_drag(struct scroller *s, float dy, uint32_t now)
{
	s->dragging = 1;
	s->mode = MODE_IDLE;
	s->vel = 0;
	s->last_t = now;
	if (isfinite(dy) && dy != 0)
		s->pos = (float)band(s, unband(s, s->pos) - dy);
	sanitize(s);
}

void scroller_release(struct scroller *s, float vy, uint32_t now)
{
	double v = isfinite(vy) ? clampd(-(double)vy, -MAX_VEL, MAX_VEL) : 0;
	double over = s->pos < 0 ? s->pos : s->pos > s->max ? s->pos - s->max : 0;

	s->dragging = 0;
	s->last_t = now;
	s->vel = (float)v;
	s->mode = MODE_PHYSICS;
	if (over == 0 && fabs(v) < STOP_VEL) {
		s->vel = 0;
		s->mode = MODE_IDLE;
	} else if (v * over < 0 && (fabs(v) - STOP_VEL) / FRICTION > fabs(over) + SETTLE_PX) {
		s->mode = MODE_FLING_BACK;
	}
	sanitize(s);
}

void scroller_scroll_by(struct scroller *s, float dy, uint32_t now)
{
	double base, to;

	if (!isfinite(dy) || dy == 0)
		return;
	base = s->mode == MODE_EASE ? s->to : clampd(s->pos, 0, s->max);
	to = clampd(base + dy, 0, s->max);
	s->dragging = 0;
	s->vel = 0;
	s->last_t = now;
	s->mode = MODE_IDLE;
	if ((float)to != s->pos) {
		s->from = s->pos;
		s->to = (float)to;
		s->t0 = now;
		s->mode = MODE_EASE;
	}
	sanitize(s);
}

int scroller_step(struct scroller *s, uint32_t now)
{
	int32_t el = (int32_t)(now - s->last_t);

	s->last_t = now;
	if ((s->mode == MODE_PHYSICS || s->mode == MODE_FLING_BACK) && el > 0)
		physics(s, el / 1000.0);
	else if (s->mode == MODE_EASE)
		ease(s, now);
	sanitize(s);
	return s->animating;
}

void scroller_stop(struct scroller *s)
{
	s->dragging = 0;
	s->mode = MODE_IDLE;
	s->vel = 0;
	s->pos = (float)clampd(s->pos, 0, s->max);
	sanitize(s);
}
