/* inbox.c: packs dropped into DATA/inbox/ are installed by a worker thread. */
#include "inbox.h"
#include "config.h"
#include "installer.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/sign.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RESCAN_MS 60000  /* a pass now and then, in case inotify missed something */

/* One X.zip seen in the inbox, and what its files looked like last time. */
struct seen {
	char *name;
	int64_t zsize, zmtime, ssize, smtime;  /* ssize -1: no signature */
	int64_t since;        /* the files look like this since then (ms) */
	int64_t first;        /* first seen (ms) */
	int64_t retry_at;     /* a failure that may pass: not before then */
	int refused;          /* refused, but could not be moved: left until it changes */
	int present;          /* found by the current pass */
};

struct inbox {
	char *data_dir, *dir, *refused_dir;
	const struct config *cfg;
	int settle_ms, unsigned_ms;
	void (*installed)(void *ctx);
	void *ctx;
	struct seen *seen;
	size_t nseen, seen_cap;
	pthread_t thread;
	int started;
	int stop_fd[2];
};

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && !strcmp(s + n - t, tail);
}

enum inbox_file inbox_classify(const char *name)
{
	static const char *const litter_tails[] = { "~", ".tmp", ".part", ".crdownload", ".swp", ".bak" };
	static const char *const litter_names[] = { "Thumbs.db", "desktop.ini", "ehthumbs.db" };

	/* hidden: .syncthing.*.tmp, .DS_Store, ._x (AppleDouble), .~lock.x#, .x.swp,
	 * .stfolder, .stversions, and the import's own temporaries */
	if (!*name || name[0] == '.' || !strncmp(name, "~$", 2) || strchr(name, '/'))
		return INBOX_OTHER;
	if (strstr(name, ".sync-conflict-"))
		return INBOX_OTHER;
	for (size_t i = 0; i < sizeof(litter_tails) / sizeof(*litter_tails); i++)
		if (ends_with(name, litter_tails[i]))
			return INBOX_OTHER;
	for (size_t i = 0; i < sizeof(litter_names) / sizeof(*litter_names); i++)
		if (!strcasecmp(name, litter_names[i]))
			return INBOX_OTHER;
	if (ends_with(name, ".zip" SIGN_SUFFIX) && strlen(name) > strlen(".zip" SIGN_SUFFIX))
		return INBOX_SIGNATURE;
	if (ends_with(name, ".zip") && strlen(name) > 4)
		return INBOX_PACK;
	return INBOX_OTHER;
}

static int64_t mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

int inbox_open(struct inbox **out, const struct inbox_opts *o, struct err *e)
{
	struct inbox *ib = xcalloc(1, sizeof(*ib));

	*out = NULL;
	ib->data_dir = xstrdup(o->data_dir);
	ib->dir = xasprintf("%s/inbox", o->data_dir);
	ib->refused_dir = xasprintf("%s/refused", ib->dir);
	ib->cfg = o->cfg;
	ib->settle_ms = o->settle_ms > 0 ? o->settle_ms : INBOX_SETTLE_MS;
	ib->unsigned_ms = o->unsigned_ms > 0 ? o->unsigned_ms : INBOX_UNSIGNED_MS;
	ib->installed = o->installed;
	ib->ctx = o->ctx;
	ib->stop_fd[0] = ib->stop_fd[1] = -1;
	if (fs_mkdir_p(ib->refused_dir, e) < 0) {
		inbox_close(ib);
		return -1;
	}
	*out = ib;
	return 0;
}

void inbox_close(struct inbox *ib)
{
	if (!ib)
		return;
	if (ib->started) {
		char c = 1;
		if (write(ib->stop_fd[1], &c, 1) < 0)
			perror("kiosk: inbox: stopping the worker");
		pthread_join(ib->thread, NULL);
	}
	for (int i = 0; i < 2; i++)
		if (ib->stop_fd[i] >= 0)
			close(ib->stop_fd[i]);
	for (size_t i = 0; i < ib->nseen; i++)
		free(ib->seen[i].name);
	free(ib->seen);
	free(ib->data_dir);
	free(ib->dir);
	free(ib->refused_dir);
	free(ib);
}

static struct seen *find_seen(struct inbox *ib, const char *name)
{
	for (size_t i = 0; i < ib->nseen; i++)
		if (!strcmp(ib->seen[i].name, name))
			return &ib->seen[i];
	return NULL;
}

/* The installer's message without the inbox's folder in front of file names. */
static void plain_reason(const struct inbox *ib, const char *msg, char *out, size_t size)
{
	size_t dn = strlen(ib->dir), k = 0;

	while (*msg && k + 1 < size) {
		if (!strncmp(msg, ib->dir, dn) && msg[dn] == '/') {
			msg += dn + 1;
			continue;
		}
		out[k++] = *msg == '\n' ? ' ' : *msg;
		msg++;
	}
	out[k] = 0;
}

/* Both files to refused/, the reason beside them. -1 when they could not be moved. */
static int refuse(struct inbox *ib, struct seen *s, const char *why)
{
	char *zip = xasprintf("%s/%s", ib->dir, s->name), *sig = xasprintf("%s" SIGN_SUFFIX, zip);
	char *rzip = xasprintf("%s/%s", ib->refused_dir, s->name), *rsig = xasprintf("%s" SIGN_SUFFIX, rzip);
	char *txt = xasprintf("%s.txt", rzip), *line = xasprintf("%s\n", why);
	struct err e = { 0 };
	int rc = 0;

	/* the reason first: a refused pack is never without one; the log line once
	 * the files are where it says */
	if (fs_mkdir_p(ib->refused_dir, &e) < 0 || fs_write_atomic(txt, line, strlen(line), &e) < 0 ||
	    rename(zip, rzip) < 0) {
		fprintf(stderr, "kiosk: inbox: refused %s: %s (it stays in the inbox: %s)\n", s->name, why,
			e.code ? e.msg : strerror(errno));
		rc = -1;
	} else {
		/* its signature beside it; none: no older one to pair with it either */
		if (rename(sig, rsig) < 0 && errno == ENOENT)
			unlink(rsig);
		fs_fsync_dir(ib->refused_dir, NULL);
		fs_fsync_dir(ib->dir, NULL);
		fprintf(stderr, "kiosk: inbox: refused %s: %s\n", s->name, why);
	}
	free(zip);
	free(sig);
	free(rzip);
	free(rsig);
	free(txt);
	free(line);
	return rc;
}

/* An earlier file of this name that was refused: its reason no longer holds once a
 * file of the same name is installed, so it goes, with its signature and reason. */
static void forget_refusal(struct inbox *ib, const char *name)
{
	char *rzip = xasprintf("%s/%s", ib->refused_dir, name), *rsig = xasprintf("%s" SIGN_SUFFIX, rzip);
	char *txt = xasprintf("%s.txt", rzip);
	int gone = unlink(txt) == 0;

	gone |= unlink(rzip) == 0;
	gone |= unlink(rsig) == 0;
	if (gone)
		fs_fsync_dir(ib->refused_dir, NULL);
	free(rzip);
	free(rsig);
	free(txt);
}

/* Install one settled pack. 1 installed, 0 refused, -1 try again later. */
static int take(struct inbox *ib, struct seen *s)
{
	char *zip = xasprintf("%s/%s", ib->dir, s->name), *sig = xasprintf("%s" SIGN_SUFFIX, zip);
	struct install_opts o = { 0 };
	struct install_result r;
	struct sign_keyring keys = { 0 };
	struct err e = { 0 };
	char why[1024];
	int rc;

	o.budget = ib->cfg->budget;
	o.allow_unsigned = ib->cfg->allow_unsigned;
	o.now = (int64_t)time(NULL);
	o.keys = &keys;
	if (config_trusted_keys(ib->cfg, ib->data_dir, &keys, &e) < 0) {
		e.code = ERR_IO; /* the keys folder, not the pack: try again when it is fixed */
		rc = -1;
	} else {
		rc = installer_install(ib->data_dir, zip, &o, &r, &e);
	}
	sign_keyring_release(&keys);
	if (rc == 0) {
		if (r.unchanged)
			fprintf(stderr, "kiosk: inbox: %s: %s %s is already installed\n", s->name, r.id, r.version);
		else
			fprintf(stderr, "kiosk: inbox: installed %s %s from %s (%d section%s, %d exhibit%s)%s%s\n",
				r.id, r.version, s->name, r.sections, r.sections == 1 ? "" : "s", r.exhibits,
				r.exhibits == 1 ? "" : "s", r.replaced[0] ? ", replacing " : "",
				r.replaced);
		unlink(zip);
		unlink(sig);
		fs_fsync_dir(ib->dir, NULL);
		forget_refusal(ib, s->name);
		rc = 1;
	} else if (e.code == ERR_IO || e.code == ERR_NOMEM) {
		plain_reason(ib, e.msg, why, sizeof(why));
		if (!s->retry_at)
			fprintf(stderr, "kiosk: inbox: %s: %s; tried again in %d s\n", s->name, why, INBOX_RETRY_MS / 1000);
		rc = -1;
	} else {
		plain_reason(ib, e.msg, why, sizeof(why));
		s->refused = refuse(ib, s, why) < 0;
		rc = 0;
	}
	free(zip);
	free(sig);
	return rc;
}

int inbox_scan(struct inbox *ib, int64_t now, struct inbox_counts *c)
{
	struct inbox_counts dummy = { 0 };
	DIR *d = opendir(ib->dir);
	struct dirent *de;
	int64_t next = -1;
	char **names = NULL;
	size_t nnames = 0, cap = 0;

	if (!c)
		c = &dummy;
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (inbox_classify(de->d_name) == INBOX_PACK) {
			names = xgrow(names, &cap, nnames + 1, sizeof(*names));
			names[nnames++] = xstrdup(de->d_name);
		}
	closedir(d);
	for (size_t i = 0; i < ib->nseen; i++)
		ib->seen[i].present = 0;
	for (size_t i = 0; i < nnames; i++) {
		char *zip = xasprintf("%s/%s", ib->dir, names[i]), *sig = xasprintf("%s" SIGN_SUFFIX, zip);
		struct stat zs, ss;
		struct seen *s = find_seen(ib, names[i]);
		int64_t ssize = -1, smtime = 0, due = -1;

		if (lstat(zip, &zs) < 0 || !S_ISREG(zs.st_mode))
			goto next_name; /* gone meanwhile, or a folder or link: not a pack */
		if (stat(sig, &ss) == 0 && S_ISREG(ss.st_mode)) {
			ssize = (int64_t)ss.st_size;
			smtime = mtime_ns(&ss);
		}
		if (!s) {
			ib->seen = xgrow(ib->seen, &ib->seen_cap, ib->nseen + 1, sizeof(*ib->seen));
			s = &ib->seen[ib->nseen++];
			memset(s, 0, sizeof(*s));
			s->name = xstrdup(names[i]);
			s->first = now;
			s->since = now;
			s->zsize = -2;
		}
		s->present = 1;
		if (s->zsize != (int64_t)zs.st_size || s->zmtime != mtime_ns(&zs) || s->ssize != ssize ||
		    s->smtime != smtime) {
			/* changed: settle again, and a refused or failed file is new again */
			s->zsize = (int64_t)zs.st_size;
			s->zmtime = mtime_ns(&zs);
			s->ssize = ssize;
			s->smtime = smtime;
			s->since = now;
			s->refused = 0;
			s->retry_at = 0;
		}
		if (s->refused)
			goto next_name;
		if (now - s->since < ib->settle_ms) {
			due = s->since + ib->settle_ms;
			c->waiting++;
		} else if (s->retry_at && now < s->retry_at) {
			due = s->retry_at;
			c->retrying++;
		} else if (ssize < 0 && !ib->cfg->allow_unsigned) {
			if (now - s->first >= ib->unsigned_ms) {
				char why[512];
				snprintf(why, sizeof(why), "%s: no signature (%s" SIGN_SUFFIX ") arrived within %d %s",
					 s->name, s->name, ib->unsigned_ms >= 60000 ? ib->unsigned_ms / 60000 : ib->unsigned_ms / 1000,
					 ib->unsigned_ms >= 60000 ? "minutes" : "seconds");
				s->refused = refuse(ib, s, why) < 0;
				c->refused++;
			} else {
				due = s->first + ib->unsigned_ms;
				c->waiting++;
			}
		} else {
			int r = take(ib, s);
			if (r > 0) {
				c->installed++;
				if (ib->installed)
					ib->installed(ib->ctx);
			} else if (r == 0) {
				c->refused++;
			} else {
				s->retry_at = now + INBOX_RETRY_MS;
				due = s->retry_at;
				c->retrying++;
			}
		}
		if (due >= 0 && (next < 0 || due < next))
			next = due;
next_name:
		free(zip);
		free(sig);
		free(names[i]);
	}
	free(names);
	/* forget what is no longer there */
	for (size_t i = 0; i < ib->nseen;) {
		if (ib->seen[i].present) {
			i++;
			continue;
		}
		free(ib->seen[i].name);
		ib->seen[i] = ib->seen[--ib->nseen];
	}
	return next < 0 ? -1 : (int)(next - now > 0 ? next - now : 0);
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *worker(void *arg)
{
	struct inbox *ib = arg;
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	if (in < 0 || inotify_add_watch(in, ib->dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
					IN_ATTRIB | IN_CREATE) < 0) {
		fprintf(stderr, "kiosk: inbox: %s: cannot watch (%s); looking every %d s instead\n", ib->dir,
			strerror(errno), 5);
		if (in >= 0)
			close(in);
		in = -1;
	}
	for (;;) {
		struct pollfd p[2] = { { ib->stop_fd[0], POLLIN, 0 }, { in, POLLIN, 0 } };
		int wait = inbox_scan(ib, mono_ms(), NULL);

		if (wait < 0 || wait > (in < 0 ? 5000 : RESCAN_MS))
			wait = in < 0 ? 5000 : RESCAN_MS;
		if (poll(p, in < 0 ? 1 : 2, wait) < 0 && errno != EINTR)
			break;
		if (p[0].revents)
			break;
		if (in >= 0 && p[1].revents)
			while (read(in, buf, sizeof(buf)) > 0)
				; /* what changed does not matter: the pass looks at everything */
	}
	if (in >= 0)
		close(in);
	return NULL;
}

int inbox_start(struct inbox *ib, struct err *e)
{
	sigset_t all, old;
	int rc;

	if (pipe2(ib->stop_fd, O_CLOEXEC) < 0)
		return fail(e, ERR_IO, "inbox: %s", strerror(errno));
	/* signals stay with the main thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&ib->thread, NULL, worker, ib);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc)
		return fail(e, ERR_IO, "inbox: cannot start the worker: %s", strerror(rc));
	ib->started = 1;
	return 0;
}

int inbox_import_file(const char *data_dir, const char *src, const char *name, struct err *e)
{
	char *dir = xasprintf("%s/inbox", data_dir);
	char *tmp = xasprintf("%s/" INBOX_TMP_PREFIX "%ld-%s", dir, (long)getpid(), name);
	char *dst = xasprintf("%s/%s", dir, name);
	int in = -1, rc = -1;
	struct stat st;

	if (fs_mkdir_p(dir, e) < 0)
		goto out;
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0 || fstat(in, &st) < 0 || !S_ISREG(st.st_mode)) {
		fail(e, ERR_IO, "%s: %s", src, in < 0 ? strerror(errno) : "not a regular file");
		goto out;
	}
	unlink(tmp);
	if (fs_copy_fd(in, tmp, e) < 0) {
		/* a read error (the stick pulled out) shows as one of the copy */
		char msg[sizeof(e->msg)];
		snprintf(msg, sizeof(msg), "%s", e->msg);
		fail(e, ERR_IO, "%s: cannot be copied: %s", src, msg);
		goto out;
	}
	/* the whole file was read: a stick pulled out mid-copy may end the reads early
	 * rather than fail them */
	{
		struct stat copied;
		if (fstat(in, &st) < 0 || stat(tmp, &copied) < 0 || copied.st_size != st.st_size) {
			fail(e, ERR_IO, "%s: cannot be copied: the copy is not the whole file", src);
			unlink(tmp);
			goto out;
		}
	}
	if (rename(tmp, dst) < 0) {
		fail(e, ERR_IO, "%s: %s", dst, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = fs_fsync_dir(dir, e);
out:
	if (in >= 0)
		close(in);
	free(dir);
	free(tmp);
	free(dst);
	return rc;
}

int inbox_clean_imports(const char *data_dir)
{
	char *dir = xasprintf("%s/inbox", data_dir);
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	size_t plen = strlen(INBOX_TMP_PREFIX);

	while (d && (de = readdir(d))) {
		long pid;
		char *end, *p;
		if (strncmp(de->d_name, INBOX_TMP_PREFIX, plen))
			continue;
		pid = strtol(de->d_name + plen, &end, 10);
		/* a running import's own file stays */
		if (end != de->d_name + plen && *end == '-' && pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(p) == 0)
			n++;
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
	return n;
}

static void first_line(const char *path, char *out, size_t size)
{
	FILE *f = fopen(path, "r");

	out[0] = 0;
	if (!f)
		return;
	if (fgets(out, (int)size, f))
		out[strcspn(out, "\n")] = 0;
	fclose(f);
}

static void list_dir(const char *dir, int refused, struct inbox_item **out, size_t *n, size_t *cap)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		struct inbox_item *it;
		char *sig, *txt;
		if (inbox_classify(de->d_name) != INBOX_PACK)
			continue;
		*out = xgrow(*out, cap, *n + 1, sizeof(**out));
		it = &(*out)[(*n)++];
		memset(it, 0, sizeof(*it));
		snprintf(it->name, sizeof(it->name), "%s", de->d_name);
		it->refused = refused;
		sig = xasprintf("%s/%s" SIGN_SUFFIX, dir, de->d_name);
		txt = xasprintf("%s/%s.txt", dir, de->d_name);
		it->signed_ = fs_exists(sig);
		if (refused)
			first_line(txt, it->reason, sizeof(it->reason));
		free(sig);
		free(txt);
	}
	if (d)
		closedir(d);
}

static int cmp_item(const void *x, const void *y)
{
	const struct inbox_item *a = x, *b = y;
	return a->refused != b->refused ? a->refused - b->refused : strcmp(a->name, b->name);
}

int inbox_list(const char *data_dir, struct inbox_item **out, size_t *n, struct err *e)
{
	char *dir = xasprintf("%s/inbox", data_dir), *refused = xasprintf("%s/inbox/refused", data_dir);
	size_t cap = 0;

	(void)e;
	*out = NULL;
	*n = 0;
	list_dir(dir, 0, out, n, &cap);
	list_dir(refused, 1, out, n, &cap);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_item);
	free(dir);
	free(refused);
	return 0;
}
