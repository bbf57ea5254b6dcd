#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int journal_stderr(void)
{
	const char *js = getenv("JOURNAL_STREAM"), *force = getenv("KIOSK_LOG_PREFIX");
	unsigned long long dev, ino;
	struct stat st;

	if (force && *force)
		return !strcmp(force, "1");
	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
		return 0;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

int log_prefixed(void)
{
	return journal_stderr();
}

void log_line(int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (char *c = msg; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = c[1] ? ';' : ' ';
	if (log_prefixed())
		fprintf(stderr, "<%d>kiosk: %s\n", level, msg);
	else
		fprintf(stderr, "kiosk: %s\n", msg);
}
