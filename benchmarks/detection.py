"""Detection: how often textfix, chardet and charset-normalizer name a codec that decodes the bytes
to exactly the text the true codec gives, by size and by codec, and their time per call.

    python benchmarks/detection.py [--per 30] [--failures N] [--only textfix]

Corpus: the Chinese sentences of benchmarks/data/punct_sentences.txt (Simplified; Traditional made
with OpenCC s2tw and s2hk) and the Japanese, Korean and European sentences of
benchmarks/data/detect_confusables.txt, all written for textfix. Each language is one stream of its
sentences (shuffled with a fixed seed, one per line), encoded in every codec that can carry it, and
cut at character boundaries into pieces of at most 8, 16, 32, 64, 256 and 2048 bytes (``--per``
pieces per codec and size, at random positions; a piece must contain at least one non-ASCII
character, since an ASCII piece is trivially right for every detector). An answer is right when
decoding the piece with it gives the piece's text; no answer, an unknown codec or a decode error is
wrong. Times are the median and mean time per call over all pieces of a size.
"""

from __future__ import annotations

import argparse
import codecs
import random
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
SIZES = (8, 16, 32, 64, 256, 2048)

# (language, codec) pairs: the codecs that carry each language in the wild.
CODECS = {
    "zh-hans": ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
                "gb2312", "gbk", "gb18030", "hz"),
    "zh-hant": ("utf-8", "utf-16-le", "utf-16-be", "big5", "cp950", "gb18030"),
    "zh-hk": ("big5hkscs", "utf-8"),
    "ja": ("utf-8", "shift_jis", "cp932", "euc_jp", "iso2022_jp"),
    "ko": ("utf-8", "euc_kr", "cp949", "iso2022_kr"),
    "latin": ("utf-8", "cp1252", "latin-1"),
}


def _lines(name: str):
    return [l for l in (HERE / "data" / name).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def streams() -> dict:
    """One text per language."""
    rng = random.Random(7)
    simplified = _lines("punct_sentences.txt")
    texts = {"zh-hans": simplified,
             "zh-hant": [opencc.OpenCC("s2tw").convert(s) for s in simplified],
             "zh-hk": [opencc.OpenCC("s2hk").convert(s) for s in simplified]}
    raw = (HERE / "data" / "detect_confusables.txt").read_text(encoding="utf-8")
    parts = re.split(r"^## (\w+)\n", raw, flags=re.M)
    for lang, body in zip(parts[1::2], parts[2::2]):
        texts[lang] = [l for l in body.splitlines() if l]
    out = {}
    for lang, sentences in texts.items():
        sentences = list(sentences)
        rng.shuffle(sentences)
        out[lang] = "\n".join(sentences) + "\n"
    return out


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def pieces(text: str, codec: str, size: int, count: int, rng: random.Random):
    """Up to ``count`` (text, bytes) pieces of at most ``size`` encoded bytes, cut at characters."""
    found, tries = [], 0
    while len(found) < count and tries < count * 20:
        tries += 1
        start = rng.randrange(len(text))
        # Grow one character at a time while the encoding fits (stateful codecs are re-encoded).
        end = start
        while end < len(text) and _encodable(text[start:end + 1], codec) \
                and len(text[start:end + 1].encode(codec)) <= size:
            end += 1
        piece = text[start:end]
        if not piece or piece.isascii():
            continue
        found.append((piece, piece.encode(codec)))
    return found


def corpus(per: int):
    """[(lang, codec, size, text, data)] for every language, codec and size."""
    rng = random.Random(11)
    texts = streams()
    cases = []
    for lang, names in CODECS.items():
        for codec in names:
            for size in SIZES:
                for piece, data in pieces(texts[lang], codec, size, per, rng):
                    cases.append((lang, codec, size, piece, data))
    return cases


def _textfix(data: bytes):
    import textfix

    return textfix.detect(data).encoding


def _chardet(data: bytes):
    import chardet

    return chardet.detect(data).get("encoding")


def _normalizer(data: bytes):
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best else None


DETECTORS = {"textfix": _textfix, "chardet": _chardet, "charset-normalizer": _normalizer}


def right(answer, data: bytes, text: str) -> bool:
    if not answer:
        return False
    try:
        codecs.lookup(answer)
        return data.decode(answer) == text
    except (LookupError, UnicodeDecodeError, ValueError):
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per", type=int, default=30, help="pieces per codec and size")
    ap.add_argument("--failures", type=int, default=0, help="print up to N of textfix's failures")
    ap.add_argument("--only", action="append", choices=sorted(DETECTORS), help="run only these detectors")
    args = ap.parse_args()

    cases = corpus(args.per)
    names = args.only or list(DETECTORS)
    _textfix(b"warm \xd6\xd0\xce\xc4")  # load the model before timing
    _chardet(b"warm")
    _normalizer(b"warm")
    ok = {n: defaultdict(lambda: [0, 0]) for n in names}
    times = {n: defaultdict(list) for n in names}
    failures = []
    for lang, codec, size, text, data in cases:
        for n in names:
            t = time.perf_counter()
            answer = DETECTORS[n](data)
            times[n][size].append(time.perf_counter() - t)
            good = right(answer, data, text)
            for key in (("size", size), ("codec", f"{lang} {codec}"), ("lang", lang), ("all", "all"),
                        ("zh", lang.startswith("zh"))):
                ok[n][key][0] += good
                ok[n][key][1] += 1
            if n == "textfix" and not good:
                failures.append((lang, codec, size, answer, text))

    def pct(n, key):
        good, total = ok[n][key]
        return f"{100 * good / total:5.1f}%" if total else "   -  "

    head = "| " + " | ".join(["", *names]) + " |"
    rule = "|" + "---|" * (len(names) + 1)
    print(f"{len(cases)} pieces\n")
    print("Accuracy by size\n")
    print(head + "\n" + rule)
    for size in SIZES:
        print(f"| {size} bytes | " + " | ".join(pct(n, ("size", size)) for n in names) + " |")
    print("| all | " + " | ".join(pct(n, ("all", "all")) for n in names) + " |")
    print("| Chinese only | " + " | ".join(pct(n, ("zh", True)) for n in names) + " |")
    print("\nAccuracy by language and codec\n")
    print(head + "\n" + rule)
    for lang, codec_names in CODECS.items():
        for codec in codec_names:
            print(f"| {lang} {codec} | " + " | ".join(pct(n, ("codec", f"{lang} {codec}")) for n in names) + " |")
    print("\nTime per call in ms, median / mean\n")
    print(head + "\n" + rule)
    for size in SIZES:
        print(f"| {size} bytes | " + " | ".join(
            f"{1000 * statistics.median(times[n][size]):.3f} / {1000 * statistics.mean(times[n][size]):.3f}"
            for n in names) + " |")
    for lang, codec, size, answer, text in failures[: args.failures]:
        print(f"FAIL {lang} {codec} {size}: {answer!r} {text!r}")


if __name__ == "__main__":
    main()
