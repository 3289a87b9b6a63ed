"""UTF-8 read as Latin-1/cp1252 (ftfy's domain), with a configuration that cannot hurt Chinese.

ftfy's defaults uncurl “” to ", fold full-width ，！？ to ASCII and NFC-normalise; all of those are
off here. ftfy is given only maximal runs of non-CJK text, so a line with Chinese in it can still
have its Latin mojibake fixed (ftfy fixes a segment only when the whole of it encodes in one
single-byte codepage). ftfy 6.3.1 honours encoding sub-options only through ``fix_and_explain``
(``fix_text`` calls ``fix_encoding`` without the config), so that is what is called.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from ..changes import Change
from ..config import Config

# A run to give ftfy: no CJK, and at least one character UTF-8 read as Latin-1/cp1252 always shows:
# a lead byte 0xC2-0xF4 (Â … ô) or a C1 control.
_TELL = re.compile(r"[\u0080-\u009f\u00c2-\u00f4]")  # one fast scan before the run search, which backtracks
_LATIN_RUN = re.compile(r"[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\n]*[\u0080-\u009f\u00c2-\u00f4][^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\n]*")


def _ftfy_config():
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None, explain=True,
    )


def ftfy_fixes(text: str, i: int, j: int) -> bool:
    """Whether this fixer changes the run of ``text`` that holds ``text[i:j]`` (mojibake.py leaves
    UTF-8 read as Latin-1 to it, and repairs what it leaves)."""
    import ftfy

    for m in _LATIN_RUN.finditer(text, max(0, text.rfind("\n", 0, i) + 1)):
        if m.start() > i:
            break
        if m.end() >= j:
            seg = m.group()
            return ftfy.fix_and_explain(seg, _ftfy_config())[0] != seg
    return False


def fix(text: str, config: Config) -> Tuple[str, List[Change]]:
    if not config.enabled("latin") or not _TELL.search(text):
        return text, []
    import ftfy

    cfg = _ftfy_config()
    changes: List[Change] = []
    out = []
    pos = 0
    for m in _runs(text):
        seg = m.group()
        fixed, plan = ftfy.fix_and_explain(seg, cfg)
        if fixed == seg:
            continue
        out.append(text[pos:m.start()])
        out.append(fixed)
        pos = m.end()
        steps = " → ".join(f"{a} {b}" for a, b in (plan or []))
        changes.append(Change("repair", "latin", m.start(), m.end(), seg, fixed, plan=f"ftfy: {steps}"))
    out.append(text[pos:])
    return "".join(out), changes


def _runs(text: str):
    """The matches of _LATIN_RUN in ``text``, searched only in the lines that hold a tell: a run
    never crosses a line break, and in Chinese text most lines hold none (3 of 3,000 lines of
    People's Daily, a ×), while the run search over every line cost a tenth of the repair stage."""
    done = 0  # where the lines searched so far end
    for tell in _TELL.finditer(text):
        if tell.start() < done:
            continue
        lo = text.rfind("\n", 0, tell.start()) + 1
        hi = text.find("\n", tell.start())
        done = len(text) if hi < 0 else hi
        yield from _LATIN_RUN.finditer(text, lo, done)
