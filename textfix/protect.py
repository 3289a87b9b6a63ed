"""Spans no stage may rewrite: code (fenced, indented, inline), URLs, e-mail addresses, file paths,
numbers with separators and times, HTML tags and entities, Markdown link targets, list markers."""

from __future__ import annotations

import re
from typing import List, Tuple

_STOP = r"\s<>\"'\u2018-\u201f\u2026\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_URL_END = _STOP + r".,;:!?)"
_PATH_PART = r"[A-Za-z0-9_.~+-]"
_FENCED = re.compile(r"(?ms:^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=fence)[ \t]*$|\Z))")
# Everything else lies within one line.
_INLINE = re.compile(
    rf"""
      `[^`\n]+`                                         # Markdown inline code
    | (?:https?|ftp|file)://(?:[^{_STOP}]*[^{_URL_END}])?   # URLs (not a final . or ,), with Han
      (?:(?<=/)[\u3400-\u9fff]+(?:[^{_STOP}]*[^{_URL_END}])?)*  # path segments (/wiki/头发)
    | www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[^{_STOP}]*[^{_URL_END}])?
    | [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+   # e-mail addresses
    | </?[A-Za-z][^<>\n]*> | <!--.*?-->                 # HTML tags and comments
    | &(?:[A-Za-z]+|\#[0-9]+|\#x[0-9A-Fa-f]+);          # HTML entities
    | !\[ | \]\([^()\s]*\)                              # Markdown image start, link targets
    | (?<!{_PATH_PART})(?:[A-Za-z]:)?[\\/]?{_PATH_PART}+(?:[\\/]{_PATH_PART}+)+[\\/]?   # paths: a/b, C:\x
    | \d+(?:[.,:/-]\d+)+                                # 18:29, 2.87, 1,000, 2022-05-28, 3/4
    | (?m:^[ \t]*(?:\d{{1,3}}|[A-Za-z]|[一二三四五六七八九十]{{1,3}})[.)](?=[ \t]|$))   # list markers
    """,
    re.VERBOSE,
)
# What every protected span holds (one cheap search rules most lines out).
_MAYBE = re.compile(r"[`/@<&\\\[\]]|www\.|\d[.,:/-]\d|(?m:^[ \t]*(?:\d{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})[.)]|^(?:\t| {4}))")
# An indented code block line: a tab or four spaces, then code (a comment, or mostly not Han).
_INDENTED = re.compile(r"(?m)^(?:\t| {4,})(?P<code>[^\n]+)$")
_COMMENT = re.compile(r"(?:#|//|/\*|\*|--|>>>|\$ )")


def protected_spans(text: str) -> List[Tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of ``text`` that must stay as they are."""
    return _merge(fenced_spans(text) + line_spans(text))


def fenced_spans(text: str) -> List[Tuple[int, int]]:
    """Fenced code blocks: the only protected spans that cross lines."""
    if "```" not in text and "~~~" not in text:
        return []
    return [m.span() for m in _FENCED.finditer(text)]


def line_spans(text: str) -> List[Tuple[int, int]]:
    """The protected spans that lie within a line (everything but fenced code), in order of start."""
    if not _MAYBE.search(text):
        return []
    spans = [m.span() for m in _INLINE.finditer(text)]
    if "    " in text or "\t" in text:
        spans.extend(m.span() for m in _INDENTED.finditer(text) if _looks_like_code(m.group("code")))
        spans.sort()
    return spans


def _looks_like_code(line: str) -> bool:
    if _COMMENT.match(line):
        return True
    solid = [c for c in line if not c.isspace()]
    han = sum(1 for c in solid if "\u3400" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" or "\u3000" <= c <= "\u303f")
    return han * 2 < len(solid)


def _merge(spans: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
