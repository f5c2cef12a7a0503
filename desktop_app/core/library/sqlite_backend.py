"""Everything SQLite-specific lives here: connection pragmas, online backup, integrity check.

The peewee models in `models.py` are backend-neutral, so a contact centre can later bind them
to a central PostgreSQL library by writing a sibling of this module.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

# WAL: readers never block the writer and a power cut loses at most the last transaction.
# synchronous=NORMAL is durable in WAL mode except for the very last commit on power loss;
# FULL makes every reported commit survive, which is what an agent's log deserves.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": 5000,
    "cache_size": -16000,
}


def open_database(path: Path | str) -> SqliteDatabase:
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, timeout=5)
    _begin_immediate(db)
    db.connect(reuse_if_open=True)
    return db


def _begin_immediate(db: SqliteDatabase) -> None:
    """Every transaction takes the write lock when it begins, waiting its turn (busy timeout).

    A transaction that reads first and writes later would otherwise fail at once with
    "database is locked" when the window and the CLI write at the same moment: SQLite cannot
    let it wait, as its snapshot is already stale.
    """
    begin = db.begin
    db.begin = lambda lock_type="IMMEDIATE": begin(lock_type)


def compact(db: SqliteDatabase) -> None:
    """Rewrite the file from live rows and empty the write-ahead log: deleted text is gone."""
    db.execute_sql("VACUUM")
    if str(db.pragma("journal_mode")).lower() == "wal":
        db.pragma("wal_checkpoint(TRUNCATE)")


def backup_to(db: SqliteDatabase, target: Path) -> Path:
    """A consistent copy of a live database (SQLite's online backup API)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    return target


def integrity_ok(path: Path | str) -> tuple[bool, str]:
    """Run `PRAGMA integrity_check` on a file without going through the models."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    result = "; ".join(str(r[0]) for r in rows)
    return result == "ok", result
