#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int fail(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
	char head[512], old[sizeof(e->msg)];
	size_t n, m;
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	n = strlen(head);
	m = strnlen(old, sizeof(old) - 1);
	if (n + 2 + m >= sizeof(e->msg))
		m = sizeof(e->msg) - n - 3;
	memcpy(e->msg, head, n);
	memcpy(e->msg + n, ": ", 2);
	memcpy(e->msg + n + 2, old, m);
	e->msg[n + 2 + m] = 0;
}
