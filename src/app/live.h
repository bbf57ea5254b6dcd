/* live.h: the running kiosk follows the catalog and the clock. Whoever changes the
 * catalog (the inbox worker, `kiosk pack install` or `remove` from a shell), the
 * kiosk notices at once: a thread watches the catalog's folder and the clock
 * (watch.h) and wakes the main loop, which then asks SQLite's data_version. So the
 * loop sleeps while nothing changes; it looks by itself every LIVE_SAFETY_MS all
 * the same, at the time the opening hours change, and every LIVE_CHECK_MS where the
 * folder cannot be watched (a catalog that appears where there was no folder). It
 * does a new day (pack dates) and the opening hours, judged by schedule_now() so
 * that tests set the time with $KIOSK_NOW.
 *
 * What changes when:
 * - the pack on show is removed or its dates end: at once, back to the attract
 *   screen of the next active pack, or the calm "no exhibition installed" screen;
 * - the pack on show is replaced by another version: at once, the same screen
 *   rebuilt from the new version (its old file is deleted by the installer);
 * - anything else (a new pack, another pack removed): at the next return to the
 *   attract screen, so that no visitor is interrupted mid-exhibit.
 * With --trace each change is a line: "catalog changed", "pack ID VERSION" or
 * "pack none", "schedule open" / "schedule closed". */
#ifndef KIOSK_LIVE_H
#define KIOSK_LIVE_H

#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

struct app;
struct app_opts;
struct err;
struct inbox;
struct watch;

#define LIVE_CHECK_MS 1000    /* without a watch */
#define LIVE_SAFETY_MS 60000  /* with one: a new day is seen within this */
/* After a poke the loop looks again LIVE_RECHECKS times, LIVE_RECHECK_MS after it and
 * twice as long each time after that (250 ms to 3.75 s): the watch sees a commit when
 * its last frame is written to the WAL, and SQLite shows it to readers only after
 * syncing the WAL and updating its index, which a busy disk can take long to do. */
#define LIVE_RECHECKS 4
#define LIVE_RECHECK_MS 250
#define LIVE_MAX_ACTIVE 16

struct app_live {
	int follow;               /* kiosk run: start without a catalog, watch it, run the inbox */
	struct inbox *inbox;      /* NULL when the data folder cannot be written */
	struct watch *watch;      /* NULL when the folder cannot be watched */
	int64_t data_version;
	uint32_t checked_at;      /* ms (SDL ticks) of the last look */
	uint32_t next_look;       /* ms after checked_at that the next look is due */
	atomic_int poke;          /* the catalog or the clock changed: look now */
	int rechecks;             /* looks still due soon after the last poke */
	int pending;              /* changed: show it at the next attract screen */
	char today[11];           /* the date the active packs were chosen for */
	int open;                 /* inside the opening hours now (always 1 without hours) */
	time_t next_change;       /* when `open` changes next, -1 never */
	time_t last_wall;         /* the wall clock at the last look, to see it jump */
	/* the packs shown today, most recently installed first; the first is on show
	 * (the attract loop and home of one pack), the others are what a chooser offers */
	char active[LIVE_MAX_ACTIVE][128];
	int nactive;
	int warned;               /* the last catalog error was logged */
	int told;                 /* the opening state was traced and logged once */
};

/* For app_open: open the catalog if there is one (with follow, none is fine: the
 * kiosk waits for its first pack; without it ERR_NOTFOUND says to install one),
 * choose what is on show today and its languages. */
int live_open(struct app *a, int follow, struct err *e);
/* For kiosk run, after app_open: start the inbox worker (a line on stderr and
 * none when the data folder cannot be written), and the watch on the catalog and
 * the clock (a line on stderr and a look every LIVE_CHECK_MS without one). */
void live_start_inbox(struct app *a);
/* What the app must do after live_tick: a->pack, a->has_pack and the languages
 * are already switched; live.c never touches the screens. */
enum live_action {
	LIVE_NONE = 0,
	LIVE_RESET,    /* show the attract screen as to a visitor who just arrived */
	LIVE_REBUILD   /* the pack on show is another version: rebuild the screen in place */
};
/* From app_tick: look for changes when poked (the watch, the inbox), when the
 * opening hours change, and every LIVE_SAFETY_MS (LIVE_CHECK_MS without a watch). at_attract: the attract screen is on show (a change that waits
 * for it is then shown). Returns an enum live_action; *wait_ms is the ms until the
 * next look, -1 when the app does not follow the catalog (kiosk shot). */
int live_tick(struct app *a, uint32_t now, int at_attract, int *wait_ms);
/* Show active pack id for this visit (a->pack, its languages, the interface
 * language kept when the pack has it); 0, or -1 when id is not active today or
 * cannot be read (nothing changes then). The next live_tick may switch back when
 * the catalog changes. */
int live_choose_pack(struct app *a, const char *id);
/* Stop the inbox worker and the watch. */
void live_close(struct app *a);

#endif
