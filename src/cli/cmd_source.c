/* cmd_source.c: `--source PACK_DIR` for `kiosk run` and `kiosk shot`: the curator's
 * pack folder shown as it is, unsigned and uninstalled. The folder is checked as
 * pack lint does, built and installed (cli_source_install) into a temporary data
 * folder, which the command is then given as --data and which goes when it ends.
 * While `run` runs, a thread looks at the folder twice a second and installs each
 * saved edit there (or prints its lint errors and keeps what is shown); a kiosk
 * that follows its catalog shows it. */
#include "cli.h"
#include "app/config.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char source_help[] =
	"--source PACK_DIR shows a pack folder as it is, unsigned and uninstalled: it is\n"
	"built and installed into a temporary data folder, removed at the end (a folder\n"
	"with lint errors is refused with them); run installs each saved edit there.\n";

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
			fprintf(stderr, "kiosk: %s: %s: %zu error%s; fix them first (kiosk pack lint)\n", what,
				src, d.errors, d.errors == 1 ? "" : "s");
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

/* The folder's state: every file's path, size and time of change, hashed (FNV-1a).
 * nftw has no context argument: one watcher runs at a time, so a static holds it. */
static uint64_t walk_hash;

static void mix(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		walk_hash = (walk_hash ^ b[i]) * 1099511628211ull;
}

static int mix_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	mix(path, strlen(path) + 1);
	if (flag == FTW_F) {
		mix(&st->st_size, sizeof(st->st_size));
		mix(&st->st_mtim, sizeof(st->st_mtim));
	}
	return 0;
}

static uint64_t folder_state(const char *dir)
{
	walk_hash = 1469598103934665603ull;
	nftw(dir, mix_one, 16, FTW_PHYS);
	return walk_hash;
}

struct watch {
	const char *src, *config, *tmp, *data;
	atomic_int stop;
};

/* Install each saved state of the folder: once it has stayed the same for one look
 * (an editor writes a file in more than one step), and only when it lints clean. */
static void *watch_folder(void *arg)
{
	struct watch *w = arg;
	uint64_t shown = folder_state(w->src), seen = shown;
	struct timespec half = { 0, 500 * 1000 * 1000 };

	while (!atomic_load(&w->stop)) {
		uint64_t now;
		struct config cfg;
		struct diag_list d;
		struct tree t;
		struct pack p;
		struct err e = { 0 };

		nanosleep(&half, NULL);
		now = folder_state(w->src);
		if (now != seen || now == shown) {
			seen = now;
			continue;
		}
		shown = now;
		if (cli_setup(&cfg, w->config, NULL, NULL, "run") < 0)
			continue;
		diag_init(&d);
		if (cli_pack_check(w->src, &cfg.budget, &t, &p, &d, "run") == 0) {
			if (d.errors) {
				for (size_t i = 0; i < d.n; i++)
					if (d.v[i].level == DIAG_ERROR) {
						char line[1200];
						diag_format(&d.v[i], line, sizeof(line));
						fprintf(stderr, "kiosk: run: %s\n", line);
					}
				fprintf(stderr, "kiosk: run: %s: %zu error%s; the kiosk keeps the last version without errors\n",
					w->src, d.errors, d.errors == 1 ? "" : "s");
			} else if (cli_source_update(&p, &t, &cfg, w->tmp, w->data, &e) < 0) {
				cli_error("run", &e);
			} else {
				fprintf(stderr, "kiosk: run: %s: the edit is installed\n", w->src);
			}
			pack_release(&p);
			tree_close(&t);
		}
		diag_release(&d);
		config_release(&cfg);
	}
	return NULL;
}

/* The value of option name in argv ("--name V" or "--name=V"), or NULL; *at is the
 * index of its first word, *words how many words it takes. */
static const char *option(int argc, char **argv, const char *name, int *at, int *words)
{
	const char *v;

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if ((v = cli_option_at(argc, argv, i, name, words))) {
			*at = i;
			return v;
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
	if (cmd == cmd_run) {
		struct watch w = { src, cfile, tmp, data, 0 };
		pthread_t th;
		int watching;
		fprintf(stderr, "kiosk: run: %s is shown from %s; each saved edit is installed there\n", src,
			data);
		watching = pthread_create(&th, NULL, watch_folder, &w) == 0;
		rc = cmd(n, v);
		atomic_store(&w.stop, 1);
		if (watching)
			pthread_join(th, NULL);
	} else {
		rc = cmd(n, v);
	}
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
