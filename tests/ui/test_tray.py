"""The tray menu (built even where no tray shows, so its wiring is tested offscreen)."""

from __future__ import annotations

import pytest

from desktop_app.ui.shell.tray import Tray


# Offscreen Qt has no tray and says so while the icon is created.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_the_tray_menu_drives_the_window(qapp, qtbot):
    tray = Tray(on_top=True)
    try:
        texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
        assert texts == ["显示/隐藏", "总在最前", "设置…", "退出"]
        with qtbot.waitSignal(tray.toggleRequested):
            tray.show_action.trigger()
        with qtbot.waitSignal(tray.onTopToggled) as blocker:
            tray.on_top_action.trigger()
        assert blocker.args == [False]
        tray.set_on_top(True)  # follows the window's pin button without echoing back
        assert tray.on_top_action.isChecked()
    finally:
        tray.hide()
        tray.menu.deleteLater()
