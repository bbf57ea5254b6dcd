/* hash.c: SHA-256 of a pack file (sha256.h), to identify exactly what is installed. */
#include "hash.h"
#include "sha256.h"
#include "core/err.h"
#include "core/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int pack_sha256_fd_into(struct sha256 *s, int fd, char hex[65], struct err *e)
{
	unsigned char block[65536];
	off_t at = 0;
	ssize_t k;

	while ((k = pread(fd, block, sizeof(block), at)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			sha256_abandon(s);
			return fail(e, ERR_IO, "reading: %s", strerror(errno));
		}
		sha256_add(s, block, (size_t)k);
		at += k;
	}
	sha256_end(s, hex);
	return 0;
}

int pack_sha256_fd(int fd, char hex[65], struct err *e)
{
	struct sha256 s;

	if (sha256_begin(&s, e) < 0)
		return -1;
	return pack_sha256_fd_into(&s, fd, hex, e);
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
	sha256_add(ctx, data, n);
}

int pack_sha256_copy(struct sha256 *s, int fd, const char *dst, char hex[65], struct err *e)
{
	if (fs_copy_fd_each(fd, dst, hash_block, s, e) < 0) {
		sha256_abandon(s);
		return -1;
	}
	sha256_end(s, hex);
	return 0;
}
