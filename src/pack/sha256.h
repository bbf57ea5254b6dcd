/* sha256.h: SHA-256 (FIPS 180-4) of a stream of bytes, by OpenSSL's libcrypto,
 * loaded at its first use (SDL_LoadObject), not linked.
 *
 * libcrypto uses the processor's SHA instructions (x86 SHA-NI, the ARMv8
 * cryptography extension) where it has them, and assembly elsewhere; libsodium's
 * SHA-256 is portable C. The 24.6 MB pack of 10,000 exhibits hashed in 17 ms
 * against 105 ms (2-core AMD EPYC VM), and an install hashes a pack two or three
 * times. Debian's libzip links libcrypto, so a system that reads packs has it; the
 * kiosk's package depends on it (libssl3) all the same. */
#ifndef KIOSK_SHA256_H
#define KIOSK_SHA256_H

#include <stddef.h>

struct err;

struct sha256 {
	void *ctx; /* libcrypto's EVP_MD_CTX, owned */
};

/* Start a hash in s. 0, or -1 with e set: ERR_IO when libcrypto (libcrypto.so.3)
 * cannot be loaded, naming it, ERR_NOMEM when it has no memory for a context. */
int sha256_begin(struct sha256 *s, struct err *e);

/* Add the n bytes at data (any n, 0 too). */
void sha256_add(struct sha256 *s, const void *data, size_t n);

/* The digest as 64 lowercase hex digits and a NUL into hex; s is done with. */
void sha256_end(struct sha256 *s, char hex[65]);

/* Drop a hash that was begun and not ended (after a read failed). */
void sha256_abandon(struct sha256 *s);

#endif
