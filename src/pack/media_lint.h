/* media_lint.h: what a pack says beyond pages and images: narration with caption
 * cues, content warnings and withdrawals of other packs' exhibits. pack.c and
 * ini.c call these at the points named; the rules are in docs/pack-format.md.
 *
 * Narration: an exhibit folder may hold LANG.opus or LANG.ogg (Ogg Opus or Ogg
 * Vorbis) and LANG.vtt, its caption cues (media/vtt.h), one cue per text block of
 * LANG.md (title, headings, paragraphs, list items; images are not narrated), in
 * order. Warnings: a page whose first line is "warning: TEXT" carries a content
 * warning, in every language or in none. Withdrawal: pack.ini's
 * "withdraw = pack-id/exhibit-slug, ..." names exhibits of other packs. */
#ifndef KIOSK_PACK_MEDIA_LINT_H
#define KIOSK_PACK_MEDIA_LINT_H

#include <stddef.h>

struct diag_list;
struct err;
struct pack;
struct pack_page;
struct tree;

/* pack_load, after reading a page's text: take its "warning:" first line out of
 * pg->text (the line is left empty, so line numbers stay right) into pg->warning. */
void pack_take_warning(struct pack_page *pg, const char *shown, struct diag_list *diags);

/* pack_load, once node `idx` has its pages: find its narration and cue files,
 * and check that warnings and narration exist in every language or in none. */
void pack_find_narration(struct pack *p, struct tree *t, size_t idx, struct diag_list *diags);

/* pack_load, after pack.ini: split and check p->withdraw_raw into p->withdraw. */
void pack_read_withdraw(struct pack *p, const char *shown, struct diag_list *diags);

/* pack_check_media: decode every narration (its length is an info line), parse its
 * cues and check them against it and against the page. -1 only when a folder
 * cannot be read (e says why). */
int pack_check_narration(struct pack *p, struct tree *t, struct diag_list *diags, struct err *e);

/* pack_release: free what the functions above added to p. */
void pack_release_media(struct pack *p);

#endif
