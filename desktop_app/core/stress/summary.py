"""Statistics of one profile's stress log, and the weekly summary in plain Chinese words.

The before/after drop is shown as feedback to the agent, never as proof that 红转绿 works:
people start the exercise at a peak, and a peak eases by itself (regression to the mean).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from desktop_app.core.stress.stress_log import HIGH_RATING, StressLog
from desktop_app.core.vocab import THINKING_PATTERNS

TOP_PATTERNS = 3


@dataclass(frozen=True)
class ExercisePoint:
    at: dt.datetime
    before: int
    after: int
    pattern: str | None


@dataclass(frozen=True)
class Summary:
    days: int
    start: dt.datetime
    end: dt.datetime
    ratings: list[tuple[dt.datetime, int]]  # quick-log ratings over time
    exercises: list[ExercisePoint]  # completed exercises with both ratings
    top_patterns: list[tuple[str, int]]  # (pattern key, count), most frequent first

    @property
    def log_count(self) -> int:
        return len(self.ratings)

    @property
    def high_count(self) -> int:
        return sum(1 for _, r in self.ratings if r >= HIGH_RATING)

    @property
    def daily(self) -> list[tuple[dt.date, float]]:
        """The average quick rating of each day that has one: the trend line of the chart."""
        by_day: dict[dt.date, list[int]] = {}
        for at, r in self.ratings:
            by_day.setdefault(at.date(), []).append(r)
        return [(day, sum(rs) / len(rs)) for day, rs in sorted(by_day.items())]

    @property
    def avg_rating(self) -> float | None:
        return _mean([r for _, r in self.ratings])

    @property
    def avg_before(self) -> float | None:
        return _mean([x.before for x in self.exercises])

    @property
    def avg_after(self) -> float | None:
        return _mean([x.after for x in self.exercises])

    @property
    def avg_drop(self) -> float | None:
        return _mean([x.before - x.after for x in self.exercises])

    def as_dict(self) -> dict:
        """What `calmdesk stress summary --json` prints."""
        return {
            "start": self.start.date().isoformat(),
            "end": (self.end - dt.timedelta(days=1)).date().isoformat(),
            "count": len(self.exercises),
            "ratings": self.log_count,
            "avg_rating": _round(self.avg_rating),
            "avg_before": _round(self.avg_before),
            "avg_after": _round(self.avg_after),
            "avg_drop": _round(self.avg_drop),
            "top_patterns": [{"pattern": k, "label": THINKING_PATTERNS[k][0], "count": n}
                             for k, n in self.top_patterns],
        }


def period(days: int, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The last `days` calendar days including today: [midnight days-1 ago, tomorrow's midnight)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    today = (now or dt.datetime.now()).date()
    start = dt.datetime.combine(today - dt.timedelta(days=days - 1), dt.time())
    return start, dt.datetime.combine(today + dt.timedelta(days=1), dt.time())


def summarize(log: StressLog, days: int = 7, now: dt.datetime | None = None) -> Summary:
    start, end = period(days, now)
    return summarize_range(log, start, end, days)


def summarize_range(log: StressLog, start: dt.datetime, end: dt.datetime, days: int | None = None) -> Summary:
    ratings = [(e.at, e.rating) for e in log.entries(start, end)]
    exercises = log.exercises(start, end)
    points = [ExercisePoint(x.started, x.before, x.after, x.pattern) for x in exercises
              if x.completed and x.before is not None and x.after is not None]
    order = list(THINKING_PATTERNS)
    counts = Counter(x.pattern for x in exercises if x.pattern)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))[:TOP_PATTERNS]
    days = days or max(1, (end.date() - start.date()).days)
    return Summary(days, start, end, ratings, points, top)


def summary_text(s: Summary) -> str:
    """A few calm sentences for the agent; empty ranges get a friendly line, not zeros."""
    if not s.ratings and not s.exercises and not s.top_patterns:
        return f"这 {s.days} 天还没有记录。接完难的电话，点一下分数就能记下来。"
    parts: list[str] = []
    if s.ratings:
        line = f"这 {s.days} 天记了 {s.log_count} 次压力，平均 {s.avg_rating:.1f} 分"
        line += f"，其中 {s.high_count} 次在 {HIGH_RATING} 分以上。" if s.high_count else "。"
        parts.append(line)
    if s.exercises:
        n = len(s.exercises)
        parts.append(f"做完 {n} 次红转绿：开始时平均 {s.avg_before:.1f} 分，结束时平均 {s.avg_after:.1f} 分。")
        if s.avg_drop is not None and s.avg_drop > 0:
            parts.append(f"平均降了 {s.avg_drop:.1f} 分——这是给你自己的反馈，不是证明："
                         "人常在最难受时才开始练习，之后本来也会慢慢回落。看看哪种方法对你最有帮助。")
        else:
            parts.append("练完分数没有下降，这也很正常，有些日子就是难。停下来照顾自己，本身就有意义。")
    if s.top_patterns:
        names = "、".join(f"{THINKING_PATTERNS[k][0]}（{n} 次）" for k, n in s.top_patterns)
        green = THINKING_PATTERNS[s.top_patterns[0][0]][1]
        parts.append(f"最常出现的想法：{names}。可以多试试「{green}」。")
    return "".join(parts)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def exercise_feedback(before: int, after: int) -> str:
    """The words at the end of one exercise: feedback for the agent, never a verdict."""
    if after < before:
        return (f"从 {before} 分到 {after} 分，轻了一些。这是给你自己的反馈——"
                "情绪本来也会慢慢回落，记下这次什么对你有用就好。")
    return f"从 {before} 分到 {after} 分。没有变轻也没关系，有些电话就是难；你已经停下来照顾了自己。"
