"""「导入话术包」and「导出话术包」: what the exported workbook's help sheet tells trainers to use.

Import: pick a file (.xlsx, .csv, .zip, .yaml), see what it would do — phrases added, changed,
removed per file, and every problem by file, line and field — then import all or nothing.
The preview asks the core exactly what `calmdesk playbooks import --dry-run` asks, so a pack
the preview passes is a pack the import takes. Export: the whole library or one industry,
as an Excel workbook or a zip pack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.vocab import INDUSTRIES
from desktop_app.ui.i18n import tr

PICK_FILTER = "话术包 (*.xlsx *.csv *.zip *.yaml *.yml)"
PREVIEW_LINES = 50  # phrase texts listed per kind and file; the counts are always complete


def _label(text: str = "", parent=None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class _OneLine(QStyledItemDelegate):
    """A cell on one line, shortened in the middle (the whole text is in its tooltip)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class _ProblemTable(QTableWidget):
    """Problems by file, line and field: the message column wraps, and rows are measured again
    whenever the table's width changes (measured before the table had its width, a row came
    out many lines tall with its text centred out of sight)."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.resizeRowsToContents()


class PackImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport, once the library changed

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.pack = None
        self.problems: list = []
        self.report = None
        self.setWindowTitle(tr("导入话术包"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_label = _label(tr("选择一个话术包：Excel (.xlsx)、.csv、.zip 或 .yaml"), self)
        self.pick_button = QPushButton(tr("选择文件…"), self)
        self.pick_button.clicked.connect(self.pick)
        row.addWidget(self.path_label, 1)
        row.addWidget(self.pick_button)
        layout.addLayout(row)
        self.summary = _label("", self)
        layout.addWidget(self.summary)
        self.changes = QTreeWidget(self)
        self.changes.setHeaderHidden(True)
        self.changes.setRootIsDecorated(True)
        layout.addWidget(self.changes, 2)
        self.problems_title = _label(tr("问题"), self)
        self.problems_title.setProperty("heading", True)
        layout.addWidget(self.problems_title)
        self.problem_table = _ProblemTable(0, 4, self)
        self.problem_table.setHorizontalHeaderLabels([tr("文件"), tr("行"), tr("字段"), tr("问题")])
        self.problem_table.verticalHeader().hide()
        self.problem_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problem_table.setWordWrap(True)
        self.file_delegate = _OneLine(self.problem_table)  # a long file name: its two ends
        self.problem_table.setItemDelegateForColumn(0, self.file_delegate)
        self.problem_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_table.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
        header = self.problem_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.problem_table, 3)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(tr("全部导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.do_import)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_problems([])
        self.import_button.setEnabled(False)
        self.resize(520, 480)

    # ------------------------------------------------------------ preview

    def pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("导入话术包"), "", tr(PICK_FILTER))
        if path:
            self.load(path)

    def load(self, path: str | Path) -> None:
        """Read the pack and show what importing it would do; nothing is written."""
        from desktop_app.core.packs import loader
        from desktop_app.core.playbooks.reader import PlaybookError

        path = Path(path)
        self.path_label.setText(str(path))
        self.pack = loader.load(path)
        self.report = None
        self.problems = loader.all_problems(self.library, self.pack)
        if not self.problems:
            try:
                self.report = loader.import_pack(self.library, self.pack, dry_run=True)
            except PlaybookError as exc:
                self.problems = list(exc.problems)
        self._show_report()
        self._show_problems(self.problems)
        changes = self.report is not None and any(not f.identical for f in self.report.files)
        self.import_button.setEnabled(not self.problems and changes)

    def _show_report(self) -> None:
        self.changes.clear()
        if self.problems:
            self.summary.setText(tr("这个话术包有 {} 处问题，改好之前什么都不会导入。").format(len(self.problems)))
            return
        if self.report is None:
            self.summary.setText("")
            return
        r = self.report
        manifest = self.pack.manifest or {}
        head = tr("话术包：{} · 版本 {} · 作者 {}").format(
            manifest.get("name", ""), manifest.get("version", ""), manifest.get("author", "")) + "\n" if manifest else ""
        if all(f.identical for f in r.files):
            self.summary.setText(head + tr("和话术库里的一模一样：没有要导入的内容。"))
        else:
            self.summary.setText(head + tr("导入后：新增 {} 条，修改 {} 条，删除 {} 条，未变 {} 条。").format(
                r.added, r.changed, r.removed, r.unchanged))
        for f in r.files:
            state = tr("未变") if f.identical else tr("新增 {}，修改 {}，删除 {}").format(
                len(f.added), len(f.changed), len(f.removed))
            item = QTreeWidgetItem(self.changes, [f"{f.name}: {state}"])
            for mark, label, texts in (("+", tr("新增"), f.added), ("~", tr("修改"), f.changed), ("-", tr("删除"), f.removed)):
                for text in texts[:PREVIEW_LINES]:
                    child = QTreeWidgetItem(item, [f"{mark} {tr(text)}"])
                    child.setToolTip(0, tr("{}：{}").format(tr(label), tr(text)))  # a long phrase is cut at the edge
                if len(texts) > PREVIEW_LINES:
                    QTreeWidgetItem(item, [f"{mark} " + tr("……另有 {} 条").format(len(texts) - PREVIEW_LINES)])
            item.setExpanded(len(r.files) == 1)

    def _show_problems(self, problems: list) -> None:
        self.problem_table.setRowCount(len(problems))
        for row, p in enumerate(problems):
            for col, value in enumerate((p.file, str(p.line or ""), p.field, tr(p.message))):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.problem_table.setItem(row, col, cell)
        # The file column gets what its names need, but never more than a third of the table:
        # longer names are shortened in the middle and shown whole in the tooltip.
        self.problem_table.resizeColumnToContents(0)
        cap = max(80, self.problem_table.viewport().width() // 3)
        if self.problem_table.columnWidth(0) > cap:
            self.problem_table.setColumnWidth(0, cap)
        self.problem_table.resizeRowsToContents()
        self.problems_title.setVisible(bool(problems))
        self.problem_table.setVisible(bool(problems))
        # With problems nothing is imported, so the empty change list gives its room to them.
        self.changes.setVisible(not problems)

    def problem_rows(self) -> list[tuple[str, str, str, str]]:
        return [tuple(self.problem_table.item(r, c).text() for c in range(4))
                for r in range(self.problem_table.rowCount())]

    def change_lines(self) -> list[str]:
        out = []
        for i in range(self.changes.topLevelItemCount()):
            top = self.changes.topLevelItem(i)
            out.append(top.text(0))
            out.extend(top.child(j).text(0) for j in range(top.childCount()))
        return out

    # ------------------------------------------------------------ import

    def do_import(self) -> bool:
        """All or nothing: the core writes every file in one transaction or none."""
        from desktop_app.core.packs import loader
        from desktop_app.core.playbooks.reader import PlaybookError

        if self.pack is None or self.problems:
            return False
        try:
            report = loader.import_pack(self.library, self.pack)
        except PlaybookError as exc:  # the library changed since the preview
            self.problems = list(exc.problems)
            self._show_report()
            self._show_problems(self.problems)
            self.import_button.setEnabled(False)
            return False
        self.summary.setText(tr("已导入：新增 {} 条，修改 {} 条，删除 {} 条。").format(
            report.added, report.changed, report.removed))
        self.import_button.setEnabled(False)
        self.imported.emit(report)
        return True


class PackExportDialog(QDialog):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        from desktop_app.core.library.documents import playbooks_by_industry

        self.library = library
        self.by_industry = playbooks_by_industry()
        self.setWindowTitle(tr("导出话术包"))
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.scope = QComboBox(self)
        self.scope.addItem(tr("整个话术库"), None)
        for key, label in INDUSTRIES.items():
            if key in self.by_industry:
                self.scope.addItem(tr(label), key)
        form.addRow(tr("导出"), self.scope)
        self.format = QComboBox(self)
        self.format.addItem(tr("Excel 表格 (.xlsx)"), "xlsx")
        self.format.addItem(tr("话术包 (.zip)"), "zip")
        form.addRow(tr("格式"), self.format)
        self.author = QLineEdit(self)
        self.author.setPlaceholderText(tr("话术包要写明作者"))
        self.pack_name = QLineEdit(self)
        self.pack_version = QLineEdit("1", self)
        form.addRow(tr("作者"), self.author)
        form.addRow(tr("名称"), self.pack_name)
        form.addRow(tr("版本"), self.pack_version)
        self.message = _label("", self)
        form.addRow(self.message)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(tr("导出…"), QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.pick_and_export)
        close.clicked.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._on_format)
        self._on_format()

    def _on_format(self) -> None:
        is_zip = self.format.currentData() == "zip"
        for field in (self.author, self.pack_name, self.pack_version):
            field.setEnabled(is_zip)

    def names(self) -> list[str] | None:
        industry = self.scope.currentData()
        return None if industry is None else list(self.by_industry.get(industry, []))

    def pick_and_export(self) -> None:
        fmt = self.format.currentData()
        suffix = ".xlsx" if fmt == "xlsx" else ".zip"
        default = (self.scope.currentText() if self.scope.currentData() else tr("话术库")) + suffix
        path, _ = QFileDialog.getSaveFileName(self, tr("导出话术包"), default, f"*{suffix}")
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> bool:
        from desktop_app.core.packs import loader

        path = Path(path)
        fmt = self.format.currentData()
        suffix = ".xlsx" if fmt == "xlsx" else ".zip"
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            if fmt == "xlsx":
                count = loader.export_xlsx(path, self.names())
            else:
                manifest = {"name": self.pack_name.text().strip() or path.stem,
                            "version": self.pack_version.text().strip() or "1",
                            "author": self.author.text().strip()}
                if not manifest["author"]:
                    self.message.setText(tr("话术包要写明作者"))
                    self.author.setFocus()
                    return False
                count = loader.export_yaml(path, self.names(), manifest=manifest, overwrite=True)
        except (loader.PackError, OSError) as exc:
            self.message.setText(tr("没有导出：") + tr(str(exc)))
            return False
        self.message.setText(tr("已导出 {} 个话术文件到 {}").format(count, str(path)))
        self.exported_path = path
        return True
