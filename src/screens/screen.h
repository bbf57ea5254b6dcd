/* screen.h: every screen of the kiosk, built from the catalog into a scene for one
 * window size, language and text size. Routes:
 *   /attract  /  /section/<slug>  /exhibit/<slug>  /image/<slug>/<n>
 * One file per screen; chrome.c draws the bar every screen shares. */
#ifndef KIOSK_SCREEN_H
#define KIOSK_SCREEN_H

#include "ui/scene.h"
#include "ui/theme.h"

struct catalog;
struct catalog_pack;
struct err;
struct md_doc;

struct screen_ctx {
	struct catalog *cat;
	struct text_engine *text;
	const struct theme *th;
	const struct metrics *m;
	const char *packs_dir;          /* DATA/packs */
	const struct catalog_pack *pack; /* the pack on show, or NULL when none */
	const char *lang;
	const char *next_lang;          /* where the language switch goes */
	int can_back;
	int slide;                      /* attract: which slide */
	int text_size;
	int read_only;                  /* the catalog is on a read-only file system */
};

/* Build the screen for route into out (initialised by the caller for the size).
 * -1 with ERR_NOTFOUND when the route names nothing in the pack. */
int screen_build(struct screen_ctx *c, const char *route, struct scene *out, struct err *e);

/* The "are you still there?" dialog, to draw over the current screen. */
void screen_idle_prompt(struct screen_ctx *c, int seconds_left, struct scene *out);

/* Screens, one file each. */
int screen_attract(struct screen_ctx *c, struct scene *s, struct err *e);
int screen_home(struct screen_ctx *c, struct scene *s, struct err *e);
int screen_section(struct screen_ctx *c, const char *slug, struct scene *s, struct err *e);
int screen_exhibit(struct screen_ctx *c, const char *slug, struct scene *s, struct err *e);
int screen_viewer(struct screen_ctx *c, const char *slug, int n, struct scene *s, struct err *e);
int screen_empty(struct screen_ctx *c, struct scene *s);

/* The bar at the top of every screen but attract; returns its height. */
int chrome_bar(struct screen_ctx *c, struct scene *s);
/* A button: filled (primary) or outlined; at least the touch target in both sides. */
struct rect chrome_button(struct screen_ctx *c, struct scene *s, int x, int y, const char *label,
			  int action, const char *route, int primary, int scroll);
/* The width chrome_button would take for label. */
int chrome_button_width(struct screen_ctx *c, const char *label);

/* Lay out Markdown blocks [from, to) of doc in a column from (x, y) of width w into
 * the scrolling layer; images (relative to the folder dir of zip) link to
 * /image/<slug>/<n>. Returns the y below. */
int body_layout(struct screen_ctx *c, struct scene *s, const struct md_doc *doc, size_t from,
		size_t to, int x, int y, int w, const char *zip, const char *dir, const char *slug);

/* DATA/packs/<file> for a pack file name; a new string. */
char *screen_zip_path(struct screen_ctx *c, const char *file);

#endif
