# xvfb.sh: sourced by the bench scripts (ui.sh, visit.sh, keys.sh). xstart WxH
# starts Xvfb on the first free display number from :90, exports DISPLAY and waits
# (5 s at most) until the server answers; its pid is in $xvfb. xstop ends it.
# -noreset: the server stays as it is when its last client leaves, as a display
# server that is up before the kiosk starts does (cage, a session's X server). By
# default Xvfb regenerates then: it runs xkbcomp again (a fork of the server) and
# makes a new framebuffer, which the next kiosk's first frame paid for, on the same
# 2 cores (start under `make bench`: SDL_Init 25-40 ms instead of 7, the first
# present 10-12 ms instead of 6).
xvfb=
xstart() {
	n=90
	while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
	Xvfb ":$n" -screen 0 "${1}x24" -nolisten tcp -noreset >/dev/null 2>&1 &
	xvfb=$!
	export DISPLAY=":$n"
	i=0
	until xdotool getdisplaygeometry >/dev/null 2>&1 || [ $i -gt 50 ]; do i=$((i + 1)); sleep 0.1; done
}
xstop() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null; xvfb=; }
