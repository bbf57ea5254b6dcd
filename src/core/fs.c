#include "fs.h"
#include "buf.h"
#include "err.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

int fs_read_fd(int fd, const char *path, size_t max, struct buf *out, struct err *e)
{
	size_t start = out->len;
	ssize_t k;

	for (;;) {
		buf_grow(out, 4096);
		k = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			out->data[out->len] = 0;
			return fail(e, ERR_IO, "%s: %s", path, strerror(errno));
		}
		if (k == 0)
			break;
		out->len += (size_t)k;
		if (out->len - start > max) {
			out->data[out->len] = 0;
			return fail(e, ERR_REFUSED, "%s: over the %zu byte limit", path, max);
		}
	}
	out->data[out->len] = 0;
	return 0;
}

int fs_read_file(const char *path, size_t max, struct buf *out, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
	struct stat st;

	if (fd < 0)
		return fail(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(e, ERR_IO, "%s: not a regular file", path);
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return fail(e, ERR_REFUSED, "%s: %lld bytes, over the %zu byte limit", path,
			    (long long)st.st_size, max);
	}
	buf_grow(out, (size_t)st.st_size);
	rc = fs_read_fd(fd, path, max, out, e);
	close(fd);
	return rc;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t k = write(fd, c, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static char *dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	if (!s)
		return xstrdup(".");
	if (s == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(s - path));
}

int fs_fsync_dir(const char *dir, struct err *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return fail(e, ERR_IO, "%s: %s", dir, strerror(errno));
	if (fsync(fd) < 0 && errno != EINVAL) {
		int saved = errno;
		close(fd);
		return fail(e, ERR_IO, "%s: fsync: %s", dir, strerror(saved));
	}
	close(fd);
	return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t n, struct err *e)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	char *dir;
	int fd, rc;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = fail(e, ERR_IO, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	if (write_all(fd, data, n) < 0 || fsync(fd) < 0) {
		rc = fail(e, ERR_IO, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		rc = fail(e, ERR_IO, "%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return rc;
	}
	free(tmp);
	dir = dir_of(path);
	rc = fs_fsync_dir(dir, e);
	free(dir);
	return rc;
}

int fs_copy_fd(int in, const char *dst, struct err *e)
{
	return fs_copy_fd_each(in, dst, NULL, NULL, e);
}

int fs_copy_fd_each(int in, const char *dst, void (*each)(void *ctx, const void *data, size_t n), void *ctx,
		    struct err *e)
{
	char block[65536];
	off_t at = 0;
	ssize_t k;
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (out < 0)
		return fail(e, ERR_IO, "%s: %s", dst, strerror(errno));
	for (;;) {
		k = pread(in, block, sizeof(block), at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (each)
			each(ctx, block, (size_t)k);
		if (write_all(out, block, (size_t)k) < 0) {
			k = -1;
			break;
		}
		at += k;
	}
	if (k < 0 || fsync(out) < 0) {
		int saved = errno;
		close(out);
		unlink(dst);
		return fail(e, ERR_IO, "%s: %s", dst, strerror(saved));
	}
	if (close(out) < 0) {
		int saved = errno;
		unlink(dst);
		return fail(e, ERR_IO, "%s: %s", dst, strerror(saved));
	}
	return 0;
}

int fs_mkdir_p(const char *dir, struct err *e)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			int rc = fail(e, ERR_IO, "%s: %s", p, strerror(errno));
			free(p);
			return rc;
		}
		*s = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST) {
		int rc = fail(e, ERR_IO, "%s: %s", p, strerror(errno));
		free(p);
		return rc;
	}
	free(p);
	return 0;
}

int fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_read_only(const char *path)
{
	struct statvfs sv;
	return statvfs(path, &sv) == 0 && (sv.f_flag & ST_RDONLY);
}
