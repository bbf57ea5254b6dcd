/* breaks.c: where a line may end. libunibreak finds the opportunities of the
 * Unicode line breaking algorithm (UAX #14); the kiosk's rules then take some
 * away, never add any:
 * - CSS word-break: keep-all: no break between two letters or digits, whatever
 *   their script, so Korean (like English) breaks between words;
 * - no line starts with closing punctuation, a closing quote, a comma or full
 *   stop, or a middle dot (JIS X 4051 and the W3C's Requirements for Hangul Text
 *   Layout, 3.1: "line-start prohibition rules"); a middle dot between two words
 *   joins them (개정·공포해 is one word);
 * - a number stays with its unit or month and a date stays whole: "15 July 2024",
 *   "July 15", "5월 21일", "2024년 7월", "34 km", "3 명". */
#include "internal.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

int text_is_middle_dot(uint32_t c)
{
	return c == 0x00B7 || c == 0x30FB || c == 0x2027 || c == 0xFF65 || c == 0x318D;
}

/* Characters no line may start with. */
static int no_line_start(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);

	if (k == UTF8PROC_CATEGORY_PE || k == UTF8PROC_CATEGORY_PF || text_is_middle_dot(c))
		return 1;
	return strchr(",.:;!?%", (int)c) && c < 0x80 && c ? 1 :
	       c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E || c == 0xFF01 ||
	       c == 0xFF1F || c == 0x2019 || c == 0x201D;
}

static void keep_all(const char *s, size_t n, char *brks)
{
	size_t i = 0, prev_end = 0;
	int32_t prev = -1, c;

	while (i < n) {
		c = (int32_t)utf8_dec(s, &i);
		if (prev >= 0 && brks[prev_end - 1] == LINEBREAK_ALLOWBREAK &&
		    utf8_is_wordchar(prev) && utf8_is_wordchar(c))
			brks[prev_end - 1] = LINEBREAK_NOBREAK;
		prev = c;
		prev_end = i;
	}
}

static void punctuation(const char *s, size_t n, char *brks)
{
	size_t i = 0, prev_end = 0;
	int32_t prev2 = -1, prev = -1, c;

	while (i < n) {
		c = (int32_t)utf8_dec(s, &i);
		if (prev >= 0 && brks[prev_end - 1] == LINEBREAK_ALLOWBREAK && no_line_start((uint32_t)c))
			brks[prev_end - 1] = LINEBREAK_NOBREAK;
		/* "(사람들)의": a word that follows closing punctuation stays with it */
		if (prev >= 0 && brks[prev_end - 1] == LINEBREAK_ALLOWBREAK && utf8_is_wordchar(c) &&
		    (utf8proc_category(prev) == UTF8PROC_CATEGORY_PE ||
		     utf8proc_category(prev) == UTF8PROC_CATEGORY_PF))
			brks[prev_end - 1] = LINEBREAK_NOBREAK;
		/* word·word: no break after the dot either */
		if (prev >= 0 && prev2 >= 0 && text_is_middle_dot((uint32_t)prev) && utf8_is_wordchar(prev2) &&
		    utf8_is_wordchar(c) && brks[prev_end - 1] == LINEBREAK_ALLOWBREAK)
			brks[prev_end - 1] = LINEBREAK_NOBREAK;
		prev2 = prev;
		prev = c;
		prev_end = i;
	}
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
	"Sep", "Sept", "Oct", "Nov", "Dec",
};

/* Units and Korean counters that a number keeps on its line. */
static const char *const units[] = {
	"km", "kg", "cm", "mm", "m", "g", "ha", "%", "°C", "per cent", "percent",
	"명", "개", "원", "년", "월", "일", "세", "살", "시", "분", "초", "곳", "차", "회", "번", "쪽",
	"권", "만", "억", "천", "달", "주", "건", "배",
};

static size_t digits(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && ((s[k] >= '0' && s[k] <= '9') || (k && (s[k] == ',' || s[k] == '.') &&
							   k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '9')))
		k++;
	return k;
}

/* s[0..n) begins with word, and what follows is not an ASCII letter */
static int starts_with_word(const char *s, size_t n, const char *word)
{
	size_t m = strlen(word);

	if (n < m || strncasecmp(s, word, m))
		return 0;
	return m == n || !((s[m] | 0x20) >= 'a' && (s[m] | 0x20) <= 'z');
}

static int is_month(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(months) / sizeof(*months); i++)
		if (starts_with_word(s, n, months[i]))
			return 1;
	return 0;
}

/* s[0..n) is a number and ends with one of the Korean date units in set */
static int korean_date_part(const char *s, size_t n, const char *a, const char *b)
{
	size_t d = digits(s, n);

	if (!d || n < d + 3)
		return 0;
	return !strncmp(s + d, a, 3) || (b && !strncmp(s + d, b, 3));
}

/* Whether the space between the words prev and next must not break. */
static int keep_together(const char *prev, size_t pn, const char *next, size_t nn)
{
	size_t pd = digits(prev, pn), nd = digits(next, nn);

	if (pd == pn && pd && is_month(next, nn))
		return 1; /* 15 July */
	if (is_month(prev, pn) && nd && (nd == nn || !utf8_is_wordchar((unsigned char)next[nd])))
		return 1; /* July 2024, July 15, */
	/* 2024년 7월, 5월 21일: the first part ends its token */
	if ((korean_date_part(prev, pn, "년", NULL) && pn == digits(prev, pn) + 3 &&
	     korean_date_part(next, nn, "월", NULL)) ||
	    (korean_date_part(prev, pn, "월", NULL) && pn == digits(prev, pn) + 3 &&
	     korean_date_part(next, nn, "일", NULL)))
		return 1;
	if (pd == pn && pd) {
		for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++) {
			size_t m = strlen(units[i]);
			if (nn >= m && !strncmp(next, units[i], m) &&
			    (m == nn || (unsigned char)next[m] >= 0x80 || !((next[m] | 0x20) >= 'a' &&
									  (next[m] | 0x20) <= 'z')))
				return 1; /* 34 km, 3 명이 */
		}
	}
	return 0;
}

static void numbers(const char *s, size_t n, char *brks)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		size_t next_end;
		if (s[i] != ' ' || brks[i] != LINEBREAK_ALLOWBREAK)
			continue;
		next_end = i + 1;
		while (next_end < n && s[next_end] != ' ' && s[next_end] != '\n')
			next_end++;
		if (i > start && keep_together(s + start, i - start, s + i + 1, next_end - i - 1))
			brks[i] = LINEBREAK_NOBREAK;
		start = i + 1;
	}
}

/* 1 at a regional indicator (U+1F1E6-U+1F1FF, the halves of a flag), in UTF-8
 * F0 9F 87 A6-BF. */
static int regional_indicator(const unsigned char *p, size_t left)
{
	return left >= 4 && p[0] == 0xF0 && p[1] == 0x9F && p[2] == 0x87 && p[3] >= 0xA6 && p[3] <= 0xBF;
}

void text_find_breaks(const char *s, size_t n, const char *lang, char *brks)
{
	char *copy = NULL;

	if (!n)
		return;
	/* libunibreak 1.1 (Debian 12) has the regional indicators' class (RI) in its
	 * table but asserts that no class is past JT, and so aborts at a flag such as
	 * 🇰🇷 (fixed upstream in 2014: adah1972/libunibreak pull request 7). Each is
	 * given as U+1D400, a letter of the same four bytes (class AL): a run of flags
	 * then stays together, as a word does. */
	for (size_t i = 0; i + 4 <= n; i++)
		if (regional_indicator((const unsigned char *)s + i, n - i)) {
			if (!copy) {
				copy = xmalloc(n);
				memcpy(copy, s, n);
			}
			memcpy(copy + i, "\xF0\x9D\x90\x80", 4);
			i += 3;
		}
	set_linebreaks_utf8((const utf8_t *)(copy ? copy : s), n, lang, brks);
	free(copy);
	keep_all(s, n, brks);
	punctuation(s, n, brks);
	numbers(s, n, brks);
}
