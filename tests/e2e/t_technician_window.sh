# The technician's way in, in a running kiosk under Xvfb: the corner gesture (hold
# one corner 5 s, touch another) opens the PIN pad without starting a visit; the
# right PIN opens the menu, which closes back to the attract screen; wrong PINs do
# not, and five in a row lock the pad so that even the right PIN is refused. With no
# PIN set the pad says so. Outside the opening hours the screen is black until a
# touch shows the closed notice.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwd xwdtopnm pnmtopng
printf '[kiosk]\nidle_seconds = 120\n[packs]\nallow_unsigned = true\n' >"$TMP/kiosk.ini"
export KIOSK_CONFIG="$TMP/kiosk.ini"
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null || not_ok "install the demo pack"

W=1024
H=768
shots="$BUILD/test-results/e2e-technician"
mkdir -p "$shots"
start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
kiosk=""
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT

# the corner gesture: top-left held 5.3 s, then bottom-right
corners() {
	xdotool mousemove 4 4 mousedown 1
	sleep 5.3
	xdotool mouseup 1
	sleep 0.3
	xdotool mousemove $((W - 4)) $((H - 4)) click 1
}
key() {
	set -- $(awk -v k="$1" '$5 == 11 && $6 == k { print; exit }' "$TMP/pad")
	[ $# -ge 4 ] || { echo "# no key $1"; return 1; }
	xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
	sleep 0.15
}
type_pin() {
	for d in $(echo "$1" | sed 's/./& /g'); do key "$d"; done
	key ok
	sleep 0.6 # the check is Argon2id: a fraction of a second
}
black() {
	xwd -root -silent | xwdtopnm 2>/dev/null | $PY -c "
import sys
d = sys.stdin.buffer.read()
# P6 header: magic, width, height, maxval, then RGB bytes
parts = d.split(maxsplit=4)
sys.exit(0 if max(parts[4][1:]) == 0 else 1)"
}

# no PIN set: the pad says so and opens nothing
"$KIOSK" run --data "$D" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "route /attract" && ok "the kiosk opens on the attract screen" || not_ok "no attract screen: $(head -3 "$TMP/run.log")"
sleep 0.3
corners
wait_for "technician no-pin" 3 && ok "with no PIN set the gesture opens a pad that says so" || not_ok "no pad: $(tail -3 "$T")"
grep -q "route /$" "$T" && not_ok "holding a corner began a visit" || ok "holding a corner does not begin a visit"
shot no-pin
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null

echo 2468 | "$KIOSK" pin set >/dev/null || not_ok "kiosk pin set"
# a USB stick as `kiosk import` reads it (tests cannot mount: $KIOSK_STICK names it)
mkdir -p "$TMP/stick/kiosk"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/stick/kiosk/mini-1.0.0.zip" >/dev/null
# the PIN pad's keys where `kiosk shot` lays them out at this size
"$KIOSK" shot --data "$D" --route /attract --overlay pinpad --size "${W}x${H}" --hits >"$TMP/pad" 2>/dev/null
: >"$T"
KIOSK_STICK="$TMP/stick" "$KIOSK" run --data "$D" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "route /attract" || not_ok "no attract screen"
sleep 0.3
# a short hold is nothing: a visitor's touch on the attract screen
xdotool mousemove 4 4 mousedown 1
sleep 1
xdotool mouseup 1
xdotool mousemove $((W - 4)) $((H - 4)) click 1
sleep 0.5
grep -q "technician" "$T" && not_ok "a 1 s hold opened the pad" || ok "a 1 s hold and a second corner open nothing"
wait_for "route /" 2 && ok "(the quick corner tap was the visitor's: home)" || not_ok "the corner tap was lost: $(tail -2 "$T")"
xdotool key Escape
wait_for "route /attract" 2 || xdotool key Escape
corners
wait_for "technician pinpad" 3 && ok "the corner gesture opens the PIN pad" || not_ok "no PIN pad: $(tail -3 "$T")"
shot pinpad
type_pin 2468
wait_for "technician unlocked" 3 && ok "the right PIN unlocks" || not_ok "right PIN refused: $(tail -3 "$T"; tail -3 "$TMP/run.log")"
wait_for "route /technician" 2 && ok "and opens the technician menu" || not_ok "no menu: $(tail -3 "$T")"
sleep 0.5
shot menu
"$KIOSK" shot --data "$D" --route /technician --size "${W}x${H}" --hits >"$TMP/menu" 2>/dev/null
set -- $(awk '$6 == "import"' "$TMP/menu")
[ $# -ge 4 ] && xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
i=0
while ! grep -q "kiosk: inbox: installed mini 1.0.0" "$TMP/run.log" && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
contains "$TMP/run.log" "kiosk: inbox: installed mini 1.0.0" "import from the USB stick: the pack is copied and installed"
grep " route " "$T" | tail -1 | grep -q "route /technician" && ok "and the menu stays open" || not_ok "the menu closed: $(tail -2 "$T")"
sleep 5.5
shot menu-imported
xdotool key Escape
wait_for "route /attract" 3 && ok "closing the menu returns to the attract screen" || not_ok "$(tail -2 "$T")"

n=$(grep -c "technician unlocked" "$T")
corners
sleep 0.5
type_pin 1111
sleep 0.3
[ "$(grep -c "technician unlocked" "$T")" -eq "$n" ] && ok "a wrong PIN does not unlock" || not_ok "a wrong PIN unlocked"
contains "$TMP/run.log" "kiosk: technician: wrong PIN" "and is logged"
for i in 2 3 4 5; do type_pin 1111; done
contains "$TMP/run.log" "5 wrong PINs in a row; the PIN pad is locked for 30 s" "five wrong PINs lock the pad for 30 s"
shot locked
type_pin 2468
[ "$(grep -c "technician unlocked" "$T")" -eq "$n" ] && ok "while locked even the right PIN is refused" ||
	not_ok "the locked pad took a PIN"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
cp "$TMP/run.log" "$TMP/run1.log"

# closed: a black frame; a touch shows the notice; dark again after it
printf '[kiosk]\nhours = mon-fri 09:00-17:00\n[packs]\nallow_unsigned = true\n' >"$TMP/hours.ini"
: >"$T"
KIOSK_NOW="2026-07-18 10:00" KIOSK_CONFIG="$TMP/hours.ini" "$KIOSK" run --data "$D" --window "${W}x${H}" --trace "$T" \
	>"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "screen dark" 5 && ok "outside the hours the screen goes dark" || not_ok "not dark: $(tail -3 "$T")"
sleep 0.5
black && ok "(a black frame)" || { shot not-black; not_ok "the closed screen is not black"; }
xdotool mousemove $((W / 2)) $((H / 2)) click 1
sleep 0.5
shot closed
black && not_ok "a touch shows nothing" || ok "a touch shows the closed notice"
grep -q "route /$" "$T" && not_ok "a touch while closed began a visit" || ok "and begins no visit"
sleep 6.5
black && ok "then the screen is dark again" || not_ok "the notice stayed"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
cp "$TMP/run.log" "$TMP/run2.log"

# two packs shown today: the chooser, a visit in the one chosen, and the idle reset
# back to the first pack for the next visitor
M="$TMP/two"
"$KIOSK" pack install "$TMP/dd.zip" --data "$M" >/dev/null
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null
"$KIOSK" pack install "$TMP/mini.zip" --data "$M" >/dev/null || not_ok "install mini"
printf '[kiosk]\nidle_seconds = 5\nprompt_seconds = 3\n[packs]\nallow_unsigned = true\n' >"$TMP/idle.ini"
: >"$T"
KIOSK_CONFIG="$TMP/idle.ini" "$KIOSK" run --data "$M" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "route /attract" || not_ok "no attract screen with two packs"
sleep 0.5
xdotool mousemove $((W / 2)) $((H / 2)) click 1
wait_for "route /" && ok "a visitor begins" || not_ok "no home"
"$KIOSK" shot --data "$M" --route / --size "${W}x${H}" --hits >"$TMP/hits" 2>/dev/null
first=$(awk '$5 == 18 { print $6; exit }' "$TMP/hits") # the pack on show first
other=$(awk '$5 == 18 { n++; if (n == 2) print $6 }' "$TMP/hits")
set -- $(awk -v p="$other" '$5 == 18 && $6 == p' "$TMP/hits")
[ $# -ge 4 ] && xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
wait_for "visit-pack $other" 2 && ok "choosing a pack on the chooser shows it for the visit" || not_ok "no choice: $(tail -3 "$T")"
# its home follows (other lines, such as the schedule's, may come between)
sed -n "/visit-pack $other/,\$p" "$T" | grep -q " route /$" && ok "(its home)" || not_ok "$(tail -2 "$T")"
wait_for "idle reset" 12 && ok "the visitor walks away" || not_ok "no idle reset"
wait_for "visit-pack $first" 2 && ok "and the next visit starts from the first pack and the chooser" ||
	not_ok "the chosen pack stayed: $(tail -3 "$T")"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
if grep -q "Sanitizer\|runtime error" "$TMP/run1.log" "$TMP/run2.log" "$TMP/run.log"; then
	not_ok "sanitizer report: $(grep -h -m1 'ERROR\|runtime error' "$TMP/run1.log" "$TMP/run2.log" "$TMP/run.log")"
else
	ok "the window ran clean"
fi
sed 's/^/# trace: /' "$T"
