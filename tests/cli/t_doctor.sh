# kiosk doctor: healthy data folders pass; a missing or changed pack file, or a damaged
# catalog, is one line each and exit status 1; leftovers are listed and are no problem.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null || not_ok "build mini"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null || not_ok "build demo"

# a data folder that does not exist: no problem (a first install cut off leaves
# none, tests/cli/t_crash.sh), but a mistyped path is worth a word
check "doctor with no data folder" "$KIOSK" doctor --data "$TMP/none"
contains "$TMP/out" "$TMP/none does not exist (no packs installed; if there should be, check --data or data_dir in the config)" \
	"says the folder does not exist, nothing is installed, and where to look"
[ ! -e "$TMP/none" ] && ok "and creates nothing" || not_ok "doctor created the data folder"

"$KIOSK" pack install "$TMP/mini.zip" --data "$D" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
before=$(snapshot "$D")
check "doctor on a healthy data folder" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "integrity ok, search index ok" "checks the catalog and the search index"
contains "$TMP/out" "pack: mini 1.0.0: packs/mini-1.0.0.zip, 1 section, 1 exhibit, sha256 ok" "checks each pack file"
contains "$TMP/out" "font: /" "names the font file"
contains "$TMP/out" "healthy" "and says it is healthy"
[ "$(snapshot "$D")" = "$before" ] && ok "doctor changes nothing" || not_ok "doctor changed the data folder"
# a config with faults: each is a problem, and every other check still runs
printf '[kiosk]\nidle_seconds = 2\n[screen]\nreach = maybe\n' >"$TMP/bad.ini"
run_status 1 "doctor with a bad config" "$KIOSK" doctor --data "$D" --config "$TMP/bad.ini"
contains "$TMP/err" "kiosk: doctor: $TMP/bad.ini:2: 'idle_seconds' must be a whole number from 5 to 86400" "names the first fault"
contains "$TMP/err" "kiosk: doctor: $TMP/bad.ini:4: 'reach' must be true or false" "and the second"
contains "$TMP/out" "integrity ok, search index ok" "and still checks the catalog"
contains "$TMP/out" "2 problems" "two problems in all"
"$KIOSK" doctor --data "$D" --config "$TMP/bad.ini" --json >"$TMP/json" 2>/dev/null
$PY -c "import json,sys; d=json.load(open(sys.argv[1])); assert sum(1 for c in d['checks'] if c['check'] == 'config' and c['status'] == 'problem') == 2" "$TMP/json" &&
	ok "--json is valid and holds both" || not_ok "--json with a bad config: $(head -c 300 "$TMP/json")"

: >"$D/packs/.incoming-mini-9.zip"
check "a leftover is no problem" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "leftover: packs/.incoming-mini-9.zip" "but it is listed"
[ -e "$D/packs/.incoming-mini-9.zip" ] && ok "and left where it is" || not_ok "doctor removed a leftover"

printf 'x' >>"$D/packs/mini-1.0.0.zip"
run_status 1 "a changed pack file is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "kiosk: doctor: pack mini 1.0.0: $D/packs/mini-1.0.0.zip: sha256 " "naming the pack and file"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "in one line" || not_ok "in one line"
rm "$D/packs/mini-1.0.0.zip"
run_status 1 "a missing pack file is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "pack mini 1.0.0: $D/packs/mini-1.0.0.zip: No such file or directory" "naming it"
check "installing the same pack again puts the file back" "$KIOSK" pack install "$TMP/mini.zip" --data "$D"
check "then doctor passes" "$KIOSK" doctor --data "$D"
lacks "$TMP/out" "leftover" "and the install removed the leftovers"

# a page whose stored text no longer decompresses (the catalog's pages are whole to
# SQLite): the kiosk could not show it
cp "$D/catalog.db" "$TMP/catalog.good"
"$PY" - "$D/catalog.db" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(i, body), = db.execute("SELECT g.id, g.body FROM page g JOIN node n ON n.id = g.node_id"
                        " WHERE n.pack_id = 'mini' AND n.slug = 'first' AND g.lang = 'en'")
body = bytearray(body)
body[len(body) // 2] ^= 0x55
db.execute("UPDATE page SET body = ? WHERE id = ?", (bytes(body), i))
db.commit()
PYEOF
run_status 1 "a page whose text is damaged is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "kiosk: doctor: $D/catalog.db: the text of page 'first' (en) of pack mini is damaged" \
	"naming the page, its language and its pack"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "in one line" || { not_ok "in one line"; sed 's/^/# /' "$TMP/err"; }
cp "$TMP/catalog.good" "$D/catalog.db"

[ ! -e "$D/catalog.db-wal" ] || [ ! -s "$D/catalog.db-wal" ] && ok "the catalog is all in catalog.db" ||
	not_ok "a WAL is left"
"$PY" - "$D/catalog.db" <<'PYEOF'
import sys
with open(sys.argv[1], "r+b") as f:
    data = bytearray(f.read())
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    # scribble over the b-tree header of every page but the first
    for page in range(size, len(data), size):
        data[page:page + 12] = b"\x55" * 12
    f.seek(0)
    f.write(data)
PYEOF
run_status 1 "a damaged catalog is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "kiosk: doctor: $D/catalog.db: integrity check: " "naming the catalog"
[ "$(grep -vc '^kiosk: doctor: ' "$TMP/err")" -eq 0 ] && ok "one line per problem" ||
	{ not_ok "one line per problem"; sed 's/^/# /' "$TMP/err"; }
