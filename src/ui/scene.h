/* scene.h: the screen model. A screen is built once into a scene (a display list
 * plus touch targets) for a window size, language and text size; drawing a frame
 * only walks the list, so scrolling never lays text out again. The same scene is
 * drawn into the window and, by `kiosk shot`, into a PNG, and checked by tests. */
#ifndef KIOSK_SCENE_H
#define KIOSK_SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

struct SDL_Renderer;
struct image_cache;
struct theme;

struct rect {
	int x, y, w, h;
};

#define SCENE_FIT_SHOWN (-1)

enum item_kind { ITEM_RECT, ITEM_FRAME, ITEM_TEXT, ITEM_IMAGE };

struct scene_item {
	int kind;
	struct rect r;       /* in scene coordinates; scroll items in content coordinates */
	uint32_t color;      /* fill, frame or text colour */
	int scroll;          /* 1: in the scrolling layer */
	int thickness;       /* ITEM_FRAME */
	struct text_layout text;   /* ITEM_TEXT; owned */
	char *zip, *entry;   /* ITEM_IMAGE: absolute zip path and entry; owned */
	int max_side;        /* ITEM_IMAGE: decode scaled to fit (0: full size; SCENE_FIT_SHOWN:
			      * decoded at the size shown, fitting r, for a picture never zoomed) */
	int cover;           /* ITEM_IMAGE: fill r and crop, instead of fitting inside it */
	char *alt;           /* ITEM_IMAGE: shown on the placeholder when broken */
	float zoom, pan_x, pan_y; /* ITEM_IMAGE in the viewer */
	int ahead;           /* ITEM_IMAGE: asked for ahead of being shown; nothing drawn */
};

/* What a touch target does. The numbers are printed by `kiosk shot --hits`. */
enum action {
	ACT_NONE,
	ACT_ROUTE,       /* go to the route in payload, keeping this screen for Back */
	ACT_BACK,
	ACT_HOME,
	ACT_LANG,        /* the next interface language */
	ACT_TEXT_SIZE,   /* payload: the step ("0"-"4"); none: open the display sheet */
	ACT_CONTINUE,    /* "still there?": yes */
	ACT_BEGIN,       /* the attract screen was touched */
	ACT_CLOSE,
	ACT_STEP,        /* go to the route in payload in place of this one (previous, next) */
	ACT_SEARCH,      /* open search */
	ACT_KEY,         /* an on-screen key: payload names it (ui/keyboard.h) */
	ACT_RESET,       /* the visit is over: back to attract, defaults restored */
	ACT_CLEAR,       /* a screen's own control: payload names it */
	ACT_CONTRAST,    /* payload "0" standard, "1" high contrast */
	ACT_REACH,       /* payload "0" the whole screen, "1" controls within reach */
	ACT_UNLOCK,      /* the PIN pad took the right PIN: open the technician menu */
	ACT_MAINTAIN,    /* a technician menu command: payload names it (app/maintain.c) */
	ACT_PACK         /* payload "ID" or "ID ROUTE": show pack ID for this visit (at ROUTE, else home) */
};

struct scene_hit {
	struct rect r;
	int action;
	char *payload;       /* ACT_ROUTE, ACT_STEP: the route; ACT_KEY: the key; or NULL; owned */
	int scroll;
	char *label;         /* what a screen reader or a test calls it; owned */
};

struct scene {
	int w, h;
	struct scene_item *items;
	size_t nitems, cap_items;
	struct scene_hit *hits;
	size_t nhits, cap_hits;
	struct rect view;    /* the scrolling viewport (w = 0: no scrolling layer) */
	int content_h;       /* height of the scrolling content */
	int *anchors;        /* content y of each body block, to keep the place across languages */
	size_t nanchors, cap_anchors;
	char *prev, *next;   /* routes for swipes, or NULL; owned */
	int image_index;     /* the viewer: index in items of the picture shown (0: none) */
	int focus_y;         /* content y to show at the top when the screen opens (-1: the top) */
};

void scene_init(struct scene *s, int w, int h);
void scene_release(struct scene *s);

void scene_rect(struct scene *s, struct rect r, uint32_t color, int scroll);
void scene_frame(struct scene *s, struct rect r, uint32_t color, int thickness, int scroll);
/* Lay out text into r.w and add it at r.x, r.y; returns the height it takes. */
int scene_text(struct scene *s, struct text_engine *t, struct rect r, const char *text,
	       const struct md_span *spans, size_t nspans, const struct text_style *st,
	       uint32_t color, int scroll);
struct scene_item *scene_image(struct scene *s, struct rect r, const char *zip, const char *entry,
			       int max_side, const char *alt, int scroll);
/* Size the caches that drawing uses for a w x h px screen: a screen and a quarter
 * of pictures (4 bytes a pixel; at least 8 MiB for small windows, at most 10) and
 * half a screen of pixels of text (at least 1 Mi, at most 3 Mi pixels; a byte
 * each as coverage masks, 4 as textures), which keeps a 3840x2160 kiosk (its
 * window alone is 32 MiB) near 60 MiB: a visit returns to recent screens, rarely
 * to older ones. Either cache may be NULL. */
void scene_fit_caches(struct image_cache *images, struct text_engine *t, int w, int h);

/* Ask for a picture that a later build will show at r with max_side (the attract
 * loop's next slide), so that it is decoded while the screen is still: nothing is
 * drawn for it. Add it before the pictures shown now, which are then decoded
 * first (newest first). */
void scene_prefetch(struct scene *s, struct rect r, const char *zip, const char *entry, int max_side);
/* Ask the image cache for every picture of the scene, on screen or not, at the size
 * it is drawn (the bench scrolls a page whose pictures are decoded already, as a
 * visitor finds them a moment after it opened); nothing is drawn. */
void scene_ask_pictures(const struct scene *s, struct image_cache *images);
/* A touch target over r doing action, with payload (copied; may be NULL) and the
 * label a test or screen reader calls it by (copied). */
void scene_hit(struct scene *s, struct rect r, int action, const char *payload, const char *label,
	       int scroll);
void scene_anchor(struct scene *s, int y);

/* Draw with the content scrolled by scroll_y (px) on the text engine's renderer,
 * only inside clip (window px; NULL: all of it). */
void scene_draw(const struct scene *s, struct SDL_Renderer *r, struct text_engine *t,
		struct image_cache *images, const struct theme *th, float scroll_y, const struct rect *clip);

/* Draw over what is there (a dialog over a screen), without clearing; only inside
 * clip (NULL: all of it). */
void scene_draw_over(const struct scene *s, struct SDL_Renderer *r, struct text_engine *t,
		     struct image_cache *images, const struct theme *th, const struct rect *clip);

/* Render ahead (text_warm) the text of the scrolling layer that scrolling from
 * scroll_y (px) would show next, after touching the text on show (fixed items and
 * the viewport's), which warming then never makes room from: two viewports'
 * height below the viewport (a swipe glides further than a screen), then one
 * above it, nearest first, until deadline_ns (CLOCK_MONOTONIC, ns). Returns 1
 * when all of it is ready or the text cache has no more room for it, 0 when the
 * deadline came first (call again). */
int scene_warm(const struct scene *s, struct text_engine *t, float scroll_y, uint64_t deadline_ns);

/* Drawing only what changed. Where frames are drawn in software into pixels that
 * stay from one frame to the next (the window's framebuffer, or the surface that
 * is copied to the screen), a frame need only be drawn again where it differs from
 * the last: a new slide of the attract loop leaves the stage and "touch to begin"
 * alone, a tapped button or a picture that came is drawn again by itself. A
 * frame_record holds a mark for each thing the last frame drew: the rectangle (px)
 * its pixels can reach and a 64-bit signature of everything that decides them
 * (kind, place, colour, text and its layout, picture and its state, theme colours).
 * scene_plan marks the frame to come; frame_damage compares the two lists and
 * says where to draw. Marks alike in both frames are left alone, in whatever
 * order. */
#define FRAME_DAMAGE_MAX 8 /* rectangles; more are drawn as the rectangle around them */
struct frame_mark {
	struct rect r;
	uint64_t sig;
};
struct frame_record {
	struct frame_mark *last, *next;       /* owned */
	size_t nlast, nnext, cap_last, cap_next;
	int valid;                            /* `last` is what the pixels hold */
	int lost;                             /* a mark of `next` was lost for want of memory */
	unsigned char *matched;               /* frame_damage's own: a flag per mark of `last` */
	size_t cap_matched;
	struct rect damage[FRAME_DAMAGE_MAX]; /* after frame_damage: where to draw */
	int ndamage;                          /* how many; -1 all of the frame, 0 nothing */
};
/* Start the marks of the frame to come. */
void frame_begin(struct frame_record *f);
/* Add the marks of s as scene_draw (over 0) or scene_draw_over (over 1) will draw
 * it with these arguments. Asks the image cache for the pictures as drawing does. */
void scene_plan(const struct scene *s, struct frame_record *f, struct image_cache *images,
		const struct theme *th, float scroll_y, int over);
/* Compare the marks of the frame to come with the last frame's for a w x h px
 * frame: f->damage and f->ndamage say where to draw (all of it when the record is
 * not valid, or when the damage covers more than three quarters of the frame).
 * The frame to come becomes the last, and the record valid: the caller sets valid
 * to 0 when the pixels are lost (a resized or exposed window) or the frame could
 * not be drawn whole (text short of memory). Returns f->ndamage. */
int frame_damage(struct frame_record *f, int w, int h);
void frame_record_release(struct frame_record *f);

/* The look of a control held down: r (px, as the scene has it) washed with color
 * (0xRRGGBBAA: its alpha is the wash's) over whatever the scenes drew there.
 * scene_plan_wash marks it in f for frame_damage, after scene_plan; scene_draw_wash
 * draws it after scene_draw, within clip (NULL: the whole frame). */
void scene_plan_wash(struct frame_record *f, struct rect r, uint32_t color);
void scene_draw_wash(struct SDL_Renderer *rd, struct rect r, uint32_t color, const struct rect *clip);

/* The touch target at window point (x, y) with the content scrolled by scroll_y. */
const struct scene_hit *scene_hit_at(const struct scene *s, int x, int y, float scroll_y);

/* Layout checks for tests: text that overflows its box or the window, fixed text
 * that overlaps other fixed text, touch targets under min_target px, and (th not
 * NULL) text whose contrast with the box drawn under it is under what th asks
 * (theme_min_contrast: the scrolling layer is body text). Each problem is appended
 * to out as one line; returns the number of problems. */
struct buf;
int scene_check(const struct scene *s, int min_target, const struct theme *th, struct buf *out);

#endif
