"""The trainers' lexicons (resources/analysis/*.yaml), checked and turned into cues.

Every word or pattern becomes a `Cue` saying what it is evidence of and how strongly. A file
that is wrong stops loading with a `LexiconError` naming the file, the group and the entry:
a silently ignored cue would make the analysis quietly worse, which nobody would notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from desktop_app.core import safe_yaml, textnorm, trainer_regex
from desktop_app.core.vocab import EMOTIONS, FLAGS, INDUSTRIES, MOTIVES, PERSONAS

# Kinds of cue. A term can carry several (「不给」 is a little anger and a condition).
EMOTION, MOTIVE, FLAG, PERSONA, SIGNAL = "emotion", "motive", "flag", "persona", "signal"
NEGATOR, NEGATOR_AFTER, NEUTRAL, HEDGE_SENTENCE, HEDGE_CLAUSE = "neg", "neg_after", "neutral", "hedge_s", "hedge_c"
INTENSIFIER, URGENCY, CONDITIONAL, QUESTION = "intensifier", "urgency", "conditional", "question"
INDUSTRY = "industry"  # key: an industry; which trade the complaint is about (房间 → hotel)

MAX_WEIGHT = 5.0
MAX_TERM_CHARS = 40
MAX_PATTERN_CHARS = 400
_SPACES = re.compile(r"\s+")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names file, group and entry."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice (plain YAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"「{key}」写了两次（同一组里的同一个分值请合并成一个列表）", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Cue:
    kind: str  # one of the kinds above
    key: str  # "anger", "compensation", "escalation", "driver", "demand"; for negators the scope
    weight: float = 1.0


@dataclass
class Lexicon:
    words: dict[str, tuple[Cue, ...]] = field(default_factory=dict)  # folded term -> cues
    patterns: list[tuple[str, tuple[Cue, ...]]] = field(default_factory=list)  # regex source -> cues
    persona_reasons: dict[str, str] = field(default_factory=dict)
    negation_gap: int = 4

    def add(self, entry: str, cue: Cue) -> None:
        if entry.startswith("/") and entry.endswith("/") and len(entry) > 2:
            source = entry[1:-1]
            for i, (existing, cues) in enumerate(self.patterns):
                if existing == source:
                    self.patterns[i] = (existing, (*cues, cue))
                    return
            self.patterns.append((source, (cue,)))
        else:
            term = normalise_term(entry)
            self.words[term] = (*self.words.get(term, ()), cue)


# Modifier kinds hide what is inside them (「没有人」 is not 「没有」); they never pick up roles.
HIDING_KINDS = frozenset({NEGATOR, NEGATOR_AFTER, NEUTRAL, HEDGE_SENTENCE, HEDGE_CLAUSE})


def inherit_contained_roles(words: dict[str, tuple[Cue, ...]]) -> None:
    """Give a term the roles of the shorter terms inside it that it has no role of that kind for.

    The matcher reads the longest term at each position, so 「服了你们」 (anger) would hide
    「服了」 (venting) and 「你做不了主」 (persona) would hide 「做不了主」 (escalation). A term
    already saying something of that kind keeps its own reading: 「不满意」 does not become
    「满意」 too, because both are emotion cues.
    """
    additions: dict[str, dict[tuple[str, str], Cue]] = {}
    for term, cues in words.items():
        if len(term) < 2 or any(c.kind in HIDING_KINDS for c in cues):
            continue
        own_kinds = {c.kind for c in cues}
        found: dict[tuple[str, str], Cue] = {}
        for i in range(len(term)):
            for j in range(i + 1, len(term) + 1):
                inner = words.get(term[i:j]) if j - i < len(term) else None
                for cue in inner or ():
                    # An industry word inside a longer one says nothing (吃 in 吃亏, 卡 in 卡顿).
                    if cue.kind in HIDING_KINDS or cue.kind in own_kinds or cue.kind == INDUSTRY:
                        continue
                    known = found.get((cue.kind, cue.key))
                    if known is None or cue.weight > known.weight:
                        found[(cue.kind, cue.key)] = cue
        if found:
            additions[term] = found
    for term, found in additions.items():
        words[term] = (*words[term], *found.values())


def normalise_term(term: str) -> str:
    """The form a term is matched in: folded like the text, spaces removed like the text."""
    return _SPACES.sub("", textnorm.fold(term))


# What each file may contain: group name -> (cue kind, key). Cue files hold weight groups.
EMOTION_GROUPS = {**{k: (EMOTION, k) for k in EMOTIONS if k != "neutral"}, "positive": (EMOTION, "positive")}
MOTIVE_GROUPS = {**{k: (MOTIVE, k) for k in MOTIVES}, "demand": (SIGNAL, "demand"), "complaint": (SIGNAL, "complaint"),
                 "trouble": (SIGNAL, "trouble")}
FLAG_GROUPS = {k: (FLAG, k) for k in FLAGS}
PERSONA_GROUPS = {k: (PERSONA, k) for k in PERSONAS}
INDUSTRY_GROUPS = {k: (INDUSTRY, k) for k in INDUSTRIES if k != "general"}
FILES = ("emotions.yaml", "motives.yaml", "flags.yaml", "personas.yaml", "modifiers.yaml", "industries.yaml")


class _Loader:
    """Collects cues from one file, raising with file/group/entry on the first problem."""

    def __init__(self, lexicon: Lexicon, path: Path):
        self.lexicon, self.name = lexicon, path.name
        try:
            # A SafeLoader that refuses duplicate keys, after the shared alias/depth/size checks.
            data = safe_yaml.load(path.read_text(encoding="utf-8"), loader=_StrictLoader)
        except FileNotFoundError:
            raise LexiconError(f"{self.name}: 文件不存在（{path}）") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{self.name}: 读不出来（{exc}）") from None
        except safe_yaml.UnsafeYaml as exc:
            where = f"第 {exc.line} 行" if exc.line else "格式"
            raise LexiconError(f"{self.name}: {where} {exc.message}") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第 {mark.line + 1} 行" if mark else "格式"
            raise LexiconError(f"{self.name}: {where} YAML 写法有误（{getattr(exc, 'problem', exc)}）") from None
        if not isinstance(data, dict):
            raise LexiconError(f"{self.name}: 最外层应是“组名: 内容”的映射")
        self.data = data

    def fail(self, group: str, problem: str) -> LexiconError:
        return LexiconError(f"{self.name}: {group}: {problem}")

    def check_groups(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for group in self.data:
            if group not in allowed:
                raise self.fail(str(group), f"未知的组名（可用：{', '.join(sorted(allowed))}）")

    def entries(self, group: str, value: object) -> list[str]:
        if not isinstance(value, list) or not value:
            raise self.fail(group, "应是一个非空的列表，例如 [词一, 词二]")
        seen: list[str] = []
        for n, entry in enumerate(value, start=1):
            if isinstance(entry, (int, float)) and not isinstance(entry, bool):
                entry = str(entry)  # 12315 written without quotes
            if not isinstance(entry, str) or not entry.strip():
                raise self.fail(group, f"第 {n} 项「{entry}」不是文字")
            entry = entry.strip()
            if entry.startswith("/") and entry.endswith("/") and len(entry) > 2:
                if len(entry) > MAX_PATTERN_CHARS:
                    raise self.fail(group, f"第 {n} 项正则太长（最多 {MAX_PATTERN_CHARS} 个字符）")
                self._check_regex(group, n, entry[1:-1])
            elif len(entry) > MAX_TERM_CHARS:
                raise self.fail(group, f"第 {n} 项「{entry[:12]}…」太长（最多 {MAX_TERM_CHARS} 个字）")
            elif not normalise_term(entry):
                raise self.fail(group, f"第 {n} 项「{entry}」折叠后是空的")
            if entry in seen:
                raise self.fail(group, f"第 {n} 项「{entry}」重复了")
            seen.append(entry)
        return seen

    def _check_regex(self, group: str, n: int, source: str) -> None:
        try:
            compiled = trainer_regex.compile(source)
        except trainer_regex.error as exc:
            raise self.fail(group, f"第 {n} 项正则「{source}」写错了（{exc}）") from None
        if compiled.groupindex:
            raise self.fail(group, f"第 {n} 项正则「{source}」不能用命名分组 (?P<…>)")
        if compiled.match(""):
            raise self.fail(group, f"第 {n} 项正则「{source}」能匹配空文字，会到处命中")
        try:
            trainer_regex.check(source)
        except trainer_regex.Catastrophic as exc:
            raise self.fail(group, f"第 {n} 项{exc}") from None

    def weighted(self, group: str, kind: str, key: str) -> None:
        """A group of weight -> entries ({2: [...], 1: [...]}), or a plain list (weight 1)."""
        value = self.data[group]
        groups = value.items() if isinstance(value, dict) else [(1, value)]
        for weight, entries in groups:
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= MAX_WEIGHT:
                raise self.fail(group, f"分值「{weight}」应是 0 到 {MAX_WEIGHT:g} 之间的数")
            for entry in self.entries(f"{group}.{weight}", entries):
                self.lexicon.add(entry, Cue(kind, key, float(weight)))

    def plain(self, group: str, kind: str, key: str = "", required: bool = True) -> None:
        if group not in self.data:
            if required:
                raise self.fail(group, "缺少这一组")
            return
        for entry in self.entries(group, self.data[group]):
            self.lexicon.add(entry, Cue(kind, key))


def _load_cue_file(lexicon: Lexicon, folder: Path, name: str, groups: Mapping[str, tuple[str, str]],
                   extra: Iterable[str] = ()) -> _Loader:
    loader = _Loader(lexicon, folder / name)
    loader.check_groups([*groups, *extra])
    for group, (kind, key) in groups.items():
        if group in loader.data:
            loader.weighted(group, kind, key)
    return loader


def _load_personas(lexicon: Lexicon, folder: Path) -> None:
    loader = _load_cue_file(lexicon, folder, "personas.yaml", PERSONA_GROUPS, extra=["reasons"])
    reasons = loader.data.get("reasons") or {}
    if not isinstance(reasons, dict):
        raise loader.fail("reasons", "应是“性格: 一句话说明”的映射")
    for persona in PERSONAS:
        text = reasons.get(persona)
        if not isinstance(text, str) or not text.strip():
            raise loader.fail("reasons", f"缺少 {persona} 的说明")
        lexicon.persona_reasons[persona] = text.strip()


def _load_modifiers(lexicon: Lexicon, folder: Path) -> None:
    loader = _Loader(lexicon, folder / "modifiers.yaml")
    loader.check_groups(["negation_gap", "negators", "negators_after", "neutral_phrases", "hedges_sentence",
                         "hedges_clause", "intensifiers", "urgency", "conditionals", "questions"])
    gap = loader.data.get("negation_gap", 4)
    if isinstance(gap, bool) or not isinstance(gap, int) or not 0 <= gap <= 10:
        raise loader.fail("negation_gap", f"「{gap}」应是 0 到 10 之间的整数")
    lexicon.negation_gap = gap
    negators = loader.data.get("negators")
    if not isinstance(negators, dict):
        raise loader.fail("negators", "应分 emotion / motive / flag 三组")
    for scope in negators:
        if scope not in (EMOTION, MOTIVE, FLAG):
            raise loader.fail(f"negators.{scope}", "未知的组名（可用：emotion, motive, flag）")
        for entry in loader.entries(f"negators.{scope}", negators[scope]):
            lexicon.add(entry, Cue(NEGATOR, scope))
    loader.plain("negators_after", NEGATOR_AFTER)
    loader.plain("neutral_phrases", NEUTRAL, required=False)
    loader.plain("hedges_sentence", HEDGE_SENTENCE)
    loader.plain("hedges_clause", HEDGE_CLAUSE)
    loader.plain("conditionals", CONDITIONAL)
    loader.plain("questions", QUESTION)
    for group, kind in (("intensifiers", INTENSIFIER), ("urgency", URGENCY)):
        if group not in loader.data:
            raise loader.fail(group, "缺少这一组")
        loader.weighted(group, kind, group)


def load_lexicon(folder: Path) -> Lexicon:
    """Read and check every lexicon file in `folder`; raise LexiconError on the first problem."""
    lexicon = Lexicon()
    _load_cue_file(lexicon, folder, "emotions.yaml", EMOTION_GROUPS)
    _load_cue_file(lexicon, folder, "motives.yaml", MOTIVE_GROUPS)
    _load_cue_file(lexicon, folder, "flags.yaml", FLAG_GROUPS)
    _load_personas(lexicon, folder)
    _load_modifiers(lexicon, folder)
    _load_cue_file(lexicon, folder, "industries.yaml", INDUSTRY_GROUPS)
    inherit_contained_roles(lexicon.words)
    return lexicon
