"""谢/道歉 templates: literal rendering, visible markers, search, the agent's details, the composer."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.templates import placeholders

from desktop_app.core.templates import fill
from desktop_app.core.checker.draft_check import check
from desktop_app.core.playbooks.reader import PlaybookError, load_file
from desktop_app.core.templates.fill import marker, render
from desktop_app.core.vocab import PERSONAS



# ---------------------------------------------------------------- rendering


def test_values_defaults_and_markers():
    out = render("{称呼}，{问题}请{时限}内处理，工号{工号}。", {"称呼": "王女士"}, {"问题": "退款"})
    # No standard deadline: a promise of time is the agent's to make, so a missing one shows.
    assert out.text == "王女士，退款请【时限】内处理，工号【工号】。"
    assert out.missing == ("时限", "工号")


def test_a_blank_value_falls_back_to_the_default_and_a_blank_default_to_the_marker():
    assert render("{称呼}", {"称呼": "  "}).text == fill.standard_defaults()["称呼"]
    assert render("{补偿}", {}, {"补偿": ""}).text == marker("补偿")


def test_values_are_inserted_literally_and_never_expanded_again():
    out = render("{称呼}|{问题}", {"称呼": "{问题}", "问题": "{{x}} {0[0]} {a.__class__}"})
    assert out.text == "{问题}|{{x}} {0[0]} {a.__class__}"
    assert out.missing == ()


@pytest.mark.parametrize("text", ["{x.__class__}", "{0[0]}", "{a:>9}", "{称呼!r}", "{", "}", "{}", "{ 称呼 }"])
def test_injection_attempts_are_copied_as_written_never_evaluated(text):
    out = render(f"前{text}后", {"x": "X", "a": "A", "称呼": "C"})
    assert out.text == f"前{text}后"
    assert "<class" not in out.text


def test_literal_braces():
    assert render("{{称呼}} = {称呼}", {"称呼": "您"}).text == "{称呼} = 您"


@pytest.mark.parametrize("bad", ["{x.__class__}", "{0[0]}", "{a:>9}"])
def test_a_playbook_with_attribute_index_or_format_access_is_rejected_with_file_and_line(tmp_path, bad):
    path = tmp_path / "evil.yaml"
    path.write_text(textwrap.dedent(f"""\
        format: 1
        templates:
          - key: evil
            kind: thank
            channel: chat
            title: 坏模板
            text: "谢谢您{bad}"
        """), encoding="utf-8")
    with pytest.raises(PlaybookError) as err:
        load_file(path)
    assert any(str(p).startswith("evil.yaml:7: templates[0].text:") and bad in str(p) for p in err.value.problems)


NAMES = st.sampled_from(["称呼", "问题", "时限", "补偿", "工号", "客服姓名", "公司", "自定义", "x"])
LITERAL = st.text(alphabet=st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)), max_size=20)
SEGMENT = st.one_of(LITERAL.map(lambda t: ("lit", t)), NAMES.map(lambda n: ("ph", n)),
                    st.just(("lit2", "{{")), st.just(("lit2", "}}")))
VALUES = st.dictionaries(NAMES, st.text(max_size=15))


@settings(max_examples=300, deadline=None)
@given(st.lists(SEGMENT, max_size=12), VALUES)
def test_rendering_is_literal_substitution(segments, values):
    # The expected output is built without the renderer: literal text, each value as written.
    defaults = fill.standard_defaults()
    template, expected, missing = "", "", []
    for kind, part in segments:
        if kind == "lit":
            template += part
            expected += part
        elif kind == "lit2":
            template += part
            expected += part[0]
        else:
            template += "{" + part + "}"
            value = values.get(part) if str(values.get(part) or "").strip() else defaults.get(part)
            if value is None:
                value = marker(part)
                if part not in missing:
                    missing.append(part)
            expected += value
    out = render(template, values)
    assert out.text == expected
    assert list(out.missing) == missing


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.dictionaries(st.text(max_size=8), st.text(max_size=8)))
def test_rendering_any_text_never_raises_and_keeps_brace_free_text(text, values):
    out = render(text, values)
    assert isinstance(out.text, str)
    if "{" not in text and "}" not in text:
        assert out.text == text


# ---------------------------------------------------------------- templates from the library


def test_library_templates_and_their_form(tlib):
    docs = fill.load_templates(tlib)
    doc = next(d for d in docs if d.key == "t_thank_phone")
    fields = fill.form_fields(doc)
    assert [f.name for f in fields] == ["称呼", "问题", "工号", "客服姓名", "时限"]
    assert {f.name for f in fields if f.remembered} == {"工号", "客服姓名"}
    assert next(f for f in fields if f.name == "时限").default == "今天下班前"  # the template's own default
    assert next(f for f in fields if f.name == "工号").default is None
    assert doc.render({"工号": "1024", "客服姓名": "小林"}).text.endswith("我是1024号客服小林，今天下班前给您回电。")


def test_choose_by_kind_channel_and_persona(tlib):
    docs = fill.load_templates(tlib)
    assert [d.key for d in fill.choose(docs, kind="apology")] == ["t_apology_chat"]
    assert [d.key for d in fill.choose(docs, kind="apology", persona="driver")] == []
    assert [d.key for d in fill.choose(docs, persona="amiable", channel="chat")] == ["t_apology_chat"]
    assert [d.key for d in fill.choose(docs)][:1] == ["t_thank_phone"]  # kinds in the taught order


@pytest.mark.parametrize("query, first, keys", [
    ("谢", "t_thank_phone", {"t_thank_phone"}),
    ("謝謝", "t_thank_phone", {"t_thank_phone"}),  # Traditional
    ("道歉", None, {"t_apology_chat", "t_letter"}),
    ("回访", "t_followup", {"t_followup"}),
    ("致歉信", "t_letter", {"t_letter", "t_apology_chat"}),  # the title match ranks the letter first
    ("下班前", None, set()),  # not in a title or text of the fixture: the default lives in placeholders
])
def test_find_templates_for_the_main_search(tlib, query, first, keys):
    found = fill.find_templates(tlib, query, limit=10)
    assert {d.key for d in found} == keys
    if first:
        assert found[0].key == first


def test_find_templates_ignores_empty_and_single_common_characters(tlib):
    assert fill.find_templates(tlib, "") == []
    assert fill.find_templates(tlib, "   ") == []
    assert fill.find_templates(tlib, "您") == []
    assert len(fill.find_templates(tlib, "道歉", limit=1)) == 1
    assert fill.find_templates(tlib, "道歉\ud800") != []  # half a character from a paste: no error


def test_the_agents_name_and_staff_number_are_remembered(tlib):
    assert fill.remembered_values(tlib) == {}
    fill.remember(tlib, {"工号": " 1024 ", "客服姓名": "小林", "称呼": "王女士"})
    assert fill.remembered_values(tlib) == {"工号": "1024", "客服姓名": "小林"}  # not the customer's
    fill.remember(tlib, {"客服姓名": ""})
    assert fill.remembered_values(tlib) == {"工号": "1024"}


# ---------------------------------------------------------------- the composer


@pytest.mark.parametrize("severity", list(fill.SEVERITIES))
@pytest.mark.parametrize("persona", [None, *PERSONAS])
def test_the_composer_follows_the_taught_order_and_passes_the_checker(severity, persona):
    parts = fill.compose_parts(severity, persona)
    assert [p for p, _t in parts] == list(fill.COMPOSER_PARTS)
    assert "{时限}" in dict(parts)["remedy"]  # a remedy always comes with a time
    doc = fill.compose(severity, persona)
    text = doc.render({"称呼": "王女士", "问题": "退款延迟", "工号": "1024"}).text
    # The parts appear in order in the rendered reply.
    positions = [text.index(fill.render(t, {"称呼": "王女士", "问题": "退款延迟", "工号": "1024"}).text)
                 for _p, t in parts]
    assert positions == sorted(positions)
    assert "时限" not in fill.standard_defaults() and "【时限】" in text
    assert check(text) == [], check(text)
    # Regret for the experience, no admission of fault beyond the facts.
    assert not re.search(r"我们的错|全部责任|责任在我们|我们全责", text)


def test_light_and_serious_differ():
    assert fill.compose("light").text != fill.compose("serious").text
    with pytest.raises(ValueError):
        fill.compose("catastrophic")


def test_composer_parts_come_from_data(tmp_path, monkeypatch):
    path = tmp_path / "composer.yaml"
    path.write_text(textwrap.dedent("""\
        defaults: {称呼: 张先生}
        composer:
          light:
            thank: ["甲{称呼}。"]
            empathize: [乙。]
            apologize: [丙。, {text: 丙丙。, persona: driver}]
            remedy: ["丁{时限}。", "坏{x.y}"]
            thank_again: [戊。]
        """), encoding="utf-8")
    monkeypatch.setattr(fill, "composer_path", lambda: path)
    assert fill.compose("light").render().text == "甲张先生。乙。丙。丁【时限】。戊。"
    assert fill.compose("light", "driver").render().text == "甲张先生。乙。丙丙。丁【时限】。戊。"
    assert fill.compose("serious").text == ""


def test_shipped_composer_data_is_well_formed():
    for severity in fill.SEVERITIES:
        for _part, text in fill.compose_parts(severity):
            assert placeholders.find(text)[1] == []
            assert "<" not in text
