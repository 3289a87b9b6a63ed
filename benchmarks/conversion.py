"""Segmentation-guided conversion against OpenCC's greedy longest match, on a trap set from OpenCC's
issue tracker (benchmarks/conversion_traps.tsv), plus throughput of both modes.

    python benchmarks/conversion.py

A trap is a greedy error when OpenCC's output differs from the expected one; it is fixed when
textfix's ``segment=True`` output equals the expected one. Traps OpenCC already gets right count
as regressions if textfix gets them wrong.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import opencc

import textfix

HERE = Path(__file__).resolve().parent


def traps():
    for line in (HERE / "conversion_traps.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def main() -> None:
    errors = fixed = regressions = right = 0
    for config, text, want in traps():
        greedy = opencc.OpenCC(config).convert(text)
        ours = textfix.fix_text(text, convert=config, repair=False, punctuation=False, segment=True)
        if greedy != want:
            errors += 1
            fixed += ours == want
            mark = "fixed" if ours == want else "NOT FIXED"
            print(f"{mark:10} {config:6} {text}  OpenCC {greedy}  textfix {ours}")
        else:
            right += 1
            if ours != want:
                regressions += 1
                print(f"REGRESSION {config:6} {text}  OpenCC {greedy}  textfix {ours}")
    print(f"greedy errors: {errors}; fixed with segment=True: {fixed} ({100 * fixed / max(errors, 1):.0f}%); "
          f"traps OpenCC gets right: {right}, of which textfix breaks: {regressions}")

    lines = [l for l in (HERE.parent / "tests/data/sentences.txt").read_text(encoding="utf-8").splitlines()
             if l and not l.startswith("#")]
    text = ("\n".join(lines) + "\n") * 200
    size = len(text.encode()) / 1e6
    cc = opencc.OpenCC("s2t")
    for label, fn in (("OpenCC s2t", cc.convert),
                      ("textfix s2t", lambda t: textfix.fix_text(t, convert="s2t", repair=False, punctuation=False)),
                      ("textfix s2t segment", lambda t: textfix.fix_text(t, convert="s2t", repair=False,
                                                                        punctuation=False, segment=True))):
        fn(text[:100])
        times = []
        for _ in range(5):
            t = time.perf_counter()
            fn(text)
            times.append(time.perf_counter() - t)
        print(f"{label:22} {size / statistics.median(times):7.2f} MB/s")


if __name__ == "__main__":
    main()
