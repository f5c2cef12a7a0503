"""Everything SQLite-specific lives here: connection pragmas, online backup, integrity check.

The peewee models in `models.py` are backend-neutral, so a contact centre can later bind them
to a central PostgreSQL library by writing a sibling of this module.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from pathlib import Path

from peewee import OperationalError, SqliteDatabase

from desktop_app.core import paths

# WAL: readers never block the writer and a power cut loses at most the last transaction.
# synchronous=NORMAL is durable in WAL mode except for the very last commit on power loss;
# FULL makes every reported commit survive, which is what an agent's log deserves.
PRAGMAS: dict[str, int | str] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    # A writer waits this long for another process's write (an import, a backup) to finish
    # rather than failing: imports hold the lock for their writes alone, seconds at most.
    "busy_timeout": 60_000,
    "cache_size": -16000,
}


BUSY_SECONDS = int(PRAGMAS["busy_timeout"]) / 1000


class CalmDeskDatabase(SqliteDatabase):
    """SQLite as CalmDesk uses it: every transaction takes the write lock when it begins, the
    file's identity is checked before each statement outside a transaction, and a rollback
    SQLite already did itself (disk full) is not reported instead of the real error.

    The identity check: when another process (the CLI) finds the database damaged, it renames
    the file aside and restores a backup under the real name. On Linux and macOS an open
    connection keeps writing into the renamed file and every write "succeeds" into a file
    nobody reads again. Before a statement or a transaction begins, the path's (device, inode)
    is compared with the one this connection opened; when they differ the connection is
    reopened on the new file first, so the write that was about to happen lands there.
    """

    on_reopen = None  # called after a reopen (the store brings the schema up to date)

    def _connect(self):
        conn = super()._connect()
        self._state.identity = _identity(self.database)
        return conn

    def begin(self, lock_type: str = "IMMEDIATE"):
        # A transaction that reads first and writes later would otherwise fail at once with
        # "database is locked" when the window and the CLI write at the same moment: SQLite
        # cannot let it wait, as its snapshot is already stale. IMMEDIATE waits its turn.
        self.reopen_if_swapped()
        return super().begin(lock_type)

    def execute_sql(self, sql, params=None, *args, **kwargs):
        if not self.in_transaction():
            self.reopen_if_swapped()
        return super().execute_sql(sql, params, *args, **kwargs)

    def rollback(self):
        try:
            return super().rollback()
        except OperationalError as exc:
            # SQLite rolls back by itself on SQLITE_FULL and some I/O errors; peewee's rollback
            # then fails and would hide the error that matters (disk full) behind this one.
            if "no transaction is active" not in str(exc):
                raise

    def reopen_if_swapped(self, wait: float = 10.0) -> bool:
        if self.is_closed() or getattr(self._state, "reopening", False):
            return False
        known = getattr(self._state, "identity", None)
        current = _identity(self.database)
        if known is None or current == known:
            return False
        deadline = time.monotonic() + wait
        while current is None and time.monotonic() < deadline:  # the recovering process is mid-way
            time.sleep(0.05)
            current = _identity(self.database)
        self._state.reopening = True
        try:
            self.close()
            self.connect()
            if self.on_reopen is not None:
                self.on_reopen()
        finally:
            self._state.reopening = False
        return True


def _identity(path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def open_database(path: Path | str) -> SqliteDatabase:
    create_private(path)
    db = CalmDeskDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, timeout=BUSY_SECONDS)
    db.connect(reuse_if_open=True)
    return db


def open_read_only(path: Path | str) -> SqliteDatabase:
    uri = f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"
    db = SqliteDatabase(uri, pragmas={"foreign_keys": 1}, check_same_thread=False, uri=True)
    db.connect()
    return db


def create_private(path: Path | str) -> None:
    """Create the file readable by its owner only (SQLite would make it 644); the -wal and
    -shm files SQLite makes later copy these permissions."""
    try:
        os.close(os.open(str(path), os.O_CREAT | os.O_RDONLY, 0o600))
    except FileExistsError:
        pass


def compact(db: SqliteDatabase) -> None:
    """Rewrite the file from live rows and empty the write-ahead log: deleted text is gone."""
    db.execute_sql("VACUUM")
    if str(db.pragma("journal_mode")).lower() == "wal":
        db.pragma("wal_checkpoint(TRUNCATE)")


def backup_to(db: SqliteDatabase, target: Path) -> Path:
    """A consistent copy of a live database (SQLite's online backup API)."""
    paths.private_dir(target.parent)
    create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    return target


def integrity_ok(path: Path | str) -> tuple[bool, str]:
    """Run `PRAGMA integrity_check` on a file without going through the models."""
    try:
        # as_uri() escapes # ? % and spaces: "file:/data#1/x.db?mode=ro" would open "/data".
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    result = "; ".join(str(r[0]) for r in rows)
    return result == "ok", result


# ---------------------------------------------------------------- who holds the write lock


def holder_path(db_path: Path | str) -> Path:
    return Path(f"{db_path}.writer")


@contextlib.contextmanager
def holding(db_path: Path | str, what: str):
    """Note, beside the database, which process is writing and what (for "database is locked").

    Best effort: a note that cannot be written, or is left by a killed process, only makes the
    message less precise (a dead pid is ignored)."""
    note = holder_path(db_path)
    try:
        create_private(note)
        note.write_text(json.dumps({"pid": os.getpid(), "what": what, "since": time.time()}, ensure_ascii=False),
                        encoding="utf-8")
        written = True
    except OSError:
        written = False
    try:
        yield
    finally:
        if written:
            with contextlib.suppress(OSError):
                if json.loads(note.read_text(encoding="utf-8")).get("pid") == os.getpid():
                    note.unlink()


def lock_holder(db_path: Path | str) -> str | None:
    """"进程 1234（导入话术包，已 35 秒）" when a live process left a note, else None."""
    try:
        info = json.loads(holder_path(db_path).read_text(encoding="utf-8"))
        pid, what, since = int(info["pid"]), str(info["what"]), float(info["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except (PermissionError, OSError):
            pass
    return f"进程 {pid}（{what}，已 {max(0, int(time.time() - since))} 秒）"


def describe_error(exc: BaseException, db_path: Path | str | None = None) -> str | None:
    """Plain words for a database error the agent can act on, or None for anything else."""
    text = str(exc).lower()
    errno = getattr(exc, "errno", None)
    if "database or disk is full" in text or errno == 28 or "no space left" in text:
        return "磁盘已满：数据没有保存。请清理磁盘空间后再试（已有的数据没有改动）。"
    if "database is locked" in text or "database table is locked" in text:
        holder = lock_holder(db_path) if db_path else None
        who = f"另一个程序（{holder}）" if holder else "另一个 CalmDesk 窗口或命令"
        return (f"数据库正被{who}写入，等了 {int(BUSY_SECONDS)} 秒仍未完成，这次没有保存。"
                "请等它完成后再试。")
    if "readonly" in text or "read-only" in text or errno == 30:
        return "数据目录是只读的（例如写保护的 U 盘），无法保存。请换到可写的位置，或设置 CALMDESK_HOME。"
    return None
