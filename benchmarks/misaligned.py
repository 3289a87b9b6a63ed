"""Misaligned GB18030 streams: how many damaged sentences the repair stage restores exactly.

    python benchmarks/misaligned.py [--failures N]

Corpus: the sentences of benchmarks/data/punct_sentences.txt, every other one in Traditional
(OpenCC s2tw), encoded in GB18030; in each, the lead byte of one two-byte character (chosen at
random with a fixed seed, never the last) is lost the way seed 000 shows: the decoder gives ``?``
for it and reads the following bytes out of step, U+FFFD shown as ``?``. ftfy is run on the same
lines for comparison (it does not attempt this kind).
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", type=int, default=0)
    args = ap.parse_args()
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
