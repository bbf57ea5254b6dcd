/* test_sha256.c: sha256.h against the examples of FIPS 180-4 (NIST's "SHA-256"
 * example values) and the long message of FIPS 180-2, given whole and in pieces. */
#include "test.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/sha256.h"

#include <stdlib.h>

static int digest(const char *data, size_t n, size_t piece, char hex[65])
{
	struct sha256 s;
	struct err e = { 0 };

	if (sha256_begin(&s, &e) < 0) {
		printf("# %s\n", e.msg);
		return -1;
	}
	for (size_t at = 0; at < n; at += piece)
		sha256_add(&s, data + at, n - at < piece ? n - at : piece);
	sha256_end(&s, hex);
	return 0;
}

int main(void)
{
	static const struct { const char *msg, *hex; } ex[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[65];
	char *million = xmalloc(1000000);

	for (size_t i = 0; i < sizeof(ex) / sizeof(*ex); i++) {
		CHECK(digest(ex[i].msg, strlen(ex[i].msg), 1 + strlen(ex[i].msg), hex) == 0 && !strcmp(hex, ex[i].hex),
		      "SHA-256 of the %zu-byte example: %s", strlen(ex[i].msg), hex);
		CHECK(digest(ex[i].msg, strlen(ex[i].msg), 1, hex) == 0 && !strcmp(hex, ex[i].hex),
		      "the same given a byte at a time");
	}
	memset(million, 'a', 1000000);
	CHECK(digest(million, 1000000, 65536, hex) == 0 &&
	      !strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	      "a million 'a's in blocks of 64 KiB");
	CHECK(digest(million, 1000000, 999, hex) == 0 &&
	      !strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
	      "and in pieces of 999 bytes");
	free(million);
	{
		struct sha256 s;
		CHECK(sha256_begin(&s, NULL) == 0, "a hash begun");
		sha256_abandon(&s);
		sha256_abandon(&s);
		CHECK(s.ctx == NULL, "and abandoned (twice is harmless)");
	}
	return test_failures;
}
