/* lint.h: what `pack lint` (and `pack build`, `pack preview`) warn of beyond what
 * install refuses: characters no font of this machine draws, titles the kiosk
 * will cut, labels too long to be read standing (the Smithsonian Guidelines for
 * Accessible Exhibition Design), and translations that drift apart. Warnings
 * only: a pack with them still builds and installs. */
#ifndef KIOSK_PACK_LINT_H
#define KIOSK_PACK_LINT_H

#include <stddef.h>

struct diag_list;
struct pack;
struct text_engine;
struct tree;

/* Limits of the label rules; 0 turns a rule off. Defaults (lint_rules_default):
 * the Smithsonian Guidelines for Accessible Exhibition Design (1996, "Label
 * design"): a sentence of at most 25 words, a paragraph of at most 100 words
 * (one "chunk" of text), a heading of at most 10 words. Languages written
 * without spaces between every word (ko, ja, zh) are counted in characters,
 * spaces and punctuation included: 2.85 Korean characters for each English word,
 * measured over the 14 exhibits of the demo pack (8,104 characters against
 * 2,845 words), gives 70, 285 and 28 (docs/pack-format.md). pack.ini's [lint]
 * section overrides them (pack_read_ini). */
struct lint_rules {
	int sentence_words, paragraph_words, heading_words;
	int sentence_chars, paragraph_chars, heading_chars;
	int parity;          /* compare numbers and paragraph counts between languages */
};

void lint_rules_default(struct lint_rules *r);

/* A place where the kiosk shows a title in a box of fixed lines, cutting the rest
 * with "…": its name for messages, the text size (px), bold, the width of the box
 * (px) and its lines, at the screen size named by `screen` ("390x844"). */
struct lint_place {
	const char *name;      /* "cards", "the attract screen" */
	const char *screen;
	int size, bold, width, lines;
	int kinds;             /* 1 << NODE_SECTION | 1 << NODE_EXHIBIT: whose titles */
	int default_lang;      /* 1: only the default language's; 0: only the others' */
};

/* Add the warnings about p (loaded from t) to d. te measures titles at each of the
 * nplaces places and says which characters can be drawn; NULL skips both. A title
 * cut at several places of one name is reported at the first of them. */
void pack_lint(const struct pack *p, struct tree *t, struct text_engine *te,
	       const struct lint_rules *r, const struct lint_place *places, size_t nplaces,
	       struct diag_list *d);

#endif
