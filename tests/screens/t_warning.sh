# Content warnings on screen: an exhibit that carries one opens on the warning
# with the choice to continue or go back; its picture is on no card, no search
# result and never on the attract loop.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
printf '[packs]\nallow_unsigned = true\n' >"$TMP/kiosk.ini"
"$KIOSK" pack build "$TOP/tests/fixtures/narrated" -o "$TMP/n.zip" >/dev/null 2>&1
"$KIOSK" pack install "$TMP/n.zip" --data "$D" --config "$TMP/kiosk.ini" >/dev/null || not_ok "install the fixture"
shot_hits() { "$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route "$1" --lang "$2" --size "$3" --hits >"$TMP/hits"; }

for size in 390x844 1920x1080; do
	for lang in ko en; do
		"$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route /exhibit/first --lang "$lang" --size "$size" \
			--check >/dev/null 2>"$TMP/e" && ok "the warning lays out ($lang $size)" ||
			{ not_ok "the warning at $lang $size"; sed 's/^/# /' "$TMP/e"; }
	done
done
shot_hits /exhibit/first en 1920x1080
contains "$TMP/hits" " 13 confirm Continue" "the warning offers Continue"
contains "$TMP/hits" " 9 /section/intro Go back" "and Go back, to the section"
lacks "$TMP/hits" "/image/first/0" "the exhibit's picture is not there before the choice"
"$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route /exhibit/first --lang en --size 1920x1080 \
	--out "$TMP/w.png" >/dev/null && ok "a shot of the warning" || not_ok "a shot of the warning"
shot_hits /exhibit/second en 1920x1080
lacks "$TMP/hits" " 13 confirm " "an exhibit without a warning opens at once"
# no picture of the warned exhibit on its card, in search, on attract
"$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route /section/intro --lang en --size 1920x1080 --items >"$TMP/items"
lacks "$TMP/items" "chart.png" "the section's card of the warned exhibit has no picture"
"$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route "/search?q=human" --lang en --size 1920x1080 --items >"$TMP/items"
contains "$TMP/items" "text 'Human rights and the commission" "search finds the warned exhibit"
lacks "$TMP/items" "chart.png" "and shows no picture of it"
"$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route /exhibit/first --lang en --size 1920x1080 --items >"$TMP/items"
lacks "$TMP/items" "chart.png" "nor does the warning"
"$KIOSK" shot --data "$D" --config "$TMP/kiosk.ini" --route /attract --lang en --size 1920x1080 --items >"$TMP/attract"
contains "$TMP/attract" "text 'Human rights and the commission" "the attract loop names the warned exhibit"
lacks "$TMP/attract" "chart.png" "but never shows its picture"
