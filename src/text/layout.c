/* layout.c: a paragraph broken into lines. The text is first made clean UTF-8
 * (a copy the layout owns); libunibreak gives the break opportunities, which are
 * then narrowed by the kiosk's rules (breaks.c: keep-all, punctuation, dates);
 * lines are filled greedily with the measured widths of
 * the chunks between opportunities, and a chunk wider than the line is split at
 * grapheme boundaries. Memory is linear in the length of the text. */
#include "internal.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <limits.h>
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A split looks at no more graphemes than this for one line: no line holds
 * more, and it bounds the work on a long run of zero-width marks. */
enum { SPLIT_MAX_GRAPHEMES = 4096 };
/* A chunk longer than this is first estimated from glyph advances, so that a
 * 100,000-character word is never measured (nor cached) whole. */
enum { LONG_CHUNK = 512 };
/* Text past this many bytes is not laid out: offsets stay 32-bit and memory
 * stays in megabytes (a screen never holds a fraction of it). */
enum { MAX_TEXT_BYTES = 16 << 20 };

static const char ELLIPSIS[] = "\xE2\x80\xA6";

struct span_edge {
	uint32_t pos;
	int em, strong, mark;
};

static int edge_cmp(const void *a, const void *b)
{
	const struct span_edge *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Invisible controls: C0/C1 controls and format characters (bidi embeddings,
 * marks and isolates, zero-width characters, the BOM). */
static int dropped(int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return k == UTF8PROC_CATEGORY_CC || k == UTF8PROC_CATEGORY_CF;
}

/* Combining marks and variation selectors: drawn with the character before. */
static int utf8_is_mark(int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME ||
	       (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

/* Clean UTF-8 of any bytes, and the style of each output byte. Invalid bytes
 * become U+FFFD (3 bytes each at most), so *out has room for 3 * len + 8. */
static size_t sanitize(struct text_engine *t, const char *in, size_t len,
		       const struct md_span *spans, size_t nspans, uint8_t base, char **out,
		       uint8_t **style, uint32_t *missing)
{
	int face = 0;
	struct span_edge *ev = NULL;
	size_t nev = 0, e = 0, i = 0, o = 0, k, at;
	char *s = xmalloc(len * 3 + 8);
	uint8_t *sty = xmalloc(len * 3 + 8), st;
	int em = 0, strong = 0, mark = 0;
	int32_t c;

	if (spans && nspans) {
		ev = xmalloc(nspans * 2 * sizeof(*ev));
		for (k = 0; k < nspans; k++) {
			uint32_t a = spans[k].start, b = spans[k].end;
			int ie = (spans[k].style & MD_EM) != 0, is = (spans[k].style & MD_STRONG) != 0;
			int im = (spans[k].style & MD_MARK) != 0;

			if (b > len)
				b = (uint32_t)len;
			if (a >= b || (!ie && !is && !im))
				continue;
			ev[nev++] = (struct span_edge){ a, ie, is, im };
			ev[nev++] = (struct span_edge){ b, -ie, -is, -im };
		}
		qsort(ev, nev, sizeof(*ev), edge_cmp);
	}
	while (i < len) {
		while (e < nev && ev[e].pos <= i) {
			em += ev[e].em;
			strong += ev[e].strong;
			mark += ev[e].mark;
			e++;
		}
		st = (uint8_t)(base | (em > 0 ? MD_EM : 0) | (strong > 0 ? MD_STRONG : 0) | (mark > 0 ? MD_MARK : 0));
		c = utf8_next(in, len, &i);
		/* U+FFFF is libunibreak's end of text: set_linebreaks_utf8 would stop
		 * there and fail an assertion (abort) */
		if (c < 0 || c == 0xFFFF)
			c = 0xFFFD;
		else if (c == '\t')
			c = ' ';
		else if (c == 0x2028 || c == 0x2029)
			c = '\n';
		else if (c != '\n' && dropped(c))
			continue;
		/* the face that has the character; marks and variation selectors stay
		 * in the face of the character they belong to */
		if (c >= 0x80 && !utf8_is_mark(c)) {
			int fk = font_face_for(t, (uint32_t)c);
			if (fk < 0 && !*missing)
				*missing = (uint32_t)c;
			face = fk < 0 ? 0 : fk;
		} else if (c < 0x80) {
			face = 0;
		}
		st |= (uint8_t)(face << STYLE_FACE_SHIFT);
		at = o;
		o += utf8_put(s + o, c);
		memset(sty + at, st, o - at);
	}
	free(ev);
	s[o] = 0;
	*out = s;
	*style = sty;
	return o;
}

struct fill {
	struct text_engine *t;
	struct text_layout *l;
	const char *s;
	const uint8_t *sty;
	size_t n;
	int size, max_width, max_lines, line_h;
	int pen;          /* x where the next piece starts */
	int ink;          /* width of the current line without trailing spaces */
	size_t first_run; /* of the current line */
	size_t run_cap, line_cap;
	int full;         /* max_lines lines are done: more content cuts */
	size_t *gb;       /* grapheme ends for split_fit, allocated on first use */
	int *gw;          /* their estimated widths */
};

static uint32_t key_at(const struct fill *f, size_t i)
{
	return fkey_make(f->size, f->sty[i]);
}

static int line_has_runs(const struct fill *f)
{
	return f->l->nruns > f->first_run;
}

static int add_run(struct fill *f, size_t a, size_t b, int w)
{
	struct text_layout *l = f->l;
	struct text_run *r;

	if (f->full) {
		l->cut = 1;
		return -1;
	}
	l->runs = xgrow(l->runs, &f->run_cap, l->nruns + 1, sizeof(*l->runs));
	r = &l->runs[l->nruns++];
	r->start = (uint32_t)a;
	r->end = (uint32_t)b;
	r->x = f->pen;
	r->width = w;
	r->style = f->sty[a];
	f->pen += w;
	f->ink = f->pen;
	return 0;
}

static void end_line(struct fill *f)
{
	struct text_layout *l = f->l;
	struct text_line *ln;

	if (f->full)
		return;
	l->lines = xgrow(l->lines, &f->line_cap, l->nlines + 1, sizeof(*l->lines));
	ln = &l->lines[l->nlines++];
	ln->y = (int)(l->nlines - 1) * f->line_h;
	ln->height = f->line_h;
	ln->width = f->ink;
	ln->first_run = f->first_run;
	ln->nruns = l->nruns - f->first_run;
	f->first_run = l->nruns;
	f->pen = f->ink = 0;
	if (f->max_lines && l->nlines >= (size_t)f->max_lines)
		f->full = 1;
}

/* End of the piece starting at a: where the style changes, or b. */
static size_t piece_end(const struct fill *f, size_t a, size_t b)
{
	size_t i = a + 1;

	while (i < b && f->sty[i] == f->sty[a])
		i++;
	return i;
}

/* Sum of glyph advances of s[a..b), stopping once past limit. */
static int estimate(struct fill *f, size_t a, size_t b, int limit)
{
	size_t i = a;
	int w = 0;

	while (i < b && w <= limit) {
		uint32_t k = key_at(f, i);
		w += glyph_get(f->t, k, utf8_dec(f->s, &i)).adv;
	}
	return w;
}

/* The longest grapheme prefix s[p..q) of a one-style piece no wider than avail;
 * with must, at least one grapheme even if it is wider. Candidates come from
 * glyph advances, then are checked with real measurements (binary search when
 * shaping made the estimate too optimistic). */
static size_t split_fit(struct fill *f, size_t p, size_t pe, int avail, int must, int *wout)
{
	uint32_t fkey = key_at(f, p), c;
	utf8proc_int32_t state = 0, prev = -1;
	size_t i = p, at, k = 0;
	int est = 0, beyond = 0, lo = -1, hi, mid, w = 0, found = -1, fw = 0;

	if (!f->gb) {
		f->gb = xmalloc((SPLIT_MAX_GRAPHEMES + 1) * sizeof(*f->gb));
		f->gw = xmalloc((SPLIT_MAX_GRAPHEMES + 1) * sizeof(*f->gw));
	}
	while (i < pe && k < SPLIT_MAX_GRAPHEMES) {
		at = i;
		c = utf8_dec(f->s, &i);
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, (utf8proc_int32_t)c, &state)) {
			f->gb[k] = at;
			f->gw[k++] = est;
			if (est > avail && ++beyond >= 3)
				break;
		}
		est += glyph_get(f->t, fkey, c).adv;
		prev = (utf8proc_int32_t)c;
	}
	if (i >= pe && k < SPLIT_MAX_GRAPHEMES && beyond < 3) {
		f->gb[k] = pe;
		f->gw[k++] = est;
	}
	for (mid = 0; mid < (int)k && f->gw[mid] <= avail; mid++)
		lo = mid;
	if (lo >= 0 && (w = text_measure(f->t, fkey, f->s + p, f->gb[lo] - p)) <= avail) {
		found = lo;
		fw = w;
		while (found + 1 < (int)k &&
		       (w = text_measure(f->t, fkey, f->s + p, f->gb[found + 1] - p)) <= avail) {
			found++;
			fw = w;
		}
	} else {
		for (mid = 0, hi = lo - 1; mid <= hi;) {
			int m = (mid + hi) / 2;

			w = text_measure(f->t, fkey, f->s + p, f->gb[m] - p);
			if (w <= avail) {
				found = m;
				fw = w;
				mid = m + 1;
			} else {
				hi = m - 1;
			}
		}
	}
	if (found < 0) {
		if (!must || !k)
			return p;
		found = 0;
		fw = text_measure(f->t, fkey, f->s + p, f->gb[0] - p);
	}
	*wout = fw;
	return f->gb[found];
}

/* A body wider than any line: pieces of it fill lines one after another. */
static int split_place(struct fill *f, size_t a, size_t b)
{
	size_t p = a, pe = a, q;
	int w = 0;

	if (line_has_runs(f))
		end_line(f);
	f->pen = 0;
	while (p < b) {
		if (p >= pe)
			pe = piece_end(f, p, b);
		q = split_fit(f, p, pe, f->max_width - f->pen, !line_has_runs(f), &w);
		if (q == p) {
			end_line(f);
			continue;
		}
		if (add_run(f, p, q, w) < 0)
			return -1;
		if (q < pe)
			end_line(f);
		p = q;
	}
	return 0;
}

/* Trailing white space of s[a..b): spaces, ideographic spaces and the newline. */
static size_t body_end(const struct fill *f, size_t a, size_t b)
{
	while (b > a) {
		if (f->s[b - 1] == ' ' || f->s[b - 1] == '\n')
			b--;
		else if (b - a >= 3 && !memcmp(f->s + b - 3, "\xE3\x80\x80", 3))
			b -= 3;
		else
			break;
	}
	return b;
}

/* Where s[a..be) may end a line when it is wider than one: after its first
 * single space between two letters or digits, or after a middle dot between two
 * (U+00B7 and the like, as in "사회적·심리적·정서적"). Those are the break
 * opportunities breaks.c took away to keep a date, a number and its unit, or
 * words joined by a dot on one line. be when there is none. */
static size_t kept_break(const struct fill *f, size_t a, size_t be)
{
	for (size_t i = a + 1; i + 1 < be; i++) {
		size_t k = i, p = i - 1, after;
		int32_t c = (int32_t)utf8_dec(f->s, &k);

		if ((f->s[i] & 0xC0) == 0x80 || !(c == ' ' || text_is_middle_dot((uint32_t)c)) || f->s[i - 1] == ' ')
			continue;
		after = k;
		while (p > a && (f->s[p] & 0xC0) == 0x80) /* back to the start of the character before */
			p--;
		if (after < be && utf8_is_wordchar((int32_t)utf8_dec(f->s, &k)) &&
		    utf8_is_wordchar((int32_t)utf8_dec(f->s, &p)))
			return after;
	}
	return be;
}

/* Place s[a..b), the text between two break opportunities. */
static int place_chunk(struct fill *f, size_t a, size_t b, int hard)
{
	size_t be = body_end(f, a, b), we = b, p, pe;
	int body = 0, ws = 0, over = 0;

	if (hard && we > be && f->s[we - 1] == '\n')
		we--;
	if (we > be)
		ws = text_measure(f->t, key_at(f, be), f->s + be, we - be);
	if (be > a) {
		if (be - a > LONG_CHUNK)
			over = estimate(f, a, be, 2 * f->max_width) > 2 * f->max_width;
		for (p = a; !over && p < be; p = pe) {
			pe = piece_end(f, p, be);
			body += text_measure(f->t, key_at(f, p), f->s + p, pe - p);
		}
		if (over || body > f->max_width) {
			/* a date or a number with its unit wider than the line ("2024년 1월의" in a
			 * narrow column), or words joined by a middle dot, break where breaks.c
			 * took the opportunity away before a word is split */
			size_t p0 = a, cut;
			while ((cut = kept_break(f, p0, be)) < be) {
				if (place_chunk(f, p0, cut, 0) < 0)
					return -1;
				p0 = cut;
			}
			if (p0 > a)
				return place_chunk(f, p0, b, hard);
			if (split_place(f, a, be) < 0)
				return -1;
		} else {
			if (f->pen + body > f->max_width) {
				if (line_has_runs(f))
					end_line(f);
				f->pen = 0;
			}
			for (p = a; p < be; p = pe) {
				pe = piece_end(f, p, be);
				if (add_run(f, p, pe, text_measure(f->t, key_at(f, p), f->s + p,
								   pe - p)) < 0)
					return -1;
			}
		}
	}
	f->pen += ws;
	if (hard)
		end_line(f);
	return 0;
}

/* End the last kept line with "…", dropping or shortening runs to make room,
 * and cut the text after it. */
static void add_ellipsis(struct fill *f, uint8_t base)
{
	struct text_layout *l = f->l;
	struct text_line *ln = &l->lines[l->nlines - 1];
	struct text_run *r;
	uint8_t style = ln->nruns ? (l->runs[l->nruns - 1].style & 3u) : base;
	int ew = text_measure(f->t, fkey_make(f->size, style), ELLIPSIS, 3);
	int limit = f->max_width - ew, w = 0;
	size_t q, cut;

	while (ln->nruns) {
		r = &l->runs[l->nruns - 1];
		if (r->x + r->width <= limit)
			break;
		if (r->x < limit) {
			q = split_fit(f, r->start, r->end, limit - r->x, 0, &w);
			if (q > r->start) {
				r->end = (uint32_t)q;
				r->width = w;
				break;
			}
		}
		ln->nruns--;
		l->nruns--;
	}
	if (ln->nruns) {
		/* a search snippet's separator between blocks (no-break space, middle
		 * dot: catalog/search.c) does not stand before the "…" */
		r = &l->runs[l->nruns - 1];
		if (r->end - r->start >= 4 && !memcmp(f->s + r->end - 4, "\xc2\xa0\xc2\xb7", 4)) {
			r->end -= 4;
			if (r->end > r->start) {
				r->width = text_measure(f->t, key_at(f, r->start), f->s + r->start, r->end - r->start);
			} else {
				/* a run of its own (after a marked match): the run goes */
				ln->nruns--;
				l->nruns--;
			}
		}
	}
	cut = l->nruns ? l->runs[l->nruns - 1].end : 0;
	f->pen = ln->nruns ? l->runs[l->nruns - 1].x + l->runs[l->nruns - 1].width : 0;
	memcpy(l->text + cut, ELLIPSIS, 3);
	l->text[cut + 3] = 0;
	l->len = cut + 3;
	l->runs = xgrow(l->runs, &f->run_cap, l->nruns + 1, sizeof(*l->runs));
	r = &l->runs[l->nruns++];
	r->start = (uint32_t)cut;
	r->end = (uint32_t)cut + 3;
	r->x = f->pen;
	r->width = ew;
	r->style = style;
	ln->nruns++;
	ln->width = f->pen + ew;
}

static void align(struct text_layout *l, int how)
{
	size_t i, k;
	int off;

	for (i = 0; i < l->nlines; i++) {
		struct text_line *ln = &l->lines[i];

		if (ln->width > l->width)
			l->width = ln->width;
		off = how == TEXT_CENTER ? (l->max_width - ln->width) / 2 :
		      how == TEXT_RIGHT ? l->max_width - ln->width : 0;
		if (off <= 0)
			continue;
		for (k = ln->first_run; k < ln->first_run + ln->nruns; k++)
			l->runs[k].x += off;
	}
}

int text_layout_build(struct text_engine *t, const char *text, size_t len,
		      const struct md_span *spans, size_t nspans, const struct text_style *st,
		      int max_width, struct text_layout *out)
{
	struct fill f;
	uint8_t *sty, base = st && st->bold ? MD_STRONG : 0;
	char *brks;
	size_t i = 0, a = 0, n;
	float lh = st && st->line_height > 0 ? st->line_height : 1.0f;
	uint32_t c;

	memset(out, 0, sizeof(*out));
	if (max_width < 1 || !t || !st)
		return -1;
	if (!text)
		len = 0;
	if (len > MAX_TEXT_BYTES)
		len = MAX_TEXT_BYTES;
	memset(&f, 0, sizeof(f));
	f.t = t;
	f.l = out;
	f.size = st->size < TEXT_MIN_SIZE ? TEXT_MIN_SIZE :
		 st->size > TEXT_MAX_SIZE ? TEXT_MAX_SIZE : st->size;
	f.max_width = max_width;
	f.max_lines = st->max_lines > 0 ? st->max_lines : 0;
	f.line_h = (int)(font_vmetrics(t, f.size)->skip * lh + 0.5f);
	if (f.line_h < 1)
		f.line_h = 1;
	n = sanitize(t, text, len, spans, nspans, base, &out->text, &sty, &out->missing);
	out->len = n;
	out->size = f.size;
	out->max_width = max_width;
	f.s = out->text;
	f.sty = sty;
	f.n = n;
	brks = xmalloc(n ? n : 1);
	if (n) {
		text_find_breaks(f.s, n, NULL, brks);
	}
	while (i < n) {
		c = utf8_dec(f.s, &i);
		if (i < n && brks[i - 1] != LINEBREAK_MUSTBREAK && brks[i - 1] != LINEBREAK_ALLOWBREAK)
			continue;
		if (place_chunk(&f, a, i, brks[i - 1] == LINEBREAK_MUSTBREAK && (i < n || c == '\n')) < 0)
			break;
		a = i;
	}
	if (!out->cut && (line_has_runs(&f) || f.pen > 0))
		end_line(&f);
	if (out->cut && out->nlines)
		add_ellipsis(&f, base);
	align(out, st->align);
	out->height = (int)out->nlines * f.line_h;
	out->text = xrealloc(out->text, out->len + 1);
	free(brks);
	free(sty);
	free(f.gb);
	free(f.gw);
	return 0;
}

void text_layout_release(struct text_layout *l)
{
	if (!l)
		return;
	free(l->text);
	free(l->runs);
	free(l->lines);
	memset(l, 0, sizeof(*l));
}

int text_width(struct text_engine *t, const char *s, int size, int bold)
{
	struct text_style st = { size, bold, 0, TEXT_LEFT, 0 };
	struct text_layout l;
	int w;

	if (!s || text_layout_build(t, s, strlen(s), NULL, 0, &st, INT_MAX / 4, &l) < 0)
		return 0;
	w = l.width;
	text_layout_release(&l);
	return w;
}
