/* catalog.h: the kiosk's SQLite catalog of installed packs: packs, nodes, pages per
 * language, media, and the full-text index. Only this module includes sqlite3.h. */
#ifndef KIOSK_CATALOG_H
#define KIOSK_CATALOG_H

#include <stddef.h>
#include <stdint.h>

struct err;
struct pack;
struct catalog;

/* The schema this build writes; older catalogs are upgraded when opened for writing. */
#define CATALOG_SCHEMA_VERSION 6

enum { CATALOG_READONLY = 1, CATALOG_CREATE = 2, CATALOG_BUILD = 4 };

/* Open (and with CATALOG_CREATE, create or upgrade) the catalog at path (UTF-8).
 * A catalog in place is in WAL mode (https://www.sqlite.org/wal.html): a reader
 * (kiosk run) goes on reading while an install writes. CATALOG_BUILD, with
 * CATALOG_CREATE, is for a new catalog made under a name no other process opens,
 * and renamed into place once catalog_finish has closed it: its rollback journal is
 * kept in memory, so that an install writes each page once, to the file, where WAL
 * mode writes it to the -wal and then again to the file (a first install of the
 * 10,000-exhibit bench pack: 92 MiB written where it was 187). ROLLBACK still
 * works; a crash leaves a file that must be deleted, never put in place.
 * Returns 0 with *out set, or -1 with e set (*out NULL). */
int catalog_open(struct catalog **out, const char *path, int flags, struct err *e);
void catalog_close(struct catalog *c);
/* Close a catalog opened with CATALOG_BUILD, with no transaction open, after
 * switching it to WAL mode as every catalog in place is; each COMMIT was synced
 * (synchronous = FULL), so the file is whole on disk and may be renamed into place.
 * 0, or -1 with e set when it could not be switched or closed cleanly (it is
 * closed either way; the file must then not be put in place). */
int catalog_finish(struct catalog *c, struct err *e);

/* How the catalog file at path (UTF-8) stands, without changing it: CATALOG_FOUND,
 * CATALOG_MISSING (no file), or CATALOG_DAMAGED with e saying why in one line: an
 * empty file; with `deep` also not an SQLite database, shorter than its header
 * says (cut off by a copy or a full disk; https://www.sqlite.org/fileformat2.html,
 * "in-header database size"), no pack table, or SQLite finds it corrupt reading
 * that table. `deep` opens the file and a connection of its own: not in a process
 * that has the catalog open, where closing them drops that connection's locks
 * (https://www.sqlite.org/howtocorrupt.html, 2.2.1; its PRAGMA data_version then
 * missed the next install, in tests/e2e/t_inbox_window.sh).
 * -1 with e set when it cannot tell (a read error, a lock, no permission): then
 * nothing may be done to the file. */
enum { CATALOG_FOUND = 0, CATALOG_MISSING = 1, CATALOG_DAMAGED = 2 };
int catalog_probe(const char *path, int deep, struct err *e);
/* The catalog is on a file system mounted read-only: nothing can be installed. */
int catalog_read_only_media(const struct catalog *c);

struct catalog_pack {
	char id[128];
	char version[64];
	char file[512];         /* file name in DATA/packs/ */
	char sha256[65];
	char title[512];        /* in the pack's default language */
	char languages[128];
	char default_lang[16];
	int sections, exhibits;
	int64_t installed_at;
};

/* 1 and *out filled when the pack is installed, 0 when not, -1 on error. */
int catalog_pack_get(struct catalog *c, const char *id, struct catalog_pack *out, struct err *e);

/* All installed packs, ordered by id; the caller frees *out. */
int catalog_pack_list(struct catalog *c, struct catalog_pack **out, size_t *n, struct err *e);

/* Every pack file name the catalog refers to (for cleaning leftovers); free each and the array. */
int catalog_pack_files(struct catalog *c, char ***out, size_t *n, struct err *e);

/* Index pack p (already checked) in one transaction, replacing any installed version
 * of the same id. `commit_hook` runs inside the transaction just before COMMIT (the
 * installer renames the pack file into place there); if it fails, nothing changes.
 * The file name of the replaced version, if any, is copied to replaced (else ""). */
int catalog_install(struct catalog *c, const struct pack *p, const char *file, const char *sha256,
		    int64_t now, int (*commit_hook)(void *ctx, struct err *e), void *ctx,
		    char *replaced, size_t replaced_size, struct err *e);

/* Remove pack id in one transaction; its file name goes to file. 0, or -1 (ERR_NOTFOUND
 * when it is not installed). */
int catalog_remove(struct catalog *c, const char *id, char *file, size_t file_size, struct err *e);

struct search_hit {
	char *pack_id;
	char *slug;
	char *lang;       /* the language of the page that matched (a Korean query in an
	                   * English interface finds the Korean page) */
	char *title;
	char *snippet;    /* plain text around a match (the first of those near the most
	                   * terms of the query), matches between "[" and "]" */
	char *excerpt;    /* the same text without the brackets (catalog_highlight finds the
	                   * matches in it again, for a screen that marks them its own way) */
	long offset;      /* byte offset of the snippet's match in the page's plain text (its
	                   * Markdown blocks after the title, one a line), -1 when only the
	                   * title matched; a screen finds the block to scroll to with
	                   * catalog_highlight on its blocks' text, in order */
	double score;     /* lower is better; 0 for all when too many matched to rank */
};

/* catalog_search flags. CATALOG_SEARCH_COMPOSING: the query's last syllable is still
 * being composed by an input method (a preedit exists) and matches as the beginning
 * of what it may become (words.h: 탋 finds 탈부, 타 finds 탈); the search screen
 * passes it while a preedit exists, so results never blink empty as a syllable
 * grows. A lone consonant anywhere is an initial consonant with or without it. */
enum { CATALOG_SEARCH_COMPOSING = 1 };

/* Exhibits whose title or text match query (UTF-8, any bytes: invalid UTF-8 ends
 * it, more than 256 bytes are cut), best first, at most limit (< 0: all). The
 * query is data: it is split into words and CJK runs, and no character in it has a
 * meaning to FTS. Every word and run must match, in the title or the text:
 *  - Korean and other CJK runs match as substrings of any length (인권 finds
 *    국가인권위원회);
 *  - consonant jamo match syllables by their initial consonant (초성): ㅌㅂㅁ finds
 *    탈북민, 탈ㅂ finds 탈북;
 *  - other words match the beginning of words, folded: case, compatibility forms
 *    (full-width ＫＩＮＵ is KINU), diacritics and apostrophes (pyongyang finds
 *    P'yŏngyang), and NFD text as NFC.
 * The rules are those of words.h, the same for catalog_highlight. lang NULL
 * searches every language. The caller frees *hits with catalog_hits_free. Returns
 * 0, or -1 with e filled when the catalog cannot be read. */
int catalog_search(struct catalog *c, const char *query, int flags, const char *lang, int limit,
		   struct search_hit **hits, size_t *n, struct err *e);
void catalog_hits_free(struct search_hit *hits, size_t n);

/* A home, section or exhibit page in one language, for the screens. */
struct cat_node {
	int64_t id;
	int kind;           /* enum node_kind */
	char *pack_id;
	char *slug;
	char *lang;
	char *title;
	char *body;         /* the page's Markdown */
	char *source;       /* exhibits: the source line, or NULL */
	char *image;        /* first image: entry in the pack zip, or NULL */
	char *zip;          /* the pack file name in DATA/packs */
	char *dir;          /* the node's folder in the zip ("" for home) */
	char *parent_slug;  /* "" for sections, the section for exhibits */
	int ord;
	int warned;         /* the node carries a content warning (catalog_warning) */
	int narrated;       /* the node has narration in lang (catalog_narration) */
};

/* The pack the kiosk shows on `today` (YYYY-MM-DD): one whose show_from/show_until
 * include it, the most recently installed first; 0 when none. */
int catalog_active_pack(struct catalog *c, const char *today, struct catalog_pack *out, struct err *e);


/* Node `slug` ("" for the home page) of pack_id in lang; 1 found, 0 not, -1 error. */
int catalog_node(struct catalog *c, const char *pack_id, const char *slug, const char *lang,
		 struct cat_node *out, struct err *e);
/* The children of a node in order (sections of home, exhibits of a section). */
int catalog_children(struct catalog *c, int64_t node_id, const char *lang, struct cat_node **out,
		     size_t *n, struct err *e);
/* Every exhibit of a pack that has a page in lang, in reading order (the attract
 * loop, an exhibit's place in its section, the end), without the page: title, body
 * and source NULL, narrated 0. Reading 10,000 pages would cost a big pack 100 ms
 * and more at each exhibit opened; catalog_node has one page. The caller frees
 * with cat_nodes_free. */
int catalog_exhibits(struct catalog *c, const char *pack_id, const char *lang, struct cat_node **out,
		     size_t *n, struct err *e);
/* The pixel size of an image of a pack, as checked at install; 1 found, 0 not. */
int catalog_media_size(struct catalog *c, const char *pack_id, const char *path, int *w, int *h,
		       struct err *e);
/* Where an exhibit stands in its pack's reading order, among the exhibits that
 * catalog_exhibits lists for lang: the exhibits before and after it (slugs, new
 * strings, NULL at either end of the exhibition), whether the one after is in the
 * same section, and its 1-based position among its section's exhibits, of count.
 * A handful of indexed lookups: constant in the size of the pack, where
 * catalog_exhibits reads all of it. 1, 0 when slug is no such exhibit (*out
 * zeroed), -1 on error. Free with cat_place_release. */
struct cat_place {
	char *prev, *next;
	int next_in_section;
	int pos, count;
};
int catalog_exhibit_place(struct catalog *c, const char *pack_id, const char *slug, const char *lang,
			  struct cat_place *out, struct err *e);
void cat_place_release(struct cat_place *p);
/* The slug of the last exhibit of pack_id that catalog_exhibits lists for lang (a
 * new string in *slug), by the same index. 1, 0 when there is none (*slug NULL), -1
 * on error. */
int catalog_last_exhibit(struct catalog *c, const char *pack_id, const char *lang, char **slug, struct err *e);

void cat_node_release(struct cat_node *n);
void cat_nodes_free(struct cat_node *v, size_t n);

/* Narration, content warnings and withdrawals (extras.c). Every query above leaves
 * out withdrawn nodes: catalog_node finds none, and children, exhibits and search
 * skip them. */

/* A node's narration in one language: entries in the pack zip, owned. */
struct cat_narration {
	char *audio;          /* LANG.opus or LANG.ogg in the node's folder */
	char *cues;           /* LANG.vtt (media/vtt.h), or NULL */
	uint32_t duration_ms; /* as measured at install */
};
/* 1 and *out filled, 0 when the node has no narration in lang, -1 on error. */
int catalog_narration(struct catalog *c, int64_t node_id, const char *lang, struct cat_narration *out,
		      struct err *e);
void cat_narration_release(struct cat_narration *n);

/* The content warning of a node in lang: 1 and *text (UTF-8, the caller frees it),
 * 0 when it carries none, -1 on error. */
int catalog_warning(struct catalog *c, int64_t node_id, const char *lang, char **text, struct err *e);

struct catalog_withdrawal {
	char pack_id[128], slug[128];
	char by_pack[128];    /* the pack whose withdraw = ... named it */
	int by_installed;     /* that pack is still installed */
	int64_t at;           /* when (seconds since 1970) */
};
/* Every withdrawal in force, ordered by pack and slug; the caller frees *out. */
int catalog_withdrawals(struct catalog *c, struct catalog_withdrawal **out, size_t *n, struct err *e);
/* Bring a withdrawn exhibit back (`kiosk pack restore`); ERR_NOTFOUND when it is not
 * withdrawn. Installing a pack that withdraws it again withdraws it again. */
int catalog_restore(struct catalog *c, const char *pack_id, const char *slug, struct err *e);

/* PRAGMA integrity_check, the FTS5 integrity check (on a catalog opened to write),
 * and every page's text read back (zbody.h): 0 when all pass, else -1 with e
 * naming the first fault (ERR_FORMAT; for a page, its pack, slug and language). */
int catalog_check(struct catalog *c, struct err *e);

/* The FTS5 expression that finds the candidates for a user's text (flags as for
 * catalog_search), appended to out (exposed for tests and fuzzing): quoted tokens
 * joined by AND, OR and parentheses, some with a prefix '*'. Returns the number of
 * terms, 0 when the text has no searchable word (out is then unchanged). */
struct buf;
int catalog_query_fts(const char *query, int flags, struct buf *out);

/* A match of catalog_highlight: bytes text[start..end). */
struct catalog_span {
	size_t start, end;
};

/* Where query (with flags, as for catalog_search) matches the UTF-8 text[0..n)
 * under exactly the rules of catalog_search: every occurrence of every term, in
 * text order, overlapping or touching ones merged. For the search screen's
 * snippets and the exhibit that marks the matched words after a result is opened.
 * *spans is NULL when nothing matches, else an array the caller frees with free().
 * Returns the number of spans. Invalid UTF-8 in text separates words and never
 * matches. */
size_t catalog_highlight(const char *query, int flags, const char *text, size_t n,
			 struct catalog_span **spans);

/* What the kiosk's schedule needs of each installed pack (catalog/query.c). */
struct catalog_pack_dates {
	char id[128];
	char version[64];
	char show_from[11];     /* YYYY-MM-DD, or "" when the pack sets none */
	char show_until[11];
	int64_t installed_at;   /* seconds since 1970 */
};

/* Every installed pack with its dates, the most recently installed first (the
 * order in which several active packs are offered); the caller frees *out. */
int catalog_pack_dates(struct catalog *c, struct catalog_pack_dates **out, size_t *n, struct err *e);

/* A number that changes whenever any connection or process commits a change to the
 * catalog (SQLite's PRAGMA data_version, compared with earlier values of the same
 * connection); cheap enough to ask at every look (app/live.h). */
int catalog_data_version(struct catalog *c, int64_t *out, struct err *e);

#endif
