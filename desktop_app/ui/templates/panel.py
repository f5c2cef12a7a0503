"""The 谢/道歉 templates page: pick, fill, preview, copy with one key.

Thin by design: choosing, rendering, composing and remembering the agent's own details are
`core.templates`; this widget only lays them out. Everything is plain text (QPlainTextEdit,
list items, PlainText labels), so a template containing HTML is shown exactly as written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.templates import fill
from desktop_app.core.templates.fill import TemplateDoc
from desktop_app.core.vocab import CHANNELS, PERSONAS, TEMPLATE_KINDS
from desktop_app.ui import keybindings
from desktop_app.ui.i18n import tr

TEMPLATE_MODE, COMPOSER_MODE = 0, 1


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def combo(first: str | None, options: dict[str, str]) -> QComboBox:
    """A combo of labels carrying keys; `first` is an "any" entry carrying None."""
    box = QComboBox()
    if first:
        box.addItem(tr(first), None)
    for key, label in options.items():
        box.addItem(tr(label), key)
    return box


class TemplatesPanel(QWidget):
    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self._docs: list[TemplateDoc] = []
        self._doc: TemplateDoc | None = None
        self._values: dict[str, str] = fill.remembered_values(library)
        self.fields: dict[str, QLineEdit] = {}  # placeholder -> its input, rebuilt for each template

        self.mode = QTabBar()
        self.mode.addTab(tr("模板"))
        self.mode.addTab(tr("组合致歉"))
        self.kind = combo(None, TEMPLATE_KINDS)
        self.channel = combo(tr("全部渠道"), CHANNELS)
        self.persona = combo(tr("全部性格"), PERSONAS)
        self.severity = combo(None, fill.SEVERITIES)
        self.list = QListWidget()
        self.list.setMaximumHeight(140)
        # Long template names wrap inside the list instead of a sideways scrollbar at 14 pt.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.form_box = QWidget()
        self.form = QFormLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(tr("选择一个模板，这里显示填好后的全文"))
        self.copy_button = QPushButton(tr("复制 (Ctrl+Enter)"))
        self.status = plain_label()

        filters = QHBoxLayout()
        for widget in (self.kind, self.severity, self.channel, self.persona):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mode)
        layout.addLayout(filters)
        layout.addWidget(self.list)
        layout.addWidget(self.form_box)
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)

        for key in keybindings.keys("copy_template"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.copy)
        self.copy_button.clicked.connect(self.copy)
        self.mode.currentChanged.connect(self._refresh_list)
        for box in (self.kind, self.channel, self.persona, self.severity):
            box.currentIndexChanged.connect(self._refresh_list)
        self.list.currentRowChanged.connect(self._on_pick)
        self.reload()

    # ------------------------------------------------------------ public

    def reload(self) -> None:
        """Re-read the templates (after a playbook import)."""
        self._docs = fill.load_templates(self.library)
        self._refresh_list()

    def show_template(self, key: str) -> bool:
        """Open one template (e.g. picked from the main search); False if it is not in the library."""
        doc = next((d for d in self._docs if d.key == key), None)
        if doc is None:
            return False
        self.mode.setCurrentIndex(TEMPLATE_MODE)
        self.kind.setCurrentIndex(self.kind.findData(doc.kind))
        self.channel.setCurrentIndex(self.channel.findData(doc.channel))
        self.persona.setCurrentIndex(0)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
        return True

    def current_text(self) -> str:
        return self.preview.toPlainText()

    def copy(self) -> None:
        text = self.current_text()
        if not text:
            self.status.setText(tr("还没有可复制的内容"))
            return
        QGuiApplication.clipboard().setText(text)
        fill.remember(self.library, {n: self._values.get(n, "") for n in fill.REMEMBERED
                                          if n in self.fields})
        missing = self._rendered().missing if self._doc else ()
        note = tr('（还有未填写的：{}）').format(tr('、'.join(fill.marker(n) for n in missing))) if missing else ""
        self.status.setText(tr('已复制到剪贴板{}').format(note))
        self.copied.emit(text)

    # ------------------------------------------------------------ internals

    def _persona(self) -> str | None:
        return self.persona.currentData()

    def _refresh_list(self) -> None:
        composer = self.mode.currentIndex() == COMPOSER_MODE
        self.kind.setVisible(not composer)
        self.channel.setVisible(not composer)
        self.list.setVisible(not composer)
        self.severity.setVisible(composer)
        if composer:
            self._set_doc(fill.compose(self.severity.currentData(), self._persona()))
            return
        docs = fill.choose(self._docs, self.kind.currentData(), self.channel.currentData(), self._persona())
        previous = self._doc.key if self._doc else None
        self.list.blockSignals(True)
        self.list.clear()
        for doc in docs:
            label = f"{doc.title} · {CHANNELS.get(doc.channel, doc.channel)}"
            if doc.persona in PERSONAS:
                label += f" · {PERSONAS[doc.persona]}"
            item = QListWidgetItem(tr(label))
            item.setData(Qt.ItemDataRole.UserRole, doc.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [d.key for d in docs]
        self.list.setCurrentRow(keys.index(previous) if previous in keys else (0 if docs else -1))
        self._on_pick(self.list.currentRow())

    def _on_pick(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        key = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._set_doc(next((d for d in self._docs if d.key == key), None))
        if item is None:
            self.status.setText(tr("这个类别下还没有模板"))

    def _set_doc(self, doc: TemplateDoc | None) -> None:
        self._doc = doc
        self._build_form()
        self._update_preview()

    def _build_form(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        if self._doc is None:
            return
        for field in fill.form_fields(self._doc):
            edit = QLineEdit(self._values.get(field.name, ""))
            edit.setPlaceholderText(tr(field.default) if field.default else tr("未填写时显示") + tr(fill.marker(field.name)))
            edit.textChanged.connect(lambda text, name=field.name: self._on_value(name, text))
            if field.remembered:
                edit.editingFinished.connect(lambda name=field.name: fill.remember(
                    self.library, {name: self._values.get(name, "")}))
            self.fields[field.name] = edit
            self.form.addRow(plain_label(tr(field.name)), edit)

    def _on_value(self, name: str, text: str) -> None:
        self._values[name] = text
        self._update_preview()

    def _rendered(self) -> fill.Rendered:
        assert self._doc is not None
        return self._doc.render(self._values)

    def _update_preview(self) -> None:
        if self._doc is None:
            self.preview.setPlainText("")
            return
        rendered = self._rendered()
        self.preview.setPlainText(tr(rendered.text))  # what is copied is what the agent sees
        self.status.setText(tr('待填写：{}').format(tr('、'.join(rendered.missing))) if rendered.missing else "")
