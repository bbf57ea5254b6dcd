#!/usr/bin/env python3
"""Generate every image of the demo content pack "defectors-day".

Diagrams, timelines and number graphics only: no photographs, no faces.
Every label is bilingual (Korean and English) so one image serves both
languages. The output is deterministic (no timestamps, no randomness).

Usage (from the repository root):
    /usr/bin/python3 content-packs/defectors-day-images.py

Requires Pillow only. Fonts: Noto Sans CJK KR, falling back to NanumGothic.
"""

import math
import os
import sys

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.join(HERE, "defectors-day")

# ---------------------------------------------------------------- palette
BG = (247, 245, 240)        # off-white background
NAVY = (27, 42, 65)         # main text
ACCENT = (24, 104, 122)     # the one accent colour (deep teal)
ACCENT_PALE = (220, 236, 239)
GREY = (96, 104, 116)       # secondary text (still high contrast on BG)
LINE = (176, 183, 192)      # rules, connectors
PANEL = (232, 233, 236)     # neutral fills
WHITE = (255, 255, 255)

# ---------------------------------------------------------------- fonts
NOTO_REGULAR = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
NANUM_REGULAR = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
NANUM_BOLD = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"

_font_cache = {}


def font(size, bold=False):
    key = (int(size), bool(bold))
    if key in _font_cache:
        return _font_cache[key]
    f = None
    noto = NOTO_BOLD if bold else NOTO_REGULAR
    try:
        f = ImageFont.truetype(noto, key[0], index=1)  # index 1 = KR
    except OSError:
        nanum = NANUM_BOLD if bold else NANUM_REGULAR
        if not os.path.exists(nanum):
            nanum = NANUM_REGULAR
        try:
            f = ImageFont.truetype(nanum, key[0])
        except OSError:
            sys.exit("error: no Korean font found (Noto Sans CJK or NanumGothic)")
    _font_cache[key] = f
    return f


_notdef_cache = {}


def has_glyph(f, ch):
    """True unless the font renders ch as its .notdef box (tofu)."""
    if ch.isspace():
        return True
    key = id(f)
    if key not in _notdef_cache:
        m = f.getmask("\uffff")
        _notdef_cache[key] = (m.size, bytes(m))
    m = f.getmask(ch)
    return (m.size, bytes(m)) != _notdef_cache[key]


class LayoutError(Exception):
    pass


# ---------------------------------------------------------------- canvas
class Canvas:
    def __init__(self, name, w=1600, h=900):
        self.name = name
        self.w, self.h = w, h
        self.img = Image.new("RGB", (w, h), BG)
        self.d = ImageDraw.Draw(self.img)
        self.text_boxes = []  # (bbox, text)

    # -- text primitives
    def text(self, xy, s, size, bold=False, fill=NAVY, anchor="la"):
        f = font(size, bold)
        for ch in s:
            if not has_glyph(f, ch):
                raise LayoutError("%s: no glyph for %r in %r" % (self.name, ch, s))
        bbox = self.d.textbbox(xy, s, font=f, anchor=anchor)
        self.d.text(xy, s, font=f, fill=fill, anchor=anchor)
        self.text_boxes.append((bbox, s))
        return bbox

    def wrap(self, s, size, bold, max_w):
        f = font(size, bold)
        lines = []
        for para in s.split("\n"):
            words = para.split(" ")
            cur = ""
            for w in words:
                trial = w if not cur else cur + " " + w
                if self.d.textlength(trial, font=f) <= max_w:
                    cur = trial
                else:
                    if not cur:
                        return None  # a single word is too wide
                    lines.append(cur)
                    cur = w
                    if self.d.textlength(cur, font=f) > max_w:
                        return None
            lines.append(cur)
        return lines

    def block(self, box, parts, align="center", valign="middle", min_scale=0.6):
        """Fit parts (list of dicts: t, size, bold, fill, gap) into box.

        Shrinks all sizes together until every line fits; raises LayoutError
        if even the smallest scale does not fit, so nothing is ever clipped.
        Returns the (top, bottom) actually used.
        """
        x0, y0, x1, y1 = box
        max_w = x1 - x0
        max_h = y1 - y0
        scale = 1.0
        while scale >= min_scale - 1e-9:
            laid = []
            total = 0
            ok = True
            for i, p in enumerate(parts):
                size = max(12, round(p["size"] * scale))
                lines = self.wrap(p["t"], size, p.get("bold", False), max_w)
                if lines is None:
                    ok = False
                    break
                lh = round(size * p.get("lh", 1.3))
                gap = round(p.get("gap", 0) * scale) if i < len(parts) - 1 else 0
                laid.append((p, size, lines, lh, gap))
                total += lh * len(lines) + gap
            if ok and total <= max_h:
                break
            scale -= 0.025
        else:
            raise LayoutError("%s: text does not fit in %r: %r" % (self.name, box, [p["t"] for p in parts]))
        if valign == "top":
            y = y0
        elif valign == "bottom":
            y = y1 - total
        else:
            y = y0 + (max_h - total) / 2
        top = y
        for p, size, lines, lh, gap in laid:
            for line in lines:
                cy = y + lh / 2
                if align == "left":
                    self.text((x0, cy), line, size, p.get("bold", False), p.get("fill", NAVY), "lm")
                elif align == "right":
                    self.text((x1, cy), line, size, p.get("bold", False), p.get("fill", NAVY), "rm")
                else:
                    self.text(((x0 + x1) / 2, cy), line, size, p.get("bold", False), p.get("fill", NAVY), "mm")
                y += lh
            y += gap
        return top, y

    # -- shapes
    def box(self, xy, fill=WHITE, outline=LINE, width=2, radius=18):
        self.d.rounded_rectangle(xy, radius=radius, fill=fill, outline=outline, width=width)

    def arrow(self, pts, fill=NAVY, width=5, head=20, dashed=False):
        pts = [tuple(map(float, p)) for p in pts]
        for a, b in zip(pts[:-1], pts[1:]):
            last = b == pts[-1]
            if last:
                # stop the shaft at the base of the head
                ang = math.atan2(b[1] - a[1], b[0] - a[0])
                b = (b[0] - math.cos(ang) * head * 0.8, b[1] - math.sin(ang) * head * 0.8)
            if dashed:
                self.dashed(a, b, fill, width)
            else:
                self.d.line([a, b], fill=fill, width=width)
        a, b = pts[-2], pts[-1]
        ang = math.atan2(b[1] - a[1], b[0] - a[0])
        left = (b[0] - head * math.cos(ang) + head * 0.55 * math.sin(ang),
                b[1] - head * math.sin(ang) - head * 0.55 * math.cos(ang))
        right = (b[0] - head * math.cos(ang) - head * 0.55 * math.sin(ang),
                 b[1] - head * math.sin(ang) + head * 0.55 * math.cos(ang))
        self.d.polygon([b, left, right], fill=fill)

    def dashed(self, a, b, fill, width, dash=16, gap=12):
        length = math.hypot(b[0] - a[0], b[1] - a[1])
        if length == 0:
            return
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        pos = 0.0
        while pos < length:
            end = min(pos + dash, length)
            self.d.line([(a[0] + ux * pos, a[1] + uy * pos), (a[0] + ux * end, a[1] + uy * end)],
                        fill=fill, width=width)
            pos += dash + gap

    def circle(self, c, r, fill=None, outline=None, width=1):
        """Anti-aliased circle: drawn as a 4x supersampled mask, then pasted."""
        S, pad = 4, 3
        ox, oy = int(math.floor(c[0] - r - pad)), int(math.floor(c[1] - r - pad))
        w = int(math.ceil(c[0] + r + pad)) - ox
        h = int(math.ceil(c[1] + r + pad)) - oy
        ell = [(c[0] - r - ox) * S, (c[1] - r - oy) * S, (c[0] + r - ox) * S, (c[1] + r - oy) * S]
        for colour, kw in ((fill, dict(fill=255)), (outline, dict(outline=255, width=int(width * S)))):
            if colour is None:
                continue
            mask = Image.new("L", (w * S, h * S), 0)
            ImageDraw.Draw(mask).ellipse(ell, **kw)
            mask = mask.resize((w, h), Image.LANCZOS)
            self.img.paste(colour, (ox, oy, ox + w, oy + h), mask)

    def badge(self, c, label, r=24):
        self.circle(c, r, fill=ACCENT)
        self.text(c, label, round(r * 1.1), True, WHITE, "mm")

    # -- common frame
    def header(self, ko, en):
        self.d.rectangle([70, 46, 78, 144], fill=ACCENT)
        self.block((100, 40, self.w - 70, 150), [
            dict(t=ko, size=44, bold=True, fill=NAVY, gap=4),
            dict(t=en, size=28, fill=GREY),
        ], align="left", valign="middle")

    def footer(self, note=None):
        y = self.h - 38
        self.text((70, y), "북한이탈주민의 날 · North Korean Defectors' Day", 18, False, GREY, "lm")
        if note:
            self.text((self.w - 70, y), note, 18, False, GREY, "rm")

    # -- checks and output
    def check(self):
        m = 6
        for (x0, y0, x1, y1), s in self.text_boxes:
            if x0 < m or y0 < m or x1 > self.w - m or y1 > self.h - m:
                raise LayoutError("%s: label clipped at the edge: %r %r" % (self.name, s, (x0, y0, x1, y1)))
        boxes = self.text_boxes
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, sa = boxes[i]
                b, sb = boxes[j]
                ix = min(a[2], b[2]) - max(a[0], b[0])
                iy = min(a[3], b[3]) - max(a[1], b[1])
                if ix > 2 and iy > 2:
                    raise LayoutError("%s: labels overlap: %r / %r" % (self.name, sa, sb))

    def save(self, folder):
        self.check()
        path = os.path.join(PACK, folder, self.name)
        out = self.img.convert("P", palette=Image.ADAPTIVE, colors=64)
        out.save(path, format="PNG", optimize=True)
        return path


def two(ko, en, ko_size=28, en_size=22, ko_fill=NAVY, en_fill=NAVY, gap=6, ko_bold=True):
    return [dict(t=ko, size=ko_size, bold=ko_bold, fill=ko_fill, gap=gap),
            dict(t=en, size=en_size, fill=en_fill)]


# ================================================================ images

def timeline_2024():
    c = Canvas("timeline-2024.png")
    c.header("2024년, 결정에서 첫 기념식까지", "2024: from the decision to the first ceremony")
    ax0, ax1, ay = 120, 1480, 530
    c.d.line([(ax0, ay), (ax1, ay)], fill=NAVY, width=4)
    days = 366  # 2024 is a leap year
    month_start = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366]
    en_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    def x_of(doy):
        return ax0 + (ax1 - ax0) * doy / days

    for m in range(12):
        xs = x_of(month_start[m])
        c.d.line([(xs, ay - 10), (xs, ay + 10)], fill=NAVY, width=2)
        # labels sit just right of each month's tick, so that no connector
        # line (all events fall in the second half of a month) crosses them
        c.text((xs + 8, ay + 30), "%d월" % (m + 1), 18, False, GREY, "lm")
        c.text((xs + 8, ay + 54), en_months[m], 16, False, GREY, "lm")
    c.d.line([(ax1, ay - 10), (ax1, ay + 10)], fill=NAVY, width=2)
    c.text((ax1, ay - 34), "2024", 24, True, NAVY, "rm")

    events = [
        (15, "up", (80, 210, 470, 470), "1월 16일 · 16 January",
         "국무회의에서 대통령이 기념일 지정 지시",
         "The President's instruction at the State Council meeting"),
        (141, "down", (450, 610, 840, 840), "5월 21일 · 21 May",
         "「각종 기념일 등에 관한 규정」 개정·공포",
         "Revised regulations on commemorative days proclaimed"),
        (195, "up", (650, 210, 1040, 470), "7월 14일 · 14 July",
         "제1회 북한이탈주민의 날 기념식",
         "First national ceremony of North Korean Defectors' Day"),
    ]
    for doy, side, box, date, ko, en in events:
        x = x_of(doy)
        x0, y0, x1, y1 = box
        if side == "up":
            c.d.line([(x, ay), (x, y1)], fill=ACCENT, width=3)
        else:
            c.d.line([(x, ay), (x, y0)], fill=ACCENT, width=3)
        c.box(box, fill=WHITE, outline=ACCENT, width=3)
        c.circle((x, ay), 13, fill=ACCENT, outline=WHITE, width=3)
        c.block((x0 + 24, y0 + 18, x1 - 24, y1 - 18), [
            dict(t=date, size=28, bold=True, fill=ACCENT, gap=10),
            dict(t=ko, size=26, bold=True, fill=NAVY, gap=6),
            dict(t=en, size=22, fill=NAVY),
        ])
    c.footer()
    return c


def timeline_1996_2024():
    c = Canvas("timeline-1996-2024.png")
    c.header("법 제정에서 첫 기념식까지, 1996–2024", "From the Act to the first ceremony, 1996–2024")
    ay = 540
    slot_w, gap = 355, 20
    up_centres = [60 + slot_w / 2 + i * (slot_w + gap) for i in range(4)]
    down_centres = [(up_centres[i] + up_centres[i + 1]) / 2 for i in range(3)]
    xs = [up_centres[0], down_centres[0], up_centres[1], down_centres[1],
          up_centres[2], down_centres[2], up_centres[3]]
    c.d.line([(60, ay), (1540, ay)], fill=NAVY, width=4)
    # axis breaks: spacing is not proportional to time
    for bx in [(xs[2] + xs[3]) / 2, (xs[3] + xs[4]) / 2]:
        c.d.rectangle([bx - 12, ay - 16, bx + 12, ay + 16], fill=BG)
        for dx in (-8, 6):
            c.d.line([(bx + dx - 6, ay + 14), (bx + dx + 6, ay - 14)], fill=NAVY, width=3)

    events = [
        ("1996-12", "국회, 법률 통과\n(여야 주요 정당의 지지)",
         "National Assembly passes the Act, with the support of both main parties", False),
        ("1997-07-14", "「북한이탈주민의 보호 및 정착지원에 관한 법률」 시행",
         "The Protection and Settlement Support Act comes into force", True),
        ("1999-07-08", "하나원 개원", "Hanawon opens", False),
        ("2014-02", "유엔 북한인권조사위원회 보고서 (A/HRC/25/63)",
         "UN Commission of Inquiry report (A/HRC/25/63)", False),
        ("2024-01-16", "국무회의에서 기념일 지정 지시",
         "Decision at the State Council meeting", False),
        ("2024-05-21", "개정 규정 공포: 7월 14일 지정",
         "Revised regulations proclaimed: 14 July designated", False),
        ("2024-07-14", "제1회 북한이탈주민의 날 기념식",
         "First North Korean Defectors' Day ceremony", True),
    ]
    for i, (date, ko, en, key) in enumerate(events):
        x = xs[i]
        up = i % 2 == 0
        if up:
            box = (x - slot_w / 2, 190, x + slot_w / 2, 490)
            c.d.line([(x, ay), (x, box[3])], fill=ACCENT if key else LINE, width=3)
        else:
            box = (x - slot_w / 2, 590, x + slot_w / 2, 820)
            c.d.line([(x, ay), (x, box[1])], fill=ACCENT if key else LINE, width=3)
        c.box(box, fill=ACCENT_PALE if key else WHITE, outline=ACCENT if key else LINE, width=3)
        c.circle((x, ay), 12, fill=ACCENT if key else NAVY, outline=WHITE, width=3)
        c.block((box[0] + 22, box[1] + 16, box[2] - 22, box[3] - 16), [
            dict(t=date, size=30, bold=True, fill=ACCENT, gap=10),
            dict(t=ko, size=25, bold=True, fill=NAVY, gap=6),
            dict(t=en, size=21, fill=NAVY),
        ])
    c.footer("간격은 실제 시간에 비례하지 않음 · Spacing is not to scale")
    return c


def three_concepts():
    c = Canvas("three-concepts.png")
    c.header("북한이 없애도록 지시한 세 개념", "Three concepts the North ordered removed")
    words = [("통일", "unification"), ("화해", "reconciliation"), ("동족", "fellow countrymen")]
    cw, gap, y0, y1 = 420, 50, 220, 500
    x = (c.w - (3 * cw + 2 * gap)) / 2
    for ko, en in words:
        c.box((x, y0, x + cw, y1), fill=WHITE, outline=LINE, width=3, radius=22)
        cx = x + cw / 2
        bb = c.text((cx, y0 + 110), ko, 84, True, GREY, "mm")
        c.text((cx, y0 + 205), en, 32, False, GREY, "mm")
        sy = (bb[1] + bb[3]) / 2  # through the middle of the glyphs
        c.d.line([(x + 60, sy), (x + cw - 60, sy)], fill=NAVY, width=6)
        x += cw + gap
    c.block((120, 545, 1480, 680), [
        dict(t="최고인민회의 제14기 제10차 회의 시정연설 (조선중앙통신, 2024년 1월 16일 보도)",
             size=28, bold=True, fill=NAVY, gap=8),
        dict(t="Policy speech at the 10th Session of the 14th Supreme People's Assembly (reported by KCNA, 16 January 2024)",
             size=23, fill=NAVY),
    ])
    c.d.line([(400, 710), (1200, 710)], fill=LINE, width=2)
    c.block((120, 730, 1480, 830), [
        dict(t="앞서 2023년 12월 당 전원회의: 민족 동질성 부정, 평화통일 목표 포기",
             size=24, bold=True, fill=ACCENT, gap=6),
        dict(t="Earlier, December 2023 party plenary meeting: shared ethnic identity rejected, peaceful unification abandoned as a goal",
             size=20, fill=ACCENT),
    ])
    c.footer()
    return c


def three_reasons():
    c = Canvas("three-reasons.png", 1200, 1200)
    c.header("북한이탈주민의 날이 갖는 세 가지 의미", "Three reasons for North Korean Defectors' Day")
    centre = (600, 725)
    R, r_out, r_in = 330, 200, 118
    items = [
        (-90, "1", "인권과 통일", "Human rights and unification",
         "자유 · 인권 · 번영", "freedom, human rights, prosperity"),
        (150, "2", "해외 탈북민 보호", "Protection abroad",
         "강제북송 · 헌법상 국민", "forced repatriation; citizens under the Constitution"),
        (30, "3", "국내 정착과 사회 통합", "Settlement and cohesion\nat home",
         "지원의 빈틈 점검 · 통합", "review of gaps; integration"),
    ]
    pos = []
    for ang, *_ in items:
        a = math.radians(ang)
        pos.append((centre[0] + R * math.cos(a), centre[1] + R * math.sin(a)))
    for p in pos:
        c.d.line([centre, p], fill=LINE, width=4)
    c.circle(centre, r_in, fill=ACCENT)
    c.block((centre[0] - 95, centre[1] - 80, centre[0] + 95, centre[1] + 80), [
        dict(t="북한이탈주민의 날", size=24, bold=True, fill=WHITE, gap=4),
        dict(t="North Korean Defectors' Day", size=19, fill=WHITE, gap=8),
        dict(t="7.14", size=30, bold=True, fill=WHITE),
    ])
    for (ang, num, ko, en, kko, ken), p in zip(items, pos):
        c.circle(p, r_out, fill=WHITE, outline=ACCENT, width=4)
        c.badge((p[0], p[1] - r_out + 4), num, r=26)
        c.block((p[0] - 150, p[1] - 140, p[0] + 150, p[1] + 150), [
            dict(t=ko, size=30, bold=True, fill=NAVY, gap=2),
            dict(t=en, size=22, fill=NAVY, gap=18),
            dict(t=kko, size=21, bold=True, fill=ACCENT, gap=2),
            dict(t=ken, size=18, fill=ACCENT),
        ])
    c.footer()
    return c


def un_report():
    c = Canvas("un-report.png")
    c.header("한눈에 보는 2014년 유엔 보고서", "The 2014 UN report at a glance")
    # schematic report: a page with a folded corner and text bars
    px0, py0, px1, py1, fold = 130, 200, 530, 810, 70
    c.d.polygon([(px0, py0), (px1 - fold, py0), (px1, py0 + fold), (px1, py1), (px0, py1)],
                fill=WHITE, outline=NAVY)
    c.d.line([(px0, py0), (px1 - fold, py0), (px1, py0 + fold), (px1, py1), (px0, py1), (px0, py0)],
             fill=NAVY, width=3)
    c.d.polygon([(px1 - fold, py0), (px1 - fold, py0 + fold), (px1, py0 + fold)], fill=PANEL, outline=NAVY)
    c.text((px0 + 40, py0 + 60), "A/HRC/25/63", 36, True, ACCENT, "lm")
    c.text((px0 + 40, py0 + 110), "2014-02", 26, False, NAVY, "lm")
    y = py0 + 170
    for wfrac in [0.9, 0.8, 0.85, 0.6, 0.9, 0.75, 0.85, 0.5, 0.8, 0.7]:
        c.d.rounded_rectangle([px0 + 40, y, px0 + 40 + (px1 - px0 - 80) * wfrac, y + 14], radius=7, fill=PANEL)
        y += 38
    rows = [
        ("작성 · By", "유엔 북한인권조사위원회",
         "UN Commission of Inquiry on Human Rights in the DPRK", False),
        ("제출처 · To", "유엔 인권이사회", "UN Human Rights Council", False),
        ("시기 · When", "2014년 2월", "February 2014", False),
        ("결론 · Finding", "반인도범죄가 자행되었다고 보고", "Crimes against humanity reported", True),
    ]
    y = 195
    for label, ko, en, key in rows:
        box = (600, y, 1530, y + 140)
        if key:
            c.box(box, fill=ACCENT_PALE, outline=ACCENT, width=3)
        else:
            c.d.line([(600, y + 140), (1530, y + 140)], fill=LINE, width=2)
        c.block((630, y + 10, 1500, y + 130), [
            dict(t=label, size=22, bold=True, fill=ACCENT, gap=4),
            dict(t=ko, size=30, bold=True, fill=NAVY, gap=2),
            dict(t=en, size=23, fill=NAVY),
        ], align="left")
        y += 155
    c.footer("문서 표지를 단순화한 그림 · Schematic, not the actual cover")
    return c


def authorities_and_residents():
    c = Canvas("authorities-and-residents.png")
    c.header("기념일의 메시지는 당국이 아니라 주민을 향합니다",
             "The day's message is addressed to the residents, not the authorities")
    day = (80, 520, 510, 720)
    auth = (1030, 200, 1520, 370)
    res = (1030, 530, 1520, 710)
    c.box(day, fill=ACCENT, outline=ACCENT, width=3)
    c.block((day[0] + 24, day[1] + 16, day[2] - 24, day[3] - 16),
            two("북한이탈주민의 날", "North Korean Defectors' Day", 34, 26, WHITE, WHITE, 8))
    c.box(auth, fill=WHITE, outline=LINE, width=3)
    c.block((auth[0] + 24, auth[1] + 16, auth[2] - 24, auth[3] - 16),
            two("북한 당국", "North Korean authorities", 36, 26, GREY, GREY, 8))
    c.box(res, fill=ACCENT_PALE, outline=ACCENT, width=4)
    c.block((res[0] + 24, res[1] + 16, res[2] - 24, res[3] - 16),
            two("북한 주민", "North Korean residents", 36, 26, NAVY, NAVY, 8))
    # the distinction between the two
    mid_y = (auth[3] + res[1]) / 2
    cx = (auth[0] + auth[2]) / 2
    c.text((cx - 150, mid_y), "≠", 64, True, NAVY, "mm")
    c.block((cx - 100, mid_y - 60, auth[2], mid_y + 60), [
        dict(t="서로 같지 않음", size=26, bold=True, fill=NAVY, gap=2),
        dict(t="not one and the same", size=21, fill=NAVY),
    ], align="left")
    # the message, from the day to the residents
    ay = (res[1] + res[3]) / 2
    c.arrow([(day[2] + 12, ay), (res[0] - 12, ay)], fill=ACCENT, width=6, head=26)
    c.block((day[2] + 30, 400, res[0] - 40, ay - 18), [
        dict(t="자유 · 인권 · 번영", size=32, bold=True, fill=ACCENT, gap=4),
        dict(t="freedom · human rights · prosperity", size=23, fill=ACCENT),
    ], valign="bottom")
    c.block((day[2] + 30, ay + 18, res[0] - 40, ay + 130), [
        dict(t="같은 뿌리를 지닌 사람으로서 누려야 할 것", size=22, bold=True, fill=NAVY, gap=4),
        dict(t="what they deserve as people of the same roots", size=19, fill=NAVY),
    ], valign="top")
    c.footer()
    return c


def draw_book(c, cx, cy):
    c.d.polygon([(cx - 90, cy - 50), (cx - 4, cy - 30), (cx - 4, cy + 60), (cx - 90, cy + 40)],
                fill=ACCENT_PALE, outline=ACCENT)
    c.d.polygon([(cx + 90, cy - 50), (cx + 4, cy - 30), (cx + 4, cy + 60), (cx + 90, cy + 40)],
                fill=ACCENT_PALE, outline=ACCENT)
    for i in range(3):
        y = cy - 20 + i * 22
        c.d.line([(cx - 75, y - 14), (cx - 20, y - 2)], fill=ACCENT, width=3)
        c.d.line([(cx + 75, y - 14), (cx + 20, y - 2)], fill=ACCENT, width=3)


def draw_candle(c, cx, cy):
    c.d.rounded_rectangle([cx - 26, cy - 10, cx + 26, cy + 70], radius=6, fill=ACCENT_PALE, outline=ACCENT, width=3)
    c.d.line([(cx, cy - 10), (cx, cy - 24)], fill=NAVY, width=3)
    c.d.polygon([(cx, cy - 80), (cx + 18, cy - 40), (cx + 12, cy - 26), (cx, cy - 20),
                 (cx - 12, cy - 26), (cx - 18, cy - 40)], fill=ACCENT)


def draw_two_circles(c, cx, cy):
    c.circle((cx - 34, cy), 52, outline=ACCENT, width=5)
    c.circle((cx + 34, cy), 52, outline=NAVY, width=5)


def ways_to_mark():
    c = Canvas("ways-to-mark.png")
    c.header("기념일을 맞이하는 세 가지 방법", "Three ways to mark the day")
    panels = [
        (draw_book, "알기", "Learn", "북한 인권 실상을 알리는 행사",
         "Events that raise awareness of human rights conditions in the North"),
        (draw_candle, "기억하기", "Remember", "탈북 과정에서 목숨을 잃은 이들을 기리는 추모 시설 계획 (통일부)",
         "A planned memorial for defectors who lost their lives trying to escape (Ministry of Unification)"),
        (draw_two_circles, "함께 살기", "Live together", "탈북민과 우리 사회의 사회적·심리적·정서적 통합",
         "Social, psychological and emotional integration of defectors and the wider public"),
    ]
    pw, gap = 440, 40
    x = (c.w - (3 * pw + 2 * gap)) / 2
    for icon, ko, en, dko, den in panels:
        c.box((x, 190, x + pw, 780), fill=WHITE, outline=LINE, width=3, radius=22)
        icon(c, x + pw / 2, 300)
        c.block((x + 30, 400, x + pw - 30, 510), two(ko, en, 40, 28, NAVY, ACCENT, 6))
        c.d.line([(x + 60, 530), (x + pw - 60, 530)], fill=LINE, width=2)
        c.block((x + 30, 550, x + pw - 30, 760), [
            dict(t=dko, size=25, bold=True, fill=NAVY, gap=12),
            dict(t=den, size=21, fill=NAVY),
        ], valign="top")
        x += pw + gap
    c.footer()
    return c


def route_schematic():
    c = Canvas("route-schematic.png")
    c.header("북한에서 대한민국까지의 길 (개념도)", "The road from North Korea to the Republic of Korea (schematic)")
    china = (70, 185, 960, 640)
    third = (70, 680, 680, 830)
    nk = (1010, 280, 1340, 550)
    rok = (1090, 590, 1440, 830)
    c.box(china, fill=PANEL, outline=LINE, width=2, radius=60)
    c.box(third, fill=PANEL, outline=LINE, width=2, radius=50)
    c.box(nk, fill=WHITE, outline=LINE, width=2, radius=50)
    c.box(rok, fill=ACCENT_PALE, outline=ACCENT, width=3, radius=50)
    c.block((100, 200, 460, 260), [dict(t="중국 · China", size=30, bold=True, fill=NAVY)], align="left")
    c.block((95, 700, 560, 760), [dict(t="다른 제3국 · Other third countries", size=26, bold=True, fill=NAVY)],
            align="left")
    c.block((nk[0] + 20, nk[1] + 20, nk[2] - 20, nk[1] + 130), two("북한", "North Korea", 32, 24))
    c.block((rok[0] + 20, rok[1] + 20, rok[2] - 20, rok[3] - 20), two("대한민국", "Republic of Korea", 32, 24))
    # warning markers inside China
    for i, (ko, en) in enumerate([("안면인식 기술", "Facial recognition technology"),
                                   ("새 반간첩법", "New anti-espionage law")]):
        ty = 305 + i * 110
        tx = 130
        c.d.polygon([(tx, ty - 32), (tx + 34, ty + 26), (tx - 34, ty + 26)], fill=ACCENT)
        c.text((tx, ty + 6), "!", 30, True, WHITE, "mm")
        c.block((tx + 55, ty - 42, 900, ty + 42), two(ko, en, 28, 22), align="left")
    c.d.line([(96, 495), (96, 600)], fill=ACCENT, width=6)
    c.block((115, 490, 560, 610), [
        dict(t="중국 안에서 이동하기가 훨씬 어려워짐", size=24, bold=True, fill=NAVY, gap=6),
        dict(t="Moving within China has become much harder", size=20, fill=NAVY),
    ], align="left")
    # the route: dashed, from North Korea through China and third countries to the South
    route = [(nk[0] + 60, 470), (800, 530), (620, 550), (620, 780), (rok[0] - 10, 770)]
    c.circle(route[0], 12, fill=NAVY)
    for a, b in zip(route[:-2], route[1:-1]):
        c.dashed(a, b, NAVY, 5)
    c.arrow([route[-2], route[-1]], fill=NAVY, width=5, head=24, dashed=True)
    c.footer("개념도 · 축척 없음 · 실제 경로나 국경이 아님 · Schematic, not to scale, no real routes or borders")
    return c


def two_outcomes():
    c = Canvas("two-outcomes.png")
    c.header("중국에 있는 탈북민 앞의 두 갈래 길", "Two possible outcomes for a defector in China")
    src = (90, 390, 520, 590)
    good = (1060, 200, 1510, 380)
    bad = (1060, 600, 1510, 780)
    c.box(src, fill=PANEL, outline=NAVY, width=3)
    c.block((src[0] + 24, src[1] + 16, src[2] - 24, src[3] - 16), two("중국에 있는 탈북민", "A defector in China", 34, 26))
    c.box(good, fill=ACCENT_PALE, outline=ACCENT, width=4)
    c.block((good[0] + 24, good[1] + 16, good[2] - 24, good[3] - 16),
            two("대한민국 도착", "Arrival in the Republic of Korea", 34, 24))
    c.box(bad, fill=WHITE, outline=NAVY, width=3)
    c.block((bad[0] + 24, bad[1] + 16, bad[2] - 24, bad[3] - 16),
            two("북한", "North Korea", 34, 26))
    jx = 700
    gy = (good[1] + good[3]) / 2
    by = (bad[1] + bad[3]) / 2
    sy = (src[1] + src[3]) / 2
    c.d.line([(src[2], sy), (jx, sy)], fill=NAVY, width=6)
    c.arrow([(jx, sy), (jx, gy), (good[0] - 8, gy)], fill=ACCENT, width=6, head=26)
    c.arrow([(jx, sy), (jx, by), (bad[0] - 8, by)], fill=NAVY, width=6, head=26, dashed=True)
    c.circle((jx, sy), 10, fill=NAVY)
    c.block((jx + 30, gy - 100, good[0] - 30, gy - 14), [
        dict(t="보호", size=32, bold=True, fill=ACCENT, gap=2),
        dict(t="Protection", size=24, fill=ACCENT),
    ], valign="bottom")
    c.block((jx + 30, by - 100, bad[0] - 30, by - 14), [
        dict(t="강제북송", size=32, bold=True, fill=NAVY, gap=2),
        dict(t="Forced repatriation", size=24, fill=NAVY),
    ], valign="bottom")
    c.footer("단순화한 도식 · Simplified diagram")
    return c


def two_views():
    c = Canvas("two-views.png")
    c.header("남북 관계를 보는 두 시각", "Two views of the inter-Korean relationship")
    cols = [(80, 780), (820, 1520)]
    top, bottom = 195, 735
    # left: the South keeps to the Basic Agreement
    x0, x1 = cols[0]
    c.box((x0, top, x1, bottom), fill=WHITE, outline=ACCENT, width=3, radius=22)
    c.block((x0 + 30, top + 20, x1 - 30, top + 80), [dict(t="남한 · The South", size=32, bold=True, fill=ACCENT)])
    cx = (x0 + x1) / 2
    for dx, lab in [(-150, "남 · S"), (150, "북 · N")]:
        c.box((cx + dx - 70, 300, cx + dx + 70, 400), fill=ACCENT_PALE, outline=ACCENT, width=3, radius=14)
        c.text((cx + dx, 350), lab, 24, True, NAVY, "mm")
    c.dashed((cx - 80, 350), (cx + 80, 350), ACCENT, 6, dash=14, gap=10)
    c.block((x0 + 40, 430, x1 - 40, 520), two("1991년 남북기본합의서", "1991 Inter-Korean Basic Agreement", 28, 22))
    c.block((x0 + 50, 540, x1 - 50, 715), [
        dict(t="“통일을 지향하는 과정에서 잠정적으로 형성되는 특수관계”", size=27, bold=True, fill=ACCENT, gap=12),
        dict(t="“a special interim relationship stemming from the process toward unification”", size=23, fill=ACCENT),
    ], valign="top")
    # right: the North now describes two separate states
    x0, x1 = cols[1]
    c.box((x0, top, x1, bottom), fill=WHITE, outline=LINE, width=3, radius=22)
    c.block((x0 + 30, top + 20, x1 - 30, top + 80), [dict(t="북한 · The North", size=32, bold=True, fill=NAVY)])
    cx = (x0 + x1) / 2
    for dx, lab in [(-190, "남 · S"), (190, "북 · N")]:
        c.box((cx + dx - 70, 300, cx + dx + 70, 400), fill=PANEL, outline=NAVY, width=3, radius=14)
        c.text((cx + dx, 350), lab, 24, True, NAVY, "mm")
    c.d.line([(cx, 285), (cx, 415)], fill=NAVY, width=6)
    c.block((x0 + 40, 430, x1 - 40, 520), two("현재 북한의 규정", "The North's current description", 28, 22))
    c.block((x0 + 50, 540, x1 - 50, 715), [
        dict(t="남북은 별개의 국가", size=30, bold=True, fill=NAVY, gap=12),
        dict(t="The two Koreas as separate states", size=24, fill=NAVY),
    ], valign="top")
    c.block((80, 755, 1520, 835), [
        dict(t="남한은 기본합의서의 규정을 지키고 있고, 북한은 이제 남북을 별개의 국가로 규정합니다.",
             size=24, bold=True, fill=NAVY, gap=4),
        dict(t="The South keeps to the Basic Agreement; the North now describes the two Koreas as separate states.",
             size=20, fill=NAVY),
    ])
    c.footer()
    return c


def july_dates():
    c = Canvas("july-dates.png")
    c.header("탈북민과 관련된 7월의 두 날짜", "Two dates in July linked to defectors")
    cell, gap = 92, 8
    gx0, gy0 = 80, 270
    c.block((gx0, 190, gx0 + 7 * cell + 6 * gap, 250), [dict(t="7월 · July", size=32, bold=True, fill=NAVY)],
            align="left")
    for day in range(1, 32):
        i = day - 1
        col, row = i % 7, i // 7
        x = gx0 + col * (cell + gap)
        y = gy0 + row * (cell + gap)
        if day == 14:
            c.box((x, y, x + cell, y + cell), fill=ACCENT, outline=ACCENT, width=3, radius=12)
            c.text((x + cell / 2, y + cell / 2), str(day), 34, True, WHITE, "mm")
        elif day == 8:
            c.box((x, y, x + cell, y + cell), fill=ACCENT_PALE, outline=ACCENT, width=5, radius=12)
            c.text((x + cell / 2, y + cell / 2), str(day), 34, True, NAVY, "mm")
        else:
            c.box((x, y, x + cell, y + cell), fill=WHITE, outline=LINE, width=2, radius=12)
            c.text((x + cell / 2, y + cell / 2), str(day), 28, False, GREY, "mm")
    cards = [
        ((840, 230, 1530, 500), False, "7월 8일 · 8 July",
         [("1999년 하나원 개원", "Hanawon opened in 1999"),
          ("기념일 날짜 후보로 제안됨", "Proposed as a date for the day")]),
        ((840, 540, 1530, 820), True, "7월 14일 · 14 July",
         [("1997년 법률 시행", "The Act came into force in 1997"),
          ("2024년부터 북한이탈주민의 날", "North Korean Defectors' Day since 2024")]),
    ]
    for box, filled, date, lines in cards:
        x0, y0, x1, y1 = box
        c.box(box, fill=WHITE, outline=ACCENT, width=3)
        sw = (x0 + 30, y0 + 30, x0 + 90, y0 + 90)
        if filled:
            c.box(sw, fill=ACCENT, outline=ACCENT, width=3, radius=10)
        else:
            c.box(sw, fill=ACCENT_PALE, outline=ACCENT, width=5, radius=10)
        c.block((x0 + 110, y0 + 30, x1 - 30, y0 + 90), [dict(t=date, size=32, bold=True, fill=ACCENT)],
                align="left")
        parts = []
        for ko, en in lines:
            parts += [dict(t=ko, size=27, bold=True, fill=NAVY, gap=2), dict(t=en, size=22, fill=NAVY, gap=14)]
        c.block((x0 + 30, y0 + 105, x1 - 30, y1 - 20), parts, align="left")
    c.footer("요일 없이 날짜만 표시 · Dates only, without weekdays")
    return c


def settlement_path():
    c = Canvas("settlement-path.png")
    c.header("단순화한 정착 지원 단계", "Stages of settlement support, simplified")
    steps = [
        ("보호와 입국", "Protection and arrival", "보호를 받아 남한에 도착", "protection, then arrival in the South"),
        ("하나원", "Hanawon", "정착지원 기관에서 첫걸음", "first steps at the Settlement Support Center"),
        ("지역사회", "Local community", "지역사회에서 지원이 이어짐", "support continues locally"),
        ("장기적 통합", "Long-term integration", "이웃 · 직장 · 학교", "neighbours, work, school"),
    ]
    bw, gap = 320, 50
    x = (c.w - (4 * bw + 3 * gap)) / 2
    left = x
    y0, y1 = 235, 530
    for i, (ko, en, dko, den) in enumerate(steps):
        c.box((x, y0, x + bw, y1), fill=WHITE, outline=ACCENT, width=3)
        c.badge((x + bw / 2, y0), str(i + 1), r=26)
        c.block((x + 20, y0 + 40, x + bw - 20, y0 + 160), two(ko, en, 32, 23, NAVY, NAVY, 4))
        c.d.line([(x + 40, y0 + 172), (x + bw - 40, y0 + 172)], fill=LINE, width=2)
        c.block((x + 20, y0 + 185, x + bw - 20, y1 - 15), [
            dict(t=dko, size=22, bold=True, fill=GREY, gap=4),
            dict(t=den, size=19, fill=GREY),
        ])
        if i < 3:
            c.arrow([(x + bw + 8, (y0 + y1) / 2), (x + bw + gap - 8, (y0 + y1) / 2)], fill=ACCENT, width=5, head=20)
        x += bw + gap
    right = x - gap
    # bracket beneath all four stages
    by = 565
    c.d.line([(left + 10, by), (left + 10, by + 22), (right - 10, by + 22), (right - 10, by)], fill=NAVY, width=3)
    mid = (left + right) / 2
    c.d.line([(mid, by + 22), (mid, by + 44)], fill=NAVY, width=3)
    c.box((left + 150, by + 50, right - 150, by + 190), fill=WHITE, outline=NAVY, width=3)
    c.block((left + 180, by + 60, right - 180, by + 180), [
        dict(t="빈틈은 어디에 남아 있는가? → 체계적 점검", size=32, bold=True, fill=NAVY, gap=6),
        dict(t="Where do gaps remain? → A systematic review", size=25, fill=NAVY),
    ])
    c.block((left, 790, right, 835), [
        dict(t="공공 프로그램이 안내하는 일반적 과정을 단순화한 것으로, 개인의 사례가 아님 · "
               "A simplified outline of the typical path documented by public programmes, not any individual's story",
             size=18, fill=GREY)])
    c.footer()
    return c


def arrivals():
    c = Canvas("arrivals-34121.png")
    c.header("2024년 3월까지 입국한 북한이탈주민", "North Korean defectors who had arrived in the South by March 2024")
    total = 34121
    full, rest = divmod(total, 100)  # 341 full dots, 21 people remaining
    cols, rows = 19, 18
    assert cols * rows == full + 1
    sp, r = 36, 13
    gx0 = 1530 - cols * sp
    gy0 = 190
    for k in range(full + 1):
        row, col = divmod(k, cols)
        cx = gx0 + col * sp + sp / 2
        cy = gy0 + row * sp + sp / 2
        if k < full:
            c.circle((cx, cy), r, fill=ACCENT)
        else:
            c.circle((cx, cy), r, outline=LINE, width=2)
            c.circle((cx, cy), r * math.sqrt(rest / 100), fill=ACCENT)
    lx1 = gx0 - 50
    c.text((80, 300), "34,121", 150, True, ACCENT, "lm")
    c.block((80, 400, lx1, 480), [dict(t="명 · people", size=36, bold=True, fill=NAVY)], align="left")
    c.block((80, 490, lx1, 640), [
        dict(t="2024년 3월까지 남한에 입국한 북한이탈주민 누적 인원", size=26, bold=True, fill=NAVY, gap=6),
        dict(t="Cumulative total of North Korean defectors who had arrived in the South by March 2024",
             size=22, fill=NAVY),
    ], align="left", valign="top")
    c.circle((100, 690), r, fill=ACCENT)
    c.block((130, 665, lx1, 715), [dict(t="= 100명 · 100 people", size=24, bold=True, fill=NAVY)], align="left")
    c.circle((100, 750), r, outline=LINE, width=2)
    c.circle((100, 750), r * math.sqrt(rest / 100), fill=ACCENT)
    c.block((130, 725, lx1, 775), [dict(t="= 21명 · 21 people", size=24, bold=True, fill=NAVY)], align="left")
    c.block((80, 790, lx1, 830), [dict(t="통일부 통계(연합뉴스 보도) · Ministry of Unification figures, reported by Yonhap",
                                        size=18, fill=GREY)], align="left")
    c.footer()
    return c


def integration():
    c = Canvas("integration.png", 1200, 1200)
    c.header("함께 만드는 통합의 세 차원", "Integration as a shared task: three dimensions")
    cy, r = 590, 320
    lc, rc = (430, cy), (770, cy)
    base = c.img.convert("RGBA")
    for centre, colour in [(lc, ACCENT + (70,)), (rc, NAVY + (40,))]:
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).ellipse([centre[0] - r, cy - r, centre[0] + r, cy + r], fill=colour)
        base = Image.alpha_composite(base, layer)
    c.img = base.convert("RGB")
    c.d = ImageDraw.Draw(c.img)
    c.circle(lc, r, outline=ACCENT, width=4)
    c.circle(rc, r, outline=NAVY, width=4)
    c.block((135, cy - 70, 440, cy + 70), two("북한이탈주민", "North Korean defectors", 34, 24))
    c.block((760, cy - 70, 1065, cy + 70), two("우리 사회", "The wider public", 34, 24))
    for i, (ko, en) in enumerate([("사회적", "social"), ("심리적", "psychological"), ("정서적", "emotional")]):
        y = cy - 120 + i * 120
        c.block((500, y - 44, 700, y + 44), two(ko, en, 32, 23, NAVY, NAVY, 2))
    c.block((100, 950, 1100, 1075), [
        dict(t="통합은 어느 한쪽만의 일이 아니라 함께 이루는 과제입니다", size=30, bold=True, fill=NAVY, gap=8),
        dict(t="Integration is not a task for one side alone, but one that both share", size=24, fill=NAVY),
    ])
    c.footer()
    return c


JOBS = [
    ("01-why-a-day/01-the-decision", timeline_2024),
    ("01-why-a-day/02-why-14-july", timeline_1996_2024),
    ("01-why-a-day/03-a-turn-in-the-north", three_concepts),
    ("01-why-a-day/04-three-reasons", three_reasons),
    ("02-human-rights/01-the-un-inquiry", un_report),
    ("02-human-rights/02-same-roots", authorities_and_residents),
    ("02-human-rights/03-what-the-day-asks", ways_to_mark),
    ("03-protection-abroad/01-harder-roads", route_schematic),
    ("03-protection-abroad/02-forced-repatriation", two_outcomes),
    ("03-protection-abroad/03-citizens-to-protect", two_views),
    ("04-settlement/01-hanawon", july_dates),
    ("04-settlement/02-support-and-its-gaps", settlement_path),
    ("04-settlement/03-arrivals-by-2024", arrivals),
    ("04-settlement/04-a-shared-task", integration),
]


def main():
    failed = 0
    for folder, make in JOBS:
        if not os.path.isdir(os.path.join(PACK, folder)):
            print("error: missing folder %s" % folder, file=sys.stderr)
            failed += 1
            continue
        try:
            path = make().save(folder)
        except LayoutError as e:
            print("error: %s" % e, file=sys.stderr)
            failed += 1
            continue
        print("%-70s %7d bytes" % (os.path.relpath(path, HERE), os.path.getsize(path)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
