"""Excel workbooks (.xlsx) as playbook packs: sheets 话术, 模板, 禁语, 清单, 红转绿 (+ 说明).

openpyxl is imported only here and only when a workbook is read or written. A workbook is a
zip: it passes the same archive guard as a zip pack before openpyxl sees it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from desktop_app.core.packs import sheet_schema as L
from desktop_app.core.packs.sheet_reader import MAX_ROWS, Table
from desktop_app.core.packs.zip_reader import XLSX_LIMITS, UnsafeArchive, check_archive
from desktop_app.core.playbooks.reader import Problem


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


def read_tables(path: Path) -> tuple[list[Table], list[Problem]]:
    label = path.name
    try:
        check_archive(path, XLSX_LIMITS)
    except UnsafeArchive as exc:
        return [], [Problem(label, None, "", str(exc))]
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        return [], [Problem(label, None, "", f"无法打开工作簿（{type(exc).__name__}）：请在 Excel 里另存为 .xlsx 后再试")]
    tables: list[Table] = []
    problems: list[Problem] = []
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
            table = _read_sheet(wb[title], sheet, f"{label}[{title}]")
            if table is not None:
                tables.append(table)
    finally:
        wb.close()
    return tables, problems


def _read_sheet(ws, sheet: L.Sheet, label: str) -> Table | None:
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
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
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    os.replace(tmp, path)


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
