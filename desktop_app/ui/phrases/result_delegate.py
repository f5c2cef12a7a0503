"""Paints one answer: number, phrase with the matched words marked, labels, star.

Everything is laid out with QTextLayout from plain strings, never HTML, so a phrase that
happens to contain markup is shown exactly as written.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPolygonF, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.ui import theme
from desktop_app.ui.i18n import tr
from desktop_app.ui.phrases.results_model import FAVOURITE_ROLE, HIT_ROLE, META_ROLE, PERSONAL_ROLE

PAD = 6
NUMBER_W = 16
STAR_W = 22
GAP = 3


def _star(rect: QRectF) -> QPolygonF:
    cx, cy = rect.center().x(), rect.center().y()
    outer, inner = rect.width() / 2, rect.width() / 5
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + r * math.cos(a), cy + r * math.sin(a)))
    return QPolygonF(points)


class ResultDelegate(QStyledItemDelegate):
    favouriteClicked = Signal(int)  # row

    def __init__(self, view):
        super().__init__(view)
        self._view = view
        self.width = 340  # the view's viewport width, kept current by the view
        self._heights: dict[tuple, int] = {}  # wrapping text is the costly part of a layout pass

    # ------------------------------------------------------------ geometry

    def _text_width(self, total: int) -> int:
        return max(60, total - 2 * PAD - NUMBER_W - STAR_W)

    def _meta_font(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        return small

    def text_layout(self, text: str, spans, font: QFont, width: int) -> QTextLayout:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if spans:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(theme.colors().match_bg))
            ranges = []
            for start, end in spans:
                if 0 <= start < end <= len(text):
                    r = QTextLayout.FormatRange()
                    r.start, r.length, r.format = start, end - start, fmt
                    ranges.append(r)
            layout.setFormats(ranges)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def _spans(self, index) -> list[tuple[int, int]]:
        hit = index.data(HIT_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        # Highlights index the stored text; a conversion that changed the length voids them.
        return list(hit.spans) if hit is not None and len(text) == len(hit.doc.text) else []

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        width = self.width
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        key = (text, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            layout = self.text_layout(text, [], option.font, self._text_width(width))
            meta_h = QFontMetrics(self._meta_font(option.font)).height()
            height = int(math.ceil(layout.boundingRect().height() + GAP + meta_h + 2 * PAD))
            if len(self._heights) > 5000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def star_rect(self, rect: QRect) -> QRect:
        return QRect(rect.right() - STAR_W - PAD + 4, rect.top() + PAD, STAR_W - 4, STAR_W - 4)

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        c = theme.colors()
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(c.selection))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(c.alt_base))
        painter.setPen(QColor(c.border))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        row = index.row()
        painter.setFont(self._meta_font(option.font))
        if row < 9:
            painter.setPen(QColor(c.muted))
            painter.drawText(QRect(rect.left() + PAD - 2, rect.top() + PAD, NUMBER_W, 18),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(row + 1))

        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        left = rect.left() + PAD + NUMBER_W
        layout = self.text_layout(text, self._spans(index), option.font, self._text_width(rect.width()))
        painter.setPen(QColor(c.text))
        layout.draw(painter, QPointF(left, rect.top() + PAD))

        meta_font = self._meta_font(option.font)
        painter.setFont(meta_font)
        meta_top = rect.top() + PAD + int(layout.boundingRect().height()) + GAP
        meta_h = QFontMetrics(meta_font).height()
        x = left
        if index.data(PERSONAL_ROLE):
            tag = tr("我的")
            tag_w = QFontMetrics(meta_font).horizontalAdvance(tag) + 8
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.accent))
            painter.drawRoundedRect(QRectF(x, meta_top, tag_w, meta_h), 4, 4)
            painter.setPen(QColor(c.accent_text))
            painter.drawText(QRect(x, meta_top, tag_w, meta_h), Qt.AlignmentFlag.AlignCenter, tag)
            x += tag_w + 5
        painter.setPen(QColor(c.muted))
        meta = QFontMetrics(meta_font).elidedText(index.data(META_ROLE) or "", Qt.TextElideMode.ElideRight,
                                                  rect.right() - PAD - STAR_W - x)
        painter.drawText(QRect(x, meta_top, rect.right() - x, meta_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, meta)

        star = _star(QRectF(self.star_rect(rect)))
        if index.data(FAVOURITE_ROLE):
            painter.setPen(QColor(c.star))
            painter.setBrush(QColor(c.star))
        else:
            painter.setPen(QColor(c.muted))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(star)
        painter.restore()

    # ------------------------------------------------------------ the star is a button

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            if self.star_rect(option.rect).adjusted(-4, -4, 4, 4).contains(event.position().toPoint()):
                if event.type() == QEvent.Type.MouseButtonRelease:
                    self.favouriteClicked.emit(index.row())
                return True  # a double-click on the star must not also copy
        return super().editorEvent(event, model, option, index)
