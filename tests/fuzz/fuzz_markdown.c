/* fuzz_markdown.c: a page on hostile bytes, as pack_load reads it: normalised with
 * pack_normalise_text, parsed with md_parse, flattened with md_plain_text, and each
 * block laid out with text_layout_build as the screens do (one text engine for the
 * whole run; without fonts the layout step is skipped with a warning). The width
 * and line limit come from the input's length, so that a reproducer replays the
 * same way. A crash, a leak, a broken invariant or seconds of work are bugs. */
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/utf8.h"
#include "pack/internal.h"
#include "text/markdown.h"
#include "text/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pack_load refuses a larger page before parsing it. */
#define FUZZ_MAX_PAGE (1u << 20)

static struct text_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e = { 0 };

	if (text_engine_new(&engine, &e) < 0) {
		fprintf(stderr, "fuzz_markdown: no text engine, layout is not fuzzed: %s\n", e.msg);
		engine = NULL;
	}
	return 0;
}

/* md_block's promises (markdown.h): text never NULL, spans inside it and in order. */
static void check_block(const struct md_block *b)
{
	if (!b->text || strlen(b->text) != b->len || !utf8_valid(b->text, b->len, NULL))
		abort();
	if (b->kind == MD_HEADING && (b->level < 1 || b->level > 3))
		abort();
	if (b->kind == MD_IMAGE && (!b->src || !b->alt))
		abort();
	if (b->line < 1 || b->quote < 0 || b->indent < 0)
		abort();
	for (size_t k = 0; k < b->nspans; k++) {
		const struct md_span *s = &b->spans[k];
		if (s->start >= s->end || s->end > b->len || !s->style)
			abort();
		if (k && s->start < b->spans[k - 1].end)
			abort();
	}
}

static void check_layout(const struct text_layout *l, const struct text_style *st)
{
	if (!l->text || strlen(l->text) != l->len)
		abort();
	for (size_t r = 0; r < l->nruns; r++)
		if (l->runs[r].start > l->runs[r].end || l->runs[r].end > l->len)
			abort();
	for (size_t i = 0; i < l->nlines; i++) {
		const struct text_line *ln = &l->lines[i];
		if (ln->first_run + ln->nruns > l->nruns)
			abort();
		if (i && ln->first_run < l->lines[i - 1].first_run + l->lines[i - 1].nruns)
			abort();
	}
	if (st->max_lines && l->nlines > (size_t)st->max_lines)
		abort();
	if (l->cut && (l->len < 3 || memcmp(l->text + l->len - 3, "\xE2\x80\xA6", 3)))
		abort();
}

static void lay_out(const struct md_doc *doc, size_t size)
{
	/* as the screens do: a title, body text, a column between 1 and 1200 px */
	int max_width = 1 + (int)(size * 7919 % 1200);
	struct text_style st = { 0 };

	for (size_t i = 0; i < doc->n; i++) {
		const struct md_block *b = &doc->blocks[i];
		struct text_layout l;

		st.size = b->kind == MD_HEADING ? 48 - 8 * b->level : 26;
		st.bold = b->kind == MD_HEADING;
		st.line_height = 1.4f;
		st.align = (int)(size % 3);
		st.max_lines = (int)(size % 4);
		if (text_layout_build(engine, b->text, b->len, b->spans, b->nspans, &st, max_width, &l) < 0)
			abort();
		check_layout(&l, &st);
		text_layout_release(&l);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags;
	struct md_doc doc;
	struct buf plain = BUF_INIT;
	char *text;
	size_t len;

	if (size > FUZZ_MAX_PAGE)
		return 0;
	diag_init(&diags);
	text = pack_normalise_text((const char *)data, size, "ko.md", &len, &diags);
	if (!text) {
		diag_release(&diags);
		return 0;
	}
	md_parse(text, len, "ko.md", &doc, &diags);
	for (size_t i = 0; i < doc.n; i++)
		check_block(&doc.blocks[i]);
	for (size_t i = 0; i < diags.n; i++)
		if (diags.v[i].line < 0 || diags.v[i].line > (int)len + 1)
			abort();
	md_plain_text(&doc, 0, doc.n, &plain);
	if (strlen(plain.data) != plain.len)
		abort();
	md_plain_text(&doc, doc.n ? 1 : 0, doc.n, &plain);
	if (engine)
		lay_out(&doc, size);
	buf_release(&plain);
	md_release(&doc);
	diag_release(&diags);
	free(text);
	return 0;
}
