/* technician.c: the technician menu (route /technician), opened by the corner
 * gesture and the PIN pad (app/hidden.h, pinpad.c). It shows what a technician
 * asks first: the packs (id, version, installed when, scheduled when, shown today
 * or why not), the inbox (waiting, refused and why), free disk, uptime, restarts and
 * the last errors of the service, the opening hours and the clock. It offers:
 * import from a mounted USB stick now, remove a pack (after a confirm step), the
 * default language and text size of a visit, the screen off until opening, restart,
 * and leaving kiosk mode when the config's [kiosk] allow_exit says so.
 *
 * The import and the removal work on the data folder as `kiosk import` and
 * `kiosk pack remove` do from a shell (the running kiosk follows the catalog,
 * app/live.h); what changes the app itself (defaults, screen off, restart, exit)
 * goes back as ACT_MAINTAIN with a payload: "lang:CODE", "size:N", "screen-off",
 * "restart", "exit". It closes itself (ACT_RESET) after TECH_IDLE_MS untouched.
 * $KIOSK_STICK, when set, names the stick's mount point instead of looking for one
 * (a stick mounted elsewhere, and tests, which cannot mount). */
#include "screen.h"
#include "catalog/stats.h"
#include "app/config.h"
#include "app/inbox.h"
#include "app/installer.h"
#include "app/schedule.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "text/text.h"
#include "ui/strings.h"

#include <dirent.h>
#include <fcntl.h>
#include <mntent.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TECH_IDLE_MS 60000
#define TECH_REFRESH_MS 5000   /* the clock, the inbox and the packs are read again */

extern char **environ;

struct tech_state {
	uint32_t last_touch;      /* ms */
	uint32_t built_at;        /* ms */
	char confirm[128];        /* the pack whose removal waits for a confirm, or "" */
	char notice[768];         /* what the last command did */
	pid_t import_pid;         /* a `kiosk import` running, or 0 */
	char restarts[64];        /* from systemd, or "" */
	char errors[3][256];      /* the service's last errors, newest last */
	int nerrors;
	int have_journal;         /* running under systemd: restarts and errors were asked for */
};

/* The last lines (at most max, 256 bytes each) of a command's output into out;
 * returns how many. */
static int command_lines(char *const argv[], char (*out)[256], int max)
{
	int fd[2], status, n = 0;
	pid_t pid;
	posix_spawn_file_actions_t fa;
	FILE *f;

	if (pipe(fd) < 0)
		return 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		close(fd[1]);
		return 0;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	f = fdopen(fd[0], "r");
	if (f) {
		char line[512];
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			if (!line[0])
				continue;
			if (n == max) {
				memmove(out, out + 1, sizeof(out[0]) * (size_t)(max - 1));
				n--;
			}
			snprintf(out[n++], sizeof(out[0]), "%.255s", line);
		}
		fclose(f);
	} else {
		close(fd[0]);
	}
	waitpid(pid, &status, 0);
	return n;
}

/* Under systemd (INVOCATION_ID is set for every service it starts): the unit's
 * NRestarts, and its last three error lines from the journal. */
static void ask_service(struct tech_state *t)
{
	const char *inv = getenv("INVOCATION_ID");
	char unit[256] = "", line[512];
	FILE *f;

	if (!inv || !*inv)
		return;
	f = fopen("/proc/self/cgroup", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *slash = strrchr(line, '/');
		line[strcspn(line, "\n")] = 0;
		if (slash && strstr(slash, ".service"))
			snprintf(unit, sizeof(unit), "%s", slash + 1);
	}
	if (f)
		fclose(f);
	if (!unit[0])
		return;
	t->have_journal = 1;
	{
		char *argv[] = { "systemctl", "show", "--property=NRestarts", "--value", unit, NULL };
		char got[1][256];
		if (command_lines(argv, got, 1) == 1)
			snprintf(t->restarts, sizeof(t->restarts), "%.63s", got[0]);
	}
	{
		char *argv[] = { "journalctl", "--quiet", "--no-pager", "--output=cat", "--priority=err",
				 "--unit", unit, "--lines=3", NULL };
		t->nerrors = command_lines(argv, t->errors, 3);
	}
}

static int tech_create(struct screen *self, struct screen_ctx *c, struct err *e)
{
	struct tech_state *t = self->state;

	(void)e;
	t->last_touch = c->now;
	ask_service(t);
	return 0;
}

/* A heading in the scrolling page; returns the y below. */
static int heading(struct screen_ctx *c, struct scene *s, int x, int y, int w, const char *text)
{
	struct text_style hs = { .size = c->m->h2, .bold = 1 };

	y += c->m->gap;
	y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, text, NULL, 0, &hs, c->th->text, 1);
	return y + c->m->gap / 2;
}

static int line(struct screen_ctx *c, struct scene *s, int x, int y, int w, const char *text, int muted)
{
	struct text_style bs = { .size = c->m->body, .line_height = 1.3f };

	return y + scene_text(s, c->text, (struct rect){ x, y, w, 0 }, text, NULL, 0, &bs,
			      muted ? c->th->muted : c->th->text, 1);
}

/* Buttons in rows within w; the n-th is ticked and filled when it is current. Returns the y below. */
static int buttons(struct screen_ctx *c, struct scene *s, int x, int y, int w, int n, const char *const *labels,
		   const char *const *payloads, int action, int current)
{
	int gap = c->m->gap / 2 > 8 ? c->m->gap / 2 : 8, bx = x;

	for (int i = 0; i < n; i++) {
		char label[160];
		int bw;
		if (i == current)
			snprintf(label, sizeof(label), "%s %s",
				 text_engine_covers(c->text, "✓", 3, NULL) ? "✓" : "•", labels[i]);
		else
			snprintf(label, sizeof(label), "%s", labels[i]);
		bw = chrome_button_width(c, label);
		if (bx + bw > x + w && bx > x) {
			bx = x;
			y += c->m->target + gap;
		}
		if (bw > w) {
			y += chrome_wide_button(c, s, x, y, w, label, action, payloads[i], i == current, 1).h + gap;
			bx = x;
			continue;
		}
		chrome_button(c, s, bx, y, label, action, payloads[i], i == current, 1);
		bx += bw + gap;
	}
	return bx > x ? y + c->m->target + gap : y;
}

static void date_of(int64_t t, char out[11])
{
	schedule_date((time_t)t, out);
}

static int packs_part(struct screen_ctx *c, struct tech_state *t, struct scene *s, int x, int y, int w)
{
	struct catalog_pack *packs = NULL;
	struct catalog_pack_dates *dates = NULL;
	size_t n = 0, nd = 0;
	struct err e = { 0 };
	char today[11];

	y = heading(c, s, x, y, w, str_get(c->lang, STR_TECH_PACKS));
	if (c->cat && (catalog_pack_list(c->cat, &packs, &n, &e) < 0 || catalog_pack_dates(c->cat, &dates, &nd, &e) < 0)) {
		free(packs);
		return line(c, s, x, y, w, e.msg, 0);
	}
	if (!n)
		y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_NO_PACKS), 1);
	schedule_date(schedule_now(), today);
	for (size_t i = 0; i < n; i++) {
		const struct catalog_pack_dates *d = NULL;
		char when[64], installed[11], state[160], info[768];
		struct text_style ts = { .size = c->m->h3, .bold = 1 };
		for (size_t j = 0; j < nd; j++)
			if (!strcmp(dates[j].id, packs[i].id))
				d = &dates[j];
		date_of(packs[i].installed_at, installed);
		snprintf(when, sizeof(when), str_get(c->lang, STR_TECH_INSTALLED), installed);
		switch (schedule_pack_state(d ? d->show_from : NULL, d ? d->show_until : NULL, today)) {
		case SCHEDULE_LATER:
			snprintf(state, sizeof(state), str_get(c->lang, STR_TECH_LATER), d->show_from);
			break;
		case SCHEDULE_ENDED:
			snprintf(state, sizeof(state), str_get(c->lang, STR_TECH_ENDED), d->show_until);
			break;
		default:
			snprintf(state, sizeof(state), "%s", str_get(c->lang, STR_TECH_SHOWN));
			if (d && d->show_until[0]) {
				size_t at = strlen(state);
				snprintf(state + at, sizeof(state) - at, ", ");
				at = strlen(state);
				snprintf(state + at, sizeof(state) - at, str_get(c->lang, STR_TECH_UNTIL), d->show_until);
			}
			break;
		}
		y += c->m->gap / 2;
		y += scene_text(s, c->text, (struct rect){ x, y, w, 0 }, packs[i].title, NULL, 0, &ts, c->th->text, 1);
		snprintf(info, sizeof(info), "%s %s · %s · %s · %s", packs[i].id, packs[i].version, when, state,
			 str_get(c->lang, STR_TECH_UNSIGNED));
		y = line(c, s, x, y, w, info, 1);
		y += c->m->gap / 3;
		if (!strcmp(t->confirm, packs[i].id)) {
			char ask[256];
			const char *labels[2] = { str_get(c->lang, STR_TECH_REMOVE), str_get(c->lang, STR_CANCEL) };
			char yes[160];
			const char *payloads[2] = { yes, "cancel" };
			snprintf(ask, sizeof(ask), str_get(c->lang, STR_TECH_CONFIRM_REMOVE), packs[i].id);
			snprintf(yes, sizeof(yes), "remove:%s", packs[i].id);
			y = line(c, s, x, y, w, ask, 0);
			y += c->m->gap / 3;
			y = buttons(c, s, x, y, w, 2, labels, payloads, ACT_CLEAR, 0);
		} else {
			char ask[160];
			const char *labels[1] = { str_get(c->lang, STR_TECH_REMOVE) }, *payloads[1] = { ask };
			snprintf(ask, sizeof(ask), "ask:%s", packs[i].id);
			y = buttons(c, s, x, y, w, 1, labels, payloads, ACT_CLEAR, -1);
		}
	}
	free(packs);
	free(dates);
	return y;
}

static int inbox_part(struct screen_ctx *c, struct scene *s, int x, int y, int w)
{
	struct inbox_item *items = NULL;
	size_t n = 0;
	struct err e = { 0 };

	y = heading(c, s, x, y, w, str_get(c->lang, STR_TECH_INBOX));
	if (inbox_list(c->data_dir, &items, &n, &e) < 0)
		return line(c, s, x, y, w, e.msg, 0);
	if (!n)
		y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_INBOX_EMPTY), 1);
	for (size_t i = 0; i < n && i < 20; i++) {
		char text[1024];
		if (items[i].refused)
			snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_REFUSED), items[i].name, items[i].reason);
		else
			snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_WAITING), items[i].name);
		y = line(c, s, x, y, w, text, 0);
	}
	free(items);
	return y;
}

static int system_part(struct screen_ctx *c, struct tech_state *t, struct scene *s, int x, int y, int w)
{
	char text[512], v[128];
	time_t now = schedule_now();
	struct tm tm;
	struct statvfs fs;
	uint32_t up = (c->now - c->started) / 1000u;

	y = heading(c, s, x, y, w, str_get(c->lang, STR_TECH_SYSTEM));
	localtime_r(&now, &tm);
	strftime(v, sizeof(v), "%Y-%m-%d %H:%M", &tm);
	snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_CLOCK), v);
	y = line(c, s, x, y, w, text, 0);
	if (c->data_dir && statvfs(c->data_dir, &fs) == 0)
		snprintf(v, sizeof(v), "%.1f GB (%s)", (double)fs.f_bavail * (double)fs.f_frsize / 1e9, c->data_dir);
	else
		snprintf(v, sizeof(v), "%s", str_get(c->lang, STR_TECH_UNKNOWN));
	snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_DISK), v);
	y = line(c, s, x, y, w, text, 0);
	snprintf(v, sizeof(v), "%u h %02u min", up / 3600u, up / 60u % 60u);
	snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_UPTIME), v);
	y = line(c, s, x, y, w, text, 0);
	snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_RESTARTS),
		 t->restarts[0] ? t->restarts : str_get(c->lang, STR_TECH_UNKNOWN));
	y = line(c, s, x, y, w, text, 0);
	if (t->have_journal) {
		y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_ERRORS), 0);
		if (!t->nerrors)
			y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_NO_ERRORS), 1);
		for (int i = 0; i < t->nerrors; i++)
			y = line(c, s, x, y, w, t->errors[i], 1);
	}
	if (c->data_dir) {
		/* today's visit statistics, with the rule of kiosk stats: a count under 5 is "<5" */
		char *path = xasprintf("%s/stats.db", c->data_dir), today[11], nv[16], ne[16], ns[16];
		struct stats_row *rows = NULL;
		size_t nrows = 0;
		int64_t visits = 0, exhibits = 0, searches = 0;
		schedule_date(now, today);
		if (stats_read(path, today, today, &rows, &nrows, NULL) == 0) {
			for (size_t i = 0; i < nrows; i++) {
				if (!strcmp(rows[i].c.what, "visit"))
					visits += rows[i].c.n;
				else if (!strcmp(rows[i].c.what, "exhibit"))
					exhibits += rows[i].c.n;
				else if (!strcmp(rows[i].c.what, "search"))
					searches += rows[i].c.n;
			}
		}
		free(rows);
		free(path);
		snprintf(nv, sizeof(nv), visits && visits < 5 ? "<5" : "%lld", (long long)visits);
		snprintf(ne, sizeof(ne), exhibits && exhibits < 5 ? "<5" : "%lld", (long long)exhibits);
		snprintf(ns, sizeof(ns), searches && searches < 5 ? "<5" : "%lld", (long long)searches);
		snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_STATS), nv, ne, ns);
		y = line(c, s, x, y, w, text, 0);
	}
	y = heading(c, s, x, y, w, str_get(c->lang, STR_OPENING_HOURS));
	if (!c->cfg || !c->cfg->hours.set) {
		y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_ALWAYS_OPEN), 0);
	} else {
		char day[64];
		schedule_describe_day(&c->cfg->hours, now, day, sizeof(day));
		snprintf(text, sizeof(text), str_get(c->lang, STR_TECH_TODAY), day);
		y = line(c, s, x, y, w, text, 0);
	}
	return y;
}

static int actions_part(struct screen_ctx *c, struct scene *s, int x, int y, int w)
{
	const char *labels[8], *payloads[8];
	char pay[8][24], pct[TEXT_SIZES][16];
	int n = 0, cur = -1;

	y = heading(c, s, x, y, w, str_get(c->lang, STR_TECH_ACTIONS));
	{
		const char *l[1] = { str_get(c->lang, STR_TECH_IMPORT) }, *p[1] = { "import" };
		y = buttons(c, s, x, y, w, 1, l, p, ACT_CLEAR, -1);
	}
	y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_DEFAULT_LANG), 0);
	y += c->m->gap / 3;
	for (const char *l = c->langs; l && *l && n < 8;) {
		size_t len = strcspn(l, ",");
		char code[16];
		snprintf(code, sizeof(code), "%.*s", (int)(len < sizeof(code) ? len : sizeof(code) - 1), l);
		snprintf(pay[n], sizeof(pay[n]), "lang:%s", code);
		labels[n] = str_language_name(code);
		if (labels[n] == code)
			labels[n] = pay[n] + 5;
		payloads[n] = pay[n];
		if (c->default_lang && !strcmp(code, c->default_lang))
			cur = n;
		n++;
		l += len + (l[len] == ',');
	}
	y = buttons(c, s, x, y, w, n, labels, payloads, ACT_MAINTAIN, cur);
	y = line(c, s, x, y, w, str_get(c->lang, STR_TECH_DEFAULT_SIZE), 0);
	y += c->m->gap / 3;
	for (int i = 0; i < TEXT_SIZES; i++) {
		snprintf(pct[i], sizeof(pct[i]), str_get(c->lang, STR_PERCENT), metrics_text_percent(i));
		snprintf(pay[i], sizeof(pay[i]), "size:%d", i);
		labels[i] = pct[i];
		payloads[i] = pay[i];
	}
	y = buttons(c, s, x, y, w, TEXT_SIZES, labels, payloads, ACT_MAINTAIN, c->default_text_size);
	y += c->m->gap / 2;
	n = 0;
	if (c->cfg && c->cfg->hours.set) {
		labels[n] = str_get(c->lang, STR_TECH_SCREEN_OFF);
		payloads[n++] = "screen-off";
	}
	labels[n] = str_get(c->lang, STR_TECH_RESTART);
	payloads[n++] = "restart";
	if (c->cfg && c->cfg->allow_exit) {
		labels[n] = str_get(c->lang, STR_TECH_EXIT);
		payloads[n++] = "exit";
	}
	return buttons(c, s, x, y, w, n, labels, payloads, ACT_MAINTAIN, -1);
}

static int tech_build(struct screen *self, struct screen_ctx *c, struct scene *s, struct err *e)
{
	struct tech_state *t = self->state;
	const struct metrics *m = c->m;
	const struct theme *th = c->th;
	int top, x, y, w;

	(void)e;
	t->built_at = c->now;
	{
		/* the bar: the menu's name and Close */
		const char *close = str_get(c->lang, STR_CLOSE);
		struct text_style ts = { .size = m->h2, .bold = 1, .max_lines = 1 };
		int pad = m->gap / 2 > 8 ? m->gap / 2 : 8, bw = chrome_button_width(c, close);
		int lh = text_line_height(c->text, ts.size);
		top = (lh > m->target ? lh : m->target) + 2 * pad;
		scene_rect(s, (struct rect){ 0, 0, s->w, top }, th->surface, 0);
		scene_rect(s, (struct rect){ 0, top - 2, s->w, 2 }, th->border, 0);
		scene_text(s, c->text, (struct rect){ m->margin, (top - lh) / 2, s->w - 2 * m->margin - bw - pad, lh },
			   str_get(c->lang, STR_TECHNICIAN), NULL, 0, &ts, th->text, 0);
		chrome_button(c, s, s->w - m->margin - bw, (top - m->target) / 2, close, ACT_RESET, NULL, 0, 0);
	}
	w = m->column + 2 * m->margin < s->w ? m->column * 3 / 2 : s->w - 2 * m->margin;
	if (w > s->w - 2 * m->margin)
		w = s->w - 2 * m->margin;
	x = (s->w - w) / 2;
	s->view = (struct rect){ 0, top, s->w, s->h - top };
	y = top + m->gap / 2;
	if (t->notice[0]) {
		struct text_style ns = { .size = m->body, .bold = 1 };
		struct text_layout l;
		text_layout_build(c->text, t->notice, strlen(t->notice), NULL, 0, &ns, w - m->gap, &l);
		scene_rect(s, (struct rect){ x, y + m->gap / 2, w, l.height + m->gap }, th->notice, 1);
		scene_text(s, c->text, (struct rect){ x + m->gap / 2, y + m->gap, w - m->gap, l.height }, t->notice, NULL, 0,
			   &ns, th->on_notice, 1);
		y += l.height + 2 * m->gap;
		text_layout_release(&l);
	}
	y = actions_part(c, s, x, y, w);
	y = packs_part(c, t, s, x, y, w);
	y = inbox_part(c, s, x, y, w);
	y = system_part(c, t, s, x, y, w);
	s->content_h = y + m->margin - top;
	return 0;
}

/* A mounted stick with a kiosk/ folder under /media or /run/media (desktop
 * automounters) or /run/kiosk-import (the udev rule's unit); 1 found. */
static int find_stick(char *out, size_t size)
{
	FILE *f = setmntent("/proc/self/mounts", "r");
	struct mntent *me;
	int found = 0;

	while (f && !found && (me = getmntent(f))) {
		const char *d = me->mnt_dir;
		if (!strncmp(d, "/media/", 7) || !strncmp(d, "/run/media/", 11) || !strncmp(d, "/run/kiosk-import/", 18)) {
			char *k = xasprintf("%s/kiosk", d);
			if (fs_is_dir(k)) {
				snprintf(out, size, "%s", d);
				found = 1;
			}
			free(k);
		}
	}
	if (f)
		endmntent(f);
	return found;
}

/* `kiosk import STICK --data DATA [--config FILE]` in the background: the copy may
 * take minutes and the menu stays usable; the inbox installs what arrives. */
static void import_now(struct screen_ctx *c, struct tech_state *t)
{
	char stick[1024];
	const char *env = getenv("KIOSK_STICK");

	if (env && *env)
		snprintf(stick, sizeof(stick), "%s", env);
	else if (!find_stick(stick, sizeof(stick))) {
		snprintf(t->notice, sizeof(t->notice), "%s", str_get(c->lang, STR_TECH_NO_STICK));
		return;
	}
	{
		char *argv[8];
		int n = 0;
		pid_t pid;
		argv[n++] = "kiosk";
		argv[n++] = "import";
		argv[n++] = stick;
		argv[n++] = "--data";
		argv[n++] = (char *)c->data_dir;
		if (c->cfg && c->cfg->path) {
			argv[n++] = "--config";
			argv[n++] = c->cfg->path;
		}
		argv[n] = NULL;
		if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, argv, environ) != 0) {
			snprintf(t->notice, sizeof(t->notice), str_get(c->lang, STR_TECH_IMPORT_FAILED), stick);
			return;
		}
		t->import_pid = pid;
		snprintf(t->notice, sizeof(t->notice), "%.60s: %.600s …", str_get(c->lang, STR_TECH_IMPORT), stick);
	}
}

static void command(struct screen_ctx *c, struct tech_state *t, const char *cmd)
{
	struct err e = { 0 };

	t->notice[0] = 0;
	if (!strcmp(cmd, "import")) {
		import_now(c, t);
	} else if (!strncmp(cmd, "ask:", 4)) {
		snprintf(t->confirm, sizeof(t->confirm), "%s", cmd + 4);
	} else if (!strcmp(cmd, "cancel")) {
		t->confirm[0] = 0;
	} else if (!strncmp(cmd, "remove:", 7) && !strcmp(t->confirm, cmd + 7)) {
		t->confirm[0] = 0;
		if (installer_remove(c->data_dir, cmd + 7, &e) < 0)
			snprintf(t->notice, sizeof(t->notice), "%.700s", e.msg);
		else
			snprintf(t->notice, sizeof(t->notice), str_get(c->lang, STR_TECH_REMOVED), cmd + 7);
	}
}

static int tech_input(struct screen *self, struct screen_ctx *c, const struct screen_event *ev,
		      struct screen_reply *r)
{
	struct tech_state *t = self->state;

	t->last_touch = ev->now;
	if (ev->kind == SCREEN_GESTURE && ev->g->kind == GESTURE_TAP && ev->hit && ev->hit->action == ACT_CLEAR &&
	    ev->hit->payload) {
		command(c, t, ev->hit->payload);
		r->rebuild = 1;
		return 1;
	}
	if (ev->kind == SCREEN_KEY && (ev->key == KEY_ESCAPE || ev->key == KEY_BACKSPACE)) {
		r->action = ACT_RESET;
		return 1;
	}
	return 0;
}

/* Closes after a minute untouched; says when a background import ended. */
static int tech_tick(struct screen *self, struct screen_ctx *c, uint32_t now, struct screen_reply *r)
{
	struct tech_state *t = self->state;
	uint32_t idle = now - t->last_touch;

	if (idle >= TECH_IDLE_MS) {
		r->action = ACT_RESET;
		return -1;
	}
	if (t->import_pid) {
		int status;
		if (waitpid(t->import_pid, &status, WNOHANG) == t->import_pid) {
			t->import_pid = 0;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				snprintf(t->notice, sizeof(t->notice), str_get(c->lang, STR_TECH_IMPORT_FAILED),
					 "kiosk import");
			else
				snprintf(t->notice, sizeof(t->notice), "%s ✓", str_get(c->lang, STR_TECH_IMPORT));
			r->rebuild = 1;
		}
		return 500;
	}
	if (now - t->built_at >= TECH_REFRESH_MS) {
		t->built_at = now;
		r->rebuild = 1;
	}
	return (int)(TECH_IDLE_MS - idle) < TECH_REFRESH_MS ? (int)(TECH_IDLE_MS - idle) : TECH_REFRESH_MS;
}

static void tech_release(struct screen *self)
{
	struct tech_state *t = self->state;

	/* an import still copying goes on alone; its end is reaped here */
	if (t->import_pid)
		waitpid(t->import_pid, NULL, WNOHANG);
}

const struct screen_class screen_technician_class = {
	.name = "technician",
	.state_size = sizeof(struct tech_state),
	.create = tech_create,
	.build = tech_build,
	.input = tech_input,
	.tick = tech_tick,
	.release = tech_release,
};
