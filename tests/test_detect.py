"""Stage 1, detection: golden cases per codec, short and long, confusables, binary, and the round
trip property (Chinese text in any supported codec comes back exactly)."""

import json
import subprocess
import sys

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textfix
from textfix import _tables

SIMPLIFIED = "他在北京大学学习计算机科学，明年毕业。政府出台了新的政策，支持中小企业发展。"
TRADITIONAL = opencc.OpenCC("s2tw").convert(SIMPLIFIED)
JAPANESE = "東京の地下鉄は複雑ですが、とても便利です。"
KOREAN = "서울의 지하철은 복잡하지만 매우 편리합니다."
FRENCH = "Le café est fermé le dimanche, mais la boulangerie reste ouverte."


def decodes_back(text: str, codec: str) -> bool:
    data = text.encode(codec)
    det = textfix.detect(data)
    return det.encoding is not None and data.decode(det.encoding) == text


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                   "utf-32-le", "utf-32-be", "gb2312", "gbk", "gb18030", "hz"])
@pytest.mark.parametrize("length", [4, 8, 40])
def test_simplified_in_every_codec(codec, length):
    assert decodes_back(SIMPLIFIED[:length], codec)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be", "big5", "cp950", "big5hkscs", "gb18030"])
@pytest.mark.parametrize("length", [4, 8, 40])
def test_traditional_in_every_codec(codec, length):
    assert decodes_back(TRADITIONAL[:length], codec)


@pytest.mark.parametrize("text,codec", [
    (JAPANESE, "shift_jis"), (JAPANESE, "cp932"), (JAPANESE, "euc_jp"), (JAPANESE, "iso2022_jp"),
    (JAPANESE[:6], "shift_jis"), (JAPANESE[:6], "euc_jp"),
    (KOREAN, "euc_kr"), (KOREAN, "cp949"), (KOREAN, "iso2022_kr"), (KOREAN[:6], "euc_kr"),
    (FRENCH, "cp1252"), (FRENCH, "latin-1"), (FRENCH, "utf-8"), ("forêt.\nDie", "latin-1"),
])
def test_confusables(text, codec):
    assert decodes_back(text, codec)


def test_gb_and_big5_told_apart_on_four_characters():
    assert textfix.detect("中华人民".encode("gbk")).encoding == "gb18030"
    assert textfix.detect("臺灣電腦".encode("big5")).encoding in ("cp950", "big5hkscs")


def test_utf16_whose_bytes_are_all_ascii_range():
    # 我們先吃 is 11 62 11 50 48 51 03 54 in UTF-16-LE: control-looking bytes, no NUL.
    assert decodes_back("我們先吃", "utf-16-le")
    assert decodes_back("失敗是成", "utf-16-be")
    assert decodes_back("居然女子当年根据占有", "utf-16-le")
    for word in (b"HelloWorld", b"aGVsbG8x", b"__init__", b"1234567890"):
        assert textfix.detect(word).encoding == "ascii"


def test_strict_utf8_with_many_characters_is_certain():
    det = textfix.detect(SIMPLIFIED.encode("utf-8"))
    assert det.encoding == "utf-8" and det.confidence > 0.99


def test_gbk_that_happens_to_be_valid_utf8_is_still_gbk():
    # ' 抬头' in GBK is CC A7 CD B7: valid UTF-8 (U+0327 U+0377), repeated it passes a naive check.
    text = " 抬头 抬头 抬头\n抬头 抬头 抬头"
    assert text.encode("gbk").decode("utf-8")
    assert decodes_back(text, "gbk")


def test_result_fields():
    det = textfix.detect(SIMPLIFIED.encode("gbk"))
    assert det.encoding == "gb18030" and det.script == "simplified" and det.bom is None
    assert all(0 <= p <= 1 for _, p in det.alternatives) and det.alternatives
    det = textfix.detect(TRADITIONAL.encode("utf-16"))
    assert det.bom in ("utf-16-le", "utf-16-be") and det.script == "traditional"


def test_binary_is_reported_not_guessed():
    det = textfix.detect(bytes(range(0, 32)) * 4)
    assert det.binary and det.encoding is None
    assert textfix.detect(b"\x00\x01\x02\xff\xfe\x00\x00\x13").binary


def test_cli_detect_reports_mojibake(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("新闻:鍙戝竷浜嗕竴涓柊鐨勭増鏈\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_bytes("今天天气很好。\n".encode("gbk"))
    run = subprocess.run([sys.executable, "-m", "textfix", "detect", str(broken), str(clean)],
                         capture_output=True, text=True)
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert "utf-8" in lines[0] and "mojibake in 1 place" in lines[0]
    assert "gb18030" in lines[1] and "no mojibake" in lines[1]
    run = subprocess.run([sys.executable, "-m", "textfix", "detect", "--format", "json", str(broken)],
                         capture_output=True, text=True)
    assert json.loads(run.stdout)["mojibake"] == 1


def test_garbled_finds_without_changing():
    found = textfix.garbled("新闻:鍙戝竷浜嗕竴涓柊鐨勭増鏈")
    assert [c.rule for c in found] == ["lossy"] and found[0].after == "发布了一个新的版本"
    assert [c.after for c in textfix.garbled("ÖÐÎÄ网站")] == ["中文"]
    assert textfix.garbled("今天天气很好。") == []


# Round trip: text made of real words (jieba's frequent words, as shipped in the tables), in
# Simplified or in Traditional, encoded in any codec that can carry it, is detected as a codec that
# gives it back exactly.
_WORDS = [row[0] for row in _tables.rows("segment_words.tsv") if row[1].isdigit() and int(row[1]) >= 2000]
_S2TW = opencc.OpenCC("s2tw")
_CODECS = {False: ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "gb2312", "gbk", "gb18030", "hz"),
           True: ("utf-8", "utf-16-le", "utf-16-be", "big5", "cp950", "big5hkscs", "gb18030")}


@st.composite
def chinese_in_a_codec(draw):
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8))
    text = "".join(words)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["，", "。", "、", " ", "1", "a", "\n"])) + text[cut:]
    traditional = draw(st.booleans())
    if traditional:
        text = _S2TW.convert(text)
    return text, draw(st.sampled_from(_CODECS[traditional]))


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(chinese_in_a_codec())
def test_chinese_in_any_supported_codec_comes_back(case):
    text, codec = case
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return  # the codec cannot carry this text
    if len(text) < 8:
        return
    det = textfix.detect(data)
    assert det.encoding is not None and data.decode(det.encoding) == text, (codec, det)
