"""Qt's own dialogs (the file picker) speak the UI language: Qt's bundled translations, plus the
two labels Qt's Chinese files lack, and 繁體 where Qt's zh_TW file has gaps."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from desktop_app.ui import i18n, qt_translations

LABELS = (QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName, QFileDialog.DialogLabel.FileType,
          QFileDialog.DialogLabel.Accept, QFileDialog.DialogLabel.Reject)


def _labels(qtbot) -> list[str]:
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    return [dialog.labelText(label) for label in LABELS]


def test_the_file_dialog_speaks_chinese_then_traditional(qapp, qtbot):
    try:
        assert qt_translations.install(qapp, i18n.SIMPLIFIED)
        assert _labels(qtbot) == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)：", "打开(&O)", "取消"]
        assert qt_translations.install(qapp, i18n.TRADITIONAL)
        assert _labels(qtbot) == ["查找範圍(&L)：", "檔名(&N)：", "文件類型(&T)：", "開啟(&O)", "取消"]
        # what no file translates stays as Qt wrote it, never blank
        assert QCoreApplication.translate("QFileDialog", "no such string") == "no such string"
    finally:
        qt_translations.remove(qapp)
    assert _labels(qtbot)[0] == "&Look in:"
