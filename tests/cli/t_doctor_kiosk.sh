# kiosk doctor on what a technician asks beyond the catalog: free space and whether the
# folder can be written, trusted keys, the clock (a year before 2024: never set), the
# display, the service; and --json, one object a script can collect from many kiosks.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null
"$KIOSK" pack install "$TMP/mini.zip" --data "$D" >/dev/null
unset DISPLAY WAYLAND_DISPLAY

check "doctor on a healthy kiosk" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "space: $D: " "reports the free space"
contains "$TMP/out" "writable: $D can be written by this user" "and that the folder can be written"
contains "$TMP/out" "keys: none trusted, and the config allows unsigned packs" "says no key is trusted"
contains "$TMP/out" "display: none in this session" "says this session has no display, as a note"
contains "$TMP/out" "clock: $(date -u +%Y-%m-%d)" "shows the date"
contains "$TMP/out" "healthy" "healthy"

"$KIOSK" key generate -o "$TMP/k" >/dev/null
mkdir -p "$D/keys" && cp "$TMP/k.pub" "$D/keys/"
id=$(sed -n 2p "$TMP/k.pub" | base64 -d 2>/dev/null | od -An -tx1 -j2 -N8 | tr -d ' \n' |
	sed 's/\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)/\8\7\6\5\4\3\2\1/' | tr a-f A-F)
check "with a trusted key" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "keys: 1 trusted: $id" "names the key by its minisign id"

KIOSK_TEST_NOW=0 run_status 1 "a clock in 1970 is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "kiosk: doctor: the clock says 1970-01-01 00:00 UTC: it was never set" "saying the clock was never set"
KIOSK_TEST_NOW=1735689600 check "a clock in 2025 is fine" "$KIOSK" doctor --data "$D"

KIOSK_TEST_NOW=0 run_status 1 "--json with a problem" "$KIOSK" doctor --data "$D" --json
"$PY" - "$TMP/out" <<'PYEOF' >"$TMP/json" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
print("healthy", d["healthy"], "problems", d["problems"])
for c in d["checks"]:
    print(c["status"], c["check"], c["message"][:40])
PYEOF
contains "$TMP/json" "healthy False problems 1" "is one JSON object with the count of problems"
contains "$TMP/json" "problem clock the clock says 1970-01-01" "and the clock's problem in its checks"
contains "$TMP/json" "ok catalog" "and the catalog's check"
[ ! -s "$TMP/err" ] && ok "--json writes nothing on stderr" || not_ok "--json wrote on stderr"

if [ -d /run/systemd/system ]; then
	check "doctor asks systemd about kiosk.service" "$KIOSK" doctor --data "$D"
	contains "$TMP/out" "service: kiosk.service" "and reports it"
else
	check "without systemd running" "$KIOSK" doctor --data "$D"
	contains "$TMP/out" "service: systemd is not running here" "the service check says so"
fi
