"""The Chinese plausibility model: how likely a string is as real text.

A character bigram model over Han characters (counts from two word lists, Simplified and
Traditional; see tables/README.md): pairs inside words, and across a word boundary how often the
first character ends a word and the second begins one, interpolated with unigrams; on top of that,
pairs counted in running text (news and reviews), which know what follows what across words (将于,
说：, 于1998) where the word lists cannot. Class scores
cover everything else: ASCII, Chinese punctuation, kana, hangul, Latin letters, and penalties for
private-use, unassigned, control and rare code points and for ideographs glued to Latin letters.
Scores are natural-log probabilities (higher is more plausible); only differences between
candidates for the same span matter.

The tables load once, on first use, into an immutable :class:`Model`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import unicodedata
from dataclasses import dataclass
from typing import Mapping

from . import _tables
from .chars import is_cjk_punct, is_han, is_hangul, is_kana, is_pua, is_zhuyin

# P(b | a) = LAMBDA * (n(ab) / n(a) + P(a ends a word | a) * P(b begins the next word))
#            + (1 - LAMBDA) * P(b)
# n(ab) counts the pair inside dictionary words, and the boundary term carries the evidence across
# words that pairs inside words cannot give: 被 begins far more words than 號 does, 了 ends more
# than 人. The unigram share only smooths.
LAMBDA = 0.9
# Running text adds its own estimate of P(b | a), n_run(ab) / n_run(a), to the sum above with the
# weight RUNNING_WEIGHT * n_run(a) / (n_run(a) + RUNNING_CONFIDENCE): it only adds, so a pair the
# small running corpus never saw (most cross-word pairs of real text) costs nothing, and a character
# it saw seldom gets little of its weight.
RUNNING_WEIGHT = 0.5
RUNNING_CONFIDENCE = 50
# A separator, book-title mark, bracket or digit after a Han character (说：, 读《, 于1998) adds
# n_run(a, mark) / n_run(a) to the mark's probability as the model scores it otherwise, with the
# weight n_run(a) / (n_run(a) + MARK_CONFIDENCE) (so it adds n_run(a, mark) / (n_run(a) +
# MARK_CONFIDENCE)); a Han character after a mark or a digit (“说, 1998年) adds MARK_WEIGHT times
# its share among the Han characters seen after that mark.
MARK_CONFIDENCE = 1000
MARK_WEIGHT = 0.5
_DIGIT = "0"  # in model_running.tsv, any ASCII digit
_MIN_END = 0.01  # P(a ends a word | a) at least: the dictionary's words are not all the words there are
_END_RARE = math.log(LAMBDA * 0.3)  # ... for a Han character the tables lack, an average one
_START_NEVER = math.log(1e-7)  # P(b begins a word) for a character that begins no dictionary word
# Punctuation ends a word, so the character before it scores by how often it ends one (啊！, not 發！),
# at worst this much below the mean.
_ENDS_WORD = frozenset("，。、；：？！”’）》…,.;:?!")
_FINAL_FLOOR = -4.0

# Class log-probabilities for characters the Han tables do not cover.
_ASCII_ALNUM = math.log(0.02)
_ASCII_OTHER = math.log(0.01)
_SPACE = math.log(0.03)
_CJK_PUNCT = math.log(0.02)
# The marks Chinese text uses most, by rough share of all characters (general knowledge, not fitted
# to test text); the rest of the CJK Symbols block (〃〄〆〒) is rare in prose.
_PUNCT = {c: math.log(p) for c, p in (("，", 0.05), ("。", 0.03), ("、", 0.008), ("“", 0.008), ("”", 0.008),
                                       ("：", 0.005), ("！", 0.003), ("？", 0.003), ("《", 0.003), ("》", 0.003),
                                       ("（", 0.003), ("）", 0.003), ("；", 0.002), ("…", 0.002), ("—", 0.002),
                                       ("「", 0.004), ("」", 0.004), ("‘", 0.001), ("’", 0.001), ("·", 0.001),
                                       ("～", 0.0005))}
_CJK_PUNCT_RARE = math.log(0.0005)
# Full-width digits are common in older Chinese text (2.9% of People's Daily 1998's characters),
# full-width letters are not (0.1%: ＧＤＰ), though GBK read out of step makes them (ｑ of ｑv).
_FULLWIDTH_LETTER = math.log(0.001)
# Zero in numbers written with Chinese numerals (二○○○年, 一九九〇年): a white circle (GB2312's ○)
# or the ideographic zero, as common as a rare mark.
_ZEROS = frozenset("○〇")
_ZERO = math.log(0.001)
# Signs of the CJK Symbols block that Chinese prose does not use (ditto 〃, 〆, postal 〒, Hangzhou
# numerals 〡…), vertical and small forms, but Big5 and GBK bytes read in the other codec give
# (委 → 〆, 、 → ﹜).
CJK_ODD = frozenset("〃〄〆〒〓〘〙〚〛〠〡〢〣〤〥〦〧〨〩〪〭〮〯〫〬〰〱〲〳〴〵〶〷〸〹〺〻〼〽〾〿"
                    + "".join(map(chr, range(0xFE10, 0xFE20)))  # ... vertical forms (︐ ︙)
                    + "".join(map(chr, range(0xFE50, 0xFE6C))))  # ... and small forms (﹐ ﹜), from CNS
_CJK_SYMBOL_ODD = math.log(1e-6)
# The diaeresis alone (U+00A8): no language writes it apart from its letter, and what puts it in
# text is a wrong decoding: Big5's “ read as GBK (A1 A7), or a GBK byte A8 read as Latin-1. As rare
# as the odd CJK signs.
_DIAERESIS = math.log(1e-6)
# The squared unit signs of CJK Compatibility (㎝ ㎏ ㏄): Chinese writes cm, kg or 厘米, and puts one
# only after a number (120㎝), where it scores as other symbols do; elsewhere it is what Big5's 和 周
# 呢 read as GBK make (SUB ㎝ FUNCTION).
_SQUARED_UNIT = math.log(1e-6)
_UNIT_AFTER_DIGIT = math.log(50.0)
_KANA = math.log(0.01)
# A bopomofo letter or tone mark after another: zhuyin writes them in runs (ㄓㄨˋ ㄧㄣ), where each
# is far likelier than the rare symbol one alone is (GBK's full-width punctuation read as Big5, ：→
# ㄩ, which the repair stage also weighs as a swap sign).
_ZHUYIN_RUN = math.log(100.0)
_HANGUL = math.log(0.002)  # hangul jamo and compatibility jamo
_HANGUL_NOT_KSX1001 = math.log(1e-3)  # a syllable outside the 2,350 of KS X 1001 (everyday Korean)
# Approximate shares of each jamo among Korean syllables, from general knowledge of the language
# (not fitted to any test text): a syllable's score is the product of its three jamo shares, so
# 가, 다, 는 score well and 짽, 헊, 쵾 (what Chinese bytes decoded as Korean give) badly.
_LEADS = dict(zip("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ", (
    .12, .01, .07, .09, .008, .05, .05, .05, .002, .09, .01, .22, .09, .003, .02, .008, .015, .01, .07)))
_LEAD_ORDER = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"  # Unicode's order of the leading consonants
_VOWELS = (.2, .05, .01, .001, .12, .03, .05, .005, .1, .02, .002, .01, .015, .07, .01, .001, .005, .01, .12,
           .02, .15)  # ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ
_TAILS = (.55, .05, .002, .0005, .12, .0005, .002, .005, .08, .002, .002, .0005, .0005, .0005, .0005, .002,
          .04, .03, .0005, .02, .02, .07, .005, .005, .002, .002, .002, .01)  # none ㄱㄲㄳㄴㄵㄶㄷㄹㄺ…ㅎ
_HALFWIDTH_KANA = math.log(1e-6)  # what GBK/Big5/Latin-1 bytes decoded as Shift_JIS give
_LATIN_LETTER = math.log(0.0005)  # accented Latin letters
_SYMBOL = math.log(0.00005)
# The arrow menu paths and steps are written with (工具 → 選項 → 語言), four times a rare symbol's
# share (general knowledge, not fitted); ← ↑ ↓ are as rare as any symbol.
_ARROW = math.log(0.0002)
_RARE_HAN = math.log(2e-8)  # a Han character absent from the tables
_PUA = math.log(1e-10)
_UNASSIGNED = math.log(1e-11)
_CONTROL = math.log(1e-10)
# A combining mark (Hebrew points, accents of decomposed Latin): a two-byte UTF-8 character that
# bytes decoded out of place make (值 in GBK is D6 B5, UTF-8's Hebrew tsere); text puts one after a
# letter, where it is scored no better.
_COMBINING = math.log(1e-8)
_GLUE = math.log(0.05)  # extra cost of a Han character touching a Latin letter (ASCII or accented: 去 → ȥ)
# ... or a kana beside a Han character or a digit: in Chinese that is mostly Big5/GBK bytes read in the
# other codec (7月1日 → 7る1ら). (Japanese text pays it too, but no repair of it wins: decoded in a
# wrong codec it is garbage.)
_KANA_GLUE = math.log(0.05)
# A small kana after anything but a kana (っ ッ: but a Han character, 言って): Japanese writes one only
# after the kana it modifies (きゅ, ちょっと), so one that begins a word is Big5 read as GBK (文 → ゅ).
# (Not the counters ゕ ゖ ヵ ヶ, which follow numbers and kanji: 一ヶ月, 三ヵ国, 霞ヶ関.)
SMALL_KANA = frozenset("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮっッ")
_SMALL_KANA_ALONE = math.log(1e-4)
# A rare Han character repeated (靡靡, 朝朝暮暮, 碩鼠碩鼠): P(a | a) is at least REDUPLICATION for
# an ``a`` whose unigram is below REDUPLICATION_BELOW. Reduplication is a way of forming words, not a
# pair the tables can list: in People's Daily 1998 about 1% of the characters rarer than e^-10 are
# followed by themselves (2-8% in classical poems), while the backoff above gives a rare one its
# unigram (e^-12 and less). A commoner character is in the tables often enough for them to know
# (着着 is rare, 刚刚 is listed).
REDUPLICATION = math.log(0.01)
REDUPLICATION_BELOW = -10.0
# ... and two Latin-1/Latin Extended characters in a row (ÉÏÕÇ, ºÍ: GBK bytes read as cp1252 make
# long runs of them; European words seldom put two together, as in Größe).
_LATIN_RUN = math.log(0.1)
# ... and two Chinese marks in a row that prose does not write (。。 ，。 、：): marks follow one
# another only where a quotation or bracket opens or closes (。” ”。 ：“ 》，), in doubled dashes and
# ellipses (…… ——) and in ？！.
_SEPARATORS = "，。、；：？！"
_OPENERS = "“‘「『（《"
_CLOSERS = "”’」』）》"
_MARKS = frozenset(_SEPARATORS + _OPENERS + _CLOSERS + "…—")
_MARK_PAIRS = frozenset(
    [a + b for a in _MARKS for b in _CLOSERS + _OPENERS if a not in _OPENERS or b in _OPENERS]
    + [a + b for a in _CLOSERS for b in _MARKS]
    + [a + b for a in "…—" + _OPENERS for b in "…—"]
    + [a + b for a in "…—" for b in _SEPARATORS]
    + ["……", "——", "？！", "！？", "？？", "！！"])
_NOT_FIRST = frozenset(_SEPARATORS + _CLOSERS)  # ... nor does a line begin with one of these
_MARK_RUN = math.log(0.002)
# Signs that follow a digit (_AFTER_DIGIT, each scored so there and as the rest of the model scores
# it elsewhere): a full-width full stop is a decimal point (4．4万, 10．63摄氏度), and a digit follows
# it: in People's Daily 1998, 3% of digits are followed by ． and 96% of ． by a digit (，follows
# 0.08% of digits); a full-width percent sign (5％) follows 2.7% of digits there and a middle dot
# (3·5) 0.9%; a degree sign follows a number (25°C, 90°). Elsewhere ． and ％ are rare signs (see
# _class_score), · is a mark of names (乔治·布什) and ° a symbol.
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_AFTER_DECIMAL_POINT = math.log(0.9)
_NOT_AFTER_DECIMAL_POINT = math.log(0.05)  # ... added to what follows ． when it is not a digit
_AFTER_DIGIT = {"．": math.log(0.03), "％": math.log(0.03), "°": math.log(0.01), "·": math.log(0.01)}


@dataclass(frozen=True)
class Model:
    unigram: Mapping[str, float]  # log P(c) for Han characters
    bigram: Mapping[str, float]  # log P(b | a) for pairs the tables hold (Han with Han, a mark or a digit)
    floor: Mapping[str, float]  # (1 - LAMBDA) * P(b) in log space, the unigram share of an unseen pair
    end: Mapping[str, float]  # log(LAMBDA * P(a ends a word | a)) for Han characters
    start: Mapping[str, float]  # log P(b begins a word) for Han characters
    final: Mapping[str, float]  # log(P(a ends a word | a) / its mean): a's share before punctuation

    def char(self, ch: str) -> float:
        """Log-probability of one character out of context."""
        lp = self.unigram.get(ch)
        if lp is not None:
            return lp
        return _class_score(ch)

    def boundary(self, a: str) -> "float | None":
        """For a Han character ``a``, log(LAMBDA * P(a ends a word)); None for any other. For Han
        ``a`` and a Han ``b`` of the tables, ``pair(a, b)`` of a pair not in ``bigram`` is the larger of
        ``floor[b]`` and ``boundary(a) + start[b]``, and for a rare ``a == b`` at least ``REDUPLICATION``
        (what a search over many pairs may inline)."""
        if a >= "\u3400" and is_han(a):
            return self.end.get(a, _END_RARE)
        return None

    def pair(self, a: str, b: str) -> float:
        """Log-probability of ``b`` following ``a``."""
        lp = self.bigram.get(a + b)
        if lp is not None:
            return lp
        a_han = a >= "\u3400" and is_han(a)
        s = (self.floor if a_han else self.unigram).get(b)
        if s is None:
            s = _class_score(b)
        elif a_han:  # the larger of the two shares stands for their sum (within log 2)
            s = max(s, self.end.get(a, _END_RARE) + self.start[b])
        if a_han and b in _ENDS_WORD:
            s += self.final.get(a, 0.0)
        elif b in _AFTER_DIGIT and a in _DIGITS:
            s = _AFTER_DIGIT[b]
        elif a == "．":
            s = _AFTER_DECIMAL_POINT if b in _DIGITS else s + _NOT_AFTER_DECIMAL_POINT
        elif a_han and a == b and s < REDUPLICATION and self.unigram.get(a, _RARE_HAN) < REDUPLICATION_BELOW:
            s = REDUPLICATION
        elif "\u3380" <= b <= "\u33df" and a.isdigit():
            s += _UNIT_AFTER_DIGIT
        elif is_zhuyin(a) and is_zhuyin(b):
            s += _ZHUYIN_RUN
        if (a_han and b <= "\u024f" and b.isalpha()) or (a <= "\u024f" and a.isalpha() and is_han(b)):
            s += _GLUE
        elif ("\u3041" <= b <= "\u30ff" and (a_han or a.isdigit())) or ("\u3041" <= a <= "\u30ff" and (is_han(b) or b.isdigit())):
            s += _KANA_GLUE
        elif "\xa1" <= a <= "\u024f" and "\xa1" <= b <= "\u024f":
            s += _LATIN_RUN
        elif (a in _MARKS and b in _MARKS and a + b not in _MARK_PAIRS) or (a == "\n" and b in _NOT_FIRST):
            s += _MARK_RUN
        if b in SMALL_KANA and not "\u3041" <= a <= "\u30ff" and not (a_han and b in "っッ"):
            s += _SMALL_KANA_ALONE
        return s

    def score(self, text: str, before: str = "", after: str = "") -> float:
        """Log-probability of ``text`` between the context characters ``before`` and ``after``.

        The same sum as ``char`` of the first character and ``pair`` of each next one, unrolled:
        this loop is where detection and repair spend their time."""
        bigram, unigram, floor, end, start, final = (self.bigram, self.unigram, self.floor, self.end, self.start,
                                                     self.final)
        total = 0.0
        prev = before[-1:] if before else ""
        prev_han = prev >= "\u3400" and is_han(prev)
        prev_latin = prev <= "\u024f" and prev.isalpha()
        prev_kana = "\u3041" <= prev <= "\u30ff"
        prev_wide_latin = "\xa1" <= prev <= "\u024f"
        prev_end = end.get(prev, _END_RARE) if prev_han else 0.0
        for ch in text:
            han = ch >= "\u3400" and is_han(ch)
            latin = ch <= "\u024f" and ch.isalpha()
            kana = "\u3041" <= ch <= "\u30ff"
            wide_latin = "\xa1" <= ch <= "\u024f"
            if not prev:
                lp = unigram.get(ch)
                total += lp if lp is not None else _class_score(ch)
            else:
                lp = bigram.get(prev + ch)
                if lp is None:
                    lp = (floor if prev_han else unigram).get(ch)
                    if lp is None:
                        lp = _class_score(ch)
                    elif prev_han:
                        across = prev_end + start[ch]
                        if across > lp:
                            lp = across
                    if prev_han and ch in _ENDS_WORD:
                        lp += final.get(prev, 0.0)
                    elif ch in _AFTER_DIGIT and prev in _DIGITS:
                        lp = _AFTER_DIGIT[ch]
                    elif prev == "．":
                        lp = _AFTER_DECIMAL_POINT if ch in _DIGITS else lp + _NOT_AFTER_DECIMAL_POINT
                    elif (prev_han and ch == prev and lp < REDUPLICATION
                          and unigram.get(ch, _RARE_HAN) < REDUPLICATION_BELOW):
                        lp = REDUPLICATION
                    elif "\u3380" <= ch <= "\u33df" and prev.isdigit():
                        lp += _UNIT_AFTER_DIGIT
                    elif "\u02c7" <= ch <= "\u312f" and is_zhuyin(ch) and is_zhuyin(prev):
                        lp += _ZHUYIN_RUN
                    elif (prev_han and latin) or (prev_latin and han):
                        lp += _GLUE
                    elif (kana and (prev_han or prev.isdigit())) or (prev_kana and (han or ch.isdigit())):
                        lp += _KANA_GLUE
                    elif prev_wide_latin and wide_latin:
                        lp += _LATIN_RUN
                    elif ((prev in _MARKS and ch in _MARKS and prev + ch not in _MARK_PAIRS)
                          or (prev == "\n" and ch in _NOT_FIRST)):
                        lp += _MARK_RUN
                if kana and not prev_kana and ch in SMALL_KANA and not (prev_han and ch in "っッ"):
                    lp += _SMALL_KANA_ALONE
                total += lp
            if han:
                prev_end = end.get(ch, _END_RARE)
            prev, prev_han, prev_latin, prev_kana, prev_wide_latin = ch, han, latin, kana, wide_latin
        if after and prev:
            total += self.pair(prev, after[0]) - self.char(after[0])
        return total


@functools.lru_cache(maxsize=1 << 16)
def _class_score(ch: str) -> float:
    """The log-probability of a character by its class (a pure function of the code point)."""
    cp = ord(ch)
    if cp < 0x80:
        if ch.isalnum():
            return _ASCII_ALNUM
        if ch in " \t\r\n":
            return _SPACE
        if cp < 0x20 or cp == 0x7F:
            return _CONTROL
        return _ASCII_OTHER
    if is_han(ch):
        return _RARE_HAN
    if ch in _ZEROS:
        return _ZERO
    if ch == "\xa8":
        return _DIAERESIS
    if ch in CJK_ODD:
        return _CJK_SYMBOL_ODD
    if 0x3380 <= cp <= 0x33DF:
        return _SQUARED_UNIT
    if is_cjk_punct(ch) or 0xFF01 <= cp <= 0xFF5E:
        if ch in _PUNCT:
            return _PUNCT[ch]
        if 0x3000 <= cp <= 0x303F or (0xFF01 <= cp <= 0xFF5E and not ch.isalnum()):
            # 〃〄〆〒, and full-width signs (＃＊＠＾): what Big5 read as GBK gives; ． and ％ are
            # common after a digit only (see _AFTER_DIGIT)
            return _CJK_PUNCT_RARE
        if ch.isalpha() and cp >= 0xFF21:
            return _FULLWIDTH_LETTER
        return _CJK_PUNCT
    if 0xFF61 <= cp <= 0xFF9F:
        return _HALFWIDTH_KANA
    if is_kana(ch):
        return _KANA
    if is_hangul(ch):
        return _hangul(ch)
    if is_pua(ch):
        return _PUA
    cat = unicodedata.category(ch)
    if cat == "Cn":
        return _UNASSIGNED
    if cat in ("Cc", "Cs", "Co"):
        return _CONTROL
    if cat in ("Mn", "Me"):
        return _COMBINING
    if cat.startswith("L") and cp < 0x250:
        return _LATIN_LETTER
    if cat.startswith("Z"):
        return _SPACE + math.log(0.1)
    return _ARROW if ch == "→" else _SYMBOL


def _hangul(ch: str) -> float:
    """A hangul syllable by its jamo (see _LEADS); other hangul letters by their class."""
    index = ord(ch) - 0xAC00
    if not 0 <= index < 11172:
        return _HANGUL
    lead, rest = divmod(index, 588)
    vowel, tail = divmod(rest, 28)
    score = math.log(_LEADS[_LEAD_ORDER[lead]] * _VOWELS[vowel] * _TAILS[tail])
    try:
        ch.encode("euc_kr")
    except UnicodeEncodeError:
        score += _HANGUL_NOT_KSX1001
    return score


@functools.lru_cache(maxsize=1 << 17)
def remembered_pair(a: str, b: str) -> float:
    """``load().pair(a, b)``, remembered: the lost-byte search asks for the same pairs over and over
    (on a long garbled line, 1.3 million asks for 61 thousand pairs)."""
    return load().pair(a, b)


@functools.lru_cache(maxsize=None)
def load() -> Model:
    """The model, built from the shipped tables on first call and shared (it is immutable)."""
    table = list(_tables.rows("model_unigram.tsv"))
    counts = {row[0]: int(row[1]) for row in table}
    starts = {row[0]: int(row[2]) for row in table}
    ends = {row[0]: int(row[3]) for row in table}
    total = float(sum(counts.values()))
    total_start = float(sum(starts.values()))
    unigram = {c: math.log(n / total) for c, n in counts.items()}
    floor = {c: math.log((1 - LAMBDA) * n / total) for c, n in counts.items()}
    pend = {c: LAMBDA * max(ends[c] / n, _MIN_END) for c, n in counts.items()}
    pstart = {c: n / total_start for c, n in starts.items()}
    end = {c: math.log(p) for c, p in pend.items()}
    start = {c: math.log(p) if p > 0 else _START_NEVER for c, p in pstart.items()}
    running = {row[0]: int(row[4]) for row in table}
    inside = {pair: int(n) for pair, n in _tables.rows("model_bigram.tsv")}
    across: dict[str, int] = {}  # running-text pairs of two Han characters
    marks: dict[str, int] = {}  # ... of a Han character and a mark or digit
    for pair, n in _tables.rows("model_running.tsv"):
        (across if is_han(pair[0]) and is_han(pair[1]) else marks)[pair] = int(n)
    # P(b | a) of a pair: LAMBDA * n(ab) / n(a) (inside words) + pend[a] * pstart[b] (across) +
    # smooth[b]; running text adds RUNNING_WEIGHT * n_run(a) / (n_run(a) + RUNNING_CONFIDENCE) *
    # n_run(ab) / n_run(a), which is n_run(ab) times run_rate[a].
    smooth = {c: (1 - LAMBDA) * n / total for c, n in counts.items()}
    run_rate = {c: LAMBDA * RUNNING_WEIGHT / (r + RUNNING_CONFIDENCE) for c, r in running.items()}
    bigram = {}
    log = math.log
    for pair in inside.keys() | across.keys():
        a, b = pair[0], pair[1]
        ca = counts.get(a)
        if not ca or b not in counts:
            continue
        bigram[pair] = log(LAMBDA * min(1.0, inside.get(pair, 0) / ca) + pend[a] * pstart[b] + smooth[b]
                           + across.get(pair, 0) * run_rate[a])
    mean_end = sum(ends.values()) / total
    final = {c: max(_FINAL_FLOOR, math.log(max(ends[c] / n, 1e-9) / mean_end)) for c, n in counts.items()}
    base = Model(unigram=unigram, bigram=bigram, floor=floor, end=end, start=start, final=final)
    return dataclasses.replace(base, bigram={**bigram, **_mark_pairs(base, marks, running)})


def _mark_pairs(model: Model, marks: Mapping[str, int], running: Mapping[str, int]) -> dict:
    """Log-probabilities of the running-text pairs of a Han character and a mark or digit: the
    model's class score plus the running-text share (see MARK_CONFIDENCE and MARK_WEIGHT)."""
    after: dict[str, int] = {}  # how many Han characters the running text has after each mark
    for pair, n in marks.items():
        if not is_han(pair[0]):
            after[pair[0]] = after.get(pair[0], 0) + n
    out = {}
    for pair, n in marks.items():
        a, b = pair[0], pair[1]
        if is_han(a):  # (the build keeps only pairs whose Han characters the unigram table holds)
            follow = _marks_of(b)
            added = n / len(follow) / (running[a] + MARK_CONFIDENCE)  # (see MARK_CONFIDENCE)
            for mark in follow:
                out[a + mark] = math.log(math.exp(model.pair(a, mark)) + added)
        else:
            for mark in _marks_of(a):
                out[mark + b] = math.log(math.exp(model.pair(mark, b)) + MARK_WEIGHT * n / after[a])
    return out


def _marks_of(key: str) -> str:
    """The marks a key of model_running.tsv stands for: every ASCII digit for _DIGIT, else itself."""
    return "0123456789" if key == _DIGIT else key
