/* audio_check.c: is a narration file what it says, and how long is it? The Ogg
 * pages are walked with libogg (each page's CRC is checked there, so damage anywhere
 * in the file is found without decoding it all), then the codec library opens the
 * stream, reports its length, and decodes its first and last 200 ms. */
#include "audio.h"
#include "core/err.h"

#include <ogg/ogg.h>
#include <opus/opusfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <vorbis/vorbisfile.h>

/* Frames decoded at the start and at the end: 200 ms at 48 kHz, ten Opus frames.
 * Decoding is what a check costs (the page walk is cheap); 200 ms of each end keeps
 * the demo pack's 28 narrations under 0.1 s. */
#define CHECK_FRAMES 9600
#define CHECK_SECONDS 0.2

int audio_type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return AUDIO_NONE;
	if (!strcasecmp(dot, ".opus"))
		return AUDIO_OPUS;
	if (!strcasecmp(dot, ".ogg"))
		return AUDIO_VORBIS;
	return AUDIO_NONE;
}

const char *audio_codec_name(int codec)
{
	return codec == AUDIO_OPUS ? "Opus" : codec == AUDIO_VORBIS ? "Vorbis" : "unknown";
}

/* The container: one logical stream, pages in sequence from BOS to EOS, every CRC
 * good, nothing after the last page. The codec comes from the first packet. */
static int check_pages(const unsigned char *data, size_t len, int *codec, struct err *e)
{
	ogg_sync_state oy;
	ogg_page og;
	long serial = 0, expect = 0;
	int rc = 0, r, eos = 0;
	char *buf;

	ogg_sync_init(&oy);
	buf = ogg_sync_buffer(&oy, (long)len);
	if (!buf) {
		ogg_sync_clear(&oy);
		return fail(e, ERR_NOMEM, "out of memory for %zu bytes of audio", len);
	}
	memcpy(buf, data, len);
	ogg_sync_wrote(&oy, (long)len);
	while (rc == 0 && (r = ogg_sync_pageout(&oy, &og)) != 0) {
		if (r < 0) {
			rc = fail(e, ERR_FORMAT, expect ? "damaged: Ogg page %ld is missing or its checksum is wrong"
						      : "not an Ogg file (Ogg Opus or Ogg Vorbis)", expect);
			break;
		}
		if (eos) {
			rc = fail(e, ERR_FORMAT, "holds more than one stream (chained Ogg); one narration per file");
		} else if (expect == 0) {
			serial = ogg_page_serialno(&og);
			if (!ogg_page_bos(&og))
				rc = fail(e, ERR_FORMAT, "damaged: the first Ogg page does not begin a stream");
			else if (og.body_len >= 8 && !memcmp(og.body, "OpusHead", 8))
				*codec = AUDIO_OPUS;
			else if (og.body_len >= 7 && !memcmp(og.body, "\x01vorbis", 7))
				*codec = AUDIO_VORBIS;
			else
				rc = fail(e, ERR_FORMAT, "an Ogg file that holds neither Opus nor Vorbis");
		} else if (ogg_page_serialno(&og) != serial) {
			rc = fail(e, ERR_FORMAT, "holds more than one stream (multiplexed Ogg); one narration per file");
		} else if (ogg_page_pageno(&og) != expect) {
			rc = fail(e, ERR_FORMAT, "damaged: Ogg page %ld follows page %ld", ogg_page_pageno(&og),
				  expect - 1);
		}
		eos = ogg_page_eos(&og);
		expect++;
	}
	if (rc == 0 && expect == 0)
		rc = fail(e, ERR_FORMAT, "not an Ogg file (Ogg Opus or Ogg Vorbis)");
	else if (rc == 0 && (oy.fill > oy.returned || !eos))
		rc = fail(e, ERR_FORMAT, "truncated: the stream ends inside Ogg page %ld", expect);
	ogg_sync_clear(&oy);
	return rc;
}

static const char *opus_error(int code)
{
	switch (code) {
	case OP_EREAD: return "read error";
	case OP_EFAULT: return "internal error";
	case OP_EIMPL: return "uses a feature libopusfile does not support";
	case OP_EINVAL: return "invalid stream";
	case OP_ENOTFORMAT: return "not Ogg Opus";
	case OP_EBADHEADER: return "damaged Opus header";
	case OP_EVERSION: return "unknown Opus version";
	case OP_EBADLINK: return "damaged stream";
	case OP_ENOSEEK: return "cannot seek";
	case OP_EBADTIMESTAMP: return "damaged timestamps";
	case OP_EBADPACKET: return "damaged Opus packet";
	case OP_HOLE: return "a hole in the data";
	default: return "cannot be decoded";
	}
}

static int check_opus(const unsigned char *data, size_t len, struct audio_info *info, struct err *e)
{
	float *pcm = malloc(CHECK_FRAMES * 2 * sizeof(*pcm));
	int error = 0, got = 0, n = 0;
	OggOpusFile *of;
	ogg_int64_t total;

	if (!pcm)
		return fail(e, ERR_NOMEM, "out of memory to decode");
	of = op_open_memory(data, len, &error);
	if (!of) {
		free(pcm);
		return fail(e, ERR_FORMAT, "Opus: %s", opus_error(error));
	}
	total = op_pcm_total(of, -1);
	info->codec = AUDIO_OPUS;
	info->channels = op_channel_count(of, -1);
	info->rate = op_head(of, -1)->input_sample_rate ? (long)op_head(of, -1)->input_sample_rate : 48000;
	info->duration_ms = total > 0 ? (uint32_t)(total / 48) : 0;
	/* the start, then the end */
	while (got < CHECK_FRAMES && (n = op_read_float_stereo(of, pcm, CHECK_FRAMES * 2)) > 0)
		got += n;
	if (n >= 0 && total > CHECK_FRAMES) {
		if ((n = op_pcm_seek(of, total - CHECK_FRAMES)) == 0)
			while ((n = op_read_float_stereo(of, pcm, CHECK_FRAMES * 2)) > 0)
				;
	}
	op_free(of);
	free(pcm);
	if (n < 0)
		return fail(e, ERR_FORMAT, "Opus: %s", opus_error(n));
	if (total <= 0 || !got)
		return fail(e, ERR_FORMAT, "Opus: the stream holds no sound");
	return 0;
}

struct memfile {
	const unsigned char *data;
	size_t len, pos;
};

static size_t mem_read(void *ptr, size_t size, size_t nmemb, void *src)
{
	struct memfile *m = src;
	size_t want = size * nmemb, left = m->len - m->pos;

	if (!size)
		return 0;
	if (want > left)
		want = left - left % size;
	memcpy(ptr, m->data + m->pos, want);
	m->pos += want;
	return want / size;
}

static int mem_seek(void *src, ogg_int64_t off, int whence)
{
	struct memfile *m = src;
	ogg_int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (ogg_int64_t)m->pos : (ogg_int64_t)m->len;

	if (base + off < 0 || base + off > (ogg_int64_t)m->len)
		return -1;
	m->pos = (size_t)(base + off);
	return 0;
}

static long mem_tell(void *src)
{
	return (long)((struct memfile *)src)->pos;
}

static int check_vorbis(const unsigned char *data, size_t len, struct audio_info *info, struct err *e)
{
	struct memfile m = { data, len, 0 };
	ov_callbacks cb = { mem_read, mem_seek, NULL, mem_tell };
	OggVorbis_File vf;
	vorbis_info *vi;
	double secs;
	long n = 0, got = 0;
	float **pcm;
	int section;

	if (ov_open_callbacks(&m, &vf, NULL, 0, cb) < 0)
		return fail(e, ERR_FORMAT, "Vorbis: damaged or unsupported headers");
	vi = ov_info(&vf, -1);
	secs = ov_time_total(&vf, -1);
	info->codec = AUDIO_VORBIS;
	info->channels = vi ? vi->channels : 0;
	info->rate = vi ? vi->rate : 0;
	info->duration_ms = secs > 0 ? (uint32_t)(secs * 1000.0 + 0.5) : 0;
	while (info->rate && got < (long)(info->rate * CHECK_SECONDS) &&
	       (n = ov_read_float(&vf, &pcm, 4096, &section)) > 0)
		got += n;
	if (n >= 0 && secs > CHECK_SECONDS && (n = ov_time_seek(&vf, secs - CHECK_SECONDS)) == 0)
		while ((n = ov_read_float(&vf, &pcm, 4096, &section)) > 0)
			;
	ov_clear(&vf);
	if (n < 0)
		return fail(e, ERR_FORMAT, "Vorbis: the stream does not decode (error %ld)", n);
	if (secs <= 0 || !got)
		return fail(e, ERR_FORMAT, "Vorbis: the stream holds no sound");
	return 0;
}

int audio_check(const void *data, size_t len, struct audio_info *info, struct err *e)
{
	int codec = AUDIO_NONE;

	memset(info, 0, sizeof(*info));
	if (len > AUDIO_MAX_BYTES)
		return fail(e, ERR_REFUSED, "audio is %zu bytes, over the limit of %u MB", len, AUDIO_MAX_BYTES >> 20);
	if (len < 27) /* the header of one Ogg page */
		return fail(e, ERR_FORMAT, "not an Ogg file (Ogg Opus or Ogg Vorbis)");
	if (check_pages(data, len, &codec, e) < 0)
		return -1;
	return codec == AUDIO_OPUS ? check_opus(data, len, info, e) : check_vorbis(data, len, info, e);
}
