/* theme.h: colours, and sizes derived from the window and its DPI. */
#ifndef KIOSK_THEME_H
#define KIOSK_THEME_H

#include <stdint.h>

/* Colours are 0xRRGGBBAA. Every text colour meets its contrast target (WCAG 2.1
 * contrast ratio, success criteria 1.4.3 and 1.4.6) on the backgrounds it is drawn
 * on: 4.5:1 in the default theme; in high contrast 7:1 for the text that is read
 * (body, titles) and 4.5:1 for everything else. tests/unit/test_theme.c checks the
 * pairs, and `kiosk shot --check` measures every text item of a screen against
 * what is drawn under it. */
struct theme {
	int high_contrast;
	uint32_t bg;          /* screen background */
	uint32_t surface;     /* cards, bars */
	uint32_t text;
	uint32_t muted;       /* secondary text */
	uint32_t accent;      /* buttons */
	uint32_t on_accent;   /* text on buttons */
	uint32_t border;
	uint32_t placeholder; /* image placeholder fill */
	uint32_t scrim;       /* behind a dialog */
	uint32_t stage;       /* behind pictures on the whole screen, the attract loop */
	uint32_t on_stage;    /* text on the stage */
	uint32_t on_stage_muted;
	uint32_t call;        /* "touch to begin" on the stage */
	uint32_t notice;      /* a band for staff (read-only data) */
	uint32_t on_notice;
	uint32_t pressed;     /* washed over a control while a finger is on it (its alpha is
			       * the wash's) */
};

/* The contrast a text needs on its background: body is text that is read. */
double theme_min_contrast(const struct theme *t, int body);

void theme_init(struct theme *t, int high_contrast);

/* WCAG contrast ratio of two opaque colours. */
double theme_contrast(uint32_t a, uint32_t b);

/* The visitor's text sizes: 100 % to 200 % of the default in five steps (WCAG 2.1
 * success criterion 1.4.4 asks for 200 % without loss of content). */
enum { TEXT_SIZES = 5 };

/* The percentage of text size step i (0..TEXT_SIZES-1): 100, 125, 150, 175, 200. */
int metrics_text_percent(int text_size);

/* Sizes in pixels for one window. */
struct metrics {
	int w, h;
	int portrait;
	float scale;      /* 1 on a 96 DPI desktop window of about 800 px */
	int target;       /* the least size of a touch target: 9 mm at the DPI, never under 48 px */
	int margin;       /* outer margin */
	int gap;          /* between cards */
	int bar;          /* height of the top bar */
	int body;         /* body text size, by the visitor's text size */
	int small;
	int h1, h2, h3;
	int column;       /* width of a column of body text: about 45-55 Latin characters */
	int radius;
	float dpi;        /* what they were computed for: metrics_compute's arguments */
	int text_size;
};

/* text_size 0..TEXT_SIZES-1; dpi 0 means 96. */
void metrics_compute(struct metrics *m, int w, int h, float dpi, int text_size);

#endif
