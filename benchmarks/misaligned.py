"""Misaligned GB18030 streams: how many damaged sentences the repair stage restores exactly.

    python benchmarks/misaligned.py [--failures N] [--stress]

Corpus: the sentences of benchmarks/data/punct_sentences.txt, every other one in Traditional
(OpenCC s2tw), encoded in GB18030; in each, the lead byte of one two-byte character (chosen at
random with a fixed seed, never the last) is lost the way seed 000 shows: the decoder gives ``?``
for it and reads the following bytes out of step, U+FFFD shown as ``?``. ftfy is run on the same
lines for comparison (it does not attempt this kind).

``--stress`` counts instead how many clean lines with a real ``?`` before one ASCII character glued
to a word change (``你知道他?J股的问题很多``: 18 characters before the ``?``, 15 words after the
character), in Simplified and in Traditional (OpenCC s2t), for capitals and for small letters and
signs (what a lost lead byte of Traditional text in GBK leaves, ``拖曳?r按住`` for 時).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import ftfy
import opencc

from mojibake import lose_byte, two_byte_starts  # benchmarks/mojibake.py
from textfix.config import Config
from textfix.repair import repair

HERE = Path(__file__).resolve().parent


def cases():
    s2tw = opencc.OpenCC("s2tw")
    rng = random.Random(4)
    lines = [l for l in (HERE / "data" / "punct_sentences.txt").read_text(encoding="utf-8").splitlines()
             if l and not l.startswith("#")]
    for k, line in enumerate(lines):
        text = s2tw.convert(line) if k % 2 else line
        starts = two_byte_starts(text)
        if len(starts) < 3:
            continue
        broken = lose_byte(text, rng.choice(starts[:-1]))
        if broken != text:
            yield text, broken


STRESS_BEFORE = "了他呢吧的吗啊是说好么谁去来人事你我"
STRESS_WORDS = "股卡型站超光恤盘线币罗区字级类"
STRESS_CLASSES = {"capitals": [chr(c) for c in range(0x41, 0x5B)],
                  "small letters and signs": [chr(c) for c in range(0x40, 0x7F) if not chr(c).isupper()]}


def stress() -> None:
    s2t = opencc.OpenCC("s2t")
    cfg = Config()
    for name, chars in STRESS_CLASSES.items():
        for script in ("Simplified", "Traditional"):
            total = changed = 0
            examples = []
            for before in STRESS_BEFORE:
                for ch in chars:
                    for word in STRESS_WORDS:
                        line = f"你知道{before}?{ch}{word}的问题很多"
                        if script == "Traditional":
                            line = s2t.convert(line)
                        total += 1
                        out = repair(line, cfg)[0]
                        if out != line:
                            changed += 1
                            examples.append(f"{line} → {out}")
            print(f"{name}, {script}: {changed} of {total} lines change"
                  + (f" (e.g. {'; '.join(examples[:2])})" if examples else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", type=int, default=0)
    ap.add_argument("--stress", action="store_true", help="count clean lines with a real ? that change")
    args = ap.parse_args()
    if args.stress:
        stress()
        return
    cfg = Config()
    total = ours = theirs = 0
    failures = []
    for text, broken in cases():
        total += 1
        out = repair(broken, cfg)[0]
        ours += out == text
        theirs += ftfy.fix_text(broken) == text
        if out != text:
            failures.append((text, broken, out))
    print(f"{total} damaged sentences: textfix restores {ours} ({100 * ours / total:.1f}%), "
          f"ftfy {theirs} ({100 * theirs / total:.1f}%)")
    for text, broken, out in failures[: args.failures]:
        print(f"  want {text}\n  from {broken}\n  got  {out}")


if __name__ == "__main__":
    main()
