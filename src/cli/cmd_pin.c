/* cmd_pin.c: `kiosk pin set`, the PIN that opens the technician menu. */
#include "cli.h"
#include "app/config.h"
#include "app/pin.h"
#include "core/err.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static const char pin_usage[] =
	"usage: kiosk pin set [--config FILE]\n"
	"Set the technician PIN (4 to 12 digits), read from the terminal twice without\n"
	"echo, or as one line from standard input. Only its Argon2id hash is kept, in\n"
	"kiosk.pin beside the config file (/etc/kiosk/kiosk.pin for the system kiosk),\n"
	"readable by the config's group. Five wrong PINs lock the PIN pad, for longer\n"
	"after each further wrong one.\n";

/* One line from stdin into buf without its newline; echo off on a terminal. */
static int read_pin(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), ok;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputs("\n", stderr);
	}
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = 0;
	return 0;
}

int cmd_pin(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cfile = NULL;
	struct config cfg;
	struct err e = { 0 };
	char pin[64], again[64], *path;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': cfile = optarg; break;
		case 'h': fputs(pin_usage, stdout); return EXIT_OK;
		default: fputs(pin_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc || strcmp(argv[optind], "set"))
		return cli_usage(pin_usage, "pin: the command is 'kiosk pin set'");
	if (config_load(&cfg, cfile, &e) < 0)
		return cli_error("pin set", &e);
	if (read_pin("new PIN: ", pin, sizeof(pin)) < 0) {
		fprintf(stderr, "kiosk: pin set: no PIN given on standard input\n");
		config_release(&cfg);
		return EXIT_FAIL;
	}
	if (pin_valid(pin, &e) < 0) {
		config_release(&cfg);
		return cli_error("pin set", &e);
	}
	if (isatty(STDIN_FILENO)) {
		if (read_pin("the same PIN again: ", again, sizeof(again)) < 0 || strcmp(pin, again)) {
			fprintf(stderr, "kiosk: pin set: the two PINs differ; nothing changed\n");
			config_release(&cfg);
			return EXIT_FAIL;
		}
	}
	path = pin_path(&cfg);
	umask(027); /* the temporary file too is never readable by others */
	if (pin_store(path, pin, cfg.path, &e) < 0) {
		rc = cli_error("pin set", &e);
	} else {
		printf("PIN set in %s\n", path);
		rc = EXIT_OK;
	}
	memset(pin, 0, sizeof(pin));
	free(path);
	config_release(&cfg);
	return rc;
}
