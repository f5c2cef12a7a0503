"""The tray icon: show/hide, always on top, settings, quit. Absent where there is no tray."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop_app.ui.i18n import tr
from desktop_app.ui.shell.icon import app_icon


class Tray(QObject):
    toggleRequested = Signal()
    onTopToggled = Signal(bool)
    settingsRequested = Signal()
    quitRequested = Signal()

    def __init__(self, on_top: bool, parent=None):
        super().__init__(parent)
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.menu = QMenu()
        self.show_action = QAction(self.menu)
        self.show_action.triggered.connect(self.toggleRequested)
        self.on_top_action = QAction(self.menu, checkable=True)
        self.on_top_action.setChecked(on_top)
        self.on_top_action.toggled.connect(self.onTopToggled)
        self.settings_action = QAction(self.menu)
        self.settings_action.triggered.connect(self.settingsRequested)
        self.quit_action = QAction(self.menu)
        self.quit_action.triggered.connect(self.quitRequested)
        for action in (self.show_action, self.on_top_action, self.settings_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.retranslate()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.show()

    def retranslate(self) -> None:
        self.icon.setToolTip(tr("CalmDesk 投诉应对助手"))
        self.show_action.setText(tr("显示/隐藏"))
        self.on_top_action.setText(tr("总在最前"))
        self.settings_action.setText(tr("设置…"))
        self.quit_action.setText(tr("退出"))

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _on_activated(self, reason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggleRequested.emit()

    def set_on_top(self, on: bool) -> None:
        self.on_top_action.blockSignals(True)
        self.on_top_action.setChecked(on)
        self.on_top_action.blockSignals(False)

    def hide(self) -> None:
        self.icon.hide()
