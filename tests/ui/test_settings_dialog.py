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


def _language(dialog, code):
    combo = dialog.editors["window.language"]
    combo.setCurrentIndex(combo.findData(code))


def test_an_open_dialog_follows_a_language_switch_hotkey_status_included(win, qtbot):
    from desktop_app.ui.shell.hotkey import GlobalHotkey

    win.hotkey = GlobalHotkey(win)
    win.hotkey._status = lambda: i18n.tr("全局热键 {} 已生效").format("Ctrl+Alt+Space")
    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    try:
        assert dialog.windowTitle() == "设置" and "热键 Ctrl+Alt+Space 已生效" in dialog.hotkey_status.text()
        _language(dialog, i18n.TRADITIONAL)
        qtbot.waitUntil(lambda: dialog.windowTitle() == "設置")
        assert "熱鍵 Ctrl+Alt+Space 已生效" in dialog.hotkey_status.text()
        labels = [w.text() for w in dialog.body.findChildren(type(dialog.hotkey_status)) if w.isVisibleTo(dialog)]
        assert "快捷鍵" in labels and "快捷键" not in labels
        assert dialog.editors["window.language"].currentData() == i18n.TRADITIONAL  # the choice survives
        _language(dialog, i18n.SIMPLIFIED)
        qtbot.waitUntil(lambda: dialog.windowTitle() == "设置")
        assert "热键 Ctrl+Alt+Space 已生效" in dialog.hotkey_status.text()
    finally:
        i18n.set_language(i18n.SIMPLIFIED)
        win.settings.set("window.language", i18n.SIMPLIFIED)
        win.retranslate()
        win.hotkey = None


def test_the_key_help_names_keys_without_english_words(win, qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.body.findChildren(QLabel)]
    assert "Enter、双击" in texts
    assert not any("double-click" in t or ", " in t for t in texts)


def test_a_bigger_font_re_lays_out_the_open_dialog_without_clipping(win, qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        dialog.editors["window.font_size"].setValue(14)
        qtbot.wait(50)
        body = dialog.body
        assert not dialog.scroll.horizontalScrollBar().isVisible()
        assert body.width() >= body.minimumSizeHint().width(), "rows are squeezed: labels clip"
        assert dialog.scroll.viewport().width() >= body.minimumSizeHint().width()
        for label in body.findChildren(QLabel):
            if label.isVisibleTo(body) and label.text():
                assert label.geometry().left() >= 0
                assert label.geometry().right() <= dialog.scroll.viewport().width()
                if label.wordWrap():  # as tall as its wrapped lines
                    assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()
        status = dialog.hotkey_status
        assert status.geometry().bottom() <= body.height()
        # the whole body shows when the screen is tall enough (800 px minus the title bar)
        screen = dialog.screen().availableGeometry()
        if body.height() + 80 < screen.height():
            assert dialog.scroll.viewport().height() >= body.height()
    finally:
        dialog.editors["window.font_size"].setValue(10)
