"""The one suggestion path on the bundled library: reading + ranked phrases in one pass."""

from __future__ import annotations

import pytest

from desktop_app.core.analysis import Analysis, Analyzer
from desktop_app.core.analysis.recognize import ScenarioText
from desktop_app.core.suggest import Suggester, SuggestError, answered, asks_for
from desktop_app.core.vocab import INDUSTRIES




def test_one_pass_gives_a_typed_reading_and_ranked_phrases(suggester):
    answer = suggester.suggest("菜里吃出一根头发，你们后厨怎么搞的", industry="restaurant", limit=5)
    assert isinstance(answer.analysis, Analysis)
    assert len(answer.phrases) == 5
    scores = [p.score for p in answer.phrases]
    assert scores == sorted(scores, reverse=True)
    data = answer.as_json()
    assert set(data) == {"analysis", "checklists", "phrases"}
    assert data["checklists"] == []  # no urgent risk in hair in the food
    assert set(data["phrases"][0]) == {"id", "text", "scenario", "persona", "stage", "industry", "score", "why"}
    assert data["analysis"]["scenarios"][0]["key"] == "rest_food_safety"
    assert "菜品异物" in answer.phrases[0].why


@pytest.mark.parametrize("text, industry, key", [
    ("暖气一点都不热", "heating", "heat_low_temp"),
    ("吃出一根头发", "restaurant", "rest_food_safety"),
    ("快递到了一看是碎的", "ecommerce", "ecom_damaged"),
    ("退款什么时候能到账啊", "ecommerce", "ecom_return_refund"),
])
def test_scenarios_are_recognised_from_wording_the_triggers_do_not_spell(suggester, text, industry, key):
    keys = [s.key for s in suggester.read(text, industry).scenarios[:3]]
    assert key in keys


def test_a_generic_word_does_not_decide_the_scenario(suggester):
    # 经理 is a trigger of 坚持找领导, but hair in the food is what this customer is about.
    reading = suggester.read("吃出一根头发，叫你们经理过来", "restaurant")
    assert reading.scenarios[0].key == "rest_food_safety"


def test_acknowledge_first_an_apology_before_any_talk_of_a_manager(suggester):
    answer = suggester.suggest("吃出一根头发，叫你们经理过来", industry="restaurant", limit=3)
    first = answer.phrases[0]
    assert first.scenario == "rest_food_safety" and first.stage in ("empathize", "listen")
    assert "领导" not in first.text and "经理" not in first.text


@pytest.mark.parametrize("industry", [k for k in INDUSTRIES])
def test_an_industry_scoped_answer_is_never_empty(suggester, industry):
    for text in ("你好", "嗯", "这个事情怎么说呢", "asdf"):
        answer = suggester.suggest(text, industry=industry, limit=5)
        assert answer.phrases, (industry, text)
        assert all(p.industry in (industry, "general") for p in answer.phrases) or industry == "general"


def test_questions_already_answered_in_the_text_go_to_the_back():
    assert answered("订单号 2023110512345，昨天下午买的，付了199元") >= {"order", "date", "amount"}
    assert asks_for("方便告诉我订单号吗？") == {"order"}
    assert not answered("东西坏了")


def test_a_question_the_customer_answered_is_not_offered_first(suggester):
    text = "订单号2023110512345 昨天买的 到现在还没发货"
    answer = suggester.suggest(text, industry="ecommerce", limit=4)
    assert not any("订单号" in p.text and p.stage == "ask" for p in answer.phrases)


def test_unknown_keys_are_refused_in_plain_chinese(suggester):
    for kwargs in ({"industry": "bakery"}, {"channel": "fax"}, {"limit": 0}, {"persona": "x"}, {"stage": "y"}):
        with pytest.raises(SuggestError) as err:
            suggester.suggest("退款", **kwargs)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))


def test_trainers_own_quotes_make_recognition_better_for_their_centre():
    scenarios = [
        ScenarioText("net_login", "banking", (), ("网银登录失败",), "网银登录不了"),
        ScenarioText("card_lost", "banking", (), ("卡丢了", "挂失"), "银行卡挂失"),
        ScenarioText("phone_bill", "banking", (), ("手机银行扣费",), "手机上的扣费"),
    ]
    text = "手机上那个app一直进不去 转圈圈"
    before = Analyzer(scenarios).read(text)
    assert before.scenarios[0].key == "phone_bill"  # 手机上 is all the triggers and names share with it
    quotes = ("app打不开一直转圈", "手机银行进不去了", "登进去就闪退", "app老是卡在启动页")
    trained = [ScenarioText(s.key, s.industry, quotes if s.key == "net_login" else (), s.triggers, s.name)
               for s in scenarios]
    after = Analyzer(trained).read(text)
    assert after.scenarios[0].key == "net_login"
    assert after.scenarios[0].score > dict((g.key, g.score) for g in before.scenarios).get("net_login", 0)


def test_examples_in_a_playbook_reach_the_recognition(library, sample_dir):
    (sample_dir / "centre.yaml").write_text(
        "format: 1\nindustry: banking\nscenarios:\n"
        "  - key: c_login\n    name: 手机银行登录不了\n    description: 客户登不上手机银行。\n    triggers: [网银登录失败]\n"
        "    examples: [app打不开一直转圈, 手机银行进不去了, 登进去就闪退, app老是卡在启动页]\n"
        "    phrases:\n      empathize: [登录不上确实着急，我来帮您看看。]\n", encoding="utf-8")
    library.import_paths(sample_dir)
    info = {s.key: s for s in library.scenarios()}["c_login"]
    assert "手机银行进不去了" in info.examples
    reading = Suggester(library).read("手机上那个app一直进不去 转圈圈", "banking")
    assert reading.scenarios[0].key == "c_login"


@pytest.mark.parametrize("text, trade", [
    ("房间隔音太差，前台还爱答不理", "hotel"),
    ("外卖送了两个小时，骑手还不接电话", "restaurant"),
    ("信用卡莫名其妙被降额了", "banking"),
    ("卖家发错货了，快递也慢", "ecommerce"),
])
def test_trade_words_bring_that_industry_first_without_a_filter(suggester, text, trade):
    reading = suggester.read(text)
    first_specific = next(g for g in reading.scenarios if g.industry != "general")
    assert first_specific.industry == trade
    answer = suggester.suggest(text, limit=5)
    assert any(p.industry == trade for p in answer.phrases)


def test_industry_boost_is_a_share_of_the_trade_cues():
    from desktop_app.core.analysis.analyzer import INDUSTRY_BOOST, industry_boost
    from desktop_app.core.analysis.tally import Tally

    tally = Tally()
    assert industry_boost(tally) == {}
    tally.scores[("industry", "hotel")] = 3.0
    tally.scores[("industry", "banking")] = 1.0
    boost = industry_boost(tally)
    assert boost["hotel"] == pytest.approx(1 + INDUSTRY_BOOST * 0.75)
    assert boost["banking"] == pytest.approx(1 + INDUSTRY_BOOST * 0.25)


def test_without_an_industry_the_runner_up_trade_is_shown_too(suggester):
    # 太慢了 alone could be the delivery or the bank: both readings reach the first five.
    reading = suggester.read("等了好久，太慢了")
    trades = []
    for g in reading.scenarios:
        if g.industry != "general" and g.industry not in trades:
            trades.append(g.industry)
    assert len(trades) >= 2
    shown = {p.industry for p in suggester.suggest("等了好久，太慢了", limit=5).phrases}
    assert set(trades[:2]) <= shown
    # With the agent's industry set there is nothing to hedge.
    scoped = suggester.suggest("等了好久，太慢了", industry="banking", limit=5).phrases
    assert {p.industry for p in scoped} <= {"banking", "general"}


@pytest.mark.parametrize("text, industry, flag, key", [
    ("客服让我把钱转到安全账户，我该转吗", "banking", "fraud", "bank_fraud_stop_payment"),
    ("我家暖气片爆管了，水漫一地", None, "emergency", "heat_burst_flood"),
    ("电梯困住了，里面有老人", None, "emergency", "prop_lift_trapped"),
    ("我真的不想活了", None, "danger", "hard_self_harm"),
])
def test_urgent_risks_outrank_everything(suggester, text, industry, flag, key):
    answer = suggester.suggest(text, industry=industry, limit=5)
    assert answer.checklists and answer.checklists[0].flag == flag
    assert answer.checklists[0].do  # the checklist has steps
    assert answer.phrases[0].scenario == key
    assert answer.phrases[0].why.startswith("安全优先")
    assert answer.as_json()["checklists"][0]["flag"] == flag


@pytest.mark.parametrize("letters, word", [("dq", "道歉"), ("daoqian", "道歉"), ("jingli", "经理")])
def test_pinyin_finds_the_words_agents_look_for_in_the_bundled_library(suggester, letters, word):
    hits = suggester.index.search(letters, limit=5)
    assert word in hits[0].doc.text


def test_empty_text_gets_the_industrys_openers(suggester):
    answer = suggester.suggest("   ", industry="banking", limit=6)
    assert answer.analysis.emotion == "neutral" and not answer.checklists
    assert answer.phrases and all(p.stage in ("listen", "empathize") for p in answer.phrases)
    assert answer.phrases[0].industry == "banking"
    assert len({p.scenario for p in answer.phrases}) == len(answer.phrases)
    assert [h.doc.uid for h in answer.hits] == [p.id for p in answer.phrases]


def test_a_scenario_filter_keeps_that_scenario_and_an_unknown_one_is_refused(suggester):
    answer = suggester.suggest("吃出一根头发", industry="restaurant", scenario="rest_food_safety", limit=5)
    assert answer.phrases and {p.scenario for p in answer.phrases} == {"rest_food_safety"}
    with pytest.raises(SuggestError, match="未知的场景"):
        suggester.suggest("吃出一根头发", scenario="no_such_scenario")


def test_a_phone_number_is_not_a_hotline(suggester):
    # 13912345678 holds 12345; a customer leaving a number is not threatening the 12345 hotline.
    answer = suggester.suggest("我的电话是13912345678，您回我", limit=3)
    assert all(g.key != "hard_regulator" for g in answer.analysis.scenarios)
    assert all(not any(ch.isdigit() for ch in cue) for g in answer.analysis.scenarios for cue in g.cues)


def test_cues_are_words_of_the_text_not_character_pairs():
    from desktop_app.core.analysis.recognize import cue_words

    assert cue_words("柜员机把我拒了", ["柜员", "员机", "拒了"]) == ("柜员机", "拒了")


def test_a_hard_situation_brings_its_scenario_right_after_the_complaints_own(suggester):
    answer = suggester.suggest("你们这什么破银行，我要投诉到银保监会！", industry="banking", limit=5)
    scenarios = [p.scenario for p in answer.phrases]
    assert "regulator" in answer.analysis.flags and "hard_regulator" in scenarios[:3]
    food = suggester.suggest("菜里吃出头发，叫你们经理过来", limit=5)
    assert food.phrases[0].scenario == "rest_food_safety"  # the apology before any talk of a manager
    assert "hard_supervisor" in [p.scenario for p in food.phrases[:3]]
