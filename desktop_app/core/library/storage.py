"""Opening the CalmDesk database: check it, create or migrate it, bind the models, back it up.

A damaged file is handled by `recovery` before anything else touches it; `Store.notice` then
holds what happened in plain words for the window or the CLI to show.
"""

from __future__ import annotations

import datetime as dt
import os
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
        self.read_only = False  # a write-protected data dir: nothing is saved

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
    paths.private_dir(path.parent)
    if not os.access(path.parent, os.W_OK):
        return _open_read_only(path)
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


READ_ONLY_NOTICE = ("数据目录 {folder} 是只读的（例如写保护的 U 盘）：已以只读方式打开，可以搜索、分析和检查，"
                    "但不会保存任何改动（收藏、使用次数、自己的话术、压力记录）。")


def _open_read_only(path: Path) -> Store:
    """A write-protected stick or folder: read what is there, write nothing, say so.

    `immutable=1` lets SQLite read without creating -wal/-shm files or taking locks, which a
    read-only folder cannot hold; nothing else can write there either."""
    if not path.exists():
        raise paths.DataDirError(
            f"数据目录 {path.parent} 是只读的，里面还没有数据库，无法开始使用：请把 CalmDesk 放到可写的位置，"
            "或设置环境变量 CALMDESK_HOME 指向一个可写的文件夹。")
    db = sqlite_backend.open_read_only(path)
    models.database.initialize(db)
    store = Store(db, path)
    store.read_only = True
    store.notice = READ_ONLY_NOTICE.format(folder=path.parent)
    return store


def _open(path: Path) -> Store:
    db = sqlite_backend.open_database(path)
    try:
        models.database.initialize(db)
        store = Store(db, path)
        migrations.upgrade(db, before_migrating=lambda old: store.backup(f"before-upgrade-v{old}"))
        # Reopened on a file another process put in place (recovery): bring it up to date too.
        db.on_reopen = lambda: migrations.upgrade(db)
    except Exception:
        db.close()  # so a damaged file can be moved aside (Windows keeps open files in place)
        raise
    return store


def prune_backups(prefix: str = recovery.DAILY_PREFIX, keep: int = BACKUPS_KEPT, folder: Path | None = None) -> None:
    files = sorted((folder or paths.backup_dir()).glob(f"{prefix}*.db"))
    for old in files[:-keep]:
        old.unlink(missing_ok=True)
