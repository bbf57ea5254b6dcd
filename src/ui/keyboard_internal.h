/* keyboard_internal.h: what keyboard.c (text and libhangul), keyboard_file.c
 * (reading layouts) and keyboard_draw.c (keys into a scene) share. Not for other
 * modules: they use keyboard.h. */
#ifndef KIOSK_KEYBOARD_INTERNAL_H
#define KIOSK_KEYBOARD_INTERNAL_H

#include "keyboard.h"
#include "core/buf.h"

#include <stddef.h>

struct diag_list;
struct _HangulInputContext;

enum special {
	KEY_CHAR, KEY_SHIFT, KEY_BACKSPACE, KEY_SPACE, KEY_CLEAR, KEY_SWITCH, KEY_SYMBOLS, KEY_LETTERS
};

enum { MAX_ROWS = 8, MAX_KEYS = 16, MAX_LAYOUTS = 16 };

struct key {
	int special;          /* enum special */
	char *payload;        /* what it sends without Shift, or its @name; owned */
	char *shifted;        /* what it sends with Shift, or NULL; owned */
	char *label, *label_shifted; /* what it shows, or NULL: what it sends; owned */
	float width;          /* relative to a letter key */
	int line;             /* of its row, for messages */
};

struct row {
	struct key keys[MAX_KEYS];
	int n;
};

struct layout {
	char *path;           /* owned */
	char *name, *language; /* owned; language NULL for symbols */
	int symbols;          /* kind = symbols */
	char *input;          /* libhangul keyboard ID of `input = hangul ID`, or NULL; owned */
	int input_line;
	struct _HangulInputContext *hic; /* opened for input by keyboard.c, or NULL */
	struct row rows[MAX_ROWS];
	int nrows;
};

struct keyboard {
	struct layout *l;
	size_t n;
	size_t letters;       /* the letters layout in use */
	long symbols;         /* the symbols layout, or -1 */
	int on_symbols, shift;
	struct buf text, preedit;
	int ime;              /* the preedit is an input method's, not libhangul's */
	char *pressed;        /* payload drawn pressed, or NULL; owned */
	struct buf query;     /* text + preedit, rebuilt when either changes */
};

static inline struct layout *keyboard_letters(const struct keyboard *kb)
{
	return &kb->l[kb->letters];
}

/* The layout on screen: the symbols layer or the letters in use. */
static inline struct layout *keyboard_shown(const struct keyboard *kb)
{
	return kb->on_symbols ? &kb->l[kb->symbols] : &kb->l[kb->letters];
}

/* The key of l whose payload is payload, or NULL. */
const struct key *keyboard_find_key(const struct layout *l, const char *payload);

/* Read one layout file into l (zeroed first); problems go to d as errors. The
 * caller opens l->input with libhangul and frees l with keyboard_release_layout. */
void keyboard_read_layout(struct layout *l, const char *path, struct diag_list *d);
/* Free what keyboard_read_layout allocated (not l->hic). */
void keyboard_release_layout(struct layout *l);

#endif
