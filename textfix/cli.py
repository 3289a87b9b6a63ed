"""The command line: parsing, files, exit codes. No text logic lives here.

    textfix [OPTIONS] [FILE ...]      fixed text of each FILE (stdin for none or '-') on stdout
    textfix detect [--format json] FILE ...
    textfix check [OPTIONS] PATH ...  report files that would change (exit 1 if any)
    textfix fix [OPTIONS] PATH ...    rewrite files that need it (exit 1 if any changed)

Exit codes: 0 done (nothing to fix); 1 files would change / were fixed; 2 usage error, missing or
unreadable file, unknown option value; 3 binary input (filter).
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
from .config import QUOTE_CHOICES, SPACING_CHOICES, Config
from .detect import SAMPLE, detect
from .pipeline import garbled
from .pipeline import BinaryInputError, resolve_encoding, run
from . import files as _files
from . import settings as _settings

EXIT_OK, EXIT_CHANGED, EXIT_USAGE, EXIT_BINARY = 0, 1, 2, 3
_GARBLE_SAMPLE = 16384  # characters of a file `detect` looks for mojibake in
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
                    "Other commands: 'textfix detect FILE ...', 'textfix check PATH ...', "
                    "'textfix fix PATH ...' (each has --help).",
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
    p.add_argument("--segment", action="store_true", default=None,
                   help="with --to: choose OpenCC's phrases by the best segmentation of each sentence "
                        "(fixes greedy errors such as 被发明 → 被髮明; about 1 MB/s)")
    p.add_argument("--no-repair", dest="repair", action="store_false", help="skip the repair stage")
    p.add_argument("--no-punct", dest="punctuation", action="store_false",
                   help="skip the punctuation stage")
    p.add_argument("--disable", metavar="RULE", action="append", default=[],
                   help="skip a rule by name (repeatable; e.g. fullwidth, parens)")
    p.add_argument("--quotes", choices=QUOTE_CHOICES, default=None,
                   help="map quote marks by nesting level: corner 「」『』 (Taiwan, Hong Kong) or curly "
                        "“”‘’ (mainland); default: leave their style")
    p.add_argument("--spacing", choices=SPACING_CHOICES, default=None,
                   help="add or remove a space between Han and Latin letters or digits; default: leave")


def _config(args: argparse.Namespace) -> Config:
    try:
        return Config(repair=args.repair, convert=args.convert, punctuation=args.punctuation,
                      disable=frozenset(args.disable), explain=bool(getattr(args, "explain", True)),
                      segment=bool(args.segment), quotes=args.quotes, spacing=args.spacing)
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
        damage = [] if det.binary else garbled(data.decode(det.encoding, errors="replace")[:_GARBLE_SAMPLE])
        rows.append((path, det, damage))
    for path, det, damage in rows:
        if args.format == "json":
            print(json.dumps({"file": path, "encoding": det.encoding, "confidence": det.confidence,
                              "script": det.script, "naive_conversion": det.naive, "bom": det.bom,
                              "binary": det.binary, "mojibake": len(damage),
                              "alternatives": det.alternatives, "reason": det.reason}, ensure_ascii=False))
        elif det.binary:
            print(f"{path}: binary ({det.reason})")
        else:
            naive = ", converted character by character: --to hant repairs it" if det.naive else ""
            garble = (f", mojibake in {len(damage)} place{'s' if len(damage) > 1 else ''}" if damage
                      else ", no mojibake")
            print(f"{path}: {det.encoding} (confidence {det.confidence:.2f}, script {det.script}{garble}{naive})")
    return code


# ---------------------------------------------------------------- check / fix

def _batch_parser(mode: str) -> argparse.ArgumentParser:
    check = mode == "check"
    p = _Parser(
        prog=f"textfix {mode}",
        description=("Report the files that textfix would change; change nothing." if check else
                     "Rewrite the files that need fixing (UTF-8 out, line endings, BOM and permission "
                     "bits kept, atomic writes)."),
        epilog=("Folders are walked, skipping hidden files and folders. Settings come from "
                "[tool.textfix] in pyproject.toml or .textfix.toml, found upwards from the working "
                "folder; options given here win. Lines between 'textfix: off' and 'textfix: on' are "
                "left alone; 'textfix: ignore-file' skips a file. Exit status: 0 nothing to fix, "
                f"1 {'files would change' if check else 'files were fixed'}, 2 usage or file error."),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders")
    _pipeline_options(p)
    p.set_defaults(repair=None, punctuation=None, disable=None)
    p.add_argument("--include", metavar="GLOB", action="append",
                   help="in folders, only files matching GLOB (repeatable; e.g. '*.md')")
    p.add_argument("--exclude", metavar="GLOB", action="append",
                   help="skip files and folders matching GLOB (repeatable)")
    p.add_argument("--keep-encoding", action="store_true", default=None,
                   help="write each file back in its own encoding (default: UTF-8)")
    p.add_argument("--diff", action="store_true", help="print a unified diff of each change")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: one machine-readable report of every change on standard output")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="parallel processes (default: the number of cores)")
    p.add_argument("--config", metavar="FILE", help="read settings from FILE instead of searching")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return p


def _settings_for(args: argparse.Namespace) -> None:
    """Fill options not given on the command line from the settings file."""
    try:
        found = _settings.load(args.config) if args.config else (_settings.find(os.getcwd()) or (None, {}))[1]
    except _settings.SettingsError as e:
        raise CliError(str(e)) from None
    for dest, value in found.items():
        if getattr(args, dest, None) is None:
            setattr(args, dest, value)
    defaults = {"repair": True, "punctuation": True, "disable": [], "include": [], "exclude": [],
                "keep_encoding": False, "segment": False}
    for dest, value in defaults.items():
        if getattr(args, dest) is None:
            setattr(args, dest, value)
    if args.jobs < 1:
        raise CliError("--jobs must be at least 1")


def _matches(rel: str, globs: Sequence[str]) -> bool:
    """``rel`` (a /-separated relative path) or any of its parts matches one of the globs."""
    import fnmatch

    parts = rel.split("/")
    return any(fnmatch.fnmatch(rel, g) or any(fnmatch.fnmatch(p, g) for p in parts) for g in globs)


def _walk(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> List[str]:
    """The files to look at, in order, each once: named files as given (a named symlink is fixed
    through), folders walked without following links, hidden entries and exclusions skipped."""
    found: List[str] = []
    seen = set()

    def add(path: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append(path)

    for path in paths:
        if not os.path.lexists(path):
            raise CliError(f"{path}: no such file or folder")
        if not os.path.isdir(path):
            if not _matches(path.replace(os.sep, "/"), exclude):
                add(path)
            continue
        if os.path.islink(path):
            continue  # a link to a folder is not walked
        for root, dirs, names in os.walk(path):
            rel_root = os.path.relpath(root, path).replace(os.sep, "/")
            rel = (lambda n: n if rel_root == "." else f"{rel_root}/{n}")
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _matches(rel(d), exclude))
            for name in sorted(names):
                full = os.path.join(root, name)
                if name.startswith(".") or os.path.islink(full) or _matches(rel(name), exclude):
                    continue
                if include and not _matches(rel(name), include):
                    continue
                add(full)
    return found


def _work(job: Tuple[str, Config, bool]) -> "_files.FileFix":
    path, config, keep = job
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return _files.FileFix("error", message=f"cannot read ({e.strerror or e})")
    try:
        return _files.fix_file(data, config, keep)
    except Exception as e:  # a bug must not stop the other files; this one is left as it was
        return _files.FileFix("error", message=f"internal error, file left as it was ({type(e).__name__}: {e})")


def _results(paths: List[str], config: Config, keep: bool, jobs: int) -> Iterator["_files.FileFix"]:
    work = [(p, config, keep) for p in paths]
    if jobs <= 1 or len(paths) < 8:
        yield from map(_work, work)
        return
    import concurrent.futures
    import multiprocessing

    from . import model

    model.load()  # loaded once here: forked workers share it
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                                  initializer=_quiet_worker)
    try:
        yield from pool.map(_work, work, chunksize=4)
    finally:  # on Ctrl-C too: the workers only read and compute, the main process writes
        pool.shutdown(wait=True, cancel_futures=True)


def _quiet_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


class _Progress:
    """A one-line progress bar on a terminal's standard error for long runs."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done = total, 0
        self.enabled = enabled and total >= 20 and sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            fill = width * self.done // self.total
            sys.stderr.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 50 + "\r")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _batch(argv: Sequence[str], mode: str) -> int:
    args = _batch_parser(mode).parse_args(argv)
    _settings_for(args)
    config = _config(args)
    paths = _walk(args.paths, args.include, args.exclude)
    check = mode == "check"
    out = sys.stdout
    report: List[dict] = []
    counts = {"changed": 0, "unchanged": 0, "skipped": 0, "error": 0}
    progress = _Progress(len(paths), not args.quiet and args.format == "text")
    try:
        for path, result in zip(paths, _results(paths, config, args.keep_encoding, args.jobs)):
            progress.step()
            status = result.status
            if status in ("binary", "ignored"):
                counts["skipped"] += 1
                continue
            if status == "error":
                counts["error"] += 1
                progress.close()
                _warn(f"{path}: {result.message}")
                continue
            flags = [c for c in result.changes if c.is_flag]
            for c in flags if check and args.format == "text" else ():
                _warn(f"{path}:{c.line}: {c.stage}/{c.rule} {c.before!r} flagged (cannot be repaired)")
            for note in result.notes if check and args.format == "text" else ():
                _warn(f"{path}: {note}")
            if status == "unchanged":
                counts["unchanged"] += 1
                continue
            if not check:
                if not _files.writable(path):
                    counts["error"] += 1
                    _warn(f"{path}: read-only; not fixed")
                    continue
                try:
                    _files.write_atomic(path, result.new or b"")
                except OSError as e:
                    counts["error"] += 1
                    _warn(f"{path}: cannot write ({e.strerror or e}); left as it was")
                    continue
            counts["changed"] += 1
            recoded = "" if result.encoding in ("utf-8", "utf-8-sig", "ascii") or args.keep_encoding else \
                f" ({result.encoding} → utf-8)"
            if args.format == "json":
                report.append(_json_file(path, result, recoded))
                continue
            progress.close()
            if not args.quiet:
                out.write(f"{'Would fix' if check else 'Fixing'} {path}{recoded}\n")
            if args.diff:
                out.write(_files.unified_diff(path, result.before, result.after))
            out.flush()
    finally:
        progress.close()
    if args.format == "json":
        json.dump({"files": report, "summary": counts}, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif not args.quiet:
        done = "would be fixed" if check else "fixed"
        parts = [f"{_plural(counts['changed'], 'file')} {done}", f"{counts['unchanged']} unchanged"]
        if counts["skipped"]:
            parts.append(f"{counts['skipped']} skipped (binary or ignored)")
        if counts["error"]:
            parts.append(_plural(counts["error"], "error"))
        sys.stderr.write(", ".join(parts) + ".\n")
    if counts["error"]:
        return EXIT_USAGE
    return EXIT_CHANGED if counts["changed"] else EXIT_OK


def _json_file(path: str, result: "_files.FileFix", recoded: str) -> dict:
    changes = [{"file": path, "line": c.line, "stage": c.stage, "rule": c.rule, "before": c.before,
                "after": c.after, "confidence": c.confidence, "flag": c.is_flag} for c in result.changes]
    return {"file": path, "encoding": result.encoding, "recoded": bool(recoded), "notes": list(result.notes),
            "changes": changes}


COMMANDS = {"detect": _detect, "check": lambda argv: _batch(argv, "check"),
            "fix": lambda argv: _batch(argv, "fix")}


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
