# pack install, list, remove, verify; upgrades in one step; refusals change nothing.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
# libzip (and OpenSSL's libcrypto, which it brings) is loaded when a pack is first
# read, not at every start (pack/ziplib.h)
if readelf -d "$KIOSK" | grep -q 'libzip'; then
	not_ok "the kiosk is linked to libzip: it and libcrypto load at every start"
else
	ok "libzip is not linked: the first read of a pack loads it"
fi
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini-1.zip" >/dev/null || not_ok "build mini"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null || not_ok "build demo"

# a second version of mini, with an extra exhibit
cp -r "$FIX/mini" "$TMP/mini2"
sed -i 's/^version = .*/version = 1.1.0/' "$TMP/mini2/pack.ini"
mkdir -p "$TMP/mini2/01-intro/02-second"
printf '# 둘째\n\n두 번째 전시입니다. 평화통일\n\n출처: 시험\n' >"$TMP/mini2/01-intro/02-second/ko.md"
printf '# Second\n\nThe second exhibit. Unification\n\nSource: test\n' >"$TMP/mini2/01-intro/02-second/en.md"
"$KIOSK" pack build "$TMP/mini2" -o "$TMP/mini-2.zip" >/dev/null || not_ok "build mini 1.1.0"

check "install into a new data folder" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
contains "$TMP/out" "installed mini 1.0.0 (1 section, 1 exhibit)" "install says what it did"
if [ -f "$D/packs/mini-1.0.0.zip" ]; then ok "the pack stays zipped in packs/"; else not_ok "pack file"; fi
same "$TMP/mini-1.zip" "$D/packs/mini-1.0.0.zip" "the installed file is the pack's bytes"
if [ -z "$(find "$D" -name '*.md')" ]; then ok "nothing is extracted"; else not_ok "files were extracted"; fi
"$PY" -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print('user_version', c.execute('pragma user_version').fetchone()[0])
print('journal', c.execute('pragma journal_mode').fetchone()[0])
" "$D/catalog.db" >"$TMP/pragma"
contains "$TMP/pragma" "user_version 6" "the schema has a version"
contains "$TMP/pragma" "journal wal" "the catalog is in WAL mode"

check "install the demo pack too" "$KIOSK" pack install "$TMP/dd.zip" --data "$D"
# libzip gives each entry's date to mktime, which with TZ unset stats /etc/localtime
# at every call (435 times for the demo pack's 109 entries): a command reads the
# zone once (cli/main.c)
env -u TZ strace -f -qq -e trace=stat,newfstatat,statx,lstat -o "$TMP/strace" \
	"$KIOSK" pack install "$TMP/dd.zip" --data "$TMP/zone" >/dev/null 2>&1
n=$(grep -c '"/etc/localtime"' "$TMP/strace" 2>/dev/null)
if [ -d "$TMP/zone/packs" ] && [ "${n:-99}" -le 1 ]; then
	ok "an install with TZ unset reads the time zone once"
else
	not_ok "an install with TZ unset stats /etc/localtime ${n:-?} times (or failed under strace)"
fi
check "pack list" "$KIOSK" pack list --data "$D"
contains "$TMP/out" "defectors-day	1.0.0	4 sections	14 exhibits	ko,en	북한이탈주민의 날" "list shows the demo pack"
contains "$TMP/out" "mini	1.0.0	1 section	1 exhibit" "list shows mini"

check "the same pack again changes nothing" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
contains "$TMP/out" "already installed" "and says so"

check "a newer version replaces the old one" "$KIOSK" pack install "$TMP/mini-2.zip" --data "$D"
contains "$TMP/out" "replacing version 1.0.0" "install names the replaced version"
if [ ! -e "$D/packs/mini-1.0.0.zip" ] && [ -f "$D/packs/mini-1.1.0.zip" ]; then
	ok "the old file is gone, the new one in place"; else not_ok "pack files after upgrade"; ls "$D/packs" | sed 's/^/# /'; fi
check "search finds the new exhibit" "$KIOSK" search 평화통일 --data "$D"
contains "$TMP/out" "/exhibit/second" "the new version is indexed"

before=$(snapshot "$D")
run_status 1 "an older version is refused" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
contains "$TMP/err" "is older than the installed version 1.1.0" "and the message says why"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "in one line" || not_ok "in one line"
[ "$(snapshot "$D")" = "$before" ] && ok "the refusal changed nothing" || not_ok "the refusal changed the data folder"
check "--allow-downgrade installs it anyway" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D" --allow-downgrade
check "and back up" "$KIOSK" pack install "$TMP/mini-2.zip" --data "$D"

# a pack that lint rejects is refused by install, naming the entry and line
mkdir -p "$TMP/evil"
(cd "$FIX/mini" && cp -r . "$TMP/evil/")
printf '# 하나\n\n<script>x</script>\n\n![도표](chart.png "도표")\n\n출처: 시험\n' >"$TMP/evil/01-intro/01-first/ko.md"
"$PY" - "$TMP/evil" "$TMP/evil.zip" <<'PYEOF'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(src):
        for f in sorted(files):
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, src))
PYEOF
before=$(snapshot "$D")
run_status 1 "a pack with content errors is refused" "$KIOSK" pack install "$TMP/evil.zip" --data "$D"
contains "$TMP/err" "kiosk: pack install: $TMP/evil.zip:01-intro/01-first/ko.md:3: raw HTML cannot be shown" "naming the pack, entry, line and rule"
[ "$(snapshot "$D")" = "$before" ] && ok "nothing changed" || not_ok "the data folder changed"
run_status 1 "verify refuses it the same way" "$KIOSK" pack verify "$TMP/evil.zip"
contains "$TMP/err" "01-intro/01-first/ko.md:3: raw HTML" "verify names the entry"

run_status 1 "install of a missing file fails" "$KIOSK" pack install "$TMP/none.zip" --data "$D"
contains "$TMP/err" "none.zip" "naming the file"
run_status 1 "a refused first install creates nothing" "$KIOSK" pack install "$TMP/evil.zip" --data "$TMP/fresh"
[ ! -e "$TMP/fresh" ] && ok "no data folder appeared" || not_ok "a data folder appeared"

# remove
check "pack remove" "$KIOSK" pack remove mini --data "$D"
[ ! -e "$D/packs/mini-1.1.0.zip" ] && ok "its file is removed" || not_ok "its file is left"
check "list after remove" "$KIOSK" pack list --data "$D"
lacks "$TMP/out" "mini" "mini is no longer listed"
run_status 1 "removing it again fails" "$KIOSK" pack remove mini --data "$D"
contains "$TMP/err" "no pack 'mini' is installed" "and says so"

# leftovers of an interrupted install are cleaned by the next one
: >"$D/packs/.incoming-x-1.zip"
: >"$D/packs/stray.zip"
check "install after a crash" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
[ ! -e "$D/packs/.incoming-x-1.zip" ] && [ ! -e "$D/packs/stray.zip" ] && ok "leftovers are removed" || not_ok "leftovers remain"

# the data folder from the environment and from the config file
KIOSK_DATA="$D" "$KIOSK" pack list >"$TMP/out" 2>&1
contains "$TMP/out" "defectors-day" "KIOSK_DATA names the data folder"
printf '[kiosk]\ndata_dir = %s\n' "$D" >"$TMP/kiosk.ini"
"$KIOSK" pack list --config "$TMP/kiosk.ini" >"$TMP/out" 2>&1
contains "$TMP/out" "defectors-day" "the config file's data_dir is used"
# --config and --data before the command, as well as after it
check "--config before the command" "$KIOSK" --config "$TMP/kiosk.ini" pack list
contains "$TMP/out" "defectors-day" "reads the same config file"
check "--data= before the command" "$KIOSK" --data="$D" search 34121 --lang en
contains "$TMP/out" "/exhibit/arrivals-by-2024 [en]" "and searches that data folder"
run_status 2 "--config with no command" "$KIOSK" --config "$TMP/kiosk.ini"
contains "$TMP/err" "kiosk: --config: a command must follow" "says a command must follow"
printf '[kiosk]\nbogus = 1\n' >"$TMP/bad.ini"
run_status 1 "a bad config key is an error" "$KIOSK" pack list --config "$TMP/bad.ini"
contains "$TMP/err" "bad.ini:2: unknown key 'bogus' in [kiosk] (known: data_dir, idle_seconds, prompt_seconds, hours, default_language, allow_exit)" \
	"naming the file, the key and the keys the section has"
printf '[kiosk]\nidel_seconds = 5\n' >"$TMP/bad.ini"
run_status 1 "a misspelt config key is an error" "$KIOSK" pack list --config "$TMP/bad.ini"
contains "$TMP/err" "bad.ini:2: unknown key 'idel_seconds' in [kiosk]; did you mean 'idle_seconds'?" "that names the key it is near"
printf '[pack]\nallow_unsigned = true\n' >"$TMP/bad.ini"
run_status 1 "a key in a section that does not exist is an error" "$KIOSK" pack list --config "$TMP/bad.ini"
contains "$TMP/err" "unknown key 'allow_unsigned' in [pack], which is not a section (known: kiosk, screen, packs, audio)" \
	"that names the sections"
# every fault of a config at once, in the order of the file, each with its line
printf '[kiosk]\nidle_seconds = 2\n; a comment\nthis line is wrong\n[screen]\nreach = maybe\n[audio]\nvolume = 300\n' >"$TMP/bad.ini"
run_status 1 "a config with four faults is an error" "$KIOSK" pack list --config "$TMP/bad.ini"
printf '%s\n' "kiosk: pack list: $TMP/bad.ini:2: 'idle_seconds' must be a whole number from 5 to 86400" \
	"$TMP/bad.ini:4: not a 'key = value' line" "$TMP/bad.ini:6: 'reach' must be true or false" \
	"$TMP/bad.ini:8: 'volume' must be a whole number from 0 to 100" >"$TMP/want"
same "$TMP/err" "$TMP/want" "each fault is named, one line each, in the order of the file"
{ printf '[screen]\n'; for i in 1 2 3 4 5 6 7; do printf 'reach = x%s\n' $i; done; } >"$TMP/bad.ini"
run_status 1 "a config with seven faults is an error" "$KIOSK" pack list --config "$TMP/bad.ini"
[ "$(wc -l <"$TMP/err")" -eq 6 ] && contains "$TMP/err" "$TMP/bad.ini: and 2 more errors" "five are named and the rest counted" ||
	{ not_ok "$(wc -l <"$TMP/err") lines for seven faults"; sed 's/^/# /' "$TMP/err"; }
contains "$TMP/err" "$TMP/bad.ini:6: 'reach' must be true or false" "(a key set again is found on its own line)"
# a long comment is a comment; a long setting is one error on its own line; # after
# a space ends a value as ; does; a folder or a missing file says why it cannot be read
{ printf '[kiosk]\n; %0300d\nidle_seconds = 30 # half a minute\n' 0; printf 'data_dir = /tmp/%0250d\n' 0; printf 'prompt_seconds = 1\n'; } >"$TMP/long.ini"
run_status 1 "a setting longer than a line is an error" "$KIOSK" pack list --config "$TMP/long.ini"
printf '%s\n' "kiosk: pack list: $TMP/long.ini:4: the line is longer than 198 bytes" \
	"$TMP/long.ini:5: 'prompt_seconds' must be a whole number from 3 to 600" >"$TMP/want"
same "$TMP/err" "$TMP/want" "the long comment and the # comment pass; the long line and the next are named"
check "a config of /dev/null is an empty one" "$KIOSK" pack list --config /dev/null --data "$D"
run_status 1 "a config that is a folder is an error" "$KIOSK" pack list --config "$TMP" --data "$D"
contains "$TMP/err" "$TMP: cannot read the config file: it is a folder" "that says so"
# a config from a pipe is read to its end; one over 1 MiB is refused by name
mkfifo "$TMP/pipe.ini"
printf '[kiosk]\nidle_seconds = 30\n' >"$TMP/pipe.ini" &
check "a config read from a pipe" "$KIOSK" pack list --config "$TMP/pipe.ini" --data "$D"
wait
head -c 1048577 /dev/zero | tr '\0' ';' >"$TMP/huge.ini"
run_status 1 "a config over 1 MiB is an error" "$KIOSK" pack list --config "$TMP/huge.ini" --data "$D"
contains "$TMP/err" "$TMP/huge.ini: cannot read the config file: over the 1048576 byte limit" "that says so"

# On one CPU an install does all its work on one thread (core/cpu.h): pinned to one
# core, it writes the same catalog as with its helper threads
dump_catalog() {
	"$PY" -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
for t in ('node','page','media','narration','warning','exhibit_range','page_fts_data','page_fts_idx'):
    for r in c.execute('select * from %s order by 1, 2' % t):
        print(t, repr(r))
" "$1/catalog.db"
}
rm -rf "$TMP/one" "$TMP/all"
check "an install pinned to one core" taskset -c 0 "$KIOSK" pack install "$TMP/dd.zip" --data "$TMP/one"
check "an install on every core" "$KIOSK" pack install "$TMP/dd.zip" --data "$TMP/all"
dump_catalog "$TMP/one" >"$TMP/one.dump"
dump_catalog "$TMP/all" >"$TMP/all.dump"
[ -s "$TMP/one.dump" ] && [ "$(grep -c '^page ' "$TMP/one.dump")" -gt 20 ] && ok "the catalog has the pages" ||
	not_ok "no pages in the catalog"
same "$TMP/one.dump" "$TMP/all.dump" "both catalogs hold the same pages and the same search index"
