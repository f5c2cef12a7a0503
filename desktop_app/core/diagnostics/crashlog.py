"""Unexpected errors go to a log file in the data dir, not in front of the user."""

from __future__ import annotations

import datetime as _dt
import os
import traceback
from pathlib import Path

from desktop_app.core import paths, privacy


def record(exc: BaseException) -> Path | None:
    """The log file written, or None when there is nowhere to write (the data dir is the problem)."""
    try:
        log = paths.private_dir(paths.log_dir()) / "errors.log"
        with os.fdopen(os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a", encoding="utf-8") as fh:
            fh.write(f"--- {_dt.datetime.now().isoformat(timespec='seconds')}\n")
            # An error message can quote what the customer said: mask numbers before writing.
            fh.write(privacy.mask("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))))
    except OSError:
        return None
    return log
