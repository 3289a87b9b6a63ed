"""CJK mojibake: text that was decoded with the wrong codec, found and decoded again.

One scan finds suspicious clusters (characters the model finds rare, private-use, Latin-1 letters,
U+FFFD, ``?`` beside them). Around each cluster a bounded set of windows is tried against every
plan (a wrong decoding, or a chain of two); a plan's result replaces the window only when the
model scores it clearly better than the text as it is. Where bytes were lost (U+FFFD, ``?``, or a
character the wrong decoder dropped) and the intended codec is UTF-8, the missing bytes are
searched for: each hole is filled with the bytes that give the most plausible characters, and a
character may have lost all its bytes (UTF-8 read as Big5 loses about every other byte).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import re
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from .. import model as _model
from ..changes import Change
from ..chars import CJK_PUNCT, is_cjk_punct, is_han, is_pua, is_zhuyin
from ..config import Config
from ..convert import other_script, script_chars
from ..suspect import RARE, lost_byte_mark, suspicious_re, utf8_head
from . import latin

Plan = Tuple[Tuple[str, str], ...]  # ((read_as, meant), ...): encode with read_as, decode with meant

SLOPPY = "sloppy-windows-1252"  # ftfy's cp1252 that round-trips the five undefined bytes
STEPS: Tuple[Tuple[str, str], ...] = (
    ("gb18030", "utf-8"),  # UTF-8 read as GBK
    ("cp950", "utf-8"),  # UTF-8 read as Big5
    ("latin-1", "gb18030"),  # GBK read as Latin-1
    (SLOPPY, "gb18030"),  # GBK read as cp1252
    ("latin-1", "cp950"),  # Big5 read as Latin-1
    (SLOPPY, "cp950"),  # Big5 read as cp1252
    ("gb18030", "cp950"),  # Big5 read as GBK
    ("cp950", "gb18030"),  # GBK read as Big5
)
# Latin steps: alone they only compete with the CJK plans (when one wins, the window is left to
# ftfy in repair/latin.py, so neither fixer eats the other's text); in chains they are links.
CHAIN_ONLY = ((SLOPPY, "utf-8"), ("latin-1", "utf-8"))
MARGIN = 6.0  # nats a repair must gain over the text as it is
MAX_CLUSTER_GAP = 3  # clean characters that may separate suspicious ones in one cluster
EDGE = 3  # characters a window may extend beyond its cluster on either side
SHRINK = 2  # characters a window may start or end inside its cluster
MAX_WINDOW = 400  # characters; longer clusters are cut into pieces this long
PLAUSIBLE = -9.5  # mean log-probability a repair's Han characters must reach: real text does
PLAUSIBLE_UTF8 = -11.0  # ... where UTF-8 decoded two characters of three bytes or more (see _plausible)
CHAIN_COST = 3.0  # nats a chain of two decodings must win by beyond MARGIN: it tries more hypotheses
MAX_HOLES = 3  # lost places searched in one window: marks and dropped characters together
MAX_MARKS = 30  # ? or U+FFFD marks in one window (UTF-8 read as Big5 loses about every other byte)
LINE_MARKS = 100  # ... in a window that is a whole line: a garbled line is refilled in one search
TWO_BYTE_MARKS = 8  # up to this many marks in a window, one of them may stand for two lost bytes
MAX_OPTIONS = 150  # characters tried for one slot with lost bytes
BEAM = 30  # texts the lost-byte search keeps at each byte offset
ONE_CHAR_COST = 6.0  # nats a lossless repair of one character must win by beyond MARGIN
ASCII_WORD_COST = 2.5  # ... a GBK↔Big5 swap of one or two characters beside an ASCII word (see _beside_ascii_word)
SWAP_SIGN_COST = 4.0  # nats a lone swap sign (see _SWAP_SIGN) costs beyond the model in a line of Chinese
STRAY_KANA_COST = 8.0  # nats a kana costs beyond the model standing alone among ASCII words (see _stray_kana_line)
NOT_JAPANESE_KANA_COST = 4.0  # nats a lone kana costs beyond that in a line that cannot be Japanese (see _not_japanese)
LOSSY_COST = 4.0  # nats a fill of guessed bytes must win by beyond MARGIN
FILLS_KEPT = 100_000  # fills kept for a text's second pass (see _best_window): some 40 MB, those of 70,000 characters
TWO_BYTE_MARK_COST = 3.0  # nats for reading a mark as two lost bytes (Python's decoders lose one)
# nats for a lost byte that the wrong decoder could have read with the byte after it (so it would
# not have lost it): the garbled piece may have ended there, so not impossible.
UNLIKELY_BYTE_COST = 4.0
# nats for a guessed character (lost bytes, here and in misaligned.py) of the script its line does
# not use (長 among Simplified)
OTHER_SCRIPT_COST = 3.0
NEARBY = 100  # characters either side of a cluster that tell whether its line is Japanese
GROW_GAIN = 3.0  # nats a character beside a GBK↔Big5 swap must gain to be swapped too (see _grow)
MAX_DIGITS = 8  # ... or after a number of at most this many digits
DOC_EVIDENCE = 3  # lines around one a wrong decoding must repair to count for it (see _evidence)
EVIDENCE_LINES = 10  # lines either side of one that tell how the text around it was garbled
EXTEND_SLACK = 2.0  # nats per character a repair may lose when grown to its line's edges
EVIDENT_MARGIN = 2.0  # nats a decoding must gain in a line most lines around which it repaired
EVIDENT_SLACK = 5.0  # ... by a decoding that repaired the line's or its neighbours' other text
UNCOMMON = -9.0  # a Han character scored below this is not everyday (between this and RARE: 锛 屾)
_CP1252_SIGNS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))  # € ‚ ƒ … Ÿ
_INVISIBLE = frozenset("\xa0\xad\u200b\u200c\u200d\u2060\ufeff")  # no Chinese repair makes these
_EITHER = frozenset("“”‘’—…")  # cp1252 signs that are Chinese punctuation too: on neither side of a run's edge
_QUESTION = "?\ufffd"
_MARK = re.compile("[?\ufffd]")  # (found at C speed: most lines hold none)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
QUOTE_PAIRS = ("“”", "‘’", "「」", "『』", "《》", "（）")  # (opening, closing): titles and brackets close as quotes do
CLOSING_QUOTES = frozenset(close for _, close in QUOTE_PAIRS)
_OPENING = {close: open_ for open_, close in QUOTE_PAIRS}
_PAIRED = QUOTE_PAIRS + ("〈〉", "【】", "〔〕", "〖〗")  # the marks whose pairing a repair is scored by (see _pairing)
# What GBK↔Big5 swaps make of them: Big5's “ ” ‘ ’ read as GBK, GBK's “ ” ‘ ’ 「 」 『 』 《 》 〈 〉 【 】
# （ ） read as Big5.
_SWAPPED_MARKS = frozenset("¨〃ˉˇ" "※§＆＊☆★◇◆▲◎●△▽▼ㄗㄘ")
_SPACED_SIGNS = frozenset("¨〃")  # of them, the ones text writes between spaces too (see _clusters)
_PAIR_MARKS = frozenset("".join(_PAIRED))
_PAIR_OF = {c: k for k, pair in enumerate(_PAIRED) for c in pair}
_DOUBLED_MARK = re.compile("([" + "".join(_PAIRED) + "])\\1")
_PAIR_MARK = re.compile("[" + "".join(_PAIRED) + "]")
_SWAPPED_MARK = re.compile("[" + "".join(sorted(_SWAPPED_MARKS)) + "]")
QUOTE_BALANCE = 3.0  # nats for or against a mark a repair makes, by whether its quotation is open (see _pairing)
SWAPS = (("gb18030", "cp950"), ("cp950", "gb18030"))  # GBK ↔ Big5: one double-byte character for another


def _plans() -> List[Plan]:
    """Every step alone, then every chain of two. A chain never begins by undoing a GBK↔Big5 swap:
    text swapped last was Han text saved in the other codec, and the garbled Han text a first
    wrong decoding leaves (涓枃) has no Big5 form; and a swap undone before UTF-8 read as either
    codec is that codec's own UTF-8 step."""
    singles = [(s,) for s in STEPS + CHAIN_ONLY]
    chains = [(a, b) for a in STEPS + CHAIN_ONLY for b in STEPS + CHAIN_ONLY
              if a != b and not (a in CHAIN_ONLY and b in CHAIN_ONLY) and a not in SWAPS]
    return singles + chains


PLANS = _plans()


@functools.lru_cache(maxsize=None)
def _plans_from(steps: Tuple[Tuple[str, str], ...]) -> Tuple[Plan, ...]:
    """The plans whose first step is one of ``steps``, in PLANS order: single steps, then chains."""
    return tuple(plan for plan in PLANS if plan[0] in steps)


_LATIN = frozenset((step,) for step in CHAIN_ONLY)
_CHAR_FOR_CHAR = frozenset((step,) for step in SWAPS)


def _is_hard(ch: str) -> bool:
    """A character that is almost only ever mojibake in Chinese text."""
    cp = ord(ch)
    return (ch == "\ufffd" or is_pua(ch) or 0x80 <= cp <= 0x24F or 0x2500 <= cp <= 0x257F
            or 0x3100 <= cp <= 0x312F or 0x0370 <= cp <= 0x04FF or ch in _model.CJK_ODD)


@functools.lru_cache(maxsize=1 << 14)
def _hit(ch: str) -> Tuple[float, bool]:
    """What the scan needs of one suspicious character by itself: its score by the tables' model,
    and whether it is almost only ever mojibake (a ``?`` the scan keeps: a mark for lost bytes)."""
    if ch == "?":
        return 0.0, True
    return _model.load().char(ch), _is_hard(ch)


def _joins_marks(text: str, i: int, found: List[List]) -> bool:
    """Whether the ``?`` at ``i`` follows, within MAX_CLUSTER_GAP on its line, a cluster that holds
    marks for lost bytes: more of them (120??? after 游?望?? is UTF-8 read as Big5, 回 lost whole)."""
    if not found or i - found[-1][1] > MAX_CLUSTER_GAP or "\n" in text[found[-1][1]:i]:
        return False
    cluster = text[found[-1][0]:found[-1][1]]
    return "?" in cluster or "\ufffd" in cluster


def _lone_sign(text: str, s: int, e: int) -> bool:
    """A Latin-1 sign alone (» in 首页 »聚焦, © before 2024): real text uses these. It could be half
    of a GBK or Big5 character only with an ASCII trail byte (0x40–0x7E) after it (¤@ is 一), or
    be a whole swapped one, a quotation mark glued to its word (¨ of 示¨/etc: see _glued_quote)."""
    ch = text[s]
    if e - s != 1 or not ("\xa0" <= ch <= "\xbf" or ch in "\xd7\xf7"):
        return False
    return not (e < len(text) and "\x40" <= text[e] <= "\x7e") and not _glued_quote(text, s)


def _clusters(text: str) -> List[Tuple[int, int]]:
    """Spans of suspicious characters, gaps of at most MAX_CLUSTER_GAP clean characters merged,
    never across a line break, then grown over weak characters beside them (kana, ※). A cluster
    qualifies with two suspicious characters (weak ones joined count), one very rare one, one
    that is almost only ever mojibake (a lone kana beside Han or a digit, a ``?`` for lost bytes, a
    swapped quotation mark that pairs up once swapped back; a Latin-1 sign alone, » ©, is not),
    one whose GBK bytes start a UTF-8 character that the next character's bytes go on with (骞 of 骞达紝, 年，), or one that a GBK↔Big5 swap with its
    neighbours makes common (夔 of 祥夔掩, 不能被: see _swap_across)."""
    m = _model.load()
    found: List[List[int]] = []
    hits = [hit.start() for hit in suspicious_re().finditer(text)]
    lone = set(_lone_kana(text) + _kana_signs(text)) if _KANA.search(text) else set()
    # A mark a GBK↔Big5 swap makes of a quotation mark, where swapping it back pairs the line's
    # marks better (※ of `例如 ※/dev/sdx”` is GBK's “ read as Big5), is as good as a lone kana.
    mending = {hit.start() for hit in _SWAPPED_MARK.finditer(text) if _mends_pairs(text, hit.start(), hit.end())}
    lone.update(mending)
    # So is one glued to its word as quotation marks are (see _glued_quote: ¨ of `示¨/etc/motd`).
    lone.update(_glued_quotes(text))
    lone.update(i for i in hits if _number_sign(text, i))  # (the scan finds each of them: 掳 of 25掳C)
    if lone:
        hits = sorted(lone.union(hits))
    for i in hits:
        ch = text[i]
        if ch == "?" and not lost_byte_mark(text, i) and not _joins_marks(text, i, found):
            continue
        if ch == "\xb7" and 0 < i < len(text) - 1 and _wide(text[i - 1]) and _wide(text[i + 1]):
            continue  # a middle dot between Chinese (乔治·韦, ２·５): Latin-1 mojibake has Latin-1 beside it
        if ch in _SPACED_SIGNS and (i == 0 or text[i - 1].isspace()) and (i + 1 == len(text) or text[i + 1].isspace()):
            continue  # a ditto mark or accent between spaces (一月 〃 〃): Big5's ” or “ read as GBK is glued to a word
        low, hard = _hit(ch)
        hard = hard or i in lone or (ch in _ODD_UNITS and _odd_unit(text, i))
        if found and i - found[-1][1] <= MAX_CLUSTER_GAP and text.find("\n", found[-1][1], i) < 0:
            last = found[-1]
            last[1] = i + 1
            last[2] += 1
            if low < last[3]:
                last[3] = low
            last[4] = last[4] or hard
        else:
            found.append([i, i + 1, 1, low, hard])
    spans = []
    for s, e, n, low, hard in found:
        s2, e2 = _extend(text, s, e)
        if s2 < s or e2 > e:  # the weak characters joined count as suspicious ones
            n += sum(1 for c in text[s2:s] + text[e:e2] if _is_weak(c))
        if ((hard and not _lone_sign(text, s2, e2)) or low < -13.0
                or (n == 1 and (_utf8_across(text, s2) or _utf8_bridge(text, s2) or _swap_across(text, s2, e2, m)
                                or (mending and not mending.isdisjoint(range(s2, e2)))))
                or (n >= 2 and (_unlikely(text, s2, e2, m) or _unlikely_run(text, s2, e2, m)))):
            # Marks right beside garbled text are its lost bytes, whatever stands beyond them.
            while e2 < len(text) and text[e2] in _QUESTION:
                e2 += 1
            while s2 > 0 and text[s2 - 1] in _QUESTION:
                s2 -= 1
            if not hard and s2 == s and e2 == e and _words_explain(text, s, e, m):
                continue
            spans.append((s2, e2))
    return spans


FEW_HAN = 4  # Han characters at most in a line of ASCII whose Han is tried with the swaps (see _few_han_runs)
_H = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # the Han characters Big5 and GBK hold
_A = "\\t\\r\\x20-\\x7e"
# ASCII (printable, or tab) with one or two runs of Han characters, FEW_HAN at most in each.
_FEW_HAN = f"[{_A}]*+[{_H}]{{1,{FEW_HAN}}}+[{_A}]*+(?:[{_H}]{{1,{FEW_HAN}}}+[{_A}]*+)?"
_FEW_HAN_LINE = re.compile(_FEW_HAN)
# Found from the line break before it (a literal first: found at C speed), and rejected at once
# where the line begins with a longer run of Han characters, as Chinese text's lines do.
_FEW_HAN_AFTER_BREAK = re.compile(f"\\n(?=[{_A}]|[{_H}]{{1,{FEW_HAN}}}+[{_A}])({_FEW_HAN})(?=\\n|\\Z)")
_HAN_RUN = re.compile(f"[{_H}]+")
_ASCII_SIGN = re.compile("[!-~]")


def _few_han_runs(text: str) -> List[Tuple[int, int]]:
    """The Han runs of the few-Han lines of ``text``: lines of ASCII with at most FEW_HAN Han
    characters in one or two runs and no other character, holding an ASCII letter, digit or sign
    (a line of Han alone is a title or a name). In such a line, a piece of technical text, a menu
    name or a command's help, a GBK↔Big5 swap often makes only common characters (`5. 虏虫 shell`,
    簡單 read as GBK; `procfs 睿 sysfs`, 和 read as Big5), and the scan finds nothing to search.
    One scan, whose matches are rare in Chinese text."""
    lines = [hit.span(1) for hit in _FEW_HAN_AFTER_BREAK.finditer(text)]
    first = _FEW_HAN_LINE.match(text)
    if first is not None and (first.end() == len(text) or text[first.end()] == "\n"):
        lines.insert(0, first.span())
    found = []
    for s, e in lines:
        runs = [run.span() for run in _HAN_RUN.finditer(text, s, e)]
        if sum(j - i for i, j in runs) <= FEW_HAN and _ASCII_SIGN.search(text, s, e):
            found += runs
    return found


def _few_han_clusters(text: str, clusters: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """The Han runs of few-Han lines (see _few_han_runs) in lines no cluster is in."""
    runs = _few_han_runs(text)
    if not runs or not clusters:
        return runs
    taken = {_line_start(text, s) for s, _ in clusters}  # (a cluster never spans a line break)
    return [(s, e) for s, e in runs if _line_start(text, s) not in taken]


_KANA_CLASS = "[\u3041-\u30ff]"  # hiragana and katakana letters (the model's kana glue uses the same)
_KANA = re.compile(_KANA_CLASS)
_LONE_KANA = re.compile(f"(?<=[\u3400-\u9fff0-9]){_KANA_CLASS}(?!{_KANA_CLASS})|(?<!{_KANA_CLASS}){_KANA_CLASS}(?=[\u3400-\u9fff0-9])"
                        f"|(?<=[0-9] ){_KANA_CLASS}(?!{_KANA_CLASS})|(?<!{_KANA_CLASS}){_KANA_CLASS}(?= [0-9])")
_KANA_ALONE = re.compile(f"(?<!{_KANA_CLASS}){_KANA_CLASS}(?!{_KANA_CLASS})")  # with no kana beside it
_KANA_RUN = re.compile(f"{_KANA_CLASS}{{2}}")
_SHORT_KANA_RUN = re.compile(f"(?<=[\u3400-\u9fff0-9]){_KANA_CLASS}{{2,3}}(?!{_KANA_CLASS})"
                             f"|(?<!{_KANA_CLASS}){_KANA_CLASS}{{2,3}}(?=[\u3400-\u9fff0-9])")
# Swap signs: kana, bopomofo letters and box-drawing characters. Alone in a line of Chinese they are
# GBK and Big5 read in each other's codec (週末 → 秅ソ; ：→ ㄩ and ，→ ㄛ in GBK read as Big5; 或 →
# ┪ in Big5 read as GBK), and each costs SWAP_SIGN_COST there; a run of one kind is Japanese,
# zhuyin or a drawn table, and costs nothing.
# The unit and other signs of GBK's row A9 (㎝ ㏄ ㊣ ℡ ㈱) are swap signs too where no digit stands
# before them: Big5's 和 周 呼 命 固 read as GBK (SUB ㎝ FUNCTION); after a digit they are units (5㎝).
_ODD_UNITS = "㎎㎏㎜㎝㎞㎡㏄㏎㏑㏒㏕㊣℡㈱"
# So are the pinyin letters of GBK's row A8 standing outside a Latin word: Big5's 見 角 言 車 里 read as
# GBK (參見 → 把ǎ); pinyin writes them inside its syllables (nǐ hǎo).
_PINYIN = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêɑńňɡ"
_SWAP_SIGN = re.compile(f"[\u3041-\u30ff\u3105-\u312f\u2500-\u257f]|(?<![0-9０-９])(?<![0-9０-９] )[{_ODD_UNITS}]"
                        f"|(?<![A-Za-z\u00c0-\u024f])[{_PINYIN}](?![A-Za-z\u00c0-\u024f])")
_SWAP_SIGN_RUN = re.compile("[\u3041-\u30ff]{2}|[\u3105-\u312f\u02c7\u02ca\u02cb\u02d9]{2}|[\u2500-\u257f]{2}")


# Big5's “ ” read as GBK (¨ 〃) and GBK's read as Big5 (※ §), by the side of the word a quotation
# mark is glued to (see _glued_quote).
_GLUED_OPENING = "¨※"
_GLUED_CLOSING = "〃§"
_GLUED_QUOTE = re.compile(f"[{_GLUED_OPENING}{_GLUED_CLOSING}]")
_VOWELS = frozenset("AEIOUYaeiouy")


def _glued_quote(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a quotation mark a GBK↔Big5 swap made, glued to the word it quotes
    as quotation marks are and the signs are not: ¨ or ※ right before a word and after none
    (`¨/etc/fstab`, `使用 ※Linux`), 〃 or § right after a word and before none (`free〃 `). A ditto
    mark stands apart (一月 〃), as does § before its number (§ 3); ※ comes before a note in
    Chinese or Japanese (※注意), so it counts only before ASCII; a diaeresis a PDF detached from its
    letter stands right after it (na¨ıve) or before a vowel (¨Uber), so ¨ before one counts only
    where the line holds Chinese."""
    ch = text[i]
    if ch in _GLUED_OPENING:
        if i + 1 >= len(text) or text[i + 1].isspace() or (i > 0 and _latin_alnum(text[i - 1])):
            return False
        nxt = text[i + 1]
        if ch == "※":
            return "!" <= nxt <= "~"
        return nxt not in _VOWELS or _has_chinese(text[_line_start(text, i):_line_end(text, i)])
    if ch in _GLUED_CLOSING:
        return (i > 0 and not text[i - 1].isspace() and text[i - 1] != ch
                and (i + 1 == len(text) or not _latin_alnum(text[i + 1])))
    return False


def _latin_alnum(ch: str) -> bool:
    """A Latin letter or a digit."""
    return ch <= "\u024f" and ch.isalnum()


def _glued_quotes(text: str) -> List[int]:
    """Where ``text`` holds a quotation mark a GBK↔Big5 swap made glued to a word (see _glued_quote)."""
    if not any(ch in text for ch in _GLUED_OPENING + _GLUED_CLOSING):  # (a search for each is faster than a scan for all)
        return []
    return [hit.start() for hit in _GLUED_QUOTE.finditer(text) if _glued_quote(text, hit.start())]


def _glued_big5_mark(text: str, i: int) -> bool:
    """Whether ``text[i]`` is ¡ glued to what stands before it and followed by an ASCII byte of
    Big5's first punctuation row (A1 40-7E: ，、。．‧；：？！): Big5's ， read as Latin-1 is ¡A
    (`news¡A`, `group(5)¡A`), while Spanish opens an exclamation with ¡ after a space (¡Hola!)."""
    return (text[i] == "\xa1" and 0 < i and not text[i - 1].isspace() and text[i - 1] not in "([{\"'«“‘¿¡"
            and i + 1 < len(text) and "\x40" <= text[i + 1] <= "\x7e")


def _number_signs() -> Dict[str, str]:
    """The Han characters that the UTF-8 of a sign written beside numbers makes when read as GBK or
    Big5, each with its sign: 掳 and 簞 for °, 脳 for ×, 卤 and 簣 for ±."""
    made: Dict[str, str] = {}
    for sign in "°×±":
        for codec in ("gb18030", "cp950"):
            try:
                made[sign.encode("utf-8").decode(codec)] = sign
            except UnicodeDecodeError:
                pass
    return made


_NUMBER_SIGN_OF = _number_signs()


def _number_sign(text: str, i: int) -> bool:
    """Whether ``text[i]`` is what a sign beside a number became in UTF-8 read as GBK or Big5 (see
    _number_signs), standing where the sign stands: ° after a digit (25°C read as GBK is 25掳C), ×
    between digits (2脳3), ± before one (卤5)."""
    sign = _NUMBER_SIGN_OF.get(text[i])
    if sign is None:
        return False
    after_digit = i > 0 and "0" <= text[i - 1] <= "9"
    before_digit = i + 1 < len(text) and "0" <= text[i + 1] <= "9"
    return after_digit if sign == "°" else before_digit and (after_digit or sign == "±")


def _odd_unit(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a sign of GBK's row A9 with no number before it (see _ODD_UNITS): the
    digits of a word are no number (`amd64 ㎝ firmware`: 和 read as GBK)."""
    if text[i] not in _ODD_UNITS:
        return False
    k = i - 1 if i > 0 and text[i - 1] == " " else i
    if not (k > 0 and text[k - 1].isdigit()):
        return True
    while k > 0 and text[k - 1].isdigit():
        k -= 1
    return k > 0 and text[k - 1].isascii() and (text[k - 1].isalpha() or text[k - 1] == "_")


# Vertical and small forms (︽ ﹐ ﹜): text extracted from vertical print aside, only Big5 and GBK
# read in each other's codec put them in a line, with Chinese around or not (︽ Secure Shell).
_FORMS = re.compile("[\ufe10-\ufe1f\ufe30-\ufe4f\ufe50-\ufe6b]")


def _codec_sign(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a sign that only a GBK↔Big5 confusion puts there, in any line: a
    vertical or small form, a sign of GBK's row A9 with no digit before it (see _ODD_UNITS), a small
    kana that follows no kana (see _SMALL_KANA_FIRST), a katakana letter with no kana beside it
    (示 in Big5 read as GBK is ボ: Japanese writes katakana in runs, and alone only ヶ ヵ ケ カ ノ
    of 一ヶ月, 一ノ瀬), any other kana with none beside it in a line that cannot be Japanese (see
    _not_japanese; の aside, which Taiwanese writes for 的), a bopomofo letter with none beside it
    (GBK's full-width （ and ： read as Big5 are ㄗ and ㄩ; zhuyin runs its letters and tones
    together), a quotation mark a swap made glued to its word (see _glued_quote), a box-drawing
    character that no table draws standing alone in its line (see _stray_box)."""
    ch = text[i]
    if "\u2500" <= ch <= "\u257f":
        return _stray_box(text[_line_start(text, i):_line_end(text, i)])
    if "\u3105" <= ch <= "\u312f":
        return not any(is_zhuyin(text[k]) for k in (i - 1, i + 1) if 0 <= k < len(text))
    if "\u3041" <= ch <= "\u30fa" and not any(
            "\u3041" <= text[k] <= "\u30ff" for k in (i - 1, i + 1) if 0 <= k < len(text)):
        if _kana_sign(ch, _lone_kana_signs(text[_line_start(text, i):_line_end(text, i)])):
            return True
    return (bool(_FORMS.match(ch)) or _odd_unit(text, i) or bool(_SMALL_KANA_FIRST.match(text, i))
            or _glued_quote(text, i))


_KATAKANA_ALONE = frozenset("ヶヵケカノ")  # katakana that Japanese writes alone among kanji (一ヶ月, 一ノ瀬)


def _kana_sign(ch: str, line_signs: bool) -> bool:
    """Whether ``ch``, a kana letter with no kana beside it, is a codec sign (see _codec_sign): a
    katakana letter Japanese does not write alone, or any kana but の where ``line_signs`` (its line
    is one whose lone kana all are, see _lone_kana_signs)."""
    return ("\u30a1" <= ch and ch not in _KATAKANA_ALONE) or (line_signs and ch != "の")


def _lone_kana_signs(line: str) -> bool:
    """Whether every lone kana of ``line`` is a codec sign: the line cannot be Japanese (see
    _not_japanese), or is ASCII words with kana strewn among them (see _stray_kana_line)."""
    return _not_japanese(line) or _stray_kana_line(line)


def _line_start(text: str, i: int) -> int:
    """Where the line that holds ``text[i]`` starts: after its line break, or at the text's start."""
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    """Where the line that holds ``text[i]`` ends: its line break, or the text's end."""
    nl = text.find("\n", i)
    return len(text) if nl < 0 else nl


@functools.lru_cache(maxsize=1 << 14)
def _shift_jis(ch: str) -> Optional[int]:
    """``ch``'s Shift_JIS (cp932) code as a number, or None where Shift_JIS cannot write it."""
    try:
        return int.from_bytes(ch.encode("cp932"), "big")
    except UnicodeEncodeError:
        return None


def _jis_level_1(ch: str) -> bool:
    """Whether ``ch`` is a kanji of JIS X 0208's first level (Shift_JIS 889F–9872): the everyday
    kanji that Japanese writes almost all its text with (of 33,949 Japanese message strings with
    kanji, 53 use any other)."""
    code = _shift_jis(ch)
    return code is not None and 0x889F <= code <= 0x9872


def _not_japanese(line: str) -> bool:
    """Whether ``line`` holds a Han character outside JIS level 1 (see _jis_level_1) and no two
    kana side by side: Chinese, Simplified (们, 这) or Traditional (內, 資, 顯), not Japanese, so a
    lone kana there is a GBK↔Big5 swap (い選取 was 中選取), whatever stands beside it. Japanese
    lines that use no kana run use only everyday kanji."""
    return _KANA_RUN.search(line) is None and any(is_han(c) and not _jis_level_1(c) for c in line)


# A small kana that follows no kana (っ ッ: no kana or Han, 言って): Japanese writes one only after
# the kana it modifies, so one that begins a word is Big5 read as GBK (文件 → ゅン, 文 → ゅ). The
# model scores the same (its SMALL_KANA).
_SMALL_KANA_FIRST = re.compile(
    "(?<![\u3041-\u30ff])[" + "".join(sorted(_model.SMALL_KANA - set("っッ"))) + "]"
    "|(?<![\u3041-\u30ff\u3400-\u9fff])[っッ]")


def _lone_kana(text: str) -> List[int]:
    """Kana standing alone beside a Han character or a digit, in lines with no two kana in a row:
    Big5 and GBK bytes read in the other codec (週末 → 秅ソ, 7月1日 → 7る1ら), not Japanese, which
    runs kana together; runs of two or three kana beside a Han character or a digit in a line
    that holds a Han character Shift_JIS lacks, which cannot be Japanese (ずみ of 的ずみ侥突 was 內心
    衝; see _japanese); and small kana that follow no kana, in any line (see _SMALL_KANA_FIRST)."""
    out = [m.start() for m in _SMALL_KANA_FIRST.finditer(text)]
    pos = 0
    for line in text.split("\n"):
        if not _KANA_RUN.search(line):
            chinese = _not_japanese(line)  # (its kana between Han characters are no particles: 核み家舱 was 核心模組)
            out.extend(pos + m.start() for m in _LONE_KANA.finditer(line)
                       if not _particle(line, m.start()) or (chinese and line[m.start()] != "の"))
        elif any(map(_not_in_shift_jis, line)):  # not Japanese (see _japanese): its short kana runs are swapped too
            out.extend(pos + m.start() for m in _SHORT_KANA_RUN.finditer(line))
        pos += len(line) + 1
    return sorted(set(out))


def _kana_signs(text: str) -> List[int]:
    """The kana of ``text`` that are codec signs (see _codec_sign), beside a Han character or not
    (い of `alc い，您可以`), found line by line: each line is looked at once, not once a kana."""
    out = []
    pos = 0
    for line in text.split("\n"):
        line_signs = _lone_kana_signs(line)  # (false in a line with a kana run: both tests ask)
        out.extend(pos + k.start() for k in _KANA_ALONE.finditer(line)
                   if k.group() <= "\u30fa" and _kana_sign(k.group(), line_signs))
        pos += len(line) + 1
    return out


def _particle(line: str, k: int) -> bool:
    """Whether the kana at ``k`` stands between two Han characters the scan finds clean, as
    Japanese writes its particles (東京の天気, 猫が好き), where Big5 read as GBK leaves odd characters
    beside the kana it makes (週末 → 秅ソ). Particles are hiragana: a katakana letter alone (but
    ヶ ヵ ケ カ ノ, see _KATAKANA_ALONE) is a swap between any characters (持久腔ヲ熊 was 持久的乾旱)."""
    if not (0 < k < len(line) - 1 and is_han(line[k - 1]) and is_han(line[k + 1])):
        return False
    if "\u30a1" <= line[k] and line[k] not in _KATAKANA_ALONE:
        return False
    pattern = suspicious_re()
    return not pattern.match(line, k - 1) and not pattern.match(line, k + 1)


_WEAK = re.compile("[\u3041-\u30ff\u203b\u301d\u301e\u301f\uff03\ufe30-\ufe4f]")


def _is_weak(ch: str) -> bool:
    """A character the scan passes as clean that Big5 and GBK bytes read in the other codec often
    give (kana, ※, 〞, ＃): it never starts a cluster but joins one beside it."""
    return _WEAK.match(ch) is not None


def _is_odd(ch: str) -> bool:
    """A character the scan finds suspicious, or a weak one (see _is_weak)."""
    return suspicious_re().match(ch) is not None or _is_weak(ch)


def _extend(text: str, s: int, e: int) -> Tuple[int, int]:
    """The cluster ``[s, e)`` grown over weak characters within MAX_CLUSTER_GAP of its edges."""
    if not _WEAK.search(text, max(0, s - MAX_CLUSTER_GAP - 1), e + MAX_CLUSTER_GAP + 1):
        return s, e  # none near: the usual case, found without a loop
    while True:
        i = s - 1
        while i >= 0 and s - i <= MAX_CLUSTER_GAP + 1 and text[i] != "\n" and not _is_weak(text[i]):
            i -= 1
        if i < 0 or s - i > MAX_CLUSTER_GAP + 1 or not _is_weak(text[i]):
            break
        s = i
    while True:
        j = e
        while j < len(text) and j - e < MAX_CLUSTER_GAP + 1 and text[j] != "\n" and not _is_weak(text[j]):
            j += 1
        if j >= len(text) or j - e >= MAX_CLUSTER_GAP + 1 or not _is_weak(text[j]):
            break
        e = j + 1
    return s, e


def _wide_alnum(ch: str) -> bool:
    """A full-width ASCII letter or digit (１, ｄ): glyphs makes it ASCII."""
    return "\uff10" <= ch <= "\uff5a" and ch.isalnum()


def _wide(ch: str) -> bool:
    return is_han(ch) or _wide_alnum(ch)


def _words_explain(text: str, s: int, e: int, m: "_model.Model") -> bool:
    """Whether every suspicious character of the cluster ``[s, e)`` is real text by its
    neighbours: a Han character that makes a pair the model knows (from words or running text)
    with the Han character before or after it (窗牖 is rare, 蜻蜓 too, but they are words), a
    full-width letter or digit beside another (１９９８, where UTF-8 read as GBK leaves one alone:
    姝ｅ紡). Mojibake's characters do not pair up so (涓枃, 鍙戝竷), so such a cluster is not
    searched at all: the clean path of text rich in rare words."""
    pattern = suspicious_re()
    bigram = m.bigram
    for k in range(s, e):
        ch = text[k]
        if not pattern.match(ch):
            continue
        if _wide_alnum(ch):
            if not ((k > 0 and _wide_alnum(text[k - 1])) or (k + 1 < len(text) and _wide_alnum(text[k + 1]))):
                return False
            continue
        if not is_han(ch):
            return False
        if not ((k > 0 and is_han(text[k - 1]) and text[k - 1] + ch in bigram)
                or (k + 1 < len(text) and is_han(text[k + 1]) and ch + text[k + 1] in bigram)):
            return False
    return True


def _uncommon(text: str, k: int, m: "_model.Model") -> bool:
    """Whether ``text[k]`` is a Han character less common than everyday ones (锛 屾 of 锛屾垨 are
    not rare enough to be suspicious alone, but a rare character beside them is not alone)."""
    return 0 <= k < len(text) and is_han(text[k]) and m.char(text[k]) < UNCOMMON


def _has_chinese(text: str) -> bool:
    return any(is_han(c) and not _is_hard(c) for c in text)


SignCost = Tuple[float, float]  # nats for each swap sign, and more for each kana
_PARTICLES = frozenset("はがをにでともへやかなねよの")  # what Japanese writes alone between ASCII words (%s を %s)
_ASCII_LETTER = re.compile("[A-Za-z]")


# The box-drawing characters tables, trees, diagrams and kaomoji are drawn with, alone too (│ of
# `│   ├── a`, ╮(╯_╰)╭). Big5 read as GBK makes the rest of GBK's row A9 of common characters: ┪ 或,
# ┮ 所, ┦ 性, ┎ 府.
_TABLE_BOX = frozenset("─━│┃┄┅┆┇┈┉┊┋┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╭╮╯╰╱╲╳")
_BOX = re.compile("[\u2500-\u257f]+")


def _stray_box(line: str) -> bool:
    """Whether the box-drawing characters of ``line`` (one at least) all stand alone and none is one
    tables are drawn with (see _TABLE_BOX): GBK↔Big5 swap signs in any line (`Insert ┪ Ctrl`)."""
    runs = _BOX.findall(line)
    return bool(runs) and all(len(run) == 1 and run not in _TABLE_BOX for run in runs)


def _stray_kana_line(line: str) -> bool:
    """Whether ``line`` is ASCII words (at least one letter) with kana standing alone among them and
    nothing else beyond ASCII, no kana a Japanese particle (see _PARTICLES): a swap made them of Han
    characters (`Title is: ノ` was 用, `fice い` 中); Japanese does not write its words so."""
    if line.isascii() or not _ASCII_LETTER.search(line) or _KANA_RUN.search(line):
        return False
    return all(ch.isascii() or (_KANA.match(ch) and ch not in _PARTICLES) for ch in line)


def swap_sign_cost(line: str, context: str) -> SignCost:
    """Nats each swap sign (a kana, bopomofo letter or box-drawing character) costs beyond the
    model in ``line``, whose characters outside the text being repaired are ``context``, and what
    each kana costs beyond that. In a line with no run of them (no Japanese, zhuyin or table) one
    is mojibake, and the model's score for it (Japanese text's for kana) is far too likely:
    SWAP_SIGN_COST where the context holds Chinese, and NOT_JAPANESE_KANA_COST more for a kana
    where the line cannot be Japanese (see _not_japanese; a box-drawing ─ is a dash there too);
    half as much in a line with no other Chinese whose kana, two or more, all stand alone beside
    digits or Han (10る1ら: 10月1日), weaker evidence (1つ2つ is Japanese); STRAY_KANA_COST in a
    line of ASCII words with lone kana among them (see _stray_kana_line), where the model scores
    ノ about as it scores 用."""
    if _SWAP_SIGN_RUN.search(line):
        return 0.0, 0.0
    if _stray_kana_line(line):
        return STRAY_KANA_COST, 0.0
    if _has_chinese(context):
        return SWAP_SIGN_COST, NOT_JAPANESE_KANA_COST if _not_japanese(line) else 0.0
    if _stray_box(line):
        return SWAP_SIGN_COST, 0.0
    if len(_lone_kana(line)) >= max(2, count_swap_signs(line)):
        return SWAP_SIGN_COST / 2, 0.0
    return 0.0, 0.0


def sign_penalty(text: str, cost: SignCost) -> float:
    """What the swap signs of ``text`` cost, at ``cost`` (see swap_sign_cost)."""
    each, kana = cost
    return (each * count_swap_signs(text) if each else 0.0) + (kana * len(_KANA.findall(text)) if kana else 0.0)


def _line_score(text: str, before: str, after: str, m: "_model.Model", sign_cost: SignCost,
                avoid: FrozenSet[str]) -> float:
    """The model's score of ``text`` (between ``before`` and ``after``) in its line: less what its
    swap signs cost (``sign_cost``, see swap_sign_cost) and OTHER_SCRIPT_COST for each character of
    the script the line does not use (``avoid``). Lossless candidates and the windows they replace
    are weighed so."""
    odd = sum(ch in avoid for ch in text) if avoid else 0
    return m.score(text, before, after) - sign_penalty(text, sign_cost) - OTHER_SCRIPT_COST * odd


def count_swap_signs(text: str) -> int:
    """How many swap signs (hiragana, katakana, bopomofo, box drawing, and the signs of GBK's row A9
    with no digit before them) ``text`` holds."""
    return len(_SWAP_SIGN.findall(text))


def _utf8_across(text: str, k: int, codec: str = "gbk") -> bool:
    """Whether ``text[k]`` in GBK (or ``codec``) is a UTF-8 lead and a continuation byte and the
    next character's first byte continues it (骞达 of 骞达紝 = E5B9 B4…: 年 = E5 B9 B4): UTF-8 read
    as GBK, which common characters beside a rare one do not rule out."""
    if k + 1 >= len(text) or not utf8_head(text[k], codec):
        return False
    try:
        return 0x80 <= text[k + 1].encode(codec)[0] <= 0xBF
    except UnicodeEncodeError:
        return False


def _utf8_bridge(text: str, k: int) -> bool:
    """Whether ``text[k]`` in GBK is a UTF-8 continuation byte and a lead byte, after a character
    that is a UTF-8 lead and continuation (鐨勪 = E79A 84E4…: 的 = E7 9A 84, then 主): the character
    UTF-8 read as GBK makes across two, rare even where the one before it is not (鐨 of 的)."""
    if k < 1 or not _utf8_across(text, k - 1):
        return False
    try:
        data = text[k].encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and 0xC2 <= data[1] <= 0xEF


def _swap_across(text: str, s: int, e: int, m: "_model.Model") -> bool:
    """Whether the one suspicious character ``text[s:e]`` and a Han character either side of it,
    swapped by GBK↔Big5, become characters all common that read far better (祥夔掩 → 不能被,
    GBK read as Big5 where only 夔 is rare): a swap, which common characters beside a rare one do
    not rule out."""
    if e - s != 1 or s < 1 or e >= len(text):
        return False
    steps = _swaps_to_common(text[s])
    if not steps:
        return False  # (most rare clean characters: the one cached test on the scan's path)
    seg = text[s - 1:e + 1]
    if not all(map(is_han, seg)):
        return False
    for step in steps:
        new = _decode(seg, (step,))
        if (new is not None and len(new) == 3 and all(m.char(c) >= UNCOMMON for c in new)
                and m.score(new) > m.score(seg) + MARGIN):
            return True
    return False


def _pair_marks(text: str) -> List[str]:
    """The quotation marks and brackets of ``text``, in order: where a candidate's are its
    window's, the line's marks pair up as well with it as without."""
    return [c for c in text if c in _PAIR_MARKS] if not _PAIR_MARKS.isdisjoint(text) else []


def _marks_swapped(text: str, plan: Plan) -> str:
    """``text`` with each mark that ``plan`` (a GBK↔Big5 swap) makes a quotation mark or bracket
    of swapped back (see _SWAPPED_MARKS): what it pairs with once repaired."""
    if _SWAPPED_MARKS.isdisjoint(text):
        return text
    out = []
    for ch in text:
        if ch in _SWAPPED_MARKS:
            new = _decode(ch, plan)
            if new in _PAIR_MARKS:
                ch = new
        out.append(ch)
    return "".join(out)


def _mends_pairs(text: str, s: int, e: int) -> bool:
    """Whether the cluster ``[s, e)`` holds a mark that a GBK↔Big5 swap makes of a quotation mark or
    bracket (see _SWAPPED_MARKS), and swapping it back, with the line's other such marks, pairs the
    line's marks better (¨ of `寫入 ¨/path/to/old”` is “ read as GBK; ★ of `輸入「0 1/5★ (無引號)`
    is 」 read as Big5; ※ and § of `如果 ※/tmp§` are “ and ”)."""
    if _SWAPPED_MARKS.isdisjoint(text[s:e]):
        return False
    line = text[_line_start(text, s):_line_end(text, e)]
    return any(_pairing(_marks_swapped(line, (step,))) > _pairing(line) for step in SWAPS)


@functools.lru_cache(maxsize=4096)
def _swaps_to_common(ch: str) -> Tuple[Tuple[str, str], ...]:
    """The GBK↔Big5 swaps that make the one character ``ch`` a common one (see _swap_across)."""
    m = _model.load()
    return tuple(step for step in SWAPS for new in (_decode(ch, (step,)),)
                 if new is not None and len(new) == 1 and m.char(new) >= UNCOMMON)


_LATIN1_CHAR = re.compile("[\x80-\xff" + re.escape("".join(sorted(_CP1252_SIGNS))) + "]")
_EDGE_LATIN1 = re.compile("[\x80-\xff" + re.escape("".join(sorted(_CP1252_SIGNS - _EITHER))) + "]")  # (see _windows)


def _plausible(plan: Plan, cand: str) -> float:
    """The mean log-probability the Han characters of ``cand``, made by ``plan``, must reach: less
    where UTF-8 decoded two or more characters of three bytes (Han, Chinese punctuation), a
    structure garbage seldom has by chance (闋呴嵉 is 項鍵 read as GBK, two characters cut from 選項鍵
    that make no word alone; 閸碉紝 is 鍵，)."""
    if plan[-1][1] == "utf-8" and sum(1 for c in cand if c >= "\u0800") >= 2 and any(map(is_han, cand)):
        return PLAUSIBLE_UTF8
    return PLAUSIBLE


def _latin1(ch: str) -> bool:
    return "\x80" <= ch <= "\xff" or ch in _CP1252_SIGNS


def _utf8_stops(seg: str, codec: str) -> int:
    """How many characters of ``seg``, encoded in ``codec``, decode as UTF-8 before the first
    character where decoding fails (0 if it fails at once, cannot be encoded, or never fails)."""
    try:
        data = seg.encode(codec)
        data.decode("utf-8")
        return 0
    except UnicodeEncodeError:
        return 0
    except UnicodeDecodeError as err:
        pos = err.start
    k = total = 0
    for ch in seg:
        total += len(ch.encode(codec))
        if total > pos:
            break
        k += 1
    return k


def _unlikely_run(text: str, s: int, e: int, m: "_model.Model") -> bool:
    """Whether a run of two or more suspicious characters inside the cluster ``[s, e)`` is unlikely
    by itself: the rare real words the cluster joined (急診室 of 急診室柑澜骸) do not hide it."""
    pattern = suspicious_re()
    k = s
    while k < e:
        if not pattern.match(text, k):
            k += 1
            continue
        r = k
        while r < e and pattern.match(text, r):
            r += 1
        if (k, r) != (s, e) and r - k >= 2 and _unlikely(text, k, r, m):
            return True
        k = r
    return False


def _unlikely(text: str, s: int, e: int, m: "_model.Model") -> bool:
    """Whether the cluster reads as improbable in context (bigrams included): real words made of
    rare characters (垃圾) do not; mojibake, whose characters never pair up, does."""
    return m.score(text[s:e], before=text[max(0, s - 1):s]) < RARE * (e - s) * 0.9


@functools.lru_cache(maxsize=1 << 14)
def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def _decode(seg: str, plan: Plan) -> Optional[str]:
    try:
        for read_as, meant in plan:
            seg = seg.encode(read_as).decode(meant)
    except (UnicodeError, LookupError):
        return None
    if plan in _LATIN:
        seg = _latin_again(seg, plan[0][0])
    return seg


def _first_steps(seg: str, steps: Sequence[Tuple[str, str]]) -> Dict[Tuple[str, str], str]:
    """Each of ``steps`` that decodes ``seg`` → what it makes (as _decode makes it), each codec's
    bytes made once (a window is encoded in GBK for UTF-8 and for Big5)."""
    out: Dict[Tuple[str, str], str] = {}
    encoded: Dict[str, Optional[bytes]] = {}
    for step in steps:
        read_as, meant = step
        if read_as not in encoded:
            try:
                encoded[read_as] = seg.encode(read_as)
            except (UnicodeError, LookupError):
                encoded[read_as] = None
        data = encoded[read_as]
        if data is None:
            continue
        try:
            first = data.decode(meant)
        except UnicodeError:
            continue
        out[step] = _latin_again(first, read_as) if (step,) in _LATIN else first
    return out


def _latin_again(seg: str, codec: str) -> str:
    """``seg`` decoded from UTF-8 read as ``codec`` once more, up to twice, while it decodes: UTF-8
    read as cp1252 twice (Ã¦Ë†â€˜ → æˆ‘ → 我) is one Latin plan, as ftfy sees it, and its true
    gain decides whether the window is left to ftfy."""
    for _ in range(2):
        try:
            again = seg.encode(codec).decode("utf-8")
        except UnicodeError:
            break
        if again == seg:
            break
        seg = again
    return seg


def _describe(plan: Plan) -> str:
    return " → ".join(f"encode {a} → decode {b}" for a, b in plan)


def fix(text: str, config: Config) -> Tuple[str, List[Change]]:
    if not (config.enabled("mojibake") or config.enabled("lossy")):
        return text, []
    clusters = _clusters(text)
    few = _few_han_clusters(text, clusters)
    if few:
        clusters = sorted(clusters + few)
    if not clusters:
        return text, []
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    fills: Dict[tuple, str] = {}  # lost-byte fills, which the second pass asks for again
    new, changes = _fix_clusters(text, clusters, config, {}, frozenset(few), fills)
    # A text garbled as a whole shows it in line after line: a wrong decoding that repaired most
    # of the lines around one (see _evidence) is evidence for short repairs in it too (a name of
    # two characters, 周凡恺 read as Big5 笚歇禔, is weak evidence alone), as it is within one
    # line (see _best_window), and for repairing lines the scan found nothing in.
    evident = _evidence(text, changes)
    if evident:
        new, changes = _fix_clusters(text, clusters, config, evident, frozenset(few), fills)
        if config.enabled("mojibake"):
            changes = sorted(changes + _evident_lines(text, changes, evident), key=lambda c: c.start)
            new = _apply(text, changes)
    same = _one_codec_a_line(text, changes)
    if same is not changes:
        changes, new = same, _apply(text, same)
    return new, changes


LINE_CODEC_SLACK = 3.0  # nats a repair may lose when made again with its line's main decoding


def _one_codec_a_line(text: str, changes: List[Change]) -> List[Change]:
    """``changes`` with the repairs of each line made with one codec where they read bytes the same
    way: bytes read as Latin-1 were GBK or Big5, and a line was written in one of them. A short run
    is a toss-up between the two (或 in GBK is BB F2, »ò in Latin-1, which Big5 reads as 麼), so a
    repair that decoded otherwise than most of its line is made again with the line's decoding
    where that reads about as well (LINE_CODEC_SLACK) and is Chinese."""
    lines: Dict[int, List[int]] = {}
    for k, c in enumerate(changes):
        if c.plan in _PLAN_OF:
            lines.setdefault(_line_start(text, c.start), []).append(k)
    out = None
    m = _model.load()
    for found in lines.values():
        weight: Dict[str, int] = {}
        for k in found:
            weight[changes[k].plan] = weight.get(changes[k].plan, 0) + len(changes[k].after)
        if len(weight) < 2:
            continue
        main = max(weight, key=lambda plan: weight[plan])
        plan = _PLAN_OF[main]
        for k in found:
            c = changes[k]
            if c.plan == main or _PLAN_OF[c.plan][0][0] != plan[0][0] or weight[c.plan] * 2 > weight[main]:
                continue
            before, after = text[max(0, c.start - 1):c.start], text[c.end:c.end + 1]
            alt = _decode(c.before, plan)
            if (alt is None or alt == c.after or not _decodes_to_chinese(c.before, plan, m, before, after)
                    or m.score(alt, before, after) < m.score(c.after, before, after) - LINE_CODEC_SLACK):
                continue
            out = out or list(changes)
            out[k] = dataclasses.replace(c, after=alt, plan=main)
    return out or changes


def _evidence(text: str, changes: List[Change]) -> Dict[int, Tuple[str, ...]]:
    """Line start → the single wrong decodings of CJK text (GBK↔Big5 swaps, GBK or Big5 read as
    Latin-1, UTF-8 read as either; as described) that repaired at least DOC_EVIDENCE of the
    EVIDENCE_LINES lines either side of it that have Han characters or such a repair, and at
    least half of them: the text around it was garbled so, and likely it too (Textㄩ among them
    was Text：). A clean text with a garbled paragraph gives its other lines no such evidence
    (錨點 must not become 零點)."""
    by_line: Dict[int, set] = {}
    for change in changes:
        if change.plan in _EVIDENT_PLANS:
            by_line.setdefault(_line_start(text, change.start), set()).add(change.plan)
    if len(by_line) < DOC_EVIDENCE:
        return {}
    lines, han, pos = [], [], 0
    for line in text.split("\n"):
        if not line.isascii():
            lines.append(pos)
            if pos in by_line or any(map(is_han, line)):
                han.append(pos)
        pos += len(line) + 1
    out: Dict[int, Tuple[str, ...]] = {}
    for start in lines:
        k = bisect.bisect_left(han, start)
        after = k + 1 if k < len(han) and han[k] == start else k
        around = han[max(0, k - EVIDENCE_LINES):k] + han[after:after + EVIDENCE_LINES]
        counts: Dict[str, int] = {}
        for other in around:
            for plan in by_line.get(other, ()):
                counts[plan] = counts.get(plan, 0) + 1
        plans = tuple(plan for plan, n in counts.items() if n >= DOC_EVIDENCE and 2 * n >= len(around))
        if plans:
            out[start] = plans
    return out


def _evident_lines(text: str, changes: List[Change], evident: Dict[int, Tuple[str, ...]]) -> List[Change]:
    """Repairs of whole lines that nothing was repaired in, by a wrong decoding the text around
    them was garbled with (``evident``, see _evidence): swapped text is mostly common characters,
    which the scan passes (周凡恺 read as Big5 is 笚歇禔; 帮帮对手 is 堆堆勤忒)."""
    m = _model.load()
    touched = {_line_start(text, c.start) for c in changes}
    # The script the repaired text uses: characters of the other one cost on both sides, as they
    # do in a line (隸綻 among repaired Simplified lines was 刘红).
    avoid = other_script("".join(c.after for c in changes))
    out = []
    pos = 0
    for line in text.split("\n"):
        # (A line of Russian or Greek among garbled Chinese is none of it: see _alphabetic.)
        if pos in evident and pos not in touched and not _alphabetic(line):
            for plan in (plan for plan in _SINGLE_CJK if _describe(plan) in evident[pos]):
                new = _decode(line, plan) if _encodes(line, plan[0][0]) else None
                if new is None or new == line or not _decodes_to_han(line, plan):
                    continue  # (Han characters of any rarity: names are, 肖跃华 of 苳埲貌)
                # Swap signs cost as in a line of Chinese where a swap garbled the text around
                # (ノ of `ノ xdg-utils` was 用: the model alone scores a kana as Japanese text's).
                signs = ((SWAP_SIGN_COST, 0.0) if plan in _CHAR_FOR_CHAR and not _SWAP_SIGN_RUN.search(line)
                         else (0.0, 0.0))
                gain = (_line_score(new, "", "", m, signs, avoid)
                        - _line_score(line, "", "", m, signs, avoid))
                if gain > EVIDENT_MARGIN:
                    i, j, cand = _trim(text, pos, pos + len(line), new)
                    conf = 1.0 / (1.0 + math.exp(-(gain - EVIDENT_MARGIN) / 4.0))
                    out.append(Change("repair", "mojibake", i, j, text[i:j], cand, confidence=round(conf, 3),
                                      plan=_describe(plan)))
                    break
        pos += len(line) + 1
    return out


def _apply(text: str, changes: List[Change]) -> str:
    """``text`` with ``changes`` (in order, none overlapping) made."""
    out, pos = [], 0
    for c in changes:
        out.append(text[pos:c.start])
        out.append(c.after)
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


def _fix_clusters(text: str, clusters: List[Tuple[int, int]], config: Config,
                  evident: Dict[int, Tuple[str, ...]], few: FrozenSet[Tuple[int, int]] = frozenset(),
                  fills: Optional[Dict[tuple, str]] = None) -> Tuple[str, List[Change]]:
    """The repairs of ``clusters`` in ``text``, left to right; ``evident``: line start → decodings
    (as described) that the text around the line was garbled with (see _evidence); ``few``: the
    clusters that are Han runs of few-Han lines (see _few_han_runs); ``fills``: the lost-byte fills
    of ``text``'s windows made so far (see _best_window), kept by the caller across passes."""
    m = _model.load()
    changes: List[Change] = []
    out = []
    pos = 0
    made: Dict[int, List[str]] = {}  # line start → the decodings repairs in that line were made with
    for s, e in clusters:
        if s < pos:
            continue
        line_start = _line_start(text, s)
        for cs, ce in _pieces(text, s, e):
            if ce <= pos:
                continue
            around = evident.get(line_start, ())
            best = _best_window(text, max(cs, pos), ce, pos, m, config, made.get(line_start, []) + list(around),
                                around, (s, e) in few, fills)
            if best is None:
                continue
            i, j, new, rule, plan, gain = best
            made.setdefault(line_start, []).append(plan)
            i, j, new = _trim(text, i, j, new)
            out.append(text[pos:i])
            out.append(new)
            conf = 1.0 / (1.0 + math.exp(-(gain - MARGIN) / 4.0))
            changes.append(Change("repair", rule, i, j, text[i:j], new, confidence=round(conf, 3), plan=plan))
            pos = j
    out.append(text[pos:])
    return "".join(out), changes


def _pieces(text: str, s: int, e: int) -> List[Tuple[int, int]]:
    """The cluster ``[s, e)`` cut into pieces of at most MAX_WINDOW characters and MAX_MARKS marks,
    each searched on its own: a long garbled line is repaired piece by piece in one pass."""
    out = []
    start, marks = s, 0
    for k in range(s, e):
        if text[k] in _QUESTION:
            if marks == MAX_MARKS:
                out.append((start, k))
                start, marks = k, 0
            marks += 1
        if k + 1 - start == MAX_WINDOW:
            out.append((start, k + 1))
            start, marks = k + 1, 0
    if start < e:
        out.append((start, e))
    return out


_DEFERRED = {_describe(plan) for plan in _LATIN}
_SWAP_PLANS = {_describe(plan) for plan in _CHAR_FOR_CHAR}
_SINGLE_CJK = tuple((step,) for step in STEPS)  # one wrong decoding of CJK text
_PLAN_OF = {_describe(plan): plan for plan in _SINGLE_CJK}  # ... by its description
_EVIDENT_PLANS = frozenset(_PLAN_OF)  # what a text garbled as a whole shows (see _evidence)


_SINGLE_BYTE = frozenset(("latin-1", SLOPPY))
# Nats for reading bytes decoded as Latin-1 or cp1252 as GBK rather than Big5: GBK is by far the
# commoner codec, and a short run reads as one character in either, which the model may score
# alike (»ò is GBK's 或 and Big5's 麼, which scores 0.2 nats higher). A tie-break: held-out GBK
# read as Latin-1 rose 93.3% → 98.3% (Debian Reference zh-TW), Big5 read as Latin-1 the same.
GBK_PRIOR = 1.0
_GBK_AS_LATIN = frozenset((("latin-1", "gb18030"), (SLOPPY, "gb18030")))


def _codec_prior(plan: Plan) -> float:
    """What ``plan`` is given beside the model's score: GBK_PRIOR for GBK read as Latin-1 or cp1252.
    A tie-break between codecs only: growing a repair to its line's edges leaves it out."""
    return GBK_PRIOR if len(plan) == 1 and plan[0] in _GBK_AS_LATIN else 0.0


def _one_sign_repeated(seg: str) -> bool:
    """Whether the characters of ``seg`` beyond ASCII are one character, more than once."""
    wide = [ch for ch in seg if not ch.isascii()]
    return len(wide) > 1 and wide.count(wide[0]) == len(wide)


def _beside_ascii_word(text: str, i: int, j: int) -> bool:
    """Whether ``text[i:j]`` is Han characters or kana that touch an ASCII letter, digit or code
    sign (see _ascii_word_char) on either side, or are one space from one (預設腔 target, 睿 cfdisk,
    使ノ systemd, 黺 "aptitude"; not a sign such as ㎝ after 120)."""
    if not all(is_han(c) or _KANA.match(c) for c in text[i:j]):
        return False
    k = i - 1 - (i > 0 and text[i - 1] == " ")
    if k >= 0 and _ascii_word_char(text[k]):
        return True
    k = j + (j < len(text) and text[j] == " ")
    return k < len(text) and _ascii_word_char(text[k])


def _ascii_word_char(ch: str) -> bool:
    """An ASCII letter or digit, or a sign code writes beside words (" ' / $ < > _ = and the like),
    but not the punctuation Chinese text with half-width marks writes: , . ; : ! ? ( ) (巫昌禎(女)
    is a name, whose pairs with its neighbours the model knows no less than among Chinese)."""
    return ch.isascii() and (ch.isalnum() or (ch.isprintable() and not ch.isspace() and ch not in ",.;:!?()"))


def _trim(text: str, i: int, j: int, new: str) -> Tuple[int, int, str]:
    """Narrow a replacement of ``text[i:j]`` by ``new`` to the characters that really differ."""
    while i < j and new and text[i] == new[0]:
        i, new = i + 1, new[1:]
    while i < j and new and text[j - 1] == new[-1]:
        j, new = j - 1, new[:-1]
    return i, j, new


def _line_bounds(text: str, s: int, e: int, floor: int) -> Tuple[int, int]:
    lo = max(floor, _line_start(text, s), s - EDGE)
    return lo, min(_line_end(text, e), e + EDGE)


def _windows(text: str, s: int, e: int, floor: int) -> List[Tuple[int, int]]:
    """Windows around the cluster ``[s, e)``: each edge moved up to EDGE characters out (within the
    line) or SHRINK characters in, or to the end of the cluster's first run of suspicious characters
    or the start of its last (a cluster can join mojibake to a rare real character beside it:
    有所ÉÏÕÇ£¬Æä中西红柿), so a window can meet the mojibake's true edges."""
    lo, hi = _line_bounds(text, s, e, floor)
    starts = set(range(min(s + SHRINK, e - 1), lo - 1, -1))
    ends = set(range(max(e - SHRINK, s + 1), hi + 1))
    # Beyond the edge, characters whose GBK bytes are a UTF-8 lead and continuation byte (锛 = EF
    # BC): the garbled text's start, left outside when the cluster began later (锛圓I锛夋 is （AI）
    # read as GBK, and only 夋 on is suspicious).
    first, line_start = lo, max(floor, _line_start(text, s))
    while first > line_start and lo - first < EDGE and utf8_head(text[first - 1]):
        first -= 1
        starts.add(first)
    # Where a Latin-1 run meets wide characters (ÁË一隻), and where UTF-8 stops decoding (the
    # garbled bytes end before 王 of 銆婇湼王别姬): the mojibake's likely end, inside a cluster that
    # joined real rare characters after it; and where wide characters meet a Latin-1 run
    # (勵公職人\xadû¦b): its likely start, inside a cluster that joined rare ones before it.
    pattern = suspicious_re()
    cut = text[s:min(_line_end(text, e), s + MAX_WINDOW)]
    # Until the first Latin-1 character that can be a run's edge every character that counts is
    # wide: no run meets wide text before it, and the walk starts there (found at C speed).
    edge = _EDGE_LATIN1.search(cut)
    start_k = edge.start() if edge is not None else len(cut)
    # The last character so far that is not ASCII (ASCII between does not count: ÏíO並).
    last = next((k for k in range(start_k - 1, -1, -1) if not cut[k].isascii() and cut[k] not in _EITHER),
                -1) if edge is not None else -1
    for k in range(start_k, len(cut)):
        if cut[k].isascii() or cut[k] in _EITHER:
            continue
        if last >= 0 and _latin1(cut[last]) != _latin1(cut[k]):
            if _latin1(cut[k]):  # wide text, then a Latin-1 run (人\xadû¦b): its likely start
                if s + k < e:
                    starts.add(s + k)
            else:  # ... and a Latin-1 run, then wide text: its likely end, before or after the
                # ASCII between (¡A之 is ，之: Big5's trail bytes 40-7E read as ASCII)
                ends.update((s + last + 1, s + k))
                break
        last = k
    # A run of suspicious characters that begins with a UTF-8 lead and continuation in GBK (宸 =
    # E5 B7 of 宸茬稉: 已經), or has one just before it that the scan passed (涓 = E4 B8 before
    # 婃捣甯傜殑: 上海市的): where UTF-8 read as GBK likely begins, after clean text the cluster
    # joined (嚮導現在 before it, or the kana of a Japanese sentence around it).
    for k in range(s + 1, e - 1):
        if pattern.match(text[k]) and not pattern.match(text[k - 1]):
            starts.update(j for j in range(k, max(s, k - 2) - 1, -1) if utf8_head(text[j]))
    for start in sorted(starts):
        for codec in ("gb18030", "cp950"):
            k = _utf8_stops(text[start:s + len(cut)], codec)
            if k:
                ends.add(start + k)
    # The first run of suspicious characters alone, and the last one alone: the rest of the
    # cluster is looked at again in the next pass, in the new context.
    first_end = next((i for i in range(s + 1, e) if not pattern.match(text[i])), e)
    last_start = next((i for i in range(e - 1, s, -1) if not pattern.match(text[i - 1])), s)
    ends.add(first_end)
    starts.add(last_start)
    # In a cluster that holds a sign only a GBK↔Big5 swap makes (a swap sign, a vertical or small
    # form), or a mark it makes of a quotation mark (see _SWAPPED_MARKS), every run of odd
    # characters (suspicious or weak) begins and ends a window: the cluster can join the swapped
    # text to rare real characters after it (睲虫よ遏精靈：欄 was 清單方塊精靈：欄), where the first
    # run alone (睲) is too short to tell, and its odd runs can be apart (﹜華濘戰 was 、地雷戰).
    if (_SWAP_SIGN.search(text, s, e) or _FORMS.search(text, s, e)
            or not _SWAPPED_MARKS.isdisjoint(text[s:e])):
        odd = [_is_odd(c) for c in text[s:e]]
        ends.update(s + k for k in range(1, e - s) if odd[k - 1] and not odd[k])
        starts.update(s + k for k in range(1, e - s) if odd[k] and not odd[k - 1])
    # Just after a mark: lost bytes that end the garbled text (鑳� of 绺戒笉鑳�坐以待斃, 能 whose last
    # byte was lost before the clean 坐) are filled by a window that stops there.
    ends.update(k + 1 for k in range(s, e) if text[k] in _QUESTION and (k + 1 == e or text[k + 1] not in _QUESTION))
    return [(i, j) for i in sorted(starts, reverse=True) for j in sorted(ends) if i < j]


_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u04ff]")


# Han characters, kana, bopomofo, hangul, box drawing, CJK signs and forms, full-width forms, PUA
_EAST_ASIAN = re.compile("[\u2500-\u257f\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\ue000-\ufaff"
                         "\ufe10-\ufe6f\uff00-\uffef\U00020000-\U0003ffff]")


def _nearby(text: str, s: int, e: int) -> str:
    """``text[s:e]`` with up to NEARBY characters of its line on either side: what tells what
    language its line is written in."""
    return text[max(_line_start(text, s), s - NEARBY):min(_line_end(text, e), e + NEARBY)]


def _east_asian_near(text: str, s: int, e: int) -> bool:
    """Whether the line of ``text[s:e]`` holds East Asian text within NEARBY characters of it."""
    return _EAST_ASIAN.search(_nearby(text, s, e)) is not None


def _alphabetic(text: str) -> bool:
    """Whether ``text`` holds Greek or Cyrillic letters and nothing of East Asian scripts (Абердиншир,
    Άρτα, О’Хиггинс, кôд, ≤ 0): words of the alphabets whose letters GBK's rows A6 and A7 hold,
    where Big5 keeps common Han characters (把 is A7 E2, GBK's я). Big5 read as GBK makes them
    among Han characters, bopomofo and box drawing (ㄣΤ家, ┮Τ陆亩); no other wrong decoding of
    Chinese makes them at all."""
    return bool(_GREEK_OR_CYRILLIC.search(text)) and not _EAST_ASIAN.search(text)


def _glued_letter(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is one character glued to a Han one (建Θ100, 所Τ)."""
    return e - s == 1 and ((s > 0 and is_han(text[s - 1])) or (e < len(text) and is_han(text[e])))


def _beside_swapped(ch: str, step: Tuple[str, str]) -> bool:
    """Whether ``ch`` is text of the codec ``step`` reads into that ``step`` cannot have made."""
    return _decode(ch, (step,)) is None and _encodes(ch, step[1])


@functools.lru_cache(maxsize=4096)
def _useful_swaps(cluster: str) -> Tuple[Tuple[str, str], ...]:
    """The GBK↔Big5 swaps that turn at least half the suspicious or weak characters of
    ``cluster`` into ones the scan passes as clean (琩 → 查, 〃 → ”, じ → 元). A swap is one
    character for one, and swapped text is mostly common characters: a swap that leaves the
    cluster's odd characters odd (or cannot read them) is not what garbled them, and clean text
    with rare words (窗牖, 耄耋) is not searched for it. Odd characters at the cluster's edges
    that the swap cannot read but the codec it reads into can write are left out: real text beside
    the swapped, which a window leaves out too (瀏 of 聅凝竟ㄓ瀏覽, 瀏覽器來 read as GBK, is GBK's
    9E 67, no Big5 character, and Big5's C2 73 (聅); not 枠 of Japanese 枠の縁, which Big5 lacks)."""
    found = []
    for step in SWAPS:
        s, e = 0, len(cluster)
        while s < e and _beside_swapped(cluster[s], step):
            s += 1
        while e > s and _beside_swapped(cluster[e - 1], step):
            e -= 1
        odd = [ch for ch in cluster[s:e] if _is_odd(ch)]
        made = 0
        for ch in odd:
            new = _decode(ch, (step,))
            if new is not None and len(new) == 1 and (not _is_odd(new) or new == "\xb7"):
                made += 1  # (· is odd to the scan as Latin-1, but GB2312's too: 3﹞5 was 3·5)
        if odd and 2 * made >= len(odd):
            found.append(step)
    return tuple(found)


@functools.lru_cache(maxsize=1 << 14)
def _jis_only(ch: str) -> bool:
    """Whether ``ch`` is a kanji of Japanese's Shift_JIS that neither GB2312 nor Big5 holds (読 値
    緑 乗): Japanese's own forms. GBK read as Big5 makes only Big5 characters, and Big5 read as
    GBK mostly GB2312 ones (some of GBK's extension: 続)."""
    if not is_han(ch):
        return False
    for codec, wanted in (("cp932", True), ("gb2312", False), ("cp950", False)):
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            if wanted:
                return False
        else:
            if not wanted:
                return False
    return True


def _japanese(line: str) -> bool:
    """Whether ``line`` reads as Japanese: it holds two kana side by side and a kanji of Japanese's
    own forms (から読み取り, ごく暗い緑), no small kana that follows no kana, which Japanese never
    writes, and no Han character that Shift_JIS lacks (none of 38,892 Japanese message strings
    with a kana run holds one). Big5 read as GBK makes such kanji now and then (続 of ﹚度続ノ,
    定僅適用; 甅 of ゅンい甅, 文件中套), and lone kana often, but seldom both with a run of kana
    that Japanese could write and no Simplified form of GBK's beside them (甅ノヘ夹穓碝 has 夹)."""
    return (_KANA_RUN.search(line) is not None and any(map(_jis_only, line))
            and _SMALL_KANA_FIRST.search(line) is None and not any(map(_not_in_shift_jis, line)))


def _not_in_shift_jis(ch: str) -> bool:
    """Whether ``ch`` is a Han character that Japanese's Shift_JIS (cp932) cannot write (夹 龙 们)."""
    return is_han(ch) and _shift_jis(ch) is None


def _nothing_to_read(text: str, s: int, e: int, floor: int) -> bool:
    """Whether no window of the cluster ``[s, e)`` can hold anything but a GBK↔Big5 swap to try:
    no mark for lost bytes, no Latin-1 character, and no offset of its GBK or Big5 bytes where a
    UTF-8 character that a repair could use begins (see _feeds). Clean text with rare characters
    usually has none of these (窗牖 = D5 CA C0 CE), and its windows are not even built."""
    lo, hi = _line_bounds(text, s, e, floor)
    lo = max(floor, _line_start(text, s), lo - EDGE)  # (_windows may reach EDGE further back)
    region = text[lo:hi]
    if _MARK.search(region) or _LATIN1_CHAR.search(region):
        return False
    return not any(_feeds(ch) for codec in ("gb18030", "cp950")
                   for ch in _utf8_heads(region.encode(codec, errors="replace")))


def _decoding_steps(text: str, windows: List[Tuple[int, int]],
                    swaps: Tuple[Tuple[str, str], ...]) -> Tuple[Tuple[str, str], ...]:
    """The first steps of plans that can decode at least one of ``windows``: of the GBK↔Big5
    swaps, ``swaps``; of the others, each that reads the bytes from some window's start at least
    as far as that start's shortest window ends, found with one decoding per start (clean text
    fails at once: 窗牖 in GBK, D5 CA C0 CE, is not UTF-8)."""
    shortest: Dict[int, int] = {}
    longest: Dict[int, int] = {}
    for i, j in windows:
        shortest[i] = min(j, shortest.get(i, j))
        longest[i] = max(j, longest.get(i, j))
    encoded: Dict[str, List[Tuple[bytes, int]]] = {}  # codec: (bytes from a start, those of its shortest window)
    for codec in dict.fromkeys(read_as for read_as, _ in STEPS + CHAIN_ONLY):
        encoded[codec] = []
        for i, far in longest.items():
            try:
                data = text[i:far].encode(codec)
            except UnicodeEncodeError as err:
                if i + err.start < shortest[i]:
                    continue  # every window from i holds a character the codec cannot encode
                data = text[i:i + err.start].encode(codec)
            encoded[codec].append((data, len(text[i:shortest[i]].encode(codec))))
    found = []
    for step in STEPS + CHAIN_ONLY:
        if step in SWAPS:
            if step in swaps:
                found.append(step)
            continue
        for data, near in encoded[step[0]]:
            try:
                out = data.decode(step[1])
            except UnicodeDecodeError as err:
                if err.start < near:
                    continue
                out = data[:err.start].decode(step[1])
            if step[1] == "utf-8" and not any(map(_feeds, out)):
                continue  # only two-byte letters (GBK's 知 is UTF-8's Hebrew ֪): nothing to make of them
            found.append(step)
            break
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def _feeds(ch: str) -> bool:
    """Whether ``ch``, decoded from UTF-8 by a first step, can be part of a repair: a character of
    three or more bytes (Chinese, or the mojibake a second step undoes), a Latin-1 or cp1252 one (a
    Latin second step's), or a Chinese sign (°, ×). Other two-byte letters (Greek, Hebrew, Latin
    Extended) are neither Chinese nor what a second step reads."""
    return ch >= "\u0800" or "\x80" <= ch <= "\xff" or ch in _CP1252_SIGNS or _chinese_sign(ch)


def _lossy_codecs(text: str, windows: List[Tuple[int, int]]) -> Tuple[str, ...]:
    """The codecs whose lost bytes are worth searching for in ``windows``: all where a window
    holds a mark (``?``, U+FFFD); else those in which the bytes of all the windows together could
    hold at least two UTF-8 characters (_utf8_like needs two in any one window, and a window's
    bytes are a piece of them), which clean text in GBK or Big5 rarely does."""
    if not windows:
        return ()
    lo, hi = min(i for i, _ in windows), max(j for _, j in windows)
    region = text[lo:hi]
    if _MARK.search(region):
        return ("gb18030", "cp950")
    # A character the codec cannot encode becomes ``?``, which no UTF-8 character spans: a
    # window must leave it out to be read at all.
    return tuple(codec for codec in ("gb18030", "cp950") if _utf8_starts(region.encode(codec, errors="replace")) >= 2)


# A UTF-8 character of three or four bytes, as Python's strict decoder reads one. Its bytes after
# the first are continuation bytes, which begin none, so matches never overlap.
_UTF8_WIDE = re.compile(b"\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
                        b"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def _utf8_starts(data: bytes) -> int:
    """How many offsets of ``data`` begin a UTF-8 character of three or four bytes: at least as
    many as any decoding of any piece of it reads (see _utf8_like). One regex scan: the same count
    as the characters of _utf8_heads from U+0800 on."""
    return len(_UTF8_WIDE.findall(data))


def _utf8_heads(data: bytes):
    """The multibyte UTF-8 character that begins at each offset of ``data`` where one does, in
    order: every such character any decoding of any piece of ``data`` reads is among them."""
    for p in range(len(data) - 1):
        b = data[p]
        if 0xC2 <= b <= 0xF4:
            need = 1 if b <= 0xDF else 2 if b <= 0xEF else 3
            piece = data[p:p + need + 1]
            if len(piece) == need + 1:
                try:
                    yield piece.decode("utf-8")
                except UnicodeDecodeError:
                    continue


def _best_window(text: str, s: int, e: int, floor: int, m: "_model.Model", config: Config,
                 made: Sequence[str] = (), around: Sequence[str] = (), few: bool = False,
                 fills: Optional[Dict[tuple, str]] = None):
    """The best repair of one cluster: (start, end, text, rule, plan, gain), or None. ``made``: the
    decodings (as described) of the repairs already made earlier in the cluster's line, or in most
    lines around it; ``around``: the latter alone (see _evidence); ``few``: whether the cluster is
    a Han run of a few-Han line (see _swap_run); ``fills``: where to keep the lost-byte fills of
    ``text``'s windows, by window, codec, line start and script avoided: a text garbled as a whole
    is read twice (see fix), and the fills, its costliest part, are the same both times (windows
    that make none are not kept: they are found at once)."""
    if few:
        return _swap_run(text, s, e, m, around)
    # One rare Han character alone (纾, 喆): only a GBK↔Big5 swap can have made it (with common
    # characters beside it, 服浪琩 for 督檢查); any other wrong decoding leaves more than one, but
    # for a sign beside a number (掳 of 25掳C: see _number_sign).
    lone = (e - s == 1 and is_han(text[s]) and not _is_hard(text[s]) and not _number_sign(text, s)
            and not any(_uncommon(text, k, m) for k in (s - 1, s + 1))
            and not any(_utf8_across(text, s, codec) for codec in ("gbk", "cp950")))
    # Nothing is tried in Russian or Greek text (see _alphabetic: Аргау, `DW_CFA_??? (Определённая`),
    # and a GBK↔Big5 swap only where it makes the cluster's odd characters clean, and not in
    # Japanese text (see _japanese) nor on Greek or Cyrillic words beside Chinese (Москва), but
    # for a letter glued to a Han character (建Θ100); the text is looked at within NEARBY
    # characters of the cluster in its line.
    lo, hi = _line_start(text, s), _line_end(text, e)
    nearby = _nearby(text, s, e)
    if _alphabetic(nearby):
        return None
    # Nor in Japanese, where the cluster holds nothing that only mojibake holds: a wrong decoding
    # of UTF-8 seldom makes only characters Shift_JIS has (1 span in 100), and the line's kanji
    # rare in Chinese made clusters of whole Japanese sentences, each searched in vain.
    japanese = _japanese(nearby)
    if japanese and not any(_is_hard(c) or c in _QUESTION for c in text[s:e]):
        return None
    swaps = _useful_swaps(text[s:e])
    if swaps and (japanese or (_alphabetic(text[s:e]) and not _glued_letter(text, s, e))):
        swaps = ()
    if lone and not swaps:
        return None
    if not swaps and _nothing_to_read(text, s, e, floor):
        return None
    windows = _windows(text, s, e, floor)
    line = text[lo:hi]
    context = text[lo:s] + text[e:hi]
    chinese_line = _has_chinese(context)
    sign_cost = swap_sign_cost(line, context)
    if sign_cost[0] < SWAP_SIGN_COST and not _SWAP_PLANS.isdisjoint(made) and not _SWAP_SIGN_RUN.search(line):
        # A line of a text a swap garbled (see _evidence): its swap signs are mojibake, Chinese
        # around them or not (Textㄩ was Text：).
        sign_cost = (SWAP_SIGN_COST, sign_cost[1])
    # Characters of the script the rest of the line does not use cost on both sides: a window that
    # holds them is odd (涓枃 among Traditional), a repair that makes them is too (讲 for 睿). Found
    # when a candidate is first scored.
    avoid: Optional[FrozenSet[str]] = None
    best = None
    best_gain, best_raw = MARGIN, float("-inf")
    if config.enabled("mojibake"):
        steps = swaps if lone else _decoding_steps(text, windows, swaps)
        for i, j in windows:
            seg = text[i:j]
            before, after = text[max(0, i - 1):i], text[j:j + 1]
            base = None  # the window's own score, taken when a candidate first needs it
            # The first step is shared by a plan and its chains: decoded once, and a plan whose
            # first step cannot decode the window is never looked at.
            firsts = _first_steps(seg, steps)
            if not firsts:
                continue
            single = False  # a single CJK decoding works on this window
            for plan in _plans_from(tuple(firsts)):
                if len(plan) > 1 and single:
                    break  # a chain is tried only in a window where no single CJK decoding works
                first = firsts[plan[0]]
                cand = first if len(plan) == 1 else _decode(first, plan[1:])
                if cand is None or cand == seg or not _clean(seg, cand, m, plan in _LATIN, before, after,
                                                             _plausible(plan, cand)):
                    continue
                if plan in _CHAR_FOR_CHAR and _CYRILLIC.search(cand, *_trim(seg, 0, len(seg), cand)[:2]):
                    continue  # Big5's Cyrillic is an extension Chinese text never used (の切り → 及з曰)
                if not chinese_line and plan[0][0] in _SINGLE_BYTE and _one_sign_repeated(seg):
                    continue  # Láá, ÅÅÅÅ-MM-DD, ¡¡¡HAY: a language's doubled letter, not 後 (E1 E1)
                if avoid is None:
                    avoid = other_script(context)
                if base is None:
                    base = _line_score(seg, before, after, m, sign_cost, avoid)
                gain = raw = (_line_score(cand, before, after, m, sign_cost, avoid) - base
                              - CHAIN_COST * (len(plan) - 1) + _codec_prior(plan))
                mends = 0  # how much better the line's quotation marks and brackets pair up
                if _pair_marks(cand) != _pair_marks(seg):
                    if _DOUBLED_MARK.search(cand) and not _DOUBLED_MARK.search(seg):
                        continue  # 」」」「「 is not text, but a rating was (★★★☆☆)
                    left, right = text[lo:i], text[j:hi]
                    if plan in _CHAR_FOR_CHAR:  # the line's other marks the same swap made count as mended
                        left, right = _marks_swapped(left, plan), _marks_swapped(right, plan)
                    mends = _pairing(left + cand + right) - _pairing(left + seg + right)
                    if mends < 0 and plan in _CHAR_FOR_CHAR and len(cand) == len(seg) and all(
                            _glued_quote(text, i + k) for k, c in enumerate(seg) if c != cand[k]):
                        # A quotation mark glued to its word, swapped back, may open or close a
                        # quotation the line does not hold: text may be cut inside one.
                        mends = 0
                    gain = raw = raw + QUOTE_BALANCE * mends
                ti, tj, new = _trim(seg, 0, len(seg), cand)
                if all(c in _ODD_UNITS and not _odd_unit(text, i + k) for k, c in enumerate(seg[ti:tj], ti)):
                    continue  # a unit after a number (長度 5 ㎝) is a unit: 和 read as GBK changes more
                short = 2 if plan in _CHAR_FOR_CHAR else 1
                if len(new) <= short and _describe(plan) not in made and mends <= 0 and not any(
                        (chinese_line and _is_hard(c)) or _codec_sign(text, i + k)
                        or _number_sign(text, i + k) or _glued_big5_mark(text, i + k)
                        or (not chinese_line and short == 2 and is_han(c) and c not in m.unigram)
                        for k, c in enumerate(seg[ti:tj], ti)):
                    # One character is weak evidence of a wrong codec (彆 → 果, ÇÑ → 我), and so are
                    # two where GBK and Big5 swap characters one for one (快綫 → 辦鋪), unless they
                    # pair the line's quotation marks better (★ → 」 after 「, ¨ → “ before ”), or
                    # replace characters that are almost only mojibake in a line of Chinese, or
                    # signs only a GBK↔Big5 confusion makes in any line (_codec_sign; a lone
                    # hiragana is one only in a line that cannot be Japanese: Japanese writes
                    # 東京の天気, 今日は暑い, where の and い would become 及 and 中), or what a
                    # sign beside a number becomes in UTF-8 read as GBK or Big5 (25掳C), or Big5's
                    # punctuation read as Latin-1 glued to a word (news¡A: see _glued_big5_mark),
                    # or, for a swap in a line with no other Chinese, Han characters the tables
                    # lack (`ISO 8601 眒`: 已 read as Big5; a clean one alone among ASCII is rarer
                    # still). A line already repaired with the same decoding, or among lines that
                    # were (see _evidence), is evidence enough: its text went through one wrong
                    # codec (黺 -PI/2 鷂: 於 -PI/2 與).
                    # Beside an ASCII word the model weighs a swap's characters by their pairs on
                    # one side only, so a swap gains less there and its bar is lower (除錯與 X 眈關:
                    # 相 read as Big5 gains 11.8 nats).
                    gain -= (ASCII_WORD_COST if short == 2 and _beside_ascii_word(text, i + ti, i + tj)
                             else ONE_CHAR_COST)
                if len(plan) == 1 and _describe(plan) in around:
                    gain += MARGIN - EVIDENT_MARGIN  # the same decoding repaired most lines around it
                if len(plan) == 1 and gain > MARGIN and plan not in _LATIN:
                    single = True
                # The cost above is a bar to clear, not a score: among repairs that clear theirs the
                # one that gains most wins, so widening a window to change a second character for
                # the worse (準繩 → 準霎 beside 躬纘 → 鼓勵) does not pay by escaping the bar.
                if gain > MARGIN and raw > best_raw:
                    best, best_gain, best_raw = (i, j, cand, "mojibake", _describe(plan), gain), gain, raw
                    best_plan, best_mends = plan, mends
        if best is not None and best[4] in _DEFERRED:
            # UTF-8 read as Latin-1 explains it best: ftfy's job, in repair/latin.py. Where ftfy
            # leaves the run alone (æ—¥ before 期: — and ¥ are common cp1252 signs to it), the
            # repair is made here, if what it makes is Chinese.
            i, j, cand = best[:3]
            if latin.ftfy_fixes(text, i, j) or not _clean(text[i:j], cand, m, False,
                                                           text[max(0, i - 1):i], text[j:j + 1]):
                return None
        if best is not None and len(best_plan) == 1:
            # (Growing it scores the model's text alone, so the pairs its marks mend are left out
            # of the gain it is compared with, as is the codec prior: among lines the swap
            # repaired, 等僻衵瑩ㄗ換苀源宒ㄘ, whose ㄗ ㄘ mend into （ ）, grows to 单击右键（传统方式）.)
            model_raw = best_raw - QUOTE_BALANCE * best_mends - _codec_prior(best_plan)
            best = _extend_to_line(text, best, model_raw, best_plan, max(lo, floor), hi, m, sign_cost,
                                   avoid or frozenset(),
                                   EVIDENT_SLACK if _describe(best_plan) in made else EXTEND_SLACK,
                                   _describe(best_plan) in around)
            if best_plan in _CHAR_FOR_CHAR:
                best = _grow(text, _shrink(text, best, m, sign_cost, avoid or frozenset()), best_plan,
                             max(lo, floor), hi, m, sign_cost, avoid or frozenset())
    # Lost bytes are searched for only where no lossless decoding covers the whole cluster, and
    # where East Asian text is near: a line with none (DW_CFA_??? (Op d'appel, VERIFICA��O) lost
    # nothing Chinese that its marks could tell back.
    if (config.enabled("lossy") and not lone and (best is None or best[0] > s or best[1] < e)
            and _EAST_ASIAN.search(nearby) is not None):
        lossy_windows = _with_marks_cut(text, windows + _to_line_edges(text, windows, max(lo, floor), hi),
                                        max(lo, floor), hi)
        codecs = _lossy_codecs(text, lossy_windows)
        for i, j in lossy_windows if codecs else ():
            seg = text[i:j]
            before, after = text[max(0, i - 1):i], text[j:j + 1]
            base = None
            for read_as in codecs:
                if avoid is None:
                    avoid = other_script(context)
                key = (i, j, read_as, max(lo, floor), avoid)
                cand = None if fills is None else fills.get(key)
                if cand is None:
                    cand = _lossy_utf8(seg, read_as, m, text[max(lo, floor):i], after, avoid)
                    if cand is not None and fills is not None and len(fills) < FILLS_KEPT:
                        fills[key] = cand
                if cand is None or cand == seg or not _clean(seg, cand, m, before=before, after=after):
                    continue
                if base is None:
                    base = m.score(seg, before, after)
                gain = m.score(cand, before, after) - base - LOSSY_COST
                if gain > best_gain:
                    best = (i, j, cand, "lossy", f"encode {read_as} → fill lost bytes → decode utf-8", gain)
                    best_gain, best_read_as = gain, read_as
        if best is not None and best[3] == "lossy" and not avoid:
            i, j = best[:2]
            cand = _lossy_in_one_script(text[i:j], best_read_as, m, text[max(lo, floor):i], text[j:j + 1], best[2])
            if cand != best[2] and _clean(text[i:j], cand, m, before=text[max(0, i - 1):i], after=text[j:j + 1]):
                best = best[:2] + (cand,) + best[3:]
    return best


def _swap_run(text: str, s: int, e: int, m: "_model.Model", around: Sequence[str]):
    """The repair of the Han run ``text[s:e]`` of a few-Han line (see _few_han_runs), as
    _best_window gives one, or None: the GBK↔Big5 swap of the whole run that changes every
    character of it and gains most, if it gains MARGIN. The run is the only window: the ASCII
    around it swaps into itself, and a swap garbles every character it reads, so one that leaves
    part of the run as it was (前綴 → 前后) is the model preferring a commoner word. Nor is there
    a bar for one or two characters: of the 11,800 lines of this kind in Debian's and
    LibreOffice's Chinese text, none gains even half of MARGIN by a swap, while 和 read as Big5
    (睿) gains 6.5 nats. Scored as _best_window scores a line's candidates."""
    lo, hi = _line_start(text, s), _line_end(text, e)
    seg, before, after = text[s:e], text[max(0, s - 1):s], text[e:e + 1]
    if _HAN_RUN.search(text, lo, s) or _HAN_RUN.search(text, e, hi):
        # The line's other run: its script counts, and swap signs in a line of Chinese.
        context = text[lo:s] + text[e:hi]
        args = (seg, before, after, swap_sign_cost(text[lo:hi], context), other_script(context))
    else:
        args = (seg, before, after, (0.0, 0.0), frozenset())
    found = _remembered_run_swaps(*args) if m is _model.load() else _run_swaps(m, *args)
    best = None
    for plan, cand, gain in found:
        if _describe(plan) in around:
            gain += MARGIN - EVIDENT_MARGIN  # the same swap repaired most lines around it
        if gain > MARGIN and (best is None or gain > best[5]):
            best = (s, e, cand, "mojibake", _describe(plan), gain)
    return best


def _run_swaps(m: "_model.Model", seg: str, before: str, after: str, sign_cost: SignCost,
               avoid: FrozenSet[str]) -> Tuple[Tuple[Plan, str, float], ...]:
    """The GBK↔Big5 swaps of the Han run ``seg`` (between ``before`` and ``after``) that change every
    character of it into clean text, with what each gains (see _swap_run), those that gain at
    least EVIDENT_MARGIN: what the lines around may lower MARGIN to."""
    found = []
    base = None
    for plan in _CHAR_FOR_CHAR:
        cand = _decode(seg, plan)
        if (cand is None or len(cand) != len(seg) or any(a == b for a, b in zip(cand, seg)) or _CYRILLIC.search(cand)
                or not _clean(seg, cand, m, False, before, after, _plausible(plan, cand))):
            continue  # (most swaps of clean text are no clean text: checked before they are scored)
        if base is None:
            base = _line_score(seg, before, after, m, sign_cost, avoid)
        gain = _line_score(cand, before, after, m, sign_cost, avoid) - base
        if gain > EVIDENT_MARGIN:
            found.append((plan, cand, gain))
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def _remembered_run_swaps(seg: str, before: str, after: str, sign_cost: SignCost,
                          avoid: FrozenSet[str]) -> Tuple[Tuple[Plan, str, float], ...]:
    """_run_swaps by the tables' model, remembered: the same runs come again and again (或, 的
    between ASCII words)."""
    return _run_swaps(_model.load(), seg, before, after, sign_cost, avoid)


def _to_line_edges(text: str, windows: List[Tuple[int, int]], lo: int, hi: int) -> List[Tuple[int, int]]:
    """``windows`` grown to the line's end or start where marks lie beyond them (她從小 … 一名插畫
    read as Big5 ends in ?? and ?????????, after a clean-looking 臭): lost bytes of the same text."""
    if not windows:
        return []
    out = []
    starts = {i for i, _ in windows}
    ends = {j for _, j in windows}
    if _MARK.search(text, max(ends), hi) and hi - min(starts) <= MAX_WINDOW:
        out.extend((i, hi) for i in sorted(starts))
    if _MARK.search(text, lo, min(starts)) and max(ends) - lo <= MAX_WINDOW:
        out.extend((lo, j) for j in sorted(ends))
    return out


def _with_marks_cut(text: str, windows: List[Tuple[int, int]], line_lo: int, line_hi: int) -> List[Tuple[int, int]]:
    """``windows``, each with more than MAX_MARKS marks cut short at the last UTF-8 lead before
    its (MAX_MARKS + 1)th mark (a character whose GBK bytes begin E3–E9 likely begins a UTF-8
    character there): a window grown beyond its piece (see _pieces), or to the line's edges, is
    refilled up to there, and the rest in the next pass. A window that is the whole line
    (``line_lo`` to ``line_hi``) keeps up to LINE_MARKS: the search is linear in the bytes, and a
    line filled in pieces is cut inside characters (the next piece begins with the continuation
    bytes of a character the last one ended with: 电子 became 电· and ??萄)."""
    if not windows:
        return windows
    lo, hi = min(i for i, _ in windows), max(j for _, j in windows)
    if sum(text.count(mark, lo, hi) for mark in _QUESTION) <= MAX_MARKS:
        return windows
    out = []
    for i, j in windows:
        marks = [k for k in range(i, j) if text[k] in _QUESTION]
        if len(marks) <= (LINE_MARKS if (i, j) == (line_lo, line_hi) else MAX_MARKS):
            out.append((i, j))
            continue
        for k in range(marks[MAX_MARKS] - 1, i, -1):
            if _utf8_lead(text[k]):
                if (i, k) not in out:
                    out.append((i, k))
                break
    return out


@functools.lru_cache(maxsize=4096)
def _utf8_lead(ch: str) -> bool:
    """Whether ``ch`` in GBK begins with the lead byte of a three-byte UTF-8 CJK character."""
    try:
        return 0xE3 <= ch.encode("gbk")[0] <= 0xE9
    except UnicodeEncodeError:
        return False


def _extend_to_line(text: str, best, raw: float, plan: Plan, lo: int, hi: int, m: "_model.Model",
                    sign_cost: SignCost, avoid: FrozenSet[str], slack: float = EXTEND_SLACK,
                    evident: bool = False):
    """``best`` (whose gain before any bar was ``raw``) grown to the start and/or end of its line
    when the same decoding explains what lies between about as well (at most ``slack`` nats lost
    per character gained: EXTEND_SLACK, or EVIDENT_SLACK for a decoding that repaired the line's or
    its neighbours' other text): a line is usually garbled as a whole, and its first or last
    character alone (意 of 意現象在大, る of 1る22日) is weak evidence either way. (The bar a short repair
    clears is no measure of that: 的 of `xterm 的 terminfo 癸獶` is not 腔.)"""
    i, j, cand, rule, described, gain = best
    lo, hi = max(lo, j - MAX_WINDOW), min(hi, i + MAX_WINDOW)
    for a, b in ((lo, hi), (lo, j), (i, hi)):
        if (a, b) == (i, j) or not any(ord(c) > 0x7F for c in text[a:i] + text[j:b]):
            continue
        # What is gained must decode on its own into Chinese (請 must not become Ո); in a line most
        # lines around which the decoding repaired, Han characters of any rarity do (a name's 恺).
        # (Each part is read beside the repair's text next to it: 滬 of 滬杭 alone is too rare.)
        if not all((_decodes_to_han(part, plan) if evident else _decodes_to_chinese(part, plan, m, *beside))
                   for part, beside in ((text[a:i], ("", cand[:1])), (text[j:b], (cand[-1:], "")))
                   if any(ord(c) > 0x7F for c in part)):
            continue
        seg = text[a:b]
        new = _decode(seg, plan)
        if new is None or not (evident or _clean(seg, new, m)):
            continue
        if _mixes_scripts(cand, "".join(_decode(part, plan) or "" for part in (text[a:i], text[j:b]))):
            continue
        before, after = text[max(0, a - 1):a], text[b:b + 1]
        ext_gain = (_line_score(new, before, after, m, sign_cost, avoid)
                    - _line_score(seg, before, after, m, sign_cost, avoid))
        extra = sum(1 for c in text[a:i] + text[j:b] if ord(c) > 0x7F)
        if ext_gain >= raw - slack * extra:
            return (a, b, new, rule, described, max(gain, ext_gain))
    return best


def _mixes_scripts(made: str, more: str) -> bool:
    """Whether ``more``, text a repair would add to what it ``made``, holds a character of one
    script only (Simplified or Traditional) where ``made`` holds one of the other: text is written
    in one script, so a repair grown to a clean character beside it that its decoding turns into
    the other script's form (衡 after 是另外一種 swapped into 颗) has gone past the garbled text."""
    simp_only, trad_only = script_chars()
    return ((any(c in simp_only for c in more) and any(c in trad_only for c in made))
            or (any(c in trad_only for c in more) and any(c in simp_only for c in made)))


def _grow(text: str, best, plan: Plan, lo: int, hi: int, m: "_model.Model", sign_cost: SignCost,
          avoid: FrozenSet[str]):
    """``best``, a GBK↔Big5 swap, grown one Han character at a time on either side (within
    ``[lo, hi)``, and over a number before it) while the swap makes each a character that reads
    better by GROW_GAIN: swapped text is mostly common characters, which the scan passes as clean,
    so the cluster can end short of it (隔 of 硓筁呼悔呼隔來 is 路 of 透過網際網路來; 度 of 度穦ㄏノ
    stays: 僅會 reads no better; 爛 of ㄛ1998爛 is 年 of ，1998年)."""
    i, j, cand, rule, described, gain = best
    for step in (1, -1):
        while (j < hi and j - i < MAX_WINDOW) if step == 1 else (i > lo and j - i < MAX_WINDOW):
            # The next Han character, right beside the window or after a number (ㄛ1998爛 was
            # ，1998年: the digits stay as they are and tell what stands beside them).
            k = j if step == 1 else i - 1
            first = k
            while lo <= k < hi and "0" <= text[k] <= "9" and abs(k - first) < MAX_DIGITS:
                k += step
            if not lo <= k < hi:
                break
            new = _decode(text[k], plan) if is_han(text[k]) else None
            if new is None or len(new) != 1 or not is_han(new):
                break
            if step == 1:
                digits = text[j:k]
                before, after = text[max(0, i - 1):i], text[k + 1:k + 2]
                grown, kept = cand + digits + new, cand + digits + text[k]
            else:
                digits = text[k + 1:i]
                before, after = text[max(0, k - 1):k], text[j:j + 1]
                grown, kept = new + digits + cand, text[k] + digits + cand
            if (_line_score(grown, before, after, m, sign_cost, avoid)
                    - _line_score(kept, before, after, m, sign_cost, avoid)) < GROW_GAIN:
                break
            cand = grown
            i, j = (i, k + 1) if step == 1 else (k, j)
    return (i, j, cand, rule, described, gain)


def _shrink(text: str, best, m: "_model.Model", sign_cost: SignCost, avoid: FrozenSet[str]):
    """``best``, a GBK↔Big5 swap, with the Han characters at its edges that it makes swap signs of
    given back while they read better as they were: a window starts and ends only where the
    cluster lets it, which can be a clean character before the swapped text (企 of 剝離企穨801癬,
    where 穨801癬 is 業801起 and 企 would become わ)."""
    i, j, cand, rule, described, gain = best
    if len(cand) != j - i:
        return best
    while j - i > 1:
        for k, c in ((i, cand[0]), (j - 1, cand[-1])):
            if is_han(text[k]) and count_swap_signs(c) > count_swap_signs(text[k]):
                before, after = text[max(0, i - 1):i], text[j:j + 1]
                kept = text[k] + cand[1:] if k == i else cand[:-1] + text[k]
                if (_line_score(kept, before, after, m, sign_cost, avoid)
                        > _line_score(cand, before, after, m, sign_cost, avoid)):
                    i, j, cand = (i + 1, j, cand[1:]) if k == i else (i, j - 1, cand[:-1])
                    break
        else:
            break
    return (i, j, cand, rule, described, gain)


def _decodes_to_han(part: str, plan: Plan) -> bool:
    """Whether ``part`` decodes into Han characters (of any rarity), ASCII and Chinese signs, with
    no more swap signs than it had."""
    new = _decode(part, plan)
    return (new is not None and count_swap_signs(new) <= count_swap_signs(part)
            and all(c.isascii() or (is_han(c) and not _is_hard(c)) or _chinese_sign(c) or is_cjk_punct(c)
                    for c in new))


def _decodes_to_chinese(part: str, plan: Plan, m: "_model.Model", before: str = "", after: str = "") -> bool:
    """Whether ``part`` decodes into Chinese (between ``before`` and ``after``), with no more swap
    signs than it had: plausible text, or Han characters and signs that the scan finds nothing odd
    in (a line's first character alone, 註 of 註編號, may fall short of PLAUSIBLE without the
    neighbour it makes a word with)."""
    new = _decode(part, plan)
    if new is None or count_swap_signs(new) > count_swap_signs(part):
        return False  # (a swap that makes a kana of 之 is not what garbled it: 鷂 PI/2 之 → 與 PI/2 ぇ)
    return (not part.strip() or _clean(part, new, m, before=before, after=after)
            or (any(is_han(c) for c in new) and not suspicious_re().search(new)))


@functools.lru_cache(maxsize=4096)
def _chinese_sign(ch: str) -> bool:
    """Chinese punctuation, full-width marks (not letters or digits), or a sign in GB2312's first
    two rows (℃ ‰ № ① ※ →): what Chinese text writes besides Han characters."""
    if is_cjk_punct(ch) or (0xFF01 <= ord(ch) <= 0xFF5E and not ch.isalnum()):
        return True
    try:
        data = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and data[0] in (0xA1, 0xA2)


# What no repair makes: control characters (not tab or line breaks), C1 controls, U+FFFD, private use.
_NEVER_MADE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _clean(seg: str, cand: str, m: "_model.Model", latin: bool = False, before: str = "", after: str = "",
           plausible: float = PLAUSIBLE) -> bool:
    """Whether ``cand`` can replace ``seg`` (between ``before`` and ``after``): what it changes is
    real text, with no private-use, control or replacement characters, and its Han characters reach
    ``plausible`` on average. (Gaining over garbage is not enough: a decoding into other garbage
    gains too.) Han characters are scored in their context, so a rarer character that makes a word
    with its neighbour (圍繞, 郵箱) passes."""
    i, j, new = _trim(seg, 0, len(seg), cand)
    if not new or _NEVER_MADE.search(new):
        return False  # (most candidates fail here, so this is checked before they are scored)
    prev = (before + cand[:i])[-1:] or " "
    pair = _model.remembered_pair if m is _model.load() else m.pair  # (overlapping windows ask alike)
    han = [pair(p, c) for p, c in zip(prev + new, new) if is_han(c)]
    follow = (cand[len(cand) - (len(seg) - j):] + after)[:1]
    if han and follow and is_han(new[-1]):
        han[-1] += max(0.0, pair(new[-1], follow) - m.char(follow))  # a word it makes with what follows
    if latin:
        pass  # a Latin candidate only competes (see _DEFERRED); it need not be Chinese
    elif not han:
        if not (any(map(_chinese_sign, new)) and all(c.isascii() or _chinese_sign(c) for c in new)):
            return False  # this stage repairs Chinese: what it makes must be mostly Chinese ...
        # ... or Chinese punctuation or signs alone (銆? → 。, ¡æ → ℃): its gain over the garbage decides
    else:
        # At least half of it Han is mostly Chinese at once (a swap's candidates are all Han).
        if 2 * len(han) < len(new) and 2 * sum(1 for c in new if is_han(c) or _chinese_sign(c)) < sum(
                1 for c in new if not c.isascii()):
            return False
        if sum(han) < plausible * len(han):
            return False
    if not latin and any(ch in _INVISIBLE for ch in new):
        return False  # 聽 in GBK is C2 A0, UTF-8's NBSP: a clean character taken in as bytes
    return True


# ---------------------------------------------------------------- lost bytes, refilled (UTF-8 only)

_Hole = None  # a byte whose value is unknown
# A lost byte before a known one: the frozenset of the values the decoder would have lost there
# (see _lost_byte). A lost byte before another lost byte: _LINKED, its likely values depend on the
# value chosen for that one. _hole tells any kind of hole from a byte.
_LINKED = type("_Linked", (), {"__slots__": (), "__repr__": lambda self: "_LINKED"})()


def _hole(b: object) -> bool:
    return b is None or b is _LINKED or b.__class__ is frozenset


# The decoders whose errors can have made a mark, per codec a plan reads with: a byte they lost is
# one they could not read before the byte that follows it (Python's CJK decoders lose one byte).
_LOSING_DECODERS = {"gb18030": ("gbk", "gb18030"), "cp950": ("cp950", "big5")}


@functools.lru_cache(maxsize=1024)
def _lost_byte(read_as: str, following: Optional[int]) -> object:
    """The hole for one lost byte before the byte ``following`` (-1: the text ends there; None:
    unknown): the values a decoder of ``read_as``'s family cannot read there, which it would lose.
    Other values stay possible at a cost (UNLIKELY_BYTE_COST): the garbled piece may have ended
    at the mark, so what follows it was not what the decoder saw."""
    if following is None:
        return _Hole
    tail = bytes([following]) if following >= 0 else b""
    values = set()
    for b in range(0x80, 0x100):
        for codec in _LOSING_DECODERS.get(read_as, (read_as,)):
            try:
                (bytes([b]) + tail).decode(codec)
            except UnicodeDecodeError:
                values.add(b)
                break
    return frozenset(values)


def _lossy_utf8(seg: str, read_as: str, m: "_model.Model", before: str, after: str,
                avoid: FrozenSet[str] = frozenset()) -> Optional[str]:
    """The most plausible UTF-8 text whose bytes, read as ``read_as``, gave ``seg`` after some bytes
    were lost: each ``?``/U+FFFD stands for one lost byte (one the decoder could not read before
    the next) or, at a cost, two; and up to MAX_HOLES whole double-byte characters may have been
    dropped where the bytes stop being valid UTF-8. ``before`` is the line's text before ``seg``
    (its quotations, whose closing marks a fill prefers), ``after`` the character after it.
    Characters in ``avoid`` (the script the line does not use) cost OTHER_SCRIPT_COST; where no
    context told the script, the fill's own majority does (长 among 导致时间, not 長)."""
    best = _lossy_fill(seg, read_as, m, before, after, avoid)
    if best is not None and not avoid:
        other = other_script(best[1])
        if other and any(c in other for c in best[1]):
            best = _lossy_fill(seg, read_as, m, before, after, other) or best
    return None if best is None else best[1]


def _lossy_in_one_script(seg: str, read_as: str, m: "_model.Model", before: str, after: str,
                         fill: str) -> str:
    """``fill`` of ``seg`` (by _lossy_utf8, where no context told the script) made again in one
    script: filled in Simplified and in Traditional (each paying OTHER_SCRIPT_COST for the other's
    characters), the likelier kept. Text is written in one script, and a fill with no clear
    majority (UTF-8 read as Big5 loses whole characters) may mix 一個 into Simplified and get its
    neighbours wrong too. Done once, for the window chosen."""
    simp_only, trad_only = script_chars()
    if not any(c in simp_only or c in trad_only for c in fill):
        return fill
    fills = [got for other in (trad_only, simp_only)
             for got in (_lossy_fill(seg, read_as, m, before, after, other),) if got is not None]
    return max(fills, key=lambda got: got[0])[1] if fills else fill


def _lossy_fill(seg: str, read_as: str, m: "_model.Model", before: str, after: str,
                avoid: FrozenSet[str]) -> Optional[Tuple[float, str]]:
    """The best fill of ``seg`` (see _lossy_utf8) with its score."""
    if _MARK.search(seg) is None:  # (most windows in clean text: decided before it is cut up)
        try:
            if not _utf8_like(seg.encode(read_as)):
                return None  # no ? marks a loss, and the bytes do not read as UTF-8: nothing to search
        except UnicodeError:
            return None
    pieces: List[Tuple[bytes, bool]] = []  # (bytes of one character, is it a hole marker)
    for ch in seg:
        if ch in _QUESTION:
            pieces.append((b"", True))
            continue
        try:
            pieces.append((ch.encode(read_as), False))
        except UnicodeError:
            return None
    explicit = sum(1 for _, hole in pieces if hole)
    if explicit > LINE_MARKS:
        return None
    plain = [b for chunk, hole in pieces for b in (chunk if not hole else [_Hole])]
    if explicit and not _wide_lead_left(plain):
        return None  # no byte left that begins a Chinese character in UTF-8: nothing to rebuild from
    if _breaks(plain) > max(MAX_HOLES, explicit):
        return None  # not UTF-8 with a few bytes lost: most of it breaks (clean text, other codecs)
    best: Optional[Tuple[float, str]] = None
    if explicit <= MAX_HOLES:
        choices = list(itertools.product((1, 2), repeat=explicit))
    elif explicit > TWO_BYTE_MARKS:
        choices = [(1,) * explicit]  # each mark one lost byte, as Python's decoders lose them
    else:  # each mark one lost byte, or one of them two: not every combination
        choices = [tuple(2 if k == two else 1 for k in range(explicit)) for two in (None, *range(explicit))]
    # What the byte after each mark is (_LINKED: another mark; -1: the end of the garbled bytes), for
    # the values a mark of one lost byte can stand for. A mark that ends the window ends them: what
    # follows may be clean text the wrong decoder never saw (開 of 玩得很開心 garbled up to 開:
    # 闁? before 心, whose first byte E5 would have paired with 開's last, 8B).
    nexts: List[object] = []
    for k, (chunk, hole) in enumerate(pieces):
        if not hole:
            continue
        if k + 1 < len(pieces):
            following = pieces[k + 1][0]
            nexts.append(following[0] if following else _LINKED)
        else:
            nexts.append(-1)
    for lengths in choices:
        it, at = iter(lengths), iter(nexts)
        seq: List[object] = []
        bounds = [0]
        for b, hole in pieces:
            if hole:
                size, following = next(it), next(at)
                lost = _LINKED if following is _LINKED else _lost_byte(read_as, following)
                seq.extend([lost] if size == 1 else [_Hole] * size)
            else:
                seq.extend(b)
            bounds.append(len(seq))
        got = _fill_drops(seq, bounds, max(0, MAX_HOLES - explicit), m, before, after, avoid, read_as)
        if got is not None:
            got = (got[0] - TWO_BYTE_MARK_COST * sum(1 for x in lengths if x == 2), got[1])
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    return best


def _pairing(line: str) -> int:
    """How well the quotation marks and brackets of ``line`` pair up: each pair counts one, each
    mark left unpaired minus one. A GBK↔Big5 swap of punctuation (Big5's “ ” read as GBK are ¨ 〃,
    GBK's 「 」 read as Big5 are ☆ ★) leaves its pairs broken, and its repair mends them."""
    depth = [0] * len(_PAIRED)
    score = 0
    for ch in _PAIR_MARK.findall(line):
        k = _PAIR_OF[ch]
        if ch == _PAIRED[k][0]:
            depth[k] += 1
        elif depth[k]:
            depth[k] -= 1
            score += 1
        else:
            score -= 1
    return score - sum(depth)


def _quotation(line: str, open_: str, close: str) -> Tuple[int, bool]:
    """How many quotations opened by ``open_`` are open at the end of ``line``, and whether one was
    closed by ``close``, read from the left: a closing mark with none open is where the text began
    inside a quotation (！”“你好！ has one open, not none)."""
    if close not in line:
        return line.count(open_), False
    depth, closed = 0, False
    for ch in line:
        if ch == open_:
            depth += 1
        elif ch == close and depth:
            depth -= 1
            closed = True
    return depth, closed


def open_quotes(line: str) -> str:
    """The closing marks whose quotations, titles or brackets are open at the end of ``line``."""
    return "".join(close for open_, close in QUOTE_PAIRS if open_ in line and _quotation(line, open_, close)[0])


def closing_balance(line: str, close: str) -> float:
    """What a closing mark ``close`` after ``line`` is worth: QUOTE_BALANCE where its quotation is
    open, as much against where ``line`` opened and closed it, nothing where ``line`` holds
    neither mark (a piece of text may begin inside a quotation: ！”“你好！”)."""
    open_ = _OPENING[close]
    if open_ not in line:
        return 0.0
    depth, closed = _quotation(line, open_, close)
    if depth:
        return QUOTE_BALANCE
    return -QUOTE_BALANCE if closed else 0.0


def _utf8_like(data: bytes) -> bool:
    """Whether ``data`` reads mostly as UTF-8 characters of three or four bytes, as Chinese does
    (at least two, and twice as many as the places it breaks), as UTF-8 mojibake with a dropped
    character does and clean text in another codec does not. (Two-byte characters do not count:
    clean GBK makes them often, 说 = CB B5 is UTF-8's ˵. Nor do private-use ones, which no text
    holds: a full-width letter's GBK bytes end in EE or EF, which begin them, as in ｎ倍 = A3EE B1B6.)"""
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for c in decoded if c >= "\u0800" and not "\ue000" <= c <= "\uf8ff") - bad
    return good >= 2 and good >= 2 * bad


def _wide_lead_left(seq: Sequence[Optional[int]]) -> bool:
    """Whether ``seq`` (bytes and holes) holds the lead byte of a UTF-8 character of three or four
    bytes that a continuation byte or a hole follows (or that ends it): what is left of a Chinese
    character, the least a window with marks must hold to be refilled. UTF-8 read as Big5 often
    leaves only a lead (舐 = AF E7 of `??舐???`: E7 begins 紅); Big5 with its high bits lost
    (`μ{?P﹐e`) leaves none, and each of its marks was searched in vain."""
    last = len(seq) - 1
    for k, b in enumerate(seq):
        if b is _Hole or not 0xE0 <= b <= 0xF4:
            continue
        if k == last or _hole(seq[k + 1]) or 0x80 <= seq[k + 1] <= 0xBF:
            return True
    return False


def _breaks(seq: Sequence[Optional[int]]) -> int:
    """How many places ``seq`` stops being UTF-8 (holes allowed anywhere): each would need a
    dropped character or a hole to explain it. Counted in one pass, before any search."""
    count, start = 0, 0
    while start < len(seq):
        err = _first_error(seq[start:])
        if err is None:
            break
        count += 1
        start += err + 1
    return count


def _first_error(seq: Sequence[Optional[int]]) -> Optional[int]:
    """Index of the first byte where ``seq`` (holes allowed anywhere) cannot be UTF-8, or None."""
    i, n = 0, len(seq)
    while i < n:
        b = seq[i]
        if _hole(b):  # a lost lead byte takes the continuation bytes after it
            i += 1
            k = 0
            while i < n and k < 3 and not _hole(seq[i]) and 0x80 <= seq[i] <= 0xBF:
                i += 1
                k += 1
            continue
        if b < 0x80:
            i += 1
            continue
        need = 1 if 0xC2 <= b <= 0xDF else 2 if 0xE0 <= b <= 0xEF else 3 if 0xF0 <= b <= 0xF4 else -1
        if need < 0:
            return i
        for k in range(1, need + 1):
            if i + k >= n or (not _hole(seq[i + k]) and not 0x80 <= seq[i + k] <= 0xBF):
                return i + k if i + k < n else i
        i += need + 1
    return None


def _fill_drops(seq: List[Optional[int]], bounds: List[int], budget: int, m: "_model.Model",
                before: str, after: str, avoid: FrozenSet[str], read_as: str) -> Optional[Tuple[float, str]]:
    """Insert up to ``budget`` dropped two-byte characters where the bytes break, then decode."""
    err = _first_error(seq)
    if err is None:
        return _viterbi(seq, m, before, after, avoid, read_as)
    if budget <= 0:
        return None
    tries = [(seq[:b] + [_Hole, _Hole] + seq[b:], [x if x < b else x + 2 for x in bounds])
             for b in bounds if err - 4 <= b <= err + 1]
    if err >= len(seq) - 3:  # the text ends inside a character: its last bytes were cut off
        tries += [(seq + [_Hole] * k, bounds) for k in (1, 2)]
    best = None
    for new_seq, new_bounds in tries:
        got = _fill_drops(new_seq, new_bounds, budget - 1, m, before, after, avoid, read_as)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    return best


_TEXT_SIGNS = "→←↑↓⇒×÷±°•※★☆●○■□▲△◆◇√≈≠≤≥℃①②③④⑤⑥⑦⑧⑨⑩"


@functools.lru_cache(maxsize=None)
def _utf8_index() -> Dict[Tuple[int, int], Tuple[Tuple[str, bytes, float], ...]]:
    """Every character the model knows (and Chinese punctuation, the full-width signs Chinese
    writes in numbers: 4．4万, 5％, and the signs technical and list text writes among Chinese:
    工具 → 選項, 30 × 20, ① ★) by the length and lead byte of its UTF-8 bytes, most likely first
    (code point order among equals, whatever the hash seed): what a lost byte can be is looked up
    here."""
    m = _model.load()
    chars = set(m.unigram).union(CJK_PUNCT, "．％", map(chr, range(0x3001, 0x3040)), map(chr, range(0xFE10, 0xFE20)),
                                 _TEXT_SIGNS)
    index: Dict[Tuple[int, int], List[Tuple[str, bytes, float]]] = {}
    for ch in chars:
        data = ch.encode("utf-8")
        if len(data) > 1:
            index.setdefault((len(data), data[0]), []).append((ch, data, m.char(ch)))
    return {key: tuple(sorted(found, key=lambda o: (-o[2], o[0]))) for key, found in index.items()}


@functools.lru_cache(maxsize=8192)
def _char_options(pattern: Tuple[object, ...], read_as: str) -> Tuple[Tuple[str, float], ...]:
    """Characters whose UTF-8 bytes match ``pattern`` (bytes and holes), each with its cost:
    UNLIKELY_BYTE_COST for each lost byte that the decoder could have read with the byte after it."""
    n = len(pattern)
    index = _utf8_index()
    lead = pattern[0]
    leads = {2: range(0xC2, 0xE0), 3: range(0xE0, 0xF0), 4: range(0xF0, 0xF5)}[n] if _hole(lead) else (lead,)
    found = []
    for first in leads:
        for ch, data, score in index.get((n, first), ()):
            cost = 0.0
            for k in range(n):
                want, b = pattern[k], data[k]
                if want is None:
                    continue
                if want.__class__ is int:
                    if b != want:
                        break
                elif want is _LINKED:
                    if k + 1 < n and b not in _lost_byte(read_as, data[k + 1]):
                        cost += UNLIKELY_BYTE_COST
                elif b not in want:
                    cost += UNLIKELY_BYTE_COST
            else:
                found.append((score - cost, ch, cost))
    # The most likely MAX_OPTIONS: a character of three lost bytes could be any, and each option
    # is paired with each state the search keeps.
    found.sort(reverse=True)
    return tuple((ch, cost) for _, ch, cost in found[:MAX_OPTIONS])


@functools.lru_cache(maxsize=1 << 14)
def _utf8_ends(ch: str) -> Tuple[int, int]:
    data = ch.encode("utf-8")
    return data[0], data[-1]


SPACED_QUOTE = 3.0  # nats against a quotation mark spaced on the wrong side (see _viterbi)
_CURLY_QUOTES = frozenset("“‘”’")  # where a space stands: before an opening mark, after a closing one
_SPACE_BYTES = frozenset(b" \t\n\r")


def _viterbi(seq: List[object], m: "_model.Model", before: str, after: str, avoid: FrozenSet[str],
             read_as: str) -> Optional[Tuple[float, str]]:
    """Best decoding of ``seq`` (bytes and holes) as UTF-8, holes filled by the bigram model: a
    search over byte offsets, since a hole may start a character or go on with one (a character
    may have lost all its bytes), keeping the BEAM best texts that end at each offset."""
    n = len(seq)
    bigram, floor, start = m.bigram, m.floor, m.start
    pair = _model.remembered_pair if m is _model.load() else m.pair
    layers: List[Dict[str, Tuple[float, str]]] = [{} for _ in range(n + 1)]
    layers[0][before[-1:] or "\n"] = (0.0, "")  # the text's start is a line's
    opened = before if any(o in before for o, _ in QUOTE_PAIRS) else ""  # quotations open before
    for p in range(n):
        states = layers[p]
        if not states:
            continue
        kept = sorted(states.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM]
        # Each kept text: its last character, score, text, boundary evidence and last UTF-8 byte.
        rows = [(prev, sc, txt, m.boundary(prev), _utf8_ends(prev)[1]) for prev, (sc, txt) in kept]
        b = seq[p]
        if _hole(b):
            lengths: Tuple[int, ...] = (2, 3)
        elif b < 0x80:
            lengths = (1,)
        else:
            lengths = (2,) if 0xC2 <= b <= 0xDF else (3,) if 0xE0 <= b <= 0xEF else (4,) if b <= 0xF4 else ()
        linked = p > 0 and seq[p - 1] is _LINKED  # the byte before was lost before this one
        for length in lengths:
            pattern = tuple(seq[p:p + length])
            if len(pattern) < length or any(not _hole(x) and not 0x80 <= x <= 0xBF for x in pattern[1:]):
                continue
            options = _char_options(pattern, read_as) if any(map(_hole, pattern)) else _exact(pattern)
            target = layers[p + length]
            for ch, cost in options:
                if ch in avoid:
                    cost += OTHER_SCRIPT_COST
                closes = ch in CLOSING_QUOTES  # (scored by the quotations open before it)
                # For a quotation mark whose next byte is known, the space that would stand alone on
                # its wrong side: after an opening mark (True), before a closing one (False).
                wrong_space = None
                if ch in _CURLY_QUOTES:
                    following = seq[p + length] if p + length < n else (ord(after[0]) if after else 0x0A)
                    if not _hole(following) and (following in _SPACE_BYTES) != closes:
                        wrong_space = not closes
                lost_before = _lost_byte(read_as, _utf8_ends(ch)[0]) if linked else None
                low = floor.get(ch)  # a Han character of the tables: m.pair inlined (Model.boundary)
                begins = start[ch] if low is not None else 0.0
                best, best_txt = float("-inf"), ""
                for prev, sc, txt, ends_word, last in rows:
                    lp = bigram.get(prev + ch)
                    if lp is None:
                        if ends_word is not None and low is not None:
                            lp = ends_word + begins
                            if low > lp:
                                lp = low
                            if prev == ch and lp < _model.REDUPLICATION and m.unigram[ch] < _model.REDUPLICATION_BELOW:
                                lp = _model.REDUPLICATION
                        else:
                            lp = pair(prev, ch)
                    s = sc + lp
                    if lost_before is not None and last not in lost_before:
                        s -= UNLIKELY_BYTE_COST
                    if closes:
                        s += closing_balance(opened + txt, ch)
                    if wrong_space is not None and prev.isspace() != wrong_space:
                        # Spaced on one side only, the side this mark is not (到 ”/usr” 或): a cost,
                        # never a gain, so it weighs marks against each other only.
                        s -= SPACED_QUOTE
                    if s > best:
                        best, best_txt = s, txt
                best -= cost
                if ch not in target or target[ch][0] < best:
                    target[ch] = (best, best_txt + ch)
    if not layers[n]:
        return None
    # At a line's end, a text that leaves a quotation the line opened open pays for it as the
    # lossless repair does (see _pairing): 「引號」 over 「引號。 where 」 or 。 lost its last byte.
    ends_line = after in ("", "\n", "\r")
    return max(((sc + (m.pair(p, after[0]) - m.char(after[0]) if after and p else 0.0)
                 - (QUOTE_BALANCE * len(open_quotes(opened + txt)) if ends_line else 0.0), txt)
                for p, (sc, txt) in layers[n].items()), key=lambda x: x[0])


@functools.lru_cache(maxsize=4096)
def _exact(pattern: Tuple[Optional[int], ...]) -> Tuple[Tuple[str, float], ...]:
    try:
        return ((bytes(pattern).decode("utf-8"), 0.0),)
    except UnicodeDecodeError:
        return ()
