#!/usr/bin/env python3
"""gen_content.py OUTDIR: write the hostile packs that gen_hostile.py lacks, for
tests/cli/t_hostile_content.sh: bombs too big to be small fixtures, and broken or
strange content inside an otherwise valid pack (the zip itself is clean).

Like gen_hostile.py, every case starts from tests/fixtures/mini at version 9.0.0.
Written into OUTDIR:

  cases.tsv    one refused case a line: ZIP<TAB>SUBSTRING (part of the one-line message)
  shown.tsv    one case a line that is only content (strange but valid text) and must
               install and be drawn: ZIP<TAB>ROUTE
  *.zip        the archives (the million-entry one is about 90 MB)

Python 3 standard library only; the 1 GiB deflate stream is made of one compressed
megabyte repeated, so generating it takes well under a second.
"""
import os
import random
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_hostile import (Entry, Gen, assemble, central_header, deflate, fifield,  # noqa: E402
                         local_header, S_IFREG)

PAGE = "01-intro/01-first/%s.md"
IMAGE = "01-intro/01-first/chart.png"


def zeros_stream(mib):
    """A raw deflate stream of mib MiB of zeros, and their CRC-32. A full flush resets
    the compressor, so every megabyte compresses to the same bytes."""
    chunk = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    return block * mib + b"\x03\x00", crc  # b"\x03\x00": an empty final block


class Cases(Gen):
    def __init__(self, out):
        Gen.__init__(self, out)
        self.shown = []

    def show(self, name, route, entries):
        self.write(name + ".zip", assemble(entries))
        self.shown.append(name + ".zip\t" + route)

    def finish(self):
        Gen.finish(self)
        with open(os.path.join(self.out, "shown.tsv"), "w") as f:
            f.write("".join(c + "\n" for c in self.shown))

    def with_file(self, path, data, method=None):
        """The valid pack with one file replaced (or added)."""
        e = [x for x in self.base() if x.name != path.encode("utf-8")]
        e.append(Entry(path, data, method=method))
        return e


def bombs(g):
    # a 1 GiB deflate bomb, one entry, sizes declared honestly (about 1 MB compressed)
    comp, crc = zeros_stream(1024)
    b = Entry("01-intro/zeros.bin", b"")
    b.method, b.comp, b.crc, b.usize = 8, comp, crc, 1 << 30
    g.extra("bomb-1gib", "entry '01-intro/zeros.bin' has a compression ratio of", b)
    # the same stream declaring 2 MB: under the ratio limit, so it is inflated, and the
    # inflater must stop at the declared size
    b = Entry("01-intro/zeros.bin", b"")
    b.method, b.comp, b.crc, b.usize = 8, comp, crc, 2 << 20
    g.extra("bomb-1gib-lying", "entry '01-intro/zeros.bin' is larger than its declared size", b)
    # the same stream as the referenced image, declaring the image's own size
    e = g.base()
    p = g.find(e, IMAGE)
    p.method, p.comp, p.crc, p.usize = 8, comp, crc, len(g.files[IMAGE])
    g.refuse("bomb-1gib-as-image", "entry '%s' is larger than its declared size" % IMAGE, e)
    # Fifield's overlapping construction at a larger scale: 200 files sharing one kernel
    fifield(g, n=200)
    name, _ = g.cases.pop().split("\t", 1)
    os.rename(os.path.join(g.out, name), os.path.join(g.out, "overlap-fifield-200.zip"))
    g.cases.append("overlap-fifield-200.zip\tentry 'bomb/1.txt' overlaps entry 'bomb/0.txt'")


def million(g, n=1000000):
    """n empty stored entries, each with its local header and central record."""
    alphabet = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
    names = [b"e/" + bytes((alphabet[i >> 18 & 63], alphabet[i >> 12 & 63],
                            alphabet[i >> 6 & 63], alphabet[i & 63])) for i in range(n)]
    base = g.base()
    body, cd, offsets = bytearray(), bytearray(), []
    for e in base:
        c, crc, csize, usize = e.fields()
        offsets.append(len(body))
        body += local_header(e.name, e.method, e.flags, crc, csize, usize) + c
    lh = struct.Struct("<IHHHHHIIIHH")
    ch = struct.Struct("<IHHHHHHIIIHHHHHII")
    parts = [bytes(body)]
    pos = len(body)
    for nm in names:
        offsets.append(pos)
        rec = lh.pack(0x04034B50, 20, 0, 0, 0, 0x5821, 0, 0, 0, len(nm), 0) + nm
        parts.append(rec)
        pos += len(rec)
    body = b"".join(parts)
    for e, off in zip(base, offsets):
        c, crc, csize, usize = e.fields()
        cd += central_header(e.name, e.method, e.flags, crc, csize, usize, off, 3, e.mode)
    mode = (S_IFREG | 0o644) << 16
    cd = bytes(cd) + b"".join(ch.pack(0x02014B50, 3 << 8 | 45, 20, 0, 0, 0, 0x5821, 0, 0, 0,
                                      len(nm), 0, 0, 0, 0, mode, off) + nm
                              for nm, off in zip(names, offsets[len(base):]))
    total = len(base) + n
    cd_off = len(body)
    # zip64: the end record of zip64, its locator, then the classic end record saying 0xFFFF
    z64_at = cd_off + len(cd)
    z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, total, total, len(cd), cd_off)
    loc = struct.pack("<IIQI", 0x07064B50, 0, z64_at, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, len(cd), cd_off, 0)
    g.refuse("entries-million-zip64", "zip64 archive (over 65535 entries", body + cd + z64 + loc + eocd)
    # the same without zip64: the 16-bit count wraps to 1000008 mod 65536 = 16968, under
    # the limit of 20000; the directory is then far longer than 16968 records
    wrapped = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, total & 0xFFFF, total & 0xFFFF,
                          len(cd), cd_off, 0)
    g.refuse("entries-million-wrapped", "damaged central directory", body + cd + wrapped)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(w, h, rows=None):
    """An 8-bit grey PNG declaring w x h; rows of pixel data if given (else one row)."""
    raw = rows if rows is not None else b"\0" + bytes(min(w, 64))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))


def jpeg(w=16, h=16):
    """A baseline grey JPEG of w x h (multiples of 8), every block flat mid-grey: the
    standard DC table (category 0 is '00') and an AC table whose only code is EOB ('00')."""
    seg = lambda m, d: b"\xff" + bytes([m]) + struct.pack(">H", len(d) + 2) + d
    dqt = seg(0xDB, b"\x00" + bytes([1] * 64))
    sof = seg(0xC0, struct.pack(">BHHB", 8, h, w, 1) + b"\x01\x11\x00")
    dc = b"\x00" + bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]) + bytes(range(12))
    ac = b"\x10" + bytes([0, 1] + [0] * 14) + b"\x00"
    dht = seg(0xC4, dc + ac)
    sos = seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    nblocks = (w // 8) * (h // 8)
    bits = "0000" * nblocks
    bits += "1" * (-len(bits) % 8)
    scan = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))
    return b"\xff\xd8" + dqt + sof + dht + sos + scan + b"\xff\xd9"


def images(g):
    # a PNG that declares 30000x30000 pixels (valid header, one tiny IDAT)
    g.refuse("png-30000", "image is 30000x30000 pixels, over the limit of 4096x4096",
             g.with_file(IMAGE, png(30000, 30000), method=0))
    # the same picture the size of one row: 30000x1 is within no limit either
    g.refuse("png-wide", "image is 30000x1 pixels, over the limit of 4096x4096",
             g.with_file(IMAGE, png(30000, 1), method=0))
    # a PNG that is truncated after its header
    g.refuse("png-truncated", "image is a truncated PNG (no IEND chunk)",
             g.with_file(IMAGE, png(64, 64, b"\0" * 65 * 64)[:60], method=0))
    # a JPEG named .png
    j = jpeg(256, 256)
    g.refuse("jpeg-named-png", "image is a JPEG file named as PNG", g.with_file(IMAGE, j, method=0))
    # a truncated JPEG: a page references chart.jpg, whose scan is cut short
    e = [x for x in g.base() if x.name != IMAGE.encode()]
    for lang in ("ko", "en"):
        p = g.find(e, PAGE % lang)
        p.data = p.data.replace(b"chart.png", b"chart.jpg")
    e.append(Entry("01-intro/01-first/chart.jpg", j[:len(j) - 40], method=0))
    g.refuse("jpeg-truncated", "image is a truncated JPEG", e)
    # and a JPEG whose only fault is the missing end marker
    e[-1] = Entry("01-intro/01-first/chart.jpg", j[:-2], method=0)
    g.refuse("jpeg-no-eoi", "image is a truncated JPEG", e)
    # the whole JPEG is fine (the generator makes valid ones)
    e[-1] = Entry("01-intro/01-first/chart.jpg", j, method=0)
    g.show("shown-jpeg", "/exhibit/first", e)
    # a PNG whose pixel data was damaged after its CRC was computed
    bad = bytearray(png(64, 64, b"\0" * 65 * 64))
    bad[-20] ^= 0xFF
    g.refuse("png-bad-crc", "image is a damaged PNG (chunk 'IDAT' fails its CRC)",
             g.with_file(IMAGE, bytes(bad), method=0))


def text(g):
    ko = g.files[PAGE % "ko"]
    # invalid UTF-8 in a page
    g.refuse("page-bad-utf8", "invalid UTF-8 (byte 0xff",
             g.with_file(PAGE % "ko", ko.replace("과제".encode(), b"\xff\xfe")))
    # overlong UTF-8: C0 AF is '/' spelt in two bytes
    g.refuse("page-overlong-utf8", "invalid UTF-8 (byte 0xc0",
             g.with_file(PAGE % "ko", ko.replace("과제".encode(), b"..\xc0\xaf..")))
    # an overlong NUL (C0 80, "modified UTF-8") and a UTF-16 surrogate (ED A0 80)
    g.refuse("page-overlong-nul", "invalid UTF-8 (byte 0xc0",
             g.with_file(PAGE % "ko", ko.replace("과제".encode(), b"\xc0\x80")))
    g.refuse("page-surrogate", "invalid UTF-8 (byte 0xed",
             g.with_file(PAGE % "ko", ko.replace("과제".encode(), b"\xed\xa0\x80")))
    # invalid UTF-8 in pack.ini (the title)
    ini = g.files["pack.ini"]
    g.refuse("ini-bad-utf8", "invalid UTF-8",
             g.with_file("pack.ini", ini.replace("작은".encode(), b"\xc0\xaf")))
    # a page over the 1 MB page limit
    g.refuse("page-over-1mb", "entry '01-intro/01-first/ko.md'",
             g.with_file(PAGE % "ko", ko + b"x" * (1 << 20) + b"\n"))

    # only content: a 300 KB line, and bidi overrides in the title and body
    # random Hangul and Latin words (repeated words would be refused for their ratio)
    rnd = random.Random(300)
    words = []
    while sum(map(len, words)) < 300 * 1024:
        if rnd.random() < 0.5:
            words.append("".join(chr(0xAC00 + rnd.randrange(11172)) for _ in range(rnd.randint(1, 5))))
        else:
            words.append("".join(chr(97 + rnd.randrange(26)) for _ in range(rnd.randint(1, 9))))
        words[-1] = words[-1].encode() + b" "
    line = b"".join(words)[:300 * 1024].rstrip(b" ")
    line = line.decode("utf-8", "ignore").encode()  # whole characters only
    line += b"x" * (300 * 1024 - len(line))
    assert len(line) == 300 * 1024
    long_page = ko.replace("인권을 지키는 일은 모두의 과제입니다.".encode(), line)
    g.show("shown-300kb-line", "/exhibit/first", g.with_file(PAGE % "ko", long_page))
    rlo, lro, pdf, rli, pdi = "\u202e", "\u202d", "\u202c", "\u2067", "\u2069"
    bidi = ko.decode().replace("# 국가인권위원회와 인권",
                               "# %s국가인권%s위원회 %sgpj.exe%s 인권%s" % (rlo, pdf, rlo, pdf, lro))
    bidi = bidi.replace("모두의 과제", "%s모두의%s 과제 %s%s" % (rli, pdi, rlo, rlo * 200))
    g.show("shown-bidi", "/exhibit/first", g.with_file(PAGE % "ko", bidi.encode()))
    en = g.files[PAGE % "en"].decode()
    en = en.replace("\n\n", "\n\n%sevil.txt%s " % (rlo, "\u200f" * 50), 1)
    g.show("shown-bidi-en", "/exhibit/first", g.with_file(PAGE % "en", en.encode()))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen_content.py OUTDIR\n")
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    g = Cases(out)
    for part in (bombs, million, images, text):
        part(g)
    g.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
