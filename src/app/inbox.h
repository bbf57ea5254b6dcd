/* inbox.h: DATA/inbox/, where signed packs arrive (a USB import, a synced folder,
 * a technician's copy) and are installed by the running kiosk with the installer.
 *
 * Rules (inbox.c): a pack is X.zip with its signature X.zip.minisig beside it. It
 * is taken once both files have kept their size and time for settle_ms, so a copy
 * still being written is never read. Installed (or already installed): both files
 * are removed. Refused: both move to DATA/inbox/refused/ with X.zip.txt holding the
 * one-line reason, and the same file is not tried again until a new one arrives.
 * A failure that may pass (the disk, memory, a locked catalog) is tried again after
 * INBOX_RETRY_MS without moving anything. Hidden files (Syncthing's .syncthing.*.tmp,
 * .DS_Store, ._*, .~lock.*, editors' .*.swp, and the import's own .import-* temporaries),
 * Syncthing's *.sync-conflict-* copies and other litter (*~, *.tmp, *.part,
 * *.crdownload, Thumbs.db, desktop.ini, ~$*) are left alone. Each install or refusal
 * is one line on stderr, "kiosk: inbox: ...". */
#ifndef KIOSK_INBOX_H
#define KIOSK_INBOX_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct err;

#define INBOX_SETTLE_MS 2000         /* the files have not changed for this long */
#define INBOX_UNSIGNED_MS 600000     /* a zip still without its signature after 10 min is refused */
#define INBOX_RETRY_MS 30000         /* after a failure that may pass */
#define INBOX_TMP_PREFIX ".import-"  /* `kiosk import` writes here, then renames */

enum inbox_file {
	INBOX_OTHER = 0,   /* litter, temporaries, conflicts, anything else: left alone */
	INBOX_PACK,        /* X.zip */
	INBOX_SIGNATURE    /* X.zip.minisig */
};

/* What a file name (no folder) in the inbox is, by the rules above. */
enum inbox_file inbox_classify(const char *name);

struct inbox_opts {
	const char *data_dir;          /* borrowed for the inbox's life; the inbox is data_dir/inbox */
	const struct config *cfg;      /* borrowed likewise: zip budget, allow_unsigned, trusted keys */
	int settle_ms;                 /* 0: INBOX_SETTLE_MS */
	int unsigned_ms;               /* 0: INBOX_UNSIGNED_MS */
	/* called (from the worker thread, when started) after a pack was installed */
	void (*installed)(void *ctx);
	void *ctx;
};

struct inbox_counts {
	int installed, refused, waiting, retrying;
};

struct inbox;

/* Make data_dir/inbox/ and its refused/ folder when missing. -1 when they cannot
 * be made (a read-only data folder: the caller goes on without an inbox). */
int inbox_open(struct inbox **out, const struct inbox_opts *o, struct err *e);
/* Stops the worker if started, then frees. NULL is fine. */
void inbox_close(struct inbox *ib);

/* One pass at now_ms (a monotonic clock in ms): install what is ready, refuse what
 * is bad. Adds to *c (may be NULL). Returns the ms until the next pass is due
 * because something is settling or waiting to be retried, -1 when nothing is. */
int inbox_scan(struct inbox *ib, int64_t now_ms, struct inbox_counts *c);

/* A worker thread that watches the folder with inotify (IN_CLOSE_WRITE, IN_MOVED_TO
 * and the rest that change what is there) and scans when something arrived or a
 * pass is due; it scans once at start and every minute as a safety net. */
int inbox_start(struct inbox *ib, struct err *e);

/* Copy src (a pack or its signature on a stick) into data_dir/inbox/ as `name`: a
 * temporary name, fsync, rename, fsync of the folder, so the inbox never holds a
 * part of it under its real name. -1 with e naming src when it cannot be read
 * (a stick pulled out) or the copy cannot be written; nothing is left behind. */
int inbox_import_file(const char *data_dir, const char *src, const char *name, struct err *e);

/* Remove the .import-* temporaries of imports that are no longer running (a copy
 * cut off by a power cut or a kill). Returns how many went. */
int inbox_clean_imports(const char *data_dir);

/* What the inbox holds, for doctor and the technician menu. */
struct inbox_item {
	char name[256];
	int refused;          /* in refused/ */
	int signed_;          /* its .minisig is beside it */
	char reason[512];     /* refused: the first line of its .txt */
};
/* Every pack waiting in the inbox and every refused one, by name; *out freed by
 * the caller. 0 (and nothing) when there is no inbox. */
int inbox_list(const char *data_dir, struct inbox_item **out, size_t *n, struct err *e);

#endif
