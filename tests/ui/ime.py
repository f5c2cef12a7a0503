"""Typing Chinese the way an input method does (qtbot.keyClicks with CJK aborts the process)."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def preedit(widget, letters: str) -> None:
    """The IME shows `letters` as an open composition (nothing committed yet)."""
    QApplication.sendEvent(widget, QInputMethodEvent(letters, []))


def commit(widget, text: str) -> None:
    """The IME closes the composition and inserts `text`."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_pinyin(widget, letters: str, text: str) -> None:
    for i in range(1, len(letters) + 1):
        preedit(widget, letters[:i])
    commit(widget, text)


def search_and_wait(qtbot, window, text: str) -> list:
    """Commit `text` through the IME; wait for the answers and, if there is one, the analysis."""
    with qtbot.waitSignal(window.resultsShown, timeout=3000):
        commit(window.query, text)
    if window.runner is not None and text.strip():
        qtbot.waitUntil(lambda: window._analysis is not None, timeout=3000)
    return window.results.results.hits()
