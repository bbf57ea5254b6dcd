/* Unit tests of the theme's contrast (WCAG 2.1 contrast ratio) and of the check
 * that `kiosk shot --check` runs on every text of a screen. */
#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"
#include "ui/scene.h"
#include "ui/theme.h"
#include "test.h"

#include <math.h>

static void pair(const struct theme *t, uint32_t fg, uint32_t bg, double need, const char *what)
{
	double got = theme_contrast(fg, bg);
	CHECK(got >= need, "%s %s: %.2f:1 (needs %.1f:1)", t->high_contrast ? "high contrast" : "default", what, got, need);
}

/* bg under the wash of a control a finger is on (theme.h, pressed), as SDL's blend
 * mode BLEND mixes them */
static uint32_t washed(const struct theme *t, uint32_t bg)
{
	uint32_t a = t->pressed & 0xff, out = 0xff;

	for (int shift = 8; shift < 32; shift += 8) {
		uint32_t w = (t->pressed >> shift) & 0xff, b = (bg >> shift) & 0xff;
		out |= ((w * a + b * (255 - a)) / 255) << shift;
	}
	return out;
}

int main(void)
{
	struct theme th;
	struct text_engine *te;
	struct err e = { 0 };

	/* the ratio itself: WCAG's examples */
	CHECK(fabs(theme_contrast(0x000000ff, 0xffffffff) - 21.0) < 0.01, "black on white is 21:1");
	CHECK(fabs(theme_contrast(0x777777ff, 0xffffffff) - 4.48) < 0.01, "#777 on white is 4.48:1 (%.2f)",
	      theme_contrast(0x777777ff, 0xffffffff));
	CHECK(theme_contrast(0xffffffff, 0xffffffff) == 1.0, "a colour on itself is 1:1");

	for (int hc = 0; hc < 2; hc++) {
		double body, other;
		theme_init(&th, hc);
		body = theme_min_contrast(&th, 1);
		other = theme_min_contrast(&th, 0);
		CHECK(body == (hc ? 7.0 : 4.5) && other == 4.5, "the targets: %.1f body, %.1f other", body, other);
		pair(&th, th.text, th.bg, body, "text on the page");
		pair(&th, th.text, th.surface, body, "text on a card");
		pair(&th, th.muted, th.bg, body, "secondary text on the page");
		pair(&th, th.muted, th.surface, body, "secondary text on a card");
		pair(&th, th.accent, th.surface, other, "a button's label on the bar");
		pair(&th, th.accent, th.bg, other, "a link on the page");
		pair(&th, th.on_accent, th.accent, other, "a filled button's label");
		pair(&th, th.on_stage, th.stage, body, "a caption on the stage");
		pair(&th, th.on_stage_muted, th.stage, other, "a title in another language on the stage");
		pair(&th, th.call, th.stage, other, "touch to begin");
		pair(&th, th.on_notice, th.notice, other, "the notice for staff");
		/* a control under a finger: the same labels on its washed colour */
		pair(&th, th.text, washed(&th, th.surface), other, "text on a card under a finger");
		pair(&th, th.text, washed(&th, th.bg), other, "text on the page under a finger");
		pair(&th, th.accent, washed(&th, th.surface), other, "a button's label on the bar under a finger");
		pair(&th, th.on_accent, washed(&th, th.accent), other, "a filled button's label under a finger");
		CHECK(theme_contrast(washed(&th, th.surface), th.surface) >= 1.2 &&
		      theme_contrast(washed(&th, th.accent), th.accent) >= 1.2,
		      "%s: a control under a finger looks different (%.2f:1 on a bar, %.2f:1 on a filled button)",
		      hc ? "high contrast" : "default", theme_contrast(washed(&th, th.surface), th.surface),
		      theme_contrast(washed(&th, th.accent), th.accent));
	}

	/* the check finds text that cannot be read on what is under it */
	if (text_engine_new(&te, &e) < 0) {
		CHECK(0, "no fonts: %s", e.msg);
		return test_failures;
	}
	theme_init(&th, 0);
	{
		struct scene s;
		struct buf out = BUF_INIT;
		struct text_style st = { .size = 20 };
		scene_init(&s, 800, 600);
		scene_rect(&s, (struct rect){ 0, 0, 800, 100 }, 0xffffffff, 0);
		scene_text(&s, te, (struct rect){ 10, 10, 400, 0 }, "readable", NULL, 0, &st, th.text, 0);
		scene_text(&s, te, (struct rect){ 10, 50, 400, 0 }, "pale grey", NULL, 0, &st, 0xccccccff, 0);
		/* on the page's background (the clear colour), not on the white box */
		scene_text(&s, te, (struct rect){ 10, 200, 400, 0 }, "beige on beige", NULL, 0, &st, 0xe0ddd5ff, 0);
		/* over a picture: unknown, not judged */
		scene_image(&s, (struct rect){ 0, 300, 800, 200 }, "x.zip", "a.png", 0, "", 0);
		scene_text(&s, te, (struct rect){ 10, 350, 400, 0 }, "over a picture", NULL, 0, &st, 0xccccccff, 0);
		CHECK(scene_check(&s, 48, &th, &out) == 2, "two texts are too pale: %s", out.data ? out.data : "");
		CHECK(out.data && strstr(out.data, "text 'pale grey' has a contrast of 1.61:1 on its background, under 4.5:1"),
		      "the problem names the text and the ratio");
		CHECK(out.data && strstr(out.data, "'beige on beige'"), "the page's own background counts");
		buf_release(&out);
		scene_release(&s);
	}
	theme_init(&th, 1);
	{
		/* high contrast: body text (the scrolling layer) needs 7:1, controls 4.5:1 */
		struct scene s;
		struct buf out = BUF_INIT;
		struct text_style st = { .size = 20 };
		scene_init(&s, 800, 600);
		s.view = (struct rect){ 0, 100, 800, 500 };
		scene_rect(&s, (struct rect){ 0, 0, 800, 100 }, 0x000000ff, 0);
		scene_text(&s, te, (struct rect){ 10, 10, 400, 0 }, "a control at 5.3:1", NULL, 0, &st, 0x8a8a8aff, 0);
		scene_text(&s, te, (struct rect){ 10, 150, 400, 0 }, "body at 5.3:1", NULL, 0, &st, 0x8a8a8aff, 1);
		CHECK(scene_check(&s, 48, &th, &out) == 1 && strstr(out.data, "'body at 5.3:1'") && strstr(out.data, "under 7.0:1"),
		      "body text under 7:1 fails, a control at 5.3:1 passes: %s", out.data ? out.data : "");
		buf_release(&out);
		scene_release(&s);
	}
	text_engine_free(te);
	return test_failures;
}
