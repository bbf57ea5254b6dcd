# Search in the real window under Xvfb, typed on the on-screen keyboard with
# xdotool taps as a visitor would: 인권 in 2-beolsik, a result opened at its match,
# Backspace inside a syllable, the keyboard switched to ABC for kinu, a physical
# keyboard typing too, and the idle reset clearing the query.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool xwd xwdtopnm pnmtopng pngtopnm ppmhist
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
printf '[kiosk]\nidle_seconds = 8\nprompt_seconds = 3\n[packs]\nallow_unsigned = true\n' >"$TMP/kiosk.ini"
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" --config "$TMP/kiosk.ini" >/dev/null
W=1280
H=800
shots="$BUILD/test-results/e2e"
mkdir -p "$shots"
start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
"$KIOSK" run --data "$D" --config "$TMP/kiosk.ini" --window "${W}x${H}" --trace "$T" --route / >"$TMP/run.log" 2>&1 &
kiosk=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT

# key PAYLOAD: tap the on-screen key that sends PAYLOAD (its touch target as
# `kiosk shot --hits` lists it: action 11 is a key)
"$KIOSK" shot --data "$D" --route /search --lang ko --size "${W}x${H}" --hits >"$TMP/keys-ko"
key() {
	set -- $(awk -v p="$1" '$5 == 11 && $6 == p { print; exit }' "$TMP/keys")
	[ $# -ge 4 ] || return 1
	xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
	sleep 0.15
}

wait_for "route /" && ok "the window opens on home" || not_ok "no home screen (log: $(head -3 "$TMP/run.log"))"
# the trace names home as the first frame is drawn, a moment before the window
# takes a tap: one that comes too early is tried again, as a visitor would
for try in 1 2 3; do
	tap_on "검색" / ko && wait_for "route /search" 2 && break
done
tail -1 "$T" | grep -q "route /search$" && ok "the Search button opens search" || not_ok "tapping Search"
sleep 0.3
cp "$TMP/keys-ko" "$TMP/keys"
# ㅇ ㅣ ㄴ ㄱ ㅜ ㅓ ㄴ on 2-beolsik are d l s r n j s
for k in d l s r n j; do key "$k" || not_ok "no key '$k' on the Korean keyboard"; done
# each key searches: the trace shows the query growing, the syllable being composed included
wait_for "route /search?q=%EC%9D%B8" 3 && ok "after three keys the field holds 인 and searches it" ||
	not_ok "no search for 인"
wait_for "route /search?q=%EC%9D%B8%EA%B6%88" 3 && ok "after six keys: 인궈, 궈 being composed" ||
	not_ok "no search for 인궈"
# the snippets mark what 궈 may become (인권), in the highlight of a match (MARK_BG in
# src/text/draw.c): the text has no 인궈
# highlighted NAME: pixels of the highlight in the screenshot NAME
highlighted() {
	pngtopnm "$shots/$1.png" 2>/dev/null | ppmhist -noheader 2>/dev/null |
		awk '$1 == 255 && $2 == 209 && $3 == 102 { n += $5 } END { print n + 0 }'
}
sleep 0.5
shot search-composing
marked=$(highlighted search-composing)
[ "$marked" -gt 500 ] && ok "while 궈 is composed the results mark 인권 ($marked pixels of highlight)" ||
	not_ok "no match is marked while 궈 is composed ($marked pixels of highlight; $shots/search-composing.png)"
key s || not_ok "no key 's' on the Korean keyboard"
wait_for "route /search?q=%EC%9D%B8%EA%B6%8C" 3 && ok "after seven keys: 인권 (libhangul composed it)" ||
	not_ok "the keys did not compose 인권 ($(tail -3 "$T" | tr '\n' ' '))"
# routes_after N ROUTE: ROUTE is in the trace after its first N lines (3 s at most)
routes_after() {
	for i in $(seq 30); do
		tail -n +$(($1 + 1)) "$T" | grep -q " route $2$" && return 0
		sleep 0.1
	done
	return 1
}
# Backspace inside the syllable being composed takes one jamo away: 인권 -> 인궈
n=$(wc -l <"$T")
key @backspace
routes_after $n "/search?q=%EC%9D%B8%EA%B6%88" && ok "Backspace inside a syllable removes one jamo (인궈)" ||
	not_ok "Backspace inside a syllable ($(tail -1 "$T"))"
n=$(wc -l <"$T")
key s
routes_after $n "/search?q=%EC%9D%B8%EA%B6%8C" && ok "and ㄴ makes it 인권 again" || not_ok "ㄴ after Backspace ($(tail -1 "$T"))"
sleep 0.3
shot search-typed
"$KIOSK" shot --data "$D" --route "/search?q=인권" --lang ko --size "${W}x${H}" --hits >"$TMP/hits"
set -- $(grep " 1 /exhibit/" "$TMP/hits" | head -1) - - - - - -
# 권 is still being composed (nothing has ended the syllable): the exhibit marks by
# the rule the results were found with
want="$6&composing"
xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
wait_for "route $want" 3 && ok "tapping a result opens the exhibit at the match ($want)" ||
	not_ok "the result did not open $want ($(tail -2 "$T" | tr '\n' ' '))"
sleep 0.4
shot search-result
# Back is the first button of the bar (a shot has no history, so no Back to list)
xdotool mousemove 40 34 click 1
wait_for "route /search?q=%EC%9D%B8%EA%B6%8C" 3 &&
	ok "Back returns to the results with the query" || not_ok "Back from a result"
sleep 0.3
# back from a result the text is no longer being composed: Backspace takes the
# whole syllable, as after any character typed and left
n=$(wc -l <"$T")
key @backspace
routes_after $n "/search?q=%EC%9D%B8" && ok "Backspace after the results came back removes the syllable (인)" ||
	not_ok "Backspace on the text come back ($(tail -1 "$T"))"
key @clear
wait_for "route /search" 3 && ok "Clear empties the field" || not_ok "Clear"
# a result opened while 궈 is still being composed marks what the search found (인권)
n=$(wc -l <"$T")
for k in d l s r n j; do key "$k"; done
routes_after $n "/search?q=%EC%9D%B8%EA%B6%88" || not_ok "no search for 인궈 the second time"
xdotool key Return
wait_for "route /exhibit/[a-z0-9-]*?q=%EC%9D%B8%EA%B6%88&composing" 3 &&
	ok "Enter while 궈 is composed opens the first result, with the rule the search used" ||
	not_ok "Enter while composing ($(tail -2 "$T" | tr '\n' ' '))"
sleep 0.5
shot result-composing
marked=$(highlighted result-composing)
[ "$marked" -gt 500 ] && ok "the exhibit marks 인권 ($marked pixels of highlight)" ||
	not_ok "the exhibit opened while composing marks nothing ($marked pixels; $shots/result-composing.png)"
xdotool mousemove 40 34 click 1
wait_for "route /search?q=%EC%9D%B8%EA%B6%88" 3 || not_ok "Back from the result opened while composing"
sleep 0.3
key @clear
wait_for "route /search" 3
# the keyboard switches to ABC on its own, the interface stays Korean
key @switch
sleep 0.3
"$KIOSK" shot --data "$D" --route /search --lang en --size "${W}x${H}" --hits >"$TMP/keys"
# the same key twice quickly is two letters, not a double tap
for k in o o; do key "$k"; done
wait_for "route /search?q=oo" 3 && ok "a key tapped twice quickly types twice" || not_ok "the second 'o' was lost ($(tail -1 "$T"))"
key @clear
wait_for "route /search" 3
for k in k i n u; do key "$k" || not_ok "no key '$k' on the ABC keyboard"; done
wait_for "route /search?q=kinu" 3 && ok "on ABC, kinu is typed" || not_ok "typing kinu ($(tail -1 "$T"))"
sleep 0.3
shot search-kinu
# a physical keyboard types into the field too
xdotool type --delay 50 " seoul"
wait_for "route /search?q=kinu%20seoul" 3 && ok "a physical keyboard types into the field" ||
	not_ok "physical keyboard ($(tail -1 "$T"))"
# the language switch keeps the query, and shows the results in the new language at
# once: 2014 matches pages in both, and the Korean screen shows the Korean ones
key @clear
wait_for "route /search" 3
xdotool type --delay 50 "2014"
wait_for "route /search?q=2014" 3 || not_ok "typing 2014 ($(tail -1 "$T"))"
sleep 0.3
tap_on English "/search?q=2014" ko && wait_for "lang en" && ok "the language switch" || not_ok "language switch"
tail -1 "$T" | grep -q "lang en" && ok "and the query stays" || not_ok "switching language changed the route"
sleep 1
shot search-switched
# a space and Backspace search again, in English: the first result must look the same
n=$(wc -l <"$T")
xdotool key space BackSpace
routes_after $n "/search?q=2014" || not_ok "space and Backspace ($(tail -1 "$T"))"
sleep 1
shot search-again
"$KIOSK" shot --data "$D" --route "/search?q=2014" --lang en --size "${W}x${H}" --hits >"$TMP/hits"
set -- $(awk '$5 == 1 && $6 ~ /^\/exhibit\// { print; exit }' "$TMP/hits")
if [ $# -ge 4 ]; then
	for f in search-switched search-again; do
		pngtopnm "$shots/$f.png" | pamcut -left "$1" -top "$2" -width "$3" -height "$4" >"$TMP/$f.pnm"
	done
	cmp -s "$TMP/search-switched.pnm" "$TMP/search-again.pnm" &&
		ok "the results switch language with the screen (the first card as after a new search)" ||
		not_ok "the results kept the old language ($shots/search-switched.png, $shots/search-again.png)"
else
	not_ok "no result for 2014 in English"
fi
# walk away: the reset clears the query
wait_for "idle reset" 16 && wait_for "route /attract" 2 && ok "the idle reset returns to attract" || not_ok "no idle reset"
xdotool mousemove 640 400 click 1
wait_for "route /" 3
tap_on "검색" / ko && sleep 0.3
last_is "route /search$" && ok "and search opens empty after it" || not_ok "the query survived the reset ($(tail -1 "$T"))"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
if grep -q "Sanitizer\|runtime error" "$TMP/run.log"; then
	not_ok "sanitizer report: $(grep -m1 'ERROR\|runtime error' "$TMP/run.log")"
else
	ok "the window ran clean"
fi
sed 's/^/# trace: /' "$T"
