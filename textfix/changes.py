"""Change records: what a stage did, where, and why. They feed ``--explain`` and ``textfix check``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Change:
    """One edit a stage made to its input.

    ``start``/``end`` index the text the stage received (``before == input[start:end]``);
    ``line`` is the 1-based line of ``start`` in that text, filled in by the pipeline.
    ``plan`` says how a repair was made (e.g. ``encode gb18030 → decode utf-8``) and
    ``confidence`` how sure the stage is (0–1) where it weighs alternatives.
    A change with ``before == after`` is a flag: something found and reported but left alone.
    """

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    confidence: Optional[float] = None
    plan: Optional[str] = None
    line: Optional[int] = None

    @property
    def is_flag(self) -> bool:
        return self.before == self.after

    def shifted(self, offset: int = 0, line_offset: int = 0) -> "Change":
        """The same change with its span moved by ``offset`` characters and ``line_offset`` lines."""
        from dataclasses import replace

        line = None if self.line is None else self.line + line_offset
        return replace(self, start=self.start + offset, end=self.end + offset, line=line)

    def format(self) -> str:
        """One line for ``--explain``: ``line 3 [12:17] repair/mojibake 'ÖÐÎÄ' → '中文' (encode latin-1 → decode gb18030)``."""
        where = f"line {self.line} " if self.line is not None else ""
        what = f"{self.before!r} flagged" if self.is_flag else f"{self.before!r} → {self.after!r}"
        extra = []
        if self.plan:
            extra.append(self.plan)
        if self.confidence is not None:
            extra.append(f"confidence {self.confidence:.2f}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        return f"{where}[{self.start}:{self.end}] {self.stage}/{self.rule} {what}{tail}"


def with_lines(text: str, changes: "list[Change]") -> "list[Change]":
    """``changes`` (spans indexing ``text``) with their 1-based line numbers filled in."""
    if not changes or all(c.line is not None for c in changes):
        return changes
    out = list(changes)
    pos, line = 0, 1
    for k in sorted(range(len(out)), key=lambda k: out[k].start):
        c = out[k]
        line += text.count("\n", pos, c.start)  # counted in C, from one change to the next
        pos = c.start
        if c.line is None:
            out[k] = Change(c.stage, c.rule, c.start, c.end, c.before, c.after, c.confidence, c.plan, line)
    return out


def apply(text: str, changes: "list[Change]") -> str:
    """Rebuild the output from ``text`` and non-overlapping changes sorted by start (flags are skipped)."""
    out = []
    pos = 0
    for c in changes:
        if c.is_flag:
            continue
        out.append(text[pos:c.start])
        out.append(c.after)
        pos = c.end
    out.append(text[pos:])
    return "".join(out)
