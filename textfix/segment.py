"""Segmentation-guided conversion: OpenCC's phrases, chosen by the best segmentation of the sentence.

OpenCC matches the longest dictionary phrase greedily from the left, so a phrase can swallow the
first character of the next word: 被发明 → 被髮明 (phrase 被发), 少数组织 → 少陣列織 (数组), 勇敢的士兵 →
勇敢計程車兵 (的士). Here each run of Han characters is segmented by dynamic programming over a word
lattice (jieba's word counts plus OpenCC's own phrases, tables/segment_words.tsv), maximising the
summed log-probability of the words. Where a word of that segmentation crosses the edge of an OpenCC
phrase occurrence (发明 crosses 被发), the phrase is wrong there: a separator is put at the
segmentation's boundaries inside it, so that no step of OpenCC's chain can match it. A blocker
(a phrase that converts as its characters do, 看了, there to keep 了解 → 瞭解 from matching in 看了解说)
is wrong only when its edges fall inside words. Everything else
is left to OpenCC, so its own test cases keep their results. The separators (a private-use
character absent from the text) are removed from OpenCC's output.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Dict, FrozenSet, List, Set, Tuple

from . import _tables
from .chars import HAN_RANGES

MAX_WORD = 8  # longest lattice word looked up
MARGIN = 3.0  # nats by which keeping an OpenCC phrase whole must lose before it is kept from matching
# A regional vocabulary phrase (内存 → 記憶體, 的士 → 計程車) replaces a whole word when it matches
# wrongly, so it is kept from matching on weaker evidence.
REGIONAL_MARGIN = 1.0
_MARGINS = {"P": MARGIN, "R": REGIONAL_MARGIN, "B": MARGIN}
_HAN_RUN = re.compile(f"[{HAN_RANGES}]{{2,}}")
_SEPARATORS = [chr(cp) for cp in range(0xF8FF, 0xF800, -1)]  # private use; one absent from the text


@functools.lru_cache(maxsize=None)
def lexicon() -> Tuple[Dict[str, float], Dict[str, float], float, FrozenSet[str]]:
    """(log-probability of each lattice word, OpenCC phrases with the margin each must lose by,
    log-probability of an unknown character, the phrases that are blockers)."""
    counts: Dict[str, int] = {}
    phrases: Dict[str, float] = {}
    blockers: Set[str] = set()
    for word, count, flag in _tables.rows("segment_words.tsv"):
        counts[word] = int(count)
        if flag:
            phrases[word] = _MARGINS[flag]
            if flag == "B":
                blockers.add(word)
    total = float(sum(counts.values()))
    logp = {w: math.log(max(c, 1) / total) for w, c in counts.items() if len(w) <= MAX_WORD}
    return logp, phrases, math.log(0.5 / total), frozenset(blockers)


def _word_score(word: str) -> "float | None":
    logp, _, unknown, _ = lexicon()
    lp = logp.get(word)
    if lp is None and len(word) == 1:
        return unknown
    return lp


def _forward(run: str) -> Tuple[List[float], List[int]]:
    """best[i]: the best score of a segmentation of ``run[:i]``; back[i]: where its last word starts."""
    n = len(run)
    best: List[float] = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for i in range(n):
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            lp = _word_score(run[i:j])
            if lp is not None and best[i] + lp > best[j]:
                best[j], back[j] = best[i] + lp, i
    return best, back


def _backward(run: str) -> List[float]:
    """best[j]: the best score of a segmentation of ``run[j:]``."""
    n = len(run)
    best: List[float] = [-math.inf] * n + [0.0]
    for j in range(n - 1, -1, -1):
        for k in range(j + 1, min(n, j + MAX_WORD) + 1):
            lp = _word_score(run[j:k])
            if lp is not None and lp + best[k] > best[j]:
                best[j] = lp + best[k]
    return best


def _spans(back: List[int]) -> List[Tuple[int, int]]:
    """The words of the segmentation that ``back`` (from :func:`_forward`) ends in, in order."""
    spans = []
    j = len(back) - 1
    while j > 0:
        spans.append((back[j], j))
        j = back[j]
    return spans[::-1]


def run_score(run: str) -> float:
    """The log-probability of the best segmentation of ``run``, Han characters in Simplified form,
    into lattice words (an unknown character alone)."""
    return _forward(run)[0][-1]


def best_segmentation(run: str) -> List[Tuple[int, int]]:
    """The most probable segmentation of ``run`` into lattice words (unknown characters alone)."""
    return _spans(_forward(run)[1])


def cuts(run: str) -> List[int]:
    """Positions inside ``run`` where a separator must keep a wrong OpenCC phrase from matching.

    An OpenCC phrase occurrence is wrong when a word of the best segmentation crosses its edge
    (发明 crosses 被发) and the best segmentation that keeps it whole scores MARGIN below the best
    of all; the cuts are the best segmentation's boundaries inside it, except inside another phrase
    occurrence that is not wrong (意大利面 keeps 利面 whole)."""
    logp, phrases, unknown, blockers = lexicon()
    n = len(run)
    fwd, back = _forward(run)
    bwd = _backward(run)
    top = fwd[n]
    words = _spans(back)
    bounds = {e for _, e in words}
    long_words = [(s, e) for s, e in words if e - s > 1]  # the competing evidence
    wrong, kept = [], []
    for i in range(n - 1):
        for j in range(i + 2, min(n, i + MAX_WORD) + 1):
            word = run[i:j]
            margin = phrases.get(word)
            if margin is None:
                continue
            # A phrase asserts a reading (被发 → 被髮): it is scored as the word it would be. A
            # blocker asserts only that its edges are word boundaries (看了 | 解说): it is scored
            # by the best segmentation with those boundaries.
            inner = _forward(word)[0][-1] if word in blockers else logp.get(word, unknown)
            keep = fwd[i] + inner + bwd[j]
            crossed = any(s < i < e or s < j < e for s, e in long_words)
            (wrong if crossed and top - keep > margin else kept).append((i, j))
    out: Set[int] = set()
    for i, j in wrong:
        out.update(b for b in bounds if i < b < j and not any(s < b < e for s, e in kept))
    return sorted(out)


def guarded(text: str, convert, name: str) -> str:
    """``convert(text, name)`` (OpenCC) with wrong greedy phrases kept from matching."""
    sep = next((c for c in _SEPARATORS if c not in text), None)
    if sep is None:
        return convert(text, name)
    pieces: List[str] = []
    pos = 0
    marked = False
    for m in _HAN_RUN.finditer(text):
        run_cuts = cuts(m.group())
        if not run_cuts:
            continue
        start = m.start()
        for c in run_cuts:
            pieces.append(text[pos:start + c])
            pieces.append(sep)
            pos = start + c
        marked = True
    if not marked:
        return convert(text, name)
    pieces.append(text[pos:])
    return convert("".join(pieces), name).replace(sep, "")


def supported(name: str) -> bool:
    """Segmentation guides the Simplified→Traditional configurations (the lattice is Simplified)."""
    return name.startswith("s2")

