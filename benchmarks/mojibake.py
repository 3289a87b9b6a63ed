"""Mojibake repair: how many garbled lines the repair stage restores, by kind, against ftfy; and how
many clean lines it leaves untouched.

    python benchmarks/mojibake.py [--per-kind N] [--failures N] [--kind NAME] [--text FILE] [--pages N]

Garbled corpus: pieces of 4–60 characters cut (fixed seed) from the project's clean sentences
(benchmarks/data/punct_sentences.txt, Simplified prose, and tech_sentences.txt, Simplified
technical text with ASCII words among the Chinese, both with their Taiwan form by OpenCC s2tw;
benchmarks/data/trad_sentences.txt, written in Traditional), garbled by each kind of wrong decoding
the repair stage handles, either the whole piece ("line") or a span of 3–12 characters inside an
otherwise clean piece ("span"). Lossless kinds decode every byte; lossy kinds lose bytes (a
decoder's U+FFFD, an encoder's ``?``, a lost lead byte). A case whose garbling changes nothing, or
that a kind cannot express (Big5 of Simplified-only characters), is skipped.

Clean corpus: every clean sentence above, both scripts, plus benchmarks/data/mojibake_clean.txt
(rare characters such as 喆 堃 龘 𠀀, Japanese, Korean, European, emoji, code, real ``?!``).

With ``--text FILE`` the pieces are cut from that file's sentences instead (and their other script
by OpenCC), which are then the clean lines too: a check on text the model was not tuned on, such as
the seed documents.

Scores: exact (output equals the original line), character accuracy (1 − edit distance / length,
at least 0), per kind; clean lines left exactly as they are.

With ``--pages N``, also N pages of 20 lines (clauses, in order) per lossless kind, each line
garbled whole and each page repaired as one text, as a file read with the wrong codec is: lines
restored exactly, against ftfy.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import opencc

from textfix.config import Config
from textfix.repair import repair

HERE = Path(__file__).resolve().parent
SLOPPY = "sloppy-windows-1252"


def _lines(name: str):
    return [l for l in (HERE / "data" / name).read_text(encoding="utf-8").splitlines()
            if l and not l.startswith("#")]


def sentences():
    """(text, script) for every clean sentence: Simplified (prose, then technical text), their
    Taiwan form (OpenCC s2tw), hand-written Traditional."""
    s2tw = opencc.OpenCC("s2tw")
    simp = _lines("punct_sentences.txt") + _lines("tech_sentences.txt")
    return ([(s, "hans") for s in simp] + [(s2tw.convert(s), "hant") for s in simp]
            + [(t, "hant") for t in _lines("trad_sentences.txt")])


def _wrong(codec_in: str, codec_out: str, errors: str = "strict"):
    def garble(s: str) -> str:
        return s.encode(codec_in).decode(codec_out, errors)
    return garble


def _chain(first, second):
    return lambda s: second(first(s))


def _question(garble):
    """The garbled text saved in its own (wrong) codec: what the decoder could not read became
    U+FFFD and the encoder writes ``?`` for it."""
    return lambda s: garble(s).replace("\ufffd", "?")


def two_byte_starts(s: str):
    """Offsets in ``s``'s GB18030 bytes where a two-byte character starts."""
    starts, pos = [], 0
    for ch in s:
        n = len(ch.encode("gb18030"))
        if n == 2:
            starts.append(pos)
        pos += n
    return starts


def lose_byte(s: str, cut: int) -> str:
    """``s`` in GB18030 with the byte at ``cut`` lost: the decoder gives ``?`` for it and reads the
    following bytes out of step (seed 000), U+FFFD shown as ``?``."""
    data = s.encode("gb18030")
    tail = data[cut + 1:].decode("gb18030", errors="replace").replace("\ufffd", "?")
    return data[:cut].decode("gb18030") + "?" + tail


def _lost_lead(s: str) -> str:
    """The lead byte of one two-byte character lost (not the last one)."""
    starts = two_byte_starts(s)
    if len(starts) < 2:
        raise ValueError("too few two-byte characters")
    return lose_byte(s, random.Random(s).choice(starts[:-1]))


# name: (garble, lossless, scripts it applies to)
KINDS = {
    "utf8→gbk": (_wrong("utf-8", "gb18030"), True, ("hans", "hant")),
    "utf8→big5": (_wrong("utf-8", "cp950"), True, ("hans", "hant")),
    "gbk→latin1": (_wrong("gbk", "latin-1"), True, ("hans", "hant")),
    "gbk→cp1252": (_wrong("gbk", SLOPPY), True, ("hans", "hant")),
    "big5→latin1": (_wrong("cp950", "latin-1"), True, ("hant",)),
    "big5→cp1252": (_wrong("cp950", SLOPPY), True, ("hant",)),
    "gbk→big5": (_wrong("gbk", "cp950"), True, ("hans", "hant")),
    "big5→gbk": (_wrong("cp950", "gbk"), True, ("hant",)),
    "utf8→cp1252": (_wrong("utf-8", SLOPPY), True, ("hans", "hant")),
    "utf8→latin1": (_wrong("utf-8", "latin-1"), True, ("hans", "hant")),
    "utf8→gbk→cp1252": (_chain(_wrong("utf-8", "gb18030"), _wrong("utf-8", SLOPPY)), True, ("hans", "hant")),
    "utf8→cp1252→cp1252": (_chain(_wrong("utf-8", SLOPPY), _wrong("utf-8", SLOPPY)), True, ("hans", "hant")),
    "utf8→gbk U+FFFD": (_wrong("utf-8", "gbk", "replace"), False, ("hans", "hant")),
    "utf8→gbk ?": (_question(_wrong("utf-8", "gbk", "replace")), False, ("hans", "hant")),
    "utf8→big5 ?": (_question(_wrong("utf-8", "cp950", "replace")), False, ("hans", "hant")),
    "gb18030 lost byte": (_lost_lead, False, ("hans", "hant")),
}


def _garble(kind: str, text: str) -> "str | None":
    garble, lossless, _ = KINDS[kind]
    try:
        out = garble(text)
    except (UnicodeError, ValueError):
        return None
    if out == text:
        return None
    if lossless and "\ufffd" in out:
        return None
    return out


def sentences_of(path: Path):
    """(text, script) for the sentences of a UTF-8 text file (split after 。！？ and at line ends,
    8 characters at least), in their own script and the other one (OpenCC s2tw or t2s)."""
    text = path.read_text(encoding="utf-8")
    own = [s.strip() for s in re.split(r"(?<=[。！？])|\n", text) if len(s.strip()) >= 8]
    trad = opencc.OpenCC("s2tw").convert(text) == text
    other = opencc.OpenCC("t2s" if trad else "s2tw")
    own_script, other_script = ("hant", "hans") if trad else ("hans", "hant")
    return [(s, own_script) for s in own] + [(other.convert(s), other_script) for s in own]


def cases(per_kind: int, pool=None):
    """(kind, where, original, garbled) for every kind: ``per_kind`` whole pieces and as many spans,
    cut from ``pool`` ((text, script) pairs; by default our sentences)."""
    rng = random.Random(20261123)
    pool = pool or sentences()
    for kind, (_, lossless, scripts) in KINDS.items():
        usable = [s for s, sc in pool if sc in scripts]
        for where in ("line", "span"):
            made = tries = 0
            while made < per_kind and tries < 50 * per_kind:
                tries += 1
                s = rng.choice(usable)
                n = rng.randint(4, min(60, len(s))) if where == "line" else rng.randint(min(10, len(s)), min(60, len(s)))
                start = rng.randint(0, len(s) - n)
                piece = s[start:start + n]
                if where == "line":
                    bad = _garble(kind, piece)
                    if bad is None:
                        continue
                    yield kind, where, piece, bad
                else:
                    k = rng.randint(3, min(12, n - 1))
                    i = rng.randint(0, n - k)
                    bad = _garble(kind, piece[i:i + k])
                    if bad is None:
                        continue
                    yield kind, where, piece, piece[:i] + bad + piece[i + k:]
                made += 1


PAGE_LINES = 20


def pages(per_kind: int, pool):
    """(kind, page, garbled page) for every lossless kind: ``per_kind`` pages of PAGE_LINES lines,
    each garbled whole, as a file read with the wrong codec is. The lines are clauses (cut after
    ，。！？；：) of ``pool``'s sentences in one script, in order, those the kind can express: a
    whole sentence seldom is (Python's strict gbk cannot read some of Big5's bytes)."""
    rng = random.Random(20261124)
    clauses = [(c, sc) for s, sc in pool for c in re.split(r"(?<=[，。！？；：])", s) if len(c) >= 2]
    for kind, (_, lossless, scripts) in KINDS.items():
        if not lossless:
            continue
        usable = [(c, bad) for c, sc in clauses if sc in scripts for bad in (_garble(kind, c),) if bad is not None]
        for _ in range(per_kind if len(usable) > PAGE_LINES else 0):
            start = rng.randrange(len(usable) - PAGE_LINES)
            page = usable[start:start + PAGE_LINES]
            yield kind, [c for c, _ in page], [bad for _, bad in page]


def page_report(per_kind: int, pool, only: "str | None", fix) -> None:
    """Lines restored exactly when each page is repaired as one text, by kind, against ftfy."""
    rows = defaultdict(lambda: [0, 0, 0])  # lines, ours exact, ftfy exact
    for kind, lines, bad in pages(per_kind, pool):
        if only and kind != only:
            continue
        ours = fix("\n".join(bad)).split("\n")
        theirs = ftfy.fix_text("\n".join(bad)).split("\n")
        for key in (kind, "all"):
            rows[key][0] += len(lines)
            rows[key][1] += sum(a == b for a, b in zip(lines, ours))
            rows[key][2] += sum(a == b for a, b in zip(lines, theirs))
    print(f"\npages of {PAGE_LINES} lines garbled whole, {per_kind} per kind: lines exact")
    print(f"{'kind':22} {'lines':>6} {'textfix':>8} {'ftfy':>8}")
    for kind, (n, ours, theirs) in rows.items():
        if kind != "all":
            print(f"{kind:22} {n:6d} {100 * ours / n:7.1f}% {100 * theirs / n:7.1f}%")
    if "all" in rows:
        n, ours, theirs = rows["all"]
        print(f"{'all':22} {n:6d} {100 * ours / n:7.1f}% {100 * theirs / n:7.1f}%")


def distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def accuracy(want: str, got: str) -> float:
    return max(0.0, 1.0 - distance(want, got) / max(len(want), 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=60, help="pieces per kind and place (default 60)")
    ap.add_argument("--failures", type=int, default=0, help="print this many failures per kind")
    ap.add_argument("--kind", help="only this kind")
    ap.add_argument("--text", type=Path, help="cut the pieces from this UTF-8 file's sentences instead of ours "
                    "(text the model was not tuned on); its sentences are then the clean lines")
    ap.add_argument("--pages", type=int, default=0, metavar="N",
                    help=f"also repair N pages of {PAGE_LINES} lines per lossless kind, each garbled whole")
    args = ap.parse_args()
    pool = sentences_of(args.text) if args.text else sentences()
    cfg = Config()
    fix = lambda s: repair(s, cfg)[0]
    if args.pages:
        page_report(args.pages, pool, args.kind, fix)
    rows = defaultdict(lambda: [0, 0, 0.0, 0.0, 0])  # n, ours exact, ours acc, ftfy acc, ftfy exact
    failures = defaultdict(list)
    times = []
    for kind, where, text, bad in cases(args.per_kind, pool):
        if args.kind and kind != args.kind:
            continue
        t = time.perf_counter()
        out = fix(bad)
        times.append(time.perf_counter() - t)
        theirs = ftfy.fix_text(bad)
        for key in ((kind, where), (kind, "all"), ("lossless" if KINDS[kind][1] else "lossy", "all"), ("all", "all")):
            row = rows[key]
            row[0] += 1
            row[1] += out == text
            row[2] += accuracy(text, out)
            row[3] += accuracy(text, theirs)
            row[4] += theirs == text
        if out != text:
            failures[kind].append((where, text, bad, out))
    print(f"{'kind':22} {'where':5} {'n':>5} {'exact':>7} {'char acc':>8} | {'ftfy exact':>10} {'ftfy acc':>8}")
    order = [(k, w) for k in KINDS for w in ("line", "span", "all")] + [("lossless", "all"), ("lossy", "all"), ("all", "all")]
    for kind, where in order:
        if (kind, where) not in rows:
            continue
        n, exact, acc, facc, fexact = rows[(kind, where)]
        print(f"{kind:22} {where:5} {n:5d} {100 * exact / n:6.1f}% {100 * acc / n:7.1f}% | "
              f"{100 * fexact / n:9.1f}% {100 * facc / n:7.1f}%")
    if times:
        print(f"time per garbled line: median {1000 * statistics.median(times):.2f} ms, "
              f"max {1000 * max(times):.0f} ms")

    clean = [s for s, _ in pool] + ([] if args.text else _lines("mojibake_clean.txt"))
    kept = sum(fix(s) == s for s in clean)
    ftfy_kept = sum(ftfy.fix_text(s) == s for s in clean)
    print(f"clean lines untouched: textfix {kept}/{len(clean)} ({100 * kept / len(clean):.2f}%), "
          f"ftfy {ftfy_kept}/{len(clean)} ({100 * ftfy_kept / len(clean):.2f}%)")
    for s in clean:
        if fix(s) != s:
            print(f"  CHANGED {s!r} → {fix(s)!r}")
    for kind, found in failures.items():
        for where, text, bad, out in found[: args.failures]:
            print(f"  {kind} ({where})\n    want {text}\n    from {bad}\n    got  {out}")


if __name__ == "__main__":
    main()
