"""--jsonl answers every bad line in Chinese, the same way as the one-shot command; export
targets that would surprise the trainer are refused."""

from __future__ import annotations

import io
import json

from tests.cli.runner import run_cli


def _batch(monkeypatch, capsys, lines: list[str], *argv):
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, err = run_cli(capsys, *argv)
    return code, [json.loads(line) for line in out.splitlines()], err


def test_search_batch_errors_are_chinese_and_match_the_command(imported, monkeypatch, capsys):
    code, answers, _ = _batch(monkeypatch, capsys, [
        '{"text": "退款"}', "not json", '{"nope": 1}', '{"text": "   "}', '{"text": "退款", "limit": 0}',
        '{"text": "退款", "limit": 5000}',
    ], "search", "--jsonl")
    assert code == 0 and len(answers) == 6
    assert isinstance(answers[0], list) and answers[0]
    errors = [a["error"] for a in answers[1:]]
    assert errors[0] == "第 2 行：不是有效的 JSON"
    assert errors[1].startswith("第 3 行：应为带") and "text" in errors[1]
    assert "为空" in errors[2]
    assert errors[3] == errors[4] == "limit 应在 1 到 1000 之间"
    assert all(not any(word in e for word in ("line", "expected", "valid")) for e in errors)


def test_search_refuses_text_and_jsonl_together(imported, capsys):
    code, _, err = run_cli(capsys, "search", "道歉", "--jsonl")
    assert code == 2 and "--jsonl" in err and "Traceback" not in err


def test_export_to_a_name_with_an_unknown_extension_is_refused(imported, tmp_path, capsys):
    code, _, err = run_cli(capsys, "playbooks", "export", tmp_path / "out.txt")
    assert code == 2 and "out.txt" in err
    assert not (tmp_path / "out.txt").exists()
    assert run_cli(capsys, "playbooks", "export", tmp_path / "folder")[0] == 0
    assert (tmp_path / "folder").is_dir()
