"""Irrecoverable damage, flagged (a change whose before equals its after), never "repaired"."""

from __future__ import annotations

import re
from typing import List, Tuple

from ..changes import Change
from ..config import Config

# 锟斤拷: U+FFFD's UTF-8 bytes (EF BF BD) read as GBK; 烫/屯: MSVC's 0xCC/0xCD fill of
# uninitialised memory read as GBK; runs of U+FFFD: bytes a decoder could not read.
_MARKERS = re.compile("(?:锟斤拷)+锟?|(?:烫){3,}|(?:屯){3,}|\ufffd{2,}")


def flag(text: str, config: Config) -> Tuple[str, List[Change]]:
    if not config.enabled("marker") or not any(m in text for m in ("锟斤拷", "烫烫烫", "屯屯屯", "\ufffd\ufffd")):
        return text, []
    return text, [Change("repair", "marker", m.start(), m.end(), m.group(), m.group(), plan="irrecoverable")
                  for m in _MARKERS.finditer(text)]
