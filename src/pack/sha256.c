/* sha256.c: SHA-256 by libcrypto, loaded at its first use (see sha256.h). */
#include "sha256.h"
#include "core/dynlib.h"
#include "core/err.h"

#include <openssl/evp.h>
#include <stddef.h>

#define CRYPTO_SONAME "libcrypto.so.3"

/* The libcrypto functions used, without their EVP_ prefix. */
#define CRYPTO_FUNCS(X) X(MD_CTX_new) X(MD_CTX_free) X(sha256) X(DigestInit_ex) X(DigestUpdate) X(DigestFinal_ex)

static struct crypto_funcs {
#define CRYPTO_PTR(f) __typeof__(EVP_##f) *f;
	CRYPTO_FUNCS(CRYPTO_PTR)
#undef CRYPTO_PTR
} cl;
#define CRYPTO_SYM(f) { #f, offsetof(struct crypto_funcs, f) },
static const struct dynlib_sym crypto_syms[] = { CRYPTO_FUNCS(CRYPTO_SYM) };
#undef CRYPTO_SYM
static struct dynlib crypto = DYNLIB_INIT(CRYPTO_SONAME, "libcrypto (" CRYPTO_SONAME "), which hashes packs", "EVP_",
					  crypto_syms, &cl, "OpenSSL 3 is needed");

int sha256_begin(struct sha256 *s, struct err *e)
{
	s->ctx = NULL;
	if (dynlib_load(&crypto, e) < 0)
		return -1;
	if (!(s->ctx = cl.MD_CTX_new()))
		return fail(e, ERR_NOMEM, "out of memory for a SHA-256 context");
	if (cl.DigestInit_ex(s->ctx, cl.sha256(), NULL) != 1) {
		sha256_abandon(s);
		return fail(e, ERR_IO, "libcrypto cannot start a SHA-256 hash");
	}
	return 0;
}

void sha256_add(struct sha256 *s, const void *data, size_t n)
{
	/* cannot fail for a context that was initialised (OpenSSL's SHA-256 update) */
	cl.DigestUpdate(s->ctx, data, n);
}

void sha256_end(struct sha256 *s, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char out[EVP_MAX_MD_SIZE] = { 0 };
	unsigned int n = 0;

	cl.DigestFinal_ex(s->ctx, out, &n);
	for (unsigned int i = 0; i < 32; i++) {
		hex[2 * i] = digits[out[i] >> 4];
		hex[2 * i + 1] = digits[out[i] & 15];
	}
	hex[64] = 0;
	sha256_abandon(s);
}

void sha256_abandon(struct sha256 *s)
{
	if (s->ctx)
		cl.MD_CTX_free(s->ctx);
	s->ctx = NULL;
}
