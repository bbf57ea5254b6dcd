#!/bin/sh
# Run every test of a build: unit test programs, then shell tests of the commands.
# Each test prints "ok - what" or "not ok - what" lines; this adds them up and ends
# with the line "N passed, N failed". Usage: tests/run.sh BUILD_DIR [PATTERN]
BUILD=${1:-build}
PATTERN=${2:-}
TOP=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
export KIOSK="$BUILD/kiosk" BUILD TOP
export LC_ALL=C.UTF-8 TZ=UTC
unset KIOSK_DATA KIOSK_CONFIG
# leaks of system libraries the kiosk cannot free (see the file); never the kiosk's own
export LSAN_OPTIONS="suppressions=$TOP/tests/e2e/lsan.supp:print_suppressions=0"
export XDG_CONFIG_HOME="$BUILD/test-config-home" XDG_DATA_HOME="$BUILD/test-data-home"
log="$BUILD/test-results"
mkdir -p "$log"
pass=0
failn=0
run_one() {
	name=$1
	shift
	out="$log/$name.log"
	"$@" >"$out" 2>&1
	status=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $status" >>"$out"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name ran no check" >>"$out"
		f=1
	fi
	pass=$((pass + p))
	failn=$((failn + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name ($p passed, $f failed):"
		grep -B3 -A10 '^not ok ' "$out" | head -60 | sed 's/^/    /'
	else
		echo "PASS $name ($p)"
	fi
}
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	[ -n "$PATTERN" ] && case "$n" in *$PATTERN*) ;; *) continue ;; esac
	run_one "$n" "$t"
done
for t in "$TOP"/tests/cli/t_*.sh "$TOP"/tests/screens/t_*.sh "$TOP"/tests/e2e/t_*.sh; do
	[ -f "$t" ] || continue
	n=$(basename "$t" .sh)
	[ -n "$PATTERN" ] && case "$n" in *$PATTERN*) ;; *) continue ;; esac
	run_one "$n" sh "$t"
done
echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]
