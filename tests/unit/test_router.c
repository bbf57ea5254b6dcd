/* Unit tests of the router: route strings to typed routes and back. */
#include "app/router.h"
#include "test.h"

static void parses(const char *text, int kind, const char *slug, int index, const char *query)
{
	struct route r;
	char back[ROUTE_TEXT_MAX];

	CHECK(route_parse(text, &r) == 0, "'%s' is a route", text);
	CHECK(r.kind == kind, "'%s' is a %s route (got %s)", text, route_kind_name(kind), route_kind_name(r.kind));
	CHECK_STR(r.slug, slug, "slug");
	CHECK(r.index == index, "'%s' index %d (got %d)", text, index, r.index);
	CHECK_STR(r.query, query, "query");
	(void)back;
}

static void refuses(const char *text)
{
	struct route r;

	CHECK(route_parse(text, &r) < 0 && r.kind == ROUTE_NONE, "'%s' is refused", text);
}

static void round_trip(int kind, const char *slug, int index, const char *query, const char *want)
{
	struct route r, again;
	char text[ROUTE_TEXT_MAX];

	route_make(&r, kind, slug, index, query);
	CHECK_STR(route_format(&r, text, sizeof(text)), want, "printed");
	CHECK(route_parse(text, &again) == 0 && route_equal(&r, &again), "'%s' reads back as the same route", text);
}

int main(void)
{
	parses("/attract", ROUTE_ATTRACT, "", 0, "");
	parses("/", ROUTE_HOME, "", 0, "");
	parses("/section/why-a-day", ROUTE_SECTION, "why-a-day", 0, "");
	parses("/exhibit/the-decision", ROUTE_EXHIBIT, "the-decision", 0, "");
	parses("/exhibit/the-decision?q=%EC%9D%B8%EA%B6%8C", ROUTE_EXHIBIT, "the-decision", 0, "인권");
	parses("/image/why-14-july/2", ROUTE_IMAGE, "why-14-july", 2, "");
	parses("/section-end/settlement", ROUTE_SECTION_END, "settlement", 0, "");
	parses("/end", ROUTE_END, "", 0, "");
	parses("/search", ROUTE_SEARCH, "", 0, "");
	parses("/search?q=", ROUTE_SEARCH, "", 0, "");
	parses("/search?q=%EC%9D%B8%EA%B6%8C", ROUTE_SEARCH, "", 0, "인권");
	parses("/search?q=human+rights", ROUTE_SEARCH, "", 0, "human rights");
	parses("/search?q=%e3%85%8c%e3%85%82%e3%85%81", ROUTE_SEARCH, "", 0, "ㅌㅂㅁ");
	parses("/search?q=인권", ROUTE_SEARCH, "", 0, "인권");
	parses("/technician", ROUTE_TECHNICIAN, "", 0, "");

	refuses("");
	refuses("attract");
	refuses("/nope");
	refuses("/attract/");
	refuses("/section/");
	refuses("/section/Why");
	refuses("/section/a/b");
	refuses("/exhibit/../etc");
	refuses("/image/x");
	refuses("/image/x/");
	refuses("/image/x/-1");
	refuses("/image/x/1a");
	refuses("/image/x/99999");
	refuses("/section/x?q=a");           /* only search and exhibit take a query */
	refuses("/search?x=a");
	refuses("/search?q=%");
	refuses("/search?q=%G0");
	refuses("/search?q=%00");            /* no NUL inside a query */
	refuses("/search?q=%FF%FE");         /* not UTF-8 once decoded */
	refuses("/search?q=%ED%A0%80");      /* a surrogate */
	{
		char big[ROUTE_TEXT_MAX * 4] = "/search?q=";
		size_t n = strlen(big);
		while (n + 3 < sizeof(big) - 1) {
			memcpy(big + n, "%41", 3);
			n += 3;
		}
		big[n] = 0;
		refuses(big);
		char slug[300] = "/section/";
		memset(slug + 9, 'a', 200);
		slug[209] = 0;
		refuses(slug);
	}

	round_trip(ROUTE_HOME, NULL, 0, NULL, "/");
	round_trip(ROUTE_IMAGE, "the-decision", 3, NULL, "/image/the-decision/3");
	round_trip(ROUTE_SEARCH, NULL, 0, "인권", "/search?q=%EC%9D%B8%EA%B6%8C");
	round_trip(ROUTE_SEARCH, NULL, 0, "a b&c=d?/%+", "/search?q=a%20b%26c%3Dd%3F%2F%25%2B");
	round_trip(ROUTE_EXHIBIT, "hanawon", 0, "kinu", "/exhibit/hanawon?q=kinu");
	round_trip(ROUTE_SECTION_END, "settlement", 0, NULL, "/section-end/settlement");
	{
		/* an exhibit opened while a syllable was being typed: marked by that rule */
		struct route r, again;
		char text[ROUTE_TEXT_MAX];
		route_make(&r, ROUTE_EXHIBIT, "the-un-inquiry", 0, "인궈 a&b");
		r.composing = 1;
		CHECK_STR(route_format(&r, text, sizeof(text)), "/exhibit/the-un-inquiry?q=%EC%9D%B8%EA%B6%88%20a%26b&composing",
			  "a composing query is printed");
		CHECK(route_parse(text, &again) == 0 && route_equal(&r, &again) && again.composing,
		      "and reads back as the same route");
		again.composing = 0;
		CHECK(!route_equal(&r, &again), "it is another route than the query typed in full");
		CHECK(route_parse("/exhibit/x?q=%EA%B6%88&composing", &again) == 0 && !strcmp(again.query, "궈") &&
			      route_composing(&again),
		      "an exhibit's query ends in &composing");
		/* the flag means something only on an exhibit with a query */
		route_make(&r, ROUTE_EXHIBIT, "x", 0, "");
		r.composing = 1;
		route_make(&again, ROUTE_EXHIBIT, "x", 0, "");
		CHECK(!route_composing(&r) && route_equal(&r, &again) &&
			      !strcmp(route_format(&r, text, sizeof(text)), "/exhibit/x"),
		      "an exhibit without a query composes nothing");
		route_make(&r, ROUTE_SEARCH, NULL, 0, "a");
		r.composing = 1;
		CHECK(!route_composing(&r) && !strcmp(route_format(&r, text, sizeof(text)), "/search?q=a"),
		      "nor does search");
	}
	/* a raw '&' typed in a route (--route, kiosk shot) is text, as before the flag */
	parses("/search?q=R&D", ROUTE_SEARCH, "", 0, "R&D");
	parses("/search?q=a&composing", ROUTE_SEARCH, "", 0, "a&composing");
	parses("/exhibit/x?q=a&x", ROUTE_EXHIBIT, "x", 0, "a&x");
	parses("/exhibit/x?q=a&composing=1", ROUTE_EXHIBIT, "x", 0, "a&composing=1");
	parses("/exhibit/x?q=&composing", ROUTE_EXHIBIT, "x", 0, "&composing");
	round_trip(ROUTE_SEARCH, NULL, 0, "", "/search");
	{
		/* a query cut to fit stays whole characters */
		char q[600];
		struct route r;
		for (int i = 0; i < 200; i++)
			memcpy(q + 3 * i, "한", 3);
		q[600 - 0 - 1] = 0;
		route_make(&r, ROUTE_SEARCH, NULL, 0, q);
		CHECK(strlen(r.query) == 255 && strlen(r.query) % 3 == 0, "a long query is cut at a character (%zu bytes)",
		      strlen(r.query));
	}
	CHECK_STR(route_kind_name(ROUTE_SECTION_END), "section-end", "kind name");
	CHECK_STR(route_kind_name(99), "none", "unknown kind name");
	return test_failures;
}
