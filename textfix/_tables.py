"""Reading the data tables that ship with textfix (``tables/`` in a checkout, ``textfix.tables`` when installed)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List


def _table_dir() -> Path:
    try:
        from importlib.resources import files

        import textfix.tables as pkg  # present in an installed wheel

        return Path(str(files(pkg)))
    except ImportError:  # a source checkout: tables/ sits beside the package
        return Path(__file__).resolve().parent.parent / "tables"


def rows(name: str) -> Iterator[List[str]]:
    """The rows of table ``name`` (``#`` lines skipped), each split on tabs."""
    with open(_table_dir() / name, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line == "\n":
                continue
            yield line.rstrip("\n").split("\t")
