"""A 1 MB paste keeps the window responsive: the input keeps what search reads, no more."""

from __future__ import annotations

import time

from PySide6.QtCore import QMimeData, Qt, QTimer

from desktop_app.core.search.index import MAX_QUERY_CHARS


def test_a_one_megabyte_paste_does_not_block_the_event_loop(win, qtbot):
    text = ("我的卡被冻结了，你们到底什么时候给我解决？" * 50_000)[:1_000_000]
    mime = QMimeData()
    mime.setText(text)

    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer(interval=5, timerType=Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    try:
        qtbot.wait(30)
        last[0] = time.perf_counter()
        with qtbot.waitSignal(win.resultsShown, timeout=5000):
            win.query.insertFromMimeData(mime)
        qtbot.waitUntil(lambda: win._analysis is not None, timeout=5000)
        qtbot.wait(100)
    finally:
        heartbeat.stop()
    assert len(win.query.toPlainText()) == MAX_QUERY_CHARS
    assert win.toast.isVisible() and "只保留了前" in win.toast.text()
    assert win.results.results.rowCount() > 0
    assert max(gaps) < 0.5, f"event loop blocked for {max(gaps) * 1000:.0f} ms"
    # The analyzer never sees more than search reads.
    assert max(len(t) for t in win.runner.suggester.calls) <= MAX_QUERY_CHARS
