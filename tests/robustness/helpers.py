"""Small helpers shared by the robustness tests."""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from contextlib import contextmanager


def fingerprint(db) -> str:
    """A hash of every row of every table: equal fingerprints, unchanged database."""
    digest = hashlib.sha256()
    for table in sorted(db.get_tables()):
        digest.update(table.encode())
        for row in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@contextmanager
def time_limit(seconds: float):
    """Raise TimeoutError instead of hanging: at once where a signal can interrupt (POSIX, main
    thread), and in any case when the block ends late."""
    start = time.monotonic()
    armed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def alarm(_signum, frame):
        if frame is not None and frame.f_code.co_name in ("gc_callback", "__del__"):
            signal.setitimer(signal.ITIMER_REAL, 0.01)  # raised there it would be swallowed: soon again
            return
        raise TimeoutError(f"took longer than {seconds} s")

    if armed:
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - start > seconds:
        raise TimeoutError(f"took {time.monotonic() - start:.1f} s, longer than {seconds} s")
