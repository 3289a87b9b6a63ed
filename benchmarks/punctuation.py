"""Punctuation: how many damaged sentences textfix and autocorrect-py restore exactly, how many
must-not-change lines they leave alone, and their throughput, side by side in one run.

    python benchmarks/punctuation.py [--runs 5] [--failures]

Corpus: benchmarks/data/punct_sentences.txt (Simplified sentences with correct punctuation, written
for textfix) and their Traditional forms (OpenCC s2tw; every other one with corner quotes 「」『』, as
Taiwan writes them). Damage, three kinds:
- ``seed``: what the seed documents show: ，：；！？（） turned ASCII, the rest intact;
- ``full``: also 。 → ., curly quotes straightened, …… → ..., —— → --;
- ``spaced``: ``full`` typed the English way, a space after each , : ; ! ? . before Chinese.
Must-not-change: benchmarks/data/punct_keep.txt (English, numbers, URLs, code, HTML, Japanese,
Korean, correct text) and an indented code block. autocorrect-py: ``pip install autocorrect-py``.
Throughput: the punctuation stage alone and ``fix_text`` (every default stage), against autocorrect.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import opencc

import textfix

HERE = Path(__file__).resolve().parent
SEED = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})
FULL = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "。": ".",
                      "“": '"', "”": '"', "‘": "'", "’": "'"})
CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def lines(name: str):
    return [l for l in (HERE / "data" / name).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def damage(text: str, kind: str) -> str:
    if kind == "seed":
        return text.translate(SEED)
    out = text.replace("……", "...").replace("——", "--").translate(FULL)
    if kind == "spaced":
        out = re.sub(r"([,:;!?.])(?=[^\x00-\x7f])", r"\1 ", out)
    return out


def cases():
    """(script, kind, damaged, expected) for every sentence and damage kind."""
    simplified = lines("punct_sentences.txt")
    s2tw = opencc.OpenCC("s2tw")
    traditional = [s2tw.convert(s) for s in simplified]
    traditional = [t.translate(CORNER) if k % 2 else t for k, t in enumerate(traditional)]
    for script, sentences in (("simplified", simplified), ("traditional", traditional)):
        for kind in ("seed", "full", "spaced"):
            for s in sentences:
                broken = damage(s, kind)
                if broken != s:
                    yield script, kind, broken, s


def keep_cases():
    return lines("punct_keep.txt") + ["    for i in range(10):\n        print(i, \"中文,测试\")"]


def peers():
    out = {"textfix": lambda s: textfix.fix_text(s)}
    try:
        import autocorrect_py

        out["autocorrect-py"] = autocorrect_py.format
    except ImportError:
        print("autocorrect-py is not installed: pip install autocorrect-py")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--failures", action="store_true", help="print textfix's failures")
    args = ap.parse_args()
    tools = peers()
    all_cases = list(cases())
    groups = sorted({(c[0], c[1]) for c in all_cases})
    print(f"{len(all_cases)} damaged sentences, {len(keep_cases())} must-not-change lines\n")
    print(f"{'restored exactly':28}" + "".join(f"{n:>16}" for n in tools))
    failures = []
    totals = {n: 0 for n in tools}
    for script, kind in groups:
        subset = [c for c in all_cases if (c[0], c[1]) == (script, kind)]
        row = f"{script + ' ' + kind:28}"
        for name, fn in tools.items():
            good = 0
            for _, _, broken, want in subset:
                got = fn(broken)
                good += got == want
                if got != want and name == "textfix":
                    failures.append((broken, want, got))
            totals[name] += good
            row += f"{100 * good / len(subset):15.1f}%"
        print(row + f"   ({len(subset)})")
    print(f"{'all':28}" + "".join(f"{100 * totals[n] / len(all_cases):15.1f}%" for n in tools))
    keep = keep_cases()
    row = f"{'must-not-change unchanged':28}"
    changed = {}
    for name, fn in tools.items():
        changed[name] = [(k, fn(k)) for k in keep if fn(k) != k]
        row += f"{100 * (len(keep) - len(changed[name])) / len(keep):15.1f}%"
    print(row)

    text = "\n".join(c[2] for c in all_cases)
    block = (text + "\n") * (1_000_000 // len(text.encode()) + 1)
    nbytes = len(block.encode())
    print(f"\nthroughput on {nbytes / 1e6:.1f} MB of damaged text, median of {args.runs} interleaved runs")
    from textfix.config import Config
    from textfix.punctuate import punctuate

    timed = {"textfix stage": lambda s: punctuate(s, Config()), "textfix fix_text": tools["textfix"]}
    timed.update((n, f) for n, f in tools.items() if n != "textfix")
    times = {name: [] for name in timed}
    for _ in range(args.runs):
        for name, fn in timed.items():
            t = time.perf_counter()
            fn(block)
            times[name].append(time.perf_counter() - t)
    speeds = {name: nbytes / statistics.median(ts) / 1e6 for name, ts in times.items()}
    for name, mbps in speeds.items():
        print(f"  {name:18} {mbps:8.2f} MB/s")
    if "autocorrect-py" in speeds:
        for name in ("textfix stage", "textfix fix_text"):
            print(f"  ratio {name} / autocorrect-py: {speeds[name] / speeds['autocorrect-py']:.2f}")
    if args.failures:
        print("\ntextfix failures (damaged / expected / got):")
        for broken, want, got in failures:
            print(f"  {broken}\n  {want}\n  {got}\n")
        for k, got in changed["textfix"]:
            print(f"  changed must-not-change: {k!r} → {got!r}")


if __name__ == "__main__":
    main()
