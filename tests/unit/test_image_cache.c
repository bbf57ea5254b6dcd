/* The image cache without a display: software renderers drawing into surfaces, and
 * the fixture zips of tests/fixtures/images (made by make.py there). */
#include "test.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "media/image.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <fcntl.h>
#include <png.h>
#include <zlib.h>
#include <stdlib.h>
#include <unistd.h>

struct target {
	SDL_Surface *surf;
	SDL_Renderer *r;
};

static void target_open_as(struct target *t, Uint32 format)
{
	t->surf = SDL_CreateRGBSurfaceWithFormat(0, 256, 128, 32, format);
	t->r = t->surf ? SDL_CreateSoftwareRenderer(t->surf) : NULL;
}

static void target_open(struct target *t)
{
	target_open_as(t, SDL_PIXELFORMAT_ARGB8888);
}

static void target_close(struct target *t)
{
	if (t->r)
		SDL_DestroyRenderer(t->r);
	if (t->surf)
		SDL_FreeSurface(t->surf);
}

/* Draw tex at (0, 0) on black; returns the ARGB pixel at (x, y), or 0 when drawing fails. */
static uint32_t drawn(struct target *t, SDL_Texture *tex, int x, int y)
{
	SDL_Rect dst = { 0, 0, 0, 0 };

	if (!tex || SDL_QueryTexture(tex, NULL, NULL, &dst.w, &dst.h) < 0)
		return 0;
	SDL_SetRenderDrawColor(t->r, 0, 0, 0, 255);
	SDL_RenderClear(t->r);
	if (SDL_RenderCopy(t->r, tex, NULL, &dst) < 0)
		return 0;
	SDL_RenderFlush(t->r);
	return ((const uint32_t *)((const char *)t->surf->pixels + y * t->surf->pitch))[x];
}

/* 1 when pixel p is (r, g, b) within tol per channel. */
static int near(uint32_t p, int r, int g, int b, int tol)
{
	return abs((int)(p >> 16 & 255) - r) <= tol && abs((int)(p >> 8 & 255) - g) <= tol &&
	       abs((int)(p & 255) - b) <= tol;
}

static int blend_of(SDL_Texture *tex)
{
	SDL_BlendMode m = SDL_BLENDMODE_INVALID;
	if (tex)
		SDL_GetTextureBlendMode(tex, &m);
	return (int)m;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* What the cache logs on stderr goes to the file log until stderr_back(the value
 * returned). */
static int stderr_to(const char *log)
{
	int saved, fd;

	fflush(stderr);
	saved = dup(2);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
	return saved;
}

static void stderr_back(int saved)
{
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
}

static void on_wake(void *ctx)
{
	SDL_AtomicAdd(ctx, 1);
}

/* A wake that can hold the worker after each job, to see the order it works in. */
struct gate {
	SDL_atomic_t hold;
	SDL_sem *reached, *go;
};

static void on_wake_gate(void *ctx)
{
	struct gate *g = ctx;
	if (SDL_AtomicGet(&g->hold)) {
		SDL_SemPost(g->reached);
		SDL_SemWait(g->go);
	}
}

static int state_of(struct image_cache *c, const char *zip, const char *name, int max_side)
{
	int st = -1;
	image_cache_get(c, zip, name, max_side, &st, NULL, NULL);
	return st;
}

static int copy_file(const char *from, const char *to)
{
	struct buf b = BUF_INIT;
	struct err e = { 0 };
	int rc = fs_read_file(from, 1 << 20, &b, &e);

	if (rc == 0)
		rc = fs_write_atomic(to, b.data, b.len, &e);
	if (rc < 0)
		printf("# copy %s: %s\n", from, e.msg);
	buf_release(&b);
	return rc;
}

static void test_decode(const char *zip, const char *tmp)
{
	struct target t;
	struct image_cache *c;
	SDL_atomic_t wakes = { 0 };
	SDL_Texture *tex;
	int st, w, h, tw = 0, th = 0, saved, changed;
	char *log = xasprintf("%s/stderr.log", tmp), *nozip = xasprintf("%s/missing.zip", tmp);
	const char *broken[] = { "truncated.png", "jpeg.png", "huge.png", "nope.png", "notes.txt" };
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	size_t want_bytes;

	target_open(&t);
	CHECK(t.r != NULL, "a software renderer on a surface (%s)", SDL_GetError());
	CHECK(image_cache_new(&c, 64u << 20, on_wake, &wakes) == 0, "start the cache");
	image_cache_set_renderer(c, t.r, NULL);

	/* held (as until the kiosk's first frame is on screen): asked for, not decoded */
	image_cache_hold(c, 1);
	state_of(c, zip, "photo.jpg", 0);
	SDL_Delay(200);
	image_cache_pump(c);
	CHECK(state_of(c, zip, "photo.jpg", 0) == IMAGE_LOADING && SDL_AtomicGet(&wakes) == 0,
	      "held: a picture asked for waits (%d wakes)", SDL_AtomicGet(&wakes));
	image_cache_hold(c, 0);
	for (int i = 0; i < 500 && !SDL_AtomicGet(&wakes); i++)
		SDL_Delay(10);
	image_cache_pump(c);
	CHECK(state_of(c, zip, "photo.jpg", 0) == IMAGE_READY, "released: it is decoded");
	SDL_AtomicSet(&wakes, 0);

	st = -1;
	w = h = -1;
	tex = image_cache_get(c, zip, "ok.png", 0, &st, &w, &h);
	CHECK(!tex && st == IMAGE_LOADING && w == 0 && h == 0, "before any wait: loading, no size");

	/* the broken ones log on stderr: catch it */
	saved = stderr_to(log);
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof(broken) / sizeof(*broken); i++) {
			state_of(c, zip, broken[i], 0);
			state_of(c, zip, broken[i], 100); /* another size of the same broken image */
		}
		state_of(c, nozip, "ok.png", 0);
		state_of(c, zip, "photo.jpg", 0);
		state_of(c, zip, "dir/see-through.webp", 0);
		state_of(c, zip, "wide.png", 50);
		state_of(c, zip, "wide.png", 30);
		state_of(c, zip, "wide.png", 500);
		image_cache_wait(c);
	}
	stderr_back(saved);

	tex = image_cache_get(c, zip, "ok.png", 0, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 40 && h == 20, "PNG ready at 40x20 (%d, %dx%d)", st, w, h);
	if (tex)
		SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
	CHECK(tw == 40 && th == 20, "its texture is 40x20");
	CHECK(blend_of(tex) == SDL_BLENDMODE_BLEND, "a PNG with alpha blends");
	CHECK(near(drawn(&t, tex, 5, 5), 255, 0, 0, 0), "its opaque half draws red (%08x)", drawn(&t, tex, 5, 5));
	CHECK(near(drawn(&t, tex, 5, 15), 0, 0, 128, 2), "its see-through half blends (%08x)",
	      drawn(&t, tex, 5, 15));

	tex = image_cache_get(c, zip, "photo.jpg", 0, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 24 && h == 16, "JPEG ready at 24x16 (%d, %dx%d)", st, w, h);
	CHECK(blend_of(tex) == SDL_BLENDMODE_NONE, "an opaque image draws without blending");
	CHECK(near(drawn(&t, tex, 12, 8), 200, 60, 20, 12), "its colour (%08x)", drawn(&t, tex, 12, 8));

	tex = image_cache_get(c, zip, "dir/see-through.webp", 0, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 20 && h == 10, "WebP ready at 20x10 (%d, %dx%d)", st, w, h);
	CHECK(near(drawn(&t, tex, 10, 5), 10, 90, 20, 2), "its colour at alpha 128 (%08x)", drawn(&t, tex, 10, 5));

	tex = image_cache_get(c, zip, "wide.png", 50, &st, &w, &h);
	CHECK(tex && w == 50 && h == 25, "200x100 with max_side 50 is 50x25 (%dx%d)", w, h);
	CHECK(near(drawn(&t, tex, 5, 12), 255, 255, 255, 0) && near(drawn(&t, tex, 45, 12), 0, 0, 0, 0),
	      "the thumbnail keeps its two halves");
	tex = image_cache_get(c, zip, "wide.png", 30, &st, &w, &h);
	CHECK(tex && w == 30 && h == 15, "with max_side 30 it is 30x15 (%dx%d)", w, h);
	CHECK(near(drawn(&t, tex, 3, 7), 255, 255, 255, 8) && near(drawn(&t, tex, 27, 7), 0, 0, 0, 8),
	      "the smaller thumbnail too");
	tex = image_cache_get(c, zip, "wide.png", 500, &st, &w, &h);
	CHECK(tex && w == 200 && h == 100, "a max_side above its size does not enlarge it (%dx%d)", w, h);

	for (size_t i = 0; i < sizeof(broken) / sizeof(*broken); i++) {
		tex = image_cache_get(c, zip, broken[i], 0, &st, &w, &h);
		CHECK(!tex && st == IMAGE_BROKEN && w == 0 && h == 0, "%s is broken", broken[i]);
		CHECK(state_of(c, zip, broken[i], 100) == IMAGE_BROKEN, "%s is broken at any size", broken[i]);
	}
	CHECK(state_of(c, nozip, "ok.png", 0) == IMAGE_BROKEN, "an image of a missing zip is broken");
	CHECK(state_of(c, zip, "truncated.png", 7) == IMAGE_BROKEN,
	      "a new size of a known broken image is broken at once");
	CHECK(image_cache_pump(c) == 0, "asking again tries nothing again");

	CHECK(fs_read_file(log, 1 << 20, &text, &e) == 0, "read what was logged");
	printf("# logged:\n%s", text.data);
	CHECK(count(text.data, "kiosk: image: ") == 6, "six lines, one per broken image");
	{
		char *want[6];
		want[0] = xasprintf("%s:truncated.png: is a truncated PNG", zip);
		want[1] = xasprintf("%s:jpeg.png: is a JPEG file named as PNG", zip);
		want[2] = xasprintf("%s:huge.png: is 30000x30000 pixels, over the limit", zip);
		want[3] = xasprintf("%s:nope.png: not in the pack", zip);
		want[4] = xasprintf("%s:notes.txt: not a PNG, JPEG or WebP file name", zip);
		want[5] = xasprintf("%s:ok.png: cannot open the pack: ", nozip);
		for (int i = 0; i < 6; i++) {
			CHECK(count(text.data, want[i]) == 1, "logged once: %s", want[i]);
			free(want[i]);
		}
	}
	want_bytes = (40 * 20 + 24 * 16 + 20 * 10 + 50 * 25 + 30 * 15 + 200 * 100) * 4;
	CHECK(image_cache_bytes(c) == want_bytes, "texture bytes are w*h*4 of each (%zu, want %zu)",
	      image_cache_bytes(c), want_bytes);
	CHECK(SDL_AtomicGet(&wakes) >= 1, "the worker woke the main loop (%d)", SDL_AtomicGet(&wakes));

	/* a result after a wake, pumped by hand as the main loop does */
	state_of(c, zip, "ok.png", 17);
	changed = 0;
	for (int i = 0; i < 500 && !changed; i++) {
		changed = image_cache_pump(c);
		if (!changed)
			SDL_Delay(2);
	}
	CHECK(changed == 1 && state_of(c, zip, "ok.png", 17) == IMAGE_READY, "pump reports a finished image");

	image_cache_free(c);
	target_close(&t);
	buf_release(&text);
	free(log);
	free(nozip);
}

/* Give the entry `name` of the zip at path another CRC-32, in its local header and
 * in the central directory alike (the zip stays consistent; only reading the entry
 * whole can tell). 0, or -1 when the entry is not found. */
static int wrong_crc(const char *path, const char *name)
{
	struct buf b = BUF_INIT;
	struct err e = { 0 };
	size_t n = strlen(name);
	int rc = -1;

	if (fs_read_file(path, 1 << 20, &b, &e) < 0)
		return -1;
	for (size_t at = 0; at + 46 + n <= b.len; at++) {
		unsigned char *c = (unsigned char *)b.data + at, *l;
		size_t local;
		if (memcmp(c, "PK\1\2", 4) || (size_t)(c[28] | c[29] << 8) != n || memcmp(c + 46, name, n))
			continue;
		local = (size_t)c[42] | (size_t)c[43] << 8 | (size_t)c[44] << 16 | (size_t)c[45] << 24;
		if (local + 30 > b.len)
			break;
		l = (unsigned char *)b.data + local;
		c[16] ^= 0x5a; /* the central directory's CRC-32 (APPNOTE 4.3.12) */
		l[14] ^= 0x5a; /* the local header's (APPNOTE 4.3.7) */
		rc = fs_write_atomic(path, b.data, b.len, &e);
		break;
	}
	buf_release(&b);
	return rc;
}

/* A pack installed whole and damaged on disk since: the picture whose bytes no
 * longer match its CRC-32 is refused by name, when it is read, and the pack's
 * other pictures still show (the pack is not read whole at each open). */
static void test_damaged_entry(const char *zip, const char *tmp)
{
	struct target t;
	struct image_cache *c;
	char *bad = xasprintf("%s/damaged.zip", tmp), *log = xasprintf("%s/damaged.log", tmp), *want;
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	int saved;

	CHECK(copy_file(zip, bad) == 0 && wrong_crc(bad, "photo.jpg") == 0, "a copy with photo.jpg's CRC-32 changed");
	target_open(&t);
	CHECK(image_cache_new(&c, 8u << 20, NULL, NULL) == 0, "start a cache");
	image_cache_set_renderer(c, t.r, NULL);
	saved = stderr_to(log);
	state_of(c, bad, "ok.png", 0);
	state_of(c, bad, "photo.jpg", 0);
	image_cache_wait(c);
	stderr_back(saved);
	CHECK(state_of(c, bad, "photo.jpg", 0) == IMAGE_BROKEN, "the damaged picture is broken");
	CHECK(state_of(c, bad, "ok.png", 0) == IMAGE_READY, "the pack's other pictures show");
	CHECK(fs_read_file(log, 1 << 20, &text, &e) == 0, "read what was logged");
	want = xasprintf("%s:photo.jpg: entry 'photo.jpg' is damaged: CRC error", bad);
	CHECK(count(text.data ? text.data : "", want) == 1, "logged once: %s (got: %s)", want, text.data ? text.data : "");
	image_cache_free(c);
	target_close(&t);
	buf_release(&text);
	free(want);
	free(bad);
	free(log);
}

static void test_budget(const char *zip)
{
	struct target t;
	struct image_cache *c;
	int w, h;

	target_open(&t);
	/* ok.png 3200 bytes, photo.jpg 1536, wide.png at 50: 5000, at 60: 7200 */
	CHECK(image_cache_new(&c, 13000, NULL, NULL) == 0, "a cache of 13000 bytes");
	image_cache_set_renderer(c, t.r, NULL);
	state_of(c, zip, "ok.png", 0);
	state_of(c, zip, "photo.jpg", 0);
	image_cache_wait(c);
	CHECK(image_cache_bytes(c) == 4736, "two images held (%zu)", image_cache_bytes(c));
	/* next frame */
	state_of(c, zip, "ok.png", 0);
	state_of(c, zip, "wide.png", 50);
	image_cache_wait(c);
	CHECK(image_cache_bytes(c) == 9736, "three under the budget (%zu)", image_cache_bytes(c));
	/* next frame: one more goes over, the least recently used go first */
	state_of(c, zip, "wide.png", 60);
	image_cache_wait(c);
	CHECK(image_cache_bytes(c) == 12200, "over the budget, the oldest two went (%zu)", image_cache_bytes(c));
	CHECK(image_cache_get(c, zip, "wide.png", 50, NULL, &w, &h) && w == 50, "the more recent stayed");
	CHECK(image_cache_get(c, zip, "wide.png", 60, NULL, &w, &h) && w == 60, "the new one is in");
	CHECK(state_of(c, zip, "photo.jpg", 0) == IMAGE_LOADING, "an evicted image is asked for again");
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_LOADING, "so is the other");
	image_cache_wait(c);
	CHECK(state_of(c, zip, "photo.jpg", 0) == IMAGE_READY, "and comes back");
	image_cache_free(c);

	/* a screenful larger than the budget is held, not decoded again every frame */
	CHECK(image_cache_new(&c, 1000, NULL, NULL) == 0, "a cache of 1000 bytes");
	image_cache_set_renderer(c, t.r, NULL);
	state_of(c, zip, "ok.png", 0);
	state_of(c, zip, "photo.jpg", 0);
	image_cache_wait(c);
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_READY && state_of(c, zip, "photo.jpg", 0) == IMAGE_READY,
	      "both images of one frame are kept over the budget");
	image_cache_pump(c);
	image_cache_pump(c);
	CHECK(image_cache_bytes(c) == 4736, "pumps without a frame between keep them (%zu)", image_cache_bytes(c));
	state_of(c, zip, "ok.png", 0); /* the next frame shows one of them */
	image_cache_pump(c);
	CHECK(image_cache_bytes(c) == 3200, "the one no longer shown goes (%zu)", image_cache_bytes(c));
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_READY, "the one shown stays");
	image_cache_free(c);
	target_close(&t);
}

static void test_renderers(const char *zip)
{
	struct target a, b;
	struct image_cache *c;
	SDL_Texture *tex;
	int st;

	target_open(&a);
	target_open(&b);
	CHECK(image_cache_new(&c, 1u << 20, NULL, NULL) == 0, "start a cache");
	state_of(c, zip, "ok.png", 0);
	image_cache_wait(c);
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_LOADING, "no renderer yet: still loading");
	CHECK(image_cache_pump(c) == 0, "nothing to show without a renderer");
	image_cache_set_renderer(c, a.r, NULL);
	CHECK(image_cache_pump(c) == 1, "the kept result becomes a texture with a renderer");
	tex = image_cache_get(c, zip, "ok.png", 0, &st, NULL, NULL);
	CHECK(tex && near(drawn(&a, tex, 5, 5), 255, 0, 0, 0), "drawn by the first renderer");

	/* a renderer reset: the new one first, then the old one destroyed */
	image_cache_set_renderer(c, b.r, NULL);
	CHECK(image_cache_bytes(c) == 0, "a new renderer forgets the textures");
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_LOADING, "and asks for them again");
	SDL_DestroyRenderer(a.r);
	a.r = NULL;
	image_cache_wait(c);
	tex = image_cache_get(c, zip, "ok.png", 0, &st, NULL, NULL);
	CHECK(tex && st == IMAGE_READY, "made again");
	CHECK(near(drawn(&b, tex, 5, 5), 255, 0, 0, 0), "for the new renderer");

	/* the other order: NULL first (textures destroyed), then a renderer again */
	image_cache_set_renderer(c, NULL, NULL);
	CHECK(image_cache_bytes(c) == 0, "no renderer: no textures");
	image_cache_set_renderer(c, b.r, NULL);
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_LOADING, "asked for again");
	image_cache_wait(c);
	tex = image_cache_get(c, zip, "ok.png", 0, &st, NULL, NULL);
	CHECK(near(drawn(&b, tex, 5, 5), 255, 0, 0, 0), "and drawn again");
	image_cache_free(c);
	target_close(&a);
	target_close(&b);
}

static void test_zips(const char *zip, const char *zip2, const char *tmp)
{
	struct target t;
	struct image_cache *c;
	char *z[6];
	int w = 0, h = 0, ok = 1;

	target_open(&t);
	CHECK(image_cache_new(&c, 8u << 20, NULL, NULL) == 0, "start a cache");
	image_cache_set_renderer(c, t.r, NULL);
	for (int i = 0; i < 6; i++) {
		z[i] = xasprintf("%s/pack%d.zip", tmp, i);
		ok &= copy_file(zip, z[i]) == 0;
	}
	CHECK(ok, "six copies of the fixture zip");
	/* more zips than the worker keeps open, and back to the first ones */
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 6; i++)
			state_of(c, z[i], "ok.png", round ? 8 : 0);
		image_cache_wait(c);
	}
	for (int i = 0; i < 6; i++) {
		ok &= state_of(c, z[i], "ok.png", 0) == IMAGE_READY;
		ok &= state_of(c, z[i], "ok.png", 8) == IMAGE_READY;
	}
	CHECK(ok, "images of six zips, each zip opened again after being closed");

	/* pack0 replaced on disk and forgotten: its image is read from the new file */
	CHECK(copy_file(zip2, z[0]) == 0, "replace pack0.zip");
	image_cache_forget_zip(c, z[0]);
	CHECK(state_of(c, z[0], "ok.png", 0) == IMAGE_LOADING, "a forgotten zip's image is asked for again");
	CHECK(state_of(c, z[1], "ok.png", 0) == IMAGE_READY, "other zips keep theirs");
	image_cache_wait(c);
	image_cache_get(c, z[0], "ok.png", 0, NULL, &w, &h);
	CHECK(w == 30 && h == 30, "the new pack0's image (%dx%d)", w, h);

	/* pack1 replaced without telling the cache: a new request reads the new file */
	CHECK(copy_file(zip2, z[1]) == 0, "replace pack1.zip");
	state_of(c, z[1], "ok.png", 15);
	image_cache_wait(c);
	image_cache_get(c, z[1], "ok.png", 15, NULL, &w, &h);
	CHECK(w == 15 && h == 15, "a replaced zip is opened again (%dx%d)", w, h);

	/* pack2 removed */
	unlink(z[2]);
	state_of(c, z[2], "ok.png", 5);
	image_cache_wait(c);
	CHECK(state_of(c, z[2], "ok.png", 5) == IMAGE_BROKEN, "an image of a removed zip is broken");

	image_cache_free(c);
	for (int i = 0; i < 6; i++) {
		unlink(z[i]);
		free(z[i]);
	}
	target_close(&t);
}

/* Newest first: what was asked for last, or asked for again, is decoded next. */
static void test_order(const char *zip)
{
	struct target t;
	struct image_cache *c;
	struct gate g;
	const char *names[] = { "photo.jpg", "dir/see-through.webp", "wide.png" };
	int got[3] = { -1, -1, -1 };

	target_open(&t);
	SDL_AtomicSet(&g.hold, 1);
	g.reached = SDL_CreateSemaphore(0);
	g.go = SDL_CreateSemaphore(0);
	CHECK(image_cache_new(&c, 8u << 20, on_wake_gate, &g) == 0, "start a cache");
	image_cache_set_renderer(c, t.r, NULL);
	state_of(c, zip, "ok.png", 0);
	SDL_SemWait(g.reached); /* the worker holds after ok.png */
	for (int i = 0; i < 3; i++)
		state_of(c, zip, names[i], 0);
	state_of(c, zip, names[0], 0); /* the first is on screen again */
	image_cache_pump(c);
	CHECK(state_of(c, zip, "ok.png", 0) == IMAGE_READY, "the first request is done");
	for (int k = 0; k < 3; k++) {
		SDL_SemPost(g.go);
		SDL_SemWait(g.reached);
		image_cache_pump(c);
		/* these gets ask again for what is still waiting, in the order it would
		 * go anyway (the last asked goes first) */
		for (int i = 0; i < 3; i++)
			if (got[i] < 0 && state_of(c, zip, names[i], 0) == IMAGE_READY)
				got[i] = k;
	}
	CHECK(got[0] == 0 && got[2] == 1 && got[1] == 2,
	      "asked again first, then newest first (%d %d %d)", got[0], got[1], got[2]);
	SDL_AtomicSet(&g.hold, 0);
	SDL_SemPost(g.go);
	image_cache_free(c);
	SDL_DestroySemaphore(g.reached);
	SDL_DestroySemaphore(g.go);
	target_close(&t);
}

/* Freeing with work queued or finished but not pumped joins and frees everything. */
static void test_free_busy(const char *zip)
{
	struct target t;
	struct image_cache *c;

	target_open(&t);
	CHECK(image_cache_new(&c, 1u << 20, NULL, NULL) == 0, "start a cache");
	image_cache_set_renderer(c, t.r, NULL);
	for (int i = 1; i <= 40; i++) {
		state_of(c, zip, "wide.png", i);
		state_of(c, zip, "photo.jpg", i);
	}
	SDL_Delay(5);
	image_cache_free(c);
	CHECK(1, "freed with work queued");
	CHECK(image_cache_new(&c, 1u << 20, NULL, NULL) == 0, "start a cache");
	state_of(c, zip, "ok.png", 0);
	image_cache_wait(c);
	image_cache_free(c);
	CHECK(1, "freed with a result never made into a texture");
	image_cache_free(NULL);
	target_close(&t);
}

/* Draw the picture name of zip with image_cache_draw at dst (src: all of it) on a
 * grey target in viewport vp with clip (NULL: none), into t's surface. */
static int draw_px(struct image_cache *c, struct target *t, const char *zip, const char *name, SDL_Rect dst,
		   const SDL_Rect *vp, const SDL_Rect *clip, struct image_px *px)
{
	int st = -1;
	SDL_Rect src;

	if (!image_cache_px(c, zip, name, 0, 0, &st, px))
		return 0;
	src = (SDL_Rect){ 0, 0, px->w, px->h };
	SDL_RenderSetViewport(t->r, NULL);
	SDL_SetRenderDrawColor(t->r, 90, 90, 90, 255);
	SDL_RenderClear(t->r);
	SDL_RenderSetViewport(t->r, vp);
	SDL_RenderSetClipRect(t->r, clip);
	image_cache_draw(c, t->r, px, &src, &dst);
	SDL_RenderSetClipRect(t->r, NULL);
	SDL_RenderSetViewport(t->r, NULL);
	SDL_RenderFlush(t->r);
	return 1;
}

/* On a software renderer's surface (a target), pictures are surfaces blitted into it:
 * the same pixels as a texture of them, scaled, clipped and in a viewport; they stay
 * when the renderer changes, and go for a renderer without a target. */
/* Pictures blitted into a target (of `format`: ARGB8888, or XRGB8888 as an X11
 * window's framebuffer, where an opaque one is copied row by row) draw what
 * textures draw. */
static void test_surfaces(const char *zip, Uint32 format)
{
	static const char *const names[] = { "ok.png", "wide.png", "photo.jpg", "dir/see-through.webp" };
	static const SDL_Rect vp = { 10, 6, 200, 100 }, clip = { 15, 4, 60, 50 };
	struct target a, b;
	struct image_cache *c, *d;
	struct image_px pa, pb;
	int worst = 0, drawn_px = 0, st = -1;

	target_open_as(&a, format);
	target_open(&b);
	CHECK(image_cache_new(&c, 1u << 20, NULL, NULL) == 0 && image_cache_new(&d, 1u << 20, NULL, NULL) == 0,
	      "start two caches");
	image_cache_set_renderer(c, a.r, a.surf);
	image_cache_set_renderer(d, b.r, NULL);
	for (size_t i = 0; i < 4; i++) {
		state_of(c, zip, names[i], 0);
		state_of(d, zip, names[i], 0);
	}
	image_cache_wait(c);
	image_cache_wait(d);
	for (size_t i = 0; i < 4; i++) {
		/* whole, scaled up, and clipped in a viewport */
		for (int k = 0; k < 3; k++) {
			SDL_Rect dst = k == 0 ? (SDL_Rect){ 3, 2, 0, 0 } : (SDL_Rect){ -7, 1, 150, 90 };
			int ok;
			if (k == 0) {
				image_cache_px(c, zip, names[i], 0, 0, &st, &pa);
				dst.w = pa.w;
				dst.h = pa.h;
			}
			ok = draw_px(c, &a, zip, names[i], dst, k == 2 ? &vp : NULL, k == 2 ? &clip : NULL, &pa) &&
			     draw_px(d, &b, zip, names[i], dst, k == 2 ? &vp : NULL, k == 2 ? &clip : NULL, &pb);
			CHECK(ok && pa.surf && !pa.tex && pb.tex && !pb.surf, "%s: a surface with a target, else a texture",
			      names[i]);
			for (int y = 0; ok && y < a.surf->h; y++)
				for (int x = 0; x < a.surf->w; x++) {
					uint32_t p = ((const uint32_t *)((const char *)a.surf->pixels + y * a.surf->pitch))[x];
					uint32_t q = ((const uint32_t *)((const char *)b.surf->pixels + y * b.surf->pitch))[x];
					for (int sh = 0; sh < 24; sh += 8) {
						int dd = abs((int)(p >> sh & 255) - (int)(q >> sh & 255));
						worst = dd > worst ? dd : worst;
					}
					drawn_px += (p & 0xFFFFFF) != 0x5A5A5A;
				}
		}
	}
	/* SDL blends a scaled texture with another blitter than a scaled surface (by 1) */
	CHECK(worst <= 2 && drawn_px > 10000, "blitted into %s, surfaces draw what textures drew (%d drawn, worst channel %d)",
	      SDL_GetPixelFormatName(format), drawn_px, worst);
	/* a new renderer with a target (a resize): the pictures stay */
	image_cache_set_renderer(c, NULL, NULL);
	image_cache_set_renderer(c, b.r, b.surf);
	CHECK(state_of(c, zip, "wide.png", 0) == IMAGE_READY, "a new renderer with a target keeps the pictures");
	image_cache_set_renderer(c, a.r, NULL);
	CHECK(state_of(c, zip, "wide.png", 0) == IMAGE_LOADING, "one without a target has them made again");
	image_cache_wait(c);
	CHECK(image_cache_px(c, zip, "wide.png", 0, 0, &st, &pa) && pa.tex && !pa.surf, "as textures");
	/* the pictures blitted into a, gone from it, are off a's list of blit maps: the
	 * worker frees one it keeps as its spare when it cannot use it, while this thread
	 * may be blitting into the target */
	CHECK(a.surf->list_blitmap == NULL, "pictures the cache is done with are off the target's blit maps");
	image_cache_free(c);
	image_cache_free(d);
	target_close(&a);
	target_close(&b);
}

/* The wake callback counts here; image_cache_stop ends the calls. */
static SDL_atomic_t wakes;
static void count_wake(void *ctx)
{
	(void)ctx;
	SDL_AtomicAdd(&wakes, 1);
}

/* Stopped before SDL_Quit (whose event queue the wake callback pushes into): the
 * worker is joined while it works, no wake comes after, and what is asked later
 * stays loading. */
static void test_stop(const char *zip)
{
	struct target t;
	struct image_cache *c;
	int after, st;

	target_open(&t);
	CHECK(image_cache_new(&c, 1u << 20, count_wake, NULL) == 0, "start a cache");
	image_cache_set_renderer(c, t.r, NULL);
	for (int i = 1; i <= 40; i++)
		state_of(c, zip, "photo.jpg", i);
	SDL_Delay(5);
	image_cache_stop(c);
	after = SDL_AtomicGet(&wakes);
	SDL_Delay(50);
	CHECK(SDL_AtomicGet(&wakes) == after, "no wake after the worker is stopped (%d before)", after);
	st = state_of(c, zip, "ok.png", 0);
	image_cache_wait(c); /* returns: nothing will decode it */
	image_cache_pump(c);
	CHECK(st == IMAGE_LOADING && state_of(c, zip, "ok.png", 0) == IMAGE_LOADING,
	      "a picture asked for after the stop stays loading");
	image_cache_stop(c); /* again: nothing to do */
	image_cache_free(c);
	target_close(&t);
}

/* Decoded at the size shown (a box), and asked for ahead of being shown. */
static void test_fit_ahead(const char *zip)
{
	struct target t;
	struct image_cache *c;
	SDL_Texture *tex;
	int st, w, h, changed = 0;

	target_open(&t);
	CHECK(image_cache_new(&c, 1 << 20, NULL, NULL) == 0, "a cache of 1 MiB");
	image_cache_set_renderer(c, t.r, NULL);
	image_cache_get_fit(c, zip, "wide.png", 100, 20, &st, NULL, NULL);
	image_cache_get_fit(c, zip, "wide.png", 60, 300, &st, NULL, NULL);
	image_cache_get_fit(c, zip, "wide.png", 400, 400, &st, NULL, NULL);
	image_cache_wait(c);
	tex = image_cache_get_fit(c, zip, "wide.png", 100, 20, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 40 && h == 20, "200x100 in a 100x20 box is 40x20 (%dx%d)", w, h);
	tex = image_cache_get_fit(c, zip, "wide.png", 60, 300, &st, &w, &h);
	CHECK(tex && w == 60 && h == 30, "in a 60x300 box it is 60x30 (%dx%d)", w, h);
	CHECK(near(drawn(&t, tex, 5, 15), 255, 255, 255, 8) && near(drawn(&t, tex, 55, 15), 0, 0, 0, 8),
	      "it keeps its two halves");
	tex = image_cache_get_fit(c, zip, "wide.png", 400, 400, &st, &w, &h);
	CHECK(tex && w == 200 && h == 100, "a larger box does not enlarge it (%dx%d)", w, h);
	/* a palette with a transparent entry, shrunk less than twice: ARGB in one pass */
	image_cache_get_fit(c, zip, "palette.png", 75, 75, &st, NULL, NULL);
	image_cache_wait(c);
	tex = image_cache_get_fit(c, zip, "palette.png", 75, 75, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 75 && h == 38, "a 100x50 palette in a 75x75 box is 75x38 (%dx%d)", w, h);
	CHECK(near(drawn(&t, tex, 5, 5), 255, 0, 0, 0) && near(drawn(&t, tex, 70, 5), 0, 0, 255, 0),
	      "its palette colours are drawn (%08x, %08x)", drawn(&t, tex, 5, 5), drawn(&t, tex, 70, 5));
	CHECK(near(drawn(&t, tex, 5, 35), 0, 0, 0, 0), "its transparent entry shows the black under it (%08x)",
	      drawn(&t, tex, 5, 35));

	/* ahead: decoded and kept, but its arrival alone asks for no redraw */
	image_cache_pump(c);
	image_cache_ask_ahead(c, zip, "photo.jpg", 0, 0);
	for (int i = 0; i < 500; i++) {
		changed |= image_cache_pump(c);
		if (image_cache_bytes(c) > (40 * 20 + 60 * 30 + 200 * 100 + 75 * 38) * 4)
			break;
		SDL_Delay(2);
	}
	CHECK(image_cache_bytes(c) == (40 * 20 + 60 * 30 + 200 * 100 + 75 * 38 + 24 * 16) * 4,
	      "the picture asked for ahead is held (%zu)", image_cache_bytes(c));
	CHECK(changed == 0, "its arrival asks for no redraw");
	tex = image_cache_get(c, zip, "photo.jpg", 0, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 24 && h == 16, "shown later, it is ready at once (%d)", st);
	/* the same palette twice smaller and more: halved from the palette, then fitted */
	image_cache_get_fit(c, zip, "palette.png", 30, 30, &st, NULL, NULL);
	image_cache_wait(c);
	tex = image_cache_get_fit(c, zip, "palette.png", 30, 30, &st, &w, &h);
	CHECK(tex && st == IMAGE_READY && w == 30 && h == 15, "a 100x50 palette in a 30x30 box is 30x15 (%dx%d)", w, h);
	CHECK(near(drawn(&t, tex, 3, 2), 255, 0, 0, 0) && near(drawn(&t, tex, 27, 2), 0, 0, 255, 0) &&
	      near(drawn(&t, tex, 3, 13), 0, 0, 0, 0), "red, blue, and black under the transparent half (%08x, %08x, %08x)",
	      drawn(&t, tex, 3, 2), drawn(&t, tex, 27, 2), drawn(&t, tex, 3, 13));
	image_cache_free(c);
	target_close(&t);
}

/* Drawn into a target, a picture fitted into a box that is dropped becomes the
 * worker's spare, and the next picture of its size is written into its pixels:
 * the attract loop's slides take no fresh memory once the cache is full. The spare
 * counts against the budget. palette.png is 100x50: 75x38 in boxes 75 wide and 38
 * to 75 high, each box a separate image of 11400 bytes. */
static void test_spare(const char *zip)
{
	struct target t;
	struct image_cache *c;
	struct image_px a, b, x;
	void *a_px;
	int st;

	target_open(&t);
	CHECK(image_cache_new(&c, 28500, NULL, NULL) == 0, "a cache of two and a half pictures");
	image_cache_set_renderer(c, t.r, t.surf);
	image_cache_px(c, zip, "palette.png", 75, 75, &st, &a);
	image_cache_wait(c);
	CHECK(image_cache_px(c, zip, "palette.png", 75, 75, &st, &a) && a.surf && a.w == 75 && a.h == 38,
	      "a slide of 75x38 drawn as a surface");
	a_px = a.surf ? a.surf->pixels : NULL;
	if (a_px)
		memset(a_px, 0x11, (size_t)a.surf->pitch * (size_t)a.h); /* to see it written again */
	image_cache_pump(c); /* the frame ends */
	/* next frame: the next slide; one more would not fit, so the first goes to the spare */
	image_cache_px(c, zip, "palette.png", 75, 60, &st, &b);
	image_cache_wait(c);
	CHECK(image_cache_px(c, zip, "palette.png", 75, 60, &st, &b) && b.surf && b.surf->pixels != a_px,
	      "the second in pixels of its own");
	CHECK(image_cache_bytes(c) == 11400, "the first dropped ahead of need (%zu)", image_cache_bytes(c));
	image_cache_pump(c);
	/* next frame: the third is written where the first was */
	image_cache_px(c, zip, "palette.png", 75, 50, &st, &x);
	image_cache_wait(c);
	CHECK(image_cache_px(c, zip, "palette.png", 75, 50, &st, &x) && x.surf && x.surf->pixels == a_px,
	      "the third is written into the first's pixels");
	CHECK(x.surf && near(((const uint32_t *)x.surf->pixels)[5 * x.surf->pitch / 4 + 5], 255, 0, 0, 0) &&
	      near(((const uint32_t *)x.surf->pixels)[5 * x.surf->pitch / 4 + 70], 0, 0, 255, 0),
	      "its own colours written there (%08x)", x.surf ? ((const uint32_t *)x.surf->pixels)[5 * x.surf->pitch / 4 + 5] : 0);
	image_cache_free(c);
	target_close(&t);
}

/* Two identical sw x sh pictures of 8 bits a pixel, a and b, on one new palette of
 * ncolors random colours (which the caller frees): indices random below spread
 * (past the palette when spread > ncolors); alphas 255, 128 and 0 in turn, or all
 * 0 (alphas -1), or all 255 (alphas 1); colour key 3 when keyed. */
static SDL_Palette *indexed_pair(int sw, int sh, int ncolors, int spread, int alphas, int keyed, unsigned *seed,
				 SDL_Surface **a, SDL_Surface **b)
{
	SDL_Palette *pal = SDL_AllocPalette(ncolors);

	*a = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 8, SDL_PIXELFORMAT_INDEX8);
	*b = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 8, SDL_PIXELFORMAT_INDEX8);
	for (int i = 0; i < ncolors; i++) {
		*seed = *seed * 1103515245u + 12345u;
		pal->colors[i] = (SDL_Color){ (Uint8)(*seed >> 8), (Uint8)(*seed >> 16), (Uint8)(*seed >> 24),
					      (Uint8)(alphas < 0 ? 0 : alphas > 0 ? 255 :
						      i % 3 == 0 ? 255 : i % 3 == 1 ? 128 : 0) };
	}
	SDL_SetSurfacePalette(*a, pal);
	SDL_SetSurfacePalette(*b, pal);
	for (int y = 0; y < sh; y++)
		for (int x = 0; x < sw; x++) {
			*seed = *seed * 1103515245u + 12345u;
			((Uint8 *)(*a)->pixels)[y * (*a)->pitch + x] = ((Uint8 *)(*b)->pixels)[y * (*b)->pitch + x] =
				(Uint8)((*seed >> 16) % (unsigned)spread);
		}
	if (keyed) {
		SDL_SetColorKey(*a, SDL_TRUE, 3);
		SDL_SetColorKey(*b, SDL_TRUE, 3);
	}
	return pal;
}

/* A picture of 8 bits a pixel with a palette, shrunk less than twice to a box,
 * comes out in ARGB8888 from one pass: pixel for pixel what SDL's nearest stretch
 * and its conversion give, the palette's alpha and the colour key kept. */
static void test_shrink_palette(void)
{
	static const int sizes[][4] = { { 160, 90, 104, 58 }, { 301, 17, 250, 100 }, { 64, 64, 33, 40 },
					{ 1000, 3, 999, 3 }, { 7, 5, 4, 4 }, { 255, 129, 200, 200 } };
	unsigned seed = 7;

	/* kind 0: mixed alphas; 1: a colour key too; 2: indices past a short palette;
	 * 3: every alpha 0, which SDL takes as an opaque palette */
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int kind = 0; kind < 4; kind++) {
			int sw = sizes[k][0], sh = sizes[k][1], w, h, same = 1, ncolors = 5 + (int)(k * 40);
			int keyed = kind == 1, spread = kind == 2 ? ncolors + 20 : ncolors, opaque = 9;
			SDL_Surface *a, *b, *got, *mid, *want;
			SDL_Palette *pal = indexed_pair(sw, sh, ncolors, spread, kind == 3 ? -1 : 0, keyed, &seed, &a, &b);

			image_box_size(sw, sh, sizes[k][2], sizes[k][3], &w, &h);
			got = image_shrink_to_box(a, sizes[k][2], sizes[k][3], &opaque);
			/* the reference: SDL's stretch in 8 bits, then its conversion */
			mid = SDL_CreateRGBSurfaceWithFormat(0, w, h, 8, SDL_PIXELFORMAT_INDEX8);
			SDL_SetSurfacePalette(mid, pal);
			SDL_SoftStretch(b, NULL, mid, NULL);
			if (keyed)
				SDL_SetColorKey(mid, SDL_TRUE, 3);
			want = SDL_ConvertSurfaceFormat(mid, SDL_PIXELFORMAT_ARGB8888, 0);
			CHECK(got && got != a && got->format->format == SDL_PIXELFORMAT_ARGB8888 && got->w == w && got->h == h,
			      "%dx%d into %dx%d: an ARGB8888 picture of %dx%d", sw, sh, sizes[k][2], sizes[k][3], w, h);
			for (int y = 0; got && want && y < h && same; y++)
				same = !memcmp((Uint8 *)got->pixels + y * got->pitch, (Uint8 *)want->pixels + y * want->pitch,
					       (size_t)w * 4);
			CHECK(got && want && same, "%dx%d%s: the pixels of SDL's stretch and conversion", sw, sh,
			      kind == 1 ? ", colour key" : kind == 2 ? ", indices past the palette" :
			      kind == 3 ? ", a palette of alpha 0" : "");
			CHECK(got && image_opaque(got) == (kind == 3), "%s", kind == 3 ? "a palette of alpha 0 is opaque" :
			      "with see-through colours it is not opaque");
			CHECK(got && opaque == image_opaque(got), "and it says so (%d)", opaque);
			SDL_FreeSurface(got);
			SDL_FreeSurface(mid);
			SDL_FreeSurface(want);
			SDL_FreeSurface(b);
			SDL_FreePalette(pal);
		}
	}
	{
		/* another format keeps its colour key */
		SDL_Surface *a = SDL_CreateRGBSurfaceWithFormat(0, 30, 20, 24, SDL_PIXELFORMAT_RGB24), *got, *argb;
		int opaque;
		Uint32 key = SDL_MapRGB(a->format, 0, 255, 0), px;
		SDL_FillRect(a, NULL, key);
		SDL_SetColorKey(a, SDL_TRUE, key);
		got = image_shrink_to_box(a, 20, 20, &opaque);
		argb = got ? SDL_ConvertSurfaceFormat(got, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
		px = argb ? *(Uint32 *)argb->pixels : 0xffffffffu;
		CHECK(got && got->w == 20 && (px >> 24) == 0, "an RGB picture shrunk keeps its colour key (%08x)", px);
		CHECK(opaque == -1, "and what it shows is not known yet (%d)", opaque);
		SDL_FreeSurface(argb);
		SDL_FreeSurface(got);
	}
	{
		/* already inside the box, or not of a palette and twice smaller or more: left
		 * as they are */
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 100, 50, 8, SDL_PIXELFORMAT_INDEX8);
		SDL_Surface *rgb = SDL_CreateRGBSurfaceWithFormat(0, 100, 50, 24, SDL_PIXELFORMAT_RGB24);
		int opaque;
		CHECK(image_shrink_to_box(s, 100, 60, &opaque) == s && opaque == -1, "100x50 into 100x60 needs no shrinking");
		CHECK(image_shrink_to_box(rgb, 50, 50, &opaque) == rgb && opaque == -1,
		      "an RGB 100x50 into 50x50 is left to the averaging scaler");
		SDL_FreeSurface(s);
		SDL_FreeSurface(rgb);
	}
}

/* A picture with a palette shown twice smaller or more is halved straight from its
 * palette: after image_scale_down, pixel for pixel what converting it to ARGB
 * (SDL_ConvertSurfaceFormat) and image_scale_down give, at sizes even and odd,
 * exactly twice smaller and more. */
static void test_halve_palette(void)
{
	static const int sizes[][4] = { { 160, 90, 80, 45 }, { 1200, 1200, 584, 584 }, { 301, 17, 150, 8 },
					{ 7, 5, 3, 2 }, { 255, 129, 60, 60 }, { 3, 1000, 1, 500 }, { 2, 2, 1, 1 } };
	unsigned seed = 11;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int kind = 0; kind < 4; kind++) {
			/* kind 0: mixed alphas; 1: a colour key too; 2: indices past a short
			 * palette; 3: all opaque */
			int sw = sizes[k][0], sh = sizes[k][1], w, h, same = 1, ncolors = 5 + (int)(k * 35), opaque = 9;
			int spread = kind == 2 ? ncolors + 20 : ncolors;
			SDL_Surface *a, *b, *got, *want;
			SDL_Palette *pal = indexed_pair(sw, sh, ncolors, spread, kind == 3 ? 1 : 0, kind == 1, &seed, &a, &b);
			struct err e = { 0 };

			image_box_size(sw, sh, sizes[k][2], sizes[k][3], &w, &h);
			got = image_shrink_to_box(a, sizes[k][2], sizes[k][3], &opaque);
			CHECK(got && got != a && got->format->format == SDL_PIXELFORMAT_ARGB8888 &&
			      got->w == (sw / 2 ? sw / 2 : 1) && got->h == (sh / 2 ? sh / 2 : 1),
			      "%dx%d into %dx%d: halved into ARGB8888", sw, sh, sizes[k][2], sizes[k][3]);
			CHECK(opaque == (got && got->w == w && got->h == h ? image_opaque(got) : -1),
			      "%dx%d: its opacity known only at the box's size (%d)", sw, sh, opaque);
			got = got ? image_scale_down(got, w, h, &e) : NULL;
			want = image_scale_down(SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_ARGB8888, 0), w, h, &e);
			for (int y = 0; got && want && y < h && same; y++)
				same = !memcmp((Uint8 *)got->pixels + y * got->pitch, (Uint8 *)want->pixels + y * want->pitch,
					       (size_t)w * 4);
			CHECK(got && want && got->w == w && got->h == h && same,
			      "%dx%d into %dx%d%s: the pixels of the conversion and the averaging scaler", sw, sh, w, h,
			      kind == 1 ? ", colour key" : kind == 2 ? ", indices past the palette" :
			      kind == 3 ? ", opaque" : "");
			CHECK(!got || image_opaque(got) == (kind == 3), "%s", kind == 3 ? "an opaque palette stays opaque" :
			      "with see-through colours it is not opaque");
			SDL_FreeSurface(got);
			SDL_FreeSurface(want);
			SDL_FreeSurface(b);
			SDL_FreePalette(pal);
		}
	}
	{
		/* twice smaller one way only: left to the averaging scaler as it is */
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 100, 39, 8, SDL_PIXELFORMAT_INDEX8);
		int opaque, w, h;
		image_box_size(100, 39, 50, 50, &w, &h);
		CHECK(w == 50 && h == 20 && image_shrink_to_box(s, 50, 50, &opaque) == s && opaque == -1,
		      "100x39 into %dx%d is left as it is", w, h);
		SDL_FreeSurface(s);
	}
}

/* Halving averages each 2x2 block, every channel rounded half up, an odd last row
 * or column with itself. */
static void test_halve(void)
{
	static const int sizes[][2] = { { 64, 48 }, { 9, 7 }, { 3, 5 }, { 5, 2 } };
	unsigned seed = 5;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int sw = sizes[k][0], sh = sizes[k][1], w = sw / 2 ? sw / 2 : 1, h = sh / 2 ? sh / 2 : 1, bad = 0;
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888), *copy, *d;
		struct err e = { 0 };

		for (int y = 0; y < sh; y++)
			for (int x = 0; x < sw; x++) {
				seed = seed * 1103515245u + 12345u;
				/* extremes often: 0x00 and 0xff in every channel */
				((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] =
					seed % 5 == 0 ? 0xffffffffu : seed % 5 == 1 ? 0 : seed ^ seed >> 13;
			}
		copy = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		d = image_scale_down(s, w, h, &e);
		for (int y = 0; d && y < h; y++)
			for (int x = 0; x < w; x++) {
				int x0 = 2 * x < sw ? 2 * x : sw - 1, y0 = 2 * y < sh ? 2 * y : sh - 1;
				int x1 = x0 + 1 < sw ? x0 + 1 : x0, y1 = y0 + 1 < sh ? y0 + 1 : y0;
				Uint32 p[4], want = 0, got = ((Uint32 *)((Uint8 *)d->pixels + y * d->pitch))[x];
				p[0] = ((Uint32 *)((Uint8 *)copy->pixels + y0 * copy->pitch))[x0];
				p[1] = ((Uint32 *)((Uint8 *)copy->pixels + y0 * copy->pitch))[x1];
				p[2] = ((Uint32 *)((Uint8 *)copy->pixels + y1 * copy->pitch))[x0];
				p[3] = ((Uint32 *)((Uint8 *)copy->pixels + y1 * copy->pitch))[x1];
				for (int shift = 0; shift < 32; shift += 8)
					want |= ((2 + (p[0] >> shift & 0xff) + (p[1] >> shift & 0xff) + (p[2] >> shift & 0xff) +
						  (p[3] >> shift & 0xff)) / 4) << shift;
				bad += got != want;
			}
		CHECK(d && d->w == w && d->h == h && bad == 0, "%dx%d halved: each channel the rounded mean (%d wrong)",
		      sw, sh, bad);
		SDL_FreeSurface(d);
		SDL_FreeSurface(copy);
	}
}

/* Opaque when every pixel's alpha is 255, wherever the one that is not. */
static void test_opaque(void)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 37, 11, 32, SDL_PIXELFORMAT_ARGB8888);
	int bad = 0;

	SDL_FillRect(s, NULL, 0xff102030u);
	CHECK(image_opaque(s) == 1, "a picture of alpha 255 is opaque");
	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++) {
			uint32_t *p = (uint32_t *)((Uint8 *)s->pixels + y * s->pitch) + x;
			*p = 0xfeffffffu;
			bad += image_opaque(s) != 0;
			*p = 0xff000000u;
		}
	CHECK(bad == 0, "one pixel of alpha 254, anywhere, makes it not opaque (%d missed)", bad);
	CHECK(image_opaque(s) == 1, "and opaque again");
	SDL_FreeSurface(s);
}

/* A sw x sh PNG with a palette of np random colours, bit_depth bits a pixel,
 * indices random below `spread` (past the palette when spread > np), written with
 * libpng into b: a tRNS of nt entries from trns (none when nt is 0), interlaced
 * (Adam7) when asked. */
static void png_write_buf(png_structp png, png_bytep data, png_size_t n)
{
	buf_add(png_get_io_ptr(png), data, n);
}

static void png_flush_none(png_structp png)
{
	(void)png;
}

static int palette_png(struct buf *b, int sw, int sh, int depth, int np, int spread, const png_byte *trns, int nt,
		       int interlace, unsigned *seed)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_color plte[256];
	unsigned char *rows = xcalloc((size_t)sh, (size_t)sw);
	png_bytep *rp = xcalloc((size_t)sh, sizeof(*rp));
	int ok = 0;

	b->len = 0;
	for (int i = 0; i < np; i++) {
		*seed = *seed * 1103515245u + 12345u;
		plte[i] = (png_color){ (png_byte)(*seed >> 8), (png_byte)(*seed >> 16), (png_byte)(*seed >> 24) };
	}
	for (int i = 0; i < sw * sh; i++) {
		*seed = *seed * 1103515245u + 12345u;
		rows[i] = (unsigned char)((*seed >> 16) % (unsigned)spread);
	}
	for (int y = 0; y < sh; y++)
		rp[y] = rows + (size_t)y * (size_t)sw;
	if (info && !setjmp(png_jmpbuf(png))) {
		png_set_write_fn(png, b, png_write_buf, png_flush_none);
		png_set_check_for_invalid_index(png, 0); /* indices past the palette are wanted */
		png_set_IHDR(png, info, (png_uint_32)sw, (png_uint_32)sh, depth, PNG_COLOR_TYPE_PALETTE,
			     interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
			     PNG_FILTER_TYPE_DEFAULT);
		png_set_PLTE(png, info, plte, np);
		if (nt)
			png_set_tRNS(png, info, trns, nt, NULL);
		png_write_info(png, info);
		png_set_packing(png); /* a byte a pixel in, depth bits a pixel out */
		png_write_image(png, rp);
		png_write_end(png, info);
		ok = 1;
	}
	png_destroy_write_struct(&png, &info);
	free(rows);
	free(rp);
	return ok;
}

/* What image_decode_fit must give: the picture decoded whole by SDL_image, brought
 * to the box by image_shrink_to_box, and converted to ARGB8888 as the worker does. */
static SDL_Surface *fit_the_long_way(const struct buf *b, int box_w, int box_h)
{
	struct err e = { 0 };
	SDL_Surface *s = image_decode(b->data, b->len, IMAGE_PNG, &e), *argb;
	int opaque;

	if (!s)
		return NULL;
	s = image_shrink_to_box(s, box_w, box_h, &opaque);
	if (s->format->format == SDL_PIXELFORMAT_ARGB8888 && !SDL_HasColorKey(s))
		return s;
	argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(s);
	return argb;
}

static int same_pixels(const SDL_Surface *a, const SDL_Surface *b)
{
	if (!a || !b || a->w != b->w || a->h != b->h || a->format->format != b->format->format)
		return 0;
	for (int y = 0; y < a->h; y++)
		if (memcmp((const char *)a->pixels + (size_t)y * (size_t)a->pitch,
			   (const char *)b->pixels + (size_t)y * (size_t)b->pitch, (size_t)a->w * 4))
			return 0;
	return 1;
}

/* A PNG with a palette shown less than twice smaller is read row by row, straight
 * to the shown size: pixel for pixel what decoding it whole, shrinking and
 * converting give, for every bit depth, short palettes and indices past them, each
 * tRNS SDL_image keeps as a colour key; and the pictures it does not take that way
 * (interlaced, translucent tRNS, inside the box, twice smaller) come out the same
 * too. A spare of the shown size is written into; a damaged stream is an error. */
static void test_decode_fit(void)
{
	static const int sizes[][4] = { { 160, 90, 104, 58 }, { 301, 17, 250, 100 }, { 64, 64, 33, 40 },
					{ 1000, 3, 999, 3 }, { 7, 5, 4, 4 }, { 255, 129, 200, 200 },
					{ 100, 50, 200, 200 }, { 100, 50, 40, 40 }, { 1600, 900, 1038, 584 } };
	static const png_byte one_clear[] = { 255, 255, 0, 255 }, all_opaque[] = { 255, 255 },
			      two_clear[] = { 0, 255, 0 }, translucent[] = { 255, 128 }, clear_first[] = { 0 };
	static const struct {
		const png_byte *t;
		int n;
		const char *what;
	} trns[] = { { NULL, 0, "no tRNS" }, { one_clear, 4, "a tRNS with one clear entry" },
		     { all_opaque, 2, "a tRNS all opaque" }, { two_clear, 3, "a tRNS with two clear entries" },
		     { translucent, 2, "a translucent tRNS" }, { clear_first, 1, "a tRNS of entry 0 clear" } };
	struct buf b = BUF_INIT;
	unsigned seed = 11;
	int bad = 0, cases = 0, rows = 0, wrong_way = 0;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
		for (int depth = 1; depth <= 8; depth *= 2)
			for (size_t t = 0; t < sizeof(trns) / sizeof(trns[0]); t++)
				for (int lace = 0; lace < 2; lace++) {
					int np = depth == 8 ? 5 + (int)(k * 29) % 250 : (1 << depth) - (int)(k % 2),
					    spread = (1 << depth) < np + 3 ? (1 << depth) : np + 3, w0 = 0, h0 = 0,
					    opaque = 9, ow, oh, sw = sizes[k][0], sh = sizes[k][1], bw = sizes[k][2],
					    bh = sizes[k][3], by_rows;
					struct err e = { 0 };
					SDL_Surface *want, *got, *spare, *spare_was;

					if (trns[t].n > np)
						continue; /* not a valid PNG */
					if (!palette_png(&b, sw, sh, depth, np, spread, trns[t].t, trns[t].n, lace, &seed)) {
						if (bad++ < 5)
							printf("# %dx%d, %d bits, %d colours, %s: libpng does not write it\n", sw,
							       sh, depth, np, trns[t].what);
						continue;
					}
					image_box_size(sw, sh, bw, bh, &ow, &oh);
					/* the pictures image_decode_fit reads row by row: into the spare */
					by_rows = !lace && trns[t].t != two_clear && trns[t].t != translucent &&
						  (sw > bw || sh > bh) && 2 * ow > sw && 2 * oh > sh;
					spare = spare_was = image_new_argb(ow, oh);
					/* a reference of ours, so that image_decode_fit's free of it leaves it
					 * allocated and a new picture cannot take its address */
					spare_was->refcount++;
					want = fit_the_long_way(&b, bw, bh);
					got = image_decode_fit(b.data, b.len, IMAGE_PNG, bw, bh, &spare, &w0, &h0, &opaque, &e);
					if (got && (got->format->format != SDL_PIXELFORMAT_ARGB8888 || SDL_HasColorKey(got))) {
						SDL_Surface *argb = SDL_ConvertSurfaceFormat(got, SDL_PIXELFORMAT_ARGB8888, 0);
						SDL_FreeSurface(got);
						got = argb;
					}
					cases++;
					rows += got == spare_was;
					wrong_way += by_rows != (got == spare_was);
					if (!same_pixels(want, got) || w0 != sw || h0 != sh ||
					    (opaque >= 0 && opaque != image_opaque(got))) {
						if (bad++ < 5)
							printf("# %dx%d into %dx%d, %d bits, %d colours, %s%s: %s\n", sw, sh,
							       bw, bh, depth, np, trns[t].what, lace ? ", interlaced" : "",
							       got ? "not the same pixels" : e.msg);
					}
					SDL_FreeSurface(want);
					SDL_FreeSurface(got);
					SDL_FreeSurface(spare_was);
				}
	CHECK(bad == 0 && cases > 300, "%d pictures fitted row by row or whole: the same pixels (%d differ)", cases, bad);
	CHECK(wrong_way == 0 && rows > 60, "%d of them row by row, the others whole (%d the other way)", rows, wrong_way);

	{
		int w0, h0, opaque;
		struct err e = { 0 };
		SDL_Surface *spare = image_new_argb(103, 58), *other = image_new_argb(10, 10), *was = spare, *got;

		palette_png(&b, 160, 90, 8, 40, 40, NULL, 0, 0, &seed);
		got = image_decode_fit(b.data, b.len, IMAGE_PNG, 104, 58, &spare, &w0, &h0, &opaque, &e);
		CHECK(got == was && !spare, "a spare of the shown size (160x90 into 104x58: 103x58) is written into");
		SDL_FreeSurface(got);
		spare = other; /* freed by image_decode_fit (a leak under ASan otherwise) */
		got = image_decode_fit(b.data, b.len, IMAGE_PNG, 104, 58, &spare, &w0, &h0, &opaque, &e);
		CHECK(got && got != other && !spare, "one of another size is freed, not held beside the picture");
		SDL_FreeSurface(got);
	}
	{
		/* the image data deflated wrong under a right CRC: libpng's reason, no picture */
		unsigned char *p = (unsigned char *)b.data;
		size_t at = 8;
		int w0, h0, opaque;
		struct err e = { 0 };
		SDL_Surface *got;

		palette_png(&b, 160, 90, 8, 40, 40, NULL, 0, 0, &seed);
		p = (unsigned char *)b.data;
		while (at + 12 <= b.len && memcmp(p + at + 4, "IDAT", 4))
			at += 12 + ((size_t)p[at] << 24 | (size_t)p[at + 1] << 16 | (size_t)p[at + 2] << 8 | p[at + 3]);
		if (at + 12 <= b.len) {
			size_t len = (size_t)p[at] << 24 | (size_t)p[at + 1] << 16 | (size_t)p[at + 2] << 8 | p[at + 3];
			uLong crc;
			memset(p + at + 8 + 2, 0xff, len > 40 ? 30 : len / 2); /* past the zlib header */
			crc = crc32(0, p + at + 4, (uInt)len + 4);
			p[at + 8 + len] = (unsigned char)(crc >> 24);
			p[at + 9 + len] = (unsigned char)(crc >> 16);
			p[at + 10 + len] = (unsigned char)(crc >> 8);
			p[at + 11 + len] = (unsigned char)crc;
		}
		got = image_decode_fit(b.data, b.len, IMAGE_PNG, 104, 58, NULL, &w0, &h0, &opaque, &e);
		CHECK(!got && e.code == ERR_FORMAT && !strncmp(e.msg, "does not decode as PNG: ", 24),
		      "damaged image data is an error: %s", e.msg);
		SDL_FreeSurface(got);
	}
	buf_release(&b);
}

int main(void)
{
	const char *top = getenv("TOP") ? getenv("TOP") : ".";
	char *zip = xasprintf("%s/tests/fixtures/images/images.zip", top);
	char *zip2 = xasprintf("%s/tests/fixtures/images/images2.zip", top);
	char tmpl[] = "/tmp/kiosk-image-cache-XXXXXX";
	char *tmp = mkdtemp(tmpl), *log;

	CHECK(tmp != NULL, "a temporary folder");
	if (!tmp)
		return 1;
	test_decode(zip, tmp);
	test_budget(zip);
	test_renderers(zip);
	test_zips(zip, zip2, tmp);
	test_damaged_entry(zip, tmp);
	test_order(zip);
	test_free_busy(zip);
	test_stop(zip);
	test_surfaces(zip, SDL_PIXELFORMAT_ARGB8888);
	test_surfaces(zip, SDL_PIXELFORMAT_RGB888);
	test_fit_ahead(zip);
	test_spare(zip);
	test_shrink_palette();
	test_decode_fit();
	test_halve_palette();
	test_halve();
	test_opaque();

	log = xasprintf("%s/stderr.log", tmp);
	unlink(log);
	free(log);
	rmdir(tmp);
	free(zip);
	free(zip2);
	SDL_Quit();
	return test_failures;
}
