"""Stage 4: punctuation standardised by context.

A half-width mark is in Chinese context when the nearest non-space character beside it (looking
past neighbouring marks of the same kind) is a Han character or Chinese punctuation, and it is not
inside a protected span (protect.py). Parentheses come first, so the marks then see the full-width
parentheses as Chinese; a run of adjacent marks is decided as one, from the characters outside it.
Both make the stage idempotent: its output gives it nothing more to do.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from .changes import Change
from .chars import is_chinese, is_han
from .config import Config
from .protect import mask
from .suspect import lost_byte_mark

STAGE = "punctuation"
MARKS = {",": ("，", "comma"), ":": ("：", "colon"), ";": ("；", "semicolon"),
         "!": ("！", "exclamation"), "?": ("？", "question")}
_PARENS = re.compile(r"\(([^()\n]{0,200})\)")
_MARK_RUN = re.compile(r"[,:;!?](?:[ \t]*[,:;!?])*")


def punctuate(text: str, config: Config) -> Tuple[str, List[Change]]:
    if not re.search(r"[,:;!?()]", text):
        return text, []
    changes: List[Change] = []
    protected = mask(text)
    chars = list(text)
    if config.enabled("parens"):
        for m in _PARENS.finditer(text):
            s, e = m.start(), m.end() - 1
            if protected[s] or protected[e]:
                continue
            inner = m.group(1)
            if any(is_han(c) for c in inner) or _chinese_before(text, s):
                chars[s], chars[e] = "（", "）"
                changes.append(Change(STAGE, "parens", s, s + 1, "(", "（"))
                changes.append(Change(STAGE, "parens", e, e + 1, ")", "）"))
    after_parens = "".join(chars)
    for m in _MARK_RUN.finditer(after_parens):
        s, e = m.span()
        left = _nearest(after_parens, s - 1, -1)
        right = _nearest(after_parens, e, 1)
        if not (is_chinese(left) or is_chinese(right)):
            continue
        for i in range(s, e):
            ch = after_parens[i]
            if ch not in MARKS or protected[i]:
                continue
            new, rule = MARKS[ch]
            if not config.enabled(rule) or _numeric_separator(after_parens, i):
                continue
            if ch == "?" and lost_byte_mark(after_parens, i):
                continue  # a lost byte inside mojibake repair could not rebuild, not a question
            chars[i] = new
            changes.append(Change(STAGE, rule, i, i + 1, ch, new))
    changes.sort(key=lambda c: c.start)
    return "".join(chars), changes


def _nearest(text: str, i: int, step: int) -> str:
    """The nearest character from ``i`` in direction ``step`` that is not a space or tab."""
    while 0 <= i < len(text):
        if text[i] not in " \t":
            return text[i]
        i += step
    return ""


def _chinese_before(text: str, i: int) -> bool:
    """Whether the nearest character before ``i``, past spaces and half-width marks, is Chinese."""
    i -= 1
    while i >= 0 and (text[i] in " \t" or text[i] in MARKS):
        i -= 1
    return i >= 0 and is_chinese(text[i])


def _numeric_separator(text: str, i: int) -> bool:
    """``1,000`` and ``18:29``: a comma or colon between digits is part of the number."""
    return (text[i] in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
            and text[i - 1].isascii() and text[i + 1].isascii())
