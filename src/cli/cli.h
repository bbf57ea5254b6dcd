/* cli.h: the command-line front end: one function per command, each parsing its own
 * options and returning the process exit status (0 done, 1 refused or failed, 2 usage). */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include <stdio.h>

struct err;

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_pack(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_shot(int argc, char **argv);
/* run and shot with --source PACK_DIR (cmd_source.c); without it, run and shot. */
int cmd_run_source(int argc, char **argv);
int cmd_shot_source(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_inbox(int argc, char **argv);
int cmd_pin(int argc, char **argv);
/* kiosk stats: the visit counts of DATA/stats.db as CSV or a PNG chart (cmd_stats.c). */
int cmd_stats(int argc, char **argv);

/* Print "kiosk: <what>: <message>" on stderr and return EXIT_FAIL. */
int cli_error(const char *what, const struct err *e);
/* The value of option `name` when argv[i] is it ("--name V", two words, or
 * "--name=V", one), with *words set; else NULL. The value is borrowed from argv. */
const char *cli_option_at(int argc, char **argv, int i, const char *name, int *words);

/* Print a usage complaint and the usage text, return EXIT_USAGE. */
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Subcommands of `kiosk pack`, one file each group. */
int cmd_pack_build(int argc, char **argv);
int cmd_pack_lint(int argc, char **argv);
int cmd_pack_verify(int argc, char **argv);
int cmd_pack_install(int argc, char **argv);
int cmd_pack_list(int argc, char **argv);
int cmd_pack_remove(int argc, char **argv);
int cmd_pack_restore(int argc, char **argv);
/* pack list's lines for withdrawn exhibits (cmd_pack_restore.c); -1 after an error line */
struct catalog;
int cli_print_withdrawals(struct catalog *cat, FILE *out);
int cmd_pack_sign(int argc, char **argv);
int cmd_pack_preview(int argc, char **argv);

/* Open a pack folder or zip (zips within budget) and run every check of install
 * into d (sorted); -1, the error printed as `kiosk: what: ...`, when it cannot be
 * read at all. On success release p and close t. */
struct diag_list;
struct pack;
struct tree;
struct zip_budget;
int cli_pack_check(const char *src, const struct zip_budget *budget, struct tree *t, struct pack *p,
		   struct diag_list *d, const char *what);
/* Add the warnings of pack/lint.h (fonts, titles, labels, parity) to d when it has
 * no errors, measured with the kiosk's own text engine. */
void cli_pack_lint(const struct pack *p, struct tree *t, struct diag_list *d);
/* A checked pack (cli_pack_check, no errors) installed, unsigned, into a new temporary
 * data folder: a folder is first built to a zip as pack build does. *tmp is the
 * folder to remove with cli_source_remove, *data the data folder inside it (both
 * owned). -1 and e on failure, with nothing left behind. */
struct config;
struct err;
int cli_source_install(const struct pack *p, struct tree *t, const struct config *cfg, char **tmp,
		       char **data, struct err *e);
void cli_source_remove(char **tmp, char **data);
/* Build p again into tmp and install it over what data holds (same version or not). */
int cli_source_update(const struct pack *p, struct tree *t, const struct config *cfg, const char *tmp,
		      const char *data, struct err *e);

/* Load the config file named by --config (or found by default) and resolve the data
 * folder from --data; on failure print the error and return -1. */
struct config;
int cli_setup(struct config *c, const char *config_file, const char *data_arg, char **data_dir,
	      const char *what);

#endif
