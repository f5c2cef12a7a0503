"""`calmdesk search`: the phrase library from the command line, one query or thousands."""

from __future__ import annotations

from desktop_app.core.settings.schema import FILTER_KEYS

import argparse
import sys

from desktop_app.cli.common import UserError, clean_text, dump, iter_jsonl
from desktop_app.core.vocab import AUTHORITIES, INDUSTRIES, PERSONAS, PHRASE_CHANNELS, STAGES

# The window's remembered filters plus the agent's channel and role (settings agent.channel/agent.role).
SEARCH_KEYS = (*FILTER_KEYS, "channel", "role")


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="搜索话术库 / search the phrase library")
    p.add_argument("text", nargs="?", help="客户说的话、一个词或拼音（dq、daoqian）/ text, word or pinyin")
    p.add_argument("--scenario", help="场景键（calmdesk playbooks list 可查）/ scenario key")
    p.add_argument("--persona", help="客户性格 / persona: " + "|".join(PERSONAS))
    p.add_argument("--stage", help="阶段 听同问办议谢 / stage: " + "|".join(STAGES))
    p.add_argument("--industry", help="行业 / industry: " + "|".join(INDUSTRIES))
    p.add_argument("--channel", help="坐席渠道（隐藏其他渠道的话术；默认全部）/ the agent's channel: " + "|".join(PHRASE_CHANNELS))
    p.add_argument("--role", help="坐席角色（隐藏超出权限的承诺；默认全部）/ the agent's role: " + "|".join(AUTHORITIES))
    p.add_argument("--limit", type=int, default=10, help="最多几条（默认 10）/ how many answers")
    p.add_argument("--json", action="store_true", help="输出 JSON 列表 / print a JSON list")
    p.add_argument("--jsonl", action="store_true", help='从标准输入逐行读 {"text": ...}，每行输出一个 JSON 列表 / batch mode')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_cli_library
    from desktop_app.core.library.facade import UnknownKey

    if args.limit < 1 or args.limit > 1000:
        raise UserError("--limit 应在 1 到 1000 之间")
    if args.jsonl and args.text is not None:
        raise UserError("--jsonl 从标准输入逐行读取，不要再给出文字")
    if not args.jsonl and (args.text is None or not clean_text(args.text).strip()):
        raise UserError("请给出要搜索的文字，例如：calmdesk search 道歉（或用 --jsonl 从标准输入批量读取）")
    library = open_cli_library()
    base = {k: getattr(args, k) for k in SEARCH_KEYS}
    try:
        if args.jsonl:
            return _run_batch(library, base, args.limit)
        hits = library.search(clean_text(args.text), limit=args.limit, **base)
    except UnknownKey as exc:
        raise UserError(str(exc)) from None
    if args.json:
        dump([h.as_json() for h in hits])
    elif not hits:
        print("（话术库里没有找到相关话术）")
    else:
        for n, hit in enumerate(hits, 1):
            d = hit.doc
            persona = PERSONAS.get(d.persona, "通用")
            print(f"{n:>2}. {d.text}\n    〔{d.scenario_name or '我的话术'} · {STAGES.get(d.stage, d.stage)} · {persona}〕")
    return 0


def _run_batch(library, base: dict, limit: int) -> int:
    from desktop_app.core.library.facade import UnknownKey

    for request, error in iter_jsonl(sys.stdin):
        if request is None:
            dump({"error": error})
            continue
        if not request["text"].strip():
            dump({"error": "text 为空：请给出要搜索的文字"})
            continue
        filters = dict(base)
        for key in SEARCH_KEYS:
            if request.get(key) is not None:
                filters[key] = str(request[key])
        try:
            line_limit = int(request.get("limit", limit))
            if not 1 <= line_limit <= 1000:
                dump({"error": "limit 应在 1 到 1000 之间"})
                continue
            hits = library.search(clean_text(request["text"]), limit=line_limit, **filters)
        except UnknownKey as exc:
            dump({"error": str(exc)})
            continue
        except (TypeError, ValueError, OverflowError):  # "limit": Infinity is valid JSON to Python
            dump({"error": "limit 应为整数"})
            continue
        dump([h.as_json() for h in hits])
    return 0
