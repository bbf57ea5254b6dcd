#include "markdown.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/xalloc.h"

#include <cmark.h>
#include <stddef.h>
#include <stdint.h>
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
	const char *src;  /* the page's source, for constructs cmark reads as text */
	size_t src_len;
	size_t *lines;    /* where each line of src starts (source_line), or NULL */
	size_t nlines;
	int deep_line;    /* the line of the last nesting reported */
};

/* Lists and quotes inside each other deeper than this are shown at this depth:
 * each level indents the text by one and a half characters, and three leave a
 * phone's column 20 characters at the largest text size. */
enum { MD_MAX_DEPTH = 3 };

static void problem_at(struct walker *w, int level, int line, const char *msg)
{
	const struct diag *last;

	if (!w->diags)
		return;
	/* one report per construct and line, however many nodes it spans */
	last = w->diags->n ? &w->diags->v[w->diags->n - 1] : NULL;
	if (last && last->line == line && !strcmp(last->msg, msg) && !strcmp(last->file, w->file))
		return;
	diag_add(w->diags, level, w->file, line, "%s", msg);
}

static void problem(struct walker *w, int line, const char *msg)
{
	problem_at(w, DIAG_ERROR, line, msg);
}

/* The source line n (1-based) as [*s, *s + *len), or 0 when there is none. Where
 * each line starts is found at the first call, once: a page of thousands of
 * paragraphs or list items, each line of which was looked for from the page's
 * start, took minutes at the largest page a pack may hold. */
static int source_line(struct walker *w, int n, const char **s, size_t *len)
{
	size_t at;

	if (!w->lines) {
		const char *p = w->src, *end = w->src + w->src_len;
		size_t cap = 0;
		while (p) {
			w->lines = xgrow(w->lines, &cap, w->nlines + 1, sizeof(*w->lines));
			w->lines[w->nlines++] = (size_t)(p - w->src);
			if ((p = memchr(p, '\n', (size_t)(end - p))))
				p++;
		}
	}
	if (n < 1 || (size_t)n > w->nlines || (at = w->lines[n - 1]) >= w->src_len)
		return 0;
	*s = w->src + at;
	*len = ((size_t)n < w->nlines ? w->lines[n] - 1 : w->src_len) - at;
	return 1;
}

/* A GitHub table's delimiter row: cells of dashes with optional colons, between pipes. */
static int delimiter_row(const char *s, size_t n)
{
	int pipes = 0, dashes = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '|')
			pipes++;
		else if (c == '-')
			dashes++;
		else if (c != ':' && c != ' ' && c != '\t')
			return 0;
	}
	return pipes > 0 && dashes >= 1;
}

/* Constructs of GitHub Flavored Markdown that cmark reads as plain text and the
 * kiosk would show as stray characters: tables, strikethrough, footnotes. */
static void gfm_in_paragraph(struct walker *w, cmark_node *para)
{
	int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para);
	const char *s;
	size_t n;

	for (int l = first; l <= last && l < first + 2; l++) {
		if (l > first && source_line(w, l, &s, &n) && delimiter_row(s, n) &&
		    source_line(w, first, &s, &n) && memchr(s, '|', n)) {
			problem(w, first, "tables cannot be shown on the kiosk; write each row as a list item");
			return;
		}
	}
	for (int l = first; l <= last; l++) {
		if (!source_line(w, l, &s, &n))
			break;
		for (size_t i = 0; i + 1 < n; i++) {
			if (s[i] == '~' && s[i + 1] == '~') {
				problem(w, l, "strikethrough (~~text~~) cannot be shown on the kiosk");
				break;
			}
			if (s[i] == '[' && s[i + 1] == '^') {
				problem(w, l, "footnotes ([^1]) cannot be shown on the kiosk; put the note in the text");
				break;
			}
		}
	}
}

/* Link syntax that cmark left as text (a link not closed, "[text](page.md"; a
 * reference with no definition, "[text][1]"): the kiosk would show the brackets.
 * A link that cmark read is reported as a link (inlines); its text has none. */
static void stray_link(struct walker *w, const struct md_block *b, int line)
{
	const char *at = b->text ? strstr(b->text, "](") : NULL;

	if (!at && b->text)
		at = strstr(b->text, "][");
	if (!at)
		return;
	problem(w, line, at[1] == '(' ? "a link that is not closed ('](' with no ')'): the kiosk would show its brackets; "
					"write the text only"
				      : "a reference link ('][') with no definition: the kiosk would show its brackets; "
					"write the text only");
}

/* "[ ] " or "[x] " starting a list item: a GitHub task list. */
static int task_marker(const char *text, size_t len)
{
	return len >= 4 && text[0] == '[' && (text[1] == ' ' || text[1] == 'x' || text[1] == 'X') &&
	       text[2] == ']' && text[3] == ' ';
}

/* Clamp a block's nesting to MD_MAX_DEPTH, reporting once per nested run. */
static void nest(struct walker *w, struct md_block *b, int quote, int indent, int line)
{
	if (quote + indent > MD_MAX_DEPTH) {
		char msg[160];
		if (!w->deep_line || line > w->deep_line + 1) {
			snprintf(msg, sizeof(msg),
				 "lists and quotes nested %d levels deep cannot be shown; the kiosk shows %d levels",
				 quote + indent, MD_MAX_DEPTH);
			problem(w, line, msg);
		}
		w->deep_line = line;
		if (quote > MD_MAX_DEPTH)
			quote = MD_MAX_DEPTH;
		indent = MD_MAX_DEPTH - quote;
	}
	b->quote = quote;
	b->indent = indent;
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
			nest(w, b, quote, indent, line);
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
				nest(w, b, quote, indent, line);
				b->text = buf_detach(&cap, &b->len);
				b->src = xstrdup(src ? src : "");
				b->alt = xstrdup(alt ? alt : "");
				break;
			}
			gfm_in_paragraph(w, c);
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
			nest(w, b, quote, indent, line);
			finish_text(w, b);
			if (b->kind == MD_ITEM && task_marker(b->text, b->len))
				problem(w, line, "task lists ([ ] and [x]) cannot be shown on the kiosk");
			else
				stray_link(w, b, line);
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
				nest(w, b, quote, indent, line);
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

/* cmark's memory for one parse comes from an arena: chunks taken from the kiosk's
 * allocator (which never returns NULL, xalloc.h: cmark aborts on NULL), cut in
 * turn and let go all at once when the parse has been walked. A page's parse makes
 * about fifty small allocations (nodes, growing buffers) and frees each again; a
 * pack of 20,000 pages made a million calls to calloc and realloc and as many to
 * free, and the two threads that parse a pack's pages (pack/pages.c) waited on
 * each other's malloc locks. An arena reuses nothing freed, so a parse that needs
 * more than MD_ARENA_MAX (a page of tens of thousands of blocks) has the rest from
 * malloc. cmark_mem's functions get no context: the arena of the parse under way
 * is the thread's. */
struct md_chunk {
	struct md_chunk *next;   /* the chunk filled before this one */
	size_t used, cap;        /* bytes of data */
	max_align_t data[];
};

struct md_arena {
	struct md_chunk *head;   /* the chunk being cut */
	unsigned char *last;     /* the newest allocation, which realloc grows in place */
	size_t total;            /* bytes of all chunks */
	int spilled;             /* 1 once an allocation came from malloc */
};

/* Each allocation is preceded by MD_ALIGN bytes that hold its size, for realloc.
 * Chunks double from MD_FIRST_CHUNK while their sum stays within MD_ARENA_MAX. */
#define MD_ALIGN _Alignof(max_align_t)
#define MD_FIRST_CHUNK ((size_t)64 << 10)
#define MD_ARENA_MAX ((size_t)2 << 20)
_Static_assert(MD_ALIGN >= sizeof(size_t), "an allocation's size fits before it");

/* Under AddressSanitizer (the fuzzers and make check) the arena is off: each of
 * cmark's allocations is then one of malloc's, with the redzones that catch a
 * read past the end of a string cmark made. */
#if defined(__SANITIZE_ADDRESS__)
#define MD_ARENA_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MD_ARENA_ON 0
#endif
#endif
#ifndef MD_ARENA_ON
#define MD_ARENA_ON 1
#endif

static _Thread_local struct md_arena *md_arena_now;

static size_t md_round(size_t n)
{
	return MD_ALIGN + ((n + MD_ALIGN - 1) & ~(MD_ALIGN - 1));
}

/* n bytes from the arena, or NULL when it is full. */
static void *md_take(struct md_arena *a, size_t n)
{
	struct md_chunk *c = a->head;
	size_t need;
	unsigned char *p;

	if (n > MD_ARENA_MAX)
		return NULL;
	need = md_round(n);
	if (!c || c->cap - c->used < need) {
		size_t cap = c ? c->cap * 2 : MD_FIRST_CHUNK;
		while (cap < need)
			cap *= 2;
		if (a->total + cap > MD_ARENA_MAX)
			return NULL;
		c = xmalloc(sizeof(*c) + cap);
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
		a->total += cap;
	}
	p = (unsigned char *)c->data + c->used;
	c->used += need;
	memcpy(p, &n, sizeof(n));
	a->last = p + MD_ALIGN;
	return a->last;
}

/* 1 when p was cut from one of a's chunks. */
static int md_owns(const struct md_arena *a, const void *p)
{
	uintptr_t at = (uintptr_t)p;

	for (const struct md_chunk *c = a->head; c; c = c->next)
		if (at >= (uintptr_t)c->data && at < (uintptr_t)c->data + c->cap)
			return 1;
	return 0;
}

static void *md_calloc(size_t n, size_t size)
{
	struct md_arena *a = md_arena_now;
	void *p;

	if (!a)
		return xcalloc(n, size);
	if ((size && n > MD_ARENA_MAX / size) || !(p = md_take(a, n * size))) {
		a->spilled = 1;
		return xcalloc(n, size);
	}
	memset(p, 0, n * size);
	return p;
}

static void *md_realloc(void *p, size_t n)
{
	struct md_arena *a = md_arena_now;
	unsigned char *b = p;
	size_t old;
	void *q;

	if (!a || (p && !md_owns(a, p)))
		return xrealloc(p, n);
	if (!p && (q = md_take(a, n)))
		return q;
	if (!p) {
		a->spilled = 1;
		return xmalloc(n);
	}
	memcpy(&old, b - MD_ALIGN, sizeof(old));
	if (b == a->last) {
		struct md_chunk *c = a->head;
		size_t at = (size_t)(b - MD_ALIGN - (unsigned char *)c->data);
		if (n <= MD_ARENA_MAX && c->cap - at >= md_round(n)) {
			c->used = at + md_round(n);
			memcpy(b - MD_ALIGN, &n, sizeof(n));
			return p;
		}
	}
	if (n <= old)
		return p;
	if (!(q = md_take(a, n))) {
		a->spilled = 1;
		q = xmalloc(n);
	}
	memcpy(q, p, old);
	return q;
}

static void md_free(void *p)
{
	if (!md_arena_now || !md_owns(md_arena_now, p))
		free(p);
}

static cmark_mem md_mem = { md_calloc, md_realloc, md_free };

static void md_arena_release(struct md_arena *a)
{
	while (a->head) {
		struct md_chunk *c = a->head;
		a->head = c->next;
		free(c);
	}
}

void md_parse(const char *text, size_t len, const char *file, struct md_doc *doc,
	      struct diag_list *diags)
{
	struct walker w;
	struct md_arena arena = { NULL, NULL, 0, 0 };
	cmark_parser *parser;
	cmark_node *root;

	memset(doc, 0, sizeof(*doc));
	memset(&w, 0, sizeof(w));
	w.doc = doc;
	w.diags = diags;
	w.file = file;
	w.src = text;
	w.src_len = len;
	buf_init(&w.text);
	md_arena_now = MD_ARENA_ON ? &arena : NULL;
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &md_mem);
	cmark_parser_feed(parser, text, len);
	root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (root) {
		blocks(&w, root, 0, 0);
		/* (the tree's memory goes with the arena, but for what malloc gave once
		 * it was full) */
		if (!MD_ARENA_ON || arena.spilled)
			cmark_node_free(root);
	}
	md_arena_now = NULL;
	md_arena_release(&arena);
	buf_release(&w.text);
	free(w.spans);
	free(w.lines);
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

void md_plain_text(const struct md_doc *doc, size_t from, size_t to, struct buf *out)
{
	for (size_t i = from; i < to && i < doc->n; i++) {
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
