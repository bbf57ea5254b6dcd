# Hostile pack zips (made by gen_hostile.py): install refuses each with one line on
# stderr naming the pack, the entry and the rule, exit status 1, and changes nothing;
# verify refuses them too, and none creates a data folder. Packs that are fine (a CP949
# image name without the UTF-8 flag, an NFD name, data descriptors) install.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
C="$TMP/cases"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null || not_ok "build mini"
check "install the valid mini pack" "$KIOSK" pack install "$TMP/mini.zip" --data "$D"
if "$PY" "$TOP/tests/cli/gen_hostile.py" "$C" >"$TMP/gen.out" 2>&1; then ok "generate the hostile zips"; else
	not_ok "generate the hostile zips"; sed 's/^/# /' "$TMP/gen.out"; fi
before=$(snapshot "$D")
cp "$D/catalog.db" "$TMP/catalog.before"
cp -a "$D" "$TMP/data.orig" # to put back after a case that got through, so others still count

# one_line WHAT FILE PREFIX TEXT: FILE is exactly one line that starts with PREFIX and holds TEXT;
# prints why not, or nothing
one_line() {
	if [ ! -s "$2" ]; then echo "$1 printed nothing on stderr"; return; fi
	n=$(wc -l <"$2")
	line=$(head -n 1 "$2")
	if [ "$n" -ne 1 ] || [ "$(tail -c 1 "$2" | wc -l)" -ne 1 ]; then
		echo "$1 printed more than one line on stderr"
	fi
	case "$line" in "$3"*) ;; *) echo "$1 does not start with '$3'" ;; esac
	case "$line" in *"$4"*) ;; *) echo "$1 does not say '$4'" ;; esac
}

# report WHAT PROBLEMS: ok when PROBLEMS is empty
report() {
	if [ -z "$2" ]; then ok "$1"; else
		not_ok "$1"; printf '%s\n' "$2" | sed '/^$/d; s/^/# /'; sed 's/^/# stderr: /' "$TMP/err"; fi
}

ncases=0
while IFS='	' read -r zip want config; do
	[ -n "$zip" ] || continue
	ncases=$((ncases + 1))
	z="$C/$zip"
	set --
	if [ -n "$config" ]; then
		# the case's limits, and unsigned packs allowed as lib.sh's config does
		{ cat "$C/$config"; printf '\n[packs]\nallow_unsigned = true\n'; } >"$TMP/case.ini"
		set -- --config "$TMP/case.ini"
	fi

	# 1. install into the data folder: status 1, one line naming pack and rule
	"$KIOSK" pack install "$z" --data "$D" "$@" >"$TMP/out" 2>"$TMP/err"
	st=$?
	why=$(one_line install "$TMP/err" "kiosk: pack install: $z" "$want")
	[ "$st" -eq 1 ] || why="exit status $st, wanted 1
$why"
	[ -s "$TMP/out" ] && why="$why
install printed on stdout: $(head -n 1 "$TMP/out")"
	report "install refuses $zip" "$why"

	# 2. nothing changed: the data folder, its catalog, and a data folder not made yet
	why=""
	[ "$(snapshot "$D")" = "$before" ] || why="the data folder changed"
	cmp -s "$D/catalog.db" "$TMP/catalog.before" || why="$why
catalog.db is not byte-identical"
	"$KIOSK" pack install "$z" --data "$TMP/fresh" "$@" >/dev/null 2>"$TMP/err2"
	st=$?
	[ "$st" -eq 1 ] || why="$why
install into a new data folder: exit status $st, wanted 1"
	[ -e "$TMP/fresh" ] && why="$why
install into a new data folder created it" && rm -rf "$TMP/fresh"
	report "$zip changes nothing" "$why"
	if [ -n "$why" ]; then rm -rf "$D" && cp -a "$TMP/data.orig" "$D"; fi

	# 3. verify says the same
	"$KIOSK" pack verify "$z" "$@" >"$TMP/out" 2>"$TMP/err"
	st=$?
	why=$(one_line verify "$TMP/err" "kiosk: pack verify: $z" "$want")
	[ "$st" -eq 1 ] || why="exit status $st, wanted 1
$why"
	report "verify refuses $zip" "$why"
done <"$C/cases.tsv"
[ "$ncases" -ge 80 ] && ok "$ncases hostile cases" || not_ok "only $ncases hostile cases"

# packs that must install: Korean names in CP949 without the UTF-8 flag, and in NFD
while read -r zip; do
	[ -n "$zip" ] || continue
	check "install $zip" "$KIOSK" pack install "$C/$zip" --data "$TMP/ok-$zip"
	same "$C/$zip" "$TMP/ok-$zip/packs/mini-9.0.0.zip" "$zip is installed as it is"
	check "verify $zip" "$KIOSK" pack verify "$C/$zip"
	contains "$TMP/out" "1 image; 0 errors, 0 warnings" "the image of $zip is found and used"
	check "doctor: every page of $zip reads back from the catalog" "$KIOSK" doctor --data "$TMP/ok-$zip"
done <"$C/accept.txt"
