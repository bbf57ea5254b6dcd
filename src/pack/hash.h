/* hash.h: identify pack files by content. */
#ifndef KIOSK_HASH_H
#define KIOSK_HASH_H

struct err;
struct sha256;

/* Lowercase hex SHA-256 of the file's bytes into hex (65 bytes with the NUL). 0, or
 * -1 with e set (the file cannot be read, or libcrypto cannot be loaded). */
int pack_sha256_file(const char *path, char hex[65], struct err *e);
/* The same for an open file, read from its start (the offset is not moved). */
int pack_sha256_fd(int fd, char hex[65], struct err *e);

/* The two below hash into s, begun by sha256_begin, and end it (or abandon it when
 * they fail). Begun on the thread that starts the one they run on, they leave that
 * thread nothing to allocate while it reads: a thread's first allocation takes a
 * malloc arena, which threads started while it runs then cannot share (an install
 * of the 10,000-exhibit pack peaked 27 MB higher when the hashing threads began
 * their own). Ending the hash frees its context on the hashing thread, as it
 * finishes. */

/* pack_sha256_fd into s. */
int pack_sha256_fd_into(struct sha256 *s, int fd, char hex[65], struct err *e);
/* Copy the open file fd (from its start) to dst as fs_copy_fd does, and the
 * SHA-256 of the bytes copied into hex: the bytes are read once for both. */
int pack_sha256_copy(struct sha256 *s, int fd, const char *dst, char hex[65], struct err *e);

#endif
