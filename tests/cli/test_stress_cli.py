"""`calmdesk stress log|summary|export`: ratings and exercises saved, statistics, CSV, bad input."""

from __future__ import annotations

import csv
import json

import pytest

from tests.cli.runner import run_cli


def _scenario_key(sample_dir) -> str:
    import yaml

    for path in sorted(sample_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data.get("scenarios", []):
            return scenario["key"]
    raise AssertionError("the sample playbooks have no scenario")


def test_log_summary_and_export_round_trip(imported, capsys, tmp_path):
    key = _scenario_key(imported)
    code, out, err = run_cli(capsys, "stress", "log", "--before", "7", "--scenario", key, "--reaction", "flare")
    assert code == 0, err
    assert "7 分" in out
    code, out, err = run_cli(capsys, "stress", "log", "--before", "9", "--after", "5", "--pattern", "should", "--json")
    assert code == 0, err
    ids = json.loads(out)
    assert isinstance(ids["entry"], int) and isinstance(ids["exercise"], int)

    code, out, _ = run_cli(capsys, "stress", "summary", "--json")
    summary = json.loads(out)
    assert summary["ratings"] == 2 and summary["avg_rating"] == 8.0
    assert summary["count"] == 1
    assert (summary["avg_before"], summary["avg_after"], summary["avg_drop"]) == (9.0, 5.0, 4.0)
    assert summary["top_patterns"] == [{"pattern": "should", "label": "应该思维", "count": 1}]

    code, out, _ = run_cli(capsys, "stress", "summary")
    assert code == 0 and "记了 2 次压力" in out and "应该思维" in out

    target = tmp_path / "减压.csv"
    code, out, err = run_cli(capsys, "stress", "export", "--csv", target)
    assert code == 0, err
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    ratings = [r for r in rows if r["kind"] == "rating"]
    assert sorted(r["rating"] for r in ratings) == ["7", "9"]
    assert any(r["scenario"] == key and r["reaction"] == "暴" for r in ratings)
    [exercise] = [r for r in rows if r["kind"] == "exercise"]
    assert (exercise["before"], exercise["after"], exercise["pattern"], exercise["completed"]) == ("9", "5", "应该思维", "1")


def test_an_open_exercise_in_the_window_stays_open(imported, capsys):
    from desktop_app.core.library.facade import open_library
    from desktop_app.core.stress.stress_log import StressLog

    lib = open_library()
    try:
        open_id = StressLog(lib.store.db).start_exercise(8)
    finally:
        lib.close()
    assert run_cli(capsys, "stress", "log", "--before", "6", "--after", "3")[0] == 0
    lib = open_library()
    try:
        assert StressLog(lib.store.db).unfinished_exercise().id == open_id
    finally:
        lib.close()


def test_profiles_stay_apart(imported, capsys):
    assert run_cli(capsys, "stress", "--profile", "小王", "log", "--before", "3")[0] == 0
    _, out, _ = run_cli(capsys, "stress", "summary", "--json")
    assert json.loads(out)["ratings"] == 0
    _, out, _ = run_cli(capsys, "stress", "--profile", "小王", "summary", "--json")
    assert json.loads(out)["ratings"] == 1


def test_summary_of_a_date_range(imported, capsys):
    assert run_cli(capsys, "stress", "log", "--before", "4")[0] == 0
    _, out, _ = run_cli(capsys, "stress", "summary", "--from", "2000-01-01", "--to", "2000-01-31", "--json")
    summary = json.loads(out)
    assert (summary["start"], summary["end"], summary["ratings"], summary["avg_drop"]) == ("2000-01-01", "2000-01-31", 0, None)


@pytest.mark.parametrize("argv, message", [
    (["stress", "log", "--before", "11"], "0 到 10"),
    (["stress", "log", "--before", "-1"], "0 到 10"),
    (["stress", "log", "--before", "七"], "0 到 10"),
    (["stress", "log", "--before", "5", "--after", "12"], "--after"),
    (["stress", "log", "--before", "5", "--pattern", "should"], "--after"),
    (["stress", "log", "--before", "5", "--after", "2", "--pattern", "worry"], "未知的想法"),
    (["stress", "log", "--before", "5", "--scenario", "no_such_key"], "未知的场景键"),
    (["stress", "log", "--before", "5", "--reaction", "cry"], "未知的反应"),
    (["stress", "log"], "--before"),
    (["stress", "summary", "--days", "0"], "--days"),
    (["stress", "summary", "--from", "2025-13-01"], "--from"),
    (["stress", "summary", "--from", "2025-02-01", "--to", "2025-01-01"], "晚于"),
    (["stress", "export", "--csv", "out.txt"], ".csv"),
    (["stress", "--profile", "", "summary"], "档案名"),
])
def test_bad_input_is_one_plain_line_and_writes_nothing(imported, capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err and "usage" not in err.lower()
    assert len(err.strip().splitlines()) == 1
    _, out, _ = run_cli(capsys, "stress", "summary", "--json")
    assert json.loads(out)["ratings"] == 0


def test_export_refuses_to_overwrite_without_force(imported, capsys, tmp_path):
    target = tmp_path / "x.csv"
    target.write_text("keep", encoding="utf-8")
    code, _, err = run_cli(capsys, "stress", "export", "--csv", target)
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "keep"
    assert run_cli(capsys, "stress", "export", "--csv", target, "--force")[0] == 0


@pytest.mark.parametrize("argv", [[], ["suggest"], ["search"], ["analyze"], ["check"], ["playbooks"], ["playbooks", "import"],
                                  ["playbooks", "check"], ["playbooks", "export"], ["stress"], ["stress", "log"],
                                  ["stress", "summary"], ["stress", "export"]])
def test_every_help_text_is_in_chinese(capsys, argv):
    import re

    code, out, _ = run_cli(capsys, *argv, "--help")
    assert code == 0
    assert "用法" in out
    # Every option's line says what it does in Chinese (English may stand beside it).
    for line in out.splitlines():
        if re.match(r"\s+-", line) and "  " in line.strip():
            assert re.search(r"[\u4e00-\u9fff]", line), line
