"""The peewee models of the library and the agent's own data.

The trainer's library (scenarios, phrases, templates, 禁语, checklists, 红转绿 content) is
rebuilt from playbooks at will; the agent's data (usage, favourites, personal phrases, stress
entries) is keyed by stable ids so it survives every re-import.
"""

from __future__ import annotations

import datetime as dt
import json

from peewee import (
    BooleanField,
    CharField,
    DatabaseProxy,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database = DatabaseProxy()


class JSONField(TextField):
    """A list or mapping kept as JSON text: readable in any SQLite tool, no schema change,
    and nobody outside this module encodes or decodes it by hand."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def python_value(self, value):
        if value is None:
            return None
        try:
            return json.loads(value)
        except ValueError:  # a hand-edited or damaged cell reads as empty, never as a crash
            return None


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database


class MetaValue(BaseModel):
    """Small key/value facts about the database itself (schema version, first start)."""

    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "meta"


class Playbook(BaseModel):
    """One imported playbook file, by file name: importing a newer banking.yaml replaces it."""

    name = CharField(unique=True)
    sha256 = CharField()
    origin = CharField(default="user")  # "bundled" files are re-synced when the app updates
    imported_at = DateTimeField(default=_now)


class Scenario(BaseModel):
    key = CharField(unique=True)
    name = CharField()
    industry = CharField(index=True)
    description = TextField(default="")
    triggers = JSONField(default=list)  # words customers say
    examples = JSONField(default=list)  # 客户原话: what customers say, to recognise the scenario
    playbook = ForeignKeyField(Playbook, backref="scenarios", on_delete="CASCADE", null=True)


class Phrase(BaseModel):
    uid = CharField(unique=True)  # stable across re-imports: explicit id or hash of scenario+text
    scenario = ForeignKeyField(Scenario, backref="phrases", on_delete="CASCADE", null=True)
    stage = CharField(index=True)
    persona = CharField(default="all")
    text = TextField()
    tags = JSONField(default=list)
    source = CharField(default="playbook")  # or "personal": the agent's own phrases
    channel = CharField(default="")  # "" any channel, or a vocab.PHRASE_CHANNELS key
    authority = CharField(default="")  # an offer: the lowest vocab.AUTHORITIES role allowed to make it
    playbook = ForeignKeyField(Playbook, backref="phrases", on_delete="CASCADE", null=True)
    position = IntegerField(default=0)  # order in the playbook file
    # Derived once when saved, so start-up never runs pypinyin or jieba.
    py_full = TextField(default="")  # one pinyin token per character, space separated
    py_initials = TextField(default="")  # one letter per character
    words = TextField(default="")  # jieba words, space separated: the keyword vocabulary
    updated_at = DateTimeField(default=_now)


class PhraseStat(BaseModel):
    """The agent's usage and favourites, by phrase uid (no foreign key: survives re-imports)."""

    uid = CharField(primary_key=True)
    uses = IntegerField(default=0)
    last_used = DateTimeField(null=True)
    favourite = BooleanField(default=False)


class Template(BaseModel):
    key = CharField(unique=True)
    kind = CharField()
    channel = CharField()
    persona = CharField(default="all")
    title = CharField()
    text = TextField()
    placeholders = JSONField(default=dict)  # name -> default
    playbook = ForeignKeyField(Playbook, backref="templates", on_delete="CASCADE")


class Forbidden(BaseModel):
    text = CharField()
    variants = JSONField(default=list)
    category = CharField()
    why = TextField()
    better = TextField()
    playbook = ForeignKeyField(Playbook, backref="forbidden", on_delete="CASCADE")


class Checklist(BaseModel):
    flag = CharField(unique=True)
    title = CharField()
    do = JSONField(default=list)
    never = JSONField(default=list)
    handover = JSONField(default=list)
    playbook = ForeignKeyField(Playbook, backref="checklists", on_delete="CASCADE")


class RedGreenItem(BaseModel):
    pattern = CharField(null=True)  # a THINKING_PATTERNS key; null for emotion words
    kind = CharField()  # "red", "green", "emotion_word" or "translation"
    text = TextField()
    need = TextField(default="")  # translation: the need behind the angry words in `text` (正向翻译)
    playbook = ForeignKeyField(Playbook, backref="redgreen", on_delete="CASCADE")


class Setting(BaseModel):
    """The agent's settings shared by the window and the CLI."""

    key = CharField(primary_key=True)
    value = TextField()


LIBRARY_MODELS = [Playbook, Scenario, Phrase, Template, Forbidden, Checklist, RedGreenItem]
AGENT_MODELS = [PhraseStat, Setting]
ALL_MODELS = [MetaValue, *LIBRARY_MODELS, *AGENT_MODELS]
