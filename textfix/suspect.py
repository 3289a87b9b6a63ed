"""What looks like damage, decided by one scan: shared by repair (where to look) and punctuation
(which ``?`` is a lost byte, not a question mark), so the two stages agree and a second run of the
pipeline sees what the first one saw."""

from __future__ import annotations

import functools
import re

from . import model as _model

RARE = -10.5  # a Han character scored below this (log-probability) is suspicious


@functools.lru_cache(maxsize=None)
def suspicious_re() -> "re.Pattern[str]":
    """One suspicious character. Safe (never starts a cluster): ASCII except ``?``, common Han,
    CJK punctuation (not the odd signs, 〆 〃), kana, hangul, general punctuation. Everything else
    is looked at."""
    m = _model.load()
    common = "".join(sorted(c for c, lp in m.unigram.items() if lp >= RARE and ord(c) < 0x10000))
    symbols = "".join(chr(c) for c in range(0x3000, 0x3040) if chr(c) not in _model.CJK_ODD)
    return re.compile(
        "[^\\x00-\\x3e\\x40-\\x7f" + re.escape(symbols) + "\u3040-\u30ff\uac00-\ud7af\u2010-\u2027\u2030-\u205e"
        "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65" + re.escape(common) + "]"
    )


@functools.lru_cache(maxsize=4096)
def utf8_head(ch: str, codec: str = "gbk") -> bool:
    """Whether ``ch`` in GBK (or ``codec``) is a UTF-8 lead byte and a continuation byte (銆 = E3
    80): what UTF-8 read as GBK leaves before a ``?`` when the character's last byte was lost."""
    try:
        data = ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and 0xE0 <= data[0] <= 0xEF and 0x80 <= data[1] <= 0xBF


@functools.lru_cache(maxsize=4096)
def big5_utf8_lead(ch: str) -> bool:
    """Whether ``ch`` in Big5 ends with the lead byte of a three-byte UTF-8 CJK character (望 = B1
    E6): UTF-8 read as Big5 leaves one before a ``?`` where the continuation bytes could not pair."""
    try:
        data = ch.encode("cp950")
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and 0xE3 <= data[1] <= 0xE9


NEAR = 8  # characters on either side of a ? (on its line) where other marks show UTF-8 losing bytes


def lost_byte_mark(text: str, i: int) -> bool:
    """Whether the ``?`` at ``i`` may stand for lost bytes: the nearest character on either side
    that is not itself a ``?`` is suspicious (``涓?枃``) and does not pair up with the character
    beyond it as the model knows real words do (``咖啡?`` is a question); so is a ``?`` after a
    character whose GBK bytes begin a UTF-8 character (``銆?`` was ``。``), and one after a
    character whose Big5 bytes end in a UTF-8 lead byte with two more marks near (``游?望??``). A
    ``?`` beside clean text is a mark."""
    pattern = suspicious_re()
    bigram = _model.load().bigram
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(text) and text[j] == "?":
            j += step
        if 0 <= j < len(text) and (pattern.match(text[j]) or (step < 0 and utf8_head(text[j]))):
            k = j + step
            pair = (text[k] + text[j] if step < 0 else text[j] + text[k]) if 0 <= k < len(text) else ""
            if pair not in bigram:
                return True
    # UTF-8 read as Big5 loses about every other byte, and the characters it leaves may all be
    # common (游?望??120): a ? after one whose Big5 bytes end in a UTF-8 lead, among two more marks.
    if i > 0 and big5_utf8_lead(text[i - 1]):
        near = text[max(0, i - NEAR):i + NEAR + 1].split("\n")[text.count("\n", max(0, i - NEAR), i)]
        if near.count("?") + near.count("\ufffd") >= 3:
            return True
    return False
