#!/usr/bin/env python3
"""gen_pack.py: write a large bilingual (ko, en) content pack folder for `make bench`.

usage: gen_pack.py N OUTDIR [--seed S] [--queries FILE] [--per-section K]

OUTDIR gets a pack source folder as docs/pack-format.md describes it: pack.ini, the home
page (ko.md, en.md), sections NNN-slug each with ko.md and en.md, and N exhibits NNN-slug
inside the sections (K per section, 100 by default), each with ko.md and en.md of about
1,500 characters that end with their source line. Korean pages are mostly Korean with
some English words, English pages mostly English with some Korean. Everything comes from
one seeded RNG over fixed vocabularies, so the same arguments always give the same bytes.

It also writes the search queries of the benchmark (FILE, by default OUTDIR/../queries.txt),
one `CLASS<TAB>TERM[<TAB>BRUTE]` a line: 100 each of ko1, ko2, ko3 (Korean terms of 1,
2 and 3 syllables) and en (English words and prefixes in mixed case). Each class holds
common terms (a syllable like 의 is in nearly every Korean page), terms from rare words,
and a few that are probably in no page at all. Then 30 each of the classes of
more_queries (initial consonants, a syllable being composed, folded, full-width and NFD
text), with the plain form the brute force looks for.
Python 3 standard library only.
"""
import argparse
import bisect
import os
import random
import shutil
import string
import sys

# ---------------------------------------------------------------- vocabularies
# Korean nouns, most frequent first (a Zipf-like weight follows the order), with the
# long compounds that substring search is for.
KO_NOUNS = """
북한이탈주민 정부 통일부 사람 지원 정착 교육 가족 인권 북한 남한 사회 기념일 국가 주민 제도
과정 생활 문제 역사 문화 기록 자료 이야기 고향 국경 중국 탈북민 보호 정책 법률 시민 공동체
국가인권위원회 하나원 대한민국 통일연구원 보고서 조사 기관 단체 시설 일자리 직업 훈련 학교 청소년
어린이 여성 노인 건강 의료 병원 상담 심리 언어 사투리 음식 명절 추석 설날 기념식 대통령 국무회의
통계 인구 도시 농촌 서울 부산 평양 함경북도 양강도 두만강 압록강 한반도 분단 전쟁 평화 자유 민주주의
헌법 권리 의무 국민 이웃 친구 편지 일기 증언 기억 미래 희망 노력 변화 결과 의미 가치 목표 계획
예산 주택 임대주택 자격증 언론 방송 신문 인터넷 휴대전화 시장 장마당 배급 식량 농업 공장 노동 임금
세금 은행 계좌 보험 연금 유엔 난민 대사관 여권 러시아 몽골 태국 라오스 베트남 강제송환 난민협약
국제사회 외교부 법무부 경찰 신변보호 정착지원금 주거지원 취업지원 직업훈련 교육지원 정착도우미
지역적응센터 남북하나재단 북한인권법 북한이탈주민법 통일교육 평화통일 이산가족 상봉 편견 차별 인식
포용 다양성 정체성 적응 갈등 소통 이해 존중 연대 봉사 자원봉사자 후원 기부 장학금 대학교 검정고시
대안학교 한국어 영어 컴퓨터 운전면허 창업 자영업 회사 동료 상사 월급 저축 건강보험 국민연금 복지
사회복지사 전문상담사 정신건강 트라우마 치유 회복 가정 결혼 자녀 부모 형제 자매 할머니 할아버지
손자 손녀 마을 동네 아파트 기차 버스 지하철 겨울 여름 봄 가을 바다 산 강 들판 하늘 별 달 나무
꽃 사진 영상 전시 전시물 전시실 박물관 도서관 기념관 연구자 학자 기자 작가 시인 화가 음악 노래
영화 연극 축제 행사 모임 회의 발표 토론 강연 세미나 설문 면접 인터뷰 구술 증언록 회고록 자서전
""".split()

# Rare words: each sentence has a small chance to hold one, so that each such word is
# in tens of pages (KO_RARE, EN_RARE) or a few (the *_RARER lists).
KO_RARE = """
고고학자 두루미 백두산 설악산 제주도 울릉도 한라산 가야금 거문고 해금 판소리 탈춤 씨름 윷놀이
연날리기 강강술래 아리랑 청자 백자 분청사기 한지 옹기 김장 떡국 송편 비빔밥 냉면 순대 막걸리 된장
고추장 인삼 대추 소나무 진달래 개나리 무궁화 철쭉 해바라기 까치 호랑이 다람쥐 두더지 고래 연어
명태 오징어 미역 다시마 김밥 떡볶이 호떡 붕어빵 팥빙수 수정과 식혜 유자차 보리차 옥수수 고구마
배추 오이 호박 마늘 생강 양파 참깨 들깨 뜨개질 자수 도자기 목공예 서예 수묵화 민화 단청 한옥
초가집 온돌 대청마루 장독대 우물 물레방아 징검다리 돌담 솟대 장승 성황당 봉수대 등대 나룻배
""".split()

KO_RARER = """
꽹과리 태평소 대금 피리 소고 장구춤 부채춤 살풀이 승무 처용무 봉산탈춤 하회탈 북청사자놀음
줄타기 널뛰기 그네뛰기 투호 제기차기 비석치기 쥐불놀이 달집태우기 동지팥죽 삼계탕 육개장 설렁탕
곰탕 갈비찜 잡채 빈대떡 녹두전 해물파전 도토리묵 청포묵 약과 유과 다식 정과 엿강정 꿀떡 인절미
""".split()

EN_RARE = """
archipelago calligraphy lacquerware porcelain shamanism embroidery pottery woodblock lantern pavilion
courtyard monastery fortress beacon lighthouse ferryman orchard vineyard harvest granary millstone
weaver blacksmith carpenter tailor cobbler potter fisherman shepherd beekeeper herbalist midwife
telegraph locomotive steamship typewriter gramophone phonograph daguerreotype almanac chronicle
manuscript parchment inkstone brushwork tapestry mosaic fresco sculpture engraving lithograph
""".split()

EN_RARER = """
zither kayagum haegeum janggu taepyeongso piri daegeum hanji onggi dancheong hanok ondol jangseung
sotdae bongsudae nurungji sikhye sujeonggwa yakgwa dasik jeonggwa injeolmi
""".split()


# nouns that take 하다 ("지원했습니다")
KO_HADA = """
지원 교육 보호 조사 기록 발표 정착 협력 상담 치료 준비 결정 지정 개최 시작 소개 설명 제공 운영 참여
노력 기억 기념 연구 분석 발견 경험 이해 존중 변화 발전 회복 적응 생활 취업 창업 졸업 입학 이동
""".split()

KO_VERB_ENDINGS = [
    "했습니다", "합니다", "하고 있습니다", "할 수 있습니다", "하였습니다", "해 왔습니다",
    "하기로 했습니다", "했다고 밝혔습니다",
]

KO_PREDICATES = [
    "있습니다", "되었습니다", "이어졌습니다", "바뀌었습니다", "늘어났습니다", "남아 있습니다",
    "중요합니다", "필요합니다", "어렵습니다", "보여 줍니다", "살펴봅니다", "전해졌습니다",
    "시작되었습니다", "알려져 있습니다", "달라졌습니다", "이루어졌습니다", "많습니다", "적습니다",
]

KO_ADJ = """
새로운 다양한 오래된 작은 큰 여러 모든 이러한 같은 다른 많은 중요한 어려운 따뜻한 첫 마지막
긴 짧은 새 옛 가까운 먼 힘든 소중한 평범한 특별한
""".split()

KO_CONNECT = ["그리고", "또한", "하지만", "그러나", "특히", "처음으로", "함께", "이후", "당시", "지금도",
              "결국", "다만", "따라서", "예를 들어", "한편"]

KO_UNITS = ["년", "월", "일", "명", "곳", "개", "번", "시간", "퍼센트"]

# English vocabulary, most frequent first in each list.
EN_NOUNS = """
people government defectors family rights support settlement education history culture record
country border policy law community citizens life story home report survey center school children
women health hospital counseling language food holiday ceremony president meeting statistics
population city village peace freedom democracy constitution duty neighbor friend letter diary
testimony memory future hope effort change result meaning value goal plan budget house job work
training certificate media newspaper internet phone market ration farm factory labor wage tax bank
account insurance pension refugee embassy passport protection commission ministry police office
museum library archive exhibition photograph image film song festival interview volunteer donation
scholarship university college student teacher parent grandmother village river mountain winter
summer spring autumn sea sky tree flower journey road train bus apartment neighborhood identity
prejudice discrimination dialogue respect solidarity trauma recovery marriage child brother sister
researcher scholar journalist writer poet artist event conference lecture seminar questionnaire
humanity humanitarian repatriation asylum convention declaration resolution assembly council
reunification division war ceasefire armistice treaty agreement negotiation delegation
""".split()

EN_VERBS = """
supported recorded described announced designated held began introduced explained provided
operated joined remembered studied analyzed found experienced understood changed developed
recovered adapted moved crossed reached settled returned opened closed published reported
protected welcomed helped taught learned built shared collected showed marked celebrated
""".split()

EN_ADJ = """
new many old small large several every such same other important difficult warm first last
long short near far hard precious ordinary special national international public private
local regional annual official personal social economic political cultural historical human
""".split()

EN_PLACES = """
Seoul Busan Pyongyang Hamgyong Yanggang Tumen Yalu China Russia Mongolia Thailand Laos Vietnam
Korea Geneva Incheon Daegu Gwangju Ulsan Hanawon
""".split()

EN_FUNCTION = ["the", "a", "an", "this", "that", "their", "its", "our", "each", "some"]
EN_PREP = ["of", "in", "for", "with", "from", "to", "on", "at", "by", "about", "after", "before"]
EN_CONNECT = ["However,", "In addition,", "Later,", "At the time,", "Today,", "Even so,",
              "For example,", "Meanwhile,", "Since then,", "In the end,"]
EN_ABBR = ["UNHCR", "NGO", "KBS", "MBC", "UN", "KINU", "COI", "OHCHR", "NIS", "KCTV"]

EN_TEMPLATES = [
    "{Det} {adj} {noun} {verb} {det} {noun} {prep} {place}.",
    "In {year}, {det} {noun} {verb} {det} {adj} {noun} {prep} {det} {noun}.",
    "{Det} {noun} {prep} {noun} {verb} {det} {noun} and {det} {noun}.",
    "{Conn} {det} {adj} {noun} {verb} {det} {noun} {prep} {noun} {prep} {place}.",
    "Many {noun}s {prep} {place} {verb} {det} {adj} {noun}.",
    "{Det} {noun}'s {noun} {verb} {det} {noun}, and {det} {noun} {verb} {det} {adj} {noun}.",
    "{Det} {adj} {noun} {prep} {abbr} {verb} {det} {noun} {prep} {year}.",
    "{Conn} {det} {noun} {verb} {prep} {det} {adj} {noun} {prep} {det} {noun}.",
]


# each template as (literal, field) pairs, parsed once
EN_TEMPLATES = [[(lit, field) for lit, field, _, _ in string.Formatter().parse(t)] for t in EN_TEMPLATES]


def zipf_cum(n, s=1.0):
    acc, cum = 0.0, []
    for i in range(n):
        acc += 1.0 / (i + 1) ** s
        cum.append(acc)
    return cum


def has_batchim(word):
    c = ord(word[-1])
    return 0xAC00 <= c <= 0xD7A3 and (c - 0xAC00) % 28 != 0


def rieul_batchim(word):
    c = ord(word[-1])
    return 0xAC00 <= c <= 0xD7A3 and (c - 0xAC00) % 28 == 8


def particle(rng, word):
    """A particle in the form the word's last syllable asks for."""
    b = has_batchim(word)
    r = rng.random()
    if r < 0.16:
        return "을" if b else "를"
    if r < 0.30:
        return "이" if b else "가"
    if r < 0.44:
        return "은" if b else "는"
    if r < 0.60:
        return "의"
    if r < 0.68:
        return "에"
    if r < 0.76:
        return "에서"
    if r < 0.82:
        return "으로" if b and not rieul_batchim(word) else "로"
    if r < 0.88:
        return "과" if b else "와"
    return rng.choice(["도", "만", "까지", "부터", "에게", "처럼", "보다"])


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.ko_cum = zipf_cum(len(KO_NOUNS), 0.9)
        self.en_cum = zipf_cum(len(EN_NOUNS), 0.9)

    def ko_noun(self):
        r = self.rng
        return KO_NOUNS[bisect.bisect(self.ko_cum, r.random() * self.ko_cum[-1])]

    def en_noun(self):
        r = self.rng
        return EN_NOUNS[bisect.bisect(self.en_cum, r.random() * self.en_cum[-1])]

    def number(self):
        r = self.rng
        u = r.choice(KO_UNITS)
        if u == "년":
            return "%d년" % r.randint(1950, 2026)
        if u == "월":
            return "%d월 %d일" % (r.randint(1, 12), r.randint(1, 28))
        return "%d%s" % (r.randint(1, 300), u)

    def ko_sentence(self):
        r = self.rng
        parts = []
        if r.random() < 0.3:
            parts.append(r.choice(KO_CONNECT))
        for _ in range(r.randint(2, 6)):
            x = r.random()
            if x < 0.08:
                w = r.choice(EN_ABBR) if r.random() < 0.5 else r.choice(EN_PLACES + EN_NOUNS[:60])
                parts.append(w + particle(r, w) if r.random() < 0.5 else w)
                continue
            if x < 0.16:
                parts.append(self.number())
            if r.random() < 0.25:
                parts.append(r.choice(KO_ADJ))
            w = self.ko_noun()
            y = r.random()
            if y < 0.004:
                w = r.choice(KO_RARER)
            elif y < 0.02:
                w = r.choice(KO_RARE)
            elif y < 0.15:
                w += self.ko_noun()          # an ad hoc compound: 통일교육지원
            parts.append(w + particle(r, w))
        if r.random() < 0.5:
            parts.append(r.choice(KO_HADA) + r.choice(KO_VERB_ENDINGS))
        else:
            parts.append(r.choice(KO_PREDICATES))
        return " ".join(parts) + "."

    def en_sentence(self):
        r = self.rng
        t = r.choice(EN_TEMPLATES)

        def noun():
            y = r.random()
            if y < 0.04:
                return self.ko_noun()        # a Korean word in an English page
            if y < 0.042:
                return r.choice(EN_RARER)
            if y < 0.055:
                return r.choice(EN_RARE)
            return self.en_noun()

        out = []
        for lit, field in t:
            out.append(lit)
            if field is None:
                continue
            if field in ("det", "Det"):
                w = r.choice(EN_FUNCTION)
                w = w.capitalize() if field == "Det" else w
            elif field == "noun":
                w = noun()
            elif field == "adj":
                w = r.choice(EN_ADJ)
            elif field == "verb":
                w = r.choice(EN_VERBS)
            elif field == "prep":
                w = r.choice(EN_PREP)
            elif field == "place":
                w = r.choice(EN_PLACES)
                if r.random() < 0.1:
                    w += " (" + r.choice(["평양", "서울", "두만강", "하나원", "중국"]) + ")"
            elif field == "year":
                w = str(r.randint(1950, 2026))
            elif field == "Conn":
                w = r.choice(EN_CONNECT)
            elif field == "abbr":
                w = r.choice(EN_ABBR)
            else:
                raise KeyError(field)
            out.append(w)
        s = "".join(out)
        if r.random() < 0.05:
            s = s[:-1] + ", known in Korean as " + self.ko_noun() + "."
        return s

    def ko_title(self):
        r = self.rng
        w = self.ko_noun()
        return " ".join([self.ko_noun(), w + particle(r, w), self.ko_noun()][: r.randint(2, 3)])

    def ko_subhead(self):
        w = self.ko_noun()
        return w + particle(self.rng, w) + " " + self.ko_noun()

    def en_title(self):
        r = self.rng
        return " ".join(w.capitalize() for w in
                        [r.choice(EN_ADJ), self.en_noun(), r.choice(EN_PREP), self.en_noun()])

    def page(self, sentence, title, source, target, subheads):
        """Markdown of about target characters: title, paragraphs, subheadings, source."""
        r = self.rng
        head = "# " + title + "\n\n"
        tail = source + "\n" if source else ""
        body_target = target - len(head) - len(tail)
        blocks, para, size = [], [], 0
        nsub = 0
        while size < body_target:
            s = sentence()
            para.append(s)
            size += len(s) + 1
            if len(para) >= r.randint(3, 5):
                blocks.append(" ".join(para))
                size += 1
                para = []
                if nsub < 2 and r.random() < 0.5 and size < body_target - 200:
                    h = "## " + subheads()
                    blocks.append(h)
                    size += len(h) + 2
                    nsub += 1
        if para:
            blocks.append(" ".join(para))
        return head + "\n\n".join(blocks) + "\n\n" + tail


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def make_pack(n, out, seed, per_section):
    """Folder names depend on n and per_section only: a pack made again over an old
    one rewrites its files in place, and only what the new one lacks is removed
    (deleting 20,000 files can take a minute on a disk mounted with discard)."""
    g = Gen(seed)
    r = g.rng
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "pack.ini"),
          "[pack]\nid = bench-%d\nversion = 1.0.0\nlanguages = ko, en\ndefault_language = ko\n"
          "title.ko = 대규모 검색 시험 전시\ntitle.en = A large exhibition for search benchmarks\n" % n)
    write(os.path.join(out, "ko.md"), "# 대규모 검색 시험 전시\n\n" + " ".join(g.ko_sentence() for _ in range(4)) + "\n")
    write(os.path.join(out, "en.md"), "# A large exhibition for search benchmarks\n\n" +
          " ".join(g.en_sentence() for _ in range(4)) + "\n")
    nsec = (n + per_section - 1) // per_section
    width = max(3, len(str(max(nsec, per_section))))
    done = 0
    keep = {os.path.join(out, f) for f in ("pack.ini", "ko.md", "en.md")}
    for s in range(1, nsec + 1):
        sdir = os.path.join(out, "%0*d-s%d" % (width, s, s))
        os.makedirs(sdir, exist_ok=True)
        keep |= {sdir, os.path.join(sdir, "ko.md"), os.path.join(sdir, "en.md")}
        write(os.path.join(sdir, "ko.md"), "# " + g.ko_title() + "\n\n" +
              " ".join(g.ko_sentence() for _ in range(3)) + "\n")
        write(os.path.join(sdir, "en.md"), "# " + g.en_title() + "\n\n" +
              " ".join(g.en_sentence() for _ in range(3)) + "\n")
        for x in range(1, min(per_section, n - done) + 1):
            done += 1
            edir = os.path.join(sdir, "%0*d-e%d" % (width, x, done))
            os.makedirs(edir, exist_ok=True)
            keep |= {edir, os.path.join(edir, "ko.md"), os.path.join(edir, "en.md")}
            year, num = r.randint(1990, 2025), r.randint(1, 99)
            target = r.randint(1350, 1650)
            write(os.path.join(edir, "ko.md"),
                  g.page(g.ko_sentence, g.ko_title(),
                         "출처: %s 보고서 %02d-%02d, %d년 %d월; %s" %
                         (g.ko_noun(), year % 100, num, year, r.randint(1, 12), r.choice(EN_ABBR)),
                         target, g.ko_subhead))
            write(os.path.join(edir, "en.md"),
                  g.page(g.en_sentence, g.en_title(),
                         "Source: %s report %02d-%02d, %d; %s" %
                         (g.en_noun().capitalize(), year % 100, num, year, r.choice(EN_ABBR)),
                         target, lambda: " ".join(w.capitalize() for w in (r.choice(EN_ADJ), g.en_noun()))))
    # what an older pack left there
    for root, dirs, files in os.walk(out, topdown=False):
        for f in files:
            if os.path.join(root, f) not in keep:
                os.unlink(os.path.join(root, f))
        for d in dirs:
            if os.path.join(root, d) not in keep:
                shutil.rmtree(os.path.join(root, d))


# ---------------------------------------------------------------- queries
def hangul_runs(words):
    for w in words:
        run = ""
        for ch in w + " ":
            if 0xAC00 <= ord(ch) <= 0xD7A3:
                run += ch
            else:
                if run:
                    yield run
                run = ""


def substrings(words, k):
    out = set()
    for run in hangul_runs(words):
        for i in range(len(run) - k + 1):
            out.add(run[i:i + k])
    return sorted(out)


def with_particles(words):
    """Each word, and the word with the particles its last syllable takes."""
    out = []
    for w in words:
        b = has_batchim(w)
        out += [w, w + ("을" if b else "를"), w + ("은" if b else "는"), w + ("이" if b else "가"),
                w + "의", w + "에서"]
    return out


def make_queries(seed):
    r = random.Random(seed * 7919 + 17)
    # what Korean text is made of: nouns with their particles, predicates, adjectives
    parts = with_particles(KO_NOUNS)
    parts += [h + e for h in KO_HADA for e in KO_VERB_ENDINGS] + KO_PREDICATES + KO_ADJ + KO_CONNECT
    rare_parts = with_particles(KO_RARE + KO_RARER)
    all_syll = sorted(set("".join(hangul_runs(parts))))
    rare_syll = sorted(set("".join(hangul_runs(KO_RARE + KO_RARER))) - set(all_syll))
    every = set(all_syll) | set(rare_syll)
    queries = []

    def absent(k):
        # syllables no vocabulary uses: 뷁, 똠, 햏... so almost surely in no page
        pool = [chr(c) for c in range(0xAC00, 0xD7A4, 97) if chr(c) not in every]
        return "".join(r.choice(pool) for _ in range(k))

    common = {1: ["의", "을", "는", "다", "니", "습", "에", "이", "하", "서"],
              2: ["니다", "습니", "에서", "했습", "으로", "있습", "북한", "인권", "통일", "정부"],
              3: ["습니다", "했습니", "위원회", "북한이", "이탈주", "있습니", "통일부", "인권위", "하였습", "국가인"]}
    for k in (1, 2, 3):
        chosen = list(common[k])
        pool = all_syll if k == 1 else substrings(parts, k)
        rare = rare_syll if k == 1 else substrings(rare_parts, k)
        rare = [x for x in rare if x not in chosen and x not in pool]
        chosen += r.sample(rare, 25)
        rest = [x for x in pool if x not in chosen]
        chosen += r.sample(rest, 60)
        while len(chosen) < 100:
            a = absent(k)
            if a not in chosen:
                chosen.append(a)
        queries += [("ko%d" % k, q) for q in chosen]

    def mixcase(w):
        x = r.random()
        if x < 0.4:
            return w
        if x < 0.65:
            return w.capitalize()
        if x < 0.8:
            return w.upper()
        return "".join(c.upper() if r.random() < 0.5 else c for c in w)

    en_words = sorted(set(EN_NOUNS + EN_VERBS + EN_ADJ + [p.lower() for p in EN_PLACES]))
    en_rare = sorted(set(EN_RARE + EN_RARER))
    chosen = ["the", "of", "people", "rights", "Government", "HUMAN", "a", "S", "t", "co"]
    for w in r.sample(en_rare, 15):
        chosen.append(mixcase(w))
    for w in r.sample(en_rare, 10):
        chosen.append(mixcase(w[: r.randint(4, max(4, len(w) - 1))]))
    for w in r.sample(en_words, 30):
        chosen.append(mixcase(w))
    for w in r.sample(en_words, 30):
        chosen.append(mixcase(w[: r.randint(2, max(2, min(5, len(w) - 1)))]))
    chosen += ["xylophone", "Quixotic", "zebr", "Bwq", "unicornz"]
    seen, en = set(), []
    for q in chosen:
        if q.lower() not in seen:
            seen.add(q.lower())
            en.append(q)
    extra = iter(r.sample(en_words, len(en_words)))
    while len(en) < 100:
        w = next(extra)
        if w not in seen:
            seen.add(w)
            en.append(mixcase(w))
    queries += [("en", q) for q in en[:100]]
    queries += more_queries(seed, parts, en_words)
    return queries


ONSETS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ŏ", "u": "ŭ"}


def onsets(run):
    return "".join(ONSETS[(ord(ch) - 0xAC00) // 588] for ch in run)


def more_queries(seed, parts, en_words):
    """The classes of what visitors type beyond plain words, 30 queries each, as
    (class, term, brute) where brute is what the benchmark's brute force looks for:
    cho1..cho4 initial consonants (초성) of Korean substrings, and some that are
    nowhere; mix syllables then the initial consonant of the next one (탈ㅂ); comp a
    substring whose last syllable is still being composed, without its final
    consonant (a vowel that no compound vowel begins with, so the brute force is
    "same initial and vowel"), and comp-o the same after an initial consonant (ㄱ아); fold English words with accents and an apostrophe
    inside; wide English words in full-width letters; nfd-ko Korean substrings and
    nfd-en accented English words in NFD."""
    import unicodedata
    r = random.Random(seed * 104729 + 3)
    out = []
    for k in (1, 2, 3, 4):
        pool = sorted(set(onsets(x) for x in substrings(parts, k)))
        chosen = r.sample(pool, min(25, len(pool)))
        while len(chosen) < min(30, len(ONSETS) ** k):
            q = "".join(r.choice(ONSETS) for _ in range(k))
            if q not in chosen:
                chosen.append(q)
        out += [("cho%d" % k, q, q) for q in chosen]
    for q in r.sample(substrings(parts, 2), 15) + r.sample(substrings(parts, 3), 15):
        out.append(("mix", q[:-1] + ONSETS[(ord(q[-1]) - 0xAC00) // 588], q[:-1] + ONSETS[(ord(q[-1]) - 0xAC00) // 588]))
    comp = []
    for q in r.sample(substrings(parts, 2), 200) + r.sample(substrings(parts, 1), 40):
        c = ord(q[-1]) - 0xAC00
        if (c % 588) // 28 in (8, 13, 18):
            continue
        comp.append(q[:-1] + chr(0xAC00 + c - c % 28))
        if len(comp) == 30:
            break
    out += [("comp", q, q) for q in comp]
    # an initial consonant, then a syllable being composed (ㄱ아, typed on the way to
    # ㄱ안 or ㄱ앙): 20 from the text, and 10 of a common consonant before a syllable
    # of the text that it comes before nowhere, though each is in nearly every page
    # (the index then finds nearly all the Korean pages, and the matcher decides on
    # each). A generator of its own, so that the classes after this one stay as
    # they were.
    rc = random.Random(seed * 104729 + 5)

    def composing(q):
        c = ord(q[-1]) - 0xAC00
        if (c % 588) // 28 in (8, 13, 18):
            return None
        return ONSETS[(ord(q[0]) - 0xAC00) // 588] + chr(0xAC00 + c - c % 28)
    pairs = substrings(parts, 2)
    seen = set(composing(q) for q in pairs)
    comp_o = []
    for q in rc.sample(pairs, 200):
        q = composing(q)
        if q and q not in comp_o:
            comp_o.append(q)
        if len(comp_o) == 20:
            break
    for q in rc.sample(pairs, len(pairs)):
        q = composing(q)
        if not q:
            continue
        q = rc.choice("ㄱㄴㄷㅅㅇㅈㅎ") + q[1]
        if q not in seen and q not in comp_o:
            comp_o.append(q)
        if len(comp_o) == 30:
            break
    out += [("comp-o", q, q) for q in comp_o]

    def accented(w):
        for i, ch in enumerate(w):
            if ch in ACCENT:
                w = w[:i] + ACCENT[ch] + w[i + 1:]
                break
        return w[:2] + "’" + w[2:] if len(w) >= 4 else w
    words = [w for w in en_words if w.isalpha()]
    out += [("fold", accented(w).capitalize() if i % 2 else accented(w), w)
            for i, w in enumerate(r.sample(words, 30))]
    out += [("wide", "".join(chr(ord(ch) + 0xFEE0) for ch in (w.upper() if i % 3 == 0 else w)), w)
            for i, w in enumerate(r.sample(words, 30))]
    out += [("nfd-ko", unicodedata.normalize("NFD", q), q)
            for q in r.sample(substrings(parts, 2), 15) + r.sample(substrings(parts, 3), 15)]
    out += [("nfd-en", unicodedata.normalize("NFD", accented(w).replace("ŏ", "ö")), w)
            for w in r.sample(words, 30)]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of exhibits")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries", help="where to write the queries (default OUTDIR/../queries.txt)")
    ap.add_argument("--per-section", type=int, default=100)
    a = ap.parse_args()
    if a.n < 1 or a.per_section < 1:
        ap.error("N and --per-section must be at least 1")
    out = os.path.normpath(a.outdir)
    make_pack(a.n, out, a.seed, a.per_section)
    qpath = a.queries or os.path.join(os.path.dirname(os.path.abspath(out)), "queries.txt")
    with open(qpath, "w", encoding="utf-8", newline="\n") as f:
        for q in make_queries(a.seed):
            f.write("\t".join(q) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
