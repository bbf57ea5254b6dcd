# The real window draws again only what changed from one frame to the next (a new
# slide of the attract loop, a screen over the last, a sheet opened and closed, a
# language switch, a page scrolled): after each, the window must hold exactly the
# picture it holds once it is drawn whole again (unmapping and mapping the window
# loses its pixels and makes the kiosk draw the frame whole).
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwd xwdtopnm pnmtopng
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
printf '[kiosk]\nidle_seconds = 600\n' >"$TMP/kiosk.ini"
W=1280
H=800
shots="$BUILD/test-results/e2e/redraw"
mkdir -p "$shots"

start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
"$KIOSK" run --data "$D" --config "$TMP/kiosk.ini" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT
wait_for "route /attract" && ok "the window opens on the attract screen" || not_ok "no attract screen: $(head -3 "$TMP/run.log")"
win=$(xdotool search --pid $kiosk 2>/dev/null | head -1)
[ -n "$win" ] && ok "its window is found" || not_ok "no window of the kiosk"

# same NAME WHAT: the window as it was drawn bit by bit, then drawn whole, alike
same() {
	sleep 0.6
	shot "$1-parts"
	xdotool windowunmap --sync "$win" windowmap --sync "$win" windowfocus --sync "$win"
	sleep 0.6
	shot "$1-whole"
	if "$BUILD/tests/pngdiff" "$shots/$1-whole.png" "$shots/$1-parts.png" "$shots/$1-diff.png" 0 >"$TMP/diff" 2>&1; then
		ok "$2: drawn in parts, the window is the frame drawn whole"
	else
		not_ok "$2: what was drawn in parts differs from the whole frame: $(cat "$TMP/diff") ($shots/$1-diff.png)"
	fi
}

sleep 1
shot slide-1
# the next slide comes after 8 s
sleep 8
same slide-2 "the attract loop's next slide"
if cmp -s "$shots/slide-1.png" "$shots/slide-2-parts.png"; then not_ok "the slide changed"; else ok "the slide changed"; fi
xdotool mousemove $((W / 2)) $((H / 2)) click 1
wait_for "route /" && ok "a tap begins: home" || not_ok "a tap does not reach home"
same home "home over the attract screen"
tap_on /section/why-a-day / ko && wait_for "route /section/why-a-day" || not_ok "tapping a section card"
same section "a section over home"
tap_on /exhibit/the-decision /section/why-a-day ko && wait_for "route /exhibit/the-decision" || not_ok "tapping an exhibit"
same exhibit "an exhibit over its section"
tap_on "글자 크기" /exhibit/the-decision ko
same sheet "the display sheet over the exhibit"
xdotool key Escape
same sheet-closed "the display sheet closed"
tap_on English /exhibit/the-decision ko && wait_for "lang en" || not_ok "the language switch: $(tail -3 "$T")"
same english "the exhibit in English"
xdotool mousemove 640 600 mousedown 1
for y in 570 540 510 480 450; do xdotool mousemove 640 $y; sleep 0.02; done
xdotool mouseup 1
# the page glides on after the finger: wait until three pictures half a second apart
# are alike (a busy machine may draw nothing for half a second; 15 s at most)
shot glide-a
still=0
for i in $(seq 30); do
	sleep 0.5
	shot glide-b
	if cmp -s "$shots/glide-a.png" "$shots/glide-b.png"; then still=$((still + 1)); else still=0; fi
	[ $still -ge 2 ] && break
	cp "$shots/glide-b.png" "$shots/glide-a.png"
done
[ $still -ge 2 ] || not_ok "the page still moves 15 s after the drag"
same scrolled "the exhibit scrolled"
kill $kiosk
wait $kiosk 2>/dev/null
grep -E "ERROR|AddressSanitizer|runtime error" "$TMP/run.log" && not_ok "errors in the log" || ok "the window ran clean"
