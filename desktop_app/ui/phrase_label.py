"""A label that wraps Chinese at its phrase breaks (after ，。？！；：、), never inside a word.

QLabel's word wrap breaks Chinese between any two characters, so at 14 pt a narrow label read
「10：难受到极\\n点」. Here each phrase is a one-line label in a flow layout: a phrase that does
not fit moves to the next line whole.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop_app.ui.flow_layout import FlowLayout

_BREAK = re.compile(r"(?<=[，。？！；、])")


def phrases(text: str) -> list[str]:
    return [part for part in _BREAK.split(text) if part]


class PhraseLabel(QWidget):
    def __init__(self, text: str = "", parent=None, **properties):
        super().__init__(parent)
        self._properties = properties
        self.flow = FlowLayout(self, spacing=0)
        self.flow.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._text = ""
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        while self.flow.count():
            item = self.flow.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for part in phrases(text):
            label = QLabel(part, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            for name, value in self._properties.items():
                label.setProperty(name, value)
            self.flow.addWidget(label)

    def lines(self) -> list[str]:
        """The text as it is laid out now, one string per line (for tests and screenshots)."""
        rows: dict[int, list[QLabel]] = {}
        for label in self.findChildren(QLabel):
            if not label.isHidden():
                rows.setdefault(label.geometry().top(), []).append(label)
        return ["".join(l.text() for l in sorted(row, key=lambda l: l.x())) for _top, row in sorted(rows.items())]
