"""我的话术: the agent's own phrases, added, edited and deleted in the window (no YAML).

Saving a phrase works out its pinyin and words, which loads jieba once (~1 s holding the
GIL). That happens in a thread after the agent clicks save, never while they type.
"""

from __future__ import annotations


from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.core import privacy
from desktop_app.core.diagnostics import crashlog

from desktop_app.core.library.facade import UnknownKey
from desktop_app.core.vocab import ALL_PERSONAS, PERSONAS, STAGES
from desktop_app.ui.i18n import tr
from desktop_app.ui.ops import QueryOp

UID_ROLE = Qt.ItemDataRole.UserRole


class PhraseEditor(QDialog):
    """Text, stage, persona and an optional scenario for one phrase."""

    def __init__(self, scenarios: list[tuple[str, str, str]], doc=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("修改我的话术") if doc else tr("新增我的话术"))
        form = QFormLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(tr("写下您常用的一句话"))
        self.text.setMinimumHeight(80)
        self.stage = QComboBox(self)
        for key, label in STAGES.items():
            self.stage.addItem(tr(label), key)
        self.persona = QComboBox(self)
        self.persona.addItem(tr("通用（所有性格）"), ALL_PERSONAS)
        for key, label in PERSONAS.items():
            self.persona.addItem(tr(label), key)
        self.scenario = QComboBox(self)
        self.scenario.addItem(tr("（不限场景）"), None)
        for key, name, _industry in scenarios:
            self.scenario.addItem(tr(name), key)
        form.addRow(tr("话术"), self.text)
        # Said before saving, not found out later: numbers are stored masked.
        self.mask_note = QLabel(self)
        self.mask_note.setWordWrap(True)
        self.mask_note.setTextFormat(Qt.TextFormat.PlainText)
        self.mask_note.setProperty("muted", True)
        self.mask_note.hide()
        form.addRow(self.mask_note)
        self.text.textChanged.connect(self._update_mask_note)
        form.addRow(tr("阶段"), self.stage)
        form.addRow(tr("客户性格"), self.persona)
        form.addRow(tr("场景"), self.scenario)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if doc is not None:
            self.text.setPlainText(doc.text)
            self._select(self.stage, doc.stage)
            self._select(self.persona, doc.persona)
            self._select(self.scenario, doc.scenario)

    def _update_mask_note(self) -> None:
        text = self.text.toPlainText().strip()
        masked = privacy.mask(text)
        self.mask_note.setVisible(masked != text)
        if masked != text:
            self.mask_note.setText(tr("保存时会把电话、证件、银行卡号码打码，存下的是：") + masked)

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def values(self) -> dict:
        return {"text": self.text.toPlainText().strip(), "stage": self.stage.currentData(),
                "persona": self.persona.currentData(), "scenario": self.scenario.currentData()}


class PersonalPhrasesDialog(QDialog):
    changed = Signal()

    def __init__(self, library, scenarios: list[tuple[str, str, str]], parent=None):
        super().__init__(parent)
        self.library = library
        self.scenarios = scenarios
        self.setWindowTitle(tr("我的话术"))
        self.resize(380, 420)
        layout = QVBoxLayout(self)
        hint = QLabel(tr("自己常用的话术：和话术库一起搜索，标“我的”；更新话术库不会动它们。"), self)
        hint.setWordWrap(True)
        hint.setProperty("muted", True)
        layout.addWidget(hint)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        layout.addWidget(self.list, 1)
        self.status = QLabel(self)
        self.status.setProperty("muted", True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("新增"), self)
        self.edit_button = QPushButton(tr("修改"), self)
        self.delete_button = QPushButton(tr("删除"), self)
        close = QPushButton(tr("关闭"), self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        close.clicked.connect(self.accept)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for doc in self.library.personal_phrases():
            item = QListWidgetItem(tr(doc.text))  # a list item shows plain text
            item.setData(UID_ROLE, doc.uid)
            self.list.addItem(item)
        has = self.list.count() > 0
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        if has and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def _selected_doc(self):
        item = self.list.currentItem()
        uid = item.data(UID_ROLE) if item else None
        return next((d for d in self.library.personal_phrases() if d.uid == uid), None)

    # ------------------------------------------------------------ actions

    def add(self) -> None:
        editor = PhraseEditor(self.scenarios, parent=self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.save(None, editor.values())

    def edit_selected(self) -> None:
        doc = self._selected_doc()
        if doc is None:
            return
        editor = PhraseEditor(self.scenarios, doc, parent=self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.save(doc.uid, editor.values())

    def delete_selected(self) -> None:
        doc = self._selected_doc()
        if doc is None:
            return
        answer = QMessageBox.question(self, tr("删除话术"), tr("删除这条话术？"))
        if answer == QMessageBox.StandardButton.Yes:
            self.library.delete_personal(doc.uid)
            self.reload()
            self.changed.emit()

    def save(self, uid: str | None, values: dict) -> None:
        """Add (uid None) or update a phrase on the library thread (the first save loads the
        word lists, about a second); the answer comes back here."""
        self._busy(True)
        library = self.library
        if uid is None:
            def write():
                return library.add_personal(**values)
        else:
            def write():
                return library.update_personal(uid, **values)
        masked = privacy.mask((values.get("text") or "").strip()) != (values.get("text") or "").strip()
        QueryOp(self, write, success=lambda _result: self._saved(masked), failure=self._not_saved).run()

    def _saved(self, masked: bool = False) -> None:
        self._busy(False)
        self.status.setText(tr("已保存。里面的电话、证件、银行卡号码已打码（如 138****5678），原号码没有保存。")
                            if masked else tr("已保存"))
        self.reload()
        self.changed.emit()

    def _not_saved(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, UnknownKey):
            self.status.setText(tr("没有保存：") + str(exc))
            return
        where = crashlog.record(exc)
        self.status.setText(tr("没有保存：出错了，详情已写入 ") + str(where))

    def _busy(self, on: bool) -> None:
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setEnabled(not on)
        if on:
            self.status.setText(tr("正在保存…（第一次保存要准备分词词典，约一秒）"))
