"""The 0-10 SUDS scale: eleven small buttons and the fixed anchor words beneath them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.stress.stress_log import SUDS_ANCHORS
from desktop_app.ui import theme
from desktop_app.ui.i18n import tr

def scale_colour(rating: int) -> QColor:
    """A soft green-to-rose tint (Mood-Meter-like), never alarm red; from the theme."""
    t = rating / 10
    calm, tense = QColor(theme.colors().calm), QColor(theme.colors().tense)
    return QColor(*(round(a + (b - a) * t) for a, b in zip(calm.getRgb()[:3], tense.getRgb()[:3])))


class RatingScale(QWidget):
    """Click a number (or press 0-9 while it has focus) to pick a rating."""

    picked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.setSpacing(2)
        row.setContentsMargins(0, 0, 0, 0)
        for n in range(11):
            b = QPushButton(str(n))
            b.setObjectName(f"rating_{n}")
            b.setCheckable(True)
            b.setMinimumWidth(24)
            b.setMaximumWidth(44)
            b.setFixedHeight(28)
            b.setFocusPolicy(Qt.NoFocus)  # the scale takes the keys, not each button
            b.setToolTip(tr(SUDS_ANCHORS.get(n, "")))
            b.setProperty("rating", True)
            b.setStyleSheet(f"QPushButton {{ background: {scale_colour(n).name()}; }}")
            b.clicked.connect(lambda _=False, n=n: self._pick(n))
            row.addWidget(b)
            self.buttons.append(b)
        anchors = QGridLayout()
        anchors.setContentsMargins(0, 0, 0, 0)
        anchors.setHorizontalSpacing(6)
        for col, (n, align) in enumerate(((0, Qt.AlignLeft), (5, Qt.AlignHCenter), (10, Qt.AlignRight))):
            label = QLabel(f"{n}：{tr(SUDS_ANCHORS[n])}")
            label.setWordWrap(True)
            label.setAlignment(align | Qt.AlignTop)
            label.setProperty("hint", True)
            anchors.addWidget(label, 0, col)
            anchors.setColumnStretch(col, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addLayout(anchors)

    def value(self) -> int | None:
        return next((n for n, b in enumerate(self.buttons) if b.isChecked()), None)

    def set_value(self, rating: int | None) -> None:
        for n, b in enumerate(self.buttons):
            b.setChecked(n == rating)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if Qt.Key_0 <= event.key() <= Qt.Key_9:
            self._pick(event.key() - Qt.Key_0)
        else:
            super().keyPressEvent(event)

    def _pick(self, n: int) -> None:
        self.set_value(n)
        self.picked.emit(n)

