/* fuzz_vtt.c: the caption cue parser (media/vtt.h) on hostile bytes. Refusals are
 * expected and must name a line; parsed cues must keep the promises of vtt.h (in
 * time order, each ending after it starts, with valid UTF-8 text); the position
 * lookups must stay inside the cues. A crash, a leak or a broken promise is a bug. */
#include "core/err.h"
#include "core/utf8.h"
#include "media/vtt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_lookups(const struct vtt *v, uint32_t ms)
{
	int c = vtt_cue_at(v, ms), p = vtt_paragraph_at(v, ms);
	uint32_t to = vtt_map_position(v, ms, v);

	if (c < -1 || c >= (int)v->n || p < -1 || p >= (int)v->n || (v->n && p < 0))
		abort();
	if (c >= 0 && (ms < v->cues[c].start_ms || ms >= v->cues[c].end_ms))
		abort();
	if (c >= 0 && p != c)
		abort(); /* the paragraph being read is the cue shown, when one is */
	if (v->n && to != v->cues[p].start_ms)
		abort(); /* mapping a position onto its own cues lands on its paragraph's start */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vtt v;
	struct err e = { 0 };
	int line = -1;

	if (size > VTT_MAX_BYTES)
		return 0;
	memset(&v, 0, sizeof(v));
	if (vtt_parse(&v, (const char *)data, size, &line, &e) < 0) {
		if (!e.msg[0] || line < 0)
			abort();
	} else {
		for (size_t i = 0; i < v.n; i++) {
			const struct vtt_cue *c = &v.cues[i];
			if (c->end_ms <= c->start_ms || (i && c->start_ms < v.cues[i - 1].end_ms))
				abort();
			if (!c->text || !c->text[0] || !utf8_valid(c->text, strlen(c->text), NULL) ||
			    c->line < 2 || strlen(c->text) > VTT_MAX_TEXT)
				abort();
			check_lookups(&v, c->start_ms);
			check_lookups(&v, c->end_ms);
			check_lookups(&v, c->end_ms - 1);
		}
		check_lookups(&v, 0);
		check_lookups(&v, UINT32_MAX);
		if (size >= 4) {
			uint32_t ms;
			memcpy(&ms, data + size - 4, 4);
			check_lookups(&v, ms);
		}
	}
	vtt_release(&v);
	return 0;
}
