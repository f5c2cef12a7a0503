"""The agent's stress log: quick ratings, the weekly question and the 红转绿 exercise.

Qt-free: the window and the CLI both talk to a `StressLog` bound to one profile. Every write is
its own short transaction, committed before the call returns, so a crash or a closed window
never loses what the agent already entered. Statistics live in `summary`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from peewee import Database

from desktop_app.core import privacy, safe_files
from desktop_app.core.library.models import Setting
from desktop_app.core.stress.records import RedGreenExercise, StressEntry, WeeklyCheck
from desktop_app.core.vocab import THINKING_PATTERNS

DEFAULT_PROFILE = "default"

# SUDS: fixed words at 0, 5 and 10 so that a "7" means the same thing every time.
SUDS_ANCHORS: dict[int, str] = {
    0: "完全平静",
    5: "紧张，还能应付",
    10: "难受到极点",
}

# The three states after an emotion arises, as the training names them.
REACTIONS: dict[str, str] = {
    "endure": "忍",
    "flare": "暴",
    "withdraw": "逃",
}

# The single-item stress measure (Elo et al. 2003), worded like the training's self-test.
WEEKLY_QUESTION = "这些天，你感到压力有多大？"
WEEKLY_SCALE: dict[int, str] = {1: "几乎没有", 2: "有一点", 3: "中等", 4: "比较大", 5: "非常大"}
WEEKLY_HIGH = 4  # 4 or 5 counts as a high week
HIGH_WEEKS_IN_A_ROW = 2
SUPPORT_HINT = "最近连续几周压力都偏大。找组长或培训老师聊一聊，也许会轻松一些。"

# What each green shift asks of the agent; 反思自我 is reflection, never self-blame.
GREEN_HINTS: dict[str, str] = {
    "should": "站到对方的位置想一想：他为什么会这样说、这样要求？",
    "catastrophizing": "先看眼前能做的一小步，而不是最坏的结果。",
    "overgeneralizing": "先弄清事实：这一次发生了什么？别的时候又是怎样？",
    "black_white": "在「全对」和「全错」之间，还有哪些可能？",
    "blaming": "反思不是责怪自己：看看这件事里我能学到什么，下次可以怎么做。",
}
FREE_REFRAME_HINT = "写下一个更平衡、对你更有帮助的想法。"

# The exercise's steps, in order; `step` on a saved exercise is one of these.
EXERCISE_STEPS = ("before", "feeling", "translate", "pattern", "reframe", "breathe", "after", "done")
# A gap between two saves longer than this means the agent left and came back: it counts
# only this much, so a resumed exercise does not report hours of "duration".
STEP_TIME_CAP = dt.timedelta(minutes=3)

# Gentle prompt: this many ratings at HIGH_RATING or above within PROMPT_WINDOW suggest the
# exercise once; a new exercise or an earlier prompt inside the window silences it.
HIGH_RATING = 7
PROMPT_AFTER = 3
PROMPT_WINDOW = dt.timedelta(hours=2)

MAX_WORDS = 12
MAX_WORD_CHARS = 20
MAX_REFRAME_CHARS = 500
MAX_KEY_CHARS = 64


class StressError(ValueError):
    """A value the log refuses; the message is for the agent to read."""


@dataclass(frozen=True)
class Exercise:
    id: int
    started: dt.datetime
    finished: dt.datetime | None
    before: int | None
    after: int | None
    words: list[str]
    pattern: str | None
    reframe: str
    duration: int
    completed: bool
    step: str


def _now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_start(week: str) -> dt.date:
    year, num = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(num), 1)


class StressLog:
    """One profile's stress data in an open database."""

    def __init__(self, db: Database, profile: str = DEFAULT_PROFILE):
        profile = (profile or "").strip()
        if not profile or len(profile) > MAX_KEY_CHARS:
            raise StressError("档案名不能为空，也不能太长")
        self.db = db
        self.profile = profile

    # ------------------------------------------------------------ quick log

    def log(self, rating: int, scenario: str | None = None, reaction: str | None = None,
            now: dt.datetime | None = None) -> int:
        """Save one rating; returns its id once committed."""
        with self.db.atomic():
            row = StressEntry.create(profile=self.profile, at=_now(now), rating=_rating(rating),
                                     scenario=_key(scenario), reaction=_reaction(reaction))
        return row.id

    def tag(self, entry_id: int, scenario: str | None = None, reaction: str | None = None) -> None:
        """Add the optional scenario and reaction after the one-click save."""
        with self.db.atomic():
            (StressEntry.update(scenario=_key(scenario), reaction=_reaction(reaction))
             .where(StressEntry.id == entry_id, StressEntry.profile == self.profile).execute())

    def remove_entry(self, entry_id: int) -> None:
        """Undo a mis-click."""
        with self.db.atomic():
            StressEntry.delete().where(StressEntry.id == entry_id, StressEntry.profile == self.profile).execute()

    def entries(self, start: dt.datetime, end: dt.datetime) -> list[StressEntry]:
        return list(StressEntry.select()
                    .where(StressEntry.profile == self.profile, StressEntry.at >= start, StressEntry.at < end)
                    .order_by(StressEntry.at, StressEntry.id))

    # ------------------------------------------------------------ gentle prompt

    def prompts_enabled(self) -> bool:
        return self._setting("prompts", "on") == "on"

    def set_prompts_enabled(self, on: bool) -> None:
        self._set_setting("prompts", "on" if on else "off")

    def should_suggest_exercise(self, now: dt.datetime | None = None) -> bool:
        """Several high ratings lately, no exercise since, not suggested yet: suggest once."""
        now = _now(now)
        since = now - PROMPT_WINDOW
        if not self.prompts_enabled():
            return False
        last = self._setting("prompted_at", "")
        if last and dt.datetime.fromisoformat(last) >= since:
            return False
        high = (StressEntry.select().where(StressEntry.profile == self.profile, StressEntry.at >= since,
                                           StressEntry.at <= now, StressEntry.rating >= HIGH_RATING).count())
        started = (RedGreenExercise.select().where(RedGreenExercise.profile == self.profile,
                                                   RedGreenExercise.started >= since).count())
        return high >= PROMPT_AFTER and started == 0

    def mark_suggested(self, now: dt.datetime | None = None) -> None:
        self._set_setting("prompted_at", _now(now).isoformat())

    # ------------------------------------------------------------ weekly question

    def answer_weekly(self, score: int, now: dt.datetime | None = None) -> None:
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise StressError("每周问题的分数是 1 到 5")
        now = _now(now)
        with self.db.atomic():
            (WeeklyCheck.insert(profile=self.profile, week=iso_week(now.date()), score=score, at=now)
             .on_conflict(conflict_target=[WeeklyCheck.profile, WeeklyCheck.week],
                          update={WeeklyCheck.score: score, WeeklyCheck.at: now})
             .execute())

    def skip_weekly(self, now: dt.datetime | None = None) -> None:
        """Not this week: the question stays away until the next one."""
        self._set_setting("weekly_skipped", iso_week(_now(now).date()))

    def weekly_due(self, now: dt.datetime | None = None) -> bool:
        week = iso_week(_now(now).date())
        answered = WeeklyCheck.select().where(WeeklyCheck.profile == self.profile, WeeklyCheck.week == week).exists()
        return not answered and self._setting("weekly_skipped", "") != week

    def weekly_scores(self) -> dict[str, int]:
        rows = WeeklyCheck.select(WeeklyCheck.week, WeeklyCheck.score).where(WeeklyCheck.profile == self.profile)
        return {week: score for week, score in rows.tuples()}

    def high_weeks_in_a_row(self, now: dt.datetime | None = None) -> int:
        """Consecutive calendar weeks scored 4-5, ending this week (or last, if this one is open)."""
        scores = self.weekly_scores()
        week = _week_start(iso_week(_now(now).date()))
        if iso_week(week) not in scores:
            week -= dt.timedelta(weeks=1)
        run = 0
        while scores.get(iso_week(week), 0) >= WEEKLY_HIGH:
            run += 1
            week -= dt.timedelta(weeks=1)
        return run

    def suggest_support(self, now: dt.datetime | None = None) -> bool:
        return self.high_weeks_in_a_row(now) >= HIGH_WEEKS_IN_A_ROW

    # ------------------------------------------------------------ the 红转绿 exercise

    def start_exercise(self, before: int | None = None, now: dt.datetime | None = None) -> int:
        """A new exercise; an unfinished one is set aside (kept, never deleted)."""
        now = _now(now)
        with self.db.atomic():
            (RedGreenExercise.update(finished=now)
             .where(RedGreenExercise.profile == self.profile, RedGreenExercise.finished.is_null()).execute())
            row = RedGreenExercise.create(profile=self.profile, started=now, updated=now,
                                          before=None if before is None else _rating(before),
                                          step="feeling" if before is not None else "before")
        return row.id

    def record_exercise(self, before: int, after: int, pattern: str | None = None,
                        now: dt.datetime | None = None) -> int:
        """A finished exercise told after the fact (the CLI): saved complete in one go, and an
        exercise the agent left open in the window stays open."""
        values = _exercise_fields({"before": before, "after": after, "pattern": pattern})
        if values["before"] is None or values["after"] is None:
            raise StressError("压力分数是 0 到 10 的整数")
        now = _now(now)
        with self.db.atomic():
            row = RedGreenExercise.create(profile=self.profile, started=now, updated=now, finished=now,
                                          completed=True, step="done", **values)
        return row.id

    def save_step(self, exercise_id: int, step: str, now: dt.datetime | None = None, **fields) -> Exercise:
        """Save what the agent entered so far and the step reached; committed at once.

        fields: before, after (0-10), words (list), pattern (a THINKING_PATTERNS key or None),
        reframe (text). Only the fields given change.
        """
        if step not in EXERCISE_STEPS or step == "done":
            raise StressError(f"未知的步骤「{step}」")
        values = _exercise_fields(fields)
        with self.db.atomic():
            row = self._open_exercise(exercise_id)
            now = _now(now)
            values.update(step=step, updated=now, duration=row.duration + _active(row.updated, now))
            RedGreenExercise.update(**values).where(RedGreenExercise.id == row.id).execute()
        return self.exercise(exercise_id)

    def finish_exercise(self, exercise_id: int, after: int, now: dt.datetime | None = None) -> Exercise:
        with self.db.atomic():
            row = self._open_exercise(exercise_id)
            now = _now(now)
            (RedGreenExercise.update(after=_rating(after), finished=now, completed=True, step="done", updated=now,
                                     duration=row.duration + _active(row.updated, now))
             .where(RedGreenExercise.id == row.id).execute())
        return self.exercise(exercise_id)

    def unfinished_exercise(self) -> Exercise | None:
        """The exercise left half-way, to resume where the agent stopped."""
        row = (RedGreenExercise.select()
               .where(RedGreenExercise.profile == self.profile, RedGreenExercise.finished.is_null())
               .order_by(RedGreenExercise.started.desc(), RedGreenExercise.id.desc()).first())
        return _exercise(row) if row else None

    def exercise(self, exercise_id: int) -> Exercise:
        row = RedGreenExercise.get_or_none(RedGreenExercise.id == exercise_id,
                                           RedGreenExercise.profile == self.profile)
        if row is None:
            raise StressError("找不到这次练习")
        return _exercise(row)

    def exercises(self, start: dt.datetime, end: dt.datetime) -> list[Exercise]:
        rows = (RedGreenExercise.select()
                .where(RedGreenExercise.profile == self.profile, RedGreenExercise.started >= start,
                       RedGreenExercise.started < end)
                .order_by(RedGreenExercise.started, RedGreenExercise.id))
        return [_exercise(r) for r in rows]

    def _open_exercise(self, exercise_id: int) -> RedGreenExercise:
        row = RedGreenExercise.get_or_none(RedGreenExercise.id == exercise_id,
                                           RedGreenExercise.profile == self.profile)
        if row is None:
            raise StressError("找不到这次练习")
        if row.completed:
            raise StressError("这次练习已经完成")
        return row

    # ------------------------------------------------------------ export and deletion

    def export_csv(self, path: Path | str) -> int:
        """Everything of this profile in one CSV (Daylio-style); returns the number of rows."""
        path = Path(path)
        rows = self._export_rows()

        def write(tmp: Path) -> None:
            # utf-8-sig: Excel on a Chinese Windows PC only reads UTF-8 CSV with a BOM.
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=EXPORT_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
                fh.flush()
                os.fsync(fh.fileno())

        safe_files.atomic_write(path, write)  # never a half-written export under the real name
        return len(rows)

    def _export_rows(self) -> list[dict]:
        rows: list[dict] = []
        for e in StressEntry.select().where(StressEntry.profile == self.profile).order_by(StressEntry.at):
            rows.append({"kind": "rating", "time": e.at.isoformat(sep=" "), "rating": e.rating,
                         "scenario": e.scenario or "", "reaction": REACTIONS.get(e.reaction or "", "")})
        for w in WeeklyCheck.select().where(WeeklyCheck.profile == self.profile).order_by(WeeklyCheck.week):
            rows.append({"kind": "weekly", "time": w.at.isoformat(sep=" "), "week": w.week, "score": w.score})
        for x in self.exercises(dt.datetime.min, dt.datetime.max):
            rows.append({"kind": "exercise", "time": x.started.isoformat(sep=" "),
                         "before": _blank(x.before), "after": _blank(x.after),
                         # masked again: rows stored before notes were masked must not leave unmasked
                         "words": _cell(privacy.mask("、".join(x.words))),
                         "pattern": THINKING_PATTERNS[x.pattern][0] if x.pattern else "",
                         "reframe": _cell(privacy.mask(x.reframe)), "duration_s": x.duration, "completed": int(x.completed),
                         "step": x.step})
        return rows

    def delete_everything(self) -> int:
        """Remove every row and setting of this profile for good — from the live file, its
        write-ahead log and the automatic backups (privacy.forget); returns the records removed."""
        def queries():
            return [
                StressEntry.delete().where(StressEntry.profile == self.profile),
                WeeklyCheck.delete().where(WeeklyCheck.profile == self.profile),
                RedGreenExercise.delete().where(RedGreenExercise.profile == self.profile),
                Setting.delete().where(Setting.key.in_([self._key(n) for n in _SETTING_NAMES])),
            ]

        records = sum(model.select().where(model.profile == self.profile).count()
                      for model in (StressEntry, WeeklyCheck, RedGreenExercise))
        privacy.forget(self.db, queries)
        return records

    # ------------------------------------------------------------ per-profile settings

    def _key(self, name: str) -> str:
        return f"stress:{self.profile}:{name}"

    def _setting(self, name: str, default: str) -> str:
        row = Setting.get_or_none(Setting.key == self._key(name))
        return row.value if row else default

    def _set_setting(self, name: str, value: str) -> None:
        with self.db.atomic():
            Setting.replace(key=self._key(name), value=value).execute()


_SETTING_NAMES = ("prompts", "prompted_at", "weekly_skipped")
EXPORT_COLUMNS = ["kind", "time", "rating", "scenario", "reaction", "week", "score", "before", "after",
                  "words", "pattern", "reframe", "duration_s", "completed", "step"]


def profiles(db: Database) -> list[str]:
    """Every profile that has stress data on this PC."""
    names: set[str] = set()
    for model in (StressEntry, WeeklyCheck, RedGreenExercise):
        names.update(p for (p,) in model.select(model.profile).distinct().tuples())
    return sorted(names)


def _rating(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise StressError("压力分数是 0 到 10 的整数")
    return value


def _key(value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_KEY_CHARS:
        raise StressError("场景键太长")
    return value or None


def _reaction(value: str | None) -> str | None:
    if value and value not in REACTIONS:
        raise StressError(f"未知的反应「{value}」（可用：{', '.join(REACTIONS)}）")
    return value or None


def _exercise_fields(fields: dict) -> dict:
    unknown = set(fields) - {"before", "after", "words", "pattern", "reframe"}
    if unknown:
        raise StressError(f"未知的字段：{', '.join(sorted(unknown))}")
    values: dict = {}
    for name in ("before", "after"):
        if name in fields:
            values[name] = None if fields[name] is None else _rating(fields[name])
    if "words" in fields:
        values["words"] = json.dumps(_words(fields["words"]), ensure_ascii=False)
    if "pattern" in fields:
        if fields["pattern"] is not None and fields["pattern"] not in THINKING_PATTERNS:
            raise StressError(f"未知的思维模式「{fields['pattern']}」")
        values["pattern"] = fields["pattern"]
    if "reframe" in fields:
        reframe = (fields["reframe"] or "").strip()
        if len(reframe) > MAX_REFRAME_CHARS:
            raise StressError(f"绿色想法最多 {MAX_REFRAME_CHARS} 字")
        values["reframe"] = privacy.mask(reframe)  # like every stored text (privacy.py)
    return values


def _words(words) -> list[str]:
    out: list[str] = []
    for w in words or []:
        w = privacy.mask(str(w).strip())
        if w and w not in out:
            if len(w) > MAX_WORD_CHARS:
                raise StressError(f"每个感受词最多 {MAX_WORD_CHARS} 字")
            out.append(w)
    if len(out) > MAX_WORDS:
        raise StressError(f"感受词最多 {MAX_WORDS} 个")
    return out


def _active(last: dt.datetime, now: dt.datetime) -> int:
    gap = max(dt.timedelta(0), now - last)
    return int(min(gap, STEP_TIME_CAP).total_seconds())


def _exercise(row: RedGreenExercise) -> Exercise:
    return Exercise(row.id, row.started, row.finished, row.before, row.after, json.loads(row.words or "[]"),
                    row.pattern, row.reframe or "", row.duration, row.completed, row.step)


def _cell(text: str) -> str:
    # A typed text starting with = + - @ would run as a formula when the CSV opens in Excel.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _blank(value) -> object:
    return "" if value is None else value
