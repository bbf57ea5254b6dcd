/* watch.c: the catalog's folder and the clock, watched on a thread (see watch.h). */
#include "watch.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

struct watch {
	char *prefix;
	void (*changed)(void *ctx);
	void *ctx;
	int in;          /* inotify */
	int clock;       /* timerfd, -1 without one */
	int stop_fd[2];
	atomic_int alive;
	pthread_t thread;
};

/* Arm the clock timer a year ahead: it is there to be cancelled by a clock set. */
static int arm_clock(int fd)
{
	struct itimerspec its = { 0 };
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec + 366 * 24 * 3600;
	return timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
}

/* Read what inotify has: 1 when something of the catalog's changed. */
static int drain(struct watch *w)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	size_t plen = strlen(w->prefix);
	ssize_t n;
	int hit = 0;

	while ((n = read(w->in, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				hit = 1; /* lost events: look */
			else if (ev->mask & IN_IGNORED) {
				atomic_store(&w->alive, 0); /* the folder went: the caller looks by itself */
				hit = 1;
			} else if (ev->len && !strncmp(ev->name, w->prefix, plen) && !strstr(ev->name + plen, "-shm")) {
				hit = 1;
			}
			p += sizeof(*ev) + ev->len;
		}
	}
	return hit;
}

static void *worker(void *arg)
{
	struct watch *w = arg;

	while (atomic_load(&w->alive)) {
		struct pollfd p[3] = { { w->stop_fd[0], POLLIN, 0 }, { w->in, POLLIN, 0 }, { w->clock, POLLIN, 0 } };
		int hit = 0;

		if (poll(p, w->clock >= 0 ? 3 : 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents)
			break;
		if (p[1].revents)
			hit |= drain(w);
		if (w->clock >= 0 && p[2].revents) {
			uint64_t ticks;
			/* ECANCELED: the clock was set; or a year went by. Either way: armed again */
			if (read(w->clock, &ticks, sizeof(ticks)) < 0 && errno == ECANCELED)
				hit = 1;
			if (arm_clock(w->clock) < 0) {
				close(w->clock);
				w->clock = -1;
			}
		}
		if (!hit)
			continue;
		w->changed(w->ctx);
		/* a burst of writes (an install) is one change: what comes in the next
		 * moment is read when that moment is over, and makes one more call */
		{
			struct pollfd s = { w->stop_fd[0], POLLIN, 0 };
			if (poll(&s, 1, WATCH_GATHER_MS) > 0)
				break;
		}
	}
	return NULL;
}

struct watch *watch_start(const char *dir, const char *prefix, void (*changed)(void *ctx), void *ctx)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	sigset_t all, old;
	int rc;

	w->in = w->clock = w->stop_fd[0] = w->stop_fd[1] = -1;
	w->in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	/* not IN_CLOSE_WRITE: every reader (kiosk shot, doctor) opens the WAL for writing
	 * and closes it without a write */
	if (w->in < 0 || inotify_add_watch(w->in, dir, IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
							   IN_ONLYDIR) < 0) {
		fprintf(stderr, "kiosk: %s: cannot watch the catalog (%s); looking every second instead\n", dir,
			strerror(errno));
		goto fail;
	}
	if (pipe2(w->stop_fd, O_CLOEXEC) < 0) {
		fprintf(stderr, "kiosk: watching the catalog: %s; looking every second instead\n", strerror(errno));
		goto fail;
	}
	/* without a clock timer, a clock set is seen at the next safety look (live.c) */
	w->clock = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	if (w->clock >= 0 && arm_clock(w->clock) < 0) {
		close(w->clock);
		w->clock = -1;
	}
	w->prefix = xstrdup(prefix);
	w->changed = changed;
	w->ctx = ctx;
	atomic_init(&w->alive, 1);
	/* signals stay with the main thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->thread, NULL, worker, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		fprintf(stderr, "kiosk: watching the catalog: %s; looking every second instead\n", strerror(rc));
		goto fail;
	}
	return w;
fail:
	if (w->in >= 0)
		close(w->in);
	if (w->clock >= 0)
		close(w->clock);
	for (int i = 0; i < 2; i++)
		if (w->stop_fd[i] >= 0)
			close(w->stop_fd[i]);
	free(w->prefix);
	free(w);
	return NULL;
}

int watch_alive(struct watch *w)
{
	return w && atomic_load(&w->alive);
}

void watch_stop(struct watch *w)
{
	char c = 1;

	if (!w)
		return;
	if (write(w->stop_fd[1], &c, 1) < 0)
		perror("kiosk: stopping the catalog watch");
	pthread_join(w->thread, NULL);
	close(w->in);
	if (w->clock >= 0)
		close(w->clock);
	close(w->stop_fd[0]);
	close(w->stop_fd[1]);
	free(w->prefix);
	free(w);
}
