/* verify.h: every check a pack zip passes before it is installed, in one place, for
 * `pack install` (app/installer.c), `pack verify`, `pack sign` and the check that
 * `pack build` runs on the zip it wrote: the signature over the raw bytes, then the
 * zip's safety rules (tree_open_zip), then the pack itself (pack_load and
 * pack_check_media), then that the signature names this pack and these bytes. */
#ifndef KIOSK_PACK_VERIFY_H
#define KIOSK_PACK_VERIFY_H

#include "pack.h"
#include "sign.h"
#include "tree.h"
#include "zipcheck.h"

struct diag_list;
struct err;

enum pack_sig_rule {
	PACK_SIG_NONE,       /* not looked at (pack build: the zip is not signed yet) */
	PACK_SIG_IF_PRESENT, /* checked when PACK.zip.minisig is there (pack verify) */
	PACK_SIG_REQUIRED,   /* must be there and made by a key of keys (pack install) */
};

struct pack_verify_opts {
	struct zip_budget budget;
	int signature;                   /* enum pack_sig_rule */
	int allow_unsigned;              /* PACK_SIG_REQUIRED passes an unsigned zip */
	const struct sign_keyring *keys; /* borrowed; may be empty */
	const char *keys_dir;            /* where trusted .pub files go, for the message */
};

/* Check the zip at path. On 0, *t is open, *p loaded (release both), *sig says
 * what the signature was (SIGN_MISSING when there is none) and sha256 (when not
 * NULL) is the hex SHA-256 of the bytes checked. On -1 e holds one line
 * naming the file (and entry, line) and what is wrong, and nothing is left open;
 * diags (which the caller owns) holds every problem with the pack's content, the
 * first error of which is e. */
int pack_verify_zip(const char *path, const struct pack_verify_opts *o, struct tree *t,
		    struct pack *p, struct sign_check *sig, char sha256[65], struct diag_list *diags,
		    struct err *e);

#endif
