"""Stage 2: repair. Mojibake and lossy byte recovery, Latin mojibake (ftfy), broken glyphs, markers.

``repair(text, config)`` runs the fixers in a fixed order, each once, each a pure function
``(text, config) -> (text, changes)``:

1. ``mojibake``: CJK codec confusions (searched only in suspicious spans found by one scan);
2. ``latin``: UTF-8 read as Latin-1/cp1252, by ftfy on the Latin runs that remain (when it changes
   anything, ``mojibake`` looks once more at its result);
3. ``glyphs``: invisible characters, full-width ASCII, radicals, private-use, compatibility ideographs;
4. ``markers``: irrecoverable damage is flagged (reported, not changed).

The change spans of each fixer index the text that fixer received.
"""

from __future__ import annotations

from typing import List, Tuple

from ..changes import Change, with_lines
from ..config import Config
from . import glyphs, latin, markers, mojibake

FIXERS = (mojibake.fix, latin.fix, glyphs.fix, markers.flag)


def repair(text: str, config: Config) -> Tuple[str, List[Change]]:
    changes: List[Change] = []

    def run(fixer) -> bool:
        nonlocal text
        new, found = fixer(text, config)
        changes.extend(with_lines(text, found))
        text = new
        return bool(found)

    for fixer in FIXERS:
        if run(fixer) and fixer is latin.fix:
            # ftfy's fixes (C1 controls → cp1252) can uncover CJK mojibake: look once more, so
            # that repairing the output again finds nothing (idempotence).
            run(mojibake.fix)
    return text, changes
