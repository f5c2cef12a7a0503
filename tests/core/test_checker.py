"""The draft checker: what it must catch, what it must leave alone, and that it stays fast."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.checker import rule_book
from desktop_app.core.checker.draft_check import UnknownIndustry, check, load_rules
from desktop_app.core.vocab import FORBIDDEN_CATEGORIES



def found(text, source=None, industry=None):
    return [(i.text, i.kind) for i in check(text, source, industry)]


# ---------------------------------------------------------------- true positives


@pytest.mark.parametrize("text, hit, kind", [
    ("对不起，但是您也没有按时还款。", "对不起，但是您也", "blame"),
    ("很抱歉给您带来不便，不过这是您自己操作的问题。", "抱歉给您带来不便，不过这是您", "blame"),
    ("不好意思，可您当时应该先看说明。", "不好意思，可您当时应该先", "blame"),
    ("我保证给您处理好。", "保证", "overpromise"),
    ("这种事绝对不会再发生了。", "绝对", "overpromise"),
    ("放心，我一定帮您办好！", "一定", "overpromise"),
    ("百分之百没问题。", "百分之百", "overpromise"),
    ("这不归我们管，你去找物业。", "这不归我们管", "shirking"),
    ("这件事跟我们没关系。", "跟我们没关系", "shirking"),
    ("规定就是这样，我也改不了。", "规定就是这样", "rigid"),
    ("这都不懂吗？", "这都不懂", "sarcasm"),
    ("有本事你去告啊。", "有本事你去告", "sarcasm"),
    ("这不就几块钱吗？", "不就几块钱吗", "sarcasm"),
    ("谁让您不看短信。", "谁让您", "blame"),
    ("我不是说过了吗？", "我不是说过了吗", "impatience"),
    ("谢谢谢谢谢谢您！", "谢谢谢谢谢谢", "perfunctory"),
    ("谢谢您，谢谢，真的太谢谢了", "谢谢您，谢谢，真的太谢谢", "perfunctory"),
    ("对不起行了吧。", "对不起行了吧", "perfunctory"),
    ("我们已经提交工单流转了。", "工单流转", "jargon"),
    ("这款理财保本，收益有保障。", "保本", "compliance"),
    ("稳赚不赔，零风险。", "稳赚不赔", "compliance"),
    ("您的身份证号11010519491231002X已登记。", "11010519491231002X", "privacy"),
    ("卡号 6222 0212 3456 7890 已冻结。", "6222 0212 3456 7890", "privacy"),
])
def test_must_avoid_patterns_are_caught(text, hit, kind):
    assert (hit, kind) in found(text), found(text)


def test_each_issue_has_span_reason_and_suggestion():
    text = "您好。这不归我们管。"
    (issue,) = check(text)
    assert (issue.start, issue.end) == (3, 9) and text[issue.start : issue.end] == issue.text
    assert issue.reason and issue.suggestion and issue.label == FORBIDDEN_CATEGORIES["shirking"]
    assert set(issue.as_json()) == {"start", "end", "text", "kind", "label", "rule", "reason", "suggestion"}


def test_traditional_and_full_width_drafts_are_caught_with_spans_into_the_original():
    text = "您好，對不起，但是您也沒有按時還款。這不歸我們管。卡號６２２２０２１２３４５６７８９０"
    issues = check(text, industry="banking")
    assert [i.kind for i in issues] == ["blame", "shirking", "privacy"]
    for issue in issues:
        assert text[issue.start : issue.end] == issue.text
    assert issues[0].text == "對不起，但是您也" and issues[2].text == "６２２２０２１２３４５６７８９０"


def test_spans_stay_aligned_when_lower_casing_would_change_the_length():
    text = "İİ这不归我们管"  # "İ".lower() is two characters
    assert [(i.start, i.text) for i in check(text)] == [(2, "这不归我们管")]


# ---------------------------------------------------------------- false positives


@pytest.mark.parametrize("text", [
    # A correct, sincere apology with a concrete time.
    "王女士，谢谢您把情况告诉我们。钱迟迟不到账确实让人着急，给您添麻烦了，真的很抱歉。"
    "我已经提交了加急申请，今天下午五点前给您回电告知进度。再次谢谢您的耐心。",
    "我保证两个工作日内给您答复。",
    "今天下班前，我一定给您回电话。",
    "我们会在3个工作日内处理完毕，这一点我可以保证。",
    "我不能保证一定能追回，但我会尽力帮您争取。",
    "这个结果我不敢百分之百保证，我先帮您查。",
    "退款时间不一定，一般是一到三个工作日。",
    "这款产品不保本，过往收益不代表未来。",
    "理财并不是没有风险的，请您看清风险等级。",
    "这是非保本浮动收益产品。",
    "办理时需要缴纳保证金，您一定要带身份证原件。",
    "在一定程度上会影响到账时间。",
    "很抱歉，但是您放心，钱不会丢。",
    "对不起，不过您也可以先在手机银行上查询进度。",
    "谢谢您的耐心。稍后我会把进度发给您，再次感谢。",
    "尾号 1234 的银行卡已经恢复使用。",
    "请拨打 13800138000 联系我们。",
])
def test_good_replies_are_not_flagged(text):
    assert check(text, industry="banking") == []


def test_non_banking_long_numbers_need_a_card_check_digit():
    order = "您的订单 202311230001234567 已发货。"  # 18 digits, fails the Luhn check
    card = "卡号 6222021234567890 已冻结。"
    assert check(order, industry="ecommerce") == []
    assert found(order, industry="banking") == [("202311230001234567", "privacy")]
    luhn_ok = "4111111111111111"
    assert found(f"卡号{luhn_ok}", industry="ecommerce") == [(luhn_ok, "privacy")]
    assert found(card, industry="banking") == [("6222021234567890", "privacy")]


def test_banking_rules_follow_the_industry():
    text = "这个产品保本，无风险。"
    assert {k for _t, k in found(text, industry="banking")} == {"compliance"}
    assert {k for _t, k in found(text)} == {"compliance"}  # no industry: every rule, the safe side
    assert found(text, industry="heating") == []
    with pytest.raises(UnknownIndustry):
        check(text, industry="spaceship")


def test_two_thanks_are_sincere_three_in_a_row_are_not():
    assert check("谢谢您，谢谢。") == []
    assert check("谢谢，谢谢，谢谢。") != []


def test_an_id_number_is_reported_once_not_also_as_a_card():
    assert found("11010519491231002x", industry="banking") == [("11010519491231002x", "privacy")]
    assert check("11010519491231002x", industry="banking")[0].rule == "full_id_number"


# ---------------------------------------------------------------- the library's 禁语


def test_library_forbidden_phrases_with_their_own_reason_and_better(tlib):
    issues = check("这事不归我们管。", tlib)
    assert [(i.text, i.rule) for i in issues] == [("不归我们管", "forbidden")]
    assert issues[0].reason == "测试用：把客户往外推。" and issues[0].suggestion == "测试用：我来帮您对接。"


def test_the_library_wins_over_a_built_in_rule_on_the_same_words(tlib):
    issues = check("这不归我们管", tlib)
    assert len(issues) == 1 and issues[0].rule == "forbidden"


def test_a_negated_library_promise_is_honest(tlib):
    assert ("保证退款", "overpromise") in found("我们保证退款", tlib)
    assert found("我们无法保证退款，但会帮您申请。", tlib) == []


def test_a_library_promise_with_a_concrete_time_is_the_safe_kind(tlib):
    # lexicons.yaml makes overpromise 禁语 time-aware, like the built-in promise rule.
    assert found("我们保证今天下午五点前退款。", tlib) == []


def test_rules_built_once_are_reused(tlib):
    rules = load_rules(tlib)
    assert [i.rule for i in check("这不归我们管", rules)] == ["forbidden"]


# ---------------------------------------------------------------- robustness and speed


ALPHABET = list("对不起但是您也保证一定今天下午五点前两个工作日内谢感这不归我们管你去找稳赚无风险0123456789 ，。！？X") + ["\n"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80) | st.text(max_size=80))
def test_any_text_checks_without_error_and_every_span_is_the_text(text):
    for issue in check(text):
        assert 0 <= issue.start < issue.end <= len(text)
        assert text[issue.start : issue.end] == issue.text
        assert issue.kind in FORBIDDEN_CATEGORIES


def test_a_megabyte_draft_is_checked_quickly():
    chunk = "您好，对不起，但是您也没按时还款。我保证处理好，谢谢谢谢谢谢！卡号6222021234567890。這不歸我們管。" * 1
    text = (chunk + "今天下午五点前给您回电，" * 20) * (1_000_000 // (len(chunk) + 240))
    assert len(text) > 900_000
    start = time.perf_counter()
    issues = check(text, industry="banking")
    elapsed = time.perf_counter() - start
    assert len(issues) > 1000
    assert elapsed < 5, elapsed  # typically well under one second


def test_half_a_character_does_not_stop_the_checker():
    text = "\ud800这不归我们管\udfff"
    assert [(i.start, i.text) for i in check(text)] == [(1, "这不归我们管")]


def test_empty_text_has_no_issues():
    assert check("") == []


# ---------------------------------------------------------------- the rules files


def test_the_shipped_rules_load_without_problems():
    rules = rule_book.builtin_rules()
    assert rules.problems == ()
    assert {r.advice.category for r in rules.rules} >= {"blame", "overpromise", "shirking", "jargon", "sarcasm",
                                                      "perfunctory", "compliance", "privacy"}


def test_problems_in_a_rules_file_are_named_and_the_rest_still_works():
    docs = [("bad.yaml", {"rules": [
        {"id": "ok", "category": "sarcasm", "words": ["至于吗"], "reason": "r", "suggestion": "s"},
        {"id": "no_category", "category": "rude", "words": ["x"], "reason": "r", "suggestion": "s"},
        {"id": "bad_regex", "category": "sarcasm", "patterns": ["(unclosed"], "reason": "r", "suggestion": "s"},
        {"id": "matches_nothing_everywhere", "category": "sarcasm", "patterns": ["a*"], "reason": "r",
         "suggestion": "s"},
        {"id": "ok", "category": "sarcasm", "words": ["y"], "reason": "r", "suggestion": "s"},
        {"id": "no_words", "category": "sarcasm", "reason": "r", "suggestion": "s", "colour": "red"},
    ]})]
    rules = rule_book.build_rules(docs)
    assert [r.id for r in rules.rules] == ["ok"]
    text = "\n".join(rules.problems)
    for rid in ("no_category", "bad_regex", "matches_nothing_everywhere", "no_words"):
        assert f"bad.yaml: 规则「{rid}」" in text, text
    assert "规则「ok」重复" in text and "colour" in text
    assert [i.text for i in check("这至于吗", rules)] == ["至于吗"]


def test_a_missing_rules_folder_is_reported_not_fatal(tmp_path):
    rules = rule_book.builtin_rules(tmp_path / "nowhere")
    assert rules.rules == () and rules.problems
    assert check("这不归我们管", rules) == []
