"""The window's part of `calmdesk --selftest`: create the main window and paint it once."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from desktop_app.core.diagnostics.build_checks import expect
from desktop_app.ui.main_window import MainWindow
from desktop_app.core.settings.store import SettingsStore
from desktop_app.ui.i18n import tr


# What the offscreen platform says about every window it shows: true and harmless (it has no
# window manager to pass size hints to), and it buried the self-test's own lines.
KNOWN_OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)


@contextmanager
def quiet_offscreen_noise() -> Iterator[None]:
    """Drop Qt's known offscreen messages; every other message goes where it went before."""

    def handler(kind, context, message: str) -> None:
        if message in KNOWN_OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def paint_main_window(library, analyzer=None) -> str:
    with quiet_offscreen_noise():
        return _paint(library, analyzer)


def _paint(library, analyzer=None) -> str:
    """Create the main window with the library, wait for its first paint, grab it; a summary."""
    app = QApplication.instance() or QApplication(["calmdesk-selftest"])
    painted: list[float] = []
    start = time.perf_counter()
    window = MainWindow(SettingsStore(), library, analyzer)
    window.firstPainted.connect(lambda: painted.append(time.perf_counter() - start))
    try:
        window.show()
        deadline = time.perf_counter() + 5
        while not painted and time.perf_counter() < deadline:
            app.processEvents()
        expect(bool(painted), tr("窗口 5 秒内没有画出来（firstPainted 没有发出）"))
        shot = window.grab()
        expect(not shot.isNull() and shot.width() > 0 and shot.height() > 0, tr("窗口截图是空的"))
        return tr("{}×{}，创建到首次绘制 {:.0f} ms，平台 {}").format(
            shot.width(), shot.height(), painted[0] * 1000, app.platformName())
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
