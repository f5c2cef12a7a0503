"""A short checklist for a risky call (supervisor demand, media threat, …) from the playbooks.

It sits between the input and the answers and opens as one line (its title): a click on it,
Space on it, or Ctrl+L in the window unfolds the items, whose body scrolls within a few lines
of height, so the answers stay the biggest thing in the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.vocab import FLAGS
from desktop_app.ui.i18n import tr

if TYPE_CHECKING:  # the library is opened after the first paint: keep it off the start-up path
    from desktop_app.core.library.facade import ChecklistInfo

SECTIONS = (("do", "要做"), ("never", "别说"), ("handover", "何时移交"))
MAX_BODY_PX = 132


def _label(text: str, parent: QWidget, **props) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # playbook text is shown as written
    label.setWordWrap(True)
    for key, value in props.items():
        label.setProperty(key, value)
    return label


class ChecklistPanel(QFrame):
    closed = Signal(str)  # flag

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setProperty("panel", "risk")
        self.flag: str | None = None
        self._texts: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 4, 4, 6)
        outer.setSpacing(2)
        head = QHBoxLayout()
        self.expanded = False
        self.title = QToolButton(self)  # the one line: click / Space unfolds the checklist
        self.title.setProperty("heading", True)
        self.title.setAutoRaise(True)
        self.title.setCheckable(True)
        self.title.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.title.toggled.connect(self.set_expanded)
        head.addWidget(self.title, 1)
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.clicked.connect(self.dismiss)
        self.close_button = close
        head.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        self.scroll = QScrollArea(self)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroll)
        self.body: QWidget | None = None
        self.hide()

    def show_checklist(self, flag: str, checklist: ChecklistInfo | None) -> None:
        """Show the checklist row for `flag` (or a short note when the playbooks have none)."""
        if flag != self.flag:
            self.set_expanded(False)  # a new risk opens as one line
        self.flag = flag
        title = checklist.title if checklist is not None else FLAGS.get(flag, flag)
        self._title = "⚠ " + tr(title)
        self.close_button.setToolTip(tr("关闭清单"))
        self._texts = [tr(title)]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(1)
        if checklist is None:
            self._add(layout, _label(tr("话术库里还没有这种情况的清单。"), body))
        else:
            for field, heading in SECTIONS:
                entries = getattr(checklist, field)
                if entries:
                    self._add(layout, _label(tr(heading), body, heading=True))
                    for entry in entries:
                        self._add(layout, _label("• " + tr(entry), body))
        layout.addStretch(1)
        self.scroll.setWidget(body)  # deletes the previous body
        self.body = body
        self.show()
        self.set_expanded(self.expanded)

    def set_expanded(self, on: bool) -> None:
        self.expanded = bool(on)
        if self.title.isChecked() != self.expanded:
            self.title.setChecked(self.expanded)
        arrow = "▾" if self.expanded else "▸"
        self.title.setText(f"{arrow} {getattr(self, '_title', '')}")
        self.title.setToolTip(tr("收起清单（Ctrl+L）") if self.expanded else tr("展开清单（Ctrl+L）"))
        self.scroll.setVisible(self.expanded)
        if self.expanded:
            self._fit()

    def toggle(self) -> None:
        if self.isVisible():
            self.set_expanded(not self.expanded)

    def _add(self, layout: QVBoxLayout, label: QLabel) -> None:
        self._texts.append(label.text())
        layout.addWidget(label)

    def _fit(self) -> None:
        """As tall as the checklist, but never more than a few lines (the rest scrolls)."""
        if self.body is None:
            return
        width = max(100, self.scroll.viewport().width())
        needed = self.body.layout().heightForWidth(width) if self.body.layout().hasHeightForWidth() else \
            self.body.sizeHint().height()
        self.scroll.setFixedHeight(min(MAX_BODY_PX, max(20, needed)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def dismiss(self) -> None:
        flag = self.flag
        self.hide()
        if flag:
            self.closed.emit(flag)

    def texts(self) -> list[str]:
        return list(self._texts)
