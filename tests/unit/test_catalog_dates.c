/* test_catalog_dates.c: what the running kiosk asks of the catalog to follow it:
 * every pack with its dates, newest first, and a data version that moves when
 * another connection commits. */
#include "test.h"
#include "catalog/catalog.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/tree.h"

#include <stdlib.h>
#include <unistd.h>

static int load(const char *dir, struct tree *t, struct pack *p)
{
	struct diag_list d;
	struct err e = { 0 };
	int rc;

	diag_init(&d);
	rc = tree_open_dir(t, dir, &d, &e) || pack_load(p, t, 0, &d, &e) || pack_check_media(p, t, &d, &e) ||
	     d.errors;
	diag_release(&d);
	return rc ? -1 : 0;
}

/* Install the mini fixture as pack `id` with the given dates at time `now`. */
static int install(struct catalog *c, const char *mini, const char *id, const char *from, const char *until,
		   int64_t now)
{
	struct tree t;
	struct pack p = { 0 };
	struct err e = { 0 };
	char replaced[256], *file;
	int rc;

	if (load(mini, &t, &p) < 0)
		return -1;
	free(p.id);
	p.id = xstrdup(id);
	free(p.show_from);
	free(p.show_until);
	p.show_from = from ? xstrdup(from) : NULL;
	p.show_until = until ? xstrdup(until) : NULL;
	file = xasprintf("%s-1.0.0.zip", id);
	rc = catalog_install(c, &p, file, "0000000000000000000000000000000000000000000000000000000000000000", now,
			     NULL, NULL, replaced, sizeof(replaced), &e);
	if (rc < 0)
		fprintf(stderr, "install %s: %s\n", id, e.msg);
	free(file);
	pack_release(&p);
	tree_close(&t);
	return rc;
}

int main(void)
{
	const char *top = getenv("TOP") ? getenv("TOP") : ".";
	char *mini = xasprintf("%s/tests/fixtures/mini", top);
	char dir[] = "/tmp/kiosk-dates-XXXXXX";
	struct catalog *w = NULL, *r = NULL;
	struct catalog_pack_dates *d = NULL;
	struct err e = { 0 };
	size_t n = 0;
	int64_t v0 = 0, v1 = 0, v2 = 0;
	char *path;

	if (!mkdtemp(dir))
		return 1;
	path = xasprintf("%s/catalog.db", dir);
	CHECK(catalog_open(&w, path, CATALOG_CREATE, &e) == 0, "a writer opens a new catalog");
	CHECK(catalog_open(&r, path, CATALOG_READONLY, &e) == 0, "a reader opens it too");
	if (!w || !r)
		return 1;
	CHECK(catalog_pack_dates(r, &d, &n, &e) == 0 && n == 0, "no packs: an empty list");
	free(d);
	CHECK(catalog_data_version(r, &v0, &e) == 0, "the reader's data version");
	CHECK(install(w, mini, "alpha", NULL, NULL, 1000) == 0, "install alpha (no dates)");
	CHECK(install(w, mini, "later", "2026-08-01", NULL, 3000) == 0, "install later (from August)");
	CHECK(install(w, mini, "over", "2026-06-01", "2026-06-30", 2000) == 0, "install over (June)");
	CHECK(catalog_data_version(r, &v1, &e) == 0 && v1 != v0, "another connection's commits move the data version");
	CHECK(catalog_data_version(r, &v2, &e) == 0 && v2 == v1, "and it stays put while nothing changes");
	CHECK(catalog_pack_dates(r, &d, &n, &e) == 0 && n == 3, "three packs with their dates");
	if (n == 3) {
		CHECK_STR(d[0].id, "later", "the most recently installed first");
		CHECK_STR(d[1].id, "over", "then the next");
		CHECK_STR(d[2].id, "alpha", "the oldest last");
		CHECK_STR(d[0].show_from, "2026-08-01", "show_from read");
		CHECK_STR(d[0].show_until, "", "no show_until: empty");
		CHECK_STR(d[1].show_until, "2026-06-30", "show_until read");
		CHECK_STR(d[2].show_from, "", "no dates: empty");
		CHECK(d[0].installed_at == 3000 && !strcmp(d[0].version, "1.0.0"), "install time and version");
	}
	free(d);
	{
		char file[256];
		CHECK(catalog_remove(w, "over", file, sizeof(file), &e) == 0, "remove over");
		CHECK(catalog_data_version(r, &v2, &e) == 0 && v2 != v1, "a removal moves the data version too");
	}
	catalog_close(r);
	catalog_close(w);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
		free(cmd);
	}
	free(path);
	free(mini);
	return test_failures;
}
