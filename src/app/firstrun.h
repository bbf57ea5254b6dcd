/* firstrun.h: the first start of a kiosk installed from the Debian package. With no
 * pack installed in the data folder, the packs shipped under the share folder
 * (every .zip in /usr/share/kiosk/packs/, or $KIOSK_SHARE_DIR/packs for tests) are installed,
 * so that a fresh kiosk shows the demo exhibition rather than an error.
 *
 * Trust: a bundled pack is trusted by where it is, not by a signature. It is installed
 * only when the zip and its folder belong to root (or to the user running the kiosk)
 * and neither can be written by anyone else: then only the package manager or the
 * kiosk's own user put it there, and the kiosk's user can already trust keys in
 * DATA/keys/. A bundled pack that fails this is refused with one line and the kiosk
 * starts without it. */
#ifndef KIOSK_FIRSTRUN_H
#define KIOSK_FIRSTRUN_H

struct config;
struct err;

/* The share folder: $KIOSK_SHARE_DIR, else /usr/share/kiosk. Borrowed string. */
const char *firstrun_share_dir(void);

/* Install the bundled packs into data_dir when it holds no pack. Returns the number
 * installed (0 when a pack was there already, or none is bundled), -1 with e when the
 * catalog cannot be read. A bundled pack refused (untrusted location, bad zip) is
 * logged as a warning and skipped. Each install is installer_install's transaction. */
int firstrun_install_bundled(const struct config *cfg, const char *data_dir, struct err *e);

#endif
