"""Config: every option of the pipeline in one frozen object, validated once when it is made."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from typing import Any, Dict, FrozenSet, Optional

# Every rule a stage can apply, by stage. ``disable=`` takes these names; ``--explain`` shows them.
RULES: Dict[str, Dict[str, str]] = {
    "repair": {
        "mojibake": "text decoded with the wrong codec (UTF-8/GBK/Big5/Latin-1 confusions) decoded again",
        "lossy": "mojibake whose bytes were partly lost (?, U+FFFD, dropped characters) rebuilt",
        "misaligned": "GB18030 decoded one byte out of step after a lost byte (?!眻谭ㄈ藛T → 。”執法人員) re-paired",
        "latin": "UTF-8 read as Latin-1/cp1252 (ftfy, configured to leave Chinese alone)",
        "invisible": "zero-width characters, stray BOMs and NBSP beside Chinese removed or made spaces",
        "fullwidth": "full-width ASCII letters and digits made ASCII (not in Japanese text)",
        "radical": "CJK radicals and strokes standing among ideographs made the ideograph",
        "pua": "GB18030/CP936 private-use code points made the standard character",
        "compat": "CJK compatibility ideographs made the unified ideograph (not in Korean text)",
        "surrogates": "UTF-16 surrogate pairs joined into the character",
        "marker": "irrecoverable damage (锟斤拷, 烫烫烫, 屯屯屯, runs of U+FFFD) flagged, not changed",
    },
    "convert": {
        "opencc": "OpenCC conversion with the named configuration",
        "script": "conversion to a target script from the script each span is written in",
    },
    "punctuation": {
        "comma": "',' in Chinese context → '，'",
        "colon": "':' in Chinese context → '：'",
        "semicolon": "';' in Chinese context → '；'",
        "exclamation": "'!' in Chinese context → '！'",
        "question": "'?' in Chinese context → '？'",
        "period": "'.' ending a Chinese sentence → '。'",
        "parens": "'(…)' around or after Chinese → '（…）'",
        "quotes": "straight quotes around Chinese → '“…”' / '‘…’' (English quotations keep theirs)",
        "ellipsis": "'...', '。。。' or a lone '…' beside Chinese → '……'",
        "dash": "'--' or a lone '—' between Chinese → '——'",
        "space": "spaces between a full-width mark and the text beside it removed (not indentation)",
        "quote-style": "with quotes=corner|curly: every quote mapped by nesting level to 「」『』 or “”‘’",
        "cjk-spacing": "with spacing=add|remove: a space added or removed between Han and Latin letters/digits",
    },
}
ALL_RULES: FrozenSet[str] = frozenset(r for stage in RULES.values() for r in stage)

# OpenCC configurations the binding ships, and textfix's own targets that work out the source.
OPENCC_CONFIGS = (
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)
TARGETS = ("hans", "hant", "tw", "twp", "hk")
QUOTE_CHOICES = ("corner", "curly")
SPACING_CHOICES = ("add", "remove")


@functools.lru_cache(maxsize=None)
def convert_names() -> tuple:
    """Every name ``convert=`` accepts: OpenCC's configurations (as this binding ships them) and targets."""
    try:
        import opencc

        shipped = sorted(c[:-5] for c in opencc.CONFIGS if c.endswith(".json"))
    except Exception:  # pragma: no cover - the binding is a dependency
        shipped = []
    return tuple(dict.fromkeys([*(shipped or OPENCC_CONFIGS), *TARGETS]))


@dataclass(frozen=True)
class Config:
    """The options of one pipeline run. Make it with :meth:`Config.make`, which validates."""

    repair: bool = True
    convert: Optional[str] = None
    punctuation: bool = True
    disable: FrozenSet[str] = field(default_factory=frozenset)
    # Whether stages itemise every change (for --explain and check). Without it a stage may report
    # its work coarsely (conversion: one change for the whole text), which keeps it as fast as OpenCC.
    explain: bool = False
    # Conversion: choose among OpenCC's phrases by the best segmentation of each sentence instead of
    # OpenCC's greedy longest match (Simplified→Traditional configurations and targets; segment.py).
    segment: bool = False
    # Punctuation: quote marks by nesting level, 'corner' (「」『』, Taiwan/Hong Kong) or 'curly'
    # (“”‘’, mainland); None leaves their style. Spacing between Han and Latin: 'add', 'remove', None.
    quotes: Optional[str] = None
    spacing: Optional[str] = None

    def __post_init__(self) -> None:
        if self.convert is not None:
            if not isinstance(self.convert, str) or self.convert.lower() not in convert_names():
                raise ValueError(
                    f"unknown conversion {self.convert!r}; valid: {', '.join(convert_names())}"
                )
            object.__setattr__(self, "convert", self.convert.lower())
        disable = frozenset([self.disable] if isinstance(self.disable, str) else self.disable)
        unknown = sorted(disable - ALL_RULES)
        if unknown:
            raise ValueError(f"unknown rule(s) {', '.join(unknown)}; valid: {', '.join(sorted(ALL_RULES))}")
        object.__setattr__(self, "disable", disable)
        for name, valid in (("quotes", QUOTE_CHOICES), ("spacing", SPACING_CHOICES)):
            value = getattr(self, name)
            if value is not None and value not in valid:
                raise ValueError(f"unknown {name} {value!r}; valid: {', '.join(valid)}")
        for name in ("repair", "punctuation", "explain", "segment"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, not {getattr(self, name)!r}")

    @classmethod
    def make(cls, **options: Any) -> "Config":
        """A Config from keyword options; an unknown option name raises TypeError."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown option(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}")
        return cls(**options)

    def enabled(self, rule: str) -> bool:
        return rule not in self.disable
