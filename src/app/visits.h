/* visits.h: the visit recorder. A visit runs from the first touch (the attract
 * screen left) to the idle reset (or any return to the attract screen, or the
 * kiosk closing). The app feeds it route changes and the few events worth
 * counting; at the end it adds the visit's counts to DATA/stats.db in one
 * transaction (catalog/stats.h), so nothing is written per tap.
 *
 * What is counted, all under the local day and hour the visit began:
 * - one visit, with its length bucket (visits_length_bucket);
 * - the language on show at the end of the visit (the one the visitor settled on;
 *   a language only passed through is not counted);
 * - each exhibit opened, with the time on it (visits_exhibit_bucket): from opening
 *   the exhibit until another page (its own pictures count as the exhibit);
 * - searches: one each time the visitor leaves the search screen with a non-empty
 *   query, whether by opening a result or going elsewhere (typing is not a search,
 *   retyping on the same screen is one; walking away from it with a query is
 *   one); never the text;
 * - narrations started (the Listen button) per exhibit.
 * Recording errors are logged once and then ignored; a read-only data folder just
 * records nothing. Times are seconds since 1970 (schedule_now(): $KIOSK_NOW). */
#ifndef KIOSK_VISITS_H
#define KIOSK_VISITS_H

#include <stddef.h>
#include <time.h>

struct route;

#define VISITS_EXHIBITS 128   /* exhibit openings kept per visit; more are not counted */

struct visits {
	char *path;                /* DATA/stats.db; NULL: recording is off (owned) */
	int warned;                /* an error was logged: the next ones are not */
	int active;
	time_t start;
	char lang[16];             /* the language last seen */
	char exhibit[128];         /* the exhibit on show, or "" */
	time_t exhibit_since;
	struct { char slug[128]; long seconds; } open[VISITS_EXHIBITS];
	int nopen;
	int searches;
	char narr[VISITS_EXHIBITS][128];
	int nnarr;
};

/* Turn recording on into DATA/stats.db of data_dir (borrowed); off when off is set
 * (a read-only data folder, a benchmark). v is zeroed here. */
void visits_init(struct visits *v, const char *data_dir, int off);
/* The visit in progress ends (visits_end) and recording stops; v's memory freed. */
void visits_release(struct visits *v, const struct route *on_show, const char *lang, time_t now);

/* The screen changes from route `from` (NULL at the start) to `to`, with lang on
 * show. Leaving the attract screen begins a visit; reaching it ends one. */
void visits_route(struct visits *v, const struct route *from, const struct route *to, const char *lang,
		  time_t now);
/* The narration of the exhibit on show was started. */
void visits_narration(struct visits *v);
/* The visit ends now (the idle reset) with route on_show (borrowed; NULL for none)
 * and lang on show: its counts are written. A search screen on show with a query
 * counts as a search. */
void visits_end(struct visits *v, const struct route *on_show, const char *lang, time_t now);

/* "<1m", "1-3m", "3-10m", "10-30m", ">30m" for a visit of seconds. */
const char *visits_length_bucket(long seconds);
/* "<10s", "10-30s", "30-120s", ">2m" for seconds on an exhibit. */
const char *visits_exhibit_bucket(long seconds);

#endif
