"""Spans no stage may rewrite: fenced and inline code (Markdown), URLs, e-mail addresses, numbers
with separators, times."""

from __future__ import annotations

import re
from typing import List, Tuple

_PROTECTED = re.compile(
    r"""
      (?ms:^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=fence)[ \t]*$|\Z))  # fenced code
    | `[^`\n]+`                                   # Markdown inline code
    | (?:https?|ftp|file)://[^\s<>"'，。、；：？！（）「」“”]+   # URLs
    | www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>"'，。、；：？！（）「」“”]*
    | [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+   # e-mail addresses
    | \d+(?:[.,:/-]\d+)+                          # 18:29, 2.87, 1,000, 2022-05-28, 3/4
    """,
    re.VERBOSE,
)


def protected_spans(text: str) -> List[Tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of ``text`` that must stay as they are."""
    return [m.span() for m in _PROTECTED.finditer(text)]


def mask(text: str) -> List[bool]:
    """One flag per character: True where the character lies in a protected span."""
    flags = [False] * len(text)
    for s, e in protected_spans(text):
        for i in range(s, e):
            flags[i] = True
    return flags
