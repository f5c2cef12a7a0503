"""`calmdesk check`: the draft checker from the command line, one reply or a batch.

Spans are character offsets into the text exactly as given, so the text is not cleaned or cut
(cleaning would shift them); the checker is linear, so even a long draft answers quickly.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.common import UserError, dump, iter_jsonl
from desktop_app.core.vocab import INDUSTRIES

# A draft longer than this is surely not a reply: refuse it rather than print megabytes of issues.
MAX_DRAFT_CHARS = 2_000_000


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help="检查回复草稿 / check a reply draft for 禁语 and risky wording")
    p.add_argument("text", nargs="?", help="要检查的回复；写 - 从标准输入读取 / the reply to check")
    p.add_argument("--industry", help="行业（默认：所有行业的规则）/ industry: " + "|".join(INDUSTRIES))
    p.add_argument("--json", action="store_true", help="输出 JSON 列表 / print a JSON list of issues")
    p.add_argument("--jsonl", action="store_true",
                   help='从标准输入逐行读 {"text": ..., "industry"?: ...}，每行输出一个 JSON 列表 / batch mode')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.checker import draft_check
    from desktop_app.cli.common import open_cli_library

    if args.industry is not None and args.industry not in INDUSTRIES:
        raise UserError(f"未知的行业「{args.industry}」（可用：{', '.join(INDUSTRIES)}）")
    text = sys.stdin.read() if args.text == "-" and not args.jsonl else args.text
    if not args.jsonl and (text is None or not text.strip()):
        raise UserError("请给出要检查的回复，例如：calmdesk check \"对不起，但是您也有责任\"（或用 --jsonl 从标准输入批量读取）")
    if not args.jsonl and len(text) > MAX_DRAFT_CHARS:
        raise UserError(f"回复太长（{len(text)} 字，最多 {MAX_DRAFT_CHARS} 字）")
    library = open_cli_library()
    try:
        rules = draft_check.load_rules(library)
    finally:
        library.close()
    if args.jsonl:
        return _run_batch(rules, args.industry)
    issues = draft_check.check(text, rules, args.industry)
    if args.json:
        dump([i.as_json() for i in issues])
    else:
        _print_readable(issues)
    return 0


def _print_readable(issues) -> None:
    if not issues:
        print("没有发现需要修改的地方。")
        return
    print(f"发现 {len(issues)} 处需要注意：")
    for n, issue in enumerate(issues, 1):
        print(f"{n:>2}. 「{issue.text}」〔{issue.label}〕第 {issue.start + 1}–{issue.end} 字")
        print(f"    原因：{issue.reason}")
        print(f"    建议：{issue.suggestion}")


def _run_batch(rules, default_industry: str | None) -> int:
    from desktop_app.core.checker import draft_check
    for request, error in iter_jsonl(sys.stdin):
        if request is None:
            dump({"error": error})
            continue
        industry = request.get("industry", default_industry)
        if not request["text"].strip():
            dump({"error": "text 为空：请给出要检查的回复"})
            continue
        try:
            issues = draft_check.check(request["text"], rules, None if industry is None else str(industry))
        except draft_check.UnknownIndustry as exc:
            dump({"error": str(exc)})
            continue
        dump([i.as_json() for i in issues])
    return 0
