/* test_hidden.c: the technician's corner gesture with injected times. */
#include "test.h"
#include "app/hidden.h"

#define W 1000
#define H 800

static int feed(struct hidden_state *h, int kind, float x, float y, uint32_t t, struct input_event *held)
{
	struct input_event ev = { .kind = kind, .x = x, .y = y, .t = t };

	return hidden_feed(h, &ev, W, H, held);
}

int main(void)
{
	struct hidden_state h;
	struct input_event held;

	hidden_init(&h, 50);
	CHECK(hidden_corner_at(&h, 10, 10, W, H) == 0, "top-left is corner 0");
	CHECK(hidden_corner_at(&h, 990, 10, W, H) == 1, "top-right is corner 1");
	CHECK(hidden_corner_at(&h, 10, 790, W, H) == 2, "bottom-left is corner 2");
	CHECK(hidden_corner_at(&h, 990, 790, W, H) == 3, "bottom-right is corner 3");
	CHECK(hidden_corner_at(&h, 500, 10, W, H) == -1, "the top edge's middle is no corner");

	/* the whole gesture */
	CHECK(feed(&h, INPUT_DOWN, 10, 10, 1000, &held) == HIDDEN_HOLD, "a corner press is held back");
	CHECK(feed(&h, INPUT_MOVE, 12, 11, 3000, &held) == HIDDEN_HOLD, "a small move in the corner too");
	CHECK(feed(&h, INPUT_UP, 12, 11, 6100, &held) == HIDDEN_HOLD, "lifting after 5.1 s arms it");
	CHECK(feed(&h, INPUT_DOWN, 980, 780, 8000, &held) == HIDDEN_OPEN, "a second corner within 4 s opens");
	CHECK(feed(&h, INPUT_UP, 980, 780, 8100, &held) == HIDDEN_HOLD, "its lift is swallowed");
	CHECK(feed(&h, INPUT_DOWN, 500, 400, 9000, &held) == HIDDEN_PASS, "then touches pass again");
	feed(&h, INPUT_UP, 500, 400, 9050, &held);

	/* too short a hold: nothing is armed; a long hold answers no tap */
	CHECK(feed(&h, INPUT_DOWN, 10, 10, 20000, &held) == HIDDEN_HOLD, "press");
	CHECK(feed(&h, INPUT_UP, 10, 10, 24000, &held) == HIDDEN_HOLD, "a 4 s hold is swallowed, not a tap");
	CHECK(feed(&h, INPUT_DOWN, 980, 780, 24500, &held) == HIDDEN_HOLD,
	      "a 4 s hold arms nothing (the second corner starts its own hold)");
	CHECK(feed(&h, INPUT_UP, 980, 780, 24600, &held) == HIDDEN_REPLAY && held.t == 24500 && held.x == 980,
	      "a quick tap in a corner is given back with its press");

	/* the second corner too late, or the same corner */
	feed(&h, INPUT_DOWN, 10, 10, 30000, &held);
	feed(&h, INPUT_UP, 10, 10, 35000, &held);
	CHECK(feed(&h, INPUT_DOWN, 980, 10, 39500, &held) != HIDDEN_OPEN, "4.5 s after the lift is too late");
	feed(&h, INPUT_UP, 980, 10, 39600, &held);
	feed(&h, INPUT_DOWN, 10, 10, 40000, &held);
	feed(&h, INPUT_UP, 10, 10, 45000, &held);
	CHECK(feed(&h, INPUT_DOWN, 10, 10, 46000, &held) != HIDDEN_OPEN, "the same corner twice does not open");
	feed(&h, INPUT_UP, 10, 10, 46100, &held);
	feed(&h, INPUT_DOWN, 10, 10, 50000, &held);
	feed(&h, INPUT_UP, 10, 10, 55000, &held);
	CHECK(feed(&h, INPUT_DOWN, 500, 400, 56000, &held) == HIDDEN_PASS, "a touch elsewhere disarms and passes");
	feed(&h, INPUT_UP, 500, 400, 56100, &held);
	CHECK(feed(&h, INPUT_DOWN, 980, 10, 56500, &held) != HIDDEN_OPEN, "after which a corner does not open");
	feed(&h, INPUT_UP, 980, 10, 56600, &held);

	/* a drag that starts in a corner belongs to the visitor */
	CHECK(feed(&h, INPUT_DOWN, 10, 700 + 90, 60000, &held) == HIDDEN_HOLD, "press bottom-left");
	CHECK(feed(&h, INPUT_MOVE, 200, 600, 60100, &held) == HIDDEN_REPLAY && held.x == 10,
	      "leaving the corner at once gives the press back");
	CHECK(feed(&h, INPUT_UP, 200, 600, 60200, &held) == HIDDEN_PASS, "and the rest passes");
	/* the mouse wheel and other fingers are never held */
	CHECK(feed(&h, INPUT_WHEEL, 10, 10, 61000, &held) == HIDDEN_PASS, "wheel passes");
	/* times that wrap around 32 bits */
	feed(&h, INPUT_DOWN, 10, 10, 0xFFFFF000u, &held);
	feed(&h, INPUT_UP, 10, 10, 0xFFFFF000u + 5200u, &held);
	CHECK(feed(&h, INPUT_DOWN, 980, 780, 0xFFFFF000u + 6000u, &held) == HIDDEN_OPEN, "across the clock's wrap");
	return test_failures;
}
