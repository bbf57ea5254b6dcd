# check-deb.sh DEB_DIR ARCH: what `make test-deb` checks on the package `make deb`
# built: lintian reports no errors; it installs what a kiosk needs; its conffile,
# units, sysusers and tmpfiles are right; and its own kiosk, run from the unpacked
# package, installs the bundled demo pack on the first start.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 when any check failed.
set -u
DIR=$1
ARCH=$2
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-deb.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failed=0
ok() { printf "ok - %s\n" "$*"; }
not_ok() { printf "not ok - %s\n" "$*"; failed=1; }

set -- "$DIR"/kiosk_*_"$ARCH".deb
DEB=$1
[ -f "$DEB" ] && ok "package built: $(basename "$DEB") ($(du -k "$DEB" | cut -f1) KiB)" || { not_ok "no package in $DIR"; exit 1; }

lintian --fail-on error --tag-display-limit 0 "$DEB" >"$TMP/lintian" 2>&1
st=$?
sed 's/^/# lintian: /' "$TMP/lintian"
[ $st -eq 0 ] && ! grep -q '^E:' "$TMP/lintian" && ok "lintian: no errors ($(grep -c '^W:' "$TMP/lintian") warnings)" ||
	not_ok "lintian reports errors"

dpkg-deb -c "$DEB" | awk '{ print $6 }' | sed 's#^\./#/#' >"$TMP/files"
for f in /usr/bin/kiosk /usr/share/kiosk/packs/defectors-day.zip /etc/kiosk/kiosk.ini \
	/lib/systemd/system/kiosk.service /usr/lib/sysusers.d/kiosk.conf /usr/lib/tmpfiles.d/kiosk.conf \
	/etc/pam.d/kiosk /usr/share/man/man1/kiosk.1.gz /usr/share/bash-completion/completions/kiosk \
	/usr/share/doc/kiosk/deploy.md.gz; do
	grep -qx "$f" "$TMP/files" && ok "installs $f" || not_ok "does not install $f"
done
if [ -d "$TOP/assets" ]; then
	grep -q '^/usr/share/kiosk/assets/' "$TMP/files" && ok "installs the assets under /usr/share/kiosk/assets" ||
		not_ok "the assets are missing"
fi
dpkg-deb -f "$DEB" Depends >"$TMP/depends"
# SDL2_mixer, SDL2_image, libzip and cairo are loaded, not linked: dpkg-shlibdeps cannot see them
for d in libsdl2-2.0-0 libsqlite3-0 cage fonts-noto-cjk libsdl2-mixer-2.0-0 libsdl2-image-2.0-0 libzip4 libcairo2; do
	grep -q "$d" "$TMP/depends" && ok "depends on $d" || not_ok "no dependency on $d"
done
dpkg-deb -e "$DEB" "$TMP/control"
grep -qx /etc/kiosk/kiosk.ini "$TMP/control/conffiles" && ok "/etc/kiosk/kiosk.ini is a conffile" ||
	not_ok "kiosk.ini is not a conffile"
grep -q "systemd-sysusers" "$TMP/control/postinst" && grep -q "systemd-tmpfiles" "$TMP/control/postinst" &&
	ok "postinst makes the kiosk user, then its folder" || not_ok "postinst lacks sysusers or tmpfiles"
grep -q "debian-installed 'kiosk.service'" "$TMP/control/postinst" && ! grep -q "deb-systemd-invoke" "$TMP/control/postinst" &&
	ok "the service is neither enabled nor started by the install: the technician enables it" ||
	not_ok "the package enables or starts the service by itself"

dpkg-deb -x "$DEB" "$TMP/root"
systemd-analyze verify --man=no "$TMP/root/lib/systemd/system/kiosk.service" >"$TMP/verify" 2>&1 &&
	ok "systemd-analyze verify: the packaged kiosk.service" || { not_ok "the packaged unit"; sed 's/^/# /' "$TMP/verify"; }
mkdir -p "$TMP/sysroot/etc"
systemd-sysusers --root="$TMP/sysroot" "$TMP/root/usr/lib/sysusers.d/kiosk.conf" >/dev/null 2>&1 &&
	systemd-tmpfiles --root="$TMP/sysroot" --create "$TMP/root/usr/lib/tmpfiles.d/kiosk.conf" &&
	[ "$(stat -c %U "$TMP/sysroot/var/lib/kiosk" 2>/dev/null)" != root ] &&
	ok "sysusers and tmpfiles: /var/lib/kiosk belongs to the kiosk user" || not_ok "sysusers or tmpfiles"

# the packaged program: on this architecture, run it
if [ "$ARCH" = "$(dpkg --print-architecture)" ]; then
	K="$TMP/root/usr/bin/kiosk"
	"$K" --version >"$TMP/version" && grep -q "^kiosk $(dpkg-deb -f "$DEB" Version | cut -d- -f1)\$" "$TMP/version" &&
		ok "kiosk --version: $(head -1 "$TMP/version")" || not_ok "kiosk --version"
	KIOSK_CONFIG=/dev/null "$K" pack verify "$TMP/root/usr/share/kiosk/packs/defectors-day.zip" >"$TMP/verify" 2>&1
	grep -q "defectors-day" "$TMP/verify" && ok "the demo pack reads" || { not_ok "the demo pack"; sed 's/^/# /' "$TMP/verify"; }
	# first start: the bundled pack comes from the package's share folder, trusted by place
	chmod -R go-w "$TMP/root/usr/share/kiosk"
	printf '[kiosk]\n' >"$TMP/empty.ini"
	SDL_VIDEODRIVER=offscreen KIOSK_SHARE_DIR="$TMP/root/usr/share/kiosk" KIOSK_CONFIG="$TMP/empty.ini" \
		"$K" run --data "$TMP/data" --bench-start >/dev/null 2>"$TMP/run.err"
	grep -q "first start: installed the bundled pack defectors-day" "$TMP/run.err" &&
		ok "the first start installs the demo pack" || { not_ok "no demo pack on the first start"; sed 's/^/# /' "$TMP/run.err"; }
fi
exit $failed
