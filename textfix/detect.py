"""Stage 1: which codec decodes these bytes to the text the writer meant.

Deterministic evidence first (BOMs, NUL patterns of UTF-16/32, escapes of HZ and ISO-2022, strict
UTF-8, pure ASCII); then every legacy codec that decodes the bytes strictly is a candidate, and the
Chinese model's score of each decoding decides. chardet and charset-normalizer are asked only when
no candidate decodes. The result is a :class:`Detection`; binary input is reported as such.
"""

from __future__ import annotations

import codecs
import functools
import math
import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from . import model as _model
from .chars import HAN_RE, is_chinese, is_hangul, is_kana

# Legacy candidates, tried when the bytes are not UTF-8. The GB family is always decoded with
# gb18030 (a superset of GB2312 and GBK); big5hkscs only where cp950 fails.
LEGACY = ("gb18030", "cp950", "big5hkscs", "shift_jis", "cp932", "euc_jp", "cp949", "euc_kr")
LATIN = "cp1252"
# Log-odds against the less common codecs, which decode most Chinese bytes too.
_PRIORS = {"cp949": -6.0, "euc_kr": -6.0, "shift_jis": -1.0, "cp932": -1.5, "euc_jp": -1.0, "big5hkscs": -0.5}
SAMPLE = 64 * 1024  # bytes decoded for a decision; strict decodability is checked on everything
SCORED = 4096  # characters of a UTF-16/32 decoding the model scores
_NUL_PLAUSIBLE = -12.0  # mean log-probability per character a UTF-16/32 decoding must reach
_UTF8_CERTAIN = 8  # multibyte characters that make strict UTF-8 certain
_LOOKS = (32, 256, 2048, 8192)  # bytes of the input scored, longer only while the lead is small
_UTF16_OVER_ASCII = 10.0  # nats a UTF-16 Han reading of ASCII-range bytes must win by
_CLEAR_LEAD = 30.0  # a lead in log-probability that no longer sample would overturn
_JAPANESE = frozenset(("shift_jis", "cp932", "euc_jp"))
_KANA_IN_JAPANESE = math.log(5.0)  # kana are five times as likely in Japanese as the model's class says
_HANGUL_WITH_KANA = -10.0
_HANGUL_WITH_HAN = -3.0
_HANGUL_IN_BARE_UTF16 = -2.0
_HANGUL_WITH_MARKS = -4.0
_MARKS = re.compile("[。，、：；！？「」『』“”（）《》]")
_KANA_RUN = re.compile("[\u3040-\u30ff]")
_SYLLABLES = re.compile("[\uac00-\ud7a3]")
# An accented Latin letter (not × or ÷) beside a lower-case ASCII letter.
_ACCENTED = re.compile("(?<=[a-z])[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
                       "|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f](?=[a-z])")
_CHINESE = frozenset(("gb18030", "cp950", "big5hkscs"))
_KANA_IN_CHINESE = -3.0
_ACCENT_IN_WORD = math.log(10.0)
_KANJI_WITHOUT_KANA = -1.5
_JIS1 = math.log(1 / 5000)
_JIS2 = math.log(1e-6)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")  # not \t \n \v \f \r ESC

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


@dataclass(frozen=True)
class Detection:
    """The answer of :func:`detect`.

    ``encoding`` is a Python codec name that decodes the bytes to the intended text (``None`` when
    the input is binary); ``confidence`` is 0–1; ``alternatives`` are the runner-up codecs with
    their confidences; ``bom`` names the byte-order mark found (``utf-8``, ``utf-16-le``, …);
    ``script`` is 'simplified', 'traditional', 'mixed' or 'neither' for the decoded text, and
    ``naive`` says that Traditional text was converted character by character (see ``identify``).
    """

    encoding: Optional[str]
    confidence: float
    alternatives: Tuple[Tuple[str, float], ...] = ()
    bom: Optional[str] = None
    script: Optional[str] = None
    binary: bool = False
    reason: str = ""
    naive: bool = False

    def decode(self, data: bytes) -> str:
        if self.encoding is None:
            raise ValueError(f"cannot decode binary input ({self.reason})")
        return data.decode(self.encoding)


@dataclass
class _Candidate:
    codec: str
    text: str
    score: float = 0.0
    prior: float = 0.0
    notes: List[str] = field(default_factory=list)


def detect(data: bytes, final: bool = True) -> Detection:
    """Detect the encoding of ``data``. Never raises for any ``bytes``.

    With ``final=False`` the data is the head of a longer stream: it may end inside a character.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"detect() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    if not final:
        return _Partial(data).detect()
    if not data:
        return Detection("utf-8", 1.0, reason="empty input", script="neither")
    for bom, codec, name in BOMS:
        if data.startswith(bom) and _decodes(data, codec):
            return _finish(Detection(codec, 1.0, bom=name, reason="byte-order mark"), data)
    if b"\x00" in data:
        return _detect_with_nuls(data)
    if data.isascii():
        return _detect_ascii(data)
    return _detect_multibyte(data)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


class _Partial:
    """Detection on the head of a stream: trims a character cut at the end before deciding."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def detect(self) -> Detection:
        # A head that is UTF-8 once a cut character is dropped from its end is UTF-8.
        for cut in range(0, 4):
            head = self.data[: len(self.data) - cut]
            if head and not head.isascii() and b"\x00" not in head and _decodes(head, "utf-8"):
                return detect(head)
        # Otherwise try the head as it is, then with up to 3 trailing bytes dropped.
        best = None
        for cut in range(0, 4):
            head = self.data[: len(self.data) - cut]
            if not head:
                break
            det = detect(head)
            if not det.binary and (best is None or det.confidence > best.confidence):
                best = det
            if not det.binary and det.confidence >= 0.9:
                return det
        return best or detect(self.data)


def _sample_text(data: bytes, codec: str) -> Optional[str]:
    """The strict decoding of the first SAMPLE bytes (a cut character at the end is allowed)."""
    try:
        if len(data) <= SAMPLE:
            return data.decode(codec)
        return codecs.getincrementaldecoder(codec)().decode(data[:SAMPLE], final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def _decoding(data: bytes, codec: str) -> Optional[str]:
    """The strict decoding of the sample, or None when any of ``data`` fails to decode."""
    text = _sample_text(data, codec)
    if text is None or (len(data) > SAMPLE and not _decodes(data, codec)):
        return None
    return text


def _controls(text: str) -> int:
    """Control characters other than tab, line ends, form feed and escape."""
    return len(_CONTROL_RE.findall(text))


def _familiar(text: str) -> int:
    """Characters of the scripts textfix expects: printable ASCII, Han, Chinese punctuation, kana, hangul."""
    return sum(1 for c in text if " " <= c < "\x7f" or c in "\t\r\n" or is_chinese(c) or is_kana(c)
               or is_hangul(c))


def _finish(det: Detection, data: bytes, text: Optional[str] = None) -> Detection:
    """Fill in the script of the decoded text."""
    from .convert import identify

    if text is None:
        text = _sample_text(data, det.encoding) or ""
    from dataclasses import replace

    found = identify(text[:SAMPLE])
    return replace(det, script=found.script, naive=found.naive)


def _binary(reason: str) -> Detection:
    return Detection(None, 1.0, binary=True, reason=reason)


def _detect_with_nuls(data: bytes) -> Detection:
    """NUL (or control) bytes: UTF-32 or UTF-16 without a BOM when a decoding is plausible text,
    else binary."""
    n = len(data)
    m = _model.load()
    found = []
    for codec, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if n % width:
            continue
        text = _decoding(data, codec)
        if text is None or _controls(text) > max(1, len(text) // 100) or "\x00" in text:
            continue
        sample = text[:SCORED]
        score = m.score(sample)
        if score < _NUL_PLAUSIBLE * len(sample) or 2 * _familiar(sample) < len(sample):
            continue
        found.append((score, codec, text))
    if found:
        # Both byte orders can decode plausibly (U+0030 '0' is U+3000 the other way round): the
        # model decides.
        score, codec, text = max(found)
        return _finish(Detection(codec, 0.99, reason="NUL pattern of " + codec), data, text)
    return _binary("NUL bytes outside a UTF-16/32 pattern")


def _detect_ascii(data: bytes) -> Detection:
    if b"~{" in data and _decodes(data, "hz"):
        text = data.decode("hz")
        if text != data.decode("ascii"):
            return _finish(Detection("hz", 0.95, reason="HZ escapes"), data, text)
    if b"\x1b$" in data or b"\x1b(" in data:
        # ISO-2022-KR announces itself with ESC $ ) C; the Japanese variants would misread it.
        order = ("iso2022_kr",) if b"\x1b$)C" in data else ("iso2022_jp", "iso2022_jp_2", "iso2022_kr")
        for codec in order:
            if _decodes(data, codec):
                return _finish(Detection(codec, 0.95, reason="ISO-2022 escapes"), data)
    text = data.decode("ascii")
    if _controls(text):
        # Han characters whose UTF-16 bytes are all below 0x80 (我 is 11 62) look like controls.
        det = _detect_with_nuls(data)
        if not det.binary or _controls(text) > max(1, len(text) // 100):
            return det if not det.binary else _binary("control bytes")
    if len(data) >= 8 and len(data) % 2 == 0 and not any(c in text for c in " \r\n"):
        # Han text in UTF-16 can be all bytes below 0x80 (居然 is 45 5C 36 71 in UTF-16-LE): a
        # word without spaces whose UTF-16 reading is Han that reads better than the ASCII wins.
        det = _utf16_of_ascii(data, text)
        if det is not None:
            return det
    return Detection("ascii", 1.0, reason="ASCII only", script="neither")


def _utf16_of_ascii(data: bytes, text: str) -> Optional[Detection]:
    m = _model.load()
    best = (m.score(text) + _UTF16_OVER_ASCII, None, "")
    for codec in ("utf-16-le", "utf-16-be"):
        wide = data.decode(codec)
        if all(is_chinese(c) for c in wide):
            best = max(best, (m.score(wide), codec, wide))
    if best[1] is None:
        return None
    return _finish(Detection(best[1], 0.9, reason="UTF-16 Han in ASCII-range bytes"), data, best[2])


def _detect_multibyte(data: bytes) -> Detection:
    cands: List[_Candidate] = []
    utf8 = _decoding(data, "utf-8")
    if utf8 is not None:
        # Valid UTF-8 is rarely anything else, and each multibyte character makes it less likely to
        # be chance: legacy double-byte text passes strict UTF-8 about one character in eight, and
        # then mostly as two-byte sequences (U+0250-U+07FF: combining marks, Greek, Cyrillic,
        # Armenian...), so those alone are not decisive.
        multibyte = odd = 0
        for c in utf8:
            if c > "\x7f":
                multibyte += 1
                odd += "\u0250" <= c < "\u0800"
                if multibyte == _UTF8_CERTAIN:
                    break
        if multibyte >= _UTF8_CERTAIN and 2 * odd < multibyte:
            return _finish(Detection("utf-8", 0.999, reason="strict UTF-8"), data, utf8)
        cands.append(_Candidate("utf-8", utf8, prior=3.0 + 1.5 * multibyte))
    seen_texts = {}
    for codec in LEGACY:
        if codec == "big5hkscs" and "cp950" in seen_texts:
            continue  # cp950 already decodes it: the same text or a better one
        text = _decoding(data, codec)
        if text is None or text in seen_texts.values():
            continue
        seen_texts[codec] = text
        cands.append(_Candidate(codec, text, prior=_PRIORS.get(codec, 0.0)))
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            text = _decoding(data, codec)
            if text is not None:
                cands.append(_Candidate(codec, text, prior=-4.0))
    if not cands:
        guess = _ask_peers(data)
        if guess:
            cands.append(_Candidate(guess, data.decode(guess), prior=-2.0, notes=["peer detector"]))
    latin = _decoding(data, LATIN)
    if latin is not None:
        cands.append(_Candidate(LATIN, latin, prior=-2.0))
    if not cands:
        return _binary("no codec decodes the bytes")
    _rank(cands, data)
    best = cands[0]
    if _controls(best.text) > max(1, len(best.text) // 100):
        return _binary("control bytes")
    probs = _softmax([c.score for c in cands])
    alts = tuple((c.codec, round(p, 4)) for c, p in zip(cands[1:], probs[1:]))
    return _finish(Detection(best.codec, round(probs[0], 4), alternatives=alts,
                             reason="model score" if not best.notes else best.notes[0]), data, best.text)


def _rank(cands: List[_Candidate], data: bytes) -> None:
    """Score the candidates' decodings, best first: of a short head of the bytes first, and of a
    longer one only while the lead is small. Every candidate is scored on the same bytes, whatever
    number of characters its codec makes of them."""
    m = _model.load()
    for limit in _LOOKS:
        head = data[:limit]
        for c in cands:
            sample = c.text if len(data) <= limit else _head_text(head, c)
            c.score = m.score(sample) + c.prior - 20.0 * _controls(sample) + _evidence(c.codec, sample)
        cands.sort(key=lambda c: c.score, reverse=True)
        if len(cands) == 1 or cands[0].score - cands[1].score > _CLEAR_LEAD or len(data) <= limit:
            return


def _head_text(head: bytes, cand: _Candidate) -> str:
    """The candidate's decoding of the first bytes (a character cut at the end is dropped)."""
    try:
        return codecs.getincrementaldecoder(cand.codec)().decode(head, final=False)
    except UnicodeDecodeError:  # pragma: no cover - the whole input decodes, so its head does
        return cand.text


def _evidence(codec: str, text: str) -> float:
    """What the Chinese model cannot see, in log-odds: which scripts a decoding mixes, and how a
    Japanese or European text looks in its own codec.

    - Hangul beside kana never happens in real text, and hangul beside Han is rare in modern
      Korean; both are what Chinese or Japanese bytes decoded as a Korean codec give.
    - Korean writes ASCII punctuation, not 。，：；！？; Chinese writes no kana (those are what
      Japanese EUC bytes decoded as GBK keep).
    - UTF-16 without NUL bytes has no ASCII at all, so it would be Korean without a single space.
    - Japanese text without a single kana is rare, so kanji alone do not make a Japanese codec
      likely. In a Japanese codec, kana are common and JIS X 0208 kanji are real even where Chinese lacks
      them, once kana make up a fifth of the non-ASCII characters (Chinese bytes decoded as a
      Japanese codec give half-width kana, which the model scores as rare).
    - An accented letter beside a lower-case ASCII letter is what European text in cp1252 or UTF-8 looks like.
    """
    if text.isascii():
        return 0.0
    kana = len(_KANA_RUN.findall(text))
    hangul = len(_SYLLABLES.findall(text))
    kanji = HAN_RE.findall(text)
    han = len(kanji)
    punct = len(_MARKS.findall(text)) if hangul else 0
    accented = len(_ACCENTED.findall(text)) if codec in (LATIN, "utf-8") else 0
    bonus = 0.0
    if hangul:
        bonus += (_HANGUL_WITH_KANA * min(hangul, kana) + _HANGUL_WITH_HAN * min(hangul, han)
                  + _HANGUL_WITH_MARKS * min(hangul, punct))
        if codec.startswith("utf-16"):
            bonus += _HANGUL_IN_BARE_UTF16 * hangul
    if kana and codec in _CHINESE:
        bonus += _KANA_IN_CHINESE * kana
    if codec in _JAPANESE and not kana:
        bonus += _KANJI_WITHOUT_KANA * han
    if codec in _JAPANESE and kana and 5 * kana >= han + kana + hangul + accented:
        unigram = _model.load().unigram
        level1, level2 = _jis_levels()
        bonus += kana * _KANA_IN_JAPANESE
        for c in kanji:
            if c not in unigram:
                bonus += (_JIS1 if c in level1 else _JIS2 if c in level2 else _model._RARE_HAN) - _model._RARE_HAN
    if accented and codec in (LATIN, "utf-8"):
        bonus += _ACCENT_IN_WORD * accented
    return bonus


@functools.lru_cache(maxsize=1)
def _jis_levels() -> Tuple[frozenset, frozenset]:
    """The kanji of JIS X 0208 level 1 and level 2, read off the EUC-JP codec."""
    def rows(first: int, last: int) -> frozenset:
        out = set()
        for hi in range(first, last + 1):
            for lo in range(0xA1, 0xFF):
                try:
                    out.add(bytes((hi, lo)).decode("euc_jp"))
                except UnicodeDecodeError:
                    pass
        return frozenset(out)

    return rows(0xB0, 0xCF), rows(0xD0, 0xF4)


def _softmax(scores: List[float]) -> List[float]:
    top = max(scores)
    exps = [math.exp(max(-50.0, s - top)) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _ask_peers(data: bytes) -> Optional[str]:
    """chardet's and charset-normalizer's answer, when it names a codec that decodes the bytes."""
    names = []
    try:
        import chardet

        names.append(chardet.detect(data).get("encoding"))
    except Exception:  # pragma: no cover - a peer's failure is not ours
        pass
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        names.append(best.encoding if best else None)
    except Exception:  # pragma: no cover
        pass
    for name in names:
        if name and _decodes(data, name):
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return None
