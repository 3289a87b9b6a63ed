"""Project settings for ``textfix check`` and ``textfix fix``: ``[tool.textfix]`` in ``pyproject.toml``
or a ``.textfix.toml``, found from the working folder upwards (the first folder that has either wins;
in one folder ``.textfix.toml`` comes first). Command-line options win over the file.

    [tool.textfix]
    to = "twp"            # as --to
    segment = true        # as --segment
    repair = true         # false: as --no-repair
    punctuation = true    # false: as --no-punct
    disable = ["parens"]  # as --disable
    quotes = "corner"     # as --quotes (corner or curly)
    spacing = "add"       # as --spacing (add or remove)
    include = ["*.md", "*.txt"]
    exclude = ["vendor/*"]
    keep-encoding = false
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

# Key → (type, argparse destination).
KEYS: Dict[str, Tuple[type, str]] = {
    "to": (str, "convert"),
    "segment": (bool, "segment"),
    "repair": (bool, "repair"),
    "punctuation": (bool, "punctuation"),
    "disable": (list, "disable"),
    "quotes": (str, "quotes"),
    "spacing": (str, "spacing"),
    "include": (list, "include"),
    "exclude": (list, "exclude"),
    "keep-encoding": (bool, "keep_encoding"),
}


class SettingsError(ValueError):
    pass


def find(start: str) -> Optional[Tuple[str, Dict[str, Any]]]:
    """The nearest settings file from ``start`` upwards and its textfix table, or None."""
    folder = os.path.abspath(start)
    while True:
        dedicated = os.path.join(folder, ".textfix.toml")
        if os.path.isfile(dedicated):
            return dedicated, _read(dedicated, dedicated=True)
        project = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(project):
            table = _read(project, dedicated=False)
            if table is not None:
                return project, table
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load(path: str) -> Dict[str, Any]:
    """The textfix table of a named settings file (``--config``)."""
    table = _read(path, dedicated=not path.endswith("pyproject.toml"))
    if table is None:
        raise SettingsError(f"{path}: no [tool.textfix] table")
    return table


def _read(path: str, dedicated: bool) -> Optional[Dict[str, Any]]:
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except OSError as e:
        raise SettingsError(f"{path}: cannot read ({e.strerror or e})") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: invalid TOML ({e})") from None
    if dedicated:
        table = doc.get("tool", {}).get("textfix", doc) if "tool" in doc else doc
    else:
        table = doc.get("tool", {}).get("textfix")
        if table is None:
            return None
    return validate(path, table)


def validate(path: str, table: Any) -> Dict[str, Any]:
    """Settings as argparse destinations; an unknown key or a wrong type raises SettingsError."""
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.textfix] must be a table")
    out: Dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise SettingsError(f"{path}: unknown setting {key!r}; valid: {', '.join(KEYS)}")
        kind, dest = KEYS[key]
        if kind is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
            want = "a list of strings" if kind is list else kind.__name__
            raise SettingsError(f"{path}: setting {key!r} must be {want}")
        out[dest] = value
    return out
