"""Opening the CalmDesk database: create or migrate it, bind the models, back it up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from peewee import Database

from desktop_app.core import migrations, models, paths, sqlite_backend

BACKUPS_KEPT = 7


class Store:
    """An open database with its models bound. Use `open_store()`."""

    def __init__(self, db: Database, path: Path):
        self.db = db
        self.path = path

    def backup(self, label: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = paths.backup_dir() / f"calmdesk-{label}-{stamp}.db"
        return sqlite_backend.backup_to(self.db, target)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def open_store(path: Path | None = None) -> Store:
    path = Path(path) if path else paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_backend.open_database(path)
    models.database.initialize(db)
    store = Store(db, path)
    migrations.upgrade(db, before_migrating=lambda old: store.backup(f"before-upgrade-v{old}"))
    return store


def prune_backups(prefix: str = "calmdesk-daily-", keep: int = BACKUPS_KEPT) -> None:
    files = sorted(paths.backup_dir().glob(f"{prefix}*.db"))
    for old in files[:-keep]:
        old.unlink(missing_ok=True)
