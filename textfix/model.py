"""The Chinese plausibility model: how likely a string is as real text.

A character bigram model over Han characters (counts from jieba's dictionary, Simplified and
Traditional; see tables/README.md), interpolated with unigrams, plus class scores for everything
else: ASCII, Chinese punctuation, kana, hangul, Latin letters, and penalties for private-use,
unassigned, control and rare code points and for ideographs glued to Latin letters. Scores are
natural-log probabilities (higher is more plausible); only differences between candidates for the
same span matter.

The tables load once, on first use, into an immutable :class:`Model`.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass
from typing import Mapping

from . import _tables
from .chars import is_cjk_punct, is_han, is_hangul, is_kana, is_pua

LAMBDA = 0.6  # weight of the bigram estimate against the unigram one

# Class log-probabilities for characters the Han tables do not cover.
_ASCII_ALNUM = math.log(0.02)
_ASCII_OTHER = math.log(0.01)
_SPACE = math.log(0.03)
_CJK_PUNCT = math.log(0.02)
_KANA = math.log(0.01)
_HANGUL = math.log(0.002)
_LATIN_LETTER = math.log(0.0005)  # accented Latin letters
_SYMBOL = math.log(0.00005)
_RARE_HAN = math.log(2e-8)  # a Han character absent from the tables
_PUA = math.log(1e-10)
_UNASSIGNED = math.log(1e-11)
_CONTROL = math.log(1e-10)
_GLUE = math.log(0.05)  # extra cost of a Han character touching a Latin letter


@dataclass(frozen=True)
class Model:
    unigram: Mapping[str, float]  # log P(c) for Han characters
    bigram: Mapping[str, float]  # log P(b | a) for seen pairs "ab" (already interpolated)
    floor: Mapping[str, float]  # (1 - LAMBDA) * P(b) in log space, the unseen-pair score of b

    def char(self, ch: str) -> float:
        """Log-probability of one character out of context."""
        lp = self.unigram.get(ch)
        if lp is not None:
            return lp
        return _class_score(ch)

    def pair(self, a: str, b: str) -> float:
        """Log-probability of ``b`` following ``a``."""
        lp = self.bigram.get(a + b)
        if lp is not None:
            return lp
        f = self.floor.get(b)
        if f is not None:
            s = f if is_han(a) else self.unigram[b]
        else:
            s = _class_score(b)
        if (is_han(a) and b.isascii() and b.isalpha()) or (is_han(b) and a.isascii() and a.isalpha()):
            s += _GLUE
        return s

    def score(self, text: str, before: str = "", after: str = "") -> float:
        """Log-probability of ``text`` between the context characters ``before`` and ``after``."""
        total = 0.0
        prev = before[-1:] if before else ""
        for ch in text:
            total += self.pair(prev, ch) if prev else self.char(ch)
            prev = ch
        if after and prev:
            total += self.pair(prev, after[0]) - self.char(after[0])
        return total


def _class_score(ch: str) -> float:
    cp = ord(ch)
    if cp < 0x80:
        if ch.isalnum():
            return _ASCII_ALNUM
        if ch in " \t\r\n":
            return _SPACE
        if cp < 0x20 or cp == 0x7F:
            return _CONTROL
        return _ASCII_OTHER
    if is_han(ch):
        return _RARE_HAN
    if is_cjk_punct(ch) or 0xFF01 <= cp <= 0xFF5E:
        return _CJK_PUNCT
    if is_kana(ch):
        return _KANA
    if is_hangul(ch):
        return _HANGUL
    if is_pua(ch):
        return _PUA
    cat = unicodedata.category(ch)
    if cat == "Cn":
        return _UNASSIGNED
    if cat in ("Cc", "Cs", "Co"):
        return _CONTROL
    if cat.startswith("L") and cp < 0x250:
        return _LATIN_LETTER
    if cat.startswith("Z"):
        return _SPACE + math.log(0.1)
    return _SYMBOL


@functools.lru_cache(maxsize=None)
def load() -> Model:
    """The model, built from the shipped tables on first call and shared (it is immutable)."""
    counts = {row[0]: int(row[1]) for row in _tables.rows("model_unigram.tsv")}
    total = float(sum(counts.values()))
    unigram = {c: math.log(n / total) for c, n in counts.items()}
    floor = {c: math.log((1 - LAMBDA) * n / total) for c, n in counts.items()}
    bigram = {}
    for pair, n in _tables.rows("model_bigram.tsv"):
        a, b = pair[0], pair[1]
        ca = counts.get(a)
        if not ca or b not in counts:
            continue
        p = LAMBDA * min(1.0, int(n) / ca) + (1 - LAMBDA) * counts[b] / total
        bigram[pair] = math.log(p)
    return Model(unigram=unigram, bigram=bigram, floor=floor)
