"""Stage 4: punctuation standardised by context.

A Chinese line (one with Han characters or Chinese punctuation, and no kana or hangul: Japanese and
Korean lines are left alone) is planned in a fixed order; each step reads the plan of the steps before
it, never the raw text, which makes the stage idempotent (its output gives it nothing more to do):

1. ``parens``: ``(…)`` whose content, or the text just before it, is Chinese → ``（…）``.
2. ``quotes``: straight ``"…"`` / ``'…'`` pairs (per line, in order; apostrophes are not quotes)
   around Chinese, or around one Latin term after Chinese (``所谓"AI"``) → ``“…”`` / ``‘…’``.
   An English quotation (several words) keeps its straight quotes.
3. ``ellipsis``: ``...``, ``。。。``, a lone ``…`` beside Chinese → ``……``; ``dash``: ``--`` or a lone
   ``—`` between Chinese → ``——``.
4. ``comma`` ``colon`` ``semicolon`` ``exclamation`` ``question`` ``period``: a run of adjacent marks is
   decided as one, from the nearest character outside it on each side. Chinese on either side makes
   it Chinese, except that a run right before a closing quote or bracket belongs to the quotation
   (decided by its left side only), and a mark that ends an all-Latin sentence stays
   (``I agree. 我也同意``). ``.`` becomes ``。`` only where it ends a sentence (never before a letter
   or digit: ``文件.txt``).
5. ``space``: spaces between a full-width mark and the text beside it go (``来源: 人民网`` →
   ``来源：人民网``); indentation and spaces at the end of a line stay.
6. ``quote-style`` (only with ``quotes=``): every quote mapped by nesting level to corner
   ``「」『』`` or curly ``“”‘’``. ``cjk-spacing`` (only with ``spacing=``): a space added or removed
   between Han characters and Latin letters or digits.

With the repair stage off, ``fullwidth`` (full-width letters and digits → ASCII) runs here instead.
Nothing inside a protected span (protect.py: code, URLs, e-mail, paths, numbers, HTML, list markers)
changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Dict, FrozenSet, List, Optional, Tuple

from .changes import Change
from .chars import HAN_RE, HANGUL_RE, is_chinese, is_han
from .config import Config
from .protect import fenced_spans, line_spans
from .suspect import lost_byte_mark, suspicious_re

STAGE = "punctuation"
MARKS = {",": ("，", "comma"), ":": ("：", "colon"), ";": ("；", "semicolon"),
         "!": ("！", "exclamation"), "?": ("？", "question"), ".": ("。", "period")}
# Sets, not strings: '' (no character) is in no set.
ENDERS = frozenset(".!?")
OPENERS = frozenset("“‘「『（《〈【〔〖")
CLOSERS = frozenset("”’」』）》〉】〕〗")
# Full-width marks: the spaces beside them go (rule ``space``).
WIDE = frozenset("，。、；：？！（）“”‘’「」『』《》〈〉【】〔〕〖〗…—")
QUOTE_STYLES = {"corner": ("「", "」", "『", "』"), "curly": ("“", "”", "‘", "’")}
_OPEN_Q = frozenset("“‘「『")
_QUOTES = _OPEN_Q | frozenset("”’」』")

# Lines worth planning: with Han characters (chars.HAN_RE), and something a rule could change.
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
                      r"\u3001-\u3003\u3008-\u3011\u3014-\u301b\u2014\u2018\u2019\u201c\u201d\u2026"
                      r"\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]")
_CANDIDATE = re.compile(r"[,:;!?.()\"'\-—…]|。。。|[ \t][^ \t]|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Japanese (kana other than the middle dot and prolonged sound mark that Chinese text borrows) and Korean.
_FOREIGN = re.compile("[\u3041-\u30fa\u31f0-\u31ff\uff66-\uff9d]|" + HANGUL_RE.pattern)
_PAREN = re.compile(r"[()]")
_MARK_RUN = re.compile(r"[,:;!?.](?:[ \t]*[,:;!?.])*")
_ELLIPSIS = re.compile(r"\.{3,}|。(?:[ \t]*。){2,}|(?<!…)…(?!…)")
_DASH = re.compile(r"(?<!-)-{2,3}(?!-)|(?<!—)—(?!—)")
# Spaces beside a full-width mark, or beside an ASCII mark that may become one.
_SPACES_BY_MARK = re.compile("(?<=[%s,:;!?.()\"'\\-])[ \t]+|[ \t]+(?=[%s,:;!?.()\"'\\-])"
                             % (2 * ("".join(sorted(WIDE)),)))
_SPACE_RUN = re.compile(r"[ \t]+")
# A line with none of these has only marks right after Han (or a closing mark) to decide (the
# fast path of one line).
_HARD = re.compile(r"^[一二三四五六七八九十]{1,3}\.|[()\"'…—\-<>`&@/\\\[\]]|(?<![,:;!?. \t])[ \t]|[ \t](?![ \t\u4e00-\u9fff])"
                   r"|\.\.|。。|(?<![\u4e00-\u9fff”’）》」』])[,:;!?.]|[,:;!?.][\"')\]]|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# _HARD without the closing marks a mark may follow, for the whole text at once: text that does
# not match has Han before every mark, so each of its lines has Han (the bulk path of punctuate()
# relies on it). Written to start with one character class and look back from there, which
# Python's re scans three times as fast as _HARD's alternatives.
_ALWAYS_HARD = r"()\"'…—\-<>`&@/\\\[\]\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_PLAIN = re.compile(
    rf"[{_ALWAYS_HARD},:;!?. \t。]"
    rf"(?:(?<=[{_ALWAYS_HARD}])"
    r"|(?<=[^\u4e00-\u9fff][,:;!?.])|(?<=^[,:;!?.])|(?<=[,:;!?.])(?=[\"')\]])|(?<=。。)"  # marks
    r"|(?<=[^,:;!?. \t][ \t])|(?<=^[ \t])|(?<=[ \t])(?![ \t\u4e00-\u9fff])"  # spaces
    r"|(?<=^[一二三四五六七八九十]\.)|(?<=^[一二三四五六七八九十]{2}\.)|(?<=^[一二三四五六七八九十]{3}\.))",  # 一.
    re.M)
_EASY_BEFORE = frozenset("”’）》」』")
_EASY_PAIRS = ((",", "，"), (":", "："), (";", "；"), ("!", "！"), ("?", "？"))
_EASY_STOP = re.compile(r"\.(?![A-Za-z0-9_/\\\-.。])")  # _mark_cell's rules for '.' after Han
_EASY_SPACES = re.compile(r"(?<=[，：；！？。])[ \t]+")
_EASY_MARK = re.compile(r"[,:;!?.][ \t]*")
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_MARKS_AND_SPACE = " \t,:;!?."
_ANY_MARK_AND_SPACE = " \t,:;!?.，：；！？。"
# Latin text holding a sentence break or a straight quote (not an apostrophe) is not one term.
_OWN_SENTENCE = re.compile(r"[,.;:!?]\s|\"|(?<![A-Za-z0-9])'|'(?![A-Za-z0-9])")
# One Latin term in quotes after Chinese (所谓"AI", "C++", "Node.js") is quoted the Chinese way.
_TERM = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.+#&/-]*[A-Za-z0-9_+#])?")
_STOPS = frozenset("。！？：")  # after these, Latin text starts a sentence or quotation of its own
_LATIN_REACH = 200  # how far back a mark looks for the start of the Latin text before it


def punctuate(text: str, config: Config) -> Tuple[str, List[Change]]:
    styled = config.quotes is not None or config.spacing is not None
    if not styled and not _CANDIDATE.search(text):
        return text, []
    foreign = _FOREIGN.search(text) is not None
    fenced = fenced_spans(text)
    if config.explain:
        plans: Dict[int, Tuple[str, str]] = {}  # index → (replacement, rule)
        for m in re.finditer(r"[^\n]+", text):
            lo, hi = m.span()
            cells = _line_cells(m.group(), lo, hi, fenced, foreign, config, itemise=True)
            if cells:
                plans.update((lo + i, cell) for i, cell in cells.items())
        return _apply(text, plans)
    # Without explain: the lines that change are rebuilt. Unless options ask for a look at every
    # line, only the lines that need one are visited; the plain text between them converts in bulk.
    bulk = not (styled or config.disable)
    between = _plain if bulk else _same
    out: List[str] = []
    pos = 0
    if bulk:
        lines = _special_lines(text, fenced, foreign)
    else:
        lines = ((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    for lo, hi in lines:
        line = text[lo:hi]
        cells = _line_cells(line, lo, hi, fenced, foreign, config, itemise=False)
        if not cells and not bulk:
            continue
        out.append(between(text[pos:lo]))
        out.append(line if not cells else _easy(line) if cells is _EASY else _rebuilt(line, cells))
        pos = hi
    out.append(between(text[pos:]))
    fixed = "".join(out)
    if fixed == text:
        return text, []
    return fixed, [Change(STAGE, "punctuation", 0, len(text), text, fixed)]  # one change: Config.explain


_EASY: Dict[int, Tuple[str, str]] = {-1: ("", "")}  # _line_cells: convert the line the easy way


def _line_cells(line: str, lo: int, hi: int, fenced: List[Tuple[int, int]], foreign: bool, config: Config,
                itemise: bool) -> Optional[Dict[int, Tuple[str, str]]]:
    """The plan for the line text[lo:hi] (index in the line → (replacement, rule)), None when it
    stays, or _EASY when it holds only marks right after Han (and spaces after them) and converts
    the easy way (never when itemising)."""
    if not HAN_RE.search(line) or (foreign and _FOREIGN.search(line)):
        return None
    protected = _in_line(fenced, lo, hi) if fenced else _NONE
    if len(protected) == hi - lo:
        return None  # all code
    styled = config.quotes is not None or config.spacing is not None
    if styled or _HARD.search(line):
        protected = protected | _in_line(line_spans(line), 0, hi - lo)
        return _Line(line, protected, config).plan() or None
    if not itemise and not protected and not config.disable and (
            "?" not in line or not suspicious_re().search(line)):
        return _EASY
    cells = {}  # the same with ? and . (which look at what is beside them), one mark at a time
    for k in _EASY_MARK.finditer(line):
        i = k.start()
        cell = None if i in protected else _mark_cell(line, i, config.disable)
        if cell is not None:
            cells[i] = cell
            if k.end() > i + 1 and "space" not in config.disable:
                cells.update((j, ("", "space")) for j in range(i + 1, k.end()) if j not in protected)
    return cells or None


def _easy(text: str) -> str:
    """Only marks right after Han, perhaps spaces before Han: ,:;!? all convert (no ? is a lost
    byte without a suspicious character on its line), '.' unless a letter, digit or another stop
    follows it, and the spaces after converted marks go. Lines are independent: this may run on
    many lines at once."""
    new = text
    for ascii_mark, wide in _EASY_PAIRS:  # str.replace is much faster than translate on CJK text
        new = new.replace(ascii_mark, wide)
    if "." in new:
        new = _EASY_STOP.sub("。", new)
    if " " in text or "\t" in text:
        new = _EASY_SPACES.sub("", new)
    return new


def _plain(text: str) -> str:
    """Lines that _special_lines passed over: every mark on them follows a Han character, so they
    have Han, are plain (see _PLAIN) and convert the easy way, all at once."""
    return _easy(text) if _CANDIDATE.search(text) else text


def _same(text: str) -> str:
    return text


def _special_lines(text: str, fenced: List[Tuple[int, int]], foreign: bool):
    """(start, end) of each line that needs a look of its own, in order: lines with anything but
    marks right after Han and spaces after those marks (_PLAIN), a ? beside a suspicious character,
    code fences, Japanese or Korean. Found with a few whole-text scans; the rest is plain."""
    starts = set()
    patterns = [_PLAIN, _FOREIGN] if foreign else [_PLAIN]
    sus = suspicious_re()
    for pattern in patterns:
        m = pattern.search(text)
        while m:
            lo = text.rfind("\n", 0, m.start()) + 1
            starts.add(lo)
            hi = text.find("\n", m.end())
            if hi < 0:
                break
            m = pattern.search(text, hi + 1)
    if "?" in text:
        m = sus.search(text)
        while m:
            lo = text.rfind("\n", 0, m.start()) + 1
            hi = text.find("\n", m.end())
            hi = hi if hi >= 0 else len(text)
            if text.find("?", lo, hi) >= 0:
                starts.add(lo)
            m = sus.search(text, hi + 1) if hi < len(text) else None
    for s, e in fenced:
        lo = text.rfind("\n", 0, s) + 1
        while lo < e:
            starts.add(lo)
            lo = text.find("\n", lo) + 1
            if lo == 0:
                break
    for lo in sorted(starts):
        hi = text.find("\n", lo)
        yield lo, (hi if hi >= 0 else len(text))


def _rebuilt(line: str, cells: Dict[int, Tuple[str, str]]) -> str:
    chars = list(line)
    for i, (new, _) in cells.items():
        chars[i] = new
    return "".join(chars)


def _in_line(spans: List[Tuple[int, int]], lo: int, hi: int) -> FrozenSet[int]:
    """The indices, relative to the line text[lo:hi], that lie in one of ``spans`` (sorted by start)."""
    found = set()
    for s, e in spans[max(bisect_right(spans, (lo, float("inf"))) - 1, 0):]:
        if s >= hi:
            break
        found.update(range(max(s, lo) - lo, min(e, hi) - lo))
    return frozenset(found) if found else _NONE


_NONE: FrozenSet[int] = frozenset()


def _apply(text: str, plans: Dict[int, Tuple[str, str]]) -> Tuple[str, List[Change]]:
    """Rebuild the text from per-character plans; neighbouring cells of one rule make one change."""
    if not plans:
        return text, []
    out: List[str] = []
    changes: List[Change] = []
    pos = 0
    order = sorted(plans)
    k = 0
    while k < len(order):
        start = order[k]
        rule = plans[start][1]
        end = start + 1
        after = [plans[start][0]]
        while k + 1 < len(order) and order[k + 1] == end and plans[end][1] == rule:
            k += 1
            after.append(plans[end][0])
            end += 1
        k += 1
        new = "".join(after)
        out.append(text[pos:start])
        out.append(new)
        changes.append(Change(STAGE, rule, start, end, text[start:end], new))
        pos = end
    out.append(text[pos:])
    return "".join(out), changes


class _Line:
    """The plan for one line: index → (replacement, rule). A replacement of '' deletes the character."""

    def __init__(self, text: str, protected: FrozenSet[int], config: Config) -> None:
        self.text = text
        self.protected = protected
        self.config = config
        self.off = config.disable
        self.hidden: set = set()  # where ellipses and dashes are (converted or not)
        self.closing: set = set()  # straight quotes that close a pair, converted or not
        self.chinese: Optional[List[int]] = None  # indices of Chinese characters, when first needed
        self.new: Dict[int, Tuple[str, str]] = {}

    # -- the plan as read by later steps ------------------------------------------------------

    def at(self, i: int) -> str:
        """The planned character at ``i`` ('' where deleted; the first of a longer replacement)."""
        cell = self.new.get(i)
        return self.text[i] if cell is None else cell[0][:1]

    def nearest(self, i: int, step: int, skip: str = " \t") -> Tuple[str, int]:
        """The nearest planned character from ``i`` in direction ``step``, past ``skip`` and
        deleted characters, and its index ('' and -1 at the end of the line)."""
        t, new, n = self.text, self.new, len(self.text)
        while 0 <= i < n:
            cell = new.get(i)
            ch = t[i] if cell is None else cell[0][:1]
            if ch and ch not in skip:
                return ch, i
            i += step
        return "", -1

    def context(self, i: int, step: int) -> Tuple[str, int]:
        """As :meth:`nearest`, past ellipses and dashes that stay as they are."""
        while True:
            ch, i = self.nearest(i, step)
            if i not in self.hidden or i in self.new:
                return ch, i
            i += step

    def set(self, i: int, new: str, rule: str) -> None:
        if self.config.enabled(rule) and i not in self.protected:
            self.new[i] = (new, rule)

    def free(self, i: int) -> bool:
        return i not in self.protected and i not in self.new

    # -- the steps ----------------------------------------------------------------------------

    def plan(self) -> Dict[int, Tuple[str, str]]:
        t = self.text
        if "(" in t:
            self.parens()
        if '"' in t or "'" in t:
            self.quotes()
        if "…" in t or "--" in t or "—" in t or _ELLIPSIS.search(t):
            self.ellipses_and_dashes()
        self.marks()
        if " " in t or "\t" in t:
            self.spaces()
        if not self.config.repair:
            self.fullwidth()
        if self.config.quotes:
            self.quote_style(self.config.quotes)
        if self.config.spacing:
            self.cjk_spacing(self.config.spacing)
        return self.new

    def parens(self) -> None:
        stack: List[int] = []
        pairs = []
        for m in _PAREN.finditer(self.text):
            i = m.start()
            if i in self.protected:
                continue
            if self.text[i] == "(":
                stack.append(i)
            elif stack:
                pairs.append((stack.pop(), i))
        for o, c in sorted(pairs):  # outer first: an inner pair sees the outer one as planned
            inner = self.text[o + 1:c]
            if o > 0 and (self.text[o - 1].isascii() and (self.text[o - 1].isalnum() or self.text[o - 1] == "_")
                          and re.search(r"[\"'=“”‘’]", inner)):  # curly too: what quotes may make of "
                continue  # a call with arguments, f("值"), not an aside
            before, _ = self.nearest(o - 1, -1, _MARKS_AND_SPACE + "\"'-—…")  # not decided yet: quotes, dashes
            if _has_han(inner) or is_chinese(before):
                self.set(o, "（", "parens")
                self.set(c, "）", "parens")

    def quotes(self) -> None:
        for mark, (left, right) in (('"', ("“", "”")), ("'", ("‘", "’"))):
            if mark not in self.text:
                continue
            spots = [i for i in _positions(self.text, mark)
                     if self.free(i) and not (mark == "'" and _apostrophe(self.text, i))]
            if len(spots) % 2:
                continue  # unbalanced on this line: which is which cannot be known
            for o, c in zip(spots[::2], spots[1::2]):
                self.closing.add(c)
                if self._chinese_quotation(o, c):
                    self.set(o, left, "quotes")
                    self.set(c, right, "quotes")

    def _chinese_quotation(self, o: int, c: int) -> bool:
        inner = "".join(self.at(k) for k in range(o + 1, c))  # as planned: （ from (, not (
        if o > 0 and self.at(o - 1) in ("=", "(", "[", "{"):
            return False  # a string in code: x="值", f("值")
        if _has_han(inner):
            return True
        before, _ = self.nearest(o - 1, -1, _MARKS_AND_SPACE)
        term = len(inner) <= 30 and _TERM.fullmatch(inner)
        return bool(term) and is_chinese(before)

    def ellipses_and_dashes(self) -> None:
        """``...``, ``…``, ``--``, ``—`` are decided before the marks, from the text beside them
        past any marks (which they may make Chinese, not the other way round). Each converts when
        that text is Chinese, which a converted neighbour makes it: repeated until nothing more
        converts (conversion only adds Chinese context, so the result does not depend on the
        order, and a second run of the stage finds nothing). What stays is invisible to the marks."""
        waiting = []
        for pattern in (_ELLIPSIS, _DASH):
            for m in pattern.finditer(self.text):
                s, e = m.span()
                if all(self.free(i) for i in range(s, e)):
                    waiting.append((s, e, m.group()))
                    self.hidden.update(range(s, e))
        waiting.sort()
        while True:
            done = [h for h in waiting if self._held_is_chinese(*h)]
            if not done:
                return
            for s, e, found in done:
                self._replace(s, e, "——" if found[0] in "-—" else "……", "dash" if found[0] in "-—" else "ellipsis")
            waiting = [h for h in waiting if h not in done]

    def _held_is_chinese(self, s: int, e: int, found: str) -> bool:
        left, _ = self.nearest(s - 1, -1, _ANY_MARK_AND_SPACE)
        right, _ = self.nearest(e, 1, _ANY_MARK_AND_SPACE)
        if left.isdigit() and right.isdigit():
            return False  # 1...10, 2020--2021
        if found[0] in ".。…":
            return found[0] == "。" or is_chinese(left) or is_chinese(right)
        return (is_chinese(left) or left.isdigit()) and (is_chinese(right) or right.isdigit())  # 早--1月

    def _replace(self, s: int, e: int, new: str, rule: str) -> None:
        self.set(s, new, rule)
        for i in range(s + 1, e):
            self.set(i, "", rule)

    def marks(self) -> None:
        t = self.text
        runs: List[List[int]] = []
        for m in _MARK_RUN.finditer(t):
            s, e = m.span()
            if runs and self.hidden and s - runs[-1][1] <= 8 and all(
                    t[i] in " \t" or (i in self.hidden and i not in self.new) for i in range(runs[-1][1], s)):
                runs[-1][1] = e  # joined across an ellipsis or dash that stays: ,--,
            else:
                runs.append([s, e])
        for s, e in runs:
            if e - s == 1 and s and ("\u4e00" <= t[s - 1] <= "\u9fff" or self.at(s - 1) in _EASY_BEFORE):  # 好, ”,
                if self.free(s) and s not in self.hidden:
                    self._mark(s)
                continue
            cut = [i for i in range(s, e) if i in self.new]  # an ellipsis made …… splits the run
            for a, b in zip([s] + [i + 1 for i in cut], cut + [e]):
                spots = [i for i in range(a, b) if t[i] in MARKS and self.free(i) and i not in self.hidden]
                if spots and self._chinese_run(a, b):
                    for i in spots:
                        self._mark(i)

    def _chinese_run(self, s: int, e: int) -> bool:
        """Whether the run of marks text[s:e] is Chinese punctuation, from the text around it."""
        left, li = self.context(s - 1, -1)
        right, ri = self.context(e, 1)
        if right in CLOSERS or right == ")" or ri in self.closing:
            right = ""  # the run ends a quotation or an aside: its own text decides
        if is_chinese(left):
            return True
        right_chinese = is_chinese(right) and right not in CLOSERS
        if not left:
            return right_chinese
        ends = any(self.text[i] in ENDERS for i in range(s, e) if i not in self.hidden)
        embedded = self._latin_in_chinese(li)
        if ends and not embedded:
            return False  # it ends an all-Latin sentence: I agree. 我也同意
        return right_chinese or (ends and embedded and not right)

    def _latin_in_chinese(self, i: int) -> bool:
        """Whether the non-Chinese text ending at ``i`` is a term inside a Chinese sentence
        (``我用的是iPhone``), not a sentence or quotation of its own (``他说：I agree``)."""
        if self.chinese is None:
            self.chinese = [m.start() for m in _CHINESE.finditer(self.text)]
        k = bisect_right(self.chinese, i) - 1
        j = self.chinese[k] if k >= 0 else -1
        planned = [p for p in self.new if max(j, i - _LATIN_REACH) < p <= i]
        for p in sorted(planned, reverse=True):  # planned marks count as Chinese too
            if is_chinese(self.at(p)):
                j = p
                break
        if j < 0 or i - j >= _LATIN_REACH:
            return False
        ch = self.at(j)
        if ch in _STOPS or ch in OPENERS:
            return False
        between = (self.text[j + 1:i + 1] if not any(j < p for p in planned)
                   else "".join(self.at(p) for p in range(j + 1, i + 1)))
        return not _OWN_SENTENCE.search(between)

    def _mark(self, i: int) -> None:
        t = self.text
        if t[i] == "." and (self.nearest(i - 1, -1)[0] in (".", "。") or self.nearest(i + 1, 1)[0] in (".", "。")):
            return  # . . . : dots, not full stops (and 。 。 。 would be an ellipsis)
        if i - 1 in self.new or i + 1 in self.new:  # read the neighbours as planned
            cell = _mark_cell(t, i, self.off, self.nearest(i - 1, -1, "")[0], self.nearest(i + 1, 1, "")[0])
        else:
            cell = _mark_cell(t, i, self.off)
        if cell is not None:
            self.new[i] = cell

    def spaces(self) -> None:
        first = len(self.text) - len(self.text.lstrip(" \t"))
        for m in _SPACES_BY_MARK.finditer(self.text, first):
            s, e = m.span()
            if e >= len(self.text) or not all(self.free(i) for i in range(s, e)):
                continue
            left, li = self.nearest(s - 1, -1, "")
            right, ri = self.nearest(e, 1, "")
            if left == right and left in ("—", "…") and (
                    (li in self.hidden and li not in self.new) or (ri in self.hidden and ri not in self.new)):
                continue  # between a — or … that stays and another: joined, they would make —— or ……
            if ((left in WIDE and _text(right)) or (right in WIDE and _text(left))
                    or (right in CLOSERS and left in ENDERS)):  # "I am fine. 」
                self._replace(s, e, "", "space")

    def fullwidth(self) -> None:
        for m in _FULLWIDTH_ALNUM.finditer(self.text):
            if self.free(m.start()):
                self.set(m.start(), chr(ord(m.group()) - 0xFEE0), "fullwidth")

    def quote_style(self, style: str) -> None:
        """Every quote mark, by nesting level: level 1 → the style's double, level 2 → its single."""
        marks = [(i, self.at(i)) for i in range(len(self.text))
                 if self.at(i) in _QUOTES and i not in self.protected
                 and not (self.at(i) == "’" and _apostrophe(self.text, i))]
        levels: List[Optional[int]] = []
        depth = 0
        for _, q in marks:
            if q in _OPEN_Q:
                depth += 1
                levels.append(depth)
            else:
                levels.append(depth if depth else None)
                depth = max(depth - 1, 0)
        balanced = depth == 0 and None not in levels
        d_open, d_close, s_open, s_close = QUOTE_STYLES[style]
        for (i, q), level in zip(marks, levels):
            if balanced:
                double = level % 2 == 1  # type: ignore[operator]
            else:
                double = q in "“”「」"
            want = (d_open if double else s_open) if q in _OPEN_Q else (d_close if double else s_close)
            if want != q:
                rule = self.new[i][1] if i in self.new else "quote-style"
                if self.config.enabled("quote-style"):
                    self.new[i] = (want, rule)

    def cjk_spacing(self, how: str) -> None:
        """Between a Han character and a Latin letter or digit, as planned (full-width digits made
        ASCII count): ``add`` puts one space, ``remove`` takes the spaces away."""
        kinds = [_kind(self.at(i)) for i in range(len(self.text))]
        if how == "add":
            for i in range(len(self.text) - 1):
                if {kinds[i], kinds[i + 1]} == {"han", "latin"}:
                    if i not in self.protected:
                        self.new[i] = (self.new.get(i, (self.text[i], ""))[0] + " ", "cjk-spacing")
                    elif i + 1 not in self.protected:  # the left one is a URL's end: the space goes right
                        self.new[i + 1] = (" " + self.new.get(i + 1, (self.text[i + 1], ""))[0], "cjk-spacing")
            return
        for m in _SPACE_RUN.finditer(self.text):
            s, e = m.span()
            if s and e < len(self.text) and {kinds[s - 1], kinds[e]} == {"han", "latin"} and all(
                    self.free(i) for i in range(s, e)):
                self._replace(s, e, "", "cjk-spacing")


def _kind(ch: str) -> str:
    if ch and ch.isascii() and ch.isalnum():
        return "latin"
    return "han" if ch and is_han(ch) else ""


def _mark_cell(t: str, i: int, off: FrozenSet[str], before: Optional[str] = None, after: Optional[str] = None
               ) -> Optional[Tuple[str, str]]:
    """The plan for a mark found in Chinese context, unless the mark itself says otherwise
    (``before``/``after``: the planned characters beside it, where they may differ from the text's)."""
    ch = t[i]
    new, rule = MARKS[ch]
    if rule in off:
        return None
    if before is None:
        before = t[i - 1] if i else ""
    if after is None:
        after = t[i + 1] if i + 1 < len(t) else ""
    if ch in ",:." and before.isdigit() and after.isdigit() and before.isascii() and after.isascii():
        return None  # 1,000 / 18:29 / 2.87
    if ch == "." and after and after.isascii() and (after.isalnum() or after in "_/\\-"):
        return None  # 文件.txt, a.b: not the end of a sentence
    if ch == "." and (before in (".", "。") or after in (".", "。")):
        return None  # .. or .。: not one full stop (and 。。。 would be an ellipsis)
    if ch == "?" and lost_byte_mark(t, i):
        return None  # a lost byte inside mojibake repair could not rebuild, not a question
    return new, rule


def _positions(text: str, ch: str) -> List[int]:
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _has_han(s: str) -> bool:
    return any(is_han(c) for c in s)


def _apostrophe(text: str, i: int) -> bool:
    """``don't``, ``it’s``: a quote mark between two letters or digits is an apostrophe."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum() and not (
        is_han(text[i - 1]) or is_han(text[i + 1]))


def _text(ch: str) -> bool:
    """Text a space may separate from a full-width mark: Chinese, letters, digits (not ``|`` or ``*``)."""
    return bool(ch) and (is_chinese(ch) or ch.isalnum() or ch in WIDE)
