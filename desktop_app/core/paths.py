"""Where CalmDesk keeps things.

User data goes to the per-user data dir (platformdirs) unless `CALMDESK_HOME` names another
folder (tests always set it) or the app runs portable (a `data` folder beside the executable,
or `--portable`). Bundled files (`playbooks/`, `resources/`) are found the same way from a
source checkout, an installed wheel and a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "CalmDesk"
_portable = False


def _app_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def bundle_dir() -> Path:
    """The folder holding `playbooks/` and `resources/` (sys._MEIPASS when frozen)."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    return _app_dir()


def resources_dir() -> Path:
    return bundle_dir() / "resources"


def bundled_playbooks_dir() -> Path:
    return bundle_dir() / "playbooks"


def enable_portable() -> None:
    global _portable
    _portable = True


def is_portable() -> bool:
    return _portable or (getattr(sys, "frozen", False) and (_app_dir() / "data").is_dir())


def data_dir() -> Path:
    """Where the database, backups and logs live; created on first use."""
    home = os.environ.get("CALMDESK_HOME")
    if home:
        path = Path(home)
    elif is_portable():
        path = _app_dir() / "data"
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Rebuildable files (jieba's dictionary cache): never the system temp dir."""
    home = os.environ.get("CALMDESK_HOME")
    if home or is_portable():
        path = data_dir() / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    return data_dir() / "logs"


def database_path() -> Path:
    return data_dir() / "calmdesk.db"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
