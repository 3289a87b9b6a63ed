"""What the lossy kinds leave to guess, and how many pieces any repair could restore exactly.

    python benchmarks/lost_bytes.py [--per-kind N] [--text FILE] [--no-repair]

The pieces are those of benchmarks/mojibake.py (the same draw, whole pieces only: a span's edges
are not recorded), garbled by the kinds that lose bytes where the text was UTF-8: read as GBK with
U+FFFD or ``?`` for what the decoder could not read, and read as Big5 with ``?``. Each piece's
UTF-8 bytes are decoded as the wrong codec did, and the bytes it could not read are recorded
(Python's decoders report each such run). Per piece:

- characters lost: Han characters of which at most one byte survives. Nothing is left of them but
  their place, or their lead byte, which some 4,000 code points share, so a repair must guess
  each from its neighbours alone, among hundreds of common characters;
- the last character: where it lost a byte, only the text before it tells what it was.

If a repair guessed each character lost right with probability p and got everything else
right, it would restore a piece with k of them with probability p**k: the mean of that over the
pieces bounds the kind's exact rate from above. The table gives the bound for p = 0.5, 0.7 and 0.9
and, unless ``--no-repair``, what the repair stage does: the share of characters lost it
puts back (in pieces it rebuilds to their length), and its exact rate on the pieces with no
character lost and on the rest, and on those whose last character kept its bytes and on the
rest.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from mojibake import cases, sentences, sentences_of

from textfix.chars import is_han
from textfix.config import Config
from textfix.repair import repair

# kind: the codec the UTF-8 bytes were read with
KINDS = {"utf8→gbk U+FFFD": "gbk", "utf8→gbk ?": "gbk", "utf8→big5 ?": "cp950"}
GUESS_RATES = (0.5, 0.7, 0.9)


def lost_ranges(data: bytes, codec: str) -> list:
    """The (start, end) byte ranges of ``data`` that ``codec`` could not read, as its decoder reports
    them, reading on after each (GBK's and Big5's decoders keep no state between characters)."""
    found, pos = [], 0
    while True:
        try:
            data[pos:].decode(codec)
            return found
        except UnicodeDecodeError as err:
            found.append((pos + err.start, pos + err.end))
            pos += err.end


def losses(piece: str, codec: str) -> "tuple[list, bool]":
    """Where ``piece``'s Han characters that keep at most one of their UTF-8 bytes when read as
    ``codec`` stand, and whether its last character loses any byte."""
    lost = set()
    for start, end in lost_ranges(piece.encode("utf-8"), codec):
        lost.update(range(start, end))
    lost_at, pos, last = [], 0, False
    for k, ch in enumerate(piece):
        size = len(ch.encode("utf-8"))
        gone = sum(1 for b in range(pos, pos + size) if b in lost)
        if is_han(ch) and gone >= size - 1:
            lost_at.append(k)
        last = gone > 0
        pos += size
    return lost_at, last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=60, help="whole pieces per kind (default 60)")
    ap.add_argument("--text", type=Path, help="cut the pieces from this UTF-8 file's sentences instead of ours")
    ap.add_argument("--no-repair", action="store_true", help="only measure the losses, do not run the repair")
    args = ap.parse_args()
    pool = sentences_of(args.text) if args.text else sentences()
    cfg = Config()
    stats = defaultdict(list)  # kind: (characters lost, last lost, exact or None)
    guessed = defaultdict(lambda: [0, 0])  # kind: characters lost put back, of those measured
    for kind, where, text, bad in cases(args.per_kind, pool):
        if kind not in KINDS or where != "line":
            continue
        lost_at, last = losses(text, KINDS[kind])
        exact = None
        if not args.no_repair:
            out = repair(bad, cfg)[0]
            exact = out == text
            if len(out) == len(text):
                guessed[kind][0] += sum(out[k] == text[k] for k in lost_at)
                guessed[kind][1] += len(lost_at)
        stats[kind].append((len(lost_at), last, exact))
    print(f"{'kind':18} {'pieces':>6} {'none lost':>10} {'lost per piece':>14} {'last lost':>9}  "
          + "  ".join(f"bound p={p}" for p in GUESS_RATES))
    for kind, rows in stats.items():
        n = len(rows)
        bounds = "  ".join(f"{100 * sum(p ** r[0] for r in rows) / n:10.1f}%" for p in GUESS_RATES)
        print(f"{kind:18} {n:6d} {100 * sum(r[0] == 0 for r in rows) / n:9.1f}% "
              f"{sum(r[0] for r in rows) / n:14.2f} {100 * sum(r[1] for r in rows) / n:8.1f}%  {bounds}")
    if args.no_repair:
        return
    print(f"\nexact, by what was lost: {'none lost':>10} {'some':>14} {'last kept':>10} {'last lost':>10} {'all':>8}"
          "   characters lost put back")
    for kind, rows in stats.items():
        parts = ([r for r in rows if r[0] == 0], [r for r in rows if r[0] > 0],
                 [r for r in rows if not r[1]], [r for r in rows if r[1]], rows)
        cells = [f"{100 * sum(r[2] for r in part) / len(part):.1f}% ({len(part)})" if part else "-" for part in parts]
        right, seen = guessed[kind]
        back = f"{100 * right / seen:.1f}% of {seen}" if seen else "-"
        print(f"{kind:24} " + " ".join(f"{c:>14}" for c in cells) + f"   {back}")

if __name__ == "__main__":
    main()
