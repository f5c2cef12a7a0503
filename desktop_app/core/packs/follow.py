"""Packs that follow the trainer: a folder (a shared drive, a USB stick) the agent's settings
name (packs.folder), read at start and whenever it changes.

`sync_folder(library, folder)` scans the folder's .zip packs (only they carry a manifest with a
name and a version), compares each with the version this library imported (remembered in the
library by `Library.import_books(pack=...)`), and for a newer one — or a name never seen —
previews and imports it all or nothing. An older, same-version or damaged pack changes
nothing and gets a note; a pack that has gone from the folder keeps what it brought (an
unplugged stick must not empty the agent's library). The agent's favourites, usage counts and
personal phrases survive because imports keep phrase ids (facade.Library._apply).

Nothing here opens a socket: the folder is read like any local folder, whatever it is mounted on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.packs import loader
from desktop_app.core.playbooks.reader import PlaybookError

MAX_PACKS = 50  # a folder with hundreds of zips is not a pack folder: read the first 50 by name
NEWER, SAME, OLDER, DAMAGED, REMOVED, IMPORTED = "newer", "same", "older", "damaged", "removed", "imported"


def version_key(version: str) -> tuple[int, ...] | None:
    """"2" < "2.1" < "2.10" < "2024.6": numbers separated by dots (or -, _); None if not that."""
    text = str(version).strip().lstrip("vV")
    if not re.fullmatch(r"\d+([._-]\d+)*", text):
        return None
    parts = [int(p) for p in re.split(r"[._-]", text)]
    while len(parts) > 1 and parts[-1] == 0:  # 2 == 2.0 == 2.0.0
        parts.pop()
    return tuple(parts)


@dataclass
class PackNote:
    """What happened to one pack file (or one pack name no longer in the folder)."""

    file: str
    name: str
    version: str
    outcome: str  # IMPORTED, SAME, OLDER, DAMAGED, REMOVED
    message: str  # one line for the agent, in Chinese
    summary: str = ""  # imported: the preview's counts (added, changed, removed)


@dataclass
class FolderReport:
    folder: Path
    notes: list[PackNote] = field(default_factory=list)
    error: str = ""  # the folder itself cannot be read

    @property
    def imported(self) -> list[PackNote]:
        return [n for n in self.notes if n.outcome == IMPORTED]

    def lines(self) -> list[str]:
        return [self.error] if self.error else [n.message for n in self.notes]

    def headline(self) -> str:
        """One line for the window's status or a toast: what was imported, else what was ignored."""
        if self.error:
            return self.error
        done = self.imported
        if done:
            return "已更新话术包：" + "、".join(f"{n.name} {n.version}" for n in done)
        ignored = [n for n in self.notes if n.outcome in (OLDER, DAMAGED)]
        return ignored[0].message if ignored else ""


def sync_folder(library, folder: Path | str) -> FolderReport:
    """Import every newer pack found in `folder` (see the module docstring); never raises for
    what is in the folder: problems become notes, and a pack with any problem imports nothing."""
    folder = Path(folder)
    report = FolderReport(folder)
    try:
        zips = sorted((p for p in folder.iterdir() if p.suffix.lower() == ".zip" and p.is_file()
                       and not p.name.startswith((".", "~$"))), key=lambda p: p.name)[:MAX_PACKS]
    except OSError as exc:
        report.error = f"话术包文件夹打不开：{folder}（{exc.strerror or exc}）"
        return report
    imported = library.imported_packs()
    # Several files may carry the same pack name: only the highest version can be imported.
    candidates: dict[str, tuple[tuple[int, ...], Path, loader.Pack]] = {}
    for path in zips:
        pack = loader.load(path)
        name, version = pack.manifest.get("name", ""), pack.manifest.get("version", "")
        if pack.problems or not pack.books:
            first = str(pack.problems[0]) if pack.problems else "没有可导入的话术"
            more = f"（共 {len(pack.problems)} 处问题）" if len(pack.problems) > 1 else ""
            report.notes.append(PackNote(path.name, name, version, DAMAGED,
                                         f"{path.name} 有问题，已忽略：{first}{more}"))
            continue
        key = version_key(version)
        if key is None:
            report.notes.append(PackNote(path.name, name, version, DAMAGED,
                                         f"{path.name} 的版本号「{version}」看不懂（应为数字，如 3 或 1.2），已忽略"))
            continue
        held = candidates.get(name)
        if held is not None and held[0] >= key:
            report.notes.append(PackNote(path.name, name, version, OLDER,
                                         f"{path.name}（{name} {version}）不比同文件夹的 {held[1].name} 新，已忽略"))
            continue
        if held is not None:
            report.notes.append(PackNote(held[1].name, name, held[2].manifest.get("version", ""), OLDER,
                                         f"{held[1].name}（{name}）不比同文件夹的 {path.name} 新，已忽略"))
        candidates[name] = (key, path, pack)

    for name, (key, path, pack) in sorted(candidates.items()):
        version = pack.manifest.get("version", "")
        have = imported.get(name, {}).get("version")
        have_key = version_key(have) if have is not None else None
        if have_key is not None and key == have_key:
            report.notes.append(PackNote(path.name, name, version, SAME, f"{name} {version} 已是最新"))
            continue
        if have_key is not None and key < have_key:
            report.notes.append(PackNote(path.name, name, version, OLDER,
                                         f"{path.name}（{name} {version}）比已导入的 {have} 旧，已忽略"))
            continue
        try:
            preview = loader.import_pack(library, pack, dry_run=True)
            done = loader.import_pack(library, pack, folder=str(folder))
        except PlaybookError as exc:  # refused by the library (a key another playbook owns)
            first = str(exc.problems[0]) if exc.problems else "无法导入"
            report.notes.append(PackNote(path.name, name, version, DAMAGED,
                                         f"{path.name} 未导入：{first}"))
            continue
        was = f"（原 {have}）" if have is not None else ""
        report.notes.append(PackNote(path.name, name, version, IMPORTED,
                                     f"已导入话术包 {name} {version}{was}：{done.summary()}",
                                     summary=preview.summary()))

    present = {n.name for n in report.notes if n.name}
    for name, record in sorted(imported.items()):
        if name not in present and record.get("folder") == str(folder):
            report.notes.append(PackNote("", name, str(record.get("version", "")), REMOVED,
                                         f"文件夹里已没有 {name}，已导入的话术保留"))
    return report
