/* internal.h: shared between the files of pack/ only. */
#ifndef KIOSK_PACK_INTERNAL_H
#define KIOSK_PACK_INTERNAL_H

struct pack;
struct diag_list;

/* Parse and check pack.ini text (NUL-terminated, normalised) into p. */
int pack_read_ini(struct pack *p, const char *text, const char *file, struct diag_list *diags);

/* Turn raw bytes of a text file into NFC with LF line endings and no BOM. Invalid
 * UTF-8 is reported against file:line and NULL returned. */
char *pack_normalise_text(const char *data, size_t len, const char *file, size_t *outlen,
			  struct diag_list *diags);

#endif
