#!/bin/sh
# install-deps-arm64.sh EXTRA_DIR: the tools to cross-build the arm64 package
# (make deb ARCH=arm64) and run it under qemu (make test-arm64) on an amd64 Debian 12
# machine: the arm64 architecture in dpkg, crossbuild-essential-arm64, qemu-user-static,
# and the arm64 -dev packages of every library (Debian multiarch: beside the amd64 ones).
# Two exceptions, found here: libunibreak-dev is not Multi-Arch: same in Debian 12, so
# installing the arm64 one would remove the amd64 one: its arm64 files are unpacked
# into EXTRA_DIR instead (the build reads its .pc and library from there). And JACK 1
# (libjack-dev, pulled in by SDL2_mixer through FluidSynth) cannot be co-installed
# either: JACK 2 (libjack-jackd2-dev) replaces it. Refuses to go on if apt would remove
# anything else. A no-op when all are there.
set -e
EXTRA=${1:?usage: install-deps-arm64.sh EXTRA_DIR}
DEV="libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsdl2-mixer-dev libzip-dev libsqlite3-dev
libfontconfig-dev libcmark-dev libinih-dev libsodium-dev libssl-dev libutf8proc-dev libpng-dev
libjpeg-dev libwebp-dev libhangul-dev libsystemd-dev libcairo2-dev libjack-jackd2-dev zlib1g-dev"
PKGS="crossbuild-essential-arm64 qemu-user-static libjack-jackd2-dev"
for p in $DEV; do PKGS="$PKGS $p:arm64"; done
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
	dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
	$SUDO apt-get update -qq
	$SUDO apt-get install -s --no-install-recommends $missing >"${TMPDIR:-/tmp}/kiosk-arm64-plan" 2>&1 ||
		{ cat "${TMPDIR:-/tmp}/kiosk-arm64-plan" >&2; exit 1; }
	if grep '^Remv ' "${TMPDIR:-/tmp}/kiosk-arm64-plan" | grep -v '^Remv libjack-dev \|^Remv libjack0 ' | grep -q .; then
		echo "kiosk: install-deps-arm64: apt would remove packages to install the arm64 libraries:" >&2
		grep '^Remv ' "${TMPDIR:-/tmp}/kiosk-arm64-plan" >&2
		exit 1
	fi
	echo "kiosk: installing for arm64:$missing"
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if [ ! -e "$EXTRA/usr/lib/pkgconfig/libunibreak.pc" ]; then
	mkdir -p "$EXTRA/debs"
	(cd "$EXTRA/debs" && chmod 777 . && apt-get download -qq libunibreak-dev:arm64 libunibreak1:arm64)
	for d in "$EXTRA"/debs/*.deb; do dpkg-deb -x "$d" "$EXTRA"; done
	# the .pc names /usr: point it at EXTRA_DIR
	sed -i "s#^prefix=.*#prefix=$(cd "$EXTRA" && pwd)/usr#" "$EXTRA/usr/lib/pkgconfig/libunibreak.pc"
fi
