"""One rotating log file in the data dir, numbers masked, for whoever diagnoses a PC.

Every module logs through `logging.getLogger(__name__)` (all under "desktop_app"); this module
gives that tree one handler: `logs/calmdesk.log`, rotated at 1 MB with three old copies kept,
private to the user. What the customer said can reach a log line (an error message quoting
the input), so every line passes the privacy filter before it is written. The Windows build
has no console: without this file the warnings (damaged database, failed backup, bundled
playbooks not imported) went nowhere. `calmdesk --log-level DEBUG` turns up the detail.
"""

from __future__ import annotations

import logging
import os
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop_app.core import paths, privacy

LOG_NAME = "calmdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
ROOT = "desktop_app"

_handler: RotatingFileHandler | None = None
_level = "WARNING"
# Without a file (an unwritable data dir) records go nowhere, never to the user's console:
# Python's last-resort handler would print tracebacks there.
logging.getLogger(ROOT).addHandler(logging.NullHandler())


class MaskNumbers(logging.Filter):
    """Masks phone, card and ID numbers in the message and the traceback of a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = privacy.mask(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = privacy.mask("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        return True


def log_path() -> Path:
    return paths.log_dir() / LOG_NAME


def configure(level: str | None = None) -> Path | None:
    """Attach the log file of the current data dir (again, if the data dir changed).

    Returns its path, or None when the folder cannot be written (the app goes on without it).
    """
    global _handler, _level
    if level is not None:
        _level = level.upper() if level.upper() in LEVELS else "WARNING"
    root = logging.getLogger(ROOT)
    root.setLevel(_level)
    try:
        path = log_path()  # the data dir itself may be what cannot be made: the command says so
    except OSError:
        return None
    if _handler is not None and Path(_handler.baseFilename) == path.absolute():
        return path
    try:
        paths.private_dir(path.parent)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        if os.name == "posix":
            os.chmod(path, 0o600)
    except (OSError, paths.DataDirError):
        return None
    handler.addFilter(MaskNumbers())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"))
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    _handler = handler
    return path


def flush() -> None:
    if _handler is not None:
        _handler.flush()
