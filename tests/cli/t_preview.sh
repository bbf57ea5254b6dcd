# pack preview: every screen of a pack, in each language, at three sizes, into a PDF or a PNG.
. "$TOP/tests/cli/lib.sh"
need_tools pdfinfo pdftoppm readelf

FIXL="$FIX/labels"
# cairo, which writes the sheet, and the libraries it brings are loaded by pack
# preview, not at every start (cli/cmd_pack_preview.c)
if readelf -d "$KIOSK" | grep -q 'libcairo'; then
	not_ok "the kiosk is linked to cairo: it loads at every start"
else
	ok "cairo is not linked: pack preview loads it"
fi
check "the pack builds" "$KIOSK" pack build "$FIXL" -o "$TMP/labels.zip"
check "and installs" "$KIOSK" pack install "$TMP/labels.zip" --data "$TMP/d"
# home, the section, the exhibit and its image viewer; and search, where the kiosk has it
screens=4
if "$KIOSK" shot --data "$TMP/d" --route "/search?q=a" --size 390x844 --out "$TMP/search.png" 2>/dev/null; then
	screens=5
fi
check "preview of a pack folder into a PDF" "$KIOSK" pack preview "$FIXL" -o "$TMP/sheet.pdf"
contains "$TMP/out" "$screens screens in 2 languages at 3 sizes" "it names what it drew"
pages=$(pdfinfo "$TMP/sheet.pdf" | sed -n 's/^Pages: *//p')
want=$((1 + 2 * screens))
if [ "$pages" = "$want" ]; then ok "the PDF has a cover and one page a screen and language ($want)"; else not_ok "the PDF has $pages pages, not $want"; fi
pdftotext "$TMP/sheet.pdf" "$TMP/sheet.txt" 2>/dev/null
if command -v pdftotext >/dev/null; then
	contains "$TMP/sheet.txt" "exhibit first [ko] /exhibit/first" "each page is labelled with its screen, language and route"
	contains "$TMP/sheet.txt" "the number 2002 is not in en.md" "a lint finding is printed on the page of its screen"
	contains "$TMP/sheet.txt" "image viewer first #1 (chart.png)" "the image viewer has its page"
fi

# page 4 (the exhibit in Korean) rendered back: its phone picture is the kiosk's own shot.
# The phone picture sits at 28 pt, 62 pt and is 124.99 pt wide on the page (the layout of
# cmd_pack_preview.c); 224.66 dpi renders it 390 px wide.
pdftoppm -f 4 -l 4 -r 224.66 -x 87 -y 193 -W 390 -H 844 -png "$TMP/sheet.pdf" "$TMP/page"
for l in ko en; do
	"$KIOSK" shot --data "$TMP/d" --route /exhibit/first --lang $l --size 390x844 --out "$TMP/shot-$l.png"
done
page=$(ls "$TMP"/page*.png | head -1)
if "$BUILD/tests/pngdiff" "$TMP/shot-ko.png" "$page" "$TMP/diff.png" 0.12 >"$TMP/d1"; then
	ok "the page's phone picture matches kiosk shot ($(cat "$TMP/d1"))"
else
	not_ok "the page's phone picture differs from kiosk shot: $(cat "$TMP/d1")"
fi
if "$BUILD/tests/pngdiff" "$TMP/shot-en.png" "$page" "$TMP/diff2.png" 0.12 >"$TMP/d2"; then
	not_ok "the comparison cannot tell the English screen from the Korean one"
else
	ok "and the English screen does not match it ($(cat "$TMP/d2"))"
fi

# a zip previews the same; a contact sheet is one PNG, a row a screen and language
check "preview of a zip into a PNG contact sheet" "$KIOSK" pack preview "$TMP/labels.zip" -o "$TMP/sheet.png"
"$PY" - "$TMP/sheet.png" >"$TMP/size" <<'PYEOF'
import struct, sys
d = open(sys.argv[1], "rb").read(24)
print("png" if d[:8] == b"\x89PNG\r\n\x1a\n" else "not png", *struct.unpack(">II", d[16:24]))
PYEOF
contains "$TMP/size" "png 692 $((2 * screens * 260 + 12))" "one PNG of a row of 260 px a screen and language"

# refusals
run_status 1 "a pack with errors is not previewed" "$KIOSK" pack preview "$FIX/bad" -o "$TMP/bad.pdf"
contains "$TMP/err" "errors; fix them first" "and lint is named"
if [ -e "$TMP/bad.pdf" ]; then not_ok "nothing is written for it"; else ok "nothing is written for it"; fi
run_status 2 "preview needs -o" "$KIOSK" pack preview "$FIXL"
run_status 1 "the sheet is a pdf or a png" "$KIOSK" pack preview "$FIXL" -o "$TMP/sheet.gif"
contains "$TMP/err" "the sheet is a .pdf or a .png" "and says so"

# shot --source and run --source show a folder as it is, unsigned and uninstalled
check "shot --source draws a pack folder" "$KIOSK" shot --source "$FIXL" --route /exhibit/first --lang ko \
	--size 390x844 --out "$TMP/source.png"
if "$BUILD/tests/pngdiff" "$TMP/shot-ko.png" "$TMP/source.png" "$TMP/diff3.png" 0 >"$TMP/d3"; then
	ok "exactly as the installed pack is drawn"
else
	not_ok "shot --source differs from the installed pack: $(cat "$TMP/d3")"
fi
run_status 1 "shot --source refuses a folder with errors" "$KIOSK" shot --source "$FIX/bad" --route / --out "$TMP/x.png"
contains "$TMP/err" "17 errors; fix them first" "and says why"
SDL_VIDEODRIVER=offscreen run_status 0 "run --source opens a pack folder" "$KIOSK" run --source "$FIXL" --bench-start \
	--window 800x600
contains "$TMP/out" "first-frame" "and shows its first frame"

# run --source installs each saved edit into its data folder, and keeps the last good one
cp -r "$FIX/mini" "$TMP/live"
SDL_VIDEODRIVER=offscreen "$KIOSK" run --source "$TMP/live" --window 800x600 >"$TMP/live.out" 2>"$TMP/live.err" &
kpid=$!
wait_line() { # FILE TEXT: up to 15 s
	i=0
	while ! grep -qF -- "$2" "$1" && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
	grep -qF -- "$2" "$1"
}
if wait_line "$TMP/live.err" "each saved edit is installed there"; then ok "run --source says where it shows the folder from"; else not_ok "run --source did not start"; sed 's/^/# /' "$TMP/live.err"; fi
ldata=$(sed -n 's/.* is shown from \(.*\); each saved edit.*/\1/p' "$TMP/live.err")
sed -i 's/인권의 역사는 길다./인권의 역사는 길다. 무지개다리./' "$TMP/live/01-intro/01-first/ko.md"
if wait_line "$TMP/live.err" "the edit is installed"; then ok "a saved edit is installed"; else not_ok "the edit was not installed"; sed 's/^/# /' "$TMP/live.err"; fi
check "the kiosk's catalog has the edit" "$KIOSK" search 무지개다리 --lang ko --data "$ldata"
contains "$TMP/out" "/exhibit/first" "and finds the edited exhibit"
printf '<b>html</b>\n' >>"$TMP/live/01-intro/01-first/en.md"
if wait_line "$TMP/live.err" "the kiosk keeps the last version without errors"; then
	ok "an edit with a lint error is not installed, and says why"
else
	not_ok "an edit with an error was not reported"; sed 's/^/# /' "$TMP/live.err"
fi
contains "$TMP/live.err" "raw HTML cannot be shown on the kiosk" "naming the error"
kill "$kpid" 2>/dev/null
i=0; while kill -0 "$kpid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -e "$ldata" ]; then not_ok "the temporary data folder is left behind"; else ok "the temporary data folder goes when the kiosk ends"; fi
