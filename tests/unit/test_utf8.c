#include "test.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <utf8proc.h>

/* utf8_scan's answers worked out the slow way: utf8proc decodes, a NUL is invalid,
 * and the text is NFC when utf8proc's NFC gives it back unchanged. */
static int reference_scan(const char *s, size_t n, size_t *bad, int *nfc)
{
	utf8proc_uint8_t *norm;
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0 || c == 0) {
			*bad = i;
			return 0;
		}
		i += (size_t)k;
	}
	norm = utf8proc_NFC((const utf8proc_uint8_t *)s); /* NUL-terminated, and no NUL inside */
	*nfc = norm && strlen((const char *)norm) == n && !memcmp(norm, s, n);
	free(norm);
	return 1;
}

/* Random text from pieces that cross each of utf8_scan's paths: ASCII runs longer
 * and shorter than its 8-byte steps, Hangul syllables, conjoining jamo that NFC
 * composes, combining marks, and the invalid forms. */
static void scan_against_reference(void)
{
	static const char *const pieces[] = {
		"a", "abcdefgh", "0123456789abcdef", " ", "\n", "#", "한", "국어", "\xe1\x84\x92", "\xe1\x85\xa1",
		"\xe1\x86\xab", "e\xcc\x81", "\xc3\xa9", "\xcc\x81", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
		"\xef\xbb\xbf", "\xea\xb0\x80", "\xed\x9f\xbf", "\xe3\x84\xb1", "\xe0\xa4\xbe",
		"\xed\xa0\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xff", "\x80", "\xe1\x84", "\xf4\x90\x80\x80",
	};
	uint32_t x = 7;
	int wrong = 0, invalid = 0, nfc_yes = 0, nfc_no = 0;

	for (int t = 0; t < 20000; t++) {
		char s[256];
		size_t n = 0, bad = 0, rbad = 0;
		int parts, got, want, rnfc = 0;

		x = x * 1103515245u + 12345u; /* an LCG (ISO C's rand example) */
		parts = (int)(x >> 16) % 12;
		for (int k = 0; k < parts; k++) {
			const char *p;
			x = x * 1103515245u + 12345u;
			/* mostly valid pieces, so that the invalid ones come after long runs */
			p = pieces[(x >> 16) % ((x >> 8) % 8 ? 21 : sizeof(pieces) / sizeof(*pieces))];
			memcpy(s + n, p, strlen(p));
			n += strlen(p);
		}
		if ((x >> 4) % 50 == 0 && n) /* a NUL inside */
			s[(x >> 10) % n] = 0;
		s[n] = 0;
		got = utf8_scan(s, n, &bad);
		want = reference_scan(s, n, &rbad, &rnfc);
		if (!want)
			wrong += got != UTF8_INVALID || bad != rbad;
		else if (got == UTF8_INVALID || (got == UTF8_NFC && !rnfc))
			wrong++;
		else if (utf8_valid(s, n, NULL) != 1)
			wrong++;
		invalid += !want;
		nfc_yes += got == UTF8_NFC;
		nfc_no += want && got == UTF8_VALID;
	}
	CHECK(!wrong && invalid > 1000 && nfc_yes > 1000 && nfc_no > 1000,
	      "utf8_scan agrees with utf8proc on 20000 texts (%d wrong; %d invalid, %d found NFC, %d left to utf8proc)",
	      wrong, invalid, nfc_yes, nfc_no);
}

int main(void)
{
	size_t bad = 99, n;
	char *s;

	CHECK(utf8_valid("인권 rights", strlen("인권 rights"), NULL), "Korean and ASCII are valid");
	CHECK(!utf8_valid("ab\xc0\xafz", 5, &bad) && bad == 2, "overlong '/' is invalid at its offset (%zu)", bad);
	CHECK(!utf8_valid("\xed\xa0\x80", 3, NULL), "a UTF-16 surrogate is invalid");
	CHECK(!utf8_valid("\xe1\x84", 2, NULL), "a truncated sequence is invalid");

	scan_against_reference();
	CHECK(utf8_scan("abcdefgh\0abc", 12, &bad) == UTF8_INVALID && bad == 8, "a NUL after 8 ASCII bytes is found (%zu)", bad);
	CHECK(utf8_scan("abcdefg\xff", 8, &bad) == UTF8_INVALID && bad == 7, "a bad byte in the eighth place is found (%zu)", bad);
	CHECK(utf8_scan("탈북민 human rights", strlen("탈북민 human rights"), NULL) == UTF8_NFC, "Korean and English text is NFC as it is");
	CHECK(utf8_scan("Cafe\xcc\x81", 6, NULL) == UTF8_VALID, "a combining mark is left to utf8proc");

	/* 한 in NFD (jamo) becomes one syllable */
	s = utf8_nfc("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 9, &n);
	CHECK_STR(s, "한", "NFD Hangul composes to NFC");
	free(s);
	CHECK(utf8_nfc("a\xff", 2, NULL) == NULL, "nfc refuses invalid UTF-8");

	s = utf8_fold("Human RIGHTS", 12, NULL);
	CHECK_STR(s, "human rights", "case folding");
	free(s);

	s = utf8_from_cp949("\xc7\xd1\xb1\xdb", 4);
	CHECK_STR(s, "한글", "CP949 converts to UTF-8");
	free(s);
	CHECK(utf8_from_cp949("\xff\xff", 2) == NULL, "invalid CP949 is refused");

	CHECK(utf8_is_cjk(0xAC00) && utf8_is_cjk(0x4E00) && !utf8_is_cjk('a'), "CJK classes");

	{
		struct buf b = BUF_INIT;
		for (int i = 0; i < 1000; i++)
			buf_addf(&b, "%d,", i);
		CHECK(b.len == 3890 && b.data[b.len] == 0, "buf grows and stays terminated (%zu)", b.len);
		buf_release(&b);
		CHECK(b.data && b.len == 0 && b.data[0] == 0, "a released buf is empty, never NULL");
	}
	return test_failures != 0;
}
