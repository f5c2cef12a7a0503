"""贴边隐藏: a window dropped at the left or right screen edge docks there and, when auto-hide
is on, slides away once the agent is done with it, leaving a thin handle that brings it back
on hover (or the hotkey).

It hides only when the pointer is outside and the window is not active, so an agent typing
into it with the mouse elsewhere is never interrupted.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPoint, QPropertyAnimation, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import QWidget

from desktop_app.ui import theme
from desktop_app.ui.i18n import tr

SNAP_PX = 24
HANDLE_PX = 6
HIDE_DELAY_MS = 700
SLIDE_MS = 160
SETTLE_MS = 300


def nearest_edge(frame: QRect, screen: QRect, snap: int = SNAP_PX) -> str:
    """"left" / "right" when the window frame is within `snap` px of that screen edge."""
    if abs(frame.left() - screen.left()) <= snap:
        return "left"
    if abs(frame.right() - screen.right()) <= snap:
        return "right"
    return ""


def docked_x(edge: str, frame: QRect, screen: QRect) -> int:
    return screen.left() if edge == "left" else screen.right() - frame.width() + 1


def hidden_x(edge: str, frame: QRect, screen: QRect) -> int:
    return screen.left() - frame.width() if edge == "left" else screen.right() + 1


class EdgeHandle(QWidget):
    """The thin strip left at the edge while the window is hidden."""

    entered = Signal()

    def __init__(self):
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setToolTip(tr("CalmDesk：移到这里展开"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(theme.colors().accent))

    def enterEvent(self, event) -> None:
        self.entered.emit()

    def mousePressEvent(self, event) -> None:
        self.entered.emit()


class EdgeDock(QObject):
    revealed = Signal(bool)  # activated

    def __init__(self, window: QWidget, edge: str = "", auto_hide: bool = False):
        super().__init__(window)
        self.window = window
        self.edge = edge
        self.auto_hide = auto_hide
        self.collapsed = False
        self.handle = EdgeHandle()
        self.handle.entered.connect(lambda: self.expand(activate=False))
        self._animation = QPropertyAnimation(window, b"pos", self)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.finished.connect(self._on_slid)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.settle)
        self._hide_timer = QTimer(self, singleShot=True, interval=HIDE_DELAY_MS)
        self._hide_timer.timeout.connect(self._maybe_collapse)
        window.installEventFilter(self)

    # ------------------------------------------------------------ watching the window

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and not self._sliding():
            kind = event.type()
            if kind == QEvent.Type.Move and self.window.isVisible() and not self.collapsed:
                self._settle.start()
            elif kind in (QEvent.Type.Leave, QEvent.Type.WindowDeactivate):
                if self.auto_hide and self.edge:
                    self._hide_timer.start()
            elif kind == QEvent.Type.Enter:
                self._hide_timer.stop()
        return False

    def _sliding(self) -> bool:
        return self._animation.state() == QPropertyAnimation.State.Running

    def _screen_rect(self) -> QRect:
        screen = self.window.screen()
        return screen.availableGeometry() if screen else QRect(0, 0, 1920, 1080)

    def settle(self) -> str:
        """Dock to the edge the window was dropped near (or undock); returns the edge."""
        frame, screen = self.window.frameGeometry(), self._screen_rect()
        self.edge = nearest_edge(frame, screen)
        if self.edge:
            x = docked_x(self.edge, frame, screen)
            if x != frame.x():
                self.window.move(x, frame.y())
        return self.edge

    def set_auto_hide(self, on: bool) -> None:
        self.auto_hide = on
        if not on and self.collapsed:
            self.expand(activate=False)

    # ------------------------------------------------------------ hiding and showing

    def _maybe_collapse(self) -> None:
        inside = self.window.frameGeometry().contains(QCursor.pos())
        if not inside and not self.window.isActiveWindow():
            self.collapse()

    def collapse(self) -> bool:
        """Slide the docked window off the screen, leaving the handle; False when not docked."""
        if not self.edge or self.collapsed or not self.window.isVisible():
            return False
        self.collapsed = True
        frame, screen = self.window.frameGeometry(), self._screen_rect()
        self._slide(QPoint(hidden_x(self.edge, frame, screen), frame.y()))
        return True

    def expand(self, activate: bool = True) -> None:
        if not self.collapsed:
            if activate:
                self.revealed.emit(True)
            return
        self.collapsed = False
        self._hide_timer.stop()
        self.handle.hide()
        frame, screen = self.window.frameGeometry(), self._screen_rect()
        self.window.move(hidden_x(self.edge, frame, screen), frame.y())
        self.window.show()
        self._slide(QPoint(docked_x(self.edge, frame, screen), frame.y()))
        self.revealed.emit(activate)
        if not activate and self.auto_hide:
            self._hide_timer.start()  # opened by hover: goes again unless the pointer stays

    def _slide(self, target: QPoint) -> None:
        self._animation.stop()
        self._animation.setDuration(SLIDE_MS)
        self._animation.setStartValue(self.window.pos())
        self._animation.setEndValue(target)
        self._animation.start()

    def _on_slid(self) -> None:
        if self.collapsed:
            self.window.hide()
            self._show_handle()

    def _show_handle(self) -> None:
        frame, screen = self.window.frameGeometry(), self._screen_rect()
        height = min(160, frame.height())
        x = screen.left() if self.edge == "left" else screen.right() - HANDLE_PX + 1
        y = max(screen.top(), min(frame.y() + (frame.height() - height) // 2, screen.bottom() - height))
        self.handle.setGeometry(x, y, HANDLE_PX, height)
        self.handle.show()

    def close(self) -> None:
        self.handle.close()
