/* ziplib.c: libzip, loaded at its first use (see ziplib.h). */
#include "ziplib.h"
#include "tree.h"

#include "core/err.h"

#include <SDL2/SDL_error.h>
#include <SDL2/SDL_loadso.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define ZIPLIB_SONAME "libzip.so.4"

struct ziplib zl;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char why[256]; /* why it could not be loaded, or "" */

static void load(void)
{
	void *lib = SDL_LoadObject(ZIPLIB_SONAME);

	if (!lib) {
		snprintf(why, sizeof(why), "cannot load libzip (%s), which reads packs: %s", ZIPLIB_SONAME,
			 SDL_GetError());
		return;
	}
#define ZIPLIB_GET(f) \
	if (!(zl.f = (__typeof__(zl.f))SDL_LoadFunction(lib, "zip_" #f))) { \
		snprintf(why, sizeof(why), "%s has no zip_" #f ": libzip 1.7 or later is needed", ZIPLIB_SONAME); \
		SDL_UnloadObject(lib); \
		memset(&zl, 0, sizeof(zl)); \
		return; \
	}
	ZIPLIB_FUNCS(ZIPLIB_GET)
#undef ZIPLIB_GET
	/* kept for the life of the process */
}

int ziplib_load(struct err *e)
{
	pthread_once(&once, load);
	if (why[0])
		return fail(e, ERR_IO, "%s", why);
	return 0;
}

const char *ziplib_version(void)
{
	return ziplib_load(NULL) < 0 ? NULL : zl.libzip_version();
}
