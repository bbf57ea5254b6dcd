#!/bin/sh
# Install the Debian packages kiosk needs to build, test and run; a no-op when all are there.
set -e
PKGS="build-essential pkg-config python3 zip unzip
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libzip-dev libsqlite3-dev libunibreak-dev
libfontconfig-dev libcmark-dev libinih-dev libsodium-dev libssl-dev libutf8proc-dev
libpng-dev libjpeg-dev libwebp-dev fonts-noto-cjk fonts-nanum
xvfb xdotool x11-apps netpbm clang libclang-rt-14-dev minisign
libhangul-dev
libsdl2-mixer-dev
libsystemd-dev
libcairo2-dev
fonts-noto-color-emoji
espeak-ng
opus-tools
sox
poppler-utils
cage
grim
xwayland
syncthing
debhelper
lintian
libzstd-dev
zlib1g-dev
dosfstools
mtools
libopusfile-dev
libvorbis-dev
libogg-dev
man-db
bsdextrautils
x11-utils
systemd
strace
"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "kiosk: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
