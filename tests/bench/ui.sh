#!/bin/sh
# The visitor's kiosk on the demo pack at 1920x1080 without a GPU (Xvfb, SDL's
# software renderer): start to first frame, memory (PSS), idle CPU, frame times
# while scrolling an exhibit, and the layout of a 600-syllable Korean paragraph.
# Usage: tests/bench/ui.sh BUILD_DIR
set -u
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
K="$BUILD/kiosk"
W=$BUILD/bench-ui
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

n=90
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=":$n"
i=0
until xdotool getdisplaygeometry >/dev/null 2>&1 || [ $i -gt 50 ]; do i=$((i + 1)); sleep 0.1; done

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# start to first frame: from exec to the first frame presented, median of 7
for i in 1 2 3 4 5 6 7; do
	t0=$(date +%s%N)
	"$K" run --data "$W/data" --window 1920x1080 --bench-start | awk -v t0="$t0" '{printf "%.1f\n", ($2 - t0) / 1e6}'
done >"$W/start"
start=$(median <"$W/start")

# memory and idle CPU of a kiosk showing an exhibit with nothing moving
"$K" run --data "$W/data" --window 1920x1080 --route /exhibit/the-decision >/dev/null 2>&1 &
pid=$!
sleep 3
pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
rss=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup")
hz=$(getconf CLK_TCK)
c0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep 10
c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
kill $pid
wait $pid 2>/dev/null
idle=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz / 10 * 100}')

# frame times while scrolling the first exhibit up and down
frames=$("$K" run --data "$W/data" --window 1920x1080 --route /exhibit/the-decision --bench-scroll 600)

echo "visitor's kiosk, demo pack, 1920x1080, software renderer (Xvfb):"
printf '  %-42s %8s ms   (target <= 100; median of 7)\n' "start to first frame" "$start"
printf '  %-42s %8.1f MiB  (target <= 60; RSS %.1f MiB)\n' "memory (PSS) showing an exhibit" \
	"$(echo "$pss" | awk '{print $1/1024}')" "$(echo "$rss" | awk '{print $1/1024}')"
printf '  %-42s %8s %%    (target <= 0.1; over 10 s)\n' "idle CPU, nothing moving" "$idle"
echo "$frames" | awk '{printf "  %-42s %8s ms   (target p99 <= 4; p50 %s ms over %s frames)\n", "frame time scrolling an exhibit, p99", $8, $6, $2}'
if [ -x "$BUILD/tests/bench_text" ]; then
	"$BUILD/tests/bench_text" | sed 's/^/  /'
fi
