"""Work off the GUI thread, result or error back on it — one helper for the whole window.

In the spirit of Anki's QueryOp/CollectionOp: `QueryOp(parent, op, success, failure).run()`
runs `op()` on the library's one background thread and calls `success(result)` or
`failure(exc)` on the GUI thread. One thread for every database operation means one SQLite
connection in the background and writes that never race each other. `LatestOp` is the
keep-only-the-latest variant for the reading while the agent types: a request that was
overtaken before it started is dropped, and only the newest answer is delivered.

Neither ever raises into Qt: an error reaches `failure` (or the crash log when none is given).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from desktop_app.core.diagnostics import crashlog

# The library's background thread: all database work the window starts runs here, in order.
_library_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="calmdesk-library")


class _Relay(QObject):
    """Lives on the GUI thread; a queued signal carries a finished op's outcome back to it."""

    finished = Signal(object, object, object)  # op, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _deliver(op: QueryOp, result: Any, error: BaseException | None) -> None:
        op._deliver(result, error)


_relay: _Relay | None = None


def _get_relay() -> _Relay:
    global _relay
    if _relay is None:  # created on first use, from the GUI thread (ops are started there)
        _relay = _Relay()
    return _relay


class QueryOp:
    """Run `op()` in the background; `success(result)` or `failure(exc)` on the GUI thread.

    `parent` ties the op to a widget: if it is destroyed before the op finishes, nothing is
    delivered (no callback into a deleted window).
    """

    _running: set[QueryOp] = set()  # keeps ops alive until they are delivered

    def __init__(self, parent: QObject | None, op: Callable[[], Any],
                 success: Callable[[Any], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None,
                 executor: ThreadPoolExecutor | None = None) -> None:
        self.parent, self.op, self.success, self.failure = parent, op, success, failure
        self._executor = executor or _library_thread
        self._parent_gone = False
        if parent is not None:
            parent.destroyed.connect(self._forget_parent)

    def _forget_parent(self, *_args) -> None:
        self._parent_gone = True

    def run(self) -> Future:
        relay = _get_relay()
        QueryOp._running.add(self)
        future = self._executor.submit(self.op)
        future.add_done_callback(lambda f: relay.finished.emit(self, *_outcome(f)))
        return future

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        QueryOp._running.discard(self)
        if self._parent_gone:
            return
        if error is None:
            if self.success is not None:
                self.success(result)
        elif self.failure is not None:
            self.failure(error)
        else:
            crashlog.record(error)


def _outcome(future: Future) -> tuple[Any, BaseException | None]:
    if future.cancelled():
        return None, None
    error = future.exception()
    return (None, error) if error is not None else (future.result(), None)


class LatestOp(QObject):
    """Run `work(arg)` for the newest request only, on a thread of its own.

    `submit(arg)` returns a serial number; `done(serial, arg, result)` fires on the GUI thread
    for a request that is still the newest when it finishes. Errors go to the crash log and
    deliver None, so a bad input never stops the reading of the next one.
    """

    done = Signal(int, object, object)  # serial, argument, result (None after an error)

    def __init__(self, work: Callable[[Any], Any], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._serial = 0
        self._queued: Future | None = None

    @property
    def latest(self) -> int:
        return self._serial

    def submit(self, arg: Any) -> int:
        with self._lock:
            self._serial += 1
            serial = self._serial
            if self._queued is not None:
                self._queued.cancel()  # overtaken before it started: never run it
            self._queued = self._executor.submit(self._run, serial, arg)
        return serial

    def _run(self, serial: int, arg: Any) -> None:
        if serial != self._serial:
            return  # a newer request came in while this one waited
        try:
            result = self.work(arg)
        except Exception as exc:  # noqa: BLE001 — one bad text must not stop the next reading
            crashlog.record(exc)
            result = None
        if serial != self._serial:
            return
        try:
            self.done.emit(serial, arg, result)
        except RuntimeError:  # the receiver is gone (window closed meanwhile)
            pass
