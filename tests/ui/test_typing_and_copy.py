"""Typing (through an input method), the answers, and copying them with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.core.vocab import ALL_PERSONAS
from tests.ui.ime import commit, preedit, search_and_wait, type_pinyin


def test_committed_text_updates_the_answers(win, qtbot):
    hits = search_and_wait(qtbot, win, "冻结")
    assert hits, "no answers for 冻结"
    assert hits[0].doc.scenario == "t_card_blocked"
    assert "冻结" in win.results.results.data(win.results.results.index(0))


def test_an_open_composition_does_not_search(win, qtbot):
    searched = []
    win.resultsShown.connect(lambda q, n: searched.append(q))
    try:
        preedit(win.query, "dongj")
        qtbot.wait(400)  # well past the debounce
        assert searched == []
        assert win.query.composing
        type_pinyin(win.query, "dongjie", "冻结")
        qtbot.waitUntil(lambda: "冻结" in searched, timeout=2000)
        assert set(searched) == {"冻结"}, "only committed text is searched"
    finally:
        win.resultsShown.disconnect()


def test_search_during_a_new_composition_uses_the_committed_text(win, qtbot):
    commit(win.query, "退款")
    preedit(win.query, "jing")  # the agent is already spelling the next word
    with qtbot.waitSignal(win.resultsShown, timeout=2000) as blocker:
        pass
    assert blocker.args[0] == "退款"


def test_enter_during_composition_belongs_to_the_ime(win, qtbot):
    search_and_wait(qtbot, win, "冻结")
    copied = []
    win.copied.connect(copied.append)
    try:
        preedit(win.query, "tuik")
        qtbot.keyClick(win.query, Qt.Key.Key_Return)
        assert copied == []
        assert QGuiApplication.clipboard().text() == ""
    finally:
        win.copied.disconnect()
        commit(win.query, "")


def test_enter_copies_the_selected_answer_and_counts_it(win, qtbot, ui_library):
    hits = search_and_wait(qtbot, win, "冻结")
    qtbot.keyClick(win.query, Qt.Key.Key_Down)
    assert win.results.current_row() == 1
    before = ui_library.stats(hits[1].doc.uid)[0]
    qtbot.keyClick(win.query, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == hits[1].doc.text
    qtbot.waitUntil(lambda: ui_library.stats(hits[1].doc.uid)[0] == before + 1)  # written off the GUI thread
    assert win.toast.isVisible() and win.toast.text() == "已复制"
    assert win.query.toPlainText() == "冻结", "copying must leave the input alone"


def test_up_down_move_the_selection_not_the_cursor(win, qtbot):
    search_and_wait(qtbot, win, "冻结")
    qtbot.keyClick(win.query, Qt.Key.Key_Down)
    qtbot.keyClick(win.query, Qt.Key.Key_Down)
    qtbot.keyClick(win.query, Qt.Key.Key_Up)
    assert win.results.current_row() == 1
    qtbot.keyClick(win.query, Qt.Key.Key_Up)
    qtbot.keyClick(win.query, Qt.Key.Key_Up)
    assert win.results.current_row() == 0


def test_ctrl_3_copies_the_third_answer(win, qtbot, ui_library):
    hits = search_and_wait(qtbot, win, "冻结")
    assert len(hits) >= 3
    before = ui_library.stats(hits[2].doc.uid)[0]
    qtbot.keyClick(win.query, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == hits[2].doc.text
    qtbot.waitUntil(lambda: ui_library.stats(hits[2].doc.uid)[0] == before + 1)
    assert win.query.toPlainText() == "冻结", "Ctrl+3 must not type a 3"


def test_double_click_copies(win, qtbot):
    hits = search_and_wait(qtbot, win, "退款")
    rect = win.results.visualRect(win.results.results.index(1))
    text_spot = rect.topLeft() + QPoint(40, 10)  # on the phrase, away from the star
    qtbot.mouseClick(win.results.viewport(), Qt.MouseButton.LeftButton, pos=text_spot)
    qtbot.mouseDClick(win.results.viewport(), Qt.MouseButton.LeftButton, pos=text_spot)
    assert QGuiApplication.clipboard().text() == hits[1].doc.text


def test_star_marks_a_favourite(win, qtbot, ui_library):
    hits = search_and_wait(qtbot, win, "退款")
    uid = hits[0].doc.uid
    rect = win.results.visualRect(win.results.results.index(0))
    star = win.results.delegate.star_rect(rect).center()
    qtbot.mouseClick(win.results.viewport(), Qt.MouseButton.LeftButton, pos=star)
    qtbot.waitUntil(lambda: ui_library.stats(uid)[1] is True)
    assert win.results.results.is_favourite(uid)
    qtbot.keyClick(win.query, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # keyboard toggle
    qtbot.waitUntil(lambda: ui_library.stats(uid)[1] is False)


def test_escape_clears_then_hides(win, qtbot):
    search_and_wait(qtbot, win, "退款")
    qtbot.keyClick(win.query, Qt.Key.Key_Escape)
    assert win.query.toPlainText() == ""
    assert win.isVisible() and not win.isMinimized()
    qtbot.keyClick(win.query, Qt.Key.Key_Escape)
    # No tray and no hotkey here: hiding would lose the window, so it minimises.
    qtbot.waitUntil(lambda: win.isMinimized() or not win.isVisible(), timeout=1000)
    win.summon()
    assert win.isVisible()


def test_updating_answers_never_takes_focus(win, qtbot, monkeypatch):
    calls = []
    monkeypatch.setattr(win, "activateWindow", lambda: calls.append("activate"))
    monkeypatch.setattr(win, "raise_", lambda: calls.append("raise"))
    search_and_wait(qtbot, win, "我的卡被冻结了，叫你们领导来")
    qtbot.wait(50)
    assert calls == []


def test_filters_narrow_the_answers(win, qtbot):
    def apply(change):
        with qtbot.waitSignal(win.resultsShown, timeout=3000):  # answered off the GUI thread
            change()
        return win.results.results.hits()

    everything = apply(lambda: win.filter_bar.set_values({}))  # empty input: openers for the agent
    assert {h.doc.stage for h in everything} >= {"listen"}
    asks = apply(lambda: win.filter_bar.set_value("stage", "ask"))
    assert asks and all(h.doc.stage == "ask" for h in asks)
    drivers = apply(lambda: win.filter_bar.set_value("persona", "driver"))  # drops lines for analytical customers
    assert drivers and all(h.doc.stage == "ask" and h.doc.persona in ("driver", ALL_PERSONAS) for h in drivers)
    assert len(drivers) <= len(asks)
    refunds = apply(lambda: win.filter_bar.set_values({"scenario": "t_refund"}))
    assert refunds and {h.doc.scenario for h in refunds} == {"t_refund"}


def test_filters_are_remembered(win, qtbot):
    win.filter_bar.set_values({"stage": "thank", "industry": "banking"})
    assert win.settings.filters() == {"scenario": None, "persona": None, "stage": "thank", "industry": "banking"}
