/* test_words.c: the folding of words, the initial-consonant (초성) matcher and the
 * prefix of a syllable being composed, through catalog_highlight (the rules of
 * catalog_search) and utf8_fold_search. */
#include "test.h"
#include "catalog/catalog.h"
#include "catalog/words.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <hangul.h>
#include <stdlib.h>
#include <string.h>

/* The text with each match of query between "[" and "]". */
static char *marked(const char *query, int flags, const char *text)
{
	struct catalog_span *sp;
	struct buf b = BUF_INIT;
	size_t n = catalog_highlight(query, flags, text, strlen(text), &sp), at = 0;

	for (size_t i = 0; i < n; i++) {
		buf_add(&b, text + at, sp[i].start - at);
		buf_addc(&b, '[');
		buf_add(&b, text + sp[i].start, sp[i].end - sp[i].start);
		buf_addc(&b, ']');
		at = sp[i].end;
	}
	buf_adds(&b, text + at);
	free(sp);
	return buf_detach(&b, NULL);
}

static void check_marked(const char *query, int flags, const char *text, const char *want)
{
	char *got = marked(query, flags, text);
	CHECK(!strcmp(got, want), "'%s'%s in '%s' gives '%s' (got '%s')", query, flags ? " (composing)" : "",
	      text, want, got);
	free(got);
}

static void check_fold(const char *in, const char *want)
{
	size_t n;
	char *got = utf8_fold_search(in, strlen(in), &n);
	CHECK(got && n == strlen(want) && !strcmp(got, want), "fold '%s' is '%s' (got '%s')", in, want,
	      got ? got : "(null)");
	free(got);
}

int main(void)
{
	/* the initial consonant of every syllable, as libhangul decomposes it */
	{
		int bad = 0;
		for (int32_t c = 0xAC00; c <= 0xD7A3; c++) {
			ucschar l, v, t;
			hangul_syllable_to_jamo((ucschar)c, &l, &v, &t);
			bad += words_onset(c) != (int32_t)hangul_jamo_to_cjamo(l);
		}
		CHECK(bad == 0, "words_onset agrees with libhangul on all 11,172 syllables (%d differ)", bad);
		CHECK(words_onset(0x314C) == 0x314C && words_onset('a') == 0 && words_onset(0x314F) == 0,
		      "a consonant jamo is its own initial, a vowel and a letter have none");
	}

	/* folding: case, NFKC, diacritics, apostrophes */
	check_fold("KINU", "kinu");
	check_fold("ＫＩＮＵ", "kinu");
	check_fold("P'yŏngyang", "pyongyang");
	check_fold("Pʼyŏngyang", "pyongyang");
	check_fold("P’yŏngyang", "pyongyang");
	check_fold("Po\xcc\x86ngyang", "pongyang"); /* o and U+0306 (NFD) */
	check_fold("ﬁle", "file");
	check_fold("Straße", "strasse");
	CHECK(utf8_fold_search("a\xff", 2, NULL) == NULL, "invalid UTF-8 is refused");

	/* words: by their beginning, folded the same way on both sides */
	check_marked("pyongyang", 0, "News from P'yŏngyang today", "News from [P'yŏngyang] today");
	check_marked("P’yŏngyang", 0, "from Pyongyang.", "from [Pyongyang].");
	check_marked("Po\xcc\x86ngyang", 0, "Pŏngyang", "[Pŏngyang]");
	check_marked("ＫＩＮＵ", 0, "the KINU paper", "the [KINU] paper");
	check_marked("kinu", 0, "the ＫＩＮＵ paper", "the [ＫＩＮＵ] paper");
	check_marked("hum", 0, "Human humane inhuman", "[Human] [humane] inhuman");
	check_marked("korea", 0, "Korea's day, 'Korea'", "[Korea's] day, '[Korea]'");
	check_marked("koreas", 0, "Korea’s", "[Korea’s]");

	/* Korean: substrings; NFD input is NFC text */
	check_marked("인권", 0, "국가인권위원회와 인권을", "국가[인권]위원회와 [인권]을");
	check_marked("\xe1\x84\x8b\xe1\x85\xb5\xe1\x86\xab\xe1\x84\x80\xe1\x85\xaf\xe1\x86\xab", 0, "인권을",
		     "[인권]을");
	check_marked("의의", 0, "의의의", "[의의의]");

	/* initial consonants (초성) */
	check_marked("ㅌㅂㅁ", 0, "탈북민과 탈북자", "[탈북민]과 탈북자");
	check_marked("ㄱㅇ", 0, "기억은 가을", "[기억]은 [가을]");
	check_marked("ㅌㅂ", 0, "탈 북", "탈 북");
	check_marked("ㅋㅋ", 0, "ㅋㅋ 크크", "[ㅋㅋ] [크크]");
	check_marked("ㄳ", 0, "가사 갓", "[가사] 갓");
	check_marked("\xe1\x84\x90\xe1\x84\x87", 0, "탈북", "[탈북]"); /* conjoining ㅌ ㅂ */
	/* a syllable, then consonants */
	check_marked("탈ㅂ", 0, "탈북민 탈출", "[탈북]민 탈출");
	check_marked("인ㄱ", 0, "인권 인간 인도", "[인권] [인간] 인도");
	check_marked("ㅌ북ㅁ", 0, "탈북민", "[탈북민]");

	/* a syllable being composed: its jamo begin the text's, into the next syllable */
	check_marked("탋", CATALOG_SEARCH_COMPOSING, "탈북민 탈출 탋", "[탈북]민 탈출 [탋]");
	check_marked("탋", 0, "탈북민 탋", "탈북민 [탋]");
	check_marked("타", CATALOG_SEARCH_COMPOSING, "탈북 타인 토지", "[탈]북 [타]인 토지");
	check_marked("고", CATALOG_SEARCH_COMPOSING, "과거 괴물 고향 구름", "[과]거 [괴]물 [고]향 구름");
	check_marked("인", CATALOG_SEARCH_COMPOSING, "인권 이념 읺 이자", "[인]권 [이념] [읺] 이자");
	check_marked("닭", CATALOG_SEARCH_COMPOSING, "달걀 닭 달빛", "[달걀] [닭] 달빛");
	check_marked("탈부", CATALOG_SEARCH_COMPOSING, "탈북민 탈부착", "[탈북]민 [탈부]착");
	check_marked("ㅌㅂ", CATALOG_SEARCH_COMPOSING, "탈북", "[탈북]");
	check_marked("pyo", CATALOG_SEARCH_COMPOSING, "P'yŏngyang", "[P'yŏngyang]");

	/* every term must be somewhere; each is marked where it is */
	check_marked("인권 ㅌㅂ", 0, "인권과 탈북", "[인권]과 [탈북]");
	check_marked("\"*-()", 0, "(x)", "(x)");
	check_marked("", 0, "text", "text");
	return test_failures != 0;
}
