#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Memory that cannot be had. Small allocations fail only when the whole machine is
 * short, often for a moment (another program's peak, the kernel reclaiming caches):
 * wait a little and try again, up to about a second. After that the program ends
 * with one line and status XALLOC_EXIT, never abort(): no core dump to fill the disk,
 * and a service manager restarts it after its pause on a clean start (the attract
 * screen, empty caches), where a kiosk that went on with a NULL would crash again. */
static void out_of_memory(size_t n, int *tries)
{
	struct timespec pause = { 0, 50 * 1000000L };

	if (n != SIZE_MAX && (*tries)++ < 20) {
		nanosleep(&pause, NULL);
		return;
	}
	fprintf(stderr, "kiosk: out of memory allocating %zu bytes\n", n);
	_exit(XALLOC_EXIT);
}

void *xmalloc(size_t n)
{
	void *p;
	int tries = 0;

	while (!(p = malloc(n ? n : 1)))
		out_of_memory(n, &tries);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;
	int tries = 0;

	if (size && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX, &tries);
	while (!(p = calloc(n ? n : 1, size ? size : 1)))
		out_of_memory(n * size, &tries);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q;
	int tries = 0;

	while (!(q = realloc(p, n ? n : 1)))
		out_of_memory(n, &tries);
	return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	int never = 0;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			out_of_memory(SIZE_MAX, &never);
		c *= 2;
	}
	if (size && c > SIZE_MAX / size)
		out_of_memory(SIZE_MAX, &never);
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup(""); /* an encoding error: nothing to print */
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
