/* screen.h: the kiosk's screens as objects. A screen class (like an LVGL widget
 * class, without inheritance) names a screen, says how much state it keeps, and gives
 * the functions that create it for a route, build it into a scene for one window size,
 * language and text size, handle the app's input events, tick with the time and
 * release it. State that belongs to one screen (the viewer's zoom, the attract slide,
 * the search query and keyboard) lives in that screen's state; what every screen
 * shares (catalog, language, text size, theme, caches) comes in a screen_ctx.
 * Screens never change the app: they answer with a screen_reply (go somewhere,
 * build me again), which the app carries out. One file per screen; chrome.c draws
 * the bar every screen but attract shares. */
#ifndef KIOSK_SCREEN_H
#define KIOSK_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "app/router.h"
#include "ui/input.h"
#include "ui/scene.h"
#include "ui/scroller.h"
#include "ui/theme.h"

struct audio;
struct catalog;
struct config;
struct pin_guard;
struct catalog_pack;
struct err;
struct md_doc;

/* What the app lends a screen for one call; every pointer is borrowed for the call. */
struct screen_ctx {
	struct catalog *cat;
	struct text_engine *text;
	const struct theme *th;
	const struct metrics *m;
	const char *packs_dir;          /* DATA/packs */
	const struct catalog_pack *pack; /* the pack on show, or NULL when none */
	const char *lang;               /* the interface language */
	const char *next_lang;          /* where the language switch goes, or NULL */
	const char *langs;              /* the pack's languages, "ko,en" */
	int can_back;                   /* there is somewhere to go Back to */
	int text_size;                  /* 0..TEXT_SIZES-1 */
	int high_contrast;
	int reach;                      /* the controls are within reach (the band of a tall screen) */
	int can_reach;                  /* the screen is taller than the reach band: reach can matter */
	int read_only;                  /* the catalog is on a read-only file system */
	struct audio *audio;            /* the narration player (media/audio.h); NULL in a shot */
	int narration;                  /* [audio] narration: narration may play */
	uint32_t now;                   /* ms, the app's clock */
	/* for the technician menu */
	const char *data_dir;
	const struct config *cfg;
	uint32_t started;               /* ms, the app's clock when the kiosk started */
	const char *default_lang;       /* the language a visit starts in */
	int default_text_size;          /* the text size a visit starts with */
	/* the packs shown today (live.h), most recently installed first; pack is one of
	 * them. chosen: the visitor chose pack from several (home then shows it, not the
	 * chooser) */
	const char (*active)[128];
	int nactive;
	int chosen;
};

/* The app's input events as a screen sees them. */
enum screen_event_kind {
	SCREEN_GESTURE,  /* g; hit: the touch target under a TAP, LONG_PRESS or PRESS, or NULL */
	SCREEN_KEY,      /* key: enum app_key */
	SCREEN_TEXT,     /* text: committed UTF-8 from a physical keyboard or an input method */
	SCREEN_PREEDIT   /* text: an input method's preedit (UTF-8, "" when it ends) */
};

struct screen_event {
	int kind;
	const struct gesture *g;
	const struct scene_hit *hit;
	int key;
	const char *text;
	uint32_t now;    /* ms */
};

/* What a screen asks of the app after an event or a tick. */
struct screen_reply {
	int action;         /* enum action (ACT_NONE: nothing): as if that target were tapped */
	char payload[ROUTE_TEXT_MAX]; /* ACT_ROUTE, ACT_STEP: the route */
	int rebuild;        /* the screen's scene is out of date: build it again (keeps the place) */
	int redraw;         /* draw a frame (state changed that the scene items carry) */
	char trace[96];     /* a line for `kiosk run --trace` (no visitor data), or "" */
};

struct screen;

struct screen_class {
	const char *name;
	size_t state_size;  /* bytes of state, zeroed before create */
	/* Set up the state for s->route; -1 with ERR_NOTFOUND when the route names
	 * nothing in the pack. May be NULL. */
	int (*create)(struct screen *s, struct screen_ctx *c, struct err *e);
	/* Build the scene out (initialised by the caller for the size); -1 with e on error
	 * (ERR_NOTFOUND: the route names nothing; ERR_NOMEM: try again later). */
	int (*build)(struct screen *s, struct screen_ctx *c, struct scene *out, struct err *e);
	/* Handle an event before the app does; 1 when handled (the app then does nothing
	 * more with it), 0 to leave it to the app (scrolling, touch targets, swipes). May be NULL. */
	int (*input)(struct screen *s, struct screen_ctx *c, const struct screen_event *ev,
		     struct screen_reply *r);
	/* Advance to now (ms); returns ms until the screen next needs a tick, -1 for never.
	 * May be NULL. */
	int (*tick)(struct screen *s, struct screen_ctx *c, uint32_t now, struct screen_reply *r);
	/* Free what the state owns (not the state itself). May be NULL. */
	void (*release)(struct screen *s);
};

/* One screen on show: its class, its route, its state and what it was built into. */
struct screen {
	const struct screen_class *cls;
	struct route route;
	void *state;          /* cls->state_size bytes; owned */
	struct scene scene;   /* owned; rebuilt by the app when out of date */
	struct scroller scroll;
	int created;          /* cls->create ran and succeeded (screen_build runs it first if not) */
	int built;
};

/* The class that shows routes of kind (enum route_kind), or NULL. */
const struct screen_class *screen_class_of(int route_kind);

/* A new screen for route r: its class's state allocated and created. -1 with e when
 * no screen shows r (ERR_NOTFOUND) or create fails; *out is then NULL. */
int screen_new(struct screen **out, const struct route *r, struct screen_ctx *c, struct err *e);
void screen_free(struct screen *s);
/* A screen for r whose create has not run yet (it was short of memory): screen_build
 * runs create first. NULL when no class shows r. */
struct screen *screen_new_later(const struct route *r, struct screen_ctx *c);

/* Build s into a fresh scene of w x h px, replacing the old one; -1 with e when the
 * class's build fails (the old scene is then gone and s->scene is empty). */
int screen_build(struct screen *s, struct screen_ctx *c, int w, int h, struct err *e);

/* The classes, one file each. */
extern const struct screen_class screen_attract_class;
extern const struct screen_class screen_home_class;
extern const struct screen_class screen_section_class;
extern const struct screen_class screen_exhibit_class;
extern const struct screen_class screen_viewer_class;
extern const struct screen_class screen_section_end_class;
extern const struct screen_class screen_end_class;
extern const struct screen_class screen_search_class;
/* The "are you still there?" dialog drawn over the current screen. */
extern const struct screen_class screen_prompt_class;
/* The display sheet: text size, contrast, reach; drawn over the current screen. */
extern const struct screen_class screen_settings_class;
/* No pack to show: a calm notice. */
extern const struct screen_class screen_empty_class;
/* The technician's PIN pad, drawn over the screen (pinpad.c): ACT_UNLOCK on the right
 * PIN, ACT_CLOSE on Cancel or after a minute untouched. */
extern const struct screen_class screen_pinpad_class;
/* The technician menu, route /technician (technician.c). */
extern const struct screen_class screen_technician_class;
/* Outside the opening hours (closed.c): a black frame; after a touch, the hours. */
extern const struct screen_class screen_closed_class;

/* Set up a new PIN pad: hash (crypto_pwhash_str, copied), has_pin (1 set, 0 none,
 * -1 the PIN file cannot be read), the lock-out state guard (borrowed: it must
 * outlive the pad, so that closing the pad does not end a lock-out), now in ms. */
void screen_pinpad_start(struct screen *s, const char *hash, int has_pin, struct pin_guard *guard,
			 uint32_t now);

/* The closed screen's notice up, as after a touch at now (ms); for kiosk shot. */
void screen_closed_show(struct screen *s, uint32_t now);
/* 1 while the closed screen shows its notice, 0 while it is dark. */
int screen_closed_showing(const struct screen *s);
/* The idle prompt's countdown, set by the app when it opens one. */
void screen_prompt_start(struct screen *s, int seconds, uint32_t now);

/* The bar at the top of every screen but attract; returns its height. */
int chrome_bar(struct screen_ctx *c, struct scene *s, int kind);
/* A button: filled (primary) or outlined; at least the touch target in both sides. */
struct rect chrome_button(struct screen_ctx *c, struct scene *s, int x, int y, const char *label,
			  int action, const char *payload, int primary, int scroll);
/* As chrome_button, w px wide (w <= 0: the label's width, chrome_button_width). */
struct rect chrome_button_w(struct screen_ctx *c, struct scene *s, int x, int y, int w, const char *label,
			    int action, const char *payload, int primary, int scroll);
/* A page of the card kind below the bar (top px): its scrolling view, a column
 * (*x, *w px) and in it title (h1) and text (body, muted). Returns the y below, where
 * its buttons go. The cards that end a section and the exhibition, the warning. */
int chrome_card_page(struct screen_ctx *c, struct scene *s, int top, const char *title, const char *text, int *x,
		     int *w);
/* A button w px wide whose label (h3, up to three lines) wraps instead of being cut;
 * at least the touch target high. Returns where it went. */
struct rect chrome_wide_button(struct screen_ctx *c, struct scene *s, int x, int y, int w, const char *label,
			       int action, const char *payload, int primary, int scroll);
/* The width chrome_button would take for label. */
int chrome_button_width(struct screen_ctx *c, const char *label);

/* Lay out Markdown blocks [from, to) of doc in a column from (x, y) of width w into
 * the scrolling layer; images (relative to the folder dir of zip) link to
 * /image/<slug>/<n>. Where marks (a search query, UTF-8; NULL or "" for none)
 * matches, the words are marked (MD_MARK, catalog_highlight's rules with
 * mark_flags, those the search used), and *first_mark (may be NULL), when still
 * < 0, gets the content y of the first marked block. Returns the y below. */
int body_layout(struct screen_ctx *c, struct scene *s, const struct md_doc *doc, size_t from,
		size_t to, int x, int y, int w, const char *zip, const char *dir, const char *slug,
		const char *marks, int mark_flags, int *first_mark);

/* spans (n of them, may be NULL) plus an MD_MARK span for each match of query
 * (UTF-8, may be NULL) in text[0..len), by catalog_highlight with flags (those the
 * search used: CATALOG_SEARCH_COMPOSING while a syllable is being typed): a new
 * array the caller frees, with its length in *n; NULL (and *n = 0) when query
 * matches nothing. */
struct md_span;
struct md_span *screen_marked(const char *query, int flags, const char *text, size_t len,
			      const struct md_span *spans, size_t nspans, size_t *n);

/* The language codes of a pack's list (catalog_pack.languages, "ko,en"), in order,
 * into out (up to max codes of at most 15 bytes; a longer one is left out).
 * Returns how many. */
int screen_lang_list(const char *list, char (*out)[16], int max);

/* The languages to speak to a visitor in: the interface's first, then the pack's
 * others (c->langs, "ko,en"), into out (up to max codes of 15 bytes). Returns how many. */
int screen_langs(const struct screen_ctx *c, char (*out)[16], int max);

/* DATA/packs/<file> for a pack file name; a new string. */
char *screen_zip_path(struct screen_ctx *c, const char *file);

#endif
