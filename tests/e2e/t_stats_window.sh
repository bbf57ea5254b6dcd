# Visit statistics from the real window under Xvfb: five scripted visits (four
# leave at once with Escape, the fifth opens a section and an exhibit, starts the
# narration, goes home, types a search and walks away), then `kiosk stats --csv` against
# stats.expected. The clock is held still ($KIOSK_NOW), so every visit is "<1m" at
# 10:00; counts under 5 show as "<5", the five visits and their language as 5.
. "$TOP/tests/cli/lib.sh"

need_tools Xvfb xdotool pngtopnm ppmhist
export TZ=UTC KIOSK_NOW="2026-07-14 10:15"
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null 2>&1
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
printf '[kiosk]\nidle_seconds = 5\nprompt_seconds = 3\n' >"$TMP/kiosk.ini"
W=1280
H=800
start_xvfb "$W" "$H"
T="$TMP/trace"
: >"$T"
SDL_AUDIODRIVER=dummy "$KIOSK" run --data "$D" --config "$TMP/kiosk.ini" --window "${W}x${H}" --trace "$T" \
	>"$TMP/run.log" 2>&1 &
kiosk=$!
trap 'kill $kiosk $xvfb 2>/dev/null; wait $kiosk $xvfb 2>/dev/null; rm -rf "$TMP"' EXIT

# attract N [SECONDS]: until the trace has shown the attract screen N times
attract() {
	i=0
	while [ "$(grep -c ' route /attract$' "$T")" -lt "$1" ]; do
		i=$((i + 1))
		[ $i -gt $((${2:-5} * 10)) ] && return 1
		sleep 0.1
	done
}

attract 1 && ok "the window opens on the attract screen" || not_ok "no attract screen (log: $(head -3 "$TMP/run.log"))"
quick=0
# the trace names the attract screen before the window is mapped: give it a moment
sleep 0.7
for v in 1 2 3 4; do
	sleep 0.3
	xdotool mousemove $((W / 2)) $((H / 2)) click 1
	wait_for "route /" 3 || break
	sleep 0.3
	xdotool key Escape
	attract $((v + 1)) 3 || break
	quick=$v
done
[ "$quick" -eq 4 ] && ok "four visits begin with a tap and end with Escape" || not_ok "quick visit $((quick + 1)) failed"
sleep 0.3
xdotool mousemove $((W / 2)) $((H / 2)) click 1
wait_for "route /" 3 && ok "the fifth visit begins" || not_ok "no fifth visit"
sleep 0.3
tap_on /section/why-a-day / ko && wait_for "route /section/why-a-day" && ok "a section" || not_ok "tapping a section"
sleep 0.3
tap_on /exhibit/the-decision /section/why-a-day ko && wait_for "route /exhibit/the-decision" && ok "an exhibit" ||
	not_ok "tapping an exhibit"
sleep 0.3
tap_on listen /exhibit/the-decision ko && wait_for "screen narration listen ko 0" 3 && ok "its narration" ||
	not_ok "tapping Listen ($(tail -2 "$T" | tr '\n' ' '))"
sleep 0.3
# the Home key, then Search on the home screen (with no history: as `kiosk shot` lists it)
xdotool key Home
sleep 0.3
tap_on "검색" / ko && wait_for "route /search" && ok "the search screen" || not_ok "tapping Search"
sleep 0.3
# ㅇ ㅣ ㄴ on 2-beolsik are d l s: the query 인
"$KIOSK" shot --data "$D" --route /search --lang ko --size "${W}x${H}" --hits >"$TMP/keys"
for k in d l s; do
	set -- $(awk -v p="$k" '$5 == 11 && $6 == p { print; exit }' "$TMP/keys")
	[ $# -ge 4 ] && xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
	sleep 0.15
done
wait_for "route /search?q=%EC%9D%B8" 3 && ok "a query typed" || not_ok "no query ($(tail -2 "$T" | tr '\n' ' '))"
wait_for "idle reset" 12 && attract 6 3 && ok "walking away ends the fifth visit" || not_ok "no idle reset"
kill $kiosk 2>/dev/null
wait $kiosk 2>/dev/null

"$KIOSK" stats --data "$D" --csv >"$TMP/stats.csv" 2>"$TMP/err"
if cmp -s "$TOP/tests/e2e/stats.expected" "$TMP/stats.csv"; then ok "kiosk stats --csv shows the visits (under 5 as <5)"; else
	not_ok "kiosk stats --csv differs from stats.expected"
	diff "$TOP/tests/e2e/stats.expected" "$TMP/stats.csv" | sed 's/^/# /'
	sed "s/^/# trace: /" "$T" | tail -25
fi
"$KIOSK" stats --data "$D" --csv --from 2026-07-15 >"$TMP/later.csv"
[ "$(cat "$TMP/later.csv")" = "day,hour,what,item,bucket,count" ] && ok "--from after the visits: no rows" ||
	not_ok "--from does not filter"
if grep -qaF "인" "$D/stats.db" || grep -qa "%EC%9D%B8" "$D/stats.db"; then not_ok "the typed query is in stats.db"; else
	ok "the typed query is nowhere in stats.db"; fi

"$KIOSK" stats --data "$D" --png "$TMP/chart.png" --size 800x600 2>"$TMP/err" && ok "kiosk stats --png writes a chart" ||
	not_ok "kiosk stats --png ($(cat "$TMP/err"))"
size=$(pngtopnm "$TMP/chart.png" 2>/dev/null | head -c 20 | sed -n 2p)
[ "$size" = "800 600" ] && ok "the chart is a PNG of 800x600" || not_ok "the chart is not an 800x600 PNG ($size)"
colours=$(pngtopnm "$TMP/chart.png" 2>/dev/null | ppmhist -noheader | wc -l)
[ "$colours" -gt 10 ] && ok "the chart is not blank ($colours colours: bars and text)" || not_ok "the chart is blank"
if grep -q "Sanitizer\|runtime error" "$TMP/run.log"; then not_ok "sanitizer report: $(grep -m1 'ERROR\|runtime error' "$TMP/run.log")"
else ok "the window ran clean"; fi
