"""Playbook packs: Excel/YAML/zip round trips lose nothing, CSV reads in any encoding Excel
writes, problems name sheet/row/column, and an unsafe or bad pack imports nothing."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop_app.core.packs import loader

from desktop_app.core.library import documents

from desktop_app.core.packs import sheet_schema

from desktop_app.core.packs import zip_reader
from desktop_app.core.library.facade import open_library
from desktop_app.core.playbooks.reader import PlaybookError
from tests.conftest import SAMPLE_PLAYBOOKS

# Every section, and the values that break naive spreadsheets: a leading "=", a number-like
# id, separators inside a tag, commas inside a 禁语 variant, placeholders, an empty scenario.
RICH = """\
format: 1
industry: banking
scenarios:
  - key: r_card
    name: 卡被吞
    description: ATM 吞卡，客户着急
    triggers: [吞卡, 卡被吞了, 取不出卡]
    phrases:
      act:
        - text: =先别急，我马上联系网点。
          persona: driver
          tags: [时限、承诺, 网点]
          id: "007"
        - 我现在就帮您登记吞卡信息，【回电时限】前给您回电。
      listen:
        - 您慢慢说，卡是在哪台机器上被吞的？
  - key: r_empty
    name: 还没写话术
    industry: general
    description: 场景先占位
    triggers: [占位]
    phrases: {}
templates:
  - key: r_thank
    kind: thank
    channel: phone
    persona: all
    title: 电话感谢
    text: "{称呼}，谢谢您的耐心等待，工单号{单号}。"
    placeholders:
      称呼: 您
      单号: 稍后另行告知
forbidden:
  - text: 这不归我们管
    variants: [不归我们管，你找别人, 不关我们的事]
    category: shirking
    why: 把客户往外推。
    better: 我来帮您对接，今天下班前回电。
checklists:
  escalation:
    title: 客户坚持找领导
    do: [先确认诉求, 记录要点，转给值班经理, 告诉客户回电时间]
    never: [说领导不在]
    handover: [客户第二次要求时转交]
redgreen:
  patterns:
    should:
      red: [他就应该好好说话]
      green: [他着急是因为事情影响了他]
  emotion_words: [委屈, 烦躁]
"""


@pytest.fixture
def rich_dir(tmp_path) -> Path:
    folder = tmp_path / "rich"
    folder.mkdir()
    (folder / "rich.yaml").write_text(RICH, encoding="utf-8")
    return folder


_ITEM = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ITEM, max_size=8), st.sampled_from(["triggers", "tags"]))
def test_word_lists_survive_a_cell(items, column):
    col = sheet_schema.PHRASES.by_key[column]
    assert sheet_schema.split_cell(col, sheet_schema.join_cell(col, items)) == items


@settings(max_examples=200, deadline=None)
@given(st.lists(_ITEM, max_size=6))
def test_line_lists_and_pairs_survive_a_cell(items):
    col = sheet_schema.FORBIDDEN.by_key["variants"]
    assert sheet_schema.split_cell(col, sheet_schema.join_cell(col, items)) == items
    pairs = {f"名{i}": value for i, value in enumerate(items)}
    assert sheet_schema.split_pairs(sheet_schema.join_pairs(pairs)) == (pairs, [])


def _cells(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def _fresh_library(tmp_path: Path, name: str):
    return open_library(tmp_path / f"{name}.db", sync=False)


@pytest.mark.parametrize("source", ["sample", "rich"])
def test_excel_round_trip_loses_nothing(tmp_path, sample_dir, rich_dir, source):
    folder = sample_dir if source == "sample" else rich_dir
    first = _fresh_library(tmp_path, "first")
    first.import_paths(folder)
    before = documents.documents()
    loader.export_xlsx(tmp_path / "one.xlsx")
    first.close()

    second = _fresh_library(tmp_path, "second")
    pack = loader.load(tmp_path / "one.xlsx")
    assert pack.problems == []
    second.import_books(pack.books)
    assert documents.documents() == before  # the library holds exactly the same content
    loader.export_xlsx(tmp_path / "two.xlsx")
    second.close()
    assert _cells(tmp_path / "one.xlsx") == _cells(tmp_path / "two.xlsx")  # export → import → export


def test_excel_keeps_tricky_cells_as_text(tmp_path, rich_dir):
    lib = _fresh_library(tmp_path, "lib")
    lib.import_paths(rich_dir)
    loader.export_xlsx(tmp_path / "rich.xlsx")
    lib.close()
    wb = load_workbook(tmp_path / "rich.xlsx")
    ws = wb["话术"]
    header = [c.value for c in ws[1]]
    row = [c for c in ws[2]]
    text = row[header.index("话术")]
    assert text.value == "=先别急，我马上联系网点。" and text.data_type == "s"  # not a formula
    assert row[header.index("编号")].value == "007"
    assert row[header.index("标签")].value == "时限、承诺\n网点"  # an item with a separator: one per line
    assert row[header.index("阶段")].value == "办" and row[header.index("客户性格")].value == "支配型"


def test_yaml_folder_and_zip_round_trip(tmp_path, rich_dir, sample_dir):
    first = _fresh_library(tmp_path, "first")
    first.import_paths(rich_dir)
    first.import_paths(sample_dir)
    before = documents.documents()
    loader.export_yaml(tmp_path / "out")
    loader.export_yaml(tmp_path / "pack.zip", manifest={"name": "分行包", "version": "2", "author": "张老师"})
    first.close()

    for source in (tmp_path / "out", tmp_path / "pack.zip"):
        lib = _fresh_library(tmp_path, source.stem)
        pack = loader.load(source)
        assert pack.problems == []
        lib.import_books(pack.books)
        assert documents.documents() == before
        lib.close()
    assert loader.load(tmp_path / "pack.zip").manifest == {"name": "分行包", "version": "2", "author": "张老师"}
    # Exporting what was imported from the export writes the same files.
    again = tmp_path / "again"
    lib = _fresh_library(tmp_path, "again")
    lib.import_books(loader.load(tmp_path / "out").books)
    loader.export_yaml(again)
    lib.close()
    for f in (tmp_path / "out").iterdir():
        assert (again / f.name).read_text(encoding="utf-8") == f.read_text(encoding="utf-8")


def test_preview_counts_then_all_or_nothing(tmp_path, library):
    loader.export_xlsx(tmp_path / "lib.xlsx")
    wb = load_workbook(tmp_path / "lib.xlsx")
    ws = wb["话术"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    ws.cell(2, col["客户性格"]).value = "分析型"  # changed: same phrase, another persona
    ws.delete_rows(3)  # removed
    ws.append(["sample.yaml", "t_refund", "", "", "", "", "谢", "", "感谢您这么信任我们，后续进展我会主动告诉您。", "", ""])
    wb.save(tmp_path / "edited.xlsx")

    pack = loader.load(tmp_path / "edited.xlsx")
    assert pack.problems == []
    before = documents.documents()
    report = library.preview(pack.books)
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 17)
    assert documents.documents() == before  # a preview writes nothing

    report = loader.import_pack(library, pack)
    assert (report.added, report.changed, report.removed) == (1, 1, 1)

    # A pack whose key another of its files owns fails as a whole: nothing is written.
    ws.append(["other.yaml", "t_refund", "退款慢", "电商物流", "退款迟迟没有到账", "退款", "听", "", "另一个文件里的同一场景。", "", ""])
    wb.save(tmp_path / "clash.xlsx")
    clash = loader.load(tmp_path / "clash.xlsx")
    assert any("t_refund" in p.message and p.file == "clash.xlsx[话术]" for p in clash.problems)
    after = documents.documents()
    with pytest.raises(PlaybookError):
        loader.import_pack(library, clash)
    assert documents.documents() == after


def test_problems_name_sheet_row_and_column(tmp_path, library):
    loader.export_xlsx(tmp_path / "lib.xlsx")
    wb = load_workbook(tmp_path / "lib.xlsx")
    ws = wb["话术"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    ws.cell(3, col["阶段"]).value = "办理"
    ws.cell(4, col["话术"]).value = None
    ws.cell(5, col["场景名称"]).value = "别的名字"
    ws.cell(6, col["场景键"]).value = "Bad Key"
    ws.cell(1, len(header) + 1).value = "备注"  # a trainer's own column is allowed
    wb.save(tmp_path / "bad.xlsx")

    pack = loader.load(tmp_path / "bad.xlsx")
    found = {(p.file, p.line, p.field.split("（")[0]): p.message for p in pack.problems}
    assert "未知的取值「办理」" in found[("bad.xlsx[话术]", 3, "阶段")]
    assert found[("bad.xlsx[话术]", 4, "话术")] == "不能为空"
    assert "不一致" in found[("bad.xlsx[话术]", 5, "场景名称")]
    assert "不是合法的键" in found[("bad.xlsx[话术]", 6, "场景键")]
    assert "（G列）" in next(p.field for p in pack.problems if p.line == 3)
    assert not pack.ok and len(pack.problems) == 4


CSV_ROWS = [
    ["场景键", "场景名称", "行业", "场景说明", "触发词", "阶段", "客户性格", "话术", "标签"],
    ["c_wait", "排队太久", "银行", "客户排队等了很久", "排队、等太久, 没人管", "听", "", "让您久等了，您先说说今天要办什么业务。", ""],
    ["c_wait", "", "", "", "", "办", "支配型", "我现在就给您开绿色通道，【办理时限】内办好。", "时限"],
]


def _csv_text(rows) -> str:
    return "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_reads_in_every_encoding_excel_writes(tmp_path, encoding):
    path = tmp_path / "wait.csv"
    path.write_bytes(_csv_text(CSV_ROWS).encode(encoding))
    pack = loader.load(path)
    assert pack.problems == []
    [book] = pack.books
    assert book.name == "wait.yaml"
    [scenario] = book.scenarios
    assert scenario.name == "排队太久" and scenario.industry == "banking"
    assert scenario.triggers == ["排队", "等太久", "没人管"]
    assert [(p.stage, p.persona, p.text) for p in scenario.phrases] == [
        ("listen", "all", "让您久等了，您先说说今天要办什么业务。"),
        ("act", "driver", "我现在就给您开绿色通道，【办理时限】内办好。"),
    ]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    path = tmp_path / "wait.csv"  # Excel's "Unicode text", renamed by a trainer
    path.write_bytes("\r\n".join("\t".join(row) for row in CSV_ROWS).encode("utf-16"))
    pack = loader.load(path)
    assert pack.problems == [] and pack.books[0].scenarios[0].triggers == ["排队", "等太久", "没人管"]


def test_csv_problems_name_the_row(tmp_path):
    rows = [*CSV_ROWS, ["c_wait", "", "", "", "", "谢谢", "", "谢谢您的耐心。", ""]]
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv_text(rows).encode("gbk"))
    [problem] = loader.load(path).problems
    assert (problem.file, problem.line) == ("bad.csv", 4) and problem.field.startswith("阶段")


# ---------------------------------------------------------------- zip safety


def _zip(path: Path, members: dict[str, bytes], manifest: bool = True) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if manifest:
            zf.writestr("manifest.yaml", "name: 测试包\nversion: 1\nauthor: 培训部\n")
        for name, data in members.items():
            zf.writestr(name, data)
    return path


SAMPLE = (SAMPLE_PLAYBOOKS / "sample.yaml").read_bytes()


def test_zip_pack_reads_yaml_and_manifest(tmp_path):
    pack = loader.load(_zip(tmp_path / "ok.zip", {"pack/sample.yaml": SAMPLE, "pack/说明.txt": b"hi"}, manifest=False))
    assert any("manifest" in p.message for p in pack.problems)  # a pack must say what it is
    pack = loader.load(_zip(tmp_path / "ok2.zip", {"sample.yaml": SAMPLE, "README.txt": b"ignored"}))
    assert pack.problems == [] and [b.name for b in pack.books] == ["sample.yaml"]
    assert pack.manifest == {"name": "测试包", "version": "1", "author": "培训部"}


@pytest.mark.parametrize("name", ["../evil.yaml", "pack/../../evil.yaml", "/etc/evil.yaml", "C:/evil.yaml",
                                  "..\\evil.yaml"])
def test_zip_with_paths_outside_is_refused(tmp_path, name):
    pack = loader.load(_zip(tmp_path / "evil.zip", {"sample.yaml": SAMPLE, name: SAMPLE}))
    assert pack.books == [] and "压缩包以外" in pack.problems[0].message


def test_zip_with_symlink_is_refused(tmp_path):
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.yaml", "name: a\nversion: 1\nauthor: b\n")
        info = zipfile.ZipInfo("sample.yaml")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    pack = loader.load(path)
    assert pack.books == [] and "符号链接" in pack.problems[0].message


def test_zip_bomb_and_oversize_are_refused(tmp_path, monkeypatch):
    bomb = loader.load(_zip(tmp_path / "bomb.zip", {"sample.yaml": SAMPLE, "zeros.yaml": b"\0" * 1_500_000}))
    assert bomb.books == [] and "压缩炸弹" in bomb.problems[0].message
    big = loader.load(_zip(tmp_path / "big.zip", {"big.yaml": b"# " + bytes(range(256)) * 12_000}))
    assert big.books == [] and "太大" in big.problems[0].message
    monkeypatch.setattr(zip_reader, "PACK_LIMITS", zip_reader.Limits(members=3))
    many = loader.load(_zip(tmp_path / "many.zip", {f"f{i}.yaml": SAMPLE for i in range(5)}))
    assert many.books == [] and "个数太多" in many.problems[0].message
    monkeypatch.setattr(zip_reader, "PACK_LIMITS", zip_reader.Limits(total_bytes=len(SAMPLE) * 2))
    total = loader.load(_zip(tmp_path / "total.zip", {f"f{i}.yaml": SAMPLE for i in range(3)}))
    assert total.books == [] and "总大小" in total.problems[0].message


def test_a_read_never_trusts_the_header(tmp_path):
    # A member that inflates to more than its limit is cut off while reading, whatever the header says.
    path = _zip(tmp_path / "liar.zip", {"sample.yaml": SAMPLE})
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("sample.yaml")
        with pytest.raises(zip_reader.UnsafeArchive):
            zip_reader.read_member(zf, info, limit=100)


def test_a_bad_pack_imports_nothing(tmp_path, library):
    broken = SAMPLE.replace(b"key: t_refund", b"key: Bad Key").replace(b"t_card_blocked", b"t_other")
    pack = loader.load(_zip(tmp_path / "half.zip", {"good.yaml": SAMPLE.replace(b"t_", b"g_"), "bad.yaml": broken}))
    assert pack.problems and not pack.ok
    assert any(p.file == "half.zip/bad.yaml" and p.line for p in pack.problems)
    before = documents.documents()
    with pytest.raises(PlaybookError) as raised:
        loader.import_pack(library, pack)
    assert raised.value.problems == pack.problems
    assert documents.documents() == before  # good.yaml was not imported either


def test_not_a_zip_and_unknown_types(tmp_path):
    (tmp_path / "fake.zip").write_bytes(b"not a zip")
    assert "不是有效的 zip" in loader.load(tmp_path / "fake.zip").problems[0].message
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in loader.load(tmp_path / "old.xls").problems[0].message
    (tmp_path / "fake.xlsx").write_bytes(io.BytesIO(b"nope").getvalue())
    assert loader.load(tmp_path / "fake.xlsx").problems
