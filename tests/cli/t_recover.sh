# A catalog lost or damaged while the packs are still in packs/ (deleted, cut to
# nothing, cut short, replaced by another database): the next install, remove or
# kiosk start makes it again from those packs, and never takes them for leftovers
# of an interrupted install and deletes them. Readers refuse it and change nothing;
# doctor says what the next start will do.
. "$TOP/tests/cli/lib.sh"

"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini-1.zip" >/dev/null || not_ok "build mini"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null || not_ok "build demo"
cp -r "$FIX/mini" "$TMP/mini2"
sed -i 's/^version = .*/version = 1.1.0/' "$TMP/mini2/pack.ini"
"$KIOSK" pack build "$TMP/mini2" -o "$TMP/mini-2.zip" >/dev/null || not_ok "build mini 1.1.0"

# fresh DIR: mini 1.0.0 and the demo pack installed in DIR
fresh() {
	rm -rf "$1"
	"$KIOSK" pack install "$TMP/mini-1.zip" --data "$1" >/dev/null 2>&1 &&
		"$KIOSK" pack install "$TMP/dd.zip" --data "$1" >/dev/null 2>&1 || not_ok "install into $1"
}
# both DIR WHAT: pack list shows both packs
both() {
	"$KIOSK" pack list --data "$1" >"$TMP/list" 2>&1
	if grep -q '^mini	' "$TMP/list" && grep -q '^defectors-day	1.0.0' "$TMP/list"; then ok "$2"; else
		not_ok "$2"; sed 's/^/# /' "$TMP/list"; fi
}

# 1. deleted: the next install of another version indexes both packs first
D="$TMP/d1"
fresh "$D"
rm "$D/catalog.db"
run_status 1 "doctor: a missing catalog with packs in packs/ is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "catalog.db is missing, while packs/ holds 2 pack files: the next kiosk start, pack install or remove indexes them again" \
	"doctor says the next start indexes them again"
lacks "$TMP/out" "leftover" "and does not call them leftovers"
check "install of a newer mini" "$KIOSK" pack install "$TMP/mini-2.zip" --data "$D"
contains "$TMP/err" "catalog.db was missing: indexed 2 packs again from $D/packs (defectors-day 1.0.0, mini 1.0.0)" \
	"install says it indexed the packs again, naming them"
contains "$TMP/out" "replacing version 1.0.0" "then replaces mini 1.0.0 as usual"
both "$D" "the demo pack is still installed"
[ -f "$D/packs/defectors-day-1.0.0.zip" ] && ok "its file was not deleted" || not_ok "defectors-day-1.0.0.zip deleted"
[ ! -e "$D/packs/mini-1.0.0.zip" ] && ok "the replaced version's file went" || not_ok "mini-1.0.0.zip kept"

# 2. cut to nothing: readers refuse it and leave it empty; remove indexes first
D="$TMP/d2"
fresh "$D"
: >"$D/catalog.db"
run_status 1 "pack list refuses an empty catalog" "$KIOSK" pack list --data "$D"
contains "$TMP/err" "catalog.db: not a kiosk catalog: it has no tables (an empty file?)" "with one line saying why"
contains "$TMP/err" "(the next kiosk start, pack install or pack remove makes it again from the packs; kiosk doctor says more)" \
	"and what will make it again"
[ ! -s "$D/catalog.db" ] && ok "and does not write a schema into it" || not_ok "pack list wrote into the empty catalog"
run_status 1 "doctor: an empty catalog is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "catalog.db: empty file, while packs/ holds 2 pack files" "doctor says it is empty"
check "remove the demo pack" "$KIOSK" pack remove defectors-day --data "$D"
contains "$TMP/err" "was damaged, kept as catalog.db.damaged: indexed 2 packs again" "remove indexed the packs first"
[ -f "$D/catalog.db.damaged" ] && ok "the damaged catalog is kept aside" || not_ok "no catalog.db.damaged"
check "doctor is healthy again" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "catalog.db.damaged: a damaged catalog, kept when the catalog was made again from packs/; it may be deleted" \
	"and notes the damaged catalog kept aside"
"$KIOSK" pack list --data "$D" >"$TMP/list" 2>&1
if grep -q '^mini	1.0.0' "$TMP/list" && ! grep -q defectors-day "$TMP/list"; then ok "mini stays, the demo pack went"; else
	not_ok "after remove"; sed 's/^/# /' "$TMP/list"; fi
[ -f "$D/packs/mini-1.0.0.zip" ] && ok "mini's file stays" || not_ok "mini-1.0.0.zip deleted"

# 3. cut short (a copy or a full disk): found by its header, indexed again
D="$TMP/d3"
fresh "$D"
size=$(stat -c %s "$D/catalog.db")
truncate -s $((size / 2)) "$D/catalog.db"
run_status 1 "doctor: a catalog cut short is a problem" "$KIOSK" doctor --data "$D"
contains "$TMP/err" "catalog.db: cut short: $((size / 2)) bytes of the $size its header gives" "doctor gives both sizes"
check "install the demo pack again" "$KIOSK" pack install "$TMP/dd.zip" --data "$D"
contains "$TMP/err" "was damaged, kept as catalog.db.damaged: indexed 2 packs again" "install indexed the packs first"
contains "$TMP/out" "already installed" "and found the demo pack installed"
both "$D" "both packs are installed"

# 4. another program's database in its place, and a zip in packs/ that no longer checks
D="$TMP/d4"
fresh "$D"
rm "$D/catalog.db"
"$PY" -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('create table t(a)')" "$D/catalog.db"
printf 'not a zip' >"$D/packs/broken-1.0.0.zip"
check "install of a newer mini" "$KIOSK" pack install "$TMP/mini-2.zip" --data "$D"
contains "$TMP/err" "indexed 2 packs again" "the two good packs are indexed"
contains "$TMP/err" "left out: $D/packs/broken-1.0.0.zip" "the broken zip is named as left out"
both "$D" "both good packs are installed"
[ -f "$D/left-out/broken-1.0.0.zip" ] && [ ! -e "$D/packs/broken-1.0.0.zip" ] &&
	ok "the broken zip is moved to left-out/, where nothing deletes it" || not_ok "broken-1.0.0.zip: $(ls "$D" "$D/packs")"
contains "$TMP/err" "(moved to $D/left-out/)" "the note says where it went"
"$KIOSK" doctor --data "$D" >"$TMP/out" 2>&1
contains "$TMP/out" "$D/left-out holds 1 pack file that did not check when the catalog was made again from packs/" \
	"doctor notes it"

# 4a. a write that fails while the catalog is made again (a full disk, a read error),
# at each write of the install in turn: the install fails and no pack file is lost,
# or it succeeds with every pack
SO="$BUILD/tests/faultfs.so"
[ -f "$SO" ] || { not_ok "$SO is missing: build it with make crash-tools"; exit 1; }
fresh "$TMP/base4a"
rm "$TMP/base4a/catalog.db"
D="$TMP/d4a"
cp -a "$TMP/base4a" "$D"
# (under ASan, the preloaded shim comes before its runtime)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
LD_PRELOAD="$SO" FAULT_PATH="$D" FAULT_COUNT_FILE="$TMP/count4a" \
	"$KIOSK" pack install "$TMP/mini-2.zip" --data "$D" >"$TMP/out" 2>&1 ||
	{ not_ok "the install without a fault"; sed 's/^/# /' "$TMP/out"; }
count=$(cat "$TMP/count4a" 2>/dev/null)
[ "${count:-0}" -gt 0 ] || { not_ok "no write was counted"; count=0; }
lost=0 failed=0 n=1
while [ $n -le "$count" ]; do
	for err in ENOSPC EIO; do
		rm -rf "$D"
		cp -a "$TMP/base4a" "$D"
		if LD_PRELOAD="$SO" FAULT_PATH="$D" FAULT_AT=$n FAULT_ERRNO=$err \
			"$KIOSK" pack install "$TMP/mini-2.zip" --data "$D" >"$TMP/out" 2>"$TMP/err"; then
			want="defectors-day-1.0.0.zip mini-1.1.0.zip"
		else
			failed=$((failed + 1))
			want="defectors-day-1.0.0.zip mini-1.0.0.zip"
		fi
		got=$(ls "$D/packs" | tr '\n' ' ')
		[ "$got" = "$want " ] || { lost=$((lost + 1)); echo "# call $n, $err: packs/ holds $got, not $want"; sed 's/^/# /' "$TMP/err"; }
	done
	n=$((n + 1))
done
[ $lost -eq 0 ] && [ $count -gt 0 ] && ok "each of the $count writes failed in turn ($failed failed installs): no pack file is lost" ||
	not_ok "$lost faulted installs lost a pack file"

# 4b. another program's database and no packs at all: put aside, and the install goes on
D="$TMP/d4b"
mkdir -p "$D/packs"
"$PY" -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('create table t(a)')" "$D/catalog.db"
check "install into a folder with a foreign catalog and no packs" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
contains "$TMP/err" "kept as catalog.db.damaged; no pack files to index again" "it says the catalog was put aside"
"$KIOSK" pack list --data "$D" >"$TMP/list" 2>&1
grep -q '^mini	1.0.0' "$TMP/list" && ok "and mini is installed" || { not_ok "mini not listed"; sed 's/^/# /' "$TMP/list"; }

# 5. nothing to do: a missing catalog and no packs, or a sound catalog, change nothing
D="$TMP/d5"
fresh "$D"
before=$(snapshot "$D")
check "pack list on a sound catalog" "$KIOSK" pack list --data "$D"
check "the same pack again" "$KIOSK" pack install "$TMP/dd.zip" --data "$D"
lacks "$TMP/err" "indexed" "a sound catalog is not made again"
[ "$before" = "$(snapshot "$D")" ] && ok "nothing in the folder changed" || not_ok "the folder changed"

# 6. a first install cut off after its pack file went into place and before its
# catalog, made under a temporary name, did: the same install again makes the
# catalog from the pack (the temporary file, which may be half written, is not used)
D="$TMP/d6"
rm -rf "$D"
"$KIOSK" pack install "$TMP/mini-1.zip" --data "$D" >/dev/null 2>&1 || not_ok "install into $D"
mv "$D/catalog.db" "$D/.incoming-catalog.db"
truncate -s $(($(wc -c <"$D/.incoming-catalog.db") / 2)) "$D/.incoming-catalog.db"
run_status 1 "doctor: a first install cut off before its catalog went into place is a problem" \
	"$KIOSK" doctor --data "$D"
contains "$TMP/err" "catalog.db is missing, while packs/ holds 1 pack file: the next kiosk start, pack install or remove indexes it again" \
	"doctor says the next start indexes the pack"
contains "$TMP/out" "leftover: .incoming-catalog.db (the next kiosk start or pack install deletes it)" \
	"and names the catalog that was being made"
check "the same install again" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
contains "$TMP/err" "catalog.db was missing: indexed 1 pack again from $D/packs (mini 1.0.0)" \
	"indexes the pack from packs/"
contains "$TMP/out" "mini 1.0.0 is already installed" "and finds it installed"
set -- "$D"/.incoming-*
[ ! -e "$1" ] && ok "the catalog being made is gone" || not_ok "left: $*"
check "doctor is healthy" "$KIOSK" doctor --data "$D"

# 7. kiosk run at start, under Xvfb: the catalog cut short is made again before it is opened
need_tools Xvfb xdotool
D="$TMP/d7"
fresh "$D"
truncate -s $((size / 2)) "$D/catalog.db"
start_xvfb 800 600
# while an install holds the folder, a start does not wait for it: that install makes the catalog again
timeout 20 flock "$D" "$KIOSK" run --data "$D" --window 800x600 --bench-start >"$TMP/out" 2>"$TMP/err"
status=$?
[ $status -ne 124 ] && ok "a start while an install holds the folder does not wait for it" ||
	not_ok "kiosk run waited for the folder lock"
[ -f "$D/catalog.db" ] && [ ! -e "$D/catalog.db.damaged" ] && ok "and leaves the catalog to it" ||
	not_ok "the catalog was made again under an install's lock"
"$KIOSK" run --data "$D" --window 800x600 --bench-start >"$TMP/out" 2>"$TMP/err"
status=$?
# 8. a first install cut off before its pack file went into place: no catalog, and
# the two files it was making, which the start deletes
D8="$TMP/d8"
mkdir -p "$D8/packs"
cp "$TMP/mini-1.zip" "$D8/packs/.incoming-mini-1.0.0.zip"
printf 'half a catalog' >"$D8/.incoming-catalog.db"
"$KIOSK" run --data "$D8" --window 800x600 --bench-start >"$TMP/out8" 2>"$TMP/err8"
kill $xvfb 2>/dev/null
wait $xvfb 2>/dev/null
[ $status -eq 0 ] && ok "the kiosk starts on a catalog cut short" || { not_ok "kiosk run: status $status"; sed 's/^/# /' "$TMP/err"; }
contains "$TMP/err" "was damaged, kept as catalog.db.damaged: indexed 2 packs again" "it says it indexed the packs again"
contains "$TMP/err" "pack loaded: defectors-day 1.0.0" "and shows the demo pack"
contains "$TMP/err8" "removed 2 files left by an interrupted install" \
	"a start with no catalog deletes what a first install cut off was making"
[ -z "$(ls -A "$D8" "$D8/packs" | grep incoming)" ] && ok "both files are gone" ||
	not_ok "left: $(ls -A "$D8" "$D8/packs" | tr '\n' ' ')"

# 9. a pack over the default limits (20,001 more entries), installed under limits the
# config raised: its picture shows, and it is indexed again from packs/, under the
# default limits as under any others (it is not taken for a damaged zip)
D="$TMP/d9"
rm -rf "$D"
cp "$TMP/mini-1.zip" "$TMP/many.zip"
python3 - "$TMP/many.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "a") as z:
    for i in range(20001):
        z.writestr(zipfile.ZipInfo("e/%05d" % i), b"")
PY
printf '[packs]\nallow_unsigned = true\nmax_entries = 65535\n' >"$TMP/raised.ini"
run_status 1 "a pack of 20,009 entries is refused under the default limits" \
	"$KIOSK" pack install "$TMP/many.zip" --data "$D"
contains "$TMP/err" "20009 entries, over the limit of 20000" "which the refusal names"
check "and installs under raised limits" "$KIOSK" pack install "$TMP/many.zip" --data "$D" --config "$TMP/raised.ini"
check "an exhibit of it is drawn under the default limits" \
	"$KIOSK" shot --data "$D" --route /exhibit/first --size 800x600 --items --out "$TMP/s9.png"
contains "$TMP/out" "image 01-intro/01-first/chart.png" "with its picture"
lacks "$TMP/err" "cannot open the pack" "which the kiosk opens"
rm "$D/catalog.db"
check "with its catalog lost, an install under the default limits" \
	"$KIOSK" pack install "$TMP/dd.zip" --data "$D"
contains "$TMP/err" "catalog.db was missing: indexed 1 pack again from $D/packs (mini 1.0.0)" \
	"indexes it again first"
both "$D" "both packs are installed"
[ ! -e "$D/left-out" ] && ok "nothing was moved to left-out/" || not_ok "left out: $(ls "$D/left-out")"
