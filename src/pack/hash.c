/* hash.c: SHA-256 of a pack file (libsodium), to identify exactly what is installed. */
#include "hash.h"
#include "core/err.h"
#include "core/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

int pack_sha256_fd(int fd, char hex[65], struct err *e)
{
	crypto_hash_sha256_state st;
	unsigned char block[65536], out[crypto_hash_sha256_BYTES];
	off_t at = 0;
	ssize_t k;

	if (sodium_init() < 0)
		return fail(e, ERR_IO, "libsodium cannot start");
	crypto_hash_sha256_init(&st);
	while ((k = pread(fd, block, sizeof(block), at)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return fail(e, ERR_IO, "reading: %s", strerror(errno));
		}
		crypto_hash_sha256_update(&st, block, (unsigned long long)k);
		at += k;
	}
	crypto_hash_sha256_final(&st, out);
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return 0;
}

int pack_sha256_file(const char *path, char hex[65], struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return fail(e, ERR_IO, "%s: %s", path, strerror(errno));
	rc = pack_sha256_fd(fd, hex, e);
	close(fd);
	if (rc < 0)
		err_prefix(e, "%s", path);
	return rc;
}

static void hash_block(void *ctx, const void *data, size_t n)
{
	crypto_hash_sha256_update(ctx, data, (unsigned long long)n);
}

int pack_sha256_copy(int fd, const char *dst, char hex[65], struct err *e)
{
	crypto_hash_sha256_state st;
	unsigned char out[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		return fail(e, ERR_IO, "libsodium cannot start");
	crypto_hash_sha256_init(&st);
	if (fs_copy_fd_each(fd, dst, hash_block, &st, e) < 0)
		return -1;
	crypto_hash_sha256_final(&st, out);
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return 0;
}
