/* fuzz_route.c: the router on hostile bytes. A route string comes from a touch
 * target, the history, `--route` and `kiosk shot`; whatever the bytes, route_parse
 * returns a route or -1, never reads past the NUL, and what it accepts prints back
 * to a string that parses to the same route. */
#include "app/router.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct route r, again;
	char out[ROUTE_TEXT_MAX];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	if (route_parse(text, &r) == 0) {
		if (r.kind <= ROUTE_NONE || r.kind >= ROUTE_KINDS_ || strlen(r.slug) >= ROUTE_SLUG_MAX ||
		    strlen(r.query) >= ROUTE_QUERY_MAX || r.index < 0)
			abort();
		route_format(&r, out, sizeof(out));
		if (route_parse(out, &again) < 0 || !route_equal(&r, &again))
			abort();
	} else if (r.kind != ROUTE_NONE) {
		abort();
	}
	free(text);
	return 0;
}
