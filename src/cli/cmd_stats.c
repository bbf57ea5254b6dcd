/* cmd_stats.c: `kiosk stats`: the visit counts of DATA/stats.db as CSV or a chart.
 *
 * Every count under STATS_SUPPRESS is shown as "<5" (and drawn as no bar): at a
 * small kiosk, an hour with one or two visits, or an exhibit opened twice, can
 * point at a person (a school class's one visitor in Korean, a guard on a quiet
 * morning). The same rule as the usual small-cell suppression of published
 * statistics (a threshold of 5, as many statistics offices use). */
#include "cli.h"
#include "app/config.h"
#include "catalog/catalog.h"
#include "catalog/stats.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "media/image.h"
#include "text/text.h"

#include <SDL2/SDL.h>
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATS_SUPPRESS 5   /* counts under this are printed "<5" */
#define TOP_EXHIBITS 10

static const char stats_usage[] =
	"usage: kiosk stats [--data D] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by hour|day|all] --csv\n"
	"       kiosk stats [--data D] [--from ...] [--to ...] [--lang L] [--size WxH] --png FILE.png\n"
	"  --csv          one line per day, hour, what, item, bucket: the count, \"<5\" under 5\n"
	"  --by day|all   add the hours of a day (or the whole period) together first\n"
	"  --png FILE     a chart: visits per hour and the top exhibits (titles in --lang,\n"
	"                 else each pack's default language); --size defaults to 1200x800\n";

static int is_date(const char *s)
{
	int y, m, d;
	char extra;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	return sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void print_count(FILE *out, int64_t n)
{
	if (n < STATS_SUPPRESS)
		fputs("<5", out);
	else
		fprintf(out, "%lld", (long long)n);
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct stats_row *a = pa, *b = pb;
	int c = strcmp(a->day, b->day);

	if (!c)
		c = a->hour - b->hour;
	if (!c)
		c = strcmp(a->c.what, b->c.what);
	if (!c)
		c = strcmp(a->c.item, b->c.item);
	if (!c)
		c = strcmp(a->c.bucket, b->c.bucket);
	return c;
}

/* by 1: the hours of a day together (hour -1); by 2: everything (day "all" too).
 * Rows with the same key are merged into one; *n shrinks. */
static void merge_rows(struct stats_row *r, size_t *n, int by)
{
	size_t k = 0;

	for (size_t i = 0; i < *n; i++) {
		r[i].hour = -1;
		if (by == 2)
			snprintf(r[i].day, sizeof(r[i].day), "all");
	}
	qsort(r, *n, sizeof(*r), row_cmp);
	for (size_t i = 0; i < *n; i++) {
		if (k && !row_cmp(&r[k - 1], &r[i]))
			r[k - 1].c.n += r[i].c.n;
		else
			r[k++] = r[i];
	}
	*n = k;
}

static void print_csv(FILE *out, const struct stats_row *r, size_t n)
{
	fputs("day,hour,what,item,bucket,count\n", out);
	for (size_t i = 0; i < n; i++) {
		if (r[i].hour < 0)
			fprintf(out, "%s,all,%s,%s,%s,", r[i].day, r[i].c.what, r[i].c.item, r[i].c.bucket);
		else
			fprintf(out, "%s,%d,%s,%s,%s,", r[i].day, r[i].hour, r[i].c.what, r[i].c.item, r[i].c.bucket);
		print_count(out, r[i].c.n);
		fputc('\n', out);
	}
}

/* Draw one line of text (cut with "…" past max_w px) at x, y; its height in px.
 * align: 0 left, 1 centred on x, 2 right-aligned to x. */
static int draw_text(struct text_engine *t, const char *s, int size, int bold, int x, int y, int max_w,
		     uint32_t rgba, int align)
{
	struct text_style st = { .size = size, .bold = bold, .max_lines = 1 };
	struct text_layout l;
	int h;

	memset(&l, 0, sizeof(l));
	if (text_layout_build(t, s, strlen(s), NULL, 0, &st, max_w, &l) < 0) {
		text_layout_release(&l);
		return 0;
	}
	if (align == 1)
		x -= l.width / 2;
	else if (align == 2)
		x -= l.width;
	text_draw(t, &l, x, y, rgba);
	h = l.height;
	text_layout_release(&l);
	return h;
}

static void fill(SDL_Renderer *r, int x, int y, int w, int h, uint32_t rgb)
{
	SDL_Rect rc = { x, y, w, h };

	SDL_SetRenderDrawColor(r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
	SDL_RenderFillRect(r, &rc);
}

static void count_text(int64_t n, char *out, size_t size)
{
	if (n < STATS_SUPPRESS)
		snprintf(out, size, "<5");
	else
		snprintf(out, size, "%lld", (long long)n);
}

struct top {
	char slug[128];
	int64_t n;
};

static int top_cmp(const void *pa, const void *pb)
{
	const struct top *a = pa, *b = pb;

	return a->n != b->n ? (a->n < b->n ? 1 : -1) : strcmp(a->slug, b->slug);
}

/* The exhibit's title from the installed packs (in lang when given and present,
 * else the pack's default language), else the slug itself. */
static void exhibit_title(struct catalog *cat, const struct catalog_pack *packs, size_t np, const char *lang,
			  const char *slug, char *out, size_t size)
{
	struct err e = { 0 };

	snprintf(out, size, "%s", slug);
	for (size_t i = 0; cat && i < np; i++) {
		struct cat_node node;
		const char *want[2] = { lang, packs[i].default_lang };
		for (int k = 0; k < 2; k++) {
			if (!want[k] || !want[k][0])
				continue;
			memset(&node, 0, sizeof(node));
			if (catalog_node(cat, packs[i].id, slug, want[k], &node, &e) == 1) {
				snprintf(out, size, "%s", node.title ? node.title : slug);
				cat_node_release(&node);
				return;
			}
			cat_node_release(&node);
		}
	}
}

/* Visits per hour of the day and the top exhibits by openings, over the rows. */
static void draw_chart(SDL_Renderer *ren, struct text_engine *t, int w, int h, const struct stats_row *r,
		       size_t n, const char *period, struct catalog *cat, const char *lang)
{
	const uint32_t ink = 0x1f2328ff, faint = 0x59636eff;
	const uint32_t bar = 0x2f6db5, grid = 0xd0d7de;
	int64_t per_hour[24] = { 0 }, max = 0;
	struct top *tops = NULL;
	size_t ntops = 0, np = 0;
	struct catalog_pack *packs = NULL;
	struct err e = { 0 };
	int pad = w / 30, fs = h / 40 > 10 ? h / 40 : 10, y = pad, chart_h, bw;
	char label[64];

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(r[i].c.what, "visit") && r[i].hour >= 0 && r[i].hour < 24)
			per_hour[r[i].hour] += r[i].c.n;
		if (!strcmp(r[i].c.what, "exhibit")) {
			size_t k = 0;
			while (k < ntops && strcmp(tops[k].slug, r[i].c.item))
				k++;
			if (k == ntops) {
				tops = xrealloc(tops, (ntops + 1) * sizeof(*tops));
				snprintf(tops[ntops].slug, sizeof(tops[0].slug), "%s", r[i].c.item);
				tops[ntops++].n = 0;
			}
			tops[k].n += r[i].c.n;
		}
	}
	for (int i = 0; i < 24; i++)
		if (per_hour[i] >= STATS_SUPPRESS && per_hour[i] > max)
			max = per_hour[i];
	fill(ren, 0, 0, w, h, 0xffffff);
	snprintf(label, sizeof(label), "Visits per hour, %s", period);
	y += draw_text(t, label, fs * 3 / 2, 1, pad, y, w - 2 * pad, ink, 0) + fs / 2;

	/* visits per hour: 24 bars, a count under 5 drawn as no bar and "<5" */
	chart_h = (h - 2 * pad) / 2 - y;
	bw = (w - 2 * pad) / 24;
	fill(ren, pad, y + chart_h, bw * 24, 1, grid);
	for (int i = 0; i < 24; i++) {
		int x = pad + i * bw, bh = max ? (int)(per_hour[i] * (chart_h - fs * 2) / max) : 0;
		if (per_hour[i] >= STATS_SUPPRESS)
			fill(ren, x + bw / 8, y + chart_h - bh, bw - bw / 4, bh, bar);
		else
			bh = 0;
		if (per_hour[i]) {
			count_text(per_hour[i], label, sizeof(label));
			draw_text(t, label, fs * 3 / 4, 0, x + bw / 2, y + chart_h - bh - fs - 2, bw, ink, 1);
		}
		snprintf(label, sizeof(label), "%d", i);
		draw_text(t, label, fs * 3 / 4, 0, x + bw / 2, y + chart_h + 4, bw, faint, 1);
	}
	y += chart_h + fs * 2 + pad / 2;

	/* the top exhibits by openings: only those opened 5 times or more */
	qsort(tops, ntops, sizeof(*tops), top_cmp);
	if (cat && catalog_pack_list(cat, &packs, &np, &e) < 0)
		np = 0;
	y += draw_text(t, "Top exhibits (openings)", fs * 3 / 2, 1, pad, y, w - 2 * pad, ink, 0) + fs / 2;
	{
		int shown = 0, row_h = (h - pad - y) / TOP_EXHIBITS, name_w = (w - 2 * pad) * 2 / 5;
		int64_t top_n = ntops ? tops[0].n : 0;
		if (row_h > fs * 2)
			row_h = fs * 2;
		for (size_t i = 0; i < ntops && shown < TOP_EXHIBITS; i++) {
			char title[512];
			int bar_w;
			if (tops[i].n < STATS_SUPPRESS)
				break;
			exhibit_title(cat, packs, np, lang, tops[i].slug, title, sizeof(title));
			draw_text(t, title, fs, 0, pad, y, name_w - fs, ink, 0);
			bar_w = (int)(tops[i].n * (w - 2 * pad - name_w - fs * 4) / top_n);
			fill(ren, pad + name_w, y + row_h / 8, bar_w, row_h * 5 / 8, bar);
			count_text(tops[i].n, label, sizeof(label));
			draw_text(t, label, fs, 0, pad + name_w + bar_w + fs / 2, y, fs * 4, ink, 0);
			y += row_h;
			shown++;
		}
		if (!shown)
			draw_text(t, "No exhibit was opened 5 times or more in this period.", fs, 0, pad, y, w - 2 * pad,
				  faint, 0);
	}
	free(packs);
	free(tops);
}

static int write_png(const char *file, int w, int h, const struct stats_row *r, size_t n, const char *period,
		     const char *data_dir, const char *lang)
{
	struct text_engine *t = NULL;
	struct catalog *cat = NULL;
	struct err e = { 0 };
	SDL_Surface *surf;
	SDL_Renderer *ren;
	char *cpath = xasprintf("%s/catalog.db", data_dir);
	int rc = EXIT_OK;

	if (text_engine_new(&t, &e) < 0) {
		free(cpath);
		return cli_error("stats", &e);
	}
	/* titles from the catalog when there is one; the slugs otherwise */
	if (catalog_open(&cat, cpath, CATALOG_READONLY, &e) < 0)
		cat = NULL;
	free(cpath);
	surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	if (!ren) {
		fprintf(stderr, "kiosk: stats: cannot draw: %s\n", SDL_GetError());
		rc = EXIT_FAIL;
	} else {
		text_engine_set_renderer(t, ren, surf);
		draw_chart(ren, t, w, h, r, n, period, cat, lang);
		SDL_RenderPresent(ren);
		if (image_save_png(surf, file, &e) < 0) {
			fprintf(stderr, "kiosk: stats: %s: %s\n", file, e.msg);
			rc = EXIT_FAIL;
		}
		text_engine_set_renderer(t, NULL, NULL);
		SDL_DestroyRenderer(ren);
	}
	if (surf)
		SDL_FreeSurface(surf);
	catalog_close(cat);
	text_engine_free(t);
	return rc;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'C' },        { "png", required_argument, NULL, 'p' },
		{ "by", required_argument, NULL, 'b' },   { "size", required_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *data = NULL, *cfile = NULL, *from = NULL, *to = NULL, *png = NULL, *lang = NULL;
	int c, csv = 0, by = 0, w = 1200, h = 800, rc = EXIT_OK;
	struct stats_row *rows = NULL;
	struct config cfg;
	struct err e = { 0 };
	char *dir = NULL, *path, period[40];
	size_t n = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'C': csv = 1; break;
		case 'p': png = optarg; break;
		case 'l': lang = optarg; break;
		case 'b':
			if (!strcmp(optarg, "hour"))
				by = 0;
			else if (!strcmp(optarg, "day"))
				by = 1;
			else if (!strcmp(optarg, "all"))
				by = 2;
			else
				return cli_usage(stats_usage, "stats: --by takes hour, day or all, not '%s'", optarg);
			break;
		case 's': {
			char x;
			if (sscanf(optarg, "%dx%d%c", &w, &h, &x) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
				return cli_usage(stats_usage, "stats: --size takes WIDTHxHEIGHT from 320x240 to 8192x8192");
			break;
		}
		case 'h': fputs(stats_usage, stdout); return EXIT_OK;
		default: fputs(stats_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(stats_usage, "stats: takes no arguments");
	if (csv == !!png)
		return cli_usage(stats_usage, "stats: give --csv or --png FILE");
	if ((from && !is_date(from)) || (to && !is_date(to)))
		return cli_usage(stats_usage, "stats: --from and --to take a date YYYY-MM-DD, not '%s'",
				 from && !is_date(from) ? from : to);
	/* YYYY-MM-DD compares as text in date order */
	if (from && to && strcmp(from, to) > 0)
		return cli_usage(stats_usage, "stats: --from %s is after --to %s: no day is in between", from, to);
	memset(&cfg, 0, sizeof(cfg));
	if (cli_setup(&cfg, cfile, data, &dir, "stats") < 0)
		return EXIT_FAIL;
	path = xasprintf("%s/stats.db", dir);
	if (stats_read(path, from, to, &rows, &n, &e) < 0) {
		rc = cli_error("stats", &e);
	} else if (csv) {
		if (by)
			merge_rows(rows, &n, by);
		print_csv(stdout, rows, n);
	} else {
		snprintf(period, sizeof(period), "%s to %s", from ? from : n ? rows[0].day : "-",
			 to ? to : n ? rows[n - 1].day : "-");
		rc = write_png(png, w, h, rows, n, period, dir, lang);
	}
	free(rows);
	free(path);
	free(dir);
	config_release(&cfg);
	return rc;
}
