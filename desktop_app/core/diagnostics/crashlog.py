"""Unexpected errors go to the log file in the data dir, not in front of the user.

They travel through the same logger as every warning (diagnostics.logfile), so the numbers
in them are masked the same way and a trainer finds everything in one file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.core.diagnostics import logfile

log = logging.getLogger("desktop_app.crash")


def record(exc: BaseException) -> Path | None:
    """Log `exc` with its traceback; the log file's path to show the user, or None when there
    is nowhere to write (the data dir itself is the problem)."""
    path = logfile.configure()
    log.error("未预料的错误：%s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
    logfile.flush()
    return path
