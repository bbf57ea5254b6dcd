/* diag.h: a list of problems found in an input, each `file:line: message`, so that
 * a curator sees every problem at once rather than one per run. */
#ifndef KIOSK_DIAG_H
#define KIOSK_DIAG_H

#include <stddef.h>
#include <stdio.h>

/* DIAG_INFO reports a fact (such as a narration's length); it counts as neither */
enum diag_level { DIAG_WARNING, DIAG_ERROR, DIAG_INFO };

struct diag {
	int level;
	char *file; /* owned; path as the user knows it */
	int line;   /* 0 when the problem is about the whole file */
	char *msg;  /* owned */
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings; /* DIAG_INFO lines are in v but in neither count */
};

void diag_init(struct diag_list *d);
void diag_release(struct diag_list *d);
void diag_add(struct diag_list *d, int level, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Sort by file, then line, so that output is stable whatever order checks ran in. */
void diag_sort(struct diag_list *d);
/* Print `file:line: error: msg` lines. */
void diag_print(const struct diag_list *d, FILE *f);
/* Format one diagnostic as a single line into out (no level word). */
void diag_format(const struct diag *g, char *out, size_t size);

#endif
