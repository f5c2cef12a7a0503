"""`calmdesk playbooks check|import|list`: the trainer's side of the library."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import dump


def register(subparsers) -> None:
    p = subparsers.add_parser("playbooks", help="检查、导入话术文件 / check and import playbooks")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    check = sub.add_parser("check", help="validate playbook files; exit 1 with every problem")
    check.add_argument("path", help="a .yaml file or a folder of them")
    check.set_defaults(func=run_check)
    imp = sub.add_parser("import", help="import playbook files into the library (all or nothing)")
    imp.add_argument("path", help="a .yaml file or a folder of them")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.set_defaults(func=run_import)
    lst = sub.add_parser("list", help="list the scenarios in the library")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)


def _require(path: str):
    from pathlib import Path

    from desktop_app.cli.main import UserError

    target = Path(path)
    if not target.exists():
        raise UserError(f"找不到 {path}")
    return target


def run_check(args: argparse.Namespace) -> int:
    from desktop_app.core import playbooks

    target = _require(args.path)
    files = playbooks.collect_files(target)
    if not files:
        print(f"{args.path}: 没有找到 .yaml 话术文件")
        return 1
    books, problems = playbooks.load_many(files)
    for problem in problems:
        print(problem)
    if problems:
        print(f"共 {len(problems)} 处问题；有问题的文件不会被导入。")
        return 1
    phrases = sum(b.phrase_count for b in books)
    scenarios = sum(len(b.scenarios) for b in books)
    print(f"通过：{len(books)} 个文件，{scenarios} 个场景，{phrases} 条话术。")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop_app.core.library import open_library
    from desktop_app.core.playbooks import PlaybookError

    target = _require(args.path)
    library = open_library()
    books, problems = library.check(target)
    if problems:
        for problem in problems:
            print(problem)
        print(f"共 {len(problems)} 处问题：什么都没有导入。")
        return 1
    try:
        report = library.preview(books) if args.dry_run else library.import_books(books)
    except PlaybookError as exc:
        for problem in exc.problems:
            print(problem)
        print("什么都没有导入。")
        return 1
    for f in report.files:
        state = "未变" if f.identical else f"新增 {len(f.added)}，修改 {len(f.changed)}，删除 {len(f.removed)}"
        print(f"{f.name}: {state}")
    print(("预览（未写入）：" if args.dry_run else "已导入：") + report.summary())
    return 0


def run_list(args: argparse.Namespace) -> int:
    from desktop_app.core.library import open_library
    from desktop_app.core.vocab import INDUSTRIES

    scenarios = open_library().scenarios()
    if args.json:
        dump([{"key": s.key, "name": s.name, "industry": s.industry, "triggers": s.triggers} for s in scenarios])
        return 0
    for s in scenarios:
        print(f"{s.key:<28} {INDUSTRIES.get(s.industry, s.industry)}  {s.name}")
    return 0
