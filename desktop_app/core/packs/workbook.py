"""Excel workbooks (.xlsx) as playbook packs: sheets 话术, 模板, 禁语, 清单, 红转绿 (+ 说明).

openpyxl is imported only here and only when a workbook is read or written. A workbook is a
zip: it passes the same archive guard as a zip pack before openpyxl sees it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.core import safe_files
from desktop_app.core.packs import sheet_schema as L
from desktop_app.core.packs.sheet_reader import MAX_ROWS, Table, column_letter
from desktop_app.core.packs.zip_reader import XLSX_LIMITS, UnsafeArchive, check_archive
from desktop_app.core.playbooks.reader import Problem


MAX_COLUMNS = 64  # the widest sheet has 12 columns; remarks columns fit too


def cell_text(value) -> str:
    """What a trainer typed, as text: 12 stays "12" (not "12.0"), a date reads 2024-05-01."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _refuse_doctypes(path: Path, infos) -> None:
    """Excel never writes a DTD; one in a part's prolog can only declare entities (a bomb)."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                try:
                    with zf.open(info) as stream:
                        head = stream.read(4096)
                except Exception as exc:  # noqa: BLE001 — a damaged member is a file problem
                    raise UnsafeArchive(f"「{info.filename}」无法解压（{type(exc).__name__}）") from None
                if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                    head = head.decode("utf-16", errors="replace").encode("utf-8")
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    raise UnsafeArchive(f"「{info.filename}」含有 DTD/实体声明（Excel 不会这样写），拒绝读取")


def read_tables(path: Path) -> tuple[list[Table], list[Problem]]:
    label = path.name
    try:
        infos = check_archive(path, XLSX_LIMITS)
        _refuse_doctypes(path, infos)
    except UnsafeArchive as exc:
        return [], [Problem(label, None, "", str(exc))]
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        return [], [Problem(label, None, "", f"无法打开工作簿（{type(exc).__name__}）：请在 Excel 里另存为 .xlsx 后再试")]
    tables: list[Table] = []
    problems: list[Problem] = []
    title = ""
    try:
        titles = wb.sheetnames
        for position, title in enumerate(titles):
            sheet = L.find_sheet(title)
            if sheet is None and position == 0 and len(titles) == 1:
                sheet = L.PHRASES  # a lone "Sheet1" holds phrases
            if sheet is None:
                if title.strip() != L.README_SHEET and not L.is_remark(title):
                    known = "、".join(s.label for s in L.SHEETS)
                    problems.append(Problem(f"{label}[{title}]", None, "",
                                            f"不认识的工作表（可用：{known}；自己用的表请以“备注”开头）"))
                continue
            table = _read_sheet(wb[title], sheet, f"{label}[{title}]", problems)
            if table is not None:
                tables.append(table)
    except Exception as exc:  # noqa: BLE001 — truncated or malformed sheet XML: a file problem
        where = f"{label}[{title}]" if title else label
        return [], [Problem(where, None, "", f"工作表内容损坏，无法读取（{type(exc).__name__}）：请在 Excel 里另存为 .xlsx 后再试")]
    finally:
        wb.close()
    return tables, problems


def _read_sheet(ws, sheet: L.Sheet, label: str, problems: list[Problem]) -> Table | None:
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[str]]] = []
    declared = ws.max_column or 0
    if declared > MAX_COLUMNS:
        # One stray cell at XFD would make openpyxl pad every row to 16,384 cells.
        problems.append(Problem(label, None, "", f"第 {column_letter(declared - 1)} 列还有内容：每个工作表最多 "
                                                 f"{MAX_COLUMNS} 列，请删掉右边多余的单元格"))
        return None
    # The <dimension> a file declares may lie (rows beyond it would be dropped): read what is there,
    # but never more than MAX_COLUMNS cells of a row.
    ws.reset_dimensions()
    for number, values in enumerate(ws.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        if header is not None and all(v is None for v in values):
            continue  # blank rows (and the gaps openpyxl fills) cost nothing and count for nothing
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        if header is None:
            if any(c.strip() for c in cells):
                header, header_row = cells, number
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:  # stop reading: load_tables reports "too many rows"
            break
    if header is None:
        return None  # an empty sheet
    return Table(sheet, label, header, rows, header_row)


# ---------------------------------------------------------------- writing


def write_workbook(path: Path, docs: list[tuple[str, dict]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rows: dict[str, list[list[str]]] = {s.key: [] for s in L.SHEETS}
    for name, doc in docs:
        for key, sheet_rows in L.document_rows(name, doc).items():
            rows[key].extend(sheet_rows)
    wb = Workbook()
    wb.remove(wb.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBE8")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in L.SHEETS:
        ws = wb.create_sheet(sheet.label)
        ws.append([c.label for c in sheet.columns])
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        ws.freeze_panes = "A2"
        for i, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = column.width
            if column.choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(column.choices.values()) + '"',
                                    allow_blank=True, showErrorMessage=False)
                dv.add(f"{letter}2:{letter}{MAX_ROWS}")
                ws.add_data_validation(dv)
        for values in rows[sheet.key]:
            ws.append(values)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a phrase is never a formula
                if isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) > 20):
                    cell.alignment = wrap
    _readme(wb.create_sheet(L.README_SHEET), bold)
    wb.properties.creator = "CalmDesk"
    safe_files.atomic_write(path, wb.save)


def _readme(ws, bold) -> None:
    ws.append(["CalmDesk 话术包（Excel）：每个工作表一行一条；改好后用“导入话术包”或 "
               "calmdesk playbooks import 文件.xlsx --dry-run 先预览。列名必须保留；自己用的列请以“备注”开头。"])
    ws.append([])
    ws.append(["工作表", "列名", "英文键", "必填", "说明"])
    for cell in ws[3]:
        cell.font = bold
    for sheet in L.SHEETS:
        for column in sheet.columns:
            ws.append([sheet.label, column.label, column.key, "是" if column.required else "", column.help])
    for letter, width in zip("ABCDE", (10, 14, 14, 6, 70)):
        ws.column_dimensions[letter].width = width
