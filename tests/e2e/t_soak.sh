# Soak: the real window under Xvfb, driven for SOAK_SECONDS (default 20) by a seeded
# random stream of taps, vertical drags, horizontal swipes, language and text size
# taps, keys and pauses long enough for the idle prompt and reset. PSS is sampled
# every second: after the warm-up (the first third) it must not grow past the
# warm-up maximum by more than a tolerance. The kiosk then quits with Ctrl+Q, so
# under an ASan build LeakSanitizer reports at exit. SOAK_SEED=N replays a run.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool
SECS=${SOAK_SECONDS:-20}
SEED=${SOAK_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
printf '[kiosk]\nidle_seconds = 5\nprompt_seconds = 3\n' >"$TMP/kiosk.ini"
W=1280
H=800

# an ASan build: leaks and errors end the run with a report on stderr
asan=0
if grep -aq __asan_init "$KIOSK"; then
	asan=1
	# a small quarantine keeps the memory figures near the plain build's
	export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:quarantine_size_mb=16
	export LSAN_OPTIONS=suppressions=$TOP/tests/e2e/lsan.supp:print_suppressions=0
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
# growth allowed after the warm-up, in KiB (SOAK_TOLERANCE_MIB overrides): 8 MiB, or
# 64 MiB under ASan, whose quarantine and shadow memory make its figures noisy, plus
# the kiosk's bounded caches (48 MiB of images, src/app/app.c; 16 MiB of text,
# src/text/font.c), which random taps fill slowly: a 300 s plain run climbs from
# 75 MiB at 100 s to 114 MiB at 220 s and stays there. A leak outgrows that in a
# long run, and LeakSanitizer catches the rest at exit.
if [ $asan -eq 1 ]; then TOL=64; else TOL=8; fi
TOL=$((TOL + 64))
TOL=$((${SOAK_TOLERANCE_MIB:-$TOL} * 1024))

# the language switch and text size buttons, in both languages and every text size
: >"$TMP/buttons"
for lang in ko en; do
	for ts in 0 1 2; do
		"$KIOSK" shot --data "$D" --route / --lang "$lang" --text-size $ts --size "${W}x${H}" --hits |
			awk '$5 == 4 { print "lang", $1 + int($3 / 2), $2 + int($4 / 2) }
			     $5 == 5 { print "size", $1 + int($3 / 2), $2 + int($4 / 2) }' >>"$TMP/buttons"
	done
done
grep -q '^lang' "$TMP/buttons" && grep -q '^size' "$TMP/buttons" ||
	{ not_ok "shot --hits lists no language or text size button"; exit 0; }

# the plan: one action a line, from the seed
awk -v seed="$SEED" -v W=$W -v H=$H -v buttons="$TMP/buttons" '
function r(n) { return int(rand() * n) }
BEGIN {
	while ((getline l < buttons) > 0) { split(l, f, " "); if (f[1] == "lang") lang[nl++] = f[2] " " f[3]; else size[ns++] = f[2] " " f[3] }
	split("Escape Home Page_Down Page_Up l plus minus Down Up", keys, " ")
	srand(seed)
	# first a visit, a language switch and a walk-away, so that every run has all
	# three however its random stream falls
	print "tap", int(W / 2), int(H / 2)
	print "tap", lang[0]
	print "idle", 8
	for (i = 0; i < 50000; i++) {
		p = r(100)
		if (p < 25) print "tap", r(W), r(H)
		else if (p < 40) { x = 100 + r(W - 200); y = 100 + r(H - 200); print "vdrag", x, y, 50 + r(H - 100) }
		else if (p < 55) { y = 100 + r(H - 200); x = 50 + r(W - 100); x2 = (x < W / 2 ? x + 300 + r(400) : x - 300 - r(400)); print "swipe", x, y, (x2 < 0 ? 0 : x2 >= W ? W - 1 : x2) }
		else if (p < 67) print "tap", lang[r(nl)]
		else if (p < 73) print "tap", size[r(ns)]
		else if (p < 95) print "key", keys[1 + r(9)]
		else if (p < 97) print "idle", 6 + r(4)
		else print "pause", 1 + r(2)
	}
}' >"$TMP/plan"

start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
"$KIOSK" run --data "$D" --config "$TMP/kiosk.ini" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
sampler=
trap 'kill $kiosk $xvfb $sampler 2>/dev/null; wait $kiosk $xvfb $sampler 2>/dev/null; rm -rf "$TMP"' EXIT

i=0
until grep -q " route /attract\$" "$T"; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then not_ok "no attract screen (log: $(head -3 "$TMP/run.log"))"; exit 0; fi
	sleep 0.1
done
echo "# seed $SEED, $SECS s, $([ $asan -eq 1 ] && echo ASan || echo plain) build, tolerance $((TOL / 1024)) MiB"

# PSS in KiB, once a second: "SECOND KIB"
start=$(date +%s)
(
	while kill -0 $kiosk 2>/dev/null; do
		p=$(awk '/^Pss:/ { print $2 }' /proc/$kiosk/smaps_rollup 2>/dev/null)
		[ -n "$p" ] && echo "$(($(date +%s) - start)) $p"
		sleep 1
	done
) >"$TMP/pss" &
sampler=$!

end=$((start + SECS))
idled=0
actions=0
while read -r a b c d; do
	now=$(date +%s)
	[ "$now" -ge "$end" ] && break
	# make sure the idle path runs at least once, past the warm-up
	if [ $idled -eq 0 ] && [ $((now - start)) -ge $((SECS / 2)) ] && [ $((end - now)) -ge 7 ]; then
		a=idle; b=7
	fi
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
	idle) idled=1; [ $((now + b)) -gt "$end" ] && b=$((end - now)); sleep "$b" ;;
	pause) sleep "$b" ;;
	esac
	actions=$((actions + 1))
	sleep 0.0$(od -An -N1 -tu1 /dev/urandom | awk '{ printf "%d", $1 % 9 + 1 }')
done <"$TMP/plan"
echo "# actions: $(head -n $actions "$TMP/plan" | awk '{ n[$1]++ } END { for (k in n) printf "%s %d, ", k, n[k] }')"
sleep 1
kill $sampler 2>/dev/null
wait $sampler 2>/dev/null
sampler=

kill -0 $kiosk 2>/dev/null && ok "the kiosk is still running after $SECS s of $actions random actions" ||
	not_ok "the kiosk died during the soak (after $actions actions; log: $(grep -m3 'ERROR\|runtime error\|kiosk' "$TMP/run.log"))"

# the samples, and the growth after the warm-up
sed 's/^/# pss /; s/$/ KiB/' "$TMP/pss"
warm=$((SECS / 3))
set -- $(awk -v warm=$warm '$1 <= warm { if ($2 > w) w = $2 } $1 > warm { if ($2 > m) m = $2; n++ }
	END { print w + 0, m + 0, n + 0 }' "$TMP/pss")
echo "# warm-up max $1 KiB, later max $2 KiB ($3 samples), growth $(($2 - $1)) KiB"
if [ "$1" -eq 0 ] || [ "$3" -eq 0 ]; then
	not_ok "too few memory samples"
elif [ $(($2 - $1)) -le $TOL ]; then
	ok "memory does not grow after the warm-up ($(($2 - $1)) KiB <= $TOL KiB)"
else
	not_ok "memory grows after the warm-up: $1 KiB -> $2 KiB"
fi

# quit like a technician, so LeakSanitizer runs at exit
xdotool key ctrl+q
i=0
while kill -0 $kiosk 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 300 ]; then kill $kiosk 2>/dev/null; break; fi
	sleep 0.1
done
wait $kiosk
status=$?
if [ $status -eq 0 ]; then ok "Ctrl+Q quits with status 0"; else
	not_ok "the kiosk exited with status $status"; fi
if grep -q "ERROR: AddressSanitizer\|LeakSanitizer\|runtime error" "$TMP/run.log"; then
	not_ok "sanitizer report: $(grep -m1 'ERROR\|runtime error' "$TMP/run.log")"
	sed 's/^/# log: /' "$TMP/run.log" | head -80
else
	ok "no sanitizer report$([ $asan -eq 1 ] && echo " (ASan, LeakSanitizer at exit)")"
fi

grep -q " route /" "$T" && grep -q " lang " "$T" && ok "the trace has route and language lines" ||
	not_ok "the trace lacks route or language lines"
grep -q " idle prompt\$" "$T" && ok "the idle prompt appeared" || not_ok "the idle path never ran"
echo "# trace: $(wc -l <"$T") lines; $(grep -c ' route ' "$T") route, $(grep -c ' lang ' "$T") lang, $(grep -c ' idle ' "$T") idle"
sed 's/^/# trace: /' "$T" | tail -20
