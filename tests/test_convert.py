"""Script identification and naive-conversion repair (issue 5)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from conftest import SIMPLIFIED, TRADITIONAL

# From seed 000: People's Daily text through a character-by-character Simplified→Traditional converter.
NAIVE = "必須要構建親清政商關系。各地通過規范行政執法檢查，讓干部坦坦蕩蕩、堂堂正正地與企業家交往。"
REPAIRED = "必須要構建親清政商關係。各地通過規範行政執法檢查，讓幹部坦坦蕩蕩、堂堂正正地與企業家交往。"


def test_identify_evidence():
    s = textfix.identify("软件开发")
    assert (s.script, s.simplified, s.traditional, s.han) == ("simplified", 3, 0, 4)
    t = textfix.identify("軟體開發")
    assert (t.script, t.traditional, t.naive) == ("traditional", 4, False)
    assert textfix.identify("中文").script == "neither"  # characters shared by both scripts
    assert textfix.identify("hello").script == "neither"
    assert textfix.identify("软件開發與測試").script == "mixed"


def test_naive_conversion_identified():
    found = textfix.identify(NAIVE)
    assert found.script == "traditional" and found.naive and found.roundtrip == 3


@pytest.mark.parametrize("target", ["hant", "tw", "hk"])
def test_naive_conversion_repaired(target):
    out = textfix.fix_text(NAIVE, convert=target, repair=False, punctuation=False)
    for good in ("關係", "規範", "幹部"):
        assert good in out


def test_naive_repair_is_explained():
    _, changes = textfix.fix_and_explain(NAIVE, convert="hant", repair=False, punctuation=False)
    assert [(c.before, c.after) for c in changes] == [("系", "係"), ("范", "範"), ("干", "幹")]
    assert all("naive" in c.plan for c in changes)


@pytest.mark.parametrize("naive, proper", [
    ("她昨天剪了頭發。", "她昨天剪了頭髮。"),  # one error in a short sentence is enough
    ("這件事跟他沒有關系，", "這件事跟他沒有關係，"),
    ("他幹脆把門關上了。", "他乾脆把門關上了。"),
])
def test_single_naive_error_in_a_sentence_repaired(naive, proper):
    assert textfix.identify(naive).naive
    assert textfix.fix_text(naive, convert="hant", repair=False, punctuation=False) == proper


@pytest.mark.parametrize("text", [
    "我住在台灣，這裡的天氣很熱。",  # 台 (Taiwan's and Hong Kong's form) and 裡 (Taiwan's) are no errors
    "她把頭髮剪短了，看起來乾淨俐落。",
    "外面下著大雨，你出門記得帶傘。",
])
@pytest.mark.parametrize("target", ["hant", "tw"])
def test_regional_variants_are_not_naive(text, target):
    assert not textfix.identify(text).naive
    assert textfix.fix_text(text, convert=target, repair=False, punctuation=False) == text


@pytest.mark.parametrize("target", ["hans", "hant", "tw", "twp", "hk"])
def test_targets_leave_urls_and_code_alone(target):
    text = ("详见 https://zh.wikipedia.org/wiki/头发 和 `print(\"头发\")`，"
            "或写信给 a.b@example.com。\n```\nname = '头发'\n```\n头发\n")
    out = textfix.fix_text(text, convert=target, repair=False, punctuation=False)
    for kept in ("https://zh.wikipedia.org/wiki/头发", '`print("头发")`', "name = '头发'"):
        assert kept in out
    assert out.endswith(("头发\n", "頭髮\n"))
    assert (target == "hans") == out.startswith("详见")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(TRADITIONAL), min_size=1, max_size=6).map("".join))
def test_proper_traditional_passes_unchanged(text):
    assert not textfix.identify(text).naive
    assert textfix.fix_text(text, convert="hant", repair=False, punctuation=False) == text


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(SIMPLIFIED), min_size=1, max_size=6).map("".join))
def test_hant_of_simplified_is_opencc_s2t(text):
    import opencc

    assert textfix.fix_text(text, convert="hant", repair=False, punctuation=False) == opencc.OpenCC("s2t").convert(text)


def test_mixed_lines_convert_from_their_own_script():
    text = "软件开发\n軟體開發\n"
    assert textfix.fix_text(text, convert="hans", punctuation=False) == "软件开发\n软体开发\n"
    assert textfix.fix_text(text, convert="twp", punctuation=False) == "軟體開發\n軟體開發\n"


def test_conversion_changes_itemised_only_when_explaining():
    _, changes = textfix.fix_text("软件和硬件", convert="s2t", explain=True)
    assert [(c.start, c.before, c.after) for c in changes] == [(0, "软", "軟")]
    from textfix.config import Config
    from textfix.convert import convert

    out, coarse = convert("软件和硬件", Config(convert="s2t"))
    assert len(coarse) == 1 and textfix.changes.apply("软件和硬件", coarse) == out


# The greedy errors the issue names (from OpenCC's tracker): fixed by segment=True.
TRAPS = [
    ("s2t", "被发明", "被發明"), ("s2t", "前头发生", "前頭發生"), ("s2t", "可是只有他", "可是只有他"),
    ("s2t", "了解了如何", "瞭解了如何"), ("s2t", "参与制造", "參與製造"), ("s2t", "粉丝发布", "粉絲發佈"),
    ("s2t", "一个中学生", "一個中學生"), ("s2twp", "少数组织", "少數組織"),
    ("s2twp", "人体内存在", "人體內存在"), ("s2twp", "勇敢的士兵", "勇敢的士兵"),
]


@pytest.mark.parametrize("config, text, want", TRAPS)
def test_segmentation_fixes_greedy_errors(config, text, want):
    import opencc

    assert opencc.OpenCC(config).convert(text) != want  # the trap is real
    assert textfix.fix_text(text, convert=config, punctuation=False, segment=True) == want


@pytest.mark.parametrize("config, text, want", [
    ("s2t", "负责人参加会议", "負責人參加會議"),  # 人参 → 人蔘 across 负责人|参加
    ("s2t", "里头发现", "裏頭發現"),
])
def test_segmentation_fixes_our_own_traps(config, text, want):
    assert textfix.fix_text(text, convert=config, punctuation=False, segment=True) == want


@pytest.mark.parametrize("config, text", [
    ("s2t", "看了解说"),  # OpenCC's blocker 看了 keeps 了解 → 瞭解 from matching: it must stay
    ("s2t", "他看了解说员的表演"),
    ("s2t", "为了解决问题"),
    ("s2t", "头发生长"),
    ("s2t", "试卷发下来了"),
    ("s2twp", "打的士回家"),
    ("s2twp", "数组越界"),
])
def test_segmentation_keeps_what_greedy_gets_right(config, text):
    import opencc

    assert textfix.fix_text(text, convert=config, punctuation=False, segment=True) == opencc.OpenCC(config).convert(text)


def test_segmentation_in_context_and_targets():
    assert textfix.fix_text("这个方法被发明了。", convert="s2t", segment=True) == "這個方法被發明了。"
    assert textfix.fix_text("少数组织", convert="twp", segment=True, punctuation=False) == "少數組織"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("被发明前头生可是只有他了解如何参与制造粉丝布一个中学少数组织人体内存在勇敢的士兵\uf8ff")), max_size=30))
def test_segmentation_leaves_no_separator(text):
    out = textfix.fix_text(text, convert="s2twp", repair=False, punctuation=False, segment=True)
    assert len(out) >= text.count("\uf8ff") and out.count("\uf8ff") == text.count("\uf8ff")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(SIMPLIFIED), min_size=1, max_size=6).map("".join), st.booleans())
def test_text_already_in_the_target_script_is_unchanged(text, segment):
    assert textfix.fix_text(text, convert="hans", repair=False, punctuation=False, segment=segment) == text
    trad = textfix.fix_text(text, convert="hant", repair=False, punctuation=False, segment=segment)
    assert textfix.fix_text(trad, convert="hant", repair=False, punctuation=False, segment=segment) == trad
