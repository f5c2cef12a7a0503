"""Settings and window state survive a restart (a new window over the same data dir)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui import i18n
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings.window_settings import UiSettings


def test_settings_survive_a_restart(qtbot, library, calmdesk_home):
    first = MainWindow(UiSettings(), library)
    qtbot.addWidget(first)
    first.show()
    first.resize(380, 640)
    first.move(40, 30)
    first.apply_setting("font_size", 14)
    first.apply_setting("opacity", 0.8)
    first.apply_setting("always_on_top", False)
    first.apply_setting("theme", "dark")
    first.apply_setting("auto_hide", True)
    first.filter_bar.set_values({"stage": "act", "persona": "driver", "scenario": "t_refund"})
    first.save_state()
    first.close()
    assert (calmdesk_home / "window.ini").is_file()

    second = MainWindow(UiSettings(), library)
    qtbot.addWidget(second)
    second.show()
    try:
        assert second.query.font().pointSize() == 14
        assert abs(second.windowOpacity() - 0.8) < 0.01
        assert not second.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        assert not second.pin_button.isChecked()
        assert second.settings.theme == "dark" and second.settings.auto_hide
        assert second.dock.auto_hide
        assert second.current_filters() == {"scenario": "t_refund", "persona": "driver", "stage": "act",
                                             "industry": None}
        assert second.size().width() == 380
    finally:
        second.apply_setting("theme", "light")
        second.close()


def test_language_is_remembered_and_converts_phrases(qtbot, library):
    from PySide6.QtGui import QGuiApplication

    first = MainWindow(UiSettings(), library)
    qtbot.addWidget(first)
    try:
        first.apply_setting("language", i18n.TRADITIONAL)
        assert first.tabs.tabText(0) == "話術"
        first.filter_bar.set_values({"scenario": "t_refund", "stage": "listen"})
        row = first.results.results.index(0).data(Qt.ItemDataRole.DisplayRole)
        assert row.startswith("退款這麼久沒到")
        first.copy_row(0)
        assert QGuiApplication.clipboard().text() == row  # copied as shown
        first.save_state()
        first.close()
        i18n.set_language(i18n.SIMPLIFIED)
        assert UiSettings().language == i18n.TRADITIONAL
    finally:
        i18n.set_language(i18n.SIMPLIFIED)


def test_a_filter_for_a_scenario_that_is_gone_is_dropped(qtbot, library):
    settings = UiSettings()
    settings.set_filters({"scenario": "no_such_scenario", "stage": "act"})
    window = MainWindow(settings, library)
    qtbot.addWidget(window)
    assert window.current_filters()["scenario"] is None
    assert window.results.results.rowCount() > 0
