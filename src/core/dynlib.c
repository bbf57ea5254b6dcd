/* dynlib.c: a library loaded at its first use (see dynlib.h). */
#include "dynlib.h"
#include "err.h"

#include <SDL2/SDL_error.h>
#include <SDL2/SDL_loadso.h>
#include <stdio.h>
#include <string.h>

/* A slot is written with the bytes of SDL_LoadFunction's void *: POSIX (dlsym)
 * guarantees that a function's address survives the conversion. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer is the size of a void *");

/* The one load, under d->lock: fills the table, or d->why and an all-zero table. */
static void load(struct dynlib *d)
{
	void *lib = SDL_LoadObject(d->soname);
	char name[256];

	if (!lib) {
		snprintf(d->why, sizeof(d->why), "cannot load %s: %s", d->what, SDL_GetError());
		memset(d->table, 0, d->table_size);
		return;
	}
	for (size_t i = 0; i < d->nsyms; i++) {
		void *f;

		snprintf(name, sizeof(name), "%s%s", d->prefix, d->syms[i].name);
		if (!(f = SDL_LoadFunction(lib, name))) {
			snprintf(d->why, sizeof(d->why), "%s has no %s%s%s%s", d->soname, d->prefix, d->syms[i].name,
				 d->needs ? ": " : "", d->needs ? d->needs : "");
			SDL_UnloadObject(lib);
			memset(d->table, 0, d->table_size);
			return;
		}
		memcpy((char *)d->table + d->syms[i].at, &f, sizeof(f));
	}
	/* kept for the life of the process */
}

int dynlib_load(struct dynlib *d, struct err *e)
{
	pthread_mutex_lock(&d->lock);
	if (!d->done) {
		load(d);
		d->done = 1;
	}
	pthread_mutex_unlock(&d->lock);
	if (d->why[0])
		return fail(e, ERR_IO, "%s", d->why);
	return 0;
}
