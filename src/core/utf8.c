#include "utf8.h"
#include "xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

int32_t utf8_next_slow(const char *s, size_t n, size_t *i)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &c);
	if (k <= 0) {
		*i += 1;
		return -1;
	}
	*i += (size_t)k;
	return c;
}

/* 1 when the 8 bytes at p are ASCII and none is NUL (the test for a zero byte in
 * a word: Anderson, "Bit Twiddling Hacks", "Determine if a word has a zero byte") */
static inline int ascii8(const unsigned char *p)
{
	const uint64_t high = 0x8080808080808080u;
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return !(v & high) && !((v - 0x0101010101010101u) & ~v & high);
}

int utf8_scan(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, at;
	int nfc = 1;

	while (i < n) {
		int32_t c;
		if (n - i >= 8 && ascii8(p + i)) {
			i += 8;
			continue;
		}
		at = i;
		c = utf8_next(s, n, &i);
		if (c <= 0) {
			if (bad)
				*bad = at;
			return UTF8_INVALID;
		}
		if (c >= 0x300 && !(c >= 0xAC00 && c <= 0xD7A3))
			nfc = 0;
	}
	return nfc ? UTF8_NFC : UTF8_VALID;
}

int utf8_valid(const char *s, size_t n, size_t *bad)
{
	return utf8_scan(s, n, bad) != UTF8_INVALID;
}

size_t utf8_put(char *out, int32_t c)
{
	return (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out);
}

/* Apostrophes, commas and periods become a soft hyphen, which UTF8PROC_IGNORE then
 * removes. */
static utf8proc_int32_t drop_joiners(utf8proc_int32_t c, void *data)
{
	(void)data;
	return utf8_is_apostrophe(c) || c == ',' || c == '.' ? 0xAD : c;
}

static char *map_custom(const char *s, size_t n, int options, utf8proc_custom_func custom, size_t *outlen)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t k;

	if (!utf8_valid(s, n, NULL))
		return NULL;
	k = utf8proc_map_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
				(utf8proc_option_t)(options | UTF8PROC_STABLE | UTF8PROC_COMPOSE), custom, NULL);
	if (k < 0) {
		if (k == UTF8PROC_ERROR_NOMEM) {
			/* let the allocation wrapper report it */
			xmalloc((size_t)-1 / 2);
		}
		return NULL;
	}
	if (outlen)
		*outlen = (size_t)k;
	return (char *)out;
}

static char *map(const char *s, size_t n, int options, size_t *outlen)
{
	return map_custom(s, n, options, NULL, outlen);
}

char *utf8_nfc(const char *s, size_t n, size_t *outlen)
{
	if (utf8_scan(s, n, NULL) == UTF8_NFC) {
		if (outlen)
			*outlen = n;
		return xstrndup(s, n);
	}
	return map(s, n, 0, outlen);
}

char *utf8_fold(const char *s, size_t n, size_t *outlen)
{
	size_t i = 0;
	char *out;

	/* ASCII (a pack's file names, as a rule): NFC changes nothing and case folding
	 * is A-Z to a-z (Unicode's CaseFolding.txt) */
	while (i < n && s[i] && !((unsigned char)s[i] & 0x80))
		i++;
	if (i < n)
		return map(s, n, UTF8PROC_CASEFOLD, outlen);
	out = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[n] = 0;
	if (outlen)
		*outlen = n;
	return out;
}

char *utf8_fold_search(const char *s, size_t n, size_t *outlen)
{
	return map_custom(s, n, UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
			  drop_joiners, outlen);
}

int utf8_is_cjk(int32_t c)
{
	return (c >= 0xAC00 && c <= 0xD7A3) ||   /* Hangul syllables */
	       (c >= 0x1100 && c <= 0x11FF) ||   /* Hangul jamo */
	       (c >= 0x3130 && c <= 0x318F) ||   /* Hangul compatibility jamo */
	       (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF) ||
	       (c >= 0x3040 && c <= 0x30FF) ||   /* kana */
	       (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
	       (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
	       (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
	       (c >= 0x20000 && c <= 0x3FFFF);
}

int utf8_is_wordchar(int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

char *utf8_from_cp949(const char *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", "CP949");
	size_t cap = n * 3 + 1, inleft = n, outleft = cap - 1;
	char *out, *in = (char *)s, *o;

	if (cd == (iconv_t)-1)
		return NULL;
	out = o = xmalloc(cap);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || inleft) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = 0;
	if (!utf8_valid(out, (size_t)(o - out), NULL)) {
		free(out);
		return NULL;
	}
	return out;
}

void utf8_quote(const char *s, size_t n, char *out, size_t size)
{
	int utf8 = utf8_valid(s, n, NULL);
	size_t o = 0, i;

	for (i = 0; i < n && o + 8 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == '\'' || (c > 0x7f && !utf8))
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	if (i < n) {
		/* cut short: end on a whole character, then "..." */
		if (utf8 && ((unsigned char)s[i] & 0xc0) == 0x80) {
			while (o && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
				o--;
			if (o && (unsigned char)out[o - 1] >= 0xc0)
				o--;
		}
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = 0;
}
