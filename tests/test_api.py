"""The public API: golden behaviour of fix_text, fix_bytes, detect, fix_and_explain, Config."""

import pytest

import textfix
from textfix import Config


def test_issue_examples():
    assert textfix.fix_bytes("你好,世界".encode("gbk")) == "你好，世界"
    assert textfix.fix_text("涓枃娴嬭瘯", punctuation=False) == "中文测试"
    assert textfix.fix_text("软件", convert="s2twp") == "軟體"


@pytest.mark.parametrize("broken, fixed", [
    ("新闻：鍙戝竷会", "新闻：发布会"),  # UTF-8 read as GBK, inside a clean line
    ("涓\ue15f枃娴嬭瘯", "中文测试"),  # the same, lossless (private-use character kept)
    ("ÖÐÎÄ", "中文"),  # GBK read as Latin-1
    ("涓�鏂囨祴璇�", "中文测试"),  # UTF-8 read as GBK with U+FFFD replacement
    ("他说鍙戝竷浜嗕竴涓柊鐨勭増鏈", "他说发布了一个新的版本"),  # last byte lost
    ("cafÃ© 中文", "café 中文"),  # UTF-8 read as Latin-1 beside Chinese (ftfy on the Latin run)
])
def test_repairs(broken, fixed):
    assert textfix.fix_text(broken, punctuation=False) == fixed


@pytest.mark.parametrize("text", [
    "喆堃龘𠀀", "真的吗?!", "日本語のテキストです", "한국어 텍스트", "Ödön és café", "emoji 😀👍🏽 ok",
    "他说：“你好，世界！”", "def f(x): return x", "这是一个正常的句子，谭先生说。",
])
def test_clean_text_untouched_by_repair(text):
    assert textfix.fix_text(text, punctuation=False) == text


def test_glyphs():
    assert textfix.fix_text("１９９８年") == "1998年"
    assert textfix.fix_text("⻓城") == "长城"
    assert textfix.fix_text("中\u200b文") == "中文"
    assert textfix.fix_text("\ue81e字") == "龴字"
    assert textfix.fix_text("ＡＢＣのテスト") == "ＡＢＣのテスト"  # Japanese keeps its full-width letters
    assert textfix.fix_text("a\u200db") == "a\u200db"


def test_punctuation_minimal_rules():
    assert textfix.fix_text("發布時間:2022-05-28 18:29:00") == "發布時間：2022-05-28 18:29:00"
    assert textfix.fix_text("清而有為(干部狀態新觀察)") == "清而有為（干部狀態新觀察）"
    assert textfix.fix_text("真的吗?!") == "真的吗？！"
    assert textfix.fix_text("Hello, world!") == "Hello, world!"
    assert textfix.fix_text("1,000元") == "1,000元"
    assert textfix.fix_text("见 http://a.cn/x?y=1,2 吧") == "见 http://a.cn/x?y=1,2 吧"
    assert textfix.fix_text("你好,世界", punctuation=False) == "你好,世界"


def test_markers_are_flagged_not_changed():
    text, changes = textfix.fix_and_explain("锟斤拷锟斤拷", punctuation=False)
    assert text == "锟斤拷锟斤拷"
    assert [(c.rule, c.is_flag) for c in changes] == [("marker", True)]


def test_explain_records_stage_rule_span():
    text, changes = textfix.fix_and_explain("ÖÐÎÄ,测试")
    assert text == "中文，测试"
    assert [(c.stage, c.rule, c.before, c.after) for c in changes] == [
        ("repair", "mojibake", "ÖÐÎÄ", "中文"), ("punctuation", "comma", ",", "，")]
    assert changes[0].plan == "encode latin-1 → decode gb18030"
    assert "repair/mojibake" in changes[0].format()


def test_explain_line_numbers():
    _, changes = textfix.fix_and_explain("好\n你好,世界")
    assert [(c.line, c.start) for c in changes] == [(2, 4)]


def test_fix_and_explain_takes_bytes():
    text, changes = textfix.fix_and_explain("你好,世界".encode("big5"))
    assert text == "你好，世界" and changes


@pytest.mark.parametrize("name", ["s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
                                  "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t"])
def test_every_opencc_config_matches_opencc(name):
    import opencc

    text = "鼠标里面的硅二极管坏了，导致光标分辨率降低。我们在老挝的服务器的硬盘需要使用互联网算法软件解决异步的问题。"
    assert textfix.fix_text(text, convert=name, repair=False, punctuation=False) == opencc.OpenCC(name).convert(text)


def test_targets():
    assert textfix.fix_text("软件開發", convert="hant", punctuation=False) == "軟件開發"
    assert textfix.fix_text("軟體開發", convert="hans", punctuation=False) == "软体开发"
    assert textfix.fix_text("软件", convert="tw", punctuation=False) == "軟件"
    assert textfix.fix_text("软件", convert="twp", punctuation=False) == "軟體"
    assert textfix.fix_text("軟體開發", convert="hant", punctuation=False) == "軟體開發"  # already Traditional


def test_unknown_conversion_lists_valid_names():
    with pytest.raises(ValueError) as e:
        textfix.fix_text("x", convert="s2x")
    assert "s2twp" in str(e.value) and "hant" in str(e.value)


def test_unknown_option_and_rule():
    with pytest.raises(TypeError):
        textfix.fix_text("x", colour="red")
    with pytest.raises(ValueError):
        textfix.fix_text("x", disable={"no-such-rule"})
    assert textfix.fix_text("你好,世界", disable={"comma"}) == "你好,世界"


def test_config_is_frozen():
    c = Config()
    with pytest.raises(Exception):
        c.repair = False


def test_type_errors():
    with pytest.raises(TypeError):
        textfix.fix_text(b"bytes")
    with pytest.raises(TypeError):
        textfix.fix_bytes("str")


def test_binary_input():
    with pytest.raises(textfix.BinaryInputError):
        textfix.fix_bytes(b"\x00\x01\x02\x03garbage\x00\xff")


def test_encoding_is_trusted():
    assert textfix.fix_bytes("中文".encode("gbk"), encoding="gbk") == "中文"
    with pytest.raises(ValueError):
        textfix.fix_bytes(b"x", encoding="no-such-codec")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le",
                                   "utf-16-be", "utf-32"])
def test_detect_golden(codec):
    text = "我們應該保護環境，減少塑膠垃圾的使用。" if codec == "big5" else "我们应该保护环境，减少塑料垃圾的使用。"
    det = textfix.detect(text.encode(codec))
    assert text.encode(codec).decode(det.encoding) == text
    assert 0 <= det.confidence <= 1


def test_detect_empty_ascii_binary():
    assert textfix.detect(b"").encoding == "utf-8"
    assert textfix.detect(b"hello").encoding == "ascii"
    assert textfix.detect(b"\x00\x01\x02\xff\xfe\x00\x00\x13").binary
    assert textfix.detect(codecs_bom := b"\xef\xbb\xbfhi").bom == "utf-8" and codecs_bom
