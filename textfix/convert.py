"""Stage 3: script conversion with OpenCC, and script identification.

``convert(text, config)`` applies ``config.convert``: an OpenCC configuration name gives exactly
OpenCC's result; a target (``hans``, ``hant``, ``tw``, ``twp``, ``hk``) converts each line from the
script it is written in. ``identify(text)`` says which script a text is in, with the evidence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Tuple

from . import _tables
from . import segment as _segment
from .changes import Change
from .chars import HAN_RANGES
from .config import Config
from .protect import protected_spans

STAGE = "convert"
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")

# For each target: the OpenCC configuration to use on Simplified text and on Traditional text
# (None: leave it). ``hant`` is OpenCC's standard Traditional, as ``s2t`` gives it.
_TARGET_PLANS = {
    "hans": ("t2s", "t2s"),
    "hant": ("s2t", None),
    "tw": ("s2tw", "t2tw"),
    "twp": ("s2twp", "t2tw"),
    "hk": ("s2hk", "t2hk"),
}


@functools.lru_cache(maxsize=None)
def _converter(name: str):
    import opencc

    return opencc.OpenCC(name)


def opencc_convert(text: str, name: str) -> str:
    """OpenCC's own result for ``text`` under configuration ``name`` (lone surrogates pass through)."""
    try:
        return _converter(name).convert(text)
    except UnicodeEncodeError:  # lone surrogates: convert the pieces between them
        pass
    parts = _SURROGATE.split(text)
    seps = _SURROGATE.findall(text)
    out = [_converter(name).convert(parts[0])]
    for sep, part in zip(seps, parts[1:]):
        out.append(sep)
        out.append(_converter(name).convert(part))
    return "".join(out)


@dataclass(frozen=True)
class Script:
    """What ``identify`` found: ``script`` is 'simplified', 'traditional', 'mixed' or 'neither'.

    ``naive`` is True for Traditional text made by a character-by-character converter (characters
    valid in both scripts left in their Simplified role: 干部, 關系, 規范); ``roundtrip`` is the
    evidence: characters a round trip through Simplified and back changes (0–5 per 1,000 Han
    characters in proper Traditional, tens in naive text).
    """

    script: str
    simplified: int  # Han characters that exist only in Simplified
    traditional: int  # Han characters that exist only in Traditional
    han: int  # all Han characters
    naive: bool = False
    roundtrip: int = 0


NAIVE_PER_1000 = 10.0  # round-trip edits per 1,000 Han characters above which text is naive
# ... and at least this many. One is enough: proper Traditional text almost never changes in a round
# trip (1 of 75 hand-written Taiwan sentences, 櫃台 → 櫃檯), while a
# single error is what most short naive sentences show (benchmarks/naive_conversion.py).
NAIVE_MIN_EDITS = 1
# Round trips through Simplified, one per Traditional standard; the one that changes least is the
# text's own standard (OpenCC's, Taiwan's or Hong Kong's variants).
_ROUND_TRIPS = (("t2s", "s2t"), ("tw2s", "s2tw"), ("hk2s", "s2hk"))


@functools.lru_cache(maxsize=None)
def script_chars() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(Simplified-only, Traditional-only) Han characters (tables/script_chars.tsv, from OpenCC's
    character dictionaries). Characters valid in both roles (干, 系, 范) are in neither."""
    simp, trad = set(), set()
    for ch, cls in _tables.rows("script_chars.tsv"):
        (simp if cls == "S" else trad).add(ch)
    return frozenset(simp), frozenset(trad)


def _count(text: str) -> Tuple[int, int, int]:
    """(Simplified-only, Traditional-only, all) Han characters in ``text``."""
    simp_only, trad_only = script_chars()
    n_s = n_t = n = 0
    for run in _HAN_RUN.findall(text):
        n += len(run)
        for c in run:
            n_s += c in simp_only
            n_t += c in trad_only
    return n_s, n_t, n


def other_script(context: str) -> FrozenSet[str]:
    """The characters of the script ``context`` does not use, for repairs that guess characters:
    Traditional-only ones where at least two Simplified-only ones outnumber them three to one, the
    other way round, or none."""
    n_s, n_t, _ = _count(context)
    simp_only, trad_only = script_chars()
    if n_s >= 2 and n_s >= 3 * n_t:
        return trad_only
    if n_t >= 2 and n_t >= 3 * n_s:
        return simp_only
    return frozenset()


def _verdict(n_s: int, n_t: int) -> str:
    if n_s == 0 and n_t == 0:
        return "neither"  # only characters shared by both scripts
    if n_t == 0 or n_s >= 9 * n_t:
        return "simplified"
    if n_s == 0 or n_t >= 9 * n_s:
        return "traditional"
    return "mixed"


def roundtrip_edits(text: str) -> Tuple[int, Tuple[str, str]]:
    """Characters that every round trip through Simplified changes, and the trip that changes least.

    A character that one standard's round trip keeps is a variant that standard uses (台灣 stays in
    Hong Kong's, 裡 in Taiwan's), not an error; only a change all of them agree on counts."""
    backs = [opencc_convert(opencc_convert(text, trip[0]), trip[1]) for trip in _ROUND_TRIPS]
    own = [abs(len(back) - len(text)) + sum(1 for a, b in zip(text, back) if a != b) for back in backs]
    best = min(range(len(backs)), key=own.__getitem__)
    if any(len(back) != len(text) for back in backs):
        return own[best], _ROUND_TRIPS[best]
    edits = sum(1 for i, c in enumerate(text) if c != backs[0][i] and c != backs[1][i] and c != backs[2][i])
    return edits, _ROUND_TRIPS[best]


def is_naive(edits: int, han: int) -> bool:
    return edits >= NAIVE_MIN_EDITS and edits * 1000.0 >= NAIVE_PER_1000 * han


def identify(text: str) -> Script:
    """Which script ``text`` is written in, counting characters unique to each script, and whether
    Traditional text was converted character by character (see :class:`Script`)."""
    n_s, n_t, han = _count(text)
    if not han:
        return Script("neither", 0, 0, 0)
    script = _verdict(n_s, n_t)
    if script in ("traditional", "mixed"):
        edits = roundtrip_edits(text)[0]
        return Script(script, n_s, n_t, han, is_naive(edits, han), edits)
    return Script(script, n_s, n_t, han)


def convert(text: str, config: Config) -> Tuple[str, List[Change]]:
    """Convert ``text`` as ``config.convert`` says (see the module's docstring)."""
    name = config.convert
    if not name or not _HAN_RUN.search(text):
        return text, []
    if name in _TARGET_PLANS:
        if not config.enabled("script"):
            return text, []
        return _collect(_to_target(text, name, config.segment), "script", config.explain)
    if not config.enabled("opencc"):
        return text, []
    out = _run(text, name, config.segment)
    return _collect([(text, out, name)], "opencc", config.explain)


def _run(text: str, name: str, segment: bool) -> str:
    """OpenCC configuration ``name`` on ``text``, guided by segmentation when asked and supported."""
    if segment and _segment.supported(name):
        return _segment.guarded(text, opencc_convert, name)
    return opencc_convert(text, name)


def _to_target(text: str, target: str, segment: bool = False) -> List[Tuple[str, str, Optional[str]]]:
    """Each line converted from the script it is written in: (line, converted, plan). Traditional
    lines of a text that reads as naive conversion go through Simplified first, which repairs them.
    Protected spans (URLs, e-mail addresses, code, paths) are left as they are."""
    simp_plan, trad_plan = _TARGET_PLANS[target]
    lines = text.splitlines(keepends=True)
    keep = _line_keeps(lines, protected_spans(text))
    counts = [_count(line) for line in lines]
    scripts = [_verdict(n_s, n_t) for n_s, n_t, _ in counts]
    naive = False
    if target != "hans" and "traditional" in scripts:
        trad = [i for i, sc in enumerate(scripts) if sc == "traditional"]
        han = sum(counts[i][2] for i in trad)
        naive = is_naive(roundtrip_edits("".join(lines[i] for i in trad))[0], han)
    pieces = []
    for line, script, spans in zip(lines, scripts, keep):
        if script == "traditional" and naive:
            plan = f"t2s → {simp_plan} (naive conversion repaired)"
            out = _between(line, spans, lambda t: _run(opencc_convert(t, "t2s"), simp_plan, segment))
        else:
            step = trad_plan if script == "traditional" else simp_plan if script != "neither" else None
            plan = step
            out = _between(line, spans, lambda t: _run(t, step, segment)) if step else line
        pieces.append((line, out, plan))
    return pieces


def _line_keeps(lines: List[str], spans: List[Tuple[int, int]]) -> List[List[Tuple[int, int]]]:
    """``spans`` of the whole text, clipped to each line and made relative to its start."""
    keeps: List[List[Tuple[int, int]]] = [[] for _ in lines]
    if not spans:
        return keeps
    pos = 0
    k = 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        j = k
        while j < len(spans) and spans[j][0] < end:
            keeps[i].append((max(spans[j][0], pos) - pos, min(spans[j][1], end) - pos))
            j += 1
        pos = end
    return keeps


def _between(line: str, spans: List[Tuple[int, int]], conv) -> str:
    """``conv`` applied to the parts of ``line`` outside ``spans``."""
    if not spans:
        return conv(line)
    out: List[str] = []
    pos = 0
    for s, e in spans:
        if s > pos:
            out.append(conv(line[pos:s]))
        out.append(line[s:e])
        pos = e
    if pos < len(line):
        out.append(conv(line[pos:]))
    return "".join(out)


def _collect(pieces, rule: str, itemise: bool) -> Tuple[str, List[Change]]:
    """Join converted pieces and describe the differences: each differing run when ``itemise``,
    else one change for the whole text (no per-character work: conversion stays OpenCC's speed)."""
    out = "".join(after for _, after, _ in pieces)
    if not itemise:
        text = "".join(before for before, _, _ in pieces)
        if out == text:
            return out, []
        plans = ", ".join(dict.fromkeys(f"opencc {plan}" for before, after, plan in pieces if before != after))
        return out, [Change(STAGE, rule, 0, len(text), text, out, plan=plans)]
    changes: List[Change] = []
    pos = 0
    for before, after, plan in pieces:
        if before != after:
            changes.extend(_diff(before, after, pos, rule, f"opencc {plan}"))
        pos += len(before)
    return out, changes


def _diff(before: str, after: str, offset: int, rule: str, plan: str) -> List[Change]:
    """Changes for each maximal differing run, when the two texts align character by character;
    otherwise one change per differing line."""
    if len(before) == len(after):
        changes = []
        i = 0
        n = len(before)
        while i < n:
            if before[i] == after[i]:
                i += 1
                continue
            j = i
            while j < n and before[j] != after[j]:
                j += 1
            changes.append(Change(STAGE, rule, offset + i, offset + j, before[i:j], after[i:j], plan=plan))
            i = j
        return changes
    changes = []
    b_lines = before.splitlines(keepends=True)
    a_lines = after.splitlines(keepends=True)
    if len(b_lines) != len(a_lines):
        return [Change(STAGE, rule, offset, offset + len(before), before, after, plan=plan)]
    for b, a in zip(b_lines, a_lines):
        if a != b:
            changes.append(Change(STAGE, rule, offset, offset + len(b), b, a, plan=plan))
        offset += len(b)
    return changes
