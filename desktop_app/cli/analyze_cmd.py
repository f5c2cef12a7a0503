"""`calmdesk analyze`: read what the customer said — emotion, motives, risks, persona, stage.

    calmdesk analyze "你们到底什么时候给我退款？？"          # a short summary in Chinese
    calmdesk analyze "……" --json                             # the full result
    calmdesk analyze --jsonl < lines.jsonl                  # {"text": ...} per line in, one result per line out

Scenarios come from the phrase library when it can be opened; without it the analysis still
runs, it just ranks no scenarios.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli.common import UserError, clean_text, dump, iter_jsonl
from desktop_app.core.vocab import EMOTIONS, FLAGS, MOTIVES, PERSONAS, STAGES

# What the agent does in each stage, in a line (shown beside the suggested stage).
STAGE_HINTS = {
    "listen": "先让客户把话说完，不打断、不辩解，记下要点",
    "empathize": "认可客户的感受，站到客户的角度，把细节记下来",
    "ask": "问清原因，复述要点请客户确认，问题要指向解决办法",
    "act": "按事实和政策办理；超出权限就上报，当下办不了的约好时间并做到",
    "negotiate": "请客户先说想法，守住立场，真诚而坚定，谈妥后马上执行",
    "thank": "真诚感谢客户的意见，诚恳致歉，说明会怎样改进",
}
MAX_EVIDENCE_LINES = 12


def register(subparsers) -> None:
    p = subparsers.add_parser("analyze", help="分析客户原话：情绪、动机、风险、性格、阶段 / read the customer's text")
    p.add_argument("text", nargs="?", help="客户说的话（写 - 表示从标准输入读取整段文字）")
    p.add_argument("--json", action="store_true", help="输出完整结果（一个 JSON 对象）/ print the full result as one JSON object")
    p.add_argument("--jsonl", action="store_true", help='从标准输入逐行读 {"text": ...}，每行输出一个 JSON 结果 / batch mode')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis import Analyzer, LexiconError

    if args.jsonl and args.text is not None:
        raise UserError("--jsonl 从标准输入逐行读取，不要再给出文字")
    text = ""
    if not args.jsonl:
        text = clean_text(sys.stdin.read() if args.text == "-" else (args.text or ""))
        if not text.strip():
            raise UserError('请给出客户说的话，例如：calmdesk analyze "你们到底什么时候给我退款？"'
                            "（或用 --jsonl 从标准输入批量读取）")
    scenarios, names = load_scenarios()
    try:
        analyzer = Analyzer(scenarios)
    except LexiconError as exc:
        raise UserError(f"分析词表有误，请培训师修改 resources/analysis：{exc}") from None
    if args.jsonl:
        return _run_batch(analyzer)
    result = analyzer.analyze(text)
    if args.json:
        dump(result)
    else:
        print(summary(result, names))
    return 0


def load_scenarios() -> tuple[list[tuple[str, list[str]]], dict[str, str]]:
    """(key, triggers) pairs and key -> name from the phrase library; empty if it cannot be opened."""
    try:
        from desktop_app.cli.common import open_cli_library
    except ImportError:
        return [], {}
    try:
        library = open_cli_library()
        try:
            pairs = library.scenario_triggers()
            names = {s.key: s.name for s in library.scenarios()}
        finally:
            library.close()
    except Exception as exc:  # noqa: BLE001 — scenarios are a bonus; the analysis must still answer
        print(f"calmdesk: 话术库暂时打不开，本次不匹配场景（{type(exc).__name__}: {exc}）", file=sys.stderr)
        return [], {}
    return pairs, names


def _run_batch(analyzer) -> int:
    for request, error in iter_jsonl(sys.stdin):
        if request is None:
            dump({"error": error})
            continue
        text = clean_text(request["text"])
        if not text.strip():
            dump({"error": "text 是空的"})
            continue
        dump(analyzer.analyze(text))
    return 0


def finding_label(finding: str, names: dict[str, str]) -> str:
    kind, _, key = finding.partition(":")
    tables = {"emotion": EMOTIONS, "motive": MOTIVES, "flag": FLAGS, "persona": PERSONAS}
    if kind == "scenario":
        return f"场景「{names.get(key, key)}」"
    if kind == "intensity":
        return "加强语气"
    return tables.get(kind, {}).get(key, finding)


def summary(result: dict, names: dict[str, str] | None = None) -> str:
    """The result as a few lines of Chinese for an agent in a hurry."""
    names = names or {}
    lines = [f"情绪：{EMOTIONS[result['emotion']]}（强度 {result['intensity']:.2f}）"]
    lines.append("动机：" + ("、".join(MOTIVES[m] for m in result["motives"]) or "（未见明显动机）"))
    lines.append("风险：" + ("、".join(FLAGS[f] for f in result["flags"]) or "（无）"))
    if result["persona_hint"]:
        lines.append(f"性格：{result['persona_reason']}")
    stage = result["stage"]
    lines.append(f"阶段：{STAGES[stage]} —— {STAGE_HINTS[stage]}")
    if result["scenarios"]:
        shown = [f"{names.get(s['key'], s['key'])}（{s['score']:.2f}）" for s in result["scenarios"][:3]]
        lines.append("场景：" + "、".join(shown))
    grouped: dict[str, list[str]] = {}
    for item in result["evidence"]:
        label = finding_label(item["finding"], names)
        labels = grouped.setdefault(item["text"], [])
        if label not in labels:
            labels.append(label)
    if grouped:
        lines.append("依据：")
        for text, labels in list(grouped.items())[:MAX_EVIDENCE_LINES]:
            lines.append(f"  「{text}」→ {'、'.join(labels)}")
    return "\n".join(lines)
