#!/bin/sh
# The content benchmark of `make bench`: a generated pack of 10,000 exhibits (ko and en,
# about 1,500 characters a page), built, installed into a fresh data folder (pinned to
# one core with taskset -c 0, then on all cores), and
# searched (tests/bench/bench_search.c) in every language, then in Korean only and in
# English only. Prints the figures with their targets; exits 1 only when something
# fails (a command, or search recall), never because a figure misses its target.
# Usage: tests/bench/run.sh BUILD_DIR
# BENCH_EXHIBITS=N makes a smaller or larger pack (10000 by default); BENCH_PIN=0
# skips the install pinned to one core.
set -u
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
K="$BUILD/kiosk"
B="$BUILD/bench"
N=${BENCH_EXHIBITS:-10000}
SEED=1
export LC_ALL=C.UTF-8 TZ=UTC
unset KIOSK_DATA KIOSK_CONFIG
mkdir -p "$B"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# CPU time (user + system) of the children so far, in ms: the machine may be shared,
# and a busy neighbour stretches wall time but not this
# ($(times) would run in a subshell, which has no children: the file is read after)
cpu_ms() { awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$B/times"; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
die() { echo "bench: $*" >&2; exit 1; }
row() { printf '  %-28s %14s   %s\n' "$1" "$2" "$3"; }

# 1. the pack folder and the queries: made again only when the generator changed
stamp="$(sha256sum "$TOP/tests/bench/gen_pack.py" | cut -c1-64) $N $SEED"
if [ -f "$B/pack.stamp" ] && [ "$(cat "$B/pack.stamp")" = "$stamp" ] && [ -f "$B/queries.txt" ]; then
	gen="reused"
else
	rm -f "$B/pack.stamp"
	t0=$(now_ms)
	python3 "$TOP/tests/bench/gen_pack.py" "$N" "$B/pack" --seed "$SEED" --queries "$B/queries.txt" ||
		die "the generator failed"
	gen=$(secs $(($(now_ms) - t0)))
	echo "$stamp" >"$B/pack.stamp"
fi

# A pack of 10,000 exhibits in two languages has 20,203 entries, over the default
# max_entries (20,000): the bench raises it. A kiosk that checks signatures is told
# to take this unsigned pack; one that does not know the key gets the budget alone.
cfg="$B/kiosk.ini"
printf '[packs]\nmax_entries = 65535\nallow_unsigned = true\n' >"$cfg"
if ! "$K" pack list --config "$cfg" --data "$B/probe" >/dev/null 2>&1; then
	printf '[packs]\nmax_entries = 65535\n' >"$cfg"
fi

# 2. build
t0=$(now_ms)
times >"$B/times"
c0=$(cpu_ms)
"$K" pack build "$B/pack" -o "$B/bench.zip" --config "$cfg" >"$B/build.log" 2>&1 ||
	{ tail -5 "$B/build.log"; die "pack build failed"; }
build_ms=$(($(now_ms) - t0))
times >"$B/times"
build_cpu=$(($(cpu_ms) - c0))

# 3. install into a fresh data folder, twice; the faster counts (the machine is shared).
# install_pack [PIN...]: sets best, best_cpu and runs
install_pack() {
	best="" runs=""
	for i in 1 2; do
		rm -rf "$B/data"
		t0=$(now_ms)
		times >"$B/times"
		c0=$(cpu_ms)
		"$@" "$K" pack install "$B/bench.zip" --data "$B/data" --config "$cfg" >"$B/install.log" 2>&1 ||
			{ cat "$B/install.log"; die "pack install failed"; }
		ms=$(($(now_ms) - t0))
		times >"$B/times"
		cpu=$(($(cpu_ms) - c0))
		runs="${runs:+$runs, }$(secs "$ms")"
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms best_cpu=$cpu; fi
	done
}
# pinned to one core as ui.sh pins the kiosk (closer to a Raspberry Pi 4's budget);
# BENCH_PIN=0 skips it
one=""
if [ "${BENCH_PIN:-1}" = 1 ] && command -v taskset >/dev/null; then
	install_pack taskset -c 0
	one=$best one_cpu=$best_cpu one_runs=$runs
fi
install_pack
db=$(stat -c %s "$B/data/catalog.db")
wal=0
[ -f "$B/data/catalog.db-wal" ] && wal=$(stat -c %s "$B/data/catalog.db-wal")
zip=$(stat -c %s "$B/bench.zip")
# targets of the design (DESIGN.md): install <= 3 s, catalog <= 100 MiB
if [ "$best" -le 3000 ]; then verdict="<= 3 s"; else verdict="<= 3 s  OVER"; fi
if [ -z "$one" ] || [ "$one" -le 3000 ]; then one_verdict="<= 3 s"; else one_verdict="<= 3 s  OVER"; fi
if [ $((db + wal)) -le 104857600 ]; then size_verdict="<= 100 MiB"; else size_verdict="<= 100 MiB  OVER"; fi

echo "bench: $N exhibits ($(grep -c . "$B/queries.txt") queries), pack in $B/pack;" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) on $(nproc 2>/dev/null) cores"
row "what" "figure" "target"
row "generate pack" "$gen" ""
row "pack build" "$(secs "$build_ms")" "(cpu $(secs "$build_cpu"))"
row "pack install" "$(secs "$best")" "$verdict  (cpu $(secs "$best_cpu"); runs: $runs)"
[ -z "$one" ] || row "pack install, one core" "$(secs "$one")" "$one_verdict  (taskset -c 0; cpu $(secs "$one_cpu"); runs: $one_runs)"
row "catalog size" "$(mib $((db + wal)))" "$size_verdict  (catalog.db $(mib "$db"), -wal $(mib "$wal"))"
row "pack zip size" "$(mib "$zip")" ""
echo

# 4. search: latency and recall, in every language, then in each (as a screen asks)
status=0
for lang in "" ko en; do
	"$BUILD/tests/bench_search" "$B/data/catalog.db" "$B/queries.txt" ${lang:+--lang "$lang"} || status=1
	echo
done
exit $status
