"""A trainer's bundle: one folder with the app, the pack and the presets, ready to zip or copy.

    out/                      the app's one-folder bundle (calmdesk / CalmDesk.exe + _internal/)
      calmdesk-presets.json   industry, channel, role (+ the pack's file name), beside the executable
      话术包/分行包.zip         the pack, exactly as the trainer made it

The app comes from `app` (a one-folder bundle the trainer built or downloaded) or, when
CalmDesk runs frozen, from the running app's own folder. From a source checkout without `app`
there is no app to copy: the folder then holds the pack and the presets only, and the report
says to put them beside a built app (`source_only`). A portable `data` folder and any old
presets in the app folder are never copied: a class must not start with the trainer's data.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.handout import presets
from desktop_app.core.handout.presets import PresetError

PACK_FOLDER = "话术包"
EXECUTABLES = ("calmdesk", "CalmDesk.exe", "calmdesk-cli.exe", "calmdesk.exe")
NOT_COPIED = {"data", presets.PRESET_FILE}  # the trainer's portable data, a previous bundle's presets


class BundleError(ValueError):
    """Bad input for a bundle; the message is one plain line for the trainer."""


@dataclass
class BundleReport:
    out: Path
    app: Path | None  # the app folder copied, None from source without --app
    pack: Path
    presets: Path
    manifest: dict[str, str] = field(default_factory=dict)
    phrases: int = 0

    @property
    def source_only(self) -> bool:
        return self.app is None


def is_app_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).is_file() for name in EXECUTABLES)


def make_bundle(pack: Path, settings: dict[str, object], out: Path, app: Path | None = None) -> BundleReport:
    """Check everything, then write `out`; BundleError (nothing written) for bad input."""
    from desktop_app.core.packs import loader

    pack, out = Path(pack), Path(out)
    try:
        document = presets.document(settings, None)
    except PresetError as exc:
        raise BundleError(str(exc)) from None
    if not pack.exists():
        raise BundleError(f"找不到话术包 {pack}")
    loaded = loader.load(pack)
    if loaded.problems or not loaded.books:
        first = str(loaded.problems[0]) if loaded.problems else "没有可导入的话术"
        more = f"（共 {len(loaded.problems)} 处问题，用 calmdesk playbooks check 查看全部）" if len(loaded.problems) > 1 else ""
        raise BundleError(f"话术包有问题：{first}{more}")
    if app is None and paths.is_frozen():
        app = paths.app_dir()
    if app is not None:
        app = Path(app)
        if not is_app_folder(app):
            raise BundleError(f"{app} 不是打包好的 CalmDesk 程序文件夹（里面应有 calmdesk 或 CalmDesk.exe）")
        if _inside(out, app):
            raise BundleError(f"输出文件夹不能放在程序文件夹 {app} 里面")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BundleError(f"输出文件夹 {out} 已存在且不是空的：请换一个名字或先清空它")
    if _inside(out, pack) or (pack.is_dir() and _inside(pack, out)):
        raise BundleError("输出文件夹和话术包不能互相包含")

    created = not out.exists()
    try:
        if app is not None:
            shutil.copytree(app, out, symlinks=True, dirs_exist_ok=True,
                            ignore=lambda folder, names: [n for n in names if n in NOT_COPIED]
                            if Path(folder) == app else [])
        target = out / PACK_FOLDER / pack.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if pack.is_dir():
            shutil.copytree(pack, target)
        else:
            shutil.copy2(pack, target)
        written = presets.write(out, document["settings"], f"{PACK_FOLDER}/{pack.name}")
    except OSError as exc:
        if created:
            shutil.rmtree(out, ignore_errors=True)  # no half bundle left for someone to hand out
        raise BundleError(f"写不了 {out}（{exc.strerror or exc}）") from None
    return BundleReport(out, app, target, written, dict(loaded.manifest),
                        sum(b.phrase_count for b in loaded.books))


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False
