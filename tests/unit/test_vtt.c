/* test_vtt.c: the WebVTT subset of media/vtt.h, and caption and paragraph timing
 * at given positions. */
#include "test.h"
#include "core/err.h"
#include "media/vtt.h"

#include <string.h>

static int parse(const char *text, struct vtt *v, int *line, struct err *e)
{
	memset(v, 0, sizeof(*v));
	memset(e, 0, sizeof(*e));
	return vtt_parse(v, text, strlen(text), line, e);
}

/* -1 and the line of the error, or 0 */
static int error_line(const char *text, const char *want_msg)
{
	struct vtt v;
	struct err e;
	int line = -5, rc = parse(text, &v, &line, &e);

	vtt_release(&v);
	if (rc == 0)
		return 0;
	if (want_msg && !strstr(e.msg, want_msg)) {
		printf("# message: %s\n", e.msg);
		return -99;
	}
	return line;
}

static const char ko[] =
	"\xef\xbb\xbfWEBVTT - narration\r\n"
	"Kind: captions\r\n"
	"\r\n"
	"NOTE made by make-narration.py\r\n"
	"over two lines\r\n"
	"\r\n"
	"STYLE\r\n"
	"::cue { color: yellow }\r\n"
	"\r\n"
	"1\r\n"
	"00:00.000 --> 00:02.500\r\n"
	"2024년 1월의 결정\r\n"
	"\r\n"
	"\r\n"
	"00:03.100 --> 00:10.000 align:start position:10%\r\n"
	"<v Narrator>첫 문단 &amp; 둘째 줄</v>\r\n"
	"이어지는 줄\r\n"
	"\r\n"
	"intro-3\r\n"
	"01:00:10.000 --> 01:00:12.250\r\n"
	"&lt;끝&gt;";

static void test_parse(void)
{
	struct vtt v;
	struct err e;
	int line;

	CHECK(parse(ko, &v, &line, &e) == 0, "a cue file with BOM, CRLF, header, NOTE, STYLE parses: %s", e.msg);
	CHECK(v.n == 3, "three cues (got %zu)", v.n);
	if (v.n == 3) {
		CHECK(v.cues[0].start_ms == 0 && v.cues[0].end_ms == 2500, "MM:SS.mmm times");
		CHECK_STR(v.cues[0].text, "2024년 1월의 결정", "the first cue's text");
		CHECK(v.cues[0].line == 11, "the first cue's timing line is line 11 (got %d)", v.cues[0].line);
		CHECK(v.cues[1].start_ms == 3100 && v.cues[1].end_ms == 10000, "settings after the end time are ignored");
		CHECK_STR(v.cues[1].text, "첫 문단 & 둘째 줄\n이어지는 줄", "tags removed, entities decoded, lines joined");
		CHECK(v.cues[2].start_ms == 3610000 && v.cues[2].end_ms == 3612250, "HH:MM:SS.mmm times");
		CHECK_STR(v.cues[2].text, "<끝>", "a last cue without a final line ending");
	}
	vtt_release(&v);

	CHECK(parse("WEBVTT\n", &v, &line, &e) == 0 && v.n == 0, "a file of only the header has no cues");
	vtt_release(&v);
	CHECK(parse("WEBVTT\r00:01.000 --> 00:02.000\rhello\r", &v, &line, &e) == 0 && v.n == 0,
	      "lines up to the first blank line are the header, with CR endings too");
	vtt_release(&v);
	CHECK(parse("WEBVTT\r\r00:01.000 --> 00:02.000\rhello\r", &v, &line, &e) == 0 && v.n == 1 &&
	      v.cues[0].start_ms == 1000, "CR line endings");
	vtt_release(&v);
}

static void test_errors(void)
{
	CHECK(error_line("", "starts with a line 'WEBVTT'") == 1, "an empty file is refused at line 1");
	CHECK(error_line("WEBVTTX\n", "WEBVTT") == 1, "'WEBVTTX' is not the signature");
	CHECK(error_line("WEBVTT\n\n00:01.000 -> 00:02.000\nx\n", "not a timing line") == 3,
	      "an arrow with one dash is refused at its line");
	CHECK(error_line("WEBVTT\n\n00:01.00 --> 00:02.000\nx\n", "not a timing line") == 3,
	      "two digits of milliseconds are refused");
	CHECK(error_line("WEBVTT\n\n0:01.000 --> 00:02.000\nx\n", "not a timing line") == 3,
	      "one digit of minutes is refused");
	CHECK(error_line("WEBVTT\n\n00:61.000 --> 01:02.000\nx\n", "not a timing line") == 3,
	      "61 seconds are refused");
	CHECK(error_line("WEBVTT\n\n00:01.000 --> 00:02.000x\nx\n", "not a timing line") == 3,
	      "garbage glued to the end time is refused");
	CHECK(error_line("WEBVTT\n\n00:05.000 --> 00:02.000\nx\n", "ends before it starts") == 3,
	      "a cue that ends before it starts");
	CHECK(error_line("WEBVTT\n\n00:01.000 --> 00:04.000\na\n\n00:03.000 --> 00:05.000\nb\n",
			 "starts before the previous one ends") == 6, "overlapping cues are refused at the second");
	CHECK(error_line("WEBVTT\n\n00:01.000 --> 00:04.000\n\n", "no text") == 3, "a cue without text");
	CHECK(error_line("WEBVTT\n\nintro\n\n", "identifier must be followed") == 4,
	      "an identifier without a timing line");
	CHECK(error_line("WEBVTT\n\n00:01.000 --> 00:02.000\na\n00:03.000 --> 00:04.000\nb\n",
			 "timing line inside") == 5, "two cues without a blank line between them");
	CHECK(error_line("WEBVTT\n\n00:01.000 --> 00:02.000\n\xff\n", "UTF-8") == 4,
	      "invalid UTF-8 is refused with its line");
	CHECK(error_line("WEBVTT\n\nNOTE 00:01.000 --> x\n", NULL) == 0, "a NOTE may hold an arrow");
}

static void test_timing(void)
{
	static const char en[] =
		"WEBVTT\n\n"
		"00:00.000 --> 00:02.000\nTitle\n\n"
		"00:02.600 --> 00:09.000\nFirst paragraph\n\n"
		"00:09.600 --> 00:20.000\nSecond paragraph\n";
	static const char kk[] =
		"WEBVTT\n\n"
		"00:00.000 --> 00:03.000\n제목\n\n"
		"00:03.500 --> 00:12.000\n첫 문단\n\n"
		"00:12.500 --> 00:25.000\n둘째 문단\n";
	struct vtt a, b;
	struct err e;
	int line;
	char t[32];

	parse(en, &a, &line, &e);
	parse(kk, &b, &line, &e);
	CHECK(vtt_cue_at(&a, 0) == 0, "cue 0 at 0 ms");
	CHECK(vtt_cue_at(&a, 1999) == 0, "cue 0 at 1999 ms");
	CHECK(vtt_cue_at(&a, 2000) == -1, "no cue at 2000 ms (the pause; a cue's end is not in it)");
	CHECK(vtt_cue_at(&a, 2600) == 1, "cue 1 at 2600 ms");
	CHECK(vtt_cue_at(&a, 19999) == 2, "cue 2 at 19999 ms");
	CHECK(vtt_cue_at(&a, 20000) == -1, "no cue after the last");
	CHECK(vtt_paragraph_at(&a, 2300) == 0, "the pause after the title belongs to the title");
	CHECK(vtt_paragraph_at(&a, 9500) == 1, "paragraph 1 at 9500 ms");
	CHECK(vtt_paragraph_at(&a, 60000) == 2, "the last paragraph after the end");
	CHECK(vtt_paragraph_start(&b, 2) == 12500, "paragraph 2 of the Korean starts at 12500 ms");
	CHECK(vtt_paragraph_start(&b, 7) == 12500, "a paragraph past the end maps to the last cue");
	CHECK(vtt_map_position(&a, 5000, &b) == 3500, "English at 5 s (paragraph 1) continues Korean at 3.5 s");
	CHECK(vtt_map_position(&b, 13000, &a) == 9600, "Korean at 13 s (paragraph 2) continues English at 9.6 s");
	vtt_release(&a);
	memset(&a, 0, sizeof(a));
	CHECK(vtt_paragraph_at(&a, 100) == -1 && vtt_map_position(&a, 100, &b) == 0,
	      "no cues: no paragraph, and the other language starts from the beginning");
	vtt_release(&b);
	vtt_format_time(3723004, t, sizeof(t));
	CHECK_STR(t, "01:02:03.004", "a time over an hour");
	vtt_format_time(83500, t, sizeof(t));
	CHECK_STR(t, "01:23.500", "a time under an hour");
}

int main(void)
{
	test_parse();
	test_errors();
	test_timing();
	return test_failures;
}
