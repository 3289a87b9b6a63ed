"""textfix: turn broken Chinese text into clean, consistent UTF-8.

    >>> import textfix
    >>> textfix.fix_text("你好,世界")
    '你好，世界'
    >>> textfix.fix_bytes("你好,世界".encode("gbk"))
    '你好，世界'
    >>> textfix.fix_text("软件", convert="s2twp")
    '軟體'

Four stages, in this order: detect/decode (bytes only), repair, convert, punctuation.
"""

from __future__ import annotations

from typing import Any, List, Optional, Tuple, Union

from .changes import Change
from .config import ALL_RULES, RULES, Config, convert_names
from .convert import Script, identify
from .detect import Detection, detect
from .pipeline import BinaryInputError, garbled
from . import pipeline as _pipeline

__version__ = "0.1.0"
__all__ = [
    "fix_text", "fix_bytes", "fix_and_explain", "detect", "identify", "Config", "Change", "Detection",
    "Script", "BinaryInputError", "garbled", "RULES", "ALL_RULES", "convert_names", "__version__",
]


def _config(repair: bool, convert: Optional[str], punctuation: bool, explain: bool, options: dict) -> Config:
    return Config.make(repair=repair, convert=convert, punctuation=punctuation, explain=explain, **options)


def fix_text(text: str, *, repair: bool = True, convert: Optional[str] = None, punctuation: bool = True,
             explain: bool = False, **options: Any) -> Union[str, Tuple[str, List[Change]]]:
    """Fix ``text``: repair mojibake and broken glyphs, convert script (``convert=`` an OpenCC
    configuration or a target ``hans``/``hant``/``tw``/``twp``/``hk``), standardise punctuation.

    Options: ``disable=`` a set of rule names to skip (see ``textfix.RULES``). With ``explain=True``
    returns ``(text, changes)``. Raises ValueError for an unknown conversion or rule name.
    """
    if not isinstance(text, str):
        raise TypeError(f"fix_text() takes str, not {type(text).__name__}; use fix_bytes() for bytes")
    out, changes = _pipeline.run(text, _config(repair, convert, punctuation, explain, options))
    return (out, changes) if explain else out


def fix_bytes(data: bytes, *, encoding: Optional[str] = None, repair: bool = True, convert: Optional[str] = None,
              punctuation: bool = True, explain: bool = False, **options: Any
              ) -> Union[str, Tuple[str, List[Change]]]:
    """Decode ``data`` (with ``encoding`` when given, else the detected codec) and fix it as
    :func:`fix_text` does. Raises :class:`BinaryInputError` (a ValueError) for binary input."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"fix_bytes() takes bytes, not {type(data).__name__}; use fix_text() for str")
    config = _config(repair, convert, punctuation, explain, options)
    out, changes = _pipeline.run_bytes(bytes(data), config, encoding)
    return (out, changes) if explain else out


def fix_and_explain(text: Union[str, bytes], **options: Any) -> Tuple[str, List[Change]]:
    """The fixed text and the list of changes that made it (str or bytes; options as fix_text/fix_bytes)."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        return fix_bytes(text, explain=True, **options)  # type: ignore[return-value]
    return fix_text(text, explain=True, **options)  # type: ignore[return-value]
