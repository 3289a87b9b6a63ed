"""The Chinese plausibility model: its unrolled scoring loop agrees with its parts, and pairs across
a word boundary carry evidence (which character ends a word, which begins one)."""

import math

from hypothesis import given, settings, strategies as st

from textfix import model

M = model.load()

# Text drawn from what the model distinguishes: common and rare Han, kana, Latin, digits, punctuation.
_ALPHABET = "的是了人被號称我们它中文涓枃喆堃龘𠀀きるaZé9０，。、“”…．％°·?! \n\u00e9\ue000"
texts = st.text(alphabet=_ALPHABET, max_size=12)


@given(before=texts, text=texts, after=texts)
@settings(max_examples=300)
def test_score_is_the_sum_of_its_pairs(before, text, after):
    prev = before[-1:]
    want = 0.0
    for ch in text:
        want += M.pair(prev, ch) if prev else M.char(ch)
        prev = ch
    if after and prev:
        want += M.pair(prev, after[0]) - M.char(after[0])
    assert math.isclose(M.score(text, before, after), want, abs_tol=1e-9)


def test_a_character_that_begins_words_follows_better_across_a_boundary():
    # No dictionary word holds 它被 or 它號; 被 begins far more words than 號 does.
    assert "它被" not in M.bigram and "它號" not in M.bigram
    assert M.pair("它", "被") - M.char("被") > M.pair("它", "號") - M.char("號")


def test_a_character_that_ends_words_is_followed_better_across_a_boundary():
    # 了 mostly ends its words, so after it the next word's first character scores above its
    # frequency alone (a unigram backoff would score it below). Neither a word nor the running
    # text holds 了聽.
    assert "了聽" not in M.bigram
    assert M.pair("了", "聽") > M.char("聽")


def test_running_text_tells_what_follows_across_words():
    # No word holds 说： or 被：, nor 将于 or 将了; running text has the first of each far more.
    assert M.pair("说", "：") > M.pair("被", "：") + 1
    assert M.pair("說", "：") > M.pair("被", "：") + 1  # ... in Traditional too
    assert M.pair("将", "于") > M.pair("将", "了")
    # ... and a digit after 约 (约600) more than after 在 (在600 is rarer than 在 before a word)
    assert M.pair("约", "6") - M.char("6") > M.pair("在", "6") - M.char("6")
    # ... and which book-title mark follows a character: 读《 (读《红楼梦》) more than 签《 (签《 is
    # rare: 签署《 is how a treaty is signed), though the class prior of 《 is the same for both
    assert M.pair("读", "《") > M.pair("签", "《") + 1
    assert M.pair("讀", "《") > M.pair("簽", "《") + 1


def test_a_word_inside_beats_the_same_characters_apart():
    assert "朋友" in M.bigram and "友朋" not in M.bigram
    assert M.score("朋友") > M.score("友朋") + 5


def test_punctuation_follows_a_character_that_ends_words():
    # 了 mostly ends its words and 第 begins them; a full stop ends a word.
    assert M.pair("了", "。") > M.pair("第", "。")
    assert M.score("了。") > M.score("第。")


def test_marks_follow_one_another_only_where_prose_writes_them():
    # A quotation closing after a full stop, or opening after a colon, is prose; two full stops,
    # or a comma then a full stop, are not (what a guess for lost bytes must not make).
    assert M.pair("。", "”") > M.pair("。", "。") + 4
    assert M.pair("：", "“") > M.pair("，", "。") + 4
    assert M.pair("…", "…") > M.pair("、", "：") + 4


def test_single_quotes_are_rarer_than_double_quotes_in_chinese():
    assert M.char("’") < M.char("”")
    assert M.char("·") < M.char("”")


def test_a_line_does_not_begin_with_a_separator_or_closing_mark():
    assert M.pair("\n", "。") < M.char("。") - 4
    assert M.pair("\n", "”") < M.char("”") - 4
    assert M.pair("\n", "“") == M.char("“")


@given(a=st.sampled_from("的是了人被號称我们它中文涓枃"), b=st.sampled_from("的是了人被號称我们它中文涓枃"))
def test_an_unseen_han_pair_is_its_boundary_evidence_or_its_floor(a, b):
    # The lost-byte search inlines this identity (Model.boundary's docstring).
    if a + b not in M.bigram:
        want = max(M.floor[b], M.boundary(a) + M.start[b])
        if a == b and M.char(a) < model.REDUPLICATION_BELOW:
            want = max(want, model.REDUPLICATION)
        assert M.pair(a, b) == want
    assert M.boundary("a") is None and M.boundary("，") is None


def test_a_rare_character_repeated_is_reduplication_not_chance():
    # 靡靡 (classical poems), 邈邈: a rare character is followed by itself far oftener than its
    # unigram says; a common one (着着) is not given the same floor.
    assert M.pair("靡", "靡") == model.REDUPLICATION > M.floor["靡"] + 4
    assert M.score("邈邈") > M.score("邈") + M.char("邈") + 4
    assert M.pair("着", "着") < model.REDUPLICATION
    assert M.score("靡靡") == M.char("靡") + M.pair("靡", "靡")  # score's unrolled loop agrees


def test_zhuyin_runs_are_text_and_a_lone_letter_is_not():
    # Zhuyin writes bopomofo letters and tone marks together; one alone (ㄩ for ：) is mojibake.
    assert M.pair("ㄅ", "ㄆ") > M.char("ㄆ") + 4
    assert M.pair("ㄨ", "ˋ") > M.char("ˋ") + 4
    assert M.pair("是", "ㄛ") == M.char("ㄛ")
    assert M.score("ㄓㄨˋ") == M.char("ㄓ") + M.pair("ㄓ", "ㄨ") + M.pair("ㄨ", "ˋ")


def test_squared_units_are_units_after_a_number_only():
    assert M.pair("0", "㎝") > M.pair("S", "㎝") + 3
    assert M.score("120㎝") == M.char("1") + M.pair("1", "2") + M.pair("2", "0") + M.pair("0", "㎝")


def test_a_full_width_stop_between_digits_is_a_decimal_point():
    # 4．4万 (People's Daily writes decimals so); a comma between two digits is rare.
    assert M.score("4．4万") > M.score("4，4万") + 2
    assert M.score("１０．６３") > M.score("１０，６３") + 2
    assert M.score("好．的") < M.score("好，的")  # not after a digit: a rare sign
    assert M.score("5．，") < M.score("5％，")  # ． is followed by a digit


def test_a_full_width_percent_sign_follows_a_number():
    assert M.pair("5", "％") > M.pair("（", "％") + 3
    assert M.score("（Debian") > M.score("％Debian")


def test_a_degree_sign_follows_a_number():
    assert M.pair("5", "°") > M.pair("好", "°") + 3


def test_a_middle_dot_follows_a_number_more_often_than_other_text():
    assert M.pair("3", "·") > M.pair("好", "·") + 2


def test_full_width_letters_are_rarer_than_full_width_digits():
    assert M.char("ｑ") < M.char("１") - 2
