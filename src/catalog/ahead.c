/* ahead.c: a thread tokenizes exhibit pages and compresses pages a few pages ahead
 * of the install. */
#include "ahead.h"
#include "tokenize.h"
#include "zbody.h"
#include "core/cpu.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Pages worked out ahead at most: the tokens of a page take some 50 KiB, of
 * every page of a large pack a gigabyte. */
#define AHEAD_SLOTS 32

/* The thread compresses a page only when it is at least this many pages ahead of
 * the install; nearer, ahead_next compresses it on the install's thread. Whichever
 * thread is the slower then gives the other the compression (a fifth of the work
 * of an exhibit page): the install's thread waits for nothing when tokenizing is
 * the slower, and the thread, once it runs this far ahead, takes the compression
 * back. */
#define AHEAD_LEAD 4

struct ahead_slot {
	struct token_list *title, *plain; /* of an exhibit page; not for another */
	int exhibit;
	int packed;       /* 1: the thread made the page's body, 0: ahead_next does */
	void *body;       /* packed: the body (zbody_page), body_len bytes, or */
	size_t body_len;  /* body_len (size_t)-1 when zstd failed (short of memory) */
	size_t body_cap;
};

struct ahead {
	const struct pack *p;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t ready;   /* produced grew, or stop */
	pthread_cond_t room;    /* released grew, or stop */
	size_t total;           /* pages */
	size_t produced;        /* slots filled by the thread */
	size_t taken;           /* slots handed out by ahead_next */
	size_t released;        /* slots handed out and done with (taken - 1 or taken) */
	int stop;
	int running;            /* the thread was started */
	struct zbody *z;        /* ahead_next's, for the pages it compresses */
	size_t packed_here;     /* pages ahead_next compressed */
	struct ahead_slot slot[AHEAD_SLOTS];
};

static int text_len(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n > (size_t)0x7fffffff ? 0 : (int)n;
}

static void *work(void *arg)
{
	struct ahead *a = arg;
	const struct pack *p = a->p;
	struct token_recorder *r = token_recorder_new();
	struct zbody *z = zbody_new();
	size_t k = 0;

	for (size_t l = 0; l < p->nlangs; l++)
		for (size_t i = 0; i < p->nnodes; i++) {
			const struct pack_page *pg = &p->nodes[i].pages[l];
			struct ahead_slot *s;
			const void *body;
			int stop, lead;

			pthread_mutex_lock(&a->mu);
			while (!a->stop && k - a->released >= AHEAD_SLOTS)
				pthread_cond_wait(&a->room, &a->mu);
			stop = a->stop;
			lead = k - a->taken >= AHEAD_LEAD;
			pthread_mutex_unlock(&a->mu);
			if (stop)
				goto out;
			/* slot k is not the one ahead_next handed out last (k > released) */
			s = &a->slot[k % AHEAD_SLOTS];
			s->exhibit = p->nodes[i].kind == NODE_EXHIBIT;
			if (s->exhibit) {
				token_recorder_run(r, pg->title ? pg->title : "", text_len(pg->title), s->title);
				token_recorder_run(r, pg->plain ? pg->plain : "", (int)pg->plain_len, s->plain);
			}
			s->packed = lead;
			body = lead ? zbody_page(z, pg->text, pg->len, pg->deflate, pg->deflate_len, pg->deflate_crc,
						 &s->body_len)
				    : NULL;
			if (body) {
				if (s->body_len > s->body_cap) {
					s->body = xrealloc(s->body, s->body_len);
					s->body_cap = s->body_len;
				}
				memcpy(s->body, body, s->body_len);
			} else if (lead) {
				s->body_len = (size_t)-1;
			}
			pthread_mutex_lock(&a->mu);
			a->produced = ++k;
			pthread_cond_signal(&a->ready);
			pthread_mutex_unlock(&a->mu);
		}
out:
	zbody_free(z);
	token_recorder_free(r);
	return NULL;
}

struct ahead *ahead_start(const struct pack *p)
{
	struct ahead *a = xcalloc(1, sizeof(*a));

	a->p = p;
	a->total = p->nlangs * p->nnodes;
	a->z = zbody_new();
	for (size_t i = 0; i < AHEAD_SLOTS; i++) {
		a->slot[i].title = token_list_new();
		a->slot[i].plain = token_list_new();
	}
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->ready, NULL);
	pthread_cond_init(&a->room, NULL);
	a->running = a->total && cpu_helper_start(&a->thread, work, a);
	if (!a->running) {
		ahead_stop(a);
		return NULL;
	}
	return a;
}

int ahead_next(struct ahead *a, const void **body, size_t *body_len, const struct token_list **title,
	       const struct token_list **plain)
{
	struct ahead_slot *s;
	size_t k;

	pthread_mutex_lock(&a->mu);
	if (a->taken) {
		a->released = a->taken;
		pthread_cond_signal(&a->room);
	}
	if (a->taken >= a->total) {
		pthread_mutex_unlock(&a->mu);
		return 0;
	}
	while (a->produced <= a->taken)
		pthread_cond_wait(&a->ready, &a->mu);
	k = a->taken++;
	s = &a->slot[k % AHEAD_SLOTS];
	pthread_mutex_unlock(&a->mu);
	if (!s->packed) {
		const struct pack_page *pg = &a->p->nodes[k % a->p->nnodes].pages[k / a->p->nnodes];
		*body = zbody_page(a->z, pg->text, pg->len, pg->deflate, pg->deflate_len, pg->deflate_crc, body_len);
		a->packed_here++;
	} else {
		*body = s->body_len == (size_t)-1 ? NULL : s->body;
		*body_len = s->body_len == (size_t)-1 ? 0 : s->body_len;
	}
	if (!*body)
		*body_len = 0;
	*title = s->exhibit ? s->title : NULL;
	*plain = s->exhibit ? s->plain : NULL;
	return 1;
}

size_t ahead_packed_here(const struct ahead *a)
{
	return a->packed_here;
}

void ahead_stop(struct ahead *a)
{
	if (!a)
		return;
	if (a->running) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_signal(&a->room);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->thread, NULL);
	}
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->ready);
	pthread_cond_destroy(&a->room);
	zbody_free(a->z);
	for (size_t i = 0; i < AHEAD_SLOTS; i++) {
		token_list_free(a->slot[i].title);
		token_list_free(a->slot[i].plain);
		free(a->slot[i].body);
	}
	free(a);
}
