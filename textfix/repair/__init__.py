"""Stage 2: repair. Mojibake and lossy byte recovery, Latin mojibake (ftfy), broken glyphs, markers.

``repair(text, config)`` runs the fixers in a fixed order, each a pure function
``(text, config) -> (text, changes)``:

0. ``misaligned``: a GB18030 stream that lost a byte and was decoded out of step after a ``?``;
1. ``mojibake``: CJK codec confusions (searched only in suspicious spans found by one scan). A repair
   changes the context of the spans beside it, so the fixer looks again at its own result until it
   finds nothing (at most MAX_PASSES times; every change must raise the model's score by a margin,
   so this is a bounded greedy search, not a loop over different fixers). It never looks beyond a
   line, so each later pass reads only the lines the pass before changed;
2. ``latin``: UTF-8 read as Latin-1/cp1252, by ftfy on the Latin runs that remain (when it changes
   anything, ``mojibake`` looks again at its result);
3. ``glyphs``: invisible characters, full-width ASCII, radicals, private-use, compatibility ideographs;
4. ``markers``: irrecoverable damage is flagged (reported, not changed).

The change spans of each fixer index the text that fixer received.
"""

from __future__ import annotations

from typing import Callable, List, Tuple

from ..changes import Change, with_lines
from ..config import Config
from . import glyphs, latin, markers, misaligned, mojibake

FIXERS = (misaligned.fix, mojibake.fix, latin.fix, glyphs.fix, markers.flag)
MAX_PASSES = 4


def repair(text: str, config: Config) -> Tuple[str, List[Change]]:
    changes: List[Change] = []

    def run(fixer) -> bool:
        nonlocal text
        new, found = fixer(text, config)
        changes.extend(with_lines(text, found))
        text = new
        return bool(found)

    def settle() -> None:
        fixer = mojibake.fix
        for _ in range(MAX_PASSES):
            before = len(changes)
            if not run(fixer):
                break
            lines = changed_lines(text, changes[before:])
            fixer = lambda t, c, lines=lines: on_lines(mojibake.fix, t, c, lines)  # noqa: E731

    for fixer in FIXERS:
        if fixer is mojibake.fix:
            settle()
        elif run(fixer) and fixer is latin.fix:
            # ftfy's fixes (C1 controls → cp1252) can uncover CJK mojibake: look again, so that
            # repairing the output a second time finds nothing (idempotence).
            settle()
    return text, changes


def changed_lines(text: str, found: List[Change]) -> List[Tuple[int, int]]:
    """The spans of the lines of ``text`` that hold the edits of ``found`` (sorted, not overlapping,
    indexing the text they were made to, of which ``text`` is the result), each with the line breaks
    on either side of it, merged where they touch."""
    spans: List[Tuple[int, int]] = []
    shift = 0
    for c in found:
        if c.is_flag:
            continue
        start = c.start + shift
        end = start + len(c.after)
        shift += len(c.after) - (c.end - c.start)
        lo = max(0, text.rfind("\n", 0, start))
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi + 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


def on_lines(fixer: Callable[[str, Config], Tuple[str, List[Change]]], text: str, config: Config,
             lines: List[Tuple[int, int]]) -> Tuple[str, List[Change]]:
    """``fixer`` run on the spans ``lines`` of ``text`` only (a fixer that never looks beyond a
    line), its changes indexing ``text``."""
    out: List[str] = []
    found: List[Change] = []
    pos = 0
    for lo, hi in lines:
        new, got = fixer(text[lo:hi], config)
        out.append(text[pos:lo])
        out.append(new)
        found.extend(c.shifted(lo) for c in got)
        pos = hi
    out.append(text[pos:])
    return ("".join(out), found) if found else (text, [])
