/* pages.c: a zip's pages normalised and parsed on a second thread while pack_load
 * goes through the pack, the thread from the last page backwards, pack_load from
 * the first forwards, each page by whichever comes to it first. */
#include "internal.h"
#include "media_lint.h"
#include "pack.h"
#include "tree.h"
#include "core/buf.h"
#include "core/cpu.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { PAGE_NONE, PAGE_WAITING, PAGE_THREAD, PAGE_DONE, PAGE_CALLER };

/* A page made by the thread: what pack_page_prepare fills, and its diagnostics. */
struct made {
	struct pack_page pg;
	struct diag_list diags;
};

struct page_prep {
	struct tree *t;
	size_t *files;          /* indices in t->files, in pack_load's order */
	size_t n;
	unsigned char *state;   /* PAGE_* for each file of the tree */
	struct made **made;     /* for each file of the tree: the thread's, or NULL */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t done;    /* a page became PAGE_DONE */
	int stop;
};

void pack_page_prepare(struct tree *t, const struct tree_file *f, const char *shown,
		       struct pack_page *pg, struct diag_list *diags, struct err *e, int *io_failed)
{
	struct buf raw = BUF_INIT;

	if (tree_read(t, f, PACK_MAX_PAGE_BYTES, &raw, e) < 0) {
		if (t->is_zip && e->code != ERR_IO)
			diag_add(diags, DIAG_ERROR, shown, 0, "%s", e->msg);
		else
			*io_failed = 1;
		goto out;
	}
	pg->text = pack_normalise_text(raw.data, raw.len, shown, &pg->len, diags);
	if (!pg->text)
		goto out;
	pack_take_warning(pg, shown, diags);
	pg->present = 1;
	md_parse(pg->text, pg->len, shown, &pg->doc, diags);
	/* the zip's own compressed bytes of the page, when the text is still the
	 * zip's: not normalised, no content warning taken out of it */
	pg->deflate = tree_take_deflate(t, f, &pg->deflate_len, &pg->deflate_crc);
	if (pg->deflate && (pg->len != raw.len || memcmp(pg->text, raw.data, raw.len))) {
		free(pg->deflate);
		pg->deflate = NULL;
		pg->deflate_len = 0;
	}
out:
	buf_release(&raw);
}

static void *work(void *arg)
{
	struct page_prep *pp = arg;

	for (size_t k = pp->n; k-- > 0;) {
		size_t i = pp->files[k];
		struct tree_file *f = &pp->t->files[i];
		struct made *m;
		struct err e = { 0 };
		char *shown;
		int io_failed = 0, mine, stop;

		pthread_mutex_lock(&pp->mu);
		/* only a page whose bytes the tree kept: reading the zip is the caller's */
		stop = pp->stop;
		mine = !stop && pp->state[i] == PAGE_WAITING && f->text;
		if (mine)
			pp->state[i] = PAGE_THREAD;
		pthread_mutex_unlock(&pp->mu);
		if (stop)
			break;
		if (!mine)
			continue;
		m = xcalloc(1, sizeof(*m));
		diag_init(&m->diags);
		shown = tree_display(pp->t, f->path);
		pack_page_prepare(pp->t, f, shown, &m->pg, &m->diags, &e, &io_failed);
		free(shown);
		pthread_mutex_lock(&pp->mu);
		pp->made[i] = m;
		pp->state[i] = PAGE_DONE;
		pthread_cond_broadcast(&pp->done);
		pthread_mutex_unlock(&pp->mu);
	}
	return NULL;
}

/* Below this many pages a second thread is not worth its start. */
#define PREP_THREAD_MIN 16

struct page_prep *pack_pages_start(struct tree *t, const size_t *files, size_t n)
{
	struct page_prep *pp;

	if (!t->is_zip || n < PREP_THREAD_MIN)
		return NULL;
	pp = xcalloc(1, sizeof(*pp));
	pp->t = t;
	pp->files = xmalloc(n * sizeof(*files));
	memcpy(pp->files, files, n * sizeof(*files));
	pp->n = n;
	pp->state = xcalloc(t->n, 1);
	pp->made = xcalloc(t->n, sizeof(*pp->made));
	for (size_t k = 0; k < n; k++)
		pp->state[files[k]] = PAGE_WAITING;
	pthread_mutex_init(&pp->mu, NULL);
	pthread_cond_init(&pp->done, NULL);
	if (!cpu_helper_start(&pp->thread, work, pp)) {
		pthread_mutex_destroy(&pp->mu);
		pthread_cond_destroy(&pp->done);
		free(pp->files);
		free(pp->state);
		free(pp->made);
		free(pp);
		return NULL;
	}
	return pp;
}

int pack_pages_take(struct page_prep *pp, const struct tree_file *f, struct pack_page *pg,
		    struct diag_list *diags)
{
	size_t i;
	struct made *m;

	if (!pp)
		return 0;
	i = (size_t)(f - pp->t->files);
	pthread_mutex_lock(&pp->mu);
	if (pp->state[i] == PAGE_WAITING)
		pp->state[i] = PAGE_CALLER;
	while (pp->state[i] == PAGE_THREAD)
		pthread_cond_wait(&pp->done, &pp->mu);
	m = pp->state[i] == PAGE_DONE ? pp->made[i] : NULL;
	if (m) {
		pp->made[i] = NULL;
		pp->state[i] = PAGE_CALLER;
	}
	pthread_mutex_unlock(&pp->mu);
	if (!m)
		return 0;
	pg->text = m->pg.text;
	pg->len = m->pg.len;
	pg->deflate = m->pg.deflate;
	pg->deflate_len = m->pg.deflate_len;
	pg->deflate_crc = m->pg.deflate_crc;
	pg->warning = m->pg.warning;
	pg->present = m->pg.present;
	pg->doc = m->pg.doc;
	for (size_t k = 0; k < m->diags.n; k++)
		diag_add(diags, m->diags.v[k].level, m->diags.v[k].file, m->diags.v[k].line, "%s",
			 m->diags.v[k].msg);
	diag_release(&m->diags);
	free(m);
	return 1;
}

void pack_pages_stop(struct page_prep *pp)
{
	if (!pp)
		return;
	pthread_mutex_lock(&pp->mu);
	pp->stop = 1;
	pthread_mutex_unlock(&pp->mu);
	pthread_join(pp->thread, NULL);
	for (size_t i = 0; i < pp->t->n; i++) {
		struct made *m = pp->made[i];
		if (!m)
			continue;
		free(m->pg.text);
		free(m->pg.deflate);
		free(m->pg.warning);
		md_release(&m->pg.doc);
		diag_release(&m->diags);
		free(m);
	}
	pthread_mutex_destroy(&pp->mu);
	pthread_cond_destroy(&pp->done);
	free(pp->files);
	free(pp->state);
	free(pp->made);
	free(pp);
}
