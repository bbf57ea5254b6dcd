/* app_input.c: the app's input: touches through the gesture recogniser (and the
 * technician's corner gesture before it), keys, typed text and an input method's
 * preedit; each is offered to the overlay or the screen first, then the app does
 * what every screen shares (scrolling, touch targets, swipes, the keys). */
#include "app_internal.h"
#include "hidden.h"
#include "core/log.h"
#include "text/text.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <string.h>

/* Offer an event to the overlay, else to the screen; 1 when one of them took it. */
static int offer(struct app *a, struct screen_event *ev)
{
	struct screen *s = a->overlay ? a->overlay : a->screen;
	struct screen_ctx c;
	struct screen_reply r;
	int taken;

	if (!s || !s->cls->input)
		return 0;
	struct route before = s->route;

	memset(&r, 0, sizeof(r));
	app_ctx(a, &c);
	taken = s->cls->input(s, &c, ev, &r);
	/* a screen's own route moved on (the search query): in the trace too */
	if (s == a->screen && !route_equal(&before, &s->route))
		app_trace_route(a);
	app_apply(a, &r);
	return taken;
}

/* Does fixed control h show that a finger is on it (app.h, pressed)? One the size
 * of a button does: not the whole screen of the attract loop, the scrim around a
 * sheet that closes it, nor the narration's seek bar; nor a key of the on-screen
 * keyboard, which draws its own (keyboard_draw.c). The PIN pad's keys, on an
 * overlay, have no look of their own. */
static int looks_pressed(const struct app *a, const struct scene_hit *h)
{
	if (h->action == ACT_KEY && !a->overlay)
		return 0;
	return h->r.w <= a->w / 2 && h->r.h <= a->band_h / 5;
}

void app_gesture(struct app *a, const struct gesture *in, uint32_t now)
{
	struct gesture moved = *in, *g = &moved;
	struct screen_event ev = { .kind = SCREEN_GESTURE, .g = g, .now = now };
	struct screen *s;
	const struct scene_hit *h = NULL;

	a->last_input = now;
	if (g->kind == GESTURE_PRESS)
		a->drag_scrolls = a->press_fixed = 0; /* until the screen takes the press, below */
	/* whatever the finger does next but stay (a long press), the control it held
	 * looks as it did */
	if (a->pressed.w && g->kind != GESTURE_LONG_PRESS) {
		a->pressed.w = 0;
		a->dirty = 1;
	}
	if (!a->screen)
		return;
	/* window pixels to the band's: above or below it nothing answers a touch */
	g->y -= (float)a->band_top;
	g->cy -= (float)a->band_top;
	if ((g->kind == GESTURE_TAP || g->kind == GESTURE_LONG_PRESS || g->kind == GESTURE_DOUBLE_TAP ||
	     g->kind == GESTURE_PRESS) && (g->y < 0 || g->y >= (float)a->band_h))
		return;
	if (g->kind == GESTURE_TAP || g->kind == GESTURE_LONG_PRESS || g->kind == GESTURE_PRESS ||
	    g->kind == GESTURE_DOUBLE_TAP)
		h = scene_hit_at(a->overlay ? &a->overlay->scene : &a->screen->scene, (int)g->x, (int)g->y,
				 a->overlay ? 0 : a->screen->scroll.pos);
	ev.hit = h;
	/* a finger put on a fixed control (a bar's button) and slid off takes the press
	 * back: it turns no page (nor the viewer's picture) when it slides sideways, and
	 * scrolls none (below) */
	if (g->kind == GESTURE_PRESS)
		a->press_fixed = h && !h->scroll;
	if (g->kind == GESTURE_PRESS && a->press_fixed && looks_pressed(a, h)) {
		a->pressed = h->r;
		a->dirty = 1;
	}
	if ((g->kind == GESTURE_SWIPE_LEFT || g->kind == GESTURE_SWIPE_RIGHT) && a->press_fixed)
		return;
	if (offer(a, &ev))
		return;
	s = a->screen;
	switch (g->kind) {
	case GESTURE_PRESS:
		/* a touch stops a moving page; that touch then only stops it */
		a->caught = s->scroll.animating;
		scroller_drag(&s->scroll, 0, now);
		/* a drag scrolls the page when its touch began on the page */
		a->drag_scrolls = !a->press_fixed && s->scene.view.w > 0 && g->x >= s->scene.view.x &&
				  g->x < s->scene.view.x + s->scene.view.w && g->y >= s->scene.view.y &&
				  g->y < s->scene.view.y + s->scene.view.h;
		break;
	case GESTURE_CANCEL:
		scroller_release(&s->scroll, 0, now);
		a->dirty = 1;
		break;
	case GESTURE_TAP:
		scroller_release(&s->scroll, 0, now);
		/* a touch that stopped a moving page does nothing more there; the fixed
		 * controls over it answer at once */
		if (h && (!a->caught || !h->scroll)) {
			/* the target's payload is the screen's: copy it before the screen goes */
			char payload[ROUTE_TEXT_MAX];
			snprintf(payload, sizeof(payload), "%s", h->payload ? h->payload : "");
			app_act(a, h->action, h->payload ? payload : NULL);
		}
		break;
	case GESTURE_LONG_PRESS:
		scroller_release(&s->scroll, 0, now);
		/* a long press on the text size button switches to high contrast and back */
		if (h && h->action == ACT_TEXT_SIZE)
			app_set_contrast(a, !a->high_contrast);
		break;
	case GESTURE_DRAG:
		if (a->drag_scrolls)
			scroller_drag(&s->scroll, g->dy, now);
		a->dirty = 1;
		break;
	case GESTURE_DRAG_END:
		scroller_release(&s->scroll, a->drag_scrolls ? g->vy : 0, now);
		a->dirty = 1;
		break;
	case GESTURE_SWIPE_LEFT:
	case GESTURE_SWIPE_RIGHT: {
		const char *to = g->kind == GESTURE_SWIPE_LEFT ? s->scene.next : s->scene.prev;
		if (to) {
			char payload[ROUTE_TEXT_MAX];
			snprintf(payload, sizeof(payload), "%s", to);
			app_act(a, ACT_STEP, payload);
		}
		break;
	}
	case GESTURE_WHEEL:
		scroller_scroll_by(&s->scroll, -g->dy, now);
		a->dirty = 1;
		break;
	default:
		break;
	}
}

void app_key(struct app *a, int key, uint32_t now)
{
	struct screen_event ev = { .kind = SCREEN_KEY, .key = key, .now = now };
	struct screen *s = a->screen;
	float page;

	a->last_input = now;
	if (!s)
		return;
	/* lockdown: a keyboard plugged into the kiosk cannot end or leave the exhibition */
	if (a->locked && (key == KEY_QUIT || (key == KEY_ESCAPE && s->route.kind == ROUTE_ATTRACT))) {
		log_line(LOG_LEVEL_INFO, "key refused: the kiosk is locked down in fullscreen");
		return;
	}
	if (offer(a, &ev)) {
		a->dirty = 1;
		return;
	}
	page = s->scene.view.h * 0.9f;
	switch (key) {
	case KEY_UP: scroller_scroll_by(&s->scroll, -a->m.body * 4.0f, now); break;
	case KEY_DOWN: scroller_scroll_by(&s->scroll, a->m.body * 4.0f, now); break;
	case KEY_PAGE_UP: scroller_scroll_by(&s->scroll, -page, now); break;
	case KEY_PAGE_DOWN: scroller_scroll_by(&s->scroll, page, now); break;
	case KEY_LEFT:
	case KEY_RIGHT: {
		const char *to = key == KEY_LEFT ? s->scene.prev : s->scene.next;
		if (to) {
			char payload[ROUTE_TEXT_MAX];
			snprintf(payload, sizeof(payload), "%s", to);
			app_act(a, ACT_STEP, payload);
		}
		break;
	}
	case KEY_ESCAPE:
	case KEY_BACKSPACE:
		if (s->route.kind == ROUTE_ATTRACT)
			app_go_home(a);
		else if (a->nhistory)
			app_go_back(a);
		else if (s->route.kind == ROUTE_HOME)
			app_go(a, "/attract", 0);
		else
			app_go_home(a);
		break;
	case KEY_HOME: app_go_home(a); break;
	case KEY_LANG: app_act(a, ACT_LANG, NULL); break;
	case KEY_BIGGER:
		if (a->text_size + 1 < TEXT_SIZES)
			app_set_text_size(a, a->text_size + 1);
		break;
	case KEY_SMALLER:
		if (a->text_size > 0)
			app_set_text_size(a, a->text_size - 1);
		break;
	case KEY_CONTRAST: app_set_contrast(a, !a->high_contrast); break;
	case KEY_QUIT: a->quit = 1; break;
	}
	a->dirty = 1;
}

void app_text(struct app *a, const char *text, uint32_t now)
{
	struct screen_event ev = { .kind = SCREEN_TEXT, .text = text, .now = now };

	a->last_input = now;
	offer(a, &ev);
}

void app_preedit(struct app *a, const char *text, uint32_t now)
{
	struct screen_event ev = { .kind = SCREEN_PREEDIT, .text = text, .now = now };

	a->last_input = now;
	offer(a, &ev);
}

int app_wants_text(const struct app *a)
{
	return a->screen && !a->overlay && a->screen->route.kind == ROUTE_SEARCH;
}

/* Dark now: outside the opening hours of a kiosk that follows the clock, or the
 * technician turned the screen off until opening; never while the menu is open. */
void app_input(struct app *a, const struct input_event *ev)
{
	struct input_event held;
	struct gesture g[GESTURE_MAX_OUT];
	int n;

	switch (hidden_feed(&a->hidden, ev, a->w, a->h, &held)) {
	case HIDDEN_HOLD:
		a->last_input = ev->t;
		return;
	case HIDDEN_OPEN:
		a->last_input = ev->t;
		/* on the closed screen, too: the technician may work out of hours */
		app_open_pinpad(a, ev->t);
		return;
	case HIDDEN_REPLAY:
		n = gesture_feed(&a->gestures, &held, g);
		for (int i = 0; i < n; i++)
			app_gesture(a, &g[i], held.t);
		break;
	default:
		break;
	}
	n = gesture_feed(&a->gestures, ev, g);
	for (int i = 0; i < n; i++)
		app_gesture(a, &g[i], ev->t);
}

