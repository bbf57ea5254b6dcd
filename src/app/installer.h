/* installer.h: putting a pack zip into a data folder, and taking it out, so that a
 * crash at any moment leaves either the old content or the new, never a mix. */
#ifndef KIOSK_INSTALLER_H
#define KIOSK_INSTALLER_H

#include <stdint.h>

#include "pack/zipcheck.h"

struct err;
struct sign_keyring;

/* The folder of the data folder where a catalog made again from packs/ puts the
 * zips that no longer check (a damaged file, a read error), rather than leave
 * them in packs/ to be taken for leftovers and deleted; nothing deletes them. */
#define INSTALLER_LEFT_OUT "left-out"

struct install_opts {
	struct zip_budget budget;
	int allow_downgrade;  /* install even when the same or a newer version is there */
	int64_t now;          /* seconds since 1970, recorded as the install time */
	int allow_unsigned;   /* install a pack that has no PACK.zip.minisig beside it */
	const struct sign_keyring *keys; /* every trusted key (config_trusted_keys); borrowed */
};

struct install_result {
	char id[128];
	char version[64];
	char replaced[64];    /* the version replaced, or "" */
	int sections, exhibits;
	int unchanged;        /* the very same pack was installed already */
};

/* Check the zip at path completely, then install it into data_dir. Its signature
 * (path + ".minisig") is checked first, over the raw bytes, by a key of o->keys;
 * the pack id and version it names must be the zip's. On refusal or failure
 * nothing in data_dir changes and e holds one line naming what is wrong. */
int installer_install(const char *data_dir, const char *path, const struct install_opts *o,
		      struct install_result *r, struct err *e);

/* Remove an installed pack. */
int installer_remove(const char *data_dir, const char *id, struct err *e);

/* Remove what an interrupted install or remove left in data_dir: files in packs/ the
 * catalog does not name (with no catalog, only the copies an install was making),
 * and a catalog being made. Returns how many went, 0 also
 * when an install or remove holds the folder lock (it cleans up itself). `kiosk run`
 * calls it at start where it can write the folder; pack install and remove clean
 * under their lock; kiosk doctor lists leftovers. */
int installer_clean(const char *data_dir, struct err *e);

/* Make the catalog again from the pack zips in data_dir/packs/ when it is missing
 * while they are there, or damaged (catalog_probe), so that installed packs are
 * never taken for leftovers of an interrupted install and deleted. A damaged
 * catalog is kept as catalog.db.damaged. Each zip is checked again, whole, as pack
 * verify does, but not its signature: it was checked at install and is not kept in
 * the data folder. Of two versions of one pack the newer is indexed. Under the
 * folder lock; when an install or remove holds it, does nothing (they make the
 * catalog again themselves, under it) and returns 0. Returns how many packs the new
 * catalog holds, 0 when nothing was to be done, with note[0..n) (UTF-8, one line)
 * saying what was done, or "" when nothing; -1 with e when the catalog's state
 * cannot be told (a read error, no permission) or the new one cannot be written.
 * pack install and remove do the same under their lock; kiosk run at start. */
int installer_recover(const char *data_dir, char *note, size_t n, struct err *e);

/* The pack zips in the folder packs (DATA/packs), not those being copied in,
 * sorted by name: file names, each and the array the caller's to free; NULL with
 * *n 0 when there are none or the folder cannot be read. */
char **installer_pack_zips(const char *packs, size_t *n);

/* data_dir/catalog.db, as a new string. */
char *installer_catalog_path(const char *data_dir);

#endif
