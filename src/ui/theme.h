/* theme.h: colours, and sizes derived from the window and its DPI. */
#ifndef KIOSK_THEME_H
#define KIOSK_THEME_H

#include <stdint.h>

/* Colours are 0xRRGGBBAA. Every text colour meets its contrast target on the
 * backgrounds it is drawn on: 4.5:1 in the default theme, 7:1 in high contrast
 * (tests/unit/test_theme.c checks it). */
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
};

void theme_init(struct theme *t, int high_contrast);

/* WCAG contrast ratio of two opaque colours. */
double theme_contrast(uint32_t a, uint32_t b);

enum { TEXT_SIZES = 3 };

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
};

/* text_size 0..TEXT_SIZES-1; dpi 0 means 96. */
void metrics_compute(struct metrics *m, int w, int h, float dpi, int text_size);

#endif
