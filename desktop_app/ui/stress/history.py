"""The history page: 7 or 30 days as a chart and in words, plus export and delete-everything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.stress.stress_log import SUPPORT_HINT, StressLog
from desktop_app.core.stress.summary import summarize, summary_text
from desktop_app.ui.stress.chart import PatternBars, StressChart
from desktop_app.ui.i18n import tr



class HistoryView(QWidget):
    deleted = Signal()  # the profile's data is gone: the panel resets itself

    def __init__(self, log: StressLog, clock: Callable[[], dt.datetime] = dt.datetime.now, parent=None):
        super().__init__(parent)
        self.log = log
        self.clock = clock
        self.days = 7
        self.range_buttons = QButtonGroup(self)
        ranges = QHBoxLayout()
        ranges.addWidget(QLabel(tr("最近")))
        for days in (7, 30):
            b = QPushButton(tr('{} 天').format(days))
            b.setObjectName(f"range_{days}")
            b.setCheckable(True)
            b.setChecked(days == self.days)
            self.range_buttons.addButton(b, days)
            ranges.addWidget(b)
        ranges.addStretch(1)
        self.range_buttons.idClicked.connect(self.show_days)

        self.chart = StressChart()
        self.patterns_title = QLabel(tr("常出现的想法"))
        self.patterns_title.setProperty("hint", True)
        self.patterns = PatternBars()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.support = QLabel(tr(SUPPORT_HINT))
        self.support.setWordWrap(True)
        self.support.setProperty("note", True)

        self.prompts = QCheckBox(tr("连续高分时，提示我做一次红转绿"))
        self.prompts.toggled.connect(self.log.set_prompts_enabled)
        self.export_button = QPushButton(tr("导出 CSV"))
        self.export_button.clicked.connect(self._ask_export)
        self.delete_button = QPushButton(tr("删除我的全部记录"))
        self.delete_button.setObjectName("delete")
        self.delete_button.clicked.connect(self._delete_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setProperty("hint", True)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)

        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 4, 4, 0)
        box.addLayout(ranges)
        box.addWidget(self.chart)
        box.addWidget(self.patterns_title)
        box.addWidget(self.patterns)
        box.addWidget(self.summary)
        box.addWidget(self.support)
        box.addStretch(1)
        box.addWidget(self.prompts)
        box.addLayout(actions)
        box.addWidget(self.status)
        # The page scrolls rather than squeezing the chart when the window is short.
        area = QScrollArea()
        area.setWidget(content)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        for label in self.findChildren(QLabel):  # the agent's and the playbooks' words, as written
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh()

    def show_days(self, days: int) -> None:
        self.days = days
        self.range_buttons.button(days).setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        now = self.clock()
        s = summarize(self.log, self.days, now)
        self.chart.set_summary(s)
        self.patterns.set_counts(s.top_patterns)
        self.patterns_title.setVisible(bool(s.top_patterns))
        self.summary.setText(tr(summary_text(s)))
        self.support.setVisible(self.log.suggest_support(now))
        self.prompts.blockSignals(True)
        self.prompts.setChecked(self.log.prompts_enabled())
        self.prompts.blockSignals(False)
        self._reset_delete()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    # ------------------------------------------------------------ export and delete

    def export_to(self, path: Path | str) -> int:
        n = self.log.export_csv(path)
        self.status.setText(tr('已导出 {} 条到 {}').format(n, path))
        return n

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("导出压力记录"), str(Path.home() / tr("calmdesk-压力记录.csv")),
                                              "CSV (*.csv)")
        if path:
            try:
                self.export_to(path)
            except OSError as exc:
                self.status.setText(tr('导出失败：{}').format(exc))

    def _delete_clicked(self) -> None:
        # Two clicks instead of a modal dialog: nothing ever blocks the agent mid-call.
        if self.delete_button.property("armed"):
            n = self.log.delete_everything()
            self.refresh()
            self.status.setText(tr('已删除 {} 条记录，这台电脑上不再保留。').format(n))
            self.deleted.emit()
        else:
            self.delete_button.setProperty("armed", True)
            self.delete_button.setText(tr("再点一次，确认全部删除"))
            self.status.setText(tr("删除后无法恢复。需要的话可以先导出。"))

    def _reset_delete(self) -> None:
        self.delete_button.setProperty("armed", False)
        self.delete_button.setText(tr("删除我的全部记录"))
        self.status.clear()
