/* cmd_source.c: `--source PACK_DIR` for `kiosk run` and `kiosk shot`: the curator's
 * pack folder shown as it is, unsigned and uninstalled. The folder is checked as
 * pack lint does, built and installed (cli_source_install) into a temporary data
 * folder, which the command is then given as --data and which goes when it ends. */
#include "cli.h"
#include "app/config.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char source_help[] =
	"--source PACK_DIR shows a pack folder as it is, unsigned and uninstalled: it is\n"
	"built and installed into a temporary data folder, removed at the end (a folder\n"
	"with lint errors is refused with them).\n";

/* Check, build and install src into a temporary data folder; -1 with the errors printed. */
static int source_data(const char *src, const char *config_file, const char *what, char **tmp,
		       char **data)
{
	struct config cfg;
	struct diag_list d;
	struct tree t;
	struct pack p;
	struct err e = { 0 };
	int rc = -1;

	if (cli_setup(&cfg, config_file, NULL, NULL, what) < 0)
		return -1;
	diag_init(&d);
	if (cli_pack_check(src, &cfg.budget, &t, &p, &d, what) == 0) {
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].level == DIAG_ERROR) {
				char line[1200];
				diag_format(&d.v[i], line, sizeof(line));
				fprintf(stderr, "kiosk: %s: %s\n", what, line);
			}
		if (d.errors)
			fprintf(stderr, "kiosk: %s: %s: %zu errors; fix them first (kiosk pack lint)\n", what,
				src, d.errors);
		else if (cli_source_install(&p, &t, &cfg, tmp, data, &e) < 0)
			cli_error(what, &e);
		else
			rc = 0;
		pack_release(&p);
		tree_close(&t);
	}
	diag_release(&d);
	config_release(&cfg);
	return rc;
}

/* The value of option name in argv ("--name V" or "--name=V"), or NULL; *at is the
 * index of its first word, *words how many words it takes. */
static const char *option(int argc, char **argv, const char *name, int *at, int *words)
{
	size_t n = strlen(name);

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strncmp(argv[i], name, n) && argv[i][n] == '=') {
			*at = i;
			*words = 1;
			return argv[i] + n + 1;
		}
		if (!strcmp(argv[i], name) && i + 1 < argc) {
			*at = i;
			*words = 2;
			return argv[i + 1];
		}
	}
	return NULL;
}

static int with_source(int (*cmd)(int, char **), const char *what, int argc, char **argv)
{
	int at, words, cat, cwords, rc, n = 0;
	const char *src = option(argc, argv, "--source", &at, &words);
	const char *cfile = option(argc, argv, "--config", &cat, &cwords);
	char *tmp = NULL, *data = NULL, **v;

	if (!src) {
		rc = cmd(argc, argv);
		for (int i = 1; i < argc; i++)
			if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
				fputs(source_help, stdout);
				break;
			}
		return rc;
	}
	if (option(argc, argv, "--data", &cat, &cwords)) {
		fprintf(stderr, "kiosk: %s: --source and --data exclude each other\n", what);
		return EXIT_USAGE;
	}
	if (source_data(src, cfile, what, &tmp, &data) < 0)
		return EXIT_FAIL;
	v = xcalloc((size_t)argc + 3, sizeof(*v));
	for (int i = 0; i < argc; i++)
		if (i < at || i >= at + words)
			v[n++] = argv[i];
	v[n++] = "--data";
	v[n++] = data;
	rc = cmd(n, v);
	free(v);
	cli_source_remove(&tmp, &data);
	return rc;
}

int cmd_run_source(int argc, char **argv)
{
	return with_source(cmd_run, "run", argc, argv);
}

int cmd_shot_source(int argc, char **argv)
{
	return with_source(cmd_shot, "shot", argc, argv);
}
