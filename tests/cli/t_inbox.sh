# The inbox without a window (`kiosk inbox`), pack dates and opening hours as
# `pack list` and `doctor` report them at a time set with KIOSK_NOW, and
# `kiosk pin set`.
. "$TOP/tests/cli/lib.sh"

printf '[packs]\n' >"$TMP/strict.ini"
export KIOSK_CONFIG="$TMP/strict.ini"
D="$TMP/data"
I="$D/inbox"
mkdir -p "$D/keys" "$I"
"$KIOSK" key generate -o "$TMP/curator" >/dev/null
"$KIOSK" key generate -o "$TMP/stranger" >/dev/null
cp "$TMP/curator.pub" "$D/keys/"
# mini 1.0.0 for now; later, shown from August; over, ended in June
mkpack() { # ID VERSION [ini line]...
	rm -rf "$TMP/src" && cp -r "$FIX/mini" "$TMP/src"
	sed -i "s/^id = .*/id = $1/; s/^version = .*/version = $2/" "$TMP/src/pack.ini"
	out="$TMP/$1-$2.zip"
	shift 2
	for l in "$@"; do printf '%s\n' "$l" >>"$TMP/src/pack.ini"; done
	"$KIOSK" pack build "$TMP/src" -o "$out" >/dev/null || not_ok "build $out"
	"$KIOSK" pack sign "$out" --key "$TMP/curator.key" >/dev/null || not_ok "sign $out"
}
mkpack mini 1.0.0
mkpack later 1.0.0 "show_from = 2026-08-01"
mkpack over 1.0.0 "show_from = 2026-06-01" "show_until = 2026-06-30"
mkpack mini 0.9.0

cp "$TMP/mini-1.0.0.zip" "$TMP/mini-1.0.0.zip.minisig" "$I/"
: >"$I/.syncthing.later-1.0.0.zip.tmp"
: >"$I/later-1.0.0.sync-conflict-20260714-101010-ABCDEFG.zip"
: >"$I/.DS_Store"
: >"$I/notes.txt~"
check "kiosk inbox installs a signed pack" "$KIOSK" inbox --data "$D"
contains "$TMP/out" "1 installed, 0 refused, 0 waiting" "and counts it"
contains "$TMP/err" "kiosk: inbox: installed mini 1.0.0 from mini-1.0.0.zip (1 section, 1 exhibit)" "one log line"
[ ! -e "$I/mini-1.0.0.zip" ] && [ ! -e "$I/mini-1.0.0.zip.minisig" ] && ok "and removes it from the inbox" ||
	not_ok "the installed pack stayed"
for f in .syncthing.later-1.0.0.zip.tmp later-1.0.0.sync-conflict-20260714-101010-ABCDEFG.zip .DS_Store notes.txt~; do
	[ -e "$I/$f" ] || { not_ok "$f was touched"; continue; }
	ok "$f is left alone"
done

# hostile and bad packs: refused, moved, reported, not retried
cp "$TMP/later-1.0.0.zip" "$I/"
cp "$TMP/later-1.0.0.zip.minisig" "$I/"
"$KIOSK" pack sign "$I/later-1.0.0.zip" --key "$TMP/stranger.key" >/dev/null 2>&1
cp "$TMP/over-1.0.0.zip" "$I/over-1.0.0.zip"
cp "$TMP/mini-1.0.0.zip.minisig" "$I/over-1.0.0.zip.minisig"   # a signature of another file
cp "$TMP/mini-0.9.0.zip" "$TMP/mini-0.9.0.zip.minisig" "$I/"     # a downgrade
# a hostile zip signed by the trusted key (minisign signs what pack sign refuses)
$PY -c "
import shutil, sys, zipfile
shutil.copy(sys.argv[1], sys.argv[2])
with zipfile.ZipFile(sys.argv[2], 'a') as z:
    z.writestr('../escape.txt', 'out of the pack')
" "$TMP/mini-1.0.0.zip" "$TMP/evil-1.0.0.zip"
need_tools minisign
minisign -S -s "$TMP/curator.key" -m "$TMP/evil-1.0.0.zip" >/dev/null 2>&1 </dev/null || not_ok "minisign -S evil"
cp "$TMP/evil-1.0.0.zip" "$TMP/evil-1.0.0.zip.minisig" "$I/"
snapshot "$D/packs" >"$TMP/before"
run_status 1 "kiosk inbox refuses bad packs (status 1)" "$KIOSK" inbox --data "$D"
contains "$TMP/out" "0 installed, 4 refused, 0 waiting" "all four"
R="$I/refused"
for p in later-1.0.0 over-1.0.0 mini-0.9.0 evil-1.0.0; do
	if [ -e "$R/$p.zip" ] && [ -e "$R/$p.zip.minisig" ] && [ -s "$R/$p.zip.txt" ] && [ ! -e "$I/$p.zip" ]; then
		ok "$p is moved to refused/ with its signature and a reason"
	else
		not_ok "$p is not in refused/ ($(ls -A "$R" | tr '\n' ' '))"
	fi
	[ "$(wc -l <"$R/$p.zip.txt")" -eq 1 ] && ok "$p's reason is one line: $(cat "$R/$p.zip.txt")" || not_ok "$p's reason"
	grep -q "kiosk: inbox: refused $p.zip: " "$TMP/err" && ok "and the log has one line for it" || not_ok "no log line for $p"
done
contains "$R/later-1.0.0.zip.txt" "which is not trusted" "untrusted signer named"
contains "$R/evil-1.0.0.zip.txt" "evil-1.0.0.zip: entry '../escape.txt'" "a hostile entry named"
contains "$R/over-1.0.0.zip.txt" "signature does not match the file" "a signature of another file named"
contains "$R/mini-0.9.0.zip.txt" "older than the installed version 1.0.0" "a downgrade named"
snapshot "$D/packs" >"$TMP/after"
same "$TMP/before" "$TMP/after" "nothing installed changed"
check "a second pass leaves refused packs alone" "$KIOSK" inbox --data "$D"
contains "$TMP/out" "0 installed, 0 refused, 0 waiting" "nothing tried again"
check "doctor is still healthy" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "inbox: refused later-1.0.0.zip: later-1.0.0.zip: signed by key" "doctor lists refused packs with the reason"

# a fixed pack under the same name is tried again
cp "$TMP/later-1.0.0.zip" "$TMP/later-1.0.0.zip.minisig" "$I/"
check "the same name with a good signature installs" "$KIOSK" inbox --data "$D"
contains "$TMP/out" "1 installed" "once it changed"
[ ! -e "$R/later-1.0.0.zip.txt" ] && [ ! -e "$R/later-1.0.0.zip" ] && [ ! -e "$R/later-1.0.0.zip.minisig" ] &&
	ok "the earlier refusal of that name goes with it" || not_ok "refused/ still holds later-1.0.0.zip: $(ls -A "$R" | tr '\n' ' ')"
"$KIOSK" doctor --data "$D" >"$TMP/doc" 2>&1
lacks "$TMP/doc" "refused later-1.0.0.zip" "doctor no longer lists it as refused"
contains "$R/mini-0.9.0.zip.txt" "(to install it anyway: kiosk pack install --allow-downgrade)" \
	"a downgrade's reason names the command that installs it anyway"
cp "$TMP/over-1.0.0.zip" "$TMP/over-1.0.0.zip.minisig" "$I/"
"$KIOSK" inbox --data "$D" >/dev/null 2>&1

# a zip still waiting for its signature
cp "$TMP/mini-1.0.0.zip" "$I/wait-1.0.0.zip"
check "a zip without its signature waits" "$KIOSK" inbox --data "$D" --wait 0
contains "$TMP/out" "0 installed, 0 refused, 1 waiting" "and is counted as waiting"
"$KIOSK" doctor --data "$D" >"$TMP/doc" 2>&1
contains "$TMP/doc" "inbox: waiting wait-1.0.0.zip (its .minisig has not come)" "doctor says what it waits for"
rm -f "$I/wait-1.0.0.zip"

# what is shown when: pack list and doctor, with the day set by KIOSK_NOW
KIOSK_NOW="2026-07-14 10:00" "$KIOSK" pack list --data "$D" >"$TMP/list"
contains "$TMP/list" "	shown today" "pack list: mini shown today"
grep "^later	" "$TMP/list" | grep -q "not shown: scheduled from 2026-08-01" && ok "a pack for later: scheduled from its date" ||
	not_ok "later: $(grep '^later' "$TMP/list")"
grep "^over	" "$TMP/list" | grep -q "not shown: ended on 2026-06-30" && ok "a pack that is over: ended on its date" ||
	not_ok "over: $(grep '^over' "$TMP/list")"
KIOSK_NOW="2026-08-01 00:00" "$KIOSK" pack list --data "$D" >"$TMP/list"
grep "^later	" "$TMP/list" | grep -q "	shown today$" && ok "on its first day it is shown" || not_ok "later on 2026-08-01"
KIOSK_NOW="2026-07-14 10:00" "$KIOSK" doctor --data "$D" >"$TMP/doc" 2>&1
contains "$TMP/doc" "pack: later 1.0.0: packs/later-1.0.0.zip, 1 section, 1 exhibit, sha256 ok; not shown: scheduled from 2026-08-01" \
	"doctor marks it too"
contains "$TMP/doc" "opening hours: none set (always open)" "doctor: no hours, always open"

# opening hours in the config
printf '[kiosk]\nhours = mon-sun 09:00-18:00\nhours = tue closed\nhours = 2026-07-17 10:00-12:00\n[packs]\n' >"$TMP/hours.ini"
KIOSK_NOW="2026-07-13 10:00" "$KIOSK" doctor --data "$D" --config "$TMP/hours.ini" >"$TMP/doc" 2>&1
contains "$TMP/doc" "opening hours: today 09:00-18:00, open now, closes at 2026-07-13 18:00" "monday: open, closing at six"
KIOSK_NOW="2026-07-13 19:00" "$KIOSK" doctor --data "$D" --config "$TMP/hours.ini" >"$TMP/doc" 2>&1
contains "$TMP/doc" "closed now, opens at 2026-07-15 09:00" "monday evening: opens on wednesday (tuesday closed)"
KIOSK_NOW="2026-07-17 11:00" "$KIOSK" doctor --data "$D" --config "$TMP/hours.ini" >"$TMP/doc" 2>&1
contains "$TMP/doc" "today 10:00-12:00, open now" "a dated exception"
printf '[kiosk]\nhours = mon-sun 18:00-09:00\n' >"$TMP/badhours.ini"
run_status 1 "bad hours are refused" "$KIOSK" pack list --data "$D" --config "$TMP/badhours.ini"
contains "$TMP/err" "$TMP/badhours.ini:2: hours 'mon-sun 18:00-09:00': '18:00-09:00' is not a span" "naming the file and the span"

# kiosk pin set
printf '[kiosk]\n' >"$TMP/pin.ini"
echo 2468 | "$KIOSK" pin set --config "$TMP/pin.ini" >"$TMP/out" 2>"$TMP/err" && ok "pin set" || not_ok "pin set: $(cat "$TMP/err")"
contains "$TMP/out" "PIN set in $TMP/kiosk.pin" "beside the config"
grep -q '^\$argon2id\$' "$TMP/kiosk.pin" && ok "an Argon2id hash is stored" || not_ok "no hash in kiosk.pin"
lacks "$TMP/kiosk.pin" "2468" "never the PIN itself"
[ "$(stat -c %a "$TMP/kiosk.pin")" = 640 ] && ok "mode 0640" || not_ok "mode $(stat -c %a "$TMP/kiosk.pin")"
cp "$TMP/kiosk.pin" "$TMP/pin.before"
echo 12ab | "$KIOSK" pin set --config "$TMP/pin.ini" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && ok "a PIN with letters is refused" || not_ok "a PIN with letters"
contains "$TMP/err" "kiosk: pin set: a PIN is digits only" "saying why"
same "$TMP/kiosk.pin" "$TMP/pin.before" "and the stored PIN is unchanged"
run_status 2 "pin without set is a usage error" "$KIOSK" pin --config "$TMP/pin.ini"
