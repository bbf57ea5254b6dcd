# Narration in the real window under Xvfb, through SDL's disk audio driver (the
# samples go to a file): Listen plays sound that is not silence, Pause stops it,
# the caption band shows the cue, a language switch goes on in the other language
# at the paragraph being read, and leaving the exhibit stops it.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwd xwdtopnm pnmtopng python3 readelf
# SDL2_mixer and the dozen libraries it brings are loaded when the player opens,
# after the first frame, not at start (media/audio.c)
readelf -d "$KIOSK" >"$TMP/dynamic"
if grep -q 'libSDL2_mixer' "$TMP/dynamic"; then
	not_ok "the kiosk is linked to SDL2_mixer: it loads at every start"
else
	ok "SDL2_mixer is not linked: the player loads it"
fi
D="$TMP/data"
printf '[kiosk]\nidle_seconds = 600\n[packs]\nallow_unsigned = true\n[audio]\nvolume = 100\n' >"$TMP/kiosk.ini"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" --config "$TMP/kiosk.ini" >/dev/null
W=1280
H=800
shots="$BUILD/test-results/e2e"
mkdir -p "$shots"
start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
RAW="$TMP/audio.raw"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$RAW" \
	"$KIOSK" run --data "$D" --config "$TMP/kiosk.ini" --window "${W}x${H}" --trace "$T" \
	--route /exhibit/the-decision --lang ko >"$TMP/run.log" 2>&1 &
kiosk=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT
# loud CHUNK: how many of the 16-bit samples written since byte START are not near silence
loud() {
	python3 - "$RAW" "$1" <<'PY'
import sys, array
data = open(sys.argv[1], 'rb').read()[int(sys.argv[2]):]
a = array.array('h', data[:len(data) - len(data) % 2])
print(sum(1 for v in a if abs(v) > 300), len(a))
PY
}
size() { stat -c %s "$RAW" 2>/dev/null || echo 0; }

wait_for "route /exhibit/the-decision" && ok "the exhibit opens" || not_ok "no exhibit (log: $(head -3 "$TMP/run.log"))"
sleep 0.5
"$KIOSK" shot --data "$D" --route /exhibit/the-decision --lang ko --size "${W}x${H}" --hits >"$TMP/hits"
contains "$TMP/hits" " 13 listen 듣기" "an exhibit with narration shows Listen"
s0=$(size)
tap_on "listen" /exhibit/the-decision ko
wait_for "screen narration listen ko 0" 3 && ok "Listen starts the Korean narration at its start" ||
	not_ok "Listen ($(tail -2 "$T" | tr '\n' ' '))"
sleep 3
set -- $(loud "$s0")
[ "$1" -gt 20000 ] && ok "the device receives sound, not silence ($1 of $2 samples)" ||
	not_ok "the narration is silent ($1 of $2 samples)"
shot narration-playing
# the caption band and Pause are there while it plays
"$KIOSK" shot --data "$D" --route /exhibit/the-decision --lang ko --size "${W}x${H}" --hits >"$TMP/hits0"
# tap_player WHAT: tap the player's first button and wait for its trace line (a tap
# the loaded machine lost is tried once more)
tap_player() {
	set -- $(grep " 13 listen " "$TMP/hits0")
	for try in 1 2; do
		xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) sleep 0.2 click 1
		wait_for "screen narration $WHAT ko [0-9]*" 3 && return 0
	done
	return 1
}
WHAT=pause
tap_player && ok "the same place is Pause while it plays" || not_ok "Pause ($(tail -1 "$T"))"
sleep 0.5
s1=$(size)
sleep 1.5
set -- $(loud "$s1")
[ "$1" -lt 500 ] && ok "paused, the device gets silence ($1 of $2 samples loud)" || not_ok "sound goes on after Pause ($1)"
WHAT=resume
tap_player && ok "and Listen resumes it" || not_ok "resume ($(tail -1 "$T"))"
sleep 2
tap_on English /exhibit/the-decision ko && wait_for "lang en" 3 && ok "the language switch while it plays" ||
	not_ok "language switch"
sleep 1
grep -q "narration: the-decision goes on in en at paragraph" "$TMP/run.log" &&
	ok "the narration goes on in English at the paragraph being read ($(grep -o 'at paragraph [0-9]*' "$TMP/run.log" | head -1))" ||
	not_ok "no switch of the narration ($(tail -2 "$TMP/run.log" | tr '\n' ' '))"
s2=$(size)
sleep 2
set -- $(loud "$s2")
[ "$1" -gt 20000 ] && ok "and it sounds ($1 of $2 samples)" || not_ok "silent after the switch ($1 of $2)"
shot narration-english
# leaving the exhibit stops it
xdotool key Escape
wait_for "route /" 3
sleep 0.7
s3=$(size)
sleep 1.5
set -- $(loud "$s3")
[ "$1" -lt 500 ] && ok "leaving the exhibit stops the narration" || not_ok "narration goes on after leaving ($1 loud)"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
if grep -q "Sanitizer\|runtime error" "$TMP/run.log"; then
	not_ok "sanitizer report: $(grep -m1 'ERROR\|runtime error' "$TMP/run.log")"
else
	ok "the window ran clean"
fi
sed 's/^/# trace: /' "$T"
