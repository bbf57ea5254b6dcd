/* tree.h: the files of a pack, from a curator's folder or from a pack zip, behind
 * one interface so that lint, build and install read both the same way. */
#ifndef KIOSK_TREE_H
#define KIOSK_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "zipcheck.h"

struct buf;
struct err;
struct diag_list;

struct tree_file {
	char *path;      /* '/'-separated, NFC, relative to the pack root; owned */
	uint64_t size;   /* declared size */
	uint64_t index;  /* zip index when read from a zip */
	char *real;      /* path on disk as stored, when read from a folder; owned */
	/* A zip's page or ini file as tree_open_zip read it (NUL-terminated, size
	 * bytes), kept for the one tree_read that wants it, which takes it; owned,
	 * or NULL. */
	char *text;
	/* Such a page's bytes as the zip holds them, when it is deflated (method 8):
	 * the raw deflate stream (RFC 1951) text was inflated from, kept for
	 * tree_take_deflate; csize bytes, owned, or NULL. */
	void *deflate;
	uint64_t csize;  /* compressed size in the zip's directory */
	uint32_t crc;    /* CRC-32 in the zip's directory */
	int method;      /* compression method in the zip's directory (0 stored, 8 deflate) */
};

struct tree {
	char *origin;            /* the folder or zip as the user named it */
	int is_zip;
	struct tree_file *files; /* sorted by path, regular files only */
	size_t n, cap;
	void *zip;               /* zip_t * when is_zip */
	int fd;
	/* Files that macOS and Windows add beside content (__MACOSX/, ._*, .DS_Store,
	 * Thumbs.db, desktop.ini), left out of files: how many, and the first. */
	size_t ignored;
	char *ignored_first;     /* owned, or NULL */
	/* A zip made of a folder (Finder's "Compress", Explorer's "Send to"): the one
	 * folder everything is in, stripped from every path; owned, or NULL. */
	char *wrapper;
	/* Folders of a folder source with nothing in them, each named in a warning
	 * when the folder was read: how many. */
	size_t empty_dirs;
	/* Entries of a folder that are there but not content (symbolic links, devices),
	 * each reported once when the folder was read: their paths (NFC), owned. */
	char **refused;
	size_t nrefused, refused_cap;
};

/* 1 when the last segment of path (or any folder of it) is one of the files
 * macOS or Windows add beside content (see struct tree.ignored). */
int tree_is_os_junk(const char *path);

/* Read a curator's folder. Problems that are not fatal (symlinks, odd files) are
 * added to diags when it is not NULL; -1 only when the folder cannot be read.
 * Hidden files are skipped, and files of the operating system counted in
 * t->ignored. */
int tree_open_dir(struct tree *t, const char *dir, struct diag_list *diags, struct err *e);

/* Open a pack zip and apply every safety rule of the format to its directory and
 * entry names (see zipcheck.h for the layout rules). -1 with one message on refusal.
 * Files of the operating system (tree_is_os_junk) are left out; when the root has
 * no pack.ini and every file is inside one folder that has one, that folder is
 * stripped from the paths (t->wrapper says which). pack_load warns of both. */
int tree_open_zip(struct tree *t, const char *path, const struct zip_budget *budget, struct err *e);

/* Open a pack zip the kiosk installed (DATA/packs/ID-VERSION.zip), which `kiosk
 * pack install` read whole and checked with tree_open_zip before it copied it in:
 * the same rules for its directory and entry names, but no entry is read now.
 * Each is checked as tree_read reads it (its declared size, its CRC-32, not a zip
 * inside), so a file damaged on disk since the install is refused when it is
 * wanted. For the kiosk's pictures and narration, which want one file of the
 * pack: tree_open_zip reads the whole pack (7.3 MB of narration in the demo pack,
 * with a CRC-32 of each byte) for it. Errors as for tree_open_zip. */
int tree_open_installed(struct tree *t, const char *path, const struct zip_budget *budget, struct err *e);

void tree_close(struct tree *t);

/* The raw deflate stream of a zip's page that tree_open_zip kept (struct
 * tree_file.deflate), handed to the caller (who frees it) with its length in *n
 * and the CRC-32 of the text it inflates to in *crc; NULL when there is none (a
 * folder, a stored entry, a file not kept, or taken already). Only the one
 * reader of the page may call it, as for tree_read. */
void *tree_take_deflate(struct tree *t, const struct tree_file *f, size_t *n, uint32_t *crc);

/* The file at path, or NULL. */
const struct tree_file *tree_find(const struct tree *t, const char *path);

/* 1 when path names an entry of the folder that was refused as content (a
 * symbolic link, a device; see struct tree.refused), else 0: a page that shows
 * it needs no second error saying it does not exist. */
int tree_refused(const struct tree *t, const char *path);

/* Read a file into out (appended), at most max bytes: a zip entry whose real size
 * differs from its declared size is refused after reading at most size+1 bytes.
 * A zip's Markdown and ini files are read once, when the zip is opened: the first
 * tree_read of such a file takes those bytes, a later one reads the entry again. */
int tree_read(struct tree *t, const struct tree_file *f, uint64_t max, struct buf *out, struct err *e);

/* A name a user can find: "folder/path" or "pack.zip:path". Returns a new string. */
char *tree_display(const struct tree *t, const char *path);

/* The version of libzip, which tree_open_zip loads at its first call (pack/ziplib.h),
 * as "1.7.3" (static); NULL when it cannot be loaded. */
const char *ziplib_version(void);

#endif
