#include "verify.h"
#include "hash.h"
#include "sha256.h"
#include "core/cpu.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Step 0: the signature (path.minisig), over the raw bytes of path before anything
 * parses them. */
static int check_signature(const char *path, const struct pack_verify_opts *o,
			   struct sign_check *sig, struct err *e)
{
	char *sig_path = xasprintf("%s" SIGN_SUFFIX, path);
	int fd = -1, rc = -1;
	struct stat st;

	memset(sig, 0, sizeof(*sig));
	sig->status = SIGN_MISSING;
	if (o->signature == PACK_SIG_NONE ||
	    (o->signature == PACK_SIG_IF_PRESENT && access(sig_path, F_OK) != 0)) {
		free(sig_path);
		return 0;
	}
	sig->status = SIGN_BAD;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fail(e, fd < 0 && errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "%s: %s", path,
		     fd < 0 ? strerror(errno) : "not a regular file");
		goto out;
	}
	rc = sign_check_file(fd, sig_path, o->keys, sig, e);
	if (rc < 0 && sig->status == SIGN_MISSING && o->allow_unsigned)
		rc = 0;
	else if (rc < 0 && sig->status == SIGN_MISSING)
		fail(e, ERR_REFUSED, "%s: no signature (%s); unsigned packs are refused unless allow_unsigned = true in the config",
		     path, sig_path);
	else if (rc < 0 && sig->status == SIGN_UNTRUSTED)
		fail(e, ERR_REFUSED, "%s: signed by key %s which is not trusted (add its .pub to %s/)",
		     path, sig->keyid, o->keys_dir ? o->keys_dir : "keys");
	else if (rc < 0 && e && strncmp(e->msg, sig_path, strlen(sig_path)))
		err_prefix(e, "%s", path);
out:
	if (fd >= 0)
		close(fd);
	free(sig_path);
	return rc;
}

/* After parsing: the bytes parsed are the bytes that were signed, and the pack is
 * the one the trusted comment names (minisign's own comment names none). */
static int check_signed_pack(const struct sign_check *sig, const char *path, const struct pack *p,
			     const char *sha256, struct err *e)
{
	if (sig->status != SIGN_VALID)
		return 0;
	if (strcmp(sig->sha256, sha256))
		return fail(e, ERR_IO, "%s: the file changed while it was being checked; try again", path);
	if ((sig->pack_id[0] && strcmp(sig->pack_id, p->id)) ||
	    (sig->version[0] && strcmp(sig->version, p->version)))
		return fail(e, ERR_REFUSED, "%s: signature is for pack %s version %s, the zip says pack %s version %s",
			    path, sig->pack_id[0] ? sig->pack_id : "(any)",
			    sig->version[0] ? sig->version : "(any)", p->id, p->version);
	return 0;
}

/* The pack's sha256, taken on a second thread while the pack is parsed (the two
 * read the file with pread and a zip handle of its own). */
struct hashing {
	int fd;
	struct sha256 sha; /* begun before the thread starts (hash.h) */
	char hex[65];
	int rc;
	struct err e;
};

static void *hash_thread(void *arg)
{
	struct hashing *h = arg;

	h->rc = pack_sha256_fd_into(&h->sha, h->fd, h->hex, &h->e);
	return NULL;
}

/* Drop the diagnostics after the first n (those of work a failure made moot). */
static void diag_keep(struct diag_list *d, size_t n)
{
	while (d->n > n) {
		struct diag *g = &d->v[--d->n];
		if (g->level == DIAG_ERROR)
			d->errors--;
		else if (g->level == DIAG_WARNING)
			d->warnings--;
		free(g->file);
		free(g->msg);
	}
}

int pack_verify_zip(const char *path, const struct pack_verify_opts *o, struct tree *t,
		    struct pack *p, struct sign_check *sig, char sha256[65], struct diag_list *diags,
		    struct err *e)
{
	char hash[65] = "";
	struct hashing h;
	pthread_t th;
	int need_hash, threaded = 0, rc;
	size_t ndiags = diags->n;

	memset(p, 0, sizeof(*p));
	if (check_signature(path, o, sig, e) < 0)
		return -1;
	if (tree_open_zip(t, path, &o->budget, e) < 0) {
		err_prefix(e, "%s", path);
		return -1;
	}
	need_hash = sha256 || sig->status == SIGN_VALID;
	memset(&h, 0, sizeof(h));
	h.fd = t->fd;
	if (need_hash && sha256_begin(&h.sha, &h.e) < 0)
		h.rc = -1;
	else if (need_hash && cpu_helper_start(&th, hash_thread, &h))
		threaded = 1;
	else if (need_hash)
		hash_thread(&h);
	/* without a thread, a hash that failed stops here, as it always did */
	rc = !threaded && h.rc < 0 ? -1 : 0;
	if (rc == 0 && (pack_load(p, t, PACK_LOAD_NO_DOCS, diags, e) < 0 || pack_check_media(p, t, diags, e) < 0))
		rc = -1;
	if (threaded)
		pthread_join(th, NULL);
	if (h.rc < 0) { /* its error comes first, as with one thread */
		diag_keep(diags, ndiags);
		if (e)
			*e = h.e;
		rc = -1;
	}
	if (rc < 0) {
		err_prefix(e, "%s", path);
		goto bad;
	}
	memcpy(hash, h.hex, sizeof(hash));
	diag_sort(diags);
	for (size_t i = 0; i < diags->n; i++)
		if (diags->v[i].level == DIAG_ERROR) {
			char line[1024];
			diag_format(&diags->v[i], line, sizeof(line));
			fail(e, ERR_REFUSED, "%s", line);
			goto bad;
		}
	if (check_signed_pack(sig, path, p, hash, e) < 0)
		goto bad;
	if (sha256)
		memcpy(sha256, hash, 65);
	return 0;
bad:
	pack_release(p);
	tree_close(t);
	return -1;
}
