/* strings.h: the words of the kiosk's own controls, in each language it knows;
 * a pack language it does not know falls back to English. */
#ifndef KIOSK_STRINGS_H
#define KIOSK_STRINGS_H

enum str_id {
	STR_BACK, STR_HOME, STR_TEXT_SIZE, STR_PREVIOUS, STR_NEXT, STR_TOUCH_TO_BEGIN,
	STR_STILL_THERE, STR_RETURNING, STR_CONTINUE, STR_SOURCE, STR_SEARCH, STR_NO_RESULTS,
	STR_CLOSE, STR_LOADING, STR_IMAGE_BROKEN, STR_EXHIBITS, STR_NO_CONTENT, STR_READ_ONLY,
	STR_POSITION, STR_SECTION_END, STR_NEXT_SECTION, STR_BACK_TO_SECTION, STR_ALL_SECTIONS,
	STR_EXHIBITION_END, STR_EXHIBITION_END_TEXT, STR_START_AGAIN, STR_COUNT_
};

/* The string in lang. */
const char *str_get(const char *lang, int id);
/* A language's name in its own script: "한국어", "English"; the code for others. */
const char *str_language_name(const char *lang);

#endif
