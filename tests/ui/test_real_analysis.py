"""The window with the core's real Analyzer (the other tests use a stand-in with its contract)."""

from __future__ import annotations

import pytest

from desktop_app.ui.main_window import MainWindow
from desktop_app.core.settings.store import SettingsStore
from desktop_app.ui.workers import make_suggester
from tests.ui.ime import search_and_wait

pytest.importorskip("desktop_app.core.analysis")


def test_a_complaint_gets_chips_red_words_and_a_checklist(qtbot, library):
    window = MainWindow(SettingsStore(), library, make_suggester(library))
    qtbot.addWidget(window)
    window.show()
    text = "你们怎么回事？卡被冻结了，我要找你们领导，不然就投诉到银保监会！"
    search_and_wait(qtbot, window, text)
    kinds = {chip.property("kind") for chip in window.strip.chips()}
    assert {"emotion", "flag"} <= kinds
    flags = {chip.property("key") for chip in window.strip.chips() if chip.property("kind") == "flag"}
    assert "escalation" in flags
    marked = [text[a:b] for a, b in window.query.marked_spans()]
    assert any("领导" in word for word in marked)
    qtbot.waitUntil(window.checklist.isVisible)  # the sample library has no checklist: a short note says so
    assert window.strip.chip("stage", window._analysis["stage"]).property("suggested") is True
