# A running kiosk under Xvfb takes packs dropped into its inbox: a signed pack is
# installed and shown after the visitor's walk-away returns to the attract screen;
# a hostile one is refused and moved, with nothing on screen; removing the pack on
# show from a shell switches at once; with no pack at all the kiosk shows the calm
# empty screen, and a kiosk started with no catalog waits for its first pack.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwd xwdtopnm pnmtopng minisign
printf '[kiosk]\nidle_seconds = 5\nprompt_seconds = 3\n[packs]\n' >"$TMP/kiosk.ini"
export KIOSK_CONFIG="$TMP/kiosk.ini"
D="$TMP/data"
mkdir -p "$D/keys"
"$KIOSK" key generate -o "$TMP/curator" >/dev/null
cp "$TMP/curator.pub" "$D/keys/"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack sign "$TMP/dd.zip" --key "$TMP/curator.key" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null || not_ok "install the demo pack"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini-1.0.0.zip" >/dev/null
"$KIOSK" pack sign "$TMP/mini-1.0.0.zip" --key "$TMP/curator.key" >/dev/null
rm -rf "$TMP/src" && cp -r "$FIX/mini" "$TMP/src" && sed -i 's/^version = .*/version = 1.1.0/' "$TMP/src/pack.ini"
"$KIOSK" pack build "$TMP/src" -o "$TMP/mini-1.1.0.zip" >/dev/null
"$KIOSK" pack sign "$TMP/mini-1.1.0.zip" --key "$TMP/curator.key" >/dev/null
$PY -c "
import shutil, sys, zipfile
shutil.copy(sys.argv[1], sys.argv[2])
with zipfile.ZipFile(sys.argv[2], 'a') as z:
    z.writestr('../escape.txt', 'out of the pack')
" "$TMP/mini-1.0.0.zip" "$TMP/evil-2.0.0.zip"
minisign -S -s "$TMP/curator.key" -m "$TMP/evil-2.0.0.zip" >/dev/null 2>&1 </dev/null || not_ok "minisign -S"

W=1024
H=768
shots="$BUILD/test-results/e2e-inbox"
mkdir -p "$shots"
start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
kiosk=""
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT

# drop FILE: into the inbox as a copy tool would, the signature first
drop() {
	cp "$1.minisig" "$D/inbox/.$(basename "$1").minisig.part" && mv "$D/inbox/.$(basename "$1").minisig.part" "$D/inbox/$(basename "$1").minisig"
	cp "$1" "$D/inbox/.$(basename "$1").part" && mv "$D/inbox/.$(basename "$1").part" "$D/inbox/$(basename "$1")"
}
# log_has TEXT SECONDS: the kiosk's log gets TEXT
log_has() {
	i=0
	while ! grep -qF -- "$1" "$TMP/run.log"; do
		i=$((i + 1)); [ $i -gt $(($2 * 10)) ] && return 1; sleep 0.1
	done
}

"$KIOSK" run --data "$D" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "route /attract" && ok "the kiosk opens on the attract screen" || not_ok "no attract screen: $(head -3 "$TMP/run.log")"
[ -d "$D/inbox/refused" ] && ok "it makes DATA/inbox/ and its refused/" || not_ok "no inbox folder"
sleep 0.5
shot before
xdotool mousemove $((W / 2)) $((H / 2)) click 1
wait_for "route /" && ok "a visitor begins" || not_ok "no home screen"

drop "$TMP/mini-1.0.0.zip"
log_has "kiosk: inbox: installed mini 1.0.0 from mini-1.0.0.zip" 10 && ok "the inbox installs the dropped pack (log line)" ||
	not_ok "not installed: $(cat "$TMP/run.log")"
[ ! -e "$D/inbox/mini-1.0.0.zip" ] && ok "and takes it out of the inbox" || not_ok "the pack stayed in the inbox"
wait_for "catalog changed" 3 && ok "the kiosk notices the change" || not_ok "the change went unnoticed"
grep -q "pack mini" "$T" && not_ok "the visitor's screen changed under them" || ok "the visitor at home is not interrupted"
grep " route " "$T" | tail -1 | grep -q "route /$" && ok "(still at home)" || not_ok "the route changed: $(tail -2 "$T")"
# the walk-away: prompt, reset to attract, and then the new content
wait_for "idle reset" 12 && ok "the visitor walks away" || not_ok "no idle reset"
wait_for "pack mini 1.0.0" 3 && ok "at the attract screen the new pack is on show" || not_ok "the new pack is not shown"
last_is "route /attract" && ok "on its attract screen" || not_ok "not on attract: $(tail -2 "$T")"
sleep 1
shot after
cmp -s "$shots/before.png" "$shots/after.png" && not_ok "the attract screen looks the same" || ok "the attract screen shows other content"
xdotool mousemove $((W / 2)) $((H / 2)) click 1
wait_for "route /" && ok "and a tap opens the new pack's home" || not_ok "no home after the switch"
"$KIOSK" shot --data "$D" --route / --lang ko --size "${W}x${H}" --hits >"$TMP/hits" 2>/dev/null
# two packs are shown today now: home is the chooser, and it offers the new one
grep -q " 18 mini " "$TMP/hits" && ok "(home offers the new pack in its chooser)" || not_ok "no chooser with mini: $(cat "$TMP/hits")"

# a new version of the pack on show: at once, the same screen from the new version
n=$(grep -c " route " "$T")
drop "$TMP/mini-1.1.0.zip"
wait_for "pack mini 1.1.0" 10 && ok "a new version of the pack on show is taken at once" || not_ok "no switch to 1.1.0: $(tail -3 "$T")"
[ "$(grep -c " route " "$T")" -eq "$n" ] && ok "the visitor stays where they are" || not_ok "the route changed: $(tail -3 "$T")"
[ ! -e "$D/packs/mini-1.0.0.zip" ] && ok "(the old version's file is gone)" || not_ok "the old file stayed"

# a hostile pack: refused, moved, reported in the log; nothing on screen changes
n=$(wc -l <"$T")
drop "$TMP/evil-2.0.0.zip"
log_has "kiosk: inbox: refused evil-2.0.0.zip: evil-2.0.0.zip: entry '../escape.txt' leaves the pack" 10 &&
	ok "a hostile pack is refused, one log line" || not_ok "hostile pack: $(tail -3 "$TMP/run.log")"
[ -e "$D/inbox/refused/evil-2.0.0.zip" ] && [ -e "$D/inbox/refused/evil-2.0.0.zip.minisig" ] && [ ! -e "$D/inbox/evil-2.0.0.zip" ] &&
	ok "and moved to inbox/refused/" || not_ok "not moved: $(ls -A "$D/inbox" "$D/inbox/refused")"
contains "$D/inbox/refused/evil-2.0.0.zip.txt" "entry '../escape.txt' leaves the pack" "with the reason beside it"
sleep 1.5
[ "$(sed -n "$((n + 1)),\$p" "$T" | grep -c "pack \|catalog")" -eq 0 ] && ok "nothing a visitor sees changes" ||
	not_ok "the screen changed: $(sed -n "$((n + 1)),\$p" "$T")"
"$KIOSK" pack list --data "$D" >"$TMP/list"
lacks "$TMP/list" "evil" "nothing of it is installed"

# removing the pack on show from a shell: at once, the next pack (no dead screen)
"$KIOSK" pack remove mini --data "$D" >/dev/null
wait_for "pack defectors-day 1.0.0" 3 && ok "removing the pack on show switches at once to the other" ||
	not_ok "no switch after remove: $(tail -3 "$T")"
last_is "route /attract" && ok "on its attract screen" || not_ok "$(tail -1 "$T")"
"$KIOSK" pack remove defectors-day --data "$D" >/dev/null
wait_for "pack none " 3 && ok "removing the last pack: nothing on show" || not_ok "no switch to nothing: $(tail -3 "$T")"
sleep 1
shot empty
"$KIOSK" shot --data "$TMP/elsewhere" --route / --size 10x10 --out "$TMP/x.png" >/dev/null 2>&1
kill -0 $kiosk 2>/dev/null && ok "the kiosk keeps running with no pack" || not_ok "the kiosk ended"
xdotool mousemove $((W / 2)) $((H / 2)) click 1
sleep 0.5
kill -0 $kiosk 2>/dev/null && ok "and a touch does not end it" || not_ok "a touch on the empty screen ended the kiosk"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null

cp "$TMP/run.log" "$TMP/run1.log"

# a kiosk installed fresh: no data folder at all, it waits for its first pack
E="$TMP/fresh"
T="$TMP/trace2"
: >"$T"
"$KIOSK" run --data "$E" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "route /attract" && ok "kiosk run starts with no catalog" || not_ok "no start without a catalog: $(cat "$TMP/run.log")"
contains "$TMP/run.log" "no packs in $E yet: waiting for the first" "and says it waits"
mkdir -p "$E/keys" && cp "$TMP/curator.pub" "$E/keys/"
D="$E"
drop "$TMP/mini-1.0.0.zip"
wait_for "pack mini 1.0.0" 10 && ok "its first pack from the inbox is shown at once" || not_ok "first pack not shown: $(cat "$TMP/run.log")"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
cp "$TMP/run.log" "$TMP/run2.log"

# dates and hours in the running kiosk, at a time set with KIOSK_NOW
rm -rf "$TMP/src" && cp -r "$FIX/mini" "$TMP/src"
printf 'show_from = 2026-08-01\n' >>"$TMP/src/pack.ini"
"$KIOSK" pack build "$TMP/src" -o "$TMP/later.zip" >/dev/null
F="$TMP/dated"
printf '[kiosk]\nhours = mon-fri 09:00-17:00\n[packs]\nallow_unsigned = true\n' >"$TMP/unsigned.ini"
KIOSK_CONFIG="$TMP/unsigned.ini" "$KIOSK" pack install "$TMP/later.zip" --data "$F" >/dev/null
T="$TMP/trace3"
: >"$T"
KIOSK_NOW="2026-07-18 10:00" KIOSK_CONFIG="$TMP/unsigned.ini" "$KIOSK" run --data "$F" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "schedule closed" 5 && ok "on a saturday outside the hours the kiosk knows it is closed" || not_ok "no closed state: $(cat "$T")"
contains "$TMP/run.log" "kiosk: closed by the opening hours" "and logs it"
KIOSK_NOW="2026-07-18 10:00" "$KIOSK" pack list --data "$F" >"$TMP/list" 2>&1
contains "$TMP/list" "not shown: scheduled from 2026-08-01" "a pack for August is not shown in July"
sleep 0.5
shot dated
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
KIOSK_NOW="2026-08-03 10:00" KIOSK_CONFIG="$TMP/unsigned.ini" "$KIOSK" run --data "$F" --window "${W}x${H}" --trace "$T" >"$TMP/run.log" 2>&1 &
kiosk=$!
wait_for "schedule open" 5 && ok "on a monday in the hours it is open" || not_ok "no open state: $(tail -3 "$T")"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
grep -q "pack mini" "$T" && not_ok "the August pack was shown in July" || ok "(the August pack was never on show in July)"
if grep -q "Sanitizer\|runtime error" "$TMP/run1.log" "$TMP/run2.log" "$TMP/run.log"; then
	not_ok "sanitizer report: $(grep -h -m1 'ERROR\|runtime error' "$TMP/run1.log" "$TMP/run2.log" "$TMP/run.log")"
else
	ok "the window ran clean"
fi
sed 's/^/# trace: /' "$TMP/trace" "$TMP/trace2" "$T"
