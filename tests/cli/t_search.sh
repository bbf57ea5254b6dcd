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
check "search --help" "$KIOSK" search --help
contains "$TMP/out" "--lang L lists the pages in language L only" "the help says what --lang does"
check "search '2024' in every language" "$KIOSK" search 2024 --data "$D"
contains "$TMP/out" "/exhibit/the-decision [en]" "an exhibit is listed in English"
contains "$TMP/out" "/exhibit/the-decision [ko]" "and in Korean"
check "search '인권' marks the match" "$KIOSK" search 인권 --lang ko --data "$D" --limit 100
contains "$TMP/out" "[인권]을" "the snippet marks 인권 inside 인권을"
n=$(grep -c '^[0-9]*\. /exhibit/' "$TMP/out")
[ "$n" -ge 5 ] && ok "인권 finds exhibits of the demo pack too ($n)" || not_ok "인권 finds only $n exhibits"

# a number typed without its digit-group commas, initials with or without periods,
# a hyphenated name (words.h)
for q in 34121 34,121 341; do
	check "search '$q'" "$KIOSK" search "$q" --lang en --data "$D"
	contains "$TMP/out" "defectors in total" "'$q' finds 34,121"
	contains "$TMP/out" "[34,121]" "and marks all of it"
done
check "search '4121명'" "$KIOSK" search 4121명 --lang ko --data "$D"
contains "$TMP/out" "[4,121명]" "'4121명' finds 4,121명"
check "search 'u.n. inquiry'" "$KIOSK" search "u.n. inquiry" --lang en --data "$D"
contains "$TMP/out" "/exhibit/the-un-inquiry [en]" "'u.n. inquiry' finds the UN inquiry"
check "search 'jong-un'" "$KIOSK" search jong-un --lang en --data "$D"
contains "$TMP/out" "Kim [Jong-un]" "'jong-un' marks Jong-un as one match"
lacks "$TMP/out" "[unification]" "and not a word that only begins with 'un'"
# typed without the hyphen, as on a touch keyboard: the word they make
check "search 'jongun'" "$KIOSK" search jongun --lang en --data "$D"
contains "$TMP/out" "Kim [Jong-un]" "'jongun' finds and marks Jong-un"
check "search 'interkor'" "$KIOSK" search interkor --lang en --data "$D"
contains "$TMP/out" "[Inter-Korean] Basic Agreement" "'interkor' finds the Inter-Korean Basic Agreement as it is typed"
# the snippet shows the place with the most words of the query, not the first match
check "search 'jong un'" "$KIOSK" search "jong un" --lang en --data "$D" --limit 2
contains "$TMP/out" "Kim [Jong]-[un] gave a policy speech" "'jong un' shows Kim Jong-un, not an earlier 'unification'"

# a snippet marks where one block ends and the next begins: the picture's alternative
# text runs into its own line, not into the sentence or heading after it
check "a snippet across blocks" "$KIOSK" search dots --lang en --data "$D"
sep=$(printf '\302\240\302\267 ') # a no-break space, a middle dot, a space
contains "$TMP/out" "shown as [dots]${sep}The number 34,121" "a caption and its alternative text are kept apart"
lacks "$TMP/out" "[dots] The number" "no block runs into the next"

# blocks without text (a list item that is only a quote), and a caption ending in
# a space: one separator between blocks that show text, none at either end, none
# doubled, none after a space
cp -r "$FIX/mini" "$TMP/blocks"
sed -i 's/^id = mini/id = blocks/' "$TMP/blocks/pack.ini"
cat >"$TMP/blocks/01-intro/01-first/en.md" <<'EOF'
# Blocks

A calm opening paragraph about the crossing.

![A chart for a while ](chart.png "A calendar of the month")

- > quoted zebra line

- 

Plain closing words about the zebra crossing.

Source: test material, 2024
EOF
"$KIOSK" pack build "$TMP/blocks" -o "$TMP/blocks.zip" >/dev/null
"$KIOSK" pack install "$TMP/blocks.zip" --data "$TMP/d2" >/dev/null
check "a snippet after a caption ending in a space" "$KIOSK" search while --lang en --data "$TMP/d2"
contains "$TMP/out" "[while]${sep}A calendar" "the separator follows the caption's last word"
check "a snippet across empty blocks" "$KIOSK" search zebra --lang en --data "$TMP/d2"
lacks "$TMP/out" "${sep}${sep}" "no separator twice in a row"
lacks "$TMP/out" "${sep} ${sep}" "no separator twice with a space between"
check "a snippet from the first block" "$KIOSK" search calm --lang en --data "$TMP/d2"
lacks "$TMP/out" "   ${sep}" "no separator at the start"
if grep -q "${sep}"' *…*$' "$TMP/out"; then not_ok "a snippet ends with the separator: $(cat "$TMP/out")"; else
	ok "no separator at the end"; fi

# a language no installed pack has is refused with the ones there are
run_status 2 "search --lang fr is refused" "$KIOSK" search 인권 --lang fr --data "$D"
contains "$TMP/err" "--lang fr: no installed pack is in that language (they are in ko, en)" "and says which languages there are"
lacks "$TMP/out" "no exhibit matches" "rather than finding nothing"

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

# a picture's alternative text says what it shows, and is searched with its page
check "search a word of a picture's alternative text" "$KIOSK" search 확인이라는 --lang ko --data "$D"
contains "$TMP/out" "/exhibit/the-un-inquiry [ko]" "the page whose picture it describes is found"

# a number written together with Korean is one term: 7월 is not a 7 here and a 월 there
check "search '7월'" "$KIOSK" search 7월 --lang ko --data "$D" --limit 100
n=$(grep -c '^[0-9]*\. /exhibit/' "$TMP/out")
marks=$(grep -v '^[0-9]*\. ' "$TMP/out" | grep -o '\[[^]]*\]' | sort -u | tr '\n' ' ')
[ "$n" -ge 3 ] && [ "$marks" = "[7월] " ] && ok "7월 finds $n exhibits, each with 7월 marked" ||
	not_ok "7월 finds $n exhibits, marked: $marks"
check "search '3만'" "$KIOSK" search 3만 --lang ko --data "$D" --limit 100
marks=$(grep -v '^[0-9]*\. ' "$TMP/out" | grep -o '\[[^]]*\]' | sort -u | tr '\n' ' ')
[ "$marks" = "[3만] " ] && ok "3만 marks 3만 alone" || not_ok "3만 marks: $marks"
check "search '7 월'" "$KIOSK" search "7 월" --lang ko --data "$D" --limit 100
[ "$(grep -c '^[0-9]*\. /exhibit/' "$TMP/out")" -ge "$n" ] && ok "7 월, apart, is two terms and finds as much" ||
	not_ok "7 월 finds fewer than 7월"

# initial consonants (초성), a syllable and consonants, a syllable being composed
check "search 'ㅌㅂㅁ'" "$KIOSK" search ㅌㅂㅁ --lang ko --data "$D" --limit 100
contains "$TMP/out" "[탈북민]" "ㅌㅂㅁ marks 탈북민"
n=$(grep -c '^[0-9]*\. /exhibit/' "$TMP/out")
check "search '탈북민'" "$KIOSK" search 탈북민 --lang ko --data "$D" --limit 100
m=$(grep -c '^[0-9]*\. /exhibit/' "$TMP/out")
[ "$m" -ge 3 ] && [ "$n" -ge "$m" ] && ok "ㅌㅂㅁ finds every exhibit that 탈북민 finds ($n >= $m)" ||
	not_ok "ㅌㅂㅁ finds $n exhibits, 탈북민 $m"
check "search '탈ㅂ'" "$KIOSK" search 탈ㅂ --lang ko --data "$D"
contains "$TMP/out" "[탈북]민" "탈ㅂ marks 탈북"
check "search 'ㄱㄱㅇㄱㅇㅇㅎ'" "$KIOSK" search ㄱㄱㅇㄱㅇㅇㅎ --lang ko --data "$D"
contains "$TMP/out" "/exhibit/first [ko]" "the initial consonants of 국가인권위원회 find it"
check "a finished '탋' is that syllable" "$KIOSK" search 탋 --lang ko --data "$D"
contains "$TMP/out" "no exhibit matches" "and is nowhere"
check "a '탋' being composed" "$KIOSK" search 탋 --composing --lang ko --data "$D"
contains "$TMP/out" "[탈북]민" "finds 탈북, as typing ㅌㅏㄹㅂㅜ would"
check "a '인' being composed" "$KIOSK" search 인 --composing --lang ko --data "$D" --limit 100
contains "$TMP/out" "/exhibit/first [ko]" "finds 인권"

# folding: full-width, diacritics and apostrophes, NFD
mkdir -p "$TMP/fold/01-s/01-fold-news"
cp "$FIX/mini/pack.ini" "$FIX/mini/ko.md" "$FIX/mini/en.md" "$TMP/fold/"
sed 's/^id = mini/id = fold/' "$FIX/mini/pack.ini" >"$TMP/fold/pack.ini"
cp "$FIX/mini/01-intro/ko.md" "$FIX/mini/01-intro/en.md" "$TMP/fold/01-s/"
printf '# 평양\n\n평양의 날씨.\n\n출처: 시험용 자료\n' >"$TMP/fold/01-s/01-fold-news/ko.md"
printf "# News from P'yŏngyang\n\nThe Kaesŏng talks and Pʼyŏnghwa Street.\n\nSource: test material\n" >"$TMP/fold/01-s/01-fold-news/en.md"
check "build a pack with romanised Korean" "$KIOSK" pack build "$TMP/fold" -o "$TMP/fold.zip"
check "and install it" "$KIOSK" pack install "$TMP/fold.zip" --data "$D"
check "search 'pyongyang'" "$KIOSK" search pyongyang --lang en --data "$D" --limit 100
contains "$TMP/out" "/exhibit/fold-news [en] News from P'yŏngyang" "pyongyang finds P'yŏngyang"
contains "$TMP/out" "/exhibit/the-decision [en]" "and the demo pack's Pyongyang"
check "search \"P'yŏngyang\"" "$KIOSK" search "P'yŏngyang" --lang en --data "$D" --limit 100
contains "$TMP/out" "[Pyongyang]" "P'yŏngyang finds Pyongyang"
check "search 'Pyŏnghwa' with another apostrophe" "$KIOSK" search "P’yŏnghwa" --lang en --data "$D"
contains "$TMP/out" "[Pʼyŏnghwa]" "’ finds ʼ"
check "search 'kaesong'" "$KIOSK" search KAESONG --lang en --data "$D"
contains "$TMP/out" "[Kaesŏng]" "case and diacritics fold"
check "search 'ＫＩＮＵ'" "$KIOSK" search ＫＩＮＵ --lang en --data "$D" --limit 100
contains "$TMP/out" "[KINU]" "full-width finds KINU"
check "search NFD '평양'" "$KIOSK" search "$(printf '\341\204\221\341\205\247\341\206\274\341\204\213\341\205\243\341\206\274')" --lang ko --data "$D"
contains "$TMP/out" "[평양]의" "NFD Korean finds NFC text"
check "search NFD 'Kaesŏng'" "$KIOSK" search "$(printf 'Kaeso\314\206ng')" --lang en --data "$D"
contains "$TMP/out" "[Kaesŏng]" "NFD Latin finds NFC text"

# two packs installed: each result names its pack, and kiosk shot --pack draws it
check "search '국가인권위원회' with two packs" "$KIOSK" search 국가인권위원회 --lang ko --data "$D"
contains "$TMP/out" "/exhibit/first [ko] 국가인권위원회와 인권 · pack mini" "the result names its pack"
run_status 1 "shot of that route in the pack on show fails" "$KIOSK" shot --data "$D" --route /exhibit/first --size 800x600 --out "$TMP/first.png"
pack_on_show=$(sed -n "s/.*no screen for route '\/exhibit\/first' in the pack \([a-z-]*\) (another pack: --pack ID)$/\1/p" "$TMP/err")
[ -n "$pack_on_show" ] && [ "$pack_on_show" != mini ] && ok "and says which pack it looked in ($pack_on_show) and how to name another" ||
	{ not_ok "no pack named in the error"; sed 's/^/# /' "$TMP/err"; }
check "kiosk shot --pack mini draws it" "$KIOSK" shot --data "$D" --pack mini --route /exhibit/first --size 800x600 --items
contains "$TMP/out" "국가인권위원회" "its title is on the screen"
run_status 1 "an unknown --pack" "$KIOSK" shot --data "$D" --pack nope --route / --size 800x600 --out "$TMP/x.png"
contains "$TMP/err" "--pack nope: no such pack is shown today" "is one line"
