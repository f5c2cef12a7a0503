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


class DataDirError(OSError):
    """The data dir cannot be created or written; the message says which folder and why."""


def private_dir(path: Path) -> Path:
    """Create `path` readable by the user alone (700); tighten it when it exists wider.

    Customers' masked words, the agent's stress log and backups are nobody else's business on
    a shared counter PC."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(
            f"无法创建数据目录 {path}（{exc.strerror or exc}）：请检查权限，"
            "或设置环境变量 CALMDESK_HOME 指向一个可写的文件夹。") from None
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:
        pass  # a folder we cannot chmod (another owner, FAT stick): still usable
    return path


def _app_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def app_dir() -> Path:
    """The folder of the executable when frozen (a trainer's presets sit there), the source
    checkout's root otherwise."""
    return _app_dir()


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


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
    return private_dir(path)


def cache_dir() -> Path:
    """Rebuildable files (jieba's dictionary cache): never the system temp dir."""
    home = os.environ.get("CALMDESK_HOME")
    if home or is_portable():
        path = data_dir() / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def log_dir() -> Path:
    return data_dir() / "logs"


def database_path() -> Path:
    return data_dir() / "calmdesk.db"


def backup_dir() -> Path:
    return private_dir(data_dir() / "backups")
