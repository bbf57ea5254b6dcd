/* pack.h: a content pack as the kiosk understands it: its identity from pack.ini,
 * its nodes (home, sections, exhibits) and their pages in every language. The same
 * loader reads a curator's folder and a built zip (through struct tree), so lint,
 * build and install can never disagree about what a pack says. */
#ifndef KIOSK_PACK_H
#define KIOSK_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "lint.h"
#include "text/markdown.h"
#include "tree.h"

struct diag_list;
struct err;

enum node_kind { NODE_HOME, NODE_SECTION, NODE_EXHIBIT };

struct pack_page {
	char *file;       /* path in the tree, e.g. "01-why/ko.md"; owned */
	char *text;       /* NFC, LF line endings, no BOM; owned */
	size_t len;
	/* text as the raw deflate stream (RFC 1951) the pack's zip holds it in, when
	 * it is that (a zip's deflated page whose text needed no change): the catalog
	 * stores it as it is (zbody.h); deflate_len bytes, owned, or NULL; and the
	 * CRC-32 of what it inflates to (the zip's, checked when it was read) */
	void *deflate;
	size_t deflate_len;
	uint32_t deflate_crc;
	struct md_doc doc;  /* empty after pack_load with PACK_LOAD_NO_DOCS */
	char *title;      /* the text of the title, doc.blocks[0]; owned, or NULL */
	size_t text_blocks; /* blocks of the page but its pictures: what narration
			     * reads, a cue each (media_lint.h) */
	char *source;     /* exhibits: the source line without its label; owned */
	char *plain;      /* text for search: body without title and source; owned */
	size_t plain_len; /* its length in bytes */
	int present;
	char *warning;    /* content warning (the page's "warning:" first line), or NULL; owned */
};

struct pack_node {
	int kind;
	char *slug;       /* "" for home */
	char *dir;        /* folder in the tree, "" for home */
	long order;       /* the numeric prefix */
	int parent;       /* index in pack.nodes, -1 for home */
	char *image;      /* first image of the node (path in the tree), or NULL */
	char **audio;     /* per language: narration path (LANG.opus or LANG.ogg) or NULL */
	char **cues;      /* per language: its caption cues (LANG.vtt) or NULL; see media_lint.h */
	uint32_t *audio_ms; /* per language: the narration's length, filled by pack_check_media */
	struct pack_page *pages; /* one per language, in pack.langs order */
};

struct pack_image {
	char *path;       /* in the tree */
	int type;         /* enum image_type */
	int w, h;         /* filled by pack_check_media */
	uint64_t bytes;
};

struct pack {
	char *id, *version;
	char **langs;     /* in pack.ini order */
	size_t nlangs;
	char *default_lang;
	char **titles;    /* per language */
	char **source_labels; /* per language */
	char *show_from, *show_until, *signer;
	char **withdraw;  /* "pack-id/exhibit-slug" of other packs this one withdraws */
	size_t nwithdraw;
	char *withdraw_raw; /* the withdraw = ... value as written */
	char *ini_text;   /* normalised pack.ini */
	size_t ini_len;
	struct lint_rules lint; /* the defaults, or pack.ini's [lint] section */

	struct pack_node *nodes; /* home first, then sections each followed by its exhibits */
	size_t nnodes, nodes_cap;
	struct pack_image *images;
	size_t nimages, images_cap;
	char **used;      /* every file the pack references, sorted */
	size_t nused, used_cap;
	size_t near_asked; /* "did you mean" searches made for missing images (PACK_NEAR_MAX) */
};

/* A missing image's message names the nearest file of its folder for the first
 * PACK_NEAR_MAX missing images of a pack, in folders of up to PACK_NEAR_FILES
 * files: a hostile pack of thousands of misspelt names in a folder of thousands
 * of files would otherwise cost their product in edit distances. */
#define PACK_NEAR_MAX 100
#define PACK_NEAR_FILES 4096

/* Limits on what one pack may hold. */
#define PACK_MAX_PAGE_BYTES (1u << 20)
#define PACK_MAX_INI_BYTES (64u << 10)

/* pack_load flags: each page's parsed Markdown (pack_page.doc) is freed once its
 * node is checked, for an install or a verify, which need the checks, the title,
 * the text and the text for search but not the blocks (lint and preview do): the
 * install of a 10,000-exhibit pack then peaks at 176 MiB instead of 285 on one CPU. */
#define PACK_LOAD_NO_DOCS 1

/* Read pack.ini and every page of t. Problems with the content go to diags (as many
 * as there are); -1 only when the tree cannot be read at all (e says why). flags:
 * 0 or PACK_LOAD_NO_DOCS. */
int pack_load(struct pack *p, struct tree *t, int flags, struct diag_list *diags, struct err *e);

/* Read every referenced image and check that it decodes within the limits; report
 * files nothing references as warnings. Fills pack_image.w/h. */
int pack_check_media(struct pack *p, struct tree *t, struct diag_list *diags, struct err *e);

void pack_release(struct pack *p);

/* Append a page's text for search to out (UTF-8, blocks on lines of their own):
 * every block of doc but the title (blocks[0]) and, when has_source, the source
 * line (the last block), with each picture's caption and its alternative text,
 * which says what the picture shows. The catalog's upgrade to schema 5 makes the
 * text of installed pages again with it. */
void pack_search_text(const struct md_doc *doc, int has_source, struct buf *out);

/* Compare dotted version numbers: <0, 0, >0. */
int pack_version_cmp(const char *a, const char *b);

/* The index of lang in p->langs, or -1. */
int pack_lang_index(const struct pack *p, const char *lang);

/* Write the deterministic zip of a loaded pack to out_path. */
int pack_build_zip(const struct pack *p, struct tree *t, const char *out_path, struct err *e);

/* The candidate nearest to word by edit distance (transpositions count once),
 * when it is near enough to be a misspelling of it (1 edit for up to 4 characters,
 * 2 up to 8, 3 beyond); NULL otherwise or when word is one of them. Borrowed from
 * cands. For "did you mean" in messages. */
const char *pack_near_match(const char *word, const char *const *cands, size_t n);

#endif
