#!/usr/bin/env python3
"""Narration and captions for the demo pack, from the exhibit text.

For every exhibit and every language of the pack, each text block of the page
(the title, headings, paragraphs, list items, quotes and the source line; not the
images) is spoken separately with espeak-ng, its length measured with soxi, and
the pieces joined with a short pause between them into LANG.opus (Ogg Opus at a
speech bitrate). LANG.vtt holds one WebVTT cue per block, in order, with the real
start and end of that block in the audio: the convention of docs/pack-format.md.

    python3 content-packs/make-narration.py [content-packs/defectors-day]

Needs espeak-ng, sox (soxi) and opus-tools (opusenc). The same text gives the same
files: the Ogg serial number is fixed, SoX does not dither, and nothing depends on
the time.
"""
import os
import re
import subprocess
import sys
import tempfile

VOICES = {"ko": "ko", "en": "en"}
SPEED_WPM = {"ko": 150, "en": 160}   # espeak-ng -s: a little slower than its default
PAUSE_S = 0.6                          # silence after each block
RATE = 22050                           # espeak-ng's own sample rate
BITRATE_KBPS = 16


def text_blocks(md):
    """The page's text blocks in reading order, as the kiosk's Markdown reader makes
    them: a heading, a paragraph, each list item, a block quote's paragraph. Images
    are left out. Inline markup (*, **) is removed."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", md.strip()):
        lines = [l.rstrip() for l in chunk.split("\n") if l.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            blocks.append(lines[0].lstrip("#").strip())
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("!["):
            continue  # an image: its caption is read on the screen, not aloud
        if re.match(r"^(- |\* |\d+\. )", lines[0]):
            item = None
            for l in lines:
                m = re.match(r"^(- |\* |\d+\. )(.*)", l)
                if m:
                    if item is not None:
                        blocks.append(item)
                    item = m.group(2)
                else:
                    item += " " + l.strip()
            blocks.append(item)
            continue
        if lines[0].startswith(">"):
            lines = [re.sub(r"^>\s?", "", l) for l in lines]
        blocks.append(" ".join(l.strip() for l in lines))
    return [re.sub(r"\*\*?([^*]+)\*\*?", r"\1", b).strip() for b in blocks]


def duration(wav):
    out = subprocess.run(["soxi", "-D", wav], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def stamp(seconds):
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d.%03d" % (h, m, s, ms)


def narrate(page, lang, out_audio, out_vtt, tmp):
    with open(page, encoding="utf-8") as f:
        blocks = text_blocks(f.read())
    pieces, cues, t = [], [], 0.0
    silence = os.path.join(tmp, "pause.wav")
    # -R -D: no dither and SoX's fixed random seed, so that the same text gives the
    # same bytes
    subprocess.run(["sox", "-R", "-D", "-n", "-r", str(RATE), "-c", "1", "-b", "16", silence,
                    "trim", "0", str(PAUSE_S)], check=True)
    for i, text in enumerate(blocks):
        wav = os.path.join(tmp, "%s-%03d.wav" % (lang, i))
        subprocess.run(["espeak-ng", "-v", VOICES[lang], "-s", str(SPEED_WPM[lang]),
                        "-w", wav, text], check=True)
        d = duration(wav)
        cues.append((t, t + d, text))
        pieces += [wav, silence]
        t += d + PAUSE_S
    joined = os.path.join(tmp, "%s.wav" % lang)
    subprocess.run(["sox", "-R", "-D"] + pieces + [joined], check=True)
    subprocess.run(["opusenc", "--quiet", "--speech", "--bitrate", str(BITRATE_KBPS),
                    "--serial", "1", "--discard-comments",
                    "--title", os.path.basename(os.path.dirname(page)),
                    "--artist", "eSpeak NG (synthesised voice)",
                    joined, out_audio], check=True)
    with open(out_vtt, "w", encoding="utf-8") as f:
        f.write("WEBVTT\n")
        for n, (a, b, text) in enumerate(cues, 1):
            f.write("\n%d\n%s --> %s\n%s\n" % (n, stamp(a), stamp(b), text))
    return t


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                               "defectors-day")
    total_s, total_bytes = 0.0, 0
    for section in sorted(os.listdir(root)):
        sdir = os.path.join(root, section)
        if not os.path.isdir(sdir) or not re.match(r"^\d+-", section):
            continue
        for exhibit in sorted(os.listdir(sdir)):
            edir = os.path.join(sdir, exhibit)
            if not os.path.isdir(edir) or not re.match(r"^\d+-", exhibit):
                continue
            for lang in VOICES:
                page = os.path.join(edir, lang + ".md")
                if not os.path.exists(page):
                    continue
                audio, vtt = os.path.join(edir, lang + ".opus"), os.path.join(edir, lang + ".vtt")
                with tempfile.TemporaryDirectory() as tmp:
                    secs = narrate(page, lang, audio, vtt, tmp)
                total_s += secs
                total_bytes += os.path.getsize(audio)
                print("%s: %.1f s" % (audio, secs), file=sys.stderr)
    print("narration: %.0f s, %.1f MB of Opus" % (total_s, total_bytes / 1e6))


if __name__ == "__main__":
    main()
