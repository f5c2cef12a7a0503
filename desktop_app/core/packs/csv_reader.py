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

from desktop_app.core import safe_files
from desktop_app.core.packs import sheet_schema as L
from desktop_app.core.packs.sheet_reader import MAX_ROWS, Table
from desktop_app.core.playbooks.reader import Problem

MAX_CSV_BYTES = 5 * 1024 * 1024


MAX_LISTED_LINES = 10


class MixedEncoding(ValueError):
    """The file is not cleanly one encoding; `lines` are the 1-based lines that do not fit."""

    def __init__(self, message: str, lines: list[int]):
        super().__init__(message)
        self.message, self.lines = message, lines


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name); MixedEncoding when no one encoding reads every line.

    Guessing per file with errors="replace" stored the UTF-8 rows of a half-GBK file as mojibake:
    a file that is not cleanly one encoding is a problem for the trainer, named by line."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise MixedEncoding("UTF-16 文件里有无法解码的字节", []) from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    utf8_lines, other_lines = [], []
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8-sig" if number == 1 else "utf-8")
            utf8_lines.append(number)
        except UnicodeDecodeError:
            other_lines.append(number)
    if utf8_lines:  # some lines are UTF-8, others are not: two encodings in one file
        raise MixedEncoding("文件里混用了两种编码：这些行不是 UTF-8（其他行是 UTF-8）。"
                            "请在 Excel 里整体另存为“CSV UTF-8”后再导入", other_lines)
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        bad = []
        for number, line in enumerate(lines, start=1):
            try:
                line.decode("gb18030")
            except UnicodeDecodeError:
                bad.append(number)
        raise MixedEncoding("这些行既不是 UTF-8 也不是 GBK/GB18030 编码的文字", bad) from None


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
        raw = safe_files.read_regular(path, MAX_CSV_BYTES)
        if len(raw) > MAX_CSV_BYTES:
            return [], [Problem(label, None, "", f"文件太大（最多 {MAX_CSV_BYTES // 1024} KB）")]
    except safe_files.NotARegularFile as exc:
        return [], [Problem(label, None, "", str(exc))]
    except OSError as exc:
        return [], [Problem(label, None, "", f"无法读取文件：{exc.strerror or exc}")]
    try:
        text, _encoding = decode(raw)
    except MixedEncoding as exc:
        shown = [Problem(label, n, "", exc.message) for n in exc.lines[:MAX_LISTED_LINES]]
        if len(exc.lines) > MAX_LISTED_LINES:
            shown.append(Problem(label, None, "", f"还有 {len(exc.lines) - MAX_LISTED_LINES} 行同样的问题"))
        return [], shown or [Problem(label, None, "", exc.message)]
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
