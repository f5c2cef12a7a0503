"""`calmdesk --selftest` drops Qt's known offscreen noise and nothing else."""

from __future__ import annotations

from PySide6.QtCore import qInstallMessageHandler, qWarning

from desktop_app.ui.shell.paint_check import quiet_offscreen_noise


def test_only_the_known_offscreen_message_is_dropped(qapp):
    heard: list[str] = []
    outer = qInstallMessageHandler(lambda _kind, _context, message: heard.append(message))
    try:
        with quiet_offscreen_noise():
            qWarning("This plugin does not support propagateSizeHints()")
            qWarning("QPainter::begin: Paint device returned engine == 0")
        qWarning("This plugin does not support propagateSizeHints()")  # the filter is gone again
    finally:
        qInstallMessageHandler(outer)
    assert heard == ["QPainter::begin: Paint device returned engine == 0",
                     "This plugin does not support propagateSizeHints()"]
