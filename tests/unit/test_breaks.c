/* test_breaks.c: where lines may end (text_find_breaks), as strings with '|' at
 * each allowed break. */
#include "test.h"
#include "text/text.h"

#include <linebreak.h>
#include <stdlib.h>

static void marks(const char *s, char *out)
{
	size_t n = strlen(s), o = 0;
	char *brks = malloc(n + 1);

	text_find_breaks(s, n, NULL, brks);
	for (size_t i = 0; i < n; i++) {
		out[o++] = s[i];
		if (i + 1 < n && brks[i] == LINEBREAK_ALLOWBREAK)
			out[o++] = '|';
	}
	out[o] = 0;
	free(brks);
}

static void expect(const char *in, const char *want, const char *what)
{
	char got[1024];

	marks(in, got);
	CHECK(!strcmp(got, want), "%s: '%s' (wanted '%s')", what, got, want);
}

int main(void)
{
	init_linebreak();
	expect("법을 개정·공포해 기념일로", "법을 |개정·공포해 |기념일로",
	       "a middle dot inside a Korean word neither starts nor ends a line");
	expect("탈북민, 그리고 “가족”과 (사람들)의 이야기.",
	       "탈북민, |그리고 |“가족”과 |(사람들)의 |이야기.",
	       "no line starts with a comma, closing quote or parenthesis");
	expect("It was held on 15 July 2024 in Seoul.", "It |was |held |on |15 July 2024 |in |Seoul.",
	       "an English date is never broken");
	expect("On July 14, 2024 the day", "On |July 14, |2024 |the |day",
	       "a month keeps its day");
	expect("2024년 5월 21일에 공포되었다", "2024년 5월 21일에 |공포되었다",
	       "a Korean date is never broken");
	expect("3만 4121명이 왔다", "3만 |4121명이 |왔다", "a Korean number keeps its counter");
	expect("모두 3 명과 34 km를", "모두 |3 명과 |34 km를", "a number keeps its unit");
	expect("in 2024 we met 3 friends", "in |2024 |we |met |3 |friends",
	       "a number before an ordinary word may break");
	expect("A·B and C · D", "A·B |and |C · |D", "a spaced middle dot does not start a line");
	/* libunibreak 1.1 aborts at a regional indicator (a flag's half) */
	expect("🇰🇷 Korea and 🇺🇸🇬🇧 flags", "🇰🇷 |Korea |and |🇺🇸🇬🇧 |flags", "flags break as words, and nothing aborts");
	expect("a 🇰 b", "a |🇰 |b", "a lone regional indicator");
	expect("🇰🇷한국", "🇰🇷|한국", "before a Korean word a flag may end a line (UAX #14, LB31)");
	return test_failures;
}
