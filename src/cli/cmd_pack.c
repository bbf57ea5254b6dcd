/* cmd_pack.c: `kiosk pack build|lint|verify|sign`, the curator's commands, and the
 * dispatch of every `kiosk pack` subcommand. */
#include "cli.h"
#include "app/config.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/sign.h"
#include "pack/tree.h"
#include "pack/verify.h"
#include "pack/lint.h"
#include "text/text.h"
#include "ui/theme.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char pack_usage[] =
	"usage: kiosk pack <build|lint|verify|sign|install|list|remove|restore|preview> ...\n"
	"  build SRC_DIR [-o OUT.zip]   lint a pack folder and write its zip\n"
	"  lint SRC_DIR|PACK.zip        report every problem, as file:line: message\n"
	"  verify PACK.zip [--pubkey K] check a pack zip as install would, without installing\n"
	"  sign PACK.zip --key K.key    check a pack zip and write PACK.zip.minisig\n"
	"  install PACK.zip [--data D]  install or upgrade a pack in the data folder\n"
	"  list [--data D]              list installed packs\n"
	"  remove ID [--data D]         remove an installed pack\n"
	"  restore ID/SLUG [--data D]   show again an exhibit that a pack withdrew\n"
	"  preview SRC|ZIP -o F.pdf|png draw every screen of a pack into a sheet to sign off\n";

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

int cli_pack_check(const char *src, const struct zip_budget *budget, struct tree *t, struct pack *p,
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
	if (pack_load(p, t, 0, d, &e) < 0 || pack_check_media(p, t, d, &e) < 0) {
		cli_error(what, &e);
		pack_release(p);
		tree_close(t);
		return -1;
	}
	diag_sort(d);
	return 0;
}

/* The screen sizes a pack is checked at: phone, portrait kiosk, landscape kiosk. */
static const int lint_screens[3][2] = { { 390, 844 }, { 1080, 1920 }, { 1920, 1080 } };

/* Where the screens cut titles with "…" (src/screens: cards.c and attract.c), at
 * each screen size at the default text size, the narrowest first. */
static size_t title_places(struct lint_place *v, char names[][16])
{
	size_t n = 0;

	for (int i = 0; i < 3; i++) {
		struct metrics m;
		int w, sw = lint_screens[i][0], sh = lint_screens[i][1];

		metrics_compute(&m, sw, sh, 96, 0);
		snprintf(names[i], 16, "%dx%d", sw, sh);
		w = sw - 2 * m.margin;
		for (int k = 0; k < 2; k++) {
			/* a card: its columns as cards_layout makes them */
			int min_w = (int)((k ? 300 : 340) * m.scale), cols = (w + m.gap) / (min_w + m.gap);
			if (cols < 1)
				cols = 1;
			v[n++] = (struct lint_place){ k ? "exhibit cards" : "section cards", names[i], m.h3, 1,
						      (w - (cols - 1) * m.gap) / cols - 2 * m.gap, 2,
						      1 << (k ? NODE_EXHIBIT : NODE_SECTION), 1 };
			v[n] = v[n - 1];
			v[n++].default_lang = 0;
		}
		v[n++] = (struct lint_place){ "the attract screen", names[i], m.h1, 1, w, 2, 1 << NODE_EXHIBIT, 1 };
		v[n++] = (struct lint_place){ "the attract screen", names[i], m.h3, 0, w, 2, 1 << NODE_EXHIBIT, 0 };
	}
	return n;
}

void cli_pack_lint(const struct pack *p, struct tree *t, struct diag_list *d)
{
	struct lint_place places[24];
	char names[3][16];
	size_t n = title_places(places, names);
	struct text_engine *te = NULL;
	struct err e = { 0 };

	if (!p->nlangs || d->errors)
		return; /* the errors first: these would be noise beside them */
	if (text_engine_new(&te, &e) < 0)
		diag_add(d, DIAG_WARNING, t->origin, 0,
			 "%s; characters and title lengths were not checked", e.msg);
	pack_lint(p, t, te, &p->lint, places, n, d);
	text_engine_free(te);
	diag_sort(d);
}

/* Print errors first, then warnings, then (when there is no error) facts such as
 * narration lengths, each in file and line order: the root causes come before what
 * may follow from them. */
static void print_diags(const struct diag_list *d, FILE *f)
{
	static const int levels[] = { DIAG_ERROR, DIAG_WARNING, DIAG_INFO };
	struct diag_list part = { 0 };

	part.v = xcalloc(d->n ? d->n : 1, sizeof(*part.v));
	for (size_t li = 0; li < sizeof(levels) / sizeof(*levels); li++) {
		int level = levels[li];
		/* facts only for a pack without errors: beside errors they are noise */
		if (level == DIAG_INFO && d->errors)
			break;
		part.n = 0;
		for (size_t i = 0; i < d->n; i++)
			if (d->v[i].level == level)
				part.v[part.n++] = d->v[i];
		diag_print(&part, f);
	}
	free(part.v);
}

static void summary(FILE *f, const char *src, const struct pack *p, const struct diag_list *d)
{
	int sections = 0, exhibits = 0;

	for (size_t i = 0; i < p->nnodes; i++) {
		sections += p->nodes[i].kind == NODE_SECTION;
		exhibits += p->nodes[i].kind == NODE_EXHIBIT;
	}
	fprintf(f, "%s: %s %s: %d section%s, %d exhibit%s, %zu image%s; %zu error%s, %zu warning%s\n", src,
		p->id ? p->id : "?", p->version ? p->version : "?", sections, sections == 1 ? "" : "s", exhibits,
		exhibits == 1 ? "" : "s", p->nimages, p->nimages == 1 ? "" : "s", d->errors, d->errors == 1 ? "" : "s",
		d->warnings, d->warnings == 1 ? "" : "s");
}

/* The zip just written goes through the very checks of pack verify and pack install
 * (pack_verify_zip, but for the signature it does not have yet), so that a pack that
 * builds clean installs; a zip they would refuse is removed. */
static int check_output(const char *zip, const struct zip_budget *budget)
{
	struct pack_verify_opts vo = { .budget = *budget, .signature = PACK_SIG_NONE };
	struct sign_check sig;
	struct diag_list d;
	struct tree t;
	struct pack p;
	struct err e = { 0 };
	int rc;

	diag_init(&d);
	rc = pack_verify_zip(zip, &vo, &t, &p, &sig, NULL, &d, &e);
	diag_release(&d);
	if (rc < 0) {
		cli_error("pack build", &e);
		fprintf(stderr, "kiosk: pack build: %s: install would refuse this zip; it was removed\n", zip);
		unlink(zip);
		return -1;
	}
	pack_release(&p);
	tree_close(&t);
	return 0;
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
	if (cli_pack_check(argv[optind], &cfg.budget, &t, &p, &d, "pack build") < 0)
		goto out;
	cli_pack_lint(&p, &t, &d);
	print_diags(&d, stderr);
	if (d.errors) {
		fprintf(stderr, "kiosk: pack build: %s: %zu error%s; nothing was written\n", argv[optind],
			d.errors, d.errors == 1 ? "" : "s");
		goto out_pack;
	}
	path = out ? xstrdup(out) : xasprintf("%s-%s.zip", p.id, p.version);
	if (pack_build_zip(&p, &t, path, &e) < 0) {
		cli_error("pack build", &e);
	} else if (check_output(path, &cfg.budget) == 0) {
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
	"usage: kiosk pack verify PACK.zip [--pubkey KEY.pub] [--data DIR] [--config FILE]\n"
	"Check a pack zip exactly as install does (zip safety, every page and image),\n"
	"without installing it. Its signature PACK.zip.minisig, when there is one, is checked\n"
	"against the keys install trusts; with --pubkey it must be there and made by KEY.pub.\n";

/* The keys a verify trusts: the one --pubkey names (and then a signature must be
 * there), else those install trusts. */
static int verify_keys(const char *pubkey, const struct config *cfg, const char *data_dir,
		       struct sign_keyring *keys, struct sign_pubkey *k, struct err *e)
{
	if (!pubkey)
		return config_trusted_keys(cfg, data_dir, keys, e);
	if (sign_pubkey_load(k, pubkey, e) < 0)
		return -1;
	sign_keyring_add(keys, k);
	return 0;
}

/* pack verify: the checks of install (pack_verify_zip), nothing written. */
static int verify_zip(const char *zip, const char *pubkey, const struct config *cfg,
		      const char *data_dir)
{
	struct sign_keyring keys = { 0 };
	struct pack_verify_opts vo = { 0 };
	struct sign_pubkey k;
	struct sign_check sig;
	struct diag_list d;
	struct tree t;
	struct pack p;
	struct err e = { 0 };
	char *keys_dir = xasprintf("%s/keys", data_dir);
	int rc = EXIT_FAIL;

	diag_init(&d);
	if (verify_keys(pubkey, cfg, data_dir, &keys, &k, &e) < 0) {
		cli_error("pack verify", &e);
		goto out;
	}
	vo.budget = cfg->budget;
	vo.signature = pubkey ? PACK_SIG_REQUIRED : PACK_SIG_IF_PRESENT;
	vo.keys = &keys;
	vo.keys_dir = keys_dir;
	if (pack_verify_zip(zip, &vo, &t, &p, &sig, NULL, &d, &e) < 0) {
		if (sig.status == SIGN_UNTRUSTED && pubkey) {
			char hex[17];
			sign_keyid_hex(k.keyid, hex);
			fail(&e, ERR_REFUSED, "%s: signed by key %s, not by %s (key %s)", zip, sig.keyid,
			     pubkey, hex);
		}
		cli_error("pack verify", &e);
		goto out;
	}
	summary(stdout, zip, &p, &d);
	if (sig.status == SIGN_VALID)
		printf("%s: signed by key %s; trusted comment: %s\n", zip, sig.keyid, sig.comment);
	else
		printf("%s: not signed\n", zip);
	pack_release(&p);
	tree_close(&t);
	rc = EXIT_OK;
out:
	sign_keyring_release(&keys);
	diag_release(&d);
	free(keys_dir);
	return rc;
}

static int lint_or_verify(int argc, char **argv, int verify)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' },
		{ "pubkey", required_argument, NULL, 'p' }, { "data", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *what = verify ? "pack verify" : "pack lint";
	const char *text = verify ? verify_usage : lint_usage;
	const char *cfile = NULL, *pubkey = NULL, *data = NULL;
	struct config cfg;
	struct diag_list d;
	struct tree t;
	struct pack p;
	char *data_dir = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': cfile = optarg; break;
		case 'p':
		case 'd':
			if (!verify)
				return cli_usage(text, "pack lint: --%s is for pack verify",
						 c == 'p' ? "pubkey" : "data");
			*(c == 'p' ? &pubkey : &data) = optarg;
			break;
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
	if (cli_setup(&cfg, cfile, data, verify ? &data_dir : NULL, what) < 0)
		return EXIT_FAIL;
	if (verify) {
		rc = verify_zip(argv[optind], pubkey, &cfg, data_dir);
		free(data_dir);
		config_release(&cfg);
		return rc;
	}
	diag_init(&d);
	if (cli_pack_check(argv[optind], &cfg.budget, &t, &p, &d, what) < 0) {
		diag_release(&d);
		config_release(&cfg);
		return EXIT_FAIL;
	}
	cli_pack_lint(&p, &t, &d);
	print_diags(&d, stdout);
	summary(stdout, argv[optind], &p, &d);
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

static const char sign_usage[] =
	"usage: kiosk pack sign PACK.zip --key NAME.key [--config FILE]\n"
	"Check PACK.zip as pack verify does, then sign it with the secret key (made by\n"
	"kiosk key generate or minisign -G) into PACK.zip.minisig, which minisign -V also\n"
	"checks. The trusted comment names the pack id and version. A key protected by a\n"
	"password takes it from the environment variable KIOSK_KEY_PASSWORD.\n";

/* "pack:ID version:V timestamp:T file:NAME", the signed statement of what the zip is. */
static char *trusted_comment(const char *zip, const struct pack *p)
{
	const char *base = strrchr(zip, '/'), *sde = getenv("SOURCE_DATE_EPOCH");
	long long now = sde && *sde ? atoll(sde) : (long long)time(NULL);
	char *name = xstrdup(base ? base + 1 : zip), *s;

	for (char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '_';
	s = xasprintf("pack:%s version:%s timestamp:%lld file:%s", p->id, p->version, now, name);
	free(name);
	return s;
}

int cmd_pack_sign(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *keyfile = NULL, *cfile = NULL, *zip, *pw = getenv("KIOSK_KEY_PASSWORD");
	unsigned char hash[SIGN_HASH_BYTES];
	struct sign_seckey k;
	struct pack_verify_opts vo = { 0 };
	struct sign_check sig;
	struct config cfg;
	struct diag_list d;
	struct tree t;
	struct pack p;
	struct err e = { 0 };
	char *comment = NULL, *sig_text = NULL, *sig_path = NULL, hex[17];
	int c, rc = EXIT_FAIL;

	while ((c = getopt_long(argc, argv, "k:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': keyfile = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(sign_usage, stdout); return EXIT_OK;
		default: fputs(sign_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(sign_usage, "pack sign: give one pack zip");
	if (!keyfile)
		return cli_usage(sign_usage, "pack sign: which secret key? (--key NAME.key)");
	zip = argv[optind];
	if (is_dir(zip)) {
		fprintf(stderr, "kiosk: pack sign: %s: a folder; build the zip first (pack build)\n", zip);
		return EXIT_FAIL;
	}
	if (cli_setup(&cfg, cfile, NULL, NULL, "pack sign") < 0)
		return EXIT_FAIL;
	diag_init(&d);
	vo.budget = cfg.budget;
	vo.signature = PACK_SIG_NONE; /* it is being signed */
	if (pack_verify_zip(zip, &vo, &t, &p, &sig, NULL, &d, &e) < 0) {
		fprintf(stderr, "kiosk: pack sign: %s; nothing was signed\n", e.msg);
		goto out;
	}
	if (sign_seckey_load(&k, keyfile, pw && *pw ? pw : NULL, &e) < 0) {
		if (e.code == ERR_USAGE)
			fprintf(stderr, "kiosk: pack sign: %s; put it in KIOSK_KEY_PASSWORD\n", e.msg);
		else
			cli_error("pack sign", &e);
		goto out_pack;
	}
	/* the bytes that were checked, from the same open file */
	comment = trusted_comment(zip, &p);
	sign_keyid_hex(k.keyid, hex);
	sig_path = xasprintf("%s" SIGN_SUFFIX, zip);
	if (sign_hash_fd(t.fd, hash, NULL, &e) < 0) {
		err_prefix(&e, "%s", zip);
		cli_error("pack sign", &e);
	} else if (!(sig_text = sign_sig_make(&k, hash, comment, "signature from kiosk pack sign", &e)) ||
		   fs_write_atomic(sig_path, sig_text, strlen(sig_text), &e) < 0) {
		cli_error("pack sign", &e);
	} else {
		printf("signed %s (%s %s) with key %s into %s\n", zip, p.id, p.version, hex, sig_path);
		rc = EXIT_OK;
	}
	sign_seckey_wipe(&k);
out_pack:
	pack_release(&p);
	tree_close(&t);
out:
	free(comment);
	free(sig_text);
	free(sig_path);
	diag_release(&d);
	config_release(&cfg);
	return rc;
}

int cmd_pack(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} subs[] = {
		{ "build", cmd_pack_build }, { "lint", cmd_pack_lint }, { "verify", cmd_pack_verify },
		{ "install", cmd_pack_install }, { "list", cmd_pack_list }, { "remove", cmd_pack_remove },
		{ "restore", cmd_pack_restore },
		{ "sign", cmd_pack_sign }, { "preview", cmd_pack_preview },
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
