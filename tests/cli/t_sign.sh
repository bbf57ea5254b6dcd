# Signed packs: kiosk key generate, pack sign, and install/verify checking the
# signature before the zip is read; both ways with Debian's minisign (0.11).
. "$TOP/tests/cli/lib.sh"

# allow_unsigned is false unless a test says otherwise
printf '[packs]\n' >"$TMP/strict.ini"
export KIOSK_CONFIG="$TMP/strict.ini"
D="$TMP/data"
if command -v minisign >/dev/null 2>&1; then ok "minisign is installed"; else
	not_ok "minisign is installed (packaging/install-deps.sh installs it)"; fi

# mini 1.0.0, 1.1.0, 1.2.0
"$KIOSK" pack build "$FIX/mini" -o "$TMP/mini-1.zip" >/dev/null || not_ok "build mini 1.0.0"
for v in 1.1.0 1.2.0; do
	rm -rf "$TMP/src" && cp -r "$FIX/mini" "$TMP/src"
	sed -i "s/^version = .*/version = $v/" "$TMP/src/pack.ini"
	"$KIOSK" pack build "$TMP/src" -o "$TMP/mini-$v.zip" >/dev/null || not_ok "build mini $v"
done
cp "$TMP/mini-1.zip" "$TMP/unsigned.zip"

# keys
check "key generate" "$KIOSK" key generate -o "$TMP/pub"
[ -f "$TMP/pub.key" ] && [ -f "$TMP/pub.pub" ] && ok "writes NAME.key and NAME.pub" || not_ok "key files"
[ "$(stat -c %a "$TMP/pub.key")" = 600 ] && ok "the secret key is mode 0600" || not_ok "secret key mode $(stat -c %a "$TMP/pub.key")"
KEYID=$(head -n 1 "$TMP/pub.pub" | sed 's/.* //')
contains "$TMP/out" "$KEYID" "it prints the key id"
cp "$TMP/pub.key" "$TMP/key.before"
run_status 1 "key generate never overwrites" "$KIOSK" key generate -o "$TMP/pub"
contains "$TMP/err" "pub.key: already exists" "and says so"
same "$TMP/pub.key" "$TMP/key.before" "the old key is intact"
check "a second key pair" "$KIOSK" key generate -o "$TMP/other"

# sign
check "pack sign" "$KIOSK" pack sign "$TMP/mini-1.1.0.zip" --key "$TMP/pub.key"
contains "$TMP/mini-1.1.0.zip.minisig" "trusted comment: pack:mini version:1.1.0 timestamp:" "the trusted comment names pack and version"
contains "$TMP/mini-1.1.0.zip.minisig" "file:mini-1.1.0.zip" "and the file"
check "sign mini 1.0.0 too" "$KIOSK" pack sign "$TMP/mini-1.zip" --key "$TMP/pub.key"
run_status 2 "pack sign needs --key" "$KIOSK" pack sign "$TMP/mini-1.zip"

# a pack that verify refuses is not signed
mkdir -p "$TMP/evil"
(cd "$FIX/mini" && cp -r . "$TMP/evil/")
printf '# 하나\n\n<script>x</script>\n\n![도표](chart.png "도표")\n\n출처: 시험\n' >"$TMP/evil/01-intro/01-first/ko.md"
(cd "$TMP/evil" && zip -qrX "$TMP/evil.zip" .)
run_status 1 "pack sign refuses what verify refuses" "$KIOSK" pack sign "$TMP/evil.zip" --key "$TMP/pub.key"
contains "$TMP/err" "raw HTML cannot be shown" "naming the problem"
[ ! -e "$TMP/evil.zip.minisig" ] && ok "and writes no signature" || not_ok "a signature was written"

# unsigned, untrusted: refused, nothing created
run_status 1 "an unsigned pack is refused" "$KIOSK" pack install "$TMP/unsigned.zip" --data "$D"
contains "$TMP/err" "kiosk: pack install: $TMP/unsigned.zip: no signature ($TMP/unsigned.zip.minisig); unsigned packs are refused unless allow_unsigned = true in the config" "saying how to allow it"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok "in one line" || not_ok "in one line"
run_status 1 "a pack signed by an unknown key is refused" "$KIOSK" pack install "$TMP/mini-1.1.0.zip" --data "$D"
contains "$TMP/err" "$TMP/mini-1.1.0.zip: signed by key $KEYID which is not trusted (add its .pub to $D/keys/)" "naming the key and where to put it"
[ ! -e "$D" ] && ok "no data folder appeared" || not_ok "a data folder appeared"

# trusted through DATA/keys
mkdir -p "$D/keys"
cp "$TMP/pub.pub" "$D/keys/"
check "a pack signed by a trusted key installs" "$KIOSK" pack install "$TMP/mini-1.1.0.zip" --data "$D"
contains "$TMP/out" "installed mini 1.1.0" "and says so"
run_status 1 "a key of DATA/keys does not make unsigned packs acceptable" "$KIOSK" pack install "$TMP/unsigned.zip" --data "$D" --allow-downgrade
contains "$TMP/err" "no signature" "the unsigned pack is still refused"

# one byte changed: refused before the zip is read, the catalog unchanged
cp "$TMP/mini-1.2.0.zip" "$TMP/tampered.zip"
"$KIOSK" pack sign "$TMP/tampered.zip" --key "$TMP/pub.key" >/dev/null || not_ok "sign 1.2.0"
"$PY" - "$TMP/tampered.zip" <<'PYEOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x01
open(p, "wb").write(bytes(b))
PYEOF
before=$(snapshot "$D")
run_status 1 "a zip with one byte flipped is refused" "$KIOSK" pack install "$TMP/tampered.zip" --data "$D"
contains "$TMP/err" "kiosk: pack install: $TMP/tampered.zip: signature does not match the file" "signature does not match the file"
[ "$(snapshot "$D")" = "$before" ] && ok "the catalog and packs are unchanged" || not_ok "the data folder changed"
run_status 1 "verify refuses it too" "$KIOSK" pack verify "$TMP/tampered.zip" --pubkey "$TMP/pub.pub"
contains "$TMP/err" "signature does not match the file" "with the same words"

# a changed trusted comment
cp "$TMP/mini-1.zip" "$TMP/comment.zip"
sed 's/version:1.0.0/version:9.0.0/' "$TMP/mini-1.zip.minisig" >"$TMP/comment.zip.minisig"
run_status 1 "an edited trusted comment is refused" "$KIOSK" pack install "$TMP/comment.zip" --data "$D" --allow-downgrade
contains "$TMP/err" "signature does not match its trusted comment" "naming the comment"
printf 'untrusted comment: x\nnot base64\n' >"$TMP/comment.zip.minisig"
run_status 1 "a signature file that is not one is refused" "$KIOSK" pack install "$TMP/comment.zip" --data "$D"
contains "$TMP/err" "kiosk: pack install: $TMP/comment.zip.minisig: not a minisign signature" "naming the signature file"

# minisign's own keys and signatures
minisign -G -W -p "$TMP/ms.pub" -s "$TMP/ms.key" >/dev/null 2>&1 </dev/null || not_ok "minisign -G"
cp "$TMP/ms.pub" "$D/keys/"
cp "$TMP/mini-1.2.0.zip" "$TMP/ms.zip"
minisign -S -s "$TMP/ms.key" -m "$TMP/ms.zip" >/dev/null 2>&1 </dev/null || not_ok "minisign -S"
check "a pack signed with minisign -S verifies" "$KIOSK" pack verify "$TMP/ms.zip" --pubkey "$TMP/ms.pub"
contains "$TMP/out" "signed by key" "verify names the signature"
check "and installs (minisign's comment names no pack; pack.ini is used)" "$KIOSK" pack install "$TMP/ms.zip" --data "$D"
contains "$TMP/out" "installed mini 1.2.0" "it is installed"
check "minisign -V checks a kiosk signature" minisign -Vm "$TMP/mini-1.1.0.zip" -p "$TMP/pub.pub"
contains "$TMP/out" "Trusted comment: pack:mini version:1.1.0" "and shows its trusted comment"
check "requiring the prehashed form (-H)" minisign -V -H -m "$TMP/mini-1.1.0.zip" -p "$TMP/pub.pub"
cp "$TMP/mini-1.zip" "$TMP/ms2.zip"
check "minisign signs with a kiosk secret key" sh -c "minisign -S -s '$TMP/pub.key' -m '$TMP/ms2.zip' </dev/null"
check "which the kiosk verifies" "$KIOSK" pack verify "$TMP/ms2.zip" --pubkey "$TMP/pub.pub"

# the legacy form is refused
cp "$TMP/mini-1.zip" "$TMP/legacy.zip"
minisign -S -l -s "$TMP/ms.key" -m "$TMP/legacy.zip" >/dev/null 2>&1 </dev/null || not_ok "minisign -S -l"
run_status 1 "a legacy (non-prehashed) signature is refused" "$KIOSK" pack install "$TMP/legacy.zip" --data "$D" --allow-downgrade
contains "$TMP/err" "signature uses the legacy non-prehashed form; sign with minisign -H or kiosk pack sign" "saying how to sign instead"

# the trusted comment must name this pack and version
cp "$TMP/mini-1.zip" "$TMP/wrongver.zip"
minisign -S -s "$TMP/ms.key" -m "$TMP/wrongver.zip" -t "pack:mini version:9.0.0" >/dev/null 2>&1 </dev/null
before=$(snapshot "$D")
run_status 1 "a signature for another version is refused" "$KIOSK" pack install "$TMP/wrongver.zip" --data "$D" --allow-downgrade
contains "$TMP/err" "signature is for pack mini version 9.0.0, the zip says pack mini version 1.0.0" "naming both"
cp "$TMP/mini-1.zip" "$TMP/wrongid.zip"
minisign -S -s "$TMP/ms.key" -m "$TMP/wrongid.zip" -t "pack:other version:1.0.0" >/dev/null 2>&1 </dev/null
run_status 1 "a signature for another pack is refused" "$KIOSK" pack install "$TMP/wrongid.zip" --data "$D" --allow-downgrade
contains "$TMP/err" "signature is for pack other version 1.0.0, the zip says pack mini version 1.0.0" "naming both"
[ "$(snapshot "$D")" = "$before" ] && ok "neither changed anything" || not_ok "the data folder changed"
run_status 1 "verify refuses the mismatch too" "$KIOSK" pack verify "$TMP/wrongver.zip" --data "$D"
contains "$TMP/err" "signature is for pack mini version 9.0.0" "with the same words"

# downgrades of signed packs
run_status 1 "an older signed version is refused" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D"
contains "$TMP/err" "is older than the installed version 1.2.0 (to install it anyway: kiosk pack install --allow-downgrade)" "saying how to install it anyway"
check "--allow-downgrade installs it" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D" --allow-downgrade
contains "$TMP/out" "installed mini 1.0.0" "version 1.0.0 is installed"

# verify and its --pubkey
run_status 1 "verify --pubkey with another key" "$KIOSK" pack verify "$TMP/mini-1.zip" --pubkey "$TMP/other.pub"
contains "$TMP/err" "signed by key $KEYID, not by $TMP/other.pub" "names both keys"
run_status 1 "verify --pubkey needs a signature" "$KIOSK" pack verify "$TMP/unsigned.zip" --pubkey "$TMP/pub.pub"
contains "$TMP/err" "no signature ($TMP/unsigned.zip.minisig)" "and says it is missing"
check "verify without --pubkey checks an unsigned zip's content" "$KIOSK" pack verify "$TMP/unsigned.zip"
contains "$TMP/out" "not signed" "and says it is not signed"
check "verify finds the keys of DATA/keys" "$KIOSK" pack verify "$TMP/mini-1.zip" --data "$D"
run_status 1 "verify of a signed zip without its key" "$KIOSK" pack verify "$TMP/mini-1.zip" --data "$TMP/nodata"
contains "$TMP/err" "which is not trusted" "is refused"

# keys and allow_unsigned in the config file
D2="$TMP/data2"
printf '[packs]\ntrusted_key = %s\n' "$(sed -n 2p "$TMP/pub.pub")" >"$TMP/key.ini"
check "trusted_key in the config" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D2" --config "$TMP/key.ini"
mkdir -p "$TMP/trusted"
cp "$TMP/pub.pub" "$TMP/trusted/"
printf '[packs]\ntrusted_keys = %s\n' "$TMP/trusted" >"$TMP/dir.ini"
check "trusted_keys folder in the config" "$KIOSK" pack install "$TMP/mini-1.1.0.zip" --data "$D2" --config "$TMP/dir.ini"
printf '[packs]\ntrusted_key = RWQnotakey\n' >"$TMP/badkey.ini"
run_status 1 "a bad trusted_key is a config error" "$KIOSK" pack install "$TMP/mini-1.zip" --data "$D2" --config "$TMP/badkey.ini"
contains "$TMP/err" "badkey.ini:2: trusted_key: not a minisign public key" "naming the file and key"
printf '[packs]\nallow_unsigned = true\n' >"$TMP/unsigned.ini"
check "allow_unsigned = true lets unsigned packs in" "$KIOSK" pack install "$TMP/unsigned.zip" --data "$TMP/data3" --config "$TMP/unsigned.ini"
printf '[packs]\nallow_unsigned = maybe\n' >"$TMP/maybe.ini"
run_status 1 "allow_unsigned takes true or false" "$KIOSK" pack list --config "$TMP/maybe.ini"
contains "$TMP/err" "'allow_unsigned' must be true or false" "and says so"
cp "$TMP/mini-1.2.0.zip" "$TMP/signed-bad.zip"
cp "$TMP/tampered.zip.minisig" "$TMP/signed-bad.zip.minisig"
"$PY" - "$TMP/signed-bad.zip" <<'PYEOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x01
open(p, "wb").write(bytes(b))
PYEOF
run_status 1 "allow_unsigned does not let a bad signature through" "$KIOSK" pack install "$TMP/signed-bad.zip" --data "$TMP/data3" --config "$TMP/unsigned.ini"
contains "$TMP/err" "which is not trusted" "its key is still checked"

# secret keys protected by a password (minisign's scrypt: about 1 GiB and a few seconds)
printf 'sesame\nsesame\n' | minisign -G -p "$TMP/pw.pub" -s "$TMP/pw.key" >/dev/null 2>&1 || not_ok "minisign -G with a password"
cp "$TMP/mini-1.zip" "$TMP/pw.zip"
run_status 1 "a password-protected key needs KIOSK_KEY_PASSWORD" env -u KIOSK_KEY_PASSWORD "$KIOSK" pack sign "$TMP/pw.zip" --key "$TMP/pw.key"
contains "$TMP/err" "pw.key: the secret key is protected by a password; put it in KIOSK_KEY_PASSWORD" "and says so"
check "with it, pack sign uses the key" env KIOSK_KEY_PASSWORD=sesame "$KIOSK" pack sign "$TMP/pw.zip" --key "$TMP/pw.key"
check "minisign -V agrees" minisign -Vm "$TMP/pw.zip" -p "$TMP/pw.pub"
