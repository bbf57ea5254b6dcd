/* cmd_doctor.c: `kiosk doctor`, the technician's health check of a data folder.
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
#include "text/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char doctor_usage[] =
	"usage: kiosk doctor [--data DIR] [--config FILE]\n"
	"Check the data folder: the catalog's integrity and search index, every installed\n"
	"pack's file and checksum, leftovers of an interrupted install, and the fonts.\n"
	"Changes nothing. Leftovers are listed but are no problem: the next kiosk start,\n"
	"pack install or remove deletes them. Exit status 0 when healthy, 1 with one line\n"
	"per problem.\n";

static int problems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* one line each: SQLite's integrity check reports a problem per line */
	for (char *c = line; *c; c++)
		if (*c == '\n')
			*c = ';';
	fprintf(stderr, "kiosk: doctor: %s\n", line);
	problems++;
}

static int referenced(char **files, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(files[i], name))
			return 1;
	return 0;
}

/* Files in packs/ that the catalog does not name. */
static void leftovers(const char *packs, char **files, size_t n)
{
	DIR *d = opendir(packs);
	struct dirent *de;

	if (!d) {
		if (errno != ENOENT)
			problem("%s: %s", packs, strerror(errno));
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && !referenced(files, n, de->d_name))
			printf("leftover: packs/%s (the next kiosk start, pack install or remove deletes it)\n", de->d_name);
	closedir(d);
}

/* A catalog being made (installer.c, create_catalog) when an install was stopped. */
static void data_leftovers(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, ".incoming-", 10))
			printf("leftover: %s (the next kiosk start or pack install deletes it)\n", de->d_name);
	closedir(d);
}

static const char *shown(const struct catalog_pack_dates *d, size_t n, const char *id, char *out, size_t size);

static void check_catalog(const char *dir, const char *cpath, const char *packs)
{
	struct catalog *cat = NULL;
	struct catalog_pack *v = NULL;
	struct catalog_pack_dates *dates = NULL;
	struct err e = { 0 };
	char **files = NULL;
	size_t n = 0, nfiles = 0, ndates = 0;
	int ro = access(cpath, W_OK) != 0 || access(dir, W_OK) != 0;

	if (!fs_exists(cpath)) {
		printf("catalog: none in %s (no packs installed)\n", dir);
		leftovers(packs, NULL, 0);
		return;
	}
	/* first as the kiosk opens it: read-only, which also refuses a schema that would
	 * need an upgrade (opening it to write would upgrade it) */
	if (catalog_open(&cat, cpath, CATALOG_READONLY, &e) < 0) {
		problem("%s", e.msg);
		leftovers(packs, NULL, 0);
		return;
	}
	/* the search index check needs a connection that may write (FTS5's integrity-check
	 * is an INSERT; see catalog_check); with the schema current, opening one writes
	 * nothing */
	if (!ro) {
		struct catalog *w = NULL;
		if (catalog_open(&w, cpath, 0, &e) < 0 || catalog_check(w, &e) < 0)
			problem("%s", e.msg);
		else
			printf("catalog: %s: integrity ok, search index ok\n", cpath);
		catalog_close(w);
	} else if (catalog_check(cat, &e) < 0) {
		problem("%s", e.msg);
	} else {
		printf("catalog: %s: integrity ok, search index not checked (%s)\n", cpath,
		       catalog_read_only_media(cat) ? "read-only file system" : "the catalog is read-only to this user");
	}
	if (catalog_read_only_media(cat))
		printf("note: %s is on a read-only file system: the kiosk shows what is installed, and packs "
		       "cannot be installed or removed until it is mounted writable\n", dir);
	if (catalog_pack_list(cat, &v, &n, &e) < 0 || catalog_pack_files(cat, &files, &nfiles, &e) < 0 ||
	    catalog_pack_dates(cat, &dates, &ndates, &e) < 0) {
		problem("%s", e.msg);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", packs, v[i].file);
		char hash[65], state[128];
		struct stat st;
		struct err he = { 0 };

		if (stat(path, &st) < 0)
			problem("pack %s %s: %s: %s", v[i].id, v[i].version, path, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			problem("pack %s %s: %s: not a regular file", v[i].id, v[i].version, path);
		else if (pack_sha256_file(path, hash, &he) < 0)
			problem("pack %s %s: %s", v[i].id, v[i].version, he.msg);
		else if (strcmp(hash, v[i].sha256))
			problem("pack %s %s: %s: sha256 %s, the catalog has %s", v[i].id, v[i].version, path,
				hash, v[i].sha256);
		else
			printf("pack: %s %s: packs/%s, %d sections, %d exhibits, sha256 ok; %s\n", v[i].id,
			       v[i].version, v[i].file, v[i].sections, v[i].exhibits, shown(dates, ndates, v[i].id, state, sizeof(state)));
		free(path);
	}
	if (!n)
		printf("packs: none installed\n");
	leftovers(packs, files, nfiles);
out:
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(v);
	free(dates);
	catalog_close(cat);
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

/* The opening hours now, and when they change next. */
static void check_hours(const struct config *c)
{
	time_t now = schedule_now(), next;
	char today[64], when[32];
	struct tm tm;

	if (!c->hours.set) {
		printf("opening hours: none set (always open)\n");
		return;
	}
	schedule_describe_day(&c->hours, now, today, sizeof(today));
	next = schedule_next_change(&c->hours, now);
	printf("opening hours: today %s, %s now", today, schedule_is_open(&c->hours, now) ? "open" : "closed");
	if (next >= 0) {
		localtime_r(&next, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		printf(", %s at %s", schedule_is_open(&c->hours, now) ? "closes" : "opens", when);
	}
	printf("\n");
}

/* What waits in the inbox and what it refused (not problems: the kiosk runs). */
static void check_inbox(const char *dir)
{
	struct inbox_item *items = NULL;
	size_t n = 0;

	inbox_list(dir, &items, &n, NULL);
	for (size_t i = 0; i < n; i++) {
		if (items[i].refused)
			printf("inbox: refused %s: %s\n", items[i].name, items[i].reason[0] ? items[i].reason : "(no reason kept)");
		else
			printf("inbox: waiting %s%s\n", items[i].name, items[i].signed_ ? "" : " (its .minisig has not come)");
	}
	if (!n)
		printf("inbox: empty\n");
	free(items);
}

static void check_fonts(void)
{
	struct text_engine *t = NULL;
	struct err e = { 0 };

	if (text_engine_new(&t, &e) < 0) {
		problem("fonts: %s", e.msg);
		return;
	}
	printf("font: %s (face %ld)\n", text_engine_font_path(t, 0), text_engine_font_face(t, 0));
	printf("font bold: %s (face %ld)\n", text_engine_font_path(t, 1), text_engine_font_face(t, 1));
	text_engine_free(t);
}

int cmd_doctor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *data = NULL, *cfile = NULL;
	struct config cfg;
	char *dir, *cpath, *packs;
	int c, lock = -1;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(doctor_usage, stdout); return EXIT_OK;
		default: fputs(doctor_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(doctor_usage, "doctor: takes no arguments");
	if (cli_setup(&cfg, cfile, data, &dir, "doctor") < 0)
		return EXIT_FAIL;
	problems = 0;
	cpath = installer_catalog_path(dir);
	packs = xasprintf("%s/packs", dir);
	printf("data folder: %s\n", dir);
	if (fs_is_dir(dir)) {
		/* wait for an install or remove in progress (they hold LOCK_EX on the folder),
		 * so that its temporary files are not taken for leftovers */
		lock = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (lock >= 0 && flock(lock, LOCK_SH) < 0) {
			close(lock);
			lock = -1;
		}
		check_catalog(dir, cpath, packs);
		data_leftovers(dir);
		check_inbox(dir);
	} else if (fs_exists(dir)) {
		problem("%s: not a folder", dir);
	} else {
		printf("catalog: none, %s does not exist (no packs installed)\n", dir);
	}
	check_hours(&cfg);
	check_fonts();
	if (lock >= 0)
		close(lock);
	if (problems)
		printf("%d problem%s\n", problems, problems == 1 ? "" : "s");
	else
		printf("healthy\n");
	free(cpath);
	free(packs);
	free(dir);
	config_release(&cfg);
	return problems ? EXIT_FAIL : EXIT_OK;
}
