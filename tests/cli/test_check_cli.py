"""`calmdesk check`: JSON issues with spans, a readable list, batches, and no tracebacks."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import run_cli
from tests.conftest import REPO

CHECKER_DATA = Path(__file__).resolve().parents[1] / "data" / "checker"


@pytest.fixture(autouse=True)
def fixture_library(monkeypatch, tmp_path):
    # The CLI opens the library itself: make the checker fixture the bundled playbooks.
    from desktop_app.core import paths

    folder = tmp_path / "bundled"
    shutil.copytree(CHECKER_DATA, folder)
    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: folder)


def test_json_issues_with_spans(capsys):
    text = "您好，对不起，但是您也没看短信。这不归我们管。"
    code, out, _ = run_cli(capsys, "check", text, "--json")
    assert code == 0
    issues = json.loads(out)
    assert [i["kind"] for i in issues] == ["blame", "shirking"]
    for issue in issues:
        assert set(issue) >= {"start", "end", "text", "kind", "reason", "suggestion"}
        assert text[issue["start"] : issue["end"]] == issue["text"]
    assert issues[1]["suggestion"] == "测试用：我来帮您对接。"  # the library's better wording


def test_a_good_reply_is_an_empty_list(capsys):
    code, out, _ = run_cli(capsys, "check", "给您添麻烦了，很抱歉，我今天下午五点前给您回电。", "--json")
    assert code == 0 and json.loads(out) == []


def test_readable_chinese_list(capsys):
    code, out, _ = run_cli(capsys, "check", "我保证处理好")
    assert code == 0 and "发现 1 处" in out and "「保证」" in out and "原因：" in out and "建议：" in out
    code, out, _ = run_cli(capsys, "check", "好的，我今天下班前给您回电。")
    assert code == 0 and "没有发现" in out


def test_industry_option(capsys):
    _code, out, _ = run_cli(capsys, "check", "这个产品保本", "--json", "--industry", "heating")
    assert json.loads(out) == []
    _code, out, _ = run_cli(capsys, "check", "这个产品保本", "--json", "--industry", "banking")
    assert [i["kind"] for i in json.loads(out)] == ["compliance"]


@pytest.mark.parametrize("argv, message", [
    (["check", ""], "请给出要检查的回复"),
    (["check", "   "], "请给出要检查的回复"),
    (["check"], "请给出要检查的回复"),
    (["check", "好的", "--industry", "spaceship"], "未知的行业"),
])
def test_bad_input_gets_a_clear_message_and_exit_2(capsys, argv, message):
    code, _out, err = run_cli(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_dash_reads_the_draft_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("第一行。\n这不归我们管\n"))
    code, out, _ = run_cli(capsys, "check", "-", "--json")
    assert code == 0 and [(i["start"], i["text"]) for i in json.loads(out)] == [(5, "这不归我们管")]


def test_jsonl_answers_every_line(monkeypatch, capsys):
    lines = ['{"text": "这不归我们管"}', "not json", '{"text": "保本", "industry": "banking"}',
             '{"text": "保本", "industry": "heating"}', '{"text": "x", "industry": "spaceship"}', '{"text": ""}',
             '{"nope": 1}', ""]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run_cli(capsys, "check", "--jsonl")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(answers) == 7
    assert answers[0][0]["text"] == "这不归我们管"
    assert "error" in answers[1] and "error" in answers[4] and "error" in answers[5] and "error" in answers[6]
    assert [i["kind"] for i in answers[2]] == ["compliance"] and answers[3] == []


def test_a_megabyte_draft_answers(capsys):
    code, out, _ = run_cli(capsys, "check", "退款没到账，我保证处理好。" * 80_000, "--json")
    assert code == 0 and len(json.loads(out)) == 80_000


def test_binary_garbage_on_stdin_gives_no_traceback(tmp_path):
    env = {**os.environ, "CALMDESK_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": ""}
    garbage = b'{"text": "\xff\xfe\x00\x81"}\n\x00\x01\x02\xff\n{"text": "\xe4\xbf\x9d\xe6\x9c\xac"}\n'
    out = subprocess.run([sys.executable, "-m", "desktop_app", "check", "--jsonl"], input=garbage, cwd=REPO,
                         env=env, capture_output=True, timeout=60)
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    answers = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert len(answers) == 3 and "error" in answers[1]
    assert [i["text"] for i in answers[2]] == ["保本"]
