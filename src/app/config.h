/* config.h: the kiosk's settings from its INI file (read with inih) and the
 * environment, and where the data folder is. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "pack/zipcheck.h"

struct err;

struct config {
	char *path;              /* the file read, or NULL when none was found */
	char *data_dir;          /* from the file; NULL when not set */
	struct zip_budget budget;
	int idle_seconds;        /* no touch this long: ask "are you still there?" */
	int prompt_seconds;      /* then return to the start after this countdown */
	char *default_lang;      /* NULL: the pack's own default */
};

/* Read the config file: `file` if given (it must exist), else $KIOSK_CONFIG, else
 * $XDG_CONFIG_HOME/kiosk/kiosk.ini, else /etc/kiosk/kiosk.ini when present.
 * Unknown keys and bad values are errors naming the file and line. */
int config_load(struct config *c, const char *file, struct err *e);
void config_release(struct config *c);

/* The data folder: `arg` (--data), else $KIOSK_DATA, else the config's data_dir,
 * else $XDG_DATA_HOME/kiosk, else ~/.local/share/kiosk. Returns a new string. */
char *config_data_dir(const struct config *c, const char *arg);

#endif
