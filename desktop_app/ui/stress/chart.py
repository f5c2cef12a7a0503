"""The history chart: quick ratings over time (dots, and a line through each day's average),
and each exercise as a before → after stroke.

Drawn with QPainter because PySide6-Essentials has no QtCharts (it ships in PySide6-Addons,
~200 MB more for an offline installer) and the chart is a few dots and lines on a 0-10 axis.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.stress.summary import Summary
from desktop_app.core.vocab import THINKING_PATTERNS
from desktop_app.ui import theme
from desktop_app.ui.i18n import tr



def _c(name: str) -> QColor:
    """A colour of the current theme (light or dark), read when painting."""
    return QColor(getattr(theme.colors(), name))


class StressChart(QWidget):
    """Ratings (0-10) against the days of the summary's range, with a small legend beneath."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary: Summary | None = None
        self.setMinimumSize(240, 170)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(340, 190)

    def set_summary(self, summary: Summary) -> None:
        self.summary = summary
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = QFontMetrics(self.font())
        legend_h = fm.height() + 6
        plot = QRectF(fm.horizontalAdvance("10") + 8, 6, 0, 0)
        plot.setRight(self.width() - 8)
        plot.setBottom(self.height() - legend_h - fm.height() - 6)
        self._axes(p, plot, fm)
        s = self.summary
        if s is None or (not s.ratings and not s.exercises):
            p.setPen(_c("muted"))
            p.drawText(plot, Qt.AlignCenter, tr("这段时间还没有记录"))
        else:
            self._ratings(p, plot, s)
            self._exercises(p, plot, s)
        self._legend(p, QRectF(0, self.height() - legend_h, self.width(), legend_h), fm)
        p.end()

    # ------------------------------------------------------------ pieces

    def _x(self, plot: QRectF, at: dt.datetime) -> float:
        s = self.summary
        span = (s.end - s.start).total_seconds() if s else 1
        frac = (at - s.start).total_seconds() / span if s else 0
        return plot.left() + max(0.0, min(1.0, frac)) * plot.width()

    @staticmethod
    def _y(plot: QRectF, rating: float) -> float:
        return plot.bottom() - rating / 10 * plot.height()

    def _axes(self, p: QPainter, plot: QRectF, fm: QFontMetrics) -> None:
        for level in (0, 5, 10):
            y = self._y(plot, level)
            p.setPen(QPen(_c("border"), 1, Qt.SolidLine if level == 0 else Qt.DashLine))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(_c("muted"))
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                       Qt.AlignRight | Qt.AlignVCenter, str(level))
        if self.summary is None:
            return
        days = max(1, (self.summary.end - self.summary.start).days)
        step = 1 if days <= 7 else 7  # 30 days: one label a week, so they never overlap
        label_w = fm.horizontalAdvance("12/30") + 4
        for i in range(days - 1, -1, -step):  # count back from today so today is always labelled
            day = self.summary.start + dt.timedelta(days=i)
            centre = self._x(plot, day + dt.timedelta(hours=12))
            rect = QRectF(centre - label_w / 2, plot.bottom() + 3, label_w, fm.height())
            rect.moveLeft(max(0.0, min(rect.left(), self.width() - label_w)))
            p.drawText(rect, Qt.AlignCenter, f"{day.month}/{day.day}")

    def _ratings(self, p: QPainter, plot: QRectF, s: Summary) -> None:
        # Each rating as a faint dot; the line joins the daily averages, so 30 days stay readable.
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(_c("chart_log").red(), _c("chart_log").green(), _c("chart_log").blue(), 110))
        for at, r in s.ratings:
            p.drawEllipse(QPointF(self._x(plot, at), self._y(plot, r)), 2.5, 2.5)
        noon = dt.time(12)
        trend = [QPointF(self._x(plot, dt.datetime.combine(day, noon)), self._y(plot, avg)) for day, avg in s.daily]
        p.setPen(QPen(_c("chart_log"), 1.8))
        for a, b in zip(trend, trend[1:]):
            p.drawLine(a, b)
        p.setPen(Qt.NoPen)
        p.setBrush(_c("chart_log"))
        for pt in trend:
            p.drawEllipse(pt, 2, 2)

    def _exercises(self, p: QPainter, plot: QRectF, s: Summary) -> None:
        for x in s.exercises:
            cx = self._x(plot, x.at)
            top, bottom = QPointF(cx, self._y(plot, x.before)), QPointF(cx, self._y(plot, x.after))
            p.setPen(QPen(_c("border"), 2))
            p.drawLine(top, bottom)
            p.setPen(Qt.NoPen)
            p.setBrush(_c("chart_before"))
            p.drawEllipse(top, 4, 4)
            p.setBrush(_c("chart_after"))
            p.drawEllipse(bottom, 4, 4)

    def _legend(self, p: QPainter, rect: QRectF, fm: QFontMetrics) -> None:
        items = [(_c("chart_log"), tr("每天平均")), (_c("chart_before"), tr("练习前")), (_c("chart_after"), tr("练习后"))]
        widths = [12 + fm.horizontalAdvance(t) + 14 for _, t in items]
        x = rect.left() + max(0.0, (rect.width() - sum(widths)) / 2)
        cy = rect.center().y()
        for (colour, text), w in zip(items, widths):
            p.setPen(Qt.NoPen)
            p.setBrush(colour)
            p.drawEllipse(QPointF(x + 4, cy), 4, 4)
            p.setPen(_c("text"))
            p.drawText(QRectF(x + 12, rect.top(), w - 12, rect.height()), Qt.AlignLeft | Qt.AlignVCenter, text)
            x += w


class PatternBars(QWidget):
    """How often each thinking pattern came up: one short bar per pattern, most frequent first."""

    ROW = 20

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_counts(self, counts: list[tuple[str, int]]) -> None:
        self.counts = counts
        self.setFixedHeight(self.ROW * len(counts) + 2)
        self.setVisible(bool(counts))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, self.ROW * len(self.counts) + 2)

    def paintEvent(self, event) -> None:
        if not self.counts:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = QFontMetrics(self.font())
        label_w = max(fm.horizontalAdvance(tr(THINKING_PATTERNS[k][0])) for k, _ in self.counts) + 8
        count_w = fm.horizontalAdvance(tr("99 次")) + 6
        most = max(n for _, n in self.counts)
        for i, (key, n) in enumerate(self.counts):
            top = i * self.ROW
            p.setPen(_c("text"))
            p.drawText(QRectF(0, top, label_w, self.ROW), Qt.AlignLeft | Qt.AlignVCenter, tr(THINKING_PATTERNS[key][0]))
            full = max(10.0, self.width() - label_w - count_w)
            p.setPen(Qt.NoPen)
            p.setBrush(_c("chart_bar"))
            p.drawRoundedRect(QRectF(label_w, top + 5, full * n / most, self.ROW - 10), 3, 3)
            p.setPen(_c("muted"))
            p.drawText(QRectF(label_w + full * n / most + 4, top, count_w, self.ROW),
                       Qt.AlignLeft | Qt.AlignVCenter, tr('{} 次').format(n))
        p.end()
