/* strings.h: the words of the kiosk's own controls, in each interface language.
 *
 * They are data, not code: assets/strings/<lang>.ini (see assets.h), one file per
 * language, read with inih. INI rather than gettext catalogues because the kiosk
 * switches language per call and per screen, while gettext picks its catalogue
 * through the process locale (setlocale/LANGUAGE), which needs a generated system
 * locale for each language (ko_KR.UTF-8 and so on) on every kiosk and a msgfmt
 * step at build time; inih is already the project's INI library, and a
 * translator adds a language by copying en.ini, with no compiler and no C change.
 *
 * A file: `[language]` with `name` (the language's name in its own script), and
 * `[strings]` with one `key = text` per string (keys are listed in strings.c).
 * A string that is missing, or whose printf conversions differ from what the code
 * passes (say %s where a number comes), falls back to English; so does a language
 * with no file. Problems are printed once on stderr, `kiosk: strings: FILE:LINE:
 * message`; str_lint lists them for tests and tools.
 *
 * Files are read the first time a language is asked for, then kept for the life
 * of the process (at most STR_MAX_LANGS languages; others are shown in English),
 * so returned pointers stay valid until str_reload. Thread-safe. */
#ifndef KIOSK_STRINGS_H
#define KIOSK_STRINGS_H

struct diag_list;

enum str_id {
	STR_BACK, STR_HOME, STR_TEXT_SIZE, STR_PREVIOUS, STR_NEXT, STR_TOUCH_TO_BEGIN,
	STR_STILL_THERE, STR_RETURNING, STR_CONTINUE, STR_SOURCE, STR_SEARCH, STR_NO_RESULTS,
	STR_CLOSE, STR_LOADING, STR_IMAGE_BROKEN, STR_EXHIBITS, STR_NO_CONTENT, STR_READ_ONLY,
	/* search */
	STR_SEARCH_HINT, STR_NO_MATCH, STR_SECTIONS, STR_MATCHED_IN, STR_KEYS_HIDE, STR_KEYS_SHOW,
	STR_KEYS_RESULT, STR_KEYS_RESULTS,
	/* the on-screen keyboard: names of its special keys (what a screen reader says) */
	STR_KEY_SPACE, STR_KEY_BACKSPACE, STR_KEY_CLEAR, STR_KEY_SHIFT, STR_KEY_SYMBOLS,
	STR_KEY_SWITCH, STR_KEY_LETTERS,
	/* finding one's way */
	STR_POSITION, STR_END_OF_SECTION, STR_NEXT_SECTION, STR_END_OF_EXHIBITION,
	STR_BACK_TO_SECTIONS, STR_BACK_TO_SECTION, STR_END_TEXT, STR_START_AGAIN,
	/* technician, narration, content warnings, schedule */
	STR_TECHNICIAN, STR_LISTEN, STR_PAUSE, STR_REPLAY, STR_CONTENT_WARNING, STR_GO_BACK,
	STR_NO_EXHIBITION, STR_CLOSED, STR_OPENING_HOURS,
	/* the display sheet */
	STR_DISPLAY, STR_CONTRAST, STR_CONTRAST_STANDARD, STR_CONTRAST_HIGH, STR_REACH, STR_REACH_OFF,
	STR_REACH_ON, STR_DONE, STR_PERCENT, STR_ENLARGE, STR_TECH_STATS,
	/* the technician's PIN pad and menu, the closed screen */
	STR_PIN_TITLE, STR_PIN_WRONG, STR_PIN_LOCKED, STR_PIN_NONE, STR_PIN_DELETE, STR_OK,
	STR_CANCEL, STR_TECH_PACKS, STR_TECH_NO_PACKS, STR_TECH_INSTALLED, STR_TECH_SHOWN,
	STR_TECH_LATER, STR_TECH_ENDED, STR_TECH_UNTIL, STR_TECH_UNSIGNED, STR_TECH_INBOX,
	STR_TECH_INBOX_EMPTY, STR_TECH_WAITING, STR_TECH_REFUSED, STR_TECH_SYSTEM, STR_TECH_CLOCK,
	STR_TECH_DISK, STR_TECH_UPTIME, STR_TECH_RESTARTS, STR_TECH_ERRORS, STR_TECH_NO_ERRORS,
	STR_TECH_UNKNOWN, STR_TECH_ALWAYS_OPEN, STR_TECH_TODAY, STR_TECH_ACTIONS, STR_TECH_IMPORT,
	STR_TECH_NO_STICK, STR_TECH_IMPORT_FAILED, STR_TECH_REMOVE,
	STR_TECH_CONFIRM_REMOVE, STR_TECH_REMOVED, STR_TECH_DEFAULT_LANG, STR_TECH_DEFAULT_SIZE,
	STR_TECH_SCREEN_OFF, STR_TECH_RESTART, STR_TECH_EXIT, STR_CLOSED_TOUCH, STR_CHOOSE,
	STR_COUNT_
};

enum { STR_MAX_LANGS = 32 };

/* The string id in lang (a code such as "ko", "en", "pt-BR"; NULL means English),
 * UTF-8, owned by this module. Never NULL: English when lang has no file or no
 * valid string for id; the key's name (such as "back") when even English has none
 * (the assets folder is missing: said once on stderr); "" for an id out of range.
 * Strings that take arguments are printf formats; the arguments are those of
 * English, in the same order (a translation may reorder them with %1$d, %2$d). */
const char *str_get(const char *lang, int id);

/* A language's name in its own script ("한국어", "English", "日本語"): the `name` of
 * its strings file, else its line in assets/strings/languages.ini, else the code
 * itself (borrowed: lang is returned). */
const char *str_language_name(const char *lang);

/* The key of id in the files ("back"), or NULL for an id out of range. */
const char *str_key(int id);

/* Check one strings file as the loader reads it: syntax, UTF-8, unknown and
 * duplicate keys, printf conversions against the code's, a missing name, and
 * (warnings) missing strings. Appends to d; returns the number of errors. */
int str_lint(const char *path, struct diag_list *d);

/* Forget every loaded language, so that the next str_get reads the files again
 * (after $KIOSK_ASSETS changed, in tests). Invalidates every pointer returned. */
void str_reload(void);

#endif
