#!/usr/bin/env python3
"""notify_listen.py SOCKET SECONDS OUT: a stand-in for systemd's notify socket.

Binds an AF_UNIX datagram socket at SOCKET (the address sd_notify(3) sends to, as in
$NOTIFY_SOCKET), receives for SECONDS, and writes one line per message to OUT:
"<ms since the first message> <fields separated by |>". Prints nothing else."""
import os
import socket
import sys
import time

path, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
os.chmod(path, 0o777)
end = time.monotonic() + seconds
first = None
with open(out, "w") as f:
    # ready to receive: the test waits for this file before starting the kiosk
    open(out + ".ready", "w").close()
    while True:
        left = end - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            data = sock.recv(4096)
        except socket.timeout:
            break
        now = time.monotonic()
        first = now if first is None else first
        f.write("%d %s\n" % ((now - first) * 1000, data.decode("utf-8", "replace").replace("\n", "|")))
        f.flush()
sock.close()
os.unlink(path)
