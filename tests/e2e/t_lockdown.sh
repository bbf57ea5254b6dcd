# kiosk run --fullscreen as the service runs it: on a bare X server (no window manager)
# the window covers the display at its real size and the picture is kiosk shot's; no
# key quits or leaves (Ctrl+Q, Alt+F4, Escape on attract); SIGTERM ends it. With no
# display, or on a driver where nothing is seen, it exits 1 with one line. Journal
# priority prefixes when stderr is the journal. kiosk --version.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwininfo xwd xwdtopnm pnmtopng
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
shots="$BUILD/test-results/lockdown"
mkdir -p "$shots"

check "kiosk --version" "$KIOSK" --version
grep -q '^kiosk [0-9][0-9.]*$' "$TMP/out" && ok "prints the version" || not_ok "no version line"
contains "$TMP/out" "sqlite3 3." "and the libraries, SQLite among them"
contains "$TMP/out" "running with: SDL2 2." "and SDL's version at run time"
grep -q '^running with: .*, libzip 1\.[0-9]' "$TMP/out" && ok "and that of libzip, which it loads to read packs" ||
	not_ok "no libzip version at run time: $(tail -1 "$TMP/out")"

# no display: one line, status 1
(unset DISPLAY WAYLAND_DISPLAY SDL_VIDEODRIVER; "$KIOSK" run --data "$D" >"$TMP/out" 2>"$TMP/err")
st=$?
[ $st -eq 1 ] && ok "with no display kiosk run exits 1" || not_ok "with no display: status $st"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "with one line" || { not_ok "not one line"; sed 's/^/# /' "$TMP/err"; }
contains "$TMP/err" "kiosk: run: no display" "saying there is no display"
SDL_VIDEODRIVER=dummy run_status 1 "SDL's dummy driver is refused" "$KIOSK" run --data "$D"
contains "$TMP/err" "SDL chose its 'dummy' video driver, where nothing is seen" "naming the driver"

# journal priority prefixes when stderr is the journal ($JOURNAL_STREAM names it)
: >"$TMP/journal"
js=$(stat -c '%d:%i' "$TMP/journal")
SDL_VIDEODRIVER=offscreen JOURNAL_STREAM="$js" "$KIOSK" run --data "$D" --bench-start >/dev/null 2>>"$TMP/journal"
grep -q '^<6>kiosk: started: video driver offscreen' "$TMP/journal" && ok "stderr to the journal: <6> on the start" ||
	{ not_ok "no <6> prefix"; sed 's/^/# /' "$TMP/journal"; }
grep -q '^<6>kiosk: pack loaded: defectors-day 1.0.0' "$TMP/journal" && ok "and on the pack loaded" ||
	not_ok "no pack loaded line"
SDL_VIDEODRIVER=offscreen JOURNAL_STREAM="1:1" "$KIOSK" run --data "$D" --bench-start >/dev/null 2>"$TMP/err"
grep -q '^kiosk: started' "$TMP/err" && ok "stderr elsewhere: no prefix" || not_ok "a prefix on a terminal or file"

W=1600
H=900
start_xvfb "$W" "$H"
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT
T="$TMP/trace"
: >"$T"
"$KIOSK" run --data "$D" --fullscreen --route / --trace "$T" 2>"$TMP/run.err" &
kiosk=$!
wait_for "route /" && ok "fullscreen opens" || not_ok "fullscreen did not open"
sleep 1
xwininfo -root -tree >"$TMP/tree"
grep -q '"kiosk".* '"${W}x${H}"'+0+0' "$TMP/tree" && ok "without a window manager the window is the display's ${W}x${H} at 0,0" ||
	{ not_ok "the window does not cover the display"; grep kiosk "$TMP/tree" | sed 's/^/# /'; }
contains "$TMP/run.err" "${W}x${H} at 96 dpi, fullscreen, keys locked, pointer hidden" "and lays out at that size, pointer hidden"
xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$shots/window.png" 2>/dev/null
"$KIOSK" shot --data "$D" --route / --size "${W}x${H}" --out "$shots/expected.png"
"$BUILD/tests/pngdiff" "$shots/expected.png" "$shots/window.png" "$shots/diff.png" >"$TMP/diff" &&
	ok "the screen is kiosk shot's picture ($(cat "$TMP/diff"))" || not_ok "the screen differs from kiosk shot: $(cat "$TMP/diff")"

# the keys of a visitor who plugs in a keyboard
xdotool key ctrl+q
xdotool key alt+F4
sleep 0.3
kill -0 $kiosk 2>/dev/null && ok "Ctrl+Q and Alt+F4 do not quit" || not_ok "a key quit the kiosk"
xdotool key Escape
xdotool key Escape
sleep 0.5
kill -0 $kiosk 2>/dev/null && ok "Escape does not quit" || not_ok "Escape quit the kiosk"
last_is "route /attract" && ok "Escape from home goes to the attract screen" || not_ok "Escape from home"
xdotool key Escape
sleep 0.3
tail -1 "$T" | grep -q "route /attract" && ok "and Escape on the attract screen leaves nothing" ||
	{ not_ok "Escape left the attract screen"; tail -3 "$T" | sed 's/^/# /'; }
contains "$TMP/run.err" "key refused: the kiosk is locked down in fullscreen" "refused keys are logged"
kill -TERM $kiosk
wait $kiosk
st=$?
[ $st -eq 0 ] && ok "SIGTERM ends it with status 0" || not_ok "SIGTERM: status $st"
contains "$TMP/run.err" "stopped: the window was closed or the kiosk was told to stop" "and says why it stopped"

# the same keys in a window (development): Ctrl+Q quits
"$KIOSK" run --data "$D" --window 800x600 --trace "$T" 2>"$TMP/run.err" &
kiosk=$!
wait_for "route /attract" 5
sleep 0.3
xdotool key ctrl+q
i=0
while kill -0 $kiosk 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $kiosk 2>/dev/null && not_ok "Ctrl+Q does not quit a window" || ok "in a window (not --fullscreen) Ctrl+Q quits"
