"""Slow work kept off the GUI thread: opening the library, reading what the customer said.

Both go through ui.ops (QueryOp, LatestOp). A pure-Python worker still shares the GIL, but
Python hands it over every 5 ms when the GUI thread asks, so the window keeps painting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core.diagnostics import crashlog
from desktop_app.core.search.index import MAX_QUERY_CHARS
from desktop_app.ui.ops import LatestOp, QueryOp
from desktop_app.ui.i18n import tr

log = logging.getLogger(__name__)


def make_suggester(library):
    """The core's one suggestion path for a library (reading + phrases); None without it."""
    try:
        from desktop_app.core.suggest import Suggester
    except ImportError as exc:
        log.warning("suggestions not available: %s", exc)
        return None
    return Suggester(library)


class LibraryLoader(QObject):
    """Opens the database and builds the search index, then the suggester, on the library thread.

    The library is handed over as soon as it can answer; the suggester (lexicons and the
    scenario model trained from the 客户原话) follows once the first answer is on screen
    (`resume()`), because two threads running Python share one GIL and the first search
    slowed ~8x beside it.
    """

    loaded = Signal(object)  # Library
    analyzerReady = Signal(object)  # the Suggester, or None when there is none
    failed = Signal(str)
    noticed = Signal(str)  # one line for the agent: a trainer's presets applied (or refused)
    RESUME_TIMEOUT_MS = 2000

    def __init__(self, parent=None, settings=None):
        super().__init__(parent)
        self.settings = settings  # the window's SettingsStore: a trainer's presets update it
        self._library = None
        self._resumed = False
        self._analyzer_started = False

    def start(self) -> None:
        settings = self.settings
        QueryOp(self, lambda: _open_library(settings), success=self._on_opened, failure=self._on_failed).run()

    def resume(self) -> None:
        """The window has shown its first answer: the analyzer may be built now."""
        self._resumed = True
        if self._library is None or self._analyzer_started:
            return
        self._analyzer_started = True
        library = self._library
        QueryOp(self, lambda: make_suggester(library), success=self.analyzerReady.emit,
                failure=self._on_analyzer_failed).run()

    def _on_opened(self, opened) -> None:
        library, told = opened
        self._library = library
        self.loaded.emit(library)
        if told:
            self.noticed.emit(told)
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


def _open_library(settings=None):
    from desktop_app.core.library.facade import open_library

    library = open_library()  # first start: imports the bundled playbooks
    told = _apply_presets(library, settings) if settings is not None else None
    library.index  # build it here, not on the first keystroke
    return library, told


def _apply_presets(library, settings) -> str | None:
    """A trainer's presets beside the executable, once (core.handout.presets): before the index
    is built, so the pack they bring answers the first search."""
    from desktop_app.core.handout import presets

    if library.store.read_only:
        return None
    return presets.apply_on_first_start(library, settings)


@dataclass(frozen=True)
class Request:
    """What the window asks for: the customer's text and the agent's filters."""

    text: str
    industry: str | None = None
    scenario: str | None = None
    persona: str | None = None
    stage: str | None = None
    channel: str | None = None  # the agent's channel and role (settings): what may be said
    role: str | None = None
    limit: int = 50
    keep_uid: str | None = None  # the row the agent had picked, kept when it is still listed


class SuggestRunner(LatestOp):
    """Runs the core's one suggestion path for the newest text only: the reading and the
    ranked phrases in one pass (an empty text gets the industry's openers)."""

    def __init__(self, suggester, parent=None):
        super().__init__(self._suggest, "calmdesk-suggest", parent)
        self.suggester = suggester

    def submit(self, request: Request) -> int:  # type: ignore[override]
        return super().submit(request)

    def _suggest(self, request: Request):
        return self.suggester.suggest(request.text[:MAX_QUERY_CHARS], industry=request.industry,
                                      scenario=request.scenario, persona=request.persona, stage=request.stage,
                                      channel=request.channel, role=request.role, limit=request.limit)
