/* router.c: route strings to typed routes and back. */
#include "router.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *prefix;  /* the path up to the slug, or the whole path */
	int kind;
	int has_slug;
} paths[] = {
	{ "/attract", ROUTE_ATTRACT, 0 },
	{ "/", ROUTE_HOME, 0 },
	{ "/section/", ROUTE_SECTION, 1 },
	{ "/exhibit/", ROUTE_EXHIBIT, 1 },
	{ "/image/", ROUTE_IMAGE, 1 },
	{ "/section-end/", ROUTE_SECTION_END, 1 },
	{ "/end", ROUTE_END, 0 },
	{ "/search", ROUTE_SEARCH, 0 },
	{ "/technician", ROUTE_TECHNICIAN, 0 },
};

static const char *const names[ROUTE_KINDS_] = {
	[ROUTE_NONE] = "none", [ROUTE_ATTRACT] = "attract", [ROUTE_HOME] = "home",
	[ROUTE_SECTION] = "section", [ROUTE_EXHIBIT] = "exhibit", [ROUTE_IMAGE] = "image",
	[ROUTE_SECTION_END] = "section-end", [ROUTE_END] = "end", [ROUTE_SEARCH] = "search",
	[ROUTE_TECHNICIAN] = "technician",
};

const char *route_kind_name(int kind)
{
	return kind > 0 && kind < ROUTE_KINDS_ ? names[kind] : "none";
}

static int slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the percent-encoded s[0..end) into out; -1 when it is malformed, too long,
 * or not valid UTF-8 once decoded. */
static int decode_query(const char *s, const char *end, char *out, size_t size)
{
	size_t n = 0;

	for (; s < end; s++) {
		int c = (unsigned char)*s;
		if (c == '%') {
			int hi = s + 1 < end ? hexval(s[1]) : -1, lo = hi < 0 || s + 2 >= end ? -1 : hexval(s[2]);
			if (lo < 0)
				return -1;
			c = hi * 16 + lo;
			s += 2;
		} else if (c == '+') {
			c = ' ';
		}
		if (c == 0 || n + 1 >= size)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = 0;
	return utf8_valid(out, n, NULL) ? 0 : -1;
}

int route_parse(const char *text, struct route *out)
{
	const char *q = strchr(text, '?');
	size_t plen = q ? (size_t)(q - text) : strlen(text);

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		size_t n = strlen(paths[i].prefix);
		const char *rest;
		size_t len = 0;

		if (!paths[i].has_slug) {
			if (plen != n || strncmp(text, paths[i].prefix, n))
				continue;
		} else if (plen <= n || strncmp(text, paths[i].prefix, n)) {
			continue;
		}
		out->kind = paths[i].kind;
		rest = text + n;
		if (paths[i].has_slug) {
			while (rest + len < text + plen && slug_char(rest[len]))
				len++;
			if (!len || len >= ROUTE_SLUG_MAX)
				goto bad;
			memcpy(out->slug, rest, len);
			out->slug[len] = 0;
			rest += len;
			if (out->kind == ROUTE_IMAGE) {
				/* /image/SLUG/N: N a number from 0, no sign, no leading junk */
				char *end;
				long v;
				if (*rest != '/' || rest[1] < '0' || rest[1] > '9')
					goto bad;
				v = strtol(rest + 1, &end, 10);
				if (v > 9999 || end != text + plen)
					goto bad;
				out->index = (int)v;
				rest = end;
			}
			if (rest != text + plen)
				goto bad;
		}
		if (q) {
			/* only search and exhibit take a query, and only q=; an exhibit's may
			 * end in &composing (route_format encodes a '&' of the text; one typed
			 * raw elsewhere is text) */
			static const char flag[] = "&composing";
			size_t ql = strlen(q), fl = sizeof(flag) - 1;
			const char *end = q + ql;
			if (out->kind == ROUTE_EXHIBIT && ql > 3 + fl && !strcmp(end - fl, flag)) {
				end -= fl;
				out->composing = 1;
			}
			if ((out->kind != ROUTE_SEARCH && out->kind != ROUTE_EXHIBIT) || strncmp(q + 1, "q=", 2) ||
			    decode_query(q + 3, end, out->query, sizeof(out->query)) < 0)
				goto bad;
		}
		return 0;
	}
bad:
	memset(out, 0, sizeof(*out));
	return -1;
}

char *route_format(const struct route *r, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *base;
	size_t n;

	if (!size)
		return out;
	switch (r->kind) {
	case ROUTE_ATTRACT: base = "/attract"; break;
	case ROUTE_HOME: base = "/"; break;
	case ROUTE_SECTION: base = "/section/"; break;
	case ROUTE_EXHIBIT: base = "/exhibit/"; break;
	case ROUTE_IMAGE: base = "/image/"; break;
	case ROUTE_SECTION_END: base = "/section-end/"; break;
	case ROUTE_END: base = "/end"; break;
	case ROUTE_SEARCH: base = "/search"; break;
	case ROUTE_TECHNICIAN: base = "/technician"; break;
	default: base = ""; break;
	}
	if (r->kind == ROUTE_IMAGE)
		snprintf(out, size, "%s%s/%d", base, r->slug, r->index);
	else
		snprintf(out, size, "%s%s", base, r->slug);
	n = strlen(out);
	if ((r->kind == ROUTE_SEARCH || r->kind == ROUTE_EXHIBIT) && r->query[0] && n + 3 < size) {
		memcpy(out + n, "?q=", 4);
		n += 3;
		/* unreserved characters as they are, everything else percent-encoded */
		for (const unsigned char *p = (const unsigned char *)r->query; *p && n + 1 < size; p++) {
			int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
				    *p == '-' || *p == '.' || *p == '_' || *p == '~';
			if (plain) {
				out[n++] = (char)*p;
			} else if (n + 3 < size) {
				out[n++] = '%';
				out[n++] = hex[*p >> 4];
				out[n++] = hex[*p & 15];
			} else {
				break;
			}
		}
		out[n] = 0;
		if (route_composing(r) && n + sizeof("&composing") <= size)
			memcpy(out + n, "&composing", sizeof("&composing"));
	}
	return out;
}

int route_composing(const struct route *r)
{
	return r->kind == ROUTE_EXHIBIT && r->composing && r->query[0];
}

int route_equal(const struct route *a, const struct route *b)
{
	return a->kind == b->kind && a->index == b->index && !strcmp(a->slug, b->slug) &&
	       !strcmp(a->query, b->query) && route_composing(a) == route_composing(b);
}

struct route *route_make(struct route *r, int kind, const char *slug, int index, const char *query)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->index = index;
	if (slug)
		snprintf(r->slug, sizeof(r->slug), "%s", slug);
	if (query) {
		/* cut on a character boundary */
		size_t n = strlen(query);
		if (n >= sizeof(r->query)) {
			n = sizeof(r->query) - 1;
			while (n && ((unsigned char)query[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(r->query, query, n);
		r->query[n] = 0;
	}
	return r;
}
