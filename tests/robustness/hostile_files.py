"""Builders for the hostile files of issue 16: each makes the smallest file that hurt.

Shared by the robustness tests (which run them under a memory and time cap) and by
benchmarks/hostile_bench.py (which prints the figures before and after a fix).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def alias_manifest_zip(path: Path, levels: int = 9) -> Path:
    """A zip pack whose manifest `author` is the `levels`-th level of nine-fold aliases (~350 bytes)."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines += ["name: 包", "version: '1'", f"author: *a{levels}"]
    manifest = "\n".join(lines) + "\n"
    book = "format: 1\nindustry: banking\nscenarios:\n  - key: z\n    name: z\n    phrases:\n      listen: [您好]\n"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.yaml", manifest)
        zf.writestr("a.yaml", book)
    return path


def wide_workbook(path: Path, rows: int = 20_000, column: str = "XFD") -> Path:
    """A 话术 sheet of `rows` tiny rows and one stray cell in the last column (a few KB zipped).

    Written by hand (not openpyxl) so the file is as small as the attack was.
    """
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f'<dimension ref="A1:{column}{rows + 1}"/><sheetData>')
    sheet.write('<row r="1"><c r="A1" t="inlineStr"><is><t>场景</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>话术</t></is></c>'
                f'<c r="{column}1" t="inlineStr"><is><t>x</t></is></c></row>')
    for r in range(2, rows + 2):
        sheet.write(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>s</t></is></c></row>')
    sheet.write("</sheetData></worksheet>")
    _write_xlsx(path, {"话术": sheet.getvalue()})
    return path


def _write_xlsx(path: Path, sheets: dict[str, str]) -> None:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    names = list(sheets)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                    + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                              for i in range(1, len(names) + 1)) + "</Types>")
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml",
                    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
                    + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
                    + "</sheets></workbook>")
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                              for i in range(1, len(names) + 1)) + "</Relationships>")
        for i, name in enumerate(names, 1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", sheets[name])


def sheet_xml(rows: list[list[str]], dimension: str | None = None, truncate: int | None = None,
              prolog: str = "") -> str:
    """A worksheet holding `rows` as inline strings; optionally a lying <dimension> or cut short."""
    def col(i: int) -> str:
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    def esc(t: str) -> str:
        return t.replace("&", "&amp;").replace("<", "&lt;")

    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{col(i)}{r}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
                                   for i, v in enumerate(cells) if v) + "</row>"
        for r, cells in enumerate(rows, 1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    text = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dim}<sheetData>{body}</sheetData></worksheet>")
    return text[:truncate] if truncate else text


def workbook(path: Path, sheets: dict[str, str]) -> Path:
    _write_xlsx(path, sheets)
    return path


def many_files_csv(path: Path, files: int) -> Path:
    """One CSV naming `files` playbook files, one scenario and one phrase each."""
    lines = ["话术文件,场景键,场景名称,行业,场景说明,触发词,阶段,话术"]
    lines += [f"f{i}.yaml,s{i},场景{i},银行,说明,词{i},听,您好，第{i}件事我记下了。" for i in range(files)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def many_files_folder(folder: Path, files: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        (folder / f"f{i}.yaml").write_text(
            f"format: 1\nindustry: banking\nscenarios:\n  - key: s{i}\n    name: 场景{i}\n    description: 说明\n"
            f"    triggers: [词{i}]\n    phrases:\n      listen: [您好，第{i}件事我记下了。]\n", encoding="utf-8")
    return folder


def lexicon_with_pattern(folder: Path, pattern: str, source: Path | None = None) -> Path:
    """A copy of the shipped lexicon with `pattern` added to emotions.yaml (anger, weight 3)."""
    import shutil

    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(source or repo / "resources" / "analysis", folder)
    path = folder / "emotions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("anger:   # 愤怒：恶语、质问、指责\n  3: [", f"anger:   # 愤怒\n  3: ['{pattern}', ", 1),
                    encoding="utf-8")
    assert pattern in path.read_text(encoding="utf-8")
    return folder
