#include "image.h"
#include "core/dynlib.h"
#include "core/err.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <jpeglib.h>
#include <png.h>
#include <errno.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
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

/* image_decode's checks, before anything is decoded: 0, or -1 with a message. */
static int decode_checks(const void *data, size_t len, int type, int *w, int *h, struct err *e)
{
	if (len > IMAGE_MAX_BYTES)
		return fail(e, ERR_REFUSED, "is %zu bytes, over the limit of 20 MB", len);
	if (image_probe(data, len, type, w, h, e) < 0)
		return -1;
	if (*w > IMAGE_MAX_SIDE || *h > IMAGE_MAX_SIDE)
		return fail(e, ERR_REFUSED, "is %dx%d pixels, over the limit of %dx%d", *w, *h, IMAGE_MAX_SIDE,
			    IMAGE_MAX_SIDE);
	return 0;
}

/* SDL2_image is loaded at its first use (SDL_LoadObject), not linked: Debian's
 * build of it brings in libtiff and with it libLerc, libjbig, libdeflate and the
 * C++ runtime, 7 of the kiosk's 87 libraries, which every start paid for (3.5 ms
 * of 18 for all of them: `perf stat` of an empty program linked against each set,
 * on a 2-core VM). The kiosk's first picture is decoded on the picture thread,
 * and an attract slide with a palette never needs it (image_decode_fit). */
#define IMG_SONAME "libSDL2_image-2.0.so.0"
#define IMG_FUNCS(X) X(LoadPNG_RW) X(LoadJPG_RW) X(LoadWEBP_RW) X(SavePNG) X(Linked_Version)

static struct img_funcs {
#define IMG_PTR(f) __typeof__(IMG_##f) *f;
	IMG_FUNCS(IMG_PTR)
#undef IMG_PTR
} img;
#define IMG_SYM(f) { #f, offsetof(struct img_funcs, f) },
static const struct dynlib_sym img_syms[] = { IMG_FUNCS(IMG_SYM) };
#undef IMG_SYM
static struct dynlib img_lib = DYNLIB_INIT(IMG_SONAME, "SDL_image (" IMG_SONAME ")", "IMG_", img_syms, &img, NULL);

const struct SDL_version *image_lib_version(void)
{
	return dynlib_load(&img_lib, NULL) < 0 ? NULL : img.Linked_Version();
}

int image_save_png(struct SDL_Surface *s, const char *path, struct err *e)
{
	if (dynlib_load(&img_lib, e) < 0)
		return -1;
	if (img.SavePNG(s, path) < 0)
		return fail(e, ERR_IO, "%s", SDL_GetError());
	return 0;
}

/* The whole picture by SDL_image's loader of the type, once decode_checks passed. */
static SDL_Surface *decode_whole(const void *data, size_t len, int type, int w, int h, struct err *e)
{
	SDL_RWops *rw;
	SDL_Surface *s = NULL;

	if (dynlib_load(&img_lib, e) < 0)
		return NULL;
	rw = SDL_RWFromConstMem(data, (int)len);
	if (!rw) {
		fail(e, ERR_IO, "cannot read image: %s", SDL_GetError());
		return NULL;
	}
	switch (type) {
	case IMAGE_PNG: s = img.LoadPNG_RW(rw); break;
	case IMAGE_JPEG: s = img.LoadJPG_RW(rw); break;
	case IMAGE_WEBP: s = img.LoadWEBP_RW(rw); break;
	}
	SDL_RWclose(rw);
	if (!s) {
		fail(e, ERR_FORMAT, "does not decode as %s: %s", image_type_name(type), SDL_GetError());
		return NULL;
	}
	if (s->w != w || s->h != h) {
		fail(e, ERR_FORMAT, "decodes to %dx%d but its header says %dx%d", s->w, s->h, w, h);
		SDL_FreeSurface(s);
		return NULL;
	}
	return s;
}

SDL_Surface *image_decode(const void *data, size_t len, int type, struct err *e)
{
	int w, h;

	if (decode_checks(data, len, type, &w, &h, e) < 0)
		return NULL;
	return decode_whole(data, len, type, w, h, e);
}

/* libpng's error message, kept for ours (png_fit_rows). */
struct png_fail {
	char msg[128];
};

static void png_keep_error(png_structp png, png_const_charp msg)
{
	struct png_fail *f = png_get_error_ptr(png);

	snprintf(f->msg, sizeof(f->msg), "%s", msg ? msg : "damaged");
}

static void spare_free(SDL_Surface **spare)
{
	if (spare && *spare) {
		SDL_FreeSurface(*spare);
		*spare = NULL;
	}
}

/* image_decode_fit's picture of 8 bits or fewer a pixel with a palette, row by row:
 * 1 with *out (ARGB8888, box size) and *opaque set; 0 when the picture is not of
 * that kind or not shown less than twice smaller (nothing decoded); -1 with a
 * message. The colours are SDL_image 2's for such a PNG (IMG_png.c): the palette
 * opaque, the one fully transparent tRNS entry (when every other is opaque) its
 * colour key, which SDL's conversion to ARGB makes alpha 0; an index past the
 * palette transparent black (as palette_argb in image_scale.c). A tRNS with any
 * other alpha makes SDL_image expand the picture to RGBA: 0, as for interlaced
 * pictures (read in passes, so not row by row). */
static int png_fit_rows(const unsigned char *p, size_t n, int box_w, int box_h, SDL_Surface **spare,
			SDL_Surface **out, int *opaque, struct err *e)
{
	struct png_mem m = { p, n, 0 };
	struct png_fail f = { "damaged" };
	png_structp png;
	png_infop info;
	png_uint_32 pw, ph;
	int depth, ctype, interlace, w, h;
	volatile int ckey = -1;
	uint32_t argb[256];
	SDL_Surface *volatile d = NULL;
	unsigned char *volatile row = NULL;
	volatile int rc = 0;

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &f, png_keep_error, png_quiet);
	if (!png)
		return 0;
	info = png_create_info_struct(png);
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		return 0;
	}
	if (setjmp(png_jmpbuf(png))) {
		if (d)
			SDL_FreeSurface(d);
		d = NULL;
		rc = fail(e, ERR_FORMAT, "does not decode as PNG: %s", f.msg);
		goto done;
	}
	png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
	png_set_read_fn(png, &m, png_read_mem);
	png_read_info(png, info);
	png_get_IHDR(png, info, &pw, &ph, &depth, &ctype, &interlace, NULL, NULL);
	if (ctype != PNG_COLOR_TYPE_PALETTE || interlace != PNG_INTERLACE_NONE)
		goto done;
	if (png_get_valid(png, info, PNG_INFO_tRNS)) {
		png_bytep trans;
		png_color_16p tv;
		int nt, j;

		png_get_tRNS(png, info, &trans, &nt, &tv);
		for (j = 0; j < nt; j++) {
			if (trans[j] == 0 && ckey < 0)
				ckey = j;
			else if (trans[j] != 255)
				break;
		}
		if (j < nt)
			goto done;
	}
	image_box_size((int)pw, (int)ph, box_w, box_h, &w, &h);
	if (((int)pw <= box_w && (int)ph <= box_h) || 2 * w <= (int)pw || 2 * h <= (int)ph)
		goto done;
	{
		png_colorp plte;
		int np = 0;

		if (!png_get_PLTE(png, info, &plte, &np))
			np = 0;
		for (int i = 0; i < 256; i++)
			argb[i] = i < np ? 0xff000000u | (uint32_t)plte[i].red << 16 | (uint32_t)plte[i].green << 8 |
						   plte[i].blue
					 : 0;
		if (ckey >= 0)
			argb[ckey] &= 0x00ffffffu;
	}
	png_set_packing(png); /* 1, 2 and 4 bits a pixel: a byte each */
	png_read_update_info(png, info);
	row = malloc(png_get_rowbytes(png, info));
	if (!row) {
		errno = ENOMEM;
		rc = fail(e, ERR_NOMEM, "cannot decode: out of memory");
		goto done;
	}
	if (spare && *spare && (*spare)->w == w && (*spare)->h == h &&
	    (*spare)->format->format == SDL_PIXELFORMAT_ARGB8888 && !SDL_MUSTLOCK(*spare)) {
		d = *spare;
		*spare = NULL;
	} else if (spare_free(spare), !(d = image_new_argb(w, h))) {
		errno = ENOMEM;
		rc = fail(e, ERR_NOMEM, "cannot decode: %s", SDL_GetError());
		goto done;
	}
	{
		/* the nearest pixel, as image_shrink_to_box picks it (16.16 fixed point steps
		 * of source/shown, from half a step): each shown row from the row read */
		uint64_t incx = ((uint64_t)pw << 16) / (uint64_t)w, incy = ((uint64_t)ph << 16) / (uint64_t)h;
		uint64_t posy = incy / 2;
		uint32_t all = 0xffffffffu;
		int y = 0;

		for (png_uint_32 r = 0; r < ph; r++) {
			png_read_row(png, row, NULL);
			for (; y < h && (posy >> 16) == r; y++, posy += incy)
				all &= image_palette_row(row, incx, argb,
							 (uint32_t *)((char *)d->pixels + (size_t)y * (size_t)d->pitch), w);
		}
		*opaque = all >> 24 == 0xff;
	}
	*out = d;
	rc = 1;
done:
	png_destroy_read_struct(&png, &info, NULL);
	free(row);
	return rc;
}

SDL_Surface *image_decode_fit(const void *data, size_t len, int type, int box_w, int box_h, SDL_Surface **spare,
			      int *w0, int *h0, int *opaque, struct err *e)
{
	SDL_Surface *s = NULL;
	int rc = -1;

	*opaque = -1;
	if (decode_checks(data, len, type, w0, h0, e) == 0)
		rc = type == IMAGE_PNG && box_w > 0 && box_h > 0 ?
			     png_fit_rows(data, len, box_w, box_h, spare, &s, opaque, e) : 0;
	spare_free(spare); /* not written into: freed before the picture takes memory of its own */
	if (rc > 0)
		return s;
	if (rc < 0)
		return NULL;
	s = decode_whole(data, len, type, *w0, *h0, e);
	if (s && box_w > 0 && box_h > 0)
		s = image_shrink_to_box(s, box_w, box_h, opaque);
	return s;
}

void image_free_surface(SDL_Surface *s)
{
	SDL_FreeSurface(s);
}
