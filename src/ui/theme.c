#include "theme.h"

#include <math.h>

void theme_init(struct theme *t, int high_contrast)
{
	t->high_contrast = high_contrast;
	if (high_contrast) {
		t->bg = 0x000000ff;
		t->surface = 0x000000ff;
		t->text = 0xffffffff;
		t->muted = 0xe8e8e8ff;
		t->accent = 0xffd60aff;
		t->on_accent = 0x000000ff;
		t->border = 0xffffffff;
		t->placeholder = 0x333333ff;
		t->scrim = 0x000000e6;
		t->stage = 0x000000ff;
		t->on_stage = 0xffffffff;
		t->on_stage_muted = 0xffffffff;
		t->call = 0xffd60aff;
		t->notice = 0x000000ff;
		t->on_notice = 0xffd60aff;
	} else {
		t->bg = 0xf5f3eeff;
		t->surface = 0xffffffff;
		t->text = 0x1b2a41ff;
		t->muted = 0x4a5568ff;
		t->accent = 0x1f6470ff;
		t->on_accent = 0xffffffff;
		t->border = 0xc9ced6ff;
		t->placeholder = 0xe3e1dbff;
		t->scrim = 0x1b2a41b3;
		t->stage = 0x0d1b2aff;
		t->on_stage = 0xffffffff;
		t->on_stage_muted = 0xd0d8e4ff;
		t->call = 0xffd166ff;
		t->notice = 0x5c3d00ff;
		t->on_notice = 0xffe8b0ff;
	}
	/* a shade that the light theme's white bars and its dark filled buttons both
	 * show, and a grey for high contrast's black and yellow; what is written on
	 * them keeps 4.5:1 under it (test_theme) */
	t->pressed = high_contrast ? 0x80808050 : 0x00000020;
}

static double channel(uint32_t c, int shift)
{
	double v = ((c >> shift) & 0xff) / 255.0;
	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t c)
{
	return 0.2126 * channel(c, 24) + 0.7152 * channel(c, 16) + 0.0722 * channel(c, 8);
}

double theme_contrast(uint32_t a, uint32_t b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

int metrics_text_percent(int text_size)
{
	if (text_size < 0)
		text_size = 0;
	if (text_size >= TEXT_SIZES)
		text_size = TEXT_SIZES - 1;
	return 100 + 25 * text_size;
}

void metrics_compute(struct metrics *m, int w, int h, float dpi, int text_size)
{
	const float k = metrics_text_percent(text_size) / 100.0f;
	int short_side = w < h ? w : h;
	float s, mm9;

	if (dpi <= 0)
		dpi = 96;
	if (text_size < 0)
		text_size = 0;
	if (text_size >= TEXT_SIZES)
		text_size = TEXT_SIZES - 1;
	/* grow with the window (a 4K screen is seen from as far as a 1080p one) and the DPI */
	s = short_side / 800.0f;
	if (dpi / 96.0f > s)
		s = dpi / 96.0f;
	if (s < 1)
		s = 1;
	if (s > 3)
		s = 3;
	m->w = w;
	m->h = h;
	m->dpi = dpi;
	m->text_size = text_size;
	m->portrait = h > w;
	m->scale = s;
	mm9 = 9.0f / 25.4f * dpi;
	m->target = (int)lroundf(fmaxf(fmaxf(48.0f, mm9), 52.0f * s));
	m->margin = (int)lroundf((w < 600 ? 16 : 32) * s);
	m->gap = (int)lroundf(16 * s);
	m->bar = m->target + (int)lroundf(16 * s);
	m->body = (int)lroundf(20 * s * k);
	m->small = (int)lroundf(16 * s * k);
	m->h1 = (int)lroundf(34 * s * k);
	m->h2 = (int)lroundf(26 * s * k);
	m->h3 = (int)lroundf(22 * s * k);
	/* about 27 em: some 50 Latin characters, some 27 Hangul syllables */
	m->column = m->body * 27;
	if (m->column > w - 2 * m->margin)
		m->column = w - 2 * m->margin;
	m->radius = (int)lroundf(10 * s);
	/* headings grow with the text size until a Korean word of 8 syllables (북한이탈주민의
	 * 날: the longest in titles of the demo pack is 7) no longer fits the column; then
	 * they stop growing, so a heading is never broken inside a word. Body text
	 * keeps its full size: 200 % means 200 % for what is read. */
	{
		int cap1 = (w - 2 * m->margin) / 8, cap2 = (w - 2 * m->margin) / 10, cap3 = (w - 2 * m->margin) / 12;
		int base1 = (int)lroundf(34 * s), base2 = (int)lroundf(26 * s), base3 = (int)lroundf(22 * s);
		if (m->h1 > cap1)
			m->h1 = cap1 > base1 ? cap1 : base1;
		if (m->h2 > cap2)
			m->h2 = cap2 > base2 ? cap2 : base2;
		if (m->h3 > cap3)
			m->h3 = cap3 > base3 ? cap3 : base3;
		if (m->h2 < m->body)
			m->h2 = m->body;
		if (m->h3 < m->body)
			m->h3 = m->body;
		if (m->h1 < m->h2)
			m->h1 = m->h2;
	}
}

double theme_min_contrast(const struct theme *t, int body)
{
	return t->high_contrast && body ? 7.0 : 4.5;
}
