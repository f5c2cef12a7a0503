"""`calmdesk playbooks check|import|list`: the trainer's side of the library."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import UserError, dump

PACK_HELP = "一个 .yaml 文件、一个放 .yaml 的文件夹、Excel .xlsx、.csv 或 .zip 话术包 / a playbook file, folder or pack"
# A preview lists at most this many phrase texts per kind and file; the counts are always complete.
PREVIEW_LINES = 20


def register(subparsers) -> None:
    p = subparsers.add_parser("playbooks", help="检查、导入、导出话术文件 / check, import and export playbooks")
    sub = p.add_subparsers(dest="action", metavar="ACTION", title="操作 actions")
    check = sub.add_parser("check", help="检查话术文件或话术包，逐条列出问题（有问题退出 1）/ validate")
    check.add_argument("path", help=PACK_HELP)
    check.set_defaults(func=run_check)
    imp = sub.add_parser("import", help="导入话术文件或话术包（全部导入或什么都不导入）/ import, all or nothing")
    imp.add_argument("path", help=PACK_HELP)
    imp.add_argument("--dry-run", action="store_true", help="只预览新增/修改/删除和问题，不写入 / preview only")
    imp.set_defaults(func=run_import)
    exp = sub.add_parser("export", help="把话术库导出为 Excel 或 YAML（文件夹或 .zip 话术包）/ export")
    exp.add_argument("path", help="一个 .xlsx 文件、放 .yaml 的文件夹或 .zip 话术包 / target")
    exp.add_argument("--format", choices=("xlsx", "yaml"), help="格式（默认按路径：.xlsx → xlsx，其他 → yaml）/ format")
    exp.add_argument("--playbook", action="append", metavar="NAME", help="只导出这个话术文件（可写多次）/ only this playbook file")
    exp.add_argument("--name", help="话术包名称（zip）/ pack name")
    exp.add_argument("--pack-version", help="话术包版本（zip）/ pack version")
    exp.add_argument("--author", help="话术包作者（zip）/ pack author")
    exp.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite existing files")
    exp.set_defaults(func=run_export)
    sync = sub.add_parser("sync-folder", help="从话术包文件夹导入更新的 .zip 话术包 / import newer zip packs from a followed folder")
    sync.add_argument("folder", nargs="?", help="话术包文件夹（默认：设置里的 packs.folder）")
    sync.set_defaults(func=run_sync_folder)
    lst = sub.add_parser("list", help="列出话术库里的全部场景 / list the scenarios")
    lst.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    lst.set_defaults(func=run_list)


def _require(path: str):
    from pathlib import Path


    target = Path(path)
    if not target.exists():
        raise UserError(f"找不到 {path}")
    return target


def run_check(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_cli_library
    from desktop_app.core.packs import loader

    _require(args.path)
    pack = loader.load(args.path)
    problems = list(pack.problems)
    if not problems:
        # The import also refuses keys another playbook in the library owns: so does check.
        library = open_cli_library()
        try:
            problems = loader.all_problems(library, pack)
        finally:
            library.close()
    for problem in problems:
        print(problem)
    if problems:
        print(f"共 {len(problems)} 处问题；有问题的话术包不会被导入。")
        return 1
    _print_manifest(pack)
    phrases = sum(b.phrase_count for b in pack.books)
    scenarios = sum(len(b.scenarios) for b in pack.books)
    print(f"通过：{len(pack.books)} 个文件，{scenarios} 个场景，{phrases} 条话术。")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.core.packs import loader
    from desktop_app.cli.common import open_cli_library
    from desktop_app.core.playbooks.reader import PlaybookError

    _require(args.path)
    pack = loader.load(args.path)
    if pack.problems:
        for problem in pack.problems:
            print(problem)
        print(f"共 {len(pack.problems)} 处问题：什么都没有导入。")
        return 1
    _print_manifest(pack)
    try:
        report = loader.import_pack(open_cli_library(), pack, dry_run=args.dry_run)
    except PlaybookError as exc:
        for problem in exc.problems:
            print(problem)
        print("什么都没有导入。")
        return 1
    for f in report.files:
        state = "未变" if f.identical else f"新增 {len(f.added)}，修改 {len(f.changed)}，删除 {len(f.removed)}"
        print(f"{f.name}: {state}")
        if args.dry_run:
            for mark, texts in (("+", f.added), ("~", f.changed), ("-", f.removed)):
                for text in texts[:PREVIEW_LINES]:
                    print(f"  {mark} {text}")
                if len(texts) > PREVIEW_LINES:
                    print(f"  {mark} ……另有 {len(texts) - PREVIEW_LINES} 条")
    print(("预览（未写入）：" if args.dry_run else "已导入：") + report.summary())
    return 0


def _print_manifest(pack) -> None:
    m = pack.manifest
    if m:
        print(f"话术包：{m.get('name', '')} · 版本 {m.get('version', '')} · 作者 {m.get('author', '')}")


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop_app.core.packs import loader
    from desktop_app.cli.common import open_cli_library

    target = Path(args.path)
    fmt = args.format or ("xlsx" if target.suffix.lower() == ".xlsx" else "yaml")
    if fmt == "xlsx" and target.suffix.lower() != ".xlsx":
        raise UserError("Excel 导出的文件名应以 .xlsx 结尾")
    if fmt == "yaml" and target.suffix and target.suffix.lower() != ".zip":
        # out.txt would become a folder called out.txt: almost surely not what was meant.
        raise UserError(f"不认识的导出目标「{target.name}」：YAML 导出到一个文件夹或 .zip 话术包（文件夹名不带扩展名），Excel 导出到 .xlsx 文件")
    is_file = fmt == "xlsx" or target.suffix.lower() == ".zip"
    if is_file and target.exists() and not args.force:
        raise UserError(f"{target} 已存在（加 --force 覆盖）")
    if is_file and not target.parent.is_dir():
        raise UserError(f"找不到文件夹 {target.parent}")
    if fmt == "yaml" and target.suffix.lower() == ".zip" and not args.author:
        raise UserError("话术包要写明作者：加上 --author 名字（还可用 --name、--pack-version）")
    open_cli_library()  # binds the database (and imports the bundled playbooks on a first start)
    manifest = {"name": args.name or target.stem, "version": args.pack_version or "1",
                "author": args.author or ""}
    try:
        if fmt == "xlsx":
            count = loader.export_xlsx(target, args.playbook)
        else:
            count = loader.export_yaml(target, args.playbook, manifest=manifest, overwrite=args.force)
    except loader.PackError as exc:
        raise UserError(str(exc)) from None
    print(f"已导出 {count} 个话术文件到 {target}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_cli_library
    from desktop_app.core.vocab import INDUSTRIES

    scenarios = open_cli_library().scenarios()
    if args.json:
        dump([{"key": s.key, "name": s.name, "industry": s.industry, "triggers": s.triggers} for s in scenarios])
        return 0
    for s in scenarios:
        print(f"{s.key:<28} {INDUSTRIES.get(s.industry, s.industry)}  {s.name}")
    return 0


def run_sync_folder(args: argparse.Namespace) -> int:
    """What the window does at start and when the folder changes, for a trainer to try: exit 0
    when the folder was read (ignored packs are notes, not failures), 2 when there is none."""
    from pathlib import Path

    from desktop_app.cli.common import open_cli_library
    from desktop_app.core.packs import follow
    from desktop_app.core.settings.store import SettingsStore

    folder = args.folder or str(SettingsStore().get("packs.folder"))
    if not folder:
        raise UserError("没有指定话术包文件夹：写上文件夹，或在设置里填“培训师的话术包文件夹”（packs.folder）")
    if not Path(folder).is_dir():
        raise UserError(f"找不到文件夹 {folder}")
    report = follow.sync_folder(open_cli_library(), Path(folder))
    if report.error:
        raise UserError(report.error)
    for line in report.lines():
        print(line)
    if not report.notes:
        print(f"{folder} 里没有 .zip 话术包")
    return 0
