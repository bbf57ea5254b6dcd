/* test_inbox.c: the inbox's file rules: which names are packs, when a file is
 * taken (settled, signed), and what happens to a refused one. Installing real
 * packs is tested through the command line (tests/cli/t_inbox.sh). */
#include "test.h"
#include "app/config.h"
#include "app/inbox.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int exists(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	int ok = fs_exists(p);
	free(p);
	return ok;
}

static void test_classify(void)
{
	static const struct { const char *name; enum inbox_file want; } cases[] = {
		{ "defectors-day-1.0.0.zip", INBOX_PACK },
		{ "defectors-day-1.0.0.zip.minisig", INBOX_SIGNATURE },
		{ ".syncthing.defectors-day-1.0.0.zip.tmp", INBOX_OTHER },
		{ "defectors-day-1.0.0.sync-conflict-20260714-101010-ABCDEFG.zip", INBOX_OTHER },
		{ "defectors-day-1.0.0.zip.sync-conflict-20260714-101010-ABCDEFG.minisig", INBOX_OTHER },
		{ ".DS_Store", INBOX_OTHER },
		{ "._defectors-day-1.0.0.zip", INBOX_OTHER },
		{ ".~lock.notes.odt#", INBOX_OTHER },
		{ ".defectors-day.zip.swp", INBOX_OTHER },
		{ "defectors-day.zip~", INBOX_OTHER },
		{ "defectors-day.zip.part", INBOX_OTHER },
		{ "defectors-day.zip.crdownload", INBOX_OTHER },
		{ "Thumbs.db", INBOX_OTHER },
		{ "desktop.ini", INBOX_OTHER },
		{ "~$notes.docx", INBOX_OTHER },
		{ ".import-123-x.zip", INBOX_OTHER },
		{ ".stfolder", INBOX_OTHER },
		{ "refused", INBOX_OTHER },
		{ "notes.txt", INBOX_OTHER },
		{ "x.zip.txt", INBOX_OTHER },
		{ ".zip", INBOX_OTHER },
		{ "", INBOX_OTHER },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		CHECK(inbox_classify(cases[i].name) == cases[i].want, "'%s' is %s", cases[i].name,
		      cases[i].want == INBOX_PACK ? "a pack" : cases[i].want == INBOX_SIGNATURE ? "a signature" : "left alone");
}

static void test_scan(const char *top)
{
	struct config cfg;
	struct inbox *ib = NULL;
	struct inbox_opts o = { 0 };
	struct inbox_counts c = { 0 };
	struct err e = { 0 };
	char *data = xasprintf("%s/data", top), *in = xasprintf("%s/data/inbox", top);
	char *refused = xasprintf("%s/refused", in);
	int wait;

	CHECK(config_load(&cfg, "/dev/null", &e) == 0, "an empty config loads");
	o.data_dir = data;
	o.cfg = &cfg;
	o.settle_ms = 1000;
	o.unsigned_ms = 5000;
	CHECK(inbox_open(&ib, &o, &e) == 0 && fs_is_dir(refused), "open makes inbox/ and inbox/refused/");
	if (!ib)
		return;
	CHECK(inbox_scan(ib, 0, &c) == -1 && !c.waiting, "an empty inbox: nothing due");

	test_put(in, "bad-1.0.zip", "this is not a zip");
	test_put(in, ".syncthing.other-1.0.zip.tmp", "half");
	test_put(in, "other-1.0.sync-conflict-20260714-101010-ABCDEFG.zip", "conflict");
	wait = inbox_scan(ib, 10000, &c);
	CHECK(wait == 1000 && c.waiting == 1, "a new zip settles first (wait %d ms, %d waiting)", wait, c.waiting);
	memset(&c, 0, sizeof(c));
	wait = inbox_scan(ib, 11000, &c);
	CHECK(c.waiting == 1 && c.refused == 0 && exists(in, "bad-1.0.zip"),
	      "settled but without its signature: still waiting for it");
	CHECK(wait == 4000, "until the signature's time runs out (wait %d ms)", wait);

	/* the signature arrives: the pair settles again, then the installer refuses it */
	test_put(in, "bad-1.0.zip.minisig", "untrusted comment: not a signature\n");
	memset(&c, 0, sizeof(c));
	inbox_scan(ib, 12000, &c);
	CHECK(c.waiting == 1 && exists(in, "bad-1.0.zip"), "a new signature: settles again");
	memset(&c, 0, sizeof(c));
	wait = inbox_scan(ib, 13000, &c);
	CHECK(c.refused == 1 && !exists(in, "bad-1.0.zip") && !exists(in, "bad-1.0.zip.minisig"),
	      "then refused and taken out of the inbox");
	CHECK(exists(refused, "bad-1.0.zip") && exists(refused, "bad-1.0.zip.minisig") &&
	      exists(refused, "bad-1.0.zip.txt"), "into refused/, with its signature and a .txt");
	{
		char *txt = xasprintf("%s/bad-1.0.zip.txt", refused);
		struct stat st;
		FILE *f = fopen(txt, "r");
		char line[1024] = "";
		if (f) {
			if (!fgets(line, sizeof(line), f))
				line[0] = 0;
			fclose(f);
		}
		CHECK(!strncmp(line, "bad-1.0.zip", 11) && strchr(line, '\n') && !strchr(line, '/'),
		      "the reason is one line naming the file, without folders: %s", line);
		CHECK(stat(txt, &st) == 0 && st.st_size > 20, "and says why");
		free(txt);
	}
	CHECK(exists(in, ".syncthing.other-1.0.zip.tmp") &&
	      exists(in, "other-1.0.sync-conflict-20260714-101010-ABCDEFG.zip"),
	      "Syncthing's temporary and conflict files are left alone");

	/* a zip whose signature never comes */
	test_put(in, "lonely-1.0.zip", "x");
	memset(&c, 0, sizeof(c));
	inbox_scan(ib, 20000, &c);
	memset(&c, 0, sizeof(c));
	inbox_scan(ib, 24000, &c);
	CHECK(c.refused == 0 && exists(in, "lonely-1.0.zip"), "an unsigned zip waits for its signature");
	memset(&c, 0, sizeof(c));
	inbox_scan(ib, 25000, &c);
	CHECK(c.refused == 1 && exists(refused, "lonely-1.0.zip.txt") && !exists(refused, "lonely-1.0.zip.minisig"),
	      "and is refused when it has not come in time");

	/* a file still being written is not taken */
	test_put(in, "growing-1.0.zip", "a");
	test_put(in, "growing-1.0.zip.minisig", "s");
	memset(&c, 0, sizeof(c));
	inbox_scan(ib, 30000, &c);
	test_put(in, "growing-1.0.zip", "ab");
	memset(&c, 0, sizeof(c));
	wait = inbox_scan(ib, 30500, &c);
	CHECK(c.waiting == 1 && wait == 1000, "grown since the last look: settles afresh (wait %d ms)", wait);
	memset(&c, 0, sizeof(c));
	wait = inbox_scan(ib, 31400, &c);
	CHECK(c.waiting == 1 && wait == 100, "unchanged for 0.9 s: still waiting (wait %d ms)", wait);
	memset(&c, 0, sizeof(c));
	inbox_scan(ib, 31500, &c);
	CHECK(c.waiting == 0 && c.refused == 1, "unchanged for a second: taken (and refused: not a zip)");
	inbox_close(ib);
	config_release(&cfg);

	/* imports: temporary name, then rename; stale temporaries of dead imports go */
	{
		char *src = xasprintf("%s/src.zip", top), *stale = xasprintf("%s/.import-999999999-x.zip", in);
		test_put(top, "src.zip", "pack bytes");
		CHECK(inbox_import_file(data, src, "copy-1.0.zip", &e) == 0 && exists(in, "copy-1.0.zip"),
		      "import copies into the inbox");
		CHECK(inbox_import_file(data, "/nonexistent/x.zip", "x.zip", &e) < 0 && strstr(e.msg, "/nonexistent/x.zip") &&
		      !exists(in, "x.zip"), "a missing source is named and nothing appears: %s", e.msg);
		test_put(in, ".import-999999999-x.zip", "half");
		CHECK(inbox_clean_imports(data) == 1 && !fs_exists(stale), "a dead import's temporary is removed");
		free(src);
		free(stale);
	}
	{
		struct inbox_item *items = NULL;
		size_t n = 0;
		inbox_list(data, &items, &n, &e);
		CHECK(n == 4 && !items[0].refused && !strcmp(items[0].name, "copy-1.0.zip") && items[1].refused &&
		      items[1].reason[0], "inbox_list: waiting first, then refused with reasons (%zu)", n);
		free(items);
	}
	free(data);
	free(in);
	free(refused);
}

int main(void)
{
	char top[] = "/tmp/kiosk-inbox-XXXXXX";

	test_classify();
	if (!mkdtemp(top))
		return 1;
	test_scan(top);
	{
		char *cmd = xasprintf("rm -rf '%s'", top);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", top);
		free(cmd);
	}
	return test_failures;
}
