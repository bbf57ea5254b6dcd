# The real window under Xvfb, driven with xdotool like a visitor: tap a section and
# an exhibit, drag to scroll, switch language, walk away; the trace and screenshots
# show what happened.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwd xwdtopnm pnmtopng
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
printf '[kiosk]\nidle_seconds = 6\nprompt_seconds = 4\n' >"$TMP/kiosk.ini"
W=1280
H=800
shots="$BUILD/test-results/e2e"
mkdir -p "$shots"

start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"

# what an interrupted install left: gone at the next start, unless an install holds the lock
: >"$D/packs/.incoming-defectors-day-9.zip"
: >"$D/.incoming-catalog.db"
flock "$D" "$KIOSK" run --data "$D" --window "${W}x${H}" --bench-start >/dev/null 2>"$TMP/err"
[ -e "$D/packs/.incoming-defectors-day-9.zip" ] && [ -e "$D/.incoming-catalog.db" ] &&
	ok "a start while an install holds the folder leaves its files be" || not_ok "a start removed a running install's files"
"$KIOSK" run --data "$D" --window "${W}x${H}" --bench-start >/dev/null 2>"$TMP/err"
[ ! -e "$D/packs/.incoming-defectors-day-9.zip" ] && [ ! -e "$D/.incoming-catalog.db" ] &&
	ok "the next start removes what an interrupted install left" || not_ok "leftovers survive a start"
contains "$TMP/err" "kiosk: $D: removed 2 files left by an interrupted install" "and says so"
[ -e "$D/packs/defectors-day-1.0.0.zip" ] && ok "the installed pack stays" || not_ok "the start removed the pack"

# no session bus (as under a bare X server, or cage with no user bus): libdbus, which
# SDL_Init calls, would fork dbus-launch to start one; the kiosk does not let it
mkdir -p "$TMP/bin" "$TMP/run"
printf '#!/bin/sh\necho "$@" >>"%s"\nexit 1\n' "$TMP/autolaunched" >"$TMP/bin/dbus-launch"
chmod +x "$TMP/bin/dbus-launch"
env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$TMP/run" PATH="$TMP/bin:$PATH" \
	"$KIOSK" run --data "$D" --window "${W}x${H}" --bench-start >"$TMP/out" 2>"$TMP/err"
contains "$TMP/out" "first-frame-realtime-ns" "with no session bus, the first frame is drawn"
[ ! -e "$TMP/autolaunched" ] && ok "and no dbus-launch is started to make a bus" ||
	not_ok "dbus-launch was started: $(cat "$TMP/autolaunched")"
"$KIOSK" run --data "$D" --config "$TMP/kiosk.ini" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT

wait_for "route /attract" && ok "the window opens on the attract screen" || not_ok "no attract screen (log: $(head -3 "$TMP/run.log"))"
sleep 0.5
shot attract
# the tap that gives the window the focus begins too. The focus goes to the root
# window; the tap brings it back while the kiosk is stopped, so that the kiosk reads
# the focus and the click at once (SDL's X11 driver drops a click within 10 ms of
# a focus change unless told otherwise)
wid=$(xdotool getwindowfocus)
xdotool windowfocus "$(xdotool search --maxdepth 0 --name '' | head -1)"
sleep 0.3
kill -STOP $kiosk
xdotool windowfocus "$wid" mousemove $((W / 2)) $((H / 2)) click 1
sleep 0.3
kill -CONT $kiosk
wait_for "route /" && ok "a tap begins: home, the tap that gives the window the focus too" ||
	not_ok "a tap that gives the window the focus does not reach home"
sleep 0.3
tap_on /section/why-a-day / ko && wait_for "route /section/why-a-day" && ok "tapping a section card opens it" ||
	not_ok "tapping a section card"
sleep 0.3
tap_on /exhibit/the-decision /section/why-a-day ko && wait_for "route /exhibit/the-decision" &&
	ok "tapping an exhibit card opens it" || not_ok "tapping an exhibit card"
sleep 0.5
shot exhibit-top
# drag up to scroll the text
xdotool mousemove 640 600 mousedown 1
for y in 560 520 480 440 400 360 320; do xdotool mousemove 640 $y; sleep 0.02; done
xdotool mouseup 1
# the fling after the drag has ended when two shots 0.3 s apart are the same (a
# slow build, such as the sanitizer's, takes longer than a second and a half)
sleep 1.5
shot exhibit-scrolled
for i in 1 2 3 4 5 6 7 8 9 10; do
	sleep 0.3
	shot exhibit-scrolled-again
	cmp -s "$shots/exhibit-scrolled.png" "$shots/exhibit-scrolled-again.png" && break
	mv "$shots/exhibit-scrolled-again.png" "$shots/exhibit-scrolled.png"
done
rm -f "$shots/exhibit-scrolled-again.png"
if cmp -s "$shots/exhibit-top.png" "$shots/exhibit-scrolled.png"; then not_ok "dragging scrolls the exhibit"; else ok "dragging scrolls the exhibit"; fi
# a finger put on the bar's Home button and slid down to the bottom edge takes the
# press back: neither Home nor a scroll of the page under the bar
"$KIOSK" shot --data "$D" --route /exhibit/the-decision --lang ko --size "${W}x${H}" --hits >"$TMP/hits"
set -- $(grep -F -- " 처음으로" "$TMP/hits" | head -1)
if [ $# -ge 4 ]; then
	x=$(($1 + $3 / 2))
	xdotool mousemove "$x" $(($2 + $4 / 2)) mousedown 1
	# while the finger is on it, past a long press too, the button there looks
	# pressed and nothing else changes. (The window came from a section: its bar
	# begins with Back where the shot without a history has Home, a narrower button.)
	sleep 0.8
	shot exhibit-bar-held
	"$BUILD/tests/pngdiff" "$shots/exhibit-scrolled.png" "$shots/exhibit-bar-held.png" "$TMP/d.png" 1 8 >"$TMP/d"
	read -r _ bx by bw bh <<EOF3
$(grep '^box ' "$TMP/d")
EOF3
	[ "${bx:-0}" -eq "$1" ] && [ "${by:-0}" -eq "$2" ] && [ "${bh:-0}" -eq "$4" ] && [ "${bw:-0}" -ge 40 ] &&
		[ "$((bx + bw))" -le "$(($1 + $3))" ] &&
		grep -qx "$((bw * bh)) of .*" "$TMP/d" && ok "a finger held on the bar's first button shows on that button alone" ||
		not_ok "a finger on the bar's first button at $1 $2: $(tr '\n' ' ' <"$TMP/d")"
	for y in 100 200 300 400 500 600 700 $((H - 1)); do xdotool mousemove "$x" $y; sleep 0.02; done
	xdotool mouseup 1
	sleep 1.5
	shot exhibit-bar-drag
	cmp -s "$shots/exhibit-scrolled.png" "$shots/exhibit-bar-drag.png" && last_is "route /exhibit/the-decision" 1 &&
		ok "a drag that starts on a bar button neither presses it nor scrolls the page, and the button looks as before" ||
		not_ok "a drag from the bar's Home button scrolled the page or went home ($(tail -1 "$T"))"
	# held past a long press and lifted where it was: no tap, and the button looks
	# as before again
	xdotool mousemove "$x" $(($2 + $4 / 2)) mousedown 1
	sleep 0.8
	xdotool mouseup 1
	sleep 1
	shot exhibit-bar-long
	cmp -s "$shots/exhibit-scrolled.png" "$shots/exhibit-bar-long.png" && last_is "route /exhibit/the-decision" 1 &&
		ok "a long press on a bar button lifted does nothing, and leaves it as it was" ||
		not_ok "after a long press on the bar's first button: $(tail -1 "$T")"
	# and slid sideways, fast, along the bar: no swipe to the next exhibit either
	xdotool mousemove $((W - 60)) $(($2 + $4 / 2)) mousedown 1
	for x in $((W - 200)) $((W - 400)) $((W - 600)) $((W - 800)); do xdotool mousemove "$x" $(($2 + $4 / 2)); sleep 0.01; done
	xdotool mouseup 1
	sleep 1
	last_is "route /exhibit/the-decision" 1 && ok "a fast slide along the bar from the language button turns no page" ||
		not_ok "a slide along the bar turned the page ($(tail -1 "$T"))"
else
	not_ok "no Home button in the exhibit's bar"
fi
tap_on English /exhibit/the-decision ko && wait_for "lang en" && ok "the language switch changes to English" ||
	not_ok "the language switch"
sleep 0.5
shot exhibit-en
tail -1 "$T" | grep -q "lang en" && ok "switching language keeps the exhibit (no route change)" ||
	not_ok "switching language changed the route"
# walk away: the prompt, then the reset to attract in the default language
wait_for "idle prompt" 10 && ok "after the idle time the prompt appears" || not_ok "no idle prompt"
sleep 0.3
shot prompt
wait_for "idle reset" 8 && ok "after the countdown the kiosk resets" || not_ok "no idle reset"
# the countdown runs its prompt_seconds (4) before the reset, not at once
p=$(awk '$2 == "idle" && $3 == "prompt" { print $1; exit }' "$T")
r=$(awk '$2 == "idle" && $3 == "reset" { print $1; exit }' "$T")
[ -n "$p" ] && [ -n "$r" ] && [ $((r - p)) -ge 3500 ] && ok "the countdown lasted $((r - p)) ms of 4 s" ||
	not_ok "the countdown lasted $((${r:-0} - ${p:-0})) ms, not 4 s"
wait_for "lang ko" 2 && ok "the default language is back" || not_ok "the language was not reset"
last_is "route /attract" && ok "and the attract screen" || not_ok "no attract screen after the reset"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
if grep -q "Sanitizer\|runtime error" "$TMP/run.log"; then
	not_ok "sanitizer report: $(grep -m1 'ERROR\|runtime error' "$TMP/run.log")"
	grep -E "^ +#[0-9]|Direct|Indirect" "$TMP/run.log" | head -40 | sed 's/^/# /'
else
	ok "the window ran clean"
fi
sed 's/^/# trace: /' "$T"
