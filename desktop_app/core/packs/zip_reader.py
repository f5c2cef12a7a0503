"""Zip packs: YAML playbooks plus a manifest (name, version, author), read without trusting the zip.

Nothing is extracted to disk: members are read into memory after every entry has been checked,
so a path like `../../x` or `/etc/x`, a symlink, an encrypted entry, too many files, too many
bytes or a zip bomb (a member that inflates far beyond its compressed size) refuses the whole
pack before any playbook is read. Reads are bounded too, in case a header lies about sizes.
The same guard checks an .xlsx (a zip as well) before openpyxl opens it.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from desktop_app.core import safe_files, safe_yaml
from desktop_app.core.playbooks.reader import MAX_FILE_BYTES, PlaybookError, PlaybookFile, Problem, load_bytes

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")
MANIFEST_FIELDS = ("name", "version", "author")
MANIFEST_OPTIONAL = ("description", "created")


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = 20 * 1024 * 1024
    members: int = 200
    member_bytes: int = MAX_FILE_BYTES
    total_bytes: int = 20 * 1024 * 1024
    ratio: int = 100  # uncompressed / compressed: plain YAML stays far below this


PACK_LIMITS = Limits()
# An .xlsx is mostly repetitive XML: it compresses better and holds more parts.
XLSX_LIMITS = Limits(archive_bytes=20 * 1024 * 1024, members=1000, member_bytes=100 * 1024 * 1024,
                     total_bytes=200 * 1024 * 1024, ratio=300)


class UnsafeArchive(Exception):
    """The archive is refused; the message says why, for the trainer."""


def _unsafe_name(name: str) -> bool:
    if "\x00" in name:
        return True
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):  # /x, C:x, C:/x
        return True
    return ".." in PurePosixPath(posix).parts


def check_archive(path: Path, limits: Limits) -> list[zipfile.ZipInfo]:
    """The archive's entries, or UnsafeArchive naming the first reason to refuse it."""
    try:
        size = safe_files.check_regular(path).st_size  # zipfile would read a FIFO forever
    except OSError as exc:
        raise UnsafeArchive(str(exc) if isinstance(exc, safe_files.NotARegularFile)
                            else f"无法读取文件：{exc.strerror or exc}") from None
    if size > limits.archive_bytes:
        raise UnsafeArchive(f"文件太大（{size // 1024 // 1024} MB，最多 {limits.archive_bytes // 1024 // 1024} MB）")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnsafeArchive(f"不是有效的 zip 文件（{exc}）") from None
    if len(infos) > limits.members:
        raise UnsafeArchive(f"文件个数太多（{len(infos)} 个，最多 {limits.members} 个）")
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            raise UnsafeArchive(f"「{name}」指向压缩包以外的位置，拒绝读取")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UnsafeArchive(f"「{name}」是符号链接，拒绝读取")
        if info.flag_bits & 0x1:
            raise UnsafeArchive(f"「{name}」已加密，无法读取")
        if info.file_size > limits.member_bytes:
            raise UnsafeArchive(f"「{name}」解压后太大（{info.file_size // 1024} KB）")
        if info.file_size > 1024 and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise UnsafeArchive(f"「{name}」压缩比异常（疑似压缩炸弹），拒绝读取")
        total += info.file_size
        if total > limits.total_bytes:
            raise UnsafeArchive(f"解压后总大小超过 {limits.total_bytes // 1024 // 1024} MB")
    return infos


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most `limit` bytes, whatever the header claims."""
    try:
        with zf.open(info) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnsafeArchive(f"「{info.filename}」无法解压（{exc}）") from None
    if len(data) > limit:
        raise UnsafeArchive(f"「{info.filename}」解压后太大")
    return data


# ---------------------------------------------------------------- reading a pack


@dataclass
class ZipPack:
    books: list[PlaybookFile]
    problems: list[Problem]
    manifest: dict[str, str]


def _common_folder(names: list[str]) -> str:
    """"pack/" when every entry sits in one folder (what "send to zip" on a folder makes)."""
    tops = {n.replace("\\", "/").split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n.replace("\\", "/") for n in names):
        return tops.pop() + "/"
    return ""


def read_pack(path: Path) -> ZipPack:
    label = path.name
    try:
        infos = check_archive(path, PACK_LIMITS)
    except UnsafeArchive as exc:
        return ZipPack([], [Problem(label, None, "", str(exc))], {})
    files = [i for i in infos if not i.is_dir()]
    prefix = _common_folder([i.filename for i in files])
    books: list[PlaybookFile] = []
    problems: list[Problem] = []
    manifest: dict[str, str] = {}
    seen_manifest = False
    try:
        with zipfile.ZipFile(path) as zf:
            for info in files:
                inner = info.filename.replace("\\", "/")[len(prefix):]
                where = f"{label}/{inner}"
                if inner.lower() in MANIFEST_NAMES:
                    seen_manifest = True
                    manifest, found = _read_manifest(read_member(zf, info, 64 * 1024), where)
                    problems.extend(found)
                elif inner.lower().endswith((".yaml", ".yml")):
                    raw = read_member(zf, info, MAX_FILE_BYTES)
                    try:
                        books.append(load_bytes(raw, PurePosixPath(inner).name, path / inner))
                    except PlaybookError as exc:
                        problems.extend(Problem(where, p.line, p.field, p.message) for p in exc.problems)
                # Anything else (a README, __MACOSX/ junk) is ignored: only its name was checked.
    except UnsafeArchive as exc:
        return ZipPack([], [Problem(label, None, "", str(exc))], {})
    except (zipfile.BadZipFile, OSError) as exc:
        return ZipPack([], [Problem(label, None, "", f"无法读取（{exc}）")], {})
    if not seen_manifest:
        problems.append(Problem(label, None, "", "缺少 manifest.yaml（话术包需写明 name、version、author）"))
    if not books and not problems:
        problems.append(Problem(label, None, "", "话术包里没有 .yaml 话术文件"))
    return ZipPack(books, problems, manifest)


def _read_manifest(raw: bytes, where: str) -> tuple[dict[str, str], list[Problem]]:
    try:
        data = safe_yaml.load(raw.decode("utf-8-sig"))
    except safe_yaml.UnsafeYaml as exc:
        return {}, [Problem(where, exc.line, "", f"无法读取清单：{exc.message}")]
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        return {}, [Problem(where, None, "", f"无法读取清单（{exc.__class__.__name__}）")]
    if not isinstance(data, dict):
        return {}, [Problem(where, None, "", "应为键值对：name、version、author")]
    problems = []
    manifest: dict[str, str] = {}
    for key in MANIFEST_FIELDS + MANIFEST_OPTIONAL:
        value = data.get(key)
        if value is None or str(value).strip() == "":
            if key in MANIFEST_FIELDS:
                problems.append(Problem(where, None, key, "缺少此字段"))
            continue
        if isinstance(value, (dict, list)) or len(str(value)) > 200:
            problems.append(Problem(where, None, key, "应为一段简短的文字"))
            continue
        manifest[key] = str(value).strip()
    for key in data:
        if key not in MANIFEST_FIELDS + MANIFEST_OPTIONAL:
            problems.append(Problem(where, None, str(key), f"未知的字段（可用：{'、'.join(MANIFEST_FIELDS + MANIFEST_OPTIONAL)}）"))
    return manifest, problems


# ---------------------------------------------------------------- writing a pack


def write_pack(path: Path, manifest: dict[str, str], files: list[tuple[str, str]]) -> None:
    """manifest.yaml plus one YAML text per playbook, written to a temp file, then moved."""
    head = yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.yaml", head)
            for name, text in files:
                zf.writestr(name, text)

    safe_files.atomic_write(path, write)
