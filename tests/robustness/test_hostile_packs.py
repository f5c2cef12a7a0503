"""Issue 16: hostile packs that got through — alias bombs in manifests, wide and lying
workbooks, damaged sheet XML, entity bombs — each run under a memory and time cap.

A bomb that is not refused makes the child process hit its address-space limit (MemoryError)
or its time limit, and the test fails instead of taking the machine down.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from desktop_app.core.packs import loader as packs
from tests.conftest import REPO
from tests.robustness import hostile_files as H
from tests.robustness.helpers import run_capped

LOAD = """
import json, sys
from desktop_app.core.packs import loader as packs
pack = packs.load(sys.argv[1] if len(sys.argv) > 1 else {path!r})
print(json.dumps({{"ok": pack.ok, "books": len(pack.books), "problems": [str(p) for p in pack.problems]}},
                 ensure_ascii=False))
"""


def load_capped(path: Path, memory_mb: int = 700, seconds: float = 60) -> dict:
    result = run_capped(LOAD.format(path=str(path)), memory_mb=memory_mb, seconds=seconds, cwd=REPO)
    assert result["rc"] == 0, result["stderr"][-2000:]
    return json.loads(result["stdout"].strip().splitlines()[-1])


# ---------------------------------------------------------------- item 1: manifest alias bomb


def test_an_alias_bomb_in_a_zip_manifest_is_refused_within_a_memory_cap(tmp_path):
    # 9 levels of nine-fold aliases: 2.3 GB and 30 s before the fix.
    out = load_capped(H.alias_manifest_zip(tmp_path / "bomb.zip"), memory_mb=400, seconds=30)
    assert not out["ok"]
    assert any("manifest.yaml" in p and "锚点" in p for p in out["problems"]), out["problems"]


APP_YAML_READERS = {"safe_load", "safe_load_all", "compose", "compose_all", "parse", "load", "full_load",
                    "unsafe_load"}


def test_every_yaml_text_is_read_through_the_one_safe_loader():
    """Only safe_yaml may call PyYAML's readers: no file kind can skip the alias and size limits."""
    found = []
    for path in sorted((REPO / "desktop_app").rglob("*.py")):
        if path.name == "safe_yaml.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in APP_YAML_READERS and \
                    isinstance(node.value, ast.Name) and node.value.id == "yaml":
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: yaml.{node.attr}")
    assert found == []


@pytest.mark.parametrize("reader", ["synonyms", "checker_rules", "composer", "lexicon"])
def test_other_yaml_files_refuse_aliases_too(tmp_path, reader):
    laughs = "a: &a [x, x]\nb: [*a, *a]\n"
    if reader == "synonyms":
        from desktop_app.core.library.facade import load_synonyms

        (tmp_path / "s.yaml").write_text("groups:\n  - &g [甲, 乙]\n  - *g\n", encoding="utf-8")
        assert load_synonyms(tmp_path / "s.yaml") == []
    elif reader == "checker_rules":
        from desktop_app.core.checker.rule_book import builtin_rules

        (tmp_path / "r.yaml").write_text(laughs, encoding="utf-8")
        rules = builtin_rules(tmp_path)
        assert any("锚点" in p for p in rules.problems), rules.problems
    elif reader == "composer":
        from desktop_app.core.templates import fill as templates

        (tmp_path / "c.yaml").write_text("defaults: &d {称呼: 您}\nkind_words: *d\n", encoding="utf-8")
        assert templates._load_composer(tmp_path / "c.yaml").defaults == {}
    else:
        import shutil

        from desktop_app.core.analysis.lexicon import LexiconError, load_lexicon

        shutil.copytree(REPO / "resources" / "analysis", tmp_path / "lex")
        path = tmp_path / "lex" / "flags.yaml"
        path.write_text("x: &x [a]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        with pytest.raises(LexiconError, match="锚点"):
            load_lexicon(tmp_path / "lex")


# ---------------------------------------------------------------- item 2 and 13: workbooks


def test_a_stray_cell_at_column_xfd_does_not_pad_every_row(tmp_path):
    # 2.7 GB before the fix (every one of 20,000 rows padded to 16,384 cells).
    out = load_capped(H.wide_workbook(tmp_path / "wide.xlsx"), memory_mb=500, seconds=60)
    assert not out["ok"]
    assert any("XFD" in p and "最多" in p for p in out["problems"]), out["problems"][:3]


HEADER = ["场景键", "场景名称", "行业", "场景说明", "触发词", "阶段", "话术"]


def _phrase_rows(n: int) -> list[list[str]]:
    return [HEADER] + [[f"s{i // 50}", f"场景{i // 50}", "银行", "说明", "冻结", "听", f"您好，第{i}条我记下了。"] for i in range(n)]


def test_rows_beyond_a_lying_dimension_are_read(tmp_path):
    rows = _phrase_rows(30)
    path = H.workbook(tmp_path / "lie.xlsx", {"话术": H.sheet_xml(rows, dimension="A1:G3")})
    pack = packs.load(path)
    assert pack.ok, pack.problems
    assert sum(book.phrase_count for book in pack.books) == 30


def test_a_truncated_sheet_is_a_file_problem_not_a_crash(tmp_path):
    xml = H.sheet_xml(_phrase_rows(40), dimension="A1:G41")
    path = H.workbook(tmp_path / "cut.xlsx", {"话术": xml[: len(xml) // 2]})
    pack = packs.load(path)
    assert not pack.ok
    assert any("cut.xlsx" in str(p) and "损坏" in str(p) for p in pack.problems), pack.problems


def test_an_entity_bomb_in_a_sheet_is_refused(tmp_path):
    prolog = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    rows = [HEADER, ["s", "场景", "银行", "说明", "冻结", "听", "&d;"]]
    xml = H.sheet_xml(rows, prolog=prolog).replace("&amp;d;", "&d;")
    out = load_capped(H.workbook(tmp_path / "ent.xlsx", {"话术": xml}), memory_mb=500, seconds=30)
    assert not out["ok"]
    assert any("实体" in p for p in out["problems"]), out["problems"]


def test_the_row_limit_is_the_limit_a_trainer_meets(tmp_path):
    """5,000 phrase rows is well under the 20,000-row limit: it loads (the YAML event limit for
    hand-written files fired first before, naming a file the trainer never wrote)."""
    rows = [[*r, "支配型" if i else "客户性格", "时限、记录" if i else "标签"] for i, r in enumerate(_phrase_rows(5000))]
    path = H.workbook(tmp_path / "big.xlsx", {"话术": H.sheet_xml(rows)})
    out = load_capped(path, memory_mb=1200, seconds=120)
    assert out["ok"], out["problems"][:3]
    assert out["books"] == 1
