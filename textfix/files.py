"""One file's bytes through the pipeline, for ``textfix check`` and ``textfix fix``.

``fix_file(data, config, keep_encoding)`` is pure: bytes in, a :class:`FileFix` out (the bytes to
write, or None when nothing changes). It keeps what a file fixer must keep: each line's ending (LF,
CRLF, CR), a BOM, lines between ``textfix: off`` and ``textfix: on``, and the whole file when it says
``textfix: ignore-file``. Writing (atomically) is :func:`write_atomic`'s job; walking folders and
exit codes are the CLI's.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from typing import List, Optional, Tuple

from .changes import Change
from .config import Config
from .convert import identify
from .detect import detect
from .pipeline import run

IGNORE_FILE = "textfix: ignore-file"
OFF, ON = "textfix: off", "textfix: on"
BINARY_PROBE = 1024  # bytes looked at for NUL/control bytes, as pre-commit's identify does
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Detection.bom names the codec its BOM announces; these are the BOM's bytes.
_BOMS = {
    "utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE,
}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class FileFix:
    """What fixing one file gives. ``status``: ``changed``, ``unchanged``, ``binary``, ``ignored``
    (``textfix: ignore-file``) or ``error`` (``message`` says why)."""

    status: str
    encoding: str = ""
    new: Optional[bytes] = None  # the file's new bytes when ``status == "changed"``
    before: str = ""  # decoded text, for diffs
    after: str = ""
    changes: Tuple[Change, ...] = ()
    message: str = ""
    notes: Tuple[str, ...] = ()  # what check reports beyond changes (naive Traditional conversion)


def looks_binary(data: bytes) -> bool:
    """NUL or control bytes in the first KB, as pre-commit's identify sees them (UTF-16/32 with a
    BOM is text; without one it is skipped, as pre-commit's ``types: [text]`` would)."""
    head = data[:BINARY_PROBE]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    return bool(_CONTROL.search(head))


def fix_file(data: bytes, config: Config, keep_encoding: bool = False) -> FileFix:
    """Fix one file's bytes. UTF-8 out (a BOM kept as a UTF-8 BOM) unless ``keep_encoding``."""
    if not data:
        return FileFix("unchanged", "utf-8")
    if looks_binary(data):
        return FileFix("binary", message="binary file")
    det = detect(data)
    if det.binary:
        return FileFix("binary", message=f"binary file ({det.reason})")
    codec = det.encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:  # pragma: no cover - detect returns a codec that decodes
        return FileFix("error", codec, message=f"does not decode as {codec}: {e.reason}")
    if IGNORE_FILE in text:
        return FileFix("ignored", codec, message=f"'{IGNORE_FILE}'")
    fixed, changes = fix_lines(text, config)
    # The BOM was consumed by the codec (utf-8-sig, utf-16, utf-32); it is written back explicitly,
    # in the BOM's own byte order when the encoding is kept, as a UTF-8 BOM otherwise.
    if keep_encoding:
        out_codec = det.bom or codec
        prefix = _BOMS.get(det.bom or "", b"")
    else:
        out_codec = "utf-8"
        prefix = codecs.BOM_UTF8 if det.bom else b""
    try:
        new = prefix + fixed.encode(out_codec)
    except UnicodeEncodeError as e:
        bad = fixed[e.start:e.end]
        return FileFix("error", codec, message=f"cannot write {bad!r} in {codec} (--keep-encoding); left as it was")
    notes = _notes(text, config)
    if new == data:
        return FileFix("unchanged", codec, before=text, after=fixed, changes=tuple(changes), notes=notes)
    return FileFix("changed", codec, new, text, fixed, tuple(changes), notes=notes)


def _notes(text: str, config: Config) -> Tuple[str, ...]:
    if config.convert is not None:
        return ()
    found = identify(text)
    if not found.naive:
        return ()
    return (f"Traditional text converted character by character ({found.roundtrip} characters in their "
            f"Simplified role among {found.han}); --to hant (or tw, hk) repairs it",)


def fix_lines(text: str, config: Config) -> Tuple[str, List[Change]]:
    """Run the pipeline over ``text`` line-ending-neutral and outside ``textfix: off`` blocks."""
    lines = _LINE.findall(text)
    out: List[str] = []
    changes: List[Change] = []
    block: List[str] = []
    block_start = 0
    skipping = False

    def flush() -> None:
        if not block:
            return
        bodies = [ln.rstrip("\r\n") for ln in block]
        ends = [ln[len(b):] for ln, b in zip(block, bodies)]
        joined = "".join(b + ("\n" if e else "") for b, e in zip(bodies, ends))
        fixed, found = run(joined, config)
        new_lines = fixed.split("\n")
        if fixed.endswith("\n"):
            new_lines.pop()
        if len(new_lines) == len(block):  # the usual case: put each line's own ending back
            out.extend(n + e for n, e in zip(new_lines, ends))
        else:  # a stage joined or split lines: keep the file's dominant ending
            out.append(fixed.replace("\n", ends[0] or "\n"))
        changes.extend(c.shifted(0, block_start) for c in found)
        block.clear()

    for i, line in enumerate(lines):
        if skipping:
            out.append(line)
            if ON in line:
                skipping = False
            continue
        if OFF in line:
            flush()
            out.append(line)
            skipping = ON not in line.split(OFF, 1)[1]
            continue
        if not block:
            block_start = i
        block.append(line)
    flush()
    return "".join(out), changes


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                        f"a/{path}", f"b/{path}"))


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path``'s content with ``data``: a temporary file in the same folder, then
    ``os.replace``. Permission bits are kept; a symlink is followed (the link stays a link); the
    temporary file is removed on any error or interrupt."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    mode = os.stat(real).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".textfix-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def writable(path: str) -> bool:
    """Whether we may write the file. A file without write permission bits is read-only even for
    root (who may write anything): it is reported, never replaced."""
    real = os.path.realpath(path)
    return bool(os.stat(real).st_mode & 0o222) and os.access(real, os.W_OK)
