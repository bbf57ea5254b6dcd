#include "image.h"
#include "core/err.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include <webp/decode.h>
#include <zlib.h>

int image_type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return IMAGE_NONE;
	if (!strcasecmp(dot, ".png"))
		return IMAGE_PNG;
	if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))
		return IMAGE_JPEG;
	if (!strcasecmp(dot, ".webp"))
		return IMAGE_WEBP;
	return IMAGE_NONE;
}

const char *image_type_name(int type)
{
	switch (type) {
	case IMAGE_PNG: return "PNG";
	case IMAGE_JPEG: return "JPEG";
	case IMAGE_WEBP: return "WebP";
	default: return "unknown";
	}
}

/* What the first bytes say, to make a mismatch message useful. */
static const char *sniff(const unsigned char *p, size_t n)
{
	if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return "PNG";
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "JPEG";
	if (n >= 12 && !memcmp(p, "RIFF", 4) && !memcmp(p + 8, "WEBP", 4))
		return "WebP";
	if (n >= 6 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6)))
		return "GIF";
	return NULL;
}

struct png_mem {
	const unsigned char *p;
	size_t n, at;
};

static void png_read_mem(png_structp png, png_bytep out, png_size_t n)
{
	struct png_mem *m = png_get_io_ptr(png);

	if (m->at + n > m->n)
		png_error(png, "truncated");
	memcpy(out, m->p + m->at, n);
	m->at += n;
}

static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static int probe_png(const unsigned char *p, size_t n, int *w, int *h)
{
	struct png_mem m = { p, n, 0 };
	png_structp png;
	png_infop info;
	volatile int ok = -1;

	if (n < 8 || png_sig_cmp(p, 0, 8))
		return -1;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_quiet, png_quiet);
	if (!png)
		return -1;
	info = png_create_info_struct(png);
	if (info && !setjmp(png_jmpbuf(png))) {
		/* the header only: image size limits apply before any pixel is read */
		png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
		png_set_read_fn(png, &m, png_read_mem);
		png_read_info(png, info);
		*w = (int)png_get_image_width(png, info);
		*h = (int)png_get_image_height(png, info);
		ok = 0;
	}
	png_destroy_read_struct(&png, info ? &info : NULL, NULL);
	return ok;
}

/* Every chunk whole, its CRC right, and IEND last: libpng (through SDL_image) would
 * otherwise print "libpng error: ..." on stderr for a cut or damaged file. */
static int png_chunks_bad(const unsigned char *p, size_t n, struct err *e)
{
	size_t at = 8;

	while (n - at >= 12) {
		uint32_t len = (uint32_t)p[at] << 24 | (uint32_t)p[at + 1] << 16 | (uint32_t)p[at + 2] << 8 | p[at + 3];
		uint32_t crc;

		if (len > n - at - 12)
			break;
		crc = (uint32_t)p[at + 8 + len] << 24 | (uint32_t)p[at + 9 + len] << 16 |
		      (uint32_t)p[at + 10 + len] << 8 | p[at + 11 + len];
		/* the CRC of the chunk's type and data (PNG spec, 5.3): zlib's CRC-32 */
		if (crc != (uint32_t)crc32_z(0, p + at + 4, (size_t)len + 4)) {
			fail(e, ERR_FORMAT, "is a damaged PNG (chunk '%.4s' fails its CRC)", (const char *)p + at + 4);
			return 1;
		}
		if (!memcmp(p + at + 4, "IEND", 4))
			return 0;
		at += 12 + (size_t)len;
	}
	fail(e, ERR_FORMAT, "is a truncated PNG (no IEND chunk)");
	return 1;
}

struct jpeg_fail {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

static void jpeg_fail_exit(j_common_ptr cinfo)
{
	longjmp(((struct jpeg_fail *)cinfo->err)->jump, 1);
}

static void jpeg_quiet(j_common_ptr cinfo)
{
	(void)cinfo;
}

static int probe_jpeg(const unsigned char *p, size_t n, int *w, int *h)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail jerr;
	volatile int ok = -1;

	if (n < 3 || p[0] != 0xff || p[1] != 0xd8)
		return -1;
	cinfo.err = jpeg_std_error(&jerr.pub);
	jerr.pub.error_exit = jpeg_fail_exit;
	jerr.pub.output_message = jpeg_quiet;
	if (setjmp(jerr.jump)) {
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, p, (unsigned long)n);
	if (jpeg_read_header(&cinfo, TRUE) == JPEG_HEADER_OK) {
		*w = (int)cinfo.image_width;
		*h = (int)cinfo.image_height;
		ok = 0;
	}
	jpeg_destroy_decompress(&cinfo);
	return ok;
}

int image_probe(const void *data, size_t len, int type, int *w, int *h, struct err *e)
{
	const char *seen = sniff(data, len);
	int rc = -1;

	*w = *h = 0;
	switch (type) {
	case IMAGE_PNG: rc = probe_png(data, len, w, h); break;
	case IMAGE_JPEG: rc = probe_jpeg(data, len, w, h); break;
	case IMAGE_WEBP: rc = WebPGetInfo(data, len, w, h) ? 0 : -1; break;
	default: return fail(e, ERR_REFUSED, "not a PNG, JPEG or WebP file name");
	}
	if (rc < 0) {
		if (seen && strcmp(seen, image_type_name(type)))
			return fail(e, ERR_REFUSED, "is a %s file named as %s", seen, image_type_name(type));
		return fail(e, ERR_FORMAT, "is not a readable %s image (damaged header)", image_type_name(type));
	}
	if (*w <= 0 || *h <= 0)
		return fail(e, ERR_FORMAT, "declares an empty image (%dx%d)", *w, *h);
	/* libjpeg fills a cut scan with grey and only warns; the end marker says it is whole */
	if (type == IMAGE_JPEG && (len < 4 || memcmp((const unsigned char *)data + len - 2, "\xff\xd9", 2)))
		return fail(e, ERR_FORMAT, "is a truncated JPEG (no end marker)");
	if (type == IMAGE_PNG && png_chunks_bad(data, len, e))
		return -1;
	return 0;
}

SDL_Surface *image_decode(const void *data, size_t len, int type, struct err *e)
{
	SDL_RWops *rw;
	SDL_Surface *s = NULL;
	int w, h;

	if (len > IMAGE_MAX_BYTES) {
		fail(e, ERR_REFUSED, "is %zu bytes, over the limit of 20 MB", len);
		return NULL;
	}
	if (image_probe(data, len, type, &w, &h, e) < 0)
		return NULL;
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		fail(e, ERR_REFUSED, "is %dx%d pixels, over the limit of %dx%d", w, h,
		     IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
		return NULL;
	}
	rw = SDL_RWFromConstMem(data, (int)len);
	if (!rw) {
		fail(e, ERR_IO, "cannot read image: %s", SDL_GetError());
		return NULL;
	}
	switch (type) {
	case IMAGE_PNG: s = IMG_LoadPNG_RW(rw); break;
	case IMAGE_JPEG: s = IMG_LoadJPG_RW(rw); break;
	case IMAGE_WEBP: s = IMG_LoadWEBP_RW(rw); break;
	}
	SDL_RWclose(rw);
	if (!s) {
		fail(e, ERR_FORMAT, "does not decode as %s: %s", image_type_name(type), IMG_GetError());
		return NULL;
	}
	if (s->w != w || s->h != h) {
		fail(e, ERR_FORMAT, "decodes to %dx%d but its header says %dx%d", s->w, s->h, w, h);
		SDL_FreeSurface(s);
		return NULL;
	}
	return s;
}

void image_free_surface(SDL_Surface *s)
{
	SDL_FreeSurface(s);
}
