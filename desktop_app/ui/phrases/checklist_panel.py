"""A short checklist for a risky call (supervisor demand, media threat, …) from the playbooks.

It sits between the input and the answers, so its body scrolls within a few lines of
height: the answers stay the biggest thing in the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

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
        self.title = _label("", self, heading=True)
        head.addWidget(self.title, 1)
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
        self.flag = flag
        title = checklist.title if checklist is not None else FLAGS.get(flag, flag)
        self.title.setText("⚠ " + tr(title))
        self.close_button.setToolTip(tr("收起清单"))
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
        self._fit()

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
