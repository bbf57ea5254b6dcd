/* image.h: images of a pack, read from memory. Dimensions are read from the header
 * (libpng, libjpeg, libwebp) before anything is decoded, and decoding uses the loader
 * of the declared type only (SDL_image's IMG_Load*_RW, never the guessing IMG_Load). */
#ifndef KIOSK_IMAGE_H
#define KIOSK_IMAGE_H

#include <stddef.h>

struct err;
struct SDL_Surface;

enum image_type { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG, IMAGE_WEBP };

#define IMAGE_MAX_SIDE 4096
#define IMAGE_MAX_BYTES (20u << 20)

/* The type a file name declares by its extension, or IMAGE_NONE. */
int image_type_of(const char *name);
const char *image_type_name(int type);

/* Read the dimensions from the header of data, which must be of `type`.
 * -1 when the header is not of that type or is damaged. */
int image_probe(const void *data, size_t len, int type, int *w, int *h, struct err *e);

/* Check the limits (bytes, 4096x4096) and decode; returns a new surface the caller
 * frees with SDL_FreeSurface, or NULL with a message. */
struct SDL_Surface *image_decode(const void *data, size_t len, int type, struct err *e);

/* Free a surface from image_decode (so that callers need not include SDL). */
void image_free_surface(struct SDL_Surface *s);

#endif
