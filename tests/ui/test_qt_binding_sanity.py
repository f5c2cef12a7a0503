"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 on Python 3.11).

That release dropped one reference to None on every void call and aborted the app with
"none_dealloc" after a few thousand clicks; pyproject.toml pins below it. This fails if a
leaking binding is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton


def test_void_calls_do_not_leak_references_to_none(qapp):
    button = QPushButton("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        button.click()
        button.setEnabled(True)
    assert sys.getrefcount(None) - before > -100
