# Every screen, in both languages, at phone, tablet and kiosk sizes, drawn by
# `kiosk shot` and checked for layout problems; a few compared with reference PNGs.
# UPDATE_REFS=1 rewrites the references (on purpose only).
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
DEMO="$TOP/content-packs/defectors-day"
"$KIOSK" pack build "$DEMO" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null || not_ok "install the demo pack"

routes="/attract / /end /search /search?q=인권 /search?q=%E3%85%8C%E3%85%82%E3%85%81 /search?q=pyongyang /search?q=xyzzy"
for s in "$DEMO"/[0-9]*/; do
	s=$(basename "$s")
	routes="$routes /section/${s#*-} /section-end/${s#*-}"
	for x in "$DEMO/$s"/[0-9]*/; do
		x=$(basename "$x")
		routes="$routes /exhibit/${x#*-} /image/${x#*-}/0"
	done
done
sizes="390x844 1024x768 1080x1920 1920x1080 3840x2160"
# laid_out WHAT SHOT-ARGUMENTS...: one screen drawn with --check; counts it in $total,
# and a screen with layout problems in $bad, naming WHAT and the first problems
laid_out() {
	what=$1
	shift
	total=$((total + 1))
	"$KIOSK" shot --data "$D" "$@" --check >"$TMP/o" 2>"$TMP/e" ||
		{ bad=$((bad + 1)); echo "# $what:"; sed 's/^/#   /' "$TMP/e" | head -5; }
}
total=0
bad=0
for size in $sizes; do
	for lang in ko en; do
		for r in $routes; do
			laid_out "$r $lang $size" --route "$r" --lang "$lang" --size "$size"
		done
	done
done
[ "$bad" -eq 0 ] && ok "all $total screens lay out with no overflow, overlap or small target" ||
	not_ok "$bad of $total screens have layout problems"

# 200 % text, high contrast (7:1 for body text, measured), the reach mode of a
# tall screen, the display sheet and the idle prompt must fit as well, at every size
printf '[screen]\nheight_mm = 950\nbottom_mm = 600\n' >"$TMP/reach.ini"
bad=0
total=0
for size in $sizes; do
	for lang in ko en; do
		for r in /attract / /exhibit/the-decision "/search?q=인권" /image/the-decision/0; do
			for opts in "--text-size 4" "--contrast" "--text-size 4 --contrast" "--reach" \
				"--reach --text-size 4" "--overlay sheet" "--overlay prompt" "--overlay sheet --reach --contrast"; do
				# shellcheck disable=SC2086
				laid_out "$r $lang $size $opts" --config "$TMP/reach.ini" --route "$r" --lang "$lang" --size "$size" $opts
			done
		done
	done
done
[ "$bad" -eq 0 ] && ok "all $total screens at 200 % text, high contrast, reach, the sheet and the prompt lay out" ||
	not_ok "$bad of $total screens fail at 200 % text, high contrast, reach, the sheet or the prompt"

# in_place WHAT BASE FIELDS SHOT-ARGUMENTS...: the touch targets of one screen
# (`kiosk shot --hits`, as the awk program FIELDS prints them) are those in the file
# BASE; counts it in $total, and in $moved with a line saying what moved when not
in_place() {
	what=$1 base=$2 fields=$3
	shift 3
	total=$((total + 1))
	"$KIOSK" shot --data "$D" "$@" --hits | awk "$fields" >"$TMP/targets"
	cmp -s "$base" "$TMP/targets" ||
		{ moved=$((moved + 1)); echo "# $what: $(diff "$base" "$TMP/targets" | grep '^[<>]' | head -4 | tr '\n' ' ')"; }
}

# the language and text size buttons are where they are on home on every screen,
# whatever else the bar holds (on a phone, Home and Search go to a second row)
moved=0
total=0
bar='$5 == 4 || $5 == 5 { print $5, $1, $2 }'
for size in $sizes 844x390; do
	for lang in ko en; do
		"$KIOSK" shot --data "$D" --route / --lang "$lang" --size "$size" --hits | awk "$bar" >"$TMP/home-bar"
		for r in /section/why-a-day /exhibit/the-decision /image/the-decision/0 /search "/search?q=인권" /end; do
			in_place "$r $lang $size" "$TMP/home-bar" "$bar" --route "$r" --lang "$lang" --size "$size"
		done
	done
done
[ "$moved" -eq 0 ] && [ -s "$TMP/home-bar" ] && ok "the language and text size buttons stay in place on all $total screens" ||
	not_ok "the language or text size button moves on $moved of $total screens"

# the display sheet's controls stay where the finger found them whatever it chooses:
# every text size and both contrasts give the same touch targets (x y w h action
# payload), within reach too
moved=0
total=0
sheet='{ print $1, $2, $3, $4, $5, $6 }'
for size in $sizes 844x390 800x480; do
	for lang in ko en; do
		for reach in "" --reach; do
			set -- --config "$TMP/reach.ini" --route /exhibit/the-decision --lang "$lang" --size "$size" --overlay sheet $reach
			"$KIOSK" shot --data "$D" "$@" --hits | awk "$sheet" >"$TMP/sheet0"
			for opts in "--text-size 1" "--text-size 2" "--text-size 3" "--text-size 4" "--contrast" \
				"--text-size 4 --contrast"; do
				# shellcheck disable=SC2086 # options
				in_place "sheet $lang $size $reach $opts" "$TMP/sheet0" "$sheet" "$@" $opts
			done
		done
	done
done
[ "$moved" -eq 0 ] && [ -s "$TMP/sheet0" ] && ok "the display sheet's controls stay in place for every choice on all $total sheets" ||
	not_ok "the display sheet's controls move on $moved of $total sheets"

# the Enlarge badge sits inside its picture, a tall picture shown narrower than the
# column (at most 2/3 of the window high) too
outside=0
total=0
for size in 1920x1080 1280x800 1080x1920 390x844; do
	for lang in ko en; do
		for ts in 0 4; do
			for ex in the-un-inquiry the-decision arrivals-by-2024 hanawon; do
				"$KIOSK" shot --data "$D" --route "/exhibit/$ex" --lang "$lang" --size "$size" --text-size $ts --items >"$TMP/items"
				# each picture as it is shown: fitted into its rectangle, centred
				while read -r kind entry rest; do
					[ "$kind" = image ] || { echo "$kind $entry $rest"; continue; }
					set -- $rest
					png="$DEMO/$entry"
					set -- "$@" $(od -An -tu1 -j16 -N8 "$png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }')
					awk -v e="$entry" -v x="$1" -v y="$2" -v w="$3" -v h="$4" -v iw="$5" -v ih="$6" 'BEGIN {
						sw = w; sh = h; if (iw * h < ih * w) sw = int(h * iw / ih); else sh = int(w * ih / iw)
						print "image", e, x + int((w - sw) / 2), y + int((h - sh) / 2), sw, sh }'
				done <"$TMP/items" >"$TMP/shown"
				n=$(awk '$1 == "image" { x = $(NF - 3); y = $(NF - 2); w = $(NF - 1); h = $NF; next }
					/^text .(Enlarge|크게 보기). / { n++; if ($(NF - 3) < x || $(NF - 2) < y || $(NF - 3) + $(NF - 1) > x + w ||
						$(NF - 2) + $NF > y + h) bad++ }
					END { print n + 0, bad + 0 }' "$TMP/shown")
				total=$((total + ${n% *}))
				[ "${n#* }" -eq 0 ] || { outside=$((outside + ${n#* })); echo "# /exhibit/$ex $lang $size text size $ts: a badge outside its picture"; }
			done
		done
	done
done
[ "$outside" -eq 0 ] && [ "$total" -gt 0 ] && ok "all $total Enlarge badges sit inside their pictures" ||
	not_ok "$outside of $total Enlarge badges stick out of their pictures"

# what is laid over a screen fits a low window too (a phone on its side, a 7-inch
# panel) at every text size: the idle prompt's Continue is what a visitor must find.
# The PIN pad with a PIN set has its keys; with none, a message.
printf '[packs]\nallow_unsigned = true\n' >"$TMP/pin.ini"
echo 2468 | "$KIOSK" pin set --config "$TMP/pin.ini" >/dev/null || not_ok "pin set"
bad=0
total=0
for size in 844x390 800x480 1024x600 667x375 $sizes; do
	for lang in ko en; do
		for ts in 0 1 2 3 4; do
			for ov in prompt sheet pinpad pinpad-set closed; do
				cfg=$KIOSK_CONFIG
				[ $ov = pinpad-set ] && cfg="$TMP/pin.ini"
				laid_out "$ov $lang $size text size $ts" --config "$cfg" --route / --lang "$lang" --size "$size" \
					--text-size $ts --overlay "${ov%-set}"
			done
		done
	done
done
[ "$bad" -eq 0 ] && ok "all $total overlays fit their windows, low ones too, at every text size" ||
	not_ok "$bad of $total overlays leave their window or overlap"

# the attract loop says how to begin, in both languages, at every size and text size,
# a phone on its side too: the band under the picture grows to hold it, and the
# picture goes when what is left of it could not be read. Also with a first slide
# whose titles take two lines (the demo's take one at most sizes).
LONG="$TMP/long"
cp -r "$DEMO" "$LONG"
sed -i '1s/.*/# 이 날이 우리에게 묻는 것: 2024년 1월의 결정과 그 뒤/' "$LONG/01-why-a-day/01-the-decision/ko.md"
sed -i '1s/.*/# What the Day Asks of Us: the Decision of January 2024 and After/' "$LONG/01-why-a-day/01-the-decision/en.md"
"$KIOSK" pack build "$LONG" -o "$TMP/long.zip" >/dev/null 2>&1 &&
	"$KIOSK" pack install "$TMP/long.zip" --data "$TMP/long-data" >/dev/null || not_ok "install the demo pack with long titles"
missing=0
total=0
for data in "$D" "$TMP/long-data"; do
	for size in $sizes 844x390; do
		for lang in ko en; do
			for ts in 0 1 2 3 4; do
				total=$((total + 1))
				"$KIOSK" shot --data "$data" --route /attract --lang "$lang" --size "$size" --text-size $ts --items >"$TMP/items"
				grep -q "^text '화면을 눌러 관람을 시작하세요' " "$TMP/items" &&
					grep -q "^text 'Touch the screen to begin' " "$TMP/items" ||
					{ missing=$((missing + 1)); echo "# /attract $data $lang $size --text-size $ts: no call to begin in both languages"; }
			done
		done
	done
done
[ "$missing" -eq 0 ] && ok "the attract loop shows the call to begin in both languages on all $total screens" ||
	not_ok "$missing of $total attract screens leave out the call to begin"
"$KIOSK" shot --data "$D" --route /attract --lang en --size 844x390 --text-size 4 --items >"$TMP/items"
grep -q "^image " "$TMP/items" && not_ok "a phone on its side at 200 % text still squeezes a picture in" ||
	ok "a phone on its side at 200 % text shows the titles and the call to begin without a picture"
"$KIOSK" shot --data "$D" --route /attract --lang en --size 1080x1920 --text-size 4 --items >"$TMP/items"
grep -q "^image " "$TMP/items" && ok "a kiosk at 200 % text keeps the picture" || not_ok "a kiosk at 200 % text lost the picture"
# a screen lying low (a 7-inch panel, a phone on its side): the picture beside the
# text, at least 40 % of the height, the text to its left; a kiosk keeps it above
for case in "800x480 0" "844x390 0" "844x390 1" "1024x600 2" "1280x720 3" "2560x1080 0" "1920x1080 0 above" \
	"1024x768 0 above" "1280x800 0 above"; do
	set -- $case
	for lang in ko en; do
		"$KIOSK" shot --data "$D" --route /attract --lang $lang --size "$1" --text-size "$2" --items >"$TMP/items"
		# the slide's picture is the last listed (the one before it is the next slide's)
		verdict=$(awk -v h="${1#*x}" -v want="${3:-beside}" '
			$1 == "image" { x = $3; y = $4; w = $5; ih = $6 }
			$1 == "text" { n = split($0, f, " "); tx = f[n - 3]; ty = f[n - 2]; tw = f[n - 1]; th = f[n]
				if (tx + tw > right) right = tx + tw; if (ty + th > bottom) bottom = ty + th; if (!top || ty < top) top = ty }
			END {
				if (w == "") { print "no picture"; exit }
				if (want == "above") { print (y + ih <= top ? "above" : "not above"); exit }
				if (x < right) { print "not beside it (the text reaches x=" right ", the picture starts at x=" x ")"; exit }
				if (w * 10 < h * 4 || ih * 10 < h * 4) { print "too small (" w "x" ih ")"; exit }
				print "beside" }' "$TMP/items")
		[ "$verdict" = "${3:-beside}" ] && ok "/attract $lang $1 at text size $2: the picture $verdict the text" ||
			not_ok "/attract $lang $1 at text size $2: the picture should be ${3:-beside} the text: $verdict"
	done
done
# and never at the cost of a title: beside the picture every title is whole
cut=0
total=0
for size in 800x480 844x390 960x540 1024x600 1280x720 1366x768 1920x1080 2560x1080; do
	for ts in 0 1 2 3 4; do
		total=$((total + 1))
		"$KIOSK" shot --data "$TMP/long-data" --route /attract --lang en --size "$size" --text-size $ts --items >"$TMP/items"
		awk '$1 == "image" { x = $3 } $1 == "text" { n = split($0, f, " "); if (f[n - 3] + f[n - 1] > right) right = f[n - 3] + f[n - 1]
			if (index($0, "…")) cut = 1 } END { exit !(cut && x != "" && x >= right) }' "$TMP/items" &&
			{ cut=$((cut + 1)); echo "# /attract long titles $size --text-size $ts: a title cut beside the picture"; }
	done
done
[ "$cut" -eq 0 ] && ok "no title is cut to put the picture beside it ($total screens)" ||
	not_ok "$cut of $total screens cut a title to put the picture beside it"

# reach: on a tall screen the controls come down into the band 380-1220 mm from the floor
"$KIOSK" shot --data "$D" --config "$TMP/reach.ini" --route /exhibit/the-decision --lang en --size 1080x1920 \
	--reach --hits >"$TMP/hits"
top=$(awk '{ print $2 }' "$TMP/hits" | sort -n | head -1)
# 1920 px over 950 mm, bottom at 600 mm: 1220 mm is (600 + 950 - 1220) * 1920 / 950 = 667 px down
[ "$top" -ge 667 ] && ok "in reach mode no control is above 1220 mm (highest at y=$top)" ||
	not_ok "a control sits at y=$top, above the reach band (667)"
"$KIOSK" shot --data "$D" --config "$TMP/reach.ini" --route /exhibit/the-decision --lang en --size 1080x1920 \
	--hits >"$TMP/hits"
top=$(awk '{ print $2 }' "$TMP/hits" | sort -n | head -1)
[ "$top" -lt 667 ] && ok "and without it the bar is at the top (y=$top)" || not_ok "the bar is not at the top without reach"
"$KIOSK" shot --data "$D" --route /exhibit/the-decision --lang ko --size 1080x1920 --overlay sheet --hits >"$TMP/hits"
contains "$TMP/hits" " 5 4 200%" "the sheet offers 200 % text"
contains "$TMP/hits" " 5 0 ✓ 100%" "and ticks the current size, not by colour alone"
contains "$TMP/hits" " 14 1 고대비" "and high contrast as a visible control"
"$KIOSK" shot --data "$D" --route / --lang ko --size 1920x1080 --hits >"$TMP/hits"
for s in why-a-day human-rights protection-abroad settlement; do
	set -- $(grep " /section/$s " "$TMP/hits" | head -1)
	[ $# -ge 4 ] && [ $(($2 + $4 / 3)) -lt 1080 ] && ok "home at 1920x1080 shows section $s in the first view" ||
		not_ok "section $s is below the fold at 1920x1080 (y=${2:-none})"
done

# touch targets lead where they say
"$KIOSK" shot --data "$D" --route / --lang ko --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" "/section/why-a-day" "home has a card for the first section"
contains "$TMP/hits" "English" "the language switch names the other language in its script"
"$KIOSK" shot --data "$D" --route / --lang en --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" "한국어" "and in English it offers 한국어"
"$KIOSK" shot --data "$D" --route /exhibit/the-decision --lang en --size 390x844 --hits >"$TMP/hits"
contains "$TMP/hits" "/exhibit/why-14-july" "an exhibit leads to the next one"
contains "$TMP/hits" "/image/the-decision/0" "its picture opens the viewer"
contains "$TMP/hits" "/section/why-a-day" "an exhibit leads up to its section"
"$KIOSK" shot --data "$D" --route /exhibit/three-reasons --lang en --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" "/section-end/why-a-day Next" "a section's last exhibit leads to the card that ends the section"
"$KIOSK" shot --data "$D" --route /section-end/why-a-day --lang en --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" "/section/human-rights Continue to the next section: Human Rights" "that card offers the next section by name"
contains "$TMP/hits" "/section/why-a-day Back to this section" "and the way back into this one"
"$KIOSK" shot --data "$D" --route /exhibit/a-shared-task --lang en --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" "/end Next" "the exhibition's last exhibit leads to the end card"
"$KIOSK" shot --data "$D" --route /end --lang ko --size 390x844 --hits >"$TMP/hits"
contains "$TMP/hits" "처음으로 돌아가기" "the end card offers the start again"
"$KIOSK" shot --data "$D" --route '/search?q=인권' --lang en --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" "/exhibit/the-un-inquiry?q=%EC%9D%B8%EA%B6%8C The UN Inquiry of 2014" \
	"a Korean query in the English interface finds the Korean page and opens the exhibit in English at the match"
contains "$TMP/hits" " 11 d " "the Korean keyboard is there"
# back on the search screen (a query in its route), the letters are those the query
# was typed with, whatever the interface's language
contains "$TMP/hits" " 11 q ㅂ" "a Korean query in the English interface comes back with the Hangul keys"
"$KIOSK" shot --data "$D" --route '/search?q=human' --lang ko --size 1920x1080 --hits >"$TMP/hits"
contains "$TMP/hits" " 11 q q" "an English query in the Korean interface comes back with the Latin keys"
# such a result opens the exhibit at the paragraph that matched in the other language,
# not at its top (회원국, "member states", in the UN report's conclusion; neighbours,
# in the fourth step of the settlement path)
for q in "the-un-inquiry 회원국 en" "support-and-its-gaps neighbours ko"; do
	set -- $q
	"$KIOSK" shot --data "$D" --route "/exhibit/$1" --lang "$3" --size 1280x800 --out "$TMP/top.png"
	"$KIOSK" shot --data "$D" --route "/exhibit/$1?q=$2" --lang "$3" --size 1280x800 --out "$TMP/at.png"
	"$KIOSK" shot --data "$D" --route "/exhibit/$1" --lang "$3" --size 1280x800 --scroll 99999 --out "$TMP/end.png"
	! cmp -s "$TMP/top.png" "$TMP/at.png" && ! cmp -s "$TMP/end.png" "$TMP/at.png" &&
		ok "a match of '$2' in the other language opens the $3 page at that paragraph" ||
		not_ok "a match of '$2' in the other language opens the $3 page at its top or end"
done
# a query both pages of an exhibit match shows the page in the visitor's language
"$KIOSK" shot --data "$D" --route '/search?q=34121' --lang ko --size 390x844 --items >"$TMP/items"
contains "$TMP/items" "text '…3월까지의 입국자 34,121명" "34121 on a Korean screen shows the Korean page's words around 34,121"
lacks "$TMP/items" "English 본문에서 찾음" "not the English page's"
"$KIOSK" shot --data "$D" --route '/search?q=34121' --lang en --size 390x844 --items >"$TMP/items"
contains "$TMP/items" "text 'By March 2024, 34,121 North Korean" "and on an English screen the English page's"
"$KIOSK" shot --data "$D" --route '/search?q=ㅌㅂㅁ' --lang ko --size 390x844 --hits >"$TMP/hits"
contains "$TMP/hits" "/exhibit/forced-repatriation?q=" "초성 ㅌㅂㅁ finds the exhibits about 탈북민"
"$KIOSK" shot --data "$D" --route '/search?q=xyzzy' --lang ko --size 390x844 --hits >"$TMP/hits"
contains "$TMP/hits" "/section/why-a-day" "nothing found offers the sections"
"$KIOSK" shot --data "$D" --route / --lang en --size 1920x1080 --hits >"$TMP/hits"
lacks "$TMP/hits" " 3 - Home" "home shows no Home button, which would do nothing there"
contains "$TMP/hits" " 10 - Search" "but a Search button"
"$KIOSK" shot --data "$D" --route /exhibit/hanawon --lang ko --size 1920x1080 --out "$TMP/x.png" --check >/dev/null &&
	ok "an exhibit of the last section lays out" || not_ok "an exhibit of the last section"
run_status 1 "an unknown route is refused" "$KIOSK" shot --data "$D" --route /exhibit/nope --out "$TMP/x.png"
contains "$TMP/err" "no screen for route '/exhibit/nope'" "and named"
run_status 1 "shot without a catalog says so" "$KIOSK" shot --data "$TMP/none" --route / --out "$TMP/x.png"
contains "$TMP/err" "install a pack first" "with what to do"

# a control under a finger (--press, as the window does at a touch) is washed, and
# nothing else changes: the pixels that differ from the screen without the finger
# fill the control's touch target exactly; the whole-screen hit of the attract loop
# and the scrim that closes the sheet stay as they are
# pressed WHAT LABEL SHOT-ARGUMENTS...: the control whose --hits line ends in LABEL
pressed() {
	what=$1 label=$2
	shift 2
	total=$((total + 1))
	"$KIOSK" shot --data "$D" "$@" --hits | awk -v l=" $label" 'substr($0, length($0) - length(l) + 1) == l' | head -1 >"$TMP/hit"
	set -- "$@" --out "$TMP/plain.png"
	"$KIOSK" shot --data "$D" "$@" 2>>"$TMP/e"
	read -r x y w h _ <"$TMP/hit" || { bad=$((bad + 1)); echo "# $what: no control '$label'"; return; }
	"$KIOSK" shot --data "$D" "$@" --out "$TMP/held.png" --press "$((x + w / 2)),$((y + h / 2))" 2>>"$TMP/e"
	"$BUILD/tests/pngdiff" "$TMP/plain.png" "$TMP/held.png" "$TMP/d.png" 1 8 >"$TMP/d"
	grep -qx "box $x $y $w $h" "$TMP/d" && grep -qx "$((w * h)) of .*" "$TMP/d" ||
		{ bad=$((bad + 1)); echo "# $what: '$label' at $x $y $w $h held: $(tr '\n' ' ' <"$TMP/d")"; }
}
total=0
bad=0
for size in 390x844 1920x1080; do
	for look in "" --contrast; do
		# shellcheck disable=SC2086
		pressed "Home $size $look" 처음으로 --route /exhibit/the-decision --lang ko --size "$size" $look
		# shellcheck disable=SC2086
		pressed "English $size $look" English --route /exhibit/the-decision --lang ko --size "$size" $look
		# shellcheck disable=SC2086
		pressed "Next $size $look" "다음 ›" --route /exhibit/the-decision --lang ko --size "$size" $look
		# shellcheck disable=SC2086
		pressed "a text size $size $look" "150%" --route / --lang en --size "$size" --overlay sheet $look
	done
done
[ "$bad" -eq 0 ] && ok "a finger on any of $total controls washes that control and nothing else" ||
	not_ok "$bad of $total controls under a finger look wrong"
"$KIOSK" shot --data "$D" --route /attract --size 1024x768 --out "$TMP/plain.png"
"$KIOSK" shot --data "$D" --route /attract --size 1024x768 --out "$TMP/held.png" --press 500,400
"$BUILD/tests/pngdiff" "$TMP/plain.png" "$TMP/held.png" "$TMP/d.png" 0 8 >"$TMP/d" &&
	ok "a finger on the attract loop washes nothing: its touch target is the whole screen" ||
	not_ok "a finger on the attract loop: $(cat "$TMP/d")"
"$KIOSK" shot --data "$D" --route / --size 1024x768 --overlay sheet --out "$TMP/plain.png"
"$KIOSK" shot --data "$D" --route / --size 1024x768 --overlay sheet --out "$TMP/held.png" --press 500,20
"$BUILD/tests/pngdiff" "$TMP/plain.png" "$TMP/held.png" "$TMP/d.png" 0 8 >"$TMP/d" &&
	ok "nor on the scrim above the sheet" || not_ok "a finger on the sheet's scrim: $(cat "$TMP/d")"
run_status 2 "shot --press off the window is refused" "$KIOSK" shot --data "$D" --route / --size 390x844 \
	--out "$TMP/x.png" --press 400,10
contains "$TMP/err" "--press takes X,Y, a pixel of the window" "with what it takes"

# reference pictures, compared with a tolerance
refs="$TOP/tests/screens/ref"
out="$BUILD/test-results/screens"
mkdir -p "$out"
while read -r name route lang size; do
	[ -n "$name" ] || continue
	"$KIOSK" shot --data "$D" --route "$route" --lang "$lang" --size "$size" --out "$out/${name}_actual.png" \
		>/dev/null 2>"$TMP/e" || { not_ok "shot $name"; sed 's/^/# /' "$TMP/e"; continue; }
	if [ "${UPDATE_REFS:-0}" = 1 ]; then
		cp "$out/${name}_actual.png" "$refs/$name.png"
		ok "reference $name written"
	elif "$BUILD/tests/pngdiff" "$refs/$name.png" "$out/${name}_actual.png" "$out/${name}_diff.png" >"$TMP/d"; then
		ok "$name matches its reference"
	else
		not_ok "$name differs from its reference: $(cat "$TMP/d"); see $out/${name}_diff.png"
	fi
done <<EOF2
home-ko-kiosk / ko 1920x1080
exhibit-en-phone /exhibit/the-decision en 390x844
section-ko-portrait /section/settlement ko 1080x1920
attract-en-tablet /attract en 1024x768
viewer-ko-tablet /image/why-14-july/0 ko 1024x768
search-en-phone /search?q=인권 en 390x844
EOF2
