"""Settings and window state survive a restart (a new window over the same data dir)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui import i18n
from desktop_app.ui.main_window import MainWindow
from desktop_app.core.settings.store import SettingsStore


def test_settings_survive_a_restart(qtbot, library, calmdesk_home):
    first = MainWindow(SettingsStore(), library)
    qtbot.addWidget(first)
    first.show()
    first.resize(380, 640)
    first.move(40, 30)
    first.apply_setting("window.font_size", 14)
    first.apply_setting("window.opacity", 0.8)
    first.apply_setting("window.always_on_top", False)
    first.apply_setting("window.theme", "dark")
    first.apply_setting("window.auto_hide", True)
    first.filter_bar.set_values({"stage": "act", "persona": "driver", "scenario": "t_refund"})
    first.save_state()
    first.close()
    assert (calmdesk_home / "settings.json").is_file()

    second = MainWindow(SettingsStore(), library)
    qtbot.addWidget(second)
    second.show()
    try:
        assert second.query.font().pointSize() == 14
        assert abs(second.windowOpacity() - 0.8) < 0.01
        assert not second.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        assert not second.pin_button.isChecked()
        assert second.settings.get("window.theme") == "dark" and second.settings.get("window.auto_hide")
        assert second.dock.auto_hide
        assert second.current_filters() == {"scenario": "t_refund", "persona": "driver", "stage": "act",
                                             "industry": None}
        assert second.size().width() == 380
    finally:
        second.apply_setting("window.theme", "light")
        second.close()


def test_language_is_remembered_and_converts_phrases(qtbot, library):
    from PySide6.QtGui import QGuiApplication

    first = MainWindow(SettingsStore(), library)
    qtbot.addWidget(first)
    try:
        first.apply_setting("window.language", i18n.TRADITIONAL)
        assert first.tabs.tabText(0) == "話術"
        first.filter_bar.set_values({"scenario": "t_refund", "stage": "listen"})
        row = first.results.results.index(0).data(Qt.ItemDataRole.DisplayRole)
        assert row.startswith("退款這麼久沒到")
        first.copy_row(0)
        assert QGuiApplication.clipboard().text() == row  # copied as shown
        first.save_state()
        first.close()
        i18n.set_language(i18n.SIMPLIFIED)
        assert SettingsStore().get("window.language") == i18n.TRADITIONAL
    finally:
        i18n.set_language(i18n.SIMPLIFIED)


def test_a_filter_for_a_scenario_that_is_gone_is_dropped(qtbot, library):
    settings = SettingsStore()
    settings.update(settings.filter_values({"scenario": "no_such_scenario", "stage": "act"}))
    window = MainWindow(settings, library)
    qtbot.addWidget(window)
    assert window.current_filters()["scenario"] is None
    assert window.results.results.rowCount() > 0
