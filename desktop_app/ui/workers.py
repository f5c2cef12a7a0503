"""Slow work kept off the GUI thread: opening the library, analysing what the customer said.

Both go through ui.ops (QueryOp, LatestOp). A pure-Python worker still shares the GIL, but
Python hands it over every 5 ms when the GUI thread asks, so the window keeps painting.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core.diagnostics import crashlog
from desktop_app.core.search.index import MAX_QUERY_CHARS
from desktop_app.ui.ops import LatestOp, QueryOp
from desktop_app.ui.i18n import tr

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
    """Opens the database and builds the search index, then the analyzer, on the library thread.

    The library is handed over as soon as it can answer; the analyzer (its lexicons take
    ~0.1 s to compile) follows once the first answer is on screen (`resume()`), because two
    threads running Python share one GIL and the first search slowed ~8x beside it.
    """

    loaded = Signal(object)  # Library
    analyzerReady = Signal(object)  # the analyzer, or None when there is none
    failed = Signal(str)
    RESUME_TIMEOUT_MS = 2000

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scenarios: list | None = None
        self._resumed = False
        self._analyzer_started = False

    def start(self) -> None:
        QueryOp(self, _open_library, success=self._on_opened, failure=self._on_failed).run()

    def resume(self) -> None:
        """The window has shown its first answer: the analyzer may be built now."""
        self._resumed = True
        if self._scenarios is None or self._analyzer_started:
            return
        self._analyzer_started = True
        scenarios = self._scenarios
        QueryOp(self, lambda: make_analyzer(scenarios), success=self.analyzerReady.emit,
                failure=self._on_analyzer_failed).run()

    def _on_opened(self, opened) -> None:
        library, self._scenarios = opened
        self.loaded.emit(library)
        if self._resumed:
            self.resume()
        else:
            QTimer.singleShot(self.RESUME_TIMEOUT_MS, self.resume)

    def _on_failed(self, exc: BaseException) -> None:
        where = crashlog.record(exc)  # shown to the agent as one line, logged in full
        self.failed.emit(tr('{}: {}（详情：{}）').format(type(exc).__name__, exc, where))

    def _on_analyzer_failed(self, exc: BaseException) -> None:
        crashlog.record(exc)  # the window works without analysis
        self.analyzerReady.emit(None)


def _open_library():
    from desktop_app.core.library.facade import open_library

    library = open_library()  # first start: imports the bundled playbooks
    library.index  # build it here, not on the first keystroke
    return library, library.scenario_triggers()


class AnalysisRunner(LatestOp):
    """Reads the latest text the agent pasted; a text overtaken while waiting is skipped."""

    def __init__(self, analyzer, parent=None):
        super().__init__(self._analyze, "calmdesk-analysis", parent)
        self.analyzer = analyzer

    def submit(self, text: str) -> int:
        return super().submit(text[:MAX_QUERY_CHARS])  # a huge paste is read from its capped head

    def _analyze(self, text: str):
        return self.analyzer.analyze(text) if text.strip() else None
