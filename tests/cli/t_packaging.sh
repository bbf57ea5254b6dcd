# The files of packaging/, checked without building the package (that is make
# test-deb): the unit passes systemd-analyze verify and keeps the GPU and input devices
# reachable; sysusers and tmpfiles make the kiosk user and its folder; the config
# file reads; the man page renders clean; bash completion completes.
. "$TOP/tests/cli/lib.sh"

need_tools systemd-analyze systemd-sysusers systemd-tmpfiles man col bash
P="$TOP/packaging"
# (templates such as kiosk-import@.service are verified as an instance by t_import)
for unit in "$P"/systemd/*.service; do
	case "$unit" in *@.service) continue ;; esac
	check "systemd-analyze verify $(basename "$unit")" systemd-analyze verify --man=no "$unit"
	[ ! -s "$TMP/err" ] && ok "  with nothing to say" || { not_ok "  it complains"; sed 's/^/# /' "$TMP/err"; }
done
U="$P/systemd/kiosk.service"
for line in "Type=notify" "NotifyAccess=all" "WatchdogSec=" "Restart=always" "Conflicts=getty@tty1.service" \
	"PAMName=kiosk" "TTYPath=/dev/tty1" "User=kiosk" "MemoryMax=" \
	"ExecStart=/usr/bin/cage -d -- /usr/bin/kiosk run --fullscreen"; do
	contains "$U" "$line" "kiosk.service: $line"
done
sed -n '/^\[Unit\]/,/^\[Service\]/p' "$U" >"$TMP/unit-section"
contains "$TMP/unit-section" "StartLimitBurst=" "start limits are in [Unit], where systemd reads them"
grep -v '^#' "$U" >"$TMP/unit-lines"
for bad in PrivateDevices= MemoryDenyWriteExecute= DevicePolicy= DeviceAllow= ProtectClock=; do
	lacks "$TMP/unit-lines" "$bad" "kiosk.service keeps devices reachable: no $bad"
done
lacks "$TMP/unit-lines" "cage -s" "cage runs without -s (no VT switching)"
check "systemd-analyze security rates the unit below 5 (OK)" \
	systemd-analyze security --offline=yes --threshold=50 "$U"

mkdir -p "$TMP/root/etc"
check "sysusers makes the kiosk user" systemd-sysusers --root="$TMP/root" "$P/debian/kiosk.sysusers"
grep -q '^kiosk:x:[0-9]*:[0-9]*:[^:]*:/var/lib/kiosk:/usr/sbin/nologin$' "$TMP/root/etc/passwd" &&
	ok "a system user with /var/lib/kiosk as home and no shell" || { not_ok "no kiosk user"; cat "$TMP/root/etc/passwd"; }
grep -q '^video:.*kiosk' "$TMP/root/etc/group" && grep -q '^input:.*kiosk' "$TMP/root/etc/group" &&
	ok "in the video and input groups" || not_ok "not in the video and input groups"
check "tmpfiles makes /var/lib/kiosk" systemd-tmpfiles --root="$TMP/root" --create "$P/debian/kiosk.tmpfiles"
uid=$(awk -F: '$1 == "kiosk" { print $3 }' "$TMP/root/etc/passwd")
[ "$(stat -c '%u %a' "$TMP/root/var/lib/kiosk")" = "$uid 750" ] && ok "owned by the kiosk user, 0750" ||
	not_ok "/var/lib/kiosk is $(stat -c '%u %a' "$TMP/root/var/lib/kiosk")"

# the config file as installed: every setting but data_dir commented, and it reads
grep -v '^[;#]' "$P/kiosk.ini" | grep '=' >"$TMP/active"
[ "$(cat "$TMP/active")" = "data_dir = /var/lib/kiosk" ] && ok "kiosk.ini sets only data_dir; the rest is commented" ||
	{ not_ok "kiosk.ini sets more than data_dir"; sed 's/^/# /' "$TMP/active"; }
sed 's/^;\([a-z_]* = [^.]*\)$/\1/' "$P/kiosk.ini" | grep -v '^;trusted_key = ' >"$TMP/uncommented.ini"
check "kiosk.ini reads, and so do its defaults uncommented" "$KIOSK" pack list --config "$P/kiosk.ini" --data "$TMP/d"
check "  (uncommented)" "$KIOSK" pack list --config "$TMP/uncommented.ini" --data "$TMP/d"

# the man page: no warnings from groff, and every command in it
MANWIDTH=80 man --warnings -l "$P/kiosk.1" 2>"$TMP/man.err" | col -bx >"$TMP/man.txt"
[ ! -s "$TMP/man.err" ] && ok "kiosk.1 renders without warnings" || { not_ok "kiosk.1 warnings"; sed 's/^/# /' "$TMP/man.err"; }
for c in run shot "pack build" search "key generate" doctor --version; do
	contains "$TMP/man.txt" "kiosk $c" "kiosk(1) shows kiosk $c"
done

# bash completion: commands, pack subcommands, doctor's options
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kiosk; echo "${COMPREPLY[*]}"' \
		x "$P/kiosk.bash-completion" "$@"
}
[ "$(complete_words kiosk d)" = "doctor" ] && ok "completion: kiosk d -> doctor" || not_ok "completion: kiosk d: $(complete_words kiosk d)"
[ "$(complete_words kiosk pack in)" = "install" ] && ok "completion: kiosk pack in -> install" || not_ok "completion: pack in"
[ "$(complete_words kiosk doctor --j)" = "--json" ] && ok "completion: kiosk doctor --j -> --json" || not_ok "completion: doctor --j"
