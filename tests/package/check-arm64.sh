# check-arm64.sh DEB_DIR BUILD: the arm64 package `make deb ARCH=arm64` cross-built,
# its kiosk run under qemu-user-static (no binfmt needed: qemu-aarch64-static is called
# by name): --version, pack
# verify of the bundled demo pack, and a shot of the home screen compared with the
# amd64 kiosk's picture of the same pack. Prints ok / not ok lines; exit 1 on failure.
set -u
DIR=$1
BUILD=$2
TOP=$(cd "$(dirname "$0")/../.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-arm64.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failed=0
ok() { printf "ok - %s\n" "$*"; }
not_ok() { printf "not ok - %s\n" "$*"; failed=1; }

set -- "$DIR"/kiosk_*_arm64.deb
DEB=$1
[ -f "$DEB" ] && ok "arm64 package built: $(basename "$DEB")" || { not_ok "no arm64 package in $DIR"; exit 1; }
lintian --fail-on error "$DEB" >"$TMP/lintian" 2>&1 && ok "lintian: no errors" ||
	{ not_ok "lintian reports errors"; sed 's/^/# /' "$TMP/lintian"; }
dpkg-deb -f "$DEB" Architecture | grep -qx arm64 && ok "Architecture: arm64" || not_ok "not an arm64 package"
dpkg-deb -f "$DEB" Depends | grep -q libunibreak1 && ok "depends on libunibreak1" || not_ok "no libunibreak1 dependency"
dpkg-deb -x "$DEB" "$TMP/root"
K="$TMP/root/usr/bin/kiosk"
file "$K" | grep -q "ARM aarch64" && ok "/usr/bin/kiosk is an aarch64 program" || not_ok "$(file "$K")"

# the arm64 loader and libraries of Debian's multiarch folders (/lib/ld-linux-aarch64.so.1,
# /usr/lib/aarch64-linux-gnu), as installed by make deps-arm64; not the cross compiler's
# libc in /usr/aarch64-linux-gnu (QEMU_LD_PREFIX): mixing that loader with the multiarch
# libc leaves pthread_create spinning forever
unset QEMU_LD_PREFIX
export LD_LIBRARY_PATH="$TOP/build/arm64-extra/usr/lib"
Q="qemu-aarch64-static"
command -v $Q >/dev/null || { not_ok "qemu-aarch64-static is not installed (make deps-arm64)"; exit 1; }
t0=$(date +%s)
$Q "$K" --version >"$TMP/version" 2>&1 && ok "kiosk --version under qemu: $(head -1 "$TMP/version")" ||
	{ not_ok "kiosk --version under qemu"; sed 's/^/# /' "$TMP/version"; }
KIOSK_CONFIG=/dev/null $Q "$K" pack verify "$TMP/root/usr/share/kiosk/packs/defectors-day.zip" >"$TMP/verify" 2>&1
grep -q defectors-day "$TMP/verify" && ok "pack verify of the demo pack under qemu" ||
	{ not_ok "pack verify under qemu"; sed 's/^/# /' "$TMP/verify"; }
printf '[packs]\nallow_unsigned = true\n' >"$TMP/allow.ini"
KIOSK_CONFIG="$TMP/allow.ini" "$BUILD/kiosk" pack install "$TMP/root/usr/share/kiosk/packs/defectors-day.zip" \
	--data "$TMP/data" >/dev/null
# the package's own assets (the binary looks in /usr/share/kiosk/assets, not in the unpacked tree)
KIOSK_ASSETS="$TMP/root/usr/share/kiosk/assets" KIOSK_CONFIG="$TMP/allow.ini" $Q "$K" shot --data "$TMP/data" \
	--route / --size 1280x800 --out "$TMP/arm64.png" \
	>"$TMP/shot" 2>&1 || { not_ok "shot under qemu"; sed 's/^/# /' "$TMP/shot"; }
KIOSK_CONFIG="$TMP/allow.ini" "$BUILD/kiosk" shot --data "$TMP/data" --route / --size 1280x800 --out "$TMP/amd64.png"
"$BUILD/tests/pngdiff" "$TMP/amd64.png" "$TMP/arm64.png" "$TMP/diff.png" >"$TMP/diff" &&
	ok "the arm64 home screen is the amd64 one ($(cat "$TMP/diff"))" || not_ok "arm64 and amd64 pictures differ: $(cat "$TMP/diff")"
echo "# under qemu: $(($(date +%s) - t0)) s"
exit $failed
