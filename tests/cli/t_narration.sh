# Narration, caption cues and content warnings in a pack: what lint reports (each
# problem one line naming the file and, for cues, the line), what build refuses, and
# the [audio] keys of the config. tests/fixtures/narrated is mini with Opus narration
# in Korean, Vorbis in English, their cues, and a content warning in both languages.
. "$TOP/tests/cli/lib.sh"

N="$FIX/narrated"
E=01-intro/01-first
check "the narrated fixture lints" "$KIOSK" pack lint "$N"
contains "$TMP/out" "$E/ko.opus: info: narration 00:02.471 (Opus, 7 KB), 3 cues" "its Opus narration's length is reported"
contains "$TMP/out" "$E/en.ogg: info: narration 00:02.471 (Vorbis, 12 KB), 3 cues" "and its Vorbis narration's"
contains "$TMP/out" "0 errors, 0 warnings" "no errors, no warnings"
check "it builds" "$KIOSK" pack build "$N" -o "$TMP/n.zip"
unzip -l "$TMP/n.zip" >"$TMP/list"
contains "$TMP/list" "$E/ko.opus" "the narration is in the zip"
contains "$TMP/list" "$E/en.vtt" "and its cues"
check "the built zip lints the same" "$KIOSK" pack lint "$TMP/n.zip"
contains "$TMP/out" "n.zip:$E/ko.opus: info: narration 00:02.471" "narration is checked inside the zip"
check "the demo pack lints" "$KIOSK" pack lint "$TOP/content-packs/defectors-day"
[ "$(grep -c ': info: narration ' "$TMP/out")" -eq 28 ] && ok "all 14 exhibits are narrated in both languages" ||
	not_ok "narration lines: $(grep -c ': info: narration ' "$TMP/out") of 28"
contains "$TMP/out" "0 errors, 0 warnings" "the demo pack has no warnings"

# variant SRC_NAME: a fresh copy of the fixture in $TMP/v
variant() { rm -rf "$TMP/v" && cp -r "$N" "$TMP/v"; }
lint_fails() { # WHAT TEXT: lint exits 1 and says TEXT
	run_status 1 "$1" "$KIOSK" pack lint "$TMP/v"
	contains "$TMP/out" "$2" "$1: says so"
}

variant; rm "$TMP/v/$E/en.ogg" "$TMP/v/$E/en.vtt"
run_status 0 "narration in one language only is a warning, not an error" "$KIOSK" pack lint "$TMP/v"
contains "$TMP/out" "$E: warning: narration in ko but not in en" "it names the languages"

variant; head -c 3000 "$N/$E/ko.opus" >"$TMP/v/$E/ko.opus"
lint_fails "a cut narration" "$E/ko.opus: error: narration does not decode: truncated"
variant; printf 'not audio at all' >"$TMP/v/$E/ko.opus"
lint_fails "a narration that is not Ogg" "$E/ko.opus: error: narration does not decode: not an Ogg file"
variant; cp "$N/$E/en.ogg" "$TMP/v/$E/ko.opus"
lint_fails "Vorbis named .opus" "narration is Ogg Vorbis, not Opus: name it ko.ogg"
variant; cp "$N/$E/ko.opus" "$TMP/v/$E/ko.ogg"
lint_fails "two narrations in one language" "both ko.opus and ko.ogg: keep one narration per language"
variant; rm "$TMP/v/$E/ko.vtt"
lint_fails "narration without cues" "narration ko.opus has no caption cues ko.vtt"
variant; rm "$TMP/v/$E/ko.opus"
lint_fails "cues without narration" "caption cues ko.vtt without narration"
variant; sed -i 's/00:01.600 --> 00:02.400/00:01.600 --> 00:03.400/' "$TMP/v/$E/en.vtt"
lint_fails "a cue after the end of the narration" "$E/en.vtt:12: error: the cue ends at 00:03.400, after the end of the narration at 00:02.471"
variant; sed -i 's/00:00.800 --> 00:01.600/00:00.800 -> 00:01.600/' "$TMP/v/$E/ko.vtt"
lint_fails "a malformed timing line, with its line" "$E/ko.vtt:8: error: '00:00.800 -> 00:01.600' is not a timing line"
variant; sed -i 's/00:01.600 --> 00:02.400/00:00.500 --> 00:02.400/' "$TMP/v/$E/ko.vtt"
lint_fails "cues out of order" "$E/ko.vtt:12: error: the cue starts before the previous one ends"
variant; sed -i 's/^WEBVTT$/WEBVT/' "$TMP/v/$E/ko.vtt"
lint_fails "a cue file without its signature" "$E/ko.vtt:1: error: a cue file starts with a line 'WEBVTT'"
variant; sed -i 's/^Source:/Another paragraph.\n\nSource:/' "$TMP/v/$E/en.md"
run_status 0 "more paragraphs than cues is a warning" "$KIOSK" pack lint "$TMP/v"
contains "$TMP/out" "$E/en.vtt: warning: 3 cues for the 4 paragraphs" "it counts both"

# content warnings
variant; sed -i 1d "$TMP/v/$E/en.md"
lint_fails "a warning in one language only" "$E/en.md:1: error: missing translation: ko.md has a content warning"
variant; sed -i '1s/.*/warning:   /' "$TMP/v/$E/ko.md"
lint_fails "an empty warning" "$E/ko.md:1: error: the content warning is empty"
variant; sed -i '1s/.*/Warning: 주의/' "$TMP/v/$E/ko.md"
run_status 0 "'Warning:' with a capital is a warning too" "$KIOSK" pack lint "$TMP/v"
variant; printf '\nwarning: a last paragraph is not a warning\n' >>"$TMP/v/01-intro/02-second/en.md"
lint_fails "a warning line elsewhere is not a warning (and breaks the source line)" "exhibit has no source line"

# withdraw = in pack.ini
variant; printf 'withdraw = other-pack/some-exhibit, Bad/x, narrated/first, third\n' >>"$TMP/v/pack.ini"
run_status 1 "bad withdrawals are refused" "$KIOSK" pack lint "$TMP/v"
contains "$TMP/out" "pack.ini:8: error: withdraw: 'Bad/x' must be pack-id/exhibit-slug" "a bad pack id, with its line"
contains "$TMP/out" "withdraw: 'third' must be pack-id/exhibit-slug" "a missing slash"
contains "$TMP/out" "withdraw: 'narrated/first' is in this pack; remove its folder instead" "its own exhibit"
lacks "$TMP/out" "other-pack/some-exhibit'" "a good one is not mentioned"

# the config
printf '[audio]\nnarration = maybe\n' >"$TMP/a.ini"
run_status 1 "narration must be true or false" "$KIOSK" pack list --config "$TMP/a.ini" --data "$TMP/d"
contains "$TMP/err" "'narration' must be true or false" "the config says so"
printf '[audio]\nvolume = 101\n' >"$TMP/a.ini"
run_status 1 "volume is 0-100" "$KIOSK" pack list --config "$TMP/a.ini" --data "$TMP/d"
contains "$TMP/err" "'volume' must be a whole number from 0 to 100" "the config says so"
printf '[audio]\nnarration = false\nvolume = 0\n' >"$TMP/a.ini"
check "good [audio] keys are read" "$KIOSK" pack list --config "$TMP/a.ini" --data "$TMP/d"
variant; rm "$TMP/v/$E/ko.vtt"
run_status 1 "build refuses narration without cues" "$KIOSK" pack build "$TMP/v" -o "$TMP/x.zip"
[ ! -e "$TMP/x.zip" ] && ok "and writes nothing" || not_ok "a zip was written"
