#include "test.h"
#include "core/buf.h"
#include "core/diag.h"
#include "text/markdown.h"

#include <pthread.h>
#include <stdlib.h>

static int has_error(const struct diag_list *d, int line, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && strstr(d->v[i].msg, text))
			return 1;
	return 0;
}

/* A page parsed again and again on a thread of its own. */
struct parse_job {
	const char *src;
	size_t len;
	struct md_doc doc;
};

static void *parse_again(void *arg)
{
	struct parse_job *j = arg;

	for (int r = 0; r < 10; r++) {
		md_release(&j->doc);
		md_parse(j->src, j->len, "page.md", &j->doc, NULL);
	}
	return NULL;
}

/* 1 when two parses of a page gave the same blocks. */
static int same_doc(const struct md_doc *a, const struct md_doc *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->blocks[i].kind != b->blocks[i].kind || a->blocks[i].len != b->blocks[i].len ||
		    memcmp(a->blocks[i].text, b->blocks[i].text, a->blocks[i].len) ||
		    a->blocks[i].nspans != b->blocks[i].nspans)
			return 0;
	return 1;
}

int main(void)
{
	static const char page[] =
		"# 제목\n"
		"\n"
		"A *short* and **bold** paragraph\n"
		"on two lines.\n"
		"\n"
		"## Part\n"
		"\n"
		"- one\n"
		"- two\n"
		"\n"
		"3. three\n"
		"4. four\n"
		"\n"
		"> quoted\n"
		"\n"
		"![Caption](map.png \"Alt text\")\n";
	static const char bad[] =
		"# T\n"
		"\n"
		"<b>html</b>\n"
		"\n"
		"a [link](http://x) and `code`\n"
		"\n"
		"```\ncode block\n```\n"
		"\n"
		"---\n"
		"\n"
		"#### deep\n"
		"\n"
		"text ![inline](x.png) text\n";
	struct md_doc doc;
	struct diag_list d;

	diag_init(&d);
	md_parse(page, sizeof(page) - 1, "page.md", &doc, &d);
	CHECK(d.n == 0, "a page of supported constructs has no problems (%zu)", d.n);
	CHECK(doc.n == 9, "nine blocks (%zu)", doc.n);
	if (doc.n == 9) {
		CHECK(doc.blocks[0].kind == MD_HEADING && doc.blocks[0].level == 1, "title heading");
		CHECK_STR(doc.blocks[0].text, "제목", "title text");
		CHECK_STR(doc.blocks[1].text, "A short and bold paragraph on two lines.", "soft break is a space");
		CHECK(doc.blocks[1].nspans == 2 && doc.blocks[1].spans[0].style == MD_EM &&
		      doc.blocks[1].spans[1].style == MD_STRONG, "emphasis spans");
		CHECK(doc.blocks[1].spans[0].start == 2 && doc.blocks[1].spans[0].end == 7, "span offsets");
		CHECK(doc.blocks[3].kind == MD_ITEM && !doc.blocks[3].ordered && doc.blocks[3].indent == 1,
		      "bullet item");
		CHECK(doc.blocks[5].kind == MD_ITEM && doc.blocks[5].ordered && doc.blocks[5].number == 3,
		      "numbered item keeps its number (%d)", doc.blocks[5].number);
		CHECK(doc.blocks[6].number == 4, "next number");
		CHECK(doc.blocks[7].quote == 1, "quote depth");
		CHECK(doc.blocks[8].kind == MD_IMAGE, "image block");
		CHECK_STR(doc.blocks[8].src, "map.png", "image src");
		CHECK_STR(doc.blocks[8].text, "Caption", "image caption");
		CHECK_STR(doc.blocks[8].alt, "Alt text", "image alt text");
		CHECK(doc.blocks[8].line == 16, "image line (%d)", doc.blocks[8].line);
	}
	md_release(&doc);
	diag_release(&d);

	diag_init(&d);
	md_parse(bad, sizeof(bad) - 1, "bad.md", &doc, &d);
	CHECK(has_error(&d, 3, "raw HTML"), "HTML block reported at its line");
	CHECK(has_error(&d, 5, "links"), "link reported");
	CHECK(has_error(&d, 5, "inline code"), "inline code reported");
	CHECK(has_error(&d, 7, "code blocks"), "code block reported");
	CHECK(has_error(&d, 11, "thematic"), "thematic break reported");
	CHECK(has_error(&d, 13, "level-4"), "deep heading reported");
	CHECK(has_error(&d, 15, "paragraph of its own"), "inline image reported");
	md_release(&doc);
	diag_release(&d);

	/* hostile: a huge line and invalid bytes must not crash */
	{
		size_t n = 300000;
		char *big = malloc(n + 1);
		for (size_t i = 0; i < n; i++)
			big[i] = (i + 1) % 7 ? 'x' : ' ';
		big[n] = 0;
		diag_init(&d);
		md_parse(big, n, "big.md", &doc, &d);
		CHECK(doc.n == 1 && doc.blocks[0].len == n, "a 300 KB line is one paragraph");
		md_release(&doc);
		diag_release(&d);
		free(big);
	}
	{
		/* a list 30 levels deep and a quote inside it: one error, nesting shown at 3 */
		struct buf src = BUF_INIT;
		int deepest = 0;
		buf_adds(&src, "# T\n\n");
		for (int i = 0; i < 30; i++) {
			for (int k = 0; k < i; k++)
				buf_adds(&src, "  ");
			buf_adds(&src, "- item\n");
		}
		buf_adds(&src, "\n> > > > deep quote\n");
		diag_init(&d);
		md_parse(src.data, src.len, "deep.md", &doc, &d);
		for (size_t i = 0; i < doc.n; i++) {
			int depth = doc.blocks[i].indent + doc.blocks[i].quote;
			if (depth > deepest)
				deepest = depth;
		}
		CHECK(deepest == 3, "nesting is shown at most 3 deep (%d)", deepest);
		CHECK(d.errors == 2 && has_error(&d, 6, "nested 4 levels deep") &&
		      has_error(&d, 34, "nested 4 levels deep"),
		      "one error for the deep list and one for the deep quote (%zu)", d.errors);
		md_release(&doc);
		diag_release(&d);
		buf_release(&src);
	}
	{
		static const char gfm[] =
			"# T\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nnot ~~this~~\n\n- [x] done\n\n"
			"a note[^1]\n\na | b is fine\n";
		diag_init(&d);
		md_parse(gfm, strlen(gfm), "gfm.md", &doc, &d);
		CHECK(has_error(&d, 3, "tables cannot be shown"), "a table is an error at its first line");
		CHECK(has_error(&d, 7, "strikethrough"), "strikethrough is an error");
		CHECK(has_error(&d, 9, "task lists"), "a task list is an error");
		CHECK(has_error(&d, 11, "footnotes"), "a footnote is an error");
		CHECK(d.errors == 4, "a pipe in a sentence is not a table (%zu errors)", d.errors);
		md_release(&doc);
		diag_release(&d);
	}
	{
		/* the lines of a long page: a construct reported at its own line, after
		 * thousands; and the largest page a pack may hold, of list items (each
		 * line of which was once looked for from the page's start: minutes) */
		struct buf src = BUF_INIT;
		size_t n = 0;
		for (int i = 0; i < 5000; i++)
			buf_addf(&src, "Paragraph %d\non two lines.\n\n", i);
		buf_adds(&src, "The last one\nis ~~struck~~ on its second line.\n");
		diag_init(&d);
		md_parse(src.data, src.len, "long.md", &doc, &d);
		CHECK(doc.n == 5001 && d.errors == 1 && has_error(&d, 15002, "strikethrough"),
		      "strikethrough found at line 15002 of 15002 (%zu blocks, %zu errors)", doc.n, d.errors);
		md_release(&doc);
		diag_release(&d);
		buf_reset(&src);
		while (src.len + 10 <= (1u << 20))
			buf_adds(&src, "- a\n  - b\n");
		diag_init(&d);
		md_parse(src.data, src.len, "list.md", &doc, &d);
		for (size_t i = 0; i < doc.n; i++)
			n += doc.blocks[i].kind == MD_ITEM;
		CHECK(n == doc.n && n == (1u << 20) / 10 * 2, "a page of 1 MiB of list items is %zu items (%zu)",
		      n, doc.n);
		md_release(&doc);
		diag_release(&d);
		buf_release(&src);
	}
	{
		/* pages of thousands of blocks (cmark's memory spread over chunks that
		 * grow), parsed on two threads at once: each as it is alone */
		struct buf src[2] = { BUF_INIT, BUF_INIT };
		struct parse_job job[2];
		struct md_doc alone[2];
		pthread_t th[2];
		size_t paragraphs = 0;
		for (int i = 0; i < 3000; i++) {
			buf_addf(&src[0], "## Part %d\n\nParagraph %d with *stress* and **weight**,\nover two lines.\n\n- item %d\n- item\n\n",
				 i, i, i);
			buf_addf(&src[1], "%d번째 문단은 *강조*와 **굵은 글씨**가 있는\n두 줄입니다.\n\n> 인용 %d\n\n", i, i);
		}
		for (int k = 0; k < 2; k++) {
			memset(&alone[k], 0, sizeof(alone[k]));
			md_parse(src[k].data, src[k].len, "page.md", &alone[k], NULL);
			job[k] = (struct parse_job){ src[k].data, src[k].len, { 0 } };
		}
		for (size_t i = 0; i < alone[0].n; i++)
			paragraphs += alone[0].blocks[i].kind == MD_PARAGRAPH &&
				      !strncmp(alone[0].blocks[i].text, "Paragraph ", 10);
		CHECK(paragraphs == 3000 && alone[0].n == 12000 && alone[1].n == 6000,
		      "a page of 12,000 blocks is parsed whole (%zu blocks, %zu paragraphs; %zu)",
		      alone[0].n, paragraphs, alone[1].n);
		CHECK(!strcmp(alone[0].blocks[11997].text, "Paragraph 2999 with stress and weight, over two lines."),
		      "its last paragraph's text is whole: '%s'", alone[0].blocks[11997].text);
		for (int k = 0; k < 2; k++)
			pthread_create(&th[k], NULL, parse_again, &job[k]);
		for (int k = 0; k < 2; k++)
			pthread_join(th[k], NULL);
		CHECK(same_doc(&job[0].doc, &alone[0]) && same_doc(&job[1].doc, &alone[1]),
		      "two threads parsing at once get what each gets alone");
		for (int k = 0; k < 2; k++) {
			md_release(&job[k].doc);
			md_release(&alone[k]);
			buf_release(&src[k]);
		}
	}
	return test_failures != 0;
}
