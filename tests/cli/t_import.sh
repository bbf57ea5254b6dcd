# USB import: `kiosk import MOUNTPOINT` on a FAT image as a stick would carry it
# (loop-mounted read-only where the kernel allows it, else filled with mtools and
# copied out to a plain folder), a copy killed midway, and the udev rule and the
# systemd unit that run it when a stick is plugged in.
. "$TOP/tests/cli/lib.sh"

need_tools mkfs.vfat mcopy mmd
printf '[packs]\n' >"$TMP/strict.ini"
export KIOSK_CONFIG="$TMP/strict.ini"
D="$TMP/data"
mkdir -p "$D/keys"
"$KIOSK" key generate -o "$TMP/curator" >/dev/null
cp "$TMP/curator.pub" "$D/keys/"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini-1.0.0.zip" >/dev/null
"$KIOSK" pack sign "$TMP/mini-1.0.0.zip" --key "$TMP/curator.key" >/dev/null
cp "$TMP/mini-1.0.0.zip" "$TMP/loose-1.0.0.zip" # no signature beside it on the stick

# the stick: a FAT file system with kiosk/ holding a signed pack, an unsigned one
# and the litter an OS leaves
truncate -s 8M "$TMP/stick.img"
mkfs.vfat -n KIOSK "$TMP/stick.img" >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$TMP/stick.img" ::kiosk
mcopy -i "$TMP/stick.img" "$TMP/mini-1.0.0.zip" "$TMP/mini-1.0.0.zip.minisig" "$TMP/loose-1.0.0.zip" ::kiosk/
printf 'x' >"$TMP/._mini-1.0.0.zip"
mcopy -i "$TMP/stick.img" "$TMP/._mini-1.0.0.zip" ::kiosk/
M="$TMP/mnt"
mkdir -p "$M"
if mount -o loop,ro "$TMP/stick.img" "$M" 2>/dev/null; then
	echo "# the FAT image is loop-mounted read-only at $M"
	mounted=1
else
	# no loop mounts here (a container without the vfat module): the same files
	# taken out of the image with mtools into a plain folder
	echo "# loop mount unavailable: the FAT image's files are copied out with mtools into a plain folder"
	mounted=0
	mcopy -s -i "$TMP/stick.img" ::kiosk "$M/"
fi
trap '[ "$mounted" = 1 ] && umount "$M"; rm -rf "$TMP"' EXIT

run_status 1 "import copies the signed pack and refuses the unsigned one" "$KIOSK" import "$M" --data "$D"
contains "$TMP/out" "copied mini-1.0.0.zip into $D/inbox/" "naming what it copied"
contains "$TMP/err" "kiosk: import: $M/kiosk/loose-1.0.0.zip: no signature (loose-1.0.0.zip.minisig) beside it; not copied" \
	"and one line for the pack without its signature"
same "$D/inbox/mini-1.0.0.zip" "$TMP/mini-1.0.0.zip" "the pack arrives whole"
same "$D/inbox/mini-1.0.0.zip.minisig" "$TMP/mini-1.0.0.zip.minisig" "with its signature"
[ ! -e "$D/inbox/loose-1.0.0.zip" ] && ok "the unsigned zip stays on the stick" || not_ok "the unsigned zip was copied"
[ -z "$(ls -A "$D/inbox" | grep -v -e '^mini-1.0.0.zip' -e '^refused$')" ] && ok "nothing else in the inbox (no litter, no temporary)" ||
	not_ok "the inbox holds: $(ls -A "$D/inbox")"
check "the inbox installs it" "$KIOSK" inbox --data "$D"
contains "$TMP/out" "1 installed, 0 refused, 0 waiting" "and says so"
contains "$TMP/err" "kiosk: inbox: installed mini 1.0.0 from mini-1.0.0.zip" "in one log line"
[ ! -e "$D/inbox/mini-1.0.0.zip" ] && [ ! -e "$D/inbox/mini-1.0.0.zip.minisig" ] && ok "an installed pack leaves the inbox" ||
	not_ok "the installed pack is still in the inbox"
"$KIOSK" pack list --data "$D" >"$TMP/list"
contains "$TMP/list" "mini	1.0.0" "the pack is installed"

mkdir -p "$TMP/empty"
check "a stick without kiosk/ has nothing to import" "$KIOSK" import "$TMP/empty" --data "$D"
contains "$TMP/out" "no kiosk/ folder: nothing to import" "and says so"
run_status 1 "a mount point that is not there fails" "$KIOSK" import "$TMP/nowhere" --data "$D"
contains "$TMP/err" "kiosk: import: $TMP/nowhere: not a folder (is the stick mounted?)" "in one line"
run_status 2 "import needs a mount point" "$KIOSK" import --data "$D"

# pulled out (or killed) midway: never a partial pack under its real name
KILLAFTER="$BUILD/tests/killafter"
if [ -x "$KILLAFTER" ]; then
	mkdir -p "$TMP/big/kiosk"
	head -c 48000000 /dev/urandom >"$TMP/big/kiosk/big-1.0.0.zip"
	printf 'sig\n' >"$TMP/big/kiosk/big-1.0.0.zip.minisig"
	bad=0
	mid=0
	for delay in 2000 10000 30000 60000 120000; do
		rm -rf "$TMP/d2" && mkdir -p "$TMP/d2"
		"$KILLAFTER" "$delay" "$KIOSK" import "$TMP/big" --data "$TMP/d2" >/dev/null 2>&1
		if [ -e "$TMP/d2/inbox/big-1.0.0.zip" ] && ! cmp -s "$TMP/d2/inbox/big-1.0.0.zip" "$TMP/big/kiosk/big-1.0.0.zip"; then
			bad=1; not_ok "killed after ${delay}us: a partial big-1.0.0.zip under its real name"
		fi
		left=$(ls -A "$TMP/d2/inbox" 2>/dev/null | grep '^\.import-' | head -1)
		if [ -n "$left" ]; then
			mid=$((mid + 1))
			"$KIOSK" import "$TMP/empty" --data "$TMP/d2" >/dev/null 2>&1
			"$KIOSK" import "$TMP/big" --data "$TMP/d2" >/dev/null 2>&1
			[ -e "$TMP/d2/inbox/$left" ] && { bad=1; not_ok "the next import leaves the dead one's $left"; }
		fi
	done
	[ $bad = 0 ] && ok "an import killed at any point leaves no partial pack, and its temporary goes at the next import"
	[ $mid -gt 0 ] && ok "($mid of the kills came mid-copy)" || echo "# no kill came mid-copy on this machine"
else
	not_ok "killafter is not built (make crash-tools)"
fi

# the udev rule and the unit
U="$TMP/units"
mkdir -p "$U"
sed "s#/usr/bin/kiosk #$KIOSK #" "$TOP/packaging/systemd/kiosk-import@.service" >"$U/kiosk-import@.service"
cp "$U/kiosk-import@.service" "$U/kiosk-import@sdb1.service"
if command -v systemd-analyze >/dev/null; then
	(cd "$U" && systemd-analyze verify --man=no "$U/kiosk-import@sdb1.service") >"$TMP/verify" 2>&1 &&
		[ ! -s "$TMP/verify" ] && ok "systemd-analyze verify passes the import unit" ||
		{ not_ok "systemd-analyze verify on the import unit"; sed 's/^/# /' "$TMP/verify"; }
else
	not_ok "systemd-analyze is not installed"
fi
contains "$TOP/packaging/systemd/kiosk-import@.service" "--options=ro,nosuid,nodev,noexec /dev/%i" \
	"the unit mounts the stick read-only with systemd-mount"
contains "$TOP/packaging/udev/70-kiosk-import.rules" 'ENV{SYSTEMD_WANTS}+="kiosk-import@%k.service"' \
	"the rule starts the unit, not a mount of its own"
if command -v udevadm >/dev/null && udevadm verify --help >/dev/null 2>&1; then
	udevadm verify "$TOP/packaging/udev/70-kiosk-import.rules" >"$TMP/uv" 2>&1 && ok "udevadm verify passes the rule" ||
		{ not_ok "udevadm verify on the rule"; sed 's/^/# /' "$TMP/uv"; }
else
	echo "ok - udev rule not verified # SKIP udevadm verify needs systemd 254 or later"
fi
