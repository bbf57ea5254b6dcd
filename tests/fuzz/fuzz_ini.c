/* fuzz_ini.c: pack.ini on hostile bytes, read as they come (a NUL-terminated copy)
 * and as pack_load reads them (through pack_normalise_text first). Every problem
 * must end as a diagnostic; a crash or a leak is a bug. */
#include "core/diag.h"
#include "core/xalloc.h"
#include "pack/internal.h"
#include "pack/pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* pack_load refuses a larger pack.ini before parsing it. */
#define FUZZ_MAX_INI PACK_MAX_INI_BYTES

/* What pack_read_ini promises: a language list of valid, distinct codes, and a
 * title and source label slot for each. */
static void read_and_check(const char *text)
{
	struct diag_list diags;
	struct pack p;

	memset(&p, 0, sizeof(p));
	diag_init(&diags);
	pack_read_ini(&p, text, "pack.ini", &diags);
	if (!p.titles || !p.source_labels)
		abort();
	for (size_t i = 0; i < p.nlangs; i++) {
		if (!p.langs[i] || !p.langs[i][0] || pack_lang_index(&p, p.langs[i]) != (int)i)
			abort();
		if (p.titles[i] && !p.titles[i][0])
			abort();
	}
	for (size_t i = 0; i < diags.n; i++)
		if (!diags.v[i].msg || !diags.v[i].file || diags.v[i].line < 0)
			abort();
	pack_release(&p);
	diag_release(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags;
	char *copy, *norm;
	size_t len;

	if (size > FUZZ_MAX_INI)
		return 0;
	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = 0;
	read_and_check(copy);

	diag_init(&diags);
	norm = pack_normalise_text(copy, size, "pack.ini", &len, &diags);
	if (norm) {
		if (strlen(norm) != len || strchr(norm, '\r'))
			abort();
		read_and_check(norm);
	} else if (!diags.errors) {
		abort(); /* refused text is reported */
	}
	free(norm);
	diag_release(&diags);
	free(copy);
	return 0;
}
