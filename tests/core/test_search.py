"""Search: complete substring recall, synonyms, pinyin, Traditional, long pastes, fallbacks, ranking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import textnorm
from desktop_app.core.library.facade import UnknownKey
from desktop_app.core.search.index import Doc, Filters, SearchIndex

POOL = "您好抱歉道歉退款经理主管我们马上处理核实卡冻结年费，。！？的了在是"


def make_index(texts: list[str]) -> SearchIndex:
    docs = [Doc(f"u{i}", t, "s", "场景", "general", "listen", "all", position=i) for i, t in enumerate(texts)]
    return SearchIndex(docs, syllables=frozenset())


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet=POOL, min_size=2, max_size=30), min_size=1, max_size=60),
    data=st.data(),
)
def test_every_phrase_containing_the_query_is_found(texts, data):
    index = make_index(texts)
    source = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(source) - 2))
    length = data.draw(st.integers(2, min(8, len(source) - start)))
    query = source[start : start + length]
    if not query.strip():
        return
    found = {h.doc.uid for h in index.search(query, limit=None) if h.match in ("exact", "literal")}
    expected = {f"u{i}" for i, t in enumerate(texts) if query.strip() in t}
    assert found == expected


def test_two_character_words_find_every_phrase_containing_them(library):
    hits = library.search("答复", limit=None)
    literal = {h.doc.text for h in hits if h.match == "literal"}
    assert literal == {"我现在帮您查询冻结原因，【答复时限】内给您答复。", "我马上查，【答复时限】内答复您。"}
    assert all(h.spans for h in hits if h.match == "literal")


def test_exact_match_comes_first(library):
    library.add_personal("十分钟内给您答复", stage="act")
    hits = library.search("十分钟内给您答复")
    assert hits[0].match == "exact" and hits[0].doc.text == "十分钟内给您答复"


def test_synonyms_agents_expect(library):
    hits = library.search("领导")
    texts = [h.doc.text for h in hits]
    assert "我现在把您的诉求报给值班经理，请他在【回电时限】内联系您。" in texts
    assert "我理解您希望主管出面，先请您把情况告诉我，我完整记录下来。" in texts
    assert hits[0].doc.scenario == "t_supervisor"


def test_pinyin_full_and_initials(library):
    for query in ("dongjie", "dj", "dongj", "DongJie"):
        hits = library.search(query)
        assert hits, query
        assert "冻结" in hits[0].doc.text, (query, hits[0].doc.text)
        start, end = hits[0].spans[0]
        assert hits[0].doc.text[start:end] == "冻结"


def test_traditional_and_full_width_input(library):
    assert library.search("凍結")[0].doc.text.count("冻结")
    assert library.search("經理")[0].doc.text.count("经理")
    index = make_index(["请插入ATM卡后再试一次。"])
    assert index.search("ＡＴＭ卡")[0].doc.text == "请插入ATM卡后再试一次。"
    assert textnorm.fold("退款沒到賬ＡＢ") == "退款没到账ab"


def test_a_long_pasted_complaint_finds_the_topic(library):
    paste = ("我跟你说，我上个月十五号就申请了，到现在钱还是没有回来，你们客服每次都说在处理在处理，"
             "我打了三次电话了，每次都让我等，我等到什么时候？订单里写着已经同意退款，可我的银行卡里一分都没看到。"
             "你们到底有没有人管这个事情？") * 2
    hits = library.search(paste, limit=5)
    assert hits and all(h.doc.scenario == "t_refund" for h in hits[:3]), [h.doc.text for h in hits]


def test_trigger_words_point_to_their_scenario(library):
    hits = library.search("叫经理来", limit=5)
    assert any(h.doc.scenario == "t_supervisor" for h in hits[:3])
    hits = library.search("锁卡", limit=5)  # no phrase contains it; the scenario does
    assert hits and hits[0].doc.scenario == "t_card_blocked" and hits[0].match == "scenario"


def test_falls_back_to_most_used_phrases(library):
    assert library.search("zzqqxx") == []  # nothing relevant, nothing used yet
    uid = library.search("短信通知", limit=1)[0].doc.uid
    library.record_use(uid)
    hits = library.search("zzqqxx")
    assert [h.doc.uid for h in hits] == [uid] and hits[0].match == "popular"


def test_usage_and_favourites_raise_a_phrase(library):
    before = [h.doc.uid for h in library.search("您")]
    last = before[-1]
    library.set_favourite(last)
    for _ in range(5):
        library.record_use(last)
    assert library.search("您")[0].doc.uid == last


def test_filters_narrow_the_results(library):
    assert {h.doc.stage for h in library.search("您", stage="act", limit=None)} == {"act"}
    driver = library.search("您", persona="driver", limit=None)
    assert driver and {h.doc.persona for h in driver} <= {"driver", "all"}
    assert driver[0].doc.persona == "driver"
    assert {h.doc.industry for h in library.search("您", industry="ecommerce", limit=None)} <= {"ecommerce", "general"}
    assert {h.doc.scenario for h in library.search("", scenario="t_refund", limit=None)} == {"t_refund"}


def test_unknown_filter_keys_are_errors_not_empty_results(library):
    for kwargs in ({"persona": "boss"}, {"stage": "smile"}, {"industry": "moon"}, {"scenario": "nope"}):
        with pytest.raises(UnknownKey):
            library.search("您", **kwargs)


def test_huge_and_odd_input_does_not_fail(library):
    assert isinstance(library.search("退款" * 500_000, limit=5), list)
    assert isinstance(library.search("\x00\ufffd\U0001f621!!", limit=5), list)
    assert library.search("   ") == library.search("")


def test_personal_phrase_edit_and_delete_update_the_index(library):
    uid = library.add_personal("我的专属开场白：您好，请讲。", stage="listen", persona="amiable")
    assert library.search("专属开场白")[0].doc.uid == uid
    library.update_personal(uid, "我的专属结束语：谢谢您。", stage="thank")
    assert library.search("专属开场白") == [] or library.search("专属开场白")[0].match != "literal"
    assert library.search("专属结束语")[0].doc.stage == "thank"
    library.delete_personal(uid)
    assert all(h.doc.uid != uid for h in library.search("专属", limit=None))


def test_filters_object_accepts_all_persona_phrases():
    doc = Doc("u", "您好", None, "", "general", "listen", "all")
    assert Filters(persona="driver").accepts(doc)
    assert not Filters(persona="driver").accepts(Doc("v", "您好", None, "", "general", "listen", "amiable"))


def _derived_index(texts: list[str], triggers: tuple[str, ...] = ()) -> SearchIndex:
    from desktop_app.core.search import terms

    docs = []
    for i, text in enumerate(texts):
        full, initials, words = terms.derive(text)
        docs.append(Doc(f"u{i}", text, "s", "场景", "general", "listen", "all", position=i,
                        py_full=full, py_initials=initials, words=words))

    class Scenario:
        key, name, industry, description = "s", "场景", "general", ""

    Scenario.triggers = list(triggers)
    return SearchIndex(docs, scenarios=[Scenario()] if triggers else ())


def test_pinyin_ranks_whole_words_above_character_pairs():
    # 调取 and 点前 share the initials dq with 道歉, but only 道歉 is a word said all over the library.
    index = _derived_index(["我这就调取记录。", "下午五点前回复您。", "给您添麻烦了，向您道歉。",
                            "真的很抱歉，我向您道歉。", "这件事我们道歉在先。"])
    hits = index.search("dq", limit=5)
    assert "道歉" in hits[0].doc.text and "道歉" in hits[2].doc.text
    start, end = hits[0].spans[0]
    assert hits[0].doc.text[start:end] == "道歉"


def test_pinyin_prefers_the_word_the_trainers_named():
    texts = ["让您白白搭进去时间和精力。", "您说的经历我都记下了。", "您的这段经历我很理解。",
             "我请值班经理来和您谈。"]
    hits = _derived_index(texts, triggers=("找经理",)).search("jingli", limit=4)
    assert "经理" in hits[0].doc.text
    assert "精力" not in hits[0].doc.text and "精力" not in hits[1].doc.text
    # Without a trigger the library's most frequent word (经历, said twice) leads.
    plain = _derived_index(texts).search("jingli", limit=4)
    assert "经历" in plain[0].doc.text and "经历" in plain[1].doc.text
