/* words.h: what a word is and when a visitor's query matches text, one rule for the
 * index (tokenize.c), the query (search.c), the snippets and the highlighting
 * (catalog_highlight). catalog/ only.
 *
 * Text is read as units: a CJK character (utf8_is_cjk: Hangul syllables and jamo,
 * ideographs, kana), one unit each; or a word: a run of other letters, digits and
 * marks (utf8_is_wordchar), with apostrophes (utf8_is_apostrophe) inside it
 * ("Korea's", "P'yŏngyang" are one word each). Everything else separates units.
 * A word is compared in its folded form (utf8_fold_search).
 *
 * A query is a list of terms, every one of which must match (in the title or the
 * text). A word term matches a word that starts with it, folded. A CJK term is a
 * list of units matched against consecutive CJK characters:
 *  - a syllable or any other CJK character matches itself (a Korean term is a
 *    substring of any length);
 *  - a consonant jamo (ㄱ..ㅎ, compatibility or conjoining) matches a syllable whose
 *    initial consonant (초성) it is, or that jamo itself: ㅌㅂㅁ matches 탈북민, and
 *    탈ㅂ matches 탈북. A double consonant that cannot begin a syllable (ㄳ ㄵ ㄶ ㄺ
 *    ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅄ, as some input methods compose two consonants typed
 *    without a vowel) is the two consonants it is made of;
 *  - with CATALOG_SEARCH_COMPOSING, the query's last syllable is the one an input
 *    method is still composing (its preedit): its jamo (initial consonant, vowel,
 *    final consonant, with compound vowels and double finals split into the jamo
 *    typed for them) must begin the jamo of a syllable of the text; or all of them
 *    but the last, when that last is a consonant and the initial consonant of the
 *    next character (words_onset), as the input method moves a final consonant to
 *    the next syllable when a vowel follows. Typing ㅌㅏㄹㅂ shows 탋 before ㅜ
 *    makes it 탈부: 탋 matches 탋, and 탈 followed by a syllable that begins with ㅂ;
 *    타 matches 타, 탈, 탐...; 고 matches 과 and 괴.
 * The split of compound vowels and double finals is the one of the 2-beolsik
 * keyboard (KS X 5002), the table in words.c.
 *
 * A word and a CJK character written together in the query, with nothing between
 * them (7월, 14일, 제3국, 3만, Korea의), are one term whose parts must be written
 * together in the text too: each word of it is a whole word of the text, except
 * the term's last part, which a word of the text may start with (the query is
 * typed left to right). 7월 matches "7월 14일", not "7 July" nor "17월"; 제3
 * matches 제3국 and 제30조.
 *
 * Words joined by hyphens in the query (jong-un, inter-korean) are one term too:
 * the same words in a row in the text, whole but for the last, with hyphens or
 * spaces between them (Jong-un, Jong Un; not "Jong, un"). Each part of a hyphenated
 * word of the text is a word of its own, so "un" alone finds Jong-un too; and the
 * words joined by hyphens in the text (nothing else between them) also make one
 * word from each of them on, their folds written together (words_joined): a word
 * term finds Jong-un as "jongun", inter-Korean as "interkorean", 24-09 as "2409".
 *
 * Two more characters stay inside a word, as apostrophes do, and fold away: a comma
 * between digits that groups three (34,121 is one word, 34121, which the query
 * 34121 finds), and the periods of initials, single letters each followed by a
 * period (U.N. is the word "un", as is the query "u.n."; e.g. is "eg"). */
#ifndef KIOSK_CATALOG_WORDS_H
#define KIOSK_CATALOG_WORDS_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Longer words are cut to this many bytes of folded text: nobody searches for
 * them, and a 100,000-character line without a space must not become one token. */
#define WORDS_MAX_BYTES 128

/* A visitor's query is short; what is longer is cut rather than refused. */
#define WORDS_MAX_QUERY_BYTES 256
#define WORDS_MAX_TERMS 8
#define WORDS_MAX_UNITS 64

enum { UNIT_CJK = 1, UNIT_WORD = 2 };

/* The next unit of s[0..n) at or after *i: UNIT_CJK (code point in *cp) or
 * UNIT_WORD, at s[*start..*end); 0 at the end. *i moves past the unit. */
int words_next(const char *s, size_t n, size_t *i, size_t *start, size_t *end, int32_t *cp);

/* Append the folded form of the word s[0..n) to out, cut to WORDS_MAX_BYTES at a
 * character boundary; returns the number of bytes appended (0 when nothing of the
 * word survives folding). */
size_t words_fold(const char *s, size_t n, struct buf *out);

/* The words joined by hyphens a word makes at most (words_joined). */
#define WORDS_JOINED_MAX 8

/* The word that the word s[a..b) and the words joined to it by hyphens after it
 * make (words.h): its fold and theirs appended to out (emptied first), up to
 * WORDS_JOINED_MAX words and WORDS_MAX_BYTES bytes (cut at a character). A word is
 * joined when one or more hyphens (-, U+2010, U+2011) and nothing else lie between
 * it and the one before. Returns the byte where the last word taken ends, or 0
 * when no word is joined to s[a..b) (out is then undefined). */
size_t words_joined(const char *s, size_t n, size_t a, size_t b, struct buf *out);

/* The initial consonant of c as a compatibility jamo (U+3131..U+314E): a Hangul
 * syllable's 초성, or c itself when c is a consonant jamo; 0 otherwise. */
int32_t words_onset(int32_t c);

/* The jamo of c as typed, in compatibility jamo (at most 6): a syllable's initial
 * consonant, its vowel and final consonant, compound vowels and double finals split
 * (괇: ㄱ ㅗ ㅏ ㄹ ㅂ); any other character is itself. Returns the count. */
int words_jamo(int32_t c, int32_t out[6]);

enum { QU_EXACT, QU_ONSET, QU_PREFIX, QU_WORD };

struct qunit {
	int kind;
	int32_t cp;        /* QU_EXACT: the character; QU_ONSET: the consonant */
	int lidx;          /* QU_ONSET: the index of the consonant among the 19 initials */
	int32_t jamo[6];   /* QU_PREFIX: the composed syllable's jamo */
	int njamo;
	int32_t lo, hi;    /* QU_PREFIX: code points [lo, hi] hold every syllable it may
			    * match: those of its initial and of a vowel that begins with its
			    * vowel (ㅗ: ㅗ ㅘ ㅙ ㅚ), which Unicode puts next to each other
			    * (cjk_match_at decides on each) */
	char *fold;        /* QU_WORD: the folded word (owned); cp is 0 */
	size_t fold_n;
	int hyphen;        /* QU_WORD: a hyphen before it in the query (jong-un) */
	size_t s, e;       /* bytes of the query text it came from */
};

struct qterm {
	int cjk;           /* CJK characters, with any words written together with them */
	char *fold;        /* words: the folded word, never NULL ("" for CJK terms) */
	size_t fold_n;
	struct qunit *u;   /* CJK terms: nu units, words among them as QU_WORD */
	int nu;
};

struct query {
	char *text;        /* the query, cut and in NFC */
	struct qterm v[WORDS_MAX_TERMS];
	int n;
};

/* Split a visitor's text (any bytes; invalid UTF-8 ends it) into q; flags as for
 * catalog_search. Returns the number of terms; release q in any case. */
int query_parse(const char *text, int flags, struct query *q);
void query_release(struct query *q);

struct match_span {
	size_t s, e;       /* bytes of the text */
	unsigned terms;    /* the terms that match there (bit k for term k) */
};

/* Where the terms of q occur in s[0..n), in no order: appends the match spans to
 * *v (grown with xgrow, *cap its capacity) unless v is NULL, adds each term's count
 * of matches to counts[term] unless counts is NULL, and returns the bit mask of the
 * terms found (bit k for term k). */
unsigned query_match(const struct query *q, const char *s, size_t n, struct match_span **v,
		     size_t *nv, size_t *cap, unsigned *counts);

#endif
