"""Entry point of `calmdesk` and `python -m desktop_app`.

With no sub-command the window opens; every sub-command is a module in this package with a
`register(subparsers)` function that sets `func` on its parser. Errors the user can fix
print one plain line and exit 2; nothing the user does should ever print a traceback.
"""

from __future__ import annotations

import argparse
import io
import sys

from desktop_app import __version__
from desktop_app.cli import analyze_cmd, bundle_cmd, check_cmd, playbooks_cmd, search_cmd, stress_cmd, suggest_cmd
from desktop_app.cli.common import UserError
from desktop_app.core.diagnostics import logfile
from desktop_app.core.paths import DataDirError

# Sub-command modules, in the order `--help` lists them. Plain imports, so the import
# contracts see every link (each module imports its heavy dependencies only when it runs).
COMMAND_MODULES = (suggest_cmd, search_cmd, analyze_cmd, playbooks_cmd, check_cmd, stress_cmd, bundle_cmd)


def build_parser() -> argparse.ArgumentParser:
    from desktop_app.cli import help_zh

    help_zh.install()
    parser = help_zh.Parser(
        prog="calmdesk",
        description="CalmDesk 投诉应对助手：离线话术库、搜索与分析；不带命令时打开窗口。"
                    " / Offline phrase library, search and analysis for complaint handling; no command opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"calmdesk {__version__}",
                        help="显示版本号 / show the version")
    parser.add_argument("--portable", action="store_true",
                        help="所有数据放在程序旁的 data 文件夹（便携版）/ keep all data in ./data beside the app")
    parser.add_argument("--log-level", type=str.upper, choices=logfile.LEVELS, default="WARNING",
                        help="写入数据目录 logs/calmdesk.log 的详细程度（排查问题时用 DEBUG）/ log detail")
    parser.add_argument("--selftest", action="store_true",
                        help="在临时数据目录里检查这次安装，成功退出 0，失败 1 / check this installation, exit 0 or 1")
    subparsers = parser.add_subparsers(dest="command", metavar="命令 COMMAND", title="命令 commands")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def _reconfigure_stdio() -> None:
    # Chinese output must not die on a non-UTF-8 console; bad bytes on stdin are replaced
    # (and reported by the command) instead of raising UnicodeDecodeError mid-stream.
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        if isinstance(stream, io.TextIOWrapper):  # not when a test or an embedding app swapped it
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except ValueError:
                pass


def main(argv: list[str] | None = None) -> int:
    _reconfigure_stdio()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a mistake already reported in one line
        return exc.code if isinstance(exc.code, int) else 2
    if args.portable:
        from desktop_app.core import paths

        paths.enable_portable()
    logfile.configure(args.log_level)
    if args.selftest:
        from desktop_app.cli.selftest import run as run_selftest

        return run_selftest()
    if not getattr(args, "func", None):
        if args.command:
            try:
                parser.parse_args([args.command, "--help"])
            except SystemExit as exc:
                return exc.code if isinstance(exc.code, int) else 0
        return _open_window(args)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"calmdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except DataDirError as exc:  # the data dir cannot be created or written: say which and why
        print(f"calmdesk: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 — the last line of defence: no traceback for users
        from desktop_app.core.diagnostics import crashlog
        from desktop_app.core.library import sqlite_backend

        plain = sqlite_backend.describe_error(exc, _database_path())
        if plain:  # disk full, locked by another process, read-only: things the agent can act on
            print(f"calmdesk: {plain}", file=sys.stderr)
            return 1
        where = crashlog.record(exc)
        told = f"详情已写入 {where}" if where else "（无法写入错误日志）"
        print(f"calmdesk: 出错了（{type(exc).__name__}: {exc}）。{told}", file=sys.stderr)
        return 1


def _database_path():
    try:
        from desktop_app.core import paths

        return paths.database_path()
    except OSError:
        return None


def _open_window(args: argparse.Namespace) -> int:
    from desktop_app.ui.shell.display_check import problem

    # Qt aborts the process (no exception) when it cannot reach a display: ask first.
    message = problem()
    if message:
        print(message, file=sys.stderr)
        return 1
    from desktop_app.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
