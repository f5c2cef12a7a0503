"""`calmdesk bundle`: the folder a trainer hands out — the app, a pack and the presets."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import UserError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "bundle", help="为培训班做一个文件夹：程序 + 话术包 + 预设 / make a trainer's hand-out folder",
        description="Make a folder with the app, a pack and a preset file (calmdesk-presets.json beside the "
                    "executable). On its first start the app imports the pack and applies the presets once. "
                    "Frozen, the running app is copied; from source, name a built one-folder app with --app "
                    "or the folder holds the pack and presets only.")
    p.add_argument("--pack", required=True, help="话术包：.zip、.xlsx、.csv、.yaml 或文件夹")
    p.add_argument("--industry", required=True, help="行业（agent.industry），如 banking")
    p.add_argument("--channel", help="渠道（agent.channel）：phone、counter、chat；'' 为不限")
    p.add_argument("--role", help="角色（agent.role）：agent、lead、manager")
    p.add_argument("--packs-folder", help="话术包文件夹（packs.folder）：每台电脑跟随其中更新的话术包")
    p.add_argument("--app", help="要复制的打包好的程序文件夹（默认：正在运行的打包程序）")
    p.add_argument("--out", required=True, help="生成的文件夹（不存在或为空）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop_app.core.handout.bundle import BundleError, make_bundle
    from desktop_app.core.handout.presets import PRESET_FILE

    settings: dict[str, object] = {"agent.industry": args.industry}
    for key, value in (("agent.channel", args.channel), ("agent.role", args.role), ("packs.folder", args.packs_folder)):
        if value is not None:
            settings[key] = value
    try:
        report = make_bundle(Path(args.pack), settings, Path(args.out), Path(args.app) if args.app else None)
    except BundleError as exc:
        raise UserError(str(exc)) from None
    m = report.manifest
    label = f"{m.get('name', report.pack.name)} {m.get('version', '')}".strip()
    print(f"话术包：{label}（{report.phrases} 条话术）→ {report.pack.relative_to(report.out)}")
    print(f"预设：{PRESET_FILE}（{', '.join(f'{k}={v}' for k, v in settings.items())}）")
    if report.source_only:
        print(f"注意：从源码运行，没有复制程序。把 {report.out} 里的文件放进打包好的程序文件夹"
              "（calmdesk 或 CalmDesk.exe 旁边），或加 --app dist/calmdesk 重新生成。")
    else:
        print(f"程序：已复制 {report.app}")
    print(f"完成：{report.out}（压缩或拷到U盘即可分发；首次启动时导入话术包并应用预设）")
    return 0
