"""Rows of a spreadsheet (Excel or CSV) -> playbook files, with problems named by sheet, row, column.

The rows are written out as the YAML text of a playbook file, one line per cell group, and read
by the same loader as a trainer's YAML: one set of rules for every format. Each YAML line
remembers the row it came from, so a problem the loader finds is reported as
`表格[话术]:12: 阶段（G列）: …` rather than as a line of YAML nobody has seen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core import safe_yaml
from desktop_app.core.packs import sheet_schema as L
from desktop_app.core.playbooks.reader import MAX_FILE_BYTES, PlaybookError, PlaybookFile, Problem, load_bytes

MAX_ROWS = 20_000  # per sheet: far above any real library, far below what hurts
_INDEX = re.compile(r"\[\d+\]")


@dataclass
class Table:
    """One sheet as read: the header row and the data rows, every cell a string."""

    sheet: L.Sheet
    label: str  # how problems name it: "branch.xlsx[话术]" or "branch.csv"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the trainer sees it, cells)
    header_row: int = 1
    index: dict[str, int] = field(default_factory=dict)  # column key -> position, once the header is read


@dataclass(frozen=True)
class Cell:
    table: Table
    row: int
    column: str  # a column key of the sheet

    def problem(self, message: str) -> Problem:
        return Problem(self.table.label, self.row, self.where(), message)

    def where(self) -> str:
        index = self.table.index.get(self.column)
        if index is None:
            return self.table.sheet.by_key[self.column].label
        return f"{self.table.header[index].strip()}（{column_letter(index)}列）"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class _Yaml:
    """YAML text built line by line; each line may remember the cell it came from."""

    lines: list[str] = field(default_factory=lambda: ["format: 1"])
    origins: dict[int, Cell] = field(default_factory=dict)

    def add(self, text: str, origin: Cell | None = None) -> None:
        self.lines.append(text)
        if origin is not None:
            self.origins[len(self.lines)] = origin


def q(value: str) -> str:
    """A double-quoted YAML scalar. JSON escaping is valid YAML, except for the characters
    YAML 1.1 counts as line breaks or a BOM, which would move lines or change the text."""
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in (("\u2028", "\\L"), ("\u2029", "\\P"), ("\x85", "\\N"), ("\ufeff", "\\ufeff")):
        text = text.replace(ch, esc)
    # Characters YAML may not hold raw (C1 controls, lone surrogates) are escaped too: the
    # loader then reports them against the cell they came from, not a YAML line nobody wrote.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def _fields(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


# ---------------------------------------------------------------- reading the rows


class _Rows:
    """Walks the tables of one pack, grouping rows by playbook file and checking cells."""

    def __init__(self, default_name: str):
        self.default_name = default_name
        self.problems: list[Problem] = []
        self.books: dict[str, _Book] = {}

    def book(self, table: Table, row: int, cells: dict[str, str]) -> _Book | None:
        name = cells.get("file", "").strip() or self.default_name
        if "/" in name or "\\" in name or name.startswith("."):
            self.problems.append(Cell(table, row, "file").problem("只写文件名（如 banking.yaml），不能含路径"))
            return None
        if not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
        return self.books.setdefault(name, _Book(name))

    def choice(self, table: Table, row: int, cells: dict[str, str], key: str) -> str | None:
        """The key a choice cell names; "" when blank; None (and a problem) when unknown."""
        raw = cells.get(key, "").strip()
        if not raw:
            return ""
        column = table.sheet.by_key[key]
        value = L.choice_key(column, raw)
        if value is None:
            self.problems.append(Cell(table, row, key).problem(f"未知的取值「{raw}」（可用：{L.choice_hint(column)}）"))
        return value


@dataclass
class _Scenario:
    key: Cell
    values: dict[str, tuple[str, Cell]] = field(default_factory=dict)
    stages: dict[str, list[tuple[list[tuple[str, str]], Cell]]] = field(default_factory=dict)
    stage_cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class _Book:
    name: str
    scenarios: dict[str, _Scenario] = field(default_factory=dict)
    templates: list[tuple[list[tuple[str, str]], Cell]] = field(default_factory=list)
    forbidden: list[tuple[list[tuple[str, str]], Cell]] = field(default_factory=list)
    checklists: list[tuple[str, list[tuple[str, str]], Cell]] = field(default_factory=list)
    patterns: dict[str, dict[str, list[tuple[str, Cell]]]] = field(default_factory=dict)
    pattern_cells: dict[str, Cell] = field(default_factory=dict)
    emotion_words: list[tuple[str, Cell]] = field(default_factory=list)
    translations: list[tuple[str, str, Cell]] = field(default_factory=list)


def _map_header(table: Table, problems: list[Problem]) -> bool:
    index: dict[str, int] = {}
    for i, header in enumerate(table.header):
        if L.is_remark(header):
            continue
        column = L.find_column(table.sheet, header)
        where = f"{header.strip()}（{column_letter(i)}列）"
        if column is None:
            known = "、".join(c.label for c in table.sheet.columns)
            problems.append(Problem(table.label, table.header_row, where,
                                    f"不认识的列名（可用：{known}；自己用的列请以“备注”开头）"))
        elif column.key in index:
            problems.append(Problem(table.label, table.header_row, where, "列名重复"))
        else:
            index[column.key] = i
    table.index = index
    missing = [c.label for c in table.sheet.columns if c.required and c.key not in index]
    if missing:
        problems.append(Problem(table.label, table.header_row, "", f"缺少必需的列：{'、'.join(missing)}"))
    return not missing


def _cells(table: Table, values: list[str]) -> dict[str, str]:
    return {key: values[i] if i < len(values) else "" for key, i in table.index.items()}


def _read_phrases(rows: _Rows, table: Table) -> None:
    for row, values in table.rows:
        cells = _cells(table, values)
        if not any(v.strip() for v in cells.values()):
            continue
        book = rows.book(table, row, cells)
        key = cells.get("scenario", "").strip()
        if not key:
            rows.problems.append(Cell(table, row, "scenario").problem("不能为空"))
            continue
        if book is None:
            continue
        scenario = book.scenarios.setdefault(key, _Scenario(Cell(table, row, "scenario")))
        for column in ("scenario_name", "industry", "description", "triggers"):
            raw = cells.get(column, "").strip()
            value = rows.choice(table, row, cells, column) if column == "industry" else raw
            if not raw or value is None:
                continue
            if column in scenario.values and scenario.values[column][0] != value:
                first = scenario.values[column][1].row
                rows.problems.append(Cell(table, row, column).problem(f"与第 {first} 行的同一场景不一致"))
                continue
            scenario.values.setdefault(column, (value, Cell(table, row, column)))
        stage = rows.choice(table, row, cells, "stage")
        persona = rows.choice(table, row, cells, "persona")
        channel = rows.choice(table, row, cells, "channel")
        authority = rows.choice(table, row, cells, "authority")
        phrase_cells = ("stage", "persona", "text", "tags", "id", "channel", "authority")
        if not any(cells.get(c, "").strip() for c in phrase_cells):
            continue  # a row that only describes the scenario
        if stage == "":
            rows.problems.append(Cell(table, row, "stage").problem("不能为空"))
        if not stage or persona is None or channel is None or authority is None:
            continue
        fields: list[tuple[str, str]] = []
        if cells.get("text", "").strip():
            fields.append(("text", q(cells["text"])))
        if persona:
            fields.append(("persona", q(persona)))
        tags = L.split_cell(table.sheet.by_key["tags"], cells.get("tags", ""))
        if tags:
            fields.append(("tags", _flow(tags)))
        if cells.get("id", "").strip():
            fields.append(("id", q(cells["id"].strip())))
        if channel:
            fields.append(("channel", q(channel)))
        if authority:
            fields.append(("authority", q(authority)))
        scenario.stage_cells.setdefault(stage, Cell(table, row, "stage"))
        scenario.stages.setdefault(stage, []).append((fields, Cell(table, row, "text")))


def _simple_rows(rows: _Rows, table: Table):
    """(book, cells, row, choices) for each non-blank row; choices already checked."""
    choice_keys = [c.key for c in table.sheet.columns if c.kind == "choice"]
    for row, values in table.rows:
        cells = _cells(table, values)
        if not any(v.strip() for v in cells.values()):
            continue
        book = rows.book(table, row, cells)
        choices = {k: rows.choice(table, row, cells, k) for k in choice_keys}
        if book is None or any(v is None for v in choices.values()):
            continue
        yield book, cells, row, choices


def _put(fields: list[tuple[str, str]], name: str, value: str) -> None:
    if value.strip():
        fields.append((name, q(value)))


def _read_templates(rows: _Rows, table: Table) -> None:
    for book, cells, row, ch in _simple_rows(rows, table):
        fields: list[tuple[str, str]] = []
        _put(fields, "key", cells.get("key", ""))
        for name in ("kind", "channel", "persona"):
            if ch[name]:
                fields.append((name, q(ch[name])))
        _put(fields, "title", cells.get("title", ""))
        _put(fields, "text", cells.get("text", ""))
        pairs, bad = L.split_pairs(cells.get("placeholders", ""))
        if bad:
            rows.problems.append(Cell(table, row, "placeholders").problem(
                f"「{bad[0]}」应写成 名称=默认值，每行一个"))
            continue
        if pairs:
            fields.append(("placeholders", "{" + ", ".join(f"{q(k)}: {q(v)}" for k, v in pairs.items()) + "}"))
        book.templates.append((fields, Cell(table, row, "text")))


def _read_forbidden(rows: _Rows, table: Table) -> None:
    for book, cells, row, ch in _simple_rows(rows, table):
        fields: list[tuple[str, str]] = []
        _put(fields, "text", cells.get("text", ""))
        variants = L.split_cell(table.sheet.by_key["variants"], cells.get("variants", ""))
        if variants:
            fields.append(("variants", _flow(variants)))
        if ch["category"]:
            fields.append(("category", q(ch["category"])))
        for name in ("why", "better"):
            _put(fields, name, cells.get(name, ""))
        book.forbidden.append((fields, Cell(table, row, "text")))


def _read_checklists(rows: _Rows, table: Table) -> None:
    for book, cells, row, ch in _simple_rows(rows, table):
        if not ch["flag"]:
            rows.problems.append(Cell(table, row, "flag").problem("不能为空"))
            continue
        fields: list[tuple[str, str]] = []
        _put(fields, "title", cells.get("title", ""))
        for name in ("do", "never", "handover"):
            items = L.split_cell(table.sheet.by_key[name], cells.get(name, ""))
            if items:
                fields.append((name, _flow(items)))
        book.checklists.append((ch["flag"], fields, Cell(table, row, "flag")))


def _read_redgreen(rows: _Rows, table: Table) -> None:
    for book, cells, row, ch in _simple_rows(rows, table):
        text = cells.get("text", "")
        origin = Cell(table, row, "text")
        if not text.strip():
            rows.problems.append(origin.problem("不能为空"))
        elif not ch["kind"]:
            rows.problems.append(Cell(table, row, "kind").problem("不能为空"))
        elif ch["kind"] == "translation":
            if ch["pattern"]:
                rows.problems.append(Cell(table, row, "pattern").problem("正向翻译不属于任何思维模式：请留空"))
            elif not cells.get("need", "").strip():
                rows.problems.append(Cell(table, row, "need").problem("正向翻译要写出客户这句话背后的需要"))
            else:
                book.translations.append((text, cells["need"], origin))
        elif ch["kind"] == "emotion_word":
            if ch["pattern"]:
                rows.problems.append(Cell(table, row, "pattern").problem("情绪词不属于任何思维模式：请留空"))
            else:
                book.emotion_words.append((text, origin))
        elif not ch["pattern"]:
            rows.problems.append(Cell(table, row, "pattern").problem("红色/绿色想法要写明思维模式"))
        else:
            book.pattern_cells.setdefault(ch["pattern"], Cell(table, row, "pattern"))
            book.patterns.setdefault(ch["pattern"], {}).setdefault(ch["kind"], []).append((text, origin))


READERS = {"phrases": _read_phrases, "templates": _read_templates, "forbidden": _read_forbidden,
           "checklists": _read_checklists, "redgreen": _read_redgreen}


# ---------------------------------------------------------------- writing the YAML


def _to_yaml(book: _Book) -> _Yaml:
    y = _Yaml()
    if book.scenarios:
        y.add("scenarios:")
    for key, sc in book.scenarios.items():
        y.add(f"  - key: {q(key)}", sc.key)
        for column, name in (("scenario_name", "name"), ("industry", "industry"), ("description", "description")):
            if column in sc.values:
                value, cell = sc.values[column]
                y.add(f"    {name}: {q(value)}", cell)
        if "triggers" in sc.values:
            value, cell = sc.values["triggers"]
            items = L.split_cell(cell.table.sheet.by_key["triggers"], value)
            y.add(f"    triggers: {_flow(items)}", cell)
        if not sc.stages:
            y.add("    phrases: {}", sc.key)
            continue
        y.add("    phrases:", sc.key)
        for stage, stage_items in sc.stages.items():
            y.add(f"      {stage}:", sc.stage_cells[stage])
            for fields, cell in stage_items:
                y.add(f"        - {_fields(fields)}", cell)
    if book.templates:
        y.add("templates:")
        for template_fields, cell in book.templates:
            y.add(f"  - {_fields(template_fields)}", cell)
    if book.forbidden:
        y.add("forbidden:")
        for forbidden_fields, cell in book.forbidden:
            y.add(f"  - {_fields(forbidden_fields)}", cell)
    if book.checklists:
        y.add("checklists:")
        for flag, checklist_fields, cell in book.checklists:
            y.add(f"  {flag}: {_fields(checklist_fields)}", cell)
    if book.patterns or book.emotion_words or book.translations:
        y.add("redgreen:")
    if book.patterns:
        y.add("  patterns:")
        for pattern, kinds in book.patterns.items():
            y.add(f"    {pattern}:", book.pattern_cells[pattern])
            for kind, texts in kinds.items():
                y.add(f"      {kind}:", texts[0][1])
                for text, cell in texts:
                    y.add(f"        - {q(text)}", cell)
    if book.emotion_words:
        y.add("  emotion_words:")
        for text, cell in book.emotion_words:
            y.add(f"    - {q(text)}", cell)
    if book.translations:
        y.add("  translations:")
        for said, need, cell in book.translations:
            y.add(f"    - {_fields([('said', q(said)), ('need', q(need))])}", cell)
    return y


# ---------------------------------------------------------------- problems back to cells


@dataclass
class Located:
    """Where each line of each generated file came from: turns a loader Problem into a cell's."""

    origins: dict[str, dict[int, Cell]] = field(default_factory=dict)
    fallback: str = ""

    def __call__(self, problem: Problem) -> Problem:
        lines = self.origins.get(problem.file)
        if lines is None:
            return problem
        cell = lines.get(problem.line or 0)
        if cell is None:
            return Problem(self.fallback, None, problem.field, f"{problem.file}：{problem.message}")
        column = _column_for(cell.table.sheet, problem.field) or cell.column
        # A missing YAML field is an empty cell in a table.
        message = "不能为空" if problem.message == "缺少此字段" else problem.message
        return Cell(cell.table, cell.row, column).problem(message)


def _column_for(sheet: L.Sheet, path: str) -> str | None:
    """The column a loader field path (scenarios[0].phrases.act[1].persona) belongs to."""
    for part in reversed(_INDEX.sub("", path).split(".")):
        for column in sheet.columns:
            if part == column.key or part in column.yaml_names:
                return column.key
    return None


# ---------------------------------------------------------------- the whole pack


def load_tables(tables: list[Table], default_name: str, source: Path) -> tuple[list[PlaybookFile], list[Problem], Located]:
    """Playbook files from the tables of one Excel or CSV file; problems name sheet, row, column."""
    rows = _Rows(default_name)
    locate = Located(fallback=tables[0].label if tables else source.name)
    for table in tables:
        if len(table.rows) > MAX_ROWS:
            rows.problems.append(Problem(table.label, None, "", f"行数太多（超过 {MAX_ROWS} 行）"))
            continue
        if _map_header(table, rows.problems):
            READERS[table.sheet.key](rows, table)
    books: list[PlaybookFile] = []
    loader_problems: list[Problem] = []
    for book in rows.books.values():
        y = _to_yaml(book)
        locate.origins[book.name] = y.origins
        try:
            # The YAML written here grows with the rows: the sheet's row limit is the one a
            # trainer meets, never the loader's limits for hand-written files.
            lines = len(y.lines)
            books.append(load_bytes(("\n".join(y.lines) + "\n").encode("utf-8"), book.name, source,
                                    max_bytes=MAX_FILE_BYTES + lines * 4096,
                                    limits=safe_yaml.Limits(events=safe_yaml.MAX_EVENTS + lines * 64)))
        except PlaybookError as exc:
            loader_problems.extend(locate(p) for p in exc.problems)
    # A cell already reported by the row checks is not reported again by the loader.
    seen = {(p.file, p.line, p.field) for p in rows.problems}
    problems = rows.problems + [p for p in loader_problems if (p.file, p.line, p.field) not in seen
                                and not (rows.problems and p.line is None)]
    if not rows.books and not problems:
        problems.append(Problem(locate.fallback, None, "", "表格里没有任何话术（第一行应为列名）"))
    problems.sort(key=lambda p: (p.file, p.line or 0))  # stable: a row's problems keep their order
    return books, problems, locate
