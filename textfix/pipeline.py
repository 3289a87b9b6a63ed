"""The pipeline: the one place that knows the order of the stages.

bytes → detect → decode → repair → convert → punctuation → text. Each stage is a pure function
``(text, config) -> (text, changes)``; each change's span indexes the text its stage received.
"""

from __future__ import annotations

import codecs
from typing import Callable, List, Optional, Tuple

from .changes import Change, with_lines
from .config import RULES, Config
from .convert import convert
from .detect import Detection, detect
from .punctuate import punctuate
from .repair import repair

Stage = Callable[[str, Config], Tuple[str, List[Change]]]

STAGES: Tuple[Tuple[str, Stage, Callable[[Config], bool]], ...] = (
    ("repair", repair, lambda c: c.repair),
    ("convert", convert, lambda c: c.convert is not None),
    ("punctuation", punctuate, lambda c: c.punctuation),
)


class BinaryInputError(ValueError):
    """The bytes are not text in any codec textfix knows (NUL or control bytes, undecodable)."""


def run(text: str, config: Config) -> Tuple[str, List[Change]]:
    """Run every enabled stage over ``text`` in order."""
    changes: List[Change] = []
    for _name, stage, enabled in STAGES:
        if enabled(config):
            new, found = stage(text, config)
            changes.extend(with_lines(text, found))
            text = new
    return text, changes


# Repair rules that mean the text was decoded wrongly somewhere (as opposed to glyph tidying).
GARBLE_RULES = frozenset(("mojibake", "lossy", "latin", "marker"))


def garbled(text: str) -> List[Change]:
    """Where ``text`` looks like mojibake: the repairs (and irrecoverable-damage flags) the repair
    stage would make of its wrong-codec kinds, without changing anything."""
    config = Config.make(convert=None, punctuation=False, explain=True,
                         disable=set(RULES["repair"]) - GARBLE_RULES)
    _, changes = repair(text, config)
    return [c for c in changes if c.rule in GARBLE_RULES]


def resolve_encoding(data: bytes, encoding: Optional[str], final: bool = True) -> Detection:
    """The codec to decode ``data`` with: ``encoding`` when given (trusted), else detected.

    Raises ValueError for an unknown codec name and BinaryInputError for binary input.
    """
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
        return Detection(name, 1.0, reason="given")
    det = detect(data, final=final)
    if det.binary:
        raise BinaryInputError(f"binary input ({det.reason})")
    return det


def decode(data: bytes, encoding: Optional[str] = None) -> Tuple[str, Detection]:
    """Decode ``data`` with the given or detected codec. A given codec is trusted: bytes it cannot
    decode become U+FFFD (and the repair stage flags them)."""
    det = resolve_encoding(data, encoding)
    return data.decode(det.encoding, errors="replace" if encoding is not None else "strict"), det


def run_bytes(data: bytes, config: Config, encoding: Optional[str] = None) -> Tuple[str, List[Change]]:
    text, _ = decode(data, encoding)
    return run(text, config)
