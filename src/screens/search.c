/* search.c: the search screen. The text field at the top, the results below it,
 * the on-screen keyboard at the bottom (the lower half of a phone). Every key that
 * changes the text searches again and the screen is built again in the same
 * frame: there is no "search" button. Results come from every language of the
 * pack; a result found in another language than the interface's says so, and
 * opens the exhibit in the interface's language, scrolled to the match. No result
 * is never a dead end: the sections are offered. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "text/markdown.h"
#include "ui/keyboard.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESULTS_MAX 12       /* results shown: a visitor refines the words rather than read on */

struct result {
	char *slug;
	char *title;       /* in the interface language when the page has it */
	char *section;     /* its section's title, likewise */
	char *zip, *image; /* its first picture (zip path, entry), or NULL */
	char *snippet;     /* text around the first match, in the language that matched */
	struct md_span *marks;
	size_t nmarks;
	char lang[16];     /* the language that matched */
	char pack[128];    /* the pack it is in: the one on show, or another shown today */
};

/* 1 when pack id is shown today (the pack on show when the app lists none). */
static int shown_today(const struct screen_ctx *c, const char *id)
{
	if (!strcmp(id, c->pack->id))
		return 1;
	for (int i = 0; i < c->nactive; i++)
		if (!strcmp(c->active[i], id))
			return 1;
	return 0;
}

/* Where a result leads: its exhibit in the pack on show (ACT_ROUTE), or the pack it
 * is in and its exhibit (ACT_PACK "ID ROUTE"), marked by the rule the search used
 * (composing: a syllable was being typed). Writes the payload into out. */
static int result_target(const struct screen_ctx *c, const struct result *r, const char *query, int composing,
			 char *out, size_t size)
{
	struct route to;
	char text[ROUTE_TEXT_MAX];

	route_make(&to, ROUTE_EXHIBIT, r->slug, 0, query);
	/* a query cut to fit the route no longer ends in the syllable being composed */
	to.composing = composing && to.query[0] && !strcmp(to.query, query);
	route_format(&to, text, sizeof(text));
	if (!strcmp(r->pack, c->pack->id)) {
		snprintf(out, size, "%s", text);
		return ACT_ROUTE;
	}
	snprintf(out, size, "%s %s", r->pack, text);
	return ACT_PACK;
}

/* The payloads of the button that puts the keys away on a short screen, and brings
 * them back (with the field, once they are away): not keys of any layout, whose
 * names have no "+" */
#define KEYS_HIDE "+keys-away"
#define KEYS_SHOW "+keys-back"

struct search_state {
	struct keyboard *kb;
	char query[KEYBOARD_MAX_TEXT + 1]; /* what the results are for */
	char lang[16];                     /* the visitor's language they were found in */
	int composing;                     /* a preedit was part of it */
	struct result *res;
	size_t nres;
	int failed;                        /* the catalog could not be read */
	int keys_away;                     /* the visitor put the keys away (a short screen) */
};

static void results_free(struct search_state *st)
{
	for (size_t i = 0; i < st->nres; i++) {
		struct result *r = &st->res[i];
		free(r->slug);
		free(r->title);
		free(r->section);
		free(r->zip);
		free(r->image);
		free(r->snippet);
		free(r->marks);
	}
	free(st->res);
	st->res = NULL;
	st->nres = 0;
}

/* Search for the keyboard's text and keep what the screen shows of each hit. The
 * catalog is asked for RESULTS_MAX hits: a query with many candidates reads pages
 * until it has as many as asked. When hits of an exhibit in two languages, or of a
 * pack not shown today, leave fewer results than that and there may be more, it is
 * asked again for four times as many (up to RESULTS_ASK_MAX). */
#define RESULTS_ASK_MAX (RESULTS_MAX * 64)
static void run_search(struct search_state *st, struct screen_ctx *c)
{
	struct search_hit *hits = NULL;
	size_t n = 0;
	struct err e = { 0 };
	const char *q = keyboard_query(st->kb);
	int flags = *keyboard_preedit(st->kb) ? CATALOG_SEARCH_COMPOSING : 0, ask = RESULTS_MAX;

	results_free(st);
	snprintf(st->query, sizeof(st->query), "%s", q);
	snprintf(st->lang, sizeof(st->lang), "%s", c->lang);
	st->composing = flags != 0;
	st->failed = 0;
	if (!*q)
		return;
again:
	if (catalog_search(c->cat, q, flags, NULL, ask, &hits, &n, &e) < 0) {
		fprintf(stderr, "kiosk: search: %s\n", e.msg);
		st->failed = 1;
		return;
	}
	st->res = xcalloc(RESULTS_MAX, sizeof(*st->res));
	for (size_t i = 0; i < n && st->nres < RESULTS_MAX; i++) {
		struct search_hit *h = &hits[i];
		struct result *r;
		struct cat_node page, sec;
		int dup = 0;

		if (!shown_today(c, h->pack_id))
			continue;
		/* one result per exhibit, in the rank of its best page */
		for (size_t k = 0; k < st->nres && !dup; k++)
			dup = !strcmp(st->res[k].slug, h->slug) && !strcmp(st->res[k].pack, h->pack_id);
		if (dup)
			continue;
		/* in its rank, but shown in the visitor's language when that page matched too
		 * (34121 finds the Korean page and the English one: a Korean screen shows the
		 * Korean snippet) */
		for (size_t k = i + 1; k < n && strcmp(h->lang, c->lang); k++)
			if (!strcmp(hits[k].lang, c->lang) && !strcmp(hits[k].slug, h->slug) &&
			    !strcmp(hits[k].pack_id, h->pack_id))
				h = &hits[k];
		if (catalog_node(c->cat, h->pack_id, h->slug, c->lang, &page, NULL) <= 0 &&
		    catalog_node(c->cat, h->pack_id, h->slug, h->lang, &page, NULL) <= 0)
			continue;
		r = &st->res[st->nres++];
		r->slug = xstrdup(h->slug);
		snprintf(r->pack, sizeof(r->pack), "%s", h->pack_id);
		r->title = xstrdup(page.title);
		snprintf(r->lang, sizeof(r->lang), "%s", h->lang);
		if (page.image && !page.warned) {
			r->zip = screen_zip_path(c, page.zip);
			r->image = xstrdup(page.image);
		}
		if (catalog_node(c->cat, h->pack_id, page.parent_slug, c->lang, &sec, NULL) > 0) {
			r->section = xstrdup(sec.title);
			cat_node_release(&sec);
		}
		/* the snippet in the language that matched (the title when only it matched) */
		r->snippet = xstrdup(h->offset >= 0 ? h->excerpt : h->title);
		/* marked by the rule the search used: 탋 being typed marks 탈북 */
		r->marks = screen_marked(q, flags, r->snippet, strlen(r->snippet), NULL, 0, &r->nmarks);
		cat_node_release(&page);
	}
	catalog_hits_free(hits, n);
	if (st->nres < RESULTS_MAX && n == (size_t)ask && ask < RESULTS_ASK_MAX) {
		results_free(st);
		hits = NULL;
		n = 0;
		ask *= 4;
		goto again;
	}
}

/* The letters for a query brought back by a route (Back from a result): those of
 * the script of its last letter, Hangul or Latin, so that the visitor goes on
 * typing on the keys the query was typed with; NULL (the interface language's
 * letters) when it has neither. */
static const char *letters_of(const char *q)
{
	size_t n = strlen(q), i = 0;
	const char *lang = NULL;

	while (i < n) {
		int32_t ch = utf8_next(q, n, &i);
		if ((ch >= 0xAC00 && ch <= 0xD7A3) || (ch >= 0x1100 && ch <= 0x11FF) || (ch >= 0x3131 && ch <= 0x318E))
			lang = "ko";
		else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			 (ch >= 0xC0 && ch <= 0x24F && ch != 0xD7 && ch != 0xF7))
			lang = "en";
	}
	return lang;
}

static int search_create(struct screen *self, struct screen_ctx *c, struct err *e)
{
	struct search_state *st = self->state;
	const char *letters;

	if (keyboard_new(&st->kb, NULL, c->lang, e) < 0)
		return -1;
	if (self->route.query[0]) {
		keyboard_set_text(st->kb, self->route.query);
		if ((letters = letters_of(self->route.query)))
			keyboard_set_language(st->kb, letters); /* no such layout: the interface's */
	}
	run_search(st, c);
	return 0;
}

static void search_release(struct screen *self)
{
	struct search_state *st = self->state;

	results_free(st);
	keyboard_free(st->kb);
}

/* The field: what was typed, the syllable being composed underlined after it, or
 * the hint in grey when nothing was typed. Returns its height. */
static int field(struct screen_ctx *c, struct scene *s, const struct search_state *st, int x, int y, int w)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	const char *text = keyboard_text(st->kb), *pre = keyboard_preedit(st->kb);
	int h = m->target + m->gap, pad = m->gap, size = m->h3, lh = text_line_height(c->text, size);
	struct text_style ts = { .size = size, .max_lines = 1 };
	struct rect box = { x, y, w, h };
	int ty = y + (h - lh) / 2;

	scene_rect(s, box, th->surface, 0);
	scene_frame(s, box, th->accent, 2, 0);
	if (!*text && !*pre) {
		scene_text(s, c->text, (struct rect){ x + pad, ty, w - 2 * pad, lh }, str_get(c->lang, STR_SEARCH_HINT),
			   NULL, 0, &ts, th->muted, 0);
		return h;
	}
	{
		/* the end of a long query stays in sight: the field shows its last part */
		char shown[KEYBOARD_MAX_TEXT * 2 + 8];
		int tw = text_width(c->text, text, size, 0), pw = text_width(c->text, pre, size, 0);
		const char *t = text;
		while (*t && tw + pw > w - 2 * pad - size) {
			t++;
			while (((unsigned char)*t & 0xC0) == 0x80)
				t++;
			tw = text_width(c->text, t, size, 0);
		}
		snprintf(shown, sizeof(shown), "%s%s", t, pre);
		scene_text(s, c->text, (struct rect){ x + pad, ty, w - 2 * pad, lh }, shown, NULL, 0, &ts, th->text, 0);
		if (*pre)
			scene_rect(s, (struct rect){ x + pad + tw, ty + lh - 2, pw, 3 }, th->text, 0);
		/* the caret */
		scene_rect(s, (struct rect){ x + pad + tw + pw + 2, ty + lh / 8, 2, lh * 3 / 4 }, th->accent, 0);
	}
	return h;
}

/* r's snippet cut to begin at most a line of tw px (text at size px) before its
 * first match, after "…": at a large text size on a phone, its three lines could
 * end before the match. A new string and *marks (the caller frees both), or NULL
 * when the match is on the first line already. */
static char *snippet_near_match(struct screen_ctx *c, const struct result *r, int size, int tw,
				struct md_span **marks)
{
	const char *s = r->snippet;
	size_t at = r->nmarks ? r->marks[0].start : 0, p, from;
	char *lead;
	int wd;

	if (!at || at > strlen(s))
		return NULL;
	lead = xstrndup(s, at);
	wd = text_width(c->text, lead, size, 0);
	free(lead);
	if (wd <= tw)
		return NULL;
	/* the first word boundary from which "…" and the words up to the match fit */
	for (p = 0; p < at; p++) {
		if (s[p] != ' ')
			continue;
		lead = xasprintf("…%.*s", (int)(at - p - 1), s + p + 1);
		wd = text_width(c->text, lead, size, 0);
		free(lead);
		if (wd <= tw)
			break;
	}
	from = p < at ? p + 1 : at;
	*marks = xmalloc(r->nmarks * sizeof(**marks));
	for (size_t i = 0; i < r->nmarks; i++) {
		(*marks)[i] = r->marks[i];
		(*marks)[i].start = (uint32_t)(r->marks[i].start - from + 3);
		(*marks)[i].end = (uint32_t)(r->marks[i].end - from + 3);
	}
	return xasprintf("…%s", s + from);
}

/* One result: its picture, title, section (and the language it matched in when
 * that is not the interface's), and the snippet with the matches marked. */
static int result_row(struct screen_ctx *c, struct scene *s, const struct search_state *st, const struct result *r,
		      int x, int y, int w)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int pad = m->gap, pic = w >= 700 ? (int)(200 * m->scale) : w / 3, tx = x + pad, tw, ty, h;
	struct text_style title = { .size = m->h3, .bold = 1, .max_lines = 2, .line_height = 1.15f };
	struct text_style meta = { .size = m->small, .max_lines = 3, .line_height = 1.2f };
	struct text_style snip = { .size = m->small, .max_lines = 3, .line_height = 1.3f };
	char *line, *route, *near;
	struct md_span *near_marks = NULL;
	int act;
	size_t at = s->nitems;

	if (pic > 320 * m->scale)
		pic = (int)(320 * m->scale);
	scene_rect(s, (struct rect){ x, y, w, 0 }, th->surface, 1);
	if (r->image) {
		scene_rect(s, (struct rect){ x, y, pic, pic * 9 / 16 }, th->placeholder, 1);
		scene_image(s, (struct rect){ x, y, pic, pic * 9 / 16 }, r->zip, r->image, 400, r->title, 1);
		tx = x + pic + pad;
	}
	tw = x + w - pad - tx;
	ty = y + pad / 2;
	ty += scene_text(s, c->text, (struct rect){ tx, ty, tw, 0 }, r->title, NULL, 0, &title, th->text, 1);
	if (r->section && *r->section)
		ty += scene_text(s, c->text, (struct rect){ tx, ty, tw, 0 }, r->section, NULL, 0, &meta, th->muted, 1);
	if (strcmp(r->lang, c->lang)) {
		/* a line of its own: a long section name does not cut it off */
		line = xasprintf(str_get(c->lang, STR_MATCHED_IN), str_language_name(r->lang));
		ty += scene_text(s, c->text, (struct rect){ tx, ty, tw, 0 }, line, NULL, 0, &meta, th->muted, 1);
		free(line);
	}
	ty += pad / 3;
	near = snippet_near_match(c, r, snip.size, tw, &near_marks);
	ty += scene_text(s, c->text, (struct rect){ tx, ty, tw, 0 }, near ? near : r->snippet,
			 near ? near_marks : r->marks, r->nmarks, &snip, th->text, 1);
	if (near) {
		free(near);
		free(near_marks);
	}
	h = ty + pad / 2 - y;
	if (r->image && h < pic * 9 / 16)
		h = pic * 9 / 16;
	if (h < m->target)
		h = m->target;
	s->items[at].r.h = h;
	scene_frame(s, (struct rect){ x, y, w, h }, th->border, 1, 1);
	route = xmalloc(ROUTE_TEXT_MAX + 160);
	act = result_target(c, r, st->query, st->composing, route, ROUTE_TEXT_MAX + 160);
	scene_hit(s, (struct rect){ x, y, w, h }, act, route, r->title, 1);
	free(route);
	return h;
}

/* The sections as buttons: where to go when nothing matched or nothing was typed. */
static int sections(struct screen_ctx *c, struct scene *s, int x, int y, int w, struct err *e)
{
	const struct metrics *m = c->m;
	struct cat_node home, *secs = NULL;
	size_t n = 0;
	struct text_style hs = { .size = m->h3, .bold = 1 };

	if (catalog_node(c->cat, c->pack->id, "", c->lang, &home, e) <= 0)
		return -1;
	if (catalog_children(c->cat, home.id, c->lang, &secs, &n, e) < 0) {
		cat_node_release(&home);
		return -1;
	}
	y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, str_get(c->lang, STR_SECTIONS), NULL, 0, &hs,
			c->th->text, 1);
	y += m->gap / 2;
	for (size_t i = 0; i < n; i++) {
		char *route = xasprintf("/section/%s", secs[i].slug);
		y += chrome_wide_button(c, s, x, y, w, secs[i].title, ACT_ROUTE, route, 0, 1).h + m->gap / 2;
		free(route);
	}
	cat_nodes_free(secs, n);
	cat_node_release(&home);
	return y;
}

static int search_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct search_state *st = self->state;
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int top = chrome_bar(c, s, ROUTE_SEARCH), kb_h = keyboard_height(st->kb, m, s->w);
	int w = s->w - 2 * m->margin, x = m->margin, y, fh, bottom = s->h - kb_h;
	int col = w > m->column * 3 / 2 ? m->column * 3 / 2 : w, fw, field_h = m->target + m->gap;
	int short_screen = bottom - (top + field_h + m->gap) < 2 * (m->target + m->gap);

	/* the visitor switched language: each result's title, section and snippet are
	 * those of the page in the new language, where the exhibit has one */
	if (strcmp(st->lang, c->lang))
		run_search(st, c);
	x = (s->w - col) / 2;
	fw = col;
	if (short_screen) {
		/* a screen too short for the keys and a result (a phone on its side): a
		 * button beside the field puts the keys away, and brings them back. While
		 * the keys cover every result, it says how many there are to see. */
		char count[128];
		const char *label = str_get(c->lang, st->keys_away ? STR_KEYS_SHOW : STR_KEYS_HIDE);
		if (!st->keys_away && st->nres == 1) {
			label = str_get(c->lang, STR_KEYS_RESULT);
		} else if (!st->keys_away && st->nres > 1) {
			snprintf(count, sizeof(count), str_get(c->lang, STR_KEYS_RESULTS), (int)st->nres);
			label = count;
		}
		int bw = chrome_button_width(c, label);
		fw = col - bw - m->gap;
		chrome_button(c, s, x + fw + m->gap, top + m->gap / 2 + (field_h - m->target) / 2, label, ACT_KEY,
			      st->keys_away ? KEYS_SHOW : KEYS_HIDE, 0, 0);
		if (st->keys_away) {
			kb_h = 0;
			bottom = s->h;
		}
	}
	/* the field stays put over the results; the results scroll between it and the keys */
	fh = field(c, s, st, x, top + m->gap / 2, fw);
	if (short_screen && st->keys_away)
		scene_hit(s, (struct rect){ x, top + m->gap / 2, fw, fh }, ACT_KEY, KEYS_SHOW,
			  str_get(c->lang, STR_KEYS_SHOW), 0);
	s->view = (struct rect){ 0, top + fh + m->gap, s->w, bottom - (top + fh + m->gap) };
	y = s->view.y + m->gap / 2;
	if (st->nres) {
		for (size_t i = 0; i < st->nres; i++)
			y += result_row(c, s, st, &st->res[i], x, y, col) + m->gap / 2;
	} else {
		struct text_style ms = { .size = m->body, .line_height = 1.3f };
		if (st->query[0]) {
			char msg[512];
			snprintf(msg, sizeof(msg), str_get(c->lang, st->failed ? STR_NO_RESULTS : STR_NO_MATCH), st->query);
			y += scene_text(s, c->text, (struct rect){ x, y, col, 0 }, msg, NULL, 0, &ms, th->text, 1);
			y += m->gap;
		}
		y = sections(c, s, x, y, col, e);
		if (y < 0)
			return -1;
	}
	s->content_h = y + m->gap - s->view.y;
	if (!kb_h)
		return 0;
	/* the keys cover the bottom: a surface behind them */
	scene_rect(s, (struct rect){ 0, bottom, s->w, kb_h }, th->surface, 0);
	scene_rect(s, (struct rect){ 0, bottom, s->w, 1 }, th->border, 0);
	keyboard_layout(st->kb, s, c->text, m, th, (struct rect){ 0, bottom, s->w, kb_h }, c->lang);
	return 0;
}

/* The text changed: search again, keep the route's query in step (Back returns
 * to it), build again. */
static void changed(struct screen *self, struct screen_ctx *c, struct screen_reply *r)
{
	struct search_state *st = self->state;

	run_search(st, c);
	route_make(&self->route, ROUTE_SEARCH, NULL, 0, keyboard_query(st->kb));
	self->scroll.pos = 0;
	r->rebuild = 1;
}

static int search_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
			struct screen_reply *r)
{
	struct search_state *st = self->state;

	switch (ev->kind) {
	case SCREEN_TEXT:
		if (keyboard_insert_text(st->kb, ev->text))
			changed(self, c, r);
		return 1;
	case SCREEN_PREEDIT:
		if (keyboard_set_preedit(st->kb, ev->text))
			changed(self, c, r);
		return 1;
	case SCREEN_KEY:
		if (ev->key == KEY_BACKSPACE) {
			/* Backspace on an empty field is Back */
			if (!*keyboard_query(st->kb))
				return 0;
			if (keyboard_key(st->kb, "@backspace"))
				changed(self, c, r);
			return 1;
		}
		if (ev->key == KEY_ENTER && st->nres) {
			r->action = result_target(c, &st->res[0], st->query, st->composing, r->payload, sizeof(r->payload));
			return 1;
		}
		return 0;
	case SCREEN_GESTURE: {
		const struct gesture *g = ev->g;
		const struct scene_hit *h = ev->hit;
		if (g->kind == GESTURE_PRESS && h && h->action == ACT_KEY) {
			/* the key shows it is pressed while the finger is on it */
			if (keyboard_press_visual(st->kb, h->payload))
				r->rebuild = 1;
			return 1;
		}
		/* the keys put away or brought back (a second quick tap is a double tap) */
		if ((g->kind == GESTURE_TAP || g->kind == GESTURE_DOUBLE_TAP) && h && h->action == ACT_KEY &&
		    h->payload && (!strcmp(h->payload, KEYS_HIDE) || !strcmp(h->payload, KEYS_SHOW))) {
			keyboard_release_visual(st->kb);
			st->keys_away = !strcmp(h->payload, KEYS_HIDE);
			self->scroll.pos = 0;
			r->rebuild = 1;
			return 1;
		}
		/* a key tapped twice quickly is two keys (the recogniser calls the second a double tap) */
		if ((g->kind == GESTURE_TAP || g->kind == GESTURE_DOUBLE_TAP) && h && h->action == ACT_KEY) {
			char key[64];
			snprintf(key, sizeof(key), "%s", h->payload ? h->payload : "");
			keyboard_release_visual(st->kb);
			if (keyboard_key(st->kb, key))
				changed(self, c, r);
			else
				r->rebuild = 1;
			return 1;
		}
		if ((g->kind == GESTURE_CANCEL || g->kind == GESTURE_DRAG_START || g->kind == GESTURE_TAP ||
		     g->kind == GESTURE_LONG_PRESS) && keyboard_release_visual(st->kb))
			r->rebuild = 1;
		return 0;
	}
	default:
		return 0;
	}
}

const struct screen_class screen_search_class = {
	.name = "search",
	.state_size = sizeof(struct search_state),
	.create = search_create,
	.build = search_build,
	.input = search_input,
	.release = search_release,
};
