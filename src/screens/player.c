/* player.c: the narration control of an exhibit, its caption band, and the
 * paragraph being read. */
#include "player.h"
#include "catalog/catalog.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "media/audio.h"
#include "pack/tree.h"
#include "pack/zipcheck.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read entry of the pack file zip (an absolute path) into out. */
static int read_entry(const char *zip, const char *entry, struct buf *out, struct err *e)
{
	struct zip_budget budget = ZIP_BUDGET_INSTALLED;
	struct tree t;
	const struct tree_file *f;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	if (tree_open_installed(&t, zip, &budget, e) < 0)
		return -1;
	f = tree_find(&t, entry);
	if (!f)
		fail(e, ERR_NOTFOUND, "%s: no entry '%s'", zip, entry);
	else
		rc = tree_read(&t, f, AUDIO_MAX_BYTES, out, e);
	tree_close(&t);
	return rc;
}

/* The narration of ex in lang: its audio bytes in data and its cues in v. */
static int load(struct screen_ctx *c, const struct cat_node *ex, const char *lang, struct buf *data, struct vtt *v,
		struct err *e)
{
	struct cat_narration n;
	char *zip;
	int rc;

	rc = catalog_narration(c->cat, ex->id, lang, &n, e);
	if (rc <= 0)
		return rc < 0 ? -1 : fail(e, ERR_NOTFOUND, "no narration in %s", lang);
	zip = screen_zip_path(c, ex->zip);
	rc = read_entry(zip, n.audio, data, e);
	if (rc == 0 && n.cues) {
		struct buf cues = BUF_INIT;
		if (read_entry(zip, n.cues, &cues, e) < 0 || vtt_parse(v, cues.data, cues.len, NULL, e) < 0)
			rc = -1;
		buf_release(&cues);
	}
	free(zip);
	cat_narration_release(&n);
	return rc;
}

static void log_error(const char *what, const struct err *e)
{
	fprintf(stderr, "<4>kiosk: narration: %s: %s\n", what, e->msg);
}

/* Start narration in c->lang from the beginning. */
static void listen(struct player *p, struct screen_ctx *c, const struct cat_node *ex)
{
	struct buf data = BUF_INIT;
	struct vtt v;
	struct err e = { 0 };

	memset(&v, 0, sizeof(v));
	if (load(c, ex, c->lang, &data, &v, &e) < 0 || audio_load(p->audio, data.data, data.len, &e) < 0 ||
	    audio_play(p->audio, 0, &e) < 0) {
		log_error(ex->slug, &e);
		vtt_release(&v);
		buf_release(&data);
		return;
	}
	vtt_release(&p->cues);
	p->cues = v;
	p->loaded = 1;
	snprintf(p->lang, sizeof(p->lang), "%s", c->lang);
	buf_release(&data);
}

/* The language changed while narration was loaded: on in the other language at
 * the paragraph being read, or stopped when it has none. */
static void switch_lang(struct player *p, struct screen_ctx *c, const struct cat_node *ex)
{
	struct buf data = BUF_INIT;
	struct vtt v;
	struct err e = { 0 };

	memset(&v, 0, sizeof(v));
	if (!p->has || load(c, ex, c->lang, &data, &v, &e) < 0 ||
	    audio_switch(p->audio, &p->cues, &v, data.data, data.len, &e) < 0) {
		if (p->has)
			log_error(ex->slug, &e);
		audio_stop(p->audio);
		vtt_release(&v);
		vtt_release(&p->cues);
		p->loaded = 0;
		p->lang[0] = 0;
	} else {
		vtt_release(&p->cues);
		p->cues = v;
		snprintf(p->lang, sizeof(p->lang), "%s", c->lang);
	}
	buf_release(&data);
}

static void fmt_time(uint32_t ms, char *out, size_t size)
{
	uint32_t s = ms / 1000;

	snprintf(out, size, "%u:%02u", s / 60, s % 60);
}

int player_layout(struct player *p, struct screen_ctx *c, struct scene *s, const struct cat_node *ex, int bottom)
{
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int playing, y, x, gap = m->gap / 2 > 8 ? m->gap / 2 : 8, row = m->target + m->gap;
	uint32_t pos = 0, dur = 0;
	char t1[16], t2[16], times[40];

	p->audio = c->audio;
	p->has = ex->narrated && c->narration && (!c->audio || audio_available(c->audio));
	p->bar.w = 0;
	if (p->loaded && strcmp(p->lang, c->lang)) {
		int para = p->paragraph;
		switch_lang(p, c, ex);
		if (p->loaded)
			fprintf(stderr, "<6>kiosk: narration: %s goes on in %s at paragraph %d\n", ex->slug, p->lang, para);
	}
	if (!p->has)
		return bottom;
	if (p->loaded && c->audio) {
		p->state = audio_state(c->audio);
		pos = p->seeking ? p->seek_ms : audio_position(c->audio);
		dur = audio_duration(c->audio);
	} else {
		struct cat_narration n;
		p->state = AUDIO_STOPPED;
		if (catalog_narration(c->cat, ex->id, c->lang, &n, NULL) > 0) {
			dur = n.duration_ms;
			cat_narration_release(&n);
		}
	}
	playing = p->loaded && p->state != AUDIO_STOPPED;
	/* the control row: Listen or Pause/Resume, Replay, the bar, the time */
	bottom -= row;
	y = bottom + (row - m->target) / 2;
	x = m->margin / 2;
	scene_rect(s, (struct rect){ 0, bottom, s->w, row }, th->surface, 0);
	scene_rect(s, (struct rect){ 0, bottom, s->w, 1 }, th->border, 0);
	if (!playing)
		x += chrome_button(c, s, x, y, str_get(c->lang, STR_LISTEN), ACT_CLEAR, "listen", 1, 0).w + gap;
	else if (p->state == AUDIO_PLAYING)
		x += chrome_button(c, s, x, y, str_get(c->lang, STR_PAUSE), ACT_CLEAR, "pause", 1, 0).w + gap;
	else
		x += chrome_button(c, s, x, y, str_get(c->lang, STR_LISTEN), ACT_CLEAR, "resume", 1, 0).w + gap;
	if (playing)
		x += chrome_button(c, s, x, y, str_get(c->lang, STR_REPLAY), ACT_CLEAR, "replay", 0, 0).w + gap;
	fmt_time(pos, t1, sizeof(t1));
	fmt_time(dur, t2, sizeof(t2));
	snprintf(times, sizeof(times), "%s / %s", t1, t2);
	{
		struct text_style ts = { .size = m->small, .max_lines = 1, .align = TEXT_RIGHT };
		int tw = text_width(c->text, "00:00 / 00:00", ts.size, 0), lh = text_line_height(c->text, ts.size);
		int bx = x, bw = s->w - m->margin / 2 - tw - gap - bx;
		scene_text(s, c->text, (struct rect){ s->w - m->margin / 2 - tw, bottom + (row - lh) / 2, tw, lh }, times,
			   NULL, 0, &ts, th->muted, 0);
		if (bw >= m->target) {
			/* the bar: drag along it (or tap) to move in the narration */
			int track = 6, ty = bottom + row / 2 - track / 2, done = dur ? (int)((uint64_t)bw * pos / dur) : 0;
			p->bar = (struct rect){ bx, y, bw, m->target };
			scene_rect(s, (struct rect){ bx, ty, bw, track }, th->border, 0);
			scene_rect(s, (struct rect){ bx, ty, done, track }, th->accent, 0);
			scene_rect(s, (struct rect){ bx + done - track, ty - 2 * track, 2 * track, 5 * track }, th->accent, 0);
			scene_hit(s, p->bar, ACT_CLEAR, "seek", str_get(c->lang, STR_LISTEN), 0);
		}
	}
	/* the caption band: the cue being spoken, large, over the page and above the
	 * controls, which so never move */
	if (playing && p->cue >= 0 && (size_t)p->cue < p->cues.n) {
		struct text_style cs = { .size = m->h3, .align = TEXT_CENTER, .max_lines = 3, .line_height = 1.2f };
		struct text_layout probe;
		const char *cue = p->cues.cues[p->cue].text;
		int w = s->w - 2 * m->margin, h;
		text_layout_build(c->text, cue, strlen(cue), NULL, 0, &cs, w, &probe);
		h = probe.height + m->gap;
		text_layout_release(&probe);
		bottom -= h;
		scene_rect(s, (struct rect){ 0, bottom, s->w, h }, th->stage, 0);
		scene_text(s, c->text, (struct rect){ m->margin, bottom + m->gap / 2, w, h - m->gap }, cue, NULL, 0, &cs,
			   th->on_stage, 0);
	}
	return bottom;
}

static uint32_t bar_ms(const struct player *p, float x)
{
	uint32_t dur = p->audio ? audio_duration(p->audio) : 0;
	float f = p->bar.w > 0 ? (x - (float)p->bar.x) / (float)p->bar.w : 0;

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return (uint32_t)(f * (float)dur);
}

int player_input(struct player *p, struct screen_ctx *c, const struct cat_node *ex, const struct screen_event *ev,
		 struct screen_reply *r)
{
	const struct gesture *g = ev->g;
	struct err e = { 0 };

	if (ev->kind != SCREEN_GESTURE || !p->has || !c->audio)
		return 0;
	if (g->kind == GESTURE_DRAG_START && p->bar.w && p->loaded && g->x >= p->bar.x && g->x < p->bar.x + p->bar.w &&
	    g->y >= p->bar.y && g->y < p->bar.y + p->bar.h) {
		p->seeking = 1;
		p->seek_ms = bar_ms(p, g->x);
		r->rebuild = 1;
		return 1;
	}
	if (p->seeking && (g->kind == GESTURE_DRAG || g->kind == GESTURE_DRAG_END || g->kind == GESTURE_CANCEL)) {
		/* DRAG carries dx only: follow the finger from where it started */
		if (g->kind == GESTURE_DRAG && p->bar.w) {
			int64_t ms = (int64_t)p->seek_ms + (int64_t)(g->dx * (float)audio_duration(c->audio) / (float)p->bar.w);
			p->seek_ms = ms < 0 ? 0 : (uint32_t)ms;
		}
		if (g->kind != GESTURE_DRAG) {
			p->seeking = 0;
			if (g->kind != GESTURE_CANCEL && audio_seek(c->audio, p->seek_ms, &e) < 0)
				log_error(ex->slug, &e);
		}
		r->rebuild = 1;
		return 1;
	}
	if (g->kind != GESTURE_TAP || !ev->hit || ev->hit->action != ACT_CLEAR || !ev->hit->payload)
		return 0;
	if (!strcmp(ev->hit->payload, "listen") || !strcmp(ev->hit->payload, "replay")) {
		if (p->loaded && !strcmp(p->lang, c->lang)) {
			if (audio_play(c->audio, 0, &e) < 0)
				log_error(ex->slug, &e);
		} else {
			listen(p, c, ex);
		}
	} else if (!strcmp(ev->hit->payload, "pause")) {
		audio_pause(c->audio);
	} else if (!strcmp(ev->hit->payload, "resume")) {
		audio_resume(c->audio);
	}
	if (!strcmp(ev->hit->payload, "seek") && p->loaded) {
		if (audio_seek(c->audio, bar_ms(p, ev->g->x), &e) < 0)
			log_error(ex->slug, &e);
	} else if (strcmp(ev->hit->payload, "listen") && strcmp(ev->hit->payload, "replay") &&
		   strcmp(ev->hit->payload, "pause") && strcmp(ev->hit->payload, "resume")) {
		return 0;
	}
	snprintf(r->trace, sizeof(r->trace), "narration %s %s %u", ev->hit->payload, p->lang,
		 p->loaded ? audio_position(c->audio) : 0);
	p->shown_s = (uint32_t)-1;
	r->rebuild = 1;
	return 1;
}

int player_tick(struct player *p, struct screen_ctx *c, struct screen_reply *r)
{
	uint32_t pos;
	int state, cue, para;

	if (!p->loaded || !c->audio)
		return -1;
	state = audio_state(c->audio);
	pos = audio_position(c->audio);
	cue = state == AUDIO_STOPPED ? -1 : vtt_cue_at(&p->cues, pos);
	para = state == AUDIO_STOPPED ? -1 : vtt_paragraph_at(&p->cues, pos);
	if (state != p->state || cue != p->cue || para != p->paragraph || pos / 1000 != p->shown_s) {
		p->state = state;
		p->cue = cue;
		p->paragraph = para;
		p->shown_s = pos / 1000;
		r->rebuild = 1;
	}
	return state == AUDIO_PLAYING ? 250 : -1;
}

void player_release(struct player *p)
{
	if (p->loaded && p->audio)
		audio_stop(p->audio);
	vtt_release(&p->cues);
	memset(p, 0, sizeof(*p));
}
