"""A trainer's presets: `calmdesk-presets.json` beside the executable, applied on first start.

    {"format": 1,
     "settings": {"agent.industry": "banking", "agent.channel": "counter", "agent.role": "agent"},
     "pack": "话术包/分行包.zip"}

`calmdesk bundle` writes it; the window and the CLI call `apply_on_first_start` once the library
is open. It imports the pack (all or nothing), sets the settings through
`SettingsStore.update()` (all or nothing), and returns one line to tell the agent. Whether it
was applied is remembered in the data dir by the file's SHA-256, so a later start — or another
copy of the same bundle — never applies it again; a trainer who edits the file makes a new one.
A preset file with any problem changes nothing: settings are validated before the pack is
imported, and the pack is checked in full before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop_app.core import paths
from desktop_app.core.settings.schema import BY_KEY, SettingError, validate

log = logging.getLogger(__name__)
PRESET_FILE = "calmdesk-presets.json"
MARK_FILE = "presets-applied.json"
FORMAT = 1
PRESET_KEYS = ("agent.industry", "agent.channel", "agent.role", "packs.folder")
MAX_BYTES = 64 * 1024


class PresetError(ValueError):
    """The preset file cannot be applied; the message says why, in Chinese."""


@dataclass(frozen=True)
class Presets:
    path: Path
    sha256: str
    settings: dict[str, object]
    pack: Path | None


def document(settings: dict[str, object], pack: str | None) -> dict:
    """What `calmdesk bundle` writes (settings validated first: PresetError if one is not allowed)."""
    return {"format": FORMAT, "settings": _validated(settings), **({"pack": pack} if pack else {})}


def write(folder: Path, settings: dict[str, object], pack: str | None) -> Path:
    target = folder / PRESET_FILE
    target.write_text(json.dumps(document(settings, pack), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def find(app_dir: Path | None = None) -> Path | None:
    path = (app_dir or paths.app_dir()) / PRESET_FILE
    return path if path.is_file() else None


def parse(raw: bytes, path: Path) -> Presets:
    """The presets in `raw` (the bytes of `path`), or PresetError naming the first problem."""
    if len(raw) > MAX_BYTES:
        raise PresetError(f"{path.name} 太大（最多 {MAX_BYTES // 1024} KB）")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise PresetError(f"{path.name} 不是有效的 JSON 文件") from None
    if not isinstance(data, dict):
        raise PresetError(f"{path.name} 应为一个对象（format、settings、pack）")
    if data.get("format") != FORMAT:
        raise PresetError(f"{path.name} 的 format 应为 {FORMAT}（这个版本的 CalmDesk 读不了它）")
    unknown = sorted(set(data) - {"format", "settings", "pack"})
    if unknown:
        raise PresetError(f"{path.name} 有未知的字段：{'、'.join(unknown)}")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise PresetError(f"{path.name} 的 settings 应为键值对")
    pack = data.get("pack")
    pack_path = None
    if pack is not None:
        if not isinstance(pack, str) or not pack.strip() or _escapes(pack):
            raise PresetError(f"{path.name} 的 pack 应为预设文件旁边的一个文件名")
        pack_path = path.parent / pack
        if not pack_path.exists():
            raise PresetError(f"找不到预设里的话术包 {pack}")
    if not settings and pack_path is None:
        raise PresetError(f"{path.name} 里既没有设置也没有话术包")
    return Presets(path, hashlib.sha256(raw).hexdigest(), _validated(settings), pack_path)


def _validated(settings: dict[str, object]) -> dict[str, object]:
    typed: dict[str, object] = {}
    for key, value in settings.items():
        if key not in PRESET_KEYS:
            raise PresetError(f"预设不能设置「{key}」（可用：{'、'.join(PRESET_KEYS)}）")
        try:
            typed[key] = validate(BY_KEY[key], value)
        except SettingError as exc:
            raise PresetError(str(exc)) from None
    return typed


def _escapes(name: str) -> bool:
    posix = name.replace("\\", "/")
    return posix.startswith("/") or (len(posix) > 1 and posix[1] == ":") or ".." in PurePosixPath(posix).parts


def describe(settings: dict[str, object]) -> str:
    """行业 银行、渠道 柜面 — the settings in the agent's words."""
    parts = []
    for key, label in (("agent.industry", "行业"), ("agent.channel", "渠道"), ("agent.role", "角色")):
        if key in settings:
            value = settings[key]
            parts.append(f"{label} {BY_KEY[key].choices.get(str(value), value) or '不限'}")
    if settings.get("packs.folder"):
        parts.append(f"话术包文件夹 {settings['packs.folder']}")
    return "、".join(parts)


# ---------------------------------------------------------------- first start


def apply_on_first_start(library, store, app_dir: Path | None = None) -> str | None:
    """Apply the presets beside the executable once; the line to tell the agent, or None.

    `store` is the caller's SettingsStore (the window's own, so its in-memory values are the
    ones updated). A preset file that is refused is remembered too (the agent is told once; the
    trainer fixes it and the fixed file, having another hash, is applied). Never raises for the
    file, the pack or a disk that refuses the write: every outcome is the returned line."""
    from desktop_app.core.packs import loader
    from desktop_app.core.playbooks.reader import PlaybookError

    path = find(app_dir)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"培训师的预设文件读不了（{exc.strerror or exc}），未应用"
    digest = hashlib.sha256(raw).hexdigest()
    marks = _read_marks()
    if digest in marks:
        return None
    try:
        presets = parse(raw, path)
        imported = ""
        if presets.pack is not None:
            pack = loader.load(presets.pack)
            if pack.problems or not pack.books:
                first = str(pack.problems[0]) if pack.problems else "没有可导入的话术"
                raise PresetError(f"话术包有问题：{first}")
            try:
                report = loader.import_pack(library, pack)
            except PlaybookError as exc:
                raise PresetError(f"话术包导入不了：{exc.problems[0] if exc.problems else ''}") from None
            label = " ".join(filter(None, (pack.manifest.get("name") or presets.pack.name, pack.manifest.get("version"))))
            imported = f"导入话术包 {label}（新增 {report.added} 条）"
        if presets.settings:
            asked = {"agent.industry_asked": True} if "agent.industry" in presets.settings else {}
            store.update({**presets.settings, **asked})  # the trainer chose: the window need not ask
    except PresetError as exc:
        return _refused(marks, digest, path, str(exc))
    except OSError as exc:  # settings not writable: not marked, so the next start tries again
        return f"培训师的预设没有应用（{exc.strerror or exc}），下次启动再试"
    try:
        _mark(marks, digest, path, "applied", "")
    except OSError as exc:
        log.warning("%s not written (%s): presets may be applied again", MARK_FILE, exc)
    done = "、".join(filter(None, (describe(presets.settings), imported)))
    return f"已按培训师的预设：{done}"


def _refused(marks: dict[str, dict], digest: str, path: Path, why: str) -> str:
    try:
        _mark(marks, digest, path, "refused", why)
    except OSError as exc:
        log.warning("%s not written (%s)", MARK_FILE, exc)
    return f"培训师的预设没有应用：{why}"


def _marks_path() -> Path:
    return paths.data_dir() / MARK_FILE


def _read_marks() -> dict[str, dict]:
    try:
        data = json.loads(_marks_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s unreadable (%s): presets may be offered again", MARK_FILE, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _mark(marks: dict[str, dict], digest: str, path: Path, status: str, why: str) -> None:
    marks[digest] = {"status": status, "file": str(path), "why": why,
                     "at": dt.datetime.now().isoformat(timespec="seconds")}
    target = _marks_path()
    fd, tmp = tempfile.mkstemp(prefix=".presets-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(marks, out, ensure_ascii=False, indent=1)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
