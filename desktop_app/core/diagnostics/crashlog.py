"""Unexpected errors go to a log file in the data dir, not in front of the user."""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path

from desktop_app.core import paths, privacy


def record(exc: BaseException) -> Path:
    log = paths.log_dir() / "errors.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {_dt.datetime.now().isoformat(timespec='seconds')}\n")
            # An error message can quote what the customer said: mask numbers before writing.
            fh.write(privacy.mask("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))))
    except OSError:
        pass
    return log
