"""After a damaged database was repaired at start-up, the window tells the agent once."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def test_the_recovery_notice_is_shown_then_dismissed(qtbot, library, calmdesk_home):
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.core.settings.store import SettingsStore as Settings

    library.store.notice = "数据库文件损坏，已另存为 calmdesk-damaged.db，话术库已重建。"
    dismissed = []
    library.dismiss_notice = lambda: dismissed.append(True)
    window = MainWindow(Settings(), library)
    qtbot.addWidget(window)
    box = window.recovery_box
    assert isinstance(box, QMessageBox) and "已另存为" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert dismissed == [True]


def test_no_notice_no_box(qtbot, library):
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.core.settings.store import SettingsStore as Settings

    window = MainWindow(Settings(), library)
    qtbot.addWidget(window)
    assert not hasattr(window, "recovery_box")
