/* live.c: what is on show follows the catalog and the clock (see live.h). */
#include "live.h"
#include "app.h"
#include "inbox.h"
#include "installer.h"
#include "schedule.h"
#include "watch.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void trace(struct app *a, const char *what, const char *value)
{
	if (!a->trace)
		return;
	fprintf(a->trace, "%u %s %s\n", SDL_GetTicks() - a->t0, what, value);
	fflush(a->trace);
}

/* The interface languages: the pack's, its default first unless the config names
 * another of them; the current language kept when the pack has it. */
static void set_langs(struct app *a)
{
	char keep[16];
	int found = 0;

	snprintf(keep, sizeof(keep), "%s", a->lang);
	a->nlangs = 0;
	if (a->has_pack) {
		char list[128], *save = NULL;
		snprintf(list, sizeof(list), "%s", a->pack.languages);
		for (char *l = strtok_r(list, ",", &save); l && a->nlangs < 8; l = strtok_r(NULL, ",", &save))
			snprintf(a->langs[a->nlangs++], sizeof(a->langs[0]), "%s", l);
		snprintf(a->default_lang, sizeof(a->default_lang), "%s", a->pack.default_lang);
	} else {
		snprintf(a->langs[a->nlangs++], sizeof(a->langs[0]), "en");
		snprintf(a->default_lang, sizeof(a->default_lang), "en");
	}
	if (a->cfg.default_lang)
		for (int i = 0; i < a->nlangs; i++)
			if (!strcmp(a->langs[i], a->cfg.default_lang))
				snprintf(a->default_lang, sizeof(a->default_lang), "%s", a->cfg.default_lang);
	for (int i = 0; i < a->nlangs; i++)
		found |= keep[0] && !strcmp(a->langs[i], keep);
	snprintf(a->lang, sizeof(a->lang), "%s", found ? keep : a->default_lang);
}

/* The packs shown today into a->live.active; the first of them into *top. 1 with
 * one, 0 with none, -1 on a catalog error. */
static int choose(struct app *a, struct catalog_pack *top, struct err *e)
{
	struct catalog_pack_dates *v = NULL;
	size_t n = 0;
	int rc = 0;

	a->live.nactive = 0;
	if (!a->cat)
		return 0;
	if (catalog_pack_dates(a->cat, &v, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n && a->live.nactive < LIVE_MAX_ACTIVE; i++)
		if (schedule_pack_state(v[i].show_from, v[i].show_until, a->live.today) == SCHEDULE_SHOWN)
			snprintf(a->live.active[a->live.nactive++], sizeof(a->live.active[0]), "%s", v[i].id);
	free(v);
	if (a->live.nactive)
		rc = catalog_pack_get(a->cat, a->live.active[0], top, e);
	return rc;
}

static int open_catalog(struct app *a, struct err *e)
{
	char *cpath = installer_catalog_path(a->data_dir);
	int rc;

	if (!fs_exists(cpath)) {
		free(cpath);
		return 0;
	}
	rc = catalog_open(&a->cat, cpath, CATALOG_READONLY, e);
	free(cpath);
	if (rc < 0)
		return -1;
	a->read_only = catalog_read_only_media(a->cat);
	if (a->read_only)
		fprintf(stderr, "kiosk: %s is on a read-only file system: showing what is installed; "
			"packs cannot be installed or removed until it is mounted writable\n", a->data_dir);
	catalog_data_version(a->cat, &a->live.data_version, NULL);
	return 1;
}

int live_open(struct app *a, int follow, struct err *e)
{
	time_t now = schedule_now();
	int rc;

	a->live.follow = follow;
	/* this is the first look; the next, which traces the opening state, comes
	 * after the first frame */
	a->live.next_look = LIVE_CHECK_MS;
	schedule_date(now, a->live.today);
	a->live.open = schedule_is_open(&a->cfg.hours, now);
	a->live.next_change = schedule_next_change(&a->cfg.hours, now);
	/* the kiosk: a catalog lost or damaged (a power cut during a copy, a full
	 * disk, a technician's mistake) is made again from the pack files, which would
	 * otherwise be taken for leftovers and deleted by the next install */
	if (follow && fs_is_dir(a->data_dir) && !fs_read_only(a->data_dir) && access(a->data_dir, W_OK) == 0) {
		char note[2048];
		struct err re = { 0 };
		if (installer_recover(a->data_dir, note, sizeof(note), &re) < 0)
			fprintf(stderr, "kiosk: %s\n", re.msg);
		else if (note[0])
			fprintf(stderr, "kiosk: %s\n", note);
	}
	rc = open_catalog(a, e);
	if (rc < 0)
		return -1;
	if (rc == 0 && !follow)
		return fail(e, ERR_NOTFOUND, "no catalog in %s: install a pack first (kiosk pack install PACK.zip --data %s)",
			    a->data_dir, a->data_dir);
	if (rc == 0)
		fprintf(stderr, "kiosk: no packs in %s yet: waiting for the first (kiosk pack install, or %s/inbox/)\n",
			a->data_dir, a->data_dir);
	a->has_pack = choose(a, &a->pack, e);
	if (a->has_pack < 0)
		return -1;
	set_langs(a);
	return 0;
}

static void poked(void *ctx)
{
	struct app *a = ctx;
	SDL_Event ev;

	atomic_store(&a->live.poke, 1);
	memset(&ev, 0, sizeof(ev));
	ev.type = SDL_USEREVENT;
	SDL_PushEvent(&ev);
}

void live_start_inbox(struct app *a)
{
	struct inbox_opts o = { 0 };
	struct err e = { 0 };
	int n;

	if (a->read_only || (fs_is_dir(a->data_dir) && access(a->data_dir, W_OK) != 0)) {
		fprintf(stderr, "kiosk: %s cannot be written: no inbox\n", a->data_dir);
		/* a catalog on read-only media changes only with a remount: no watch */
		return;
	}
	o.data_dir = a->data_dir;
	o.cfg = &a->cfg;
	o.installed = poked;
	o.ctx = a;
	if (inbox_open(&a->live.inbox, &o, &e) < 0) {
		fprintf(stderr, "kiosk: no inbox: %s\n", e.msg);
		return;
	}
	/* the catalog's folder, as installer_catalog_path names it */
	a->live.watch = watch_start(a->data_dir, "catalog.db", poked, a);
	n = inbox_clean_imports(a->data_dir);
	if (n > 0)
		fprintf(stderr, "kiosk: inbox: removed %d unfinished import%s\n", n, n == 1 ? "" : "s");
	if (inbox_start(a->live.inbox, &e) < 0) {
		fprintf(stderr, "kiosk: no inbox: %s\n", e.msg);
		inbox_close(a->live.inbox);
		a->live.inbox = NULL;
	}
}

int live_choose_pack(struct app *a, const char *id)
{
	struct catalog_pack p;
	struct err e = { 0 };
	int active = 0;

	for (int i = 0; i < a->live.nactive; i++)
		active |= !strcmp(a->live.active[i], id);
	if (!active || !a->cat || catalog_pack_get(a->cat, id, &p, &e) <= 0)
		return -1;
	trace(a, "visit-pack", id);
	if (a->has_pack && !strcmp(a->pack.id, id))
		return 0;
	a->pack = p;
	a->has_pack = 1;
	set_langs(a);
	return 0;
}

void live_close(struct app *a)
{
	watch_stop(a->live.watch);
	a->live.watch = NULL;
	inbox_close(a->live.inbox);
	a->live.inbox = NULL;
}

/* Put `top` (or nothing) on show: the app then resets to the attract screen. */
static int show(struct app *a, const struct catalog_pack *top, int has)
{
	char line[256];

	a->has_pack = has;
	if (has)
		a->pack = *top;
	snprintf(line, sizeof(line), "%s %s", has ? a->pack.id : "none", has ? a->pack.version : "");
	trace(a, "pack", line);
	a->lang[0] = 0;
	set_langs(a);
	a->live.pending = 0;
	return LIVE_RESET;
}

/* The catalog or the date changed: what now. */
static int changed(struct app *a, int at_attract)
{
	struct catalog_pack top;
	struct err e = { 0 };
	int has = choose(a, &top, &e), still = 0, action = LIVE_NONE;

	if (has < 0) {
		if (!a->live.warned++)
			fprintf(stderr, "kiosk: %s\n", e.msg);
		return LIVE_NONE;
	}
	a->live.warned = 0;
	trace(a, "catalog", "changed");
	for (int i = 0; a->has_pack && i < a->live.nactive; i++)
		still |= !strcmp(a->live.active[i], a->pack.id);
	if (!a->has_pack || !still)
		return show(a, &top, has); /* nothing on show, or what was is gone: at once */
	{
		struct catalog_pack now;
		int got = catalog_pack_get(a->cat, a->pack.id, &now, &e);
		if (got > 0 && strcmp(now.file, a->pack.file)) {
			/* another version of the pack on show: its old file is gone */
			char line[256];
			a->pack = now;
			snprintf(line, sizeof(line), "%s %s", now.id, now.version);
			trace(a, "pack", line);
			set_langs(a);
			action = LIVE_REBUILD;
		}
	}
	if (has && strcmp(top.id, a->pack.id))
		a->live.pending = 1;
	if (a->live.pending && at_attract)
		return show(a, &top, has);
	return action;
}

int live_tick(struct app *a, uint32_t now, int at_attract, int *wait_ms)
{
	struct err e = { 0 };
	int64_t v;
	int dirty = 0, open, changed_open = 0, poked;
	uint32_t prev;
	time_t t;
	char day[11];

	*wait_ms = -1;
	if (!a->live.follow)
		return LIVE_NONE;
	poked = atomic_exchange(&a->live.poke, 0);
	if (poked)
		a->live.rechecks = LIVE_RECHECKS;
	if (now - a->live.checked_at < a->live.next_look && !poked) {
		*wait_ms = (int)(a->live.next_look - (now - a->live.checked_at));
		/* a change waiting for the attract screen: shown as soon as it is there */
		return a->live.pending && at_attract ? changed(a, at_attract) : LIVE_NONE;
	}
	prev = a->live.checked_at;
	a->live.checked_at = now;
	if (!a->cat) {
		int rc = open_catalog(a, &e);
		if (rc < 0 && !a->live.warned++)
			fprintf(stderr, "kiosk: %s\n", e.msg);
		dirty = rc > 0;
	} else if (catalog_data_version(a->cat, &v, &e) == 0 && v != a->live.data_version) {
		a->live.data_version = v;
		dirty = 1;
	}
	t = schedule_now();
	schedule_date(t, day);
	if (strcmp(day, a->live.today)) {
		/* midnight, or the clock was set: the pack dates again */
		snprintf(a->live.today, sizeof(a->live.today), "%s", day);
		dirty = 1;
	}
	open = schedule_is_open(&a->cfg.hours, t);
	if (open != a->live.open || !a->live.told) {
		changed_open = 1;
		a->live.told = 1;
		a->live.open = open;
		trace(a, "schedule", open ? "open" : "closed");
		if (a->cfg.hours.set)
			fprintf(stderr, "kiosk: %s by the opening hours\n", open ? "open" : "closed");
	}
	/* when the hours change next: worked out again only when that time came, the
	 * state or the day changed, or the wall clock jumped (since the last look) */
	{
		time_t expect = a->live.last_wall + (time_t)((now - prev) / 1000u);
		int jumped = !a->live.last_wall || t - expect > 2 || expect - t > 2;
		if (jumped || dirty || changed_open || (a->live.next_change >= 0 && t >= a->live.next_change))
			a->live.next_change = schedule_next_change(&a->cfg.hours, t);
		a->live.last_wall = t;
	}
	/* the next look: when poked, else by itself (sooner where nothing pokes), and
	 * just after the opening hours change */
	{
		uint32_t most = watch_alive(a->live.watch) ? LIVE_SAFETY_MS : LIVE_CHECK_MS;
		a->live.next_look = most;
		if (a->live.next_change >= 0 && a->live.next_change - t <= (time_t)(most / 1000u))
			a->live.next_look = (uint32_t)(a->live.next_change - t) * 1000u + 500u;
		if (a->live.next_look > most)
			a->live.next_look = most;
		if (a->live.rechecks > 0) {
			uint32_t soon = (uint32_t)LIVE_RECHECK_MS << (LIVE_RECHECKS - a->live.rechecks);
			a->live.rechecks--;
			if (soon < a->live.next_look)
				a->live.next_look = soon;
		}
	}
	*wait_ms = (int)a->live.next_look;
	if (dirty || (a->live.pending && at_attract))
		return changed(a, at_attract);
	return LIVE_NONE;
}
