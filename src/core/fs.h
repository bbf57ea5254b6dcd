/* fs.h: file-system helpers with the durability steps an install needs. */
#ifndef KIOSK_FS_H
#define KIOSK_FS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct err;

/* Read a whole regular file of at most `max` bytes, appended to out; out->data stays
 * NUL-terminated (the NUL not counted in out->len). -1 with ERR_NOTFOUND (no such
 * file), ERR_IO ("PATH: not a regular file", or the reason of open or read) or
 * ERR_REFUSED (over `max`); the message begins with path. */
int fs_read_file(const char *path, size_t max, struct buf *out, struct err *e);
/* What the open descriptor fd gives until its end (a pipe, /dev/null, a file from
 * where it is), at most `max` bytes, appended to out and NUL-terminated as above.
 * path only names it in messages. -1 with ERR_IO (the read's reason) or ERR_REFUSED
 * (over `max`); out then holds what was read. fd stays open: the caller closes it. */
int fs_read_fd(int fd, const char *path, size_t max, struct buf *out, struct err *e);
/* Write data to path through a temporary name, fsync it, rename it and fsync the folder. */
int fs_write_atomic(const char *path, const void *data, size_t n, struct err *e);
/* Copy the whole of the open file `in` (from its start) to dst, a new file, and
 * fsync dst; the caller renames it into place. */
int fs_copy_fd(int in, const char *dst, struct err *e);
/* The same, handing each block read (n bytes, borrowed for the call) to each(ctx,
 * ...) before it is written. */
int fs_copy_fd_each(int in, const char *dst, void (*each)(void *ctx, const void *data, size_t n), void *ctx,
		    struct err *e);
int fs_fsync_dir(const char *dir, struct err *e);
/* Create dir and its parents (mode 0755). */
int fs_mkdir_p(const char *dir, struct err *e);
int fs_exists(const char *path);
int fs_is_dir(const char *path);
/* path is on a file system mounted read-only (for everyone, root too). */
int fs_read_only(const char *path);

#endif
