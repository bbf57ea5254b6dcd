/* cmd_pack_install.c: `kiosk pack install|list|remove`, the technician's commands. */
#include "cli.h"
#include "app/config.h"
#include "app/installer.h"
#include "app/schedule.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/sign.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct option data_opts[] = {
	{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
	{ "allow-downgrade", no_argument, NULL, 'D' }, { "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Options shared by the three commands; returns -1 to go on, else an exit status. */
static int parse(int argc, char **argv, const char *text, const char **data, const char **cfile,
		 int *downgrade)
{
	int c;

	while ((c = getopt_long(argc, argv, "h", data_opts, NULL)) != -1) {
		switch (c) {
		case 'd': *data = optarg; break;
		case 'c': *cfile = optarg; break;
		case 'D':
			if (!downgrade)
				return cli_usage(text, "--allow-downgrade is for pack install");
			*downgrade = 1;
			break;
		case 'h': fputs(text, stdout); return EXIT_OK;
		default: fputs(text, stderr); return EXIT_USAGE;
		}
	}
	return -1;
}

static const char install_usage[] =
	"usage: kiosk pack install PACK.zip [--data DIR] [--config FILE] [--allow-downgrade]\n"
	"Check PACK.zip completely and install it; a newer version replaces the installed one\n"
	"in one step. A refused pack changes nothing. The pack stays zipped in DIR/packs/.\n"
	"PACK.zip.minisig must be a signature by a trusted key (DIR/keys/*.pub, or trusted_key\n"
	"and trusted_keys in [packs] of the config) unless the config says allow_unsigned = true.\n";

int cmd_pack_install(int argc, char **argv)
{
	const char *data = NULL, *cfile = NULL;
	struct install_opts o = { 0 };
	struct install_result r;
	struct sign_keyring keys = { 0 };
	struct config cfg;
	struct err e = { 0 };
	char *dir;
	int rc;

	rc = parse(argc, argv, install_usage, &data, &cfile, &o.allow_downgrade);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage(install_usage, "pack install: give one pack zip");
	if (cli_setup(&cfg, cfile, data, &dir, "pack install") < 0)
		return EXIT_FAIL;
	o.budget = cfg.budget;
	o.now = (int64_t)time(NULL);
	o.allow_unsigned = cfg.allow_unsigned;
	o.keys = &keys;
	if (config_trusted_keys(&cfg, dir, &keys, &e) < 0 ||
	    installer_install(dir, argv[optind], &o, &r, &e) < 0) {
		rc = cli_error("pack install", &e);
	} else {
		if (r.unchanged)
			printf("%s %s is already installed in %s; nothing changed\n", r.id, r.version, dir);
		else if (r.replaced[0])
			printf("installed %s %s (%d section%s, %d exhibit%s) in %s, replacing version %s\n",
			       r.id, r.version, r.sections, r.sections == 1 ? "" : "s", r.exhibits,
			       r.exhibits == 1 ? "" : "s", dir, r.replaced);
		else
			printf("installed %s %s (%d section%s, %d exhibit%s) in %s\n", r.id, r.version,
			       r.sections, r.sections == 1 ? "" : "s", r.exhibits, r.exhibits == 1 ? "" : "s", dir);
		rc = EXIT_OK;
	}
	sign_keyring_release(&keys);
	free(dir);
	config_release(&cfg);
	return rc;
}

static const char list_usage[] =
	"usage: kiosk pack list [--data DIR] [--config FILE]\n"
	"List the installed packs: id, version, sections, exhibits, languages, title, and\n"
	"whether it is shown today or why not (scheduled for later, ended), by its\n"
	"show_from and show_until dates ($KIOSK_NOW sets the day to judge by); then each\n"
	"withdrawn exhibit: 'withdrawn PACK/SLUG by PACK' (kiosk pack restore brings one back).\n";

/* "shown today" or why not, for pack id; out >= 64 bytes. */
static void shown(const struct catalog_pack_dates *d, size_t n, const char *id, const char *today, char *out,
		  size_t size)
{
	snprintf(out, size, "shown today");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(d[i].id, id)) {
			char why[64];
			schedule_pack_reason(d[i].show_from, d[i].show_until, today, why, sizeof(why));
			snprintf(out, size, "%s%s", strcmp(why, "shown today") ? "not shown: " : "", why);
		}
}

int cmd_pack_list(int argc, char **argv)
{
	const char *data = NULL, *cfile = NULL;
	struct catalog_pack *v = NULL;
	struct catalog_pack_dates *dates = NULL;
	struct catalog *cat = NULL;
	struct config cfg;
	struct err e = { 0 };
	size_t n = 0, ndates = 0;
	char *dir, *cpath;
	int rc;

	rc = parse(argc, argv, list_usage, &data, &cfile, NULL);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_usage(list_usage, "pack list: takes no arguments");
	if (cli_setup(&cfg, cfile, data, &dir, "pack list") < 0)
		return EXIT_FAIL;
	cpath = installer_catalog_path(dir);
	if (!fs_exists(cpath)) {
		printf("no packs installed in %s\n", dir);
		rc = EXIT_OK;
	} else if (catalog_open(&cat, cpath, CATALOG_READONLY, &e) < 0 ||
		   catalog_pack_list(cat, &v, &n, &e) < 0 || catalog_pack_dates(cat, &dates, &ndates, &e) < 0) {
		rc = cli_error("pack list", &e);
	} else {
		char today[11], state[128];
		schedule_date(schedule_now(), today);
		if (!n)
			printf("no packs installed in %s\n", dir);
		for (size_t i = 0; i < n; i++) {
			shown(dates, ndates, v[i].id, today, state, sizeof(state));
			printf("%s\t%s\t%d section%s\t%d exhibit%s\t%s\t%s\t%s\n", v[i].id, v[i].version,
			       v[i].sections, v[i].sections == 1 ? "" : "s", v[i].exhibits, v[i].exhibits == 1 ? "" : "s",
			       v[i].languages, v[i].title, state);
		}
		rc = cli_print_withdrawals(cat, stdout) < 0 ? EXIT_FAIL : EXIT_OK;
	}
	free(v);
	free(dates);
	catalog_close(cat);
	free(cpath);
	free(dir);
	config_release(&cfg);
	return rc;
}

static const char remove_usage[] =
	"usage: kiosk pack remove ID [--data DIR] [--config FILE]\n"
	"Remove the installed pack ID and its file.\n";

int cmd_pack_remove(int argc, char **argv)
{
	const char *data = NULL, *cfile = NULL;
	struct config cfg;
	struct err e = { 0 };
	char *dir;
	int rc;

	rc = parse(argc, argv, remove_usage, &data, &cfile, NULL);
	if (rc >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage(remove_usage, "pack remove: give one pack id");
	if (cli_setup(&cfg, cfile, data, &dir, "pack remove") < 0)
		return EXIT_FAIL;
	if (installer_remove(dir, argv[optind], &e) < 0) {
		rc = cli_error("pack remove", &e);
	} else {
		printf("removed %s from %s\n", argv[optind], dir);
		rc = EXIT_OK;
	}
	free(dir);
	config_release(&cfg);
	return rc;
}
