/* vtt.c: the WebVTT subset of vtt.h. The file is read a line at a time; each
 * function that fails names the line it stopped at. */
#include "vtt.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const char *p, *end;
	int line;        /* the line last returned */
};

/* The next line without its ending, or 0 at the end of the input. */
static int next_line(struct reader *r, const char **s, size_t *n)
{
	const char *q = r->p;

	if (r->p >= r->end)
		return 0;
	while (q < r->end && *q != '\n' && *q != '\r')
		q++;
	*s = r->p;
	*n = (size_t)(q - r->p);
	if (q < r->end && *q == '\r') {
		q++;
		if (q < r->end && *q == '\n')
			q++;
	} else if (q < r->end) {
		q++;
	}
	r->p = q;
	r->line++;
	return 1;
}

static int blank(const char *s, size_t n)
{
	(void)s;
	return n == 0;
}

static int starts_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && !memcmp(s, w, k) && (n == k || s[k] == ' ' || s[k] == '\t');
}

static int digits(const char *s, size_t n, size_t *i, size_t min, size_t max, uint32_t *out)
{
	size_t k = 0;
	uint32_t v = 0;

	while (*i + k < n && s[*i + k] >= '0' && s[*i + k] <= '9' && k < max + 1) {
		v = v * 10 + (uint32_t)(s[*i + k] - '0');
		k++;
	}
	if (k < min || k > max)
		return -1;
	*i += k;
	*out = v;
	return 0;
}

/* A timestamp at s[*i]: [HH:]MM:SS.mmm; *i moves past it. */
static int timestamp(const char *s, size_t n, size_t *i, uint32_t *ms)
{
	uint32_t a, b, c = 0, frac;
	size_t j = *i;
	int has_hours = 0;

	if (digits(s, n, &j, 2, 3, &a) < 0 || j >= n || s[j++] != ':' || digits(s, n, &j, 2, 2, &b) < 0)
		return -1;
	if (j < n && s[j] == ':') {
		j++;
		has_hours = 1;
		if (digits(s, n, &j, 2, 2, &c) < 0)
			return -1;
	} else if (a > 99) {
		return -1; /* minutes have two digits */
	}
	if (j >= n || s[j++] != '.' || digits(s, n, &j, 3, 3, &frac) < 0)
		return -1;
	if (has_hours) {
		if (b > 59 || c > 59)
			return -1;
		*ms = ((a * 60 + b) * 60 + c) * 1000 + frac;
	} else {
		if (a > 59 || b > 59)
			return -1;
		*ms = (a * 60 + b) * 1000 + frac;
	}
	*i = j;
	return 0;
}

/* A line that starts with a timestamp is a timing line gone wrong, not an identifier. */
static int looks_timed(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t ms;

	return timestamp(s, n, &i, &ms) == 0;
}

static int timing_line(const char *s, size_t n, uint32_t *start, uint32_t *end)
{
	size_t i = 0;

	if (timestamp(s, n, &i, start) < 0)
		return -1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i < 3 || memcmp(s + i, "-->", 3))
		return -1;
	i += 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (timestamp(s, n, &i, end) < 0)
		return -1;
	/* cue settings (position, align...) follow after white space, and are ignored */
	return i == n || s[i] == ' ' || s[i] == '\t' ? 0 : -1;
}

static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&nbsp;", "\xc2\xa0" },
	{ "&lrm;", "\xe2\x80\x8e" }, { "&rlm;", "\xe2\x80\x8f" },
};

/* One line of cue text, tags removed and entities decoded, appended to out. */
static void add_text(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k;
		if (s[i] == '<') {
			const char *close = memchr(s + i, '>', n - i);
			i = close ? (size_t)(close - s) + 1 : n;
			continue;
		}
		if (s[i] == '&') {
			for (k = 0; k < sizeof(entities) / sizeof(*entities); k++) {
				size_t m = strlen(entities[k].name);
				if (n - i >= m && !memcmp(s + i, entities[k].name, m)) {
					buf_adds(out, entities[k].text);
					i += m;
					break;
				}
			}
			if (k < sizeof(entities) / sizeof(*entities))
				continue;
		}
		buf_addc(out, s[i++]);
	}
}

__attribute__((format(printf, 5, 6)))
static int bad(struct reader *r, int *line, struct err *e, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		*line = r->line;
	return fail(e, code, "%s", msg);
}

int vtt_parse(struct vtt *v, const char *data, size_t len, int *line, struct err *e)
{
	struct reader r = { data, data + len, 0 };
	const char *s;
	size_t n, badpos;
	char shown[64];

	if (line)
		*line = 0;
	if (len > VTT_MAX_BYTES) {
		return bad(&r, line, e, ERR_REFUSED, "cue file is larger than %u bytes", VTT_MAX_BYTES);
	}
	if (!utf8_valid(data, len, &badpos)) {
		for (size_t i = 0; i < badpos; i++)
			r.line += data[i] == '\n';
		r.line++;
		return bad(&r, line, e, ERR_FORMAT, "cue file is not valid UTF-8");
	}
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		r.p += 3;
	if (!next_line(&r, &s, &n) || !starts_word(s, n, "WEBVTT")) {
		r.line = 1;
		return bad(&r, line, e, ERR_FORMAT, "a cue file starts with a line 'WEBVTT'");
	}
	while (next_line(&r, &s, &n) && !blank(s, n))
		; /* header lines */

	for (;;) {
		struct buf text = BUF_INIT;
		struct vtt_cue *c;
		uint32_t start, end;
		int tline, got;

		while ((got = next_line(&r, &s, &n)) && blank(s, n))
			;
		if (!got)
			break;
		if (starts_word(s, n, "NOTE") || starts_word(s, n, "STYLE") || starts_word(s, n, "REGION")) {
			while (next_line(&r, &s, &n) && !blank(s, n))
				;
			continue;
		}
		if (!memmem(s, n, "-->", 3) && !looks_timed(s, n)) {
			/* a cue identifier; the timing line follows */
			if (!next_line(&r, &s, &n) || blank(s, n))
				return bad(&r, line, e, ERR_FORMAT,
					   "a cue identifier must be followed by a timing line 'START --> END'");
		}
		if (timing_line(s, n, &start, &end) < 0) {
			utf8_quote(s, n < 40 ? n : 40, shown, sizeof(shown));
			return bad(&r, line, e, ERR_FORMAT,
				   "'%s' is not a timing line 'MM:SS.mmm --> MM:SS.mmm' (or HH:MM:SS.mmm)", shown);
		}
		tline = r.line;
		if (end <= start)
			return bad(&r, line, e, ERR_FORMAT, "the cue ends before it starts");
		if (v->n && start < v->cues[v->n - 1].end_ms)
			return bad(&r, line, e, ERR_FORMAT,
				   "the cue starts before the previous one ends (cues are in time order, one after another)");
		if (v->n >= VTT_MAX_CUES) {
			return bad(&r, line, e, ERR_REFUSED, "more than %d cues", VTT_MAX_CUES);
		}
		while (next_line(&r, &s, &n) && !blank(s, n)) {
			if (memmem(s, n, "-->", 3)) {
				buf_release(&text);
				return bad(&r, line, e, ERR_FORMAT,
					   "a timing line inside a cue's text: put a blank line before it");
			}
			if (text.len)
				buf_addc(&text, '\n');
			add_text(&text, s, n);
			if (text.len > VTT_MAX_TEXT) {
				buf_release(&text);
				return bad(&r, line, e, ERR_REFUSED, "the cue's text is longer than %d bytes",
					   VTT_MAX_TEXT);
			}
		}
		if (!text.len) {
			buf_release(&text);
			r.line = tline;
			return bad(&r, line, e, ERR_FORMAT, "the cue has no text");
		}
		v->cues = xgrow(v->cues, &v->cap, v->n + 1, sizeof(*v->cues));
		c = &v->cues[v->n++];
		c->start_ms = start;
		c->end_ms = end;
		c->line = tline;
		c->text = buf_detach(&text, NULL);
	}
	return 0;
}

void vtt_release(struct vtt *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->cues[i].text);
	free(v->cues);
	memset(v, 0, sizeof(*v));
}

/* The number of cues that start at or before ms. */
static size_t started(const struct vtt *v, uint32_t ms)
{
	size_t lo = 0, hi = v->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->cues[mid].start_ms <= ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int vtt_cue_at(const struct vtt *v, uint32_t ms)
{
	size_t k = started(v, ms);

	if (!k || ms >= v->cues[k - 1].end_ms)
		return -1;
	return (int)(k - 1);
}

int vtt_paragraph_at(const struct vtt *v, uint32_t ms)
{
	size_t k;

	if (!v->n)
		return -1;
	k = started(v, ms);
	return k ? (int)(k - 1) : 0;
}

uint32_t vtt_paragraph_start(const struct vtt *v, size_t index)
{
	if (!v->n)
		return 0;
	return v->cues[index < v->n ? index : v->n - 1].start_ms;
}

uint32_t vtt_map_position(const struct vtt *from, uint32_t ms, const struct vtt *to)
{
	int p = vtt_paragraph_at(from, ms);
	return vtt_paragraph_start(to, p < 0 ? 0 : (size_t)p);
}

void vtt_format_time(uint32_t ms, char *out, size_t size)
{
	unsigned h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, f = ms % 1000;

	if (h)
		snprintf(out, size, "%02u:%02u:%02u.%03u", h, m, s, f);
	else
		snprintf(out, size, "%02u:%02u.%03u", m, s, f);
}
