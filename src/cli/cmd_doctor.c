/* cmd_doctor.c: `kiosk doctor`, the technician's health check of a kiosk: display
 * and renderer, fonts, the data folder (writable, free space), the catalog and its
 * packs, trusted keys, the service's state and restart count, and the clock.
 * `--json` prints the same as one JSON object, to collect the state of many kiosks.
 *
 * It only looks; it changes nothing it finds. Leftovers of an interrupted install
 * or remove (files in packs/ that the catalog does not name) are listed but are not
 * problems: the catalog never names a file before it is complete, and the next
 * `kiosk pack install` or `kiosk pack remove` deletes them (installer.c, clean_packs).
 * Exit status 0 when healthy, 1 with one line on stderr per problem. */
#include "cli.h"
#include "app/config.h"
#include "app/inbox.h"
#include "app/installer.h"
#include "app/schedule.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/hash.h"
#include "pack/sign.h"
#include "text/text.h"

#include <SDL2/SDL.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

static const char doctor_usage[] =
	"usage: kiosk doctor [--data DIR] [--config FILE] [--json]\n"
	"Check what a technician asks first: the display and renderer (when this session\n"
	"has one), the fonts, the data folder (writable, free space), the catalog's\n"
	"integrity and search index, every installed pack's file and checksum, leftovers\n"
	"of an interrupted install, the trusted keys, kiosk.service's state and restart\n"
	"count, and the clock (a year before 2024: never set). Changes nothing.\n"
	"Leftovers are listed but are no problem: the next kiosk start, pack install or\n"
	"remove deletes them. --json prints one JSON object: {\"healthy\", \"problems\",\n"
	"\"checks\": [{\"check\", \"status\" (ok, note, problem), \"message\"}]}.\n"
	"Exit status 0 when healthy, 1 with one line per problem.\n";

/* What doctor found, in order: printed as lines at once, or kept for --json. */
struct finding {
	char check[32];
	char status[8];  /* "ok", "note" or "problem" */
	char *message;
};

struct report {
	int json;
	int problems;
	struct finding *v;
	size_t n, cap;
};

static void add(struct report *r, const char *check, const char *status, const char *fmt, va_list ap)
{
	char line[2048];
	struct finding *f;

	vsnprintf(line, sizeof(line), fmt, ap);
	/* one line each: SQLite's integrity check reports a problem per line */
	for (char *c = line; *c; c++)
		if (*c == '\n')
			*c = ';';
	if (!strcmp(status, "problem"))
		r->problems++;
	if (!r->json) {
		if (!strcmp(status, "problem"))
			fprintf(stderr, "kiosk: doctor: %s\n", line);
		else
			printf("%s: %s\n", check, line);
		return;
	}
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	f = &r->v[r->n++];
	snprintf(f->check, sizeof(f->check), "%s", check);
	snprintf(f->status, sizeof(f->status), "%s", status);
	f->message = xstrdup(line);
}

/* A line of the report: "check: message" on stdout. */
static void info(struct report *r, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void info(struct report *r, const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(r, check, "ok", fmt, ap);
	va_end(ap);
}

/* Worth knowing, not a problem: the same line, "note" in JSON. */
static void note(struct report *r, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(struct report *r, const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(r, check, "note", fmt, ap);
	va_end(ap);
}

/* A problem: "kiosk: doctor: message" on stderr, and exit status 1. */
static void problem(struct report *r, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(struct report *r, const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(r, check, "problem", fmt, ap);
	va_end(ap);
}

static int referenced(char **files, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(files[i], name))
			return 1;
	return 0;
}

/* Files in packs/ that the catalog does not name. */
static void leftovers(struct report *r, const char *packs, char **files, size_t n)
{
	DIR *d = opendir(packs);
	struct dirent *de;

	if (!d) {
		if (errno != ENOENT)
			problem(r, "data", "%s: %s", packs, strerror(errno));
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && !referenced(files, n, de->d_name))
			note(r, "leftover", "packs/%s (the next kiosk start, pack install or remove deletes it)", de->d_name);
	closedir(d);
}

/* How many pack zips packs/ holds (the ones installer_recover indexes). */
static size_t pack_zip_count(const char *packs)
{
	size_t n;
	char **v = installer_pack_zips(packs, &n);

	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return n;
}

/* A catalog lost or damaged (why) while packs/ holds n packs: they are not
 * leftovers; the next start, install or remove makes the catalog again from them. */
static void lost_catalog(struct report *r, const char *packs, size_t n, const char *why, int damaged)
{
	if (n)
		problem(r, "catalog", "%s, while packs/ holds %zu pack file%s: the next kiosk start, pack install or "
			"remove indexes %s again%s", why, n, n == 1 ? "" : "s", n == 1 ? "it" : "them",
			damaged ? " (the damaged catalog is kept as catalog.db.damaged)" : "");
	else
		leftovers(r, packs, NULL, 0);
}

/* A catalog being made (installer.c: new_catalog, recover_locked) when an install
 * was stopped. */
static void data_leftovers(struct report *r, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, ".incoming-", 10))
			note(r, "leftover", "%s (the next kiosk start or pack install deletes it)", de->d_name);
	closedir(d);
}

/* Whether the pack is shown today or why not ($KIOSK_NOW sets the day). */
static const char *shown(const struct catalog_pack_dates *d, size_t n, const char *id, char *out, size_t size)
{
	char today[11], why[64];

	schedule_date(schedule_now(), today);
	snprintf(out, size, "shown today");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(d[i].id, id)) {
			schedule_pack_reason(d[i].show_from, d[i].show_until, today, why, sizeof(why));
			snprintf(out, size, "%s%s", strcmp(why, "shown today") ? "not shown: " : "", why);
		}
	return out;
}

static void check_catalog(struct report *r, const char *dir, const char *cpath, const char *packs)
{
	struct catalog *cat = NULL;
	struct catalog_pack *v = NULL;
	struct catalog_pack_dates *dates = NULL;
	struct err e = { 0 };
	char **files = NULL;
	size_t n = 0, nfiles = 0, ndates = 0;
	int ro = access(cpath, W_OK) != 0 || access(dir, W_OK) != 0;

	if (!fs_exists(cpath)) {
		size_t nz = pack_zip_count(packs);
		if (nz) {
			char why[1200];
			snprintf(why, sizeof(why), "%s is missing", cpath);
			lost_catalog(r, packs, nz, why, 0);
		} else {
			info(r, "catalog", "none in %s (no packs installed)", dir);
			leftovers(r, packs, NULL, 0);
		}
		return;
	}
	/* first as the kiosk opens it: read-only, which also refuses a schema that would
	 * need an upgrade (opening it to write would upgrade it) */
	if (catalog_open(&cat, cpath, CATALOG_READONLY, &e) < 0) {
		struct err pe = { 0 };
		if (catalog_probe(cpath, 1, &pe) == CATALOG_DAMAGED)
			lost_catalog(r, packs, pack_zip_count(packs), pe.msg, 1);
		else
			problem(r, "catalog", "%s", e.msg);
		return;
	}
	/* the search index check needs a connection that may write (FTS5's integrity-check
	 * is an INSERT; see catalog_check); with the schema current, opening one writes
	 * nothing */
	if (!ro) {
		struct catalog *w = NULL;
		if (catalog_open(&w, cpath, 0, &e) < 0 || catalog_check(w, &e) < 0)
			problem(r, "catalog", "%s", e.msg);
		else
			info(r, "catalog", "%s: integrity ok, search index ok, every page's text reads", cpath);
		catalog_close(w);
	} else if (catalog_check(cat, &e) < 0) {
		problem(r, "catalog", "%s", e.msg);
	} else {
		info(r, "catalog", "%s: integrity ok, every page's text reads, search index not checked (%s)", cpath,
		       catalog_read_only_media(cat) ? "read-only file system" : "the catalog is read-only to this user");
	}
	if (catalog_read_only_media(cat))
		note(r, "note", "%s is on a read-only file system: the kiosk shows what is installed, and packs "
		     "cannot be installed or removed until it is mounted writable", dir);
	if (catalog_pack_list(cat, &v, &n, &e) < 0 || catalog_pack_files(cat, &files, &nfiles, &e) < 0 ||
	    catalog_pack_dates(cat, &dates, &ndates, &e) < 0) {
		problem(r, "catalog", "%s", e.msg);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", packs, v[i].file);
		char hash[65], state[128];
		struct stat st;
		struct err he = { 0 };

		if (stat(path, &st) < 0)
			problem(r, "pack", "pack %s %s: %s: %s", v[i].id, v[i].version, path, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			problem(r, "pack", "pack %s %s: %s: not a regular file", v[i].id, v[i].version, path);
		else if (pack_sha256_file(path, hash, &he) < 0)
			problem(r, "pack", "pack %s %s: %s", v[i].id, v[i].version, he.msg);
		else if (strcmp(hash, v[i].sha256))
			problem(r, "pack", "pack %s %s: %s: sha256 %s, the catalog has %s", v[i].id, v[i].version, path,
				hash, v[i].sha256);
		else
			info(r, "pack", "%s %s: packs/%s, %d section%s, %d exhibit%s, sha256 ok; %s", v[i].id,
			     v[i].version, v[i].file, v[i].sections, v[i].sections == 1 ? "" : "s", v[i].exhibits,
			     v[i].exhibits == 1 ? "" : "s",
			     shown(dates, ndates, v[i].id, state, sizeof(state)));
		free(path);
	}
	if (!n)
		info(r, "packs", "none installed");
	leftovers(r, packs, files, nfiles);
out:
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(v);
	free(dates);
	catalog_close(cat);
}

/* The opening hours now, and when they change next. */
static void check_hours(struct report *r, const struct config *c)
{
	time_t now = schedule_now(), next;
	char today[64], when[32] = "";
	struct tm tm;
	int open;

	if (!c->hours.set) {
		info(r, "opening hours", "none set (always open)");
		return;
	}
	schedule_describe_day(&c->hours, now, today, sizeof(today));
	next = schedule_next_change(&c->hours, now);
	open = schedule_is_open(&c->hours, now);
	if (next >= 0) {
		localtime_r(&next, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	}
	info(r, "opening hours", "today %s, %s now%s%s%s", today, open ? "open" : "closed",
	     next >= 0 ? (open ? ", closes at " : ", opens at ") : "", when, "");
}

/* What waits in the inbox and what it refused (not problems: the kiosk runs). */
static void check_inbox(struct report *r, const char *dir)
{
	struct inbox_item *items = NULL;
	size_t n = 0;

	inbox_list(dir, &items, &n, NULL);
	for (size_t i = 0; i < n; i++) {
		if (items[i].refused)
			note(r, "inbox", "refused %s: %s", items[i].name, items[i].reason[0] ? items[i].reason : "(no reason kept)");
		else
			info(r, "inbox", "waiting %s%s", items[i].name, items[i].signed_ ? "" : " (its .minisig has not come)");
	}
	if (!n)
		info(r, "inbox", "empty");
	free(items);
}

static void check_fonts(struct report *r)
{
	struct text_engine *t = NULL;
	struct err e = { 0 };

	if (text_engine_new(&t, &e) < 0) {
		problem(r, "font", "fonts: %s", e.msg);
		return;
	}
	info(r, "font", "%s (face %ld)", text_engine_font_path(t, 0), text_engine_font_face(t, 0));
	info(r, "font bold", "%s (face %ld)", text_engine_font_path(t, 1), text_engine_font_face(t, 1));
	text_engine_free(t);
}

/* The display of this session, when it has one: driver, size, renderers, and the GPU's
 * render nodes. Over ssh there is none: a note, not a problem. */
static void check_display(struct report *r)
{
	const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
	char list[256] = "";
	SDL_DisplayMode dm;
	glob_t g;
	int gpus = glob("/dev/dri/renderD*", 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;

	if (gpus)
		globfree(&g);
	info(r, "gpu", "%s", gpus ? "a render node in /dev/dri: the kiosk draws with OpenGL"
				  : "no render node in /dev/dri: the kiosk draws in software");
	if ((!x || !*x) && (!wl || !*wl)) {
		note(r, "display", "none in this session (no DISPLAY or WAYLAND_DISPLAY); the service logs what it "
		     "got: journalctl -u kiosk -g started");
		return;
	}
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0) {
		problem(r, "display", "%s is set but SDL cannot open it: %s", wl && *wl ? "WAYLAND_DISPLAY" : "DISPLAY",
			SDL_GetError());
		return;
	}
	for (int i = 0; i < SDL_GetNumRenderDrivers(); i++) {
		SDL_RendererInfo ri;
		if (SDL_GetRenderDriverInfo(i, &ri) == 0)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", ri.name);
	}
	if (SDL_GetDesktopDisplayMode(0, &dm) == 0)
		info(r, "display", "video driver %s, %dx%d at %d Hz, renderers: %s", SDL_GetCurrentVideoDriver(), dm.w,
		     dm.h, dm.refresh_rate, list);
	else
		problem(r, "display", "video driver %s has no display mode: %s", SDL_GetCurrentVideoDriver(),
			SDL_GetError());
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

/* Writable by this user, and room for packs. */
static void check_space(struct report *r, const char *dir)
{
	struct statvfs vs;
	unsigned long long mib;

	if (statvfs(dir, &vs) < 0)
		return;
	mib = (unsigned long long)vs.f_bavail * vs.f_frsize >> 20;
	if (mib < 64)
		problem(r, "space", "%s: %llu MiB free: too little to install a pack", dir, mib);
	else
		info(r, "space", "%s: %llu MiB free", dir, mib);
	if (access(dir, W_OK) == 0)
		info(r, "writable", "%s can be written by this user", dir);
	else
		note(r, "writable", "%s cannot be written by this user (%s): install packs as its owner, e.g. "
		     "sudo -u kiosk kiosk pack install X.zip", dir, strerror(errno));
}

static void check_keys(struct report *r, const struct config *cfg, const char *dir)
{
	struct sign_keyring keys = { 0 };
	struct err e = { 0 };
	char ids[200] = "", hex[17];

	if (config_trusted_keys(cfg, dir, &keys, &e) < 0) {
		problem(r, "keys", "%s", e.msg);
	} else {
		for (size_t i = 0; i < keys.n && strlen(ids) + 20 < sizeof(ids); i++) {
			sign_keyid_hex(keys.v[i].keyid, hex);
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), "%s%s", i ? ", " : "", hex);
		}
		if (keys.n)
			info(r, "keys", "%zu trusted: %s", keys.n, ids);
		else if (cfg->allow_unsigned)
			note(r, "keys", "none trusted, and the config allows unsigned packs (for testing only)");
		else
			note(r, "keys", "none trusted: packs can only be installed from %s/keys/*.pub or trusted_key "
			     "in the config", dir);
	}
	sign_keyring_release(&keys);
}

/* kiosk.service: `systemctl show`, where systemd runs. */
static void check_service(struct report *r)
{
	char line[256], active[64] = "", sub[64] = "", file[64] = "";
	unsigned restarts = 0;
	int have = 0;
	FILE *f;

	if (access("/run/systemd/system", F_OK) != 0) {
		note(r, "service", "systemd is not running here: no kiosk.service to ask");
		return;
	}
	f = popen("systemctl show kiosk.service -p ActiveState,SubState,UnitFileState,NRestarts 2>/dev/null", "r");
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		have |= sscanf(line, "ActiveState=%63s", active) == 1;
		sscanf(line, "SubState=%63s", sub);
		sscanf(line, "UnitFileState=%63s", file);
		sscanf(line, "NRestarts=%u", &restarts);
	}
	if (f)
		pclose(f);
	if (!have || !*file)
		note(r, "service", "kiosk.service is not installed");
	else if (!strcmp(active, "failed"))
		problem(r, "service", "kiosk.service failed (%s) after %u restarts: journalctl -u kiosk -p warning", sub,
			restarts);
	else if (!strcmp(active, "active") && restarts > 0)
		note(r, "service", "kiosk.service %s (%s), %s, restarted %u times since it was started: "
		     "journalctl -u kiosk -p warning says why", active, sub, file, restarts);
	else
		info(r, "service", "kiosk.service %s (%s), %s, restarted %u times", active, sub, file, restarts);
}

/* Pack schedules (show_from, show_until) depend on the date. $KIOSK_TEST_NOW (seconds
 * since 1970) stands in for the clock in tests. */
static void check_clock(struct report *r)
{
	const char *t = getenv("KIOSK_TEST_NOW");
	time_t now = t && *t ? (time_t)strtoll(t, NULL, 10) : time(NULL);
	struct tm tm;
	char when[32];

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	if (tm.tm_year + 1900 < 2024)
		problem(r, "clock", "the clock says %s: it was never set, and pack schedules depend on it "
			"(set it: timedatectl set-time 'YYYY-MM-DD HH:MM'; a Raspberry Pi needs an RTC module)", when);
	else
		info(r, "clock", "%s", when);
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_json(const struct report *r, const char *dir)
{
	printf("{\"healthy\": %s, \"problems\": %d, \"data_dir\": ", r->problems ? "false" : "true", r->problems);
	json_string(dir);
	printf(", \"checks\": [");
	for (size_t i = 0; i < r->n; i++) {
		printf("%s\n  {\"check\": ", i ? "," : "");
		json_string(r->v[i].check);
		printf(", \"status\": \"%s\", \"message\": ", r->v[i].status);
		json_string(r->v[i].message);
		putchar('}');
	}
	printf("\n]}\n");
}

int cmd_doctor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *data = NULL, *cfile = NULL;
	struct report rep = { 0 }, *r = &rep;
	struct config cfg;
	char *dir, *cpath, *packs;
	int c, lock = -1;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'j': rep.json = 1; break;
		case 'h': fputs(doctor_usage, stdout); return EXIT_OK;
		default: fputs(doctor_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(doctor_usage, "doctor: takes no arguments");
	{
		/* a config with faults is a problem, one line each, and the checks go on
		 * with what of it could be read (config_load's rules, and its defaults) */
		struct err e = { 0 };
		if (config_load(&cfg, cfile, &e) < 0) {
			for (char *line = e.msg, *nl; line && *line; line = nl ? nl + 1 : NULL) {
				nl = strchr(line, '\n');
				if (nl)
					*nl = 0;
				problem(r, "config", "%s", line);
			}
		}
	}
	dir = config_data_dir(&cfg, data);
	cpath = installer_catalog_path(dir);
	packs = xasprintf("%s/packs", dir);
	info(r, "data folder", "%s", dir);
	if (fs_is_dir(dir)) {
		/* wait for an install or remove in progress (they hold LOCK_EX on the folder),
		 * so that its temporary files are not taken for leftovers */
		lock = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (lock >= 0 && flock(lock, LOCK_SH) < 0) {
			close(lock);
			lock = -1;
		}
		check_space(r, dir);
		check_catalog(r, dir, cpath, packs);
		data_leftovers(r, dir);
		{
			/* kept by installer_recover when it made the catalog again */
			char *damaged = xasprintf("%s.damaged", cpath);
			if (fs_exists(damaged))
				note(r, "catalog", "%s: a damaged catalog, kept when the catalog was made again from packs/; "
				     "it may be deleted", damaged);
			free(damaged);
		}
		{
			/* zips installer_recover could not index, moved out of packs/ */
			char *lo = xasprintf("%s/" INSTALLER_LEFT_OUT, dir);
			size_t nlo = pack_zip_count(lo);
			if (nlo)
				note(r, "left out", "%s holds %zu pack file%s that did not check when the catalog was "
				     "made again from packs/: install %s again (kiosk pack install) or delete %s", lo, nlo,
				     nlo == 1 ? "" : "s", nlo == 1 ? "it" : "each", nlo == 1 ? "it" : "them");
			free(lo);
		}
		check_inbox(r, dir);
	} else if (fs_exists(dir)) {
		problem(r, "data", "%s: not a folder", dir);
	} else {
		/* not a problem: a first install that was cut off leaves no folder */
		info(r, "catalog", "none, %s does not exist (no packs installed; if there should be, check --data "
		     "or data_dir in the config)", dir);
	}
	check_hours(r, &cfg);
	check_keys(r, &cfg, dir);
	check_fonts(r);
	check_display(r);
	check_service(r);
	check_clock(r);
	if (lock >= 0)
		close(lock);
	if (rep.json)
		print_json(r, dir);
	else if (rep.problems)
		printf("%d problem%s\n", rep.problems, rep.problems == 1 ? "" : "s");
	else
		printf("healthy\n");
	for (size_t i = 0; i < rep.n; i++)
		free(rep.v[i].message);
	free(rep.v);
	free(cpath);
	free(packs);
	free(dir);
	config_release(&cfg);
	return rep.problems ? EXIT_FAIL : EXIT_OK;
}
