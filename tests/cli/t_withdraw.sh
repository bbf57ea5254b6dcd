# Withdrawal: a signed pack's `withdraw = pack-id/exhibit-slug` takes exhibits of
# other packs out of every query (search, the section's list, the page itself) at
# install; pack list shows them and which pack withdrew them; removing that pack
# keeps them withdrawn until `kiosk pack restore`. An unsigned pack may not withdraw.
# Also: a catalog of schema 1 is upgraded by its first reader.
. "$TOP/tests/cli/lib.sh"

printf '[packs]\n' >"$TMP/strict.ini"
export KIOSK_CONFIG="$TMP/strict.ini"
D="$TMP/data"
mkdir -p "$D/keys"
"$KIOSK" key generate -o "$TMP/k" >/dev/null || not_ok "key generate"
cp "$TMP/k.pub" "$D/keys/"
signed() { # SRC ZIP: build and sign
	"$KIOSK" pack build "$1" -o "$2" >/dev/null 2>&1 && "$KIOSK" pack sign "$2" --key "$TMP/k.key" >/dev/null ||
		not_ok "build and sign $1"
}
signed "$FIX/narrated" "$TMP/narrated.zip"
# the withdrawing pack: mini, withdrawing the narrated pack's first exhibit
cp -r "$FIX/mini" "$TMP/w"
printf 'withdraw = narrated/first, gone-pack/never-installed\n' >>"$TMP/w/pack.ini"
signed "$TMP/w" "$TMP/w.zip"
"$KIOSK" pack build "$TMP/w" -o "$TMP/w-unsigned.zip" >/dev/null 2>&1

check "install the narrated pack" "$KIOSK" pack install "$TMP/narrated.zip" --data "$D"
"$KIOSK" search Humanitarian --data "$D" --lang en >"$TMP/before"
contains "$TMP/before" "/exhibit/first" "search finds the exhibit before the withdrawal"
check "a shot of the exhibit" "$KIOSK" shot --data "$D" --route /exhibit/first --out "$TMP/a.png"

printf '[packs]\nallow_unsigned = true\n' >"$TMP/loose.ini"
run_status 1 "an unsigned pack may not withdraw, even where unsigned packs are allowed" \
	"$KIOSK" pack install "$TMP/w-unsigned.zip" --data "$D" --config "$TMP/loose.ini"
contains "$TMP/err" "withdraws exhibits of other packs (withdraw = ...) and is not signed" "it says why"
"$KIOSK" pack list --data "$D" >"$TMP/list"
lacks "$TMP/list" "withdrawn" "and nothing is withdrawn"

check "install the signed withdrawing pack" "$KIOSK" pack install "$TMP/w.zip" --data "$D"
"$KIOSK" search Humanitarian --data "$D" --lang en >"$TMP/after"
[ "$(grep -c '/exhibit/first' "$TMP/after")" -eq 1 ] && ok "search finds only mini's exhibit now" ||
	{ not_ok "search after the withdrawal"; sed 's/^/# /' "$TMP/after"; }
run_status 0 "pack list" "$KIOSK" pack list --data "$D"
contains "$TMP/out" "$(printf 'withdrawn\tnarrated/first\tby mini')" "pack list shows what is withdrawn and by which pack"
contains "$TMP/out" "$(printf 'withdrawn\tgone-pack/never-installed\tby mini')" "a withdrawal holds for a pack not installed yet"

check "remove the withdrawing pack" "$KIOSK" pack remove mini --data "$D"
run_status 0 "pack list" "$KIOSK" pack list --data "$D"
contains "$TMP/out" "$(printf 'withdrawn\tnarrated/first\tby mini (removed since')" "it stays withdrawn, and the list says its pack is gone"
# the narrated pack is the one shown now: its withdrawn exhibit is not there
run_status 1 "the withdrawn exhibit cannot be shown" "$KIOSK" shot --data "$D" --route /exhibit/first --out "$TMP/b.png"
check "its sibling can" "$KIOSK" shot --data "$D" --route /exhibit/second --out "$TMP/c.png"
run_status 0 "search" "$KIOSK" search Humanitarian --data "$D" --lang en
contains "$TMP/out" "no exhibit matches" "search does not find it"

run_status 2 "restore wants PACK/SLUG" "$KIOSK" pack restore narrated --data "$D"
run_status 1 "restore of what is not withdrawn" "$KIOSK" pack restore narrated/second --data "$D"
contains "$TMP/err" "kiosk: pack restore: 'narrated/second' is not withdrawn" "says so"
check "restore it" "$KIOSK" pack restore narrated/first --data "$D"
contains "$TMP/out" "restored narrated/first" "says what it did"
check "it can be shown again" "$KIOSK" shot --data "$D" --route /exhibit/first --out "$TMP/d.png"
run_status 0 "search" "$KIOSK" search Humanitarian --data "$D" --lang en
contains "$TMP/out" "/exhibit/first" "search finds it again"
"$KIOSK" pack list --data "$D" >"$TMP/list"
lacks "$TMP/list" "narrated/first" "pack list no longer names it"
check "doctor finds the catalog whole" "$KIOSK" doctor --data "$D"

# schema 1 (before narration, warnings and withdrawals) is upgraded by a reader
"$PY" - "$D/catalog.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("DROP TABLE narration; DROP TABLE warning; DROP TABLE withdrawal; PRAGMA user_version = 1;")
c.close()
PY
run_status 0 "a reader opens a schema 1 catalog" "$KIOSK" search Humanitarian --data "$D" --lang en
contains "$TMP/out" "/exhibit/first" "and finds what it holds"
"$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma user_version').fetchone()[0])" \
	"$D/catalog.db" >"$TMP/v"
contains "$TMP/v" "6" "and upgrades it to schema 6"
