# pack preview: every screen of a pack, in each language, at three sizes, into a PDF or a PNG.
. "$TOP/tests/cli/lib.sh"
need_tools pdfinfo pdftoppm

FIXL="$FIX/labels"
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
SDL_VIDEODRIVER=dummy run_status 0 "run --source opens a pack folder" "$KIOSK" run --source "$FIXL" --bench-start \
	--window 800x600
contains "$TMP/out" "first-frame" "and shows its first frame"
