# Hostile packs signed with a trusted key (a signature does not make input safe), made
# by gen_content.py (bombs, a million entries, broken images and text) and by
# gen_hostile.py (every zip rule). Each is refused with exit status 1 and one line on
# stderr naming the entry and rule, leaves the catalog byte-identical, writes nothing
# outside the data folder, peaks under 256 MB and takes under 10 s. Packs that are only
# strange content (a 300 KB line, bidi overrides) install and are drawn safely.
. "$TOP/tests/cli/lib.sh"

# signed packs only: no allow_unsigned
printf '[packs]\n' >"$TMP/strict.ini"
export KIOSK_CONFIG="$TMP/strict.ini"
D="$TMP/data"
C="$TMP/cases"
H="$TMP/hostile"
if ! command -v minisign >/dev/null 2>&1; then not_ok "minisign is installed"; exit 0; fi
"$KIOSK" key generate -o "$TMP/k" >/dev/null || not_ok "key generate"
mkdir -p "$D/keys" && cp "$TMP/k.pub" "$D/keys/"
# sign with minisign: kiosk pack sign refuses what verify refuses
sign() { minisign -S -s "$TMP/k.key" -m "$1" </dev/null >/dev/null 2>&1 || not_ok "sign $1"; }

"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null || not_ok "build mini"
sign "$TMP/mini.zip"
check "install the valid mini pack, signed" "$KIOSK" pack install "$TMP/mini.zip" --data "$D"
if "$PY" "$TOP/tests/cli/gen_content.py" "$C" >"$TMP/gen.out" 2>&1 &&
	"$PY" "$TOP/tests/cli/gen_hostile.py" "$H" >>"$TMP/gen.out" 2>&1; then ok "generate the packs"; else
	not_ok "generate the packs"; sed 's/^/# /' "$TMP/gen.out"; fi
for z in "$C"/*.zip "$H"/*.zip; do sign "$z"; done
cp "$D/catalog.db" "$TMP/catalog.before"
before=$(snapshot "$D")
cp -a "$D" "$TMP/data.orig"
SB="$TMP/sandbox" # cwd, HOME, XDG folders and TMPDIR of every run: must stay empty
mkdir -p "$SB"

# limited WHAT COMMAND...: run in the sandbox with 10 s and peak RSS measured; sets st,
# and prints why not when over a limit or the sandbox is not empty
limited() {
	what=$1; shift
	(cd "$SB" && HOME="$SB" XDG_CONFIG_HOME="$SB/c" XDG_DATA_HOME="$SB/d" XDG_CACHE_HOME="$SB/k" TMPDIR="$SB" \
		/usr/bin/time -f %M -o "$TMP/rss" timeout 10 "$@" >"$TMP/out" 2>"$TMP/err")
	st=$?
	rss=$(tail -n 1 "$TMP/rss" 2>/dev/null)
	case "$rss" in '' | *[!0-9]*) rss=999999999 ;; esac
	echo "$what $rss" >>"$TMP/figures"
	[ "$st" -eq 124 ] && echo "$what took over 10 s"
	[ "$rss" -lt 262144 ] || echo "$what peaked at $rss KB, over 256 MB"
	[ -z "$(ls -A "$SB")" ] || { echo "$what wrote into its cwd/HOME: $(ls -A "$SB" | head -3)"; rm -rf "${SB:?}"/* "$SB"/.[!.]*; }
}

ncases=0
for dir in "$C" "$H"; do
	while IFS='	' read -r zip want config; do
		[ -n "$zip" ] || continue
		ncases=$((ncases + 1))
		z="$dir/$zip"
		set --
		[ -n "$config" ] && set -- --config "$dir/$config"
		why=$(limited "install $zip" "$KIOSK" pack install "$z" --data "$D" "$@"; echo "status $st")
		st=${why##*status }; why=${why%status *}
		[ "$st" -eq 1 ] || why="${why}exit status $st, wanted 1
"
		n=$(wc -l <"$TMP/err")
		[ "$n" -eq 1 ] || why="${why}$n lines on stderr, wanted 1
"
		grep -qF -- "kiosk: pack install: $z" "$TMP/err" || why="${why}the line does not name the pack
"
		grep -qF -- "$want" "$TMP/err" || why="${why}the line does not say '$want'
"
		cmp -s "$D/catalog.db" "$TMP/catalog.before" || why="${why}catalog.db is not byte-identical
"
		[ "$(snapshot "$D")" = "$before" ] || why="${why}the data folder changed
"
		if [ -z "$why" ]; then ok "signed $zip is refused"; else
			not_ok "signed $zip is refused"; printf '%s' "$why" | sed 's/^/# /'; sed 's/^/# stderr: /' "$TMP/err"
			rm -rf "$D" && cp -a "$TMP/data.orig" "$D"
		fi
	done <"$dir/cases.tsv"
done
[ "$ncases" -ge 40 ] && ok "$ncases signed hostile packs" || not_ok "only $ncases signed hostile packs"

# only content: installs, and every size draws within the limits
while IFS='	' read -r zip route; do
	[ -n "$zip" ] || continue
	d="$TMP/shown-$zip"
	mkdir -p "$d/keys" && cp "$TMP/k.pub" "$d/keys/"
	why=$(limited "install $zip" "$KIOSK" pack install "$C/$zip" --data "$d"; echo "status $st")
	st=${why##*status }; why=${why%status *}
	[ "$st" -eq 0 ] || why="${why}install: exit status $st: $(head -c 300 "$TMP/err")
"
	for size in 1920x1080 390x844; do
		w=$(limited "shot $zip $size" "$KIOSK" shot --check --route "$route" --size "$size" \
			--out "$TMP/shot.png" --data "$d"; echo "status $st")
		st=${w##*status }; w=${w%status *}
		why="$why$w"
		# --check exits 1 for layout problems; a crash or a time-out is worse
		[ "$st" -le 1 ] || why="${why}shot $size: exit status $st
"
		[ -s "$TMP/shot.png" ] || why="${why}shot $size drew nothing
"
		[ "$st" -eq 1 ] && echo "# shot $zip $size --check: $(head -n 2 "$TMP/out" | tr '\n' ' ')"
		rm -f "$TMP/shot.png"
	done
	if [ -z "$why" ]; then ok "$zip installs and is drawn safely"; else
		not_ok "$zip installs and is drawn safely"; printf '%s' "$why" | sed 's/^/# /'; fi
done <"$C/shown.tsv"
awk '{ print $NF " KB: " $0 }' "$TMP/figures" | sort -n | tail -n 3 | sed 's/^/# peak RSS, highest: /'
