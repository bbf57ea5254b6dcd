/* cmd_import.c: `kiosk import MOUNTPOINT`, signed packs from a USB stick into the
 * inbox (what the udev rule's unit runs), and `kiosk inbox`, one pass of the inbox
 * without the window (a headless kiosk, a technician, the fleet test). */
#include "cli.h"
#include "app/config.h"
#include "app/inbox.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/sign.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char import_usage[] =
	"usage: kiosk import MOUNTPOINT [--data DIR] [--config FILE]\n"
	"Copy the signed packs of a USB stick, MOUNTPOINT/kiosk/*.zip with their .minisig,\n"
	"into DIR/inbox/, where the running kiosk (or 'kiosk inbox') checks and installs\n"
	"them. Each file is copied under a temporary name, flushed to disk and renamed, so\n"
	"a stick pulled out mid-copy leaves nothing half-copied. A zip without its\n"
	"signature is not copied unless allow_unsigned = true. A stick without a kiosk/\n"
	"folder has nothing to import (status 0).\n";

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static const struct option common_opts[] = {
	{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
	{ "wait", required_argument, NULL, 'w' }, { "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_import(int argc, char **argv)
{
	const char *data = NULL, *cfile = NULL;
	struct config cfg;
	struct err e = { 0 };
	char *dir, *src = NULL, **names = NULL;
	size_t n = 0, cap = 0;
	int c, copied = 0, failed = 0;
	DIR *d;
	struct dirent *de;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", common_opts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(import_usage, stdout); return EXIT_OK;
		default: fputs(import_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(import_usage, "import: give the stick's mount point");
	if (!fs_is_dir(argv[optind])) {
		fprintf(stderr, "kiosk: import: %s: not a folder (is the stick mounted?)\n", argv[optind]);
		return EXIT_FAIL;
	}
	src = xasprintf("%s/kiosk", argv[optind]);
	if (!fs_is_dir(src)) {
		printf("%s: no kiosk/ folder: nothing to import\n", argv[optind]);
		free(src);
		return EXIT_OK;
	}
	if (cli_setup(&cfg, cfile, data, &dir, "import") < 0) {
		free(src);
		return EXIT_FAIL;
	}
	d = opendir(src);
	while (d && (de = readdir(d)))
		if (inbox_classify(de->d_name) == INBOX_PACK) {
			names = xgrow(names, &cap, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	if (d) {
		closedir(d);
	} else {
		fprintf(stderr, "kiosk: import: %s: cannot be read\n", src);
		failed++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	inbox_clean_imports(dir);
	for (size_t i = 0; i < n; i++) {
		char *zip = xasprintf("%s/%s", src, names[i]), *sig = xasprintf("%s" SIGN_SUFFIX, zip);
		char *sig_name = xasprintf("%s" SIGN_SUFFIX, names[i]);
		int has_sig = fs_exists(sig);

		if (!has_sig && !cfg.allow_unsigned) {
			fprintf(stderr, "kiosk: import: %s: no signature (%s) beside it; not copied\n", zip, sig_name);
			failed++;
		} else if (has_sig && inbox_import_file(dir, sig, sig_name, &e) < 0) {
			fprintf(stderr, "kiosk: import: %s\n", e.msg);
			failed++;
		} else if (inbox_import_file(dir, zip, names[i], &e) < 0) {
			/* no lone signature left in the inbox for a zip that did not come */
			char *placed = xasprintf("%s/inbox/%s", dir, sig_name);
			if (has_sig)
				unlink(placed);
			free(placed);
			fprintf(stderr, "kiosk: import: %s\n", e.msg);
			failed++;
		} else {
			printf("copied %s into %s/inbox/\n", names[i], dir);
			copied++;
		}
		free(zip);
		free(sig);
		free(sig_name);
		free(names[i]);
	}
	free(names);
	if (!n && !failed)
		printf("%s: no packs (*.zip): nothing to import\n", src);
	else
		printf("%d pack%s copied, %d not; the kiosk installs what it can verify\n", copied,
		       copied == 1 ? "" : "s", failed);
	free(src);
	free(dir);
	config_release(&cfg);
	return failed ? EXIT_FAIL : EXIT_OK;
}

static const char inbox_usage[] =
	"usage: kiosk inbox [--data DIR] [--config FILE] [--wait SECONDS]\n"
	"Install the signed packs waiting in DIR/inbox/ as the running kiosk does: each\n"
	"pack is taken once it and its .minisig have not changed for 2 s; installed packs\n"
	"leave the inbox, refused ones go to DIR/inbox/refused/ with a .txt giving the\n"
	"reason. Waits up to SECONDS (default 10) for files still settling. One line per\n"
	"pack on stderr; status 1 when a pack was refused.\n";

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int cmd_inbox(int argc, char **argv)
{
	const char *data = NULL, *cfile = NULL;
	struct config cfg;
	struct inbox *ib = NULL;
	struct inbox_opts o = { 0 };
	struct inbox_counts cnt = { 0 };
	struct err e = { 0 };
	char *dir, *end;
	long wait_s = 10;
	int c, rc = EXIT_OK;
	int64_t start;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", common_opts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'w':
			wait_s = strtol(optarg, &end, 10);
			if (*end || wait_s < 0 || wait_s > 3600)
				return cli_usage(inbox_usage, "inbox: --wait takes seconds from 0 to 3600");
			break;
		case 'h': fputs(inbox_usage, stdout); return EXIT_OK;
		default: fputs(inbox_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(inbox_usage, "inbox: takes no arguments");
	if (cli_setup(&cfg, cfile, data, &dir, "inbox") < 0)
		return EXIT_FAIL;
	o.data_dir = dir;
	o.cfg = &cfg;
	if (inbox_open(&ib, &o, &e) < 0) {
		rc = cli_error("inbox", &e);
		goto out;
	}
	start = mono_ms();
	for (;;) {
		struct inbox_counts pass = { 0 };
		int64_t now = mono_ms();
		int next = inbox_scan(ib, now, &pass);
		cnt.installed += pass.installed;
		cnt.refused += pass.refused;
		if (next < 0 || now + next - start > wait_s * 1000)
			break;
		usleep((useconds_t)(next + 10) * 1000);
	}
	{
		struct inbox_item *items = NULL;
		size_t n = 0;
		int waiting = 0;
		inbox_list(dir, &items, &n, NULL);
		for (size_t i = 0; i < n; i++)
			waiting += !items[i].refused;
		free(items);
		printf("%s/inbox: %d installed, %d refused, %d waiting\n", dir, cnt.installed, cnt.refused, waiting);
	}
	rc = cnt.refused ? EXIT_FAIL : EXIT_OK;
out:
	inbox_close(ib);
	free(dir);
	config_release(&cfg);
	return rc;
}
