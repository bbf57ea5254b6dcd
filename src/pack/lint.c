/* lint.c: what `pack lint` and `pack build` say beyond what install refuses:
 * near matches for misspelt names, and the warnings of lint.h. */
#include "lint.h"
#include "internal.h"
#include "pack.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "text/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Optimal string alignment distance (Levenshtein with adjacent transpositions),
 * over bytes, of strings of at most 255 bytes. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t d[3][256];
	size_t *pp = d[0], *prev = d[1], *cur = d[2];

	if (n > 255 || m > 255)
		return (size_t)-1;
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
		}
		size_t *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

const char *pack_near_match(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word), best = (size_t)-1;
	size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *found = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d, cl;
		if (!strcmp(word, cands[i]))
			return NULL;
		/* the distance is at least the difference in length */
		cl = strlen(cands[i]);
		if ((cl > len ? cl - len : len - cl) > limit)
			continue;
		d = edit_distance(word, cands[i]);
		if (d <= limit && d < best) {
			best = d;
			found = cands[i];
		}
	}
	return found;
}

void lint_rules_default(struct lint_rules *r)
{
	r->sentence_words = 25;
	r->paragraph_words = 100;
	r->heading_words = 10;
	r->sentence_chars = 70;
	r->paragraph_chars = 285;
	r->heading_chars = 28;
	r->parity = 1;
}

/* Languages whose text is counted in characters rather than words. */
static int counts_chars(const char *lang)
{
	return !strcmp(lang, "ko") || !strcmp(lang, "ja") || !strcmp(lang, "zh");
}

/* The line of the page's source on which needle (its first bytes, up to 24)
 * first appears at or after line `from`; from when it is not found (markup
 * between the words). */
static int line_of_text(const char *src, int from, const char *needle, size_t n)
{
	const char *p = src;
	char key[32];
	size_t k = n < 24 ? n : 24;
	int line = 1;

	while (k && ((unsigned char)needle[k] & 0xc0) == 0x80)
		k--; /* a whole character */
	memcpy(key, needle, k);
	key[k] = 0;
	for (; line < from && (p = strchr(p, '\n')); line++)
		p++;
	if (!p || !k)
		return from;
	for (const char *q = p; *q; q++) {
		if (*q == '\n')
			line++;
		else if (!strncmp(q, key, k))
			return line;
	}
	return from;
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	int in = 0;

	for (size_t i = 0; i < n; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		if (!sp && !in)
			words++;
		in = !sp;
	}
	return words;
}

static size_t count_chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The end of the sentence starting at s: after '.', '!', '?' or '…' (and closing
 * quotes or brackets) followed by a space or the end; "e.g." and a number such as
 * 2.5 do not end one. */
static size_t sentence_end(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i + 1;
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		if (s[i] == '.' && i >= 1 && i + 2 < n && s[i + 2] == '.')
			continue; /* e.g. i.e. */
		while (j < n && strchr("\"')]", s[j]))
			j++;
		if (j + 2 < n && !memcmp(s + j, "\xE2\x80\x9D", 3))
			j += 3; /* ” */
		if (j >= n || s[j] == ' ' || s[j] == '\n')
			return j;
	}
	return n;
}

static void label_rules(const struct pack *p, struct tree *t, const struct pack_page *pg,
			const char *lang, const struct lint_rules *r, struct diag_list *d)
{
	int chars = counts_chars(lang);
	int sl = chars ? r->sentence_chars : r->sentence_words;
	int pl = chars ? r->paragraph_chars : r->paragraph_words;
	int hl = chars ? r->heading_chars : r->heading_words;
	const char *unit = chars ? "characters" : "words";
	char *shown = tree_display(t, pg->file);

	(void)p;
	for (size_t i = 0; i < pg->doc.n; i++) {
		const struct md_block *b = &pg->doc.blocks[i];
		size_t len;
		if (pg->source && i == pg->doc.n - 1)
			break; /* the source line is a reference, not a label */
		if (b->kind == MD_HEADING) {
			len = chars ? count_chars(b->text, b->len) : count_words(b->text, b->len);
			if (hl && len > (size_t)hl)
				diag_add(d, DIAG_WARNING, shown, b->line,
					 "%s of %zu %s; keep headings to %d %s (Smithsonian guidelines)",
					 i == 0 ? "title" : "heading", len, unit, hl, unit);
			continue;
		}
		/* a quotation is cited as it was written, not shortened */
		if ((b->kind != MD_PARAGRAPH && b->kind != MD_ITEM) || b->quote)
			continue;
		len = chars ? count_chars(b->text, b->len) : count_words(b->text, b->len);
		if (pl && len > (size_t)pl)
			diag_add(d, DIAG_WARNING, shown, b->line,
				 "paragraph of %zu %s; keep paragraphs to %d %s (Smithsonian guidelines)", len,
				 unit, pl, unit);
		for (size_t at = 0; at < b->len && sl;) {
			const char *s = b->text + at;
			size_t n = sentence_end(s, b->len - at), k;
			k = chars ? count_chars(s, n) : count_words(s, n);
			if (k > (size_t)sl)
				diag_add(d, DIAG_WARNING, shown, line_of_text(pg->text, b->line, s, n),
					 "sentence of %zu %s; keep sentences to %d %s (Smithsonian guidelines)", k,
					 unit, sl, unit);
			at += n;
			while (at < b->len && (b->text[at] == ' ' || b->text[at] == '\n'))
				at++;
		}
	}
	free(shown);
}

/* Numbers of a page, for parity: digit runs ("34,121" is 34121; "3만 4121" is
 * 34121), and English month names as their numbers ("21 May" holds 21 and 5, as
 * "5월 21일" does). */
struct number {
	char v[24];
	int line;
};

struct numbers {
	struct number *v;
	size_t n, cap;
};

static const char *const month_names[] = { "January", "February", "March", "April", "May", "June",
					   "July", "August", "September", "October", "November",
					   "December" };

static void add_number(struct numbers *ns, const char *v, int line)
{
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->v[i].v, v))
			return;
	ns->v = xgrow(ns->v, &ns->cap, ns->n + 1, sizeof(*ns->v));
	snprintf(ns->v[ns->n].v, sizeof(ns->v[ns->n].v), "%s", v);
	ns->v[ns->n++].line = line;
}

static void numbers_of(const struct pack_page *pg, struct numbers *ns)
{
	for (size_t bi = 0; bi < pg->doc.n; bi++) {
		const struct md_block *b = &pg->doc.blocks[bi];
		const char *s = b->text;
		size_t n = b->len;

		for (size_t i = 0; i < n;) {
			char v[24];
			size_t k = 0, start = i;
			unsigned long long x;
			if (isupper((unsigned char)s[i]) && (i == 0 || !isalpha((unsigned char)s[i - 1]))) {
				for (int m = 0; m < 12; m++) {
					size_t ml = strlen(month_names[m]);
					if (i + ml <= n && !strncmp(s + i, month_names[m], ml) &&
					    (i + ml == n || !isalpha((unsigned char)s[i + ml]))) {
						snprintf(v, sizeof(v), "%d", m + 1);
						if (m + 1 >= 10)
							add_number(ns, v, line_of_text(pg->text, b->line, s + i, ml));
						i += ml;
						break;
					}
				}
				if (i != start)
					continue;
			}
			if (!isdigit((unsigned char)s[i]) || (i && isalpha((unsigned char)s[i - 1]))) {
				i++;
				continue;
			}
			while (i < n && k + 1 < sizeof(v)) {
				if (isdigit((unsigned char)s[i]))
					v[k++] = s[i++];
				else if (s[i] == ',' && i + 3 < n + 0 && isdigit((unsigned char)s[i + 1]) &&
					 isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
					 (i + 4 >= n || !isdigit((unsigned char)s[i + 4])))
					i++; /* a thousands separator */
				else
					break;
			}
			v[k] = 0;
			x = strtoull(v, NULL, 10);
			/* 3만 4121: tens of thousands in Korean */
			if (i + 3 <= n && !strncmp(s + i, "만", 3)) {
				size_t j = i + 3;
				unsigned long long rest = 0;
				while (j < n && s[j] == ' ')
					j++;
				if (j < n && isdigit((unsigned char)s[j])) {
					while (j < n && (isdigit((unsigned char)s[j]) || s[j] == ','))
						if (s[j++] != ',')
							rest = rest * 10 + (unsigned long long)(s[j - 1] - '0');
					i = j;
				}
				x = x * 10000 + rest;
			}
			/* one to nine are often spelt out ("three reasons", "세 가지") */
			snprintf(v, sizeof(v), "%llu", x);
			if (x >= 10)
				add_number(ns, v, line_of_text(pg->text, b->line, s + start, i - start));
		}
	}
}

static int paragraphs(const struct pack_page *pg)
{
	int n = 0;

	for (size_t i = 0; i < pg->doc.n; i++)
		n += pg->doc.blocks[i].kind == MD_PARAGRAPH;
	return n;
}

/* Numbers in one language's page and not in another's, and paragraph counts
 * more than one apart: a translation that drifted. */
static void parity(const struct pack *p, struct tree *t, const struct pack_node *node,
		   struct diag_list *d)
{
	struct numbers *ns = xcalloc(p->nlangs, sizeof(*ns));

	for (size_t a = 0; a < p->nlangs; a++)
		if (node->pages[a].present)
			numbers_of(&node->pages[a], &ns[a]);
	for (size_t a = 0; a < p->nlangs; a++) {
		char *shown;
		if (!node->pages[a].present)
			continue;
		shown = tree_display(t, node->pages[a].file);
		for (size_t b = 0; b < p->nlangs; b++) {
			int pa, pb;
			if (a == b || !node->pages[b].present)
				continue;
			for (size_t i = 0; i < ns[a].n; i++) {
				size_t j = 0;
				while (j < ns[b].n && strcmp(ns[a].v[i].v, ns[b].v[j].v))
					j++;
				if (j == ns[b].n)
					diag_add(d, DIAG_WARNING, shown, ns[a].v[i].line,
						 "the number %s is not in %s.md (has the translation drifted?)",
						 ns[a].v[i].v, p->langs[b]);
			}
			pa = paragraphs(&node->pages[a]);
			pb = paragraphs(&node->pages[b]);
			if (a < b && (pa > pb + 1 || pb > pa + 1))
				diag_add(d, DIAG_WARNING, shown, 0,
					 "%d paragraphs here and %d in %s.md (has the translation drifted?)", pa,
					 pb, p->langs[b]);
		}
		free(shown);
	}
	for (size_t a = 0; a < p->nlangs; a++)
		free(ns[a].v);
	free(ns);
}

/* The Debian package that draws c, for the message. */
static const char *font_package(uint32_t c)
{
	if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF))
		return "fonts-noto-color-emoji";
	if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
		return "fonts-hanazono";
	return "fonts-noto-core";
}

/* Each run of characters no font draws (a word of a script with no font), once
 * per file: one warning naming its first character and the run. */
static void glyphs(struct text_engine *te, const char *file, const char *src, int line,
		   const char *s, size_t n, struct buf *seen, struct diag_list *d)
{
	size_t i = 0;

	while (i < n) {
		size_t at = i, end;
		uint32_t missing;
		int32_t c = utf8_next(s, n, &i), first = c;
		char ch[8], *key;

		if (c < 0x80 || text_engine_covers(te, s + at, i - at, &missing))
			continue;
		/* the run: what follows up to a character that can be drawn */
		for (end = i; end < n;) {
			size_t k = end;
			int32_t x = utf8_next(s, n, &k);
			if (x < 0x80 || text_engine_covers(te, s + end, k - end, &missing))
				break;
			end = k;
		}
		key = xasprintf("|%.*s|", (int)(end - at), s + at);
		i = end;
		if (seen->len && strstr(seen->data, key)) {
			free(key);
			continue;
		}
		buf_adds(seen, key);
		free(key);
		ch[utf8_put(ch, first)] = 0;
		if (strlen(ch) != end - at)
			diag_add(d, DIAG_WARNING, file, src ? line_of_text(src, line, s + at, end - at) : line,
				 "U+%04X '%s' (in '%.*s') cannot be drawn with the fonts on this machine (install %s)",
				 (unsigned)first, ch, (int)(end - at), s + at, font_package((uint32_t)first));
		else
			diag_add(d, DIAG_WARNING, file, src ? line_of_text(src, line, s + at, end - at) : line,
				 "U+%04X '%s' cannot be drawn with the fonts on this machine (install %s)",
				 (unsigned)first, ch, font_package((uint32_t)first));
	}
}

static void page_glyphs(struct text_engine *te, struct tree *t, const struct pack_page *pg,
			struct diag_list *d)
{
	struct buf seen = BUF_INIT;
	char *shown = tree_display(t, pg->file);

	for (size_t i = 0; i < pg->doc.n; i++) {
		const struct md_block *b = &pg->doc.blocks[i];
		glyphs(te, shown, pg->text, b->line, b->text, b->len, &seen, d);
		if (b->alt)
			glyphs(te, shown, pg->text, b->line, b->alt, strlen(b->alt), &seen, d);
	}
	buf_release(&seen);
	free(shown);
}

/* A title cut with "…" at a place: one warning, with how much fits; 1 when cut. */
static int title_fit(struct text_engine *te, struct tree *t, const struct pack_page *pg,
		      const struct lint_place *pl, struct diag_list *d)
{
	struct text_style st = { pl->size, pl->bold, 1.2f, TEXT_LEFT, pl->lines };
	struct text_layout l;
	char *shown;

	int was_cut;

	if (!pg->title || text_layout_build(te, pg->title, strlen(pg->title), NULL, 0, &st, pl->width,
					    &l) < 0)
		return 0;
	was_cut = l.cut;
	if (l.cut) {
		shown = tree_display(t, pg->file);
		diag_add(d, DIAG_WARNING, shown, 1,
			 "the title is cut with '…' on %s at %s (%d line%s of %d px); about %zu of its %zu characters fit",
			 pl->name, pl->screen, pl->lines, pl->lines == 1 ? "" : "s", pl->width,
			 count_chars(l.text, l.len) - 1, count_chars(pg->title, strlen(pg->title)));
		free(shown);
	}
	text_layout_release(&l);
	return was_cut;
}

void pack_lint(const struct pack *p, struct tree *t, struct text_engine *te,
	       const struct lint_rules *r, const struct lint_place *places, size_t nplaces,
	       struct diag_list *d)
{
	int di = p->default_lang ? pack_lang_index(p, p->default_lang) : 0;
	char *cut = xcalloc(nplaces + 1, 1);

	for (size_t i = 0; i < p->nnodes; i++) {
		const struct pack_node *node = &p->nodes[i];
		for (size_t li = 0; li < p->nlangs; li++) {
			const struct pack_page *pg = &node->pages[li];
			if (!pg->present)
				continue;
			label_rules(p, t, pg, p->langs[li], r, d);
			if (!te)
				continue;
			page_glyphs(te, t, pg, d);
			for (size_t k = 0; k < nplaces; k++) {
				const struct lint_place *pl = &places[k];
				int done = 0;
				if (!(pl->kinds & (1 << node->kind)) || pl->default_lang != ((int)li == di))
					continue;
				for (size_t j = 0; j < k && !done; j++)
					done = !strcmp(places[j].name, pl->name) && cut[j];
				cut[k] = !done && title_fit(te, t, pg, pl, d);
			}
		}
		if (r->parity && p->nlangs > 1)
			parity(p, t, node, d);
	}
	if (te && p->ini_text) {
		struct buf seen = BUF_INIT;
		char *shown = tree_display(t, "pack.ini");
		glyphs(te, shown, p->ini_text, 1, p->ini_text, p->ini_len, &seen, d);
		free(shown);
		buf_release(&seen);
	}
	free(cut);
}
