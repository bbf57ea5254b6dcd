#include "test.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <stdlib.h>

int main(void)
{
	size_t bad = 99, n;
	char *s;

	CHECK(utf8_valid("인권 rights", strlen("인권 rights"), NULL), "Korean and ASCII are valid");
	CHECK(!utf8_valid("ab\xc0\xafz", 5, &bad) && bad == 2, "overlong '/' is invalid at its offset (%zu)", bad);
	CHECK(!utf8_valid("\xed\xa0\x80", 3, NULL), "a UTF-16 surrogate is invalid");
	CHECK(!utf8_valid("\xe1\x84", 2, NULL), "a truncated sequence is invalid");

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
