/* utf8.h: UTF-8 checks and Unicode normalisation (utf8proc does the Unicode work). */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or NUL bytes);
 * otherwise 0 and *bad is the byte offset of the first invalid sequence. */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* utf8_valid, and in the same pass whether s is NFC without asking utf8proc's
 * tables: UTF8_INVALID (*bad set as by utf8_valid), UTF8_NFC when every code point
 * is below the combining marks (U+0300) or a precomposed Hangul syllable, which
 * nothing composes with (UAX #15: NFC leaves such text as it is; almost all of a
 * Korean and English pack), or UTF8_VALID when utf8_nfc must look. */
enum { UTF8_INVALID, UTF8_VALID, UTF8_NFC };
int utf8_scan(const char *s, size_t n, size_t *bad);

/* The project's one UTF-8 decoder. Decode one code point at s[*i] (*i < n),
 * advancing *i; returns -1 on an invalid sequence (and advances one byte), so a
 * loop over hostile text always ends. ASCII and the two- and three-byte forms that
 * cannot be overlong or surrogates (Hangul syllables are E1..EC) are decoded
 * inline; anything else goes to utf8proc, and the result is the same either way. */
int32_t utf8_next_slow(const char *s, size_t n, size_t *i);
static inline int32_t utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = n - *i;

	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80) {
		*i += 2;
		return ((int32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	/* three bytes: E1..EC and EE..EF take any continuation; ED only 80..9F, since
	 * ED A0..BF would be a surrogate (RFC 3629, section 4); E0 is left to the slow path */
	if (p[0] >= 0xE1 && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
	    (p[0] <= 0xEC || (p[0] == 0xED && p[1] <= 0x9F) || p[0] == 0xEE || p[0] == 0xEF)) {
		*i += 3;
		return ((int32_t)(p[0] & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	return utf8_next_slow(s, n, i);
}

/* The largest k <= n that is not inside a character of s (s has at least n bytes
 * readable, and s[n] too when it exists): where to cut text of n bytes or fewer. */
static inline size_t utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* The start of the character before offset i (> 0) of s. */
static inline size_t utf8_prev(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

/* Append the UTF-8 form of code point c to out (at least 4 bytes); returns its length. */
size_t utf8_put(char *out, int32_t c);

/* Return a new NUL-terminated NFC copy of valid UTF-8 s[0..n), or NULL when s is
 * not valid UTF-8. The caller frees it. */
char *utf8_nfc(const char *s, size_t n, size_t *outlen);

/* Return a new NFC, case-folded copy (for comparing names). */
char *utf8_fold(const char *s, size_t n, size_t *outlen);

/* Return a new copy of valid UTF-8 s[0..n) folded for search, or NULL when s is not
 * valid UTF-8; the caller frees it. The folding (all of it from utf8proc's tables):
 * compatibility forms to their plain letters (NFKC: full-width "ＫＩＮＵ" is
 * "KINU"), case folded, diacritics removed ("ŏ" is "o", as UTF8PROC_STRIPMARK
 * does), default-ignorable characters removed, and the apostrophes of
 * utf8_is_apostrophe removed ("P'yŏngyang", "Pʼyŏngyang" and "pyongyang" fold
 * alike), and ASCII commas and periods (a word of catalog/words.h holds them only
 * as digit-group commas and the periods of initials: "34,121" is "34121", "U.N" is
 * "un"). NFD input folds as its NFC form does. */
char *utf8_fold_search(const char *s, size_t n, size_t *outlen);

/* 1 for the characters written as apostrophes in romanised Korean and English:
 * U+0027 ', U+2019 ’, U+2018 ‘, U+02BC ʼ, U+02BB ʻ and the full-width U+FF07. */
static inline int utf8_is_apostrophe(int32_t c)
{
	return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x2BC || c == 0x2BB || c == 0xFF07;
}

/* 1 for Hangul syllables and jamo, CJK ideographs and kana: scripts written
 * without spaces inside words, which search indexes by character. */
int utf8_is_cjk(int32_t c);

/* 1 for letters, digits and combining marks (parts of a word). */
int utf8_is_wordchar(int32_t c);

/* Convert CP949 (Korean Windows) bytes to a new UTF-8 string; NULL when the bytes
 * are not valid CP949. */
char *utf8_from_cp949(const char *s, size_t n);

/* Write a stored name as a message can show it: control bytes and quotes as \xNN,
 * and every byte above 0x7f too unless the whole name is valid UTF-8 (a CP949 name
 * shows as bytes, not as the wrong characters); a long name is cut, with "...". */
void utf8_quote(const char *s, size_t n, char *out, size_t size);

#endif
