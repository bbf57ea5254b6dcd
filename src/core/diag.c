#include "diag.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct diag_list *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_release(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diag_init(d);
}

void diag_add(struct diag_list *d, int level, const char *file, int line, const char *fmt, ...)
{
	struct diag *g;
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	g = &d->v[d->n++];
	g->level = level;
	g->file = xstrdup(file ? file : "");
	g->line = line;
	g->msg = xstrdup(msg);
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
}

static int cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void diag_sort(struct diag_list *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp);
}

void diag_format(const struct diag *g, char *out, size_t size)
{
	if (g->line > 0)
		snprintf(out, size, "%s:%d: %s", g->file, g->line, g->msg);
	else
		snprintf(out, size, "%s: %s", g->file, g->msg);
}

static const char *level_word(int level)
{
	return level == DIAG_ERROR ? "error" : level == DIAG_WARNING ? "warning" : "info";
}

void diag_print(const struct diag_list *d, FILE *f)
{
	char line[2048];

	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		if (g->line > 0)
			snprintf(line, sizeof(line), "%s:%d: %s: %s", g->file, g->line,
				 level_word(g->level), g->msg);
		else
			snprintf(line, sizeof(line), "%s: %s: %s", g->file,
				 level_word(g->level), g->msg);
		fprintf(f, "%s\n", line);
	}
}
