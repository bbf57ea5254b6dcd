/* config.h: the kiosk's settings from its INI file (read with inih) and the
 * environment, and where the data folder is. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "app/schedule.h"
#include "pack/sign.h"
#include "pack/zipcheck.h"

struct err;

struct config {
	char *path;              /* the file read, or NULL when none was found */
	char *data_dir;          /* from the file; NULL when not set */
	struct zip_budget budget;
	int idle_seconds;        /* no touch this long: ask "are you still there?" */
	int prompt_seconds;      /* then return to the start after this countdown */
	char *default_lang;      /* NULL: the pack's own default */
	/* [screen]: where the picture is, for the reach mode (ISO 21542 and the
	 * Smithsonian Guidelines for Accessible Exhibition Design put controls between
	 * 380 and 1220 mm from the floor) */
	int reach;               /* reach = true: the reach mode is the default */
	int screen_height_mm;    /* height_mm: of the picture; 0: from the display's DPI */
	int screen_bottom_mm;    /* bottom_mm: floor to the picture's bottom edge; 600 if unset */
	int allow_unsigned;      /* [packs] allow_unsigned: install packs without a .minisig */
	struct sign_keyring keys; /* [packs] trusted_key lines, checked when read */
	char **key_dirs;         /* [packs] trusted_keys lines: folders of *.pub files */
	size_t nkey_dirs, key_dirs_cap;
	int allow_exit;          /* [kiosk] allow_exit = true: the technician menu may leave kiosk mode */
	struct schedule_hours hours; /* [kiosk] hours lines (schedule.h); none: always open */
	int narration;           /* [audio] narration = true|false: may narration play (default true) */
	int volume;              /* [audio] volume = 0-100: narration volume in % (default 80) */
};

/* Read the config file: `file` if given (it must exist), else $KIOSK_CONFIG, else
 * $XDG_CONFIG_HOME/kiosk/kiosk.ini, else /etc/kiosk/kiosk.ini when present.
 * 0, or -1 with ERR_NOTFOUND when the file cannot be read (1 MiB at most), or
 * ERR_USAGE for unknown keys, bad values and lines that are not `key = value`:
 * every one of them, in the order of the file, one "PATH:LINE: what" line each
 * (five at most, then "PATH: and N more errors"), so that a technician fixes them
 * all at once. The config is then partly filled; release it all the same. */
int config_load(struct config *c, const char *file, struct err *e);
void config_release(struct config *c);

/* Every trusted public key: the config's trusted_key lines, the *.pub files of
 * its trusted_keys folders and of data_dir/keys/. Fills out (zero-initialised by
 * the caller, freed with sign_keyring_release); -1 names a file that is not a key. */
int config_trusted_keys(const struct config *c, const char *data_dir, struct sign_keyring *out,
			struct err *e);

/* The data folder: `arg` (--data), else $KIOSK_DATA, else the config's data_dir,
 * else $XDG_DATA_HOME/kiosk, else ~/.local/share/kiosk. Returns a new string. */
char *config_data_dir(const struct config *c, const char *arg);

#endif
