#include "firstrun.h"
#include "config.h"
#include "installer.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "pack/sign.h"

#include <glob.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *firstrun_share_dir(void)
{
	const char *d = getenv("KIOSK_SHARE_DIR");

	return d && *d ? d : "/usr/share/kiosk";
}

/* Owned by root or by us, and writable by nobody else. */
static int trusted_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return 0;
	return (st.st_uid == 0 || st.st_uid == geteuid()) && !(st.st_mode & (S_IWGRP | S_IWOTH));
}

/* Number of installed packs, or -1. */
static int installed_packs(const char *data_dir, struct err *e)
{
	char *cpath = installer_catalog_path(data_dir);
	struct catalog *cat = NULL;
	struct catalog_pack *v = NULL;
	size_t n = 0;
	int rc = 0;

	if (fs_exists(cpath)) {
		if (catalog_open(&cat, cpath, CATALOG_READONLY, e) < 0 || catalog_pack_list(cat, &v, &n, e) < 0)
			rc = -1;
		else
			rc = (int)n;
		free(v);
		catalog_close(cat);
	}
	free(cpath);
	return rc;
}

int firstrun_install_bundled(const struct config *cfg, const char *data_dir, struct err *e)
{
	char *pattern = xasprintf("%s/packs/*.zip", firstrun_share_dir());
	struct sign_keyring keys = { 0 };
	struct install_opts o = { 0 };
	int have = installed_packs(data_dir, e), done = 0;
	glob_t g;

	if (have != 0 || glob(pattern, 0, NULL, &g) != 0) {
		free(pattern);
		return have < 0 ? -1 : 0;
	}
	o.budget = cfg->budget;
	o.now = (int64_t)time(NULL);
	o.allow_unsigned = 1; /* trusted by path: see firstrun.h */
	o.keys = &keys;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *zip = g.gl_pathv[i];
		char *dir = xstrdup(zip);
		struct install_result r;
		struct err ie = { 0 };

		if (!trusted_path(zip) || !trusted_path(dirname(dir))) {
			log_line(LOG_LEVEL_WARNING, "bundled pack %s refused: it or its folder can be written by other "
				 "users than root", zip);
		} else if (installer_install(data_dir, zip, &o, &r, &ie) < 0) {
			log_line(LOG_LEVEL_WARNING, "bundled pack refused: %s", ie.msg);
		} else {
			log_line(LOG_LEVEL_INFO, "first start: installed the bundled pack %s %s from %s in %s", r.id,
				 r.version, zip, data_dir);
			done++;
		}
		free(dir);
	}
	globfree(&g);
	free(pattern);
	return done;
}
