"""Keyboard and the agent's words: Esc can be undone, the window is never lost, focus comes
back to the input after a filter is picked with the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.ime import commit, search_and_wait


class _Hotkey:
    def __init__(self, registered: bool):
        self.registered = registered
        self.status = ""


def test_esc_clears_and_ctrl_z_brings_the_text_back(win, qtbot):
    search_and_wait(qtbot, win, "我的卡被冻结了三天")
    qtbot.keyClick(win.query, Qt.Key.Key_Escape)
    assert win.query.toPlainText() == ""
    assert win.undo_button.isVisible() and win.undo_button.text() == "撤销"
    qtbot.keyClick(win.query, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.query.toPlainText() == "我的卡被冻结了三天"
    qtbot.waitUntil(lambda: win.query.committed_text() == "我的卡被冻结了三天", timeout=1000)


def test_the_visible_undo_button_restores_and_hides_once_typing_starts(win, qtbot):
    search_and_wait(qtbot, win, "退款一直没到账")
    qtbot.keyClick(win.query, Qt.Key.Key_Escape)
    qtbot.mouseClick(win.undo_button, Qt.MouseButton.LeftButton)
    assert win.query.toPlainText() == "退款一直没到账"
    assert not win.undo_button.isVisible()
    assert win.query.hasFocus() or QApplication.focusWidget() is win.query
    qtbot.keyClick(win.query, Qt.Key.Key_Escape)
    commit(win.query, "新的话")
    assert not win.undo_button.isVisible()  # a new text: nothing to undo into


def test_second_esc_never_hides_without_tray_or_hotkey(win, qtbot):
    win.can_hide = None  # ask the real state: no tray offscreen, hotkey not registered
    win.tray = None
    win.hotkey = _Hotkey(registered=False)
    try:
        assert win.can_hide is False
        qtbot.keyClick(win.query, Qt.Key.Key_Escape)  # empty input: the "hide" Esc
        qtbot.waitUntil(lambda: win.isMinimized(), timeout=1000)
        assert win.isVisible()  # minimised keeps its taskbar entry; hidden would be lost
        win.summon()
        win.hotkey = _Hotkey(registered=True)
        assert win.can_hide is True
        win.hotkey.registered = False  # the hotkey was given up later (settings): asked live
        assert win.can_hide is False
    finally:
        win.hotkey = None
        win.can_hide = False
        win.showNormal()


def test_a_filter_picked_with_the_mouse_gives_the_keyboard_back_to_the_input(win, qtbot):
    combo = win.filter_bar.combos["stage"]
    combo.setFocus()
    assert not win.query.hasFocus()
    combo.setCurrentIndex(2)
    combo.activated.emit(2)  # what a click on a drop-down entry sends
    assert QApplication.focusWidget() is win.query
    assert win.filter_bar.values()["stage"] is not None


def test_python_xlib_is_a_linux_dependency():
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    deps = [d.replace(" ", "") for d in data["project"]["dependencies"]]
    assert any(d.startswith("python-xlib") and "sys_platform=='linux'" in d for d in deps)


def test_evidence_marks_are_repainted_after_a_new_paste_and_follow_the_theme(win, qtbot, monkeypatch):
    from desktop_app.ui import theme

    search_and_wait(qtbot, win, "我的卡被冻结了，" * 40 + "叫你们领导来")
    repaints = []
    monkeypatch.setattr(win.query.viewport(), "update", lambda *a: repaints.append(a))
    win.query.selectAll()
    win._analysis = None  # wait for the new text's reading, not the old one
    search_and_wait(qtbot, win, "你好\n我的卡被冻结了，叫你们领导来")  # evidence on the second line
    qtbot.waitUntil(lambda: len(win.query.marked_spans()) >= 2, timeout=3000)
    spans = win.query.marked_spans()
    text = win.query.toPlainText()
    assert {text[a:b] for a, b in spans} >= {"冻结", "领导"}
    assert repaints  # the whole input is repainted, not only the lines Qt guessed
    qapp = QApplication.instance()
    theme.apply(qapp, "dark")
    win.query.remark(theme.colors().evidence)
    try:
        colours = {s.format.foreground().color().name() for s in win.query.extraSelections()}
        assert colours == {theme.DARK.evidence}
    finally:
        theme.apply(qapp, "light")
        win.query.remark(theme.colors().evidence)
