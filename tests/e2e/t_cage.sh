# The kiosk under cage, the Wayland kiosk compositor of the service, with no GPU:
# cage's headless backend and pixman renderer, SDL's Wayland driver and the kiosk's
# software path (drawn in software, shown through a streaming texture). A grim
# screenshot of cage's output must match `kiosk shot` of the same route and size.
# cage refuses to run as root: as root the test makes a system user for itself.
. "$TOP/tests/cli/lib.sh"

need_tools cage grim
W=1280
H=720
chmod 755 "$TMP"
if [ "$(id -u)" -eq 0 ]; then
	user=kiosk-ci
	id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin "$user" || { not_ok "cannot make the user $user"; exit 0; }
	as_user() { runuser -u "$user" -- "$@"; }
else
	user=$(id -un)
	as_user() { "$@"; }
fi
D="$TMP/data"
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null
"$KIOSK" pack install "$TMP/dd.zip" --data "$D" >/dev/null
mkdir -p "$TMP/xdg" "$TMP/out"
[ "$(id -u)" -eq 0 ] && chown -R "$user" "$D" "$TMP/xdg" "$TMP/out"
chmod 700 "$TMP/xdg"
shots="$BUILD/test-results/cage"
mkdir -p "$shots"

# In a sanitizer build, no leak check here: the software GL stack that shows the
# frames under cage (Mesa's llvmpipe, unloaded before the check, so its frames have
# no name to suppress), SDL's Wayland driver and libogg keep a few kB to the process
# exit. The leak check of the kiosk's own code runs in the X11 window tests.
cage_asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# what runs inside cage: the kiosk, then grim once it has drawn
cat >"$TMP/inner.sh" <<INNER
#!/bin/sh
KIOSK_TEST_REDRAW_MS=16 SDL_VIDEODRIVER=wayland ASAN_OPTIONS="$cage_asan" "$KIOSK" run --fullscreen --route / --data "$D" \
	--trace "$TMP/out/trace" 2>"$TMP/out/kiosk.err" &
k=\$!
i=0
until grep -q "route /\$" "$TMP/out/trace" 2>/dev/null || [ \$i -gt 100 ]; do sleep 0.1; i=\$((i + 1)); done
sleep 1.5
for n in 1 2 3 4 5; do grim "$TMP/out/grim\$n.png" 2>>"$TMP/out/grim.err"; sleep 0.2; done
kill -TERM \$k
wait \$k
echo \$? >"$TMP/out/status"
INNER
chmod 755 "$TMP/inner.sh"
"$KIOSK" shot --data "$D" --route / --size "${W}x${H}" --out "$shots/expected.png"
# cage 0.1.4 (wlroots 0.15) on its headless backend now and then shows grim only black
# for a whole run, also with a plain SDL client drawing at 60 Hz: a run whose pictures
# are all black is tried again (three runs at most). A wrong picture never matches.
matched=0
runs=0
while [ $runs -lt 3 ] && [ $matched -eq 0 ]; do
	runs=$((runs + 1))
	rm -f "$TMP"/out/grim*.png "$TMP/out/trace"
	as_user env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$TMP/xdg" WLR_BACKENDS=headless \
		WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 timeout 60 cage -d -- "$TMP/inner.sh" >"$TMP/cage.log" 2>&1
	cage_status=$?
	black=1
	for n in 1 2 3 4 5; do
		[ -e "$TMP/out/grim$n.png" ] || continue
		cp "$TMP/out/grim$n.png" "$shots/grim.png"
		if "$BUILD/tests/pngdiff" "$shots/expected.png" "$shots/grim.png" "$shots/diff.png" >"$TMP/diff"; then
			matched=$n
			break
		fi
		echo "# run $runs, grim picture $n: $(cat "$TMP/diff")"
		grep -q "^$((W * H)) of $((W * H)) " "$TMP/diff" || black=0
	done
	[ $black -eq 1 ] || break
done
[ "$cage_status" -eq 0 ] && ok "cage ran the kiosk as $user and ended with it" ||
	{ not_ok "cage: status $cage_status"; sed 's/^/# /' "$TMP/cage.log"; }
contains "$TMP/out/kiosk.err" "started: video driver wayland, renderer software into a streaming texture" \
	"the kiosk draws in software on SDL's Wayland driver"
contains "$TMP/out/kiosk.err" "${W}x${H}" "at the output's size"
[ "$(cat "$TMP/out/status" 2>/dev/null)" = 0 ] && ok "SIGTERM ends it with status 0" ||
	not_ok "the kiosk's status: $(cat "$TMP/out/status" 2>/dev/null)"
[ "$matched" -gt 0 ] && ok "grim's picture of cage's output is kiosk shot's ($(cat "$TMP/diff"); run $runs, picture $matched)" ||
	not_ok "grim's pictures differ from kiosk shot: $(cat "$TMP/diff") (see $shots)"
sed 's/^/# kiosk: /' "$TMP/out/kiosk.err"
