/* router.h: routes, the addresses of the kiosk's screens. A route string is parsed
 * once, here, into a typed route; everything else (history, screens, touch targets
 * that lead somewhere) holds the typed route or prints it back with route_format.
 *
 *   /attract                 the attract loop
 *   /                        home: the welcome page and its sections
 *   /section/SLUG            a section and its exhibits
 *   /exhibit/SLUG[?q=TEXT[&composing]]
 *                            an exhibit; with q, scrolled to the first match of TEXT
 *                            and its matches marked, by the rule for a last syllable
 *                            still being composed with &composing (words.h)
 *   /image/SLUG/N            picture N (from 0) of an exhibit on the whole screen
 *   /section-end/SLUG        the card after a section's last exhibit
 *   /end                     the card after the exhibition's last exhibit
 *   /search[?q=TEXT]         search, with the query typed so far
 *   /technician              the technician menu
 *
 * SLUG is [a-z0-9-], 1 to ROUTE_SLUG_MAX-1 bytes (the pack builder's rule for folder
 * names). TEXT is UTF-8, percent-encoded in the string form (RFC 3986 section 2.1;
 * '+' is taken as a space when parsing, as HTML forms send it). */
#ifndef KIOSK_ROUTER_H
#define KIOSK_ROUTER_H

#include <stddef.h>

enum route_kind {
	ROUTE_NONE,
	ROUTE_ATTRACT,
	ROUTE_HOME,
	ROUTE_SECTION,
	ROUTE_EXHIBIT,
	ROUTE_IMAGE,
	ROUTE_SECTION_END,
	ROUTE_END,
	ROUTE_SEARCH,
	ROUTE_TECHNICIAN,
	ROUTE_KINDS_
};

#define ROUTE_SLUG_MAX 128
#define ROUTE_QUERY_MAX 256   /* bytes of UTF-8, with the terminating NUL */
#define ROUTE_TEXT_MAX 1024   /* bytes of a route's string form, with the NUL */

struct route {
	int kind;                    /* enum route_kind */
	char slug[ROUTE_SLUG_MAX];   /* SECTION, EXHIBIT, IMAGE, SECTION_END; else "" */
	int index;                   /* IMAGE: the picture, from 0; else 0 */
	char query[ROUTE_QUERY_MAX]; /* SEARCH, EXHIBIT: decoded UTF-8 text; may be "" */
	int composing;               /* EXHIBIT with a query: its last syllable was being
				      * composed (CATALOG_SEARCH_COMPOSING); else 0 */
};

/* Parse text (a NUL-terminated route string) into *out. 0, or -1 when it is not a
 * route of the list above (an unknown path, a bad slug, a query that is not valid
 * UTF-8 once decoded or longer than ROUTE_QUERY_MAX-1 bytes); *out is then
 * ROUTE_NONE. Never reads past the NUL. */
int route_parse(const char *text, struct route *out);

/* Print r into out (size bytes, NUL-terminated, truncated to fit) in the form
 * route_parse reads back: route_parse(route_format(r)) == r. Returns out. */
char *route_format(const struct route *r, char *out, size_t size);

/* 1 when r's query is matched by the rule for a syllable being composed: an
 * exhibit with a query and its composing flag (the flag means nothing else). */
int route_composing(const struct route *r);

/* 1 when a and b are the same route. */
int route_equal(const struct route *a, const struct route *b);

/* Fill *r with a route of kind with slug (may be NULL), index and query (may be NULL).
 * A slug or query too long for the fields is cut (callers pass catalog slugs and
 * queries that fit). Returns r. */
struct route *route_make(struct route *r, int kind, const char *slug, int index, const char *query);

/* The name of a kind for traces and messages: "exhibit"; "none" for others. */
const char *route_kind_name(int kind);

#endif
