#include "installer.h"
#include "catalog/catalog.h"
#include "core/buf.h"
#include "core/cpu.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/hash.h"
#include "pack/pack.h"
#include "pack/sha256.h"
#include "pack/sign.h"
#include "pack/verify.h"
#include "pack/tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_PREFIX ".incoming-"

char *installer_catalog_path(const char *data_dir)
{
	return xasprintf("%s/catalog.db", data_dir);
}

/* Hold an exclusive lock on the data folder itself (no lock file to leave behind). */
static int lock_dir(const char *dir, struct err *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return fail(e, ERR_IO, "%s: %s", dir, strerror(errno));
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return fail(e, ERR_IO, "%s: cannot lock: %s", dir, strerror(errno));
	}
	return fd;
}

/* Delete what an interrupted install or remove left in packs/: every file the
 * catalog cat does not name, or, with cat NULL (no catalog yet), only the copies
 * an install was making (TMP_PREFIX). How many went, or -1 with e. */
static int clean_packs(const char *packs, struct catalog *cat, struct err *e)
{
	char **files = NULL;
	size_t n = 0;
	DIR *d;
	struct dirent *de;
	int removed = 0;

	if (cat && catalog_pack_files(cat, &files, &n, e) < 0)
		return -1;
	d = opendir(packs);
	if (d) {
		while ((de = readdir(d))) {
			int keep = !cat && strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX));
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			for (size_t i = 0; i < n && !keep; i++)
				keep = !strcmp(files[i], de->d_name);
			if (!keep) {
				char *p = xasprintf("%s/%s", packs, de->d_name);
				if (unlink(p) == 0)
					removed++;
				free(p);
			}
		}
		closedir(d);
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	if (removed)
		fs_fsync_dir(packs, NULL);
	return removed;
}

/* The files SQLite may make of the temporary catalog db. */
static void unlink_db(const char *db)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		char *f = xasprintf("%s%s", db, suffix[i]);
		unlink(f);
		free(f);
	}
}

/* A first install makes its catalog under a temporary name (CATALOG_BUILD: each
 * page written once, straight to the file) and puts it into place whole after its
 * COMMIT (put_catalog), so that catalog.db, whenever it exists, has the schema and
 * no reader sees a catalog half made. A crash before the rename leaves no
 * catalog.db, and the temporary file for the next start or install to delete; one
 * after the pack file went into place and before the catalog did leaves a pack in
 * packs/ and no catalog, which the next start, install or remove indexes again
 * (recover_locked), as kiosk doctor says. *built gets the temporary name (the
 * caller frees it), or stays NULL when catalog.db was there after all. */
static int new_catalog(const char *data_dir, const char *cpath, struct catalog **cat, char **built,
		       struct err *e)
{
	char *tmp;

	if (fs_exists(cpath)) /* made meanwhile by an install that had the lock first */
		return catalog_open(cat, cpath, 0, e);
	tmp = xasprintf("%s/" TMP_PREFIX "catalog.db", data_dir);
	unlink_db(tmp); /* what a crash here left */
	if (catalog_open(cat, tmp, CATALOG_CREATE | CATALOG_BUILD, e) < 0) {
		unlink_db(tmp);
		free(tmp);
		return -1;
	}
	*built = tmp;
	return 0;
}

/* The catalog cat, built under the name built, closed (catalog_finish) and renamed
 * to cpath, the rename synced. On failure nothing is at cpath; the caller deletes
 * built and the pack file it put into place. cat is closed either way. */
static int put_catalog(const char *data_dir, const char *cpath, struct catalog *cat, const char *built,
		       struct err *e)
{
	if (catalog_finish(cat, e) < 0)
		return -1;
	if (rename(built, cpath) < 0)
		return fail(e, ERR_IO, "%s: %s", cpath, strerror(errno));
	if (fs_fsync_dir(data_dir, e) < 0) {
		unlink(cpath);
		return -1;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **installer_pack_zips(const char *packs, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	DIR *d = opendir(packs);
	struct dirent *de;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".zip") || !strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)))
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), by_name);
	return v;
}

/* Index one zip of packs/ into cat (a catalog being rebuilt). The zip was checked
 * whole when it was installed, its signature too; the signature is not kept beside
 * it, so here the zip and the pack are checked again, under the limits of any
 * installed pack (ZIP_BUDGET_INSTALLED), and the signature is not.
 * 1 indexed, 0 left out (an older version of a pack indexed already), -1 with e
 * when the zip does not check, -2 with e when the catalog cannot be read or written
 * (a full disk, a read error). */
static int reindex_one(struct catalog *cat, const char *packs, const char *name, struct err *e)
{
	struct zip_budget budget = ZIP_BUDGET_INSTALLED;
	struct pack_verify_opts vo = { budget, PACK_SIG_NONE, 0, NULL, NULL };
	char *path = xasprintf("%s/%s", packs, name), hash[65], replaced[512];
	struct diag_list diags;
	struct sign_check sig;
	struct catalog_pack old;
	struct tree t;
	struct pack p;
	struct stat st;
	int rc, had;

	diag_init(&diags);
	memset(&p, 0, sizeof(p));
	rc = pack_verify_zip(path, &vo, &t, &p, &sig, hash, &diags, e);
	diag_release(&diags);
	if (rc < 0) {
		free(path);
		return -1;
	}
	had = catalog_pack_get(cat, p.id, &old, e);
	if (had > 0 && pack_version_cmp(p.version, old.version) <= 0) {
		rc = 0;
	} else if (had >= 0) {
		rc = catalog_install(cat, &p, name, hash, stat(path, &st) == 0 ? (int64_t)st.st_mtime : 0, NULL, NULL,
				     replaced, sizeof(replaced), e) < 0 ? -2 : 1;
	} else {
		rc = -2;
	}
	pack_release(&p);
	tree_close(&t);
	free(path);
	return rc;
}

/* A zip of packs/ that did not check when the catalog was made again goes to
 * DATA/left-out/, out of the way of clean_packs, which would take it for a leftover
 * and delete it: it may be a pack that a read error hid, for the technician to
 * install again. 0, or -1 with e (then nothing may be cleaned). */
static int set_aside(const char *data_dir, const char *packs, const char *name, struct err *e)
{
	char *dir = xasprintf("%s/" INSTALLER_LEFT_OUT, data_dir), *from = xasprintf("%s/%s", packs, name);
	char *to = xasprintf("%s/%s", dir, name);
	int rc = 0;

	if (fs_mkdir_p(dir, e) < 0)
		rc = -1;
	else if (rename(from, to) < 0)
		rc = fail(e, ERR_IO, "%s: cannot be moved to %s: %s", from, dir, strerror(errno));
	else if (fs_fsync_dir(dir, e) < 0 || fs_fsync_dir(packs, e) < 0)
		rc = -1;
	free(dir);
	free(from);
	free(to);
	return rc;
}

/* With the folder locked: when the catalog is missing while packs/ holds pack zips,
 * or is damaged (catalog_probe), make it again from those zips, so that they are
 * not taken for leftovers and deleted. A damaged catalog is kept as
 * catalog.db.damaged (its -wal as catalog.db.damaged-wal), replacing an older one.
 * The new catalog is made under a temporary name and renamed into place whole.
 * Returns how many packs were indexed (0: nothing to do), with note[0..n) saying
 * what was done; -1 with e when the catalog's state cannot be told or the new one
 * cannot be written (then no zip was taken for a leftover). A zip that no longer
 * checks is named in the note and moved to DATA/left-out/ (set_aside). */
static int recover_locked(const char *data_dir, char *note, size_t n, int deep, struct err *e)
{
	char *cpath = installer_catalog_path(data_dir), *packs = xasprintf("%s/packs", data_dir);
	char *tmp = xasprintf("%s/" TMP_PREFIX "catalog.db", data_dir), **zips;
	struct err pe = { 0 };
	struct catalog *cat = NULL;
	struct buf skipped = BUF_INIT, ids = BUF_INIT;
	size_t nzips = 0;
	int state, rc = -1, indexed, building = 0;

	note[0] = 0;
	state = catalog_probe(cpath, deep, &pe);
	if (state < 0) {
		if (e)
			*e = pe;
		goto out_nozips;
	}
	zips = installer_pack_zips(packs, &nzips);
	if (state == CATALOG_FOUND || (state == CATALOG_MISSING && !nzips)) {
		rc = 0;
		goto out;
	}
	if (state == CATALOG_DAMAGED) {
		char *aside = xasprintf("%s.damaged", cpath), *wal = xasprintf("%s-wal", cpath);
		char *wal_aside = xasprintf("%s.damaged-wal", cpath), *shm = xasprintf("%s-shm", cpath);
		int moved = rename(cpath, aside) == 0;
		if (moved) {
			if (rename(wal, wal_aside) < 0)
				unlink(wal_aside);
			unlink(shm);
		}
		free(aside);
		free(wal);
		free(wal_aside);
		free(shm);
		if (!moved) {
			fail(e, ERR_IO, "%s: damaged (%s), and cannot be moved aside: %s", cpath, pe.msg, strerror(errno));
			goto out;
		}
		if (!nzips) {
			fs_fsync_dir(data_dir, NULL);
			snprintf(note, n, "%s was damaged (%s): kept as catalog.db.damaged; no pack files to index again",
				 cpath, pe.msg);
			rc = 0;
			goto out;
		}
	}
	unlink_db(tmp);
	building = 1;
	if (catalog_open(&cat, tmp, CATALOG_CREATE | CATALOG_BUILD, e) < 0)
		goto out;
	for (size_t i = 0; i < nzips; i++) {
		struct err ze = { 0 };
		int one = reindex_one(cat, packs, zips[i], &ze);
		if (one == -2) { /* nothing is put into place, and no zip taken for a leftover */
			if (e)
				*e = ze;
			goto out;
		}
		if (one == -1) {
			if (set_aside(data_dir, packs, zips[i], e) < 0)
				goto out;
			buf_addf(&skipped, "%s%s (moved to %s/" INSTALLER_LEFT_OUT "/)", skipped.len ? "; " : "", ze.msg,
				 data_dir);
		}
	}
	{
		struct catalog_pack *v = NULL;
		size_t nv = 0;
		if (catalog_pack_list(cat, &v, &nv, e) < 0)
			goto out;
		indexed = (int)nv;
		for (size_t i = 0; i < nv; i++)
			buf_addf(&ids, "%s%s %s", i ? ", " : "", v[i].id, v[i].version);
		free(v);
	}
	{
		int put = put_catalog(data_dir, cpath, cat, tmp, e);
		cat = NULL;
		if (put < 0)
			goto out;
	}
	snprintf(note, n, "%s %s: indexed %d pack%s again from %s (%s)%s%s", cpath,
		 state == CATALOG_MISSING ? "was missing" : "was damaged, kept as catalog.db.damaged",
		 indexed, indexed == 1 ? "" : "s", packs, indexed ? ids.data : "none",
		 skipped.len ? "; left out: " : "", skipped.len ? skipped.data : "");
	rc = indexed;
out:
	for (size_t i = 0; i < nzips; i++)
		free(zips[i]);
	free(zips);
out_nozips:
	catalog_close(cat);
	if (building && rc < 0)
		unlink_db(tmp); /* (made whole, it was renamed into place) */
	buf_release(&skipped);
	buf_release(&ids);
	free(tmp);
	free(cpath);
	free(packs);
	return rc;
}

int installer_recover(const char *data_dir, char *note, size_t n, struct err *e)
{
	int lock, rc;

	note[0] = 0;
	if (!fs_is_dir(data_dir))
		return 0;
	lock = open(data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0)
		return fail(e, ERR_IO, "%s: %s", data_dir, strerror(errno));
	/* an install or remove holds the lock: it makes the catalog again itself */
	if (flock(lock, LOCK_EX | LOCK_NB) < 0) {
		close(lock);
		return 0;
	}
	rc = recover_locked(data_dir, note, n, 1, e);
	close(lock);
	return rc;
}

int installer_clean(const char *data_dir, struct err *e)
{
	char *cpath = installer_catalog_path(data_dir), *packs = xasprintf("%s/packs", data_dir);
	char *tmp = xasprintf("%s/" TMP_PREFIX "catalog.db", data_dir);
	struct catalog *cat = NULL;
	int lock, rc = 0;

	if (!fs_is_dir(data_dir))
		goto out;
	lock = open(data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0) {
		rc = fail(e, ERR_IO, "%s: %s", data_dir, strerror(errno));
		goto out;
	}
	/* an install or remove holds the lock: it cleans up after itself */
	if (flock(lock, LOCK_EX | LOCK_NB) < 0) {
		close(lock);
		goto out;
	}
	/* with no catalog (a first install cut off before its catalog went into
	 * place), only the copies it was making: a finished zip is indexed again by
	 * the next install or remove, or by this start (installer_recover) */
	if (fs_exists(cpath))
		rc = catalog_open(&cat, cpath, CATALOG_READONLY, e);
	if (rc == 0)
		rc = clean_packs(packs, cat, e);
	if (rc >= 0 && fs_exists(tmp)) {
		unlink_db(tmp);
		fs_fsync_dir(data_dir, NULL);
		rc++;
	}
	catalog_close(cat);
	close(lock);
out:
	free(tmp);
	free(cpath);
	free(packs);
	return rc;
}

/* The installed file is there (if it is not, installing the same pack again puts it back). */
static int pack_file_exists(const char *packs, const char *file)
{
	char *p = xasprintf("%s/%s", packs, file);
	int ok = fs_exists(p);

	free(p);
	return ok;
}

/* The pack copied into packs/, hashed as it is copied, on a second thread while the
 * catalog indexes it (the copy is a tenth of an install of 10,000 exhibits, its
 * hash and its fsync, which one thread would wait for); the rename before COMMIT
 * waits for it. */
struct copying {
	int fd;          /* the pack, read with pread */
	const char *tmp; /* the copy, made with O_EXCL */
	const char *path, *checked; /* the pack as the user named it; its hash as checked */
	struct sha256 sha; /* begun before the thread starts (hash.h) */
	char hash[65];
	int rc;
	struct err e;
	pthread_t thread;
	int threaded;    /* the copy has a thread of its own, to join */
	int waited;      /* copy_wait came: rc is the outcome */
};

static void *copy_work(void *arg)
{
	struct copying *c = arg;

	c->rc = pack_sha256_copy(&c->sha, c->fd, c->tmp, c->hash, &c->e);
	return NULL;
}

/* Start copying fd (the pack at path, whose bytes hash to checked) to tmp; on this
 * thread, done on return, when no thread starts. */
static void copy_start(struct copying *c, int fd, const char *tmp, const char *path, const char *checked)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->tmp = tmp;
	c->path = path;
	c->checked = checked;
	if (sha256_begin(&c->sha, &c->e) < 0) {
		c->rc = -1;
		return;
	}
	c->threaded = cpu_helper_start(&c->thread, copy_work, c);
	if (!c->threaded)
		copy_work(c);
}

/* Wait for the copy (again: at once): 0 when it was made and its bytes hash to
 * c->checked; else -1, e set, and no copy left. */
static int copy_wait(struct copying *c, struct err *e)
{
	if (!c->waited) {
		if (c->threaded)
			pthread_join(c->thread, NULL);
		c->waited = 1;
		if (c->rc == 0 && strcmp(c->checked, c->hash)) {
			unlink(c->tmp);
			c->rc = fail(&c->e, ERR_IO, "%s: the file changed while it was being installed; try again",
				     c->path);
		}
	}
	if (c->rc < 0 && e)
		*e = c->e;
	return c->rc < 0 ? -1 : 0;
}

/* The pack as loaded (its pages, their text and tokens' text) and the zip, freed on
 * a thread of their own once the catalog has all it needs of them, while COMMIT
 * writes the index on the install's thread: some 100 ms of a 10,000-exhibit
 * install that nothing else waits for. */
struct releasing {
	struct pack *p;
	struct tree *t;
	pthread_t thread;
	int threaded;
};

static void *release_work(void *arg)
{
	struct releasing *r = arg;

	pack_release(r->p);
	tree_close(r->t);
	return NULL;
}

static void release_start(struct releasing *r)
{
	r->threaded = cpu_helper_start(&r->thread, release_work, r);
	if (!r->threaded)
		release_work(r);
}

/* Wait for release_start's thread, if any: the pack and the tree are then empty
 * (pack_release and tree_close do nothing more to them). */
static void release_wait(struct releasing *r)
{
	if (r->threaded)
		pthread_join(r->thread, NULL);
	r->threaded = 0;
}

struct rename_ctx {
	const char *from, *to, *dir;
	struct copying *copy;
	struct releasing *release;
};

/* The commit hook: the copy goes into place, and the pack is let go */
static int rename_into_place(void *ctx, struct err *e)
{
	struct rename_ctx *r = ctx;

	/* the bytes copied are the bytes checked */
	if (copy_wait(r->copy, e) < 0)
		return -1;
	if (rename(r->from, r->to) < 0)
		return fail(e, ERR_IO, "%s: %s", r->to, strerror(errno));
	if (fs_fsync_dir(r->dir, e) < 0)
		return -1;
	release_start(r->release);
	return 0;
}

int installer_install(const char *data_dir, const char *path, const struct install_opts *o,
		      struct install_result *r, struct err *e)
{
	struct tree t;
	struct pack p;
	struct diag_list diags;
	struct catalog *cat = NULL;
	struct catalog_pack old;
	struct sign_check sig;
	struct pack_verify_opts vo;
	char hash[65], replaced[512], *keys_dir;
	struct copying copy;
	struct releasing release = { .p = &p, .t = &t };
	char *cpath = installer_catalog_path(data_dir), *packs = xasprintf("%s/packs", data_dir);
	char *tmp = NULL, *final = NULL, *file = NULL, *built = NULL;
	int rc = -1, lock = -1, had = 0, made_data = 0, made_packs = 0;

	memset(r, 0, sizeof(*r));
	diag_init(&diags);
	memset(&p, 0, sizeof(p));
	/* 0-1. the signature, the zip and everything about the pack itself, before
	 * anything is written: the checks of pack verify and pack build */
	keys_dir = xasprintf("%s/keys", data_dir);
	vo = (struct pack_verify_opts){ o->budget, PACK_SIG_REQUIRED, o->allow_unsigned, o->keys, keys_dir };
	rc = pack_verify_zip(path, &vo, &t, &p, &sig, hash, &diags, e);
	free(keys_dir);
	if (rc < 0)
		goto out_free;
	rc = -1;
	if (p.nwithdraw && sig.status != SIGN_VALID) {
		fail(e, ERR_REFUSED, "%s: withdraws exhibits of other packs (withdraw = ...) and is not signed; only a signed pack may withdraw", path);
		goto out_tree;
	}
	snprintf(r->id, sizeof(r->id), "%s", p.id);
	snprintf(r->version, sizeof(r->version), "%s", p.version);
	for (size_t i = 0; i < p.nnodes; i++) {
		r->sections += p.nodes[i].kind == NODE_SECTION;
		r->exhibits += p.nodes[i].kind == NODE_EXHIBIT;
	}

	/* 2. against what is installed */
	if (fs_is_dir(data_dir) && fs_read_only(data_dir)) {
		fail(e, ERR_IO, "%s: read-only file system: nothing can be installed until it is mounted writable",
		     data_dir);
		goto out_tree;
	}
	if (fs_is_dir(data_dir)) {
		char note[2048];
		lock = lock_dir(data_dir, e);
		if (lock < 0)
			goto out_tree;
		/* a catalog lost or damaged: made again from packs/ first, or the packs
		 * there would be taken for leftovers and deleted below */
		if (recover_locked(data_dir, note, sizeof(note), 0, e) < 0)
			goto out_tree;
		if (note[0])
			fprintf(stderr, "kiosk: %s\n", note);
	}
	if (fs_exists(cpath) && catalog_open(&cat, cpath, 0, e) < 0) {
		/* damaged inside (no tables, pages SQLite finds corrupt): made again too.
		 * Only now, as this may be the kiosk itself (its inbox), whose own
		 * connection would not see the install's changes after another one was
		 * opened and closed here beside it. */
		char note[2048];
		int made = lock < 0 ? -1 : recover_locked(data_dir, note, sizeof(note), 1, e);
		/* 0 with the catalog gone: it was damaged and put aside, with no packs to
		 * index; a new one is made below */
		if (made < 0 || (made == 0 && fs_exists(cpath)) || (made > 0 && catalog_open(&cat, cpath, 0, e) < 0))
			goto out_tree;
		if (note[0])
			fprintf(stderr, "kiosk: %s\n", note);
	}
	if (cat) {
		had = catalog_pack_get(cat, p.id, &old, e);
		if (had < 0)
			goto out_tree;
		if (had && !strcmp(old.sha256, hash) && pack_file_exists(packs, old.file)) {
			/* run again after a crash that came after COMMIT: the replaced
			 * file may still be there */
			r->unchanged = 1;
			if (lock >= 0)
				clean_packs(packs, cat, NULL);
			rc = 0;
			goto out_tree;
		}
		/* (the very same pack, when its file is missing, is put back) */
		if (had && !o->allow_downgrade && strcmp(old.sha256, hash) &&
		    pack_version_cmp(p.version, old.version) <= 0) {
			fail(e, ERR_REFUSED, "%s: pack '%s' version %s is %s the installed version %s (to install it anyway: kiosk pack install --allow-downgrade)",
			     path, p.id, p.version,
			     pack_version_cmp(p.version, old.version) ? "older than" : "the same as, but different from,",
			     old.version);
			goto out_tree;
		}
	}

	/* 3. copy, check the copy, index, rename, commit */
	if (!fs_is_dir(data_dir)) {
		if (fs_mkdir_p(data_dir, e) < 0)
			goto out_tree;
		made_data = 1;
		lock = lock_dir(data_dir, e);
		if (lock < 0)
			goto out_undo;
	}
	if (!fs_is_dir(packs)) {
		if (fs_mkdir_p(packs, e) < 0)
			goto out_undo;
		made_packs = 1;
	}
	if (!cat && new_catalog(data_dir, cpath, &cat, &built, e) < 0)
		goto out_undo;
	if (clean_packs(packs, cat, e) < 0)
		goto out_undo;
	tmp = xasprintf("%s/" TMP_PREFIX "%s-%s.zip", packs, p.id, p.version);
	file = xasprintf("%s-%s.zip", p.id, p.version);
	if (had && !strcmp(old.file, file)) {
		/* the same version again: a name of its own, so the old file stays intact
		 * until the catalog has switched */
		free(file);
		file = xasprintf("%s-%s-%.12s.zip", p.id, p.version, hash);
	}
	final = xasprintf("%s/%s", packs, file);
	/* the bytes copied are the bytes checked: hashed as they are copied, while the
	 * catalog indexes the pack; rename_into_place waits for the copy */
	copy_start(&copy, t.fd, tmp, path, hash);
	if (!copy.threaded && copy_wait(&copy, e) < 0)
		goto out_undo;
	{
		struct rename_ctx rn = { tmp, final, packs, &copy, &release };
		int installed = catalog_install(cat, &p, file, hash, o->now, rename_into_place, &rn, replaced,
						sizeof(replaced), e);
		copy_wait(&copy, NULL); /* done with before tmp is unlinked below */
		if (installed == 0 && built) {
			installed = put_catalog(data_dir, cpath, cat, built, e);
			cat = NULL;
		}
		if (installed < 0) {
			/* Renamed before a failed COMMIT, which may yet count: while another
			 * connection (kiosk run) holds the catalog, its frames stay in the WAL
			 * and a crash replays them at the next open. Keep the file then; the
			 * next install or remove keeps or deletes it by what the catalog says. */
			char *wal = xasprintf("%s-wal", cpath);
			catalog_close(cat);
			cat = NULL;
			if (made_data || !fs_exists(wal))
				unlink(final);
			free(wal);
			goto out_undo;
		}
	}
	if (had)
		snprintf(r->replaced, sizeof(r->replaced), "%s", old.version);
	if (replaced[0]) {
		char *old_path = xasprintf("%s/%s", packs, replaced);
		unlink(old_path);
		free(old_path);
		fs_fsync_dir(packs, NULL);
	}
	rc = 0;
	goto out_tree;

out_undo:
	if (tmp)
		unlink(tmp);
	if (built) { /* a first install's catalog, not put into place */
		catalog_close(cat);
		cat = NULL;
		unlink_db(built);
	}
	if (made_data || made_packs) {
		/* leave no trace of a failed first install */
		catalog_close(cat);
		cat = NULL;
		if (made_data) {
			char *wal = xasprintf("%s-wal", cpath), *shm = xasprintf("%s-shm", cpath);
			unlink(cpath);
			unlink(wal);
			unlink(shm);
			free(wal);
			free(shm);
		}
		rmdir(packs);
		if (made_data)
			rmdir(data_dir);
	}
out_tree:
	catalog_close(cat);
	if (lock >= 0)
		close(lock);
	release_wait(&release);
	pack_release(&p);
	tree_close(&t);
out_free:
	diag_release(&diags);
	free(tmp);
	free(built);
	free(final);
	free(file);
	free(cpath);
	free(packs);
	return rc;
}

int installer_remove(const char *data_dir, const char *id, struct err *e)
{
	char *cpath = installer_catalog_path(data_dir), *packs = xasprintf("%s/packs", data_dir);
	struct catalog *cat = NULL;
	char file[512];
	int lock = -1, rc = -1;

	if (!fs_is_dir(data_dir) || (!fs_exists(cpath) && !fs_is_dir(packs))) {
		fail(e, ERR_NOTFOUND, "no pack '%s' is installed (no catalog in %s)", id, data_dir);
		goto out;
	}
	if (fs_read_only(data_dir)) {
		fail(e, ERR_IO, "%s: read-only file system: nothing can be removed until it is mounted writable",
		     data_dir);
		goto out;
	}
	lock = lock_dir(data_dir, e);
	if (lock < 0)
		goto out;
	{
		char note[2048];
		if (recover_locked(data_dir, note, sizeof(note), 0, e) < 0)
			goto out;
		if (note[0])
			fprintf(stderr, "kiosk: %s\n", note);
		if (fs_exists(cpath) && catalog_open(&cat, cpath, 0, e) < 0) {
			/* damaged inside: as in installer_install */
			int made = recover_locked(data_dir, note, sizeof(note), 1, e);
			if (made < 0 || (made == 0 && fs_exists(cpath)) ||
			    (made > 0 && catalog_open(&cat, cpath, 0, e) < 0))
				goto out;
			if (note[0])
				fprintf(stderr, "kiosk: %s\n", note);
		}
	}
	if (!cat) {
		fail(e, ERR_NOTFOUND, "no pack '%s' is installed (no catalog in %s)", id, data_dir);
		goto out;
	}
	if (catalog_remove(cat, id, file, sizeof(file), e) < 0)
		goto out;
	/* its file, and whatever an interrupted install or remove left */
	clean_packs(packs, cat, NULL);
	rc = 0;
out:
	catalog_close(cat);
	if (lock >= 0)
		close(lock);
	free(cpath);
	free(packs);
	return rc;
}
