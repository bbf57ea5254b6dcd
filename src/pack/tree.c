#include "internal.h"
#include "tree.h"
#include "ziplib.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static void add_file(struct tree *t, char *path, uint64_t size, uint64_t index, char *real)
{
	struct tree_file *f;

	t->files = xgrow(t->files, &t->cap, t->n + 1, sizeof(*t->files));
	f = &t->files[t->n++];
	f->path = path;
	f->size = size;
	f->index = index;
	f->real = real;
	f->text = NULL;
	f->deflate = NULL;
	f->csize = 0;
	f->crc = 0;
	f->method = 0;
}

int tree_is_os_junk(const char *path)
{
	const char *seg = path;

	for (;;) {
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);
		if ((len == 8 && !strncmp(seg, "__MACOSX", 8)) || !strncmp(seg, "._", 2) ||
		    (len == 9 && !strncasecmp(seg, ".DS_Store", 9)) ||
		    (len == 9 && !strncasecmp(seg, "Thumbs.db", 9)) ||
		    (len == 11 && !strncasecmp(seg, "desktop.ini", 11)))
			return 1;
		if (!end)
			return 0;
		seg = end + 1;
	}
}

static void note_ignored(struct tree *t, const char *path)
{
	if (!t->ignored++)
		t->ignored_first = xstrdup(path);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct tree_file *)a)->path, ((const struct tree_file *)b)->path);
}

char *tree_display(const struct tree *t, const char *path)
{
	size_t n = strlen(t->origin);

	if (t->is_zip && t->wrapper)
		return xasprintf("%s:%s/%s", t->origin, t->wrapper, path);
	if (t->is_zip)
		return xasprintf("%s:%s", t->origin, path);
	if (n && t->origin[n - 1] == '/')
		return xasprintf("%s%s", t->origin, path);
	return xasprintf("%s/%s", t->origin, path);
}

/* Keep path (taken, NFC) as an entry refused as content (struct tree.refused). */
static void refuse(struct tree *t, char *path)
{
	t->refused = xgrow(t->refused, &t->refused_cap, t->nrefused + 1, sizeof(*t->refused));
	t->refused[t->nrefused++] = path;
}

static int walk(struct tree *t, const char *rel, struct diag_list *diags, struct err *e)
{
	char *dirpath = *rel ? xasprintf("%s/%s", t->origin, rel) : xstrdup(t->origin);
	DIR *d = opendir(dirpath);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		rc = fail(e, ERR_IO, "%s: %s", dirpath, strerror(errno));
		free(dirpath);
		return rc;
	}
	while (rc == 0 && (de = readdir(d))) {
		char *real, *full, *nfc;
		struct stat st;

		real = *rel ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		if (tree_is_os_junk(de->d_name)) {
			note_ignored(t, real);
			free(real);
			continue;
		}
		if (de->d_name[0] == '.') {
			free(real);
			continue; /* ., .., and hidden files such as .git are not content */
		}
		full = xasprintf("%s/%s", t->origin, real);
		nfc = utf8_nfc(real, strlen(real), NULL);
		if (!nfc) {
			if (diags)
				diag_add(diags, DIAG_ERROR, full, 0, "file name is not valid UTF-8");
			free(real);
		} else if (lstat(full, &st) < 0) {
			rc = fail(e, ERR_IO, "%s: %s", full, strerror(errno));
			free(real);
			free(nfc);
		} else if (S_ISLNK(st.st_mode)) {
			if (diags)
				diag_add(diags, DIAG_ERROR, full, 0,
					 "is a symbolic link; a pack holds regular files only");
			refuse(t, nfc);
			free(real);
		} else if (S_ISDIR(st.st_mode)) {
			size_t files = t->n, refused = t->nrefused, empty = t->empty_dirs;
			rc = walk(t, real, diags, e);
			/* a folder with nothing in it (or only what an OS adds) is left out: a
			 * curator who made it meant something to be there. Only the innermost of
			 * empty folders in one another is named. */
			if (rc == 0 && diags && t->n == files && t->nrefused == refused && t->empty_dirs == empty) {
				diag_add(diags, DIAG_WARNING, full, 0, "empty folder; it is left out of the pack");
				t->empty_dirs++;
			}
			free(real);
			free(nfc);
		} else if (S_ISREG(st.st_mode)) {
			add_file(t, nfc, (uint64_t)st.st_size, 0, real);
		} else {
			if (diags)
				diag_add(diags, DIAG_ERROR, full, 0, "is not a regular file");
			refuse(t, nfc);
			free(real);
		}
		free(full);
	}
	closedir(d);
	free(dirpath);
	return rc;
}

int tree_open_dir(struct tree *t, const char *dir, struct diag_list *diags, struct err *e)
{
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->origin = xstrdup(dir);
	if (!fs_is_dir(dir)) {
		fail(e, ERR_NOTFOUND, "%s: not a folder", dir);
		tree_close(t);
		return -1;
	}
	if (walk(t, "", diags, e) < 0) {
		tree_close(t);
		return -1;
	}
	if (t->n)
		qsort(t->files, t->n, sizeof(*t->files), by_path);
	return 0;
}

/* Path segments an entry name may have. Every parent folder of every file is kept
 * (for the file/folder clash, and by pack_load), so a 64 KB name of 32,000 segments
 * would cost a gigabyte; a pack needs four (section/exhibit/folder/file). */
#define NAME_MAX_SEGMENTS 16

const char *tree_shorten(const char *name, char *buf)
{
	size_t n = strlen(name);

	if (n <= NAME_SHOWN)
		return name;
	n = utf8_cut(name, NAME_SHOWN); /* before a character, not inside it */
	memcpy(buf, name, n);
	memcpy(buf + n, "...", 4);
	return buf;
}


/* The rules for one entry name; on success *out is the NFC UTF-8 name. */
static int check_name(const struct zip_entry_raw *z, char **out, struct err *e)
{
	char *name, *seg, *s;
	char shown[256];
	size_t n, segments = 0;

	*out = NULL;
	utf8_quote(z->name, z->name_len, shown, sizeof(shown));
	if (strlen(z->name) != z->name_len)
		return fail(e, ERR_REFUSED, "entry '%s' contains a NUL byte", shown);
	if (z->name_len == 0)
		return fail(e, ERR_REFUSED, "an entry has an empty name");
	if (utf8_valid(z->name, z->name_len, NULL)) {
		name = utf8_nfc(z->name, z->name_len, &n);
	} else if (!z->utf8_flag && (s = utf8_from_cp949(z->name, z->name_len))) {
		/* Korean Windows writes CP949 names without the UTF-8 flag */
		name = utf8_nfc(s, strlen(s), &n);
		free(s);
	} else if (z->utf8_flag) {
		return fail(e, ERR_REFUSED, "entry '%s' is marked as UTF-8 but its name is not valid UTF-8",
			    shown);
	} else {
		return fail(e, ERR_REFUSED, "entry '%s' has a name that is neither valid UTF-8 nor CP949 (Korean Windows)",
			    shown);
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f) {
			free(name);
			return fail(e, ERR_REFUSED, "entry '%s' contains control character 0x%02x", shown, c);
		}
	}
	if (name[0] == '/') {
		fail(e, ERR_REFUSED, "entry '%s' has an absolute path", SHOWN(name));
		goto bad;
	}
	if (strchr(name, '\\')) {
		fail(e, ERR_REFUSED, "entry '%s' contains a backslash", SHOWN(name));
		goto bad;
	}
	if (strchr(name, ':')) {
		fail(e, ERR_REFUSED, "entry '%s' contains a colon", SHOWN(name));
		goto bad;
	}
	s = name;
	for (;;) {
		size_t len;
		seg = s;
		s = strchr(seg, '/');
		len = s ? (size_t)(s - seg) : strlen(seg);
		if (len == 2 && !memcmp(seg, "..", 2)) {
			fail(e, ERR_REFUSED, "entry '%s' leaves the pack", SHOWN(name));
			goto bad;
		}
		if (len == 1 && seg[0] == '.') {
			fail(e, ERR_REFUSED, "entry '%s' has a '.' path segment", SHOWN(name));
			goto bad;
		}
		if (len == 0 && (s || seg == name)) {
			fail(e, ERR_REFUSED, "entry '%s' has an empty path segment", SHOWN(name));
			goto bad;
		}
		segments += len > 0;
		if (!s)
			break;
		s++;
	}
	/* after the rules above, so that '..' is named as such whatever its depth */
	if (segments > NAME_MAX_SEGMENTS) {
		fail(e, ERR_REFUSED, "entry '%s' is nested in more than %d folders", SHOWN(name),
		     NAME_MAX_SEGMENTS - 1);
		goto bad;
	}
	*out = name;
	return 0;
bad:
	free(name);
	return -1;
}

int tree_ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

struct folded {
	char *fold;
	const char *name;
	const char *raw;     /* the name as stored in the zip, for files */
	size_t raw_len;
	int is_dir;
};

static int by_fold(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;
	int c = strcmp(x->fold, y->fold);

	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : x->is_dir - y->is_dir;
}

/* Names that are equal after NFC and case folding would be the same file on a
 * case-insensitive file system and confuse every reader. A name that is both a
 * file and a folder is refused as well. */
static int check_collisions(struct tree *t, const struct zip_layout *lay, char **dirs, size_t ndirs,
			    struct err *e)
{
	size_t n = t->n + ndirs, k = 0;
	struct folded *v = xcalloc(n, sizeof(*v));
	int rc = 0;

	for (size_t i = 0; i < t->n; i++, k++) {
		const struct zip_entry_raw *z = &lay->entries[t->files[i].index];
		v[k].name = t->files[i].path;
		v[k].fold = utf8_fold(v[k].name, strlen(v[k].name), NULL);
		v[k].raw = z->name;
		v[k].raw_len = z->name_len;
	}
	for (size_t i = 0; i < ndirs; i++, k++) {
		v[k].name = dirs[i];
		v[k].fold = utf8_fold(dirs[i], strlen(dirs[i]), NULL);
		v[k].is_dir = 1;
	}
	if (n)
		qsort(v, n, sizeof(*v), by_fold);
	for (size_t i = 1; i < n && rc == 0; i++) {
		if (strcmp(v[i].fold, v[i - 1].fold))
			continue;
		if (v[i].is_dir != v[i - 1].is_dir)
			rc = fail(e, ERR_REFUSED, "entry '%s' is both a file and a folder", SHOWN(v[i].name));
		else if (strcmp(v[i].name, v[i - 1].name))
			rc = fail(e, ERR_REFUSED, "entries '%s' and '%s' collide after case folding",
				  SHOWN(v[i - 1].name), SHOWN(v[i].name));
		else if (v[i].is_dir)
			continue; /* the same folder listed twice is harmless */
		else if (v[i].raw_len == v[i - 1].raw_len && !memcmp(v[i].raw, v[i - 1].raw, v[i].raw_len))
			rc = fail(e, ERR_REFUSED, "entry '%s' appears twice", SHOWN(v[i].name));
		else /* NFC and NFD, or CP949 and UTF-8 */
			rc = fail(e, ERR_REFUSED, "entry '%s' appears twice, spelt differently in the zip",
				  SHOWN(v[i].name));
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].fold);
	free(v);
	return rc;
}

/* A zip of a folder rather than of its contents: no pack.ini at the root, every
 * file inside one folder, and that folder's pack.ini there. */
static void strip_wrapper(struct tree *t)
{
	const char *first, *slash;
	size_t len;
	int has_ini = 0;

	if (!t->n)
		return;
	first = t->files[0].path;
	slash = strchr(first, '/');
	if (!slash)
		return;
	len = (size_t)(slash - first);
	for (size_t i = 0; i < t->n; i++) {
		const char *p = t->files[i].path;
		if (strncmp(p, first, len) || p[len] != '/')
			return;
		has_ini |= !strcmp(p + len + 1, "pack.ini");
	}
	if (!has_ini)
		return;
	t->wrapper = xstrndup(first, len);
	for (size_t i = 0; i < t->n; i++) {
		char *p = t->files[i].path;
		memmove(p, p + len + 1, strlen(p + len + 1) + 1);
	}
}

static int open_zip(struct tree *t, const char *path, const struct zip_budget *budget, int read_all, struct err *e)
{
	struct zip_layout lay;
	struct stat st;
	char **dirs = NULL;
	size_t ndirs = 0, dcap = 0;
	zip_error_t ze;
	zip_t *za;
	int zerr = 0;

	memset(t, 0, sizeof(*t));
	t->is_zip = 1;
	t->origin = xstrdup(path);
	t->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (t->fd < 0) {
		fail(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "%s", strerror(errno));
		goto bad;
	}
	if (fstat(t->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fail(e, ERR_IO, "not a regular file");
		goto bad;
	}
	if (zipcheck_layout(t->fd, (uint64_t)st.st_size, budget, &lay, e) < 0)
		goto bad;

	for (size_t i = 0; i < lay.n; i++) {
		struct zip_entry_raw *z = &lay.entries[i];
		int type = z->unix_mode & S_IFMT;
		char *name;
		size_t len;

		if (check_name(z, &name, e) < 0)
			goto bad_lay;
		len = strlen(name);
		if (type == S_IFLNK) {
			fail(e, ERR_REFUSED, "entry '%s' is a symbolic link", SHOWN(name));
			free(name);
			goto bad_lay;
		}
		if (name[len - 1] == '/') {
			if (type && type != S_IFDIR) {
				fail(e, ERR_REFUSED, "entry '%s' is not a regular file", SHOWN(name));
				free(name);
				goto bad_lay;
			}
			/* a folder holds nothing; an empty deflate stream takes 2 to 5 bytes */
			if (z->usize || z->csize > (z->method == 8 ? 5u : 0u)) {
				fail(e, ERR_REFUSED, "entry '%s' is a folder that holds data", SHOWN(name));
				free(name);
				goto bad_lay;
			}
			name[len - 1] = 0;
			dirs = xgrow(dirs, &dcap, ndirs + 1, sizeof(*dirs));
			dirs[ndirs++] = name;
			continue;
		}
		if (type && type != S_IFREG) {
			fail(e, ERR_REFUSED, "entry '%s' is not a regular file", SHOWN(name));
			free(name);
			goto bad_lay;
		}
		if (tree_is_os_junk(name)) {
			note_ignored(t, name);
			free(name);
			continue;
		}
		if (tree_ends_with_ci(name, ".zip") || tree_ends_with_ci(name, ".jar") ||
		    tree_ends_with_ci(name, ".apk")) {
			fail(e, ERR_REFUSED, "entry '%s' is a zip archive inside the pack", SHOWN(name));
			free(name);
			goto bad_lay;
		}
		add_file(t, name, z->usize, i, NULL);
		t->files[t->n - 1].csize = z->csize;
		t->files[t->n - 1].method = z->method;
		t->files[t->n - 1].crc = z->crc;
	}
	/* every parent folder of a file is a folder too, for the file/folder clash
	 * (those the file before had too, its folder's files being next to each other
	 * in a zip as a rule, only once) */
	for (size_t i = 0; i < t->n; i++) {
		const char *p = t->files[i].path, *before = i ? t->files[i - 1].path : "";
		for (const char *s = strchr(p, '/'); s; s = strchr(s + 1, '/')) {
			size_t k = (size_t)(s - p);
			if (!strncmp(p, before, k) && before[k] == '/')
				continue;
			dirs = xgrow(dirs, &dcap, ndirs + 1, sizeof(*dirs));
			dirs[ndirs++] = xstrndup(p, k);
		}
	}
	if (check_collisions(t, &lay, dirs, ndirs, e) < 0)
		goto bad_lay;

	if (ziplib_load(e) < 0)
		goto bad_lay;
	zl.error_init(&ze);
	za = ziplib_open_fd(t->fd, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!za) {
		zl.error_init_with_code(&ze, zerr);
		fail(e, ERR_FORMAT, "damaged archive: %s", zl.error_strerror(&ze));
		zl.error_fini(&ze);
		goto bad_lay;
	}
	zl.error_fini(&ze);
	t->zip = za;
	if ((uint64_t)zl.get_num_entries(za, 0) != lay.n) {
		fail(e, ERR_FORMAT, "damaged archive: the directory and libzip disagree on the entry count");
		goto bad_lay;
	}
	if (read_all && tree_check_contents(t, e) < 0)
		goto bad_lay;
	strip_wrapper(t);
	for (size_t i = 0; i < ndirs; i++)
		free(dirs[i]);
	free(dirs);
	zipcheck_release(&lay);
	if (t->n)
		qsort(t->files, t->n, sizeof(*t->files), by_path);
	return 0;

bad_lay:
	for (size_t i = 0; i < ndirs; i++)
		free(dirs[i]);
	free(dirs);
	zipcheck_release(&lay);
bad:
	tree_close(t);
	return -1;
}

int tree_open_zip(struct tree *t, const char *path, const struct zip_budget *budget, struct err *e)
{
	return open_zip(t, path, budget, 1, e);
}

int tree_open_installed(struct tree *t, const char *path, const struct zip_budget *budget, struct err *e)
{
	return open_zip(t, path, budget, 0, e);
}

void tree_close(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->files[i].path);
		free(t->files[i].real);
		free(t->files[i].text);
		free(t->files[i].deflate);
	}
	free(t->files);
	if (t->zip)
		zl.discard(t->zip);
	if (t->fd >= 0)
		close(t->fd);
	free(t->origin);
	free(t->ignored_first);
	free(t->wrapper);
	for (size_t i = 0; i < t->nrefused; i++)
		free(t->refused[i]);
	free(t->refused);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
}

int tree_refused(const struct tree *t, const char *path)
{
	for (size_t i = 0; i < t->nrefused; i++)
		if (!strcmp(t->refused[i], path))
			return 1;
	return 0;
}

const struct tree_file *tree_find(const struct tree *t, const char *path)
{
	struct tree_file key = { .path = (char *)path };
	if (!t->n)
		return NULL;
	return bsearch(&key, t->files, t->n, sizeof(*t->files), by_path);
}
