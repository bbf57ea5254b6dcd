/* sign.h: signatures of pack files that minisign (0.11, as in Debian) can make and
 * check, verified with libsodium over the raw bytes of the file before anything
 * reads it as a zip. Every binary part is standard base64 with padding:
 *
 *   public key  "untrusted comment: ...\n" base64("Ed" keyid[8] pk[32]) "\n"
 *   secret key  "untrusted comment: ...\n" base64("Ed" kdf[2] "B2" salt[32] opslimit[8]
 *               memlimit[8] keyid[8] sk[64] chk[32]) "\n"
 *               kdf "\0\0": stored as is (minisign -W); kdf "Sc": keyid..chk XORed with
 *               scrypt(password, salt, opslimit, memlimit), limits little-endian;
 *               chk = BLAKE2b-256("Ed" keyid sk) (minisign -W leaves it zero)
 *   signature   "untrusted comment: ...\n" base64("ED" keyid[8] sig[64]) "\n"
 *               "trusted comment: TEXT\n" base64(global_sig[64]) "\n"
 *               sig = Ed25519(BLAKE2b-512(file)), global_sig = Ed25519(sig || TEXT)
 *
 * The legacy "Ed" signature (Ed25519 of the whole file, not of its hash) is read so
 * that it can be named, and always refused. The key id is shown as minisign shows
 * it: the 8 bytes as a little-endian number in 16 uppercase hex digits. */
#ifndef KIOSK_SIGN_H
#define KIOSK_SIGN_H

#include <stddef.h>
#include <stdint.h>

struct err;

#define SIGN_KEYID_BYTES 8
#define SIGN_HASH_BYTES 64      /* BLAKE2b-512 of the file */
#define SIGN_COMMENT_MAX 8173   /* longest trusted comment minisign reads, without prefix */
#define SIGN_SUFFIX ".minisig"

struct sign_pubkey {
	unsigned char keyid[SIGN_KEYID_BYTES];
	unsigned char pk[32];
};

/* A usable (decrypted) secret key. Wipe it with sign_seckey_wipe when done. */
struct sign_seckey {
	unsigned char keyid[SIGN_KEYID_BYTES];
	unsigned char sk[64];
};

/* A parsed signature file. */
struct sign_sig {
	int legacy;                  /* "Ed": never accepted */
	unsigned char keyid[SIGN_KEYID_BYTES];
	unsigned char sig[64];
	unsigned char global_sig[64];
	char comment[SIGN_COMMENT_MAX + 1]; /* the trusted comment, without its prefix */
};

/* Public keys to check signatures against. Zero-initialise, free with _release. */
struct sign_keyring {
	struct sign_pubkey *v;
	size_t n, cap;
};

/* The key id as minisign prints it, into hex (17 bytes with the NUL). */
void sign_keyid_hex(const unsigned char keyid[SIGN_KEYID_BYTES], char hex[17]);

/* Public keys: the text of a .pub file, or its base64 line alone (a config
 * file's trusted_key). -1 with one message when malformed. */
int sign_pubkey_parse(struct sign_pubkey *k, const char *text, size_t len, struct err *e);
int sign_pubkey_from_base64(struct sign_pubkey *k, const char *b64, size_t len, struct err *e);
int sign_pubkey_load(struct sign_pubkey *k, const char *path, struct err *e);
/* The text of a .pub file; the caller frees it. */
char *sign_pubkey_format(const struct sign_pubkey *k);

/* A secret key from the text of a .key file. password may be NULL: an encrypted key
 * then fails with code ERR_USAGE (the caller says where a password comes from); a
 * wrong password fails with ERR_REFUSED. */
int sign_seckey_parse(struct sign_seckey *k, const char *text, size_t len, const char *password,
		      struct err *e);
int sign_seckey_load(struct sign_seckey *k, const char *path, const char *password, struct err *e);
/* The text of a .key file, stored as is when password is NULL, else encrypted with
 * scrypt at the given limits; NULL with e set when the key derivation fails. The
 * caller frees (and should wipe) the text. */
char *sign_seckey_format(const struct sign_seckey *k, const char *password, uint64_t opslimit,
			 uint64_t memlimit, struct err *e);
void sign_seckey_wipe(struct sign_seckey *k);

/* A new random key pair. */
int sign_keypair_new(struct sign_pubkey *pk, struct sign_seckey *sk, struct err *e);
/* Write a new key pair to key_path (mode 0600) and pub_path; both must not exist.
 * With a password the secret key is encrypted with minisign's own scrypt limits
 * (1 GiB of memory). Nothing is left behind on failure. */
int sign_keypair_save(const struct sign_pubkey *pk, const struct sign_seckey *sk,
		      const char *key_path, const char *pub_path, const char *password,
		      struct err *e);

/* BLAKE2b-512 of the whole open file, read from its start (the offset is not
 * moved), and in the same pass its SHA-256 in lowercase hex (NULL: not wanted).
 * 0, or -1 with e set: the file cannot be read, libsodium cannot start, or
 * libcrypto cannot be loaded for the SHA-256 (sha256.h). */
int sign_hash_fd(int fd, unsigned char hash[SIGN_HASH_BYTES], char sha256_hex[65], struct err *e);

/* A signature file's text. Malformed files fail with ERR_FORMAT. */
int sign_sig_parse(struct sign_sig *s, const char *text, size_t len, struct err *e);
/* The same from path; a missing file fails with ERR_NOTFOUND. */
int sign_sig_load(struct sign_sig *s, const char *path, struct err *e);

/* The text of a signature file for the file whose hash is given; the trusted
 * comment must be one line. The caller frees the text. */
char *sign_sig_make(const struct sign_seckey *k, const unsigned char hash[SIGN_HASH_BYTES],
		    const char *trusted_comment, const char *untrusted_comment, struct err *e);

/* Check s against key k and the file's hash: the legacy form, another key id, a
 * signature that does not match the file, or a trusted comment that was changed
 * are all refused (ERR_REFUSED) with one message. */
int sign_sig_verify(const struct sign_sig *s, const struct sign_pubkey *k,
		    const unsigned char hash[SIGN_HASH_BYTES], struct err *e);

/* The value of the first "name:value" word of a trusted comment (words are
 * separated by spaces or tabs), copied into out: 1 when found, 0 when the comment
 * has no such word, -1 when the value does not fit (out is then ""). */
int sign_comment_get(const char *comment, const char *name, char *out, size_t size);

void sign_keyring_add(struct sign_keyring *r, const struct sign_pubkey *k);
/* Add every *.pub file of dir; a missing folder adds nothing, a bad file is an
 * error naming it. */
int sign_keyring_add_dir(struct sign_keyring *r, const char *dir, struct err *e);
void sign_keyring_release(struct sign_keyring *r);

/* Why sign_check_file refused a file. */
enum sign_status { SIGN_VALID = 0, SIGN_MISSING, SIGN_UNTRUSTED, SIGN_BAD };

/* What a checked signature says. */
struct sign_check {
	int status;                 /* enum sign_status */
	char keyid[17];             /* of the signature, once it could be read */
	char comment[SIGN_COMMENT_MAX + 1];
	char pack_id[128], version[64]; /* "pack:" and "version:" of the trusted comment, or "" */
	char sha256[65];            /* of the bytes that were verified */
};

/* Check sig_path, the signature of the file open as fd, against the keys in r:
 * 0 when one of them made it. Otherwise -1, c->status says why and e holds one
 * message without the file's name ("no signature (X.minisig)", "signed by key K
 * which is not trusted", "signature does not match the file", ...). */
int sign_check_file(int fd, const char *sig_path, const struct sign_keyring *r,
		    struct sign_check *c, struct err *e);

#endif
