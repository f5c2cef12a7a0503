"""The one key-binding table drives the window, the help and the README's key table."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop_app.ui import keybindings

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_key_rows() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text.split("| key | does |", 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append((cells[0], cells[1]))
    return rows


def test_the_readme_key_table_is_the_binding_table():
    assert _readme_key_rows() == keybindings.readme_rows()


def test_every_action_has_keys_and_the_help_lists_every_shown_row(win, qtbot):
    assert all(b.keys for b in keybindings.KEYBINDINGS)
    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    for shown, label in keybindings.help_rows():
        assert shown in texts and label in texts


def test_a_rebound_key_reaches_the_window(monkeypatch, qtbot, ui_library, fake_analyzer):
    from PySide6.QtCore import Qt

    from desktop_app.core.settings.store import SettingsStore
    from desktop_app.ui.main_window import MainWindow

    binding = keybindings.BY_ACTION["focus_input"]
    monkeypatch.setitem(keybindings.BY_ACTION, "focus_input",
                        keybindings.KeyBinding(binding.action, ("Ctrl+G",), "Ctrl+G", binding.does, binding.label))
    window = MainWindow(SettingsStore(), ui_library, fake_analyzer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(1)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert re.fullmatch(r"Ctrl\+G", keybindings.keys("focus_input")[0])
