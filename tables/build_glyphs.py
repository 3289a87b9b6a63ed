"""Build the broken-glyph tables from the reference data in ../shared/data (or a folder given as argv[1]).

radicals.tsv   CJK radicals (U+2E80-2FDF) and strokes (U+31C0-31EF) -> the unified ideograph each stands for.
               Source: Unicode Character Database, EquivalentUnifiedIdeograph.txt (Unicode 14; Unicode licence,
               https://www.unicode.org/license.txt).
cp936_pua.tsv  GB18030/CP936 private-use code points that later standards map to real characters.
               Source: cp936_pua.tsv in shared/data, derived from Python's codecs, Windows CP936 and the WHATWG
               Encoding Standard gb18030 index (BSD-3-Clause / CC-BY 4.0). Only rows whose standard target is not
               itself private-use are kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tsv import write_table  # noqa: E402


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data"
    rows = []
    for line in open(src / "EquivalentUnifiedIdeograph.txt", encoding="utf-8"):
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        cps, target = (x.strip() for x in data.split(";"))
        lo, _, hi = cps.partition("..")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            rows.append((f"U+{cp:04X}", chr(cp), f"U+{int(target, 16):04X}", chr(int(target, 16))))
    write_table("radicals.tsv", [
        "CJK radicals and strokes -> equivalent unified ideograph.",
        "source: Unicode Character Database 14.0, EquivalentUnifiedIdeograph.txt (Unicode licence)",
        "columns: radical code point, radical, ideograph code point, ideograph",
    ], rows)

    rows = []
    for line in open(src / "cp936_pua.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        pua, gbk, _py, _whatwg, target, *rest = line.rstrip("\n").split("\t")
        if target in ("", "-") or not target.startswith("U+"):
            continue
        tcp = int(target[2:], 16)
        if 0xE000 <= tcp <= 0xF8FF:
            continue
        name = rest[1] if len(rest) > 1 else ""
        rows.append((pua, chr(int(pua[2:], 16)), gbk, target, chr(tcp), name))
    write_table("cp936_pua.tsv", [
        "GB18030/CP936 private-use code points -> the standard character (GB18030-2022 / WHATWG).",
        "source: shared/data/cp936_pua.tsv, from Python codecs, Windows CP936 and the WHATWG Encoding "
        "Standard gb18030 index (WHATWG: CC-BY 4.0)",
        "columns: PUA code point, PUA char, GBK bytes, target code point, target char, name",
    ], rows)


if __name__ == "__main__":
    main()
