/* player.h: the narration control of an exhibit (Listen, Pause, Replay, a bar to
 * seek by dragging, elapsed and total time), the caption band with the cue being
 * spoken, and which paragraph is being read. It lives in the exhibit screen's
 * state; the sound itself is the app's one player (media/audio.h, SDL2_mixer),
 * fed with the narration read from the pack zip into memory, never extracted.
 * Times are ms from the start of the narration. */
#ifndef KIOSK_PLAYER_H
#define KIOSK_PLAYER_H

#include <stdint.h>

#include "media/vtt.h"
#include "screen.h"

struct cat_node;

struct player {
	char lang[16];        /* the language of what is loaded ("" none) */
	int has;              /* the exhibit has narration in the interface's language */
	struct vtt cues;      /* of lang; owned */
	int loaded;           /* its audio is in the app's player */
	int cue;              /* the cue shown (-1 none) */
	int paragraph;        /* the page block being read: 0 the title, k the k-th text block */
	uint32_t shown_s;     /* the second the time shows */
	int state;            /* enum audio_state as last seen */
	struct rect bar;      /* the seek bar, in scene coordinates (w 0: none) */
	int seeking;          /* a finger drags along the bar */
	uint32_t seek_ms;
	struct audio *audio;  /* the app's player, borrowed (NULL in a shot) */
};

/* Lay out the player for exhibit ex (its narration in c->lang, if any) above the
 * y `bottom` (px, fixed layer): the caption band while narration plays, then the
 * control row. Switches the narration to c->lang at the paragraph being read when
 * the language changed while it played. Returns the new bottom (== bottom when the
 * exhibit has no narration, or narration cannot play). */
int player_layout(struct player *p, struct screen_ctx *c, struct scene *s, const struct cat_node *ex, int bottom);

/* A touch on the player's targets (ACT_CLEAR with payload "listen", "pause",
 * "resume", "replay") or a drag along its bar; 1 when it was the player's, with
 * r->rebuild set when the screen must be built again. */
int player_input(struct player *p, struct screen_ctx *c, const struct cat_node *ex, const struct screen_event *ev,
		 struct screen_reply *r);

/* While narration plays: r->rebuild when the cue or the shown second changed;
 * returns ms until the next tick, -1 when nothing plays. */
int player_tick(struct player *p, struct screen_ctx *c, struct screen_reply *r);

/* Stop the narration (the visitor leaves the exhibit) and free the cues. */
void player_release(struct player *p);

#endif
