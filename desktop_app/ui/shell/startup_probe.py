"""Self-measurement for benchmarks/startup_bench.py (only when CALMDESK_STARTUP_PROBE is set).

Acts like an agent who pastes a complaint the moment the window appears, then types a
follow-up through an input method (preedit, then commit), and measures: launch → first
paint, launch → first answer, the longest the event loop was blocked, idle memory. Prints
one JSON line and quits.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

PASTE = "我的卡昨天突然被冻结了，取钱刷卡都不行，你们也不说原因，我要投诉你们，叫你们领导来！"
TYPED = [("dongjie", "冻结"), ("tuikuan", "退款"), ("jingli", "经理"), ("daoqian", "道歉")]
HEARTBEAT_MS = 5
KEY_INTERVAL_MS = 60


def _rss_mb() -> tuple[float | None, float | None]:
    """(current, peak) resident memory in MB, where the platform tells."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        pass
    try:
        import psutil

        info = psutil.Process().memory_info()
        return info.rss / 2**20, getattr(info, "peak_wset", 0) / 2**20 or None
    except ImportError:
        return None, None


class StartupProbe(QObject):
    def __init__(self, app: QApplication, window, launch_t: float):
        super().__init__(window)
        self.app, self.window, self.launch_t = app, window, launch_t
        self.result: dict = {}
        self._last_tick = 0.0
        self._gap_all = 0.0
        self._gap_typing = 0.0
        self._typing = False
        self._paste_t = 0.0
        self._search_ms: list[float] = []
        self._heartbeat = QTimer(self, interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
        self._heartbeat.timeout.connect(self._tick)
        window.firstPainted.connect(self._on_paint)
        window.resultsShown.connect(self._on_results)
        original = window.run_search

        def timed_search(*args, **kwargs):
            t = time.perf_counter()
            original(*args, **kwargs)
            if window.library is not None:
                self._search_ms.append((time.perf_counter() - t) * 1000)

        window.run_search = timed_search
        self._steps: list = []
        QTimer.singleShot(20_000, lambda: self._finish("timeout"))

    def _since_launch(self) -> float:
        return time.time() - self.launch_t

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last_tick:
            gap = (now - self._last_tick) * 1000
            self._gap_all = max(self._gap_all, gap)
            if self._typing:
                self._gap_typing = max(self._gap_typing, gap)
        self._last_tick = now

    def _on_paint(self) -> None:
        self.result["first_paint_s"] = round(self._since_launch(), 3)
        self._last_tick = time.perf_counter()
        self._heartbeat.start()
        self._paste_t = time.perf_counter()
        self._commit(PASTE)  # the agent pastes at once, before the library is even open

    def _commit(self, text: str, preedit: str = "") -> None:
        event = QInputMethodEvent(preedit, [])
        if not preedit:
            event.setCommitString(text)
        QApplication.sendEvent(self.window.query, event)

    def _on_results(self, query: str, count: int) -> None:
        if "first_answer_s" not in self.result and query == PASTE and count:
            self.result["first_answer_s"] = round(self._since_launch(), 3)
            self.result["paste_to_answer_ms"] = round((time.perf_counter() - self._paste_t) * 1000, 1)
            QTimer.singleShot(300, self._start_typing)  # let the analysis of the paste land

    def _start_typing(self) -> None:
        self.window.query.clear()
        for letters, word in TYPED:
            for i in range(1, len(letters) + 1):
                self._steps.append((word, letters[:i]))  # pinyin keystrokes: preedit grows
            self._steps.append((word, ""))  # then the IME commits the word
        self._typing = True
        self._next_key()

    def _next_key(self) -> None:
        if not self._steps:
            self._typing = False
            QTimer.singleShot(1000, lambda: self._finish("ok"))  # then sit idle for a second
            return
        word, preedit = self._steps.pop(0)
        self._commit(word, preedit)
        QTimer.singleShot(KEY_INTERVAL_MS, self._next_key)

    def _finish(self, status: str) -> None:
        if "status" in self.result:
            return
        rss, peak = _rss_mb()
        searches = sorted(self._search_ms)
        self.result.update(
            status=status,
            max_gap_after_show_ms=round(self._gap_all, 1),
            max_gap_typing_ms=round(self._gap_typing, 1),
            search_ms_median=round(searches[len(searches) // 2], 2) if searches else None,
            search_ms_max=round(searches[-1], 2) if searches else None,
            idle_rss_mb=round(rss, 1) if rss else None,
            peak_rss_mb=round(peak, 1) if peak else None,
            jieba_loaded="jieba" in sys.modules,
            pypinyin_loaded="pypinyin" in sys.modules,
            results_shown=self.window.results.count(),
            analysis=self.window.runner is not None,
        )
        print(json.dumps(self.result, ensure_ascii=False), flush=True)
        os.environ.pop("CALMDESK_STARTUP_PROBE", None)
        self.app.quit()
