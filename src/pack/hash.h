/* hash.h: identify pack files by content. */
#ifndef KIOSK_HASH_H
#define KIOSK_HASH_H

struct err;

/* Lowercase hex SHA-256 of the file's bytes into hex (65 bytes with the NUL). 0, or
 * -1 with e set (the file cannot be read). */
int pack_sha256_file(const char *path, char hex[65], struct err *e);
/* The same for an open file, read from its start (the offset is not moved). */
int pack_sha256_fd(int fd, char hex[65], struct err *e);
/* Copy the open file fd (from its start) to dst as fs_copy_fd does, and the
 * SHA-256 of the bytes copied into hex: the bytes are read once for both. */
int pack_sha256_copy(int fd, const char *dst, char hex[65], struct err *e);

#endif
