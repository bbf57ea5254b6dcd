/* internal.h: shared between the files of pack/ only. */
#ifndef KIOSK_PACK_INTERNAL_H
#define KIOSK_PACK_INTERNAL_H

#include <stddef.h>

struct pack;
struct diag_list;

/* Parse and check pack.ini text (NUL-terminated, normalised) into p. */
int pack_read_ini(struct pack *p, const char *text, const char *file, struct diag_list *diags);

/* Turn raw bytes of a text file into NFC with LF line endings and no BOM. Invalid
 * UTF-8 is reported against file:line and NULL returned. */
char *pack_normalise_text(const char *data, size_t len, const char *file, size_t *outlen,
			  struct diag_list *diags);

/* The candidate nearest to word by edit distance (transpositions count once),
 * when it is near enough to be a misspelling of it (1 edit for up to 4 characters,
 * 2 up to 8, 3 beyond); NULL otherwise or when word is one of them. Borrowed from
 * cands. For "did you mean" in messages. */
const char *pack_near_match(const char *word, const char *const *cands, size_t n);

#endif
