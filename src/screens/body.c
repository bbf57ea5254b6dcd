/* body.c: a page's Markdown blocks laid out as a column of the scrolling layer. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/xalloc.h"
#include "text/markdown.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int block_size(const struct metrics *m, const struct md_block *b)
{
	if (b->kind != MD_HEADING)
		return m->body;
	return b->level <= 1 ? m->h1 : b->level == 2 ? m->h2 : m->h3;
}

struct md_span *screen_marked(const char *query, int flags, const char *text, size_t len,
			      const struct md_span *spans, size_t nspans, size_t *n)
{
	struct catalog_span *hl = NULL;
	size_t k = query && *query ? catalog_highlight(query, flags, text, len, &hl) : 0;
	struct md_span *out;

	*n = 0;
	if (!k)
		return NULL;
	out = xmalloc((nspans + k) * sizeof(*out));
	if (nspans)
		memcpy(out, spans, nspans * sizeof(*out));
	for (size_t i = 0; i < k; i++)
		out[nspans + i] = (struct md_span){ (uint32_t)hl[i].start, (uint32_t)hl[i].end, MD_MARK };
	free(hl);
	*n = nspans + k;
	return out;
}

/* Text with its Markdown spans and, where the marks' query matches, MD_MARK spans;
 * *first gets y when a mark is there and *first is still unset (< 0). */
static int marked_text(struct screen_ctx *c, struct scene *s, struct rect r, const char *text,
		       const struct md_span *spans, size_t nspans, const struct text_style *st, uint32_t color,
		       const char *marks, int flags, int *first)
{
	size_t n = 0;
	struct md_span *all = screen_marked(marks, flags, text, strlen(text), spans, nspans, &n);
	int h;

	if (all && first && *first < 0)
		*first = r.y;
	h = scene_text(s, c->text, r, text, all ? all : spans, all ? n : nspans, st, color, 1);
	free(all);
	return h;
}

int body_layout(struct screen_ctx *c, struct scene *s, const struct md_doc *doc, size_t from,
		size_t to, int x, int y, int w, const char *zip, const char *dir, const char *slug,
		const char *marks, int mark_flags, int *first_mark)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int image_no = 0;

	for (size_t i = 0; i < doc->n && i < from; i++)
		image_no += doc->blocks[i].kind == MD_IMAGE;
	for (size_t i = from; i < to && i < doc->n; i++) {
		const struct md_block *b = &doc->blocks[i];
		int size = block_size(m, b);
		int indent = b->indent * m->body * 3 / 2 + b->quote * m->body;
		int bx = x + indent, bw = w - indent;
		struct text_style st = { .size = size, .bold = b->kind == MD_HEADING, .line_height = 1.25f };

		scene_anchor(s, y);
		if (b->kind == MD_HEADING)
			y += size / 2;
		if (b->kind == MD_IMAGE) {
			int iw = 0, ih = 0, h, px = x, pw = w;
			char *route = xasprintf("/image/%s/%d", slug, image_no++);
			/* the file is relative to the page's folder */
			char *entry = dir && *dir ? xasprintf("%s/%s", dir, b->src) : xstrdup(b->src);
			struct text_style cap = { .size = m->small, .line_height = 1.2f };
			if (c->pack)
				catalog_media_size(c->cat, c->pack->id, entry, &iw, &ih, NULL);
			h = iw > 0 ? (int)((long)w * ih / iw) : w * 9 / 16;
			if (h > m->h * 2 / 3) {
				/* a tall picture is shown at most 2/3 of the screen high: narrower
				 * than the column, centred in it; its badge and its touch target
				 * are the picture's, not the column's */
				h = m->h * 2 / 3;
				if (iw > 0 && ih > 0 && (long)h * iw / ih < w) {
					pw = (int)((long)h * iw / ih);
					if (pw < 1)
						pw = 1;
					px = x + (w - pw) / 2;
				}
			}
			/* a search that matched the picture's alternative text (it describes
			 * what the picture shows, and is searched with the page) scrolls to it */
			if (first_mark && *first_mark < 0 && marks && *marks) {
				size_t n = 0;
				struct md_span *hit = screen_marked(marks, mark_flags, b->alt, strlen(b->alt), NULL, 0, &n);
				if (hit)
					*first_mark = y;
				free(hit);
			}
			/* decoded at the size it is shown: drawing is then a copy, not a scaling */
			scene_image(s, (struct rect){ px, y, pw, h }, zip, entry, pw > h ? pw : h, b->alt, 1);
			scene_hit(s, (struct rect){ px, y, pw, h }, ACT_ROUTE, route, b->alt, 1);
			{
				/* a badge says the picture opens on the whole screen */
				struct text_style bs = { .size = m->small, .bold = 1, .max_lines = 1 };
				/* words only: a symbol the Korean font lacks would send every build of
				 * the page to fontconfig's fallback search */
				const char *shown = str_get(c->lang, STR_ENLARGE);
				int badge_w = text_width(c->text, shown, bs.size, 1) + m->gap;
				int badge_h = text_line_height(c->text, bs.size) + m->gap / 2;
				if (badge_w < pw / 2 && badge_h < h / 3) {
					struct rect br = { px + pw - badge_w - m->gap / 2, y + h - badge_h - m->gap / 2, badge_w,
							   badge_h };
					scene_rect(s, br, th->accent, 1);
					scene_text(s, c->text, (struct rect){ br.x + m->gap / 2, br.y + m->gap / 4, badge_w - m->gap, 0 },
						   shown, NULL, 0, &bs, th->on_accent, 1);
				}
			}
			y += h + m->gap / 2;
			y += marked_text(c, s, (struct rect){ x, y, w, 0 }, b->text, NULL, 0, &cap, th->muted, marks,
					 mark_flags, first_mark);
			y += m->gap * 3 / 2;
			free(route);
			free(entry);
			continue;
		}
		if (b->quote) {
			/* a quote: a bar at the left, the text indented */
			int h;
			st.line_height = 1.3f;
			h = marked_text(c, s, (struct rect){ bx, y, bw, 0 }, b->text, b->spans, b->nspans, &st,
					th->text, marks, mark_flags, first_mark);
			scene_rect(s, (struct rect){ bx - m->body / 2 - 4, y, 4, h }, th->accent, 1);
			y += h + m->gap;
			continue;
		}
		if (b->kind == MD_ITEM) {
			char mark[16];
			int mw;
			struct text_style ms = st;
			if (b->ordered)
				snprintf(mark, sizeof(mark), "%d.", b->number);
			else
				snprintf(mark, sizeof(mark), "•");
			mw = m->body * 3 / 2;
			ms.align = TEXT_RIGHT;
			ms.max_lines = 1;
			scene_text(s, c->text, (struct rect){ bx - mw, y, mw - m->body / 3, 0 }, mark, NULL, 0, &ms,
				   th->accent, 1);
			y += marked_text(c, s, (struct rect){ bx, y, bw, 0 }, b->text, b->spans, b->nspans, &st,
					 th->text, marks, mark_flags, first_mark);
			y += m->gap / 2;
			continue;
		}
		y += marked_text(c, s, (struct rect){ bx, y, bw, 0 }, b->text, b->spans, b->nspans, &st, th->text,
				 marks, mark_flags, first_mark);
		y += b->kind == MD_HEADING ? m->gap / 2 : m->gap;
	}
	return y;
}
