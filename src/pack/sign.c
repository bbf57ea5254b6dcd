/* sign.c: minisign's key and signature files (see sign.h for the layouts, taken
 * from minisign.h and minisign.c of minisign 0.11), with libsodium doing the
 * signatures, BLAKE2b, the key's password hash and all of the base64, and
 * libcrypto the pack's SHA-256 (sha256.h). */
#include "sign.h"
#include "sha256.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define UNTRUSTED_MAX 1000     /* minisign reads 1024 bytes for the whole line */
#define KEY_FILE_MAX 4096
#define SIG_FILE_MAX 16384

/* The binary layouts, byte by byte as minisign writes them. */
enum {
	PK_BYTES = 2 + SIGN_KEYID_BYTES + 32,
	SIG_BYTES = 2 + SIGN_KEYID_BYTES + 64,
	SALT_BYTES = crypto_pwhash_scryptsalsa208sha256_SALTBYTES,
	SK_SECRET = SIGN_KEYID_BYTES + 64 + 32,     /* keyid, sk, chk: what scrypt hides */
	SK_BYTES = 2 + 2 + 2 + SALT_BYTES + 8 + 8 + SK_SECRET,
	SK_SALT = 6, SK_OPS = SK_SALT + SALT_BYTES, SK_MEM = SK_OPS + 8, SK_KEYID = SK_MEM + 8,
	SK_SK = SK_KEYID + SIGN_KEYID_BYTES, SK_CHK = SK_SK + 64,
};

static const char legacy_msg[] =
	"signature uses the legacy non-prehashed form; sign with minisign -H or kiosk pack sign";

static int ready(struct err *e)
{
	if (sodium_init() < 0)
		return fail(e, ERR_IO, "libsodium cannot start");
	return 0;
}

static uint64_t le64_load(const unsigned char *p)
{
	uint64_t x = 0;

	for (int i = 7; i >= 0; i--)
		x = x << 8 | p[i];
	return x;
}

static void le64_store(unsigned char *p, uint64_t x)
{
	for (int i = 0; i < 8; i++, x >>= 8)
		p[i] = (unsigned char)x;
}

void sign_keyid_hex(const unsigned char keyid[SIGN_KEYID_BYTES], char hex[17])
{
	snprintf(hex, 17, "%016llX", (unsigned long long)le64_load(keyid));
}

static int starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && !memcmp(s, prefix, k);
}

/* Split text into lines (a '\r' before each '\n' dropped) into at most max slots;
 * returns how many, or -1 when more non-blank lines follow or the text holds NUL. */
static int split_lines(const char *text, size_t len, const char **line, size_t *n, int max)
{
	const char *p = text, *end = text + len;
	int count = 0;

	if (memchr(text, 0, len))
		return -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		size_t k = (size_t)(stop - p);

		if (k && p[k - 1] == '\r')
			k--;
		if (count < max) {
			line[count] = p;
			n[count] = k;
			count++;
		} else {
			for (size_t i = 0; i < k; i++)
				if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
					return -1;
		}
		p = nl ? nl + 1 : end;
	}
	return count;
}

/* Decode exactly want bytes of standard base64 (spaces around it ignored). */
static int b64_decode(unsigned char *out, size_t want, const char *s, size_t n)
{
	const char *end;
	size_t got;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || n > 4 * ((want + 2) / 3))
		return -1;
	if (sodium_base642bin(out, want, s, n, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	return end == s + n && got == want ? 0 : -1;
}

static void b64_add(struct buf *b, const unsigned char *bin, size_t n)
{
	size_t size = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);

	buf_grow(b, size);
	sodium_bin2base64(b->data + b->len, size, bin, n, sodium_base64_VARIANT_ORIGINAL);
	b->len += strlen(b->data + b->len);
	buf_addc(b, '\n');
}

int sign_pubkey_from_base64(struct sign_pubkey *k, const char *b64, size_t len, struct err *e)
{
	unsigned char raw[PK_BYTES];

	if (b64_decode(raw, sizeof(raw), b64, len) < 0)
		return fail(e, ERR_FORMAT, "not a minisign public key: want base64 of %d bytes",
			    PK_BYTES);
	if (memcmp(raw, "Ed", 2))
		return fail(e, ERR_FORMAT, "public key algorithm is not Ed25519 (\"Ed\")");
	memcpy(k->keyid, raw + 2, SIGN_KEYID_BYTES);
	memcpy(k->pk, raw + 2 + SIGN_KEYID_BYTES, sizeof(k->pk));
	return 0;
}

int sign_pubkey_parse(struct sign_pubkey *k, const char *text, size_t len, struct err *e)
{
	const char *line[2];
	size_t n[2];
	int count = split_lines(text, len, line, n, 2);

	if (count != 2 || !starts(line[0], n[0], COMMENT_PREFIX))
		return fail(e, ERR_FORMAT, "not a minisign public key: want an \"untrusted comment: \" line and a base64 line");
	return sign_pubkey_from_base64(k, line[1], n[1], e);
}

int sign_pubkey_load(struct sign_pubkey *k, const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = fs_read_file(path, KEY_FILE_MAX, &b, e);

	if (rc == 0 && (rc = sign_pubkey_parse(k, b.data, b.len, e)) < 0)
		err_prefix(e, "%s", path);
	buf_release(&b);
	return rc;
}

char *sign_pubkey_format(const struct sign_pubkey *k)
{
	unsigned char raw[PK_BYTES];
	struct buf b = BUF_INIT;
	char hex[17];

	memcpy(raw, "Ed", 2);
	memcpy(raw + 2, k->keyid, SIGN_KEYID_BYTES);
	memcpy(raw + 2 + SIGN_KEYID_BYTES, k->pk, sizeof(k->pk));
	sign_keyid_hex(k->keyid, hex);
	buf_addf(&b, COMMENT_PREFIX "minisign public key %s\n", hex);
	b64_add(&b, raw, sizeof(raw));
	return buf_detach(&b, NULL);
}

static void seckey_chk(const unsigned char *raw, unsigned char chk[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, raw, 2);
	crypto_generichash_update(&st, raw + SK_KEYID, SIGN_KEYID_BYTES + 64);
	crypto_generichash_final(&st, chk, 32);
	sodium_memzero(&st, sizeof(st));
}

/* XOR keyid, sk and chk with the scrypt stream of the password. */
static int seckey_crypt(unsigned char *raw, const char *password, struct err *e)
{
	unsigned char stream[SK_SECRET];
	uint64_t ops = le64_load(raw + SK_OPS), mem = le64_load(raw + SK_MEM);

	if (ops > (1ull << 40) || mem > (1ull << 36) || mem > SIZE_MAX)
		return fail(e, ERR_FORMAT, "the secret key asks for an unreasonable key derivation (opslimit %llu, memlimit %llu)",
			    (unsigned long long)ops, (unsigned long long)mem);
	if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof(stream), password, strlen(password),
					       raw + SK_SALT, ops, (size_t)mem) != 0)
		return fail(e, ERR_IO, "cannot derive the key from the password (scrypt needs %llu MiB of memory)",
			    (unsigned long long)(mem >> 20));
	for (size_t i = 0; i < sizeof(stream); i++)
		raw[SK_KEYID + i] ^= stream[i];
	sodium_memzero(stream, sizeof(stream));
	return 0;
}

static int seckey_decode(struct sign_seckey *k, unsigned char *raw, const char *b64, size_t n,
			 const char *password, struct err *e)
{
	static const unsigned char zero[32];
	unsigned char chk[32], pk[32], sk[64];
	int encrypted;

	if (b64_decode(raw, SK_BYTES, b64, n) < 0)
		return fail(e, ERR_FORMAT, "not a minisign secret key: want base64 of %d bytes", SK_BYTES);
	if (memcmp(raw, "Ed", 2))
		return fail(e, ERR_FORMAT, "secret key algorithm is not Ed25519 (\"Ed\")");
	if (memcmp(raw + 4, "B2", 2))
		return fail(e, ERR_FORMAT, "secret key checksum is not BLAKE2b (\"B2\")");
	if (!memcmp(raw + 2, "Sc", 2))
		encrypted = 1;
	else if (raw[2] == 0 && raw[3] == 0)
		encrypted = 0;
	else
		return fail(e, ERR_FORMAT, "secret key encryption is neither scrypt (\"Sc\") nor none");
	if (encrypted && !password)
		return fail(e, ERR_USAGE, "the secret key is protected by a password");
	if (encrypted && seckey_crypt(raw, password, e) < 0)
		return -1;
	seckey_chk(raw, chk);
	if (sodium_memcmp(chk, raw + SK_CHK, 32) != 0 &&
	    (encrypted || sodium_memcmp(zero, raw + SK_CHK, 32) != 0)) {
		sodium_memzero(chk, sizeof(chk));
		if (encrypted)
			return fail(e, ERR_REFUSED, "wrong password for the secret key");
		return fail(e, ERR_FORMAT, "the secret key's checksum does not match: the file is damaged");
	}
	/* an Ed25519 secret key is its seed followed by its public key */
	crypto_sign_seed_keypair(pk, sk, raw + SK_SK);
	if (sodium_memcmp(sk, raw + SK_SK, 64) != 0) {
		sodium_memzero(sk, sizeof(sk));
		return fail(e, ERR_FORMAT, "the secret key is damaged: its public half does not match");
	}
	memcpy(k->keyid, raw + SK_KEYID, SIGN_KEYID_BYTES);
	memcpy(k->sk, sk, 64);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(chk, sizeof(chk));
	return 0;
}

int sign_seckey_parse(struct sign_seckey *k, const char *text, size_t len, const char *password,
		      struct err *e)
{
	unsigned char raw[SK_BYTES];
	const char *line[2];
	size_t n[2];
	int count, rc;

	if (ready(e) < 0)
		return -1;
	count = split_lines(text, len, line, n, 2);
	if (count != 2 || !starts(line[0], n[0], COMMENT_PREFIX))
		return fail(e, ERR_FORMAT, "not a minisign secret key: want an \"untrusted comment: \" line and a base64 line");
	rc = seckey_decode(k, raw, line[1], n[1], password, e);
	sodium_memzero(raw, sizeof(raw));
	if (rc < 0)
		sign_seckey_wipe(k);
	return rc;
}

int sign_seckey_load(struct sign_seckey *k, const char *path, const char *password, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = fs_read_file(path, KEY_FILE_MAX, &b, e);

	if (rc == 0 && (rc = sign_seckey_parse(k, b.data, b.len, password, e)) < 0)
		err_prefix(e, "%s", path);
	sodium_memzero(b.data, b.len);
	buf_release(&b);
	return rc;
}

char *sign_seckey_format(const struct sign_seckey *k, const char *password, uint64_t opslimit,
			 uint64_t memlimit, struct err *e)
{
	unsigned char raw[SK_BYTES];
	struct buf b = BUF_INIT;
	char hex[17];

	if (ready(e) < 0)
		return NULL;
	memset(raw, 0, sizeof(raw));
	memcpy(raw, "Ed", 2);
	memcpy(raw + 4, "B2", 2);
	memcpy(raw + SK_KEYID, k->keyid, SIGN_KEYID_BYTES);
	memcpy(raw + SK_SK, k->sk, 64);
	seckey_chk(raw, raw + SK_CHK);
	if (password) {
		memcpy(raw + 2, "Sc", 2);
		randombytes_buf(raw + SK_SALT, SALT_BYTES);
		le64_store(raw + SK_OPS, opslimit);
		le64_store(raw + SK_MEM, memlimit);
		if (seckey_crypt(raw, password, e) < 0) {
			sodium_memzero(raw, sizeof(raw));
			return NULL;
		}
	}
	sign_keyid_hex(k->keyid, hex);
	buf_addf(&b, COMMENT_PREFIX "minisign secret key %s%s\n", hex,
		 password ? ", encrypted" : ", not encrypted");
	b64_add(&b, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	return buf_detach(&b, NULL);
}

void sign_seckey_wipe(struct sign_seckey *k)
{
	sodium_memzero(k, sizeof(*k));
}

int sign_keypair_new(struct sign_pubkey *pk, struct sign_seckey *sk, struct err *e)
{
	if (ready(e) < 0)
		return -1;
	randombytes_buf(sk->keyid, SIGN_KEYID_BYTES);
	memcpy(pk->keyid, sk->keyid, SIGN_KEYID_BYTES);
	crypto_sign_keypair(pk->pk, sk->sk);
	return 0;
}

/* Create path, which must not exist, holding data; fsync it. */
static int write_new(const char *path, const char *data, size_t n, int mode, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);

	if (fd < 0)
		return fail(e, errno == EEXIST ? ERR_REFUSED : ERR_IO, "%s: %s", path,
			    errno == EEXIST ? "already exists; nothing was overwritten" : strerror(errno));
	while (n) {
		ssize_t k = write(fd, data, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			fail(e, ERR_IO, "%s: %s", path, strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		data += k;
		n -= (size_t)k;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fail(e, ERR_IO, "%s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

int sign_keypair_save(const struct sign_pubkey *pk, const struct sign_seckey *sk,
		      const char *key_path, const char *pub_path, const char *password,
		      struct err *e)
{
	char *sk_text, *pk_text;
	int rc = -1;

	if (fs_exists(key_path) || fs_exists(pub_path))
		return fail(e, ERR_REFUSED, "%s: already exists; nothing was overwritten",
			    fs_exists(key_path) ? key_path : pub_path);
	sk_text = sign_seckey_format(sk, password, crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE,
				     crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE, e);
	if (!sk_text)
		return -1;
	pk_text = sign_pubkey_format(pk);
	if (write_new(key_path, sk_text, strlen(sk_text), 0600, e) == 0) {
		if (write_new(pub_path, pk_text, strlen(pk_text), 0644, e) == 0)
			rc = 0;
		else
			unlink(key_path);
	}
	sodium_memzero(sk_text, strlen(sk_text));
	free(sk_text);
	free(pk_text);
	return rc;
}

int sign_hash_fd(int fd, unsigned char hash[SIGN_HASH_BYTES], char sha256_hex[65], struct err *e)
{
	crypto_generichash_state st;
	struct sha256 sha = { NULL };
	unsigned char block[65536];
	off_t at = 0;
	ssize_t k;

	if (ready(e) < 0 || (sha256_hex && sha256_begin(&sha, e) < 0))
		return -1;
	crypto_generichash_init(&st, NULL, 0, SIGN_HASH_BYTES);
	while ((k = pread(fd, block, sizeof(block), at)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			sha256_abandon(&sha);
			return fail(e, ERR_IO, "reading: %s", strerror(errno));
		}
		crypto_generichash_update(&st, block, (unsigned long long)k);
		if (sha256_hex)
			sha256_add(&sha, block, (size_t)k);
		at += k;
	}
	crypto_generichash_final(&st, hash, SIGN_HASH_BYTES);
	if (sha256_hex)
		sha256_end(&sha, sha256_hex);
	return 0;
}

int sign_sig_parse(struct sign_sig *s, const char *text, size_t len, struct err *e)
{
	unsigned char raw[SIG_BYTES];
	const char *line[4];
	size_t n[4], tlen, plen = strlen(TRUSTED_PREFIX);
	const char *cr;
	int count = split_lines(text, len, line, n, 4);

	memset(s, 0, sizeof(*s));
	if (count < 0)
		return fail(e, ERR_FORMAT, "not a minisign signature: more than four lines, or a NUL byte");
	if (count < 1 || !starts(line[0], n[0], COMMENT_PREFIX) ||
	    n[0] > strlen(COMMENT_PREFIX) + UNTRUSTED_MAX)
		return fail(e, ERR_FORMAT, "not a minisign signature: the first line must be \"untrusted comment: \" and at most %d bytes",
			    UNTRUSTED_MAX);
	if (count < 4)
		return fail(e, ERR_FORMAT, "not a minisign signature: it ends after %d of its 4 lines", count);
	if (b64_decode(raw, sizeof(raw), line[1], n[1]) < 0)
		return fail(e, ERR_FORMAT, "not a minisign signature: line 2 must be base64 of %d bytes",
			    SIG_BYTES);
	if (!memcmp(raw, "Ed", 2))
		s->legacy = 1;
	else if (memcmp(raw, "ED", 2))
		return fail(e, ERR_FORMAT, "signature algorithm is neither Ed25519 of BLAKE2b (\"ED\") nor legacy Ed25519 (\"Ed\")");
	memcpy(s->keyid, raw + 2, SIGN_KEYID_BYTES);
	memcpy(s->sig, raw + 2 + SIGN_KEYID_BYTES, sizeof(s->sig));
	if (!starts(line[2], n[2], TRUSTED_PREFIX))
		return fail(e, ERR_FORMAT, "not a minisign signature: line 3 must start with \"trusted comment: \"");
	/* minisign ends the comment at its first '\r' */
	tlen = n[2] - plen;
	cr = memchr(line[2] + plen, '\r', tlen);
	if (cr)
		tlen = (size_t)(cr - (line[2] + plen));
	if (tlen > SIGN_COMMENT_MAX)
		return fail(e, ERR_FORMAT, "trusted comment is longer than %d bytes", SIGN_COMMENT_MAX);
	memcpy(s->comment, line[2] + plen, tlen);
	s->comment[tlen] = 0;
	if (b64_decode(s->global_sig, sizeof(s->global_sig), line[3], n[3]) < 0)
		return fail(e, ERR_FORMAT, "not a minisign signature: line 4 must be base64 of 64 bytes");
	return 0;
}

int sign_sig_load(struct sign_sig *s, const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = fs_read_file(path, SIG_FILE_MAX, &b, e);

	if (rc == 0 && (rc = sign_sig_parse(s, b.data, b.len, e)) < 0)
		err_prefix(e, "%s", path);
	buf_release(&b);
	return rc;
}

/* The bytes the global signature covers: the signature, then the trusted comment. */
static unsigned char *sig_and_comment(const unsigned char sig[64], const char *comment, size_t *n)
{
	size_t clen = strlen(comment);
	unsigned char *m = xmalloc(64 + clen + 1);

	memcpy(m, sig, 64);
	memcpy(m + 64, comment, clen);
	*n = 64 + clen;
	return m;
}

char *sign_sig_make(const struct sign_seckey *k, const unsigned char hash[SIGN_HASH_BYTES],
		    const char *trusted_comment, const char *untrusted_comment, struct err *e)
{
	unsigned char raw[SIG_BYTES], global[64], *m;
	struct buf b = BUF_INIT;
	size_t mlen;

	if (ready(e) < 0)
		return NULL;
	if (strlen(trusted_comment) > SIGN_COMMENT_MAX || strpbrk(trusted_comment, "\r\n")) {
		fail(e, ERR_USAGE, "the trusted comment must be one line of at most %d bytes",
		     SIGN_COMMENT_MAX);
		return NULL;
	}
	if (strlen(untrusted_comment) > UNTRUSTED_MAX || strpbrk(untrusted_comment, "\r\n")) {
		fail(e, ERR_USAGE, "the untrusted comment must be one line of at most %d bytes",
		     UNTRUSTED_MAX);
		return NULL;
	}
	memcpy(raw, "ED", 2);
	memcpy(raw + 2, k->keyid, SIGN_KEYID_BYTES);
	crypto_sign_detached(raw + 2 + SIGN_KEYID_BYTES, NULL, hash, SIGN_HASH_BYTES, k->sk);
	m = sig_and_comment(raw + 2 + SIGN_KEYID_BYTES, trusted_comment, &mlen);
	crypto_sign_detached(global, NULL, m, mlen, k->sk);
	free(m);
	buf_addf(&b, COMMENT_PREFIX "%s\n", untrusted_comment);
	b64_add(&b, raw, sizeof(raw));
	buf_addf(&b, TRUSTED_PREFIX "%s\n", trusted_comment);
	b64_add(&b, global, sizeof(global));
	return buf_detach(&b, NULL);
}

int sign_sig_verify(const struct sign_sig *s, const struct sign_pubkey *k,
		    const unsigned char hash[SIGN_HASH_BYTES], struct err *e)
{
	unsigned char *m;
	size_t mlen;
	int bad;

	if (ready(e) < 0)
		return -1;
	if (s->legacy)
		return fail(e, ERR_REFUSED, "%s", legacy_msg);
	if (memcmp(s->keyid, k->keyid, SIGN_KEYID_BYTES)) {
		char a[17], b[17];
		sign_keyid_hex(s->keyid, a);
		sign_keyid_hex(k->keyid, b);
		return fail(e, ERR_REFUSED, "signed by key %s, not by key %s", a, b);
	}
	if (crypto_sign_verify_detached(s->sig, hash, SIGN_HASH_BYTES, k->pk) != 0)
		return fail(e, ERR_REFUSED, "signature does not match the file");
	m = sig_and_comment(s->sig, s->comment, &mlen);
	bad = crypto_sign_verify_detached(s->global_sig, m, mlen, k->pk) != 0;
	free(m);
	if (bad)
		return fail(e, ERR_REFUSED, "signature does not match its trusted comment (the comment was changed)");
	return 0;
}

int sign_comment_get(const char *comment, const char *name, char *out, size_t size)
{
	size_t nl = strlen(name);
	const char *p = comment;

	while (*p) {
		size_t k;
		while (*p == ' ' || *p == '\t')
			p++;
		k = strcspn(p, " \t");
		if (k > nl && !strncmp(p, name, nl) && p[nl] == ':') {
			size_t v = k - nl - 1;
			if (v >= size) {
				if (size)
					out[0] = 0;
				return -1;
			}
			memcpy(out, p + nl + 1, v);
			out[v] = 0;
			return 1;
		}
		p += k;
	}
	return 0;
}

void sign_keyring_add(struct sign_keyring *r, const struct sign_pubkey *k)
{
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = *k;
}

int sign_keyring_add_dir(struct sign_keyring *r, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		if (errno == ENOENT)
			return 0;
		return fail(e, ERR_IO, "%s: %s", dir, strerror(errno));
	}
	while (rc == 0 && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		struct sign_pubkey k;
		char *path;

		if (de->d_name[0] == '.' || n < 5 || strcmp(de->d_name + n - 4, ".pub"))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		rc = sign_pubkey_load(&k, path, e);
		if (rc == 0)
			sign_keyring_add(r, &k);
		free(path);
	}
	closedir(d);
	return rc;
}

void sign_keyring_release(struct sign_keyring *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int sign_check_file(int fd, const char *sig_path, const struct sign_keyring *r,
		    struct sign_check *c, struct err *e)
{
	unsigned char hash[SIGN_HASH_BYTES];
	struct sign_sig s;
	int tried = 0;

	memset(c, 0, sizeof(*c));
	c->status = SIGN_BAD;
	if (sign_sig_load(&s, sig_path, e) < 0) {
		if (e && e->code == ERR_NOTFOUND) {
			c->status = SIGN_MISSING;
			return fail(e, ERR_NOTFOUND, "no signature (%s)", sig_path);
		}
		return -1;
	}
	sign_keyid_hex(s.keyid, c->keyid);
	snprintf(c->comment, sizeof(c->comment), "%s", s.comment);
	if (s.legacy)
		return fail(e, ERR_REFUSED, "%s", legacy_msg);
	if (sign_hash_fd(fd, hash, c->sha256, e) < 0)
		return -1;
	for (size_t i = 0; r && i < r->n; i++) {
		if (memcmp(r->v[i].keyid, s.keyid, SIGN_KEYID_BYTES))
			continue;
		tried = 1;
		if (sign_sig_verify(&s, &r->v[i], hash, e) == 0) {
			if (sign_comment_get(s.comment, "pack", c->pack_id, sizeof(c->pack_id)) < 0 ||
			    sign_comment_get(s.comment, "version", c->version, sizeof(c->version)) < 0)
				return fail(e, ERR_REFUSED, "the trusted comment's pack or version is too long");
			c->status = SIGN_VALID;
			return 0;
		}
	}
	if (!tried) {
		c->status = SIGN_UNTRUSTED;
		return fail(e, ERR_REFUSED, "signed by key %s which is not trusted", c->keyid);
	}
	return -1;
}
