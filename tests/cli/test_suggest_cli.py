"""`calmdesk suggest`: the window's answer on the command line, --json, --jsonl and bad input."""

from __future__ import annotations

import io
import json

from tests.cli.runner import run_cli


def test_json_answer_holds_the_reading_and_the_phrases(imported, capsys):
    code, out, _ = run_cli(capsys, "suggest", "我的卡被冻结了，取不了钱，怎么办啊", "--industry", "banking", "--json",
                           "--limit", "3")
    assert code == 0
    data = json.loads(out)
    assert data["analysis"]["scenarios"][0]["key"] == "t_card_blocked"
    assert data["analysis"]["emotion"] == "anxiety"
    assert 1 <= len(data["phrases"]) <= 3
    assert all(set(p) >= {"id", "text", "scenario", "persona", "stage", "score", "why"} for p in data["phrases"])
    assert data["phrases"][0]["why"]


def test_human_answer_is_chinese(imported, capsys):
    code, out, _ = run_cli(capsys, "suggest", "卡被冻结了")
    assert code == 0 and "情绪：" in out and "下一步：" in out and " 1. " in out


def test_jsonl_writes_one_answer_per_line_and_errors_in_place(imported, capsys, monkeypatch):
    lines = ['{"text": "卡被冻结了", "industry": "banking"}', "not json", '{"text": "退款", "industry": "bakery"}',
             '{"text": "退款还没到", "limit": 2}']
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run_cli(capsys, "suggest", "--jsonl")
    assert code == 0
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == 4
    assert answers[0]["analysis"]["scenarios"][0]["key"] == "t_card_blocked"
    assert "error" in answers[1] and "行业" in answers[2]["error"]
    assert len(answers[3]["phrases"]) == 2


def test_bad_input_is_one_plain_line_and_exit_2(imported, capsys):
    for argv in (["suggest"], ["suggest", "   "], ["suggest", "退款", "--industry", "bakery"],
                 ["suggest", "退款", "--channel", "fax"], ["suggest", "退款", "--limit", "0"],
                 ["suggest", "退款", "--role", "boss"]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 2, argv
        assert out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_the_agents_industry_setting_scopes_the_answer(imported, capsys):
    from desktop_app.core.settings.store import SettingsStore

    SettingsStore().set("agent.industry", "ecommerce")
    code, out, _ = run_cli(capsys, "suggest", "退款", "--json", "--limit", "5")
    assert code == 0
    assert {p["industry"] for p in json.loads(out)["phrases"]} <= {"ecommerce", "general"}
    code, out, _ = run_cli(capsys, "suggest", "退款", "--json", "--industry", "banking", "--limit", "5")
    assert {p["industry"] for p in json.loads(out)["phrases"]} <= {"banking", "general"}


def test_an_urgent_risk_prints_its_checklist_before_the_phrases(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CALMDESK_HOME", str(tmp_path))  # first start: the bundled library with its checklists
    code, out, _ = run_cli(capsys, "suggest", "有人自称客服让我把钱转到安全账户", "--industry", "banking", "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    first_step = next(i for i, line in enumerate(lines) if line.startswith("【先做】"))
    assert first_step < next(i for i, line in enumerate(lines) if line.startswith(" 1. "))
    assert "正在被骗" in lines[0]
    code, out, _ = run_cli(capsys, "suggest", "有人自称客服让我把钱转到安全账户", "--json", "--limit", "2")
    data = json.loads(out)
    assert data["checklists"][0]["flag"] == "fraud" and data["phrases"][0]["why"].startswith("安全优先")


def test_the_agents_channel_and_role_settings_apply_unless_the_command_overrides_them(imported, capsys,
                                                                                     monkeypatch):
    from desktop_app.core.settings.store import SettingsStore
    from desktop_app.core.suggest import Suggester

    seen = []
    real = Suggester.suggest

    def spy(self, text, **kwargs):
        seen.append((kwargs.get("channel"), kwargs.get("role")))
        return real(self, text, **kwargs)

    monkeypatch.setattr(Suggester, "suggest", spy)
    SettingsStore().update({"agent.channel": "counter", "agent.role": "lead"})
    assert run_cli(capsys, "suggest", "退款", "--json")[0] == 0
    assert run_cli(capsys, "suggest", "退款", "--json", "--channel", "phone", "--role", "manager")[0] == 0
    assert seen == [("counter", "lead"), ("phone", "manager")]
