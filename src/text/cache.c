/* cache.c: the engine's own caches. Measured widths and rendered pixels (textures
 * or coverage masks) of pieces of text share one hash table keyed by (font key,
 * bytes); pixels are trimmed least recently used first to a budget of pixels. Glyph metrics have an
 * open-addressing table keyed by (font key, code point). Both are bounded:
 * past their caps they are emptied and refilled, never grown without end. */
#include "internal.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Past these, the width table is emptied (a kiosk shows a bounded set of texts). */
enum { CHUNK_MAX_ENTRIES = 1 << 17, CHUNK_MAX_KEY_BYTES = 8 << 20 };
enum { GLYPH_MAX_ENTRIES = 1 << 17 };

static uint64_t hash_bytes(uint32_t fkey, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ ((uint64_t)fkey * 0x9E3779B97F4A7C15ull);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h ^ (h >> 29);
}

struct chunk *chunk_find(struct text_engine *t, uint32_t fkey, const char *s, size_t n)
{
	uint64_t h;
	struct chunk *c;

	if (!t->nbuckets)
		return NULL;
	h = hash_bytes(fkey, s, n);
	for (c = t->buckets[h & (t->nbuckets - 1)]; c; c = c->next)
		if (c->hash == h && c->fkey == fkey && c->len == n && !memcmp(c->bytes, s, n))
			return c;
	return NULL;
}

static void lru_unlink(struct text_engine *t, struct chunk *c)
{
	if (c->lru_prev)
		c->lru_prev->lru_next = c->lru_next;
	else
		t->lru_head = c->lru_next;
	if (c->lru_next)
		c->lru_next->lru_prev = c->lru_prev;
	else
		t->lru_tail = c->lru_prev;
	c->lru_prev = c->lru_next = NULL;
}

static void lru_push(struct text_engine *t, struct chunk *c)
{
	c->epoch = t->epoch;
	c->lru_prev = NULL;
	c->lru_next = t->lru_head;
	if (t->lru_head)
		t->lru_head->lru_prev = c;
	else
		t->lru_tail = c;
	t->lru_head = c;
}

static void drop_texture(struct text_engine *t, struct chunk *c, int destroy)
{
	size_t px = (size_t)c->tw * (size_t)c->th;

	if (!c->tex && !c->mask)
		return;
	lru_unlink(t, c);
	if (c->mask) {
		free(c->mask);
		c->mask = NULL;
		t->tex_bytes -= px;
		t->freed += px;
	} else {
		if (destroy)
			SDL_DestroyTexture(c->tex);
		c->tex = NULL;
		t->tex_bytes -= px * 4;
	}
	t->tex_pixels -= px;
}

static void free_chunks(struct text_engine *t, int destroy)
{
	struct chunk *c, *next;
	size_t i;

	for (i = 0; i < t->nbuckets; i++) {
		for (c = t->buckets[i]; c; c = next) {
			next = c->next;
			drop_texture(t, c, destroy);
			free(c);
		}
		t->buckets[i] = NULL;
	}
	t->nchunks = 0;
	t->key_bytes = 0;
}

static void rehash(struct text_engine *t, size_t nb)
{
	struct chunk **b = xcalloc(nb, sizeof(*b)), *c, *next;
	size_t i;

	for (i = 0; i < t->nbuckets; i++) {
		for (c = t->buckets[i]; c; c = next) {
			next = c->next;
			c->next = b[c->hash & (nb - 1)];
			b[c->hash & (nb - 1)] = c;
		}
	}
	free(t->buckets);
	t->buckets = b;
	t->nbuckets = nb;
}

struct chunk *chunk_add(struct text_engine *t, uint32_t fkey, const char *s, size_t n, int width)
{
	struct chunk *c;
	uint64_t h = hash_bytes(fkey, s, n);

	if (n > UINT32_MAX)
		return NULL;
	if (t->nchunks >= CHUNK_MAX_ENTRIES || t->key_bytes + n > CHUNK_MAX_KEY_BYTES)
		free_chunks(t, t->renderer != NULL);
	if (t->nchunks + 1 > t->nbuckets / 4 * 3)
		rehash(t, t->nbuckets ? t->nbuckets * 2 : 256);
	c = xmalloc(sizeof(*c) + n + 1);
	memset(c, 0, sizeof(*c));
	c->hash = h;
	c->fkey = fkey;
	c->len = (uint32_t)n;
	c->width = width;
	memcpy(c->bytes, s, n);
	c->bytes[n] = 0;
	c->next = t->buckets[h & (t->nbuckets - 1)];
	t->buckets[h & (t->nbuckets - 1)] = c;
	t->nchunks++;
	t->key_bytes += n;
	return c;
}

void chunk_touch(struct text_engine *t, struct chunk *c)
{
	c->epoch = t->epoch;
	if ((c->tex || c->mask) && t->lru_head != c) {
		lru_unlink(t, c);
		lru_push(t, c);
	}
}

void chunk_trim(struct text_engine *t, const struct chunk *keep)
{
	struct chunk *c = t->lru_tail, *prev;

	while (c && t->tex_pixels > t->budget) {
		prev = c->lru_prev;
		if (c != keep)
			drop_texture(t, c, 1);
		c = prev;
	}
}

int chunk_room_to_warm(struct text_engine *t)
{
	while (t->tex_pixels > t->budget / 4 * 3) {
		struct chunk *c = t->lru_tail;
		if (!c || c->epoch == t->epoch)
			return 0;
		drop_texture(t, c, 1);
	}
	return 1;
}

void text_engine_next_epoch(struct text_engine *t)
{
	if (t)
		t->epoch++;
}

void text_engine_give_back(struct text_engine *t)
{
#ifdef __GLIBC__
	/* masks are freed from the middle of the heap, where glibc keeps the pages:
	 * give them back once a megabyte has gone, so that memory follows the budget
	 * rather than the visit's high mark */
	if (t && t->freed >= (1u << 20)) {
		t->freed = 0;
		malloc_trim(0);
	}
#else
	(void)t;
#endif
}

void chunk_set_texture(struct text_engine *t, struct chunk *c, SDL_Texture *tex, int w, int h)
{
	drop_texture(t, c, 1);
	c->tex = tex;
	c->tw = w;
	c->th = h;
	t->tex_bytes += (size_t)w * (size_t)h * 4;
	t->tex_pixels += (size_t)w * (size_t)h;
	lru_push(t, c);
	chunk_trim(t, c);
}

void chunk_set_mask(struct text_engine *t, struct chunk *c, uint8_t *mask, int w, int h)
{
	drop_texture(t, c, 1);
	c->mask = mask;
	c->tw = w;
	c->th = h;
	t->tex_bytes += (size_t)w * (size_t)h;
	t->tex_pixels += (size_t)w * (size_t)h;
	lru_push(t, c);
	chunk_trim(t, c);
}

void chunk_drop_texture(struct text_engine *t, struct chunk *c)
{
	drop_texture(t, c, 1);
}

void chunk_drop_textures(struct text_engine *t, int destroy, int keep_masks)
{
	struct chunk *c = t->lru_head, *next;

	for (; c; c = next) {
		next = c->lru_next;
		if (!keep_masks || !c->mask)
			drop_texture(t, c, destroy);
	}
}

void chunk_free_all(struct text_engine *t)
{
	free_chunks(t, t->renderer != NULL);
	free(t->buckets);
	t->buckets = NULL;
	t->nbuckets = 0;
}

void text_engine_set_budget(struct text_engine *t, size_t pixels)
{
	t->budget = pixels;
	chunk_trim(t, NULL);
}

unsigned text_engine_missed(struct text_engine *t)
{
	unsigned n = t->missed;
	t->missed = 0;
	return n;
}

size_t text_engine_texture_bytes(const struct text_engine *t)
{
	return t->tex_bytes;
}

static size_t glyph_slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 31;
	key *= 0x9E3779B97F4A7C15ull;
	return (size_t)(key >> 17) & (cap - 1);
}

int glyph_find(const struct text_engine *t, uint64_t key, struct glyph *out)
{
	size_t i;

	if (!t->glyph_cap)
		return 0;
	for (i = glyph_slot_of(key, t->glyph_cap); t->glyphs[i].key; i = (i + 1) & (t->glyph_cap - 1)) {
		if (t->glyphs[i].key == key) {
			*out = t->glyphs[i].g;
			return 1;
		}
	}
	return 0;
}

static void glyph_insert(struct glyph_slot *v, size_t cap, uint64_t key, struct glyph g)
{
	size_t i;

	for (i = glyph_slot_of(key, cap); v[i].key && v[i].key != key; i = (i + 1) & (cap - 1))
		;
	v[i].key = key;
	v[i].g = g;
}

void glyph_put(struct text_engine *t, uint64_t key, struct glyph g)
{
	struct glyph_slot *old = t->glyphs;
	size_t i, cap = t->glyph_cap;

	if (t->nglyphs >= GLYPH_MAX_ENTRIES) {
		memset(t->glyphs, 0, t->glyph_cap * sizeof(*t->glyphs));
		t->nglyphs = 0;
	}
	if ((t->nglyphs + 1) * 2 > t->glyph_cap) {
		t->glyph_cap = cap ? cap * 2 : 1024;
		t->glyphs = xcalloc(t->glyph_cap, sizeof(*t->glyphs));
		for (i = 0; i < cap; i++)
			if (old[i].key)
				glyph_insert(t->glyphs, t->glyph_cap, old[i].key, old[i].g);
		free(old);
	}
	glyph_insert(t->glyphs, t->glyph_cap, key, g);
	t->nglyphs++;
}
