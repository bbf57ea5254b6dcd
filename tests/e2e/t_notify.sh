# The service protocol (sd_notify): READY=1 after the first frame, WATCHDOG=1 from the
# main loop while it runs, then silence when the loop hangs (the test-only switch
# KIOSK_TEST_HANG_AFTER_MS), so that systemd's WatchdogSec= restarts it; STOPPING=1 on
# SIGTERM. A small Python listener stands in for systemd's notify socket; SDL's
# offscreen driver stands in for the display.
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
"$KIOSK" pack build "$TOP/tests/fixtures/mini" -o "$TMP/mini.zip" >/dev/null
"$KIOSK" pack install "$TMP/mini.zip" --data "$D" >/dev/null
export SDL_VIDEODRIVER=offscreen

# listen SECONDS: start the listener at $TMP/notify.sock, writing $TMP/msgs
listen() {
	rm -f "$TMP/msgs" "$TMP/msgs.ready" "$TMP/notify.sock"
	"$PY" "$TOP/tests/tools/notify_listen.py" "$TMP/notify.sock" "$1" "$TMP/msgs" &
	listener=$!
	i=0
	while [ ! -e "$TMP/msgs.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# A watchdog of 300 ms: a ping every 100 ms; the loop hangs 1000 ms after READY=1.
listen 2.5
NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=300000 KIOSK_TEST_HANG_AFTER_MS=1000 \
	"$KIOSK" run --data "$D" --window 800x600 2>"$TMP/run.err" &
kiosk=$!
wait $listener
kill -0 $kiosk 2>/dev/null && ok "the hung kiosk is still running (only the watchdog can tell)" ||
	not_ok "the kiosk ended instead of hanging"
kill -9 $kiosk 2>/dev/null
wait $kiosk 2>/dev/null
sed 's/^/# /' "$TMP/msgs"
head -1 "$TMP/msgs" | grep -q "READY=1" && ok "the first message is READY=1" || not_ok "no READY=1 first"
head -1 "$TMP/msgs" | grep -q "STATUS=showing mini on offscreen" && ok "with a status naming the pack and driver" ||
	not_ok "READY=1 without a status"
pings=$(awk '$2 == "WATCHDOG=1" && $1 < 1000' "$TMP/msgs" | wc -l)
[ "$pings" -ge 6 ] && ok "WATCHDOG=1 every 100 ms while the loop runs ($pings in the first second)" ||
	not_ok "only $pings watchdog pings in the first second"
late=$(awk '$2 == "WATCHDOG=1" && $1 > 1150' "$TMP/msgs" | wc -l)
[ "$late" -eq 0 ] && ok "no WATCHDOG=1 once the loop hangs" || not_ok "$late pings after the hang"
contains "$TMP/run.err" "test: the main loop hangs now" "the hang is the test switch's"

# No hang: SIGTERM (systemctl stop) ends it cleanly with STOPPING=1.
listen 3
NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=3000000 "$KIOSK" run --data "$D" --window 800x600 2>"$TMP/run.err" &
kiosk=$!
i=0
while ! grep -q READY=1 "$TMP/msgs" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $kiosk
wait $kiosk
st=$?
wait $listener
[ "$st" -eq 0 ] && ok "SIGTERM ends the kiosk with status 0" || not_ok "SIGTERM: status $st"
grep -q "STOPPING=1" "$TMP/msgs" && ok "and it says STOPPING=1" || { not_ok "no STOPPING=1"; sed 's/^/# /' "$TMP/msgs"; }
[ "$(grep -c WATCHDOG=1 "$TMP/msgs")" -le 2 ] && ok "a 3 s watchdog is pinged every second, not more" ||
	not_ok "too many pings for a 3 s watchdog"

# Without NOTIFY_SOCKET nothing is sent and nothing complains.
"$KIOSK" run --data "$D" --window 800x600 --bench-start >/dev/null 2>"$TMP/run.err"
lacks "$TMP/run.err" "service manager" "outside a service the kiosk does not try to notify"
