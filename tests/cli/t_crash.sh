# Crash safety: SIGKILL pack install and pack remove at random moments, then prove
# that the data folder is whole: kiosk doctor passes (integrity_check, the FTS5
# integrity check, every pack file present with the catalog's sha256), every pack is
# listed in exactly one version, the old one or the new one, and that version is
# complete (its exhibit count, and its marker word found by search while the other
# version's is not); then the same command, run again, succeeds and leaves no
# leftovers. CRASH_ITERATIONS (default 200) kills; CRASH_SEED repeats a run.
# Needs $BUILD/tests/killafter (make crash-tools, tests/torture.mk).
. "$TOP/tests/cli/lib.sh"

KA="$BUILD/tests/killafter"
N=${CRASH_ITERATIONS:-200}
SEED=${CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
D="$TMP/data"
if [ ! -x "$KA" ]; then
	not_ok "$KA is missing: build it with make crash-tools (tests/torture.mk)"
	exit 1
fi

# two versions of mini and of the demo pack, each with a word only it has
mksrc() { # SRC DST VERSION MARKER EXHIBIT_DIR
	cp -r "$1" "$2"
	sed -i "s/^version = .*/version = $3/" "$2/pack.ini"
	sed -i "s/^Source:/Marker word $4.\\n\\nSource:/" "$2/$5/en.md"
}
mksrc "$FIX/mini" "$TMP/mini-1" 1.0.0 quuxalpha 01-intro/01-first
mksrc "$FIX/mini" "$TMP/mini-2" 1.1.0 quuxbeta 01-intro/01-first
mkdir -p "$TMP/mini-2/01-intro/02-second" # mini 1.1.0 has a second exhibit
printf '# 둘째\n\n두 번째 전시입니다.\n\n출처: 시험\n' >"$TMP/mini-2/01-intro/02-second/ko.md"
printf '# Second\n\nThe second exhibit.\n\nSource: test\n' >"$TMP/mini-2/01-intro/02-second/en.md"
DEMO="$TOP/content-packs/defectors-day"
ex=$(cd "$DEMO" && ls -d 0*/0*/ | head -1)
mksrc "$DEMO" "$TMP/dd-1" 1.0.0 zorbalpha "${ex%/}"
mksrc "$DEMO" "$TMP/dd-2" 1.1.0 zorbbeta "${ex%/}"
# without its narration (6 MB that would only make each install slower)
rm -f "$TMP"/dd-[12]/*/*/*.opus "$TMP"/dd-[12]/*/*/*.vtt
for p in mini-1 mini-2 dd-1 dd-2; do
	"$KIOSK" pack build "$TMP/$p" -o "$TMP/$p.zip" >/dev/null || { not_ok "build $p"; exit 1; }
done
ok "built mini 1.0.0, 1.1.0 and the demo pack 1.0.0, 1.1.0"

# what each version must show: exhibits and marker word
exhibits() { case $1 in mini=1.0.0) echo 1 ;; mini=1.1.0) echo 2 ;; dd=*) echo 14 ;; esac; }
marker() { case $1 in mini=1.0.0) echo quuxalpha ;; mini=1.1.0) echo quuxbeta ;;
	dd=1.0.0) echo zorbalpha ;; dd=1.1.0) echo zorbbeta ;; esac; }
pid_of() { case $1 in dd) echo defectors-day ;; *) echo "$1" ;; esac; }

# observed state: "VERSION:EXHIBITS" of a pack from `pack list`, "none" when absent
seen() {
	awk -F '\t' -v id="$(pid_of "$1")" '$1 == id { n++; split($4, a, " "); v = $2 ":" a[1] } END {
		if (n == 0) print "none"; else if (n == 1) print v; else print "listed " n " times" }' "$TMP/list"
}

fails=0
bad() { fails=$((fails + 1)); not_ok "iteration $i ($what, killed at ${delay}us, seed $SEED): $*"
	sed 's/^/# /' "$TMP/doctor" "$TMP/doctor.err" "$TMP/list" 2>/dev/null | head -30; }

# check_pack PACK OLD NEW [nosearch]: PACK (mini|dd) shows version OLD or NEW (or none), complete
check_pack() {
	got=$(seen "$1")
	case $got in
	none)
		[ "$2" = none ] || [ "$3" = none ] || bad "$1 is gone (old $2, new $3)"
		"$KIOSK" search "$(marker "$1=1.0.0" | cut -c1-4)" --lang en --data "$D" 2>&1 | grep -q /exhibit/ &&
			bad "$1 is gone but search finds its exhibits"
		return ;;
	"listed "*) bad "$1 $got"; return ;;
	esac
	v=${got%:*}
	[ "$v" = "$2" ] || [ "$v" = "$3" ] || { bad "$1 is at version $v (old $2, new $3)"; return; }
	[ "${got#*:}" = "$(exhibits "$1=$v")" ] || { bad "$1 $v has ${got#*:} exhibits"; return; }
	[ "${4:-}" = nosearch ] && return
	# one search for the markers' common start finds the marker words of the version shown
	m=$("$KIOSK" search "$(marker "$1=$v" | cut -c1-4)" --lang en --data "$D" 2>&1 |
		grep -oE '\[(quux|zorb)[a-z]*\]' | sort -u | tr -d '[]\n')
	[ "$m" = "$(marker "$1=$v")" ] || bad "$1 $v: search finds the marker words '$m', not $(marker "$1=$v")"
}

doctor() {
	"$KIOSK" doctor --data "$D" >"$TMP/doctor" 2>"$TMP/doctor.err"
}

# the operations, in a cycle that visits upgrade, downgrade, remove and reinstall
# of both packs; every 10th iteration is a first install into no data folder at all
op_of() {
	case $(($1 % 9)) in
	0) echo "mini 1.1.0 install mini-2" ;;
	1) echo "dd 1.1.0 install dd-2" ;;
	2) echo "mini 1.0.0 install mini-1 --allow-downgrade" ;;
	3) echo "dd 1.0.0 install dd-1 --allow-downgrade" ;;
	4) echo "mini none remove mini" ;;
	5) echo "mini 1.1.0 install mini-2" ;;
	6) echo "dd none remove defectors-day" ;;
	7) echo "mini 1.0.0 install mini-1 --allow-downgrade" ;;
	8) echo "dd 1.0.0 install dd-1" ;;
	esac
}
run_op() { # KILL_USEC verb arg [flag]
	us=$1 verb=$2 arg=$3
	shift 3
	case $verb in
	install) "$KA" -t "$TMP/us" "$us" "$KIOSK" pack install "$TMP/$arg.zip" --data "$D" "$@" ;;
	remove) "$KA" -t "$TMP/us" "$us" "$KIOSK" pack remove "$arg" --data "$D" ;;
	esac
}

# start: both packs at 1.0.0; measure how long each operation takes when not killed
"$KIOSK" pack install "$TMP/mini-1.zip" --data "$D" >/dev/null &&
"$KIOSK" pack install "$TMP/dd-1.zip" --data "$D" >/dev/null || { not_ok "first installs"; exit 1; }
ver_mini=1.0.0 ver_dd=1.0.0
for k in 0 1 2 3 4 5 6 7 8; do
	set -- $(op_of $k)
	pk=$1 new=$2
	shift 2
	total=0
	for r in 1 2 3; do
		run_op -1 "$@" >/dev/null 2>&1 || not_ok "timing run of $*"
		total=$((total + $(cat "$TMP/us")))
		if [ $r -lt 3 ]; then # undo it, to time it again
			if [ $pk = mini ]; then u=$ver_mini; else u=$ver_dd; fi
			if [ $u = none ]; then "$KIOSK" pack remove "$(pid_of $pk)" --data "$D" >/dev/null
			else "$KIOSK" pack install "$TMP/$pk-$([ $u = 1.0.0 ] && echo 1 || echo 2).zip" --data "$D" --allow-downgrade >/dev/null; fi
		fi
	done
	eval "dur_$k=$((total / 3))"
	eval "ver_$pk=$new"
done
total=0
for r in 1 2 3; do
	rm -rf "$TMP/tdata"
	"$KA" -t "$TMP/us" -1 "$KIOSK" pack install "$TMP/mini-1.zip" --data "$TMP/tdata" >/dev/null || not_ok "first install"
	total=$((total + $(cat "$TMP/us")))
done
dur_first=$((total / 3))
ok "timed each operation: first install $((dur_first / 1000))ms, $(for k in 0 1 2 3 4 5 6 7 8; do eval printf "'%s '" "\$((dur_$k / 1000))ms"; done)"

rnd=$SEED
random() { rnd=$(((rnd * 1103515245 + 12345) % 2147483648)); r=$((rnd / 16)); }
killed=0 finished=0 cut=0 started=$(date +%s)
i=0
while [ $i -lt "$N" ]; do
	fresh=0
	if [ $((i % 10)) -eq 9 ]; then # a first install into a new data folder
		rm -rf "$D"
		ver_mini=none ver_dd=none fresh=1
		set -- mini 1.0.0 install mini-1
		dur=$dur_first
	else
		set -- $(op_of $i)
		eval "dur=\$dur_$((i % 9))"
	fi
	pk=$1 new=$2
	shift 2
	what="$*"
	eval "old=\$ver_$pk"
	# the kill moment: uniform over 0 .. 1.2 x the normal duration, 0 one time in 10
	random
	if [ $((r % 10)) -eq 0 ]; then delay=0; else random; delay=$((r % (dur * 12 / 10 + 1))); fi
	run_op "$delay" "$@" >"$TMP/op.out" 2>&1
	st=$?
	if [ $st -eq 137 ]; then killed=$((killed + 1)); elif [ $st -eq 0 ]; then finished=$((finished + 1)); else
		bad "exit status $st"; sed 's/^/# /' "$TMP/op.out"; fi

	# right after the crash, before anything cleans up: a reader (as kiosk run opens
	# the catalog) first, then doctor, which opens it to write as well
	"$KIOSK" pack list --data "$D" >"$TMP/list" 2>&1 || bad "pack list fails after the kill"
	if ! doctor; then
		# a first install killed after its pack file went into place and before its
		# catalog did (installer.c, new_catalog): the one problem doctor may name,
		# which the next run (below) mends
		if [ $fresh -eq 1 ] && [ "$(cat "$TMP/doctor.err")" = "kiosk: doctor: $D/catalog.db is missing, while packs/ holds 1 pack file: the next kiosk start, pack install or remove indexes it again" ]; then
			cut=$((cut + 1))
		else
			bad "kiosk doctor fails after the kill"
		fi
	fi
	check_pack "$pk" "$old" "$new"
	if [ $pk = mini ]; then check_pack dd "$ver_dd" "$ver_dd" nosearch; else
		check_pack mini "$ver_mini" "$ver_mini" nosearch; fi

	# then the same command again must succeed (a remove that was done already is
	# not repeated) and leave exactly one file per pack
	now=$(seen "$pk")
	if [ "$1" = remove ] && [ "$now" = none ]; then :; else
		run_op -1 "$@" >"$TMP/op.out" 2>&1 || { bad "running it again fails"; sed 's/^/# /' "$TMP/op.out"; }
		"$KIOSK" pack list --data "$D" >"$TMP/list" 2>&1
		now=$(seen "$pk")
		[ "${now%:*}" = "$new" ] || bad "after running it again, $pk is at '$now', not $new"
		set -- "$D"/packs/* "$D"/packs/.[!.]*
		files=0
		for f; do [ -e "$f" ] && files=$((files + 1)); done
		packs=$(grep -c '	' "$TMP/list")
		[ $files -eq "$packs" ] ||
			bad "leftovers: $files files in packs/ for $packs packs: $(ls -A "$D/packs" | tr '\n' ' ')"
		set -- "$D"/.incoming-*
		[ -e "$1" ] && bad "leftovers: $*"
	fi
	eval "ver_$pk=$new"
	if [ $fresh -eq 1 ]; then # back to both packs installed
		"$KIOSK" pack install "$TMP/dd-1.zip" --data "$D" >/dev/null || bad "install after the first"
		ver_dd=1.0.0
	fi
	[ $fails -gt 20 ] && break
	i=$((i + 1))
done
secs=$(($(date +%s) - started))
[ $fails -eq 0 ] && ok "$i SIGKILLs at random moments ($killed killed, $finished finished first, $cut first installs cut between pack and catalog) in ${secs}s, seed $SEED: old or new state, complete, and the next run succeeds"
doctor && ok "the data folder is healthy at the end" || not_ok "doctor at the end"
