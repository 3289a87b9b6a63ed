"""Stage 3: script conversion with OpenCC, and script identification.

``convert(text, config)`` applies ``config.convert``: an OpenCC configuration name gives exactly
OpenCC's result; a target (``hans``, ``hant``, ``tw``, ``twp``, ``hk``) converts each line from the
script it is written in. ``identify(text)`` says which script a text is in, with the evidence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import List, Tuple

from .changes import Change
from .chars import HAN_RANGES
from .config import Config

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
    if not _SURROGATE.search(text):
        return _converter(name).convert(text)
    parts = _SURROGATE.split(text)
    seps = _SURROGATE.findall(text)
    out = [_converter(name).convert(parts[0])]
    for sep, part in zip(seps, parts[1:]):
        out.append(sep)
        out.append(_converter(name).convert(part))
    return "".join(out)


@dataclass(frozen=True)
class Script:
    """What ``identify`` found: ``script`` is 'simplified', 'traditional', 'mixed' or 'neither'."""

    script: str
    simplified: int  # Han characters that exist only in Simplified
    traditional: int  # Han characters that exist only in Traditional
    han: int  # all Han characters


def identify(text: str) -> Script:
    """Which script ``text`` is written in, counting characters unique to each script.

    A character is Traditional-only when OpenCC's t2s changes it alone, Simplified-only when s2t does.
    """
    chars = [c for run in _HAN_RUN.findall(text) for c in run]
    if not chars:
        return Script("neither", 0, 0, 0)
    unique = sorted(set(chars))
    joined = "\n".join(unique)
    to_simp = _converter("t2s").convert(joined).split("\n")
    to_trad = _converter("s2t").convert(joined).split("\n")
    trad_only = {c for c, s in zip(unique, to_simp) if s != c}
    simp_only = {c for c, t in zip(unique, to_trad) if t != c}
    n_s = sum(1 for c in chars if c in simp_only)
    n_t = sum(1 for c in chars if c in trad_only)
    if n_s == 0 and n_t == 0:
        script = "neither"  # only characters shared by both scripts
    elif n_t == 0:
        script = "simplified"
    elif n_s == 0:
        script = "traditional"
    elif n_s >= 9 * n_t:
        script = "simplified"
    elif n_t >= 9 * n_s:
        script = "traditional"
    else:
        script = "mixed"
    return Script(script, n_s, n_t, len(chars))


def _line_plan(line: str, target: str) -> "str | None":
    simp_plan, trad_plan = _TARGET_PLANS[target]
    found = identify(line).script
    if found == "traditional":
        return trad_plan
    if found in ("simplified", "mixed"):
        return simp_plan
    return None  # no script-specific characters: nothing to convert


def convert(text: str, config: Config) -> Tuple[str, List[Change]]:
    """Convert ``text`` as ``config.convert`` says; the changes are one per converted Han run."""
    name = config.convert
    if not name or not _HAN_RUN.search(text):
        return text, []
    if name in _TARGET_PLANS:
        if not config.enabled("script"):
            return text, []
        pieces = []
        for line in text.splitlines(keepends=True):
            plan = _line_plan(line, name)
            pieces.append((line, opencc_convert(line, plan) if plan else line, plan))
        return _collect(pieces, "script")
    if not config.enabled("opencc"):
        return text, []
    out = opencc_convert(text, name)
    return _collect([(text, out, name)], "opencc")


def _collect(pieces, rule: str) -> Tuple[str, List[Change]]:
    """Join converted pieces and describe the differences as changes, one per differing line."""
    changes: List[Change] = []
    out = []
    pos = 0
    for before, after, plan in pieces:
        out.append(after)
        if before != after:
            changes.extend(_diff(before, after, pos, rule, f"opencc {plan}"))
        pos += len(before)
    return "".join(out), changes


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
