"""The `calmdesk` command line: JSON shapes, batch mode, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli.runner import run_cli
from tests.conftest import REPO, SAMPLE_PLAYBOOKS


def test_search_json_shape(imported, capsys):
    code, out, _ = run_cli(capsys, "search", "答复", "--json", "--limit", "3")
    assert code == 0
    hits = json.loads(out)
    assert 1 <= len(hits) <= 3
    assert set(hits[0]) >= {"id", "text", "scenario", "persona", "stage", "score"}
    assert "答复" in hits[0]["text"]


def test_search_filters_and_human_output(imported, capsys):
    code, out, _ = run_cli(capsys, "search", "您", "--stage", "thank", "--json", "--limit", "50")
    assert code == 0 and {h["stage"] for h in json.loads(out)} == {"thank"}
    code, out, _ = run_cli(capsys, "search", "冻结")
    assert code == 0 and "冻结" in out and "银行卡被冻结" in out


@pytest.mark.parametrize("argv, message", [
    (["search", ""], "请给出要搜索的文字"),
    (["search", "您", "--persona", "boss"], "persona"),
    (["search", "您", "--scenario", "nope"], "未知的场景"),
    (["search", "您", "--limit", "0"], "--limit"),
])
def test_bad_search_input_gets_a_clear_message(imported, capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_megabyte_query_answers(imported, capsys):
    code, out, _ = run_cli(capsys, "search", "退款没到账，" * 170_000, "--json")
    assert code == 0 and isinstance(json.loads(out), list)


def test_jsonl_batch_answers_every_line(imported, monkeypatch, capsys):
    import io

    lines = ['{"text": "答复"}', "not json", '{"text": "您", "stage": "thank"}', '{"text": "x", "persona": "boss"}',
             '{"nope": 1}', ""]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run_cli(capsys, "search", "--jsonl")
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(answers) == 5
    assert isinstance(answers[0], list) and "答复" in answers[0][0]["text"]
    assert "error" in answers[1] and "error" in answers[3] and "error" in answers[4]
    assert {h["stage"] for h in answers[2]} == {"thank"}


def test_binary_garbage_on_stdin_gives_no_traceback(tmp_path):
    env = {**os.environ, "CALMDESK_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": ""}
    garbage = b'{"text": "\xff\xfe\x00\x81"}\n\x00\x01\x02\xff\n{"text": "\xe9\x80\x80\xe6\xac\xbe"}\n'
    out = subprocess.run([sys.executable, "-m", "desktop_app", "search", "--jsonl"], input=garbage,
                         capture_output=True, cwd=REPO, env=env, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    assert b"Traceback" not in out.stderr
    assert len(out.stdout.decode().splitlines()) == 3


def test_playbooks_check_passes_and_fails_with_exit_codes(capsys, tmp_path):
    code, out, _ = run_cli(capsys, "playbooks", "check", str(SAMPLE_PLAYBOOKS))
    assert code == 0 and "19 条话术" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nscenarios:\n  - key: x\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "playbooks", "check", str(bad))
    assert code == 1 and "bad.yaml:3: scenarios[0].name: 缺少此字段" in out
    code, _, err = run_cli(capsys, "playbooks", "check", str(tmp_path / "missing"))
    assert code == 2 and "找不到" in err


def test_playbooks_import_dry_run_then_import(capsys, monkeypatch, tmp_path, sample_dir):
    from desktop_app.core import paths

    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: tmp_path / "no-bundle")
    code, out, _ = run_cli(capsys, "playbooks", "import", str(sample_dir), "--dry-run")
    assert code == 0 and "预览" in out and "新增 19 条" in out
    code, out, _ = run_cli(capsys, "search", "答复", "--json")
    assert json.loads(out) == []
    code, out, _ = run_cli(capsys, "playbooks", "import", str(sample_dir))
    assert code == 0 and "已导入：新增 19 条" in out
    code, out, _ = run_cli(capsys, "playbooks", "list", "--json")
    assert {s["key"] for s in json.loads(out)} == {"t_card_blocked", "t_supervisor", "t_refund"}


def test_unexpected_errors_are_logged_not_shown(capsys, monkeypatch, calmdesk_home):
    from desktop_app.cli import search_cmd

    def boom(args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(search_cmd, "run", boom)
    code, _, err = run_cli(capsys, "search", "x")
    assert code == 1 and "Traceback" not in err and "disk on fire" in err
    assert "Traceback" in (calmdesk_home / "logs" / "calmdesk.log").read_text(encoding="utf-8")


def test_a_repaired_database_is_reported_on_stderr(imported, capsys, calmdesk_home):
    from desktop_app.core.library.models import database

    run_cli(capsys, "search", "答复")  # creates the database
    database.close()  # as when that process exits
    (calmdesk_home / "calmdesk.db").write_bytes(b"not a database" * 1000)
    code, out, err = run_cli(capsys, "search", "答复", "--json")
    assert code == 0 and json.loads(out)
    assert "损坏" in err and "Traceback" not in err
    assert list(calmdesk_home.glob("calmdesk-damaged-*.db"))
