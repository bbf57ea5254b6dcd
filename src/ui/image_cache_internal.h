/* image_cache_internal.h: what the image cache (image_cache.c, the main thread's
 * table) and its worker (image_worker.c, the decoding thread) share. Not for other
 * modules: they use image_cache.h. */
#ifndef KIOSK_IMAGE_CACHE_INTERNAL_H
#define KIOSK_IMAGE_CACHE_INTERNAL_H

#include "core/err.h"
#include "pack/tree.h"

#include <SDL2/SDL.h>
#include <stdint.h>
#include <sys/stat.h>

/* Pack zips the worker keeps open: a screen shows images of one or two packs. */
#define ZIP_SLOTS 4
#define IMAGE_RETRY_MS 3000 /* an image short of memory is tried again after this */

/* One image as the main thread knows it. An entry is LOADING exactly while its job
 * exists (queued, being decoded or finished but not pumped), and a LOADING entry is
 * never freed, so the job may point at it and at its key. */
struct entry {
	char *zip, *name;        /* the key with max_side and fit_h; never written after creation */
	int max_side;
	int fit_h;               /* > 0: fit into max_side x fit_h instead of a square */
	uint32_t hash;           /* of zip and name: every size of an image shares a chain */
	struct entry *hnext;     /* hash chain */
	struct entry *lprev, *lnext; /* the LRU list of READY entries, most recent first */
	int state;
	int no_texture;          /* BROKEN only because no texture could be made: retried
				  * with the next renderer */
	uint32_t retry_at;       /* BROKEN only for want of memory: shown as LOADING, and
				  * asked for again from this tick (SDL_GetTicks) on */
	int w, h;                /* the picture's size when READY, else 0 */
	SDL_Texture *tex;        /* READY without a target: the picture as a texture */
	SDL_Surface *surf;       /* READY with a target: the picture itself, blitted into
				  * the target (no copy made of it for a texture) */
	size_t bytes;            /* w * h * 4 when READY */
	uint64_t frame;          /* the last frame that asked for it */
	struct job *job;         /* LOADING only */
	int ahead;               /* only asked for ahead of being shown: its arrival
				  * changes nothing on screen */
};

/* A decode request. The worker reads only the key and writes only the result. */
struct job {
	struct job *prev, *next; /* in the queue or the done list (under the lock) */
	struct entry *owner;     /* for the main thread only */
	const char *zip, *name;  /* the owner's key */
	int max_side, fit_h;
	int queued;              /* in the queue, not yet taken (under the lock) */
	SDL_Surface *surf;       /* result: ARGB8888, or NULL when broken */
	int opaque;              /* result: every pixel has alpha 255 */
	struct err err;          /* result when broken */
};

struct zip_slot {
	struct tree t;
	int open;
	uint64_t used;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

struct image_cache {
	/* main thread only */
	SDL_Renderer *renderer;
	SDL_Surface *target;     /* the 32-bit surface a software renderer draws into */
	size_t budget, bytes;
	size_t fit_bytes;        /* of the last picture fitted into a box that came in */
	struct entry **tab;
	size_t ntab, nent;
	struct entry *lru_head, *lru_tail;
	uint64_t frame;          /* counts frames: a get after a pump starts a new one */
	int pumped;
	size_t ntransient;       /* entries BROKEN for want of memory (retry_at set) */
	uint32_t next_retry;     /* the earliest of their retry_at */
	int short_logged;        /* an image was short of memory since the last success */

	/* set before the worker starts, then read only */
	void (*wake)(void *ctx);
	void *ctx;
	SDL_Thread *thread;

	/* shared, under lock */
	SDL_mutex *lock;
	SDL_cond *work;          /* signalled: a job queued, zips to close, or quit */
	SDL_cond *idle;          /* signalled: the worker finished a job */
	struct job *queue;       /* newest first: the worker takes the head */
	struct job *done, *done_tail;
	int busy;
	int quit;
	int held;                /* image_cache_hold: no new job is started */
	int max_tex;             /* the renderer's largest texture side, 0: no limit */
	SDL_Surface *spare;      /* the pixels of a picture dropped last, for the worker's
				  * next picture of their size (image_decode_fit's spare);
				  * counted against the budget */
	unsigned zip_gen;        /* bumped to make the worker close its zips */

	/* worker only */
	struct zip_slot zips[ZIP_SLOTS];
	uint64_t zip_clock;
	unsigned zip_seen;
};

/* The worker thread (SDL_CreateThread's function; arg: the cache): takes jobs from
 * the queue, decodes them, puts them on the done list and wakes the main thread,
 * until quit. Returns 0. */
int image_worker(void *arg);

/* 1 when the library that failed last on this thread ran out of memory. */
int image_out_of_memory(void);

#endif
