"""The 0-10 SUDS scale: eleven small buttons and the fixed anchor words beneath them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.stress.stress_log import SUDS_ANCHORS
from desktop_app.ui import theme
from desktop_app.ui.flow_layout import FlowLayout
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
        # The anchor words flow as whole phrases: in three wrapping columns they broke
        # mid-word at 14 pt (「10：难受到极\n点」); here an anchor that does not fit moves down whole.
        self.anchor_box = QWidget(self)
        anchors = FlowLayout(self.anchor_box, spacing=12)
        anchors.setContentsMargins(0, 0, 0, 0)
        self.anchor_labels: list[QLabel] = []
        for n in (0, 5, 10):
            label = QLabel(tr("{}：{}").format(n, tr(SUDS_ANCHORS[n])), self.anchor_box)
            label.setProperty("hint", True)
            anchors.addWidget(label)
            self.anchor_labels.append(label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.anchor_box)

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

