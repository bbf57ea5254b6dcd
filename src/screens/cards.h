/* cards.h: the card grid shared by the home and section screens. */
#ifndef KIOSK_CARDS_H
#define KIOSK_CARDS_H

#include "screen.h"

struct card {
	const char *title;
	const char *text;   /* may be NULL */
	const char *zip;    /* absolute path of the pack zip */
	const char *image;  /* entry, or NULL for a plain card */
	const char *alt;
	const char *route;
};

/* Lay out n cards in columns at least min_w wide within (x, w), from y, in the
 * scrolling layer; each card leads to its route. Returns the y below the grid. */
int cards_layout(struct screen_ctx *c, struct scene *s, const struct card *v, size_t n, int x, int y,
		 int w, int min_w, int text_lines);

/* The first paragraph of a page's Markdown, for a card; a new string. */
char *screen_first_paragraph(const char *md);

/* A page laid out as its title, its introduction and its children as cards leading
 * to route_prefix + slug (the home and section screens). */
struct cat_node;
int screen_page_with_cards(struct screen_ctx *c, struct scene *s, const struct cat_node *page,
			   struct cat_node *kids, size_t n, const char *route_prefix, int min_w,
			   int text_lines, int route_kind);

#endif
