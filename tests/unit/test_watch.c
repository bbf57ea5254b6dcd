/* test_watch.c: the watch on the catalog's folder calls back for writes to the
 * catalog's files (a commit to the WAL, a new catalog renamed into place), once
 * for a burst of writes, never for the folder's other files, and says when the
 * folder went. */
#include "test.h"
#include "app/watch.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static atomic_int calls;

static void changed(void *ctx)
{
	(void)ctx;
	atomic_fetch_add(&calls, 1);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Wait (5 s at most) until there were more than `than` calls; the calls then. */
static int calls_after(int than)
{
	for (int i = 0; i < 500 && atomic_load(&calls) <= than; i++)
		sleep_ms(10);
	return atomic_load(&calls);
}

/* The watch calls back when the wall clock is set too (watch.h). A clock set
 * during a check (a virtual machine's clock stepped back into line) makes calls
 * the check did not ask for: a check that sees one is tried again. */
static int clock_fd = -1;

static void clock_arm(void)
{
	struct itimerspec its = { 0 };
	struct timespec now;

	if (clock_fd < 0)
		clock_fd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec + 366 * 24 * 3600;
	if (clock_fd >= 0)
		timerfd_settime(clock_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
}

/* 1 when the wall clock was set since clock_arm */
static int clock_was_set(void)
{
	uint64_t ticks;

	return clock_fd >= 0 && read(clock_fd, &ticks, sizeof(ticks)) < 0 && errno == ECANCELED;
}

static void append(const char *dir, const char *name, int times)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);

	for (int i = 0; fd >= 0 && i < times; i++)
		if (write(fd, "x", 1) != 1)
			break;
	if (fd >= 0)
		close(fd);
	free(path);
}

int main(void)
{
	char dir[] = "/tmp/kiosk-watch-XXXXXX";
	struct watch *w;
	int n;

	if (!mkdtemp(dir))
		return 1;
	w = watch_start(dir, "catalog.db", changed, NULL);
	CHECK(w != NULL && watch_alive(w), "the folder is watched");
	if (!w)
		return test_failures;

	/* the folder's other files: no call */
	for (int tries = 0; tries < 3; tries++) {
		sleep_ms(WATCH_GATHER_MS * 2); /* the gathering after a clock set is over */
		atomic_store(&calls, 0);
		clock_arm();
		append(dir, "stats.db", 5);
		append(dir, "stats.db-wal", 3);
		sleep_ms(WATCH_GATHER_MS * 2);
		if (!clock_was_set())
			break;
	}
	CHECK(atomic_load(&calls) == 0, "stats.db is not the catalog: no call (%d)", atomic_load(&calls));

	/* a commit: the WAL is written */
	for (int tries = 0; tries < 3; tries++) {
		sleep_ms(WATCH_GATHER_MS * 2);
		atomic_store(&calls, 0);
		clock_arm();
		append(dir, "catalog.db-wal", 1);
		n = calls_after(0);
		if (!clock_was_set())
			break;
	}
	CHECK(n == 1, "a write to catalog.db-wal calls back (%d)", n);

	/* a burst: a few calls, not one per write */
	for (int tries = 0; tries < 3; tries++) {
		sleep_ms(WATCH_GATHER_MS * 2);
		atomic_store(&calls, 0);
		clock_arm();
		for (int i = 0; i < 200; i++)
			append(dir, "catalog.db-wal", 1);
		calls_after(0);
		sleep_ms(WATCH_GATHER_MS * 3);
		n = atomic_load(&calls);
		if (!clock_was_set())
			break;
	}
	CHECK(n >= 1 && n <= 3, "200 writes in a burst make 1 to 3 calls, not 200 (%d)", n);

	/* a new catalog renamed into place */
	atomic_store(&calls, 0);
	append(dir, ".new-catalog", 1);
	{
		char *from = xasprintf("%s/.new-catalog", dir), *to = xasprintf("%s/catalog.db", dir);
		CHECK(rename(from, to) == 0, "rename into place");
		free(from);
		free(to);
	}
	n = calls_after(0);
	CHECK(n >= 1, "a catalog renamed into place calls back (%d)", n);

	/* the folder goes: the caller must look by itself */
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
		free(cmd);
	}
	for (int i = 0; i < 500 && watch_alive(w); i++)
		sleep_ms(10);
	CHECK(!watch_alive(w), "the folder removed: the watch says it is gone");
	watch_stop(w);

	CHECK(watch_start("/nonexistent-kiosk-folder", "catalog.db", changed, NULL) == NULL,
	      "a folder that is not there: no watch (the caller looks every second)");
	return test_failures;
}
