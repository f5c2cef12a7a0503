"""Slow work kept off the GUI thread: opening the library, analysing what the customer said.

Plain Python threads hand their results back through Qt signals (queued to the GUI thread).
A pure-Python worker still shares the GIL, but Python hands it over every 5 ms when the GUI
thread asks, so the window keeps painting and taking keys.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from desktop_app.core.diagnostics import crashlog
from desktop_app.core.search.index import MAX_QUERY_CHARS

log = logging.getLogger(__name__)


def make_analyzer(library_or_triggers):
    """The core's analyzer for a library (or its scenario triggers); None without that module."""
    try:
        from desktop_app.core.analysis import Analyzer
    except ImportError as exc:
        log.warning("analysis not available: %s", exc)
        return None
    triggers = library_or_triggers
    if hasattr(triggers, "scenario_triggers"):
        triggers = triggers.scenario_triggers()
    return Analyzer(scenarios=triggers)


class LibraryLoader(QObject):
    """Opens the database and builds the search index, then the analyzer, in a thread.

    The library is handed over as soon as it can answer; the analyzer (its lexicons take
    ~0.1 s to compile) follows, so the first answer does not wait for it.
    """

    loaded = Signal(object)  # Library
    analyzerReady = Signal(object)  # the analyzer, or None when there is none
    failed = Signal(str)
    RESUME_TIMEOUT_S = 2.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._resume = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, name="calmdesk-library", daemon=True).start()

    def resume(self) -> None:
        """The window has shown its first answer: the analyzer may be built now."""
        self._resume.set()

    def _run(self) -> None:
        try:
            from desktop_app.core.library.facade import open_library

            library = open_library()  # first start: imports the bundled playbooks
            library.index  # build it here, not on the first keystroke
            scenarios = library.scenario_triggers()
            # peewee keeps one connection per thread: close this thread's; the GUI thread opens its own.
            library.store.db.close()
        except Exception as exc:  # noqa: BLE001 — shown to the agent as one line, logged in full
            where = crashlog.record(exc)
            self.failed.emit(f"{type(exc).__name__}: {exc}（详情：{where}）")
            return
        self.loaded.emit(library)
        # Wait for the first answer to be on screen: two threads running Python share one GIL,
        # and the GUI thread's first search slowed ~8x while the analyzer compiled beside it.
        self._resume.wait(self.RESUME_TIMEOUT_S)
        try:
            analyzer = make_analyzer(scenarios)
        except Exception as exc:  # noqa: BLE001 — the window works without analysis
            crashlog.record(exc)
            analyzer = None
        self.analyzerReady.emit(analyzer)


class AnalysisRunner(QObject):
    """Analyses the latest text in one background thread; stale requests are skipped."""

    finished = Signal(int, str, object)  # request number, text, result dict (or None)

    def __init__(self, analyzer, parent=None):
        super().__init__(parent)
        self.analyzer = analyzer
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pending: tuple[int, str] | None = None
        self._serial = 0
        self._thread: threading.Thread | None = None

    def submit(self, text: str) -> int:
        with self._lock:
            self._serial += 1
            self._pending = (self._serial, text[:MAX_QUERY_CHARS])
            serial = self._serial
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="calmdesk-analysis", daemon=True)
            self._thread.start()
        self._wake.set()
        return serial

    @property
    def latest(self) -> int:
        return self._serial

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            with self._lock:
                job, self._pending = self._pending, None
                self._wake.clear()
            if job is None:
                continue
            serial, text = job
            try:
                result = self.analyzer.analyze(text) if text.strip() else None
            except Exception as exc:  # noqa: BLE001 — a bad analysis must not take the window down
                crashlog.record(exc)
                result = None
            try:
                self.finished.emit(serial, text, result)
            except RuntimeError:  # the receiver is gone (window closed while analysing)
                return
