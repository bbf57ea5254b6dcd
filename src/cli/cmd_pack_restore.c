/* cmd_pack_restore.c: `kiosk pack restore PACK/SLUG`, which brings back an exhibit
 * that a pack's `withdraw = ...` took away, and the withdrawn lines of pack list. */
#include "cli.h"
#include "app/config.h"
#include "app/installer.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_print_withdrawals(struct catalog *cat, FILE *out)
{
	struct catalog_withdrawal *w = NULL;
	struct err e = { 0 };
	size_t n = 0;

	if (catalog_withdrawals(cat, &w, &n, &e) < 0)
		return cli_error("pack list", &e), -1;
	for (size_t i = 0; i < n; i++)
		fprintf(out, "withdrawn\t%s/%s\tby %s%s\n", w[i].pack_id, w[i].slug, w[i].by_pack,
			w[i].by_installed ? "" : " (removed since; kiosk pack restore brings it back)");
	free(w);
	return 0;
}

static const char restore_usage[] =
	"usage: kiosk pack restore PACK-ID/EXHIBIT-SLUG [--data DIR] [--config FILE]\n"
	"Bring back an exhibit that a pack withdrew (withdraw = ... in its pack.ini). It shows\n"
	"again at once; installing a pack that withdraws it withdraws it again.\n";

int cmd_pack_restore(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *data = NULL, *cfile = NULL, *slash;
	struct catalog *cat = NULL;
	struct config cfg;
	struct err e = { 0 };
	char *dir, *cpath, *pack_id;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(restore_usage, stdout); return EXIT_OK;
		default: fputs(restore_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(restore_usage, "pack restore: give one PACK-ID/EXHIBIT-SLUG");
	slash = strchr(argv[optind], '/');
	if (!slash || slash == argv[optind] || !slash[1] || strchr(slash + 1, '/'))
		return cli_usage(restore_usage, "pack restore: '%s' is not PACK-ID/EXHIBIT-SLUG", argv[optind]);
	if (cli_setup(&cfg, cfile, data, &dir, "pack restore") < 0)
		return EXIT_FAIL;
	cpath = installer_catalog_path(dir);
	pack_id = xstrndup(argv[optind], (size_t)(slash - argv[optind]));
	if (!fs_exists(cpath)) {
		fprintf(stderr, "kiosk: pack restore: no packs installed in %s\n", dir);
		rc = EXIT_FAIL;
	} else if (catalog_open(&cat, cpath, 0, &e) < 0 || catalog_restore(cat, pack_id, slash + 1, &e) < 0) {
		rc = cli_error("pack restore", &e);
	} else {
		printf("restored %s in %s\n", argv[optind], dir);
		rc = EXIT_OK;
	}
	catalog_close(cat);
	free(pack_id);
	free(cpath);
	free(dir);
	config_release(&cfg);
	return rc;
}
