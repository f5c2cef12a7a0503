"""The draft checker's rules: built-in patterns from resources/checker/*.yaml plus the library's 禁语.

Rules are data so trainers can tune them without touching code (the format is described for
them in resources/checker/README.md). This module only turns that data into compiled `Rule`s;
every problem in a rules file is reported with file and rule id, and a broken rule is skipped
rather than stopping the checker. Matching itself lives in `checker`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from desktop_app.core import paths, safe_yaml, textnorm, trainer_regex
from desktop_app.core.vocab import FORBIDDEN_CATEGORIES, INDUSTRIES

log = logging.getLogger(__name__)

RULE_KEYS = {"id", "category", "words", "patterns", "reason", "suggestion", "industries", "skip_industries",
             "negation", "unless_time", "after", "repeat", "check"}
FILE_KEYS = {"rules", "time_patterns", "negation_patterns", "negatable_categories", "time_aware_categories",
             "safe_patterns"}
# Sentence ends: a promise and its time must be in the same sentence.
SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def _luhn(digits: str) -> bool:
    # Bank card numbers carry a Luhn check digit; most order numbers do not pass it.
    nums = [int(c) for c in digits if c.isdigit()]
    total = 0
    for i, n in enumerate(reversed(nums)):
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return len(nums) > 1 and total % 10 == 0


CHECKS: dict[str, Callable[[str], bool]] = {"luhn": _luhn}


@dataclass(frozen=True)
class Advice:
    category: str  # a FORBIDDEN_CATEGORIES key
    reason: str
    suggestion: str


@dataclass(frozen=True)
class Rule:
    id: str
    regex: re.Pattern
    advice: Advice
    word_advice: Mapping[str, Advice] = field(default_factory=dict)  # folded matched text -> advice
    industries: frozenset[str] | None = None  # None: every industry
    skip_industries: frozenset[str] = frozenset()
    negation: re.Pattern | None = None  # matches just before a hit that is negated (不能保证, 不保本)
    unless_time: bool = False  # a concrete time in the same sentence makes it fine
    after: re.Pattern | None = None  # only when this precedes the hit (the span starts there)
    within: int = 0
    repeat_min: int = 0  # only when this many hits cluster together
    repeat_gap: int = 0
    check: Callable[[str], bool] | None = None

    def applies(self, industry: str | None) -> bool:
        # No industry given: apply everything, the safe side for compliance.
        if industry is None:
            return True
        return (self.industries is None or industry in self.industries) and industry not in self.skip_industries


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    time: re.Pattern  # a concrete time ("两个工作日内", "今天下午五点前")
    negation: re.Pattern | None = None  # searched in the few characters before a hit, anchored at its end
    negatable_categories: frozenset[str] = frozenset()  # for the library's 禁语
    time_aware_categories: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()
    safe: tuple[re.Pattern, ...] = ()  # good wording that contains a flagged word: 有没有办法, 紧急止付

    def with_forbidden(self, rows: Iterable) -> Rules:
        """These rules plus the library's 禁语 (rows with text, variants, category, why, better), first."""
        return replace(self, rules=(*forbidden_rules(rows, self), *self.rules))


# ---------------------------------------------------------------- building regexes


def _alternation(words: Iterable[str], patterns: Iterable[str] = ()) -> str:
    # Longest words first: an alternation takes the first branch that matches, not the longest.
    literal = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
    return "|".join([*literal, *(f"(?:{p})" for p in patterns)])




# ---------------------------------------------------------------- the library's 禁语


def forbidden_rules(rows: Iterable, base: Rules) -> list[Rule]:
    """The 禁语 as rules (id "forbidden"), grouped by how their category reads in context.

    A negated 保本 or 保证 is honest (不保本, 不能保证); a promise with a concrete time is the safe
    kind the training teaches (我保证今天下午五点前回电). Which categories get which treatment is
    data (lexicons.yaml: negatable_categories, time_aware_categories).
    """
    groups: dict[tuple[bool, bool], dict[str, Advice]] = {}
    for row in rows:
        try:
            variants = row.variants or []
        except ValueError:
            variants = []
        advice = Advice(row.category, row.why, row.better)
        key = (row.category in base.negatable_categories, row.category in base.time_aware_categories)
        group = groups.setdefault(key, {})
        for word in [row.text, *(v for v in variants if isinstance(v, str))]:
            folded = textnorm.fold(word).strip()
            if folded:
                group.setdefault(folded, advice)
    out = []
    for (negatable, time_aware), words in groups.items():
        fallback = next(iter(words.values()))
        out.append(Rule("forbidden", re.compile(_alternation(words)), fallback, words,
                        negation=base.negation if negatable else None, unless_time=time_aware))
    return out


# ---------------------------------------------------------------- built-in rules from YAML


def rules_dir() -> Path:
    return paths.resources_dir() / "checker"


def builtin_rules(folder: Path | None = None) -> Rules:
    """The built-in rules, read once per folder (restart the app after editing them)."""
    return _load_folder(Path(folder or rules_dir()).resolve())


@lru_cache(maxsize=8)
def _load_folder(folder: Path) -> Rules:
    docs: list[tuple[str, dict]] = []
    problems: list[str] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.append(f"{folder}: 没有找到检查规则文件")
    for path in files:
        try:
            data = safe_yaml.load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            problems.append(f"{path.name}: 无法读取：{exc}")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name}: 应为键值对（rules / time_patterns / …）")
            continue
        for key in set(data) - FILE_KEYS:
            problems.append(f"{path.name}: 未知的字段「{key}」（可用：{'、'.join(sorted(FILE_KEYS))}）")
        docs.append((path.name, data))
    rules = build_rules(docs, problems)
    for problem in rules.problems:
        log.error("checker rules: %s", problem)
    return rules


def build_rules(docs: list[tuple[str, dict]], problems: list[str] | None = None) -> Rules:
    """Rules from parsed YAML documents [(file name, data)]; problems are collected, not raised."""
    problems = problems if problems is not None else []
    time_src = [p for name, d in docs for p in _strings(d.get("time_patterns"), name, "time_patterns", problems)]
    neg_src = [p for name, d in docs for p in _strings(d.get("negation_patterns"), name, "negation_patterns", problems)]
    time_src = [p for p in time_src if _valid_regex(p, "time_patterns", problems)]
    neg_src = [p for p in neg_src if _valid_regex(p, "negation_patterns", problems)]
    safe_src = [p for name, d in docs for p in _strings(d.get("safe_patterns"), name, "safe_patterns", problems)
                if _valid_regex(p, "safe_patterns", problems)]
    safe = tuple(trainer_regex.compile(p) for p in safe_src)  # each on its own: their matches may overlap
    negatable, time_aware = (frozenset(c for name, d in docs for c in _strings(d.get(key), name, key, problems))
                             for key in ("negatable_categories", "time_aware_categories"))
    time_re = trainer_regex.compile("|".join(f"(?:{p})" for p in time_src)) if time_src else re.compile(r"(?!x)x")
    # Anchored at the end: searched in the window just before a hit (checker.NEGATION_WINDOW).
    negation = trainer_regex.compile("(?:" + "|".join(f"(?:{p})" for p in neg_src) + r")\Z") if neg_src else None
    rules: list[Rule] = []
    seen: set[str] = set()
    for name, data in docs:
        items = data.get("rules") or []
        if not isinstance(items, list):
            problems.append(f"{name}: rules 应为列表")
            continue
        for i, item in enumerate(items):
            rule = _read_rule(name, i, item, negation, problems)
            if rule is None:
                continue
            if rule.id in seen:
                problems.append(f"{name}: 规则「{rule.id}」重复")
                continue
            seen.add(rule.id)
            rules.append(rule)
    return Rules(tuple(rules), time_re, negation, negatable, time_aware, tuple(problems), safe)


def _read_rule(name: str, index: int, item: object, negation: re.Pattern | None,
               problems: list[str]) -> Rule | None:
    if not isinstance(item, dict):
        problems.append(f"{name}: rules[{index}] 应为键值对")
        return None
    rid = str(item.get("id") or f"rules[{index}]")
    where = f"{name}: 规则「{rid}」"
    before = len(problems)
    for key in set(item) - RULE_KEYS:
        problems.append(f"{where}: 未知的字段「{key}」")
    if not item.get("id"):
        problems.append(f"{where}: 缺少 id")
    category = item.get("category")
    if category not in FORBIDDEN_CATEGORIES:
        problems.append(f"{where}: category 应为 {'、'.join(FORBIDDEN_CATEGORIES)} 之一")
    for key in ("reason", "suggestion"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            problems.append(f"{where}: 缺少 {key}")
    advice = Advice(str(category), str(item.get("reason", "")).strip(), str(item.get("suggestion", "")).strip())
    words, word_advice = _read_words(item.get("words"), where, advice, problems)
    patterns = [p for p in _strings(item.get("patterns"), name, f"{rid}.patterns", problems)
                if _valid_regex(p, f"{where}.patterns", problems)]
    if not words and not patterns:
        problems.append(f"{where}: 至少要有 words 或 patterns")
    industries = _industries(item.get("industries"), where, problems)
    skip = _industries(item.get("skip_industries"), where, problems) or frozenset()
    check = None
    if item.get("check") is not None:
        check = CHECKS.get(str(item["check"]))
        if check is None:
            problems.append(f"{where}: 未知的 check「{item['check']}」（可用：{'、'.join(CHECKS)}）")
    after, within = None, 0
    if item.get("after") is not None:
        spec = item["after"] if isinstance(item["after"], dict) else {}
        a_words, _ = _read_words(spec.get("words"), where, advice, problems)
        a_patterns = [p for p in _strings(spec.get("patterns"), name, f"{rid}.after.patterns", problems)
                      if _valid_regex(p, f"{where}.after", problems)]
        within = spec.get("within", 30)
        if not (a_words or a_patterns) or not isinstance(within, int) or within < 0:
            problems.append(f"{where}: after 需要 words 或 patterns，以及非负整数 within")
        else:
            after = trainer_regex.compile(_alternation(a_words, a_patterns))
    repeat_min = repeat_gap = 0
    if item.get("repeat") is not None:
        spec = item["repeat"] if isinstance(item["repeat"], dict) else {}
        repeat_min, repeat_gap = spec.get("min", 0), spec.get("gap", 0)
        if not (isinstance(repeat_min, int) and repeat_min >= 2 and isinstance(repeat_gap, int) and repeat_gap >= 0):
            problems.append(f"{where}: repeat 需要 min（≥2）和 gap（≥0）两个整数")
    if len(problems) > before:
        return None
    return Rule(rid, trainer_regex.compile(_alternation(words, patterns)), advice, word_advice, industries, skip,
                negation if item.get("negation") else None, bool(item.get("unless_time")), after, within,
                repeat_min, repeat_gap, check)


def _read_words(raw: object, where: str, advice: Advice, problems: list[str]) -> tuple[list[str], dict[str, Advice]]:
    """Words as plain strings, or {text, better} when one word has its own better wording."""
    if raw is None:
        return [], {}
    if not isinstance(raw, list):
        problems.append(f"{where}: words 应为列表")
        return [], {}
    words: list[str] = []
    own: dict[str, Advice] = {}
    for item in raw:
        text, better = (item, None) if isinstance(item, (str, int)) else (
            (item.get("text"), item.get("better")) if isinstance(item, dict) else (None, None))
        folded = textnorm.fold(str(text)).strip() if text is not None else ""
        if not folded:
            problems.append(f"{where}: words 里有空的或格式不对的条目")
            continue
        words.append(folded)
        if better:
            own[folded] = replace(advice, suggestion=str(better))
    return words, own


def _strings(raw: object, name: str, what: str, problems: list[str]) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
        problems.append(f"{name}: {what} 应为文字列表")
        return []
    return raw


def _valid_regex(source: str, where: str, problems: list[str]) -> bool:
    try:
        compiled = trainer_regex.compile(source)
        trainer_regex.check(source)  # catastrophic backtracking: refused, named with its file
    except trainer_regex.Catastrophic as exc:
        problems.append(f"{where}: {exc}")
        return False
    except trainer_regex.error as exc:
        problems.append(f"{where}: 正则表达式「{source}」有误：{exc}")
        return False
    if compiled.fullmatch(""):
        problems.append(f"{where}: 正则表达式「{source}」能匹配空文字，会到处命中")
        return False
    return True


def _industries(raw: object, where: str, problems: list[str]) -> frozenset[str] | None:
    if raw is None:
        return None
    values = raw if isinstance(raw, list) else [raw]
    bad = [v for v in values if v not in INDUSTRIES]
    if bad:
        problems.append(f"{where}: 未知的行业 {bad}（可用：{'、'.join(INDUSTRIES)}）")
    return frozenset(v for v in values if v in INDUSTRIES)
