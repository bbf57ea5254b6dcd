/* visits.c: one visit in memory, written as counts at its end (visits.h). */
#include "visits.h"
#include "router.h"
#include "schedule.h"
#include "catalog/stats.h"
#include "core/err.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *visits_length_bucket(long s)
{
	return s < 60 ? "<1m" : s < 180 ? "1-3m" : s < 600 ? "3-10m" : s < 1800 ? "10-30m" : ">30m";
}

const char *visits_exhibit_bucket(long s)
{
	return s < 10 ? "<10s" : s < 30 ? "10-30s" : s < 120 ? "30-120s" : ">2m";
}

void visits_init(struct visits *v, const char *data_dir, int off)
{
	memset(v, 0, sizeof(*v));
	if (!off && data_dir)
		v->path = xasprintf("%s/stats.db", data_dir);
}

/* The exhibit on show is left: its opening and time kept. */
static void close_exhibit(struct visits *v, time_t now)
{
	if (!v->exhibit[0])
		return;
	if (v->nopen < VISITS_EXHIBITS) {
		snprintf(v->open[v->nopen].slug, sizeof(v->open[0].slug), "%s", v->exhibit);
		v->open[v->nopen++].seconds = now > v->exhibit_since ? (long)(now - v->exhibit_since) : 0;
	}
	v->exhibit[0] = 0;
}

static void begin(struct visits *v, time_t now)
{
	char *path = v->path;
	int warned = v->warned;

	memset(v, 0, sizeof(*v));
	v->path = path;
	v->warned = warned;
	v->active = 1;
	v->start = now;
}

void visits_route(struct visits *v, const struct route *from, const struct route *to, const char *lang,
		  time_t now)
{
	const char *slug = to->kind == ROUTE_EXHIBIT || to->kind == ROUTE_IMAGE ? to->slug : "";

	if (!v->path)
		return;
	if (to->kind == ROUTE_ATTRACT) {
		visits_end(v, from, lang, now);
		return;
	}
	if (!v->active && to->kind == ROUTE_TECHNICIAN)
		return; /* the technician is no visitor */
	if (!v->active)
		begin(v, now);
	snprintf(v->lang, sizeof(v->lang), "%s", lang);
	if (from && from->kind == ROUTE_SEARCH && from->query[0] && to->kind != ROUTE_SEARCH)
		v->searches++;
	if (strcmp(slug, v->exhibit)) {
		close_exhibit(v, now);
		if (to->kind == ROUTE_EXHIBIT) {
			snprintf(v->exhibit, sizeof(v->exhibit), "%s", slug);
			v->exhibit_since = now;
		}
	}
}

void visits_narration(struct visits *v)
{
	if (v->path && v->active && v->exhibit[0] && v->nnarr < VISITS_EXHIBITS)
		snprintf(v->narr[v->nnarr++], sizeof(v->narr[0]), "%s", v->exhibit);
}

static void put(struct stats_count *c, size_t *n, const char *what, const char *item, const char *bucket)
{
	struct stats_count *k = &c[*n];

	/* the same count twice in one visit: one row with n = 2 */
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(c[i].what, what) && !strcmp(c[i].item, item) && !strcmp(c[i].bucket, bucket)) {
			c[i].n++;
			return;
		}
	snprintf(k->what, sizeof(k->what), "%s", what);
	snprintf(k->item, sizeof(k->item), "%s", item);
	snprintf(k->bucket, sizeof(k->bucket), "%s", bucket);
	k->n = 1;
	(*n)++;
}

void visits_end(struct visits *v, const struct route *on_show, const char *lang, time_t now)
{
	struct stats_count *c;
	struct err e = { 0 };
	struct tm tm;
	char day[11];
	size_t n = 0;

	if (!v->path || !v->active)
		return;
	if (lang && lang[0])
		snprintf(v->lang, sizeof(v->lang), "%s", lang);
	close_exhibit(v, now);
	if (on_show && on_show->kind == ROUTE_SEARCH && on_show->query[0])
		v->searches++; /* walked away from a search: it counts */
	c = xcalloc(3 + (size_t)v->nopen + (size_t)v->nnarr, sizeof(*c));
	put(c, &n, "visit", "", visits_length_bucket(now > v->start ? (long)(now - v->start) : 0));
	if (v->lang[0])
		put(c, &n, "language", v->lang, "");
	for (int i = 0; i < v->nopen; i++)
		put(c, &n, "exhibit", v->open[i].slug, visits_exhibit_bucket(v->open[i].seconds));
	for (int i = 0; i < v->nnarr; i++)
		put(c, &n, "narration", v->narr[i], "");
	if (v->searches) {
		put(c, &n, "search", "", "");
		c[n - 1].n = v->searches;
	}
	schedule_date(v->start, day);
	localtime_r(&v->start, &tm);
	if (stats_add(v->path, day, tm.tm_hour, c, n, &e) < 0 && !v->warned) {
		/* counted or not, the kiosk goes on: said once, then quiet */
		log_line(LOG_LEVEL_WARNING, "visit statistics are not recorded: %s", e.msg);
		v->warned = 1;
	}
	free(c);
	v->active = 0;
	v->exhibit[0] = 0;
}

void visits_release(struct visits *v, const struct route *on_show, const char *lang, time_t now)
{
	visits_end(v, on_show, lang, now);
	free(v->path);
	memset(v, 0, sizeof(*v));
}
