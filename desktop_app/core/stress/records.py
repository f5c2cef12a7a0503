"""The agent's own stress data (schema version 2): quick ratings, the weekly check, 红转绿.

Every row carries a `profile`, so agents sharing one counter PC never see each other's
entries. Nothing here holds customer text: only ratings, scenario keys and the agent's own words.
"""

from __future__ import annotations

from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField

from desktop_app.core.library.models import BaseModel


class StressEntry(BaseModel):
    """One quick SUDS rating (0-10) after a call."""

    profile = CharField(index=True)
    at = DateTimeField(index=True)
    rating = IntegerField()
    scenario = CharField(null=True)  # a scenario key only, never the customer's words
    reaction = CharField(null=True)  # "endure" 忍 / "flare" 暴 / "withdraw" 逃

    class Meta:
        table_name = "stress_entry"


class WeeklyCheck(BaseModel):
    """The single-item stress question, answered at most once per ISO week."""

    profile = CharField()
    week = CharField()  # ISO week, "2025-W07"
    score = IntegerField()  # 1-5
    at = DateTimeField()

    class Meta:
        table_name = "stress_weekly"
        indexes = ((("profile", "week"), True),)


class RedGreenExercise(BaseModel):
    """One 红转绿 exercise, written step by step so leaving half-way loses nothing."""

    profile = CharField(index=True)
    started = DateTimeField(index=True)
    updated = DateTimeField()  # last save: the active duration is summed from these gaps
    finished = DateTimeField(null=True)  # set when completed or set aside for a new one
    before = IntegerField(null=True)
    after = IntegerField(null=True)
    words = TextField(default="[]")  # JSON list of the feeling words the agent named
    pattern = CharField(null=True)  # a THINKING_PATTERNS key
    reframe = TextField(default="")
    duration = IntegerField(default=0)  # active seconds
    completed = BooleanField(default=False)
    step = CharField(default="before")  # the step the agent reached: where a resume starts

    class Meta:
        table_name = "stress_exercise"


STRESS_MODELS = [StressEntry, WeeklyCheck, RedGreenExercise]
