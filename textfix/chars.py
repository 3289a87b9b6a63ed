"""Character classes shared by every stage. Pure functions of one code point; no tables."""

from __future__ import annotations

import re
import unicodedata

# Han ideographs: URO, Ext A, compatibility, and the supplementary planes (Ext B-H, compat supplement).
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN_RE = re.compile(f"[{HAN_RANGES}]")
# Chinese (full-width) punctuation that marks a Chinese context for the punctuation stage.
CJK_PUNCT = "，。、；：？！「」『』“”‘’（）《》〈〉【】〔〕…—～·〃〖〗"
KANA_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL_RE = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF
            or 0xF900 <= cp <= 0xFAFF)


def is_cjk_punct(ch: str) -> bool:
    return ch in CJK_PUNCT or 0x3000 < ord(ch) <= 0x303F or 0xFE10 <= ord(ch) <= 0xFE1F


def is_chinese(ch: str) -> bool:
    """A Han character or Chinese punctuation: what makes a context Chinese ('' is not)."""
    return bool(ch) and ch >= "\u00b7" and (is_han(ch) or is_cjk_punct(ch))


def is_pua(ch: str) -> bool:
    cp = ord(ch)
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0x10FFFF


def is_zhuyin(ch: str) -> bool:
    """A bopomofo letter or a tone mark of zhuyin (ˇ ˊ ˋ ˙)."""
    return "\u3105" <= ch <= "\u312f" or ch in "ˇˊˋ˙"


def is_kana(ch: str) -> bool:
    return bool(KANA_RE.match(ch))


def is_hangul(ch: str) -> bool:
    return bool(HANGUL_RE.match(ch))


def category(ch: str) -> str:
    return unicodedata.category(ch)
