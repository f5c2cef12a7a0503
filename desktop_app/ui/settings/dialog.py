"""Settings: on top, opacity, font size, theme, language, auto-hide, global hotkey.

Every control applies at once (the agent sees the effect while choosing); the window saves it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
)

from desktop_app.ui import i18n
from desktop_app.ui.i18n import tr

THEMES = {"system": "跟随系统", "light": "浅色", "dark": "深色"}


class SettingsDialog(QDialog):
    changed = Signal(str, object)  # setting name, new value
    hotkeyRequested = Signal(str)  # the window registers it and calls show_hotkey_status

    def __init__(self, settings, hotkey_status: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("设置"))
        form = QFormLayout(self)

        self.on_top = QCheckBox(tr("窗口总在最前"), self)
        self.on_top.setChecked(settings.always_on_top)
        self.on_top.toggled.connect(lambda on: self.changed.emit("always_on_top", on))
        form.addRow(self.on_top)

        self.auto_hide = QCheckBox(tr("贴边后自动隐藏（把窗口拖到屏幕左/右边缘）"), self)
        self.auto_hide.setChecked(settings.auto_hide)
        self.auto_hide.toggled.connect(lambda on: self.changed.emit("auto_hide", on))
        form.addRow(self.auto_hide)

        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setRange(40, 100)
        self.opacity.setValue(int(round(settings.opacity * 100)))
        self.opacity.valueChanged.connect(lambda v: self.changed.emit("opacity", v / 100))
        form.addRow(tr("不透明度"), self.opacity)

        self.font_size = QSpinBox(self)
        self.font_size.setRange(8, 24)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        self.font_size.valueChanged.connect(lambda v: self.changed.emit("font_size", v))
        form.addRow(tr("字号"), self.font_size)

        self.theme = QComboBox(self)
        for key, label in THEMES.items():
            self.theme.addItem(tr(label), key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.theme.currentIndexChanged.connect(lambda _i: self.changed.emit("theme", self.theme.currentData()))
        form.addRow(tr("外观"), self.theme)

        self.language = QComboBox(self)
        for key, label in i18n.LANGUAGES.items():
            self.language.addItem(label, key)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(
            lambda _i: self.changed.emit("language", self.language.currentData()))
        form.addRow(tr("界面语言"), self.language)

        row = QHBoxLayout()
        self.hotkey = QKeySequenceEdit(QKeySequence.fromString(settings.hotkey), self)
        self.hotkey.setMaximumSequenceLength(1)
        apply = QPushButton(tr("应用"), self)
        apply.clicked.connect(self._apply_hotkey)
        row.addWidget(self.hotkey, 1)
        row.addWidget(apply)
        form.addRow(tr("全局热键"), row)
        self.hotkey_status = QLabel(self)
        self.hotkey_status.setWordWrap(True)
        self.hotkey_status.setTextFormat(Qt.TextFormat.PlainText)
        self.hotkey_status.setProperty("muted", True)
        form.addRow(self.hotkey_status)
        self.show_hotkey_status(hotkey_status)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        form.addRow(buttons)

    def _apply_hotkey(self) -> None:
        self.hotkeyRequested.emit(self.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText))

    def show_hotkey_status(self, text: str) -> None:
        self.hotkey_status.setText(text)
