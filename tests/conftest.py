from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def load_sentences():
    lines = (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


SENTENCES = load_sentences()
SIMPLIFIED = SENTENCES[:12]
TRADITIONAL = SENTENCES[12:]


@pytest.fixture
def sentences():
    return SENTENCES
