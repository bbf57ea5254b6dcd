/* err.h: the error struct every library-level function fills on failure. */
#ifndef KIOSK_ERR_H
#define KIOSK_ERR_H

enum err_code {
	ERR_NONE = 0,
	ERR_IO,       /* the file system or a library failed */
	ERR_FORMAT,   /* the input is malformed */
	ERR_REFUSED,  /* the input is well formed but breaks a rule */
	ERR_NOTFOUND, /* what was asked for does not exist */
	ERR_USAGE,    /* the caller asked for something impossible */
	ERR_NOMEM     /* memory ran out: worth trying again later */
};

/* A message is lowercase, names its subject first and has no full stop. */
struct err {
	int code;
	char msg[1024];
};

/* Fill *e (when not NULL) and return -1, so that call sites read
 * `return fail(e, ERR_REFUSED, "entry '%s' leaves the pack", name);`. */
int fail(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Put "prefix: " in front of an existing message. */
void err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
