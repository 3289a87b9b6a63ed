"""Stage 1: which codec decodes these bytes to the text the writer meant.

Deterministic evidence first (BOMs, NUL patterns of UTF-16/32, escapes of HZ and ISO-2022, strict
UTF-8, pure ASCII); then every legacy codec that decodes the bytes strictly is a candidate, and the
Chinese model's score of each decoding decides. chardet and charset-normalizer are asked only when
no candidate decodes. The result is a :class:`Detection`; binary input is reported as such.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from . import model as _model
from .chars import is_chinese, is_hangul, is_kana

# Legacy candidates, tried when the bytes are not UTF-8. The GB family is always decoded with
# gb18030 (a superset of GB2312 and GBK); big5hkscs only where cp950 fails.
LEGACY = ("gb18030", "cp950", "big5hkscs", "shift_jis", "cp932", "euc_jp", "cp949", "euc_kr")
LATIN = "cp1252"
# Log-odds against the less common codecs, which decode most Chinese bytes too.
_PRIORS = {"cp949": -3.0, "euc_kr": -3.0, "shift_jis": -1.0, "cp932": -1.5, "euc_jp": -1.0, "big5hkscs": -0.5}
SAMPLE = 64 * 1024  # bytes decoded for a decision; strict decodability is checked on everything
SCORED = 4096  # characters of each candidate decoding the model scores
_NUL_PLAUSIBLE = -9.0  # mean log-probability per character a UTF-16/32 decoding must reach
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1b")

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


def _controls(text: str) -> int:
    return sum(1 for c in text if (c < " " or "\x7f" <= c < "\xa0") and c not in _ALLOWED_CONTROLS)


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
    """NUL bytes: UTF-32 or UTF-16 without a BOM when their positions fit, else binary."""
    n = len(data)
    m = _model.load()
    for codec, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if n % width:
            continue
        text = _sample_text(data, codec)
        if text is None or _controls(text) > max(1, len(text) // 100) or "\x00" in text:
            continue
        sample = text[:SCORED]
        if m.score(sample) < _NUL_PLAUSIBLE * len(sample) or 2 * _familiar(sample) < len(sample):
            continue
        if not _decodes(data, codec):
            continue
        return _finish(Detection(codec, 0.99, reason="NUL pattern of " + codec), data, text)
    return _binary("NUL bytes outside a UTF-16/32 pattern")


def _detect_ascii(data: bytes) -> Detection:
    if b"~{" in data and _decodes(data, "hz"):
        text = data.decode("hz")
        if text != data.decode("ascii"):
            return _finish(Detection("hz", 0.95, reason="HZ escapes"), data, text)
    if b"\x1b$" in data or b"\x1b(" in data:
        for codec in ("iso2022_jp", "iso2022_jp_2", "iso2022_kr"):
            if _decodes(data, codec):
                return _finish(Detection(codec, 0.95, reason="ISO-2022 escapes"), data)
    text = data.decode("ascii")
    if _controls(text) > max(1, len(text) // 100):
        return _binary("control bytes")
    return Detection("ascii", 1.0, reason="ASCII only", script="neither")


def _detect_multibyte(data: bytes) -> Detection:
    cands: List[_Candidate] = []
    utf8 = _sample_text(data, "utf-8")
    if utf8 is not None and _decodes(data, "utf-8"):
        # Valid UTF-8 with multibyte sequences is rarely anything else; the prior says so.
        cands.append(_Candidate("utf-8", utf8, prior=8.0 + 2.0 * min(len(data), 64) / 8))
    seen_texts = {}
    for codec in LEGACY:
        text = _sample_text(data, codec)
        if text is None or text in seen_texts.values():
            continue
        if codec == "big5hkscs" and "cp950" in seen_texts:
            continue  # cp950 already decodes it: the same text or a better one
        if not _decodes(data, codec):
            continue
        seen_texts[codec] = text
        cands.append(_Candidate(codec, text, prior=_PRIORS.get(codec, 0.0)))
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            text = _sample_text(data, codec)
            if text is not None and _decodes(data, codec):
                cands.append(_Candidate(codec, text, prior=-4.0))
    if not cands:
        guess = _ask_peers(data)
        if guess:
            cands.append(_Candidate(guess, data.decode(guess), prior=-2.0, notes=["peer detector"]))
    latin = _sample_text(data, LATIN)
    if latin is not None and _decodes(data, LATIN):
        cands.append(_Candidate(LATIN, latin, prior=-2.0))
    if not cands:
        return _binary("no codec decodes the bytes")
    m = _model.load()
    for c in cands:
        controls = _controls(c.text[:SCORED])
        c.score = m.score(c.text[:SCORED]) + c.prior - 20.0 * controls
    cands.sort(key=lambda c: c.score, reverse=True)
    best = cands[0]
    if _controls(best.text) > max(1, len(best.text) // 100):
        return _binary("control bytes")
    probs = _softmax([c.score for c in cands])
    alts = tuple((c.codec, round(p, 4)) for c, p in zip(cands[1:], probs[1:]))
    return _finish(Detection(best.codec, round(probs[0], 4), alternatives=alts,
                             reason="model score" if not best.notes else best.notes[0]), data, best.text)


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
