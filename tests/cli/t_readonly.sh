# A data folder on a file system mounted read-only (a locked-down kiosk, a write-
# protected USB stick): the kiosk, search and doctor work and say it is read-only;
# install and remove refuse with one line and change nothing. The folder is bind-
# mounted read-only in a mount namespace of this test's own.
if [ -z "${KIOSK_RO_NS:-}" ]; then
	for how in "-m" "-rm"; do
		if unshare $how true 2>/dev/null; then
			KIOSK_RO_NS=1 exec unshare $how sh "$0"
		fi
	done
	echo "ok - read-only mounts # SKIP no mount namespace here (needs root or user namespaces)"
	exit 0
fi
. "$TOP/tests/cli/lib.sh"

D="$TMP/data" W="$TMP/wal"
# the mounts go first, or the folder could not be removed
trap 'umount "$W" "$TMP/noshm" "$D" 2>/dev/null; rm -rf "$TMP"' EXIT
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini.zip" >/dev/null || not_ok "build mini"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null || not_ok "build demo"
"$KIOSK" pack install "$TMP/mini.zip" --data "$D" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
"$KIOSK" shot --route /attract --out "$TMP/attract-rw.png" --data "$D" 2>/dev/null

# read_only DIR: bind-mount DIR onto itself, read-only
read_only() { mount --bind "$1" "$1" && mount -o remount,ro,bind "$1"; }
# pixel PNG X Y: the colour at (X, Y) as "r g b"
pixel() { pngtopnm "$1" | pamcut "$2" "$3" 1 1 | pamtopnm -plain 2>/dev/null | tail -n 1 | xargs; }

if read_only "$D" && ! touch "$D/probe" 2>/dev/null; then ok "the data folder is mounted read-only"; else
	not_ok "cannot mount the data folder read-only"; exit 0; fi
before=$(snapshot "$D")

check "search works on a read-only catalog" "$KIOSK" search 인권 --lang ko --data "$D"
contains "$TMP/out" "/exhibit/the-un-inquiry" "and finds the exhibits"
check "pack list works" "$KIOSK" pack list --data "$D"
contains "$TMP/out" "defectors-day	1.0.0" "and lists the packs"

check "the attract screen draws" "$KIOSK" shot --route /attract --check --out "$TMP/attract-ro.png" --data "$D"
contains "$TMP/err" "kiosk: $D is on a read-only file system: showing what is installed; packs cannot be installed or removed" \
	"and tells the technician on standard error"
# the notice is a band across the top of the attract screen
[ "$(pixel "$TMP/attract-ro.png" 4 4)" = "92 61 0" ] && ok "and on the screen" ||
	not_ok "no read-only band on the attract screen (pixel $(pixel "$TMP/attract-ro.png" 4 4))"
[ "$(pixel "$TMP/attract-rw.png" 4 4)" != "92 61 0" ] && ok "which a writable folder does not show" ||
	not_ok "the band shows on a writable folder too"
check "an exhibit with a picture draws" "$KIOSK" shot --route /exhibit/the-decision --size 390x844 --check \
	--out "$TMP/exhibit-ro.png" --data "$D"
check "the image viewer draws" "$KIOSK" shot --route /image/the-decision/0 --out "$TMP/viewer-ro.png" --data "$D"

check "doctor works" "$KIOSK" doctor --data "$D"
contains "$TMP/out" "integrity ok, every page's text reads, search index not checked (read-only file system)" "and checks the catalog"
contains "$TMP/out" "note: $D is on a read-only file system" "and says the folder is read-only"
contains "$TMP/out" "sha256 ok" "and checks the pack files"

run_status 1 "install is refused" "$KIOSK" pack install "$TMP/mini.zip" --data "$D" --allow-downgrade
same_line() { [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -qF "$1" "$TMP/err"; }
same_line "kiosk: pack install: $D: read-only file system: nothing can be installed until it is mounted writable" &&
	ok "with one line saying why" || { not_ok "install's message"; sed 's/^/# /' "$TMP/err"; }
run_status 1 "remove is refused" "$KIOSK" pack remove mini --data "$D"
same_line "kiosk: pack remove: $D: read-only file system: nothing can be removed until it is mounted writable" &&
	ok "with one line saying why" || { not_ok "remove's message"; sed 's/^/# /' "$TMP/err"; }
[ "$(snapshot "$D")" = "$before" ] && ok "nothing in the folder changed" || not_ok "the read-only folder changed"

# the real window, if there is an X server to be had
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
	start_xvfb 1280 800
	"$KIOSK" run --data "$D" --window 1280x800 --route /exhibit/the-decision --bench-start >"$TMP/out" 2>"$TMP/err"
	st=$?
	kill "$xvfb" 2>/dev/null
	[ $st -eq 0 ] && grep -q "^first-frame" "$TMP/out" && ok "the kiosk window opens and draws" ||
		{ not_ok "kiosk run on a read-only folder (status $st)"; sed 's/^/# /' "$TMP/out" "$TMP/err"; }
	contains "$TMP/err" "is on a read-only file system" "and says it is read-only"
fi

# A catalog whose last writer was cut off: committed changes still in catalog.db-wal.
mkdir -p "$W" && cp -r "$D/." "$W/"
"$PY" - "$W/catalog.db" <<'EOF'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("UPDATE pack_title SET title = 'Changed in the WAL' WHERE pack_id = 'mini' AND lang = 'ko'")
os._exit(0)  # as a power cut would: the WAL and its index stay
EOF
[ -s "$W/catalog.db-wal" ] && [ -e "$W/catalog.db-shm" ] && ok "a catalog with changes left in its WAL" ||
	not_ok "no WAL left to test with"
cp -r "$W" "$TMP/noshm" && rm -f "$TMP/noshm/catalog.db-shm"
read_only "$W" && read_only "$TMP/noshm"
check "is read with its WAL index beside it" "$KIOSK" pack list --data "$W"
contains "$TMP/out" "Changed in the WAL" "including the changes in the WAL"
run_status 1 "without its WAL index it is refused" "$KIOSK" pack list --data "$TMP/noshm"
contains "$TMP/err" "$TMP/noshm/catalog.db: on a read-only file system with changes still in $TMP/noshm/catalog.db-wal: mount it writable once" \
	"saying what to do"
