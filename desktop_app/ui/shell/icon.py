"""The app icon, drawn in code: crisp at every size and no image plugin needed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QPixmap:
    """A teal rounded square holding a speech bubble with a calm, level line."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f7a6d"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 14 * s, 14 * s)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(12 * s, 14 * s, 40 * s, 28 * s), 10 * s, 10 * s)
    tail = QPainterPath()
    tail.moveTo(QPointF(20 * s, 40 * s))
    tail.lineTo(QPointF(17 * s, 51 * s))
    tail.lineTo(QPointF(30 * s, 41 * s))
    tail.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(bubble.united(tail))
    p.setBrush(QColor("#1f7a6d"))
    for i in range(3):
        p.drawEllipse(QPointF((22 + 10 * i) * s, 28 * s), 3.2 * s, 3.2 * s)
    p.end()
    return pix


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(draw(size))
    return icon
