/* test_sign.c: minisign's formats through pack/sign.h: files made by the real
 * minisign 0.11 (a throwaway key made for this test), round trips of the kiosk's
 * own files, and parsers fed bad base64, wrong lengths, wrong algorithm bytes,
 * truncated and damaged files, which must fail with a message and never crash. */
#include "test.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/sign.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* minisign -G -W -p k.pub -s k.key; echo hi >f; minisign -S -s k.key -m f;
 * minisign -S -l -s k.key -m f -x f.leg */
static const char ms_pub[] =
	"untrusted comment: minisign public key EF6B7944819D0E64\n"
	"RWRkDp2BRHlr77So1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtpsh\n";
static const char ms_key[] =
	"untrusted comment: minisign encrypted secret key\n"
	"RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAZA6dgUR5a+/6vt7lW2qMZ0Ej"
	"tpNfA6x1Zs107tj6F1kNVmDkSzakALSo1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtpshAAAAAAAAAAAAAAAAAAAAAAAA"
	"AAAAAAAAAAAAAAAAAAA=\n";
static const char ms_sig[] =
	"untrusted comment: signature from minisign secret key\n"
	"RURkDp2BRHlr77Ra2zmQHsg7ESP7jHectfMzWRH0bePtfwp+3ca7lxX3gyFN//WsTyQRA9PolPQPm6l8iGz19MjNxMxsyXEBUw0=\n"
	"trusted comment: timestamp:1795543618\tfile:f\thashed\n"
	"5gLNk12wgVFm9cSsTzwG0Kzs4PV3n4NyYJ+NmKPxZM9QLrBiHB1vZJoxNyZVp1BeCd2v/cwyRXdJ4rw2ZQhIAQ==\n";
static const char ms_legacy[] =
	"untrusted comment: signature from minisign secret key\n"
	"RWRkDp2BRHlr7xIo/URk3M4Lz27UL6RpDF7a86hqRDA4vHmeGmfsa8U8FqxD4xhhuosvu83ncsy7kbwZ+w2yj6HQc4zN7h9XMgc=\n"
	"trusted comment: timestamp:1795543618\tfile:f\n"
	"sbS8j4EJQieDuHDiRekWOlRcyg0uPPvtNjXWkB9SaGel2Nx/gmAQwJgvFcRoAHk9QUxNJXXRg/AYi7jLz7zcAA==\n";
/* BLAKE2b-512 and SHA-256 of "hi\n" (Python's hashlib) */
static const char hi_blake[] =
	"7ea59e7a000ec003846b6607dfd5f9217b681dc1a81b0789b464c3995105d930"
	"83f7f0a86fca01a1bed27e9f9303ae58d01746e3b20443480bea56198e65bfc5";
static const char hi_sha[] = "98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4";

/* The same files with one part changed (made with Python's base64 module). */
static const char *bad_pub[][2] = {
	{ "RUVkDp2BRHlr77So1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtpsh", "is not Ed25519" },  /* "EE" */
	{ "RWRkDp2BRHlr77So1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtps=", "base64 of 42" },    /* 41 bytes */
	{ "RWRkDp2BRHlr77So1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtpshAA==", "base64 of 42" }, /* 43 */
	{ "RWRkDp2BRHlr77So1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtps!", "base64 of 42" },    /* bad char */
	{ "RWRkDp2BRHlr77So1x/of0YWFL6p2C6YujSfY5oXWtM9JC1PlUcAtpsh=", "base64 of 42" },   /* extra pad */
	{ "", "base64 of 42" },
};
/* the secret key's base64 between its first 8 and last 54 characters */
#define SK_MID "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAZA6dgUR5a+/6vt7lW2qMZ0Ej" \
	"tpNfA6x1Zs107tj6F1kNVmDkSzakALSo1x/of0YWFL6p2C6YujSfY5oXWtM9JC"
static const char *bad_key[][2] = {
	{ "RUUAAEIy" SK_MID "1PlUcAtpshAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "is not Ed25519" },
	{ "RWRYeEIy" SK_MID "1PlUcAtpshAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "neither scrypt" },
	{ "RWQAAEIz" SK_MID "1PlUcAtpshAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not BLAKE2b" },
	{ "RWQAAEIy" SK_MID "1PlUcAtpshAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=", "checksum does not match" },
	{ "RWQAAEIy" SK_MID "1PlUcAtpsgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "public half does not match" },
	{ "RWQAAEIy" SK_MID "1PlUcAtpshAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "base64 of 158" },
};

static int has(const struct err *e, const char *text)
{
	return strstr(e->msg, text) != NULL;
}

static char *sig_with_line(int n, const char *line)
{
	const char *src = ms_sig;
	char *out = xmalloc(strlen(ms_sig) + strlen(line) + 2), *o = out;

	for (int i = 0; *src; i++) {
		const char *nl = strchr(src, '\n');
		size_t k = (size_t)(nl - src) + 1;
		if (i == n) {
			o += sprintf(o, "%s\n", line);
		} else {
			memcpy(o, src, k);
			o += k;
		}
		src += k;
	}
	*o = 0;
	return out;
}

/* Every truncation and every one-byte change of text: no crash, and the parse
 * either fails with a message or (for harmless changes) succeeds. */
static void fuzz_text(const char *text, int kind, const char *what)
{
	size_t len = strlen(text);
	char *copy = xmalloc(len + 1);
	int fails = 0, silent = 0;

	for (size_t cut = 0; cut <= len; cut++) {
		for (int flip = -1; flip < (int)cut; flip += cut > 200 ? 7 : 1) {
			struct sign_pubkey pk;
			struct sign_seckey sk;
			struct sign_sig s;
			struct err e = { 0 };
			int rc;

			memcpy(copy, text, cut);
			if (flip >= 0)
				copy[flip] ^= (char)(1 << (flip % 8));
			rc = kind == 0 ? sign_pubkey_parse(&pk, copy, cut, &e) :
			     kind == 1 ? sign_seckey_parse(&sk, copy, cut, NULL, &e) :
					 sign_sig_parse(&s, copy, cut, &e);
			if (rc < 0) {
				fails++;
				silent += !e.msg[0];
			}
		}
	}
	CHECK(fails > 0 && !silent, "%s: truncated and damaged copies are refused with a message (%d)",
	      what, fails);
	free(copy);
}

int main(void)
{
	char tmpl[] = "/tmp/kiosk-sign-XXXXXX";
	char *dir = mkdtemp(tmpl), hex[17], sha[65], *text, *text2, *path, *path2, value[16];
	unsigned char hash[SIGN_HASH_BYTES], hash2[SIGN_HASH_BYTES];
	struct sign_pubkey pk, pk2, mspk;
	struct sign_seckey sk, sk2, mssk;
	struct sign_sig s;
	struct sign_keyring ring = { 0 };
	struct sign_check c;
	struct err e = { 0 };
	int fd;

	/* files made by minisign itself */
	CHECK(sign_pubkey_parse(&mspk, ms_pub, strlen(ms_pub), &e) == 0, "minisign's public key (%s)", e.msg);
	sign_keyid_hex(mspk.keyid, hex);
	CHECK_STR(hex, "EF6B7944819D0E64", "key id as minisign prints it");
	CHECK(sign_pubkey_from_base64(&pk, ms_pub + 56, 56, &e) == 0 && !memcmp(&pk, &mspk, sizeof(pk)),
	      "the base64 line alone, as trusted_key gives it");
	CHECK(sign_seckey_parse(&mssk, ms_key, strlen(ms_key), NULL, &e) == 0,
	      "minisign -W's secret key, whose checksum is zero (%s)", e.msg);
	CHECK(!memcmp(mssk.keyid, mspk.keyid, SIGN_KEYID_BYTES) && !memcmp(mssk.sk + 32, mspk.pk, 32),
	      "its key id and public half are the public key's");

	path = xasprintf("%s/hi", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, "hi\n", 3) == 3, "write a file to sign");
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK(sign_hash_fd(fd, hash, sha, &e) == 0, "hash a file");
	{
		char hx[2 * SIGN_HASH_BYTES + 1];
		for (int i = 0; i < SIGN_HASH_BYTES; i++)
			sprintf(hx + 2 * i, "%02x", hash[i]);
		CHECK_STR(hx, hi_blake, "BLAKE2b-512 of the file");
	}
	CHECK_STR(sha, hi_sha, "SHA-256 in the same pass");

	CHECK(sign_sig_parse(&s, ms_sig, strlen(ms_sig), &e) == 0 && !s.legacy, "minisign's signature (%s)", e.msg);
	CHECK_STR(s.comment, "timestamp:1795543618\tfile:f\thashed", "its trusted comment");
	CHECK(sign_sig_verify(&s, &mspk, hash, &e) == 0, "verifies (%s)", e.msg);
	memcpy(hash2, hash, sizeof(hash));
	hash2[5] ^= 1;
	CHECK(sign_sig_verify(&s, &mspk, hash2, &e) < 0 && has(&e, "signature does not match the file"),
	      "another file's hash does not (%s)", e.msg);
	s.comment[0] = 'T';
	CHECK(sign_sig_verify(&s, &mspk, hash, &e) < 0 && has(&e, "trusted comment"),
	      "a changed trusted comment does not (%s)", e.msg);
	CHECK(sign_sig_parse(&s, ms_legacy, strlen(ms_legacy), &e) == 0 && s.legacy, "a legacy signature is read");
	CHECK(sign_sig_verify(&s, &mspk, hash, &e) < 0 && has(&e, "legacy non-prehashed form"),
	      "and refused (%s)", e.msg);

	/* the kiosk's own keys and signatures */
	CHECK(sign_keypair_new(&pk, &sk, &e) == 0, "a new key pair");
	text = sign_pubkey_format(&pk);
	CHECK(sign_pubkey_parse(&pk2, text, strlen(text), &e) == 0 && !memcmp(&pk, &pk2, sizeof(pk)),
	      "public key round trip");
	free(text);
	text = sign_seckey_format(&sk, NULL, 0, 0, &e);
	CHECK(text && sign_seckey_parse(&sk2, text, strlen(text), NULL, &e) == 0 &&
	      !memcmp(&sk, &sk2, sizeof(sk)), "plain secret key round trip (%s)", e.msg);
	free(text);
	text = sign_seckey_format(&sk, "sesame", 32768, 16u << 20, &e);
	CHECK(text != NULL, "an encrypted secret key (small scrypt limits)");
	if (text) {
		CHECK(sign_seckey_parse(&sk2, text, strlen(text), "sesame", &e) == 0 &&
		      !memcmp(&sk, &sk2, sizeof(sk)), "decrypts with its password (%s)", e.msg);
		CHECK(sign_seckey_parse(&sk2, text, strlen(text), NULL, &e) < 0 && e.code == ERR_USAGE &&
		      has(&e, "protected by a password"), "without a password: asks for one");
		CHECK(sign_seckey_parse(&sk2, text, strlen(text), "open", &e) < 0 && e.code == ERR_REFUSED &&
		      has(&e, "wrong password"), "a wrong password is named");
		free(text);
	}

	text = sign_sig_make(&sk, hash, "pack:mini version:1.2.0 timestamp:1 file:mini.zip", "test", &e);
	CHECK(text && sign_sig_parse(&s, text, strlen(text), &e) == 0, "kiosk signature parses (%s)", e.msg);
	CHECK(sign_sig_verify(&s, &pk, hash, &e) == 0, "and verifies");
	CHECK(sign_sig_verify(&s, &mspk, hash, &e) < 0 && has(&e, "not by key"), "not with another key");
	CHECK(sign_comment_get(s.comment, "pack", value, sizeof(value)) == 1 && !strcmp(value, "mini"), "pack: word");
	CHECK(sign_comment_get(s.comment, "version", value, sizeof(value)) == 1 && !strcmp(value, "1.2.0"), "version: word");
	CHECK(sign_comment_get("timestamp:1\tfile:f\thashed", "pack", value, sizeof(value)) == 0,
	      "minisign's comment names no pack");
	CHECK(sign_comment_get("pack:averyveryverylongname", "pack", value, sizeof(value)) == -1 && !value[0],
	      "a value that does not fit is not cut short");
	CHECK(sign_sig_make(&sk, hash, "two\nlines", "x", &e) == NULL, "a trusted comment is one line");
	fuzz_text(text, 2, "kiosk signature");
	free(text);

	/* sign_check_file: the statuses install relies on */
	path2 = xasprintf("%s/hi.minisig", dir);
	CHECK(sign_check_file(fd, path2, &ring, &c, &e) < 0 && c.status == SIGN_MISSING &&
	      has(&e, "no signature ("), "no .minisig: missing (%s)", e.msg);
	fd = open(path2, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, ms_sig, strlen(ms_sig)) == (ssize_t)strlen(ms_sig), "write minisign's signature");
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK(sign_check_file(fd, path2, &ring, &c, &e) < 0 && c.status == SIGN_UNTRUSTED &&
	      has(&e, "signed by key EF6B7944819D0E64 which is not trusted"), "no key: untrusted (%s)", e.msg);
	sign_keyring_add(&ring, &pk);
	sign_keyring_add(&ring, &mspk);
	CHECK(sign_check_file(fd, path2, &ring, &c, &e) == 0 && c.status == SIGN_VALID, "its key: valid (%s)", e.msg);
	CHECK(!c.pack_id[0] && !c.version[0] && !strcmp(c.sha256, hi_sha), "no pack named; SHA-256 of the bytes");
	close(fd);
	fd = open(path2, O_WRONLY | O_TRUNC);
	CHECK(write(fd, ms_legacy, strlen(ms_legacy)) == (ssize_t)strlen(ms_legacy), "write the legacy signature");
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK(sign_check_file(fd, path2, &ring, &c, &e) < 0 && c.status == SIGN_BAD && has(&e, "legacy"),
	      "legacy: refused even from a trusted key");
	close(fd);
	sign_keyring_release(&ring);

	/* key folders */
	free(path2);
	path2 = xasprintf("%s/keys", dir);
	CHECK(sign_keyring_add_dir(&ring, path2, &e) == 0 && ring.n == 0, "a missing key folder adds nothing");
	mkdir(path2, 0755);
	free(path2);
	path2 = xasprintf("%s/keys/a.pub", dir);
	fd = open(path2, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(write(fd, ms_pub, strlen(ms_pub)) == (ssize_t)strlen(ms_pub), "a key file");
	close(fd);
	free(path2);
	path2 = xasprintf("%s/keys/notes.txt", dir);
	fd = open(path2, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	close(fd);
	free(path2);
	path2 = xasprintf("%s/keys", dir);
	CHECK(sign_keyring_add_dir(&ring, path2, &e) == 0 && ring.n == 1, "*.pub files are read, others ignored");
	free(path2);
	path2 = xasprintf("%s/keys/b.pub", dir);
	fd = open(path2, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(write(fd, "junk\n", 5) == 5, "a bad key file");
	close(fd);
	free(path2);
	path2 = xasprintf("%s/keys", dir);
	CHECK(sign_keyring_add_dir(&ring, path2, &e) < 0 && has(&e, "b.pub: not a minisign public key"),
	      "a bad .pub is an error naming it (%s)", e.msg);
	sign_keyring_release(&ring);

	/* keypair files: created once, never overwritten */
	free(path);
	free(path2);
	path = xasprintf("%s/k.key", dir);
	path2 = xasprintf("%s/k.pub", dir);
	CHECK(sign_keypair_save(&pk, &sk, path, path2, NULL, &e) == 0, "save a key pair (%s)", e.msg);
	{
		struct stat st;
		CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "the secret key is mode 0600");
	}
	CHECK(sign_seckey_load(&sk2, path, NULL, &e) == 0 && !memcmp(&sk, &sk2, sizeof(sk)), "and loads back");
	CHECK(sign_pubkey_load(&pk2, path2, &e) == 0 && !memcmp(&pk, &pk2, sizeof(pk)), "so does the public key");
	CHECK(sign_keypair_save(&pk, &sk, path, path2, NULL, &e) < 0 && has(&e, "already exists"),
	      "an existing key pair is not overwritten");

	/* malformed parts, each named */
	for (size_t i = 0; i < sizeof(bad_pub) / sizeof(*bad_pub); i++) {
		text = xasprintf("untrusted comment: x\n%s\n", bad_pub[i][0]);
		CHECK(sign_pubkey_parse(&pk2, text, strlen(text), &e) < 0 && has(&e, bad_pub[i][1]),
		      "public key %zu: '%s' (%s)", i, bad_pub[i][1], e.msg);
		free(text);
	}
	for (size_t i = 0; i < sizeof(bad_key) / sizeof(*bad_key); i++) {
		text = xasprintf("untrusted comment: x\n%s\n", bad_key[i][0]);
		CHECK(sign_seckey_parse(&sk2, text, strlen(text), NULL, &e) < 0 && has(&e, bad_key[i][1]),
		      "secret key %zu: '%s' (%s)", i, bad_key[i][1], e.msg);
		free(text);
	}
	text = sig_with_line(1, "WFlkDp2BRHlr77Ra2zmQHsg7ESP7jHectfMzWRH0bePtfwp+3ca7lxX3gyFN//WsTyQRA9PolPQPm6l8iGz19MjNxMxsyXEBUw0=");
	CHECK(sign_sig_parse(&s, text, strlen(text), &e) < 0 && has(&e, "signature algorithm"), "signature algorithm \"XY\"");
	free(text);
	text = sig_with_line(1, "RURkDp2BRHlr77Ra2zmQHsg7ESP7jHectfMzWRH0bePtfwp+3ca7lxX3gyFN//WsTyQRA9PolPQPm6l8iGz19MjNxMxsyXEBUw==");
	CHECK(sign_sig_parse(&s, text, strlen(text), &e) < 0 && has(&e, "base64 of 74"), "a 73-byte signature");
	free(text);
	text = sig_with_line(2, "untrusted comment: x");
	CHECK(sign_sig_parse(&s, text, strlen(text), &e) < 0 && has(&e, "trusted comment"), "line 3 is the trusted comment");
	free(text);
	text = sig_with_line(3, "5gLNk12wgVFm9cSsTzwG0Kzs4PV3n4NyYJ+NmKPxZM9QLrBiHB1vZJoxNyZVp1BeCd2v/cwyRXdJ4rw2ZQhI");
	CHECK(sign_sig_parse(&s, text, strlen(text), &e) < 0 && has(&e, "line 4"), "a short global signature");
	free(text);
	text = xasprintf("%sextra\n", ms_sig);
	CHECK(sign_sig_parse(&s, text, strlen(text), &e) < 0, "text after the signature");
	free(text);
	CHECK(sign_sig_parse(&s, ms_sig, 10, &e) < 0 && e.msg[0], "a signature cut short");
	{
		char nul[sizeof(ms_sig)];
		memcpy(nul, ms_sig, sizeof(ms_sig));
		nul[30] = 0;
		CHECK(sign_sig_parse(&s, nul, sizeof(ms_sig) - 1, &e) < 0, "a NUL byte");
	}
	{
		size_t n = SIGN_COMMENT_MAX + 1;
		char *longc = xmalloc(n + 1);
		memset(longc, 'a', n);
		longc[n] = 0;
		text = xasprintf("untrusted comment: x\nRURkDp2BRHlr77Ra2zmQHsg7ESP7jHectfMzWRH0bePtfwp+3ca7lxX3gyFN//WsTyQRA9PolPQPm6l8iGz19MjNxMxsyXEBUw0=\ntrusted comment: %s\n"
				 "5gLNk12wgVFm9cSsTzwG0Kzs4PV3n4NyYJ+NmKPxZM9QLrBiHB1vZJoxNyZVp1BeCd2v/cwyRXdJ4rw2ZQhIAQ==\n", longc);
		CHECK(sign_sig_parse(&s, text, strlen(text), &e) < 0 && has(&e, "longer than"), "an over-long trusted comment");
		free(text);
		free(longc);
	}
	text2 = xasprintf("%s", ms_sig);
	text2[strlen(text2) - 1] = 0;
	CHECK(sign_sig_parse(&s, text2, strlen(text2), &e) == 0, "the last newline may be missing");
	free(text2);
	fuzz_text(ms_pub, 0, "public key");
	fuzz_text(ms_key, 1, "secret key");
	fuzz_text(ms_sig, 2, "minisign signature");

	sign_seckey_wipe(&sk);
	sign_seckey_wipe(&sk2);
	sign_seckey_wipe(&mssk);
	unlink(path);
	unlink(path2);
	free(path);
	free(path2);
	path = xasprintf("rm -rf '%s'", dir);
	CHECK(system(path) == 0, "clean up");
	free(path);
	return test_failures != 0;
}
