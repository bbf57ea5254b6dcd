/* main.c: dispatch `kiosk <command>` to its cmd_ function, git-style. */
#include "cli.h"
#include "media/image.h"
#include "pack/tree.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <SDL2/SDL.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: kiosk [--config FILE] [--data DIR] <command> [options]\n"
	"\n"
	"commands:\n"
	"  pack build SRC_DIR [-o OUT.zip]   lint a pack folder and write its zip\n"
	"  pack lint SRC_DIR|PACK.zip        report every problem in a pack\n"
	"  pack verify PACK.zip              check a pack zip without installing it\n"
	"  pack sign PACK.zip --key K.key    sign a pack zip (PACK.zip.minisig)\n"
	"  pack install PACK.zip [--data D]  install or upgrade a pack\n"
	"  pack list [--data D]              list installed packs\n"
	"  pack remove ID [--data D]         remove an installed pack\n"
	"  pack restore PACK/SLUG [--data D] bring back a withdrawn exhibit\n"
	"  search QUERY [--lang L]           search installed exhibits\n"
	"  run [--fullscreen|--window WxH]   open the kiosk\n"
	"  shot --route R --out F.png        draw one screen into a PNG\n"
	"  key generate [-o NAME]            make a signing key pair NAME.key, NAME.pub\n"
	"  doctor [--data D] [--json]        check display, fonts, data, catalog, keys, service, clock\n"
	"  import MOUNTPOINT [--data D]      copy a USB stick's signed packs into the inbox\n"
	"  inbox [--data D]                  install the packs waiting in the inbox\n"
	"  pin set                           set the technician PIN\n"
	"  stats [--from D] [--to D] --csv   visit counts (under 5 shown as <5); --png F: a chart\n"
	"\n"
	"--config FILE (the settings; else $KIOSK_CONFIG, ~/.config/kiosk/kiosk.ini or\n"
	"/etc/kiosk/kiosk.ini, the first found) and --data DIR (the installed packs) may\n"
	"come before the command or among its options.\n"
	"'kiosk <command> --help' tells more about each; 'kiosk --version' the version and\n"
	"the libraries it was built with.\n";

struct command {
	const char *name;
	int (*fn)(int, char **);
};

static const struct command commands[] = {
	{ "pack", cmd_pack },
	{ "search", cmd_search },
	{ "run", cmd_run_source },
	{ "shot", cmd_shot_source },
	{ "key", cmd_key },
	{ "doctor", cmd_doctor },
	{ "import", cmd_import },
	{ "inbox", cmd_inbox },
	{ "pin", cmd_pin },
	{ "stats", cmd_stats },
};

int cli_error(const char *what, const struct err *e)
{
	fprintf(stderr, "kiosk: %s: %s\n", what, e->msg);
	return EXIT_FAIL;
}

int cli_usage(const char *text, const char *fmt, ...)
{
	va_list ap;

	fputs("kiosk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(text, stderr);
	return EXIT_USAGE;
}

/* KIOSK_VERSION and KIOSK_LIBS come from the Makefile (pkg-config --modversion of
 * every library at build time); SDL's own are asked at run time too. */
static int print_version(void)
{
	SDL_version sdl;
	const SDL_version *img = image_lib_version();
	const char *zip = ziplib_version();

	SDL_GetVersion(&sdl);
	printf("kiosk %s\n", KIOSK_VERSION);
	printf("built with: %s\n", KIOSK_LIBS);
	printf("running with: SDL2 %d.%d.%d", sdl.major, sdl.minor, sdl.patch);
	if (img)
		printf(", SDL2_image %d.%d.%d", img->major, img->minor, img->patch);
	else
		printf(", SDL2_image not found (pictures cannot be shown)");
	if (zip)
		printf(", libzip %s\n", zip);
	else
		printf(", libzip not found (packs cannot be read)\n");
	return EXIT_OK;
}

const char *cli_option_at(int argc, char **argv, int i, const char *name, int *words)
{
	size_t n = strlen(name);

	if (!strncmp(argv[i], name, n) && argv[i][n] == '=') {
		*words = 1;
		return argv[i] + n + 1;
	}
	if (!strcmp(argv[i], name) && i + 1 < argc) {
		*words = 2;
		return argv[i + 1];
	}
	return NULL;
}

/* 1 when argv[i] is an option every command takes (--config FILE, --data DIR, or
 * with '='); *words is how many arguments it is. */
static int common_option(int argc, char **argv, int i, int *words)
{
	return cli_option_at(argc, argv, i, "--config", words) || cli_option_at(argc, argv, i, "--data", words);
}

/* libzip gives each zip entry's DOS date and time to mktime, twice as it opens an
 * archive, and glibc's mktime, when TZ is unset, stats /etc/localtime at every call
 * to see whether the zone changed (tzset, under a lock all threads share): 80,000
 * times for a pack of 10,000 exhibits, opened by two threads. The commands that
 * end in minutes read the zone once: TZ=":/etc/localtime" is the same zone, and a
 * zone glibc has read it keeps (POSIX: a leading colon is implementation-defined;
 * glibc reads that file). A kiosk that runs for days keeps following a zone changed
 * under it (timedatectl set-timezone), for its opening hours. */
static void read_zone_once(const char *command)
{
	if (strcmp(command, "run") && !getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 1);
}

/* Run the command argv[1] names. */
static int dispatch(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))
		return print_version();
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcmp(argv[1], commands[i].name)) {
			read_zone_once(argv[1]);
			return commands[i].fn(argc - 1, argv + 1);
		}
	fprintf(stderr, "kiosk: '%s' is not a command\n", argv[1]);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int lead = 1, words, rc;
	char **moved = NULL;

	setlocale(LC_CTYPE, "C.UTF-8");
	/* --config and --data may come before the command too (kiosk --config F pack
	 * list): they move after the command's own arguments, before any "--" */
	while (lead < argc && common_option(argc, argv, lead, &words))
		lead += words;
	if (lead > 1 && lead == argc) {
		fprintf(stderr, "kiosk: %s: a command must follow\n", argv[1]);
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (lead > 1) {
		int n = 0, end = lead;

		moved = xcalloc((size_t)argc + 1, sizeof(*moved));
		while (end < argc && strcmp(argv[end], "--"))
			end++;
		moved[n++] = argv[0];
		for (int i = lead; i < end; i++)
			moved[n++] = argv[i];
		for (int i = 1; i < lead; i++)
			moved[n++] = argv[i];
		for (int i = end; i < argc; i++)
			moved[n++] = argv[i];
		argv = moved;
	}
	rc = dispatch(argc, argv);
	free(moved);
	return rc;
}
