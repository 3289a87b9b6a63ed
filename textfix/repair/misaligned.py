"""Misaligned GB18030/GBK streams: a decoder lost one byte, emitted ``?`` for it, and paired the
bytes that followed one out of step until a byte that cannot pair put it back in step.

    。”執法人員  = A1A3 A1B1 88CC B7A8 C8CB 8654
    ?!眻谭ㄈ藛T = ?    A3A1 B188 CCB7 A8C8 CB86 54    (A1 lost; ！ later made ASCII !)

The damaged run is read back to bytes: after the ``?`` come characters that GB18030 encodes in
two bytes (an ASCII mark that has a full-width GBK form counts as that form, since punctuation
clean-up may have made ！ into !), and it ends in one of four ways:

- an ASCII character whose byte is a valid trail byte (``T`` = 0x54): it was the trail of the last
  character (the run may be that byte alone: ``是?R時``, 臨 = C5 52, before a Chinese character
  after Chinese, a digit, a space or at a line's start, or before a space after Chinese: ``關?]
  [參``, 閉 = 8F 5D; glued between Chinese it needs only LONE_TRAIL_MARGIN);
- a ``?`` for one lone byte, the trail of the last character, that could not pair with the ASCII
  byte after it (``壳?,`` = … C7 | B0 2C: the decoder gave ``?`` for B0 and kept the ``,``), with
  nothing at the end of a line, or that cannot lead before text back in step (``這?敲總?人``:
  個 = 82 80);
- a character whose trail byte is ASCII: that byte was an ASCII character in step (``（G`` =
  A3A8 47 read out of step as ``℅`` = A8 47);
- at once, in a second ``?``: the trail byte could not lead, or made nothing with the bytes after
  it, so the whole character is lost (``這??週末``: 個 = 82 80). It is chosen from its context
  alone, with a higher margin, since ``??`` is also what a conversion to GBK makes of an emoji.

The lost lead byte and, in the second case, the lost trail byte are unknown: each is chosen as the
byte that makes the most plausible character beside its neighbours (both together when the two
characters are side by side; among the likeliest Han characters, the one that makes the likeliest
words with the Han characters around it: see _choose). The rebuilt text replaces the run when the
run shows damage (a suspicious character, the lost trail, or an ASCII trail glued to a wide
character before it and to a wide character or the line's end after it: ``開始?念A`` was 開始的預),
is not UTF-8 read as GBK (left to the lossy search; a UTF-8 lead right before an ASCII character
is none), the model scores the rebuilt text clearly better and it is plausible Chinese. Only runs
that start at a ``?`` or U+FFFD are looked at, so clean text costs one search for those.
"""

from __future__ import annotations

import functools
import re
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from .. import model as _model
from ..changes import Change
from ..chars import is_han
from ..config import Config
from ..convert import opencc_convert, other_script
from ..segment import run_score
from ..suspect import NEAR, suspicious_re, utf8_head
from .mojibake import (_QUESTION, CLOSING_QUOTES, OTHER_SCRIPT_COST, QUOTE_BALANCE, QUOTE_PAIRS, _breaks,
                       _east_asian_near, _line_end, _line_start, _lossy_utf8, _utf8_across, closing_balance,
                       count_swap_signs, open_quotes, sign_penalty, swap_sign_cost)

RULE = "misaligned"
MAX_RUN = 40  # characters of out-of-step text after the ? (a longer run is not one loss)
MARGIN = 5.0  # nats the rebuilt text must gain over the run as it is
WHOLE_MARGIN = 7.0  # ... and where both bytes of a character are lost (??: see _whole_options)
# ... and where the run is a lone ASCII trail byte, a small letter or a sign, between wide
# characters: a ? and such a character so glued (`漢?r漢`, `漢?]漢`) are in no line of the 30 MB
# of clean text we measured with, while Traditional text in GBK, whose characters outside GB2312
# often end in an ASCII byte, makes them wherever it lost a lead byte (時 = 95 72, `拖曳?r按住`).
# A capital keeps MARGIN (Chinese writes A股, B站, T恤, and after a question too), as do @ and ~
# (真的?@小明, 好吗?~), and so does a character beside a space, which has one neighbour to be told
# by (`Y ?S上` is 軸上, but 躍上 is a word too).
LONE_TRAIL_MARGIN = 2.0
_ODD_ALONE = frozenset("abcdefghijklmnopqrstuvwxyz[\\]^_`{|}")
WHOLE_OPTIONS = 300  # characters tried for such a character (before digits, any could be it)
WIDE_BEFORE = 6  # wide characters before a ? that may be UTF-8 read as GBK or Big5 (see _utf8_before)
PLAUSIBLE = -9.0  # mean log-probability per character the rebuilt Han must reach
LEADS = range(0x81, 0xFF)
TRAILS = [b for b in range(0x40, 0xFF) if b != 0x7F]
# ASCII marks that punctuation clean-up may have made of full-width ones: read back as those.
_WIDE = {"!": "！", ",": "，", ":": "：", ";": "；", "?": "？", "(": "（", ")": "）"}
_START = re.compile("[?\ufffd]")
_FINAL = frozenset("。！？")
_COMMON_MARKS = frozenset("。，、；：？！“”‘’「」『』（）《》…—")


def fix(text: str, config: Config) -> Tuple[str, List[Change]]:
    if not config.enabled(RULE) or not _START.search(text):
        return text, []
    m = _model.load()
    changes: List[Change] = []
    out: List[str] = []
    pos = 0
    for hit in _START.finditer(text):
        i = hit.start()
        if i < pos:
            continue
        found = _rebuild(text, i, m)
        if found is None:
            continue
        j, new, gain, how = found
        out.append(text[pos:i])
        out.append(new)
        plan = ("a character lost both GB18030 bytes; chosen from its context" if how == WHOLE
                else "a lost byte put GB18030 decoding out of step; bytes re-paired")
        changes.append(Change("repair", RULE, i, j, text[i:j], new, confidence=round(min(1.0, gain / 40.0), 3),
                              plan=plan))
        pos = j
    out.append(text[pos:])
    return "".join(out), changes


# How a run ends (see the module's docstring), as the rebuilt bytes after the lost lead byte:
TRAIL = "trail"  # … the last byte is an ASCII character that was the last trail byte
LOST = "lost"  # … a ? stands for the last trail byte, lost before an ASCII byte or the line end
ASCII = "ascii"  # … the last character's trail byte is ASCII: that byte was an ASCII character
WHOLE = "whole"  # … a second ? right after the first: the trail byte, lost too (see _whole_options)


def _run_ends(text: str, i: int) -> List[Tuple[int, bytes, str]]:
    """Where the run after the ``?`` at ``i`` may end: (end index, the run's bytes, how)."""
    ends = []
    data = bytearray()
    j = i + 1
    limit = min(len(text), i + 1 + MAX_RUN)
    while j < limit:
        c = text[j]
        if (j == i + 1 and c in "?\ufffd" and j + 1 < len(text) and text[j + 1] not in "?\ufffd"
                and _trail_alone_fits(text, i)):
            ends.append((j + 1, b"", WHOLE))  # 這??週末: 個 = 82 80, and 80 cannot lead
        if data and c in "?\ufffd" and (j + 1 == len(text) or text[j + 1] < "\x80" or _in_step(text, j + 1)):
            # The decoder's ? for the lone last trail byte, before an ASCII byte, the end, or text
            # back in step (這?敲總?人都要: 個 = 82 80, and 80 cannot lead).
            ends.append((j + 1, bytes(data), LOST))
        if c < "\x80":
            # The last trail byte is ASCII; with nothing between it and the ? (可是?R時 for 臨,
            # C5 52), only where an ASCII character alone is odd (_lone_trail_fits).
            if 0x40 <= ord(c) <= 0x7E and (data or _lone_trail_fits(text, i, j)):
                ends.append((j + 1, bytes(data) + c.encode(), TRAIL))
            if c not in _WIDE:
                break
            c = _WIDE[c]
        try:
            b = c.encode("gb18030")
        except UnicodeEncodeError:
            break
        if len(b) != 2:
            break
        data += b
        j += 1
        if b[1] < 0x80 and len(data) > 2:
            ends.append((j, bytes(data), ASCII))
    return ends


def _lone_trail_fits(text: str, i: int, j: int) -> bool:
    """Whether the ASCII character at ``j``, right after the ? at ``i``, may be the trail byte of
    the character whose lead was lost: before a non-ASCII character where the ? may stand for a
    lead alone (see _trail_alone_fits) or follows a space (`Y ?S上` for 軸, 8C 53), and before a
    space after a non-ASCII character (`關?] [參` for 閉, 8F 5D)."""
    after = text[j + 1:j + 2]
    if after > "\x7f":
        return _trail_alone_fits(text, i) or text[i - 1] == " "
    return after == " " and i > 0 and text[i - 1] > "\x7f" and not _asks(text[i - 1])


def _trail_alone_fits(text: str, i: int) -> bool:
    """Whether a ? at ``i`` may be a lost lead byte whose trail alone follows it as ASCII: after a
    non-ASCII character, a digit (90?q了 for 90歲了, 歲 = 9A 71) or at a line's start (?]問題 for
    沒問題, 沒 = 9B 5D); not after a character that questions end with (吗?B站 asks)."""
    if i == 0 or text[i - 1] == "\n" or text[i - 1].isdigit():
        return True
    return text[i - 1] > "\x7f" and not _asks(text[i - 1])


ASKS = 1.0  # nats by which the model expects ？ after a character more than anywhere: 吗 5, 谁 1.7, 了 0.8


def _asks(ch: str) -> bool:
    """Whether questions end with ``ch`` (吗 呢 么 吧 啊 谁), so a ? after it is a question mark."""
    m = _model.load()
    return m.pair(ch, "？") > m.char("？") + ASKS


def _in_step(text: str, k: int) -> bool:
    """Whether the characters from ``k`` read as clean text: no mark in the next two, and each is
    common or makes a pair the model knows with the character before or after it among them and
    the one after (玩耍; 闷 of 太闷了, which the word lists know as 闷了: rare characters, real words)."""
    pair = text[k:k + 2]
    if "\ufffd" in pair or "?" in pair:
        return False
    odd = suspicious_re()
    bigram = _model.load().bigram
    for p in range(k, min(k + 2, len(text))):
        if odd.match(text, p) and not any(
                len(two) == 2 and is_han(two[0]) and is_han(two[1]) and two in bigram
                for two in (text[p - 1:p + 1] if p > k else "", text[p:p + 2])):
            return False
    return True


def _rebuild(text: str, i: int, m: "_model.Model") -> Optional[Tuple[int, str, float, str]]:
    """The best rebuilt text for a run starting at the ``?`` at ``i``: (end, text, gain, how the
    run ended).

    The original bytes are the lost lead byte, the run's bytes and, when it was lost too, a last
    trail byte; they pair up as (lead, run[0]), (run[1], run[2]), …"""
    ends = _run_ends(text, i)
    if not ends or _utf8_before(text, i) or _utf8_among_marks(text, i):
        return None  # no run, or UTF-8 read as GBK or Big5 around the ?: it is a lost UTF-8 byte
    if not _east_asian_near(text, i, i + 1):
        return None  # a line of other text (“%s”?? bạn đang nói gì): no GB18030 stream
    before = text[max(0, i - 1):i]
    best = None
    line = text[_line_start(text, i):i]
    line_end = _line_end(text, i)
    whole_line = line + text[i:line_end]
    avoid = other_script(whole_line)  # the script the line does not use
    for j, data, how in ends:
        after = text[j:j + 1]
        if how == WHOLE:
            # A whole character from its context alone (emoji that a conversion to GBK lost are ??
            # too): never one of the script the line does not use, and only where it reads far
            # better (這??週末, 1??22日; not 了??字, which may have lost an emoji before 字).
            options = [c for c in _whole_options(text[j:j + 4]) if c not in avoid]
            new = _choose(options, before, after, m, line, avoid, text[j:j + WORD_CONTEXT])
            gain = m.score(new, before, after) - m.score(text[i:j], before, after) if new else 0.0
            if gain > WHOLE_MARGIN and (best is None or gain > best[2]) and m.score(new, before, after) >= PLAUSIBLE:
                best = (j, new, gain, how)
            continue
        core = _pairs(data[1:] if how == TRAIL else data[1:-1])
        if core is None:
            continue
        tail = chr(data[-1]) if how == ASCII else ""
        firsts = _with_trail(data[0])
        if how == LOST and not core:
            # Both characters lost a byte and stand side by side: chosen together (很大 for ?艽?:
            # the first knows only its trail DC, the second only its lead B4).
            new = _choose_two(firsts, _with_lead(data[-1]), before, after, m, line, avoid)
            if new is None:
                continue
        else:
            first = _choose(firsts, before, (core + tail)[:1] or after, m, line, avoid,
                            core + tail + text[j:j + WORD_CONTEXT])
            if first is None:
                continue
            new = first + core
            if how == LOST:
                last = _choose(_with_lead(data[-1]), new[-1:], after, m, line + new, avoid,
                               text[j:j + WORD_CONTEXT])
                if last is None:
                    continue
                new += last
        new += tail
        # 鏂|區, 念A at a line's end: an ASCII byte glued to wide characters
        glued = how != LOST and text[j - 2] > "\x7f" and (after > "\x7f" or after in ("", "\n", "\r"))
        lone_trail = how == TRAIL and len(data) == 1  # 是?R時: checked by _run_ends
        margin = (LONE_TRAIL_MARGIN if lone_trail and before > "\x7f" and after > "\x7f"
                  and text[j - 1] in _ODD_ALONE else MARGIN)
        if lone_trail and new in avoid:
            continue  # an ASCII trail is none of GB2312's: such a character in a Simplified line is rare
        if not (how == LOST or glued or lone_trail or suspicious_re().search(text, i + 1, j)):
            continue  # nothing in the run looks damaged: ?! before clean text is a real ?!
        wide = [k for k in range(i + 1, j) if text[k] > "\x7f" and text[k] != "\ufffd"]
        if wide and all(_utf8_lead_open(text, k) for k in wide):
            continue  # each is a UTF-8 lead byte and a continuation byte (涓 = E6 B6): UTF-8 read as GBK
        if how == LOST and not wide and (any(map(is_han, new)) or not any(map(is_han, whole_line))):
            # Only ASCII marks between two ?: they rebuild marks (?!? for 。” at a line's end), in
            # a line of Chinese; a format's ??:?? (已启动 ???? 天 ??:??) is not 。和.
            continue
        # A kana of a Chinese line is mojibake (ぴ of 全?ぴ?600 for 全长约600), as the lossless
        # repair scores it; so is a lone bopomofo letter or box-drawing character.
        signs = 0.0
        if count_swap_signs(text[i:j]) or count_swap_signs(new):
            cost = swap_sign_cost(whole_line, line + text[j:line_end])
            signs = sign_penalty(text[i:j], cost) - sign_penalty(new, cost)
        gain = m.score(new, before, after) - m.score(text[i:j], before, after) + signs
        if gain <= margin or (best is not None and gain <= best[2]):
            continue
        if any(is_han(c) for c in new) and m.score(new, before, after) / len(new) < PLAUSIBLE:
            continue
        best = (j, new, gain, how)
    if (best is not None and (_wide_run_start(text, i) < i or best[0] > i + 2)
            and _utf8_explains_better(text, i, best[0], best[1], m)):
        return None  # (?? alone after ASCII, 1??22日, gives a lossy UTF-8 fill nothing to go by)
    return best


def _utf8_explains_better(text: str, i: int, j: int, new: str, m: "_model.Model") -> bool:
    """Whether UTF-8 read as Big5 or GBK with lost bytes explains ``text[k:j]`` (the wide characters
    before the ``?`` at ``i`` and the run) at least as well as ``new`` rebuilt for ``text[i:j]``
    (嚗?瘥? after GDP is ）比 in UTF-8 read as Big5, not a run re-paired into 瑞麗): the lossy search
    of the mojibake fixer is left to fill it."""
    k = _wide_run_start(text, i)
    before, after = text[max(0, k - 1):k], text[j:j + 1]
    mine = m.score(text[k:i] + new, before, after)
    for codec in ("cp950", "gb18030"):
        other = _lossy_utf8(text[k:j], codec, m, before, after)
        if other is not None and m.score(other, before, after) >= mine:
            return True
    return False


def _utf8_lead_open(text: str, k: int) -> bool:
    """Whether ``text[k]`` in GBK is a UTF-8 lead byte and a continuation byte (see utf8_head) whose
    last byte may follow: lost (a ``?`` or U+FFFD next, or the text's end) or the next character's
    first byte. One right before an ASCII character is not UTF-8: its last byte, a continuation
    byte, would have paired with that character's or left a ``?`` (顟 = EE 91 of `工作?顟B的`, 狀態
    with a lost lead)."""
    if not utf8_head(text[k]):
        return False
    return k + 1 == len(text) or text[k + 1] in _QUESTION or _utf8_across(text, k)


def _wide_run_start(text: str, i: int) -> int:
    """Where the run of wide characters just before ``i`` starts, up to WIDE_BEFORE of them."""
    k = i
    while k > 0 and i - k < WIDE_BEFORE and text[k - 1] > "\x7f":
        k -= 1
    return k


def _utf8_before(text: str, i: int) -> bool:
    """Whether the characters just before ``i`` (up to 6 wide ones, some suspicious) are UTF-8 read
    as GBK: their GBK bytes, from one of the first three offsets and cut before a last character
    left incomplete, decode as UTF-8 into two or more CJK characters (搴旇 before the ? of
    搴旇?ユ棭鐐? is 应该). A misaligned stream is in step, so clean, before its ?; the lossy
    search for UTF-8 mojibake has that ? to fill."""
    k = _wide_run_start(text, i)
    if i - k < 2 or not suspicious_re().search(text, k, i):
        return False
    try:
        data = text[k:i].encode("gbk")
    except UnicodeEncodeError:
        return False
    for off in range(3):
        for cut in range(4):
            try:
                got = data[off:len(data) - cut].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if sum(1 for c in got if c > "\u2e80") >= 2:
                return True
    return False


def _utf8_among_marks(text: str, i: int) -> bool:
    """Whether the ``?`` at ``i`` is one of many marks nearby (three or more within NEAR characters)
    among characters whose Big5 or GBK bytes, with a lost byte for each mark, can be UTF-8: UTF-8
    read as Big5 loses about every other byte (鈭???啁??), while a misaligned stream lost one."""
    lo, hi = max(0, i - NEAR), min(len(text), i + NEAR + 1)
    nl = text.rfind("\n", lo, i)
    lo = lo if nl < 0 else nl + 1
    nl = text.find("\n", i, hi)
    hi = hi if nl < 0 else nl
    # Clean-looking text at either end may be the damage's (砍 of ????????砍?貊) or text beyond it
    # (不敢相 after 蝪∠??): both are tried.
    odd = suspicious_re()
    inner_lo, inner_hi = lo, hi
    while inner_lo < i and not (text[inner_lo] in "?\ufffd" or odd.match(text, inner_lo)):
        inner_lo += 1
    while inner_hi > i + 1 and not (text[inner_hi - 1] in "?\ufffd" or odd.match(text, inner_hi - 1)):
        inner_hi -= 1
    return any(_utf8_with_holes(text[a:b]) for a in {lo, inner_lo} for b in {hi, inner_hi})


def _utf8_with_holes(near: str) -> bool:
    """Whether ``near``, three or more marks among wide characters, can be UTF-8 read as Big5 or
    GBK with a lost byte or more at each mark."""
    if sum(1 for c in near if c in "?\ufffd") < 3 or not any(c > "\x7f" and c != "\ufffd" for c in near):
        return False
    for codec in ("cp950", "gbk"):
        seq: List[Optional[int]] = []
        for c in near:
            if c in "?\ufffd":
                seq.append(None)
                continue
            try:
                seq.extend(c.encode(codec))
            except UnicodeEncodeError:
                break
        else:
            # The window may cut a character at either end: up to two bytes off each end.
            if any(_breaks(seq[a:len(seq) - b]) == 0 for a in range(3) for b in range(3)):
                return True
    return False


def _pair(b: bytes) -> Optional[str]:
    try:
        s = b.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return s if len(s) == 1 else None


def _pairs(data: bytes) -> Optional[str]:
    """``data`` read as two-byte GB18030 characters, or None when a pair is not one."""
    if len(data) % 2:
        return None
    out = []
    for k in range(0, len(data), 2):
        c = _pair(data[k:k + 2])
        if c is None:
            return None
        out.append(c)
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _with_trail(trail: int) -> Tuple[str, ...]:
    """The characters a lost lead byte may have made with ``trail``: Chinese, not a full-width
    letter, box or symbol."""
    return _chinese(bytes((lead, trail)) for lead in LEADS)


@functools.lru_cache(maxsize=256)
def _with_lead(lead: int) -> Tuple[str, ...]:
    """The characters ``lead`` may have made with a lost trail byte."""
    return _chinese(bytes((lead, trail)) for trail in TRAILS)


def _whole_options(following: str) -> Tuple[str, ...]:
    """The characters that a lost lead byte and a ? may stand for before ``following`` (the text
    after them, back in step): the decoder gave ? for the trail byte alone, so it is a byte that
    cannot lead (個 = 82 80) or that makes no character with the bytes after it (月 = D4 C2 before
    the digit 2 of 1月22日). The WHOLE_OPTIONS most frequent of them."""
    try:
        after = following.encode("gb18030")[:3]
    except UnicodeEncodeError:
        return ()
    # The decoder treats ASCII bytes by class: digits (which may go on with a four-byte
    # sequence), trail bytes, and the rest.
    return _whole_options_after(bytes(b if b > 0x7F else 0x30 if 0x30 <= b <= 0x39 else
                                      0x40 if 0x40 <= b <= 0x7E else 0x20 for b in after))


@functools.lru_cache(maxsize=256)
def _whole_options_after(after: bytes) -> Tuple[str, ...]:
    kept = "\ufffd" + after.decode("gb18030", errors="replace")
    trails = [t for t in range(0x80, 0xFF) if (bytes((t,)) + after).decode("gb18030", errors="replace") == kept]
    found = _chinese(bytes((lead, trail)) for trail in trails for lead in LEADS)
    m = _model.load()
    return tuple(sorted(found, key=m.char, reverse=True)[:WHOLE_OPTIONS])


def _chinese(pairs) -> Tuple[str, ...]:
    """The two-byte ``pairs`` that decode to Han characters or common Chinese marks."""
    return tuple(c for c in map(_pair, pairs) if c is not None and (is_han(c) or c in _COMMON_MARKS))


def _choose(options: Sequence[str], before: str, after: str, m: "_model.Model", line: str,
            avoid: FrozenSet[str], ahead: str = "") -> Optional[str]:
    """The character among ``options`` that reads best between its neighbours; a closing quote is
    likelier where ``line`` (the text before it) left its quotation open and unlikely where it
    closed it (see closing_balance), and a character of the script the line does not use
    (``avoid``) unlikely. Among the WORD_OPTIONS likeliest, a Han character that makes words with
    the Han characters around it (``ahead``: the text after it) is likelier (see _word_costs)."""
    ranked = _ranked(options, before, after, m, line, avoid)
    if not ranked or not is_han(ranked[0][1]):
        return ranked[0][1] if ranked else None  # a mark, or nothing: the bigrams' choice
    han = [(s, c) for s, c in ranked[:WORD_OPTIONS] if is_han(c)]
    costs = _word_costs([c for _, c in han], _han_end(line), _han_start(ahead))
    return max(han, key=lambda sc: sc[0] - costs.get(sc[1], 0.0))[1]


# A lost character is chosen by its bigrams with its neighbours, which cannot tell 最小行數 from
# 最健行數 (小行 and 健行 are alike), nor 上一级 from 上一家. The best segmentation of the Han
# characters around it into jieba's words can (最小 | 行數). Words alone favour any word (中的 →
# 中心), so they only reorder the Han characters among the WORD_OPTIONS likeliest, weighed at
# WORD_WEIGHT, where the likeliest is one: whether a mark or a character was lost is the
# bigrams' to decide (函式 is no jieba word, and ’式 read better by words alone).
WORD_OPTIONS = 8
WORD_CONTEXT = 3  # Han characters either side that the words are read in
WORD_WEIGHT = 0.5


def _word_costs(options: Sequence[str], left: str, right: str) -> Dict[str, float]:
    """For each of ``options`` (Han characters): how much worse the best segmentation of ``left``,
    it and ``right`` (Han characters) scores than the best of theirs, at WORD_WEIGHT; nothing
    without context."""
    if not (left or right) or len(options) < 2:
        return {}
    scores = {c: run_score(_simplified(left + c + right)) for c in options}
    top = max(scores.values())
    return {c: WORD_WEIGHT * (top - s) for c, s in scores.items()}


def _han_end(text: str) -> str:
    """The Han characters that end ``text``, WORD_CONTEXT at most."""
    k = len(text)
    while k > 0 and len(text) - k < WORD_CONTEXT and is_han(text[k - 1]):
        k -= 1
    return text[k:]


def _han_start(text: str) -> str:
    """The Han characters that begin ``text``, WORD_CONTEXT at most."""
    k = 0
    while k < len(text) and k < WORD_CONTEXT and is_han(text[k]):
        k += 1
    return text[:k]


def _simplified(run: str) -> str:
    """``run`` with each character in its Simplified form (the word list is Simplified)."""
    return "".join(map(_simplified_char, run))


@functools.lru_cache(maxsize=1 << 14)
def _simplified_char(ch: str) -> str:
    out = opencc_convert(ch, "t2s")
    return out if len(out) == 1 else ch


FIRST_OPTIONS = 20  # first characters kept when two are chosen together


def _choose_two(firsts: Sequence[str], lasts: Sequence[str], before: str, after: str, m: "_model.Model",
                line: str, avoid: FrozenSet[str]) -> Optional[str]:
    """The pair (one of ``firsts``, one of ``lasts``) that reads best between its neighbours: the
    FIRST_OPTIONS likeliest first characters (scored without the second), each with its best second.
    A second's score is its bigram after the first plus what does not depend on the first (its
    bigram before ``after``, its quote and line-end bonuses), computed once."""
    post = [(s - m.char(c), c) for s, c in _ranked(lasts, "", after, m, line, avoid)]
    best, best_score = None, float("-inf")
    for score, first in _ranked(firsts, before, None, m, line, avoid)[:FIRST_OPTIONS]:
        if any(first in pair for pair in QUOTE_PAIRS):
            # It opens or closes a quotation, which changes the seconds' quote bonuses.
            ranked = _ranked(lasts, first, after, m, line + first, avoid)
            second, total = (ranked[0][1], score + ranked[0][0]) if ranked else (None, float("-inf"))
        else:
            total, second = max(((score + m.pair(first, c) + rest, c) for rest, c in post),
                                default=(float("-inf"), None))
        if second is not None and total > best_score:
            best, best_score = first + second, total
    return best


def _ranked(options: Sequence[str], before: str, after: Optional[str], m: "_model.Model", line: str,
            avoid: FrozenSet[str]) -> List[Tuple[float, str]]:
    """Each of ``options`` with its score between ``before`` and ``after``, best first (``after``
    None: a character not yet known follows), after ``line``."""
    quoted = open_quotes(line)
    found = []
    for c in options:
        s = m.score(c, before[-1:], (after or "")[:1])
        if after in ("", "\n", "\r") and (c in _FINAL or c in quoted):
            s += QUOTE_BALANCE  # a line ends a sentence or a quotation more often than with 、 or ，
        if c in CLOSING_QUOTES:
            s += closing_balance(line, c)
        if c in avoid:
            s -= OTHER_SCRIPT_COST
        found.append((s, c))
    found.sort(key=lambda sc: -sc[0])
    return found
