"""The window holds up: it never grows past the screen, the checklist opens as one line,
Tab reaches every control, and every tab stays reachable at every font size and width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.ime import search_and_wait

LONG = ("我的卡被冻结了，打了三次电话都说在处理，你们领导呢？我要投诉，还要找媒体曝光，"
        "这钱是我下个月的房租，你们必须今天给我解决！") * 6


def test_a_long_paste_never_grows_the_window_past_the_screen_and_it_shrinks_back(win, qtbot):
    win.resize(360, 620)
    win._wanted_height = 620
    qtbot.wait(50)
    area = win.available_area()
    search_and_wait(qtbot, win, LONG)
    qtbot.waitUntil(win.checklist.isVisible, timeout=3000)
    qtbot.wait(100)
    assert win.frameGeometry().bottom() <= area.bottom()
    assert win.height() <= area.height()
    assert win.height() == 620  # the chips and the one-line checklist fit in the agent's height
    search_and_wait(qtbot, win, "卡被冻结")
    qtbot.wait(100)
    assert win.height() == 620


def test_the_checklist_opens_as_one_line_and_unfolds_on_click_or_key(win, qtbot):
    search_and_wait(qtbot, win, LONG)
    qtbot.waitUntil(win.checklist.isVisible, timeout=3000)  # the checklist is read in the background
    assert not win.checklist.expanded
    assert not win.checklist.scroll.isVisible()
    assert win.checklist.height() < 3 * win.checklist.title.sizeHint().height()
    qtbot.mouseClick(win.checklist.title, Qt.MouseButton.LeftButton)
    assert win.checklist.expanded and win.checklist.scroll.isVisible()
    qtbot.keyClick(win.query, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not win.checklist.expanded


def test_tab_reaches_the_answers_the_buttons_the_checklist_and_the_stars(win, qtbot):
    search_and_wait(qtbot, win, LONG)
    qtbot.waitUntil(win.checklist.isVisible, timeout=3000)
    win.query.setFocus()
    seen = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        seen.append(widget)
        widget.focusNextChild() if widget is not None else win.focusNextChild()
        qtbot.wait(1)
    for target in (win.results, win.mine_button, win.pin_button, win.packs_button, win.settings_button,
                   win.checklist.close_button, win.checklist.title):
        assert target in seen, target
    # The star by keyboard: Space on the answers.
    win.results.setFocus()
    hit = win.results.results.hit(win.results.current_row())
    before = win.results.results.is_favourite(hit.doc.uid)
    qtbot.keyClick(win.results, Qt.Key.Key_Space)
    assert win.results.results.is_favourite(hit.doc.uid) is not before
    qtbot.keyClick(win.results, Qt.Key.Key_Space)


def test_the_focus_frame_is_drawn_in_the_accent_colour(win):
    from desktop_app.ui import theme

    sheet = QApplication.instance().styleSheet()
    assert f"QToolButton:focus, QPushButton:focus {{ border: 2px solid {theme.colors().accent}" in sheet


def _tabs_fit(win) -> bool:
    bar = win.tabs.tabBar()
    right = max(bar.tabRect(i).right() for i in range(bar.count()))
    return right <= bar.width() and all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width() - 1
                                        for i in range(bar.count()))


def test_every_tab_is_reachable_at_every_font_size_and_the_minimum_width(win, qtbot):
    qtbot.waitUntil(lambda: win.tabs.count() == 4, timeout=3000)
    size = int(win.settings.get("window.font_size"))
    try:
        for pt in (8, 10, 12, 14, 18, 24):  # the settings allow 8-24 pt
            win.apply_font_size(pt)
            qtbot.wait(30)
            win.resize(300, 620)  # the agent drags it as narrow as it goes
            qtbot.wait(30)
            assert win.width() == win.minimumWidth() >= 300
            assert _tabs_fit(win), pt
            assert win.width() >= win.layout().minimumSize().width(), pt  # nothing squeezed off
    finally:
        win.apply_font_size(size)
        win.resize(360, 620)


def test_the_settings_dialog_fits_the_screen_at_14_pt_with_its_buttons_visible(win, qtbot):
    from PySide6.QtWidgets import QPushButton

    size = int(win.settings.get("window.font_size"))
    try:
        win.apply_font_size(14)
        qtbot.wait(30)
        dialog = win.settings_dialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        area = win.available_area()
        assert dialog.width() <= area.width() and dialog.height() <= area.height()
        buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
        assert buttons
        for b in buttons:  # 应用 / 关闭 and the rest: inside the dialog, not off its right edge
            top_left = b.mapTo(dialog, b.rect().topLeft())
            assert 0 <= top_left.x() and top_left.x() + b.width() <= dialog.width(), b.text()
        dialog.close()
    finally:
        win.apply_font_size(size)


def test_tab_goes_input_answers_checklist_buttons_and_every_stop_shows_its_frame(win, qtbot):
    """The order the README gives, and no stop without a visible focus frame (the tab bar and
    the checklist's title were such stops)."""
    from desktop_app.ui import theme

    search_and_wait(qtbot, win, LONG)
    qtbot.waitUntil(win.checklist.isVisible, timeout=3000)
    win.activateWindow()
    win.query.setFocus()
    qtbot.waitUntil(win.query.hasFocus, timeout=2000)
    seen = []
    for _ in range(8):
        seen.append(QApplication.focusWidget())
        seen[-1].focusNextChild()
        qtbot.wait(1)
    assert seen == [win.query, win.results, win.checklist.title, win.checklist.close_button,
                    win.mine_button, win.pin_button, win.packs_button, win.settings_button]
    assert win.tabs.tabBar().focusPolicy() == Qt.FocusPolicy.NoFocus
    sheet = QApplication.instance().styleSheet()
    assert f'QToolButton[heading="true"]:focus {{ border: 2px solid {theme.colors().accent}' in sheet
