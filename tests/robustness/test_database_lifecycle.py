"""Issue 16: the database under hostile conditions — odd data-dir names, a CLI recovering the
file under a running window, a deleted file, big imports holding the lock, a full disk, a lock
held by another process — and what "delete everything" must reach.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop_app.core import paths
from desktop_app.core.library import models, recovery, sqlite_backend, storage
from desktop_app.core.library.facade import open_library
from desktop_app.core.packs import loader as packs
from desktop_app.core.stress.stress_log import StressLog
from tests.conftest import REPO
from tests.robustness import hostile_files as H


def _rows(db_path: Path, sql: str) -> list:
    conn = sqlite3.connect(str(db_path))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------- item 4: # ? % in the data dir


@pytest.mark.parametrize("name", ["data#1", "what?", "100%", "a b%20c"])
def test_a_damaged_database_is_recovered_whatever_the_folder_is_called(tmp_path, monkeypatch, name):
    home = tmp_path / name
    monkeypatch.setenv("CALMDESK_HOME", str(home))
    lib = open_library(sync=False)
    lib.add_personal("我的话术，别丢了", stage="act")
    lib.store.backup("daily-20000101")
    lib.close()
    db = paths.database_path()
    db.write_bytes(b"garbage, not a database" * 100)
    before = set(os.listdir(tmp_path))
    lib = open_library(sync=False)
    try:
        assert lib.notice and "损坏" in lib.notice
        assert [p.name for p in recovery.damaged_copies(db)]  # moved aside beside it
    finally:
        lib.close()
    assert set(os.listdir(tmp_path)) == before  # no stray file made for a mis-parsed URI


# ---------------------------------------------------------------- item 7: recovered under a window


RECOVER = """
import sys
from pathlib import Path
from desktop_app.core.library import recovery
print(recovery.recover(Path(sys.argv[1]), "test: another process found it damaged"))
"""


def test_a_window_notices_the_cli_recovered_the_database_and_loses_no_write(tmp_path):
    window = open_library(sync=False)
    log = StressLog(window.store.db, profile="agent")
    log.log(3, scenario="before")
    window.store.backup("daily-20000101")
    db = window.store.path
    # The CLI, in another process, moves the file aside and restores the backup.
    out = subprocess.run([sys.executable, "-c", RECOVER, str(db)], capture_output=True, text=True, cwd=REPO,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    for i in range(40):
        log.log(i % 11, scenario=f"after{i}")
    window.add_personal("恢复之后写的话术", stage="act")
    window.close()
    live = _rows(db, "SELECT scenario FROM stress_entry WHERE scenario LIKE 'after%'")
    assert len(live) == 40
    assert _rows(db, "SELECT count(*) FROM phrase WHERE text = '恢复之后写的话术'") == [(1,)]
    (aside,) = recovery.damaged_copies(db)
    assert _rows(aside, "SELECT count(*) FROM stress_entry WHERE scenario LIKE 'after%'") == [(0,)]


# ---------------------------------------------------------------- item 10: a deleted database


def test_a_deleted_database_is_restored_from_the_backups_with_a_notice():
    lib = open_library(sync=False)
    lib.add_personal("我自己的话术", stage="act")
    StressLog(lib.store.db, profile="agent").log(7, scenario="kept")
    lib.store.backup("daily-20000101")
    db = lib.store.path
    lib.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    lib = open_library(sync=False)
    try:
        assert lib.notice and "不见了" in lib.notice
        assert [p.text for p in lib.personal_phrases()] == ["我自己的话术"]
        assert StressLog(lib.store.db, profile="agent").entries(dt.datetime.min, dt.datetime.max)
    finally:
        lib.close()


def test_a_first_start_without_backups_is_quiet():
    lib = open_library(sync=False)
    try:
        assert lib.notice is None
    finally:
        lib.close()


# ---------------------------------------------------------------- item 11: damaged copies


SECRET = "我就是觉得自己特别没用ZQX"


@pytest.mark.parametrize("garble", [False, True])
def test_deleting_all_stress_data_reaches_the_damaged_copies(garble):
    lib = open_library(sync=False)
    log = StressLog(lib.store.db, profile="agent")
    ex = log.start_exercise(before=8)
    log.save_step(ex, "reframe", reframe=SECRET)
    lib.store.backup("daily-20000101")
    db = lib.store.path
    lib.close()
    aside = db.with_name("calmdesk-damaged-20000101-000000.db")
    data = db.read_bytes()
    if garble:  # really damaged: SQL cannot be trusted to reach every page
        data = data[:100] + b"\xff" * 4096 + data[4196:]
    aside.write_bytes(data)
    assert SECRET.encode() in aside.read_bytes()
    lib = open_library(sync=False)
    try:
        StressLog(lib.store.db, profile="agent").delete_everything()
    finally:
        lib.close()
    for path in [db, *db.parent.glob("calmdesk-damaged-*"), *(db.parent / "backups").glob("*.db")]:
        assert SECRET.encode() not in path.read_bytes(), path


# ---------------------------------------------------------------- item 3: imports and the lock


def test_import_checks_key_conflicts_with_one_query_per_kind_not_per_file(tmp_path):
    """Two NOT IN (all names) queries per file made a 5,000-file import take 138 s."""
    lib = open_library(sync=False)
    try:
        pack = packs.load(H.many_files_csv(tmp_path / "many.csv", 300))
        assert pack.ok, pack.problems[:3]
        seen: list[str] = []
        real = lib.store.db.execute_sql

        def counting(sql, params=None, *a, **k):
            seen.append(sql)
            return real(sql, params, *a, **k)

        packs.import_pack(lib, pack)
        lib.store.db.execute_sql = counting
        packs.import_pack(lib, packs.load(tmp_path / "many.csv"))  # again, unchanged
        lib.store.db.execute_sql = real
        key_queries = [s for s in seen if 'FROM "scenario"' in s and '"playbook"' in s and "NOT IN" in s]
        assert key_queries == []
        # Re-importing unchanged files reads in a few queries per 500 files, not several per file.
        assert len(seen) < 300
    finally:
        lib.close()


WRITER = """
import json, sys, time
from desktop_app.core.library.facade import open_library
from desktop_app.core.stress.stress_log import StressLog
lib = open_library(sync=False)
log = StressLog(lib.store.db, profile="agent")
ok = failed = 0
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    try:
        log.log(5, scenario="w"); ok += 1
    except Exception as exc:
        failed += 1; print(type(exc).__name__, exc, file=sys.stderr)
    time.sleep(0.05)
print(json.dumps({"ok": ok, "failed": failed}))
"""


def test_a_lock_held_for_longer_than_five_seconds_makes_writers_wait_not_fail(calmdesk_home):
    lib = open_library(sync=False)
    lib.close()
    db = paths.database_path()
    holder = sqlite3.connect(str(db))
    holder.execute("BEGIN IMMEDIATE")
    with sqlite_backend.holding(db, "测试：占住写锁"):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, "1"], cwd=REPO, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(8)  # longer than the old 5 s busy timeout
        holder.rollback()
    out, err = writer.communicate(timeout=120)
    holder.close()
    result = json.loads(out.strip().splitlines()[-1])
    assert result["failed"] == 0, err
    assert result["ok"] >= 1


def test_a_locked_database_names_the_process_holding_it(calmdesk_home):
    db = paths.database_path()
    open_library(sync=False).close()
    with sqlite_backend.holding(db, "导入话术包"):
        message = sqlite_backend.describe_error(sqlite3.OperationalError("database is locked"), db)
    assert f"进程 {os.getpid()}" in message and "导入话术包" in message
    assert "另一个 CalmDesk" in sqlite_backend.describe_error(sqlite3.OperationalError("database is locked"), db)


# ---------------------------------------------------------------- item 13: disk full


def test_a_full_disk_says_so_not_cannot_rollback(monkeypatch, tmp_path, capsys):
    from desktop_app.cli.main import main

    lib = open_library(sync=False)
    lib.close()
    # max_page_count makes SQLite answer exactly as on a full disk (SQLITE_FULL).
    monkeypatch.setitem(sqlite_backend.PRAGMAS, "max_page_count", _rows(paths.database_path(), "PRAGMA page_count")[0][0] + 2)
    code = main(["playbooks", "import", str(H.many_files_csv(tmp_path / "many.csv", 400))])
    err = capsys.readouterr().err
    assert code != 0
    assert "磁盘已满" in err, err
    assert "rollback" not in err


# ---------------------------------------------------------------- item 13: private files


def test_the_data_dir_and_everything_in_it_are_private(calmdesk_home):
    lib = open_library(sync=False)
    lib.add_personal("话术", stage="act")
    lib.store.backup("daily-20000101")
    from desktop_app.core.diagnostics import crashlog

    crashlog.record(RuntimeError("x"))
    lib.close()
    home = paths.data_dir()
    assert home.stat().st_mode & 0o777 == 0o700
    for path in home.rglob("*"):
        mode = path.stat().st_mode & 0o777
        assert mode & 0o077 == 0, f"{path.relative_to(home)} is {oct(mode)}"
