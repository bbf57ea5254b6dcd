/* sha256.c: SHA-256 by libcrypto, loaded at its first use (see sha256.h). */
#include "sha256.h"
#include "core/err.h"

#include <SDL2/SDL_error.h>
#include <SDL2/SDL_loadso.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define CRYPTO_SONAME "libcrypto.so.3"

/* The libcrypto functions used, without their EVP_ prefix. */
#define CRYPTO_FUNCS(X) X(MD_CTX_new) X(MD_CTX_free) X(sha256) X(DigestInit_ex) X(DigestUpdate) X(DigestFinal_ex)

static struct {
#define CRYPTO_PTR(f) __typeof__(EVP_##f) *f;
	CRYPTO_FUNCS(CRYPTO_PTR)
#undef CRYPTO_PTR
} cl;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char why[256]; /* why it could not be loaded, or "" */

static void load(void)
{
	void *lib = SDL_LoadObject(CRYPTO_SONAME);

	if (!lib) {
		snprintf(why, sizeof(why), "cannot load libcrypto (%s), which hashes packs: %s", CRYPTO_SONAME,
			 SDL_GetError());
		return;
	}
#define CRYPTO_GET(f) \
	if (!(cl.f = (__typeof__(cl.f))SDL_LoadFunction(lib, "EVP_" #f))) { \
		snprintf(why, sizeof(why), "%s has no EVP_" #f ": OpenSSL 3 is needed", CRYPTO_SONAME); \
		SDL_UnloadObject(lib); \
		memset(&cl, 0, sizeof(cl)); \
		return; \
	}
	CRYPTO_FUNCS(CRYPTO_GET)
#undef CRYPTO_GET
	/* kept for the life of the process */
}

int sha256_begin(struct sha256 *s, struct err *e)
{
	s->ctx = NULL;
	pthread_once(&once, load);
	if (why[0])
		return fail(e, ERR_IO, "%s", why);
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
