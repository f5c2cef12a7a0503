"""「导入话术包」/「导出话术包」in the window: preview, problems by file/line/field, all or nothing."""

from __future__ import annotations

import zipfile

import pytest

SAMPLE_ADD = """format: 1
industry: banking
scenarios:
  - key: t_pack_new
    name: 话术包新场景
    description: 测试用
    triggers: [话术包测试]
    phrases:
      listen:
        - 话术包里的新话术，您慢慢说。
"""


@pytest.fixture
def dialog(win, qtbot):
    d = win.pack_import_dialog()
    qtbot.addWidget(d)
    return d


def test_the_preview_shows_what_would_change_and_imports_only_on_request(win, dialog, tmp_path, ui_library):
    pack = tmp_path / "新场景.yaml"
    pack.write_text(SAMPLE_ADD, encoding="utf-8")
    dialog.load(pack)
    assert "新增 1 条" in dialog.summary.text()
    assert any(line.startswith("+ 话术包里的新话术") for line in dialog.change_lines())
    assert dialog.import_button.isEnabled() and dialog.problem_rows() == []
    assert not ui_library.search("话术包里的新话术")  # the preview wrote nothing
    assert dialog.do_import()
    assert ui_library.search("话术包里的新话术")
    assert "t_pack_new" in [key for key, _n, _i in win.scenario_choices()]
    assert win.filter_bar.combos["scenario"].findData("t_pack_new") > 0  # the picker knows it
    ui_library.remove_playbook("新场景.yaml")
    win.reload_library()


def test_problems_are_listed_by_file_line_and_field_and_nothing_is_imported(dialog, tmp_path, ui_library):
    bad = SAMPLE_ADD.replace("key: t_pack_new", "key: t_card_blocked")  # a key sample.yaml owns
    pack = tmp_path / "冲突.yaml"
    pack.write_text(bad, encoding="utf-8")
    dialog.load(pack)
    rows = dialog.problem_rows()
    assert rows and rows[0][:3] == ("冲突.yaml", "4", "key") and "t_card_blocked" in rows[0][3]
    assert not dialog.import_button.isEnabled()
    assert "什么都不会导入" in dialog.summary.text()
    assert not dialog.do_import()
    assert not ui_library.search("话术包里的新话术")


def test_an_excel_pack_with_a_wrong_cell_names_sheet_row_and_column(win, dialog, tmp_path):
    from openpyxl import load_workbook

    from desktop_app.ui.packs.dialog import PackExportDialog

    export = PackExportDialog(win.library, win)
    target = tmp_path / "全部.xlsx"
    assert export.export_to(target)
    wb = load_workbook(target)
    sheet = wb["话术"]
    stage_col = [c.value for c in sheet[1]].index("阶段") + 1
    sheet.cell(row=2, column=stage_col, value="办理")
    wb.save(tmp_path / "改错.xlsx")
    dialog.load(tmp_path / "改错.xlsx")
    rows = dialog.problem_rows()
    assert rows and rows[0][1] == "2" and "阶段" in rows[0][2] and "办理" in rows[0][3]
    assert not dialog.import_button.isEnabled()
    export.deleteLater()


def test_export_one_industry_as_a_zip_pack(win, tmp_path, qtbot):
    from desktop_app.ui.packs.dialog import PackExportDialog

    export = PackExportDialog(win.library, win)
    qtbot.addWidget(export)
    export.scope.setCurrentIndex(export.scope.findData("banking"))
    export.format.setCurrentIndex(export.format.findData("zip"))
    assert not export.export_to(tmp_path / "银行.zip")  # a pack names its author
    assert "作者" in export.message.text()
    export.author.setText("张老师")
    assert export.export_to(tmp_path / "银行.zip")
    names = zipfile.ZipFile(tmp_path / "银行.zip").namelist()
    assert "sample.yaml" in names and "extra.yaml" not in names  # only playbooks with banking scenarios
    assert "manifest.yaml" in names


def test_a_problem_is_readable_at_the_default_size(dialog, tmp_path, qtbot):
    """The row is as tall as its wrapped message, starts at the top of the table and fits in it:
    before, the row was measured before the table had its width and its text sat out of sight."""
    bad = SAMPLE_ADD.replace("key: t_pack_new", "key: t_card_blocked")
    pack = tmp_path / ("一个很长的文件名" * 4 + ".yaml")
    pack.write_text(bad, encoding="utf-8")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.load(pack)
    qtbot.wait(20)
    table = dialog.problem_table
    assert not dialog.changes.isVisible()  # nothing to import: the problems get the room
    message = table.item(0, 3)
    rect = table.visualItemRect(message)
    assert rect.top() >= 0 and table.rowHeight(0) >= table.sizeHintForRow(0)
    assert rect.bottom() <= table.viewport().height(), "the problem row runs past the table"
    # wrapped, not stretched many lines tall: the message column is wide enough for a few lines
    line = table.fontMetrics().lineSpacing()
    assert rect.height() <= 5 * line + 12
    assert table.columnWidth(3) >= table.viewport().width() // 2
    # a long file name is shortened, and shown whole in the tooltip
    assert table.columnWidth(0) <= table.viewport().width() // 3 + 1
    assert table.item(0, 0).toolTip() == pack.name


def test_a_long_phrase_in_the_preview_has_a_tooltip(dialog, tmp_path):
    long_phrase = "话术包里的新话术，" + "您慢慢说，我都记下来了，" * 8
    pack = tmp_path / "长话术.yaml"
    pack.write_text(SAMPLE_ADD.replace("话术包里的新话术，您慢慢说。", long_phrase), encoding="utf-8")
    dialog.load(pack)
    top = dialog.changes.topLevelItem(0)
    child = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0).startswith("+ "))
    assert long_phrase in child.toolTip(0)
