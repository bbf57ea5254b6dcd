#!/bin/sh
# The visitor's kiosk on the demo pack without a GPU (Xvfb, SDL's software
# renderer): start to first frame, frame times while scrolling an exhibit at
# 1920x1080 and 3840x2160 (the median of three runs), the CPU of the attract loop
# and of a still exhibit (with the floor of the attract loop's figure on this
# machine: bench_floor), and memory (PSS) over a scripted random visit at
# 1080x1920 and 3840x2160 (tests/bench/visit.sh). Every figure is taken twice:
# on all cores, and pinned to one core with taskset -c 0 (closer to a Raspberry
# Pi 4's budget). CPU figures are CPU time from /proc/PID/stat, not wall time, so
# that other work on a shared machine disturbs them less.
# Usage: tests/bench/ui.sh BUILD_DIR
# Knobs: BENCH_VISIT_SECONDS (default 300; the issue's figure), BENCH_ATTRACT_SECONDS
# (default 60), BENCH_PIN=0 to skip the pinned column.
set -u
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
K="$BUILD/kiosk"
W=$BUILD/bench-ui
VISIT=${BENCH_VISIT_SECONDS:-300}
ATTRACT=${BENCH_ATTRACT_SECONDS:-60}
rm -rf "$W"
mkdir -p "$W"
"$K" pack build "$TOP/content-packs/defectors-day" -o "$W/dd.zip" >/dev/null || exit 1
export KIOSK_CONFIG="$W/kiosk.ini"
printf '[kiosk]\nidle_seconds = 3600\n[packs]\nallow_unsigned = true\n' >"$KIOSK_CONFIG"
if ! "$K" pack install "$W/dd.zip" --data "$W/data" >/dev/null 2>"$W/err"; then
	# a kiosk without signatures knows no allow_unsigned
	printf '[kiosk]\nidle_seconds = 3600\n' >"$KIOSK_CONFIG"
	"$K" pack install "$W/dd.zip" --data "$W/data" >/dev/null || { cat "$W/err"; exit 1; }
fi
hz=$(getconf CLK_TCK)
# The service runs the kiosk as its own unprivileged user (packaging/systemd/kiosk.service),
# and some libraries behave differently for root (libX11 keeps no compose cache for it):
# run as root, the bench runs the kiosk as nobody, on a copy of the data it owns.
AS=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	mkdir -p "$W/home"
	chown -R nobody "$W"
	AS="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups env HOME=$W/home"
fi

. "$TOP/tests/bench/xvfb.sh"
trap 'xstop' EXIT

# The floor of the attract row on this machine: bench_floor repaints, every 8 s, only
# the rectangle where the attract screen at 1920x1080 shows the slide's picture (the
# last picture `kiosk shot --items` lists; the one before it is decoded ahead), at
# the size of that picture's PNG header. Empty when either cannot be read.
floor_args=$($AS "$K" shot --data "$W/data" --route /attract --size 1920x1080 --items 2>/dev/null |
	awk '$1 == "image" { last = $2 " " $3 "," $4 "," $5 "x" $6 } END { print last }')
floor_png="$TOP/content-packs/defectors-day/${floor_args%% *}"
if [ -n "$floor_args" ] && [ -f "$floor_png" ]; then
	floor_args="${floor_args#* } $(od -An -tu1 -j16 -N8 "$floor_png" |
		awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 "x" $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }')"
else
	floor_args=
fi

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# scroll FILE FIELD: the figure after FIELD in $W/FILE, a --bench-scroll line
scroll() { [ -f "$W/$1" ] && awk -v f="$2" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }' "$W/$1" || echo -; }
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# cpu_of SECS CMD...: start CMD in the background, and print its CPU time (% of a
# core) over SECS s from 3 s after its start; then stop it
cpu_of() {
	secs=$1
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	sleep 3
	c0=$(cputicks $pid)
	sleep "$secs"
	c1=$(cputicks $pid)
	kill $pid
	wait $pid 2>/dev/null
	awk -v a="$c0" -v b="$c1" -v hz="$hz" -v s="$secs" 'BEGIN {printf "%.2f\n", (b - a) / hz / s * 100}'
}

# measure TAG [PIN...]: every figure, into $W/TAG.*
measure() {
	tag=$1
	shift
	xstart 3840x2160
	# start to first frame: from exec to the first frame presented, median of 7;
	# a second apart, so that one run's exit (its window and shared memory freed by
	# the server, its pages by the kernel) is not the next one's start
	for i in 1 2 3 4 5 6 7; do
		sleep 1
		t0=$(date +%s%N)
		"$@" "$K" run --data "$W/data" --window 1920x1080 --bench-start | awk -v t0="$t0" '{printf "%.1f %s\n", ($2 - t0) / 1e6, $4 == "" ? "-" : $4 / 1e6}'
	done >"$W/$tag.starts"
	awk '{ print $1 }' "$W/$tag.starts" | median >"$W/$tag.start"
	# the CPU time of its threads up to the first frame (from exec; less disturbed by a busy machine)
	awk '{ print $2 }' "$W/$tag.starts" | median | awk '{ printf ($1 == "-" ? "%s\n" : "%.1f\n"), $1 }' >"$W/$tag.startcpu"

	# CPU of the attract loop (the default route) and of a still exhibit
	for what in attract exhibit; do
		if [ $what = attract ]; then route=/attract secs=$ATTRACT; else route=/exhibit/the-decision secs=10; fi
		cpu_of "$secs" "$@" "$K" run --data "$W/data" --window 1920x1080 --route $route >"$W/$tag.$what"
	done
	# the same window, doing only what any slide must do: its picture's pixels changed
	if [ -x "$BUILD/tests/bench_floor" ] && [ -n "$floor_args" ]; then
		# shellcheck disable=SC2086 # two arguments
		cpu_of "$ATTRACT" "$@" "$BUILD/tests/bench_floor" 1920x1080 $floor_args $((ATTRACT + 10)) >"$W/$tag.floor"
	fi

	# frame times while scrolling the first exhibit up and down: three runs, and the
	# one whose p99 is the median of the three is the figure (one run's p99, six
	# frames of 600, went from 6.7 to 16 ms between two runs of one program at
	# 3840x2160 on this shared machine); every run's p99 is printed beside it
	for size in 1920x1080 3840x2160; do
		for i in 1 2 3; do
			"$@" "$K" run --data "$W/data" --window $size --route /exhibit/the-decision --bench-scroll 600 >"$W/$tag.scroll.$size.$i"
		done
		for i in 1 2 3; do
			echo "$(scroll "$tag.scroll.$size.$i" p99-ms) $i"
		done | sort -n | sed -n 2p | { read -r _ mid && cp "$W/$tag.scroll.$size.$mid" "$W/$tag.scroll.$size"; }
		echo $(for i in 1 2 3; do scroll "$tag.scroll.$size.$i" p99-ms; done) >"$W/$tag.scroll.$size.runs"
	done
	xstop

	# memory over a random visit, a fresh X server each
	for size in 1080x1920 3840x2160; do
		sh "$TOP/tests/bench/visit.sh" "$K" "$W/data" $size "$VISIT" "$W/$tag.visit.$size" "$@" ||
			echo "0 0 0 0 0 0 0" >"$W/$tag.visit.$size/summary"
	done
}

# shellcheck disable=SC2086 # $AS is a command and its words
measure all $AS
pin=${BENCH_PIN:-1}
# shellcheck disable=SC2086
[ "$pin" = 1 ] && command -v taskset >/dev/null && measure one taskset -c 0 $AS

# row LABEL UNIT TARGET ALL ONE [NOTE]: met when both columns are at or under TARGET
row() {
	met=$(awk -v t="$3" -v a="$4" -v b="${5:--}" 'BEGIN { m = (a != "" && a + 0 <= t + 0); if (b != "-") m = m && (b + 0 <= t + 0); print m ? "yes" : "NO" }')
	printf '  %-46s %9s %9s  <= %-6s %-3s  %s\n' "$1" "$4" "${5:--}" "$3$2" "$met" "${6:-}"
}
get() { [ -f "$W/$1" ] && cat "$W/$1" || echo -; }
# visit TAG SIZE FIELD: 1 start, 2 warm-up max, 3 later max, 4 end (MiB); 5 samples; 6 CPU s
visit() { [ -f "$W/$1.visit.$2/summary" ] && awk -v f="$3" '{ printf (f <= 4 ? "%.1f" : "%s"), (f <= 4 ? $f / 1024 : $f) }' "$W/$1.visit.$2/summary" || echo -; }
flat() { [ -f "$W/$1.visit.$2/summary" ] && awk '{ printf "%s (%+.1f MiB after warm-up)", ($3 - $2 <= 2048 ? "flat" : "GROWING"), ($3 - $2) / 1024 }' "$W/$1.visit.$2/summary"; }

echo "visitor's kiosk, demo pack, software renderer (Xvfb)${AS:+, run as nobody}; all cores | one core (taskset -c 0):"
printf '  %-46s %9s %9s  %-9s %-3s\n' "what" "all" "one" "target" "met"
row "start to first frame, 1920x1080 (ms, median)" "" 60 "$(get all.start)" "$(get one.start)" \
	"CPU time to it $(get all.startcpu) | $(get one.startcpu) ms"
for size in 1920x1080 3840x2160; do
	t=4; [ $size = 3840x2160 ] && t=12
	row "scrolling frame time p99, $size (ms)" "" $t "$(scroll all.scroll.$size p99-ms)" "$(scroll one.scroll.$size p99-ms)" \
		"p50 $(scroll all.scroll.$size p50-ms) | $(scroll one.scroll.$size p50-ms); CPU p50 $(scroll all.scroll.$size cpu-p50-ms) | $(scroll one.scroll.$size cpu-p50-ms), p99 $(scroll all.scroll.$size cpu-p99-ms) | $(scroll one.scroll.$size cpu-p99-ms); runs' p99 $(get all.scroll.$size.runs) | $(get one.scroll.$size.runs)"
done
row "attract loop CPU, ${ATTRACT} s (% of a core)" "" 0.2 "$(get all.attract)" "$(get one.attract)" \
	"this machine's floor $(get all.floor) | $(get one.floor)"
printf '  %-46s %9s %9s  %s\n' "  floor: its picture's pixels only (bench_floor)" "$(get all.floor)" "$(get one.floor)" \
	"a window that only repaints a ${floor_args##* } picture at ${floor_args%% *} every 8 s"
row "still exhibit CPU, 10 s (% of a core)" "" 0.1 "$(get all.exhibit)" "$(get one.exhibit)"
for size in 1080x1920 3840x2160; do
	row "memory after a ${VISIT} s visit, $size (MiB PSS)" "" 60 "$(visit all $size 4)" "$(visit one $size 4)" \
		"max $(visit all $size 3) | $(visit one $size 3); $(flat all $size)"
	echo "      samples every 10 s (KiB), all cores: $(awk '{ printf "%s ", $2 }' "$W/all.visit.$size/pss" 2>/dev/null)"
	echo "      at start $(visit all $size 1) MiB, warm-up max $(visit all $size 2) MiB, CPU $(visit all $size 6) s, $(awk '{ print $7 }' "$W/all.visit.$size/summary" 2>/dev/null) actions"
done
# a virtual machine's idle and fresh memory costs: the attract, start, install and key rows
# pay them, bare hardware does not
if [ -x "$BUILD/tests/bench_idle" ]; then
	"$BUILD/tests/bench_idle" | sed 's/^/  /'
fi
if [ -x "$BUILD/tests/bench_text" ]; then
	"$BUILD/tests/bench_text" | sed 's/^/  /'
fi
