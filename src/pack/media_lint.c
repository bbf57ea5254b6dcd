/* media_lint.c: narration and caption cues, content warnings and withdrawals, as
 * media_lint.h describes. Audio and cues are read from the tree and handed to
 * media/ as bytes. */
#include "media_lint.h"
#include "pack.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "media/audio.h"
#include "media/vtt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A cue may end this long after the narration's last sample (ms): one Opus frame,
 * for timings rounded to the millisecond or measured on the uncompressed audio. */
#define CUE_END_SLACK_MS 20

static void add_used(struct pack *p, const char *path)
{
	p->used = xgrow(p->used, &p->used_cap, p->nused + 1, sizeof(*p->used));
	p->used[p->nused++] = xstrdup(path);
}

static char *in_dir(const char *dir, const char *lang, const char *ext)
{
	return *dir ? xasprintf("%s/%s.%s", dir, lang, ext) : xasprintf("%s.%s", lang, ext);
}

void pack_take_warning(struct pack_page *pg, const char *shown, struct diag_list *diags)
{
	char *s = pg->text, *end, *a, *b;

	if (!s || strncasecmp(s, "warning:", 8))
		return;
	end = strchr(s, '\n');
	if (!end)
		end = s + pg->len;
	a = s + 8;
	b = end;
	while (a < b && (*a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	if (a == b)
		diag_add(diags, DIAG_ERROR, shown, 1,
			 "the content warning is empty: write 'warning: what the visitor should know first'");
	else
		pg->warning = xstrndup(a, (size_t)(b - a));
	/* keep the line, empty, so that every later line keeps its number */
	memmove(s, end, pg->len - (size_t)(end - s) + 1);
	pg->len -= (size_t)(end - s);
}

void pack_find_narration(struct pack *p, struct tree *t, size_t idx, struct diag_list *diags)
{
	struct pack_node *n = &p->nodes[idx];
	size_t narrated = 0, warned = 0, present = 0, first_warned = 0;
	char *dshown = n->dir[0] ? tree_display(t, n->dir) : xstrdup(t->origin);

	if (!n->cues)
		n->cues = xcalloc(p->nlangs ? p->nlangs : 1, sizeof(*n->cues));
	if (!n->audio_ms)
		n->audio_ms = xcalloc(p->nlangs ? p->nlangs : 1, sizeof(*n->audio_ms));
	for (size_t li = 0; li < p->nlangs; li++) {
		const char *lang = p->langs[li];
		char *opus = in_dir(n->dir, lang, "opus"), *ogg = in_dir(n->dir, lang, "ogg");
		char *vtt = in_dir(n->dir, lang, "vtt");
		int has_opus = tree_find(t, opus) != NULL, has_ogg = tree_find(t, ogg) != NULL;

		if (has_opus && has_ogg)
			diag_add(diags, DIAG_ERROR, dshown, 0,
				 "both %s.opus and %s.ogg: keep one narration per language", lang, lang);
		if (has_opus || has_ogg) {
			free(n->audio[li]);
			n->audio[li] = xstrdup(has_opus ? opus : ogg);
			add_used(p, n->audio[li]);
			narrated++;
		}
		if (tree_find(t, vtt)) {
			add_used(p, vtt);
			if (n->audio[li])
				n->cues[li] = xstrdup(vtt);
			else
				diag_add(diags, DIAG_ERROR, dshown, 0,
					 "caption cues %s.vtt without narration (%s.opus or %s.ogg)", lang, lang, lang);
		} else if (n->audio[li]) {
			diag_add(diags, DIAG_ERROR, dshown, 0,
				 "narration %s.%s has no caption cues %s.vtt (one cue per paragraph)", lang,
				 has_opus ? "opus" : "ogg", lang);
		}
		if (n->pages[li].present) {
			present++;
			if (n->pages[li].warning && !warned++)
				first_warned = li;
		}
		free(opus);
		free(ogg);
		free(vtt);
	}
	if (narrated && narrated < p->nlangs) {
		struct buf with = BUF_INIT, without = BUF_INIT;
		for (size_t li = 0; li < p->nlangs; li++) {
			struct buf *b = n->audio[li] ? &with : &without;
			buf_addf(b, "%s%s", b->len ? ", " : "", p->langs[li]);
		}
		diag_add(diags, DIAG_WARNING, dshown, 0, "narration in %s but not in %s", with.data, without.data);
		buf_release(&with);
		buf_release(&without);
	}
	if (warned && warned < present) {
		for (size_t li = 0; li < p->nlangs; li++) {
			char *shown;
			if (!n->pages[li].present || n->pages[li].warning)
				continue;
			shown = tree_display(t, n->pages[li].file);
			diag_add(diags, DIAG_ERROR, shown, 1,
				 "missing translation: %s.md has a content warning and this page has none "
				 "(a 'warning:' first line in every language or in none)", p->langs[first_warned]);
			free(shown);
		}
	}
	free(dshown);
}

static int valid_slug(const char *s, size_t n)
{
	if (!n || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-'))
			return 0;
	return 1;
}

static int withdraw_line(const char *text)
{
	int line = 1;

	for (const char *s = text; s && *s; line++) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!strncmp(s, "withdraw", 8) && (s[8] == ' ' || s[8] == '=' || s[8] == '\t'))
			return line;
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pack_read_withdraw(struct pack *p, const char *shown, struct diag_list *diags)
{
	char *copy, *tok, *save = NULL;
	size_t cap = 0;
	int line;

	if (!p->withdraw_raw)
		return;
	line = withdraw_line(p->ini_text);
	copy = xstrdup(p->withdraw_raw);
	for (tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		const char *slash = strchr(tok, '/');
		if (!slash || !valid_slug(tok, (size_t)(slash - tok)) || !valid_slug(slash + 1, strlen(slash + 1))) {
			diag_add(diags, DIAG_ERROR, shown, line,
				 "withdraw: '%s' must be pack-id/exhibit-slug (lowercase letters, digits and '-')", tok);
			continue;
		}
		if (p->id && strlen(p->id) == (size_t)(slash - tok) && !strncmp(p->id, tok, (size_t)(slash - tok))) {
			diag_add(diags, DIAG_ERROR, shown, line,
				 "withdraw: '%s' is in this pack; remove its folder instead", tok);
			continue;
		}
		p->withdraw = xgrow(p->withdraw, &cap, p->nwithdraw + 1, sizeof(*p->withdraw));
		p->withdraw[p->nwithdraw++] = xstrdup(tok);
	}
	free(copy);
	if (p->nwithdraw > 1)
		qsort(p->withdraw, p->nwithdraw, sizeof(*p->withdraw), cmp_str);
	for (size_t i = 1; i < p->nwithdraw; i++)
		if (!strcmp(p->withdraw[i], p->withdraw[i - 1]))
			diag_add(diags, DIAG_WARNING, shown, line, "withdraw: '%s' is listed twice", p->withdraw[i]);
	if (p->withdraw_raw && !p->nwithdraw && !diags->errors)
		diag_add(diags, DIAG_ERROR, shown, line, "withdraw: names no exhibit");
}

/* Read one file of the tree, at most max bytes; 1 read, 0 refused (reported), -1
 * the folder cannot be read. */
static int read_file(struct tree *t, const char *path, uint64_t max, struct buf *out, const char *what,
		     struct diag_list *diags, struct err *e)
{
	const struct tree_file *f = tree_find(t, path);
	char *shown = tree_display(t, path);
	struct err ie = { 0 };
	int rc = 1;

	if (f->size > max) {
		diag_add(diags, DIAG_ERROR, shown, 0, "%s is %llu bytes, over the limit of %llu MB", what,
			 (unsigned long long)f->size, (unsigned long long)(max >> 20));
		rc = 0;
	} else if (tree_read(t, f, max, out, &ie) < 0) {
		if (ie.code == ERR_IO && !t->is_zip) {
			*e = ie;
			rc = -1;
		} else {
			diag_add(diags, DIAG_ERROR, shown, 0, "%s", ie.msg);
			rc = 0;
		}
	}
	free(shown);
	return rc;
}

static int check_one(struct pack *p, struct tree *t, struct pack_node *n, size_t li,
		     struct diag_list *diags, struct err *e)
{
	struct buf data = BUF_INIT;
	struct audio_info info;
	struct vtt cues = { 0 };
	struct err ie = { 0 };
	char *shown = tree_display(t, n->audio[li]), *cshown = NULL;
	char dur[32], at[32];
	size_t abytes;
	int rc, line = 0;

	rc = read_file(t, n->audio[li], AUDIO_MAX_BYTES, &data, "narration", diags, e);
	if (rc <= 0)
		goto out;
	if (audio_check(data.data, data.len, &info, &ie) < 0) {
		diag_add(diags, DIAG_ERROR, shown, 0, "narration does not decode: %s", ie.msg);
		goto out;
	}
	if (audio_type_of(n->audio[li]) == AUDIO_OPUS && info.codec != AUDIO_OPUS) {
		diag_add(diags, DIAG_ERROR, shown, 0, "narration is Ogg %s, not Opus: name it %s.ogg",
			 audio_codec_name(info.codec), p->langs[li]);
		goto out;
	}
	n->audio_ms[li] = info.duration_ms;
	abytes = data.len;
	vtt_format_time(info.duration_ms, dur, sizeof(dur));
	if (!n->cues[li]) {
		diag_add(diags, DIAG_INFO, shown, 0, "narration %s (%s, %zu KB)", dur,
			 audio_codec_name(info.codec), (abytes + 1023) / 1024);
		goto out;
	}
	buf_reset(&data);
	cshown = tree_display(t, n->cues[li]);
	rc = read_file(t, n->cues[li], VTT_MAX_BYTES, &data, "the cue file", diags, e);
	if (rc <= 0)
		goto out;
	if (vtt_parse(&cues, data.data, data.len, &line, &ie) < 0) {
		diag_add(diags, DIAG_ERROR, cshown, line, "%s", ie.msg);
		goto out;
	}
	diag_add(diags, DIAG_INFO, shown, 0, "narration %s (%s, %zu KB), %zu cues", dur,
		 audio_codec_name(info.codec), (abytes + 1023) / 1024, cues.n);
	for (size_t i = 0; i < cues.n; i++) {
		if (cues.cues[i].end_ms <= info.duration_ms + CUE_END_SLACK_MS)
			continue;
		vtt_format_time(cues.cues[i].end_ms, at, sizeof(at));
		diag_add(diags, DIAG_ERROR, cshown, cues.cues[i].line,
			 "the cue ends at %s, after the end of the narration at %s", at, dur);
		break;
	}
	if (n->pages[li].present && cues.n != n->pages[li].text_blocks) {
		char *pshown = tree_display(t, n->pages[li].file);
		diag_add(diags, DIAG_WARNING, cshown, 0,
			 "%zu cues for the %zu paragraphs of %s: the paragraph marked while it plays will be wrong "
			 "(one cue per title, heading, paragraph and list item, in order)",
			 cues.n, n->pages[li].text_blocks, pshown);
		free(pshown);
	}
out:
	vtt_release(&cues);
	buf_release(&data);
	free(shown);
	free(cshown);
	return rc < 0 ? -1 : 0;
}

int pack_check_narration(struct pack *p, struct tree *t, struct diag_list *diags, struct err *e)
{
	for (size_t i = 0; i < p->nnodes; i++)
		for (size_t li = 0; li < p->nlangs; li++)
			if (p->nodes[i].audio && p->nodes[i].audio[li] && p->nodes[i].cues &&
			    check_one(p, t, &p->nodes[i], li, diags, e) < 0)
				return -1;
	return 0;
}

void pack_release_media(struct pack *p)
{
	for (size_t i = 0; i < p->nnodes; i++) {
		struct pack_node *n = &p->nodes[i];
		for (size_t l = 0; n->cues && l < p->nlangs; l++)
			free(n->cues[l]);
		free(n->cues);
		free(n->audio_ms);
		for (size_t l = 0; n->pages && l < p->nlangs; l++)
			free(n->pages[l].warning);
	}
	for (size_t i = 0; i < p->nwithdraw; i++)
		free(p->withdraw[i]);
	free(p->withdraw);
	free(p->withdraw_raw);
}
