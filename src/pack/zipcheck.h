/* zipcheck.h: the layout rules of a pack zip, checked on the raw bytes before
 * libzip reads anything. libzip (1.7) validates each record but exposes neither
 * entry offsets nor the raw central directory, so it cannot tell overlapping
 * entries (the "zip bomb" construction), data hidden before the first entry or
 * after the end record, or budgets before decompression. This module reads only
 * the fixed-size framing records to find those; libzip does all the reading. */
#ifndef KIOSK_ZIPCHECK_H
#define KIOSK_ZIPCHECK_H

#include <stdint.h>
#include <stddef.h>

struct err;

struct zip_budget {
	uint64_t max_total;   /* sum of uncompressed sizes, bytes */
	uint64_t max_entries;
	uint64_t max_ratio;   /* uncompressed:compressed */
};

/* The ratio rule (max_ratio) is applied to an entry of at least 1 MiB uncompressed
 * and to the whole archive from this many bytes uncompressed: below, even the
 * worst ratio expands to little, and text compresses far beyond 100:1. */
#define ZIP_RATIO_MIN_TOTAL (16ull << 20)

#define ZIP_BUDGET_DEFAULT { 512ull << 20, 20000, 100 }

/* The widest limits the config's [packs] may set (config.c checks its values
 * against these). */
#define ZIP_LIMIT_TOTAL_MB 65536
#define ZIP_LIMIT_ENTRIES 65535
#define ZIP_LIMIT_RATIO 100000

/* The limits a pack zip the kiosk installed (DATA/packs) is opened again under:
 * for its pictures and narration, and when the catalog is made again from it. It
 * passed the limits in force when it was installed, which a technician may have
 * raised to install it, or lowered since; the widest the config could have set
 * keep every installed pack readable whatever the config says now. Each entry is
 * still checked as it is read (tree.h), and readers cap what they read. */
#define ZIP_BUDGET_INSTALLED { (uint64_t)ZIP_LIMIT_TOTAL_MB << 20, ZIP_LIMIT_ENTRIES, ZIP_LIMIT_RATIO }

/* One central-directory entry as the file declares it. */
struct zip_entry_raw {
	char *name;          /* the name as stored, NUL-terminated (may hold invalid UTF-8) */
	size_t name_len;     /* stored length; differs from strlen(name) when it holds NUL */
	int utf8_flag;       /* general-purpose bit 11 */
	int encrypted;
	int method;
	uint32_t crc;        /* CRC-32 of its data, from the central directory */
	int unix_mode;       /* st_mode bits when made on Unix, else 0 */
	uint64_t csize, usize;
	uint64_t offset;     /* of its local header */
	uint64_t end;        /* one past its data (and data descriptor) */
};

struct zip_layout {
	struct zip_entry_raw *entries; /* in central-directory order, as libzip indexes them */
	size_t n;
	uint64_t total;      /* sum of declared uncompressed sizes */
};

/* Check the archive in fd (size bytes). On success fill *out (free with
 * zipcheck_release) and return 0; otherwise -1 with one message naming the rule. */
int zipcheck_layout(int fd, uint64_t size, const struct zip_budget *budget,
		    struct zip_layout *out, struct err *e);
void zipcheck_release(struct zip_layout *l);

#endif
