"""The draft checker page: the agent's reply with each problem underlined and explained.

All judgement is `core.checker`; this widget re-checks shortly after typing stops, marks the
issues with ExtraSelections and lists reason and better wording as plain text. Clicking an
issue selects it in the draft.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.checker import draft_check
from desktop_app.core.vocab import INDUSTRIES
from desktop_app.ui import theme
from desktop_app.ui.i18n import tr

CHECK_DELAY_MS = 250
MAX_MARKS = 300  # more marks than this would only slow the editor down
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def qt_offsets(text: str):
    """Python string index -> QTextDocument position (UTF-16 units: emoji count twice)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda i: i + bisect.bisect_left(astral, i)


class DraftCheckPanel(QWidget):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.issues: list[draft_check.Issue] = []
        self._rules = draft_check.load_rules(library)

        self.industry = QComboBox()
        self.industry.addItem(tr("全部行业规则"), None)
        for key, label in INDUSTRIES.items():
            self.industry.addItem(tr(label), key)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(tr("把准备发给客户的回复粘贴或输入到这里，CalmDesk 会标出需要修改的说法"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)

        layout = QVBoxLayout(self)
        layout.addWidget(self.industry)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

        self.editor.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.run_check)
        self.industry.currentIndexChanged.connect(self.run_check)
        self.list.currentRowChanged.connect(self.select_issue)
        self.list.itemClicked.connect(lambda item: self.select_issue(self.list.row(item)))
        self.run_check()

    def reload(self) -> None:
        """Re-read the library's 禁语 (after a playbook import)."""
        self._rules = draft_check.load_rules(self.library)
        self.run_check()

    def set_text(self, text: str) -> None:
        """Put a draft in (e.g. a filled template) and check it at once."""
        self.editor.setPlainText(text)
        self.run_check()

    def run_check(self) -> None:
        self._timer.stop()
        text = self.editor.toPlainText()
        self.issues = draft_check.check(text, self._rules, self.industry.currentData())
        self._mark(text)
        self.list.blockSignals(True)
        self.list.clear()
        for issue in self.issues[:MAX_MARKS]:
            self.list.addItem(QListWidgetItem(
                tr('「{}」〔{}〕\n原因：{}\n建议：{}').format(issue.text, tr(issue.label), tr(issue.reason), tr(issue.suggestion))))
        self.list.blockSignals(False)
        if not text.strip():
            self.summary.setText("")
        elif not self.issues:
            self.summary.setText(tr("没有发现需要修改的说法"))
        else:
            self.summary.setText(tr('发现 {} 处需要注意，点一条可在上面选中').format(len(self.issues)))

    def select_issue(self, row: int) -> None:
        if not 0 <= row < len(self.issues):
            return
        issue = self.issues[row]
        to_qt = qt_offsets(self.editor.toPlainText())
        cursor = self.editor.textCursor()
        cursor.setPosition(to_qt(issue.start))
        cursor.setPosition(to_qt(issue.end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def _mark(self, text: str) -> None:
        to_qt = qt_offsets(text)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        c = theme.colors()  # dark theme: light text on a dark red, never on light pink
        fmt.setUnderlineColor(QColor(c.risk_text))
        fmt.setBackground(QColor(c.risk_bg))
        fmt.setForeground(QColor(c.text))
        selections = []
        for issue in self.issues[:MAX_MARKS]:
            selection = QTextEdit.ExtraSelection()
            selection.format = fmt
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(to_qt(issue.start))
            cursor.setPosition(to_qt(issue.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.editor.setExtraSelections(selections)
