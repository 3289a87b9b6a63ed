"""Stage 2: repair. Mojibake and lossy byte recovery, Latin mojibake (ftfy), broken glyphs, markers.

``repair(text, config)`` runs the fixers in a fixed order, each a pure function
``(text, config) -> (text, changes)``:

0. ``misaligned``: a GB18030 stream that lost a byte and was decoded out of step after a ``?``;
1. ``mojibake``: CJK codec confusions (searched only in suspicious spans found by one scan). A repair
   changes the context of the spans beside it, so the fixer looks again at its own result until it
   finds nothing (at most MAX_PASSES times; every change must raise the model's score by a margin,
   so this is a bounded greedy search, not a loop over different fixers);
2. ``latin``: UTF-8 read as Latin-1/cp1252, by ftfy on the Latin runs that remain (when it changes
   anything, ``mojibake`` looks again at its result);
3. ``glyphs``: invisible characters, full-width ASCII, radicals, private-use, compatibility ideographs;
4. ``markers``: irrecoverable damage is flagged (reported, not changed).

The change spans of each fixer index the text that fixer received.
"""

from __future__ import annotations

from typing import List, Tuple

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
        for _ in range(MAX_PASSES):
            if not run(mojibake.fix):
                break

    for fixer in FIXERS:
        if fixer is mojibake.fix:
            settle()
        elif run(fixer) and fixer is latin.fix:
            # ftfy's fixes (C1 controls → cp1252) can uncover CJK mojibake: look again, so that
            # repairing the output a second time finds nothing (idempotence).
            settle()
    return text, changes
