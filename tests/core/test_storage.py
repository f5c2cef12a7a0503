"""The database: WAL, foreign keys, the data dir, and forward migrations with a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core import paths

from desktop_app.core.library import migrations

from desktop_app.core.library import models

from desktop_app.core.library import storage
def test_data_lives_in_calmdesk_home(calmdesk_home):
    store = storage.open_store()
    try:
        assert store.path == calmdesk_home / "calmdesk.db"
        assert store.path.exists()
    finally:
        store.close()


def test_default_data_dir_is_the_per_user_dir(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("CALMDESK_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "user-data"))
    assert paths.data_dir() == tmp_path / "user-data"


def test_cache_dir_is_never_the_system_temp(calmdesk_home):
    assert paths.cache_dir().is_relative_to(calmdesk_home)


def test_wal_foreign_keys_and_schema_version():
    store = storage.open_store()
    try:
        db = store.db
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert migrations.read_version(db) == migrations.CURRENT_VERSION
    finally:
        store.close()


def test_foreign_keys_cascade_from_playbook_to_phrases():
    store = storage.open_store()
    try:
        pb = models.Playbook.create(name="x.yaml", sha256="0")
        sc = models.Scenario.create(key="k", name="n", industry="general", playbook=pb)
        models.Phrase.create(uid="u1", scenario=sc, stage="listen", text="您好，请慢慢说。", playbook=pb)
        pb.delete_instance()
        assert models.Phrase.select().count() == 0
        assert models.Scenario.select().count() == 0
    finally:
        store.close()


def test_older_database_is_backed_up_then_upgraded_with_nothing_lost(monkeypatch, calmdesk_home):
    store = storage.open_store()
    models.PhraseStat.create(uid="abc", uses=7, favourite=True)
    store.close()

    old, new = migrations.CURRENT_VERSION, migrations.CURRENT_VERSION + 1

    def _add_note_column(db):
        db.execute_sql("ALTER TABLE phrasestat ADD COLUMN note TEXT DEFAULT ''")

    monkeypatch.setitem(migrations.STEPS, new, _add_note_column)
    monkeypatch.setattr(migrations, "CURRENT_VERSION", new)
    store = storage.open_store()
    try:
        assert migrations.read_version(store.db) == new
        row = store.db.execute_sql("SELECT uses, favourite, note FROM phrasestat WHERE uid='abc'").fetchone()
        assert row == (7, 1, "")
    finally:
        store.close()
    backups = list((calmdesk_home / "backups").glob(f"calmdesk-before-upgrade-v{old}-*.db"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(old)
    assert backup.execute("SELECT uses FROM phrasestat").fetchone()[0] == 7
    backup.close()


def test_failed_migration_leaves_the_old_database_as_it_was(monkeypatch):
    store = storage.open_store()
    models.PhraseStat.create(uid="abc", uses=3)
    store.close()

    def _broken(db):
        db.execute_sql("ALTER TABLE phrasestat ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    current = migrations.CURRENT_VERSION
    monkeypatch.setitem(migrations.STEPS, current + 1, _broken)
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        storage.open_store()
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current)
    store = storage.open_store()
    try:
        assert migrations.read_version(store.db) == current
        cols = [r[1] for r in store.db.execute_sql("PRAGMA table_info(phrasestat)").fetchall()]
        assert "half_done" not in cols
        assert models.PhraseStat.get(models.PhraseStat.uid == "abc").uses == 3
    finally:
        store.close()


def test_database_from_a_newer_calmdesk_is_refused(calmdesk_home):
    store = storage.open_store()
    models.MetaValue.replace(key="schema_version", value="99").execute()
    store.close()
    with pytest.raises(migrations.SchemaTooNew):
        storage.open_store()


def test_sqlite_specific_sql_stays_in_one_module():
    core = Path(storage.__file__).parent
    offenders = [p.name for p in core.glob("*.py")
                 if p.name != "sqlite_backend.py" and ("PRAGMA" in p.read_text() or "import sqlite3" in p.read_text())]
    assert offenders == []
