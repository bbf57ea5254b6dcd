/* maintain.c: what the technician menu's commands do to the running kiosk (see
 * app_maintain in app.h). The menu itself (screens/technician.c) imports and
 * removes packs on the data folder as the command line does. */
#include "app.h"
#include "screens/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The next moment the kiosk opens: the next change when closed now, else the one
 * after the coming close; 0 when the hours never change. */
static time_t next_opening(const struct app *a)
{
	time_t now = schedule_now(), t = schedule_next_change(&a->cfg.hours, now);

	if (t < 0)
		return 0;
	if (schedule_is_open(&a->cfg.hours, now)) {
		t = schedule_next_change(&a->cfg.hours, t);
		if (t < 0)
			return 0;
	}
	return t;
}

void app_maintain(struct app *a, const char *cmd)
{
	if (!strncmp(cmd, "lang:", 5)) {
		for (int i = 0; i < a->nlangs; i++)
			if (!strcmp(a->langs[i], cmd + 5)) {
				snprintf(a->default_lang, sizeof(a->default_lang), "%s", cmd + 5);
				fprintf(stderr, "kiosk: technician: visits start in '%s' until the kiosk restarts\n",
					a->default_lang);
			}
	} else if (!strncmp(cmd, "size:", 5)) {
		int n = atoi(cmd + 5);
		if (n >= 0 && n < TEXT_SIZES) {
			a->default_text_size = n;
			fprintf(stderr, "kiosk: technician: visits start at text size %d%% until the kiosk restarts\n",
				metrics_text_percent(n));
		}
	} else if (!strcmp(cmd, "screen-off")) {
		time_t t = next_opening(a);
		if (t) {
			char when[32];
			struct tm tm;
			localtime_r(&t, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
			fprintf(stderr, "kiosk: technician: screen off until %s\n", when);
			a->dark_until = t;
			a->unlocked = 0; /* the menu closes: the next app_tick darkens the screen */
		}
	} else if (!strcmp(cmd, "restart")) {
		fprintf(stderr, "kiosk: technician: restart\n");
		a->exit_status = APP_EXIT_RESTART;
		a->quit = 1;
	} else if (!strcmp(cmd, "exit") && a->cfg.allow_exit) {
		fprintf(stderr, "kiosk: technician: leaving kiosk mode\n");
		a->exit_status = 0;
		a->quit = 1;
	}
	a->dirty = 1;
	/* the menu shows the new defaults */
	if (a->screen && a->screen->route.kind == ROUTE_TECHNICIAN)
		a->screen->built = 0;
}
