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
        reason = getattr(exc, "problem", None) or str(exc)
        raise UnsafeYaml(f"YAML 格式错误：{reason}", mark.line + 1 if mark else None) from None


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
