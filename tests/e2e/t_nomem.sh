# Running short of memory. The real window under Xvfb with tests/failmalloc.c
# preloaded: for five seconds every allocation of 256 KiB or more fails (pictures,
# textures, read buffers) and one small allocation in 1000 as well, while a visitor
# taps through screens. The kiosk keeps running, and once memory is back it shows
# the same screen as before, pictures and all. Without memory at start it ends with
# one line; the commands end with status 75 and one line, never a crash.
. "$TOP/tests/cli/lib.sh"

SHIM="$BUILD/tests/failmalloc.so"
if ldd "$KIOSK" | grep -q 'libasan\|libubsan'; then
	echo "ok - allocation failures # SKIP sanitizer build (its runtime owns malloc)"
	exit 0
fi
need_tools Xvfb xdotool xwd xwdtopnm pnmtopng
[ -f "$SHIM" ] || { not_ok "$SHIM is missing (make crash-tools)"; exit 0; }
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
W=1280
H=800
shots="$BUILD/test-results/e2e-nomem"
mkdir -p "$shots"
start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"

# 1. short of memory from the start: one line, before any window
LD_PRELOAD="$SHIM" FAILMALLOC_MIN=262144 "$KIOSK" run --data "$D" --window "${W}x${H}" >"$TMP/out" 2>"$TMP/err"
st=$?
[ $st -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "no memory at start: exit 1 with one line" ||
	{ not_ok "no memory at start (status $st)"; sed 's/^/# /' "$TMP/err" | head -5; }

# 2. short of memory for five seconds while a visitor taps through screens
t0=$(date +%s%N)
LD_PRELOAD="$SHIM" FAILMALLOC_MIN=262144 FAILMALLOC_EVERY=1000 FAILMALLOC_AFTER_MS=5000 FAILMALLOC_FOR_MS=5000 \
	FAILMALLOC_REPORT="$TMP/failed" "$KIOSK" run --data "$D" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT
# wait_last TEXT: until the last line of the trace ends with TEXT (3 s at most)
wait_last() {
	i=0
	until tail -n 1 "$T" | grep -q " $1\$"; do
		i=$((i + 1)); [ $i -gt 30 ] && return 1; sleep 0.1
	done
}
# tap_until TARGET SCREEN ROUTE: tap TARGET (as tap_on) until the kiosk is at ROUTE, three
# times at most: a screen that could not be built for want of memory is blank for a
# second, and a tap on it is lost, as a visitor would tap again
tap_until() {
	for try in 1 2 3; do
		tap_on "$1" "$2" ko
		wait_last "route $3" && return 0
	done
	return 1
}
# since_start MS: sleep until MS milliseconds after the kiosk started
since_start() {
	left=$(( $1 - ($(date +%s%N) - t0) / 1000000 ))
	[ $left -gt 0 ] && sleep "$(printf '%d.%03d' $((left / 1000)) $((left % 1000)))"
	return 0
}

wait_for "route /attract" && ok "the window opens" || not_ok "no attract screen (log: $(head -3 "$TMP/run.log"))"
# the trace names the attract screen before the window is mapped: a tap may come too
# early for it, and is tried again, as a visitor would
for try in 1 2 3; do
	sleep 0.3
	xdotool mousemove $((W / 2)) $((H / 2)) click 1
	wait_for "route /" 2 && break
done
wait_for "route /" && sleep 2 && shot before
since_start 5300
# memory is short now: a section, an exhibit with its picture, the viewer, home
tap_until /section/why-a-day / /section/why-a-day && ok "a section opens while memory is short" ||
	not_ok "tapping a section while memory is short"
sleep 0.4
tap_until /exhibit/the-decision /section/why-a-day /exhibit/the-decision &&
	ok "an exhibit opens while memory is short" || not_ok "tapping an exhibit while memory is short"
sleep 0.6
shot during
tap_until /image/the-decision/0 /exhibit/the-decision /image/the-decision/0 &&
	ok "the picture viewer opens while memory is short" || not_ok "opening the viewer while memory is short"
sleep 0.6
# back three times (the first button of the bar): the exhibit, the section, home
for to in /exhibit/the-decision /section/why-a-day /; do
	for try in 1 2 3; do
		xdotool mousemove 40 34 click 1
		wait_last "route $to" && break
	done
	wait_last "route $to" && ok "back to $to while memory is short" || not_ok "back to $to while memory is short"
	sleep 0.3
done
since_start 10000
# memory is back: the pictures that could not be had come back on their own
since_start 14500
shot after
kill -0 $kiosk 2>/dev/null && ok "the kiosk is still running" || { not_ok "the kiosk ended"; sed 's/^/# /' "$TMP/run.log" | tail -5; }
"$BUILD/tests/pngdiff" "$shots/before.png" "$shots/after.png" "$shots/diff.png" 0 >"$TMP/diff" 2>&1 &&
	ok "once memory is back the screen is as it was, pictures and all" ||
	{ not_ok "home differs before and after the shortage ($shots/before.png, $shots/after.png)"
	  sed 's/^/# /' "$TMP/run.log" "$T"; }
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
[ "$(cat "$TMP/failed" 2>/dev/null || echo 0)" -gt 0 ] && ok "allocations did fail ($(cat "$TMP/failed"))" ||
	not_ok "no allocation failed: the test proved nothing"
contains "$TMP/run.log" "shown as loading and tried again in 3 s" "the kiosk logged the picture it could not have"

# 3. the commands: status 75 (EX_TEMPFAIL) and one line, after a second of waiting
LD_PRELOAD="$SHIM" FAILMALLOC_MIN=0 FAILMALLOC_EVERY=1 "$KIOSK" search 인권 --data "$D" >"$TMP/out" 2>"$TMP/err"
st=$?
[ $st -eq 75 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q '^kiosk: out of memory allocating [0-9]* bytes$' "$TMP/err" &&
	ok "a command with no memory at all: status 75 and one line" ||
	{ not_ok "a command with no memory (status $st)"; sed 's/^/# /' "$TMP/err" | head -5; }
