"""The settings dialog, built from the settings table (core.settings.schema).

Each setting with a label gets the editor its type asks for; every control applies at once
(the agent sees the effect while choosing) through `changed(key, value)`, which the window
saves and applies. The rows sit in a scroll area so nothing runs off a small screen at a
large font size.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.settings.schema import SETTINGS, Setting
from desktop_app.ui import keybindings
from desktop_app.ui.i18n import tr


class SettingsDialog(QDialog):
    changed = Signal(str, object)  # setting key, new value
    hotkeyRequested = Signal(str)  # the window registers it and calls show_hotkey_status

    def __init__(self, settings, hotkey_status: str | Callable[[], str], parent=None):
        super().__init__(parent)
        self.settings = settings
        # A callable is asked again whenever the dialog is rebuilt (a language switch).
        self._hotkey_status = hotkey_status if callable(hotkey_status) else (lambda: hotkey_status)
        self.editors: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Never a sideways scrollbar: the dialog widens to its rows instead (see fit()).
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        outer.addWidget(self.buttons)
        self._build_body()
        # Runs before the window applies the change (it connects later), so the rebuild and
        # the new layout wait for the event loop: by then the language or font is in force.
        self.changed.connect(self._after_change)
        self.fit()

    def _build_body(self) -> None:
        self.setWindowTitle(tr("设置"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.editors = {}
        body = QWidget(self.scroll)
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        section = None
        for setting in SETTINGS:
            if not setting.label:
                continue
            if setting.section != section:
                section = setting.section
                heading = QLabel(tr(section), body)
                heading.setProperty("heading", True)
                form.addRow(heading)
            self._add_row(form, body, setting, self.settings.get(setting.key))
        self.hotkey_status = QLabel(body)
        self.hotkey_status.setWordWrap(True)
        self.hotkey_status.setTextFormat(Qt.TextFormat.PlainText)
        self.hotkey_status.setProperty("muted", True)
        form.addRow(self.hotkey_status)
        self.show_hotkey_status(self._hotkey_status())
        self._add_key_help(form, body)
        self.body = body
        self.scroll.setWidget(body)

    def _after_change(self, key: str, _value) -> None:
        if key == "window.language":
            QTimer.singleShot(0, self.retranslate)
        elif key == "window.font_size":
            QTimer.singleShot(0, self.fit)

    def retranslate(self) -> None:
        """Build the rows again in the language now in force (every editor reads its value
        from the settings, so nothing the agent chose is lost)."""
        focused = self.focusWidget()
        key = next((k for k, w in self.editors.items() if w is focused or w.isAncestorOf(focused)), None)
        self._build_body()
        if key is not None:
            self.editors[key].setFocus()
        self.fit()

    def fit(self) -> None:
        """Size the dialog to its rows at the font now in force, within the screen: wide
        enough that no row is clipped, tall enough for every row when the screen allows
        (otherwise the rows scroll up and down, never sideways)."""
        self.body.ensurePolished()
        for widget in self.body.findChildren(QWidget):
            widget.ensurePolished()
        self.body.layout().invalidate()
        self.body.layout().activate()
        hint = self.body.layout().totalMinimumSize().expandedTo(self.body.sizeHint())
        margins = self.layout().contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        width = hint.width() + bar + margins.left() + margins.right() + 2
        height = (self.body.layout().totalHeightForWidth(hint.width()) if self.body.layout().hasHeightForWidth()
                  else hint.height())
        height += self.buttons.sizeHint().height() + self.layout().spacing() + margins.top() + margins.bottom() + 2
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        frame = 40  # the window manager's title bar and borders
        width = min(width, screen.width() - 20)
        height = min(height, screen.height() - frame)
        self.setMinimumWidth(min(hint.width() + bar + margins.left() + margins.right(), screen.width() - 20))
        self.resize(max(width, self.width() if self.isVisible() else 0), height)

    def _add_row(self, form: QFormLayout, parent: QWidget, setting: Setting, value) -> None:
        editor = self._editor(parent, setting, value)
        self.editors[setting.key] = editor
        if setting.help:
            editor.setToolTip(tr(setting.help))
        if isinstance(editor, QCheckBox):
            form.addRow(editor)
        elif setting.editor == "hotkey":
            row = QWidget(parent)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            apply = QPushButton(tr("应用"), row)
            apply.clicked.connect(self._apply_hotkey)
            line.addWidget(editor, 1)
            line.addWidget(apply)
            form.addRow(tr(setting.label), row)
        elif setting.editor == "folder":
            row = QWidget(parent)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            pick = QPushButton(tr("选择…"), row)
            pick.clicked.connect(lambda _checked=False, key=setting.key: self._pick_folder(key))
            line.addWidget(editor, 1)
            line.addWidget(pick)
            form.addRow(tr(setting.label), row)
        else:
            form.addRow(tr(setting.label), editor)

    def _editor(self, parent: QWidget, setting: Setting, value) -> QWidget:
        key = setting.key
        if setting.editor == "hotkey":
            edit = QKeySequenceEdit(QKeySequence.fromString(str(value)), parent)
            edit.setMaximumSequenceLength(1)
            return edit
        if setting.kind is bool:
            box = QCheckBox(tr(setting.label), parent)
            box.setChecked(bool(value))
            box.toggled.connect(lambda on, key=key: self.changed.emit(key, on))
            return box
        if setting.choices:
            combo = QComboBox(parent)
            for choice, label in setting.choices.items():
                combo.addItem(label if choice in ("zh_CN", "zh_TW") else tr(label), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(
                lambda _i, key=key, combo=combo: self.changed.emit(key, combo.currentData()))
            return combo
        if setting.editor == "percent":
            slider = QSlider(Qt.Orientation.Horizontal, parent)
            slider.setRange(int(round((setting.minimum or 0) * 100)), int(round((setting.maximum or 1) * 100)))
            slider.setValue(int(round(float(value) * 100)))
            slider.valueChanged.connect(lambda v, key=key: self.changed.emit(key, v / 100))
            return slider
        if setting.kind is int:
            spin = QSpinBox(parent)
            spin.setRange(int(setting.minimum or 0), int(setting.maximum or 999))
            if key == "window.font_size":
                spin.setSuffix(" pt")
            spin.setValue(int(value))
            spin.valueChanged.connect(lambda v, key=key: self.changed.emit(key, v))
            return spin
        if setting.kind is str:  # a folder or free text: saved when the agent leaves the field
            edit = QLineEdit(str(value), parent)
            edit.setClearButtonEnabled(True)
            edit.setProperty("emitted", str(value))
            if setting.editor == "folder":
                edit.setPlaceholderText(tr("未设置（不跟随）"))
            edit.editingFinished.connect(lambda key=key, edit=edit: self._line_changed(key, edit))
            return edit
        raise ValueError(f"no editor for {key}")  # the table and this builder disagree: a developer's bug

    def _add_key_help(self, form: QFormLayout, parent: QWidget) -> None:
        """The keys the window answers to, from the one key-binding table."""
        heading = QLabel(tr("快捷键"), parent)
        heading.setProperty("heading", True)
        form.addRow(heading)
        for shown, label in keybindings.help_rows():
            keys = QLabel(tr(shown), parent)
            text = QLabel(tr(label), parent)
            text.setWordWrap(True)
            for widget in (keys, text):
                widget.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(keys, text)

    def _line_changed(self, key: str, edit: QLineEdit) -> None:
        text = edit.text().strip()
        if text != edit.property("emitted"):
            edit.setProperty("emitted", text)
            self.changed.emit(key, text)

    def _pick_folder(self, key: str) -> None:
        edit = self.editors[key]
        assert isinstance(edit, QLineEdit)
        chosen = QFileDialog.getExistingDirectory(self, tr("选择话术包文件夹"), edit.text())
        if chosen:
            edit.setText(chosen)
            self._line_changed(key, edit)

    def _apply_hotkey(self) -> None:
        edit = self.editors["window.hotkey"]
        assert isinstance(edit, QKeySequenceEdit)
        self.hotkeyRequested.emit(edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText))

    def show_hotkey_status(self, text: str) -> None:
        self.hotkey_status.setText(text)
