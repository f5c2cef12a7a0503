"""A damaged database at start-up, and the daily backups that make it harmless.

Counter PCs get switched off mid-write and disks fail. Before the database is opened,
`recover_if_damaged` checks it (a few milliseconds); a damaged file is moved aside — renamed
with a time stamp beside the original, never deleted, so IT can still look at it — and the
newest good automatic backup takes its place. The bundled playbooks are then re-imported
(the library is rebuilt), while the agent's own data (usage, favourites, personal phrases,
settings, stress log) comes back as it was at that backup. The agent is told in plain words:
the notice stays in the database until the window has shown it (`Store.dismiss_notice`).

Backups: one a day, taken when the database is first opened that day with SQLite's online
backup API (consistent even while another process writes), the last 7 kept in `backups/`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from pathlib import Path

from peewee import SqliteDatabase

from desktop_app.core import paths
from desktop_app.core.library import sqlite_backend
from desktop_app.core.library.models import MetaValue, Playbook

log = logging.getLogger(__name__)

DAILY_PREFIX = "calmdesk-daily-"
MISSING = "文件不见了"
NOTICE_KEY = "recovery_notice"
SIDECARS = ("-wal", "-shm", "-journal")
# Errors that say "not now" rather than "broken": such a file is never moved aside.
_TRANSIENT = ("locked", "busy", "unable to open", "readonly", "read-only", "i/o error",
              "out of memory", "interrupted", "permission", "access")
# What SQLite says about a damaged file when it only notices while reading it.
_DAMAGE = ("malformed", "not a database", "corrupt", "disk image")


class DatabaseDamaged(Exception):
    """A damaged database that could not be moved aside (message in plain words)."""


def is_damage(message: str) -> bool:
    text = message.lower()
    return any(word in text for word in _DAMAGE) and not any(word in text for word in _TRANSIENT)


def backups_of(path: Path) -> Path:
    return path.parent / "backups"


def damage(path: Path) -> str | None:
    """Why `path` cannot be used as it is, or None when it is fine (or absent)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        # Deleted (or moved) with backups beside it: starting empty would silently drop the
        # agent's own phrases and stress log, which the backups still hold.
        return MISSING if newest_backups(backups_of(path)) else None
    if size == 0:
        # SQLite takes an empty file for a new database; ours never are once created, so an
        # empty file with backups beside it is a truncated one.
        return "文件是空的" if newest_backups(backups_of(path)) else None
    ok, result = sqlite_backend.integrity_ok(path)
    if ok:
        return None
    text = result.lower()
    if any(word in text for word in _TRANSIENT) and not any(word in text for word in _DAMAGE):
        log.warning("database check skipped: %s", result)  # busy or unreadable: not damage
        return None
    return result


def newest_backups(folder: Path) -> list[Path]:
    """Every automatic backup (daily and before-upgrade), newest first."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("calmdesk-*.db") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def recover_if_damaged(path: Path) -> str | None:
    reason = damage(path)
    return recover(path, reason) if reason else None


def recover(path: Path, reason: str) -> str:
    """Move the damaged file aside, put the newest good backup in its place; the notice."""
    log.error("database %s is damaged (%s); recovering", path, reason)
    if reason == MISSING:
        _move_sidecars_aside(path)
        restored = _restore_newest(path)
        if restored is None:
            return "数据库文件不见了，也没有可用的备份：已新建一个空的数据库。"
        when = dt.datetime.fromtimestamp(restored.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        return (f"数据库文件不见了（被删除或移走），已从 {when} 的自动备份恢复个人数据（常用次数、收藏、"
                "自己的话术、设置、压力记录），话术库已重建；此后的改动未能找回。")
    aside = _move_aside(path)
    restored = _restore_newest(path)
    if restored is None:
        return (f"数据库文件损坏，已另存为 {aside}，话术库已重建；没有找到可用的备份，"
                "个人数据（常用次数、收藏、自己的话术、设置、压力记录）未能恢复。")
    when = dt.datetime.fromtimestamp(restored.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return (f"数据库文件损坏，已另存为 {aside}，话术库已重建，个人数据（常用次数、收藏、自己的话术、"
            f"设置、压力记录）已从 {when} 的自动备份恢复，此后的改动未能找回。")


def _move_aside(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}-damaged-{stamp}-{n}{path.suffix}")
    try:
        # Sidecars first: a stale -wal left beside a new database would be replayed into it.
        for suffix in SIDECARS:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, f"{aside}{suffix}")
        os.replace(path, aside)
    except OSError as exc:
        raise DatabaseDamaged(
            f"数据库文件 {path} 已损坏，但无法移开（{exc.strerror or exc}）。"
            "请关闭所有 CalmDesk 窗口后再打开；如仍不行，请联系 IT。") from exc
    return aside


def _move_sidecars_aside(path: Path) -> None:
    """A -wal left beside a missing database would be replayed into the restored copy."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in SIDECARS:
        side = Path(f"{path}{suffix}")
        if side.exists():
            try:
                os.replace(side, path.with_name(f"{path.stem}-orphan-{stamp}{path.suffix}{suffix}"))
            except OSError as exc:
                log.warning("could not move %s aside: %s", side, exc)


def damaged_copies(path: Path) -> list[Path]:
    """Files moved aside by `recover` (they may hold the agent's data too)."""
    return sorted(p for p in path.parent.glob(f"{path.stem}-damaged-*{path.suffix}") if p.is_file())


def _restore_newest(path: Path) -> Path | None:
    for backup in newest_backups(backups_of(path)):
        ok, result = sqlite_backend.integrity_ok(backup)
        if not ok:
            log.warning("backup %s not usable: %s", backup, result)
            continue
        tmp = path.with_name(f".{path.name}.restoring")
        tmp.unlink(missing_ok=True)
        sqlite_backend.create_private(tmp)
        shutil.copyfile(backup, tmp)
        os.replace(tmp, path)  # all or nothing: a crash here leaves no half-copied database
        return backup
    return None


def after_open(store, notice: str | None) -> None:
    """Remember a new notice (or pick up one not yet shown) and rebuild the library after a restore."""
    if notice:
        with store.db.atomic():
            MetaValue.replace(key=NOTICE_KEY, value=notice).execute()
            # Forget the bundled files' hashes: the next sync re-imports them all.
            Playbook.update(sha256="").where(Playbook.origin == "bundled").execute()
        store.notice = notice
    else:
        row = MetaValue.get_or_none(MetaValue.key == NOTICE_KEY)
        store.notice = row.value if row else None


def dismiss(store) -> None:
    MetaValue.delete().where(MetaValue.key == NOTICE_KEY).execute()
    store.notice = None


def daily_backup(store, today: dt.date | None = None) -> Path | None:
    """Today's backup, unless it exists; a failure is logged, never stops the agent working."""
    folder = backups_of(store.path)
    target = folder / f"{DAILY_PREFIX}{(today or dt.date.today()):%Y%m%d}.db"
    if target.exists():
        return None
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        paths.private_dir(folder)
        _remove_stale_temps(folder)
        sqlite_backend.backup_to(store.db, tmp)
        # The copy keeps the WAL flag; a plain rollback-journal file can be checked read-only
        # later without leaving -wal/-shm files in backups/.
        copy = SqliteDatabase(str(tmp), pragmas={"journal_mode": "delete"})
        copy.connect()
        copy.close()
        os.replace(tmp, target)  # only a finished backup ever carries a backup's name
    except Exception as exc:  # noqa: BLE001 — a full disk must not stop the agent working
        log.warning("daily backup failed: %s", exc)
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in SIDECARS)):
            leftover.unlink(missing_ok=True)
        return None
    return target


def _remove_stale_temps(folder: Path) -> None:
    """Half-written backups of processes killed mid-copy (an hour old: not someone's live copy)."""
    for tmp in folder.glob(".*.tmp*"):
        try:
            if time.time() - tmp.stat().st_mtime > 3600:
                tmp.unlink()
        except OSError:
            pass
