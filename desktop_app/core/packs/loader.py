"""Playbook packs: what a trainer hands out — YAML files, a folder, an Excel workbook, a CSV, a zip.

`load(path)` reads any of them into playbook files plus every problem found (named by file and
line, or by sheet, row and column), without touching the library; `import_pack` previews the
import (phrases added, changed, removed) or applies it, all or nothing — the CLI and the
window's 导入话术包 share it.
`export_xlsx` / `export_yaml` write the library's playbooks back out so that importing the
result changes nothing. Each format lives in its own module (workbook, csv_reader, zip_reader).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core import safe_files
from desktop_app.core.library import documents

from desktop_app.core.playbooks import reader
from desktop_app.core.playbooks import content_rules
from desktop_app.core.playbooks.reader import PlaybookError, PlaybookFile, Problem

FORMATS = ("xlsx", "yaml")
IMPORTABLE = (".yaml", ".yml", ".xlsx", ".csv", ".zip")


@dataclass
class Pack:
    source: Path
    books: list[PlaybookFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    manifest: dict[str, str] = field(default_factory=dict)  # zip packs: name, version, author
    # Turns a problem found later (e.g. a key another playbook owns) into the pack's terms.
    locate: Callable[[Problem], Problem] = lambda p: p

    @property
    def ok(self) -> bool:
        return bool(self.books) and not self.problems


class PackError(Exception):
    """An export that cannot be written; the message is for the trainer."""


def load(path: Path | str, content: bool = True) -> Pack:
    """Read a pack; a pack with any problem must import nothing (`Pack.ok` is False).

    `content` adds the phrase content rules (playbooks.content_rules: no baked-in facts or claimed actions,
    compensation names its authority); without it only the format is checked.
    At most reader.MAX_PROBLEMS problems are kept, whatever found them (12,000 duplicate rows
    printed 11,999 lines), and every playbook name must be short enough to export as a file."""
    pack = _load(Path(path), content)
    pack.problems.extend(pack.locate(p) for p in name_problems(pack.books))
    pack.problems = reader.cap_problems(pack.problems)
    return pack


MAX_NAME_CHARS = 60  # a playbook name becomes a file name on export (255 bytes; 3 per Chinese character)


def name_problems(books: Iterable[PlaybookFile]) -> list[Problem]:
    return [Problem(book.name[:40] + "…", None, "", f"话术文件名太长（{len(book.name)} 个字符，最多 {MAX_NAME_CHARS} 个）")
            for book in books if len(book.name) > MAX_NAME_CHARS]


def _load(path: Path, content: bool) -> Pack:
    pack = Pack(path)
    suffix = path.suffix.lower()
    if not path.exists():
        pack.problems.append(Problem(str(path), None, "", "找不到这个文件或文件夹"))
    elif path.is_dir() or suffix in (".yaml", ".yml"):
        files = reader.collect_files(path)
        if not files:
            pack.problems.append(Problem(str(path), None, "", "没有找到 .yaml 话术文件"))
        else:
            pack.books, pack.problems = reader.load_many(files)
            if content:
                pack.problems.extend(content_rules.content_problems(pack.books))
            return pack  # load_many checked keys across the files already
    elif suffix in (".xlsx", ".csv"):
        from desktop_app.core.packs import sheet_reader
        if suffix == ".xlsx":
            from desktop_app.core.packs.workbook import read_tables
        else:
            from desktop_app.core.packs.csv_reader import read_table as read_tables
        tables, problems = read_tables(path)
        if problems and not tables:  # unreadable (encoding, damage): "no phrases" would add nothing
            pack.problems = problems
            return pack
        books, table_problems, locate = sheet_reader.load_tables(tables, f"{path.stem}.yaml", path)
        pack.books, pack.problems, pack.locate = books, problems + table_problems, locate
    elif suffix == ".zip":
        from desktop_app.core.packs.zip_reader import read_pack

        zipped = read_pack(path)
        pack.books, pack.problems, pack.manifest = zipped.books, zipped.problems, zipped.manifest
    elif suffix in (".xls", ".et", ".wps"):
        pack.problems.append(Problem(path.name, None, "", "请先在 Excel/WPS 里“另存为” .xlsx 再导入"))
    else:
        pack.problems.append(Problem(path.name, None, "", f"不支持的文件类型（可用：{'、'.join(IMPORTABLE)}、文件夹）"))
    pack.problems.extend(pack.locate(p) for p in cross_check(pack.books))
    if content:
        pack.problems.extend(pack.locate(p) for p in content_rules.content_problems(pack.books))
    return pack


def import_pack(library, pack: Pack, dry_run: bool = False, folder: str | None = None):
    """Preview (dry_run) or import a loaded pack: all or nothing.

    Raises PlaybookError with every problem, in the pack's terms (sheet, row, column), when the
    pack has any or when the library refuses it (a key another playbook owns); then nothing
    has been written. Returns the ImportReport: phrases added, changed, removed per file.
    A zip pack's manifest is remembered with the import (`folder`: the followed folder it came from)."""
    if pack.problems or not pack.books:
        raise PlaybookError(pack.problems or [Problem(pack.source.name, None, "", "没有可导入的话术")])
    try:
        if dry_run:
            return library.preview(pack.books)
        record = {**pack.manifest, "folder": folder} if pack.manifest and folder else (pack.manifest or None)
        return library.import_books(pack.books, pack=record)
    except PlaybookError as exc:
        raise PlaybookError([pack.locate(p) for p in exc.problems]) from None


def all_problems(library, pack: Pack) -> list[Problem]:
    """Every problem the import would report, without writing: the pack's own and the keys it
    would take from a playbook already in the library (in the pack's terms)."""
    if pack.problems:
        return list(pack.problems)
    return [pack.locate(p) for p in library.key_conflicts(pack.books)]


def cross_check(books: Iterable[PlaybookFile]) -> list[Problem]:
    """What must be unique across the files of one import (as reader.load_many checks)."""
    problems: list[Problem] = []
    owners: dict[str, dict[str, str]] = {"name": {}, "scenario": {}, "template": {}, "checklist": {}}
    for book in books:
        if book.name in owners["name"]:
            problems.append(Problem(book.name, None, "", "同名的话术文件出现了两次：每个文件名必须不同"))
        owners["name"].setdefault(book.name, book.name)
        for kind, items, label in (("scenario", [(s.key, s.line) for s in book.scenarios], "场景键"),
                                   ("template", [(t.key, t.line) for t in book.templates], "模板键"),
                                   ("checklist", [(c.flag, c.line) for c in book.checklists], "清单")):
            for key, line in items:
                owner = owners[kind].setdefault(key, book.name)
                if owner != book.name:
                    problems.append(Problem(book.name, line, "key", f"{label}「{key}」已在 {owner} 中定义"))
    return problems


# ---------------------------------------------------------------- export


def export_xlsx(path: Path | str, names: Iterable[str] | None = None) -> int:
    """The library's playbooks as one workbook; returns how many playbooks were written."""
    from desktop_app.core.packs.workbook import write_workbook

    docs = _documents(names)
    write_workbook(Path(path), docs)
    return len(docs)


def export_yaml(path: Path | str, names: Iterable[str] | None = None,
                manifest: dict[str, str] | None = None, overwrite: bool = False) -> int:
    """One YAML file per playbook into a folder, or a zip pack when `path` ends in .zip."""
    path = Path(path)
    docs = _documents(names)
    texts = [(_safe_name(name), documents.to_yaml(name, doc)) for name, doc in docs]
    if path.suffix.lower() == ".zip":
        from desktop_app.core.packs.zip_reader import MANIFEST_FIELDS, write_pack

        manifest = dict(manifest or {})
        missing = [k for k in MANIFEST_FIELDS if not manifest.get(k)]
        if missing:
            raise PackError(f"话术包需要写明 {'、'.join(missing)}")
        write_pack(path, manifest, texts)
        return len(texts)
    path.mkdir(parents=True, exist_ok=True)
    clashes = [name for name, _ in texts if (path / name).exists()]
    if clashes and not overwrite:
        raise PackError(f"{path} 里已有 {'、'.join(clashes[:3])}{' 等' if len(clashes) > 3 else ''}（加 --force 覆盖）")
    for name, text in texts:
        # Through a temp file and a rename: a link planted at the name is replaced, not followed.
        safe_files.atomic_write(path / name, _writer(text))
    return len(texts)


def _writer(text: str) -> Callable[[Path], None]:
    """Writes `text` into the temp file atomic_write hands over (a def: mypy cannot type the lambda)."""
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")
    return write


def _documents(names: Iterable[str] | None) -> list[tuple[str, dict]]:
    wanted = list(names) if names is not None else None
    docs = documents.documents(wanted)
    if wanted is not None:
        unknown = sorted(set(wanted) - {name for name, _ in docs})
        if unknown:
            raise PackError(f"话术库里没有 {'、'.join(unknown)}（可用：{'、'.join(documents.playbook_names())}）")
    if not docs:
        raise PackError("话术库是空的：没有可导出的话术文件")
    return docs


def _safe_name(name: str) -> str:
    # Playbook names are file names already; a stored name must never become a path.
    name = Path(name.replace("\\", "/")).name or "playbook.yaml"
    if len(name.encode("utf-8")) > 200:  # stored before names were limited: still exportable
        stem = name.encode("utf-8")[:180].decode("utf-8", errors="ignore")
        name = f"{stem}-{hashlib.sha1(name.encode()).hexdigest()[:8]}.yaml"
    return name if name.lower().endswith((".yaml", ".yml")) else f"{name}.yaml"
