"""The phrase library: playbooks in, search and the agent's own data out.

This is the one object the CLI and the window talk to. It owns the database connection
(through `storage`) and the in-memory search index, which it builds on first use and keeps
in step with every change the agent makes (usage, favourites, personal phrases).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from peewee import JOIN, fn

from desktop_app.core import paths, privacy, safe_yaml

from desktop_app.core.search import terms
from desktop_app.core.stress.stress_log import DEFAULT_PROFILE, StressLog

from desktop_app.core.playbooks import reader

from desktop_app.core.library import migrations, sqlite_backend, storage
from desktop_app.core.library.models import (
    Checklist,
    Forbidden,
    MetaValue,
    Phrase,
    PhraseStat,
    Playbook,
    RedGreenItem,
    Scenario,
    Template,
)
from desktop_app.core.playbooks.reader import PlaybookError, PlaybookFile, Problem
from desktop_app.core.search.index import Doc, Filters, Hit, ScenarioInfo, SearchIndex
from desktop_app.core.vocab import ALL_PERSONAS, AUTHORITIES, INDUSTRIES, PERSONAS, PHRASE_CHANNELS, STAGES

log = logging.getLogger(__name__)
PERSONAL = "personal"
PACK_KEY = "pack:"  # meta rows remembering which version of each zip pack was imported


def _chunks(items: Sequence, size: int = 500):
    """SQLite limits bound parameters per query: IN (...) lists go in slices."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class FileChanges:
    """What importing one playbook file does to the library (the preview before writing)."""

    name: str
    added: list[str] = field(default_factory=list)  # phrase texts
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    scenarios_added: int = 0
    scenarios_removed: int = 0
    templates: int = 0
    identical: bool = False  # the same file as already imported: nothing to do


@dataclass
class ImportReport:
    files: list[FileChanges]

    @property
    def added(self) -> int:
        return sum(len(f.added) for f in self.files)

    @property
    def changed(self) -> int:
        return sum(len(f.changed) for f in self.files)

    @property
    def removed(self) -> int:
        return sum(len(f.removed) for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    def summary(self) -> str:
        return f"新增 {self.added} 条，修改 {self.changed} 条，删除 {self.removed} 条，未变 {self.unchanged} 条"


@dataclass(frozen=True)
class ChecklistInfo:
    """What to do, what never to say and when to hand over, for one risk flag."""

    flag: str
    title: str
    do: list[str]
    never: list[str]
    handover: list[str]


class UnknownKey(ValueError):
    """A filter or field names a key that does not exist; the message lists the valid ones."""


class Library:
    def __init__(self, store: storage.Store):
        self.store = store
        self._resync = False  # re-read unchanged bundled files once after a schema upgrade
        self._index: SearchIndex | None = None
        # The index is built on whichever thread asks first (the window's background thread,
        # usually) while the GUI thread may import or remove a playbook: a build that started
        # before such a change must not be kept (it would bring removed phrases back).
        self._index_lock = threading.Lock()
        self._index_generation = 0
        self._derived: dict[str, tuple[str, str, str]] = {}  # text -> derive(), see _derive_ahead

    # ------------------------------------------------------------ importing playbooks

    def check(self, target: Path | str) -> tuple[list[PlaybookFile], list[Problem]]:
        files = reader.collect_files(target)
        if not files:
            return [], [Problem(str(target), None, "", "没有找到 .yaml 话术文件")]
        return reader.load_many(files)

    def preview(self, books: Sequence[PlaybookFile], origin: str = "user") -> ImportReport:
        """What import_books would change, computed without writing anything; raises
        PlaybookError for anything the import itself would refuse."""
        self._check_key_conflicts(books)
        return ImportReport([self._diffs(books, origin)[b.name] for b in books])

    def import_paths(self, target: Path | str, origin: str = "user") -> ImportReport:
        books, problems = self.check(target)
        if problems:
            raise PlaybookError(problems)
        return self.import_books(books, origin)

    def import_books(self, books: Sequence[PlaybookFile], origin: str = "user",
                     pack: dict[str, str] | None = None) -> ImportReport:
        """All files in one transaction: any problem and nothing is written.

        Everything slow — deriving pinyin and words, comparing with what is stored, looking for
        keys other playbooks own — is done before the write lock is taken; the transaction then
        only repeats two cheap whole-library queries (in case another process wrote meanwhile)
        and writes. The window and the CLI share the database: a lock held for seconds makes
        the agent's own writes wait (see sqlite_backend's busy timeout).

        `pack` is a zip pack's manifest (name, version, author; `folder` when a followed folder
        brought it): remembered in the same transaction, so a followed pack folder knows which
        version this library holds."""
        self._check_key_conflicts(books)
        diffs = self._diffs(books, origin)
        self._derive_ahead(books)
        try:
            with sqlite_backend.holding(self.store.path, "导入话术包"), self.store.db.atomic():
                self._write_books(books, origin, diffs)
                if pack and pack.get("name"):
                    record = {**{k: str(v) for k, v in pack.items()},
                              "files": sorted(b.name for b in books),
                              "imported_at": dt.datetime.now().isoformat(timespec="seconds")}
                    MetaValue.replace(key=PACK_KEY + pack["name"],
                                      value=json.dumps(record, ensure_ascii=False)).execute()
        finally:
            self._derived.clear()
        self._invalidate_index()
        report = ImportReport([diffs[b.name] for b in books])
        log.info("导入 %d 个话术文件（%s）：%s", len(books), origin, report.summary())
        return report

    def imported_packs(self) -> dict[str, dict]:
        """Zip packs imported so far, by manifest name: version, author, files, imported_at."""
        out: dict[str, dict] = {}
        for key, value in MetaValue.select(MetaValue.key, MetaValue.value).where(
                MetaValue.key.startswith(PACK_KEY)).tuples():
            try:
                record = json.loads(value)
            except ValueError:
                continue  # a hand-edited row: as if the pack had never been imported
            if isinstance(record, dict):
                out[key[len(PACK_KEY):]] = record
        return out

    def _write_books(self, books: Sequence[PlaybookFile], origin: str, diffs: dict[str, FileChanges]) -> None:
        """Inside the transaction: re-check (cheaply) what may have changed since, then write."""
        self._check_key_conflicts(books)
        stored = self._stored_playbooks([b.name for b in books])
        for book in books:
            changes = diffs[book.name]
            row = stored.get(book.name)
            still_identical = row is not None and row == (book.sha256, origin) and not self._resync
            if changes.identical != still_identical:  # another process imported meanwhile
                changes = diffs[book.name] = self._diffs([book], origin)[book.name]
            if not changes.identical:
                self._apply(book, origin)

    @staticmethod
    def _stored_playbooks(names: Sequence[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(names):
            out.update((n, (sha, o)) for n, sha, o in Playbook.select(Playbook.name, Playbook.sha256, Playbook.origin)
                       .where(Playbook.name.in_(chunk)).tuples())
        return out

    def _derive_ahead(self, books: Sequence[PlaybookFile]) -> None:
        """Pinyin and words for every new or changed phrase, before the write transaction begins.

        Deriving a big file takes seconds (jieba loads its dictionary on first use); the window
        and the CLI share the database, so the write lock must be held for milliseconds only.
        """
        stored: set[tuple[str, str]] = set()
        for chunk in _chunks([b.name for b in books]):
            stored.update(Phrase.select(Phrase.uid, Phrase.text).join(Playbook)
                          .where(Playbook.name.in_(chunk)).tuples())
        for book in books:
            for s in book.scenarios:
                for p in s.phrases:
                    if (p.uid, p.text) not in stored and p.text not in self._derived:
                        self._derived[p.text] = terms.derive(p.text)

    def _check_key_conflicts(self, books: Sequence[PlaybookFile]) -> None:
        problems = self.key_conflicts(books)
        if problems:
            raise PlaybookError(problems)

    def key_conflicts(self, books: Sequence[PlaybookFile]) -> list[Problem]:
        """Keys and phrase ids these files would take from a playbook already in the library.

        The import refuses them; `playbooks check`, the dry run and the window's preview ask
        here too, so a pack they pass is a pack the import takes. One query per kind for the
        whole import (a query per file, each with NOT IN every name, grew with the square)."""
        names = {b.name for b in books}
        problems = []
        for model, label, attr in ((Scenario, "场景键", "scenarios"), (Template, "模板键", "templates")):
            keys = {item.key for b in books for item in getattr(b, attr)}
            owners: dict[str, str] = {}
            for chunk in _chunks(sorted(keys)):
                owners.update(model.select(model.key, Playbook.name).join(Playbook)
                              .where(model.key.in_(chunk)).tuples())
            for book in books:
                for item in getattr(book, attr):
                    owner = owners.get(item.key)
                    if owner is not None and owner not in names:
                        problems.append(Problem(book.name, item.line, "key",
                                                f"{label}「{item.key}」已由 {owner} 定义：换一个键，或在 {owner} 里修改"))
        # Hashed uids contain the scenario key (checked above); an explicit id can collide.
        explicit = {p.uid for b in books for s in b.scenarios for p in s.phrases if p.uid.startswith("id:")}
        id_owners: dict[str, str] = {}
        for chunk in _chunks(sorted(explicit)):
            id_owners.update(Phrase.select(Phrase.uid, Playbook.name).join(Playbook)
                             .where(Phrase.uid.in_(chunk)).tuples())
        for book in books:
            for s in book.scenarios:
                for p in s.phrases:
                    owner = id_owners.get(p.uid)
                    if owner is not None and owner not in names:
                        problems.append(Problem(book.name, p.line, "id",
                                                f"话术编号「{p.uid[3:]}」已由 {owner} 使用：换一个编号，或删掉 id 让程序自动编号"))
        return problems

    def _diffs(self, books: Sequence[PlaybookFile], origin: str) -> dict[str, FileChanges]:
        """What importing each book changes, from three queries for the whole import."""
        names = [b.name for b in books]
        pbs: dict[str, tuple[int, str, str]] = {}
        for chunk in _chunks(names):
            pbs.update((n, (i, sha, o)) for i, n, sha, o in
                       Playbook.select(Playbook.id, Playbook.name, Playbook.sha256, Playbook.origin)
                       .where(Playbook.name.in_(chunk)).tuples())
        ids = [v[0] for v in pbs.values()]
        old_phrases: dict[int, dict[str, tuple]] = {}
        old_keys: dict[int, set[str]] = {}
        for chunk in _chunks(ids):
            query = (Phrase.select(Phrase.playbook, Phrase.uid, Phrase.text, Phrase.stage, Phrase.persona, Phrase.tags,
                                   Scenario.key, Phrase.channel, Phrase.authority)
                     .join(Scenario, JOIN.LEFT_OUTER).where(Phrase.playbook.in_(chunk)).tuples())
            for pid, uid, *rest in query:
                old_phrases.setdefault(pid, {})[uid] = tuple(rest)
            for pid, key in Scenario.select(Scenario.playbook, Scenario.key).where(Scenario.playbook.in_(chunk)).tuples():
                old_keys.setdefault(pid, set()).add(key)
        return {b.name: self._diff(b, origin, pbs.get(b.name), old_phrases, old_keys, self._resync) for b in books}

    @staticmethod
    def _diff(book: PlaybookFile, origin: str, pb: tuple[int, str, str] | None,
              old_phrases: dict[int, dict[str, tuple]], old_keys_by_pb: dict[int, set[str]],
              resync: bool = False) -> FileChanges:
        changes = FileChanges(book.name)
        new = {p.uid: (s.key, p) for s in book.scenarios for p in s.phrases}
        old = old_phrases.get(pb[0], {}) if pb else {}
        if pb is not None and pb[1] == book.sha256 and pb[2] == origin and not resync:
            changes.identical = True
            changes.unchanged = len(old)
            return changes
        old_keys = old_keys_by_pb.get(pb[0], set()) if pb else set()
        new_keys = {s.key for s in book.scenarios}
        changes.scenarios_added = len(new_keys - old_keys)
        changes.scenarios_removed = len(old_keys - new_keys)
        changes.templates = len(book.templates)
        for uid, (skey, p) in new.items():
            if uid not in old:
                changes.added.append(p.text)
            elif tuple(old[uid]) != (p.text, p.stage, p.persona, p.tags, skey, p.channel, p.authority):
                changes.changed.append(p.text)
            else:
                changes.unchanged += 1
        changes.removed = [old[uid][0] for uid in old if uid not in new]
        return changes

    def _apply(self, book: PlaybookFile, origin: str) -> None:
        now = dt.datetime.now().replace(microsecond=0)
        pb = Playbook.get_or_none(Playbook.name == book.name)
        if pb is None:
            pb = Playbook.create(name=book.name, sha256=book.sha256, origin=origin, imported_at=now)
        else:
            pb.sha256, pb.origin, pb.imported_at = book.sha256, origin, now
            pb.save()
        scenario_ids: dict[str, int] = {}
        for s in book.scenarios:
            row = Scenario.get_or_none(Scenario.key == s.key)
            values = dict(name=s.name, industry=s.industry, description=s.description,
                          triggers=s.triggers, examples=s.examples, playbook=pb)
            if row is None:
                row = Scenario.create(key=s.key, **values)
            else:
                Scenario.update(**values).where(Scenario.id == row.id).execute()
            scenario_ids[s.key] = row.id
        dropped = Scenario.select(Scenario.id).where(Scenario.playbook == pb, Scenario.key.not_in(list(scenario_ids)))
        _detach_personal(dropped)
        Scenario.delete().where(Scenario.id.in_(dropped)).execute()

        existing = {uid: (pid, text) for pid, uid, text in
                    Phrase.select(Phrase.id, Phrase.uid, Phrase.text).where(Phrase.playbook == pb).tuples()}
        keep: set[str] = set()
        inserts = []
        position = 0
        for s in book.scenarios:
            for p in s.phrases:
                position += 1
                keep.add(p.uid)
                values = dict(scenario=scenario_ids[s.key], stage=p.stage, persona=p.persona, text=p.text,
                              tags=p.tags, source="playbook", playbook=pb.id,
                              channel=p.channel, authority=p.authority,
                              position=position, updated_at=now)
                if p.uid in existing and existing[p.uid][1] == p.text:
                    Phrase.update(**values).where(Phrase.id == existing[p.uid][0]).execute()
                    continue
                py_full, py_initials, words = self._derived.get(p.text) or terms.derive(p.text)
                values.update(py_full=py_full, py_initials=py_initials, words=words)
                if p.uid in existing:
                    Phrase.update(**values).where(Phrase.id == existing[p.uid][0]).execute()
                else:
                    inserts.append(dict(uid=p.uid, **values))
        gone = [uid for uid in existing if uid not in keep]
        for start in range(0, len(gone), 500):
            Phrase.delete().where(Phrase.uid.in_(gone[start : start + 500])).execute()
        for start in range(0, len(inserts), 500):
            Phrase.insert_many(inserts[start : start + 500]).execute()

        # Templates and the rest carry no agent data: replace them with what the file says.
        Template.delete().where(Template.playbook == pb).execute()
        for t in book.templates:
            Template.create(key=t.key, kind=t.kind, channel=t.channel, persona=t.persona, title=t.title,
                            text=t.text, placeholders=t.placeholders, playbook=pb)
        Forbidden.delete().where(Forbidden.playbook == pb).execute()
        for f in book.forbidden:
            Forbidden.create(text=f.text, variants=f.variants, category=f.category,
                             why=f.why, better=f.better, playbook=pb)
        Checklist.delete().where(Checklist.playbook == pb).execute()
        for c in book.checklists:
            Checklist.delete().where(Checklist.flag == c.flag).execute()
            Checklist.create(flag=c.flag, title=c.title, do=c.do, never=c.never,
                             handover=c.handover, playbook=pb)
        RedGreenItem.delete().where(RedGreenItem.playbook == pb).execute()
        if book.redgreen:
            rows = [dict(pattern=key, kind=color, text=text, need="", playbook=pb.id)
                    for key, parts in book.redgreen.patterns.items() for color, texts in parts.items()
                    for text in texts]
            rows += [dict(pattern=None, kind="emotion_word", text=w, need="", playbook=pb.id)
                     for w in book.redgreen.emotion_words]
            rows += [dict(pattern=None, kind="translation", text=said, need=need, playbook=pb.id)
                     for said, need in book.redgreen.translations]
            for start in range(0, len(rows), 500):
                RedGreenItem.insert_many(rows[start : start + 500]).execute()

    def remove_playbook(self, name: str) -> bool:
        with self.store.db.atomic():
            _detach_personal(Scenario.select(Scenario.id).join(Playbook).where(Playbook.name == name))
            removed = Playbook.delete().where(Playbook.name == name).execute()
        self._invalidate_index()
        return bool(removed)

    def sync_bundled(self, folder: Path | None = None) -> ImportReport | None:
        """Import the bundled playbooks on first start, and again whenever the app ships new ones."""
        folder = folder or paths.bundled_playbooks_dir()
        files = reader.collect_files(folder) if folder.is_dir() else []
        stored = {name: (sha, origin) for name, sha, origin in
                  Playbook.select(Playbook.name, Playbook.sha256, Playbook.origin).tuples()}
        # Hashing is cheap; parsing every file is not: parse only when something changed.
        shas = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
        resync = MetaValue.get_or_none(MetaValue.key == migrations.RESYNC_KEY) is not None
        changed = [f for f in files if stored.get(f.name, (None, "bundled"))[1] == "bundled"
                   and (resync or stored.get(f.name, (None,))[0] != shas[f.name])]
        retired = [n for n, (_sha, origin) in stored.items() if origin == "bundled" and n not in shas]
        if not changed and not retired:
            return None
        books, problems = reader.load_many(files)
        if problems:
            # A broken bundle must not stop the agent working with what is already imported.
            log.error("bundled playbooks not imported:\n%s", "\n".join(map(str, problems)))
            return None
        todo = [b for b in books if b.path in changed]
        self._derive_ahead(todo)
        self._resync = resync
        try:
            diffs = self._diffs(todo, "bundled")
            with sqlite_backend.holding(self.store.path, "更新内置话术"), self.store.db.atomic():
                for name in retired:
                    _detach_personal(Scenario.select(Scenario.id).join(Playbook).where(Playbook.name == name))
                    Playbook.delete().where(Playbook.name == name).execute()
                self._write_books(todo, "bundled", diffs)
                MetaValue.delete().where(MetaValue.key == migrations.RESYNC_KEY).execute()
                MetaValue.replace(key="bundled_synced_at",
                                  value=dt.datetime.now().isoformat(timespec="seconds")).execute()
        finally:
            self._resync = False
            self._derived.clear()
        self._invalidate_index()
        report = ImportReport([diffs[b.name] for b in todo])
        log.info("内置话术已更新（%d 个文件，移除 %d 个）：%s", len(todo), len(retired), report.summary())
        return report

    # ------------------------------------------------------------ search

    @property
    def index(self) -> SearchIndex:
        index = self._index
        if index is not None:
            return index
        with self._index_lock:
            generation = self._index_generation
        started = time.perf_counter()
        index = self._build_index()
        with self._index_lock:
            if generation == self._index_generation:  # nothing changed while it was built
                self._index = index
        log.info("搜索索引已建好：%d 条话术，%.0f ms", len(index.docs), (time.perf_counter() - started) * 1000)
        return index

    def _invalidate_index(self) -> None:
        """The library changed: drop the index, and any build still under way."""
        with self._index_lock:
            self._index_generation += 1
            self._index = None

    def _build_index(self) -> SearchIndex:
        query = (Phrase.select(Phrase.uid, Phrase.text, Scenario.key, Scenario.name, Scenario.industry,
                               Phrase.stage, Phrase.persona, Phrase.source, Phrase.position, Phrase.py_full,
                               Phrase.py_initials, Phrase.words, Phrase.channel, Phrase.authority)
                 .join(Scenario, JOIN.LEFT_OUTER).tuples())
        docs = [Doc(uid, text, skey, sname or "", sind or "general", stage, persona, source, pos, pyf, pyi, words,
                    channel=channel, authority=authority)
                for uid, text, skey, sname, sind, stage, persona, source, pos, pyf, pyi, words, channel, authority
                in query.iterator()]
        stats = {uid: (uses, fav) for uid, uses, fav in
                 PhraseStat.select(PhraseStat.uid, PhraseStat.uses, PhraseStat.favourite).tuples()}
        return SearchIndex(docs, self.scenarios(), load_synonyms(), stats)

    def search(self, query: str, *, scenario: str | None = None, persona: str | None = None,
               stage: str | None = None, industry: str | None = None, source: str | None = None,
               limit: int | None = 20, prefer_stage: str | None = None,
               prefer_persona: str | None = None, channel: str | None = None, role: str | None = None) -> list[Hit]:
        """`channel` and `role` are the agent's (settings agent.channel, agent.role): lines for another
        channel and offers above the role are hidden; None (or "" for channel) hides nothing."""
        filters = self.filters(scenario=scenario, persona=persona, stage=stage, industry=industry, source=source,
                               channel=channel, role=role)
        started = time.perf_counter()
        hits = self.index.search(query, filters, limit, prefer_stage=prefer_stage, prefer_persona=prefer_persona)
        # Lengths and timings only: what the customer said never goes into the log.
        log.debug("搜索 %d 字：%d 条结果，%.1f ms", len(query), len(hits), (time.perf_counter() - started) * 1000)
        return hits

    def filters(self, *, scenario=None, persona=None, stage=None, industry=None, source=None, channel=None,
                role=None) -> Filters:
        """Filters with every key checked: an unknown key is an error, never an empty result."""
        _check_key("channel", channel or None, list(PHRASE_CHANNELS))
        _check_key("role", role, list(AUTHORITIES))
        _check_key("persona", persona, list(PERSONAS))
        _check_key("stage", stage, list(STAGES))
        _check_key("industry", industry, list(INDUSTRIES))
        _check_key("source", source, ["playbook", PERSONAL])
        if scenario is not None and scenario not in self.index.scenarios:
            raise UnknownKey(f"未知的场景「{scenario}」（用 calmdesk playbooks list 查看全部场景）")
        return Filters(scenario=scenario, persona=persona, stage=stage, industry=industry, source=source,
                       channel=channel or None, role=role)

    def scenarios(self) -> list[ScenarioInfo]:
        rows = Scenario.select(Scenario.key, Scenario.name, Scenario.industry, Scenario.triggers,
                               Scenario.examples, Scenario.description).order_by(Scenario.industry, Scenario.key).tuples()
        return [ScenarioInfo(key, name, industry, triggers or [], examples or [], description or "")
                for key, name, industry, triggers, examples, description in rows]

    def scenario_triggers(self) -> list[tuple[str, list[str]]]:
        """(scenario key, trigger words) pairs: what the analysis ranks scenarios by."""
        return [(s.key, s.triggers) for s in self.scenarios()]

    def phrase_count(self) -> int:
        return Phrase.select().count()

    # ------------------------------------------------------------ the agent's own data

    def record_use(self, uid: str) -> None:
        """A copied phrase counts as used: it feeds the ranking."""
        now = dt.datetime.now().replace(microsecond=0)
        with self.store.db.atomic():
            (PhraseStat.insert(uid=uid, uses=1, last_used=now)
             .on_conflict(conflict_target=[PhraseStat.uid],
                          update={PhraseStat.uses: PhraseStat.uses + 1, PhraseStat.last_used: now})
             .execute())
        if self._index is not None:
            self._index.record_use(uid)

    def set_favourite(self, uid: str, on: bool = True) -> None:
        with self.store.db.atomic():
            (PhraseStat.insert(uid=uid, favourite=on)
             .on_conflict(conflict_target=[PhraseStat.uid], update={PhraseStat.favourite: on})
             .execute())
        if self._index is not None:
            self._index.set_favourite(uid, on)

    def stats(self, uid: str) -> tuple[int, bool]:
        row = PhraseStat.get_or_none(PhraseStat.uid == uid)
        return (row.uses, row.favourite) if row else (0, False)

    def add_personal(self, text: str, stage: str, persona: str = ALL_PERSONAS,
                     scenario: str | None = None) -> str:
        """The agent's own phrase: searched with the rest, never touched by playbook imports."""
        text = _personal_text(text)
        _check_key("stage", stage, list(STAGES))
        _check_key("persona", persona, [*PERSONAS, ALL_PERSONAS])
        sc = Scenario.get_or_none(Scenario.key == scenario) if scenario else None
        if scenario and sc is None:
            raise UnknownKey(f"未知的场景「{scenario}」")
        uid = f"my:{uuid.uuid4().hex[:12]}"
        py_full, py_initials, words = terms.derive(text)
        with self.store.db.atomic():
            position = (Phrase.select(fn.MAX(Phrase.position)).where(Phrase.source == PERSONAL).scalar() or 0) + 1
            Phrase.create(uid=uid, scenario=sc, stage=stage, persona=persona, text=text, source=PERSONAL,
                          position=position, py_full=py_full, py_initials=py_initials, words=words)
        self._refresh_doc(uid)
        return uid

    def update_personal(self, uid: str, text: str, stage: str, persona: str = ALL_PERSONAS,
                        scenario: str | None = None) -> None:
        text = _personal_text(text)
        _check_key("stage", stage, list(STAGES))
        _check_key("persona", persona, [*PERSONAS, ALL_PERSONAS])
        sc = Scenario.get_or_none(Scenario.key == scenario) if scenario else None
        py_full, py_initials, words = terms.derive(text)
        with self.store.db.atomic():
            changed = (Phrase.update(text=text, stage=stage, persona=persona, scenario=sc, py_full=py_full,
                                     py_initials=py_initials, words=words,
                                     updated_at=dt.datetime.now().replace(microsecond=0))
                       .where(Phrase.uid == uid, Phrase.source == PERSONAL).execute())
        if not changed:
            raise UnknownKey("只能修改自己的话术")
        self._refresh_doc(uid)

    def delete_personal(self, uid: str) -> None:
        with self.store.db.atomic():
            Phrase.delete().where(Phrase.uid == uid, Phrase.source == PERSONAL).execute()
            PhraseStat.delete().where(PhraseStat.uid == uid).execute()
        with self._index_lock:
            self._index_generation += 1  # a build under way may still hold this phrase
        if self._index is not None:
            self._index.remove(uid)

    def personal_phrases(self) -> list[Doc]:
        return [h.doc for h in self.search("", source=PERSONAL, limit=None)]

    def _refresh_doc(self, uid: str) -> None:
        with self._index_lock:
            self._index_generation += 1  # a build under way may have missed this phrase
        if self._index is None:
            return
        row = (Phrase.select(Phrase.uid, Phrase.text, Scenario.key, Scenario.name, Scenario.industry,
                             Phrase.stage, Phrase.persona, Phrase.source, Phrase.position, Phrase.py_full,
                             Phrase.py_initials, Phrase.words, Phrase.channel, Phrase.authority)
               .join(Scenario, JOIN.LEFT_OUTER).where(Phrase.uid == uid).tuples().first())
        if row:
            uid, text, skey, sname, sind, stage, persona, source, pos, pyf, pyi, words, channel, authority = row
            self._index.add(Doc(uid, text, skey, sname or "", sind or "general", stage, persona, source, pos,
                                pyf, pyi, words, channel=channel, authority=authority))

    # ------------------------------------------------------------ the rest of the library

    def templates(self) -> list[Template]:
        return list(Template.select().order_by(Template.kind, Template.channel, Template.key))

    def forbidden(self) -> list[Forbidden]:
        return list(Forbidden.select().order_by(Forbidden.id))

    def checklist(self, flag: str) -> ChecklistInfo | None:
        row = Checklist.get_or_none(Checklist.flag == flag)
        if row is None:
            return None
        return ChecklistInfo(row.flag, row.title, list(row.do or []), list(row.never or []), list(row.handover or []))

    def translations(self) -> list[tuple[str, str]]:
        """正向翻译 pairs of 红转绿: (what an angry customer says, the need behind it)."""
        query = (RedGreenItem.select(RedGreenItem.text, RedGreenItem.need)
                 .where(RedGreenItem.kind == "translation").order_by(RedGreenItem.id))
        return list(query.tuples())

    def redgreen(self, pattern: str | None = None, kind: str | None = None) -> list[str]:
        query = RedGreenItem.select(RedGreenItem.text).order_by(RedGreenItem.id)
        if pattern:
            query = query.where(RedGreenItem.pattern == pattern)
        if kind:
            query = query.where(RedGreenItem.kind == kind)
        return [t for (t,) in query.tuples()]

    def stress_log(self, profile: str = DEFAULT_PROFILE) -> StressLog:
        """The agent's stress log for one profile, in this library's database."""
        return StressLog(self.store.db, profile)

    @property
    def read_only(self) -> bool:
        """The data dir is write-protected (a locked USB stick): search works, nothing is saved."""
        return bool(self.store.read_only)

    def explain_error(self, exc: BaseException) -> str | None:
        """Plain words for a failed write the agent can act on (disk full, locked by whom,
        read-only), or None for an unexpected error."""
        return sqlite_backend.describe_error(exc, self.store.path)

    @property
    def notice(self) -> str | None:
        """What a start-up recovery did, in plain words, until `dismiss_notice()` (see recovery.py)."""
        return self.store.notice

    def dismiss_notice(self) -> None:
        self.store.dismiss_notice()

    def close(self) -> None:
        self.store.close()


def _check_key(name: str, value: str | None, allowed: list[str]) -> None:
    if value is not None and value not in allowed:
        raise UnknownKey(f"未知的 {name}「{value}」（可用：{', '.join(allowed)}）")


def _detach_personal(scenarios) -> None:
    """Keep the agent's phrases when a trainer's file drops their scenario (the foreign key cascades)."""
    Phrase.update(scenario=None).where(Phrase.source == PERSONAL, Phrase.scenario.in_(scenarios)).execute()


def _personal_text(text: str) -> str:
    # Agents paste customers' words: phone, ID and card numbers are masked before storing.
    text = privacy.mask((text or "").strip())
    if not text:
        raise UnknownKey("话术不能为空")
    if len(text) > reader.MAX_PHRASE_CHARS:
        raise UnknownKey(f"话术太长（最多 {reader.MAX_PHRASE_CHARS} 字）")
    return text


def load_synonyms(path: Path | None = None) -> list[list[str]]:
    path = path or paths.resources_dir() / "search" / "synonyms.yaml"
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8")) or {}
        groups = data.get("groups", [])
        return [[str(w) for w in g] for g in groups if isinstance(g, list)]
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError, AttributeError) as exc:
        log.warning("synonyms not loaded from %s: %s", path, exc)
        return []


def open_library(path: Path | None = None, sync: bool = True) -> Library:
    """Open (and create or migrate) the database; import the bundled playbooks if they are new."""
    started = time.perf_counter()
    library = Library(storage.open_store(path))
    if sync and not library.store.read_only:
        library.sync_bundled()
    log.info("话术库已打开：%s（%.0f ms%s）", library.store.path, (time.perf_counter() - started) * 1000,
             "，只读" if library.store.read_only else "")
    return library


