#!/usr/bin/env python3
"""make_corpus.py KIOSK FUZZDIR: write the seed corpus of the fuzz harnesses.

FUZZDIR/corpus/<harness>/ gets, for each harness of tests/fuzz/:

  zip       the hostile zips of tests/cli/gen_hostile.py, the packs of
            tests/fixtures/mini and content-packs/defectors-day built with KIOSK
            (`kiosk pack build`), zips of every fixture folder written by Python's
            zipfile (not checked, so the loader sees broken packs too), the same
            folders as file lists (fuzz_zip's "FILES" inputs) and the image
            fixture zips
  ini       every pack.ini of the fixtures and content packs, and variants
  markdown  every page (*.md) of the fixtures and content packs, and one file per
            construct the kiosk refuses or shows
  query     visitors' queries: Korean, English, mixed, and FTS5 syntax
  vtt       every caption cue file (*.vtt) of the fixtures and content packs, and
            variants of the format
  png       4 bytes of a box (two little-endian 16-bit sides), then a PNG: small
            PNGs of every bit depth with a palette, tRNS kinds, grey; and the
            content packs' PNGs of 60 KB or less in a 1038x584 box

FUZZDIR/stress/zip/ gets a pack too large to commit that once took seconds to load;
it is replayed, not fuzzed from.

Seeds are written over files of the same name; files the fuzzers added are kept.
Python 3 standard library only; the output is deterministic.
"""
import os
import shutil
import subprocess
import struct
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
PACK_DIRS = [os.path.join(TOP, "tests", "fixtures", d) for d in ("mini", "bad")]
CONTENT = os.path.join(TOP, "content-packs")
PACK_DIRS += sorted(os.path.join(CONTENT, d) for d in os.listdir(CONTENT)
                    if os.path.isdir(os.path.join(CONTENT, d)))


def write(out, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def flat(path):
    """A file name for a seed taken from path (relative to the top)."""
    return os.path.relpath(path, TOP).replace(os.sep, "_")


def files_named(pred):
    for top in PACK_DIRS:
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for n in sorted(names):
                if pred(n):
                    yield os.path.join(root, n)


def zip_folder(src, dst, method):
    """A zip of every file of src, in path order, without the checks of pack build."""
    with zipfile.ZipFile(dst, "w", method) as z:
        for root, dirs, names in os.walk(src):
            dirs.sort()
            for n in sorted(names):
                p = os.path.join(root, n)
                info = zipfile.ZipInfo(os.path.relpath(p, src).replace(os.sep, "/"),
                                       (2024, 1, 1, 0, 0, 0))
                info.compress_type = method
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                with open(p, "rb") as f:
                    z.writestr(info, f.read())


def files_seed(src):
    """The "FILES\\n" form of a folder that fuzz_zip writes as a zip itself: records
    name LF content, separated by lines "@@"; images cut to their first 512 bytes."""
    recs = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                data = f.read()
            if not n.endswith((".md", ".ini")):
                data = data[:512]
            recs.append(os.path.relpath(p, src).replace(os.sep, "/").encode("utf-8") + b"\n" + data)
    return b"FILES\n" + b"\n@@\n".join(recs)


def many_images():
    """A pack of 19,980 images each shown twice on an exhibit page (760 KB, under the
    1 MB limit of a page) in two languages: 80,000 references, too large to commit
    (2 MB); the loader once compared each with every image before it."""
    n = 19980
    recs = [("pack.ini", "[pack]\nid = many\nversion = 1.0\nlanguages = ko, en\n"
                         "default_language = ko\ntitle.ko = a\ntitle.en = b\n"),
            ("ko.md", "# H\n"), ("en.md", "# H\n"), ("01-s/ko.md", "# S\n"), ("01-s/en.md", "# S\n")]
    refs = "".join('![c](%x.png "a")\n\n' % (i % n) for i in range(2 * n))
    recs += [("01-s/01-e/ko.md", "# T\n\n" + refs + "출처: x\n"),
             ("01-s/01-e/en.md", "# T\n\n" + refs + "Source: x\n")]
    recs += [("01-s/01-e/%x.png" % i, "") for i in range(n)]
    return b"FILES\n" + b"\n@@\n".join((k + "\n" + v).encode("utf-8") for k, v in recs)


def corpus_zip(kiosk, out):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(TOP, "tests", "cli", "gen_hostile.py"), tmp],
                       check=True)
        for n in sorted(os.listdir(tmp)):
            if n.endswith(".zip"):
                shutil.copyfile(os.path.join(tmp, n), os.path.join(out, "hostile-" + n))
    for src in PACK_DIRS:
        name = os.path.basename(src)
        # what the kiosk installs: refused folders (fixtures/bad) build nothing
        dst = os.path.join(out, "built-%s.zip" % name)
        r = subprocess.run([kiosk, "pack", "build", src, "-o", dst],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode != 0 and name != "bad":
            sys.exit("make_corpus: kiosk pack build %s failed" % src)
        zip_folder(src, os.path.join(out, "zipfile-%s-deflate.zip" % name), zipfile.ZIP_DEFLATED)
        zip_folder(src, os.path.join(out, "zipfile-%s-stored.zip" % name), zipfile.ZIP_STORED)
        write(out, "files-%s" % name, files_seed(src))
    img = os.path.join(TOP, "tests", "fixtures", "images")
    for n in sorted(os.listdir(img)):
        if n.endswith(".zip"):
            shutil.copyfile(os.path.join(img, n), os.path.join(out, "fixture-" + n))


INI_VARIANTS = {
    "bom-crlf.ini": "\ufeff[pack]\r\nid = x\r\nversion = 1.0\r\nlanguages = ko\r\n"
                    "default_language = ko\r\ntitle.ko = 제목\r\n",
    "dates.ini": "[pack]\nid = a-b-c\nversion = 10.20.30\nlanguages = ko, en, zh-hant\n"
                 "default_language = en\ntitle.ko = 가\ntitle.en = A\ntitle.zh-hant = 中\n"
                 "source_label.zh-hant = 出處\nshow_from = 2024-02-29\nshow_until = 2023-12-31\n"
                 "signer = ab12\n",
    "twice.ini": "[pack]\nid = x\nid = y\nlanguages = ko,ko,en\ntitle.ko = a\ntitle.ko = b\n"
                 "title.fr = c\nsource_label.en =\n",
    "sections.ini": "; comment\n# comment\nid = top\n[other]\nid = x\n[pack]\nversion: 1\n"
                    "languages = xx-\ndefault_language = xx\nunknown = 1\n  continued\n[broken\n",
    "bad-values.ini": "[pack]\nid = -Bad\nversion = 1..2\nlanguages = K0, e, english\n"
                      "default_language =\nshow_from = 2024-13-01\nshow_until = 20240101\n"
                      "version = 0123456789.1\n",
    "long-line.ini": "[pack]\nid = " + "a" * 300 + "\ntitle.ko = " + "가" * 200 + "\n",
    "empty.ini": "",
    "no-equals.ini": "[pack]\njust words\n",
}

MD_VARIANTS = {
    "constructs.md": "# 제목 *강조* **굵게** ***둘 다***\n\n## 둘째\n\n### 셋째\n\n#### 넷째\n\n"
                     "> 인용 *문단*\n> > 깊은 인용\n\n- 하나\n- 둘\n  1. 안쪽\n  2. 안쪽 둘\n\n"
                     "7. 일곱\n8. 여덟\n\n`코드`와 [링크](http://x) <b>html</b>\n\n"
                     "```\ncode block\n```\n\n    indented code\n\n---\n\n<div>html</div>\n\n"
                     "![캡션 *강조*](그림.png \"대체 텍스트\")\n\n  ![](../up.png)  \n\n"
                     "줄 끝\\\n다음 줄  \n또 다음\n\n출처: 어딘가, 2024\n",
    "lists.md": "# T\n\n- ![a](a.png \"b\")\n- > quoted\n-\n- ## heading in item\n\n"
                "1) one\n2) two\n\n* a\n\n  b\n\n+ c\n",
    "emphasis.md": "# *a **b *c* d** e*\n\n_a_ __b__ *a*b*c* **a*b**c*** ****x****\n",
    "entities.md": "# &amp; &#xAC00; &#0; &nbsp;\n\n\\* \\# &copy;\n",
    "source-fullwidth.md": "# 제목\n\n본문\n\n출처： 전각 콜론\n",
    "bidi.md": "# \u202etxet\u202c \u200b\u2028x\u2029y\ufeff\n\n\t탭\u00ad소프트 하이픈\n",
    "long-word.md": "# " + "가" * 3000 + "\n\n" + "w" * 5000 + "\n",
    "empty.md": "",
    "setext.md": "Title\n=====\n\nSub\n---\n\ntext\n",
}

VTT_VARIANTS = {
    "full.vtt": "\ufeffWEBVTT - header\r\nKind: captions\r\n\r\nNOTE two\r\nlines\r\n\r\n"
                "STYLE\r\n::cue { color: red }\r\n\r\nid-1\r\n00:00.000 --> 00:01.500 align:start\r\n"
                "<v A>one &amp; two</v>\r\nsecond line\r\n\r\n01:00:00.000 --> 01:00:02.000\r\n&lt;x&gt;",
    "cr.vtt": "WEBVTT\r\r00:01.000 --> 00:02.000\rx\r",
    "overlap.vtt": "WEBVTT\n\n00:01.000 --> 00:04.000\na\n\n00:03.000 --> 00:05.000\nb\n",
    "bad-times.vtt": "WEBVTT\n\n0:01.000 --> 00:02.00\nx\n\n00:61.000 --> 99:00.000\ny\n",
    "no-text.vtt": "WEBVTT\n\nid\n00:01.000 --> 00:02.000\n\n",
    "empty.vtt": "",
}

QUERIES = [
    "인권", "탈북", "탈북민", "정착", "하나원", "의", "인권 보호", "국가인권위원회",
    "human rights", "Human", "rights", "settlement", "a", "the", "protect*", "refugee's",
    "Korea's", "can't", "ÉCOLE", "Straße", "naïve café", "İstanbul", "ǅ",
    "north AND south", "north OR south", "NOT north", "north NOT south",
    "\"north korea\"", "\"", "\"\"", "\"unbalanced", "a\"b", "NEAR(north south, 5)",
    "NEAR(", "north*", "*", "-north", "- -", "+north", "^north", "title:north",
    "{title plain}: x", "title : x", "(north)", "((", ")", "a:b", "col:인권",
    "탈북 AND 정착", "탈북 OR \"정착\"", "인권*", "-인권", "인권 NEAR(보호)",
    "カタカナ", "漢字", "中文 搜索", "한글English혼합", "abc가나다def", "1950", "6.25",
    "e\u0301", "\u0301", "가\u0301", "\u1100\u1161\u11a8", "ㄱㄴㄷ", "\U00020000\U00020001",
    "   ", "", "!!!", "@#$%^&()", "a b c d e f g h i j k", "x" * 300, "가" * 100,
    "word " * 60, "\t탭\n줄", "\u200b", "\ufeff인권", "\u202e인권",
]


# route strings: every kind, queries percent-encoded, raw UTF-8, bad escapes
ROUTES = ["/attract", "/", "/section/why-a-day", "/exhibit/the-decision?q=%EC%9D%B8%EA%B6%8C",
          "/image/the-decision/3", "/section-end/settlement", "/end", "/search?q=human+rights",
          "/search?q=인권", "/search?q=%", "/search?q=%E3%85", "/technician", "/image/x/99999",
          "/exhibit/../x", "/search?x=1"]


def png(w, h, depth, colours, trns=None, interlace=0, ctype=3):
    """A w x h PNG of `depth` bits a pixel: with a palette of `colours` entries
    (indices running past it when there are fewer than 2**depth), or grey (ctype 0)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    per_byte = 8 // depth
    raw = b""
    for y in range(h):
        row = [(x * 7 + y * 3) % (2 ** depth) for x in range(w)]
        packed = bytearray()
        for i in range(0, w, per_byte):
            v = 0
            for j in range(per_byte):
                v = v << depth | (row[i + j] if i + j < w else 0)
            packed.append(v)
        raw += bytes([y % 5]) + bytes(packed)  # each filter type in turn
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))
    if ctype == 3:
        out += chunk(b"PLTE", bytes((i * 40) % 256 for i in range(3 * colours)))
    if trns is not None:
        out += chunk(b"tRNS", bytes(trns))
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


PNG_VARIANTS = {
    "p8": ((20, 20), png(32, 18, 8, 200)),
    "p8-short-palette": ((20, 20), png(32, 18, 8, 3)),
    "p4-key": ((30, 9), png(40, 12, 4, 16, [255, 0, 255])),
    "p2-translucent": ((25, 25), png(33, 17, 2, 4, [128, 255])),
    "p1": ((5, 5), png(9, 7, 1, 2, [0])),
    "p8-twice-smaller": ((8, 8), png(32, 18, 8, 50)),
    "p8-inside": ((64, 64), png(32, 18, 8, 50)),
    "grey": ((20, 20), png(32, 18, 8, 0, None, 0, 0)),
}


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: make_corpus.py KIOSK FUZZDIR\n")
        return 2
    kiosk, out = sys.argv[1], os.path.join(sys.argv[2], "corpus")
    dirs = {h: os.path.join(out, h) for h in ("zip", "ini", "markdown", "query", "vtt", "route", "png")}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)
    corpus_zip(kiosk, dirs["zip"])
    # replayed, not fuzzed: each run of these takes a second
    stress = os.path.join(sys.argv[2], "stress", "zip")
    os.makedirs(stress, exist_ok=True)
    write(stress, "many-images", many_images())
    for p in files_named(lambda n: n.endswith(".ini")):
        shutil.copyfile(p, os.path.join(dirs["ini"], flat(p)))
    for n, text in INI_VARIANTS.items():
        write(dirs["ini"], "variant-" + n, text)
    for p in files_named(lambda n: n.endswith(".md")):
        shutil.copyfile(p, os.path.join(dirs["markdown"], flat(p)))
    for n, text in MD_VARIANTS.items():
        write(dirs["markdown"], "variant-" + n, text)
    for p in files_named(lambda n: n.endswith(".vtt")):
        shutil.copyfile(p, os.path.join(dirs["vtt"], flat(p)))
    for n, text in VTT_VARIANTS.items():
        write(dirs["vtt"], "variant-" + n, text)
    for i, q in enumerate(QUERIES):
        write(dirs["query"], "q%03d" % i, q)
    # invalid UTF-8 and a NUL byte, which a C string would cut
    write(dirs["query"], "bytes-invalid", b"\xff\xfe\xc0\xaf \xed\xa0\x80 \xea\xb0")
    write(dirs["query"], "bytes-nul", b"north\x00south")
    write(dirs["query"], "bytes-cp949", "인권".encode("cp949"))
    for i, r in enumerate(ROUTES):
        write(dirs["route"], "r%02d" % i, r)
    # pictures fitted into a box: 4 bytes of box, then the PNG
    for n, (box, png) in PNG_VARIANTS.items():
        write(dirs["png"], "variant-" + n, struct.pack("<HH", *box) + png)
    for p in files_named(lambda n: n.endswith(".png")):
        if os.path.getsize(p) <= 60000:
            with open(p, "rb") as f:
                write(dirs["png"], flat(p), struct.pack("<HH", 1037, 583) + f.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
