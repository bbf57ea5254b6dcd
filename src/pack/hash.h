/* hash.h: identify pack files by content. */
#ifndef KIOSK_HASH_H
#define KIOSK_HASH_H

struct err;

/* Lowercase hex SHA-256 of the file's bytes into hex (65 bytes with the NUL). */
/* The same for an open file, read from its start (the offset is not moved). */
int pack_sha256_fd(int fd, char hex[65], struct err *e);
int pack_sha256_file(const char *path, char hex[65], struct err *e);

#endif
