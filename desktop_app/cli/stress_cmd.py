"""`calmdesk stress log|summary|export`: the agent's stress log from the command line.

The same rules as the window: a rating is a whole number 0-10, a pattern one of the five
thinking-pattern keys, a scenario a key of the library. A wrong value is one plain Chinese
line and exit 2, and nothing is written. `log` prints the saved ids only after the commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop_app.cli.common import dump
from desktop_app.core.vocab import THINKING_PATTERNS

REACTION_HELP = "endure 忍 | flare 暴 | withdraw 逃"
PATTERN_HELP = " | ".join(f"{k} {v[0]}" for k, v in THINKING_PATTERNS.items())


def register(subparsers) -> None:
    p = subparsers.add_parser("stress", help="减压记录：记分、统计、导出 / the agent's stress log",
                              description="减压记录（只存在本机）。/ The agent's own stress log, kept on this PC only.")
    p.add_argument("--profile", default=None, help="档案名（默认 default）/ profile name")
    sub = p.add_subparsers(dest="action", metavar="ACTION", title="操作 actions")

    log = sub.add_parser("log", help="记一次压力分数；加 --after 记一次红转绿练习 / log a rating or an exercise",
                         description="记下一次压力分数（0-10）。加 --after 时同时记下一次做完的红转绿练习"
                                     "（开始 --before 分，结束 --after 分）。")
    log.add_argument("--before", required=True, metavar="N", help="压力分数 0-10（练习开始时的分数）/ rating 0-10")
    log.add_argument("--after", metavar="N", help="练习结束时的分数 0-10 / rating after the 红转绿 exercise")
    log.add_argument("--pattern", metavar="K", help=f"红色想法（需要 --after）：{PATTERN_HELP}")
    log.add_argument("--scenario", metavar="K", help="场景键（calmdesk playbooks list 可查）/ scenario key")
    log.add_argument("--reaction", metavar="K", help=f"当时的反应：{REACTION_HELP}")
    log.add_argument("--json", action="store_true", help='输出 JSON：{"entry": id, "exercise": id|null}')
    log.set_defaults(func=run_log)

    summary = sub.add_parser("summary", help="统计：次数、平均分、平均降幅、常见想法 / statistics",
                             description="一段时间的统计：记分次数与平均分，红转绿练习的次数、开始/结束平均分、"
                                         "平均降幅和最常见的想法。默认最近 7 天。")
    summary.add_argument("--days", metavar="N", help="最近 N 天（含今天，默认 7）/ the last N days")
    summary.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="起始日期（含）/ first day")
    summary.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="结束日期（含，默认今天）/ last day")
    summary.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    summary.set_defaults(func=run_summary)

    export = sub.add_parser("export", help="把这个档案的全部记录导出为 CSV / export everything as CSV",
                            description="把这个档案的全部记录（记分、每周问题、红转绿）写成一个 CSV，Excel 可直接打开。")
    export.add_argument("--csv", required=True, metavar="PATH", help="CSV 文件路径 / the CSV file to write")
    export.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite an existing file")
    export.set_defaults(func=run_export)


def _int(value: str | None, what: str, low: int, high: int) -> int | None:
    from desktop_app.cli.common import UserError

    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise UserError(f"{what}应是 {low} 到 {high} 的整数，收到「{value}」")
    return number


def _log(args: argparse.Namespace):
    from desktop_app.cli.common import open_cli_library
    from desktop_app.cli.common import UserError
    from desktop_app.core.stress.stress_log import DEFAULT_PROFILE, StressError, StressLog

    library = open_cli_library()
    try:
        return StressLog(library.store.db, DEFAULT_PROFILE if args.profile is None else args.profile), library
    except StressError as exc:
        library.close()
        raise UserError(str(exc)) from None


def run_log(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import UserError
    from desktop_app.core.stress.stress_log import REACTIONS, StressError

    before = _int(args.before, "--before 压力分数", 0, 10)
    after = _int(args.after, "--after 压力分数", 0, 10)
    if args.pattern is not None and args.pattern not in THINKING_PATTERNS:
        raise UserError(f"未知的想法「{args.pattern}」（可用：{', '.join(THINKING_PATTERNS)}）")
    if args.pattern is not None and after is None:
        raise UserError("--pattern 属于红转绿练习：请同时给出 --after（练习结束时的分数）")
    if args.reaction is not None and args.reaction not in REACTIONS:
        raise UserError(f"未知的反应「{args.reaction}」（可用：{', '.join(REACTIONS)}）")
    log, library = _log(args)
    try:
        if args.scenario is not None and args.scenario not in {s.key for s in library.scenarios()}:
            raise UserError(f"未知的场景键「{args.scenario}」（calmdesk playbooks list 列出全部场景）")
        try:
            # One transaction: the rating and the exercise are saved together or not at all.
            with log.db.atomic():
                entry = log.log(before, scenario=args.scenario, reaction=args.reaction)
                exercise = None
                if after is not None:
                    exercise = log.record_exercise(before, after, args.pattern)
        except StressError as exc:
            raise UserError(str(exc)) from None
    finally:
        library.close()
    # Printed only now: the ids above are committed.
    if args.json:
        dump({"entry": entry, "exercise": exercise})
    elif exercise is None:
        print(f"已记下 {before} 分（记录 {entry}）")
    else:
        print(f"已记下 {before} 分（记录 {entry}），红转绿 {before} → {after} 分（练习 {exercise}）")
    return 0


def _date(value: str, flag: str) -> dt.date:
    from desktop_app.cli.common import UserError

    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{flag} 应是日期，例如 2025-03-01，收到「{value}」") from None


def run_summary(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import UserError
    from desktop_app.core.stress import summary as stress_stats

    if args.days is not None and (args.start or args.end):
        raise UserError("--days 与 --from/--to 只用一种")
    if args.start or args.end:
        end_day = _date(args.end, "--to") if args.end else dt.date.today()
        start_day = _date(args.start, "--from") if args.start else end_day - dt.timedelta(days=6)
        if start_day > end_day:
            raise UserError("--from 的日期晚于 --to")
        start = dt.datetime.combine(start_day, dt.time())
        end = dt.datetime.combine(end_day + dt.timedelta(days=1), dt.time())
        days = (end_day - start_day).days + 1
    else:
        days = _int(args.days, "--days 天数", 1, 3660) or 7
        start, end = stress_stats.period(days)
    log, library = _log(args)
    try:
        summary = stress_stats.summarize_range(log, start, end, days)
    finally:
        library.close()
    if args.json:
        dump(summary.as_dict())
    else:
        print(f"{summary.start.date()} — {(summary.end - dt.timedelta(days=1)).date()}")
        print(stress_stats.summary_text(summary))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import UserError

    target = Path(args.csv)
    if target.suffix.lower() != ".csv":
        raise UserError("导出的文件名应以 .csv 结尾")
    if target.exists() and not args.force:
        raise UserError(f"{target} 已存在（加 --force 覆盖）")
    if not target.parent.is_dir():
        raise UserError(f"找不到文件夹 {target.parent}")
    log, library = _log(args)
    try:
        rows = log.export_csv(target)
    except OSError as exc:
        raise UserError(f"写不进 {target}：{exc.strerror or exc}") from None
    finally:
        library.close()
    print(f"已导出 {rows} 行到 {target}")
    return 0
