"""Paced breathing: a circle that grows while breathing in and shrinks while breathing out.

About six breaths a minute (4 s in, 6 s out), the slow pace taught for calming down. Drawn with
QPainter: one circle and two words need nothing more.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.ui import theme
from desktop_app.ui.i18n import tr

INHALE_S = 4.0
EXHALE_S = 6.0


class BreathingCircle(QWidget):
    finished = Signal()

    def __init__(self, seconds: float = 60.0, parent=None):
        super().__init__(parent)
        self.seconds = seconds
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._tick)
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()
        self.update()

    def stop(self) -> None:
        self._timer.stop()
        self.update()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def elapsed(self) -> float:
        return self._clock.elapsed() / 1000 if self._clock.isValid() else 0.0

    def phase(self) -> tuple[str, float]:
        """("吸气" or "呼气", size 0..1) at the current moment."""
        t = self.elapsed() % (INHALE_S + EXHALE_S)
        if t < INHALE_S:
            return tr("吸气"), _ease(t / INHALE_S)
        return tr("呼气"), 1 - _ease((t - INHALE_S) / EXHALE_S)

    def hideEvent(self, event) -> None:
        self.stop()  # no animation running on a page nobody sees
        super().hideEvent(event)

    def _tick(self) -> None:
        if self.elapsed() >= self.seconds:
            self._timer.stop()
            self.finished.emit()
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        side = min(self.width(), self.height()) - 8
        centre = QPointF(self.width() / 2, self.height() / 2)
        word, size = self.phase() if self.is_running() else (tr("准备好了就开始"), 0.35)
        radius = side / 2 * (0.35 + 0.65 * size)
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(theme.colors().green_bg))
        p.drawEllipse(centre, side / 2, side / 2)
        p.setBrush(QColor(theme.colors().chart_after))
        p.drawEllipse(centre, radius, radius)
        p.setPen(QColor(theme.colors().text))
        p.drawText(QRectF(0, centre.y() - 22, self.width(), 22), Qt.AlignCenter, word)
        if self.is_running():
            left = max(0, math.ceil(self.seconds - self.elapsed()))
            p.setPen(QColor(theme.colors().muted))
            p.drawText(QRectF(0, centre.y() + 2, self.width(), 20), Qt.AlignCenter, tr('还剩 {} 秒').format(left))
        p.end()


def _ease(x: float) -> float:
    return (1 - math.cos(math.pi * max(0.0, min(1.0, x)))) / 2
