"""A short notice floating over the bottom of the window ("已复制"): never modal, never focused."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class Toast(QLabel):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setProperty("notice", True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, ms: int = 1200) -> None:
        self.setText(text)
        self.adjustSize()
        self.setMaximumWidth(max(120, self.parentWidget().width() - 24))
        self._place()
        self.raise_()
        self.show()
        self._timer.start(ms)

    def _place(self) -> None:
        parent = self.parentWidget()
        self.adjustSize()
        x = (parent.width() - self.width()) // 2
        y = parent.height() - self.height() - 36
        self.move(max(4, x), max(4, y))
