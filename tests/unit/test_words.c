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

/* ---- the rule of words.h written out again on its own, to check the matcher ---- */

/* The jamo of a Hangul syllable as a 2-beolsik keyboard types them (KS X 5002):
 * compound vowels and double finals as the two keys, by the arithmetic of Unicode
 * chapter 3.12. Returns the count. */
static int ref_jamo(int32_t c, int32_t *out)
{
	static const int32_t fin[28] = { 0, 0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A,
					 0x313B, 0x313C, 0x313D, 0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144,
					 0x3145, 0x3146, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E };
	static const int32_t split[][3] = {
		{ 0x3133, 0x3131, 0x3145 }, { 0x3135, 0x3134, 0x3148 }, { 0x3136, 0x3134, 0x314E },
		{ 0x313A, 0x3139, 0x3131 }, { 0x313B, 0x3139, 0x3141 }, { 0x313C, 0x3139, 0x3142 },
		{ 0x313D, 0x3139, 0x3145 }, { 0x313E, 0x3139, 0x314C }, { 0x313F, 0x3139, 0x314D },
		{ 0x3140, 0x3139, 0x314E }, { 0x3144, 0x3142, 0x3145 }, { 0x3158, 0x3157, 0x314F },
		{ 0x3159, 0x3157, 0x3150 }, { 0x315A, 0x3157, 0x3163 }, { 0x315D, 0x315C, 0x3153 },
		{ 0x315E, 0x315C, 0x3154 }, { 0x315F, 0x315C, 0x3163 }, { 0x3162, 0x3161, 0x3163 },
	};
	int32_t s = c - 0xAC00, parts[3] = { words_onset(c), 0x314F + s % 588 / 28, fin[s % 28] };
	int n = 0;

	for (int p = 0; p < 3; p++) {
		size_t k = 0;
		if (!parts[p])
			continue;
		while (k < sizeof(split) / sizeof(split[0]) && split[k][0] != parts[p])
			k++;
		if (k < sizeof(split) / sizeof(split[0])) {
			out[n++] = split[k][1];
			out[n++] = split[k][2];
		} else {
			out[n++] = parts[p];
		}
	}
	return n;
}

static int is_syl(int32_t c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

static int is_cons(int32_t c)
{
	return c >= 0x3131 && c <= 0x314E;
}

/* A character of s at *i, by the bytes of UTF-8 alone; -1 (one byte on) when the
 * bytes are not a character. */
static int32_t ref_next(const char *s, size_t n, size_t *i)
{
	size_t k = *i;
	int32_t c = utf8_next(s, n, &k);
	*i = k;
	return c;
}

/* Where query q (CJK characters: syllables and consonants, composing when comp)
 * matches at byte `at` of s: the end, or 0. A consonant matches itself or a
 * syllable it begins; with comp, the last syllable's jamo begin a syllable's, or all
 * but the last do and that last, a consonant, begins the next character. */
static size_t ref_match_at(const int32_t *q, int nq, int comp, const char *s, size_t n, size_t at)
{
	size_t i = at;

	for (int k = 0; k < nq; k++) {
		int32_t c;
		if (i >= n || (c = ref_next(s, n, &i)) <= 0)
			return 0;
		if (is_cons(q[k])) {
			if (c != q[k] && !(is_syl(c) && words_onset(c) == q[k]))
				return 0;
		} else if (comp && k == nq - 1 && is_syl(q[k])) {
			int32_t jq[6], jc[6];
			int nqj = ref_jamo(q[k], jq), ncj;
			if (!is_syl(c))
				return 0;
			ncj = ref_jamo(c, jc);
			if (ncj >= nqj && !memcmp(jc, jq, (size_t)nqj * sizeof(*jq)))
				continue;
			if (ncj == nqj - 1 && !memcmp(jc, jq, (size_t)ncj * sizeof(*jq)) && is_cons(jq[nqj - 1])) {
				int32_t d;
				if (i >= n || (d = ref_next(s, n, &i)) <= 0)
					return 0;
				if (d == jq[nqj - 1] || (is_syl(d) && words_onset(d) == jq[nqj - 1]))
					continue;
			}
			return 0;
		} else if (c != q[k]) {
			return 0;
		}
	}
	return i;
}

/* The merged matches of q in s as "start-end " text. */
static void ref_spans(const int32_t *q, int nq, int comp, const char *s, size_t n, struct buf *out)
{
	size_t i = 0, ms = 0, me = 0, e;
	int open = 0;

	while (i < n) {
		size_t at = i;
		ref_next(s, n, &i);
		if (!(e = ref_match_at(q, nq, comp, s, n, at)))
			continue;
		if (open && at <= me) {
			if (e > me)
				me = e;
			continue;
		}
		if (open)
			buf_addf(out, "%zu-%zu ", ms, me);
		ms = at;
		me = e;
		open = 1;
	}
	if (open)
		buf_addf(out, "%zu-%zu ", ms, me);
}

/* catalog_highlight's matches of query in s as "start-end " text. */
static void got_spans(const char *query, int flags, const char *s, size_t n, struct buf *out)
{
	struct catalog_span *sp;
	size_t k = catalog_highlight(query, flags, s, n, &sp);

	for (size_t i = 0; i < k; i++)
		buf_addf(out, "%zu-%zu ", sp[i].start, sp[i].end);
	free(sp);
}

/* Random texts and queries from characters around the cases of the rule (compound
 * vowels and finals, a final that moves on, lone jamo, a vowel jamo after a syllable,
 * other text, bytes that are not UTF-8), catalog_highlight against ref_spans. */
static void check_against_rule(void)
{
	static const char *const text_chars[] = {
		"오", "와", "왜", "외", "옥", "온", "옷", "고", "과", "괴", "곽", "관", "구", "궈", "귀", "탈", "타",
		"탋", "탑", "부", "북", "나", "난", "낝", "하", "한", "아", "안", "앉", "않", "알", "의", "으", "은",
		"달", "닭", "다", "가", "갈", "ㄱ", "ㅂ", "ㄴ", "ㅏ", "ㅣ", "ㄺ", "國", "a", " ", "\xed\xa0\x80",
		"\xec\x95", "\xe1\x84\x82", "우", "워", "월", "웃", "궐", "국",
	};
	static const char *const query_chars[] = {
		"오", "와", "외", "고", "과", "구", "귀", "탈", "타", "탋", "부", "나", "난", "하", "한", "아", "안",
		"앉", "않", "의", "으", "달", "닭", "다", "가", "ㄱ", "ㅂ", "ㄴ", "ㅇ", "ㅌ", "ㄷ", "ㅎ", "궈", "궐",
		"워", "우",
	};
	const size_t nt = sizeof(text_chars) / sizeof(text_chars[0]), nqc = sizeof(query_chars) / sizeof(query_chars[0]);
	unsigned seed = 14;
	int checked = 0, differ = 0, matched = 0;
	char first[512] = "";

	for (int round = 0; round < 6000; round++) {
		struct buf text = BUF_INIT, query = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
		int32_t q[3];
		int nq = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 3, comp;
		int len = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
		for (int k = 0; k < len; k++)
			buf_adds(&text, text_chars[((seed = seed * 1103515245u + 12345u) >> 16) % nt]);
		for (int k = 0; k < nq; k++) {
			const char *qc = query_chars[((seed = seed * 1103515245u + 12345u) >> 16) % nqc];
			size_t at = 0;
			q[k] = utf8_next(qc, strlen(qc), &at);
			buf_adds(&query, qc);
		}
		comp = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 2;
		ref_spans(q, nq, comp, text.data, text.len, &want);
		got_spans(query.data, comp ? CATALOG_SEARCH_COMPOSING : 0, text.data, text.len, &got);
		checked++;
		matched += want.len > 0;
		if (strcmp(want.data ? want.data : "", got.data ? got.data : "")) {
			if (!differ++)
				snprintf(first, sizeof(first), "'%s'%s in '%s': want '%s', got '%s'", query.data,
					 comp ? " (composing)" : "", text.data, want.data ? want.data : "",
					 got.data ? got.data : "");
		}
		buf_release(&text);
		buf_release(&query);
		buf_release(&want);
		buf_release(&got);
	}
	CHECK(differ == 0 && matched > checked / 10,
	      "the matcher agrees with the rule on %d random texts and queries, %d of them matching (%d differ%s%s)",
	      checked, matched, differ, differ ? "; first: " : "", first);
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

	/* folding: case, NFKC, diacritics, apostrophes, commas and periods */
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

	/* digit-group commas and the periods of initials stay inside a word and fold away */
	check_fold("34,121", "34121");
	check_fold("U.N", "un");
	check_fold("Ü.N", "un");
	check_marked("34121", 0, "34,121 people; 34121; 3,4121; 34, 121; 34.121",
		     "[34,121] people; [34121]; 3,4121; 34, 121; 34.121");
	check_marked("34,121", 0, "By 2024, 34,121 had come; 4,121명", "By 2024, [34,121] had come; 4,121명");
	check_marked("1234567", 0, "1,234,567 and 1,234,56 and 1,2,3", "[1,234,567] and 1,234,56 and 1,2,3");
	check_marked("2024", 0, "2024,2025 and 2,024", "[2024],2025 and [2,024]");
	check_marked("121", 0, "34,121 and 121", "34,121 and [121]");
	check_marked("4121명", 0, "3만 4,121명", "3만 [4,121명]");
	check_marked("u.n.", 0, "the U.N. and the UN, U.Name, U. N.", "the [U.N]. and the [UN], U.Name, U. N.");
	check_marked("un", 0, "U.N.; u.n; Jong-un; UN.", "[U.N].; [u.n]; Jong-[un]; [UN].");
	check_marked("eg", 0, "e.g. e.g2 E.G.", "[e.g]. e.g2 [E.G].");
	check_marked("us", 0, "U.S.A. U.S. US-made", "[U.S.A]. [U.S]. [US]-made");

	{
		/* text that ends right after a period or a comma, without a NUL after it:
		 * nothing past it is read (ASan builds check it) */
		static const char *const ends[] = { "U.N.", "U.", "34,", "34,1", "34,121" };
		size_t marks = 0;
		for (size_t k = 0; k < sizeof(ends) / sizeof(*ends); k++) {
			size_t len = strlen(ends[k]);
			char *t = malloc(len);
			struct catalog_span *sp = NULL;
			memcpy(t, ends[k], len);
			marks += catalog_highlight(ends[k][0] == 'U' ? "u" : "34", 0, t, len, &sp);
			free(sp);
			free(t);
		}
		CHECK(marks == 5, "text that ends in initials or a number is read to its end and no further (%zu)", marks);
	}

	/* words joined by hyphens: one term, the same words in a row with hyphens or
	 * spaces between them */
	check_marked("jong-un", 0, "Kim Jong-un, Jong Un, Jong, un, jong--unification, jongun, Jong‑un",
		     "Kim [Jong-un], [Jong Un], Jong, un, [jong--unification], jongun, [Jong‑un]");
	check_marked("inter-korean", 0, "inter-Korean, Inter Korean, inter- korean, interkorean, in-terkorean",
		     "[inter-Korean], [Inter Korean], [inter- korean], interkorean, in-terkorean");
	check_marked("kim jong-un", 0, "Kim Jong-un", "[Kim] [Jong-un]");
	check_marked("jo-un", 0, "Jong-un", "Jong-un");
	check_marked("-un", 0, "Jong-un", "Jong-[un]");
	check_marked("7-14", 0, "7-14 7 14 7-140 17-14", "[7-14] [7 14] [7-140] 17-14");
	/* and the word they make, as a visitor types them without the hyphen */
	check_marked("jongun", 0, "Kim Jong-un, Jong Un, Jong, un, jongun, Jong‑un, Jong‐un",
		     "Kim [Jong-un], Jong Un, Jong, un, [jongun], [Jong‑un], [Jong‐un]");
	check_marked("jongu", 0, "Jong-un Jong--un Jong-", "[Jong-un] [Jong--un] Jong-");
	check_marked("interkor", 0, "inter-Korean inter- korean", "[inter-Korean] inter- korean");
	check_marked("ngun", 0, "Jong-un", "Jong-un");
	check_marked("risolju", 0, "Ri Sol-ju; Ri-Sol-ju", "Ri Sol-ju; [Ri-Sol-ju]");
	check_marked("solju", 0, "Ri-Sol-ju", "Ri-[Sol-ju]");
	check_marked("2409", 0, "CO 24-09, 2024", "CO [24-09], 2024");

	/* a word written together with Korean: one term, written together in the text;
	 * its words whole, but for the last part, which a longer word may begin */
	check_marked("7월", 0, "1997년 7월 14일, 17월, 7 월, 70월, 7월7월", "1997년 [7월] 14일, 17월, 7 월, 70월, [7월7월]");
	check_marked("14일", 0, "7월 14일 114일 14 일", "7월 [14일] 114일 14 일");
	check_marked("제3", 0, "제3국 제30조 제 3 3국", "[제3]국 [제30]조 제 3 3국");
	check_marked("제3국", 0, "다른 제3국에, 제 3국, 제33국", "다른 [제3국]에, 제 3국, 제33국");
	check_marked("3만", 0, "3만 4,121명, 13만, 3 만, 34,121", "[3만] 4,121명, 13만, 3 만, 34,121");
	check_marked("Korea의", 0, "Korea의 KOREA의 Korea 의 Koreas의", "[Korea의] [KOREA의] Korea 의 Koreas의");
	check_marked("ㅈ3ㄱ", 0, "제3국 조3권 제3 국", "[제3국] [조3권] 제3 국");
	check_marked("7ㅇ", 0, "7월 7일 7시 17일", "[7월] [7일] 7시 17일");
	check_marked("7워", CATALOG_SEARCH_COMPOSING, "7월 7원 7위 7 월", "[7월] [7원] 7위 7 월");
	check_marked("3마", CATALOG_SEARCH_COMPOSING, "3만 3마 3명", "[3만] [3마] 3명");
	check_marked("7월 14", 0, "7월 14일, 7월 15일과 14", "[7월] [14]일, [7월] 15일과 [14]");
	{
		/* a word longer than WORDS_MAX_BYTES is compared as far as it is kept */
		char q[200], text[200];
		struct catalog_span *sp = NULL;
		memset(q, 'a', 130);
		strcpy(q + 130, "의");
		memset(text, 'A', 131);
		strcpy(text + 131, "의");
		CHECK(catalog_highlight(q, 0, text, strlen(text), &sp) == 1,
		      "a word cut to %d bytes, written together with Korean, matches a longer one", WORDS_MAX_BYTES);
		free(sp);
	}

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

	/* a final that moves on must be a consonant, the initial of the next character */
	check_marked("과", CATALOG_SEARCH_COMPOSING, "고ㅏ 과거", "고ㅏ [과]거");
	/* an initial consonant, then a syllable being composed: 우 is not on the way to 워 */
	check_marked("ㅅ워", CATALOG_SEARCH_COMPOSING, "수어 수워 수우 수월 ㅅ원", "수어 [수워] 수우 [수월] [ㅅ원]");
	check_marked("ㄱ안", CATALOG_SEARCH_COMPOSING, "가아나 가안 가아 각앉", "[가아나] [가안] 가아 [각앉]");
	check_marked("난", CATALOG_SEARCH_COMPOSING, "하나님 하나ㄴ 하나ㅏ", "하[나님] 하[나ㄴ] 하나ㅏ");
	check_against_rule();
	return test_failures != 0;
}
