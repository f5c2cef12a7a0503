"""`calmdesk suggest`: what the window shows for a customer's text — the reading and the
phrases to say next, from the one suggestion path (desktop_app.core.suggest)."""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.common import clean_text, dump, iter_jsonl
from desktop_app.core.vocab import AUTHORITIES, INDUSTRIES, PERSONAS, PHRASE_CHANNELS, STAGES


def register(subparsers) -> None:
    p = subparsers.add_parser("suggest", help="读客户的话并给出下一句话术 / read the customer and suggest what to say")
    p.add_argument("text", nargs="?", help="客户说的话 / what the customer said")
    p.add_argument("--industry", help="行业（默认：设置里的行业；general = 全部）/ industry: " + "|".join(INDUSTRIES))
    p.add_argument("--channel", help="渠道（默认：设置里的工作渠道）/ channel: " + "|".join(PHRASE_CHANNELS))
    p.add_argument("--role", help="角色：超出权限的补偿话术不显示（默认：设置里的角色）/ role: " + "|".join(AUTHORITIES))
    p.add_argument("--limit", type=int, default=10, help="最多几条（默认 10）/ how many phrases")
    p.add_argument("--json", action="store_true", help='输出 JSON：{"analysis": ..., "phrases": [...]} / print JSON')
    p.add_argument("--jsonl", action="store_true",
                   help='从标准输入逐行读 {"text": ..., "industry": ...}，每行输出一个答案 / batch mode')
    p.set_defaults(func=run)


def _agent_setting(key: str) -> str | None:
    """The agent's own setting (agent.industry, agent.channel, agent.role) from the settings
    store, so the command answers as the window does; "" (any channel) is None."""
    from desktop_app.core.settings.store import SettingsStore

    try:
        return str(SettingsStore().get(key)) or None
    except Exception:  # noqa: BLE001 — a broken settings file must not stop a suggestion
        return None


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import open_cli_library
    from desktop_app.cli.common import UserError
    from desktop_app.core.suggest import Suggester, SuggestError, check_keys

    if not args.jsonl and (args.text is None or not clean_text(args.text).strip()):
        raise UserError("请给出客户说的话，例如：calmdesk suggest 菜里吃出头发（或用 --jsonl 从标准输入批量读取）")
    industry = args.industry if args.industry is not None else _agent_setting("agent.industry")
    channel = args.channel if args.channel is not None else _agent_setting("agent.channel")
    role = args.role if args.role is not None else _agent_setting("agent.role")
    try:
        check_keys(industry, channel, limit=args.limit, role=role)
    except SuggestError as exc:
        raise UserError(str(exc)) from None
    suggester = Suggester(open_cli_library())
    if args.jsonl:
        return _run_batch(suggester, industry, channel, role, args.limit)
    answer = suggester.suggest(clean_text(args.text), industry=industry, channel=channel, limit=args.limit, role=role)
    if args.json:
        dump(answer.as_json())
        return 0
    a = answer.analysis
    from desktop_app.core.vocab import EMOTIONS, FLAGS, MOTIVES

    head = [f"情绪：{EMOTIONS[a.emotion]}（{a.intensity:.2f}）", f"下一步：{STAGES[a.stage]}"]
    if a.motives:
        head.append("动机：" + "、".join(MOTIVES[m] for m in a.motives))
    if a.flags:
        head.append("注意：" + "、".join(FLAGS[f] for f in a.flags))
    print("  ".join(head))
    for checklist in answer.checklists:  # an urgent risk: what to do first, before any phrase
        print(f"【先做】{checklist.title}")
        for step in checklist.do:
            print(f"  · {step}")
    for n, p in enumerate(answer.phrases, 1):
        persona = PERSONAS.get(p.persona, "通用")
        print(f"{n:>2}. {p.text}\n    〔{p.scenario_name or '我的话术'} · {STAGES.get(p.stage, p.stage)} · {persona}〕 {p.why}")
    if not answer.phrases:
        print("（话术库里没有找到相关话术）")
    return 0


def _run_batch(suggester, industry: str | None, channel: str | None, role: str | None, limit: int) -> int:
    from desktop_app.core.suggest import SuggestError

    for request, error in iter_jsonl(sys.stdin):
        if request is None:
            dump({"error": error})
            continue
        try:
            line_industry = request.get("industry", industry)
            line_channel = request.get("channel", channel)
            line_role = request.get("role", role)
            line_limit = request.get("limit", limit)
            answer = suggester.suggest(request["text"], industry=line_industry, channel=line_channel,
                                       limit=line_limit, role=line_role)
        except SuggestError as exc:
            dump({"error": str(exc)})
            continue
        dump(answer.as_json())
    return 0
