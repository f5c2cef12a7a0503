"""The one way CalmDesk reads YAML written by people: playbooks, manifests, lexicons, rules.

`yaml.safe_load` refuses tags but not aliases: a 354-byte manifest whose value is nine levels of
nine-fold aliases becomes a 2 GB string the moment anyone calls `str()` on it. Every YAML text
is therefore scanned as events first: anchors and aliases (& and *) are refused, nesting depth
and the number of events are capped, and only then is the tree built. Nothing here is specific
to one kind of file, so no reader can forget the limits.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 12
MAX_EVENTS = 50_000  # the largest bundled playbook has under 1,000 events


class UnsafeYaml(ValueError):
    """A YAML text refused before it was built; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Limits:
    depth: int = MAX_DEPTH
    events: int = MAX_EVENTS


DEFAULT = Limits()


# PyYAML's messages (pure and libyaml wordings), said in Chinese with the fix. First match wins.
COLON_FIX = "文字里有英文冒号加空格「: 」时，请给整段文字加引号，例如 - \"注意: 请带好证件\"，或改用中文冒号「：」"
_YAML_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "这一行用了 Tab 键缩进：YAML 只能用空格缩进，请把 Tab 换成空格（同一层对齐）"),
    ("\t", "这一行用了 Tab 键缩进：YAML 只能用空格缩进，请把 Tab 换成空格（同一层对齐）"),
    ("tab", "这一行用了 Tab 键缩进：YAML 只能用空格缩进，请把 Tab 换成空格（同一层对齐）"),
    ("mapping values are not allowed", "这一行多了一个冒号：" + COLON_FIX),
    ("could not find expected ':'", "缺少冒号：字段要写成「字段: 内容」（冒号后加一个空格）；多行文字请加引号"),
    ("quoted scalar", "引号没有配对：开头有引号，结尾缺少同样的引号"),
    ("flow sequence", "方括号 [ ] 没有配对，或条目之间缺少逗号：写成 [词一, 词二]"),
    ("flow mapping", "花括号 { } 没有配对，或条目之间缺少逗号"),
    ("'-' indicator", "列表没有对齐：同一个列表里的每一项（- 开头）要用相同数量的空格缩进"),
    ("expected <block end>", "缩进没有对齐：同一层的字段和列表项要用相同数量的空格缩进，"
                             "引号里的文字之后不能再接文字"),
    ("did not find expected key", "缩进没有对齐：同一层的字段要用相同数量的空格缩进"),
    ("cannot start any token", "这个符号不能放在一段文字的开头（@ ` % 等）：请给整段文字加引号"),
    ("expected alphabetic or numeric character", "& 和 * 在 YAML 里有特殊含义：请给这段文字加引号"),
    ("tag handle", "! 在 YAML 里有特殊含义：请给这段文字加引号"),
    ("control character", "文件里有看不见的控制字符：请删掉它们（常见于从网页或聊天软件复制的文字）"),
    ("unacceptable character", "文件里有看不见的控制字符：请删掉它们（常见于从网页或聊天软件复制的文字）"),
)


def yaml_error_zh(exc: yaml.YAMLError, text: str = "") -> str:
    """PyYAML's English error as one Chinese sentence that says how to fix it."""
    problem = str(getattr(exc, "problem", None) or exc)
    mark = getattr(exc, "problem_mark", None)
    if mark is not None and text and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "tab"  # libyaml does not name the character it stopped at
    context = str(getattr(exc, "context", None) or "")
    for needle, hint in _YAML_HINTS:
        if needle in problem or (needle in context and needle in ("quoted scalar", "flow sequence", "flow mapping")):
            return f"YAML 格式错误：{hint}"
    return f"YAML 格式错误：请检查这一行的缩进、冒号和引号（{problem}）"



def check(text: str, limits: Limits = DEFAULT) -> None:
    """Raise UnsafeYaml for anchors/aliases, deep nesting, too many events or a syntax error."""
    depth = 0
    try:
        for count, event in enumerate(yaml.parse(text, Loader=Loader)):
            if count > limits.events:
                raise UnsafeYaml("文件内容过多，拒绝读取")
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise UnsafeYaml("不支持 YAML 锚点/别名（& 和 *），请直接写出内容", _line(event))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.depth:
                    raise UnsafeYaml(f"嵌套层级过深（最多 {limits.depth} 层）", _line(event))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UnsafeYaml(yaml_error_zh(exc, text), mark.line + 1 if mark else None) from None


def load(text: str, loader: type = Loader, limits: Limits = DEFAULT):
    """Plain data (dicts, lists, scalars) from a checked text; raises UnsafeYaml or yaml.YAMLError."""
    check(text, limits)
    instance = loader(text)
    try:
        return instance.get_single_data()
    finally:
        instance.dispose()


def compose(text: str, limits: Limits = DEFAULT) -> yaml.Node | None:
    """The node tree (with line numbers) of a checked text."""
    check(text, limits)
    return yaml.compose(text, Loader=Loader)


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None
