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
};

struct tree {
	char *origin;            /* the folder or zip as the user named it */
	int is_zip;
	struct tree_file *files; /* sorted by path, regular files only */
	size_t n, cap;
	void *zip;               /* zip_t * when is_zip */
	int fd;
};

/* Read a curator's folder. Problems that are not fatal (symlinks, odd files) are
 * added to diags when it is not NULL; -1 only when the folder cannot be read. */
int tree_open_dir(struct tree *t, const char *dir, struct diag_list *diags, struct err *e);

/* Open a pack zip and apply every safety rule of the format to its directory and
 * entry names (see zipcheck.h for the layout rules). -1 with one message on refusal. */
int tree_open_zip(struct tree *t, const char *path, const struct zip_budget *budget, struct err *e);

void tree_close(struct tree *t);

/* The file at path, or NULL. */
const struct tree_file *tree_find(const struct tree *t, const char *path);

/* Read a file into out (appended), at most max bytes: a zip entry whose real size
 * differs from its declared size is refused after reading at most size+1 bytes. */
int tree_read(struct tree *t, const struct tree_file *f, uint64_t max, struct buf *out, struct err *e);

/* A name a user can find: "folder/path" or "pack.zip:path". Returns a new string. */
char *tree_display(const struct tree *t, const char *path);

#endif
