#include "pack.h"
#include "internal.h"
#include "media_lint.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "media/image.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int pack_lang_index(const struct pack *p, const char *lang)
{
	for (size_t i = 0; i < p->nlangs; i++)
		if (!strcmp(p->langs[i], lang))
			return (int)i;
	return -1;
}

int pack_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		unsigned long x = strtoul(a, (char **)&a, 10);
		unsigned long y = strtoul(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}

char *pack_normalise_text(const char *data, size_t len, const char *file, size_t *outlen,
			  struct diag_list *diags)
{
	struct buf b = BUF_INIT;
	size_t bad, bom = len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
	char *nfc;
	int scan = utf8_scan(data + bom, len - bom, &bad);

	if (scan == UTF8_INVALID) {
		int line = 1;
		bad += bom;
		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		diag_add(diags, DIAG_ERROR, file, line, "invalid UTF-8 (byte 0x%02x at offset %zu)",
			 (unsigned char)data[bad], bad);
		return NULL;
	}
	data += bom;
	len -= bom;
	/* CR LF and CR alone become LF: the runs between CRs are copied whole, and
	 * text with no CR (most) is taken as it is. Text found NFC (scan) is NFC
	 * without its CRs too: a CR composes with nothing. */
	if (scan == UTF8_NFC && !memchr(data, '\r', len)) {
		if (outlen)
			*outlen = len;
		return xstrndup(data, len);
	}
	for (const char *s = data, *end = data + len, *cr; s < end; s = cr + 1) {
		if (!(cr = memchr(s, '\r', (size_t)(end - s)))) {
			if (s == data)
				return utf8_nfc(data, len, outlen);
			buf_add(&b, s, (size_t)(end - s));
			break;
		}
		buf_add(&b, s, (size_t)(cr - s));
		if (cr + 1 == end || cr[1] != '\n')
			buf_addc(&b, '\n');
	}
	if (scan == UTF8_NFC)
		return buf_detach(&b, outlen);
	nfc = utf8_nfc(b.data, b.len, outlen);
	buf_release(&b);
	return nfc;
}

static void use(struct pack *p, const char *path)
{
	p->used = xgrow(p->used, &p->used_cap, p->nused + 1, sizeof(*p->used));
	p->used[p->nused++] = xstrdup(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "01-why-a-day" -> order 1, slug "why-a-day"; -1 when the name is not NN-slug. */
static int split_folder(const char *name, long *order, const char **slug)
{
	const char *s = name;

	if (!isdigit((unsigned char)*s))
		return -1;
	*order = strtol(s, (char **)&s, 10);
	if (*s != '-' || !s[1])
		return -1;
	*slug = s + 1;
	for (const char *t = *slug; *t; t++)
		if (!(islower((unsigned char)*t) || isdigit((unsigned char)*t) || *t == '-'))
			return -1;
	return 0;
}

struct folder {
	char *path;
	int depth;
};

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct folder *)a)->path, ((const struct folder *)b)->path);
}

static struct pack_node *add_node(struct pack *p, int kind, const char *dir, const char *slug,
				  long order, int parent)
{
	struct pack_node *n;

	p->nodes = xgrow(p->nodes, &p->nodes_cap, p->nnodes + 1, sizeof(*p->nodes));
	n = &p->nodes[p->nnodes++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->dir = xstrdup(dir);
	n->slug = xstrdup(slug);
	n->order = order;
	n->parent = parent;
	n->pages = xcalloc(p->nlangs ? p->nlangs : 1, sizeof(*n->pages));
	n->audio = xcalloc(p->nlangs ? p->nlangs : 1, sizeof(*n->audio));
	return n;
}

static char *join(const char *dir, const char *name)
{
	return *dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
}

/* Resolve an image reference against the page's folder; NULL when it is not a
 * plain relative path inside the pack. */
static char *resolve(const char *dir, const char *src)
{
	if (!*src || src[0] == '/' || strstr(src, "://") || strchr(src, '\\') || strchr(src, ':') ||
	    strchr(src, '?') || strchr(src, '#'))
		return NULL;
	for (const char *s = src; s; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (!strncmp(s, "../", 3) || !strcmp(s, "..") || !strncmp(s, "./", 2) || *s == '/' || !*s)
			return NULL;
	}
	return join(dir, src);
}

/* A file of the page's folder whose name is a near match of name (a misspelt
 * image name), or NULL. Borrowed from the tree. */
static const char *near_file(struct pack *p, const struct tree *t, const char *dir, const char *name)
{
	size_t dl = strlen(dir), n = 0, cap = 0;
	const char **cands = NULL, *found;

	if (strchr(name, '/') || p->near_asked >= PACK_NEAR_MAX)
		return NULL;
	p->near_asked++;
	for (size_t i = 0; i < t->n; i++) {
		const char *path = t->files[i].path, *leaf = path;
		if (dl) {
			if (strncmp(path, dir, dl) || path[dl] != '/')
				continue;
			leaf = path + dl + 1;
		}
		if (strchr(leaf, '/'))
			continue;
		if (n == PACK_NEAR_FILES) {
			free(cands);
			return NULL;
		}
		cands = xgrow(cands, &cap, n + 1, sizeof(*cands));
		cands[n++] = leaf;
	}
	found = pack_near_match(name, cands, n);
	free(cands);
	return found;
}

/* 1 when an image of the page names a file that does not exist: reported there,
 * so that the translations are not compared on a misspelt name */
static int has_missing_image(const struct tree *t, const struct pack_node *n, const struct md_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *ipath;
		int missing;
		if (d->blocks[i].kind != MD_IMAGE)
			continue;
		ipath = resolve(n->dir, d->blocks[i].src);
		missing = ipath && image_type_of(ipath) != IMAGE_NONE && !tree_find(t, ipath);
		free(ipath);
		if (missing)
			return 1;
	}
	return 0;
}

/* image_of[i] is 1 + the index in p->images of the tree's file i once a page shows
 * it, else 0: a lookup per reference, where a search of p->images would make pages
 * of thousands of images cost n^2. */
static void load_page(struct pack *p, struct tree *t, struct pack_node *n, size_t li,
		      size_t *image_of, struct page_prep *pp, struct diag_list *diags, struct err *e,
		      int *io_failed)
{
	struct pack_page *pg = &n->pages[li];
	const char *lang = p->langs[li];
	char *name = xasprintf("%s.md", lang);
	char *path = join(n->dir, name);
	char *shown = tree_display(t, path);
	const struct tree_file *f = tree_find(t, path);
	struct md_doc *doc = &pg->doc;
	const char *what = n->kind == NODE_HOME ? "the welcome page" :
			   n->kind == NODE_SECTION ? "section" : "exhibit";

	pg->file = path;
	if (!f) {
		char *dshown = n->dir[0] ? tree_display(t, n->dir) : xstrdup(t->origin);
		diag_add(diags, DIAG_ERROR, dshown, 0, "%s has no %s page '%s' (every page exists in every language)",
			 what, lang, name);
		free(dshown);
		goto out;
	}
	use(p, path);
	if (!pack_pages_take(pp, f, pg, diags))
		pack_page_prepare(t, f, shown, pg, diags, e, io_failed);
	if (!pg->present)
		goto out;
	if (!doc->n) {
		/* one error, not one for each thing the page lacks */
		diag_add(diags, DIAG_ERROR, shown, 1, "the page is empty: it starts with '# Title'%s",
			 n->kind == NODE_EXHIBIT ? " and ends with its source line" : "");
		goto out;
	}
	if (doc->blocks[0].kind != MD_HEADING || doc->blocks[0].level != 1 ||
	    doc->blocks[0].quote || doc->blocks[0].indent) {
		diag_add(diags, DIAG_ERROR, shown, 1, "page has no title: its first line must be '# Title'");
	} else if (!doc->blocks[0].len) {
		diag_add(diags, DIAG_ERROR, shown, 1, "the title is empty");
	} else {
		pg->title = xstrdup(doc->blocks[0].text);
	}
	for (size_t i = 1; i < doc->n; i++)
		if (doc->blocks[i].kind == MD_HEADING && doc->blocks[i].level == 1)
			diag_add(diags, DIAG_ERROR, shown, doc->blocks[i].line,
				 "only the title is a '#' heading; use '##' inside the page");

	/* the source line: the last paragraph, starting with the language's label */
	if (doc->n > 1 && p->source_labels[li]) {
		struct md_block *last = &doc->blocks[doc->n - 1];
		size_t ln = strlen(p->source_labels[li]);
		if (last->kind == MD_PARAGRAPH && !last->quote && !last->indent &&
		    !strncmp(last->text, p->source_labels[li], ln) &&
		    (last->text[ln] == ':' || !strncmp(last->text + ln, "：", 3))) {
			const char *s = last->text + ln + (last->text[ln] == ':' ? 1 : 3);
			while (*s == ' ')
				s++;
			if (!*s)
				diag_add(diags, DIAG_ERROR, shown, last->line, "the source line is empty");
			pg->source = xstrdup(s);
		}
	}
	if (n->kind == NODE_EXHIBIT && !pg->source && p->source_labels[li])
		diag_add(diags, DIAG_ERROR, shown, doc->n ? doc->blocks[doc->n - 1].line : 1,
			 "exhibit has no source line: end it with a paragraph '%s: ...'",
			 p->source_labels[li]);

	/* images */
	for (size_t i = 0; i < doc->n; i++) {
		struct md_block *b = &doc->blocks[i];
		const struct tree_file *tf;
		char *ipath;

		if (b->kind != MD_IMAGE)
			continue;
		ipath = resolve(n->dir, b->src);
		if (!ipath) {
			diag_add(diags, DIAG_ERROR, shown, b->line, "image '%s' must name a file inside the pack",
				 b->src);
			continue;
		}
		if (!b->len)
			diag_add(diags, DIAG_ERROR, shown, b->line, "image '%s' has no caption: write it as ![caption](%s \"alt text\")",
				 b->src, b->src);
		if (!b->alt[0])
			diag_add(diags, DIAG_ERROR, shown, b->line,
				 "image '%s' has no alternative text: write it as ![caption](%s \"alt text\")",
				 b->src, b->src);
		if (image_type_of(ipath) == IMAGE_NONE) {
			diag_add(diags, DIAG_ERROR, shown, b->line, "image '%s' is not a PNG, JPEG or WebP file",
				 b->src);
		} else if (!(tf = tree_find(t, ipath))) {
			const char *near;
			if (tree_refused(t, ipath)) {
				free(ipath);
				continue; /* a symbolic link there: said once, where the folder was read */
			}
			near = near_file(p, t, n->dir, b->src);
			if (near)
				diag_add(diags, DIAG_ERROR, shown, b->line,
					 "image '%s' does not exist; did you mean '%s'?", b->src, near);
			else
				diag_add(diags, DIAG_ERROR, shown, b->line, "image '%s' does not exist",
					 b->src);
		} else {
			if (!image_of[tf - t->files]) {
				struct pack_image *im;
				p->images = xgrow(p->images, &p->images_cap, p->nimages + 1, sizeof(*im));
				im = &p->images[p->nimages++];
				memset(im, 0, sizeof(*im));
				im->path = xstrdup(ipath);
				im->type = image_type_of(ipath);
				im->bytes = tf->size;
				image_of[tf - t->files] = p->nimages;
				use(p, ipath);
			}
			if (!n->image)
				n->image = xstrdup(ipath);
		}
		free(ipath);
	}

	for (size_t i = 0; i < doc->n; i++)
		pg->text_blocks += doc->blocks[i].kind != MD_IMAGE;
	/* text for search, in a block of its size (it stays while the pack is installed) */
	{
		struct buf plain = BUF_INIT;
		size_t len;
		char *s;
		pack_search_text(doc, pg->source != NULL, &plain);
		s = buf_detach(&plain, &len);
		pg->plain = xrealloc(s, len + 1);
		pg->plain_len = len;
	}
out:
	free(name);
	free(shown);
}

/* Every language must show the same images. Each page's image names are sorted
 * once and looked up, so that pages of thousands of images cost n log n, not n^2. */
static void check_image_parity(struct pack *p, struct tree *t, struct pack_node *n,
			       struct diag_list *diags)
{
	char ***srcs = xcalloc(p->nlangs, sizeof(*srcs));
	size_t *nsrcs = xcalloc(p->nlangs, sizeof(*nsrcs));

	for (size_t a = 0; a < p->nlangs; a++) {
		const struct md_doc *d = &n->pages[a].doc;
		if (!n->pages[a].present || !d->n)
			continue;
		if (has_missing_image(t, n, d))
			goto out; /* the misspelt name is the one error */
		srcs[a] = xmalloc(d->n * sizeof(**srcs));
		for (size_t i = 0; i < d->n; i++)
			if (d->blocks[i].kind == MD_IMAGE)
				srcs[a][nsrcs[a]++] = d->blocks[i].src;
		if (nsrcs[a])
			qsort(srcs[a], nsrcs[a], sizeof(**srcs), cmp_str);
	}
	for (size_t a = 0; a < p->nlangs; a++) {
		if (!n->pages[a].present || !nsrcs[a])
			continue;
		for (size_t b = 0; b < p->nlangs; b++) {
			const struct md_doc *da = &n->pages[a].doc;
			if (a == b || !n->pages[b].present || !n->pages[b].doc.n)
				continue; /* an empty page has its one error */
			for (size_t i = 0; i < da->n; i++) {
				if (da->blocks[i].kind != MD_IMAGE)
					continue;
				if (!nsrcs[b] || !bsearch(&da->blocks[i].src, srcs[b], nsrcs[b],
							  sizeof(**srcs), cmp_str)) {
					char *shown = tree_display(t, n->pages[b].file);
					diag_add(diags, DIAG_ERROR, shown, 0,
						 "missing translation: image '%s' is shown in %s.md but not here",
						 da->blocks[i].src, p->langs[a]);
					free(shown);
				}
			}
		}
	}
out:
	for (size_t a = 0; a < p->nlangs; a++)
		free(srcs[a]);
	free(srcs);
	free(nsrcs);
}

static void load_node(struct pack *p, struct tree *t, size_t idx, size_t *image_of, int flags,
		      struct page_prep *pp, struct diag_list *diags, struct err *e, int *io_failed)
{
	struct pack_node *n = &p->nodes[idx];

	for (size_t li = 0; li < p->nlangs; li++)
		load_page(p, t, n, li, image_of, pp, diags, e, io_failed);
	pack_find_narration(p, t, idx, diags);
	check_image_parity(p, t, n, diags);
	if (flags & PACK_LOAD_NO_DOCS)
		for (size_t li = 0; li < p->nlangs; li++)
			md_release(&n->pages[li].doc);
}

static int by_slug(const void *a, const void *b, void *nodes)
{
	const struct pack_node *v = nodes;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(v[x].slug, v[y].slug);
	return c ? c : (x < y ? -1 : x > y);
}

static int by_order(const void *a, const void *b)
{
	const struct pack_node *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->dir, y->dir);
}

/* The pages of the home, section and exhibit folders, prepared on a second thread
 * as pack_load comes to them (see internal.h). */
static struct page_prep *start_pages(const struct pack *p, struct tree *t, const struct folder *dirs,
				     size_t ndirs)
{
	size_t *files = xmalloc((ndirs + 1) * (p->nlangs ? p->nlangs : 1) * sizeof(*files)), n = 0;
	struct page_prep *pp;

	for (size_t i = 0; i <= ndirs; i++) {
		const char *dir = i ? dirs[i - 1].path : "";
		if (i && dirs[i - 1].depth > 2)
			continue;
		for (size_t li = 0; li < p->nlangs; li++) {
			char *path = *dir ? xasprintf("%s/%s.md", dir, p->langs[li]) : xasprintf("%s.md", p->langs[li]);
			const struct tree_file *f = tree_find(t, path);
			if (f)
				files[n++] = (size_t)(f - t->files);
			free(path);
		}
	}
	pp = pack_pages_start(t, files, n);
	free(files);
	return pp;
}

int pack_load(struct pack *p, struct tree *t, int flags, struct diag_list *diags, struct err *e)
{
	const struct tree_file *ini = tree_find(t, "pack.ini");
	struct folder *dirs = NULL;
	size_t ndirs = 0, dcap = 0, *image_of;
	struct page_prep *prep;
	int io_failed = 0;
	char *shown = tree_display(t, "pack.ini");
	struct buf raw = BUF_INIT;

	memset(p, 0, sizeof(*p));
	lint_rules_default(&p->lint);
	if (t->wrapper) {
		char *w = xasprintf("%s:%s/", t->origin, t->wrapper);
		diag_add(diags, DIAG_WARNING, w, 0,
			 "the pack is inside the folder '%s' of the zip; it is read from there "
			 "(build the zip with kiosk pack build, or zip the folder's contents, not the folder)",
			 t->wrapper);
		free(w);
	}
	if (t->ignored) {
		char *w = t->is_zip ? xasprintf("%s:%s", t->origin, t->ignored_first)
				    : tree_display(t, t->ignored_first);
		diag_add(diags, DIAG_WARNING, w, 0,
			 "%zu file%s that macOS or Windows add (__MACOSX/, ._*, .DS_Store, Thumbs.db, desktop.ini) %s ignored",
			 t->ignored, t->ignored == 1 ? "" : "s", t->ignored == 1 ? "is" : "are");
		free(w);
	}
	if (!ini) {
		diag_add(diags, DIAG_ERROR, shown, 0, "missing: every pack starts with a pack.ini");
	} else if (tree_read(t, ini, PACK_MAX_INI_BYTES, &raw, e) < 0) {
		if (!t->is_zip || e->code == ERR_IO) {
			free(shown);
			return -1;
		}
		diag_add(diags, DIAG_ERROR, shown, 0, "%s", e->msg);
	} else if ((p->ini_text = pack_normalise_text(raw.data, raw.len, shown, &p->ini_len, diags))) {
		use(p, "pack.ini");
		pack_read_ini(p, p->ini_text, shown, diags);
		pack_read_withdraw(p, shown, diags);
	}
	buf_release(&raw);
	free(shown);
	if (!p->titles) {
		p->titles = xcalloc(1, sizeof(*p->titles));
		p->source_labels = xcalloc(1, sizeof(*p->source_labels));
	}
	if (!p->nlangs)
		return 0; /* nothing more can be checked without languages */

	/* folders, from the paths of the files */
	for (size_t i = 0; i < t->n; i++) {
		const char *path = t->files[i].path;
		int depth = 0;
		for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
			size_t len = (size_t)(s - path);
			depth++;
			if (ndirs && strlen(dirs[ndirs - 1].path) == len &&
			    !strncmp(dirs[ndirs - 1].path, path, len))
				continue;
			dirs = xgrow(dirs, &dcap, ndirs + 1, sizeof(*dirs));
			dirs[ndirs].path = xstrndup(path, len);
			dirs[ndirs++].depth = depth;
		}
	}
	if (ndirs)
		qsort(dirs, ndirs, sizeof(*dirs), by_path);
	{
		size_t k = 0;
		for (size_t i = 0; i < ndirs; i++) {
			if (k && !strcmp(dirs[k - 1].path, dirs[i].path))
				free(dirs[i].path);
			else
				dirs[k++] = dirs[i];
		}
		ndirs = k;
	}

	prep = start_pages(p, t, dirs, ndirs);
	add_node(p, NODE_HOME, "", "", 0, -1);
	image_of = xcalloc(t->n ? t->n : 1, sizeof(*image_of));
	load_node(p, t, 0, image_of, flags, prep, diags, e, &io_failed);

	/* sections, then each section's exhibits */
	{
		size_t first_section = p->nnodes;
		struct pack_node *sections;
		size_t nsec;

		for (size_t i = 0; i < ndirs; i++) {
			const char *slug;
			long order;
			if (dirs[i].depth != 1)
				continue;
			if (split_folder(dirs[i].path, &order, &slug) < 0)
				continue; /* an asset folder */
			add_node(p, NODE_SECTION, dirs[i].path, slug, order, 0);
		}
		nsec = p->nnodes - first_section;
		qsort(p->nodes + first_section, nsec, sizeof(*p->nodes), by_order);
		/* move sections aside so exhibits can follow each one */
		sections = xmalloc((nsec ? nsec : 1) * sizeof(*sections));
		memcpy(sections, p->nodes + first_section, nsec * sizeof(*sections));
		p->nnodes = first_section;
		for (size_t s = 0; s < nsec; s++) {
			size_t sidx = p->nnodes, first_ex;
			size_t dl = strlen(sections[s].dir);

			p->nodes = xgrow(p->nodes, &p->nodes_cap, p->nnodes + 1, sizeof(*p->nodes));
			p->nodes[p->nnodes++] = sections[s];
			load_node(p, t, sidx, image_of, flags, prep, diags, e, &io_failed);
			first_ex = p->nnodes;
			for (size_t i = 0; i < ndirs; i++) {
				const char *slug, *leaf;
				long order;
				if (dirs[i].depth != 2 || strncmp(dirs[i].path, sections[s].dir, dl) ||
				    dirs[i].path[dl] != '/')
					continue;
				leaf = dirs[i].path + dl + 1;
				if (split_folder(leaf, &order, &slug) < 0)
					continue;
				add_node(p, NODE_EXHIBIT, dirs[i].path, slug, order, (int)sidx);
			}
			qsort(p->nodes + first_ex, p->nnodes - first_ex, sizeof(*p->nodes), by_order);
			for (size_t x = first_ex; x < p->nnodes; x++)
				load_node(p, t, x, image_of, flags, prep, diags, e, &io_failed);
			if (first_ex == p->nnodes) {
				char *d = tree_display(t, sections[s].dir);
				diag_add(diags, DIAG_ERROR, d, 0, "section has no exhibits");
				free(d);
			}
		}
		free(sections);
		pack_pages_stop(prep);
		if (!nsec) {
			diag_add(diags, DIAG_ERROR, t->origin, 0,
				 "pack has no sections (folders named like 01-section-name)");
		}
	}

	/* folders that hold pages but are not named as nodes, or sit too deep */
	for (size_t i = 0; i < ndirs; i++) {
		const char *leaf = strrchr(dirs[i].path, '/');
		const char *slug;
		long order;
		int has_page = 0;
		leaf = leaf ? leaf + 1 : dirs[i].path;
		for (size_t li = 0; li < p->nlangs && !has_page; li++) {
			char *pp = xasprintf("%s/%s.md", dirs[i].path, p->langs[li]);
			has_page = tree_find(t, pp) != NULL;
			free(pp);
		}
		if (!has_page)
			continue;
		if (dirs[i].depth > 2 || split_folder(leaf, &order, &slug) < 0) {
			/* the folder's error is the one to fix: its pages are not also
			 * reported as unreferenced (an error stops build, so they are never
			 * packed) */
			for (size_t li = 0; li < p->nlangs; li++) {
				char *pp = xasprintf("%s/%s.md", dirs[i].path, p->langs[li]);
				if (tree_find(t, pp))
					use(p, pp);
				free(pp);
			}
		}
		if (dirs[i].depth > 2) {
			char *d = tree_display(t, dirs[i].path);
			diag_add(diags, DIAG_ERROR, d, 0,
				 "pages nested deeper than an exhibit are not shown (home / section / exhibit)");
			free(d);
		} else if (split_folder(leaf, &order, &slug) < 0) {
			char *d = tree_display(t, dirs[i].path);
			diag_add(diags, DIAG_ERROR, d, 0,
				 "folder name must be a number, '-' and a lowercase slug, such as 01-why-a-day");
			free(d);
		}
	}

	/* slugs are ids in routes: unique within the pack */
	if (p->nnodes > 1) {
		size_t *ix = xmalloc(p->nnodes * sizeof(*ix)), m = 0;
		for (size_t i = 1; i < p->nnodes; i++)
			ix[m++] = i;
		qsort_r(ix, m, sizeof(*ix), by_slug, p->nodes);
		for (size_t i = 1; i < m; i++) {
			const struct pack_node *a = &p->nodes[ix[i - 1]], *b = &p->nodes[ix[i]];
			if (!strcmp(a->slug, b->slug)) {
				char *d = tree_display(t, b->dir);
				diag_add(diags, DIAG_ERROR, d, 0, "slug '%s' is already used by '%s'",
					 b->slug, a->dir);
				free(d);
			}
		}
		free(ix);
	}

	for (size_t i = 0; i < ndirs; i++)
		free(dirs[i].path);
	free(dirs);
	free(image_of);
	if (p->nused)
		qsort(p->used, p->nused, sizeof(*p->used), cmp_str);
	return io_failed ? -1 : 0;
}

int pack_check_media(struct pack *p, struct tree *t, struct diag_list *diags, struct err *e)
{
	if (pack_check_narration(p, t, diags, e) < 0)
		return -1;
	for (size_t i = 0; i < p->nimages; i++) {
		struct pack_image *im = &p->images[i];
		const struct tree_file *f = tree_find(t, im->path);
		char *shown = tree_display(t, im->path);
		struct buf data = BUF_INIT;
		struct err ie = { 0 };
		struct SDL_Surface *s;

		if (f->size > IMAGE_MAX_BYTES) {
			diag_add(diags, DIAG_ERROR, shown, 0, "image is %llu bytes, over the limit of 20 MB",
				 (unsigned long long)f->size);
		} else if (tree_read(t, f, IMAGE_MAX_BYTES, &data, &ie) < 0) {
			if (ie.code == ERR_IO && !t->is_zip) {
				*e = ie;
				free(shown);
				return -1;
			}
			diag_add(diags, DIAG_ERROR, shown, 0, "%s", ie.msg);
		} else if (image_probe(data.data, data.len, im->type, &im->w, &im->h, &ie) < 0 ||
			   !(s = image_decode(data.data, data.len, im->type, &ie))) {
			diag_add(diags, DIAG_ERROR, shown, 0, "image %s", ie.msg);
		} else {
			image_free_surface(s);
		}
		buf_release(&data);
		free(shown);
	}
	/* what nothing references is not packed; without languages no page was read,
	 * and the one error in pack.ini says so */
	for (size_t i = 0; i < t->n && p->nlangs; i++) {
		const char *path = t->files[i].path;
		if (!p->nused || !bsearch(&path, p->used, p->nused, sizeof(*p->used), cmp_str)) {
			char *shown = tree_display(t, path);
			diag_add(diags, DIAG_WARNING, shown, 0,
				 "no page references this file; it is left out of the pack");
			free(shown);
		}
	}
	return 0;
}

static void page_release(struct pack_page *pg)
{
	free(pg->file);
	free(pg->text);
	free(pg->deflate);
	free(pg->source);
	free(pg->plain);
	free(pg->title);
	md_release(&pg->doc);
}

void pack_search_text(const struct md_doc *doc, int has_source, struct buf *out)
{
	/* with each picture's alternative text: it says what the picture shows, its
	 * words, its people, what a visitor saw on it and looks for */
	md_plain_text(doc, 1, has_source && doc->n ? doc->n - 1 : doc->n, out);
}

void pack_release(struct pack *p)
{
	pack_release_media(p);
	for (size_t i = 0; i < p->nnodes; i++) {
		struct pack_node *n = &p->nodes[i];
		for (size_t l = 0; l < p->nlangs; l++) {
			page_release(&n->pages[l]);
			free(n->audio[l]);
		}
		free(n->pages);
		free(n->audio);
		free(n->slug);
		free(n->dir);
		free(n->image);
	}
	free(p->nodes);
	for (size_t i = 0; i < p->nimages; i++)
		free(p->images[i].path);
	free(p->images);
	for (size_t i = 0; i < p->nused; i++)
		free(p->used[i]);
	free(p->used);
	for (size_t i = 0; i < p->nlangs; i++) {
		free(p->langs[i]);
		if (p->titles)
			free(p->titles[i]);
		if (p->source_labels)
			free(p->source_labels[i]);
	}
	free(p->langs);
	free(p->titles);
	free(p->source_labels);
	free(p->id);
	free(p->version);
	free(p->default_lang);
	free(p->show_from);
	free(p->show_until);
	free(p->signer);
	free(p->ini_text);
	memset(p, 0, sizeof(*p));
}
