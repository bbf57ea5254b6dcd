#!/bin/sh
# A scripted random visit of the real window, for the memory rows of `make bench`:
# the kiosk runs under its own Xvfb of the window's size for SECONDS while a seeded
# random stream of taps, vertical drags, horizontal swipes, language and text size
# taps, keys and walk-aways (the same mix as tests/e2e/t_soak.sh) drives it. PSS
# (KiB, /proc/PID/smaps_rollup) is sampled every 10 s and at the end; the kiosk's
# CPU time (utime + stime, all threads, /proc/PID/stat) is taken at the end.
# Usage: tests/bench/visit.sh KIOSK DATA_DIR WxH SECONDS OUT_DIR [PIN...]
# PIN: a command the kiosk runs under, e.g. taskset -c 0. Writes OUT_DIR/pss
# ("SECOND KIB" lines) and OUT_DIR/summary: start, warm-up max, later max and end
# PSS in KiB, samples, CPU seconds, actions. BENCH_SEED=N replays a visit.
set -u
K=$1 D=$2 SIZE=$3 SECS=$4 O=$5
shift 5
W=${SIZE%x*}
H=${SIZE#*x}
SEED=${BENCH_SEED:-4242}
mkdir -p "$O"
printf '[kiosk]\nidle_seconds = 20\nprompt_seconds = 3\n[packs]\nallow_unsigned = true\n' >"$O/kiosk.ini"

# the language switch and text size buttons, in both languages and every text size
: >"$O/buttons"
for lang in ko en; do
	for ts in 0 1 2; do
		"$K" shot --data "$D" --config "$O/kiosk.ini" --route / --lang "$lang" --text-size $ts --size "$SIZE" --hits |
			awk '$5 == 4 { print "lang", $1 + int($3 / 2), $2 + int($4 / 2) }
			     $5 == 5 { print "size", $1 + int($3 / 2), $2 + int($4 / 2) }' >>"$O/buttons"
	done
done
grep -q '^lang' "$O/buttons" && grep -q '^size' "$O/buttons" ||
	{ echo "bench: visit: kiosk shot --hits lists no language or text size button" >&2; exit 1; }

awk -v seed="$SEED" -v W="$W" -v H="$H" -v buttons="$O/buttons" '
function r(n) { return int(rand() * n) }
BEGIN {
	while ((getline l < buttons) > 0) { split(l, f, " "); if (f[1] == "lang") lang[nl++] = f[2] " " f[3]; else size[ns++] = f[2] " " f[3] }
	split("Escape Home Page_Down Page_Up l plus minus Down Up", keys, " ")
	srand(seed)
	print "tap", int(W / 2), int(H / 2)
	for (i = 0; i < 50000; i++) {
		p = r(100)
		if (p < 30) print "tap", r(W), r(H)
		else if (p < 48) { x = 100 + r(W - 200); y = 100 + r(H - 200); print "vdrag", x, y, 50 + r(H - 100) }
		else if (p < 60) { y = 100 + r(H - 200); x = 50 + r(W - 100); x2 = (x < W / 2 ? x + 300 + r(400) : x - 300 - r(400)); print "swipe", x, y, (x2 < 0 ? 0 : x2 >= W ? W - 1 : x2) }
		else if (p < 68) print "tap", lang[r(nl)]
		else if (p < 72) print "tap", size[r(ns)]
		else if (p < 96) print "key", keys[1 + r(9)]
		else if (p < 97) print "idle", 22 + r(4)
		else print "pause", 1 + r(2)
	}
}' >"$O/plan"

. "$(dirname "$0")/xvfb.sh"
xstart "$SIZE"
"$@" "$K" run --data "$D" --config "$O/kiosk.ini" --window "$SIZE" >"$O/run.log" 2>&1 &
kiosk=$!
sampler=
trap 'kill $kiosk $sampler $xvfb 2>/dev/null' EXIT
sleep 2

pss() { awk '/^Pss:/ { print $2 }' "/proc/$kiosk/smaps_rollup" 2>/dev/null; }
start=$(date +%s)
p0=$(pss)
(
	while kill -0 $kiosk 2>/dev/null; do
		sleep 10
		p=$(pss)
		[ -n "$p" ] && echo "$(($(date +%s) - start)) $p"
	done
) >"$O/pss" &
sampler=$!

end=$((start + SECS))
actions=0
while read -r a b c d; do
	now=$(date +%s)
	[ "$now" -ge "$end" ] && break
	case $a in
	tap) xdotool mousemove "$b" "$c" click 1 ;;
	vdrag) # in steps of about 40 px, 15 ms apart
		steps=$(((d > c ? d - c : c - d) / 40 + 2))
		set -- mousemove "$b" "$c" mousedown 1
		k=1
		while [ $k -le $steps ]; do
			set -- "$@" sleep 0.015 mousemove "$b" $((c + (d - c) * k / steps))
			k=$((k + 1))
		done
		xdotool "$@" mouseup 1 ;;
	swipe) # fast: six moves with no pause
		set -- mousemove "$b" "$c" mousedown 1
		for k in 1 2 3 4 5 6; do set -- "$@" mousemove $((b + (d - b) * k / 6)) "$c"; done
		xdotool "$@" mouseup 1 ;;
	key) xdotool key "$b" ;;
	idle) [ $((now + b)) -gt "$end" ] && b=$((end - now)); sleep "$b" ;;
	pause) sleep "$b" ;;
	esac
	actions=$((actions + 1))
	sleep 0.2
done <"$O/plan"
sleep 1
kill $sampler 2>/dev/null
wait $sampler 2>/dev/null
sampler=
pend=$(pss)
echo "$SECS $pend" >>"$O/pss"
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$kiosk/stat" 2>/dev/null)
if ! kill -0 $kiosk 2>/dev/null || [ -z "$pend" ]; then
	echo "bench: visit: the kiosk died (log: $(head -3 "$O/run.log"))" >&2
	exit 1
fi
# where the memory is: PSS (KiB) by mapping, largest first
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = NF >= 6 ? $6 : "[anon]" } /^Pss:/ { pss[name] += $2 }
	END { for (n in pss) if (pss[n] >= 512) print pss[n], n }' "/proc/$kiosk/smaps" 2>/dev/null | sort -rn >"$O/smaps"
xdotool key ctrl+q
i=0
while kill -0 $kiosk 2>/dev/null && [ $i -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
# warm-up: the first third of the visit (at least 30 s)
warm=$((SECS / 3 < 30 ? 30 : SECS / 3))
awk -v warm=$warm -v p0="$p0" -v cpu="$cpu" -v actions=$actions '
	$1 <= warm { if ($2 > w) w = $2 } $1 > warm { if ($2 > m) m = $2 } { last = $2; n++ }
	END { print p0 + 0, w + 0, m + 0, last + 0, n + 0, cpu, actions }' "$O/pss" >"$O/summary"
