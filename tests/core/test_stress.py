"""The stress log: ratings, the weekly rule, the exercise lifecycle, statistics, export, deletion."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.library import migrations

from desktop_app.core.library import storage

from desktop_app.core.stress import stress_log

from desktop_app.core.stress import summary
from desktop_app.core.library.models import Setting
from desktop_app.core.stress.stress_log import StressError, StressLog
from desktop_app.core.stress.records import RedGreenExercise, StressEntry, WeeklyCheck
from desktop_app.core.vocab import THINKING_PATTERNS

NOW = dt.datetime(2025, 3, 14, 15, 30)  # a Friday


@pytest.fixture
def db():
    store = storage.open_store()
    yield store.db
    store.close()


@pytest.fixture
def me(db):
    return StressLog(db, "xiaowang")


def ago(**kw) -> dt.datetime:
    return NOW - dt.timedelta(**kw)


# ------------------------------------------------------------ schema


def test_a_version_1_database_gains_the_stress_tables_with_nothing_lost(monkeypatch, calmdesk_home):
    current = migrations.CURRENT_VERSION
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 1)
    store = storage.open_store()
    Setting.create(key="theme", value="calm")
    assert not store.db.table_exists("stress_entry")
    store.close()
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current)  # not undo(): that drops CALMDESK_HOME too
    store = storage.open_store()
    try:
        assert migrations.read_version(store.db) >= 2
        assert all(store.db.table_exists(t) for t in ("stress_entry", "stress_weekly", "stress_exercise"))
        assert Setting.get(Setting.key == "theme").value == "calm"
    finally:
        store.close()
    assert list((calmdesk_home / "backups").glob("calmdesk-before-upgrade-v1-*.db"))


# ------------------------------------------------------------ quick log


def test_one_click_log_then_tag_then_undo(me):
    entry = me.log(7, now=NOW)
    me.tag(entry, scenario="t_refund", reaction="endure")
    row = StressEntry.get_by_id(entry)
    assert (row.rating, row.scenario, row.reaction, row.profile) == (7, "t_refund", "endure", "xiaowang")
    me.remove_entry(entry)
    assert StressEntry.select().count() == 0


@pytest.mark.parametrize("bad", [-1, 11, 3.5, "7", True, None])
def test_ratings_outside_0_to_10_are_refused(me, bad):
    with pytest.raises(StressError):
        me.log(bad)


def test_unknown_reaction_is_refused(me):
    with pytest.raises(StressError):
        me.log(5, reaction="cry")


def test_anchor_words_are_fixed_at_0_5_and_10():
    assert sorted(stress_log.SUDS_ANCHORS) == [0, 5, 10]
    assert all(stress_log.SUDS_ANCHORS.values())
    assert stress_log.REACTIONS == {"endure": "忍", "flare": "暴", "withdraw": "逃"}


# ------------------------------------------------------------ gentle prompt


def test_several_high_ratings_suggest_the_exercise_once(me):
    for minutes in (50, 30):
        me.log(8, now=ago(minutes=minutes))
    assert not me.should_suggest_exercise(NOW)
    me.log(9, now=NOW)
    assert me.should_suggest_exercise(NOW)
    me.mark_suggested(NOW)
    assert not me.should_suggest_exercise(NOW + dt.timedelta(minutes=5))


def test_no_prompt_when_switched_off_or_after_starting_an_exercise(me, db):
    for minutes in (20, 10, 0):
        me.log(8, now=ago(minutes=minutes))
    me.set_prompts_enabled(False)
    assert not me.should_suggest_exercise(NOW)
    me.set_prompts_enabled(True)
    assert me.should_suggest_exercise(NOW)
    me.start_exercise(8, now=NOW)
    assert not me.should_suggest_exercise(NOW)


def test_old_high_ratings_do_not_prompt(me):
    for hours in (5, 4, 3):
        me.log(9, now=ago(hours=hours))
    assert not me.should_suggest_exercise(NOW)


# ------------------------------------------------------------ weekly question and the two-weeks rule


def test_weekly_question_is_due_once_a_week(me):
    assert me.weekly_due(NOW)
    me.answer_weekly(3, now=NOW)
    assert not me.weekly_due(NOW)
    me.answer_weekly(4, now=NOW + dt.timedelta(hours=1))  # changing the answer keeps one row
    assert WeeklyCheck.select().count() == 1
    assert me.weekly_due(NOW + dt.timedelta(days=7))


def test_skipping_the_weekly_question_lasts_until_next_week(me):
    me.skip_weekly(NOW)
    assert not me.weekly_due(NOW)
    assert me.weekly_due(NOW + dt.timedelta(days=7))


@pytest.mark.parametrize("bad", [0, 6, 2.5])
def test_weekly_score_is_1_to_5(me, bad):
    with pytest.raises(StressError):
        me.answer_weekly(bad, now=NOW)


def test_two_high_weeks_in_a_row_suggest_talking_to_someone(me):
    me.answer_weekly(4, now=ago(days=7))
    assert not me.suggest_support(NOW)  # one high week
    me.answer_weekly(5, now=NOW)
    assert me.high_weeks_in_a_row(NOW) == 2
    assert me.suggest_support(NOW)


def test_the_rule_still_holds_before_this_weeks_answer(me):
    me.answer_weekly(4, now=ago(days=14))
    me.answer_weekly(4, now=ago(days=7))
    assert me.suggest_support(NOW)  # this week not answered yet
    me.answer_weekly(2, now=NOW)
    assert not me.suggest_support(NOW)


def test_a_gap_or_a_calm_week_breaks_the_run(me):
    me.answer_weekly(5, now=ago(days=21))
    me.answer_weekly(5, now=ago(days=7))  # the week in between was not answered
    assert not me.suggest_support(NOW)
    me.answer_weekly(3, now=ago(days=14))
    assert not me.suggest_support(NOW)


def test_an_old_run_of_high_weeks_does_not_suggest_today(me):
    me.answer_weekly(5, now=ago(days=35))
    me.answer_weekly(5, now=ago(days=28))
    assert not me.suggest_support(NOW)


def test_weeks_in_a_row_cross_the_new_year(me):
    me.answer_weekly(4, now=dt.datetime(2024, 12, 27, 10))
    me.answer_weekly(4, now=dt.datetime(2025, 1, 2, 10))
    assert me.suggest_support(dt.datetime(2025, 1, 3, 10))


# ------------------------------------------------------------ the exercise lifecycle


def test_each_step_is_saved_as_it_happens_and_can_be_resumed(me, db):
    ex = me.start_exercise(now=NOW)
    me.save_step(ex, "feeling", before=8, now=ago(seconds=-10))
    me.save_step(ex, "pattern", words=["委屈", "生气", "委屈", " "], now=ago(seconds=-40))
    saved = me.save_step(ex, "reframe", pattern="should", now=ago(seconds=-60))
    assert (saved.before, saved.words, saved.pattern, saved.step) == (8, ["委屈", "生气"], "should", "reframe")

    again = StressLog(db, "xiaowang").unfinished_exercise()  # a fresh object: read from the DB
    assert again == saved
    me.save_step(ex, "breathe", reframe="  他也许只是太着急了。 ", now=ago(seconds=-90))
    done = me.finish_exercise(ex, 4, now=ago(seconds=-160))
    assert done.completed and done.step == "done" and done.after == 4
    assert done.reframe == "他也许只是太着急了。"
    assert done.duration == 160
    assert me.unfinished_exercise() is None
    with pytest.raises(StressError):
        me.save_step(ex, "after", after=3)


def test_time_away_from_an_exercise_is_not_counted_as_duration(me):
    ex = me.start_exercise(7, now=NOW)
    me.save_step(ex, "pattern", words=["烦"], now=NOW + dt.timedelta(seconds=30))
    done = me.finish_exercise(ex, 5, now=NOW + dt.timedelta(hours=3))
    assert done.duration == 30 + stress_log.STEP_TIME_CAP.total_seconds()


def test_starting_anew_sets_the_old_exercise_aside_without_losing_it(me):
    old = me.start_exercise(9, now=ago(hours=1))
    me.save_step(old, "reframe", pattern="blaming", now=ago(minutes=59))
    new = me.start_exercise(now=NOW)
    assert me.unfinished_exercise().id == new
    kept = me.exercise(old)
    assert kept.pattern == "blaming" and not kept.completed and kept.finished is not None


@pytest.mark.parametrize("fields", [{"pattern": "sulking"}, {"before": 12}, {"reframe": "好" * 501},
                                    {"words": ["很" * 21]}, {"colour": "red"}])
def test_bad_exercise_values_are_refused_and_nothing_changes(me, fields):
    ex = me.start_exercise(6, now=NOW)
    with pytest.raises(StressError):
        me.save_step(ex, "reframe", **fields)
    assert me.exercise(ex).step == "feeling"


def test_another_profile_cannot_touch_my_exercise(me, db):
    ex = me.start_exercise(6, now=NOW)
    other = StressLog(db, "xiaoli")
    with pytest.raises(StressError):
        other.save_step(ex, "pattern", words=["x"])
    assert other.unfinished_exercise() is None


# ------------------------------------------------------------ statistics


def _complete(log, before, after, pattern, at):
    ex = log.start_exercise(before, now=at)
    log.save_step(ex, "reframe", pattern=pattern, now=at)
    log.finish_exercise(ex, after, now=at + dt.timedelta(minutes=2))


def test_empty_range_has_no_averages_and_a_friendly_text(me):
    s = summary.summarize(me, 7, NOW)
    assert (s.log_count, s.avg_rating, s.avg_before, s.avg_after, s.avg_drop, s.top_patterns) == (0, None, None, None, None, [])
    assert s.as_dict()["count"] == 0 and s.as_dict()["avg_drop"] is None
    assert "还没有记录" in summary.summary_text(s)


def test_last_7_and_30_days(me):
    me.log(3, now=ago(days=6, hours=15))  # 6 days ago at 00:30: inside the 7 days
    me.log(9, now=ago(days=7))  # only in the 30 days
    me.log(8, now=NOW)
    me.log(5, now=ago(days=31))  # in neither
    _complete(me, 8, 5, "should", ago(days=1))
    _complete(me, 9, 4, "should", ago(days=2))
    _complete(me, 7, 7, "blaming", ago(days=3))
    _complete(me, 6, 2, "catastrophizing", ago(days=20))
    half = me.start_exercise(9, now=ago(hours=1))
    me.save_step(half, "reframe", pattern="blaming", now=ago(hours=1))  # unfinished: counts for patterns only

    week = summary.summarize(me, 7, NOW)
    assert [r for _, r in week.ratings] == [3, 8]
    assert week.avg_rating == 5.5
    assert [(x.before, x.after) for x in week.exercises] == [(7, 7), (9, 4), (8, 5)]
    assert week.avg_drop == pytest.approx((3 + 5 + 0) / 3)
    assert week.top_patterns == [("should", 2), ("blaming", 2)]  # ties in the vocabulary's order
    d = week.as_dict()
    assert d["start"] == "2025-03-08" and d["end"] == "2025-03-14"
    assert (d["count"], d["avg_before"], d["avg_after"], d["avg_drop"]) == (3, 8.0, 5.3, 2.7)
    assert d["top_patterns"][0] == {"pattern": "should", "label": "应该思维", "count": 2}

    month = summary.summarize(me, 30, NOW)
    assert [r for _, r in month.ratings] == [9, 3, 8]
    assert len(month.exercises) == 4 and month.avg_drop == pytest.approx(12 / 4)


def test_one_profiles_data_stays_apart_from_anothers(me, db):
    other = StressLog(db, "xiaoli")
    me.log(9, now=NOW)
    _complete(me, 9, 3, "blaming", ago(hours=2))
    me.answer_weekly(5, now=NOW)
    other.log(2, now=NOW)
    mine, theirs = summary.summarize(me, 7, NOW), summary.summarize(other, 7, NOW)
    assert [r for _, r in mine.ratings] == [9] and len(mine.exercises) == 1
    assert [r for _, r in theirs.ratings] == [2] and theirs.exercises == [] and theirs.top_patterns == []
    assert other.weekly_due(NOW) and not me.weekly_due(NOW)
    assert stress_log.profiles(db) == ["xiaoli", "xiaowang"]


def test_summary_words_present_the_drop_as_feedback_not_proof(me):
    _complete(me, 8, 4, "should", ago(hours=3))
    me.log(8, now=NOW)
    text = summary.summary_text(summary.summarize(me, 7, NOW))
    assert "平均降了 4.0 分" in text and "反馈" in text and "不是证明" in text
    assert "应该思维（1 次）" in text and "换位思考" in text
    assert "1 次在 7 分以上" in text


def test_no_drop_is_met_kindly(me):
    _complete(me, 6, 7, None, ago(hours=3))
    text = summary.summary_text(summary.summarize(me, 7, NOW))
    assert "没有下降" in text and "证明" not in text


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), max_size=8))
def test_average_drop_is_average_before_minus_average_after(pairs):
    store = storage.open_store()
    try:
        log = StressLog(store.db, "prop")
        log.delete_everything()
        for i, (before, after) in enumerate(pairs):
            _complete(log, before, after, None, ago(minutes=10 * i + 5))
        s = summary.summarize(log, 7, NOW)
        if pairs:
            assert s.avg_drop == pytest.approx(s.avg_before - s.avg_after)
        else:
            assert s.avg_drop is None
    finally:
        store.close()


# ------------------------------------------------------------ export and complete deletion


def test_csv_export_holds_everything_of_one_profile_and_opens_in_excel(me, db, tmp_path):
    other = StressLog(db, "xiaoli")
    other.log(1, now=NOW)
    e = me.log(7, now=ago(minutes=5))
    me.tag(e, "t_refund", "withdraw")
    me.answer_weekly(4, now=NOW)
    ex = me.start_exercise(8, now=NOW)
    me.save_step(ex, "reframe", words=["委屈"], pattern="blaming", now=NOW)
    me.save_step(ex, "after", reframe="=下次我先确认订单号", now=NOW)
    target = tmp_path / "stress_log.csv"
    assert me.export_csv(target) == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert [r["kind"] for r in rows] == ["rating", "weekly", "exercise"]
    assert rows[0]["rating"] == "7" and rows[0]["scenario"] == "t_refund" and rows[0]["reaction"] == "逃"
    assert rows[1]["week"] == "2025-W11" and rows[1]["score"] == "4"
    assert rows[2]["pattern"] == "责备他人" and rows[2]["words"] == "委屈" and rows[2]["completed"] == "0"
    assert rows[2]["reframe"] == "'=下次我先确认订单号"  # never a formula
    assert not list(tmp_path.glob("*.part"))


def test_deleting_a_profile_removes_everything_of_it_and_nothing_else(me, db):
    other = StressLog(db, "xiaoli")
    other.log(4, now=NOW)
    other.skip_weekly(NOW)
    me.log(7, now=NOW)
    me.answer_weekly(4, now=NOW)
    me.start_exercise(8, now=NOW)
    me.skip_weekly(NOW)
    me.set_prompts_enabled(False)
    me.mark_suggested(NOW)
    assert me.delete_everything() == 3
    for model in (StressEntry, WeeklyCheck, RedGreenExercise):
        assert not model.select().where(model.profile == "xiaowang").exists()
    assert not Setting.select().where(Setting.key.contains("xiaowang")).exists()
    assert StressEntry.select().where(StressEntry.profile == "xiaoli").count() == 1
    assert not other.weekly_due(NOW)  # their settings are untouched
    assert stress_log.profiles(db) == ["xiaoli"]


def test_profile_name_is_required(db):
    with pytest.raises(StressError):
        StressLog(db, "  ")


def test_exercise_feedback_is_kind_either_way():
    assert "轻了一些" in summary.exercise_feedback(8, 5) and "反馈" in summary.exercise_feedback(8, 5)
    assert "没关系" in summary.exercise_feedback(5, 6)


def test_every_pattern_has_a_green_hint_and_reflection_is_not_self_blame():
    assert set(stress_log.GREEN_HINTS) == set(THINKING_PATTERNS)
    assert "不是责怪自己" in stress_log.GREEN_HINTS["blaming"]


def test_daily_averages_for_the_trend_line(me):
    me.log(4, now=ago(days=1))
    me.log(8, now=ago(days=1, hours=1))
    me.log(3, now=NOW)
    s = summary.summarize(me, 7, NOW)
    assert s.daily == [(ago(days=1).date(), 6.0), (NOW.date(), 3.0)]
