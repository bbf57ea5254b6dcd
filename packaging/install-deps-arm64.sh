#!/bin/sh
# The tools to cross-build the arm64 package (make deb ARCH=arm64) and run it under
# qemu (make test-arm64) on an amd64 Debian 12 machine: the arm64 architecture in dpkg,
# crossbuild-essential-arm64, qemu-user-static, and the arm64 -dev packages of every
# library (Debian multiarch: they install beside the amd64 ones). Refuses to go on if
# apt would remove anything. A no-op when all are there.
set -e
DEV="libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsdl2-mixer-dev libzip-dev libsqlite3-dev
libunibreak-dev libfontconfig-dev libcmark-dev libinih-dev libsodium-dev libutf8proc-dev libpng-dev
libjpeg-dev libwebp-dev libhangul-dev libsystemd-dev libcairo2-dev"
PKGS="crossbuild-essential-arm64 qemu-user-static"
for p in $DEV; do PKGS="$PKGS $p:arm64"; done
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
$SUDO apt-get update -qq
if $SUDO apt-get install -s --no-install-recommends $missing | grep -q '^Remv '; then
	echo "kiosk: install-deps-arm64: apt would remove packages to install the arm64 libraries:" >&2
	$SUDO apt-get install -s --no-install-recommends $missing | grep '^Remv ' >&2
	exit 1
fi
echo "kiosk: installing for arm64:$missing"
$SUDO apt-get install -y -qq --no-install-recommends $missing
