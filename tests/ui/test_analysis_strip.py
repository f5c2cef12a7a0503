"""The analysis strip: chips from the analyzer's dict, red evidence, chip filters, checklists."""

from __future__ import annotations

from desktop_app.ui.phrases.analysis_strip import intensity_label, plain_tooltip
from tests.ui.ime import search_and_wait

COMPLAINT = "卡被冻结了，我要找你们领导"


def test_chips_show_what_the_analysis_found(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    chips = {(c.property("kind"), c.property("key")): c.text() for c in win.strip.chips()}
    assert chips[("emotion", "anger")] == "愤怒·高"
    assert chips[("flag", "escalation")] == "⚠ 要找领导"
    assert chips[("persona", "amiable")] == "温和型?"
    assert chips[("scenario", "t_card_blocked")] == "银行卡被冻结"
    step = win.strip.chip("stage", "empathize")
    assert step.property("suggested") is True


def test_evidence_is_marked_red_in_the_input(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    marked = sorted(win.query.marked_spans())
    assert [COMPLAINT[a:b] for a, b in marked] == ["冻结", "领导"]


def test_clicking_a_chip_filters_and_clicking_again_clears(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    with qtbot.waitSignal(win.resultsShown, timeout=3000):  # the filter re-asks the suggestion path
        win.strip.chip("persona", "amiable").click()
    assert win.current_filters()["persona"] == "amiable"
    assert all(h.doc.persona in ("amiable", "all") for h in win.results.results.hits())
    assert win.strip.chip("persona", "amiable").isChecked()
    win.strip.chip("persona", "amiable").click()
    assert win.current_filters()["persona"] is None


def test_a_stage_step_sets_the_stage_filter(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    with qtbot.waitSignal(win.resultsShown, timeout=3000):
        win.strip.chip("stage", "act").click()
    assert win.current_filters()["stage"] == "act"
    assert win.filter_bar.combos["stage"].currentText() == "办"
    hits = win.results.results.hits()
    assert hits and all(h.doc.stage == "act" for h in hits)


def test_a_scenario_chip_sets_the_scenario_filter(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    with qtbot.waitSignal(win.resultsShown, timeout=3000):
        win.strip.chip("scenario", "t_card_blocked").click()
    assert {h.doc.scenario for h in win.results.results.hits()} == {"t_card_blocked"}


def test_a_risk_flag_opens_its_checklist(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    qtbot.waitUntil(win.checklist.isVisible)  # read from the library off the GUI thread
    texts = win.checklist.texts()
    assert texts[0] == "客户要找领导"
    assert "• 先完整记录诉求" in texts and "• 领导不在" in texts and "• 客户第三次要求时请值班长接听" in texts
    win.checklist.dismiss()
    assert not win.checklist.isVisible()
    win.strip.chip("flag", "escalation").click()  # the chip brings it back
    qtbot.waitUntil(win.checklist.isVisible)


def test_no_analysis_no_chips(win, qtbot):
    search_and_wait(qtbot, win, COMPLAINT)
    win.query.clear()
    win.query.flush()
    assert win.strip.chips() == []
    assert win.query.marked_spans() == []
    assert not win.checklist.isVisible()


def test_intensity_labels():
    assert [intensity_label(v) for v in (0.0, 0.2, 0.5, 0.9, 1, 2, 3, None)] == ["", "低", "中", "高", "低", "中", "高", ""]


def test_tooltips_show_markup_literally():
    assert plain_tooltip("<b>x</b>") == "<qt>&lt;b&gt;x&lt;/b&gt;</qt>"
