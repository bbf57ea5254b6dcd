/* input.h: the app's own input events (SDL_Event never leaves app/), and what the
 * gesture recogniser makes of them. Times are milliseconds from any fixed origin,
 * passed in, so that tests replay them exactly. */
#ifndef KIOSK_INPUT_H
#define KIOSK_INPUT_H

#include <stdint.h>

enum input_kind {
	INPUT_DOWN,   /* a finger or the mouse button goes down */
	INPUT_MOVE,
	INPUT_UP,
	INPUT_CANCEL, /* the touch was taken away (window lost focus...) */
	INPUT_WHEEL   /* mouse wheel: dy in lines, positive = content moves down */
};

struct input_event {
	int kind;
	int64_t id;      /* finger id; 0 for the mouse */
	float x, y;      /* window pixels */
	float dy;        /* INPUT_WHEEL */
	uint32_t t;      /* ms */
};

enum gesture_kind {
	GESTURE_NONE,
	GESTURE_PRESS,        /* a finger went down (for pressed-state feedback) */
	GESTURE_TAP,
	GESTURE_DOUBLE_TAP,
	GESTURE_LONG_PRESS,
	GESTURE_DRAG_START,   /* movement passed the slop: x,y where it started */
	GESTURE_DRAG,         /* dx, dy since the previous DRAG */
	GESTURE_DRAG_END,     /* vx, vy: release velocity in px/s */
	GESTURE_SWIPE_LEFT,   /* a fast mostly-horizontal fling (after DRAG_END) */
	GESTURE_SWIPE_RIGHT,
	GESTURE_PINCH,        /* two fingers: scale since the previous PINCH, around cx, cy; dx, dy pan */
	GESTURE_PINCH_END,
	GESTURE_CANCEL,       /* forget the press */
	GESTURE_WHEEL,        /* dy in pixels */
	GESTURE_RELEASE       /* the finger lifted after a LONG_PRESS, which no TAP follows:
			       * the end of the press for pressed-state feedback */
};

struct gesture {
	int kind;
	float x, y;       /* where (TAP, PRESS, LONG_PRESS, DOUBLE_TAP, DRAG_START) */
	float dx, dy;
	float vx, vy;
	float scale;
	float cx, cy;
};

/* Keys, mapped from SDL keys by app/run.c: what a physical keyboard can ask. */
enum app_key {
	KEY_UP = 1, KEY_DOWN, KEY_PAGE_UP, KEY_PAGE_DOWN, KEY_LEFT, KEY_RIGHT, KEY_ESCAPE,
	KEY_HOME, KEY_LANG, KEY_BIGGER, KEY_SMALLER, KEY_CONTRAST, KEY_QUIT, KEY_BACKSPACE,
	KEY_ENTER
};

#endif
