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
    db.connect(reuse_if_open=True)
    return db


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
