"""Forward-only schema migrations, one function per version.

A database records the version it was written at (meta.schema_version). Opening an older one
backs it up first, then runs every later step in one transaction, so an interrupted upgrade
leaves the old file as it was. A database from a newer CalmDesk is refused, never downgraded.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database

from desktop_app.core.library import models as m
from desktop_app.core.stress import records
def _v1_initial(db: Database) -> None:
    db.create_tables(
        [
            m.MetaValue,
            m.Playbook,
            m.Scenario,
            m.Phrase,
            m.PhraseStat,
            m.Template,
            m.Forbidden,
            m.Checklist,
            m.RedGreenItem,
            m.Setting,
        ]
    )


def _v2_stress_log(db: Database) -> None:
    db.create_tables(records.STRESS_MODELS)


RESYNC_KEY = "resync_bundled"


def _v3_scenario_examples(db: Database) -> None:
    # Plain ADD COLUMN: peewee's migrator rebuilds the table for a NOT NULL column, and
    # dropping the old scenario table would cascade to every phrase.
    # A new database gets the column from create_tables in step 1 already.
    if "examples" not in {c.name for c in db.get_columns("scenario")}:
        db.execute_sql("ALTER TABLE scenario ADD COLUMN examples TEXT NOT NULL DEFAULT '[]'")
    # The bundled playbooks are read again on the next sync so their examples reach the new
    # column; phrases whose text did not change keep their ids, usage counts and favourites.
    m.MetaValue.replace(key=RESYNC_KEY, value="1").execute()


def _add_column(db: Database, table: str, column: str, ddl: str) -> None:
    # A database created at version 1 by this release already has the column (create_tables
    # uses today's models); one created by an older release gets it here.
    if column not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {ddl}')


def _v4_channel_authority_translation(db: Database) -> None:
    """Phrase channel and authority (issue 14) and the 正向翻译 pairs of 红转绿."""
    _add_column(db, "phrase", "channel", "VARCHAR(255) NOT NULL DEFAULT ''")
    _add_column(db, "phrase", "authority", "VARCHAR(255) NOT NULL DEFAULT ''")
    _add_column(db, "redgreenitem", "need", "TEXT NOT NULL DEFAULT ''")
    # The bundled files are read again on the next sync so the new fields are filled in from
    # them; a trainer's own import keeps its rows until it is imported again.
    m.MetaValue.replace(key=RESYNC_KEY, value="1").execute()


# version -> the step that brings a database from version-1 to version.
STEPS: dict[int, Callable[[Database], None]] = {
    1: _v1_initial,
    2: _v2_stress_log,
    3: _v3_scenario_examples,
    4: _v4_channel_authority_translation,
}
CURRENT_VERSION = max(STEPS)


class SchemaTooNew(Exception):
    pass


def read_version(db: Database) -> int:
    if not db.table_exists("meta"):
        return 0
    row = m.MetaValue.get_or_none(m.MetaValue.key == "schema_version")
    return int(row.value) if row else 0


def upgrade(db: Database, before_migrating: Callable[[int], object] | None = None) -> tuple[int, int]:
    """Bring the schema to CURRENT_VERSION; returns (old, new)."""
    old = read_version(db)
    if old > CURRENT_VERSION:
        raise SchemaTooNew(
            f"数据库由更新版本的 CalmDesk 写入（版本 {old}，本程序支持到 {CURRENT_VERSION}），请升级程序。"
        )
    if old == CURRENT_VERSION:
        return old, old
    if old > 0 and before_migrating:
        before_migrating(old)
    with db.atomic():
        for version in range(old + 1, CURRENT_VERSION + 1):
            STEPS[version](db)
        m.MetaValue.replace(key="schema_version", value=str(CURRENT_VERSION)).execute()
    return old, CURRENT_VERSION
