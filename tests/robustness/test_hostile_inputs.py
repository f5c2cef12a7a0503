"""Issue 16: the smaller attacks — mixed encodings, non-finite numbers and endless lines on
--jsonl, catastrophic regexes, FIFOs and devices named like packs, invisible characters,
overlong names, planted symlinks, endless problem lists, a data dir that cannot be made."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.cli import common
from desktop_app.core.packs import loader as packs
from tests.conftest import REPO, SAMPLE_PLAYBOOKS
from tests.robustness import hostile_files as H
from tests.robustness.helpers import run_capped, time_limit

CSV_HEAD = "场景键,场景名称,行业,场景说明,触发词,阶段,话术\n"


def _csv_row(i: int, text: str = "您好，我记下了。") -> str:
    return f"s{i},场景{i},银行,说明,冻结,听,{text}{i}\n"


# ---------------------------------------------------------------- item 5: mixed encodings


def test_a_csv_mixing_utf8_and_gbk_is_a_problem_named_by_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(CSV_HEAD.encode() + _csv_row(1).encode("utf-8") + _csv_row(2).encode("gbk")
                     + _csv_row(3).encode("utf-8"))
    pack = packs.load(path)
    assert not pack.ok and not pack.books
    assert [p.line for p in pack.problems] == [3]
    assert "编码" in pack.problems[0].message


def test_a_clean_gbk_csv_still_imports(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((CSV_HEAD + _csv_row(1) + _csv_row(2)).encode("gbk"))
    pack = packs.load(path)
    assert pack.ok, pack.problems
    assert "\ufffd" not in json.dumps([p.text for b in pack.books for s in b.scenarios for p in s.phrases],
                                      ensure_ascii=False)


# ---------------------------------------------------------------- item 8 and 13: --jsonl


@pytest.mark.parametrize("bad", ['{"text": "道歉", "limit": 1e309}', '{"text": "道歉", "limit": Infinity}',
                                 '{"text": "道歉", "limit": NaN}', '{"text": "道歉", "limit": -1e999}'])
def test_one_non_finite_number_gets_an_error_and_the_batch_goes_on(monkeypatch, capsys, bad):
    from desktop_app.cli.main import main

    monkeypatch.setattr(sys, "stdin", io.StringIO(bad + '\n{"text": "道歉", "limit": 1}\n'))
    assert main(["search", "--jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert "error" in json.loads(lines[0])
    assert isinstance(json.loads(lines[1]), list)


@pytest.mark.parametrize("number", ["1e309", "-1e999", "Infinity", "NaN"])
def test_every_batch_command_gets_non_finite_numbers_refused_per_line(number):
    """Refused where lines are parsed, so no command (search, suggest, check, analyze) meets inf."""
    lines = io.StringIO(f'{{"text": "道歉", "limit": {number}}}\n{{"text": "好", "limit": 3}}\n')
    answers = list(common.iter_jsonl(lines))
    assert answers[0][0] is None and "不是有限的数字" in answers[0][1]
    assert answers[1] == ({"text": "好", "limit": 3}, None)


def test_an_endless_line_is_skipped_without_being_read_whole():
    class Endless(io.TextIOBase):
        """500 MB of 'a' without a newline, then one good line; never materialised."""

        def __init__(self):
            self.left = 500_000_000
            self.tail = '\n{"text": "好"}\n'
            self.biggest = 0

        def readline(self, size=-1):
            assert size > 0, "a whole line would be read into memory"
            self.biggest = max(self.biggest, size)
            if self.left:
                n = min(size, self.left)
                self.left -= n
                return "a" * n
            out, self.tail = self.tail[: size if size > 0 else None], self.tail[size if size > 0 else len(self.tail):]
            if "\n" in out:
                i = out.index("\n") + 1
                self.tail = out[i:] + self.tail
                out = out[:i]
            return out

    stream = Endless()
    with time_limit(120):
        answers = list(common.iter_jsonl(stream))
    assert answers[0][1] and "超过" in answers[0][1]
    assert answers[-1][0] == {"text": "好"}
    assert stream.biggest <= common.MAX_LINE_CHARS + 1


# ---------------------------------------------------------------- item 9: catastrophic regexes


CHECKER_RULE = """
rules:
  - id: slow
    category: blame
    patterns: ['(?:a|aa)+b']
    reason: r
    suggestion: s
"""


def test_a_catastrophic_lexicon_pattern_is_refused_at_load_naming_file_and_pattern(tmp_path):
    from desktop_app.core.analysis.lexicon import LexiconError, load_lexicon

    folder = H.lexicon_with_pattern(tmp_path / "lex", "/(?:啊|啊啊)+哦/")
    with time_limit(30), pytest.raises(LexiconError) as info:
        load_lexicon(folder)
    assert "emotions.yaml" in str(info.value) and "(?:啊|啊啊)+哦" in str(info.value)


def test_the_pattern_from_the_issue_no_longer_takes_seconds(tmp_path):
    """(?:啊+)+哦 took 38 s on 30 characters with `re`; the regex engine answers at once."""
    from desktop_app.core.analysis import Analyzer

    folder = H.lexicon_with_pattern(tmp_path / "lex", "/(?:啊+)+哦/")
    with time_limit(10):
        Analyzer(lexicon_dir=folder).analyze("啊" * 29 + "呢")


def test_a_catastrophic_checker_pattern_is_refused_naming_file_and_pattern(tmp_path):
    from desktop_app.core.checker.rule_book import builtin_rules

    shutil.copytree(REPO / "resources" / "checker", tmp_path / "rules")
    (tmp_path / "rules" / "zz-slow.yaml").write_text(CHECKER_RULE, encoding="utf-8")
    with time_limit(30):
        rules = builtin_rules(tmp_path / "rules")
    assert any("zz-slow.yaml" in p and "(?:a|aa)+b" in p and "回溯" in p for p in rules.problems), rules.problems


def test_a_pattern_that_slips_through_has_a_time_budget_at_match_time():
    from desktop_app.core import trainer_regex

    slow = trainer_regex.compile("(?:a|aa)+b")
    with time_limit(10):
        assert trainer_regex.finditer(slow, "a" * 60, budget=0.1) == []


# ---------------------------------------------------------------- item 13: FIFOs and devices


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".zip", ".xlsx"])
def test_a_fifo_named_like_a_pack_is_refused_not_waited_on(tmp_path, suffix):
    fifo = tmp_path / f"pack{suffix}"
    os.mkfifo(fifo)
    code = f"from desktop_app.core.packs import loader\nprint([str(p) for p in loader.load({str(fifo)!r}).problems])"
    out = run_capped(code, memory_mb=500, seconds=30, cwd=REPO)
    assert out["rc"] == 0, out["stderr"][-500:]
    assert "不是普通文件" in out["stdout"]


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_dev_zero_named_like_a_pack_is_refused_within_a_memory_cap(tmp_path, suffix):
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    code = f"from desktop_app.core.packs import loader\nprint([str(p) for p in loader.load({str(link)!r}).problems])"
    out = run_capped(code, memory_mb=500, seconds=30, cwd=REPO)
    assert out["rc"] == 0, out["stderr"][-500:]
    assert "不是普通文件" in out["stdout"]


# ---------------------------------------------------------------- item 13: invisible characters, names


@pytest.mark.parametrize("ch", ["\u202e", "\u200b", "\u200d", "\u2066", "\ufeff"])
def test_bidi_and_zero_width_characters_are_refused_in_phrases(tmp_path, ch):
    (tmp_path / "x.yaml").write_text(
        "format: 1\nindustry: banking\nscenarios:\n  - key: s\n    name: 场景\n    description: d\n"
        f"    triggers: [t]\n    phrases:\n      listen: [\"您好{ch}我在听\"]\n", encoding="utf-8")
    pack = packs.load(tmp_path / "x.yaml")
    assert not pack.ok
    assert any(f"U+{ord(ch):04X}" in p.message and p.line == 9 for p in pack.problems), pack.problems


def test_a_c1_control_in_a_csv_is_reported_against_its_cell(tmp_path):
    path = tmp_path / "c1.csv"
    path.write_text(CSV_HEAD + _csv_row(1) + _csv_row(2, "坏\x85了") + _csv_row(3, "又\x9b坏"), encoding="utf-8")
    pack = packs.load(path)
    assert not pack.ok
    where = {(p.file, p.line) for p in pack.problems}
    assert ("c1.csv", 4) in where, pack.problems
    assert all(p.file == "c1.csv" for p in pack.problems), pack.problems
    assert any("话术" in p.field and p.line == 4 for p in pack.problems), pack.problems


def test_a_very_long_playbook_name_is_refused_and_exports_keep_working(tmp_path):
    long_name = "很" * 100 + ".yaml"
    path = tmp_path / "long.csv"
    path.write_text("话术文件," + CSV_HEAD + f"{long_name}," + _csv_row(1), encoding="utf-8")
    pack = packs.load(path)
    assert not pack.ok and any("文件名太长" in p.message for p in pack.problems)

    from desktop_app.core.library.facade import open_library
    from desktop_app.core.library.models import Playbook

    lib = open_library(sync=False)
    try:
        lib.import_paths(SAMPLE_PLAYBOOKS)
        Playbook.update(name=long_name).execute()  # stored before names were limited
        assert packs.export_yaml(tmp_path / "out") == 1
        assert packs.export_yaml(tmp_path / "out2") == 1
    finally:
        lib.close()


# ---------------------------------------------------------------- item 13: endless problem lists


def test_problem_lists_from_sheets_are_capped(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text(CSV_HEAD + "s1,场景,银行,说明,冻结,听,同一句话\n" * 12_000, encoding="utf-8")
    pack = packs.load(path)
    assert 1 < len(pack.problems) <= 201
    assert "问题太多" in pack.problems[-1].message


# ---------------------------------------------------------------- item 13: planted symlinks


def test_export_never_writes_through_a_planted_part_link_or_a_dangling_link(tmp_path):
    from desktop_app.core.library.facade import open_library

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    Path(f"{out}.part").symlink_to(victim)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "sample.yaml").symlink_to(tmp_path / "elsewhere.yaml")  # dangling
    lib = open_library(sync=False)
    try:
        lib.import_paths(SAMPLE_PLAYBOOKS)
        packs.export_xlsx(out)
        packs.export_yaml(folder, overwrite=True)
        packs.export_yaml(tmp_path / "pack.zip", manifest={"name": "n", "version": "1", "author": "a"})
    finally:
        lib.close()
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "elsewhere.yaml").exists()
    assert not (folder / "sample.yaml").is_symlink() and (folder / "sample.yaml").is_file()
    assert packs.load(out).ok


# ---------------------------------------------------------------- item 13: the data dir


def _cli(args: list[str], home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "CALMDESK_HOME": str(home)}, timeout=120)


def test_a_data_dir_that_cannot_be_created_is_one_plain_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = _cli(["search", "道歉"], blocker / "data")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "无法创建数据目录" in out.stderr and str(blocker / "data") in out.stderr


def test_a_read_only_data_dir_is_opened_read_only_and_says_so(monkeypatch, capsys):
    from desktop_app.cli.main import main
    from desktop_app.core import paths
    from desktop_app.core.library import storage
    from desktop_app.core.library.facade import open_library

    open_library().close()  # a library with the bundled playbooks
    real_access = os.access
    home = paths.data_dir()
    # Tests run as root here, which ignores permission bits: the check is what is simulated.
    monkeypatch.setattr(storage.os, "access", lambda p, mode: False if Path(p) == home and mode == os.W_OK
                        else real_access(p, mode))
    assert main(["search", "道歉", "--limit", "1"]) == 0
    captured = capsys.readouterr()
    assert "只读" in captured.err
    assert captured.out.strip()
    assert main(["check", "对不起，但是您也有责任"]) in (0, 1)
    assert "只读" in capsys.readouterr().err
