"""Repair of GB18030 streams decoded one byte out of step after a lost byte (rule ``misaligned``)."""

import pytest

import textfix
from textfix.config import Config
from textfix.repair import repair

# Excerpts of seed 000 (a Traditional People's Daily story) around its 14 damaged places.
SEED_SITES = [
    ("檢查也更細致?!?/p>", "檢查也更細致。”/p>"),
    ("延長鋁產業鏈?!懊看蝸碚{研,郝市長都", "延長鋁產業鏈。“每次來調研,郝市長都"),
    ("發展出謀劃策?!蓖蹙S建說。", "發展出謀劃策。”王維建說。"),
    ("好的營商環境?!便~川市工商聯副", "好的營商環境。”銅川市工商聯副"),
    ("家真解決問題?!眳羌t軍感慨?!坝星宀拍苡H,自身做到不", "家真解決問題。”吳紅軍感慨。“有清才能親,自身做到不"),
    ("有了明確坐標?!便~川市委統戰部", "有了明確坐標。”銅川市委統戰部"),
    ("也更簡單清晰?!眻谭ㄈ藛T文德林感慨。", "也更簡單清晰。”執法人員文德林感慨。"),
    ("設法解決難題?!蹦壳?,像劉放清這樣的駐企", "設法解決難題。”目前,像劉放清這樣的駐企"),
    ("關系清上加親?!毕鏂|區委書記何超說。", "關系清上加親。”湘東區委書記何超說。"),
    ("8月就能投產?!惫\ue088径\ue143麻L王維建信心滿滿,", "8月就能投產。”公司董事長王維建信心滿滿,"),
    ("然就理直氣壯?!眳莿偭颊f。", "然就理直氣壯。”吳剛良說。"),
    ("關系行動方案?!耙酝\ue2ab芏嗖块T不知道如何", "關系行動方案。“以往很多部門不知道如何"),
    # 幾日 is 8E D7 C8 D5: out of step, 兹 = D7 C8 leaves only the lead C8 of the last character,
    # and 幾日 and 幾萬 (C8 66) read alike as pairs of characters, not as words (前幾日: see
    # misaligned._word_costs).
    ("上門幫你?!鼻皫兹?,銅川市王益區", "上門幫你。”前幾日,銅川市王益區"),
]


@pytest.mark.parametrize("broken, fixed", SEED_SITES)
def test_seed_sites(broken, fixed):
    out, changes = repair(broken, Config(explain=True))
    assert out == fixed
    assert changes and all(c.rule == "misaligned" for c in changes)


def _damage(text: str, position: int) -> str:
    """``text`` in GB18030 with the lead byte of the character at ``position`` lost: the decoder
    gives ? for it and reads the bytes after it out of step (U+FFFD shown as ?)."""
    data = text.encode("gb18030")
    cut = len(text[:position].encode("gb18030"))
    return (data[:cut].decode("gb18030") + "?"
            + data[cut + 1:].decode("gb18030", errors="replace").replace("\ufffd", "?"))


@pytest.mark.parametrize("text, position", [
    ("這個軟件的新版本修復了許多問題，運行速度也快了不少。", 9),   # run ends at an ASCII trail byte
    ("今天天气很好，我们一起去公园散步吧。", 7),                   # … at a lost trail byte, line end
    ("會議定於下午三點開始，請大家準時參加。", 4),
    ("我本來想去的，可是臨時有事，去不了了。", 9),  # 臨 = C5 52: nothing but the ASCII trail R after ?
    ("在大家的幫助下，他的成績有了很大", 14),  # the last two characters each keep one byte
    ("這是每個人都要思考的問題", 1),  # 個 = 82 80: 80 cannot lead, so ? and back in step at 人
    ("這個故事告訴我們一個道理：做人要誠實。", 0),  # 這 = DF 40: at the line's start, ?@ then 個
    ("他一邊走，一邊想：明天該怎麼辦呢？", 7),  # 想 or 与 (D3 EB): 与 is Simplified, the line is not
    ("他最喜歡的電影是《霸王别姬》", 9),  # 》 or 。 at the line's end: the title's 《 is open
])
def test_synthetic_loss(text, position):
    broken = _damage(text, position)
    assert broken != text
    assert textfix.fix_text(broken, punctuation=False) == text


@pytest.mark.parametrize("text, position", [
    ("請在拖曳時按住滑鼠左鍵。", 4),  # 時 = 95 72: ?r between Chinese, which no clean text writes
    ("如果搜尋成功完成，則傳回結果。", 9),  # 則 = 84 74: ?t after a comma
    ("Knuth 發明了 TeX 排版系統。", 6),  # 發 = B0 6C: ?l after a space (gains more than MARGIN)
    ("請關閉 [選項] 對話方塊。", 2),  # 閉 = 8F 5D: ?] before a space
])
def test_a_lone_ascii_trail_byte_beside_chinese_or_a_space(text, position):
    # Traditional text in GBK: characters outside GB2312 often end in an ASCII byte, so a lost lead
    # byte leaves ? and one ASCII character, and the decoder is back in step at once.
    broken = _damage(text, position)
    assert len(broken) == len(text) + 1
    assert textfix.fix_text(broken, punctuation=False) == text


def test_a_lone_ascii_trail_byte_after_a_space_needs_the_full_margin():
    # 軸 (8C 53) lost its lead: ?S after a space has one neighbour to tell it by, and 躍上 reads
    # about as well as 軸上; below MARGIN the damage is left as it is, not guessed.
    broken = _damage("在 Y 軸上顯示數值。", 4)
    assert broken == "在 Y ?S上顯示數值。"
    assert textfix.fix_text(broken, punctuation=False) == broken


def test_run_ends_before_a_rare_real_word():
    # 在草地上 lost its first lead byte; the ? for the last trail byte of 上 is followed by 玩耍,
    # whose 耍 is rare: the stream is back in step there, as the word 玩耍 shows.
    broken = "他们" + _damage("在草地上", 0) + "玩耍。"
    assert broken == "他们?诓莸厣?玩耍。"
    assert textfix.fix_text(broken, punctuation=False) == "他们在草地上玩耍。"


@pytest.mark.parametrize("text, position", [
    ("這個週末我打算去海邊衝浪。", 1),  # 個 = 82 80: 82 lost, and 80 cannot lead, so ?? then 週
    ("春节来得比较早——1月22日就是除夕", 10),  # 月 = D4 C2: D4 lost, C2 makes nothing with 2
])
def test_a_character_that_lost_both_bytes_comes_back_from_its_context(text, position):
    broken = _damage(text, position)
    assert broken == text[:position] + "??" + text[position + 1:]
    assert textfix.fix_text(broken, punctuation=False) == text


@pytest.mark.parametrize("text", ["真的嗎??我不信", "價格是??元", "太好了??我們走吧", "我喜欢??", "寫了??字"])
def test_two_question_marks_that_may_be_lost_emoji_stay(text):
    assert textfix.fix_text(text, punctuation=False) == text


def test_run_ends_before_a_rare_character_that_makes_a_word_with_the_next():
    # 开，屋里 lost its first lead byte (the out-of-step pairs are private-use code points and 堇); 太闷
    # after it is back in step, though the word lists know 闷 only in 闷了, one character further on.
    broken = "请你把窗户打" + _damage("开，屋里", 0) + "太闷了。"
    assert broken == "请你把窗户打?\ue002\ue0e9堇?太闷了。"
    assert textfix.fix_text(broken, punctuation=False) == "请你把窗户打开，屋里太闷了。"


@pytest.mark.parametrize("text, position", [
    ("我們的系統", 3),  # ?到y: 統 ends in y, at the line's end
    ("已經凍結的郵", 4),  # ?泥]
])
def test_a_run_that_ends_in_an_ascii_trail_at_the_line_end(text, position):
    # An ASCII trail byte right after a wide character is as glued at the end of a line (the end
    # of a piece of text) as before another wide character.
    broken = _damage(text, position)
    assert textfix.fix_text(broken, punctuation=False) == text


def test_a_utf8_lead_right_before_an_ascii_character_is_not_utf8():
    # 顟 is EE 91 in GBK, a UTF-8 lead and a continuation byte; but UTF-8's third byte would have
    # paired with the B, so the run is GBK that lost the lead of 狀 (A0 EE).
    broken = _damage("它處於好的工作狀態的，因為它", 7)
    assert broken == "它處於好的工作?顟B的，因為它"
    assert textfix.fix_text(broken, punctuation=False) == "它處於好的工作狀態的，因為它"


@pytest.mark.parametrize("text", ["你是谁?我是A", "真的吗?选B", "什麼?這是Q", "版本?最新v", "問題?答案A"])
def test_a_question_before_chinese_and_a_letter_at_the_line_end_stays(text):
    assert repair(text, Config())[0] == text


@pytest.mark.parametrize("text", [
    "真的吗?!我不信。", "你好?!Google", "什么?OK", "他问:为什么?我说:不知道。", "咖啡?奶茶?",
    "剔團圞月兒初淡 剔團圞月兒初淡", "彆扭的心情", "價格是?元",
])
def test_real_question_marks_and_rare_characters_stay(text):
    assert repair(text, Config())[0] == text


@pytest.mark.parametrize("text", ["你知道了?R卡的问题很多", "你知道他?J股的问题很多", "你知道呢?D型的問題很多",
                                  "你知道吧?W站的問題很多"])
def test_a_question_mark_before_a_letter_stays(text):
    # A lone ASCII trail byte after a lost lead makes a character outside GB2312 (none of its
    # characters has an ASCII trail), which a Simplified line does not use; and a ? after 呢 or 吧
    # ends a question. Each of these became a character before (R卡 → 點卡).
    assert repair(text, Config())[0] == text


def test_rule_can_be_disabled():
    broken = "也更簡單清晰?!眻谭ㄈ藛T文德林感慨。"
    assert repair(broken, Config.make(disable={"misaligned"}))[0] == broken


def test_kana_in_a_chinese_line_counts_as_damage():
    # 长约 (B3A4 D4BC) lost B3: A4 D4 is the kana ぴ, and BC before 6 was lost as ?. The kana is
    # mojibake in a line of Chinese, as the lossless repair scores it, so the run is rebuilt
    # (which of the D4 characters 约 was is the model's guess: 长 is certain).
    broken = _damage("这条河全长约600公里，流经五个省份。", 4)
    assert broken == "这条河全?ぴ?600公里，流经五个省份。"
    out = textfix.fix_text(broken, punctuation=False)
    assert out.startswith("这条河全长") and out.endswith("600公里，流经五个省份。") and len(out) == 19


@pytest.mark.parametrize("text", ["??:????", "已启动 ???? 天 ??:??，", "TTY ??:?? 用户"])
def test_question_marks_around_ascii_marks_stay(text):
    # A format's unknown time: between two ?, a : that could be a full-width ： read back to
    # bytes, rebuilt as 。和. Marks alone between two ? rebuild only marks (?!? for 。”).
    assert repair(text, Config())[0] == text


def test_marks_alone_between_two_question_marks_rebuild_marks():
    # 。” at a line's end lost its first byte: A3A1 is ！ (made ASCII by punctuation clean-up),
    # and B1 alone before the line's end is ?.
    broken = _damage("他说：“今天不来了。”", 9)
    assert broken == "他说：“今天不来了?！?"
    assert repair(broken.replace("！", "!"), Config())[0] == "他说：“今天不来了。”"


def test_a_whole_lost_character_is_looked_for_among_few_options_by_the_class_of_what_follows():
    # Before digits any character could have lost both bytes (its trail makes nothing with a digit):
    # the options are the WHOLE_OPTIONS most frequent, and the decoder treats all digits alike, so
    # every number after ?? shares one search (a page of prices after lost emoji took minutes).
    from textfix.repair.misaligned import WHOLE_OPTIONS, _whole_options
    assert len(_whole_options("100元")) == WHOLE_OPTIONS
    assert _whole_options("100元") == _whole_options("257万")
    assert "個" in _whole_options("週末") and "個" in _whole_options("人們")


def test_explain_tells_a_character_that_lost_both_bytes_from_a_re_paired_run():
    _, changes = textfix.fix_and_explain("這??週末我打算去海邊衝浪。", punctuation=False)
    assert [(c.rule, c.after) for c in changes] == [("misaligned", "個")]
    assert "lost both" in changes[0].plan
    _, changes = textfix.fix_and_explain(SEED_SITES[0][0], punctuation=False)
    assert "re-paired" in changes[0].plan
