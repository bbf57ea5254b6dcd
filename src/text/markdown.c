#include "markdown.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/xalloc.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

struct walker {
	struct md_doc *doc;
	struct diag_list *diags;
	const char *file;
	struct buf text;
	struct md_span *spans;
	size_t nspans, cap;
	int style;
	int line;
};

static void problem(struct walker *w, int line, const char *msg)
{
	const struct diag *last;

	if (!w->diags)
		return;
	/* one report per construct and line, however many nodes it spans */
	last = w->diags->n ? &w->diags->v[w->diags->n - 1] : NULL;
	if (last && last->line == line && !strcmp(last->msg, msg) && !strcmp(last->file, w->file))
		return;
	diag_add(w->diags, DIAG_ERROR, w->file, line, "%s", msg);
}

static struct md_block *push(struct walker *w, int kind, int line)
{
	struct md_block *b;

	w->doc->blocks = xgrow(w->doc->blocks, &w->doc->cap, w->doc->n + 1, sizeof(*b));
	b = &w->doc->blocks[w->doc->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->line = line;
	return b;
}

static void add_text(struct walker *w, const char *s, size_t n)
{
	uint32_t start = (uint32_t)w->text.len;

	if (!n)
		return;
	buf_add(&w->text, s, n);
	if (w->style) {
		struct md_span *last = w->nspans ? &w->spans[w->nspans - 1] : NULL;
		if (last && last->end == start && last->style == w->style) {
			last->end = (uint32_t)w->text.len;
			return;
		}
		w->spans = xgrow(w->spans, &w->cap, w->nspans + 1, sizeof(*w->spans));
		w->spans[w->nspans++] = (struct md_span){ start, (uint32_t)w->text.len, (uint8_t)w->style };
	}
}

/* Collect the inline content of node into w->text and w->spans. */
static void inlines(struct walker *w, cmark_node *node)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		const char *lit;
		int saved = w->style;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(c);
			add_text(w, lit, strlen(lit));
			break;
		case CMARK_NODE_SOFTBREAK:
			add_text(w, " ", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			add_text(w, "\n", 1);
			break;
		case CMARK_NODE_EMPH:
			w->style |= MD_EM;
			inlines(w, c);
			w->style = saved;
			break;
		case CMARK_NODE_STRONG:
			w->style |= MD_STRONG;
			inlines(w, c);
			w->style = saved;
			break;
		case CMARK_NODE_CODE:
			problem(w, w->line, "inline code cannot be shown on the kiosk");
			lit = cmark_node_get_literal(c);
			add_text(w, lit, strlen(lit));
			break;
		case CMARK_NODE_HTML_INLINE:
			problem(w, w->line, "raw HTML cannot be shown on the kiosk");
			break;
		case CMARK_NODE_LINK:
			problem(w, w->line, "links cannot be followed on the kiosk; write the text only");
			inlines(w, c);
			break;
		case CMARK_NODE_IMAGE:
			problem(w, w->line, "an image must be a paragraph of its own");
			break;
		default:
			inlines(w, c);
			break;
		}
	}
}

static void finish_text(struct walker *w, struct md_block *b)
{
	size_t len;

	b->text = buf_detach(&w->text, &len);
	b->len = len;
	b->spans = w->spans;
	b->nspans = w->nspans;
	w->spans = NULL;
	w->nspans = w->cap = 0;
	w->style = 0;
}

static void text_of(cmark_node *node, struct buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			buf_adds(out, cmark_node_get_literal(c));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_addc(out, ' ');
		else
			text_of(c, out);
	}
}

/* A paragraph that holds one image and nothing but white space around it. */
static cmark_node *lone_image(cmark_node *para)
{
	cmark_node *img = NULL;

	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_IMAGE && !img) {
			img = c;
		} else if (t == CMARK_NODE_TEXT) {
			for (const char *s = cmark_node_get_literal(c); *s; s++)
				if (*s != ' ' && *s != '\t')
					return NULL;
		} else if (t != CMARK_NODE_SOFTBREAK) {
			return NULL;
		}
	}
	return img;
}

static void blocks(struct walker *w, cmark_node *node, int quote, int indent)
{
	int number = 0;

	if (cmark_node_get_type(node) == CMARK_NODE_LIST)
		number = cmark_node_get_list_start(node);
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		int line = cmark_node_get_start_line(c);
		struct md_block *b;
		cmark_node *img;
		char msg[128];

		w->line = line;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(c);
			if (level > 3) {
				snprintf(msg, sizeof(msg),
					 "a level-%d heading cannot be shown (use #, ## or ###)", level);
				problem(w, line, msg);
				level = 3;
			}
			inlines(w, c);
			b = push(w, MD_HEADING, line);
			b->level = level;
			b->quote = quote;
			b->indent = indent;
			finish_text(w, b);
			break;
		}
		case CMARK_NODE_PARAGRAPH:
			if ((img = lone_image(c))) {
				struct buf cap = BUF_INIT;
				const char *src = cmark_node_get_url(img);
				const char *alt = cmark_node_get_title(img);
				text_of(img, &cap);
				b = push(w, MD_IMAGE, line);
				b->quote = quote;
				b->indent = indent;
				b->text = buf_detach(&cap, &b->len);
				b->src = xstrdup(src ? src : "");
				b->alt = xstrdup(alt ? alt : "");
				break;
			}
			inlines(w, c);
			/* the first paragraph of a list item carries its bullet */
			if (cmark_node_get_type(node) == CMARK_NODE_ITEM &&
			    c == cmark_node_first_child(node)) {
				cmark_node *list = cmark_node_parent(node);
				b = push(w, MD_ITEM, line);
				b->ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
			} else {
				b = push(w, MD_PARAGRAPH, line);
			}
			b->quote = quote;
			b->indent = indent;
			finish_text(w, b);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(w, c, quote + 1, indent);
			break;
		case CMARK_NODE_LIST:
			blocks(w, c, quote, indent + 1);
			break;
		case CMARK_NODE_ITEM: {
			size_t first = w->doc->n;
			blocks(w, c, quote, indent);
			if (w->doc->n > first && w->doc->blocks[first].kind == MD_ITEM)
				w->doc->blocks[first].number = number;
			else {
				/* an item that starts with something else still gets its bullet */
				b = push(w, MD_ITEM, line);
				b->quote = quote;
				b->indent = indent;
				b->number = number;
				b->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
				b->text = xstrdup("");
			}
			number++;
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
			problem(w, line, "code blocks cannot be shown on the kiosk");
			break;
		case CMARK_NODE_HTML_BLOCK:
			problem(w, line, "raw HTML cannot be shown on the kiosk");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			problem(w, line, "thematic breaks (---) cannot be shown on the kiosk");
			break;
		default:
			problem(w, line, "this Markdown construct cannot be shown on the kiosk");
			break;
		}
	}
}

/* cmark aborts when its allocator returns NULL: give it the kiosk's, which waits
 * for memory and, failing that, ends the program cleanly (xalloc.h). */
static void *md_calloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

static void *md_realloc(void *p, size_t n)
{
	return xrealloc(p, n);
}

static cmark_mem md_mem = { md_calloc, md_realloc, free };

void md_parse(const char *text, size_t len, const char *file, struct md_doc *doc,
	      struct diag_list *diags)
{
	struct walker w;
	cmark_parser *parser;
	cmark_node *root;

	memset(doc, 0, sizeof(*doc));
	memset(&w, 0, sizeof(w));
	w.doc = doc;
	w.diags = diags;
	w.file = file;
	buf_init(&w.text);
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &md_mem);
	cmark_parser_feed(parser, text, len);
	root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!root)
		return;
	blocks(&w, root, 0, 0);
	cmark_node_free(root);
	buf_release(&w.text);
	free(w.spans);
}

void md_release(struct md_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++) {
		struct md_block *b = &doc->blocks[i];
		free(b->text);
		free(b->spans);
		free(b->src);
		free(b->alt);
	}
	free(doc->blocks);
	memset(doc, 0, sizeof(*doc));
}

void md_plain_text(const struct md_doc *doc, size_t from, struct buf *out)
{
	for (size_t i = from; i < doc->n; i++) {
		const struct md_block *b = &doc->blocks[i];
		if (out->len)
			buf_addc(out, '\n');
		buf_add(out, b->text, b->len);
		if (b->kind == MD_IMAGE && b->alt[0]) {
			buf_addc(out, '\n');
			buf_adds(out, b->alt);
		}
	}
}
