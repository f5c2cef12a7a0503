"""Qt's own words (the file dialog's Look in / File name / Open / Cancel, the standard buttons)
in the UI language, from the translations PySide6 ships with Qt: offline, nothing to download.

The window's own strings go through `i18n.tr`; these are the strings Qt writes itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desktop_app.ui.i18n import SIMPLIFIED, TRADITIONAL

_QM = {SIMPLIFIED: "qtbase_zh_CN", TRADITIONAL: "qtbase_zh_TW"}
_installed: QTranslator | None = None


def install(app: QCoreApplication, language: str) -> bool:
    """Use Qt's translation for `language` instead of the one installed before; False when
    this Qt has no such file (Qt then speaks English, as before)."""
    global _installed
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(_QM.get(language, _QM[SIMPLIFIED]), folder):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
