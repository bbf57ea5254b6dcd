# lib.sh: helpers for the shell tests of kiosk commands (sourced by tests/cli/t_*.sh).
# Each check prints "ok - what" or "not ok - what"; tests/run.sh counts them.
set -u
: "${KIOSK:?run through tests/run.sh}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FIX="$TOP/tests/fixtures"
PY=${PYTHON:-python3}
# The packs of most tests are unsigned: a config file that lets install take them.
# t_sign.sh, and tests that pass --config, say what they allow themselves.
printf '[packs]\nallow_unsigned = true\n' >"$TMP/allow-unsigned.ini"
export KIOSK_CONFIG="$TMP/allow-unsigned.ini"

ok() { printf "ok - %s\n" "$*"; }
not_ok() { printf "not ok - %s\n" "$*"; }

# check WHAT COMMAND...: the command succeeds
check() {
	what=$1; shift
	if "$@" >"$TMP/out" 2>"$TMP/err"; then ok "$what"; else
		not_ok "$what (status $?)"; sed 's/^/# /' "$TMP/out" "$TMP/err"; fi
}

# run_status EXPECTED WHAT COMMAND...: the command exits with EXPECTED; output in $TMP/out, $TMP/err
run_status() {
	want=$1; what=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$what"; else
		not_ok "$what (status $got, wanted $want)"; sed 's/^/# /' "$TMP/out" "$TMP/err"; fi
}

# contains FILE TEXT WHAT: FILE holds TEXT (a fixed string)
contains() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else
		not_ok "$3 (no '$2')"; sed 's/^/# /' "$1"; fi
}

# lacks FILE TEXT WHAT
lacks() {
	if grep -qF -- "$2" "$1"; then not_ok "$3 (found '$2')"; sed 's/^/# /' "$1"; else ok "$3"; fi
}

# same A B WHAT: two files are byte-identical
same() {
	if cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3 ($1 and $2 differ)"; fi
}

# snapshot DIR: a listing of every file with its checksum, to prove nothing changed
snapshot() {
	if [ -d "$1" ]; then (cd "$1" && find . -type f -o -type d | LC_ALL=C sort | while read -r f; do
		if [ -f "$f" ]; then echo "$f $(sha256sum <"$f" | cut -c1-64)"; else echo "$f/"; fi
	done); else echo "(absent)"; fi
}

# need_tools TOOL...: each is installed, or one "not ok" line and the test ends
need_tools() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { not_ok "$tool is not installed (make deps)"; exit 0; }
	done
}

# start_xvfb W H: an X server of that size on a free display; sets DISPLAY and $xvfb (its pid)
start_xvfb() {
	n=90
	while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
	Xvfb ":$n" -screen 0 "${1}x${2}x24" -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
	xvfb=$!
	export DISPLAY=":$n"
	i=0
	until xdotool getdisplaygeometry >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
	done
}

# For tests of the real window (after start_xvfb), with $T the kiosk's --trace file,
# $D its data folder and $W x $H its size; screenshots go to $shots.
# wait_for TEXT [SECONDS]: until the trace has a line ending with TEXT
wait_for() {
	i=0
	while ! grep -q " $1\$" "$T"; do
		i=$((i + 1))
		if [ $i -gt $((${2:-5} * 10)) ]; then return 1; fi
		sleep 0.1
	done
	return 0
}
# last_is PATTERN [SECONDS]: the trace's last line comes to match PATTERN (a grep
# regex) within SECONDS (3). One change writes its lines one after another ("pack",
# then "route"), so a look at the last line the moment the first appears may see it
# alone.
last_is() {
	i=0
	while ! tail -1 "$T" | grep -q -- "$1"; do
		i=$((i + 1))
		if [ $i -gt $((${2:-3} * 10)) ]; then return 1; fi
		sleep 0.1
	done
	return 0
}
# shot NAME: the whole X screen into $shots/NAME.png
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$shots/$1.png" 2>/dev/null; }
# tap_on ROUTE_OR_LABEL SCREEN LANG: tap the centre of the target `kiosk shot --hits` lists
tap_on() {
	"$KIOSK" shot --data "$D" --route "$2" --lang "$3" --size "${W}x${H}" --hits >"$TMP/hits"
	set -- $(grep -F -- " $1" "$TMP/hits" | head -1)
	[ $# -ge 4 ] || return 1
	xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) click 1
}
