/* utf8.h: UTF-8 checks and Unicode normalisation (utf8proc does the Unicode work). */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or NUL bytes);
 * otherwise 0 and *bad is the byte offset of the first invalid sequence. */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* Decode one code point at s[*i], advancing *i; returns -1 on an invalid
 * sequence (and advances one byte), so a loop over hostile text always ends. */
int32_t utf8_next(const char *s, size_t n, size_t *i);

/* Append the UTF-8 form of code point c to out (at least 4 bytes); returns its length. */
size_t utf8_put(char *out, int32_t c);

/* Return a new NUL-terminated NFC copy of valid UTF-8 s[0..n), or NULL when s is
 * not valid UTF-8. The caller frees it. */
char *utf8_nfc(const char *s, size_t n, size_t *outlen);

/* Return a new NFC, case-folded copy (for comparing names and search terms). */
char *utf8_fold(const char *s, size_t n, size_t *outlen);

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
