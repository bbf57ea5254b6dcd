/* markdown.h: a page's CommonMark (parsed by cmark) turned into the flat list of
 * blocks that the kiosk can lay out. What the kiosk cannot show (HTML, links,
 * code, deep headings...) is reported, with its line, instead of being dropped. */
#ifndef KIOSK_MARKDOWN_H
#define KIOSK_MARKDOWN_H

#include <stddef.h>
#include <stdint.h>

struct diag_list;

enum md_kind { MD_HEADING, MD_PARAGRAPH, MD_ITEM, MD_IMAGE };
/* MD_MARK is not Markdown: a search match, drawn on a highlight (text_draw). */
enum md_style { MD_EM = 1, MD_STRONG = 2, MD_MARK = 4 };

/* A run of text[start..end) drawn with style bits. */
struct md_span {
	uint32_t start, end;
	uint8_t style;
};

struct md_block {
	int kind;
	int level;        /* heading level 1-3 */
	int quote;        /* block-quote depth */
	int indent;       /* list depth */
	int ordered;      /* MD_ITEM: numbered rather than bulleted */
	int number;       /* MD_ITEM: its number when ordered */
	int line;         /* 1-based source line */
	char *text;       /* plain text (for MD_IMAGE: the caption); never NULL */
	size_t len;
	struct md_span *spans;
	size_t nspans;
	char *src;        /* MD_IMAGE: the file, as written */
	char *alt;        /* MD_IMAGE: the alternative text (the link title); never NULL */
};

/* Blocks in reading order; the page title is blocks[0] when it is a level-1 heading. */
struct md_doc {
	struct md_block *blocks;
	size_t n, cap;
};

/* Parse valid UTF-8 text. Constructs that cannot be shown are added to diags as
 * errors against `file` (when diags is not NULL) and left out of doc. */
void md_parse(const char *text, size_t len, const char *file, struct md_doc *doc,
	      struct diag_list *diags);
void md_release(struct md_doc *doc);

/* Append the text of blocks [from, to) of doc without markup to out (UTF-8), one
 * block a line, a picture's caption and then its alternative text on a line each,
 * for search (pack_search_text). */
struct buf;
void md_plain_text(const struct md_doc *doc, size_t from, size_t to, struct buf *out);

#endif
