"""Databases written by earlier releases open with the current code, nothing lost.

tests/data/db/calmdesk-vN.db were written by the released code of schema version N (see
scripts/make_db_fixture.py for how). Every row of every table must still be there after the
upgrade, column for column, and the agent's data must read back through the app's API.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.library import migrations

from desktop_app.core.library import models

from desktop_app.core.library import storage
from desktop_app.core.library.facade import open_library
from tests.conftest import DATA

FIXTURES = sorted((DATA / "db").glob("calmdesk-v*.db"))


def _version(path: Path) -> int:
    return int(re.fullmatch(r"calmdesk-v(\d+)\.db", path.name).group(1))


def _dump(path: Path) -> dict[str, tuple[list[str], set[tuple]]]:
    """Every table: (column names, set of rows)."""
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        out = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            out[table] = (cols, set(conn.execute(f'SELECT * FROM "{table}"')))
        return out
    finally:
        conn.close()


def test_there_is_a_file_for_every_earlier_schema_version():
    versions = {_version(p) for p in FIXTURES}
    assert set(range(1, migrations.CURRENT_VERSION)) <= versions, \
        "release a schema version? add its database: scripts/make_db_fixture.py"
    assert max(versions) <= migrations.CURRENT_VERSION


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_an_old_database_upgrades_with_nothing_lost(fixture, calmdesk_home):
    db = calmdesk_home / "calmdesk.db"
    shutil.copyfile(fixture, db)
    old = _dump(db)
    # The file is realistic: it holds every kind of agent data.
    stats = old["phrasestat"][1]
    assert any(uses > 1 for _uid, uses, _last, _fav in stats) and any(fav for *_, fav in stats)
    assert len(old["setting"][1]) >= 3
    assert len([r for r in old["phrase"][1] if "personal" in r]) >= 3

    store = storage.open_store()
    try:
        assert migrations.read_version(store.db) == migrations.CURRENT_VERSION
        assert store.notice is None
    finally:
        store.close()

    new = _dump(db)
    for table, (cols, rows) in old.items():
        new_cols, new_rows = new[table]
        keep = [new_cols.index(c) for c in cols]  # columns added later are ignored here
        projected = {tuple(r[i] for i in keep) for r in new_rows}
        missing = {r for r in rows if r not in projected and not (table == "meta" and r[0] == "schema_version")}
        assert not missing, f"{table}: {len(missing)} rows lost or changed, e.g. {sorted(missing)[:3]}"

    if _version(fixture) < migrations.CURRENT_VERSION:  # the untouched old file, kept in case
        (backup,) = (calmdesk_home / "backups").glob(f"calmdesk-before-upgrade-v{_version(fixture)}-*.db")
        assert _dump(backup) == old


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_the_agent_sees_the_same_data_after_the_bundled_library_is_synced(fixture, calmdesk_home):
    db = calmdesk_home / "calmdesk.db"
    shutil.copyfile(fixture, db)
    old = _dump(db)
    library = open_library()  # the real bundled playbooks are imported beside the old library
    try:
        for uid, uses, _last, favourite in old["phrasestat"][1]:
            assert library.stats(uid) == (uses, bool(favourite)), uid
        cols = old["phrase"][0]
        old_personal = sorted(r[cols.index("text")] for r in old["phrase"][1] if r[cols.index("source")] == "personal")
        assert sorted(d.text for d in library.personal_phrases()) == old_personal
        assert {(s.key, s.value) for s in models.Setting.select()} >= old["setting"][1]
        assert library.search("冻结", limit=3)  # the trainer's old file is still searchable
        try:
            from desktop_app.core.stress.stress_log import StressLog
        except ImportError:
            return
        StressLog(library.store.db, profile="after-upgrade").log(3)  # the new tables work
    finally:
        library.close()
