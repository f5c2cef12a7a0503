"""Qt's own dialogs (the file picker) speak the UI language: Qt's bundled translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop_app.ui import i18n, qt_translations


def test_the_file_dialog_speaks_chinese_then_traditional(qapp, qtbot):
    try:
        assert qt_translations.install(qapp, i18n.SIMPLIFIED)
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        dialog = QFileDialog(None, "导入话术包")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        box = dialog.findChild(QDialogButtonBox)
        texts = {b.text() for b in box.buttons()}
        assert "Cancel" not in texts and any("取消" in t for t in texts)
        assert qt_translations.install(qapp, i18n.TRADITIONAL)
        assert "取消" in QCoreApplication.translate("QPlatformTheme", "Cancel")
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "查找范围："  # zh_TW, not zh_CN
    finally:
        qt_translations.install(qapp, i18n.SIMPLIFIED)
