/* keyboard.h: the on-screen keyboard of the search screen, and the text it edits.
 *
 * Layouts are data: assets/keyboards/NAME.ini (format in the files themselves),
 * read with inih: rows of keys, what each key sends (with Shift too), what it
 * shows, and its width relative to a letter key. Letter layouts (한글, ABC...)
 * take turns on the switch key; one symbols layout holds digits and punctuation.
 * A layout with `input = hangul ID` sends its keys to libhangul's keyboard ID
 * ("2": 2-beolsik, KS X 5002) through hangul_ic_process, which composes the
 * syllable being typed (the preedit, drawn underlined by the screen); this file
 * never composes Hangul itself. Other layouts type what their keys send.
 *
 * The text is two UTF-8 strings: committed text, and the preedit after it. The
 * search screen searches keyboard_query() (both together) as the visitor types.
 * A physical keyboard and an input method reach the same text through
 * keyboard_insert_text (SDL_TEXTINPUT) and keyboard_set_preedit (SDL_TEXTEDITING).
 *
 * Keys act once per keyboard_key call: nothing here repeats a key, and a held
 * key only shows that it is pressed. Units: px for sizes, UTF-8 for text. */
#ifndef KIOSK_KEYBOARD_H
#define KIOSK_KEYBOARD_H

#include <stddef.h>

#include "ui/scene.h"

struct err;
struct keyboard;
struct metrics;
struct text_engine;
struct theme;

/* Each key is a touch target with action ACT_KEY (scene.h) and payload the key:
 * what it sends without Shift ("q", "1"), or a special key: "@shift",
 * "@backspace", "@space", "@clear", "@switch" (next letters layout), "@symbols",
 * "@letters" (back from symbols). */

/* Committed text plus preedit never grow past this many bytes: keys that would
 * pass it do nothing. */
enum { KEYBOARD_MAX_TEXT = 256 };

/* Load every layout of dir (NULL: the keyboards folder of the assets, see
 * assets.h) and start on the letters layout whose `language` is lang (else the
 * English one, else the first by file name). 0, or -1 with an error naming the
 * file and line of the first problem (ERR_FORMAT), a missing folder or a layout
 * that libhangul lacks; nothing is allocated then. keyboard_free frees it. */
int keyboard_new(struct keyboard **out, const char *dir, const char *lang, struct err *e);
void keyboard_free(struct keyboard *kb);

/* Apply one key (a payload as above). Returns 1 when the committed text or the
 * preedit changed, 0 when not (Shift, a layer switch, a key the current layer
 * lacks, a full text). Shift acts on the next key only; a second Shift cancels.
 * "@backspace", "@space" and "@clear" act whatever the layer, so that a physical
 * keyboard's Backspace is keyboard_key(kb, "@backspace"). */
int keyboard_key(struct keyboard *kb, const char *payload);

/* Text typed on a physical keyboard or committed by an input method (valid
 * UTF-8; control characters are dropped). The libhangul preedit is committed
 * first and an input method's preedit replaced. Returns 1 when the text changed;
 * 0 for invalid UTF-8 or a full text. */
int keyboard_insert_text(struct keyboard *kb, const char *utf8);
/* An input method's preedit (SDL_TEXTEDITING), shown after the committed text
 * until the input method commits it; "" ends it. Returns 1 when it changed. */
int keyboard_set_preedit(struct keyboard *kb, const char *utf8);
/* Replace everything with utf8 as committed text (a query from a route); invalid
 * UTF-8 clears. Cut at KEYBOARD_MAX_TEXT on a character boundary. */
void keyboard_set_text(struct keyboard *kb, const char *utf8);
/* Empty the text and the preedit, Shift off, letters shown (the idle timeout). */
void keyboard_clear(struct keyboard *kb);

/* The committed text, the preedit, and both together: UTF-8, never NULL, owned
 * by kb and valid until the next call that changes the text. */
const char *keyboard_text(const struct keyboard *kb);
const char *keyboard_preedit(const struct keyboard *kb);
const char *keyboard_query(const struct keyboard *kb);

/* Show the letters layout of lang (the preedit is committed first); 0, or -1
 * when no layout has that language (nothing changes). */
int keyboard_set_language(struct keyboard *kb, const char *lang);
/* The language of the letters layout in use ("ko"), owned by kb. */
const char *keyboard_language(const struct keyboard *kb);
/* 1 while the symbols layer is shown; 1 while Shift is on. */
int keyboard_on_symbols(const struct keyboard *kb);
int keyboard_shifted(const struct keyboard *kb);

/* Draw payload's key as pressed (a finger is on it) until keyboard_release_visual.
 * Returns 1 when what is drawn changes (rebuild the scene), 0 when not or when
 * the current layer has no such key. */
int keyboard_press_visual(struct keyboard *kb, const char *payload);
int keyboard_release_visual(struct keyboard *kb);

/* The height in px the keyboard wants at width w for metrics m: every row of
 * every layout with keys at least m->target px (9 mm at the DPI, never under 48
 * px) both ways, rows that would not fit w split in two or more; on a phone-sized
 * portrait window (under 600 px wide) at least the lower half of the window. */
int keyboard_height(const struct keyboard *kb, const struct metrics *m, int w);

/* Add the keys of the current layer to s (fixed, not scrolling) inside r: each
 * key's touch target (ACT_KEY, its payload, its name in ui_lang) is a cell of at
 * least m->target px each way, the keys drawn inside the cells, the rows at the
 * bottom of r. Labels of special keys come from the layout, or from the strings of
 * ui_lang when the font lacks the layout's symbol. Returns the height used (px),
 * which is more than r.h only when r.h is under keyboard_height. */
int keyboard_layout(struct keyboard *kb, struct scene *s, struct text_engine *t, const struct metrics *m,
		    const struct theme *th, struct rect r, const char *ui_lang);

#endif
