/* test_pin.c: the PIN hash, its file, and the lock-out after wrong PINs. */
#include "test.h"
#include "app/config.h"
#include "app/pin.h"
#include "core/err.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char top[] = "/tmp/kiosk-pin-XXXXXX", hash[PIN_HASH_MAX], loaded[PIN_HASH_MAX];
	struct pin_guard g = { 0 };
	struct err e = { 0 };
	struct config cfg = { 0 };
	int64_t wait, t = 1000;
	char *path, *cpath;
	struct stat st;

	if (!mkdtemp(top))
		return 1;
	CHECK(pin_valid("1234", &e) == 0 && pin_valid("123456789012", &e) == 0, "4 and 12 digits are PINs");
	CHECK(pin_valid("123", &e) < 0 && strstr(e.msg, "4 to 12"), "3 digits are not: %s", e.msg);
	CHECK(pin_valid("12a4", &e) < 0 && strstr(e.msg, "digits only"), "letters are not: %s", e.msg);
	CHECK(pin_valid("1234567890123", &e) < 0, "13 digits are not");

	CHECK(pin_hash("2468", hash, &e) == 0 && !strncmp(hash, "$argon2id$", 10), "the hash is Argon2id: %.30s", hash);
	{
		char again[PIN_HASH_MAX];
		pin_hash("2468", again, &e);
		CHECK(strcmp(hash, again), "two hashes of one PIN differ (salted)");
	}

	/* the file beside the config */
	cpath = xasprintf("%s/etc/kiosk.ini", top);
	cfg.path = cpath;
	path = pin_path(&cfg);
	{
		char *want = xasprintf("%s/etc/kiosk.pin", top);
		CHECK(!strcmp(path, want), "kiosk.pin beside the config: %s", path);
		free(want);
	}
	CHECK(pin_load(path, loaded, &e) == 0, "no file: no PIN set");
	CHECK(pin_store(path, "2468", NULL, &e) == 0, "stored%s%s", e.code ? ": " : "", e.code ? e.msg : "");
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "mode 0640 (%o)", st.st_mode & 0777);
	CHECK(pin_load(path, loaded, &e) == 1 && !strncmp(loaded, "$argon2id$", 10), "read back");
	CHECK(pin_store(path, "12", NULL, &e) < 0 && pin_load(path, loaded, &e) == 1, "a bad PIN changes nothing");
	{
		FILE *f = fopen(path, "w");
		fputs("1234\n", f);
		fclose(f);
		CHECK(pin_load(path, loaded, &e) < 0 && strstr(e.msg, "not a PIN hash"), "a plain PIN in the file is refused: %s",
		      e.msg);
	}
	pin_store(path, "2468", NULL, &e);
	pin_load(path, loaded, &e);

	CHECK(pin_check(&g, loaded, "2468", t, &wait) == PIN_RIGHT, "the right PIN");
	for (int i = 1; i <= 4; i++)
		CHECK(pin_check(&g, loaded, "1111", t, &wait) == PIN_WRONG && wait == 0, "wrong PIN %d: no lock yet", i);
	CHECK(pin_check(&g, loaded, "1111", t, &wait) == PIN_WRONG && wait == PIN_LOCK_MS, "the fifth wrong PIN locks for %lld ms",
	      (long long)wait);
	CHECK(pin_check(&g, loaded, "2468", t + 1000, &wait) == PIN_LOCKED && wait == PIN_LOCK_MS - 1000,
	      "while locked even the right PIN is not checked (%lld ms left)", (long long)wait);
	t += PIN_LOCK_MS;
	CHECK(pin_check(&g, loaded, "1111", t, &wait) == PIN_WRONG && wait == 2 * PIN_LOCK_MS,
	      "a sixth wrong PIN after the lock: twice as long");
	t += 2 * PIN_LOCK_MS;
	CHECK(pin_check(&g, loaded, "1111", t, &wait) == PIN_WRONG && wait == 4 * PIN_LOCK_MS, "then four times");
	for (int i = 0; i < 20; i++) {
		t += wait;
		pin_check(&g, loaded, "1111", t, &wait);
	}
	CHECK(wait == PIN_LOCK_MAX_MS, "growing up to an hour (%lld ms)", (long long)wait);
	t += wait;
	CHECK(pin_check(&g, loaded, "2468", t, &wait) == PIN_RIGHT && g.wrong == 0 && !g.locked_until,
	      "after the lock the right PIN opens and clears the count");
	CHECK(pin_check(&g, loaded, "1111", t, &wait) == PIN_WRONG && wait == 0, "and the next wrong PIN starts again from one");
	CHECK(pin_check(&g, loaded, "", t, &wait) == PIN_WRONG, "an empty PIN is wrong");
	{
		char *cmd = xasprintf("rm -rf '%s'", top);
		if (system(cmd) != 0)
			return 1;
		free(cmd);
	}
	free(path);
	free(cpath);
	return test_failures;
}
