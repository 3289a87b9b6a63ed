"""Broken glyphs: characters that render like the right one but are not it.

Each rule is a table lookup guarded by context, applied in one pass over the text:
- ``invisible``: zero-width space/joiners, word joiner, soft hyphen and BOMs inside text are removed
  where they touch Chinese (ZWJ/ZWNJ elsewhere belong to emoji and Indic scripts); NBSP between Chinese
  characters becomes a space.
- ``fullwidth``: full-width ASCII letters and digits → ASCII (not in lines with kana: Japanese).
- ``radical``: CJK radicals/strokes standing next to an ideograph → the ideograph (tables/radicals.tsv).
- ``pua``: GB18030/CP936 private-use code points next to Chinese → the standard character
  (tables/cp936_pua.tsv).
- ``compat``: CJK compatibility ideographs → the unified ideograph (not in lines with hangul, where
  they mark Korean readings).
- ``surrogates``: a UTF-16 surrogate pair left in a str → the character.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Dict, List, Optional, Tuple

from .. import _tables
from ..changes import Change
from ..chars import HANGUL_RE, KANA_RE, is_chinese, is_han
from ..config import Config

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_FULLWIDTH_ALNUM = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"


@functools.lru_cache(maxsize=None)
def _tables_and_pattern() -> Tuple[Dict[str, str], Dict[str, str], "re.Pattern[str]"]:
    radicals = {r[1]: r[3] for r in _tables.rows("radicals.tsv")}
    pua = {r[1]: r[4] for r in _tables.rows("cp936_pua.tsv")}
    chars = "".join(sorted(set(radicals) | set(pua)))
    pattern = re.compile(
        f"[{_INVISIBLE}\u00a0{_FULLWIDTH_ALNUM}\uf900-\ufaff\U0002f800-\U0002fa1f\ud800-\udbff"
        f"{re.escape(chars)}]"
    )
    return radicals, pua, pattern


def _neighbours(text: str, i: int, j: int) -> Tuple[str, str]:
    return (text[i - 1] if i > 0 else ""), (text[j] if j < len(text) else "")


def _line_has(text: str, i: int, pattern: "re.Pattern[str]") -> bool:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return bool(pattern.search(text, start, end if end >= 0 else len(text)))


def _fix_one(text: str, i: int, radicals: Dict[str, str], pua: Dict[str, str], config: Config
             ) -> Optional[Tuple[str, int, str]]:
    """(rule, end, replacement) for the character at ``i``, or None to leave it."""
    ch = text[i]
    before, after = _neighbours(text, i, i + 1)
    chinese_side = (before and is_chinese(before)) or (after and is_chinese(after))
    if ch in _INVISIBLE:
        if ch in "\u200c\u200d" and not chinese_side:
            return None
        if ch == "\ufeff" or chinese_side or ch in "\u200b\u2060":
            return ("invisible", i + 1, "")
        return None
    if ch == "\u00a0":  # inside Chinese text; NBSP around other marks is deliberate layout
        return ("invisible", i + 1, " ") if is_chinese(before) and is_chinese(after) else None
    cp = ord(ch)
    if 0xFF10 <= cp <= 0xFF5A:
        if _line_has(text, i, KANA_RE):
            return None
        return ("fullwidth", i + 1, chr(cp - 0xFEE0))
    if 0xD800 <= cp <= 0xDBFF:
        if i + 1 < len(text) and 0xDC00 <= ord(text[i + 1]) <= 0xDFFF:
            return ("surrogates", i + 2, text[i:i + 2].encode("utf-16", "surrogatepass").decode("utf-16"))
        return None
    if ch in radicals:
        if (before and is_han(before)) or (after and is_han(after)):
            return ("radical", i + 1, radicals[ch])
        return None
    if ch in pua:
        return ("pua", i + 1, pua[ch]) if chinese_side else None
    if 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F:
        nfc = unicodedata.normalize("NFC", ch)
        if nfc != ch and not _line_has(text, i, HANGUL_RE):
            return ("compat", i + 1, nfc)
    return None


def fix(text: str, config: Config) -> Tuple[str, List[Change]]:
    radicals, pua, pattern = _tables_and_pattern()
    if not pattern.search(text):
        return text, []
    changes: List[Change] = []
    out = []
    pos = 0
    for m in pattern.finditer(text):
        i = m.start()
        if i < pos:
            continue
        found = _fix_one(text, i, radicals, pua, config)
        if found is None or not config.enabled(found[0]):
            continue
        rule, end, new = found
        out.append(text[pos:i])
        out.append(new)
        changes.append(Change("repair", rule, i, end, text[i:end], new))
        pos = end
    out.append(text[pos:])
    return "".join(out), changes
