"""The spreadsheet layout of a playbook pack: which sheets, which columns, how a cell is written.

One row per phrase (话术), template (模板), 禁语, checklist (清单) and 红转绿 item. Headers are
Chinese; the English key of a column is accepted too. Choice columns are written with their
Chinese label and read as label or key. This module is shared by the Excel and CSV readers
(`sheet_reader`) and by the Excel writer, so both directions use the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.vocab import (
    ALL_PERSONAS,
    AUTHORITIES,
    PHRASE_CHANNELS,
    CHANNELS,
    FLAGS,
    FORBIDDEN_CATEGORIES,
    INDUSTRIES,
    PERSONAS,
    STAGES,
    TEMPLATE_KINDS,
    THINKING_PATTERNS,
)

PERSONA_CHOICES = {**PERSONAS, ALL_PERSONAS: "通用"}
REDGREEN_KINDS = {"red": "红色想法", "green": "绿色想法", "emotion_word": "情绪词", "translation": "正向翻译"}
PATTERN_CHOICES = {key: names[0] for key, names in THINKING_PATTERNS.items()}

# How a list is written in one cell. "words": short items split on 、 , ， ; ； | (or one per
# line); "lines": sentences, one per line (they contain commas); "pairs": 名=值 per line.
WORD_SEPARATORS = re.compile(r"[、,，;；|｜]")
_PAIR = re.compile(r"([^=＝]*)[=＝](.*)", re.S)  # the first = (or full-width ＝) separates
_LINES = re.compile(r"\r\n|\r|\n")  # not str.splitlines(): that also splits on \x1c, \x85, \u2028…


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    help: str
    kind: str = "text"  # text | words | lines | pairs | choice
    choices: dict[str, str] | None = None
    required: bool = False
    aliases: tuple[str, ...] = ()
    yaml_names: tuple[str, ...] = ()  # YAML field names whose problems belong to this column
    width: int = 14


@dataclass(frozen=True)
class Sheet:
    key: str
    label: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_key", {c.key: c for c in self.columns})


FILE = Column("file", "话术文件", "这一行属于哪个话术文件（如 banking.yaml）；留空 = 以本表格的文件名命名", width=14)

PHRASES = Sheet("phrases", "话术", (
    FILE,
    Column("scenario", "场景键", "场景的英文键：小写字母、数字、下划线，以字母开头（如 bank_fee_dispute）",
           required=True, aliases=("scenario_key", "场景"), yaml_names=("key",), width=20),
    Column("scenario_name", "场景名称", "场景的中文名（2-16 字）；同一场景只需在第一行填写", aliases=("name",),
           yaml_names=("name",), width=14),
    Column("industry", "行业", "同一场景只需填一次", kind="choice", choices=INDUSTRIES, width=10),
    Column("description", "场景说明", "一句话说明；同一场景只需填一次", yaml_names=("description",), width=30),
    Column("triggers", "触发词", "客户常说的词，用 、 或 , 分隔；同一场景只需填一次", kind="words", width=30),
    Column("stage", "阶段", "听、同、问、办、议、谢 之一", kind="choice", choices=STAGES, required=True,
           yaml_names=("phrases", *STAGES), width=8),
    Column("persona", "客户性格", "表现型、分析型、温和型、支配型；留空 = 通用", kind="choice",
           choices=PERSONA_CHOICES, aliases=("人设", "性格"), width=10),
    Column("text", "话术", "客服要说的话（最多 300 字）", required=True, width=60),
    Column("tags", "标签", "可选，用 、 分隔", kind="words", width=12),
    Column("id", "编号", "可选的固定编号（字母、数字、点、下划线、短横线）；一般留空", width=12),
    Column("channel", "适用渠道", "只适合一种渠道时填：电话、柜台/面对面、在线/文字；留空 = 都适用", kind="choice",
           choices=PHRASE_CHANNELS, width=10),
    Column("authority", "谁可承诺", "提出补偿/减免/优惠的话术必填：坐席、班组长、经理/主管", kind="choice",
           choices=AUTHORITIES, width=10),
), aliases=("phrase", "话术库"))

TEMPLATES = Sheet("templates", "模板", (
    FILE,
    Column("key", "模板键", "模板的英文键（如 thank_phone_warm）", required=True, width=22),
    Column("kind", "类型", "感谢、道歉、书面致歉、回访、核查答复、进展/通知、转交/结束通话", kind="choice", choices=TEMPLATE_KINDS, required=True,
           width=10),
    Column("channel", "渠道", "电话、在线/短信、书面信函", kind="choice", choices=CHANNELS, required=True, width=10),
    Column("persona", "客户性格", "留空 = 通用", kind="choice", choices=PERSONA_CHOICES, aliases=("人设", "性格"),
           width=10),
    Column("title", "标题", "模板的标题", required=True, width=24),
    Column("text", "正文", "可含占位符 {称呼} {问题} {时限} 等", required=True, width=60),
    Column("placeholders", "占位符默认值", "每行一个：名称=默认值（如 称呼=您）", kind="pairs", width=24),
))

FORBIDDEN = Sheet("forbidden", "禁语", (
    FILE,
    Column("text", "禁语", "客服可能说出口的原话", required=True, width=20),
    Column("variants", "其他说法", "可选，每行一个", kind="lines", width=24),
    Column("category", "类别", "推诿、指责客户、过度承诺……", kind="choice", choices=FORBIDDEN_CATEGORIES,
           required=True, width=10),
    Column("why", "为什么不能说", "一句话", required=True, width=36),
    Column("better", "更好的说法", "一句话", required=True, width=40),
))

CHECKLISTS = Sheet("checklists", "清单", (
    FILE,
    Column("flag", "风险标记", "要找领导、曝光威胁、投诉监管……（每个标记一行）", kind="choice", choices=FLAGS,
           required=True, yaml_names=tuple(FLAGS), width=12),
    Column("title", "标题", "清单标题", required=True, width=20),
    Column("do", "要做", "每行一步（3-6 步）", kind="lines", required=True, width=40),
    Column("never", "不要做", "每行一条", kind="lines", required=True, width=36),
    Column("handover", "转交", "每行一条：何时、如何转交", kind="lines", required=True, width=36),
))

REDGREEN = Sheet("redgreen", "红转绿", (
    FILE,
    Column("pattern", "思维模式", "应该思维、杞人忧天、以偏概全、非黑即白、责备他人；情绪词留空", kind="choice",
           choices=PATTERN_CHOICES, yaml_names=("patterns", *THINKING_PATTERNS), width=12),
    Column("kind", "类别", "红色想法、绿色想法、情绪词", kind="choice", choices=REDGREEN_KINDS, required=True,
           width=10),
    Column("text", "内容", "一条想法、一个情绪词，或（正向翻译）客户的原话", required=True,
           yaml_names=("red", "green", "emotion_words", "said"), width=50),
    Column("need", "背后的需要", "正向翻译：客户这句话背后想要的是什么；其他类别留空", yaml_names=("need",), width=40),
))

SHEETS = (PHRASES, TEMPLATES, FORBIDDEN, CHECKLISTS, REDGREEN)
README_SHEET = "说明"


def _norm(header: str) -> str:
    """Header matching ignores case, spaces and a bracketed remark: 场景键 (key) == 场景键."""
    header = re.sub(r"[（(].*?[）)]", "", header)
    return re.sub(r"[\s_\-]", "", header).casefold()


def find_sheet(name: str) -> Sheet | None:
    wanted = _norm(name)
    for sheet in SHEETS:
        if wanted in {_norm(sheet.label), _norm(sheet.key), *map(_norm, sheet.aliases)}:
            return sheet
    return None


def find_column(sheet: Sheet, header: str) -> Column | None:
    wanted = _norm(header)
    for column in sheet.columns:
        if wanted in {_norm(column.label), _norm(column.key), *map(_norm, column.aliases)}:
            return column
    return None


def is_remark(header: str) -> bool:
    """Columns a trainer keeps for themselves: headed 备注… or #…; never read."""
    header = header.strip()
    return not header or header.startswith(("#", "备注", "note", "Note"))


# ---------------------------------------------------------------- cells


def choice_key(column: Column, cell: str) -> str | None:
    """The key a choice cell names (by key or Chinese label), or None if it names none."""
    value = cell.strip()
    assert column.choices is not None
    if value in column.choices:
        return value
    for key, label in column.choices.items():
        if value == label or value.casefold() == key.casefold():
            return key
    return None


def choice_hint(column: Column) -> str:
    assert column.choices is not None
    return "、".join(f"{label}（{key}）" for key, label in column.choices.items())


def split_cell(column: Column, cell: str) -> list[str]:
    if column.kind == "words" and "\n" not in cell and "\r" not in cell:
        parts = WORD_SEPARATORS.split(cell)
    else:
        parts = _LINES.split(cell)
    return [p.strip() for p in parts if p.strip()]


def split_pairs(cell: str) -> tuple[dict[str, str], list[str]]:
    """名=值 lines -> ({名: 值}, [lines that are not pairs])."""
    pairs: dict[str, str] = {}
    bad: list[str] = []
    for line in _LINES.split(cell):
        if not line.strip():
            continue
        match = _PAIR.match(line)
        if not match or not match.group(1).strip():
            bad.append(line.strip())
            continue
        pairs[match.group(1).strip()] = match.group(2).strip()
    return pairs, bad


def join_cell(column: Column, items: list[str]) -> str:
    # Items that contain a separator go one per line, so reading the cell back splits nothing
    # (a lone such item gets a trailing line break to say so).
    if column.kind == "words" and not any(WORD_SEPARATORS.search(i) for i in items):
        return "、".join(items)
    return "\n".join(items) + ("\n" if column.kind == "words" and len(items) == 1 else "")


def join_pairs(pairs: dict[str, str]) -> str:
    return "\n".join(f"{name}={value}" for name, value in pairs.items())


def label(column: Column, key: str) -> str:
    assert column.choices is not None
    return column.choices.get(key, key)


# ---------------------------------------------------------------- documents -> rows (export)


def document_rows(name: str, doc: dict) -> dict[str, list[list[str]]]:
    """The rows of every sheet for one playbook document (the shape `library.documents` builds)."""
    col = {s.key: s.by_key for s in SHEETS}
    rows: dict[str, list[list[str]]] = {s.key: [] for s in SHEETS}
    p = col["phrases"]
    for sc in doc.get("scenarios", []):
        head = [name, sc["key"], sc["name"], label(p["industry"], sc["industry"]), sc["description"],
                join_cell(p["triggers"], sc["triggers"])]
        items = [(stage, item) for stage, phrases in sc["phrases"].items() for item in phrases]
        if not items:  # a scenario without phrases still gets its row
            rows["phrases"].append([*head, "", "", "", "", "", "", ""])
        for stage, item in items:
            item = item if isinstance(item, dict) else {"text": item}
            rows["phrases"].append([*head, label(p["stage"], stage),
                                    label(p["persona"], item.get("persona", ALL_PERSONAS)), item["text"],
                                    join_cell(p["tags"], item.get("tags", [])), item.get("id", ""),
                                    label(p["channel"], item["channel"]) if item.get("channel") else "",
                                    label(p["authority"], item["authority"]) if item.get("authority") else ""])
    t = col["templates"]
    for tp in doc.get("templates", []):
        rows["templates"].append([name, tp["key"], label(t["kind"], tp["kind"]), label(t["channel"], tp["channel"]),
                                  label(t["persona"], tp.get("persona", ALL_PERSONAS)), tp["title"], tp["text"],
                                  join_pairs(tp.get("placeholders", {}))])
    f = col["forbidden"]
    for fb in doc.get("forbidden", []):
        rows["forbidden"].append([name, fb["text"], join_cell(f["variants"], fb.get("variants", [])),
                                  label(f["category"], fb["category"]), fb["why"], fb["better"]])
    c = col["checklists"]
    for flag, cl in doc.get("checklists", {}).items():
        rows["checklists"].append([name, label(c["flag"], flag), cl["title"], join_cell(c["do"], cl["do"]),
                                   join_cell(c["never"], cl["never"]), join_cell(c["handover"], cl["handover"])])
    r = col["redgreen"]
    redgreen = doc.get("redgreen", {})
    for pattern, parts in redgreen.get("patterns", {}).items():
        for kind in ("red", "green"):
            for text in parts.get(kind, []):
                rows["redgreen"].append([name, label(r["pattern"], pattern), label(r["kind"], kind), text, ""])
    for word in redgreen.get("emotion_words", []):
        rows["redgreen"].append([name, "", label(r["kind"], "emotion_word"), word, ""])
    for pair in redgreen.get("translations", []):
        rows["redgreen"].append([name, "", label(r["kind"], "translation"), pair["said"], pair["need"]])
    return rows
