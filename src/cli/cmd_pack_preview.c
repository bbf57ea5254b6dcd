/* cmd_pack_preview.c: `kiosk pack preview`, every screen of a pack in every language
 * at a phone, a portrait kiosk and a landscape kiosk, drawn by the kiosk's own code
 * into a PDF to sign off (one labelled page a screen, with the lint findings that
 * concern it) or into one contact-sheet PNG. A pack folder is built to a temporary
 * zip first, and the zip installed into a temporary data folder, as `pack build`
 * and `pack install` do: what the sheet shows is what a kiosk will show. */
#include "cli.h"
#include "app/app.h"
#include "app/config.h"
#include "app/installer.h"
#include "core/diag.h"
#include "core/dynlib.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/sign.h"
#include "pack/tree.h"
#include "text/text.h"
#include "ui/image_cache.h"

#include <SDL2/SDL.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* cairo, which writes the sheet, is loaded when a sheet is made (SDL_LoadObject),
 * not linked: it and the libraries it brings (pixman, xcb-render, xcb-shm, Xrender)
 * cost every kiosk start about 2 ms before main (whole-process timings of an
 * empty program linked against the kiosk's libraries with and without it, 2-core
 * VM), for a command only curators run. */
#define CAIRO_SONAME "libcairo.so.2"
#define CAIRO_FUNCS(X) X(clip) X(create) X(debug_reset_static_data) X(destroy) X(get_source) \
	X(image_surface_create) X(image_surface_create_for_data) X(move_to) X(paint) X(pattern_set_filter) \
	X(pdf_surface_create) X(rectangle) X(restore) X(save) X(scale) X(select_font_face) X(set_font_size) \
	X(set_line_width) X(set_source_rgb) X(set_source_surface) X(show_page) X(show_text) X(status_to_string) \
	X(stroke) X(surface_destroy) X(surface_finish) X(surface_status) X(surface_write_to_png) X(translate)

static struct cairo_funcs {
#define CAIRO_PTR(f) __typeof__(cairo_##f) *f;
	CAIRO_FUNCS(CAIRO_PTR)
#undef CAIRO_PTR
} cz;
#define CAIRO_SYM(f) { #f, offsetof(struct cairo_funcs, f) },
static const struct dynlib_sym cairo_syms[] = { CAIRO_FUNCS(CAIRO_SYM) };
#undef CAIRO_SYM
static struct dynlib cairo_lib = DYNLIB_INIT(CAIRO_SONAME, "cairo (" CAIRO_SONAME "), which writes the sheet",
					     "cairo_", cairo_syms, &cz, "cairo 1.16 or later is needed");

/* The sizes every screen is drawn at: phone, portrait kiosk, landscape kiosk. */
static const int preview_sizes[3][2] = { { 390, 844 }, { 1080, 1920 }, { 1920, 1080 } };

/* One screen of the pack: its route and the folder whose files concern it. */
struct screen {
	char route[300];
	char label[300];
	const char *dir;   /* borrowed from the pack node; "" for home */
	int is_image;      /* the image viewer: only image findings */
	int is_search;     /* the search screen, with a word of the first exhibit's title in
			    * each language; shown only when the kiosk has that screen */
};

static const char preview_usage[] =
	"usage: kiosk pack preview SRC_DIR|PACK.zip -o SHEET.pdf|SHEET.png [--config FILE]\n"
	"Draw every screen of the pack (home, sections, exhibits, image viewer, and search with\n"
	"a word of a title where the kiosk has that screen) in each of its languages at\n"
	"390x844, 1080x1920 and 1920x1080 with the kiosk's own code. A .pdf gets\n"
	"one labelled page a screen with the lint findings about it; a .png one contact sheet.\n"
	"A folder is built and installed into a temporary data folder first; nothing else is\n"
	"written.\n";

/* Draw route in lang at w x h into a new ARGB8888 surface (NULL on failure, or
 * when the kiosk has no screen for the route: the router went elsewhere). The one
 * place that drives the app's screen model, as `kiosk shot` does. */
static SDL_Surface *draw_screen(struct app *a, const char *route, const char *lang, int w, int h)
{
	size_t path = strcspn(route, "?");

	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;

	if (!ren) {
		SDL_FreeSurface(surf);
		return NULL;
	}
	text_engine_set_renderer(a->text, ren, surf);
	image_cache_set_renderer(a->images, ren, surf);
	app_set_lang(a, lang);
	app_resize(a, w, h, 96);
#ifdef KIOSK_ROUTER_H
	/* the router (app/router.h) says when no screen has the route */
	(void)path;
	if (app_go(a, route, 0) < 0) {
#else
	/* before the router, the kiosk had no search screen */
	a->route[0] = 0;
	if (!strncmp(route, "/search", 7) || (app_go(a, route, 0), strncmp(a->route, route, path))) {
#endif
		text_engine_set_renderer(a->text, NULL, NULL);
		image_cache_set_renderer(a->images, NULL, NULL);
		SDL_DestroyRenderer(ren);
		SDL_FreeSurface(surf);
		return NULL;
	}
	app_draw(a, ren);
	image_cache_wait(a->images); /* every picture decoded: the finished screen */
	app_draw(a, ren);
	SDL_RenderPresent(ren);
	text_engine_set_renderer(a->text, NULL, NULL);
	image_cache_set_renderer(a->images, NULL, NULL);
	SDL_DestroyRenderer(ren);
	return surf;
}

/* The screens of p, in reading order. */
static size_t list_screens(const struct pack *p, struct screen **out)
{
	size_t n = 0, cap = 0;
	struct screen *v = NULL;

	for (size_t i = 0; i < p->nnodes; i++) {
		const struct pack_node *node = &p->nodes[i];
		const struct md_doc *doc = &node->pages[0].doc;
		struct screen *s;
		int img = 0;

		v = xgrow(v, &cap, n + 1, sizeof(*v));
		s = &v[n++];
		memset(s, 0, sizeof(*s));
		s->dir = node->dir;
		if (node->kind == NODE_HOME) {
			snprintf(s->route, sizeof(s->route), "/");
			snprintf(s->label, sizeof(s->label), "home");
		} else {
			const char *kind = node->kind == NODE_SECTION ? "section" : "exhibit";
			snprintf(s->route, sizeof(s->route), "/%s/%s", kind, node->slug);
			snprintf(s->label, sizeof(s->label), "%s %s", kind, node->slug);
		}
		if (node->kind != NODE_EXHIBIT)
			continue;
		for (size_t b = 0; b < doc->n; b++) {
			if (doc->blocks[b].kind != MD_IMAGE)
				continue;
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			s = &v[n++];
			memset(s, 0, sizeof(*s));
			s->dir = node->dir;
			s->is_image = 1;
			snprintf(s->route, sizeof(s->route), "/image/%s/%d", node->slug, img);
			snprintf(s->label, sizeof(s->label), "image viewer %s #%d (%s)", node->slug, img + 1,
				 doc->blocks[b].src);
			img++;
		}
	}
	v = xgrow(v, &cap, n + 1, sizeof(*v));
	memset(&v[n], 0, sizeof(v[n]));
	v[n].dir = "";
	v[n].is_search = 1;
	snprintf(v[n].label, sizeof(v[n].label), "search");
	n++;
	*out = v;
	return n;
}

/* A sample query for the search screen: the longest word of the first exhibit's
 * title in language li (letters only, at most 40 bytes). */
static void sample_query(const struct pack *p, size_t li, char *out, size_t size)
{
	const char *title = NULL, *s;
	size_t best = 0;

	snprintf(out, size, "%s", "");
	for (size_t i = 0; i < p->nnodes && !title; i++)
		if (p->nodes[i].kind == NODE_EXHIBIT)
			title = p->nodes[i].pages[li].title;
	for (s = title; s && *s;) {
		size_t n = 0;
		while (s[n] && s[n] != ' ' && !strchr(",.:;!?()[]\"'", s[n]))
			n++;
		if (n > best && n < size && n <= 40) {
			memcpy(out, s, n);
			out[n] = 0;
			best = n;
		}
		s += n;
		while (*s && (*s == ' ' || strchr(",.:;!?()[]\"'", *s)))
			s++;
	}
}

/* 1 when finding g (about the file `origin/path`) concerns the screen in lang. */
static int concerns(const struct diag *g, const char *origin, const struct screen *s,
		    const char *lang)
{
	size_t on = strlen(origin), dl = strlen(s->dir);
	const char *path = g->file, *leaf, *dot;

	if (s->is_search || strncmp(path, origin, on))
		return 0;
	path += on;
	while (*path == '/' || *path == ':')
		path++;
	if (dl && (strncmp(path, s->dir, dl) || path[dl] != '/'))
		return 0;
	leaf = path + (dl ? dl + 1 : 0);
	if (strchr(leaf, '/'))
		return 0;
	dot = strrchr(leaf, '.');
	if (dot && !strcmp(dot, ".md"))
		return !s->is_image && (size_t)(dot - leaf) == strlen(lang) && !strncmp(leaf, lang, strlen(lang));
	return !!*leaf; /* an image or other file of the folder */
}

struct sheet {
	cairo_surface_t *target;
	cairo_t *cr;
	int pdf;
	double w, h;      /* page (PDF, points) or sheet (PNG, pixels) */
	double y;         /* PNG: the next row */
};

static void set_font(cairo_t *cr, double size, int bold)
{
	cz.select_font_face(cr, "Noto Sans CJK KR", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cz.set_font_size(cr, size);
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
	cz.move_to(cr, x, y);
	cz.show_text(cr, s);
}

/* Pixels a PDF gets per point of a shot: 1.6 is 115 dpi, legible at 200 % on a
 * screen, and keeps the 67 pages of the sheet of the demo pack near 7 MB. */
#define PDF_PIXELS_PER_POINT 1.6

/* The surface of one screen into the box (x, y, bw, bh), scaled to fit, framed; for
 * a PDF, resampled first to PDF_PIXELS_PER_POINT. */
static void put_shot(cairo_t *cr, SDL_Surface *s, double x, double y, double bw, double bh, int pdf)
{
	cairo_surface_t *img = cz.image_surface_create_for_data(s->pixels, CAIRO_FORMAT_RGB24, s->w,
								     s->h, s->pitch);
	double k = bw / s->w < bh / s->h ? bw / s->w : bh / s->h;
	int dw = (int)(s->w * k * PDF_PIXELS_PER_POINT + 0.5), dh = (int)(s->h * k * PDF_PIXELS_PER_POINT + 0.5);
	double fw = s->w * k, fh = s->h * k; /* the frame, in the sheet's units */

	if (pdf && dw > 0 && dh > 0 && dw < s->w) {
		cairo_surface_t *small = cz.image_surface_create(CAIRO_FORMAT_RGB24, dw, dh);
		cairo_t *c2 = cz.create(small);
		cz.scale(c2, (double)dw / s->w, (double)dh / s->h);
		cz.set_source_surface(c2, img, 0, 0);
		cz.pattern_set_filter(cz.get_source(c2), CAIRO_FILTER_GOOD);
		cz.paint(c2);
		cz.destroy(c2);
		cz.surface_destroy(img);
		img = small;
		k = k * s->w / dw;
	}
	cz.save(cr);
	cz.translate(cr, x, y);
	cz.scale(cr, k, k);
	cz.set_source_surface(cr, img, 0, 0);
	cz.pattern_set_filter(cz.get_source(cr), CAIRO_FILTER_GOOD);
	cz.paint(cr);
	cz.restore(cr);
	cz.set_source_rgb(cr, 0.6, 0.6, 0.6);
	cz.set_line_width(cr, 0.5);
	cz.rectangle(cr, x, y, fw, fh);
	cz.stroke(cr);
	cz.surface_destroy(img);
}

/* Findings as lines under the shots; as many as fit, then how many more. */
static void put_findings(cairo_t *cr, const struct diag **v, size_t n, double x, double y,
			 double w, double bottom)
{
	char line[1200];

	set_font(cr, 8, 0);
	for (size_t i = 0; i < n; i++) {
		if (y > bottom - 10 && i + 1 < n) {
			snprintf(line, sizeof(line), "... and %zu more (kiosk pack lint lists them all)", n - i);
			cz.set_source_rgb(cr, 0.3, 0.3, 0.3);
			text_at(cr, x, y, line);
			return;
		}
		diag_format(v[i], line, sizeof(line));
		cz.set_source_rgb(cr, v[i]->level == DIAG_ERROR ? 0.7 : 0.55, v[i]->level == DIAG_ERROR ? 0 : 0.35, 0);
		cz.save(cr);
		cz.rectangle(cr, x, y - 10, w, 14);
		cz.clip(cr);
		text_at(cr, x, y, line);
		cz.restore(cr);
		y += 11;
	}
}

/* A PDF page: the screen's label, its three sizes side by side, its findings. */
static void pdf_page(struct sheet *sh, const char *title, SDL_Surface *shots[3],
		     const struct diag **found, size_t nfound)
{
	cairo_t *cr = sh->cr;
	double m = 28, x = m, top = 62, bh = sh->h - top - m - 70, gap = 14;
	double total = 0, bw[3];

	for (int i = 0; i < 3; i++)
		total += shots[i] ? (double)shots[i]->w / shots[i]->h : 0;
	cz.set_source_rgb(cr, 1, 1, 1);
	cz.paint(cr);
	cz.set_source_rgb(cr, 0.1, 0.1, 0.1);
	set_font(cr, 14, 1);
	text_at(cr, m, 36, title);
	/* widths in proportion, all at one height unless the page is too narrow */
	if (total * bh + 2 * gap > sh->w - 2 * m)
		bh = (sh->w - 2 * m - 2 * gap) / total;
	for (int i = 0; i < 3; i++) {
		char lab[32];
		if (!shots[i])
			continue;
		bw[i] = bh * shots[i]->w / shots[i]->h;
		snprintf(lab, sizeof(lab), "%dx%d", shots[i]->w, shots[i]->h);
		set_font(cr, 9, 0);
		cz.set_source_rgb(cr, 0.35, 0.35, 0.35);
		text_at(cr, x, top - 6, lab);
		put_shot(cr, shots[i], x, top, bw[i], bh, 1);
		x += bw[i] + gap;
	}
	set_font(cr, 9, 1);
	cz.set_source_rgb(cr, 0.1, 0.1, 0.1);
	text_at(cr, m, top + bh + 18, nfound ? "Lint findings for this screen:" : "No lint findings for this screen.");
	put_findings(cr, found, nfound, m, top + bh + 31, sh->w - 2 * m, sh->h - 8);
	cz.show_page(cr);
}

/* A row of the contact sheet: the label, then the three sizes at one height. */
static void png_row(struct sheet *sh, const char *title, SDL_Surface *shots[3], size_t nfound)
{
	cairo_t *cr = sh->cr;
	double x = 12, row = 260, label = 22;
	char line[400];

	set_font(cr, 13, 1);
	cz.set_source_rgb(cr, 0.1, 0.1, 0.1);
	text_at(cr, x, sh->y + 16, title);
	if (nfound) {
		snprintf(line, sizeof(line), "  (%zu lint finding%s)", nfound, nfound == 1 ? "" : "s");
		cz.set_source_rgb(cr, 0.6, 0.3, 0);
		cz.show_text(cr, line);
	}
	for (int i = 0; i < 3; i++) {
		double w;
		if (!shots[i])
			continue;
		w = (row - label - 8) * shots[i]->w / shots[i]->h;
		put_shot(cr, shots[i], x, sh->y + label, w, row - label - 8, 0);
		x += w + 12;
	}
	sh->y += row;
}

static int sheet_open(struct sheet *sh, const char *out, size_t rows, struct err *e)
{
	size_t n = strlen(out);

	memset(sh, 0, sizeof(*sh));
	sh->pdf = n > 4 && !strcasecmp(out + n - 4, ".pdf");
	if (!sh->pdf && !(n > 4 && !strcasecmp(out + n - 4, ".png")))
		return fail(e, ERR_USAGE, "%s: the sheet is a .pdf or a .png", out);
	if (sh->pdf) {
		sh->w = 842; /* A4 landscape, in points */
		sh->h = 595;
		sh->target = cz.pdf_surface_create(out, sh->w, sh->h);
	} else {
		sh->w = 12 + 3 * 12 + (260 - 30) * (390.0 / 844 + 1080.0 / 1920 + 1920.0 / 1080);
		sh->h = 260.0 * rows + 12;
		if (sh->h > 32000)
			return fail(e, ERR_REFUSED, "%zu screens make a contact sheet over 32,000 pixels high; use a .pdf",
				    rows);
		sh->target = cz.image_surface_create(CAIRO_FORMAT_RGB24, (int)sh->w, (int)sh->h);
	}
	if (cz.surface_status(sh->target) != CAIRO_STATUS_SUCCESS) {
		fail(e, ERR_IO, "%s: %s", out, cz.status_to_string(cz.surface_status(sh->target)));
		cz.surface_destroy(sh->target);
		return -1;
	}
	sh->cr = cz.create(sh->target);
	if (!sh->pdf) {
		cz.set_source_rgb(sh->cr, 1, 1, 1);
		cz.paint(sh->cr);
		sh->y = 6;
	}
	return 0;
}

static int sheet_close(struct sheet *sh, const char *out, struct err *e)
{
	cairo_status_t st;
	int rc = 0;

	cz.destroy(sh->cr);
	if (!sh->pdf)
		st = cz.surface_write_to_png(sh->target, out);
	else {
		cz.surface_finish(sh->target);
		st = cz.surface_status(sh->target);
	}
	if (st != CAIRO_STATUS_SUCCESS)
		rc = fail(e, ERR_IO, "%s: %s", out, cz.status_to_string(st));
	cz.surface_destroy(sh->target);
	cz.debug_reset_static_data(); /* cairo's font caches, for leak checkers */
	return rc;
}

/* A cover page: the pack, what the sheet holds, and the findings not shown with a screen. */
static void pdf_cover(struct sheet *sh, const struct pack *p, const char *src, size_t nscreens,
		      const struct diag_list *d)
{
	cairo_t *cr = sh->cr;
	const struct diag **v = xcalloc(d->n + 1, sizeof(*v));
	char line[600];

	cz.set_source_rgb(cr, 1, 1, 1);
	cz.paint(cr);
	cz.set_source_rgb(cr, 0.1, 0.1, 0.1);
	set_font(cr, 20, 1);
	snprintf(line, sizeof(line), "%s %s", p->titles && p->titles[0] ? p->titles[0] : p->id, p->version);
	text_at(cr, 28, 50, line);
	set_font(cr, 11, 0);
	snprintf(line, sizeof(line), "pack %s %s from %s", p->id, p->version, src);
	text_at(cr, 28, 74, line);
	snprintf(line, sizeof(line), "%zu screens in %zu languages at 390x844, 1080x1920 and 1920x1080: one page each",
		 nscreens, p->nlangs);
	text_at(cr, 28, 92, line);
	snprintf(line, sizeof(line), "lint: %zu error%s, %zu warning%s (all of them below)", d->errors,
		 d->errors == 1 ? "" : "s", d->warnings, d->warnings == 1 ? "" : "s");
	text_at(cr, 28, 110, line);
	for (size_t i = 0; i < d->n; i++)
		v[i] = &d->v[i];
	put_findings(cr, v, d->n, 28, 134, sh->w - 56, sh->h - 8);
	cz.show_page(cr);
	free(v);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The temporary folder and all in it (made by this command: no links to follow). */
static void remove_tree(const char *dir)
{
	if (nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "kiosk: pack preview: could not remove %s\n", dir);
}

static int install_temp(const char *data, const char *zip, const struct config *cfg, struct err *e)
{
	struct install_opts o = { 0 };
	struct install_result r;
	struct sign_keyring keys = { 0 };
	int rc;

	o.budget = cfg->budget;
	o.now = (int64_t)time(NULL);
	o.allow_unsigned = 1; /* the curator's own work, shown to the curator: nothing to trust */
	o.allow_downgrade = 1; /* an edit replaces what is shown, whatever its version */
	o.keys = &keys;
	rc = installer_install(data, zip, &o, &r, e);
	sign_keyring_release(&keys);
	return rc;
}

int cli_source_update(const struct pack *p, struct tree *t, const struct config *cfg, const char *tmp,
		      const char *data, struct err *e)
{
	char *zip = t->is_zip ? xstrdup(t->origin) : xasprintf("%s/source.zip", tmp);
	int rc = 0;

	if (!t->is_zip && pack_build_zip(p, t, zip, e) < 0) /* the zip pack build writes */
		rc = -1;
	else if (install_temp(data, zip, cfg, e) < 0)
		rc = -1;
	free(zip);
	return rc;
}

int cli_source_install(const struct pack *p, struct tree *t, const struct config *cfg, char **tmp,
		       char **data, struct err *e)
{
	char dir[] = "/tmp/kiosk-source-XXXXXX";

	*tmp = *data = NULL;
	if (!mkdtemp(dir))
		return fail(e, ERR_IO, "cannot make a temporary folder: %s", strerror(errno));
	*tmp = xstrdup(dir);
	*data = xasprintf("%s/data", dir);
	if (cli_source_update(p, t, cfg, *tmp, *data, e) < 0) {
		cli_source_remove(tmp, data);
		return -1;
	}
	return 0;
}

void cli_source_remove(char **tmp, char **data)
{
	if (*tmp)
		remove_tree(*tmp);
	free(*tmp);
	free(*data);
	*tmp = *data = NULL;
}

int cmd_pack_preview(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *cfile = NULL, *src;
	char *tmp = NULL, *data = NULL, *origin = NULL;
	struct screen *screens = NULL;
	struct app_opts ao = { 0 };
	struct config cfg;
	struct diag_list d;
	struct sheet sh;
	struct tree t;
	struct pack p;
	struct app a;
	struct err e = { 0 };
	size_t nscreens, done = 0, total;
	int c, rc = EXIT_FAIL, tty = isatty(2), app_is_open = 0, sheet_is_open = 0;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(preview_usage, stdout); return EXIT_OK;
		default: fputs(preview_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(preview_usage, "pack preview: give one pack folder or zip");
	if (!out)
		return cli_usage(preview_usage, "pack preview: where to? (-o SHEET.pdf or SHEET.png)");
	src = argv[optind];
	if (dynlib_load(&cairo_lib, &e) < 0)
		return cli_error("pack preview", &e);
	if (cli_setup(&cfg, cfile, NULL, NULL, "pack preview") < 0)
		return EXIT_FAIL;
	diag_init(&d);
	if (cli_pack_check(src, &cfg.budget, &t, &p, &d, "pack preview") < 0)
		goto out_cfg;
	cli_pack_lint(&p, &t, &d);
	if (d.errors) {
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].level == DIAG_ERROR) {
				char line[1200];
				diag_format(&d.v[i], line, sizeof(line));
				fprintf(stderr, "kiosk: pack preview: %s\n", line);
			}
		fprintf(stderr, "kiosk: pack preview: %s: %zu error%s; fix them first (kiosk pack lint)\n", src,
			d.errors, d.errors == 1 ? "" : "s");
		goto out_pack;
	}
	origin = xstrdup(t.origin);
	if (cli_source_install(&p, &t, &cfg, &tmp, &data, &e) < 0)
		goto fail;

	ao.data = data;
	ao.config = cfile;
	if (app_open(&a, &ao, &e) < 0)
		goto fail;
	app_is_open = 1;
	nscreens = list_screens(&p, &screens);
	{
		/* the search screen, when this kiosk has one */
		SDL_Surface *probe = draw_screen(&a, "/search?q=a", p.langs[0], 390, 844);
		if (probe)
			SDL_FreeSurface(probe);
		else
			nscreens--;
	}
	total = nscreens * p.nlangs;
	if (sheet_open(&sh, out, total, &e) < 0)
		goto fail;
	sheet_is_open = 1;
	if (sh.pdf)
		pdf_cover(&sh, &p, src, nscreens, &d);
	for (size_t li = 0; li < p.nlangs; li++) {
		for (size_t si = 0; si < nscreens; si++) {
			struct screen *s = &screens[si];
			SDL_Surface *shots[3] = { NULL, NULL, NULL };
			const struct diag **found;
			size_t nfound = 0;
			char title[1024], q[64];

			if (s->is_search) {
				sample_query(&p, li, q, sizeof(q));
				snprintf(s->route, sizeof(s->route), "/search?q=%s", q);
			}
			for (int k = 0; k < 3; k++)
				shots[k] = draw_screen(&a, s->route, p.langs[li], preview_sizes[k][0],
						       preview_sizes[k][1]);
			if (!shots[0] && !shots[1] && !shots[2]) {
				done++; /* a screen this kiosk does not have (search, before it existed) */
				continue;
			}
			found = xcalloc(d.n + 1, sizeof(*found));
			for (size_t i = 0; i < d.n; i++)
				if (concerns(&d.v[i], origin, s, p.langs[li]))
					found[nfound++] = &d.v[i];
			snprintf(title, sizeof(title), "%s [%s] %s", s->label, p.langs[li], s->route);
			if (sh.pdf)
				pdf_page(&sh, title, shots, found, nfound);
			else
				png_row(&sh, title, shots, nfound);
			for (int k = 0; k < 3; k++)
				SDL_FreeSurface(shots[k]);
			free(found);
			done++;
			if (tty)
				fprintf(stderr, "\rpack preview: %zu/%zu screens (%s %s)\033[K", done, total,
					p.langs[li], s->label);
		}
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
	sheet_is_open = 0;
	if (sheet_close(&sh, out, &e) < 0)
		goto fail;
	printf("%s: %zu screens in %zu languages at 3 sizes%s; %zu error%s, %zu warning%s\n", out, nscreens,
	       p.nlangs, sh.pdf ? ", one page each after a cover" : "", d.errors, d.errors == 1 ? "" : "s", d.warnings,
	       d.warnings == 1 ? "" : "s");
	rc = EXIT_OK;
	goto out;
fail:
	cli_error("pack preview", &e);
out:
	if (sheet_is_open) {
		struct err ignore = { 0 };
		sheet_close(&sh, out, &ignore);
		unlink(out);
	}
	if (app_is_open)
		app_close(&a);
	cli_source_remove(&tmp, &data);
	free(screens);
	free(origin);
out_pack:
	pack_release(&p);
	tree_close(&t);
out_cfg:
	diag_release(&d);
	config_release(&cfg);
	return rc;
}
