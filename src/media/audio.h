/* audio.h: narration, read from memory (the caller reads it from the pack zip; this
 * module never opens a zip and never writes audio to disk).
 *
 * Two parts:
 *   - audio_check: what lint, build and install ask of a narration file, with no
 *     sound device: the Ogg container (libogg), the codec's headers and a decode of
 *     its first and last 200 ms (libopusfile for Opus, libvorbisfile for Vorbis), and its
 *     duration.
 *   - the player: playback with SDL2_mixer (Mix_LoadMUSType_RW on an
 *     SDL_RWFromConstMem of a copy of the bytes). SDL_mixer plays one music stream
 *     per process, so a program has one player at a time.
 * Times are milliseconds from the start of the narration; volume is a percentage. */
#ifndef KIOSK_AUDIO_H
#define KIOSK_AUDIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct err;

enum audio_codec { AUDIO_NONE, AUDIO_OPUS, AUDIO_VORBIS };

/* A narration file larger than this is refused (bytes): an hour of speech at
 * 24 kbit/s is about 11 MB. */
#define AUDIO_MAX_BYTES (32u << 20)

/* The codec a file name declares: ".opus" is Ogg Opus; ".ogg" is Ogg Opus or Ogg
 * Vorbis (audio_check says which); anything else AUDIO_NONE. For ".ogg" this
 * returns AUDIO_VORBIS, the usual meaning of the extension. */
int audio_type_of(const char *name);

struct audio_info {
	int codec;             /* enum audio_codec, from the stream's first packet */
	uint32_t duration_ms;
	int channels;
	long rate;             /* Hz of the original input (Opus decodes at 48000 Hz) */
};

/* Check that data[0..len) is one Ogg Opus or Ogg Vorbis stream that decodes: every
 * Ogg page present with a good checksum and in sequence, one logical stream from
 * its first page to its last, headers that the codec library accepts, a first and a
 * last 200 ms that decode, and some sound (duration > 0). Fills *info. -1 with one
 * message (ERR_FORMAT damaged or not Ogg, ERR_REFUSED over AUDIO_MAX_BYTES). */
int audio_check(const void *data, size_t len, struct audio_info *info, struct err *e);

const char *audio_codec_name(int codec);

/* The player. */
struct audio;

/* Open the sound device (SDL's audio subsystem and SDL_mixer, 48000 Hz stereo). Never
 * NULL: when narration is disabled (`enabled` 0, from [audio] narration = false) or
 * the device cannot be opened, the player is unavailable, every call below does
 * nothing and reports so, and a kiosk without a sound device runs on. A device that
 * fails is one warning line on `log` (when not NULL). volume_pct is 0-100.
 * Free with audio_close. */
struct audio *audio_open(int enabled, int volume_pct, FILE *log);
void audio_close(struct audio *a);

/* 1 when narration can play: enabled and a device is open. */
int audio_available(const struct audio *a);
/* Why it cannot: "disabled in the config", the device's error, or "" when it can. */
const char *audio_unavailable_reason(const struct audio *a);

/* Load a narration (Ogg Opus or Vorbis) from data[0..len), copied; what was loaded
 * before is stopped and freed. -1: unavailable (ERR_USAGE), or the data does not
 * decode (ERR_FORMAT). The narration stays loaded until the next load or close. */
int audio_load(struct audio *a, const void *data, size_t len, struct err *e);

/* Play the loaded narration from from_ms (0: the start). -1 when nothing is loaded
 * or SDL_mixer refuses. */
int audio_play(struct audio *a, uint32_t from_ms, struct err *e);
void audio_pause(struct audio *a);
void audio_resume(struct audio *a);
/* Move to ms (clamped to the duration), playing or paused as it was. */
int audio_seek(struct audio *a, uint32_t ms, struct err *e);
/* Stop and rewind; the narration stays loaded. */
void audio_stop(struct audio *a);

/* Where playback is (ms), the position SDL_mixer's decoder reached: ahead of the
 * loudspeaker by the device's buffer (2048 frames, 43 ms). 0 when stopped. */
uint32_t audio_position(const struct audio *a);
/* The loaded narration's length (ms), 0 when none. */
uint32_t audio_duration(const struct audio *a);

enum audio_state { AUDIO_STOPPED, AUDIO_PLAYING, AUDIO_PAUSED };
/* Stopped also once the narration has played to its end. */
int audio_state(const struct audio *a);

/* 0-100, applied at once. */
void audio_set_volume(struct audio *a, int volume_pct);

/* Switch the narration to another language where it is: load data[0..len) (the
 * other language's narration) and go on at the start of the paragraph being read,
 * mapped through the cues of both (vtt_map_position). Playing stays playing, paused
 * stays paused (at that point), stopped loads only. -1 as audio_load; what played
 * before is then unloaded. */
struct vtt;
int audio_switch(struct audio *a, const struct vtt *from, const struct vtt *to, const void *data, size_t len,
		 struct err *e);

#endif
