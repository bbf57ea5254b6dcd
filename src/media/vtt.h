/* vtt.h: caption cues of a narration, from a WebVTT file (a subset), and the map
 * between a narration's position and the paragraph being read.
 *
 * No maintained C library for WebVTT is packaged in Debian (only Python's webvtt;
 * libwebm's parser is C++ and not shipped as a library), so this is a small parser
 * of the part of the format a kiosk needs (W3C WebVTT, https://www.w3.org/TR/webvtt1/):
 *   - an optional UTF-8 BOM, then "WEBVTT" alone or followed by a space or tab and
 *     anything; header lines up to the first blank line are ignored;
 *   - blocks separated by blank lines; NOTE, STYLE and REGION blocks are ignored;
 *   - a cue: an optional identifier line (without "-->"), a timing line
 *     "START --> END" followed by optional cue settings (ignored), then one or more
 *     lines of text; times are HH:MM:SS.mmm (hours of 2 to 3 digits) or MM:SS.mmm;
 *   - cue text is plain: tags such as <b> or <v Name> are removed and the entities
 *     &amp; &lt; &gt; &nbsp; &lrm; &rlm; decoded;
 *   - LF, CRLF and CR line endings.
 * Beyond WebVTT, the kiosk's convention (docs/pack-format.md): every cue ends after
 * it starts, starts no earlier than the previous cue ends, and has text. */
#ifndef KIOSK_VTT_H
#define KIOSK_VTT_H

#include <stddef.h>
#include <stdint.h>

struct err;

/* A cue file larger than this is refused (bytes); a narration of an hour with a cue
 * a second takes some 200 KB. */
#define VTT_MAX_BYTES (1u << 20)
/* At most this many cues, and this many bytes of text in one cue. */
#define VTT_MAX_CUES 10000
#define VTT_MAX_TEXT 4096

struct vtt_cue {
	uint32_t start_ms, end_ms; /* end_ms > start_ms */
	char *text;                /* UTF-8, lines joined by '\n', never NULL; owned */
	int line;                  /* 1-based line of the timing line in the file */
};

/* Cues in file order, which is time order. */
struct vtt {
	struct vtt_cue *cues;
	size_t n, cap;
};

/* Parse len bytes of data (need not be NUL-terminated; at most VTT_MAX_BYTES) into
 * v, which the caller zeroes first and frees with vtt_release (on failure too).
 * -1 on the first problem: e says what (ERR_FORMAT, or ERR_REFUSED for a limit) and
 * *line (when not NULL) is its 1-based line, 0 for the whole file. */
int vtt_parse(struct vtt *v, const char *data, size_t len, int *line, struct err *e);
void vtt_release(struct vtt *v);

/* The cue shown at ms (a position in the narration), or -1 in a pause between cues,
 * before the first or after the last. A cue covers [start_ms, end_ms). */
int vtt_cue_at(const struct vtt *v, uint32_t ms);

/* The paragraph being read at ms: the last cue that started at or before ms (so a
 * pause belongs to the paragraph just read), 0 before the first cue, -1 when there
 * are no cues. By the pack's convention cue i narrates the page's text block i. */
int vtt_paragraph_at(const struct vtt *v, uint32_t ms);

/* Where paragraph `index` starts (ms): cue index's start, or the last cue's start
 * when the other language has fewer cues; 0 when v has no cues. */
uint32_t vtt_paragraph_start(const struct vtt *v, size_t index);

/* Switching narration language while it plays: the position in `to` (ms) that
 * continues the paragraph being read at ms in `from`. */
uint32_t vtt_map_position(const struct vtt *from, uint32_t ms, const struct vtt *to);

/* Format ms as "HH:MM:SS.mmm" (or "MM:SS.mmm" when short) into out (>= 16 bytes). */
void vtt_format_time(uint32_t ms, char *out, size_t size);

#endif
