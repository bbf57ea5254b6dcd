#!/usr/bin/env python3
"""gen_hostile.py OUTDIR: write hostile pack zips for tests/cli/t_hostile.sh.

Every case starts from the valid fixture pack tests/fixtures/mini (its version is
raised to 9.0.0, so that a case that slips through would install as an upgrade
instead of being refused for its version) and breaks exactly one rule of the pack
zip format. Written into OUTDIR:

  cases.tsv    one refused case a line: ZIP<TAB>SUBSTRING[<TAB>CONFIG]
               SUBSTRING is part of the one-line message install must print;
               CONFIG, when present, is a kiosk.ini in OUTDIR to pass with --config
  accept.txt   one zip a line that install must accept: Korean names in CP949
               without the UTF-8 flag and in NFD, data descriptors, a plain copy
  *.zip        the archives, *.ini the config files

Python 3 standard library only; the zips are written byte by byte (struct, zlib)
so that every field can lie.
"""
import os
import struct
import sys
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
MINI = os.path.join(HERE, "..", "fixtures", "mini")
DOS_TIME, DOS_DATE = 0, (2024 - 1980) << 9 | 1 << 5 | 1
S_IFREG, S_IFDIR, S_IFLNK = 0o100000, 0o040000, 0o120000
S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK = 0o020000, 0o060000, 0o010000, 0o140000
UTF8_FLAG = 1 << 11


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Entry:
    """One entry; every declared field can be overridden to lie."""

    def __init__(self, name, data=b"", method=None, flags=0, mode=S_IFREG | 0o644, system=3):
        self.name = name.encode("utf-8") if isinstance(name, str) else name
        self.data = data
        if method is None:
            method = 0 if self.name.endswith(b".png") or not data else 8
        self.method = method
        self.flags = flags
        self.mode = mode
        self.system = system
        self.comp = None    # the bytes written after the local header
        self.crc = None     # declared CRC-32
        self.csize = None   # declared compressed size
        self.usize = None   # declared uncompressed size
        self.lname = None   # the name in the local header, when it differs
        self.lfields = {}   # local header fields that differ: method, flags, crc, usize, time, version
        self.offset = None  # the offset the central directory gives
        self.descriptor = None  # b"PK\7\10" or b"": a data descriptor, with or without its signature

    def payload(self):
        if self.comp is not None:
            return self.comp
        return deflate(self.data) if self.method == 8 else self.data

    def fields(self):
        comp = self.payload()
        crc = zlib.crc32(self.data) & 0xFFFFFFFF if self.crc is None else self.crc
        csize = len(comp) if self.csize is None else self.csize
        usize = len(self.data) if self.usize is None else self.usize
        return comp, crc, csize, usize


def local_header(name, method, flags, crc, csize, usize, time=DOS_TIME, version=20):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, version, flags, method, time, DOS_DATE,
                       crc, csize, usize, len(name), 0) + name


def central_header(name, method, flags, crc, csize, usize, offset, system, mode):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, system << 8 | 20, 20, flags, method,
                       DOS_TIME, DOS_DATE, crc, csize, usize, len(name), 0, 0, 0, 0,
                       (mode << 16) & 0xFFFFFFFF, offset) + name


def end_record(n, cd_size, cd_off, comment=b"", disk=0):
    return struct.pack("<IHHHHIIH", 0x06054B50, disk, 0, n, n, cd_size, cd_off,
                       len(comment)) + comment


def assemble(entries, prefix=b"", adjust=True, comment=b"", suffix=b"", between=b"",
             before_cd=b"", after_cd=b""):
    """The zip of entries. prefix is junk before the first entry (offsets moved past it
    when adjust, as a self-extractor does); between goes after the first entry."""
    body = bytearray(prefix)
    base = 0 if adjust else len(prefix)
    offsets = []
    for i, e in enumerate(entries):
        comp, crc, csize, usize = e.fields()
        offsets.append(len(body) - base)
        lf = dict(method=e.method, flags=e.flags, crc=crc, csize=csize, usize=usize)
        if e.descriptor is not None:
            lf.update(crc=0, csize=0, usize=0)
        lf.update(e.lfields)
        body += local_header(e.lname or e.name, **lf) + comp
        if e.descriptor is not None:
            body += e.descriptor + struct.pack("<III", crc, csize, usize)
        if i == 0:
            body += between
    body += before_cd
    cd = bytearray()
    for e, off in zip(entries, offsets):
        comp, crc, csize, usize = e.fields()
        cd += central_header(e.name, e.method, e.flags, crc, csize, usize,
                             off if e.offset is None else e.offset, e.system, e.mode)
    cd_off = len(body) - base
    return bytes(body + cd + after_cd + end_record(len(entries), len(cd), cd_off, comment)
                 + suffix)


def read_mini():
    files = {}
    for root, dirs, names in os.walk(MINI):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            rel = os.path.relpath(p, MINI).replace(os.sep, "/")
            with open(p, "rb") as f:
                files[rel] = f.read()
    ini = files["pack.ini"].decode("utf-8").splitlines(True)
    files["pack.ini"] = "".join("version = 9.0.0\n" if l.startswith("version") else l
                                for l in ini).encode("utf-8")
    return files


class Gen:
    def __init__(self, out):
        self.out = out
        self.files = read_mini()
        self.cases = []
        self.accept = []

    def base(self, skip=()):
        return [Entry(n, d) for n, d in sorted(self.files.items()) if n not in skip]

    def find(self, entries, name):
        return next(e for e in entries if e.name == name.encode("utf-8"))

    def write(self, zname, data):
        with open(os.path.join(self.out, zname), "wb") as f:
            f.write(data)

    def refuse(self, name, expect, data, config=None):
        """A case install must refuse with a message holding expect."""
        if not isinstance(data, bytes):
            data = assemble(data)
        zname = name + ".zip"
        self.write(zname, data)
        line = zname + "\t" + expect
        if config:
            cname = name + ".ini"
            with open(os.path.join(self.out, cname), "w") as f:
                f.write(config)
            line += "\t" + cname
        self.cases.append(line)

    def extra(self, name, expect, *entries):
        """The valid pack plus hostile entries."""
        self.refuse(name, expect, self.base() + list(entries))

    def finish(self):
        with open(os.path.join(self.out, "cases.tsv"), "w") as f:
            f.write("".join(c + "\n" for c in self.cases))
        with open(os.path.join(self.out, "accept.txt"), "w") as f:
            f.write("".join(c + "\n" for c in self.accept))


def names(g):
    d = b"x\n"
    g.extra("name-absolute", "entry '/x.md' has an absolute path", Entry("/x.md", d))
    g.extra("name-absolute-deep", "entry '/etc/kiosk/kiosk.ini' has an absolute path",
            Entry("/etc/kiosk/kiosk.ini", d))
    g.extra("name-dotdot-start", "entry '../evil.md' leaves the pack", Entry("../evil.md", d))
    g.extra("name-dotdot-middle", "entry '01-intro/../../evil.md' leaves the pack",
            Entry("01-intro/../../evil.md", d))
    g.extra("name-dotdot-end", "entry '01-intro/..' leaves the pack", Entry("01-intro/..", d))
    g.extra("name-dot-segment", "entry '01-intro/./x.md' has a '.' path segment",
            Entry("01-intro/./x.md", d))
    g.extra("name-nul", "entry '01-intro/ko.md\\x00.png' contains a NUL byte",
            Entry(b"01-intro/ko.md\0.png", d))
    g.extra("name-control", "entry 'a\\x0ab.md' contains control character 0x0a",
            Entry(b"a\nb.md", d))
    g.extra("name-backslash", "entry '01-intro\\evil.md' contains a backslash",
            Entry("01-intro\\evil.md", d))
    g.extra("name-backslash-dotdot", "entry '..\\..\\evil.md' contains a backslash",
            Entry("..\\..\\evil.md", d))
    g.extra("name-colon-drive", "entry 'C:evil.md' contains a colon", Entry("C:evil.md", d))
    g.extra("name-colon-stream", "entry 'ko.md:hidden' contains a colon", Entry("ko.md:hidden", d))
    g.extra("name-empty-segment", "entry 'a//b.md' has an empty path segment", Entry("a//b.md", d))
    g.extra("name-empty", "an entry has an empty name", Entry(b"", d))
    # every parent folder is kept: a name of thousands of segments would cost gigabytes
    g.extra("name-too-deep", "entry '%sx.md' is nested in more than 15 folders" % ("a/" * 16),
            Entry("a/" * 16 + "x.md", d))
    bad_utf8 = "is marked as UTF-8 but its name is not valid UTF-8"
    g.extra("name-bad-utf8", "entry 'bad\\xff\\xfe.md' " + bad_utf8,
            Entry(b"bad\xff\xfe.md", d, flags=UTF8_FLAG))
    # an overlong '/' (C0 AF) hides a '../' from a reader that decodes loosely
    g.extra("name-overlong-slash", "entry '..\\xc0\\xafevil.md' " + bad_utf8,
            Entry(b"..\xc0\xafevil.md", d, flags=UTF8_FLAG))
    # CP949-encoded Korean flagged as UTF-8: the flag says UTF-8, so it is not converted
    g.extra("name-cp949-flagged-utf8", "entry '\\xb5\\xb5\\xc7\\xa5.md' " + bad_utf8,
            Entry("도표.md".encode("cp949"), d, flags=UTF8_FLAG))
    # long names: the message still ends with the rule
    g.extra("name-long-dotdot", "...' leaves the pack", Entry("a/" * 600 + "../x.md", d))
    g.extra("name-long-korean-zip", "...' is a zip archive inside the pack",
            Entry("가" * 700 + ".zip", d, flags=UTF8_FLAG))
    long_bad = Entry(b"\xff" * 300, d, flags=UTF8_FLAG)
    long_bad.flags |= 1
    g.extra("name-long-bad-encrypted", "\\xff...' is encrypted", long_bad)
    # no UTF-8 flag, so CP949 is tried: C8 FF is not CP949 either
    g.extra("name-bad-cp949", "entry '\\xc8\\xff.md' has a name that is neither valid UTF-8 nor CP949",
            Entry(b"\xc8\xff.md", d))


def kinds(g):
    g.extra("symlink", "entry '01-intro/01-first/link.png' is a symbolic link",
            Entry("01-intro/01-first/link.png", b"../../../../etc/passwd", method=0,
                  mode=S_IFLNK | 0o777))
    g.extra("symlink-dir", "entry 'up' is a symbolic link",
            Entry("up", b"..", method=0, mode=S_IFLNK | 0o777))
    for tag, mode in (("chardev", S_IFCHR), ("blockdev", S_IFBLK), ("fifo", S_IFIFO),
                      ("socket", S_IFSOCK)):
        g.extra(tag, "entry 'dev/%s' is not a regular file" % tag,
                Entry("dev/" + tag, b"", method=0, mode=mode | 0o644))
    g.extra("dir-mode-file", "entry 'notes' is not a regular file",
            Entry("notes", b"", method=0, mode=S_IFDIR | 0o755))
    g.extra("dir-with-data", "entry 'notes/' is a folder that holds data",
            Entry("notes/", b"hidden data", method=0, mode=S_IFDIR | 0o755))
    # declared empty, but 500 compressed bytes
    d = Entry("notes/", b"", method=8, mode=S_IFDIR | 0o755)
    d.comp = deflate(b"") + bytes(500)
    g.extra("dir-with-hidden-data", "entry 'notes/' is a folder that holds data", d)


def collisions(g):
    g.extra("dup-name", "entry 'ko.md' appears twice", Entry("ko.md", b"# other\n"))
    g.extra("dup-case", "entries 'A.png' and 'a.png' collide after case folding",
            Entry("A.png", b"x", method=0), Entry("a.png", b"y", method=0))
    g.extra("dup-case-page", "entries 'KO.md' and 'ko.md' collide after case folding",
            Entry("KO.md", b"# x\n"))
    g.extra("dup-case-folder", "entries '01-Intro' and '01-intro' collide after case folding",
            Entry("01-Intro/extra.txt", b"x\n"))
    nfc = "01-intro/01-first/한글.png"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    g.extra("dup-nfc-nfd", "entry '%s' appears twice, spelt differently" % nfc,
            Entry(nfc, b"x", method=0, flags=UTF8_FLAG),
            Entry(nfd, b"y", method=0, flags=UTF8_FLAG))
    g.extra("dup-cp949-utf8", "entry '도표.png' appears twice, spelt differently",
            Entry("도표.png", b"x", method=0, flags=UTF8_FLAG),
            Entry("도표.png".encode("cp949"), b"y", method=0))
    g.extra("file-and-folder", "entry '01-intro' is both a file and a folder",
            Entry("01-intro", b"x\n"))


def methods(g):
    e = g.base()
    g.find(e, "pack.ini").flags |= 1
    g.refuse("encrypted", "entry 'pack.ini' is encrypted", e)
    e = g.base()
    g.find(e, "en.md").flags |= 1 | 1 << 6
    g.refuse("encrypted-strong", "entry 'en.md' is encrypted", e)
    for m in (12, 14, 93, 99):
        e = g.base()
        g.find(e, "ko.md").method = m
        g.find(e, "ko.md").comp = deflate(g.files["ko.md"])
        g.refuse("method-%d" % m, "entry 'ko.md' uses compression method %d" % m, e)


def sizes(g):
    ini = g.files["pack.ini"]
    # stored: the declared uncompressed size differs from the stored bytes
    for tag, delta in (("smaller", -5), ("larger", 5)):
        e = g.base()
        p = g.find(e, "pack.ini")
        p.method = 0
        p.usize = len(ini) + delta
        g.refuse("stored-size-%s" % tag, "entry 'pack.ini' is stored but declares %d bytes compressed and %d uncompressed"
                 % (len(ini), len(ini) + delta), e)
    # stored: both sizes say 5 bytes less than were written (CRC of what they declare)
    e = g.base()
    p = g.find(e, "pack.ini")
    p.method = 0
    p.csize = p.usize = len(ini) - 5
    p.crc = zlib.crc32(ini[:-5])
    g.refuse("stored-size-short", "5 bytes of unknown data after entry 'pack.ini'", e)
    # stored, the last entry: both sizes 5 bytes more than were written
    e = g.base()
    p = g.find(e, "pack.ini")
    p.method = 0
    p.csize = p.usize = len(ini) + 5
    g.refuse("stored-size-long", "entry 'pack.ini' runs into the central directory", e)
    # deflate: the stream holds more or less than the declared size; CRC of the real data
    for tag, delta, expect in (("smaller", -10, "entry 'pack.ini' is larger than its declared size of %d bytes"),
                               ("larger", 10, "entry 'pack.ini' is smaller than its declared size")):
        e = g.base()
        p = g.find(e, "pack.ini")
        p.usize = len(ini) + delta
        g.refuse("deflate-size-%s" % tag, expect % (len(ini) + delta) if "%d" in expect else expect, e)
    # the same lie in a file no page references: still read, still refused
    notes = b"notes nobody references\n" * 20
    bad = Entry("01-intro/notes.txt", notes)
    bad.usize = len(notes) - 100
    g.extra("deflate-size-unreferenced", "entry '01-intro/notes.txt' is larger than its declared size", bad)
    bad = Entry("01-intro/notes.txt", notes)
    bad.usize = len(notes) + 100
    g.extra("deflate-size-unreferenced-larger", "entry '01-intro/notes.txt' is smaller than its declared size", bad)
    # a wrong CRC
    e = g.base()
    g.find(e, "en.md").crc = 0x12345678
    g.refuse("crc", "entry 'en.md' is damaged", e)
    # zip64 markers
    e = g.base()
    g.find(e, "en.md").usize = 0xFFFFFFFF
    g.refuse("zip64-size", "entry 'en.md' uses zip64 sizes", e)


def budgets(g):
    # more than 20,000 entries (empty, stored, three-character names)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    many = [Entry("e/" + digits[i // 1296] + digits[i // 36 % 36] + digits[i % 36], b"", method=0)
            for i in range(20001)]
    g.refuse("entries-20001", "%d entries, over the limit of 20000" % (len(g.files) + 20001),
             g.base() + many)
    g.refuse("entries-config", "%d entries, over the limit of 5" % len(g.files), g.base(),
             config="[packs]\nmax_entries = 5\n")
    # one entry of 2 MB of zeros in 2 KB: ratio about 1000:1
    bomb = Entry("01-intro/zeros.bin", bytes(2 << 20))
    g.extra("ratio-entry", "entry '01-intro/zeros.bin' has a compression ratio of", bomb)
    # entries under 1 MB each, honest, but 1000:1 together over the 16 MiB from which
    # the ratio of the whole archive counts
    z = bytes((1 << 20) - 1)
    zc = deflate(z)
    small = []
    for i in range(17):
        s = Entry("z/%02d.bin" % i, z)
        s.comp = zc
        small.append(s)
    g.extra("ratio-archive", "the archive has a compression ratio of", *small)
    # 513 honest entries just under 1 MB each: 513 MB uncompressed, over the default 512 MB
    # before the ratio of the archive is looked at
    big = []
    for i in range(513):
        s = Entry("z/%03d.bin" % i, b"")
        s.method = 8
        s.comp, s.crc, s.usize = zc, zlib.crc32(z), len(z)
        big.append(s)
    g.extra("total-default", "uncompressed size is over the limit of 512 MB", *big)
    # a smaller budget from the config file: 2 x 700 KB over 1 MB
    z = bytes(700 << 10)
    g.refuse("total-config", "uncompressed size is over the limit of 1 MB",
             g.base() + [Entry("z/a.bin", z), Entry("z/b.bin", z)],
             config="[packs]\nmax_uncompressed_mb = 1\n")


def fifield(g, n=5):
    """David Fifield's overlapping construction: every file's deflate stream quotes the
    next file's local header in a stored block, then shares one kernel."""
    kernel_data = b"a" * 1000
    kernel = deflate(kernel_data)
    names = [("bomb/%d.txt" % i).encode() for i in range(n)]
    # from the last file to the first: content, CRC and compressed bytes
    content, comp, headers = [None] * n, [None] * n, [None] * n
    for i in reversed(range(n)):
        if i == n - 1:
            content[i], comp[i] = kernel_data, kernel
        else:
            h = headers[i + 1]
            content[i] = h + content[i + 1]
            comp[i] = b"\x00" + struct.pack("<HH", len(h), len(h) ^ 0xFFFF) + h + comp[i + 1]
        headers[i] = local_header(names[i], 8, 0, zlib.crc32(content[i]), len(comp[i]),
                                  len(content[i]))
    base = g.base()
    body = bytearray()
    offsets = []
    for e in base:
        c, crc, csize, usize = e.fields()
        offsets.append(len(body))
        body += local_header(e.name, e.method, e.flags, crc, csize, usize) + c
    start = len(body)
    # the physical bytes: header 0, then file 0's data, which holds everything else
    body += headers[0] + comp[0]
    pos = start
    for i in range(n):
        offsets.append(pos)
        pos += len(headers[i]) + 5  # the next header starts after the stored-block header
    cd = bytearray()
    for e, off in zip(base, offsets):
        c, crc, csize, usize = e.fields()
        cd += central_header(e.name, e.method, e.flags, crc, csize, usize, off, 3, e.mode)
    for i in range(n):
        cd += central_header(names[i], 8, 0, zlib.crc32(content[i]), len(comp[i]),
                             len(content[i]), offsets[len(base) + i], 3, S_IFREG | 0o644)
    data = bytes(body + cd + end_record(len(base) + n, len(cd), len(body)))
    g.refuse("overlap-fifield", "entry 'bomb/1.txt' overlaps entry 'bomb/0.txt'", data)


def layout(g):
    fifield(g)
    # two central entries at one offset: the same record listed twice
    e = g.base()
    body = assemble(e)
    cd_off = struct.unpack("<I", body[-6:-2])[0]
    cd = body[cd_off:-22]
    first = cd[:46 + struct.unpack("<H", cd[28:30])[0]]
    cd2 = cd + first
    g.refuse("overlap-same-offset",
             "entry '01-intro/01-first/chart.png' overlaps entry '01-intro/01-first/chart.png'",
             body[:cd_off] + cd2 + end_record(len(e) + 1, len(cd2), cd_off))
    # a central entry at another entry's offset under a different name
    e = g.base()
    body = assemble(e)
    cd_off = struct.unpack("<I", body[-6:-2])[0]
    cd = body[cd_off:-22]
    alias = central_header(b"01-intro/01-first/alias.png", 0, 0,
                           zlib.crc32(g.files["01-intro/01-first/chart.png"]), 115, 115, 0, 3,
                           S_IFREG | 0o644)
    cd2 = cd + alias
    g.refuse("overlap-alias", "entry '01-intro/01-first/alias.png' has a different name in its local header",
             body[:cd_off] + cd2 + end_record(len(e) + 1, len(cd2), cd_off))
    # the local header names another file of the same length than the directory does
    e = g.base()
    g.find(e, "en.md").lname = b"xx.md"
    g.refuse("local-name-differs", "entry 'en.md' has a different name in its local header", e)
    # the local header says something else than the central directory does
    ini = g.files["pack.ini"]
    for tag, field, value in (("method", "method", 0), ("size", "usize", len(ini) + 1),
                              ("crc", "crc", 0), ("time", "time", 1), ("version", "version", 63),
                              ("encrypted", "flags", 1)):
        e = g.base()
        g.find(e, "pack.ini").lfields[field] = value
        g.refuse("local-%s-differs" % tag,
                 "entry 'pack.ini' has a local header that disagrees with the central directory", e)
    # self-extractor: a stub before the first entry, offsets moved past it
    stub = b"MZ" + bytes(510)
    g.refuse("prefix-sfx", "512 bytes of unknown data before the first entry",
             assemble(g.base(), prefix=stub))
    # junk before, offsets left as if it was not there
    g.refuse("prefix-unadjusted", "512 bytes of unknown data before the first entry",
             assemble(g.base(), prefix=stub, adjust=False))
    g.refuse("suffix-junk", "17 bytes of unknown data after the end of the archive",
             assemble(g.base(), suffix=b"appended payload\n"))
    # the end record found is the second zip's, whose offsets do not count the first
    g.refuse("suffix-second-zip", "bytes of unknown data before the first entry",
             assemble(g.base()) + assemble([Entry("evil.md", b"# evil\n")]))
    g.refuse("gap-between", "9 bytes of unknown data after entry '01-intro/01-first/chart.png'",
             assemble(g.base(), between=b"hidden!!\n"))
    g.refuse("gap-before-cd", "9 bytes of unknown data after entry 'pack.ini'",
             assemble(g.base(), before_cd=b"hidden!!\n"))
    g.refuse("gap-after-cd", "9 bytes of unknown data before the end record",
             assemble(g.base(), after_cd=b"hidden!!\n"))
    good = assemble(g.base())
    multi = bytearray(good)
    multi[-22 + 4:-22 + 6] = struct.pack("<H", 1)
    g.refuse("multi-disk", "multi-disk archives are not supported", bytes(multi))
    z64 = bytearray(good)
    z64[-22 + 8:-22 + 12] = struct.pack("<HH", 0xFFFF, 0xFFFF)
    g.refuse("zip64-eocd", "zip64 archive", bytes(z64))


def nested(g):
    inner = assemble([Entry("evil.md", b"# evil\n")])
    g.extra("nested-zip", "entry '01-intro/01-first/inner.zip' is a zip archive inside the pack",
            Entry("01-intro/01-first/inner.zip", inner))
    g.extra("nested-jar", "entry 'lib.JAR' is a zip archive inside the pack", Entry("lib.JAR", inner))
    g.extra("nested-renamed", "entry '01-intro/01-first/data.bin' is a zip archive inside the pack",
            Entry("01-intro/01-first/data.bin", inner))
    g.extra("nested-renamed-stored", "entry 'notes.txt' is a zip archive inside the pack",
            Entry("notes.txt", inner, method=0))
    g.extra("nested-empty-zip", "entry 'empty.dat' is a zip archive inside the pack",
            Entry("empty.dat", end_record(0, 0, 0)))
    # the referenced image is a PNG with a zip appended (a polyglot)
    e = g.base()
    g.find(e, "01-intro/01-first/chart.png").data += inner
    g.refuse("nested-png-polyglot", "entry '01-intro/01-first/chart.png' is a zip archive inside the pack", e)
    # the referenced image is a zip
    e = g.base()
    p = g.find(e, "01-intro/01-first/chart.png")
    p.data = inner
    g.refuse("nested-as-image", "entry '01-intro/01-first/chart.png' is a zip archive inside the pack", e)


def truncated(g):
    good = assemble(g.base())
    cd_off = struct.unpack("<I", good[-6:-2])[0]
    no_end = "not a zip archive, or truncated"
    g.refuse("truncated-middle", no_end, good[:cd_off // 2])
    g.refuse("truncated-in-cd", no_end, good[:cd_off + 60])
    g.refuse("truncated-in-end-record", no_end, good[:-10])
    g.refuse("truncated-end-record-sig", no_end, good[:-19])
    with_comment = assemble(g.base(), comment=b"a comment of 32 bytes, truncated")
    g.refuse("truncated-in-comment", no_end, with_comment[:-8])
    # the end record survives but the bytes before it were cut: the directory is short
    g.refuse("truncated-cd-kept-end", "truncated archive",
             good[:cd_off] + good[cd_off + 46:-22] +
             end_record(len(g.files), len(good) - 22 - cd_off, cd_off))
    g.refuse("empty-file", "not a zip archive (only 0 bytes)", b"")
    g.refuse("not-a-zip", no_end, b"# this is Markdown, not a zip\n" * 4)
    g.refuse("only-end-record", "the archive is empty", end_record(0, 0, 0))


def accepted(g):
    # CP949 (Korean Windows) names without the UTF-8 flag are converted
    e = g.base(skip=("01-intro/01-first/chart.png", "01-intro/01-first/ko.md", "01-intro/01-first/en.md"))
    chart = g.files["01-intro/01-first/chart.png"]
    for lang, src in (("ko", "출처: 시험용 자료"), ("en", "Source: test material")):
        page = "# 도표\n\n본문입니다.\n\n![캡션](도표.png \"대체 텍스트\")\n\n%s\n" % src
        e.append(Entry("01-intro/01-first/%s.md" % lang, page.encode("utf-8")))
    e.append(Entry("01-intro/01-first/도표.png".encode("cp949"), chart, method=0))
    g.write("accept-cp949.zip", assemble(e))
    g.accept.append("accept-cp949.zip")
    # the same pack with the name in NFD UTF-8 (as macOS writes it), flag set
    e[-1] = Entry(unicodedata.normalize("NFD", "01-intro/01-first/도표.png"), chart, method=0,
                  flags=UTF8_FLAG)
    g.write("accept-nfd.zip", assemble(e))
    g.accept.append("accept-nfd.zip")
    # data descriptors after the data (as a zip written to a pipe has), signed and not
    e = g.base()
    for i, x in enumerate(e):
        x.flags |= 1 << 3
        x.descriptor = b"PK\7\10" if i % 2 else b""
    g.write("accept-descriptors.zip", assemble(e))
    g.accept.append("accept-descriptors.zip")
    # a deflated page with bytes after the end of its stream, counted in its compressed
    # size (a writer that pads): the page is what the stream holds, and reads back
    e = g.base()
    p = g.find(e, "en.md")
    p.comp = deflate(p.data) + b"\0\0\0"
    g.write("accept-deflate-padded.zip", assemble(e))
    g.accept.append("accept-deflate-padded.zip")
    # the assembler itself makes valid packs
    g.write("accept-plain.zip", assemble(g.base()))
    g.accept.append("accept-plain.zip")


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen_hostile.py OUTDIR\n")
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    g = Gen(out)
    for part in (names, kinds, collisions, methods, sizes, budgets, layout, nested, truncated,
                 accepted):
        part(g)
    g.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
