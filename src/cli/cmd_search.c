/* cmd_search.c: `kiosk search`, the visitor's search from the command line. */
#include "cli.h"
#include "app/config.h"
#include "app/installer.h"
#include "catalog/catalog.h"
#include "core/err.h"
#include "core/fs.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char search_usage[] =
	"usage: kiosk search QUERY [--composing] [--lang L] [--limit N] [--data DIR] [--config FILE]\n"
	"List installed exhibits that match QUERY, best first, with a snippet where the\n"
	"match is marked [like this], as the search screen does. Korean matches any part\n"
	"of a word ('인권' finds '국가인권위원회'), and consonants alone match initial\n"
	"consonants ('ㅌㅂㅁ' finds '탈북민', '탈ㅂ' finds '탈북'); other words match by\n"
	"their beginning, whatever their case, accents and apostrophes ('pyongyang' finds\n"
	"\"P'yŏngyang\"); numbers and words written together with Korean are matched\n"
	"together ('7월' finds '7월 14일', not '17월' or '7 월'), and so are words joined\n"
	"by hyphens ('jong-un' finds 'Jong-un' and 'Jong Un'); hyphens, digit-group commas\n"
	"and the periods of initials need not be typed ('jongun' finds 'Jong-un', '34121'\n"
	"finds '34,121', 'un' finds 'U.N.').\n"
	"The snippet is taken where the most of the words are. QUERY is taken as typed\n"
	"to the end; --composing takes its last syllable as one still being typed, as\n"
	"the screen does while it is underlined ('탋' then finds '탈북', '타' finds '탈').\n"
	"Every language is searched, and an exhibit that matches in two is listed in\n"
	"each; --lang L lists the pages in language L only (the screen shows each\n"
	"exhibit once, in the visitor's language, noting a match in another one).\n"
	"--limit N lists N at most (1 to 1000; 20 by default).\n";

/* 1 when an installed pack has language `lang`; else 0, with the languages there
 * are in `have` ("ko, en"), or -1 when the packs cannot be read. */
static int lang_installed(struct catalog *cat, const char *lang, char *have, size_t size, struct err *e)
{
	struct catalog_pack *p = NULL;
	size_t n = 0, len = 0;
	int found = 0;

	have[0] = 0;
	if (catalog_pack_list(cat, &p, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n && !found; i++) {
		char langs[sizeof(p[i].languages)], *save = NULL, *l;
		snprintf(langs, sizeof(langs), "%s", p[i].languages);
		for (l = strtok_r(langs, ", ", &save); l && !found; l = strtok_r(NULL, ", ", &save)) {
			found = !strcmp(l, lang);
			/* each language once in the list */
			if (!found && !strstr(have, l) && len + strlen(l) + 3 < size)
				len += (size_t)snprintf(have + len, size - len, "%s%s", len ? ", " : "", l);
		}
	}
	free(p);
	return found;
}

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' }, { "limit", required_argument, NULL, 'n' },
		{ "composing", no_argument, NULL, 'C' },
		{ "data", required_argument, NULL, 'd' }, { "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *lang = NULL, *data = NULL, *cfile = NULL;
	struct search_hit *hits = NULL;
	struct catalog *cat = NULL;
	struct config cfg;
	struct err e = { 0 };
	size_t n = 0;
	long limit = 20;
	char *dir, *cpath, *end, have[128];
	int c, rc = 0, flags = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "l:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': lang = optarg; break;
		case 'C': flags |= CATALOG_SEARCH_COMPOSING; break;
		case 'n':
			limit = strtol(optarg, &end, 10);
			if (*end || limit < 1 || limit > 1000)
				return cli_usage(search_usage, "search: --limit takes a number from 1 to 1000");
			break;
		case 'd': data = optarg; break;
		case 'c': cfile = optarg; break;
		case 'h': fputs(search_usage, stdout); return EXIT_OK;
		default: fputs(search_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage(search_usage, "search: give one query (quote it if it has spaces)");
	if (cli_setup(&cfg, cfile, data, &dir, "search") < 0)
		return EXIT_FAIL;
	cpath = installer_catalog_path(dir);
	if (!fs_exists(cpath)) {
		fprintf(stderr, "kiosk: search: no packs installed in %s\n", dir);
		rc = EXIT_FAIL;
	} else if (catalog_open(&cat, cpath, CATALOG_READONLY, &e) < 0 ||
		   (lang && (rc = lang_installed(cat, lang, have, sizeof(have), &e)) < 0) ||
		   (lang && !rc)) {
		if (lang && rc == 0) {
			fprintf(stderr, "kiosk: search: --lang %s: no installed pack is in that language (they are in %s)\n",
				lang, have[0] ? have : "no language");
			rc = EXIT_USAGE;
		} else {
			rc = cli_error("search", &e);
		}
	} else if (catalog_search(cat, argv[optind], flags, lang, (int)limit, &hits, &n, &e) < 0) {
		rc = cli_error("search", &e);
	} else {
		/* with more than one pack installed, each result names its pack (kiosk shot --pack) */
		struct catalog_pack *v = NULL;
		size_t nv = 0;
		int many = catalog_pack_list(cat, &v, &nv, NULL) == 0 && nv > 1;
		free(v);
		for (size_t i = 0; i < n; i++)
			printf("%zu. /exhibit/%s [%s] %s%s%s\n   %s\n", i + 1, hits[i].slug, hits[i].lang, hits[i].title,
			       many ? " · pack " : "", many ? hits[i].pack_id : "", hits[i].snippet);
		if (!n)
			printf("no exhibit matches '%s'\n", argv[optind]);
		rc = EXIT_OK;
	}
	catalog_hits_free(hits, n);
	catalog_close(cat);
	free(cpath);
	free(dir);
	config_release(&cfg);
	return rc;
}
