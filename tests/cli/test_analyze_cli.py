"""`calmdesk analyze`: one text, --json, --jsonl batches, bad input, and no library at all."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from tests.cli.runner import run_cli
from tests.conftest import REPO


def test_json_result_with_library_scenarios(imported, capsys):
    code, out, _ = run_cli(capsys, "analyze", "我的卡被冻结了！马上给我解决，不然我就找你们领导！", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["emotion"] == "anger" and "escalation" in result["flags"]
    assert result["scenarios"][0]["key"] in {"t_card_blocked", "t_supervisor"}
    assert {s["key"] for s in result["scenarios"]} >= {"t_card_blocked", "t_supervisor"}


def test_human_summary_is_chinese_and_shows_the_evidence(imported, capsys):
    code, out, _ = run_cli(capsys, "analyze", "退款一直没到账，气死我了！！")
    assert code == 0
    assert "情绪：愤怒" in out and "动机：" in out and "求偿" in out and "阶段：" in out
    assert "「气死我了」→ 愤怒" in out
    assert "场景：" in out and "退款" in out


def test_calm_text_summary(imported, capsys):
    code, out, _ = run_cli(capsys, "analyze", "请问网点周六营业吗？")
    assert code == 0 and "情绪：平静" in out and "风险：（无）" in out and "阶段：问" in out


@pytest.mark.parametrize("argv, message", [
    (["analyze", ""], "请给出客户说的话"),
    (["analyze", "  \x00 "], "请给出客户说的话"),
    (["analyze", "你好", "--jsonl"], "--jsonl"),
])
def test_bad_input_gets_a_clear_message(imported, capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_text_from_stdin_with_dash(imported, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("你們這群騙子！\n"))
    code, out, _ = run_cli(capsys, "analyze", "-", "--json")
    assert code == 0 and "abuse" in json.loads(out)["flags"]


def test_jsonl_batch_answers_every_line(imported, monkeypatch, capsys):
    lines = ['{"text": "我不是要钱，就是想要个说法"}', "not json", '{"text": ""}', '{"nope": 1}', "",
             '{"text": "退钱！！！马上退钱！！！"}']
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run_cli(capsys, "analyze", "--jsonl")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(answers) == 5
    assert "compensation" not in answers[0]["motives"] and "emotion" in answers[0]
    assert "error" in answers[1] and "error" in answers[2] and "error" in answers[3]
    assert answers[4]["emotion"] == "anger" and "compensation" in answers[4]["motives"]


def test_analysis_works_when_the_library_cannot_open(monkeypatch, capsys):
    from desktop_app.core.library import facade
    def broken(*args, **kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr(facade, "open_library", broken)
    code, out, err = run_cli(capsys, "analyze", "气死我了", "--json")
    assert code == 0 and json.loads(out)["emotion"] == "anger" and json.loads(out)["scenarios"] == []
    assert "database is locked" in err and "Traceback" not in err


def test_broken_lexicon_is_a_user_error(monkeypatch, capsys, tmp_path):
    from desktop_app.core import paths

    (tmp_path / "analysis").mkdir()
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    code, _, err = run_cli(capsys, "analyze", "气死我了")
    assert code == 2 and "emotions.yaml" in err and "Traceback" not in err


def test_invalid_utf8_on_stdin_gives_no_traceback(tmp_path):
    env = {**os.environ, "CALMDESK_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": ""}
    garbage = (b'{"text": "\xff\xfe\x00\x81"}\n\x00\x01\x02\xff\n'
               + '{"text": "你们太过分了！"}\n'.encode() + b'{"text": "\xe9\x80\x80\xe6\xac\xbe\xff"}\n')
    out = subprocess.run([sys.executable, "-m", "desktop_app", "analyze", "--jsonl"], input=garbage,
                         capture_output=True, cwd=REPO, env=env, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    assert b"Traceback" not in out.stderr
    answers = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert len(answers) == 4
    assert "error" in answers[1]
    assert answers[2]["emotion"] == "anger"
    assert "compensation" in answers[3]["motives"]  # 退款 survives the bad byte after it
