/* faultfs.c: an LD_PRELOAD shim that makes the Nth write-like call on files under a
 * folder fail, to prove that every failed write, fsync or rename leaves a data folder
 * whole. Built as $(BUILD)/tests/faultfs.so (tests/torture.mk).
 *
 *   FAULT_PATH=DIR      count only calls on DIR and the files under it (required;
 *                       fds are tracked from open/openat/creat, dropped at close;
 *                       relative paths are taken against the working folder or dirfd)
 *   FAULT_AT=N          fail the Nth counted call (1-based); 0 or unset: fail nothing
 *   FAULT_ERRNO=ENOSPC|EIO|EDQUOT|EROFS   the error (default EIO)
 *   FAULT_STICKY=1      fail the Nth call and every counted call after it (a disk
 *                       that stays full), not only the Nth
 *   FAULT_COUNT_FILE=F  at exit, write the number of counted calls to F
 *   FAULT_LOG=F         append "N op path" for every counted call to F (and "FAIL")
 *
 * Counted calls: write, writev, pwrite, pwrite64, pwritev, fsync, fdatasync, ftruncate,
 * ftruncate64 on tracked fds; rename, renameat, renameat2 and truncate by path; and
 * open/openat/creat that create (O_CREAT) under FAULT_PATH. SQLite's unix VFS calls
 * these through the PLT, so its journal, WAL and database writes are counted too.
 * The shm file's mmap'ed memory is not (no call to intercept). Give FAULT_PATH as an
 * absolute path without symbolic links. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAXFD 4096

static const char *fault_path;
static long fault_at;
static int fault_errno = EIO, sticky, ready;
static long count;
static unsigned char tracked[MAXFD];
static char fdpath[MAXFD][256];

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_pwritev)(int, const struct iovec *, int, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_truncate)(const char *, off_t);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real_creat)(const char *, mode_t);
static int (*real_close)(int);

#define RESOLVE(name) real_##name = (__typeof__(real_##name))dlsym(RTLD_NEXT, #name)

static void init(void)
{
	const char *s;

	if (ready)
		return;
	RESOLVE(write);
	RESOLVE(writev);
	RESOLVE(pwrite);
	RESOLVE(pwrite64);
	RESOLVE(pwritev);
	RESOLVE(fsync);
	RESOLVE(fdatasync);
	RESOLVE(ftruncate);
	RESOLVE(ftruncate64);
	RESOLVE(truncate);
	RESOLVE(rename);
	RESOLVE(renameat);
	RESOLVE(renameat2);
	RESOLVE(open);
	RESOLVE(open64);
	RESOLVE(openat);
	RESOLVE(openat64);
	RESOLVE(creat);
	RESOLVE(close);
	fault_path = getenv("FAULT_PATH");
	if (fault_path && !*fault_path)
		fault_path = NULL;
	s = getenv("FAULT_AT");
	fault_at = s ? atol(s) : 0;
	s = getenv("FAULT_ERRNO");
	if (s && !strcmp(s, "ENOSPC"))
		fault_errno = ENOSPC;
	else if (s && !strcmp(s, "EDQUOT"))
		fault_errno = EDQUOT;
	else if (s && !strcmp(s, "EROFS"))
		fault_errno = EROFS;
	s = getenv("FAULT_STICKY");
	sticky = s && *s == '1';
	ready = 1;
}

__attribute__((constructor)) static void faultfs_start(void)
{
	init();
}

/* Write a small text to a file with the real calls (never counted). */
static void append(const char *file, const char *text, int trunc)
{
	int fd = real_open(file, O_WRONLY | O_CREAT | O_CLOEXEC | (trunc ? O_TRUNC : O_APPEND), 0644);

	if (fd < 0)
		return;
	(void)!real_write(fd, text, strlen(text));
	real_close(fd);
}

__attribute__((destructor)) static void faultfs_end(void)
{
	const char *f = getenv("FAULT_COUNT_FILE");
	char line[32];

	if (!ready || !f || !*f)
		return;
	snprintf(line, sizeof(line), "%ld\n", count);
	append(f, line, 1);
}

/* path as an absolute path (relative ones against dirfd or the working folder). */
static const char *absolute(int dirfd, const char *path, char *buf, size_t size)
{
	char base[PATH_MAX];

	if (!path || path[0] == '/')
		return path;
	if (dirfd == AT_FDCWD) {
		if (!getcwd(base, sizeof(base)))
			base[0] = 0;
	} else {
		char link[64];
		ssize_t k;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		k = readlink(link, base, sizeof(base) - 1);
		base[k > 0 ? k : 0] = 0;
	}
	snprintf(buf, size, "%s/%s", base, path);
	return buf;
}

/* path is FAULT_PATH or inside it */
static int under_abs(const char *path)
{
	size_t n;

	if (!fault_path || !path)
		return 0;
	n = strlen(fault_path);
	while (n > 1 && fault_path[n - 1] == '/')
		n--;
	return !strncmp(path, fault_path, n) && (path[n] == 0 || path[n] == '/');
}

static int under(int dirfd, const char *path)
{
	char buf[PATH_MAX + 200];

	return under_abs(absolute(dirfd, path, buf, sizeof(buf)));
}

/* Count one call; 1 when it is to fail (errno is then set). */
static int hit(const char *op, const char *path)
{
	long n = __atomic_add_fetch(&count, 1, __ATOMIC_SEQ_CST);
	int fails = fault_at > 0 && (n == fault_at || (sticky && n > fault_at));
	const char *log = getenv("FAULT_LOG");

	if (log && *log) {
		char line[300];
		snprintf(line, sizeof(line), "%ld %s %s%s\n", n, op, path ? path : "?",
			 fails ? " FAIL" : "");
		append(log, line, 0);
	}
	if (fails)
		errno = fault_errno;
	return fails;
}

static int fd_hit(const char *op, int fd)
{
	init();
	if (fd < 0 || fd >= MAXFD || !tracked[fd])
		return 0;
	return hit(op, fdpath[fd]);
}

/* Track an fd opened under FAULT_PATH, with its path for the log. */
static void track(int fd, int dirfd, const char *path)
{
	char buf[PATH_MAX + 200];

	if (fd < 0 || fd >= MAXFD)
		return;
	path = absolute(dirfd, path, buf, sizeof(buf));
	tracked[fd] = under_abs(path);
	if (tracked[fd]) {
		size_t l = strlen(path);
		if (l >= sizeof(fdpath[fd]))
			l = sizeof(fdpath[fd]) - 1;
		memcpy(fdpath[fd], path, l);
		fdpath[fd][l] = 0;
	}
}

/* An open that creates a file under FAULT_PATH may fail (no space for an inode). */
static int create_fails(int dirfd, const char *path, int flags)
{
	return (flags & O_CREAT) && under(dirfd, path) && hit("open-create", path);
}

#define OPEN_BODY(realfn, dirfd, ...)                                       \
	mode_t mode = 0;                                                    \
	int fd;                                                             \
	init();                                                             \
	if (flags & (O_CREAT | __O_TMPFILE)) {                              \
		va_list ap;                                                 \
		va_start(ap, flags);                                        \
		mode = va_arg(ap, mode_t);                                  \
		va_end(ap);                                                 \
	}                                                                   \
	if (create_fails(dirfd, path, flags))                               \
		return -1;                                                  \
	fd = realfn(__VA_ARGS__, flags, mode);                              \
	track(fd, dirfd, path);                                             \
	return fd;

int open(const char *path, int flags, ...)
{
	OPEN_BODY(real_open, AT_FDCWD, path)
}

int open64(const char *path, int flags, ...)
{
	OPEN_BODY(real_open64, AT_FDCWD, path)
}

int openat(int dirfd, const char *path, int flags, ...)
{
	OPEN_BODY(real_openat, dirfd, dirfd, path)
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	OPEN_BODY(real_openat64, dirfd, dirfd, path)
}

int creat(const char *path, mode_t mode)
{
	int fd;

	init();
	if (create_fails(AT_FDCWD, path, O_CREAT))
		return -1;
	fd = real_creat(path, mode);
	track(fd, AT_FDCWD, path);
	return fd;
}

int creat64(const char *path, mode_t mode)
{
	return creat(path, mode);
}

int close(int fd)
{
	init();
	if (fd >= 0 && fd < MAXFD)
		tracked[fd] = 0;
	return real_close(fd);
}

ssize_t write(int fd, const void *p, size_t n)
{
	return fd_hit("write", fd) ? -1 : real_write(fd, p, n);
}

ssize_t writev(int fd, const struct iovec *v, int n)
{
	return fd_hit("writev", fd) ? -1 : real_writev(fd, v, n);
}

ssize_t pwrite(int fd, const void *p, size_t n, off_t at)
{
	return fd_hit("pwrite", fd) ? -1 : real_pwrite(fd, p, n, at);
}

ssize_t pwrite64(int fd, const void *p, size_t n, off64_t at)
{
	return fd_hit("pwrite64", fd) ? -1 : real_pwrite64(fd, p, n, at);
}

ssize_t pwritev(int fd, const struct iovec *v, int n, off_t at)
{
	return fd_hit("pwritev", fd) ? -1 : real_pwritev(fd, v, n, at);
}

int fsync(int fd)
{
	return fd_hit("fsync", fd) ? -1 : real_fsync(fd);
}

int fdatasync(int fd)
{
	return fd_hit("fdatasync", fd) ? -1 : real_fdatasync(fd);
}

int ftruncate(int fd, off_t len)
{
	return fd_hit("ftruncate", fd) ? -1 : real_ftruncate(fd, len);
}

int ftruncate64(int fd, off64_t len)
{
	return fd_hit("ftruncate64", fd) ? -1 : real_ftruncate64(fd, len);
}

int truncate(const char *path, off_t len)
{
	init();
	return under(AT_FDCWD, path) && hit("truncate", path) ? -1 : real_truncate(path, len);
}

int rename(const char *from, const char *to)
{
	init();
	return (under(AT_FDCWD, from) || under(AT_FDCWD, to)) && hit("rename", to) ? -1 : real_rename(from, to);
}

int renameat(int fd1, const char *from, int fd2, const char *to)
{
	init();
	return (under(fd1, from) || under(fd2, to)) && hit("renameat", to) ? -1 : real_renameat(fd1, from, fd2, to);
}

int renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
	init();
	if ((under(fd1, from) || under(fd2, to)) && hit("renameat2", to))
		return -1;
	if (!real_renameat2) {
		errno = ENOSYS;
		return -1;
	}
	return real_renameat2(fd1, from, fd2, to, flags);
}
