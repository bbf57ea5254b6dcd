#include "notify.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

void notify_init(struct notify *n)
{
	const char *sock = getenv("NOTIFY_SOCKET"), *wd = getenv("WATCHDOG_USEC");
	const char *hang = getenv("KIOSK_TEST_HANG_AFTER_MS");
	unsigned long long usec = 0;

	memset(n, 0, sizeof(*n));
	n->on = sock && *sock;
	if (n->on && wd && sscanf(wd, "%llu", &usec) == 1 && usec >= 3000) {
		/* a third of the period: two pings may be late before systemd acts */
		n->every_ms = (uint32_t)(usec / 3000);
	}
	if (hang && *hang)
		n->hang_after_ms = (uint32_t)strtoul(hang, NULL, 10);
}

void notify_ready(struct notify *n, const char *status, uint32_t now_ms)
{
	int rc;

	if (n->ready)
		return;
	n->ready = 1;
	n->last_ping = n->ready_at = now_ms;
	if (!n->on)
		return;
	rc = sd_notifyf(0, "READY=1\nSTATUS=%s%s", status, n->every_ms ? "\nWATCHDOG=1" : "");
	if (rc < 0)
		log_line(LOG_LEVEL_WARNING, "cannot tell the service manager the kiosk is ready: %s",
			 strerror(-rc));
}

int notify_tick(struct notify *n, uint32_t now_ms)
{
	uint32_t since;

	if (!n->every_ms || !n->ready)
		return -1;
	since = now_ms - n->last_ping;
	if (since >= n->every_ms) {
		sd_notify(0, "WATCHDOG=1");
		n->last_ping = now_ms;
		return (int)n->every_ms;
	}
	return (int)(n->every_ms - since);
}

int notify_test_hang(const struct notify *n, uint32_t now_ms)
{
	return n->hang_after_ms && n->ready && now_ms - n->ready_at >= n->hang_after_ms;
}

void notify_stopping(const struct notify *n, const char *reason)
{
	if (n->on)
		sd_notifyf(0, "STOPPING=1\nSTATUS=%s", reason);
}
