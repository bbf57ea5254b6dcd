/* cmd_pack.c: `kiosk pack build|lint|verify`, the curator's commands, and the
 * dispatch of every `kiosk pack` subcommand. */
#include "cli.h"
#include "app/config.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char pack_usage[] =
	"usage: kiosk pack <build|lint|verify|install|list|remove> ...\n"
	"  build SRC_DIR [-o OUT.zip]   lint a pack folder and write its zip\n"
	"  lint SRC_DIR|PACK.zip        report every problem, as file:line: message\n"
	"  verify PACK.zip              check a pack zip as install would, without installing\n"
	"  install PACK.zip [--data D]  install or upgrade a pack in the data folder\n"
	"  list [--data D]              list installed packs\n"
	"  remove ID [--data D]         remove an installed pack\n";

int cli_setup(struct config *c, const char *config_file, const char *data_arg, char **data_dir,
	      const char *what)
{
	struct err e = { 0 };

	if (config_load(c, config_file, &e) < 0) {
		cli_error(what, &e);
		config_release(c);
		return -1;
	}
	if (data_dir)
		*data_dir = config_data_dir(c, data_arg);
	return 0;
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Open a folder or a zip and run every check; 0 when it could be read at all. */
static int check(const char *src, const struct zip_budget *budget, struct tree *t, struct pack *p,
		 struct diag_list *d, const char *what)
{
	struct err e = { 0 };

	memset(p, 0, sizeof(*p));
	if (is_dir(src)) {
		if (tree_open_dir(t, src, d, &e) < 0)
			return cli_error(what, &e), -1;
	} else if (tree_open_zip(t, src, budget, &e) < 0) {
		err_prefix(&e, "%s", src);
		return cli_error(what, &e), -1;
	}
	if (pack_load(p, t, d, &e) < 0 || pack_check_media(p, t, d, &e) < 0) {
		cli_error(what, &e);
		pack_release(p);
		tree_close(t);
		return -1;
	}
	diag_sort(d);
	return 0;
}

static void summary(FILE *f, const char *src, const struct pack *p, const struct diag_list *d)
{
	int sections = 0, exhibits = 0;

	for (size_t i = 0; i < p->nnodes; i++) {
		sections += p->nodes[i].kind == NODE_SECTION;
		exhibits += p->nodes[i].kind == NODE_EXHIBIT;
	}
	fprintf(f, "%s: %s %s: %d sections, %d exhibits, %zu images; %zu errors, %zu warnings\n", src,
		p->id ? p->id : "?", p->version ? p->version : "?", sections, exhibits, p->nimages,
		d->errors, d->warnings);
}

static const char build_usage[] =
	"usage: kiosk pack build SRC_DIR [-o OUT.zip] [--config FILE]\n"
	"Check the pack folder SRC_DIR and write it as a zip (by default <id>-<version>.zip).\n"
	"The same folder always gives the same bytes. Errors stop the build; warnings do not.\n";

int cmd_pack_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *cfile = NULL;
	struct config cfg;
	struct diag_list d;
	struct tree t;
	struct pack p;
	struct err e = { 0 };
	char *path;
	int c, rc = EXIT_FAIL;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(build_usage, stdout); return EXIT_OK;
		default: fputs(build_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(build_usage, "pack build: give one pack folder");
	if (!is_dir(argv[optind])) {
		fprintf(stderr, "kiosk: pack build: %s: not a folder\n", argv[optind]);
		return EXIT_FAIL;
	}
	if (cli_setup(&cfg, cfile, NULL, NULL, "pack build") < 0)
		return EXIT_FAIL;
	diag_init(&d);
	if (check(argv[optind], &cfg.budget, &t, &p, &d, "pack build") < 0)
		goto out;
	diag_print(&d, stderr);
	if (d.errors) {
		fprintf(stderr, "kiosk: pack build: %s: %zu errors; nothing was written\n", argv[optind],
			d.errors);
		goto out_pack;
	}
	path = out ? xstrdup(out) : xasprintf("%s-%s.zip", p.id, p.version);
	if (pack_build_zip(&p, &t, path, &e) < 0) {
		cli_error("pack build", &e);
	} else {
		summary(stdout, path, &p, &d);
		rc = EXIT_OK;
	}
	free(path);
out_pack:
	pack_release(&p);
	tree_close(&t);
out:
	diag_release(&d);
	config_release(&cfg);
	return rc;
}

static const char lint_usage[] =
	"usage: kiosk pack lint SRC_DIR|PACK.zip [--config FILE]\n"
	"Report every problem in a pack folder or zip, one per line as file:line: message.\n"
	"Exit status 1 when there is an error; warnings alone leave it 0.\n";

static const char verify_usage[] =
	"usage: kiosk pack verify PACK.zip [--config FILE]\n"
	"Check a pack zip exactly as install does (zip safety, every page and image),\n"
	"without installing it.\n";

static int lint_or_verify(int argc, char **argv, int verify)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *what = verify ? "pack verify" : "pack lint";
	const char *text = verify ? verify_usage : lint_usage;
	const char *cfile = NULL;
	struct config cfg;
	struct diag_list d;
	struct tree t;
	struct pack p;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': cfile = optarg; break;
		case 'h': fputs(text, stdout); return EXIT_OK;
		default: fputs(text, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(text, "%s: give one pack %s", what, verify ? "zip" : "folder or zip");
	if (verify && is_dir(argv[optind])) {
		fprintf(stderr, "kiosk: pack verify: %s: a folder; verify takes a pack zip (use pack lint)\n",
			argv[optind]);
		return EXIT_FAIL;
	}
	if (cli_setup(&cfg, cfile, NULL, NULL, what) < 0)
		return EXIT_FAIL;
	diag_init(&d);
	if (check(argv[optind], &cfg.budget, &t, &p, &d, what) < 0) {
		diag_release(&d);
		config_release(&cfg);
		return EXIT_FAIL;
	}
	if (verify) {
		/* one line, as install would say it */
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].level == DIAG_ERROR) {
				char line[1024];
				diag_format(&d.v[i], line, sizeof(line));
				fprintf(stderr, "kiosk: pack verify: %s\n", line);
				break;
			}
		if (!d.errors)
			summary(stdout, argv[optind], &p, &d);
	} else {
		diag_print(&d, stdout);
		summary(stdout, argv[optind], &p, &d);
	}
	rc = d.errors ? EXIT_FAIL : EXIT_OK;
	pack_release(&p);
	tree_close(&t);
	diag_release(&d);
	config_release(&cfg);
	return rc;
}

int cmd_pack_lint(int argc, char **argv)
{
	return lint_or_verify(argc, argv, 0);
}

int cmd_pack_verify(int argc, char **argv)
{
	return lint_or_verify(argc, argv, 1);
}

int cmd_pack(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} subs[] = {
		{ "build", cmd_pack_build }, { "lint", cmd_pack_lint }, { "verify", cmd_pack_verify },
		{ "install", cmd_pack_install }, { "list", cmd_pack_list }, { "remove", cmd_pack_remove },
	};

	if (argc < 2)
		return cli_usage(pack_usage, "pack: which subcommand?");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(pack_usage, stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(*subs); i++)
		if (!strcmp(argv[1], subs[i].name)) {
			optind = 0; /* a fresh getopt scan for the subcommand */
			return subs[i].fn(argc - 1, argv + 1);
		}
	return cli_usage(pack_usage, "pack: '%s' is not a subcommand", argv[1]);
}
