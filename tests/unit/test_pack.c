#include "test.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "pack/pack.h"
#include "pack/internal.h"
#include "pack/tree.h"
#include "pack/ziplib.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static int diag_has(const struct diag_list *d, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, text))
			return 1;
	return 0;
}

/* How many pages of p keep a deflate stream that inflates (zlib, raw) to their
 * text; -1 when one keeps a stream that does not. */
static int pages_keep_stream(const struct pack *p)
{
	int n = 0;

	for (size_t i = 0; i < p->nnodes; i++)
		for (size_t l = 0; l < p->nlangs; l++) {
			const struct pack_page *pg = &p->nodes[i].pages[l];
			z_stream zs = { 0 };
			char *out;
			int rc;
			if (!pg->deflate)
				continue;
			out = xmalloc(pg->len + 1);
			if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
				return -1;
			zs.next_in = pg->deflate;
			zs.avail_in = (uInt)pg->deflate_len;
			zs.next_out = (unsigned char *)out;
			zs.avail_out = (uInt)pg->len + 1;
			rc = inflate(&zs, Z_FINISH);
			inflateEnd(&zs);
			if (rc != Z_STREAM_END || zs.total_out != pg->len || memcmp(out, pg->text, pg->len)) {
				free(out);
				return -1;
			}
			free(out);
			n++;
		}
	return n;
}

int main(void)
{
	const char *top = getenv("TOP") ? getenv("TOP") : ".";
	char *mini = xasprintf("%s/tests/fixtures/mini", top);
	char tmpl[] = "/tmp/kiosk-unit-XXXXXX";
	char *dir = mkdtemp(tmpl), *zip;
	struct zip_budget budget = ZIP_BUDGET_DEFAULT;
	struct diag_list d;
	struct tree t, tz;
	struct pack p, pz;
	struct err e = { 0 };

	CHECK(pack_version_cmp("1.0.0", "1.0.0") == 0, "equal versions");
	CHECK(pack_version_cmp("1.10", "1.9") > 0, "versions compare as numbers");
	CHECK(pack_version_cmp("1.0", "1.0.1") < 0, "a longer version is newer");
	CHECK(pack_version_cmp("2", "1.99.99") > 0, "major version wins");

	/* a text file's bytes as an editor saves them: a BOM, CR LF or CR alone, NFD */
	{
		static const struct { const char *in, *out, *what; } norm[] = {
			{ "\xef\xbb\xbf# 탈북\r\n\r\ntext\rend\r\n", "# 탈북\n\ntext\nend\n", "a BOM and CR LF, NFC" },
			{ "\xef\xbb\xbf\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\r\n", "한\n", "a BOM, CR LF and NFD jamo" },
			{ "Cafe\xcc\x81\n", "Caf\xc3\xa9\n", "a combining accent" },
			{ "plain text, no CR\n", "plain text, no CR\n", "text as it is" },
			{ "", "", "nothing" },
		};
		for (size_t i = 0; i < sizeof(norm) / sizeof(*norm); i++) {
			size_t n = 99;
			char *got;
			diag_init(&d);
			got = pack_normalise_text(norm[i].in, strlen(norm[i].in), "x.md", &n, &d);
			CHECK(got && !strcmp(got, norm[i].out) && n == strlen(norm[i].out) && d.n == 0,
			      "normalised: %s", norm[i].what);
			free(got);
			diag_release(&d);
		}
		diag_init(&d);
		CHECK(!pack_normalise_text("\xef\xbb\xbf" "ab\ncd\xff", 9, "x.md", NULL, &d) && d.n == 1 &&
		      d.v[0].line == 2 && strstr(d.v[0].msg, "byte 0xff at offset 8"),
		      "invalid UTF-8 after a BOM is named by its line and its offset in the file (%s)",
		      d.n ? d.v[0].msg : "no message");
		diag_release(&d);
	}

	diag_init(&d);
	CHECK(tree_open_dir(&t, mini, &d, &e) == 0, "open the mini fixture folder");
	CHECK(tree_find(&t, "pack.ini") && tree_find(&t, "01-intro/01-first/chart.png"), "files are found by path");
	CHECK(pack_load(&p, &t, 0, &d, &e) == 0, "load it");
	CHECK(pack_check_media(&p, &t, &d, &e) == 0, "check its media");
	CHECK(d.n == 0, "no problems (%zu)", d.n);
	CHECK_STR(p.id, "mini", "id");
	CHECK(p.nlangs == 2 && !strcmp(p.langs[0], "ko") && !strcmp(p.langs[1], "en"), "languages in order");
	CHECK(p.nnodes == 3, "home, one section, one exhibit (%zu)", p.nnodes);
	if (p.nnodes == 3) {
		CHECK(p.nodes[0].kind == NODE_HOME && p.nodes[1].kind == NODE_SECTION &&
		      p.nodes[2].kind == NODE_EXHIBIT, "node kinds in reading order");
		CHECK_STR(p.nodes[2].slug, "first", "slug without its number");
		CHECK(p.nodes[2].parent == 1, "an exhibit's parent is its section");
		CHECK_STR(p.nodes[2].pages[0].title, "국가인권위원회와 인권", "Korean title");
		CHECK_STR(p.nodes[2].pages[1].source, "test material, 2024", "source line without its label");
		CHECK_STR(p.nodes[2].image, "01-intro/01-first/chart.png", "first image of the exhibit");
		CHECK(strstr(p.nodes[2].pages[0].plain, "인권을 지키는") != NULL, "plain text for search");
		CHECK(strstr(p.nodes[2].pages[0].plain, "출처") == NULL, "the source line is not searched");
	}
	CHECK(p.nimages == 1 && p.images[0].w == 64 && p.images[0].h == 32, "image size from its header");

	zip = xasprintf("%s/mini.zip", dir);
	CHECK(pack_build_zip(&p, &t, zip, &e) == 0, "build a zip (%s)", e.msg);
	CHECK(tree_open_zip(&tz, zip, &budget, &e) == 0, "reopen it as a zip (%s)", e.msg);
	CHECK(tz.n == p.nused, "the zip holds every used file (%zu of %zu)", tz.n, p.nused);
	CHECK(pack_load(&pz, &tz, 0, &d, &e) == 0 && d.n == 0, "the zip loads with no problems");
	CHECK(pz.nnodes == p.nnodes && !strcmp(pz.nodes[2].pages[1].text, p.nodes[2].pages[1].text),
	      "the zip says what the folder says");
	CHECK(pages_keep_stream(&pz) == (int)(pz.nnodes * pz.nlangs),
	      "every page of the zip keeps its deflate stream, which inflates to its text (%d of %zu)",
	      pages_keep_stream(&pz), pz.nnodes * pz.nlangs);
	CHECK(pages_keep_stream(&p) == 0, "a folder's pages have none");
	pack_release(&pz);
	tree_close(&tz);
	/* as an install loads it: no blocks kept, the rest the same */
	CHECK(tree_open_zip(&tz, zip, &budget, &e) == 0 && pack_load(&pz, &tz, PACK_LOAD_NO_DOCS, &d, &e) == 0 &&
	      pack_check_media(&pz, &tz, &d, &e) == 0 && d.n == 0, "the zip loads without its blocks");
	if (pz.nnodes == p.nnodes && p.nnodes == 3) {
		int same = 1, none = 1;
		for (size_t i = 0; i < p.nnodes; i++)
			for (size_t l = 0; l < p.nlangs; l++) {
				const struct pack_page *a = &p.nodes[i].pages[l], *b = &pz.nodes[i].pages[l];
				none = none && b->doc.n == 0 && !b->doc.blocks;
				same = same && a->doc.n > 0 && !strcmp(a->title, b->title) &&
				       !strcmp(a->plain, b->plain) && b->plain_len == strlen(b->plain) &&
				       a->text_blocks == b->text_blocks && a->text_blocks > 0 &&
				       !strcmp(a->text, b->text);
			}
		CHECK(none, "no page keeps its blocks");
		CHECK(same, "each page has the title, text, text for search and count of text blocks it has with them");
	}
	pack_release(&pz);
	tree_close(&tz);

	/* a page that is normalised keeps no stream, its text not being the zip's: a
	 * zip of CR LF pages, as a curator's own zip tool may make it (pack build
	 * writes pages normalised) */
	{
		static const char crlf[] = "# Home\r\n\r\nWelcome, with Windows line ends.\r\n\r\n"
					   "Welcome, with Windows line ends.\r\n";
		char *copy = xasprintf("%s/crlf", dir), *cmd = xasprintf("cp -r '%s' '%s'", mini, copy);
		char *czip = xasprintf("%s/crlf.zip", dir);
		struct tree tc, tcz;
		struct pack pc, pcz;
		zip_t *za = NULL;
		zip_source_t *src;
		zip_int64_t at = -1;
		int zerr, ok = system(cmd) == 0;
		diag_init(&d);
		ok = ok && tree_open_dir(&tc, copy, &d, &e) == 0 && pack_load(&pc, &tc, 0, &d, &e) == 0;
		ok = ok && pack_build_zip(&pc, &tc, czip, &e) == 0 && ziplib_load(&e) == 0;
		ok = ok && (za = zl.open(czip, 0, &zerr)) && (src = zl.source_buffer(za, crlf, strlen(crlf), 0)) &&
		     (at = zl.file_add(za, "en.md", src, ZIP_FL_OVERWRITE)) >= 0 &&
		     zl.set_file_compression(za, (zip_uint64_t)at, ZIP_CM_DEFLATE, 9) == 0;
		if (za && zl.close(za) < 0) {
			zl.discard(za);
			ok = 0;
		}
		ok = ok && tree_open_zip(&tcz, czip, &budget, &e) == 0 && pack_load(&pcz, &tcz, 0, &d, &e) == 0;
		CHECK(ok && !pcz.nodes[0].pages[1].deflate && !strcmp(pcz.nodes[0].pages[1].text,
								       "# Home\n\nWelcome, with Windows line ends.\n\n"
								       "Welcome, with Windows line ends.\n"),
		      "a page with CR LF keeps no stream (%s)", e.msg);
		CHECK(ok && pages_keep_stream(&pcz) == (int)(pcz.nnodes * pcz.nlangs) - 1, "the others keep theirs");
		if (ok) {
			pack_release(&pcz);
			tree_close(&tcz);
			pack_release(&pc);
			tree_close(&tc);
		}
		diag_release(&d);
		free(czip);
		free(cmd);
		free(copy);
	}

	/* a page whose content warning is taken out of its text keeps no stream */
	{
		char *nar = xasprintf("%s/tests/fixtures/narrated", top), *nzip = xasprintf("%s/narrated.zip", dir);
		struct tree tn, tnz;
		struct pack pn, pnz;
		const struct pack_page *w = NULL;
		int ok;
		diag_init(&d);
		ok = tree_open_dir(&tn, nar, &d, &e) == 0 && pack_load(&pn, &tn, 0, &d, &e) == 0 &&
		     pack_build_zip(&pn, &tn, nzip, &e) == 0 && tree_open_zip(&tnz, nzip, &budget, &e) == 0 &&
		     pack_load(&pnz, &tnz, 0, &d, &e) == 0;
		for (size_t i = 0; ok && i < pnz.nnodes; i++)
			if (pnz.nodes[i].pages[0].warning)
				w = &pnz.nodes[i].pages[0];
		CHECK(ok && w && !w->deflate && strncmp(w->text, "warning:", 8),
		      "a page with a content warning keeps no stream (%s)", e.msg);
		CHECK(ok && pages_keep_stream(&pnz) > 0, "pages without one keep theirs (%d)",
		      ok ? pages_keep_stream(&pnz) : -1);
		if (ok) {
			pack_release(&pnz);
			tree_close(&tnz);
			pack_release(&pn);
			tree_close(&tn);
		}
		diag_release(&d);
		free(nzip);
		free(nar);
	}

	/* a tiny budget refuses the same zip before reading it */
	budget.max_entries = 3;
	CHECK(tree_open_zip(&tz, zip, &budget, &e) < 0 && strstr(e.msg, "over the limit of 3"),
	      "the entry budget is checked first (%s)", e.msg);
	budget.max_entries = 20000;
	budget.max_total = 100;
	CHECK(tree_open_zip(&tz, zip, &budget, &e) < 0 && strstr(e.msg, "uncompressed size"),
	      "the size budget (%s)", e.msg);
	unlink(zip);
	free(zip);
	pack_release(&p);
	tree_close(&t);
	diag_release(&d);

	/* a misspelt key is one error: what would follow from its absence is not said */
	{
		static const char typo[] = "[pack]\nid = x\nversion = 1\nlangauges = ko\n"
					   "default_language = ko\ntitle.ko = t\n[lint]\nparity = false\n"
					   "sentence_words = 30\n";
		char *pdir = xasprintf("%s/typo", dir), *ini = xasprintf("%s/pack.ini", pdir);
		FILE *f;
		mkdir(pdir, 0755);
		f = fopen(ini, "w");
		fputs(typo, f);
		fclose(f);
		diag_init(&d);
		tree_open_dir(&t, pdir, &d, &e);
		pack_load(&p, &t, 0, &d, &e);
		CHECK(d.errors == 1 && d.warnings == 0, "a misspelt 'languages' is one error (%zu, %zu)", d.errors,
		      d.warnings);
		CHECK(!p.lint.parity && p.lint.sentence_words == 30 && p.lint.paragraph_words == 100,
		      "[lint] sets the limits it names and leaves the others");
		pack_release(&p);
		tree_close(&t);
		diag_release(&d);
		unlink(ini);
		rmdir(pdir);
		free(ini);
		free(pdir);
	}
	{
		static const char *const keys[] = { "timeline-2024.png", "ko.md", "en.md" };
		CHECK(pack_near_match("timline-2024.png", keys, 3) == keys[0] &&
		      pack_near_match("tiemline-2024.png", keys, 3) == keys[0] &&
		      !pack_near_match("chart.png", keys, 3) && !pack_near_match("ko.md", keys, 3),
		      "near matches: one letter left out or swapped, not another name");
	}

	/* pack.ini problems, each reported */
	{
		static const char *const bad[][2] = {
			{ "[pack]\nid = x\n", "missing key 'version'" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko\ndefault_language = ko\ntitle.ko = t\ntitle.ko = u\n", "given twice" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko,, english\ndefault_language = ko\ntitle.ko = t\n", "'english' is not a language code" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko\ndefault_language = ko\ntitle.ko = t\nshow_from = 2024-02-30\n", "not a date" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko, de\ndefault_language = ko\ntitle.ko = t\ntitle.de = t\n", "source_label.de" },
			{ "[other]\nid = x\n", "pack.ini has only [pack]" },
			{ "no equals sign here\n", "not a 'key = value' line" },
			{ "[pack]\nid = x\nversion = 1\nlangauges = ko\ndefault_language = ko\ntitle.ko = t\n",
			  "unknown key 'langauges'; did you mean 'languages'?" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko\ndefault_language = ko\ntilte.ko = t\n",
			  "unknown key 'tilte.ko'; did you mean 'title.ko'?" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko\ndefault_language = ko\ntitle.ko = t\n"
			  "[lint]\nsentence_words = many\n", "a [lint] limit is a number" },
			{ "[pack]\nid = x\nversion = 1\nlanguages = ko\ndefault_language = ko\ntitle.ko = t\n"
			  "[lint]\nsentences = 3\n", "unknown key 'sentences' in [lint]" },
		};
		for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
			char *pdir = xasprintf("%s/p%zu", dir, i), *ini = xasprintf("%s/pack.ini", pdir);
			FILE *f;
			mkdir(pdir, 0755);
			f = fopen(ini, "w");
			fputs(bad[i][0], f);
			fclose(f);
			diag_init(&d);
			tree_open_dir(&t, pdir, &d, &e);
			pack_load(&p, &t, 0, &d, &e);
			CHECK(diag_has(&d, bad[i][1]), "pack.ini case %zu reports '%s'", i, bad[i][1]);
			pack_release(&p);
			tree_close(&t);
			diag_release(&d);
			unlink(ini);
			rmdir(pdir);
			free(ini);
			free(pdir);
		}
	}
	rmdir(dir);
	free(mini);
	return test_failures != 0;
}
