/* test_audio.c: narration checks (media/audio.h audio_check) on good, damaged and
 * foreign files, and playback through SDL's `disk` audio driver, which writes the
 * samples the device would play to a file: they must not be silence and must last
 * as long as the narration. tests/fixtures/audio/speech.* is one sentence spoken by
 * espeak-ng (2.471 s; the last 0.36 s are near silence). */
#include "test.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "media/audio.h"
#include "media/vtt.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define SPEECH_MS 2471
#define RATE 48000

static const char *top, *build;

static void load(const char *name, struct buf *b)
{
	char *path = xasprintf("%s/tests/fixtures/audio/%s", top, name);
	struct err e;

	buf_reset(b);
	if (fs_read_file(path, 1 << 20, b, &e) < 0)
		printf("# %s\n", e.msg);
	free(path);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void test_check(void)
{
	struct buf b = BUF_INIT;
	struct audio_info info;
	struct err e = { 0 };
	int rc;

	load("speech.opus", &b);
	rc = audio_check(b.data, b.len, &info, &e);
	CHECK(rc == 0 && info.codec == AUDIO_OPUS, "Ogg Opus is checked as Opus: %s", e.msg);
	CHECK(info.duration_ms >= SPEECH_MS - 5 && info.duration_ms <= SPEECH_MS + 5,
	      "Opus duration %u ms (want %d)", info.duration_ms, SPEECH_MS);
	CHECK(info.channels == 1 && info.rate == 22050, "Opus: %d channel at %ld Hz input", info.channels, info.rate);

	/* one byte changed in the middle: the page's checksum no longer matches */
	b.data[b.len / 2] ^= 0x55;
	CHECK(audio_check(b.data, b.len, &info, &e) < 0 && strstr(e.msg, "damaged"),
	      "a changed byte is found: %s", e.msg);
	b.data[b.len / 2] ^= 0x55;
	CHECK(audio_check(b.data, b.len - 100, &info, &e) < 0 && strstr(e.msg, "truncated"),
	      "a cut file is found: %s", e.msg);
	CHECK(audio_check(b.data, 30, &info, &e) < 0, "30 bytes: %s", e.msg);
	CHECK(audio_check("RIFF....WAVEfmt ", 16, &info, &e) < 0 && strstr(e.msg, "not an Ogg file"),
	      "a WAV file is not Ogg: %s", e.msg);
	CHECK(audio_check("", 0, &info, &e) < 0 && strstr(e.msg, "not an Ogg file"), "an empty file: %s", e.msg);

	load("speech.ogg", &b);
	memset(&e, 0, sizeof(e));
	rc = audio_check(b.data, b.len, &info, &e);
	CHECK(rc == 0 && info.codec == AUDIO_VORBIS, "Ogg Vorbis is checked as Vorbis: %s", e.msg);
	CHECK(info.duration_ms >= SPEECH_MS - 5 && info.duration_ms <= SPEECH_MS + 5,
	      "Vorbis duration %u ms (want %d)", info.duration_ms, SPEECH_MS);
	CHECK(audio_type_of("01-x/ko.opus") == AUDIO_OPUS && audio_type_of("en.OGG") == AUDIO_VORBIS &&
	      audio_type_of("en.mp3") == AUDIO_NONE && audio_type_of("opus") == AUDIO_NONE,
	      "file names: .opus and .ogg, nothing else");
	buf_release(&b);
}

static void test_unavailable(void)
{
	struct audio *a;
	struct err e = { 0 };
	FILE *log = tmpfile();
	char line[512] = "";

	a = audio_open(0, 80, log);
	CHECK(!audio_available(a) && strstr(audio_unavailable_reason(a), "narration = false"),
	      "narration off in the config: unavailable (%s)", audio_unavailable_reason(a));
	CHECK(audio_load(a, "x", 1, &e) < 0 && e.code == ERR_USAGE, "load on an unavailable player: %s", e.msg);
	CHECK(audio_state(a) == AUDIO_STOPPED && audio_position(a) == 0 && audio_duration(a) == 0,
	      "an unavailable player is stopped at 0");
	audio_pause(a);
	audio_resume(a);
	audio_stop(a);
	audio_close(a);
	CHECK(ftell(log) == 0, "turning narration off is not a warning");

	setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
	a = audio_open(1, 80, log);
	CHECK(!audio_available(a), "no sound device: unavailable (%s)", audio_unavailable_reason(a));
	rewind(log);
	if (!fgets(line, sizeof(line), log))
		line[0] = 0;
	CHECK(strstr(line, "kiosk: warning: narration is unavailable") != NULL, "one warning line: %s", line);
	audio_close(a);
	fclose(log);
}

/* The frames the disk driver wrote (S16 stereo at 48 kHz): the first and last
 * above 0.5 % of full scale, and the RMS between them. */
static void analyse(const struct buf *raw, long *first, long *last, double *rms)
{
	const int16_t *s = (const int16_t *)raw->data;
	size_t frames = raw->len / 4;
	double sum = 0;

	*first = *last = -1;
	for (size_t i = 0; i < frames; i++) {
		int l = abs(s[2 * i]), r = abs(s[2 * i + 1]);
		if (l > 164 || r > 164) {
			if (*first < 0)
				*first = (long)i;
			*last = (long)i;
		}
	}
	for (long i = *first; *first >= 0 && i <= *last; i++)
		sum += (double)s[2 * i] * s[2 * i];
	*rms = *first >= 0 ? __builtin_sqrt(sum / (double)(*last - *first + 1)) : 0;
}

static void test_disk(void)
{
	char *out = xasprintf("%s/tests/narration-disk.raw", build);
	struct buf b = BUF_INIT, raw = BUF_INIT;
	struct err e = { 0 };
	struct audio *a;
	long first, last;
	double rms;
	uint32_t p1 = 0, p2;
	int waited = 0, moved = 0;

	unlink(out);
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", out, 1);
	setenv("SDL_DISKAUDIODELAY", "2", 1); /* a buffer of 43 ms every 2 ms: 20 times real time */
	a = audio_open(1, 100, stderr);
	CHECK(audio_available(a), "the disk driver is a sound device: %s", audio_unavailable_reason(a));
	load("speech.opus", &b);
	CHECK(audio_load(a, b.data, b.len, &e) == 0, "narration loads from memory: %s", e.msg);
	CHECK(audio_duration(a) >= SPEECH_MS - 5 && audio_duration(a) <= SPEECH_MS + 5,
	      "SDL_mixer's duration %u ms", audio_duration(a));
	CHECK(audio_state(a) == AUDIO_STOPPED, "loaded, not yet playing");
	CHECK(audio_play(a, 0, &e) == 0 && audio_state(a) == AUDIO_PLAYING, "plays: %s", e.msg);
	while (audio_state(a) == AUDIO_PLAYING && waited < 10000) {
		p2 = audio_position(a);
		moved += p2 > p1;
		if (p2 < p1 && p2 != 0)
			printf("# position went back from %u to %u\n", p1, p2);
		p1 = p2;
		sleep_ms(5);
		waited += 5;
	}
	CHECK(audio_state(a) == AUDIO_STOPPED, "stopped at the end of the narration (after %d ms)", waited);
	CHECK(moved >= 3, "the position moved forward while it played (%d times)", moved);
	audio_close(a); /* closes the file */

	fs_read_file(out, 64 << 20, &raw, &e);
	analyse(&raw, &first, &last, &rms);
	/* the device writes silence from its opening to the play (20 times faster than
	 * real time, so a few ms of a busy machine make hundreds): time from the first sound */
	CHECK(first >= 0, "the device played sound (from %ld ms)", first * 1000 / RATE);
	/* the speech's first sound is 17 ms into it */
	CHECK(raw.len / 4 >= (size_t)first + (size_t)(SPEECH_MS - 50) * RATE / 1000,
	      "the device played the whole narration after its first sound (%zu ms of %d)",
	      (raw.len / 4 - (size_t)first) * 1000 / RATE, SPEECH_MS);
	CHECK(last - first >= (long)(SPEECH_MS - 500) * RATE / 1000 && last - first <= (long)(SPEECH_MS + 50) * RATE / 1000,
	      "sound lasts as long as the narration: %ld ms of %d", (last - first) * 1000 / RATE, SPEECH_MS);
	CHECK(rms > 1000, "the samples are speech, not silence (RMS %.0f)", rms);

	/* pause, seek and stop, on a second player on the same device */
	a = audio_open(1, 50, stderr);
	audio_load(a, b.data, b.len, &e);
	CHECK(audio_seek(a, 1000, &e) == 0 && audio_state(a) == AUDIO_PAUSED,
	      "a seek before playing leaves it paused there: %s", e.msg);
	p1 = audio_position(a);
	CHECK(p1 >= 1000 && p1 < 1200, "position after the seek: %u ms", p1);
	sleep_ms(60);
	CHECK(audio_position(a) == p1, "paused: the position stays at %u ms", audio_position(a));
	audio_resume(a);
	CHECK(audio_state(a) == AUDIO_PLAYING, "resumed");
	sleep_ms(30);
	CHECK(audio_position(a) > p1, "resumed: the position moves (%u ms)", audio_position(a));
	audio_pause(a);
	CHECK(audio_seek(a, 200, &e) == 0 && audio_state(a) == AUDIO_PAUSED,
	      "a seek backwards while paused stays paused: %s", e.msg);
	CHECK(audio_position(a) < 400, "position after seeking back: %u ms", audio_position(a));
	audio_stop(a);
	CHECK(audio_state(a) == AUDIO_STOPPED && audio_position(a) == 0, "stopped at 0");
	CHECK(audio_play(a, 999999, &e) == 0, "play past the end is clamped: %s", e.msg);
	CHECK(audio_load(a, "OggS", 4, &e) < 0 && e.code == ERR_FORMAT, "bytes that are not audio: %s", e.msg);
	CHECK(audio_duration(a) == 0 && audio_state(a) == AUDIO_STOPPED, "a failed load leaves nothing loaded");
	audio_close(a);

	/* a language switch while playing: paragraph 2 of the first cues (1.6 s on) maps
	 * to paragraph 2 of the other (0.9 s on), and it goes on playing there */
	{
		static const char c1[] = "WEBVTT\n\n00:00.000 --> 00:00.800\na\n\n00:00.800 --> 00:01.600\nb\n\n"
					 "00:01.600 --> 00:02.400\nc\n";
		static const char c2[] = "WEBVTT\n\n00:00.000 --> 00:00.400\na\n\n00:00.400 --> 00:00.900\nb\n\n"
					 "00:00.900 --> 00:02.000\nc\n";
		struct vtt v1 = { 0 }, v2 = { 0 };
		struct buf ogg = BUF_INIT;
		int line;

		vtt_parse(&v1, c1, strlen(c1), &line, &e);
		vtt_parse(&v2, c2, strlen(c2), &line, &e);
		load("speech.ogg", &ogg);
		a = audio_open(1, 50, stderr);
		audio_load(a, b.data, b.len, &e);
		audio_seek(a, 1700, &e);
		audio_resume(a);
		CHECK(audio_switch(a, &v1, &v2, ogg.data, ogg.len, &e) == 0, "switch while playing: %s", e.msg);
		p1 = audio_position(a);
		CHECK(audio_state(a) == AUDIO_PLAYING && p1 >= 900 && p1 < 1700,
		      "it plays on at the same paragraph of the other language (%u ms)", p1);
		audio_pause(a);
		p1 = audio_position(a);
		CHECK(audio_switch(a, &v2, &v1, b.data, b.len, &e) == 0 && audio_state(a) == AUDIO_PAUSED,
		      "switch while paused stays paused: %s", e.msg);
		CHECK(audio_position(a) >= 1600 && audio_position(a) < 1700, "at the paragraph's start (%u ms, was %u)",
		      audio_position(a), p1);
		audio_stop(a);
		CHECK(audio_switch(a, &v1, &v2, ogg.data, ogg.len, &e) == 0 && audio_state(a) == AUDIO_STOPPED &&
		      audio_duration(a) > 0, "switch while stopped only loads");
		audio_close(a);
		vtt_release(&v1);
		vtt_release(&v2);
		buf_release(&ogg);
	}
	unlink(out);
	buf_release(&b);
	buf_release(&raw);
	free(out);
}

int main(void)
{
	top = getenv("TOP") ? getenv("TOP") : ".";
	build = getenv("BUILD") ? getenv("BUILD") : "build";
	test_check();
	test_unavailable();
	test_disk();
	return test_failures;
}
