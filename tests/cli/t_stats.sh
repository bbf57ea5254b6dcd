# kiosk stats: options, an empty or missing database, suppression of counts under 5,
# --from/--to/--by, a damaged database named in one line. The counts are written
# with the kiosk's own schema by a small script (the window test records real visits).
. "$TOP/tests/cli/lib.sh"

D="$TMP/data"
mkdir -p "$D"
run_status 2 "neither --csv nor --png is a usage error" "$KIOSK" stats --data "$D"
contains "$TMP/err" "kiosk: stats: give --csv or --png FILE" "and says what to give"
run_status 2 "a bad date is a usage error" "$KIOSK" stats --data "$D" --csv --from 2026-7-1
contains "$TMP/err" "not '2026-7-1'" "naming the date"
run_status 2 "--from after --to is a usage error" "$KIOSK" stats --data "$D" --csv --from 2026-12-01 --to 2026-01-01
contains "$TMP/err" "stats: --from 2026-12-01 is after --to 2026-01-01: no day is in between" "it names both dates"
run_status 2 "a bad --by is a usage error" "$KIOSK" stats --data "$D" --csv --by week
run_status 0 "no statistics yet: no rows" "$KIOSK" stats --data "$D" --csv
[ "$(cat "$TMP/out")" = "day,hour,what,item,bucket,count" ] && ok "only the header" || not_ok "rows from nowhere"

$PY - "$D/stats.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE counts (day TEXT NOT NULL, hour INTEGER NOT NULL, what TEXT NOT NULL,"
          " item TEXT NOT NULL, bucket TEXT NOT NULL, n INTEGER NOT NULL,"
          " PRIMARY KEY (day, hour, what, item, bucket)) WITHOUT ROWID")
rows = [("2026-07-14", 9, "visit", "", "<1m", 4), ("2026-07-14", 10, "visit", "", "<1m", 3),
        ("2026-07-14", 10, "visit", "", "1-3m", 7), ("2026-07-14", 10, "exhibit", "the-decision", "<10s", 5),
        ("2026-07-15", 9, "visit", "", "<1m", 2), ("2026-07-15", 9, "search", "", "", 1)]
c.executemany("INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?)", rows)
c.commit()
PY
run_status 0 "stats --csv" "$KIOSK" stats --data "$D" --csv
cat >"$TMP/want" <<'CSV'
day,hour,what,item,bucket,count
2026-07-14,9,visit,,<1m,<5
2026-07-14,10,exhibit,the-decision,<10s,5
2026-07-14,10,visit,,1-3m,7
2026-07-14,10,visit,,<1m,<5
2026-07-15,9,search,,,<5
2026-07-15,9,visit,,<1m,<5
CSV
same "$TMP/want" "$TMP/out" "counts under 5 are shown as <5, the others as they are"
run_status 0 "stats --by day --to" "$KIOSK" stats --data "$D" --csv --by day --to 2026-07-14
cat >"$TMP/want" <<'CSV'
day,hour,what,item,bucket,count
2026-07-14,all,exhibit,the-decision,<10s,5
2026-07-14,all,visit,,1-3m,7
2026-07-14,all,visit,,<1m,7
CSV
same "$TMP/want" "$TMP/out" "--by day adds the hours up (4 + 3 = 7 is shown), --to ends the period"
run_status 0 "stats --by all --from" "$KIOSK" stats --data "$D" --csv --by all --from 2026-07-15
cat >"$TMP/want" <<'CSV'
day,hour,what,item,bucket,count
all,all,search,,,<5
all,all,visit,,<1m,<5
CSV
same "$TMP/want" "$TMP/out" "--by all over the period from --from"

run_status 0 "stats --png" "$KIOSK" stats --data "$D" --png "$TMP/c.png" --size 640x480
$PY - "$TMP/c.png" >"$TMP/png" <<'PY'
import struct, sys, zlib
b = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", b[16:24])
raw, i = b"", 8
while i < len(b):
    n, = struct.unpack(">I", b[i:i + 4]); t = b[i + 4:i + 8]
    if t == b"IDAT": raw += b[i + 8:i + 8 + n]
    i += 12 + n
print(b[:8] == b"\x89PNG\r\n\x1a\n", w, h, len(set(zlib.decompress(raw))) > 8)
PY
[ "$(cat "$TMP/png")" = "True 640 480 True" ] && ok "a PNG of the size asked for, not blank" ||
	not_ok "the chart: $(cat "$TMP/png")"
run_status 2 "a bad --size is a usage error" "$KIOSK" stats --data "$D" --png "$TMP/c.png" --size 10x10
run_status 1 "a chart that cannot be written fails" "$KIOSK" stats --data "$D" --png "$TMP/no/such/c.png"
contains "$TMP/err" "kiosk: stats: $TMP/no/such/c.png:" "naming the file"

printf 'not a database at all, just text that is long enough to be read as a header....' >"$D/stats.db"
run_status 1 "a damaged database fails" "$KIOSK" stats --data "$D" --csv
contains "$TMP/err" "kiosk: stats: $D/stats.db:" "in one line naming the file"
