"""CSV packs: the 话术 sheet saved as CSV, in whatever encoding Excel chose.

Excel on a Chinese Windows saves "CSV" as GBK and "CSV UTF-8" with a BOM; other tools write
UTF-8 without one. Strict UTF-8 is tried first (with or without BOM): GBK bytes are almost
never valid UTF-8, so a file that decodes is UTF-8. Otherwise gb18030, a superset of GBK that
decodes every byte sequence Excel writes. Excel's "Unicode text" (UTF-16, tab-separated)
is recognised by its BOM.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop_app.core.packs import sheet_schema as L
from desktop_app.core.packs.sheet_reader import MAX_ROWS, Table
from desktop_app.core.playbooks.reader import Problem

MAX_CSV_BYTES = 5 * 1024 * 1024


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace"), "gb18030"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(path: Path) -> tuple[list[Table], list[Problem]]:
    label = path.name
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            return [], [Problem(label, None, "", f"文件太大（{size // 1024} KB，最多 {MAX_CSV_BYTES // 1024} KB）")]
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(label, None, "", f"无法读取文件：{exc.strerror or exc}")]
    text, _encoding = decode(raw)
    text = text.replace("\x00", "")  # csv refuses NUL; a stray one must not stop the import
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            row, start = start, reader.line_num + 1  # a quoted cell may span lines
            if header is None:
                if any(c.strip() for c in cells):
                    header, header_row = cells, row
                continue
            rows.append((row, cells))
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as exc:
        return [], [Problem(label, reader.line_num, "", f"CSV 格式错误：{exc}")]
    if header is None:
        return [], [Problem(label, None, "", "文件是空的")]
    return [Table(L.PHRASES, label, header, rows, header_row)], []
