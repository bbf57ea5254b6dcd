# A fleet on one machine: two Syncthing instances on 127.0.0.1, a curator's
# (send-only folder) and a kiosk's (its inbox, receive-only), with their own homes
# and ports and no discovery, relays, NAT traversal, usage reporting or upgrades.
# A signed pack published on one side is installed on the other by `kiosk inbox`
# (what the running kiosk's inbox worker does, tested in tests/e2e); a pack signed
# by a stranger is refused and reported. Time-boxed: each wait gives up after 40 s.
. "$TOP/tests/cli/lib.sh"

if ! command -v syncthing >/dev/null; then
	echo "ok - syncthing fleet test # SKIP syncthing is not installed (packaging/install-deps.sh installs it)"
	exit 0
fi
printf '[packs]\n' >"$TMP/strict.ini"
export KIOSK_CONFIG="$TMP/strict.ini" STNOUPGRADE=1 STNODEFAULTFOLDER=1 STNORESTART=1
D="$TMP/kiosk-data"
PUB="$TMP/publish"
mkdir -p "$D/keys" "$D/inbox" "$PUB"
"$KIOSK" key generate -o "$TMP/curator" >/dev/null
"$KIOSK" key generate -o "$TMP/stranger" >/dev/null
cp "$TMP/curator.pub" "$D/keys/"
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini-1.0.0.zip" >/dev/null
"$KIOSK" pack sign "$TMP/mini-1.0.0.zip" --key "$TMP/curator.key" >/dev/null
rm -rf "$TMP/src" && cp -r "$FIX/mini" "$TMP/src" && sed -i 's/^version = .*/version = 1.1.0/' "$TMP/src/pack.ini"
"$KIOSK" pack build "$TMP/src" -o "$TMP/mini-1.1.0.zip" >/dev/null
"$KIOSK" pack sign "$TMP/mini-1.1.0.zip" --key "$TMP/stranger.key" >/dev/null

# four free ports on 127.0.0.1: a GUI (REST API) and a sync port each
set -- $($PY -c "
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in ss))")
GUI_A=$1 SYNC_A=$2 GUI_B=$3 SYNC_B=$4
for side in a b; do
	syncthing generate --home="$TMP/st-$side" --no-default-folder --skip-port-probing >"$TMP/gen-$side.log" 2>&1 ||
		not_ok "syncthing generate $side"
done
# configure both homes: loopback only, nothing leaves the machine, one shared folder
$PY - "$TMP" "$GUI_A" "$SYNC_A" "$GUI_B" "$SYNC_B" "$PUB" "$D/inbox" <<'EOF'
import sys, xml.etree.ElementTree as ET
tmp, gui_a, sync_a, gui_b, sync_b, pub, inbox = sys.argv[1:]
side = {"a": (gui_a, sync_a, pub, "sendonly"), "b": (gui_b, sync_b, inbox, "receiveonly")}
trees = {s: ET.parse(f"{tmp}/st-{s}/config.xml") for s in side}
ids = {s: t.getroot().find("device").get("id") for s, t in trees.items()}
for s, t in trees.items():
    other = "b" if s == "a" else "a"
    gui, sync, path, kind = side[s]
    root = t.getroot()
    root.find("gui/address").text = f"127.0.0.1:{gui}"
    root.find("gui/apikey").text = f"kiosk-test-{s}"
    opts = root.find("options")
    for k, v in {"listenAddress": f"tcp://127.0.0.1:{sync}", "globalAnnounceEnabled": "false",
                 "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
                 "urAccepted": "-1", "autoUpgradeIntervalH": "0", "crashReportingEnabled": "false",
                 "startBrowser": "false", "stunKeepaliveStartS": "0", "reconnectionIntervalS": "2",
                 "announceLANAddresses": "false"}.items():
        opts.find(k).text = v
    dev = ET.SubElement(root, "device", id=ids[other], name=other, compression="metadata", introducer="false")
    ET.SubElement(dev, "address").text = f"tcp://127.0.0.1:{side[other][1]}"
    ET.SubElement(dev, "autoAcceptFolders").text = "false"
    f = ET.Element("folder", id="kiosk-packs", label="kiosk packs", path=path, type=kind,
                   rescanIntervalS="3600", fsWatcherEnabled="false", ignorePerms="true")
    ET.SubElement(f, "device", id=ids[s])
    ET.SubElement(f, "device", id=ids[other])
    root.insert(0, f)
    t.write(f"{tmp}/st-{s}/config.xml")
EOF
# the kiosk keeps what it refused to itself (docs/fleet.md)
printf '/refused\n' >"$D/inbox/.stignore"
for side in a b; do
	env -u all_proxy -u ALL_PROXY -u http_proxy -u https_proxy syncthing serve --home="$TMP/st-$side" --no-browser --no-restart --no-upgrade \
		--logfile="$TMP/st-$side.log" >/dev/null 2>&1 &
	eval "pid_$side=\$!"
done
trap 'kill $pid_a $pid_b 2>/dev/null; wait $pid_a $pid_b 2>/dev/null; rm -rf "$TMP"' EXIT

api() { # SIDE METHOD PATH
	port=$GUI_A; [ "$1" = b ] && port=$GUI_B
	$PY -c "
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], method=sys.argv[2], headers={'X-API-Key': sys.argv[3]})
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
sys.stdout.write(opener.open(req, timeout=5).read().decode())" \
		"http://127.0.0.1:$port$3" "$2" "kiosk-test-$1"
}
# until CMD succeeds, at most 40 s
until_ok() {
	i=0
	while ! "$@" >/dev/null 2>&1; do i=$((i + 1)); [ $i -gt 400 ] && return 1; sleep 0.1; done
}
until_ok api a GET /rest/system/ping && until_ok api b GET /rest/system/ping && ok "both instances answer on 127.0.0.1" ||
	{ not_ok "syncthing did not start"; sed 's/^/# /' "$TMP/st-a.log" | tail -5; exit 0; }
connected() { api a GET /rest/system/connections | $PY -c "
import json, sys
c = json.load(sys.stdin)['connections']
sys.exit(0 if any(v.get('connected') for v in c.values()) else 1)"; }
until_ok connected && ok "they connect to each other by their loopback addresses" ||
	{ not_ok "the instances did not connect"; tail -5 "$TMP/st-b.log" | sed 's/^/# /'; }
api a GET /rest/config/options >"$TMP/opts"
$PY -c "
import json, sys
o = json.load(open(sys.argv[1]))
want = {'globalAnnounceEnabled': False, 'localAnnounceEnabled': False, 'relaysEnabled': False,
        'natEnabled': False, 'urAccepted': -1, 'autoUpgradeIntervalH': 0, 'crashReportingEnabled': False}
sys.exit(0 if all(o.get(k) == v for k, v in want.items()) else 1)" "$TMP/opts" &&
	ok "no discovery, relays, NAT, usage reporting or upgrades" || not_ok "options: $(cat "$TMP/opts")"

# publish: the signature and the pack into the curator's folder, then a scan
arrived() { cmp -s "$PUB/$1" "$D/inbox/$1" && cmp -s "$PUB/$1.minisig" "$D/inbox/$1.minisig"; }
cp "$TMP/mini-1.0.0.zip.minisig" "$TMP/mini-1.0.0.zip" "$PUB/"
api a POST "/rest/db/scan?folder=kiosk-packs" >/dev/null
until_ok arrived mini-1.0.0.zip && ok "the pack reaches the kiosk's inbox" || not_ok "the pack did not arrive: $(ls -A "$D/inbox")"
check "the kiosk installs it" "$KIOSK" inbox --data "$D"
contains "$TMP/err" "kiosk: inbox: installed mini 1.0.0 from mini-1.0.0.zip" "one log line"
"$KIOSK" pack list --data "$D" >"$TMP/list"
contains "$TMP/list" "mini	1.0.0" "mini 1.0.0 is installed"

# a pack signed by a key the kiosk does not trust
cp "$TMP/mini-1.1.0.zip.minisig" "$TMP/mini-1.1.0.zip" "$PUB/"
api a POST "/rest/db/scan?folder=kiosk-packs" >/dev/null
until_ok arrived mini-1.1.0.zip && ok "a bad pack reaches the inbox too" || not_ok "the bad pack did not arrive"
run_status 1 "the kiosk refuses it" "$KIOSK" inbox --data "$D"
contains "$TMP/err" "kiosk: inbox: refused mini-1.1.0.zip: mini-1.1.0.zip: signed by key" "and logs why"
contains "$D/inbox/refused/mini-1.1.0.zip.txt" "which is not trusted" "the reason is kept beside it"
"$KIOSK" doctor --data "$D" >"$TMP/doc" 2>&1
contains "$TMP/doc" "inbox: refused mini-1.1.0.zip" "doctor reports it"
"$KIOSK" pack list --data "$D" >"$TMP/list"
contains "$TMP/list" "mini	1.0.0" "the installed version stays"
