#!/bin/sh
# Run the fuzz harnesses built in FUZZDIR (tests/fuzz/fuzz.mk).
#
#   run.sh replay FUZZDIR NAME...          every input of the corpus, of the
#                                          regressions and of FUZZDIR/stress/NAME once
#   run.sh fuzz FUZZDIR SECONDS NAME...    fuzz each harness for SECONDS from them
#
# The corpus is FUZZDIR/corpus/NAME (new inputs are added there), the committed
# reproducers tests/fuzz/regress/NAME; a crash goes to FUZZDIR/artifacts/NAME/ and
# ends the run with status 1 after the end of the harness's log. Each run prints
# its executions, executions per second and peak memory.
set -u
mode=$1
dir=$2
shift 2
secs=0
if [ "$mode" = fuzz ]; then
	secs=$1
	shift
fi
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export TOP
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
# leaks of system libraries the kiosk cannot free, as for the tests (fontconfig's XML
# parser keeps some of a configuration's elements); never the kiosk's own
export LSAN_OPTIONS="suppressions=$TOP/tests/e2e/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# the longest input fuzzed: a zip holds the demo pack (550 KB), the rest stays small
max_len() {
	case $1 in
	zip) echo 1048576 ;;
	ini) echo 4096 ;;
	markdown) echo 65536 ;;
	vtt) echo 16384 ;;
	png) echo 65536 ;;
	*) echo 1024 ;;
	esac
}

status=0
for name in "$@"; do
	bin=$dir/fuzz_$name
	corpus=$dir/corpus/$name
	regress=$TOP/tests/fuzz/regress/$name
	art=$dir/artifacts/$name
	log=$dir/${mode}_$name.log
	mkdir -p "$corpus" "$art"
	dirs="$corpus"
	[ -d "$regress" ] && dirs="$dirs $regress"
	# inputs too slow to fuzz from (a second each) are only replayed
	[ "$mode" = replay ] && [ -d "$dir/stress/$name" ] && dirs="$dirs $dir/stress/$name"
	dict=""
	[ -f "$TOP/tests/fuzz/$name.dict" ] && dict="-dict=$TOP/tests/fuzz/$name.dict"
	if [ "$mode" = replay ]; then
		# -runs=0: only the inputs given; read whole (libFuzzer would cut at 1 MB)
		opts="-runs=0 -max_len=8388608"
	else
		opts="-max_total_time=$secs -max_len=$(max_len "$name") $dict"
	fi
	# shellcheck disable=SC2086 # opts and dirs are lists
	"$bin" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$art/" \
		$opts $dirs >"$log" 2>&1
	rc=$?
	stats=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	if [ $rc -ne 0 ]; then
		echo "FAIL fuzz_$name ($mode): status $rc; the end of $log:"
		tail -40 "$log" | sed 's/^/    /'
		status=1
	else
		echo "ok   fuzz_$name ($mode): ${stats:-?} runs, ${speed:-?} exec/s, ${rss:-?} MB"
	fi
done
exit $status
