"""The settings dialog applies each change to the window at once and explains the hotkey."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui import i18n


def test_changes_apply_at_once(win, qtbot):
    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    try:
        dialog.editors["window.opacity"].setValue(70)
        assert abs(win.windowOpacity() - 0.7) < 0.01 and win.settings.get("window.opacity") == 0.7
        dialog.editors["window.font_size"].setValue(13)
        assert win.query.font().pointSize() == 13 and win.results.font().pointSize() == 13
        dialog.editors["window.always_on_top"].setChecked(False)
        assert not win.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        assert not win.pin_button.isChecked()
        dialog.editors["window.language"].setCurrentIndex(dialog.editors["window.language"].findData(i18n.TRADITIONAL))
        assert win.settings_button.text() == "設置"
    finally:
        dialog.editors["window.language"].setCurrentIndex(dialog.editors["window.language"].findData(i18n.SIMPLIFIED))
        dialog.editors["window.always_on_top"].setChecked(True)
        dialog.editors["window.font_size"].setValue(10)
        dialog.editors["window.opacity"].setValue(100)
    assert win.settings_button.text() == "设置"


def test_the_hotkey_status_is_plain_words(win, qtbot):
    from desktop_app.ui.shell.hotkey import GlobalHotkey

    win.hotkey = GlobalHotkey(win)
    try:
        dialog = win.settings_dialog()
        qtbot.addWidget(dialog)
        dialog.hotkey_status.setText("")
        dialog.hotkeyRequested.emit("Ctrl+Alt+J")
        assert "不支持全局热键" in dialog.hotkey_status.text()
        dialog.hotkeyRequested.emit("J")
        assert "Ctrl" in dialog.hotkey_status.text()  # explains why a bare key is refused
    finally:
        win.hotkey = None


def test_the_dialog_has_an_editor_for_every_labelled_setting_and_saves_agent_settings(win, qtbot):
    from desktop_app.core.settings.schema import SETTINGS

    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {s.key for s in SETTINGS if s.label}
    industry = dialog.editors["agent.industry"]
    industry.setCurrentIndex(industry.findData("banking"))
    role = dialog.editors["agent.role"]
    role.setCurrentIndex(role.findData("lead"))
    assert win.settings.get("agent.industry") == "banking" and win.settings.get("agent.role") == "lead"
    industry.setCurrentIndex(industry.findData("general"))
    role.setCurrentIndex(role.findData("agent"))
