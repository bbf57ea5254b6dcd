# Failed writes: every write, fsync, rename, truncate and file creation of pack install
# and pack remove under the data folder is made to fail in turn, with ENOSPC and with
# EIO (tests/faultfs.c, preloaded). After each: exit status 1 and one line on stderr
# (or 0 when the call's failure does not matter), kiosk doctor passes, the catalog
# shows the old state after a failure and the new one, complete, after a success,
# packs/ holds exactly the files the catalog names, and the same command without the
# fault then succeeds and leaves exactly the new state.
# FAULT_MATRIX=full (make torture) adds faults that stay (a disk that stays full),
# every call of the scenario with a reader, a downgrade, and a reinstall of the same
# version with other bytes. FAULT_JOBS (default 2) workers share each scenario's calls.
# Needs $BUILD/tests/faultfs.so (make crash-tools, tests/torture.mk).
. "$TOP/tests/cli/lib.sh"

SO="$BUILD/tests/faultfs.so"
MATRIX=${FAULT_MATRIX:-default}
JOBS=${FAULT_JOBS:-2}
if [ ! -f "$SO" ]; then
	not_ok "$SO is missing: build it with make crash-tools (tests/torture.mk)"
	exit 1
fi

# mini 1.0.0 and 1.1.0 (one more exhibit), each with a word only it has; 1.0.0 again
# with other bytes; and the demo pack, which stays installed beside them
mksrc() { # DST VERSION MARKER
	cp -r "$FIX/mini" "$1"
	sed -i "s/^version = .*/version = $2/" "$1/pack.ini"
	sed -i "s/^Source:/Marker word $3.\\n\\nSource:/" "$1/01-intro/01-first/en.md"
}
mksrc "$TMP/mini-1" 1.0.0 quuxalpha
mksrc "$TMP/mini-2" 1.1.0 quuxbeta
mkdir -p "$TMP/mini-2/01-intro/02-second"
printf '# 둘째\n\n두 번째 전시입니다.\n\n출처: 시험\n' >"$TMP/mini-2/01-intro/02-second/ko.md"
printf '# Second\n\nThe second exhibit.\n\nSource: test\n' >"$TMP/mini-2/01-intro/02-second/en.md"
mksrc "$TMP/mini-1b" 1.0.0 quuxgamma
for p in mini-1 mini-2 mini-1b; do
	"$KIOSK" pack build "$TMP/$p" -o "$TMP/$p.zip" >/dev/null || { not_ok "build $p"; exit 1; }
done
"$KIOSK" pack build "$TOP/content-packs/defectors-day" -o "$TMP/dd.zip" >/dev/null || { not_ok "build demo"; exit 1; }
"$KIOSK" pack install "$TMP/dd.zip" --data "$TMP/base-mini1" >/dev/null &&
"$KIOSK" pack install "$TMP/mini-1.zip" --data "$TMP/base-mini1" >/dev/null &&
"$KIOSK" pack install "$TMP/dd.zip" --data "$TMP/base-mini2" >/dev/null &&
"$KIOSK" pack install "$TMP/mini-2.zip" --data "$TMP/base-mini2" >/dev/null ||
	{ not_ok "installing the starting states"; exit 1; }
ok "built the packs and the starting states"

# A scenario and each of its workers have a data folder $D and a folder $W for their files.

# mini's state: "VERSION:EXHIBITS:MARKER" (MARKER: the marker word search finds), or
# "none"; `state list` leaves out the search
state() {
	"$KIOSK" pack list --data "$D" >"$W/list" 2>&1 || { echo "list fails: $(cat "$W/list")"; return; }
	v=$(awk -F '\t' '$1 == "mini" { split($4, a, " "); print $2 ":" a[1] }' "$W/list")
	[ -n "$v" ] || { echo none; return; }
	[ "${1:-}" = list ] && { echo "$v"; return; }
	m=$("$KIOSK" search quux --lang en --data "$D" 2>&1 | sed -n 's/.*\[\(quux[a-z]*\)\].*/\1/p')
	echo "$v:$m"
}
# the files in packs/, each followed by a space
files() {
	set -- "$D"/packs/.[!.]* "$D"/packs/*
	for f; do [ -e "$f" ] && printf '%s ' "${f##*/}"; done
}

# A reader holds the catalog open meanwhile, as kiosk run does, and dies with SIGKILL
# after the faulted command (a power cut): its connection keeps the WAL, and with it
# the frames of a COMMIT that failed, which the next open replays.
start_reader() {
	rm -f "$W/ready"
	"$PY" -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM pack").fetchall()
open(sys.argv[2], "w").close()
time.sleep(600)' "$D/catalog.db" "$W/ready" &
	reader=$!
	while [ ! -e "$W/ready" ] && kill -0 $reader 2>/dev/null; do sleep 0.01; done
}
stop_reader() {
	kill -9 $reader 2>/dev/null
	wait $reader 2>/dev/null
}

bad() {
	fails=$((fails + 1))
	not_ok "$name, call $n of $count ($(sed -n "${n}p" "$CALLS" | cut -d' ' -f2-)), $err${sticky:+, sticky}: $*"
	sed 's/^/# /' "$W/out" "$W/err" | head -10
}

# worker K COMMAND...: the faulted runs of calls n = K+1, K+1+JOBS, ... of a scenario, in
# data folder $D.K; prints its checks, and last "# runs N swallowed N fails N"
worker() {
	D="$D.$1" W="$W.$1"
	k=$1
	shift
	mkdir -p "$W"
	for sticky in "" $([ "$MATRIX" = full ] && echo 1); do
	for err in ENOSPC EIO; do
	n=$((k + 1))
	while [ $n -le "$count" ]; do
		if [ -n "$ONLY" ] && ! sed -n "${n}p" "$CALLS" | cut -d' ' -f2 | grep -qE "$ONLY"; then
			n=$((n + JOBS))
			continue
		fi
		runs=$((runs + 1))
		rm -rf "$D"
		[ "$base" = none ] || cp -a "$TMP/$base" "$D"
		[ -z "$READER" ] || start_reader
		LD_PRELOAD="$SO" FAULT_PATH="$D" FAULT_AT=$n FAULT_ERRNO=$err FAULT_STICKY=$sticky \
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			"$KIOSK" "$@" --data "$D" >"$W/out" 2>"$W/err"
		st=$?
		[ -z "$READER" ] || stop_reader
		if [ $st -eq 1 ]; then
			[ "$(wc -l <"$W/err")" -eq 1 ] && grep -q "^kiosk: pack $2: " "$W/err" ||
				bad "not one line on stderr"
		elif [ $st -eq 0 ]; then
			swallowed=$((swallowed + 1))
			# a catalog in place is in WAL mode (its header's bytes 18 and 19 are 2,
			# https://www.sqlite.org/fileformat2.html), a first install's too, whose
			# switch to it may fail; before doctor, which would switch it
			[ ! -f "$D/catalog.db" ] || [ "$(od -An -tu1 -j18 -N2 "$D/catalog.db" | tr -s ' ')" = " 2 2" ] ||
				bad "succeeded, but the catalog is not in WAL mode ($(od -An -tu1 -j18 -N2 "$D/catalog.db"))"
		else
			bad "exit status $st"
		fi
		if [ "$base" = none ] && [ $st -eq 1 ] && [ -e "$D" ]; then
			bad "a failed first install left $(cd "$D" && find . | tr '\n' ' ')"
		fi
		"$KIOSK" doctor --data "$D" >"$W/doctor" 2>&1 || { bad "doctor fails"; sed 's/^/# /' "$W/doctor"; }
		s=$(state)
		if [ $st -eq 0 ]; then
			[ "$s" = "$new" ] || bad "succeeded, but the state is $s, not $new"
			[ "$(files)" = "$newfiles" ] || bad "succeeded, but packs/ holds $(files)"
		elif [ -n "$READER" ]; then
			# a failed COMMIT may come back; then it is complete (doctor checked
			# its file), and the file of the other version may be left over
			[ "$s" = "$old" ] || [ "$s" = "$new" ] || bad "failed, and the state is $s, neither $old nor $new"
			[ "$s" = "$new" ] && echo "# $name, call $n, $err${sticky:+, sticky}: failed, but the COMMIT came back"
		else
			[ "$s" = "$old" ] || bad "failed, but the state is $s, not $old"
			[ "$(files)" = "$oldfiles" ] || bad "failed, but packs/ holds $(files), not $oldfiles"
		fi
		if ! "$KIOSK" "$@" --data "$D" >"$W/out" 2>&1; then
			# a remove that was done is not done again
			[ $st -eq 0 ] && [ "$2" = remove ] || bad "the next run without a fault fails"
		fi
		[ "$(state list)" = "${new%:*}" ] && [ "$(files)" = "$newfiles" ] ||
			bad "after the next run: state $(state), packs/ $(files)"
		for f in "$D"/.incoming-*; do
			[ -e "$f" ] && bad "after the next run, leftover ${f##*/}"
		done
		[ $fails -gt 5 ] && break 3
		n=$((n + JOBS))
	done
	done
	done
	echo "# runs $runs swallowed $swallowed fails $fails"
}

# scenario NAME BASE OLD NEW OLD_FILES NEW_FILES -- COMMAND...: fail each call of COMMAND
# in turn, in JOBS workers. READER=1: with a reader (start_reader); ONLY=REGEX: only
# calls whose operation matches.
scenario() {
	name=$1 base=$2 old=$3 new=$4 oldfiles=$5 newfiles=$6
	shift 7
	D="$TMP/$name.data" W="$TMP/$name.work" CALLS="$TMP/$name.calls"
	fails=0 runs=0 swallowed=0 n=0 count=0 err= sticky=
	mkdir -p "$W"
	rm -rf "$D"
	[ "$base" = none ] || cp -a "$TMP/$base" "$D"
	[ -z "$READER" ] || start_reader
	LD_PRELOAD="$SO" FAULT_PATH="$D" FAULT_COUNT_FILE="$W/count" FAULT_LOG="$CALLS" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$KIOSK" "$@" --data "$D" >"$W/out" 2>&1 ||
		{ not_ok "$name without a fault"; sed 's/^/# /' "$W/out"; return; }
	[ -z "$READER" ] || stop_reader
	count=$(cat "$W/count")
	[ "$(state)" = "$new" ] && [ "$(files)" = "$newfiles" ] && [ "$count" -gt 0 ] ||
		{ not_ok "$name without a fault: state $(state), files $(files), $count calls"; return; }
	sed -i "s|$D|D|g" "$CALLS"
	k=0
	while [ $k -lt "$JOBS" ]; do
		(worker $k "$@") >"$W.log.$k" 2>&1 &
		k=$((k + 1))
	done
	wait
	k=0
	while [ $k -lt "$JOBS" ]; do
		cat "$W.log.$k"
		set -- $(sed -n 's/^# runs \([0-9]*\) swallowed \([0-9]*\) fails \([0-9]*\)$/\1 \2 \3/p' "$W.log.$k") 0 0 1
		runs=$((runs + $1)) swallowed=$((swallowed + $2)) fails=$((fails + $3))
		k=$((k + 1))
	done
	all_runs=$((all_runs + runs)) all_swallowed=$((all_swallowed + swallowed))
	[ $fails -eq 0 ] && ok "$name: each of its $count calls${ONLY:+ matching $ONLY} failed in turn, ENOSPC and EIO$([ "$MATRIX" = full ] && echo ", one-shot and sticky")"
}

all_runs=0 all_swallowed=0
READER= ONLY=
scenario upgrade base-mini1 1.0.0:1:quuxalpha 1.1.0:2:quuxbeta \
	"defectors-day-1.0.0.zip mini-1.0.0.zip " "defectors-day-1.0.0.zip mini-1.1.0.zip " \
	-- pack install "$TMP/mini-2.zip"
scenario remove base-mini1 1.0.0:1:quuxalpha none \
	"defectors-day-1.0.0.zip mini-1.0.0.zip " "defectors-day-1.0.0.zip " \
	-- pack remove mini
scenario first none none 1.0.0:1:quuxalpha "" "mini-1.0.0.zip " \
	-- pack install "$TMP/mini-1.zip"
# with kiosk run reading the catalog, which then dies: the syncs and renames (every
# call in the full matrix)
READER=1 ONLY='sync|rename'
[ "$MATRIX" = full ] && ONLY=
scenario upgrade-reader base-mini1 1.0.0:1:quuxalpha 1.1.0:2:quuxbeta \
	"defectors-day-1.0.0.zip mini-1.0.0.zip " "defectors-day-1.0.0.zip mini-1.1.0.zip " \
	-- pack install "$TMP/mini-2.zip"
READER= ONLY=
if [ "$MATRIX" = full ]; then
	scenario downgrade base-mini2 1.1.0:2:quuxbeta 1.0.0:1:quuxalpha \
		"defectors-day-1.0.0.zip mini-1.1.0.zip " "defectors-day-1.0.0.zip mini-1.0.0.zip " \
		-- pack install "$TMP/mini-1.zip" --allow-downgrade
	h=$(sha256sum "$TMP/mini-1b.zip" | cut -c1-12)
	scenario same-version base-mini1 1.0.0:1:quuxalpha 1.0.0:1:quuxgamma \
		"defectors-day-1.0.0.zip mini-1.0.0.zip " "defectors-day-1.0.0.zip mini-1.0.0-$h.zip " \
		-- pack install "$TMP/mini-1b.zip" --allow-downgrade
fi
echo "# $all_runs faulted runs, $all_swallowed of them succeeded (the failed call did not matter)"
