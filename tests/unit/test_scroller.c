#include "test.h"
#include "ui/scroller.h"

#include <math.h>

static void setup(struct scroller *s, float max, float pos)
{
	scroller_init(s);
	scroller_set_range(s, max);
	s->pos = pos;
}

/* Step every 16 ms from t until it stops or `ms` pass; returns the time it stopped
 * (or the time it gave up). */
static uint32_t run(struct scroller *s, uint32_t t, uint32_t ms)
{
	uint32_t end = t + ms;

	while (t < end) {
		t += 16;
		if (!scroller_step(s, t))
			break;
	}
	return t;
}

static void test_drag(void)
{
	struct scroller s;

	setup(&s, 1000, 500);
	scroller_drag(&s, -100, 1000);
	CHECK(s.pos == 600 && s.dragging, "finger up 100 px: content offset +100 (%g)", s.pos);
	scroller_drag(&s, 30, 1016);
	CHECK(s.pos == 570, "finger down 30 px: offset -30 (%g)", s.pos);
	CHECK(scroller_step(&s, 1032) == 0 && s.pos == 570, "a held drag does not move by itself");
}

static void test_rubber_band(void)
{
	struct scroller s;
	float one, two, far;

	setup(&s, 1000, 0);
	scroller_drag(&s, 100, 1000);
	one = s.pos;
	CHECK(one < -30 && one > -50, "100 px past the top moves it less (%g)", one);

	setup(&s, 1000, 20);
	scroller_drag(&s, 60, 1000);
	scroller_drag(&s, 60, 1016);
	two = s.pos;
	CHECK(fabsf(two - one) < 0.01f, "the stretch is the same in two moves as in one (%g, %g)", two, one);

	scroller_drag(&s, -60, 1032);
	scroller_drag(&s, -60, 1048);
	CHECK(fabsf(s.pos - 20) < 0.01f, "and pushing back returns to the same place (%g)", s.pos);

	setup(&s, 1000, 0);
	scroller_drag(&s, 2000, 1000);
	far = s.pos;
	scroller_drag(&s, 2000, 1016);
	CHECK(far < -100 && far > -300 && s.pos < far && far - s.pos < 60,
	      "the further the stiffer (%g then %g)", far, s.pos);

	setup(&s, 1000, 1000);
	scroller_drag(&s, -100, 1000);
	CHECK(s.pos > 1030 && s.pos < 1050, "past the bottom too (%g)", s.pos);
}

static void test_settle(void)
{
	struct scroller s;
	uint32_t t;

	setup(&s, 1000, 0);
	scroller_drag(&s, 400, 1000);
	scroller_release(&s, 0, 1000);
	CHECK(s.animating, "a release past the edge animates");
	t = run(&s, 1000, 1000);
	CHECK(!s.animating && s.pos == 0 && t - 1000 <= 450, "settles at the top after %u ms (%g)", t - 1000, s.pos);

	setup(&s, 1000, 1000);
	scroller_drag(&s, -300, 1000);
	scroller_release(&s, 0, 1000);
	t = run(&s, 1000, 1000);
	CHECK(!s.animating && s.pos == 1000, "settles at the bottom after %u ms (%g)", t - 1000, s.pos);

	/* a fling into the bottom: overshoots a little, springs back */
	{
		float over = 0;

		setup(&s, 1000, 900);
		scroller_release(&s, -3000, 1000);
		for (t = 1000; t < 2000 && scroller_step(&s, t + 16); t += 16)
			over = fmaxf(over, s.pos - 1000);
		CHECK(over > 5 && over < 120, "a fling past the bottom overshoots a little (%g px)", over);
		CHECK(!s.animating && s.pos == 1000 && s.vel == 0, "and settles at the edge within 1 s (%u ms)",
		      t - 1000);
	}

	/* pulled far past an edge and flung further out: stays short of the limit */
	for (int bottom = 0; bottom < 2; bottom++) {
		float over = 0, sign = bottom ? -1 : 1, edge = bottom ? 1000 : 0;

		setup(&s, 1000, edge);
		scroller_drag(&s, 1200 * sign, 1000);
		scroller_release(&s, 10000 * sign, 1000);
		for (t = 1000; t < 2000 && scroller_step(&s, t + 16); t += 16)
			over = fmaxf(over, fabsf(s.pos - edge));
		CHECK(over > 200 && over < 280 && s.pos == edge,
		      "an outward fling at the %s limit bounces short of it (%g)", bottom ? "bottom" : "top", over);
	}

	/* pulled past the top and flung back in: carries on into the content */
	setup(&s, 5000, 0);
	scroller_drag(&s, 100, 1000);
	scroller_release(&s, -3000, 1000);
	run(&s, 1000, 5000);
	CHECK(s.pos > 1300 && s.pos < 1500, "a fling from the stretch goes on inside (%g)", s.pos);
	setup(&s, 5000, 0);
	scroller_drag(&s, 100, 1000);
	scroller_release(&s, -50, 1000);
	run(&s, 1000, 5000);
	CHECK(s.pos == 0, "a weak one springs back to the edge (%g)", s.pos);

	/* the same in one big step as in small ones */
	{
		struct scroller a, b;

		setup(&a, 1000, 900);
		setup(&b, 1000, 900);
		scroller_release(&a, -3000, 1000);
		scroller_release(&b, -3000, 1000);
		for (t = 1000; t < 1150; t += 1)
			scroller_step(&a, t + 1);
		scroller_step(&b, 1150);
		CHECK(a.pos > 1005 && fabsf(a.pos - b.pos) < 0.05f && fabsf(a.vel - b.vel) < 0.5f,
		      "mid-bounce, one 150 ms step lands where 150 small ones do (%g, %g)", a.pos, b.pos);
	}
}

static float fling_distance(float v)
{
	struct scroller s;

	setup(&s, 100000, 50000);
	scroller_release(&s, v, 1000);
	run(&s, 1000, 20000);
	return 50000 - s.pos;
}

static void test_fling(void)
{
	float d1 = fling_distance(1000), d2 = fling_distance(2000), d3 = fling_distance(-2000);
	struct scroller s;
	float last_v, last_p;
	int mono = 1, steps = 0;

	CHECK(d2 > 1.9f * d1, "twice the velocity goes further (%g vs %g)", d2, d1);
	CHECK(fabsf(d1 - 495) < 10, "1000 px/s travels about half a second's worth (%g)", d1);
	CHECK(fabsf(d3 + d2) < 0.01f, "flings go the finger's way: up scrolls further (%g)", d3);

	setup(&s, 100000, 50000);
	scroller_release(&s, -4000, 1000);
	CHECK(s.vel == 4000, "content velocity is the opposite of the finger's (%g)", s.vel);
	last_v = s.vel;
	last_p = s.pos;
	for (uint32_t t = 1016; scroller_step(&s, t) && t < 20000; t += 16) {
		if (!(s.vel < last_v && s.pos > last_p))
			mono = 0;
		if (t == 1000 + 16 * 22 && fabsf(s.vel - 2000) > 150)
			mono = 0; /* velocity halves in ~350 ms */
		last_v = s.vel;
		last_p = s.pos;
		steps++;
	}
	CHECK(mono && steps > 100, "monotonic deceleration, half speed after 350 ms (%d steps)", steps);
	CHECK(s.vel == 0 && !s.animating, "and it stops");

	setup(&s, 1000, 500);
	scroller_release(&s, 8, 1000);
	CHECK(!s.animating, "a release under 10 px/s does not fling");

	setup(&s, 1000, 500);
	scroller_release(&s, -1000, 1000);
	scroller_drag(&s, 0, 1100);
	CHECK(!s.animating && s.vel == 0 && scroller_step(&s, 1200) == 0, "a touch catches a fling");
}

static void test_scroll_by(void)
{
	struct scroller s;
	uint32_t t;

	setup(&s, 1000, 0);
	scroller_scroll_by(&s, 300, 1000);
	CHECK(s.animating && s.pos == 0, "scroll_by animates");
	scroller_step(&s, 1125);
	CHECK(s.pos > 150 && s.pos < 300, "ease-out: past half way at half time (%g)", s.pos);
	t = run(&s, 1125, 1000);
	CHECK(s.pos == 300 && !s.animating && t <= 1260, "reaches its target in 250 ms (%g at %u)", s.pos, t);

	scroller_scroll_by(&s, 200, 2000);
	scroller_step(&s, 2050);
	scroller_scroll_by(&s, 200, 2050);
	run(&s, 2050, 1000);
	CHECK(s.pos == 700, "scroll_by during scroll_by adds up (%g)", s.pos);

	scroller_scroll_by(&s, 5000, 3000);
	run(&s, 3000, 1000);
	CHECK(s.pos == 1000, "clamped to the range (%g)", s.pos);
	scroller_scroll_by(&s, 10, 4000);
	CHECK(!s.animating && s.pos == 1000, "nothing to do at the end");
}

static void test_empty(void)
{
	struct scroller s;

	setup(&s, 0, 0);
	scroller_drag(&s, -50, 1000);
	CHECK(s.pos > 0 && s.pos < 50, "max 0 still stretches (%g)", s.pos);
	scroller_release(&s, -5000, 1000);
	run(&s, 1000, 2000);
	CHECK(s.pos == 0 && !s.animating, "max 0 settles back at 0 (%g)", s.pos);
	scroller_release(&s, 5000, 3000);
	run(&s, 3000, 2000);
	CHECK(s.pos == 0 && !s.animating, "a fling with max 0 stays at 0 (%g)", s.pos);
	scroller_scroll_by(&s, 100, 4000);
	run(&s, 4000, 1000);
	CHECK(s.pos == 0, "scroll_by with max 0 stays at 0");

	setup(&s, 1000, 0);
	scroller_scroll_by(&s, 500, 1000);
	scroller_step(&s, 1100);
	scroller_set_range(&s, 200);
	run(&s, 1100, 1000);
	CHECK(s.pos == 200, "a range shrinking under scroll_by ends at the new end (%g)", s.pos);

	setup(&s, 1000, 800);
	scroller_set_range(&s, 500);
	CHECK(s.pos == 500 && s.max == 500, "a smaller range clamps pos");
	scroller_set_range(&s, -3);
	CHECK(s.pos == 0 && s.max == 0, "a negative range is 0");
}

static int sane(const struct scroller *s)
{
	return isfinite(s->pos) && isfinite(s->vel) && s->pos >= -300 && s->pos <= s->max + 300;
}

static void test_no_nan(void)
{
	struct scroller s;
	int ok = 1;

	setup(&s, 1000, 500);
	scroller_release(&s, 1e9f, 1000);
	for (int i = 0; i < 100; i++)
		ok &= scroller_step(&s, 1000) >= 0 && sane(&s); /* dt = 0 */
	for (uint32_t t = 1000; t < 5000; t += 16)
		ok &= scroller_step(&s, t) >= 0 && sane(&s);
	CHECK(ok && s.pos == 0 && !s.animating, "1e9 px/s and dt = 0: finite, settles at 0 (%g)", s.pos);

	setup(&s, 1000, 500);
	scroller_release(&s, -1e9f, 1000);
	scroller_step(&s, 1000 + 3600000); /* one step of an hour */
	CHECK(sane(&s) && s.pos == 1000 && !s.animating, "one huge step (%g)", s.pos);

	setup(&s, 0, 0);
	scroller_release(&s, 1e9f, 1000);
	for (uint32_t t = 1000; t < 3000; t += 1)
		ok &= sane(&s) && scroller_step(&s, t) >= 0;
	CHECK(ok && s.pos == 0, "1e9 px/s with max 0");

	setup(&s, 1000, 500);
	scroller_drag(&s, NAN, 1000);
	scroller_drag(&s, -INFINITY, 1000);
	CHECK(s.pos == 500, "NaN and infinite drags are ignored (%g)", s.pos);
	scroller_release(&s, NAN, 1000);
	CHECK(s.pos == 500 && s.vel == 0 && !s.animating, "a NaN release is no fling");
	scroller_scroll_by(&s, INFINITY, 1000);
	CHECK(!s.animating, "an infinite scroll_by is ignored");
	scroller_drag(&s, 1e30f, 1000);
	ok = sane(&s);
	scroller_set_range(&s, NAN);
	for (uint32_t t = 1000; t < 3000; t += 16)
		ok &= sane(&s) && scroller_step(&s, t) >= 0;
	CHECK(ok && s.pos == 0 && s.max == 0, "a huge drag and a NaN range are harmless (%g)", s.pos);

	setup(&s, 1000, 500);
	scroller_release(&s, -3000, 1000);
	scroller_step(&s, 900); /* time going backwards */
	CHECK(sane(&s) && s.pos == 500, "time going back does not move it");
}

int main(void)
{
	test_drag();
	test_rubber_band();
	test_settle();
	test_fling();
	test_scroll_by();
	test_empty();
	test_no_nan();
	return test_failures != 0;
}
