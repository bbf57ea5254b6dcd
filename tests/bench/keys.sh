#!/bin/sh
# Typing on the search screen of the 10,000-exhibit pack (installed by run.sh in
# BUILD/bench/data): the time from a tap on an on-screen key to its frame on
# screen (search, build, draw, present), at 1920x1080 with SDL's software renderer
# under Xvfb, over 200 keys of real queries. Usage: tests/bench/keys.sh BUILD_DIR
set -u
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
K="$BUILD/kiosk"
B="$BUILD/bench"
[ -f "$B/data/catalog.db" ] || { echo "bench: keys: run tests/bench/run.sh first (no $B/data)" >&2; exit 1; }
. "$TOP/tests/bench/xvfb.sh"
xstart 1920x1080
trap 'xstop' EXIT
out=$("$K" run --data "$B/data" --config "$B/kiosk.ini" --window 1920x1080 --route /search --bench-keys 200 2>"$B/keys.err") ||
	{ cat "$B/keys.err" >&2; exit 1; }
echo "typing on the search screen, 10,000 exhibits, 1920x1080, software renderer (Xvfb):"
echo "$out" | awk '$1 == "keys" { printf "  %-42s %8s ms   (target p99 <= 16; p50 %s ms, max %s ms over %s keys)\n",
	"key tap to redrawn results, p99", $6, $4, $8, $2 }'
echo "$out" | awk '$1 == "slow-key" { printf "    slow: %s ms (search and build %s ms) at \"%s\"\n", $3, $5, substr($0, index($0, " typed ") + 7) }'
