"""Build the character model tables (model_unigram.tsv, model_bigram.tsv) from two word lists.

Sources:
- jieba 0.42.1 ``jieba/dict.txt`` (MIT licence, https://github.com/fxsjy/jieba): about 349,000
  words with frequencies, mostly Simplified. A dictionary: it holds rare words, but its counts
  underrate function words (的 is 0.5% of its mass).
- wordfreq 3.1.1's Chinese list (``get_frequency_dict("zh", "large")``; data CC-BY-SA 4.0, from
  Wikipedia, SUBTLEX-CH subtitles, Google Books Ngrams, OpenSubtitles, ParaCrawl and more, see
  wordfreq's README): about 335,000 words with their shares of running text (的 6%).
Each word's share is the mean of its two shares (RUNNING_WEIGHT), so the tables derived here are
CC-BY-SA 4.0. Each word is also mapped to Traditional with OpenCC (s2t, s2tw, s2hk: Apache-2.0) so
both scripts are covered, with the word's share.

Counts: a character's unigram count is the sum of the counts of the words it occurs in (times
its occurrences); a pair's bigram count is the same sum over adjacent pairs inside words. Pairs
seen fewer than ``MIN_PAIR`` times are dropped to keep the table small; the model backs off to
unigrams for them.

Run: ``pip install jieba wordfreq opencc && python tables/build_model.py``
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
    variants = [joined] + [opencc.OpenCC(cfg).convert(joined) for cfg in ("s2t", "s2tw", "s2hk")]
    uni: collections.Counter[str] = collections.Counter()
    start: collections.Counter[str] = collections.Counter()
    end: collections.Counter[str] = collections.Counter()
    bi: collections.Counter[str] = collections.Counter()
    # The Simplified source weighs 3 and each of the three Traditional variants 1, so a character
    # shared by both scripts counts 6 times its frequency and one unique to either script 3 times.
    for weight, text in zip((3, 1, 1, 1), variants):
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
    header = [
        "Character unigram counts for textfix's Chinese model.",
        f"source: jieba {getattr(jieba, '__version__', '?')} dict.txt (MIT licence, github.com/fxsjy/jieba) and "
        f"wordfreq {_version('wordfreq')} Chinese list (CC-BY-SA 4.0; credits in wordfreq's README), half each; "
        "words mapped to Traditional with OpenCC s2t/s2tw/s2hk (Apache-2.0)",
        f"columns: character, count (sum of word counts, {SCALE:.0e} per unit share, over the words it occurs in; Simplified source x3, "
        "each Traditional variant x1), start (the same sum over the words it begins), end (... the words it ends)",
    ]
    write_table("model_unigram.tsv", header, [(c, n, start[c], end[c])
                                              for c, n in sorted(uni.items(), key=lambda kv: (-kv[1], kv[0]))])
    header[0] = "Character bigram counts (adjacent pairs inside the word lists' words) for textfix's Chinese model."
    header[2] = f"columns: pair, count; pairs under {MIN_PAIR} dropped"
    pairs = [(k, v) for k, v in bi.items() if v >= MIN_PAIR]
    write_table("model_bigram.tsv", header, sorted(pairs, key=lambda kv: (-kv[1], kv[0])))


if __name__ == "__main__":
    main()
