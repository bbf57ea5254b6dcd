# The technician menu, the PIN pad (with and without a PIN set), the closed notice
# and the "no exhibition" screen, in both languages at phone, tablet and kiosk
# sizes, drawn by `kiosk shot` (which opens the menu without its PIN) and checked
# for layout problems. The menu with a refused pack in its inbox, a dated pack and
# opening hours, so that every part of it has something to show.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
C="$TMP/kiosk.ini"
printf '[kiosk]\nhours = mon-fri 09:00-17:00\nhours = sat 10:00-12:00 13:00-17:00\nallow_exit = true\n[packs]\nallow_unsigned = true\n' >"$C"
export KIOSK_CONFIG="$C"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null || not_ok "install the demo pack"
rm -rf "$TMP/src" && cp -r "$FIX/mini" "$TMP/src"
printf 'show_from = 2026-08-01\nshow_until = 2026-08-31\n' >>"$TMP/src/pack.ini"
"$KIOSK" pack build "$TMP/src" -o "$TMP/later.zip" >/dev/null
"$KIOSK" pack install "$TMP/later.zip" --data "$D" >/dev/null || not_ok "install a dated pack"
mkdir -p "$D/inbox/refused"
: >"$D/inbox/waiting-1.0.0.zip"
: >"$D/inbox/refused/evil-2.0.0.zip"
echo "evil-2.0.0.zip: entry '../escape.txt' leaves the pack" >"$D/inbox/refused/evil-2.0.0.zip.txt"
export KIOSK_NOW="2026-07-18 11:00"

sizes="390x844 1024x768 1080x1920 1920x1080 3840x2160"
total=0
bad=0
check() {
	total=$((total + 1))
	# shellcheck disable=SC2068
	if ! "$KIOSK" shot --data "$D" $@ --check >"$TMP/o" 2>"$TMP/e"; then
		bad=$((bad + 1))
		echo "# $*:"
		sed 's/^/#   /' "$TMP/e" | head -5
	fi
}
for size in $sizes; do
	for lang in ko en; do
		check --route /technician --lang "$lang" --size "$size"
		check --route /technician --lang "$lang" --size "$size" --text-size 4
		check --route / --overlay pinpad --lang "$lang" --size "$size"
		check --route / --overlay closed --lang "$lang" --size "$size"
	done
done
[ "$bad" -eq 0 ] && ok "the menu, the pad without a PIN and the closed notice lay out: $total shots" ||
	not_ok "$bad of $total shots have layout problems"

# with a PIN: the keypad
echo 97531 | "$KIOSK" pin set >/dev/null || not_ok "kiosk pin set"
total=0
bad=0
for size in $sizes; do
	for lang in ko en; do
		check --route /attract --overlay pinpad --lang "$lang" --size "$size"
		check --route /attract --overlay pinpad --lang "$lang" --size "$size" --contrast
	done
done
[ "$bad" -eq 0 ] && ok "the PIN pad lays out: $total shots" || not_ok "$bad of $total PIN pad shots have layout problems"
"$KIOSK" shot --data "$D" --route /attract --overlay pinpad --size 390x844 --hits >"$TMP/hits"
small=$(awk '$5 == 11 && ($3 < 78 || $4 < 78)' "$TMP/hits" | wc -l)
keys=$(awk '$5 == 11' "$TMP/hits" | wc -l)
[ "$keys" -eq 12 ] && [ "$small" -eq 0 ] && ok "12 keys, each at least 1.5 touch targets even on a phone" ||
	not_ok "$keys keys, $small smaller than 78 px: $(cat "$TMP/hits")"

# a key under a finger is washed, the key alone (t_screens.sh checks the bars)
set -- $(awk '$5 == 11 && $6 == "5"' "$TMP/hits")
"$KIOSK" shot --data "$D" --route /attract --overlay pinpad --size 390x844 --out "$TMP/plain.png"
"$KIOSK" shot --data "$D" --route /attract --overlay pinpad --size 390x844 --out "$TMP/held.png" \
	--press "$(($1 + $3 / 2)),$(($2 + $4 / 2))"
"$BUILD/tests/pngdiff" "$TMP/plain.png" "$TMP/held.png" "$TMP/d.png" 1 8 >"$TMP/d"
grep -qx "box $1 $2 $3 $4" "$TMP/d" && ok "a finger on the key 5 shows on that key alone" ||
	not_ok "a finger on the key 5 at $1 $2 $3 $4: $(tr '\n' ' ' <"$TMP/d")"

# what the menu says
"$KIOSK" shot --data "$D" --route /technician --lang en --size 1080x1920 --hits >"$TMP/hits"
for want in "ask:defectors-day" "ask:mini" "import" "lang:ko" "size:4" "screen-off" "restart" "exit"; do
	grep -q " $want " "$TMP/hits" && ok "the menu offers $want" || not_ok "no $want in the menu: $(cat "$TMP/hits")"
done
printf '[packs]\nallow_unsigned = true\n' >"$TMP/no-exit.ini"
KIOSK_CONFIG="$TMP/no-exit.ini" "$KIOSK" shot --data "$D" --route /technician --lang en --size 1080x1920 --hits >"$TMP/hits"
grep -q " exit " "$TMP/hits" && not_ok "leave kiosk mode without allow_exit" || ok "leaving kiosk mode only with allow_exit"
grep -q " screen-off " "$TMP/hits" && not_ok "screen off with no hours" || ok "screen off until opening only with hours"

# several packs shown today: the chooser and an attract screen of all of them
M="$TMP/two"
"$KIOSK" pack install "$TMP/dd.zip" --data "$M" >/dev/null
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null
"$KIOSK" pack install "$TMP/mini.zip" --data "$M" >/dev/null || not_ok "install mini"
"$KIOSK" shot --data "$M" --route / --lang en --size 1024x768 --hits >"$TMP/hits"
[ "$(awk '$5 == 18' "$TMP/hits" | wc -l)" -eq 2 ] && grep -q " 18 mini Welcome" "$TMP/hits" &&
	grep -q " 18 defectors-day North Korean Defectors' Day" "$TMP/hits" &&
	ok "home offers a chooser of the two packs, by title" || not_ok "no chooser: $(cat "$TMP/hits")"
"$KIOSK" shot --data "$M" --route "/search?q=commission" --lang en --size 1024x768 --hits >"$TMP/hits"
# the pack on show is the newer one; installed in the same second, either may be
{ { grep -q " 18 mini /exhibit/first?q=commission " "$TMP/hits" &&
    grep -q " 1 /exhibit/the-un-inquiry?q=commission " "$TMP/hits"; } ||
  { grep -q " 1 /exhibit/first?q=commission " "$TMP/hits" &&
    grep -q " 18 defectors-day /exhibit/the-un-inquiry?q=commission " "$TMP/hits"; }; } &&
	ok "search finds exhibits of both packs, the other pack's leading into it" || not_ok "search: $(cat "$TMP/hits")"
"$KIOSK" shot --data "$D" --route "/search?q=commission" --lang en --size 1024x768 --hits >"$TMP/hits"
grep -q "mini" "$TMP/hits" && not_ok "search shows a pack not shown today" || ok "search leaves out a pack scheduled for later"
total=0
bad=0
D0="$D"
D="$M"
for size in $sizes; do
	for lang in ko en; do
		check --route / --lang "$lang" --size "$size"
		check --route /attract --lang "$lang" --size "$size"
	done
done
D="$D0"
[ "$bad" -eq 0 ] && ok "the chooser and the attract screen of two packs lay out: $total shots" ||
	not_ok "$bad of $total chooser shots fail"

# no pack at all: the calm notice in every interface language, at every size
E="$TMP/empty"
"$KIOSK" pack install "$TMP/dd.zip" --data "$E" >/dev/null && "$KIOSK" pack remove defectors-day --data "$E" >/dev/null
total=0
bad=0
D="$E"
for size in $sizes; do
	check --route / --size "$size"
	check --route / --size "$size" --text-size 4
done
[ "$bad" -eq 0 ] && ok "the no-exhibition screen lays out: $total shots" || not_ok "$bad of $total empty shots fail"
