"""The command line: parsing, files, exit codes. No text logic lives here.

    textfix [OPTIONS] [FILE ...]      fixed text of each FILE (stdin for none or '-') on stdout
    textfix detect [--format json] FILE ...

Exit codes: 0 done; 2 usage error, missing or unreadable file, unknown option value; 3 binary input.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from typing import BinaryIO, Iterator, List, Optional, Sequence, TextIO, Tuple

from . import __version__
from .changes import Change
from .config import Config, convert_names
from .detect import SAMPLE, detect
from .pipeline import BinaryInputError, resolve_encoding, run

EXIT_OK, EXIT_CHANGED, EXIT_USAGE, EXIT_BINARY = 0, 1, 2, 3
CHUNK = 64 * 1024  # characters of whole lines processed at a time
MAX_LINE = 1024 * 1024  # a line longer than this is processed in pieces (memory stays bounded)


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> "None":  # one line, exit 2 (argparse prints usage too)
        raise CliError(message)


def _filter_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="textfix",
        description="Turn broken Chinese text into clean UTF-8: detect the encoding, repair mojibake and "
                    "broken glyphs, convert script (optional), standardise punctuation. "
                    "Other commands: 'textfix detect FILE ...' (run 'textfix detect --help').",
        epilog="Exit status: 0 done, 2 usage or file error, 3 binary input.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="files to fix ('-' or none: standard input)")
    _pipeline_options(p)
    p.add_argument("--encoding", metavar="ENC", help="trust this input encoding instead of detecting it")
    p.add_argument("--explain", action="store_true", help="print each change on standard error")
    p.add_argument("--version", action="version", version=f"textfix {__version__}")
    return p


def _pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", metavar="NAME", dest="convert",
                   help="convert script: an OpenCC configuration (s2t, t2s, s2twp, …) or a target "
                        "(hans, hant, tw, twp, hk) for which textfix works out the source")
    p.add_argument("--no-repair", dest="repair", action="store_false", help="skip the repair stage")
    p.add_argument("--no-punct", dest="punctuation", action="store_false",
                   help="skip the punctuation stage")
    p.add_argument("--disable", metavar="RULE", action="append", default=[],
                   help="skip a rule by name (repeatable; e.g. fullwidth, parens)")


def _config(args: argparse.Namespace) -> Config:
    try:
        return Config(repair=args.repair, convert=args.convert, punctuation=args.punctuation,
                      disable=frozenset(args.disable))
    except ValueError as e:
        raise CliError(str(e)) from None


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    if os.path.isdir(path):
        raise CliError(f"{path}: is a directory")
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as e:
        raise CliError(f"{path}: cannot read ({e.strerror or e})") from None


def _read_head(stream: BinaryIO, path: str) -> bytes:
    try:
        return stream.read(SAMPLE)
    except OSError as e:
        raise CliError(f"{path}: cannot read ({e.strerror or e})") from None


def _decoded_chunks(head: bytes, stream: BinaryIO, codec: str, path: str) -> Iterator[str]:
    """Decoded text of the stream in pieces of whole lines (at most MAX_LINE characters each)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    pending = ""
    data = head
    while True:
        final = not data
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError:
            _warn(f"{path}: bytes that do not decode as {codec}; replaced with U+FFFD")
            decoder = codecs.getincrementaldecoder(codec)(errors="replace")
            text = decoder.decode(data, final=final)
        pending += text
        while len(pending) >= CHUNK or (final and pending):
            cut = pending.rfind("\n", 0, MAX_LINE) + 1
            if cut == 0:
                if not final and len(pending) < MAX_LINE:
                    break
                cut = min(len(pending), MAX_LINE)
            yield pending[:cut]
            pending = pending[cut:]
        if final:
            return
        try:
            data = stream.read(CHUNK)
        except OSError as e:
            raise CliError(f"{path}: cannot read ({e.strerror or e})") from None


def _warn(message: str) -> None:
    sys.stderr.write(f"textfix: {message}\n")


def _explain(changes: List[Change], line0: int, path: str, many: bool, err: TextIO) -> None:
    prefix = f"{path}: " if many else ""
    for c in changes:
        err.write(prefix + c.shifted(0, line0).format() + "\n")


def _filter(argv: Sequence[str]) -> int:
    args = _filter_parser().parse_args(argv)
    config = _config(args)
    paths = args.files or ["-"]
    if paths.count("-") > 1:
        raise CliError("standard input ('-') can be named only once")
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise CliError(f"unknown encoding {args.encoding!r}") from None
    # Open every input and decide its codec before writing anything: an error leaves stdout empty.
    inputs: List[Tuple[str, BinaryIO, bytes, str]] = []
    for path in paths:
        stream = _open(path)
        head = _read_head(stream, path)
        codec = "utf-8"
        if head:
            try:
                codec = resolve_encoding(head, args.encoding, final=len(head) < SAMPLE).encoding
            except BinaryInputError as e:
                raise CliError(f"{'stdin' if path == '-' else path}: {e}", EXIT_BINARY) from None
        inputs.append((path, stream, head, codec))
    out = sys.stdout.buffer
    for path, stream, head, codec in inputs:
        line0 = 0
        if not head:
            continue
        for chunk in _decoded_chunks(head, stream, codec, path):
            fixed, changes = run(chunk, config)
            out.write(fixed.encode("utf-8", errors="replace"))
            if args.explain:
                _explain(changes, line0, "stdin" if path == "-" else path, len(inputs) > 1, sys.stderr)
            line0 += chunk.count("\n")
        if stream is not sys.stdin.buffer:
            stream.close()
    out.flush()
    return EXIT_OK


def _detect(argv: Sequence[str]) -> int:
    p = _Parser(prog="textfix detect", description="Report the encoding of each file.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    rows = []
    code = EXIT_OK
    for path in args.files:
        try:
            stream = _open(path)
            data = _read_head(stream, path)
            if stream is not sys.stdin.buffer:
                stream.close()
        except CliError as e:
            _warn(str(e))
            code = EXIT_USAGE
            continue
        det = detect(data, final=len(data) < SAMPLE)
        rows.append((path, det))
    for path, det in rows:
        if args.format == "json":
            print(json.dumps({"file": path, "encoding": det.encoding, "confidence": det.confidence,
                              "script": det.script, "bom": det.bom, "binary": det.binary,
                              "alternatives": det.alternatives, "reason": det.reason}, ensure_ascii=False))
        elif det.binary:
            print(f"{path}: binary ({det.reason})")
        else:
            print(f"{path}: {det.encoding} (confidence {det.confidence:.2f}, script {det.script})")
    return code


COMMANDS = {"detect": _detect}


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        return _filter(argv)
    except CliError as e:
        _warn(str(e))
        return e.code
    except BrokenPipeError:
        # The reader went away (e.g. `textfix big.txt | head`): stop quietly.
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return EXIT_OK
    except KeyboardInterrupt:
        _warn("interrupted")
        return 130
