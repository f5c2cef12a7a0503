"""Text from the playbooks is shown as written: markup in a phrase is not interpreted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.ime import search_and_wait

MARKUP = "请看<b>粗体</b>这几个字是原样显示的。"


def test_a_phrase_with_html_is_shown_and_copied_literally(win, qtbot):
    hits = search_and_wait(qtbot, win, "粗体")
    assert hits[0].doc.text == MARKUP
    index = win.results.results.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == MARKUP
    layout = win.results.delegate.text_layout(MARKUP, hits[0].spans, win.font(), 300)
    assert layout.text() == MARKUP  # laid out as plain characters, tags included
    win.results.grab()  # paints without error
    qtbot.keyClick(win.query, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == MARKUP


def test_labels_that_show_playbook_text_are_plain(win):
    from desktop_app.ui.phrases.checklist_panel import ChecklistPanel
    from PySide6.QtWidgets import QLabel

    from desktop_app.core.library.facade import ChecklistInfo

    panel = ChecklistPanel()
    panel.show_checklist("escalation", ChecklistInfo("escalation", "<i>标题</i>", ["<b>做</b>"], [], []))
    # The title is a button (it unfolds the checklist): buttons never render markup.
    assert panel.title.text().endswith("⚠ <i>标题</i>")
    labels = [w for w in panel.findChildren(QLabel) if w.text() == "• <b>做</b>"]
    assert len(labels) == 1 and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)
    panel.deleteLater()
