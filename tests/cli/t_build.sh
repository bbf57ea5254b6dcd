# pack build and pack lint: deterministic zips, every problem reported at once.
. "$TOP/tests/cli/lib.sh"

DEMO="$TOP/content-packs/defectors-day"

check "the demo pack lints" "$KIOSK" pack lint "$DEMO"
contains "$TMP/out" "0 errors, 0 warnings" "the demo pack has no warnings"
contains "$TMP/out" "4 sections, 14 exhibits" "the demo pack has 4 sections and 14 exhibits"

check "the demo pack builds" "$KIOSK" pack build "$DEMO" -o "$TMP/a.zip"
sleep 1
touch "$DEMO/ko.md" 2>/dev/null || true
check "it builds again" "$KIOSK" pack build "$DEMO" -o "$TMP/b.zip"
same "$TMP/a.zip" "$TMP/b.zip" "two builds give byte-identical zips"
(cd "$TMP" && TZ=Asia/Seoul "$KIOSK" pack build "$DEMO" -o c.zip >/dev/null 2>&1)
same "$TMP/a.zip" "$TMP/c.zip" "the time zone does not change the bytes"
check "the built zip lints" "$KIOSK" pack lint "$TMP/a.zip"
contains "$TMP/out" "0 errors, 0 warnings" "the built zip has no warnings"
check "the built zip verifies" "$KIOSK" pack verify "$TMP/a.zip"

(cd "$TMP" && "$KIOSK" pack build "$FIX/mini" >/dev/null 2>&1)
if [ -f "$TMP/mini-1.0.0.zip" ]; then ok "default output name is <id>-<version>.zip"; else not_ok "default output name"; fi

# a zip's listing: sorted names, one fixed time, no extra fields
"$PY" - "$TMP/a.zip" >"$TMP/zipinfo" <<'PYEOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [i.filename for i in z.infolist()]
print("sorted" if names == sorted(names) else "unsorted")
print("times", sorted({i.date_time for i in z.infolist()}))
print("attrs", sorted({i.external_attr >> 16 for i in z.infolist()}))
print("extra", sorted({len(i.extra) for i in z.infolist()}))
PYEOF
contains "$TMP/zipinfo" "sorted" "entries are sorted"
contains "$TMP/zipinfo" "times [(2000, 1, 1, 0, 0, 0)]" "one fixed timestamp"
contains "$TMP/zipinfo" "attrs [33188]" "regular files, mode 0644"
contains "$TMP/zipinfo" "extra [0]" "no extra fields"

# lint reports every problem, each as file:line: message
run_status 1 "lint of a broken pack fails" "$KIOSK" pack lint "$FIX/bad"
sed "s|$FIX/bad|BAD|" "$TMP/out" >"$TMP/lint"
same "$TMP/lint" "$TOP/tests/cli/lint-bad.expected" "lint output is the expected list"
if ! cmp -s "$TMP/lint" "$TOP/tests/cli/lint-bad.expected"; then diff "$TOP/tests/cli/lint-bad.expected" "$TMP/lint" | sed 's/^/# /'; fi

run_status 1 "build refuses what lint calls an error" "$KIOSK" pack build "$FIX/bad" -o "$TMP/bad.zip"
if [ -e "$TMP/bad.zip" ]; then not_ok "a refused build writes nothing"; else ok "a refused build writes nothing"; fi
contains "$TMP/err" "17 errors; nothing was written" "build says why"

# text is normalised: NFD and CRLF in the source become NFC and LF in the zip
cp -r "$FIX/mini" "$TMP/nfd"
printf '# \341\204\222\341\205\241\341\206\253\r\n\r\n\341\204\222\341\205\241\341\206\253 \352\270\200.\r\n' >"$TMP/nfd/ko.md"
check "a pack with NFD and CRLF builds" "$KIOSK" pack build "$TMP/nfd" -o "$TMP/nfd.zip"
"$PY" -c "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('ko.md').decode())" "$TMP/nfd.zip" >"$TMP/ko.md"
printf '# \355\225\234\n\n\355\225\234 \352\270\200.\n' >"$TMP/ko.want"
same "$TMP/ko.md" "$TMP/ko.want" "pages are stored as NFC with LF"

# usage errors
run_status 2 "pack build without a folder is a usage error" "$KIOSK" pack build
run_status 1 "pack build of a missing folder fails" "$KIOSK" pack build "$TMP/nope"
contains "$TMP/err" "nope: not a folder" "and names it"
run_status 0 "pack build --help" "$KIOSK" pack build --help
contains "$TMP/out" "usage: kiosk pack build" "help shows usage"
for c in lint verify install list remove preview; do
	run_status 0 "pack $c --help" "$KIOSK" pack "$c" --help
done
run_status 0 "search --help" "$KIOSK" search --help
run_status 2 "an unknown command is a usage error" "$KIOSK" frobnicate

# a page of one line repeated (780 KB that deflate to a few KB) builds, verifies and installs:
# build runs on its zip the checks of verify and install
cp -r "$FIX/mini" "$TMP/rep"
"$PY" - "$TMP/rep/01-intro/01-first/ko.md" <<'PYEOF'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n\n")
body = "이 줄은 같은 말을 되풀이합니다. This line repeats.\n\n" * 12000
open(p, "w", encoding="utf-8").write("\n\n".join(lines[:-1]) + "\n\n" + body + lines[-1])
PYEOF
check "a page of 780 KB of one repeated line builds" "$KIOSK" pack build "$TMP/rep" -o "$TMP/rep.zip"
check "and verifies" "$KIOSK" pack verify "$TMP/rep.zip"
check "and installs" "$KIOSK" pack install "$TMP/rep.zip" --data "$TMP/rep-data"

# root causes first: one typo in pack.ini is one error that names the key
cp -r "$DEMO" "$TMP/typo"
sed -i 's/^languages/langauges/' "$TMP/typo/pack.ini"
run_status 1 "a pack.ini key typo fails lint" "$KIOSK" pack lint "$TMP/typo"
sed "s|$TMP/typo|TYPO|" "$TMP/out" | grep -v ': info: ' >"$TMP/lint"
printf '%s\n' "TYPO/pack.ini:4: error: unknown key 'langauges'; did you mean 'languages'?" \
	"TYPO: defectors-day 1.0.0: 0 sections, 0 exhibits, 0 images; 1 error, 0 warnings" >"$TMP/want"
same "$TMP/lint" "$TMP/want" "it is one error with the near key, and no warnings follow"

# a misspelt image name: one error with its line and the file meant
cp -r "$DEMO" "$TMP/imgtypo"
sed -i 's/(timeline-2024.png/(timline-2024.png/' "$TMP/imgtypo/01-why-a-day/01-the-decision/ko.md"
run_status 1 "an image name typo fails lint" "$KIOSK" pack lint "$TMP/imgtypo"
# (lines of information, such as what a narration holds, are not problems)
sed "s|$TMP/imgtypo|IMG|" "$TMP/out" | grep -v ': info: ' >"$TMP/lint"
printf '%s\n' "IMG/01-why-a-day/01-the-decision/ko.md:5: error: image 'timline-2024.png' does not exist; did you mean 'timeline-2024.png'?" \
	"IMG: defectors-day 1.0.0: 4 sections, 14 exhibits, 14 images; 1 error, 0 warnings" >"$TMP/want"
same "$TMP/lint" "$TMP/want" "it is one error with file:line and 'did you mean'"
if ! cmp -s "$TMP/lint" "$TMP/want"; then diff "$TMP/want" "$TMP/lint" | sed 's/^/# /'; fi

# a zip made by macOS Finder: one wrapping folder, __MACOSX/ and .DS_Store beside the content
"$PY" - "$DEMO" "$TMP/finder.zip" <<'PYEOF'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("defectors-day/", b"")
    for root, dirs, files in sorted(os.walk(src)):
        dirs.sort()
        rel = os.path.relpath(root, src)
        for f in sorted(files):
            name = "defectors-day/" + ("" if rel == "." else rel + "/") + f
            z.write(os.path.join(root, f), name)
            z.writestr("__MACOSX/" + os.path.dirname(name) + "/._" + f, b"\0\5\26\7" + bytes(60))
    z.writestr("defectors-day/.DS_Store", b"\0\0\0\1Bud1" + bytes(100))
PYEOF
check "a Finder zip lints" "$KIOSK" pack lint "$TMP/finder.zip"
contains "$TMP/out" "finder.zip:defectors-day/: warning: the pack is inside the folder 'defectors-day' of the zip" "the wrapping folder is named in a warning"
contains "$TMP/out" "files that macOS or Windows add (__MACOSX/, ._*, .DS_Store, Thumbs.db, desktop.ini) are ignored" "the system files are one warning"
contains "$TMP/out" "0 errors, 2 warnings" "and nothing else is said"
check "a Finder zip installs" "$KIOSK" pack install "$TMP/finder.zip" --data "$TMP/finder-data"
check "its pages are searchable" "$KIOSK" search "Hanawon" --lang en --data "$TMP/finder-data"
contains "$TMP/out" "hanawon" "search finds an exhibit of the Finder zip"

# a source folder with the same system files, a BOM and CRLF line endings
cp -r "$FIX/mini" "$TMP/crlf"
touch "$TMP/crlf/.DS_Store" "$TMP/crlf/Thumbs.db" "$TMP/crlf/01-intro/desktop.ini"
"$PY" - "$TMP/crlf" <<'PYEOF'
import os, sys
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".md") or f == "pack.ini":
            p = os.path.join(root, f)
            s = open(p, encoding="utf-8").read().replace("\n", "\r\n")
            open(p, "w", encoding="utf-8", newline="").write("\ufeff" + s)
PYEOF
check "a folder saved with a BOM and CRLF lints" "$KIOSK" pack lint "$TMP/crlf"
contains "$TMP/out" "0 errors, 1 warning" "with one warning"
contains "$TMP/out" "3 files that macOS or Windows add" "for the three system files"
check "and builds" "$KIOSK" pack build "$TMP/crlf" -o "$TMP/crlf.zip"

# Markdown the kiosk cannot show: a table, strikethrough, a task list, a list 30 levels deep
run_status 1 "lint of unshowable Markdown fails" "$KIOSK" pack lint "$FIX/markdown"
sed "s|$FIX/markdown|MD|" "$TMP/out" >"$TMP/lint"
same "$TMP/lint" "$TOP/tests/cli/lint-markdown.expected" "each construct is one error with its line"
if ! cmp -s "$TMP/lint" "$TOP/tests/cli/lint-markdown.expected"; then diff "$TOP/tests/cli/lint-markdown.expected" "$TMP/lint" | sed 's/^/# /'; fi

# label lint, fonts and title lengths, with the fonts of a known fontconfig configuration:
# Noto CJK only, then Noto CJK and Noto Color Emoji
mkdir -p "$TMP/fc"
fonts_conf() {
	{ printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
	  for d in "$@"; do printf '<dir>%s</dir>\n' "$d"; done
	  printf '<cachedir>%s/fc/cache</cachedir></fontconfig>\n' "$TMP"; } >"$TMP/fc/fonts.conf"
}
fonts_conf /usr/share/fonts/opentype/noto
FONTCONFIG_FILE="$TMP/fc/fonts.conf" run_status 0 "label warnings leave lint's status 0" "$KIOSK" pack lint "$FIX/labels"
sed "s|$FIX/labels|LABELS|" "$TMP/out" >"$TMP/lint"
same "$TMP/lint" "$TOP/tests/cli/lint-labels.expected" "long title, long sentence, drifted numbers and undrawable characters are warned of"
if ! cmp -s "$TMP/lint" "$TOP/tests/cli/lint-labels.expected"; then diff "$TOP/tests/cli/lint-labels.expected" "$TMP/lint" | sed 's/^/# /'; fi
fonts_conf /usr/share/fonts/opentype/noto /usr/share/fonts/truetype/noto
FONTCONFIG_FILE="$TMP/fc/fonts.conf" run_status 0 "lint with the emoji font" "$KIOSK" pack lint "$FIX/labels"
lacks "$TMP/out" "U+1F54A" "the emoji is drawn from Noto Color Emoji, so it is not warned of"
contains "$TMP/out" "U+0E2A 'ส' (in 'สวัสดี') cannot be drawn" "Thai still is"

# shot --check fails on a character no font draws
check "the label fixture builds" "$KIOSK" pack build "$FIX/labels" -o "$TMP/labels.zip"
check "and installs" "$KIOSK" pack install "$TMP/labels.zip" --data "$TMP/labels-data"
FONTCONFIG_FILE="$TMP/fc/fonts.conf" run_status 1 "shot --check fails on a missing glyph" \
	"$KIOSK" shot --data "$TMP/labels-data" --route /exhibit/first --lang ko --size 1080x1920 --check
contains "$TMP/err" "which no font on this machine draws" "and says which character"

# a zip made by Windows Explorer (Send to > Compressed folder): one wrapping folder, Thumbs.db
"$PY" - "$FIX/mini" "$TMP/explorer.zip" <<'PYEOF'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in sorted(os.walk(src)):
        dirs.sort()
        rel = os.path.relpath(root, src)
        for f in sorted(files):
            z.write(os.path.join(root, f), "mini/" + ("" if rel == "." else rel + "/") + f)
        z.writestr("mini/" + ("" if rel == "." else rel + "/") + "Thumbs.db", bytes(64))
    z.writestr("mini/desktop.ini", b"[.ShellClassInfo]\r\n")
PYEOF
check "an Explorer zip verifies" "$KIOSK" pack verify "$TMP/explorer.zip"
check "and lints" "$KIOSK" pack lint "$TMP/explorer.zip"
contains "$TMP/out" "explorer.zip:mini/: warning: the pack is inside the folder 'mini' of the zip" "the folder is named"
contains "$TMP/out" "4 files that macOS or Windows add" "three Thumbs.db and a desktop.ini are one warning"
check "and installs" "$KIOSK" pack install "$TMP/explorer.zip" --data "$TMP/explorer-data"

# one line for one fault: a page cut to nothing, and a picture that is a symbolic link
rm -rf "$TMP/one" && cp -r "$FIX/mini" "$TMP/one"
: >"$TMP/one/01-intro/01-first/ko.md"
printf '\n  \n' >"$TMP/one/01-intro/ko.md"
run_status 1 "empty pages fail lint" "$KIOSK" pack lint "$TMP/one"
contains "$TMP/out" "01-intro/01-first/ko.md:1: error: the page is empty: it starts with '# Title' and ends with its source line" \
	"an empty exhibit page is one error naming what it needs"
contains "$TMP/out" "01-intro/ko.md:1: error: the page is empty: it starts with '# Title'" "and an empty section page"
[ "$(grep -c ': error: ' "$TMP/out")" -eq 2 ] && ok "two errors in all, one for each page" ||
	{ not_ok "$(grep -c ': error: ' "$TMP/out") errors for two empty pages"; sed 's/^/# /' "$TMP/out"; }
rm -rf "$TMP/one" && cp -r "$FIX/mini" "$TMP/one"
mv "$TMP/one/01-intro/01-first/chart.png" "$TMP/outside.png"
ln -s "$TMP/outside.png" "$TMP/one/01-intro/01-first/chart.png"
run_status 1 "a picture that is a symbolic link fails lint" "$KIOSK" pack lint "$TMP/one"
contains "$TMP/out" "01-intro/01-first/chart.png: error: is a symbolic link; a pack holds regular files only" "it says so"
lacks "$TMP/out" "does not exist" "and the pages that show it are not told it does not exist"
[ "$(grep -c ': error: ' "$TMP/out")" -eq 1 ] && ok "one error in all" || { not_ok "more than one error"; sed 's/^/# /' "$TMP/out"; }
# a folder made for an exhibit and left empty: a warning names it, the pack builds
rm -rf "$TMP/one" && cp -r "$FIX/mini" "$TMP/one"
mkdir -p "$TMP/one/01-intro/02-second/images" "$TMP/one/02-more"
touch "$TMP/one/02-more/.DS_Store"
check "empty folders do not fail lint" "$KIOSK" pack lint "$TMP/one"
contains "$TMP/out" "01-intro/02-second/images: warning: empty folder; it is left out of the pack" "the innermost empty folder is named"
lacks "$TMP/out" "01-intro/02-second: warning: empty folder" "not the one around it as well"
contains "$TMP/out" "02-more: warning: empty folder; it is left out of the pack" "a folder of system files only is empty"
check "and the pack builds" "$KIOSK" pack build "$TMP/one" -o "$TMP/one.zip"
# flags (regional indicators), which the line breaking library of Debian 12 aborts on
rm -rf "$TMP/one" && cp -r "$FIX/mini" "$TMP/one"
sed -i '1s/$/ 🇰🇷/' "$TMP/one/01-intro/01-first/en.md"
sed -i '3s/^/🇰🇷🇺🇸 /' "$TMP/one/01-intro/01-first/en.md"
check "a page with flags lints" "$KIOSK" pack lint "$TMP/one"
check "and its screen is drawn" "$KIOSK" shot --source "$TMP/one" --route /exhibit/first --lang en --size 390x844 --out "$TMP/flags.png"
check "a search for a flag is drawn" "$KIOSK" shot --source "$TMP/one" --route "/search?q=🇰🇷" --lang en --size 390x844 --out "$TMP/flags.png"
# link syntax that Markdown leaves as text would show its brackets
rm -rf "$TMP/one" && cp -r "$FIX/mini" "$TMP/one"
sed -i 's/is a shared task\./is a shared task. See [Human rights](other.md too./' "$TMP/one/01-intro/01-first/en.md"
printf '# 소개\n\n[보고서][1]를 보세요.\n' >"$TMP/one/01-intro/ko.md"
run_status 1 "a link that is not closed fails lint" "$KIOSK" pack lint "$TMP/one"
contains "$TMP/out" "01-intro/01-first/en.md:3: error: a link that is not closed ('](' with no ')'): the kiosk would show its brackets" \
	"it names the line"
contains "$TMP/out" "01-intro/ko.md:3: error: a reference link ('][') with no definition: the kiosk would show its brackets" \
	"and a reference with no definition"
