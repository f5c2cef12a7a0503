"""Opening the CalmDesk database: check it, create or migrate it, bind the models, back it up.

A damaged file is handled by `recovery` before anything else touches it; `Store.notice` then
holds what happened in plain words for the window or the CLI to show.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from peewee import Database, DatabaseError

from desktop_app.core import paths

from desktop_app.core.library import migrations

from desktop_app.core.library import models

from desktop_app.core.library import recovery

from desktop_app.core.library import sqlite_backend
BACKUPS_KEPT = 7


class Store:
    """An open database with its models bound. Use `open_store()`."""

    def __init__(self, db: Database, path: Path):
        self.db = db
        self.path = path
        self.notice: str | None = None  # set after a recovery until the agent has seen it

    def backup(self, label: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = recovery.backups_of(self.path) / f"calmdesk-{label}-{stamp}.db"
        return sqlite_backend.backup_to(self.db, target)

    def dismiss_notice(self) -> None:
        recovery.dismiss(self)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def open_store(path: Path | None = None) -> Store:
    path = Path(path) if path else paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    notice = recovery.recover_if_damaged(path)
    try:
        store = _open(path)
    except DatabaseError as exc:  # damage the start-up check did not see
        if notice or not recovery.is_damage(str(exc)):
            raise
        notice = recovery.recover(path, str(exc))
        store = _open(path)
    recovery.after_open(store, notice)
    recovery.daily_backup(store)
    prune_backups(folder=recovery.backups_of(path))
    return store


def _open(path: Path) -> Store:
    db = sqlite_backend.open_database(path)
    try:
        models.database.initialize(db)
        store = Store(db, path)
        migrations.upgrade(db, before_migrating=lambda old: store.backup(f"before-upgrade-v{old}"))
    except Exception:
        db.close()  # so a damaged file can be moved aside (Windows keeps open files in place)
        raise
    return store


def prune_backups(prefix: str = recovery.DAILY_PREFIX, keep: int = BACKUPS_KEPT, folder: Path | None = None) -> None:
    files = sorted((folder or paths.backup_dir()).glob(f"{prefix}*.db"))
    for old in files[:-keep]:
        old.unlink(missing_ok=True)
