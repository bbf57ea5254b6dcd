/* audio.c: the narration player on SDL2_mixer, the only file that includes
 * SDL_mixer.h. SDL_mixer has one music stream per process; the player owns it.
 *
 * SDL2_mixer is loaded when the player opens (after the first frame), not linked:
 * Debian's build of it brings in a dozen libraries of its own (FluidSynth, GLib,
 * PulseAudio, JACK, libsndfile, mpg123...), 12 of the kiosk's 99. Loading them
 * costs 4 ms of CPU (13.2 ms for every library, 9.0 without these: `perf stat` of
 * an empty program linked against each set), which the path to the first frame no
 * longer pays. */
#include "audio.h"
#include "core/dynlib.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "vtt.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AUDIO_RATE 48000   /* Opus decodes at 48 kHz: no resampling for Opus */
#define AUDIO_FRAMES 2048  /* device buffer: 43 ms at 48 kHz */

/* the library's file name (its soname), and what the player calls in it:
 * MusicDuration and GetMusicPosition are SDL_mixer 2.6's */
#define MIX_SONAME "libSDL2_mixer-2.0.so.0"
#define MIX_FUNCS(X) X(Init) X(Quit) X(OpenAudioDevice) X(CloseAudio) X(VolumeMusic) X(HaltMusic) \
	X(FreeMusic) X(LoadMUSType_RW) X(MusicDuration) X(FadeInMusicPos) X(GetMusicPosition) X(PauseMusic) \
	X(PausedMusic) X(PlayingMusic) X(ResumeMusic) X(SetMusicPosition)

static struct mix_funcs {
#define MIX_PTR(f) __typeof__(Mix_##f) *f;
	MIX_FUNCS(MIX_PTR)
#undef MIX_PTR
} mix;
#define MIX_SYM(f) { #f, offsetof(struct mix_funcs, f) },
static const struct dynlib_sym mix_syms[] = { MIX_FUNCS(MIX_SYM) };
#undef MIX_SYM
static struct dynlib mix_lib = DYNLIB_INIT(MIX_SONAME, "SDL_mixer", "Mix_", mix_syms, &mix,
					   "SDL_mixer 2.6 or later is needed");

struct audio {
	int available;
	char reason[256];
	int volume_pct;
	Mix_Music *music;
	void *data;          /* the bytes SDL_RWFromConstMem reads while music plays */
	size_t len;
	uint32_t duration_ms;
	int started;         /* play was asked since the last load or stop */
};

static int mix_volume(int pct)
{
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	return (pct * MIX_MAX_VOLUME + 50) / 100;
}

struct audio *audio_open(int enabled, int volume_pct, FILE *log)
{
	struct audio *a = xcalloc(1, sizeof(*a));
	struct err e;

	a->volume_pct = volume_pct;
	if (!enabled) {
		snprintf(a->reason, sizeof(a->reason), "disabled in the config ([audio] narration = false)");
		return a;
	}
	if (dynlib_load(&mix_lib, &e) < 0) {
		snprintf(a->reason, sizeof(a->reason), "%.255s", e.msg);
	} else if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
		snprintf(a->reason, sizeof(a->reason), "no sound: %s", SDL_GetError());
	} else if ((mix.Init(MIX_INIT_OPUS | MIX_INIT_OGG) & (MIX_INIT_OPUS | MIX_INIT_OGG)) !=
		   (MIX_INIT_OPUS | MIX_INIT_OGG)) {
		snprintf(a->reason, sizeof(a->reason), "SDL_mixer cannot decode Opus and Vorbis: %s",
			 Mix_GetError());
		mix.Quit();
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	} else if (mix.OpenAudioDevice(AUDIO_RATE, AUDIO_S16SYS, 2, AUDIO_FRAMES, NULL, 0) < 0) {
		snprintf(a->reason, sizeof(a->reason), "no sound device: %s", Mix_GetError());
		mix.Quit();
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	} else {
		a->available = 1;
		mix.VolumeMusic(mix_volume(volume_pct));
	}
	if (!a->available && log)
		fprintf(log, "kiosk: warning: narration is unavailable: %s\n", a->reason);
	return a;
}

static void unload(struct audio *a)
{
	if (a->music) {
		mix.HaltMusic();
		mix.FreeMusic(a->music);
		a->music = NULL;
	}
	free(a->data);
	a->data = NULL;
	a->len = 0;
	a->duration_ms = 0;
	a->started = 0;
}

void audio_close(struct audio *a)
{
	if (!a)
		return;
	unload(a);
	if (a->available) {
		mix.CloseAudio();
		mix.Quit();
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	free(a);
}

int audio_available(const struct audio *a)
{
	return a && a->available;
}

const char *audio_unavailable_reason(const struct audio *a)
{
	return a->available ? "" : a->reason;
}

int audio_load(struct audio *a, const void *data, size_t len, struct err *e)
{
	SDL_RWops *rw;
	double secs;

	if (!a->available)
		return fail(e, ERR_USAGE, "narration is unavailable: %s", a->reason);
	unload(a);
	if (!len || len > AUDIO_MAX_BYTES)
		return fail(e, ERR_FORMAT, "narration of %zu bytes cannot be played", len);
	a->data = malloc(len);
	if (!a->data)
		return fail(e, ERR_NOMEM, "out of memory for %zu bytes of narration", len);
	memcpy(a->data, data, len);
	a->len = len;
	rw = SDL_RWFromConstMem(a->data, (int)len);
	/* the type from the bytes: MUS_OPUS for an OpusHead, MUS_OGG for Vorbis */
	a->music = rw ? mix.LoadMUSType_RW(rw, MUS_NONE, 1) : NULL;
	if (!a->music) {
		fail(e, ERR_FORMAT, "narration does not decode: %s", Mix_GetError());
		unload(a);
		return -1;
	}
	secs = mix.MusicDuration(a->music);
	a->duration_ms = secs > 0 ? (uint32_t)(secs * 1000.0 + 0.5) : 0;
	return 0;
}

int audio_play(struct audio *a, uint32_t from_ms, struct err *e)
{
	if (!a->available || !a->music)
		return fail(e, ERR_USAGE, "no narration is loaded");
	if (from_ms > a->duration_ms)
		from_ms = a->duration_ms;
	if (mix.FadeInMusicPos(a->music, 0, 0, from_ms / 1000.0) < 0)
		return fail(e, ERR_IO, "narration cannot play: %s", Mix_GetError());
	a->started = 1;
	return 0;
}

void audio_pause(struct audio *a)
{
	if (a->available && a->started)
		mix.PauseMusic();
}

void audio_resume(struct audio *a)
{
	if (a->available && a->started)
		mix.ResumeMusic();
}

int audio_seek(struct audio *a, uint32_t ms, struct err *e)
{
	int paused;

	if (!a->available || !a->music)
		return fail(e, ERR_USAGE, "no narration is loaded");
	if (ms > a->duration_ms)
		ms = a->duration_ms;
	if (!a->started || !mix.PlayingMusic()) {
		/* stopped or finished: start there, paused, so that play goes on from it */
		if (audio_play(a, ms, e) < 0)
			return -1;
		mix.PauseMusic();
		return 0;
	}
	paused = mix.PausedMusic();
	if (mix.SetMusicPosition(ms / 1000.0) < 0)
		return fail(e, ERR_IO, "narration cannot seek to %u ms: %s", ms, Mix_GetError());
	if (paused)
		mix.PauseMusic();
	return 0;
}

void audio_stop(struct audio *a)
{
	if (a->available && a->music)
		mix.HaltMusic();
	a->started = 0;
}

uint32_t audio_position(const struct audio *a)
{
	double secs;

	if (!a->available || !a->music || !a->started)
		return 0;
	if (!mix.PlayingMusic())
		return 0;
	secs = mix.GetMusicPosition(a->music);
	if (secs <= 0)
		return 0;
	return secs * 1000.0 >= a->duration_ms ? a->duration_ms : (uint32_t)(secs * 1000.0);
}

uint32_t audio_duration(const struct audio *a)
{
	return a->duration_ms;
}

int audio_state(const struct audio *a)
{
	if (!a->available || !a->music || !a->started || !mix.PlayingMusic())
		return AUDIO_STOPPED;
	return mix.PausedMusic() ? AUDIO_PAUSED : AUDIO_PLAYING;
}

void audio_set_volume(struct audio *a, int volume_pct)
{
	a->volume_pct = volume_pct;
	if (a->available)
		mix.VolumeMusic(mix_volume(volume_pct));
}

int audio_switch(struct audio *a, const struct vtt *from, const struct vtt *to, const void *data, size_t len,
		 struct err *e)
{
	int state = audio_state(a);
	uint32_t at = state == AUDIO_STOPPED ? 0 : vtt_map_position(from, audio_position(a), to);

	if (audio_load(a, data, len, e) < 0)
		return -1;
	if (state == AUDIO_PLAYING)
		return audio_play(a, at, e);
	if (state == AUDIO_PAUSED)
		return audio_seek(a, at, e);
	return 0;
}
