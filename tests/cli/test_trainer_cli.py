"""What trainers meet: check and dry-run find every problem the import finds; YAML mistakes
explained in Chinese with the fix; one error for one mistake."""

from __future__ import annotations

import pytest

from tests.cli.runner import run_cli

PHRASES = """format: 1
industry: banking
scenarios:
  - key: {key}
    name: 另一个场景
    description: 测试用
    triggers: [测试词]
    phrases:
      listen:
        - {phrase}
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_reused_scenario_key_fails_check_dry_run_and_import_alike(imported, tmp_path, capsys):
    # t_card_blocked belongs to the imported sample.yaml
    pack = _write(tmp_path, "mine.yaml", PHRASES.format(key="t_card_blocked", phrase="您慢慢说，我在认真听。"))
    outputs = []
    for argv in (["playbooks", "check", pack], ["playbooks", "import", pack, "--dry-run"], ["playbooks", "import", pack]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 1, (argv, out, err)
        assert "mine.yaml:4: key: 场景键「t_card_blocked」已由 sample.yaml 定义" in out
        outputs.append(out)
    assert "新增" not in outputs[1]
    _, out, _ = run_cli(capsys, "search", "认真听", "--json")
    assert "另一个场景" not in out


def test_a_reused_explicit_phrase_id_is_found_before_the_import(imported, tmp_path, capsys):
    first = _write(tmp_path, "a.yaml", PHRASES.format(key="t_new_a", phrase="{text: 您慢慢说。, id: p1}"))
    second = _write(tmp_path, "b.yaml", PHRASES.format(key="t_new_b", phrase="{text: 我在听。, id: p1}"))
    assert run_cli(capsys, "playbooks", "import", first)[0] == 0
    for argv in (["playbooks", "check", second], ["playbooks", "import", second, "--dry-run"],
                 ["playbooks", "import", second]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 1 and "b.yaml:10: id: 话术编号「p1」已由 a.yaml 使用" in out, (argv, out, err)
        assert "Traceback" not in err


@pytest.mark.parametrize("text, line, words", [
    ("format: 1\nindustry: banking\nscenarios:\n  - key: t_x\n    name: 测试\n\tdescription: 说明\n", 6, ["Tab", "空格"]),
    ("format: 1\nindustry: banking\n# 中文注释\nscenarios:\n  - key: t_x\n\t  name: 测试\n", 6, ["Tab", "空格"]),
    ("format: 1\nindustry: banking\nscenarios:\n  - key: t_x\n    name: 测试: 二\n", 5, ["引号", "中文冒号"]),
    ("format: 1\nindustry: banking\nscenarios:\n  - key: t_x\n    name: \"测试\n", 6, ["引号"]),
    ("format: 1\nindustry: banking\nscenarios:\n  - key: t_x\n    triggers: [a, b\n", 6, ["方括号"]),
])
def test_yaml_errors_are_chinese_and_say_the_fix(tmp_path, capsys, text, line, words):
    pack = _write(tmp_path, "bad.yaml", text)
    code, out, _ = run_cli(capsys, "playbooks", "check", pack)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"bad.yaml:{line}: YAML 格式错误：")
    assert not any(w in first for w in ("found", "expected", "mapping values", "while")), first
    for word in words:
        assert word in first


@pytest.mark.parametrize("phrase_line", ["- 注意：您慢慢说: 我在认真听。", "- 温馨提示: 请带好证件"])
def test_an_unquoted_colon_in_a_phrase_says_to_add_quotes(tmp_path, capsys, phrase_line):
    text = PHRASES.format(key="t_colon", phrase=phrase_line[2:])
    pack = _write(tmp_path, "colon.yaml", text)
    code, out, _ = run_cli(capsys, "playbooks", "check", pack)
    problems = out.splitlines()[:-1]
    assert code == 1 and len(problems) == 1, out
    assert problems[0].startswith("colon.yaml:10: scenarios[0].phrases.listen[0]:")
    assert "引号" in problems[0] and "未知的字段" not in out and "缺少此字段" not in out


@pytest.mark.parametrize("wrong, meant", [("industri", "industry"), ("scenario", "scenarios")])
def test_a_mistyped_top_level_key_is_one_error_naming_the_right_key(tmp_path, capsys, wrong, meant):
    text = PHRASES.format(key="t_typo", phrase="您慢慢说。").replace(meant + ":", wrong + ":", 1)
    pack = _write(tmp_path, "typo.yaml", text)
    code, out, _ = run_cli(capsys, "playbooks", "check", pack)
    problems = out.splitlines()[:-1]
    assert code == 1 and len(problems) == 1, out
    assert f"{wrong}: 未知的字段" in problems[0] and f"应为「{meant}」" in problems[0]
