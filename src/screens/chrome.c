/* chrome.c: the bar every screen shares (back, home, text size, language) and buttons. */
#include "screen.h"
#include "catalog/catalog.h"
#include "core/xalloc.h"
#include "ui/strings.h"

#include <string.h>

static int button_font(struct screen_ctx *c)
{
	/* controls keep one size whatever the visitor's text size, so the bar always fits */
	return c->m->target * 2 / 5;
}

int chrome_button_width(struct screen_ctx *c, const char *label)
{
	int pad = c->m->target / 4;
	int w = text_width(c->text, label, button_font(c), 1) + 2 * pad;
	return w < c->m->target ? c->m->target : w;
}

struct rect chrome_button(struct screen_ctx *c, struct scene *s, int x, int y, const char *label,
			  int action, const char *payload, int primary, int scroll)
{
	const struct theme *th = c->th;
	struct rect r = { x, y, chrome_button_width(c, label), c->m->target };
	struct text_style st = { .size = button_font(c), .bold = 1, .align = TEXT_CENTER, .max_lines = 1 };
	int lh = text_line_height(c->text, st.size);

	if (primary) {
		scene_rect(s, r, th->accent, scroll);
	} else {
		scene_rect(s, r, th->surface, scroll);
		scene_frame(s, r, th->accent, c->m->scale > 1.5f ? 3 : 2, scroll);
	}
	scene_text(s, c->text, (struct rect){ r.x, r.y + (r.h - lh) / 2, r.w, lh }, label, NULL, 0, &st,
		   primary ? th->on_accent : th->accent, scroll);
	scene_hit(s, r, action, payload, label, scroll);
	return r;
}

int chrome_bar(struct screen_ctx *c, struct scene *s, int kind)
{
	const struct metrics *m = c->m;
	const char *lang = c->lang;
	int y = (m->bar - m->target) / 2, gap = m->gap / 2, x = m->margin / 2;
	const char *langname = c->next_lang ? str_language_name(c->next_lang) : NULL;
	int right;

	scene_rect(s, (struct rect){ 0, 0, s->w, m->bar }, c->th->surface, 0);
	scene_rect(s, (struct rect){ 0, m->bar - 1, s->w, 1 }, c->th->border, 0);
	if (c->can_back)
		x += chrome_button(c, s, x, y, str_get(lang, STR_BACK), ACT_BACK, NULL, 0, 0).w + gap;
	chrome_button(c, s, x, y, str_get(lang, STR_HOME), ACT_HOME, NULL, 0, 0);

	right = s->w - m->margin / 2;
	if (langname) {
		right -= chrome_button_width(c, langname);
		chrome_button(c, s, right, y, langname, ACT_LANG, NULL, 1, 0);
		right -= gap;
	}
	right -= chrome_button_width(c, str_get(lang, STR_TEXT_SIZE));
	chrome_button(c, s, right, y, str_get(lang, STR_TEXT_SIZE), ACT_TEXT_SIZE, NULL, 0, 0);
	return m->bar;
}

char *screen_zip_path(struct screen_ctx *c, const char *file)
{
	return xasprintf("%s/%s", c->packs_dir, file);
}
