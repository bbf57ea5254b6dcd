# search: Korean substrings of any length, English prefixes, query text as data.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
"$KIOSK" pack install "$TMP/mini.zip" --data "$D" >/dev/null

# the mini pack's exhibit says 인권을, 인권의 and its title 국가인권위원회
for q in 인권 인 권 국가인권위원회 위원 인권을 권의; do
	check "search '$q'" "$KIOSK" search "$q" --lang ko --data "$D"
	contains "$TMP/out" "/exhibit/first [ko]" "'$q' finds the exhibit that contains it"
done
check "search '인권' marks the match" "$KIOSK" search 인권 --lang ko --data "$D" --limit 100
contains "$TMP/out" "[인권]을" "the snippet marks 인권 inside 인권을"
n=$(grep -c '^[0-9]*\. /exhibit/' "$TMP/out")
[ "$n" -ge 5 ] && ok "인권 finds exhibits of the demo pack too ($n)" || not_ok "인권 finds only $n exhibits"

check "English is case-insensitive" "$KIOSK" search HUMAN --lang en --data "$D"
contains "$TMP/out" "/exhibit/first [en]" "HUMAN finds human"
check "English matches prefixes" "$KIOSK" search hum --lang en --data "$D"
contains "$TMP/out" "[Humanitarian]" "hum finds Humanitarian"
check "lang restricts the results" "$KIOSK" search hum --lang ko --data "$D"
lacks "$TMP/out" "[en]" "no English page in a Korean search"
check "two words must both match" "$KIOSK" search "rights commission" --lang en --data "$D"
contains "$TMP/out" "/exhibit/first" "both words found"
check "a word that is nowhere" "$KIOSK" search zzyzx --data "$D"
contains "$TMP/out" "no exhibit matches" "says nothing matches"

# query text is data, never FTS syntax
for q in 'AND' '"' 'NEAR(' '*' '-' 'OR' 'NOT' '"unbalanced' 'a AND' '(' ')' '^' ':' 'title:x' '{' 'x*y' "'" '\\'; do
	run_status 0 "query '$q' never raises an error" "$KIOSK" search "$q" --data "$D"
done
check "AND is searched as a word" "$KIOSK" search AND --lang en --data "$D"
contains "$TMP/out" "[AND]" "AND finds the word AND"
check "NEAR( is searched as a word" "$KIOSK" search 'NEAR(' --lang en --data "$D"
contains "$TMP/out" "[NEAR]" "NEAR( finds NEAR"
printf 'x\377\376y' >"$TMP/q"
run_status 0 "invalid UTF-8 in a query is no error" "$KIOSK" search "$(cat "$TMP/q")" --data "$D"
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
run_status 0 "a 100,000-character query is no error" "$KIOSK" search "$long" --data "$D"
run_status 1 "search without a catalog fails" "$KIOSK" search x --data "$TMP/none"
contains "$TMP/err" "no packs installed" "and says so"
