"""Playbook files: every problem named by file, line and field; bad files import nothing."""

from __future__ import annotations

import textwrap

import pytest

from desktop_app.core.playbooks import reader
from desktop_app.core.library.models import Phrase, Scenario
from desktop_app.core.playbooks.reader import PlaybookError


def write(path, text: str):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """\
    format: 1
    industry: hotel
    scenarios:
      - key: h_noise
        name: 房间噪音
        description: 客人投诉隔壁吵
        triggers: [太吵, 噪音]
        phrases:
          listen:
            - 您说隔壁太吵影响休息，我记下来了。
          thank:
            - 谢谢您及时告诉我们，我们会加强夜间巡查。
    """


def problems_of(path) -> list[str]:
    with pytest.raises(PlaybookError) as err:
        reader.load_file(path)
    return [str(p) for p in err.value.problems]


def test_a_good_file_loads(tmp_path):
    book = reader.load_file(write(tmp_path / "hotel.yaml", GOOD))
    assert [s.key for s in book.scenarios] == ["h_noise"]
    assert [(p.stage, p.persona) for p in book.scenarios[0].phrases] == [("listen", "all"), ("thank", "all")]
    assert book.scenarios[0].industry == "hotel"


def test_every_problem_is_reported_with_file_line_and_field(tmp_path):
    path = write(tmp_path / "bad.yaml", """\
        format: 1
        scenarios:
          - key: Bad-Key
            name: 名字
            industry: spaceship
            description: 描述
            triggers: [词]
            phrases:
              listen:
                - text: 您好，请讲。
                  persona: drivr
              chat:
                - 这一阶段不存在
        """)
    found = problems_of(path)
    assert any(p.startswith("bad.yaml:3: scenarios[0].key:") for p in found), found
    assert any(p.startswith("bad.yaml:5: scenarios[0].industry:") and "spaceship" in p for p in found), found
    assert any(p.startswith("bad.yaml:11: scenarios[0].phrases.listen[0].persona:") and "drivr" in p for p in found)
    assert any(p.startswith("bad.yaml:12: scenarios[0].phrases.chat:") for p in found), found
    assert len(found) == 4


def test_missing_fields_name_the_field(tmp_path):
    found = problems_of(write(tmp_path / "m.yaml", """\
        format: 1
        scenarios:
          - key: only_key
        """))
    for field in ("name", "industry", "description", "triggers", "phrases"):
        assert any(f"scenarios[0].{field}: 缺少此字段" in p for p in found), (field, found)


def test_unknown_top_level_key_and_wrong_format_version(tmp_path):
    found = problems_of(write(tmp_path / "t.yaml", "format: 2\nscenario: []\n"))
    assert any("t.yaml:1: format:" in p for p in found)
    assert any("t.yaml:2: scenario: 未知的字段" in p for p in found)


def test_duplicate_phrases_after_folding_are_reported(tmp_path):
    found = problems_of(write(tmp_path / "d.yaml", GOOD.replace(
        "- 您说隔壁太吵影响休息，我记下来了。",
        "- 您说隔壁太吵影响休息，我记下来了。\n            - 您說隔壁太吵影響休息 我記下來了")))
    assert any("d.yaml:11: text: 与第 10 行的话术重复" in p for p in found), found


def test_anchors_and_aliases_are_refused(tmp_path):
    bomb = "format: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    found = problems_of(write(tmp_path / "bomb.yaml", bomb))
    assert found and "锚点" in found[0]


def test_deep_nesting_is_refused(tmp_path):
    found = problems_of(write(tmp_path / "deep.yaml", "format: 1\nscenarios: " + "[" * 200 + "]" * 200 + "\n"))
    assert "嵌套层级过深" in found[0]


def test_oversized_and_non_utf8_files_are_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (reader.MAX_FILE_BYTES + 10))
    assert "文件太大" in problems_of(big)[0]
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(textwrap.dedent(GOOD).encode("gbk"))
    assert "UTF-8" in problems_of(gbk)[0]


def test_yaml_syntax_error_gives_the_line(tmp_path):
    found = problems_of(write(tmp_path / "s.yaml", "format: 1\nscenarios:\n  - key: [unclosed\n"))
    assert found[0].startswith("s.yaml:") and "YAML 格式错误" in found[0]


def test_template_placeholders_that_reach_into_python_are_rejected(tmp_path):
    found = problems_of(write(tmp_path / "tpl.yaml", """\
        format: 1
        templates:
          - key: t1
            kind: thank
            channel: phone
            title: 感谢
            text: "{称呼}您好，{x.__class__}{0[0]}{a:>99}"
        """))
    assert len(found) == 3 and all(p.startswith("tpl.yaml:7: templates[0].text:") for p in found), found


def test_a_bad_file_among_good_ones_imports_nothing(library, sample_dir):
    before = [(p.uid, p.text) for p in Phrase.select().order_by(Phrase.uid)]
    write(sample_dir / "hotel.yaml", GOOD)
    write(sample_dir / "zz_bad.yaml", GOOD.replace("h_noise", "h_other").replace("industry: hotel", "industry: moon"))
    with pytest.raises(PlaybookError) as err:
        library.import_paths(sample_dir)
    assert err.value.problems[0].file == "zz_bad.yaml"
    assert [(p.uid, p.text) for p in Phrase.select().order_by(Phrase.uid)] == before
    assert not Scenario.select().where(Scenario.key == "h_noise").exists()


def test_the_same_scenario_key_in_two_files_is_an_error(tmp_path):
    write(tmp_path / "a.yaml", GOOD)
    write(tmp_path / "b.yaml", GOOD.replace("房间噪音", "另一个"))
    _books, problems = reader.load_many(reader.collect_files(tmp_path))
    assert any(p.file == "b.yaml" and "h_noise" in p.message for p in problems)
