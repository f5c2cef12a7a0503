"""A damaged database at start-up: kept aside, library rebuilt, agent data back from the newest backup.

Also the daily backups themselves: taken on the first open of a day, last 7 kept, and a busy
database is never mistaken for a damaged one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import re
import sqlite3

import pytest

from desktop_app.core import paths

from desktop_app.core.library import models

from desktop_app.core.library import recovery

from desktop_app.core.library import sqlite_backend

from desktop_app.core.library import storage
from desktop_app.core.library.facade import open_library

try:
    from desktop_app.core.stress.stress_log import StressLog
except ImportError:  # the stress log is newer than this test
    StressLog = None

TODAY = dt.date.today().strftime("%Y%m%d")


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def bundled(monkeypatch, sample_dir):
    # The sample playbooks play the bundled ones, so "rebuilt from the playbooks" is checkable.
    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    return sample_dir


def _write_agent_data(library, tag: str) -> str:
    """Usage, a favourite, a personal phrase, a setting and a stress entry, all marked with `tag`."""
    uid = library.search("冻结", limit=1)[0].doc.uid
    for _ in range(3):
        library.record_use(uid)
    library.set_favourite(f"fav:{tag}", True)
    library.add_personal(f"我的话术{tag}", stage="act", scenario="t_refund")
    models.Setting.replace(key=f"ui.{tag}", value="16").execute()
    if StressLog:
        StressLog(library.store.db, profile="agent").log(6, scenario=f"s_{tag}")
    return uid


def _agent_data(library) -> dict:
    stress = []
    if StressLog:
        stress = sorted(e.scenario for e in StressLog(library.store.db, profile="agent").entries(
            dt.datetime.min, dt.datetime.max))
    return {
        "stats": sorted((s.uid, s.uses, s.favourite) for s in models.PhraseStat.select()),
        "personal": sorted((d.text, d.scenario) for d in library.personal_phrases()),
        "settings": sorted((s.key, s.value) for s in models.Setting.select()),
        "stress": stress,
    }


def _damage(path, how: str) -> None:
    good = path.read_bytes()
    if how == "header":
        path.write_bytes(b"\0" * 100 + good[100:])
    elif how == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif how == "pages":
        noise = random.Random(9).randbytes(4096 * 3)
        path.write_bytes(good[: 4096 * 2] + noise + good[4096 * 5 :])
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["header", "truncated", "pages", "empty"])
def test_damaged_database_is_kept_rebuilt_and_restored(bundled, calmdesk_home, how):
    library = open_library()
    uid = _write_agent_data(library, "早")
    library.close()
    # The first open of the next day backs up what the agent had by then.
    for old in (calmdesk_home / "backups").glob("calmdesk-daily-*.db"):
        old.unlink()
    library = open_library()
    expected = _agent_data(library)
    phrases = library.phrase_count()
    _write_agent_data(library, "晚")  # after the backup: this part is lost, and the notice says so
    library.close()
    # Make the backup's copy of the library incomplete: only a rebuild from the files fills it.
    backup = sqlite3.connect(calmdesk_home / "backups" / f"calmdesk-daily-{TODAY}.db")
    backup.execute("DELETE FROM phrase WHERE source = 'playbook'")
    backup.commit()
    backup.close()

    db = calmdesk_home / "calmdesk.db"
    _damage(db, how)
    damaged_sha = _sha(db)

    library = open_library()
    try:
        # Kept aside, byte for byte, never deleted.
        kept = list(calmdesk_home.glob("calmdesk-damaged-*.db"))
        assert len(kept) == 1 and _sha(kept[0]) == damaged_sha
        assert re.fullmatch(r"calmdesk-damaged-\d{8}-\d{6}\.db", kept[0].name)
        # Plain words: what broke, where the old file is, where the data came from.
        notice = library.notice
        assert notice.startswith("数据库文件损坏") and str(kept[0]) in notice and "备份恢复" in notice
        # The library was re-imported from the playbook files, not copied from the backup.
        assert library.phrase_count() == phrases
        assert library.search("冻结", limit=1)[0].doc.uid == uid
        # The agent's data as it was at the backup, and the file is sound.
        assert _agent_data(library) == expected
        assert library.stats(uid) == (3, False)
        assert sqlite_backend.integrity_ok(db) == (True, "ok")
    finally:
        library.close()

    # The notice stays until the window has shown it.
    library = open_library()
    assert library.notice == notice
    library.dismiss_notice()
    library.close()
    library = open_library()
    assert library.notice is None
    library.close()


def test_without_a_backup_the_library_is_still_rebuilt(bundled, calmdesk_home):
    library = open_library()
    phrases = library.phrase_count()
    library.close()
    for backup in (calmdesk_home / "backups").iterdir():
        backup.unlink()
    _damage(calmdesk_home / "calmdesk.db", "header")

    library = open_library()
    try:
        assert library.phrase_count() == phrases
        assert "没有找到可用的备份" in library.notice
        assert len(list(calmdesk_home.glob("calmdesk-damaged-*.db"))) == 1
    finally:
        library.close()


def test_a_damaged_backup_is_skipped_for_an_older_good_one(bundled, calmdesk_home):
    library = open_library()
    _write_agent_data(library, "一")
    expected = _agent_data(library)
    library.store.backup("daily-older")
    library.close()
    older = next((calmdesk_home / "backups").glob("calmdesk-daily-older-*.db"))
    when = dt.datetime(2020, 1, 2, 12, 0).timestamp()
    os.utime(older, (when, when))
    newest = calmdesk_home / "backups" / f"calmdesk-daily-{TODAY}.db"
    _damage(newest, "pages")
    _damage(calmdesk_home / "calmdesk.db", "truncated")

    library = open_library()
    try:
        assert _agent_data(library) == expected
        assert "2020-01-02 12:00" in library.notice  # the older backup's date
    finally:
        library.close()
    assert newest.exists()  # a damaged backup is skipped, not deleted


def test_damage_the_check_missed_is_recovered_when_opening(bundled, calmdesk_home, monkeypatch):
    open_library().close()
    _damage(calmdesk_home / "calmdesk.db", "header")
    monkeypatch.setattr(recovery, "damage", lambda path: None)
    store = storage.open_store()
    try:
        assert store.notice.startswith("数据库文件损坏")
    finally:
        store.close()


def test_a_busy_database_is_never_moved_aside(calmdesk_home, monkeypatch):
    storage.open_store().close()
    db = calmdesk_home / "calmdesk.db"
    before = _sha(db)
    monkeypatch.setattr(sqlite_backend, "integrity_ok", lambda path: (False, "database is locked"))
    store = storage.open_store()
    store.close()
    assert store.notice is None and not list(calmdesk_home.glob("*damaged*"))
    assert recovery.is_damage("database disk image is malformed")
    assert not recovery.is_damage("database is locked")
    assert db.exists() and before


def test_a_damaged_file_that_cannot_be_moved_says_what_to_do(calmdesk_home, monkeypatch):
    storage.open_store().close()
    _damage(calmdesk_home / "calmdesk.db", "header")

    def refuse(src, dst):
        raise PermissionError(13, "另一个程序正在使用此文件")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(recovery.DatabaseDamaged, match="请关闭所有 CalmDesk 窗口"):
        storage.open_store()
    assert (calmdesk_home / "calmdesk.db").exists()


def test_a_daily_backup_on_first_open_of_the_day_last_7_kept(calmdesk_home):
    backups = calmdesk_home / "backups"
    store = storage.open_store()
    models.Setting.replace(key="k", value="v").execute()
    store.close()
    daily = backups / f"calmdesk-daily-{TODAY}.db"
    assert daily.exists()
    made = daily.stat().st_mtime_ns
    storage.open_store().close()
    assert daily.stat().st_mtime_ns == made  # once a day, not on every start

    # A backup is a plain, self-contained SQLite file: checking it leaves no -wal/-shm behind.
    assert sqlite_backend.integrity_ok(daily) == (True, "ok")
    assert sorted(p.name for p in backups.iterdir()) == [daily.name]

    for days in range(1, 10):  # nine older days, plus other kinds of backup that are not pruned
        old = dt.date.today() - dt.timedelta(days=days)
        (backups / f"calmdesk-daily-{old:%Y%m%d}.db").write_bytes(daily.read_bytes())
    (backups / "calmdesk-before-upgrade-v1-20200101-000000.db").write_bytes(daily.read_bytes())
    daily.unlink()
    storage.open_store().close()
    kept = sorted(p.name for p in backups.glob("calmdesk-daily-*.db"))
    assert len(kept) == 7 and kept[-1] == daily.name
    assert kept[0] == f"calmdesk-daily-{dt.date.today() - dt.timedelta(days=6):%Y%m%d}.db"
    assert (backups / "calmdesk-before-upgrade-v1-20200101-000000.db").exists()
    conn = sqlite3.connect(daily)
    assert conn.execute("SELECT value FROM setting WHERE key='k'").fetchone() == ("v",)
    conn.close()


def test_a_failed_backup_never_stops_the_agent(calmdesk_home, monkeypatch):
    def full_disk(db, target):
        target.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_backend, "backup_to", full_disk)
    store = storage.open_store()
    store.close()
    assert list((calmdesk_home / "backups").iterdir()) == []  # no half file with a backup's name
