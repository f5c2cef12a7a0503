"""Qt's own words (the file dialog's Look in / File name / Open / Cancel, the standard buttons)
in the UI language, from the translations PySide6 ships with Qt: offline, nothing to download.

The window's own strings go through `i18n.tr`; these are the strings Qt writes itself.
Qt's zh_TW file is incomplete (no 「Look in:」, no 「Files of type:」), so for 繁體 what it lacks
comes from zh_CN, converted the way every other string is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desktop_app.core import textnorm
from desktop_app.ui.i18n import SIMPLIFIED, TRADITIONAL

_installed: QTranslator | None = None


# What Qt's own Chinese files lack on the file dialog (both zh_CN and zh_TW): it showed these
# two in English between Chinese labels.
_MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class _Chinese(QTranslator):
    """Qt's zh_TW (for 繁體) where it has the string, else zh_CN, else the few strings Qt's files
    lack; for 繁體 the Simplified ones are converted the way every other string is."""

    def __init__(self, china: QTranslator, taiwan: QTranslator | None, parent=None):
        super().__init__(parent)
        self.china, self.taiwan = china, taiwan

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        if self.taiwan is not None:
            found = self.taiwan.translate(context, source, disambiguation, n)
            if found:
                return found
        found = self.china.translate(context, source, disambiguation, n) or _MISSING.get((context, source))
        if not found:
            return None  # not translated: Qt keeps its English (an empty string would blank the label)
        return textnorm.to_traditional(found) if self.taiwan is not None else found


def _load(name: str, parent) -> QTranslator | None:
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(name, folder) else None


def remove(app: QCoreApplication) -> None:
    """Qt speaks its own English again."""
    global _installed
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None


def install(app: QCoreApplication, language: str) -> bool:
    """Use Qt's translation for `language` instead of the one installed before; False when
    this Qt has no such file (Qt then speaks English, as before)."""
    global _installed
    remove(app)
    china = _load("qtbase_zh_CN", app)
    if china is None:
        return False
    taiwan = (_load("qtbase_zh_TW", app) or QTranslator(app)) if language == TRADITIONAL else None
    translator = _Chinese(china, taiwan, app)
    app.installTranslator(translator)
    _installed = translator
    return True


__all__ = ["SIMPLIFIED", "TRADITIONAL", "install", "remove"]
