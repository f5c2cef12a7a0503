"""The draft checker: a second pair of eyes on the reply the agent is about to send.

`check()` marks the library's 禁语 and the built-in "must avoid" patterns (rule_book)
with the span in the agent's own text, the reason and a better wording. Matching runs on the
folded text (Traditional → Simplified, full-width → half-width), which has the same length as
the input, so every span points into what the agent pasted. Each rule is one regex pass and
every later step is linear in the number of hits, so a 1 MB draft is checked in well under a
second.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from desktop_app.core import textnorm, trainer_regex
from desktop_app.core.checker.rule_book import SENTENCE_END, Rule, Rules, builtin_rules
from desktop_app.core.vocab import FORBIDDEN_CATEGORIES, INDUSTRIES

# How far before a hit a negation is looked for ("不能" + a few words + "保证").
NEGATION_WINDOW = 16


@dataclass(frozen=True)
class Issue:
    start: int  # character offsets into the checked text
    end: int
    text: str
    kind: str  # a FORBIDDEN_CATEGORIES key: shirking, blame, overpromise, …
    rule: str  # the rule id ("forbidden" for the library's 禁语)
    reason: str
    suggestion: str

    @property
    def label(self) -> str:
        return FORBIDDEN_CATEGORIES.get(self.kind, self.kind)

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind, "label": self.label,
                "rule": self.rule, "reason": self.reason, "suggestion": self.suggestion}


class UnknownIndustry(ValueError):
    pass


def load_rules(library=None) -> Rules:
    """Built-in rules plus, when a library is given, its 禁语. Build once and reuse while typing."""
    rules = builtin_rules()
    return rules.with_forbidden(library.forbidden()) if library is not None else rules


def check(text: str, source=None, industry: str | None = None) -> list[Issue]:
    """Issues in `text`, in order. `source` is a Rules, a Library, or None for the built-in rules only.

    `industry` limits industry rules to that industry; None applies them all (the safe side).
    """
    if industry is not None and industry not in INDUSTRIES:
        raise UnknownIndustry(f"未知的行业「{industry}」（可用：{', '.join(INDUSTRIES)}）")
    rules = source if isinstance(source, Rules) else load_rules(source)
    if not text:
        return []
    folded = textnorm.fold(text)  # same length as text, surrogates and all
    sentences = _Sentences(folded, rules)
    found: list[tuple[int, Issue]] = []
    for priority, rule in enumerate(rules.rules):
        if rule.applies(industry):
            found.extend((priority, issue) for issue in _run(rule, text, folded, sentences))
    if rules.safe and found:
        found = _drop_safe(found, folded, rules.safe)
    return _drop_nested(found)


def _drop_safe(found: list[tuple[int, Issue]], folded: str, safe) -> list[tuple[int, Issue]]:
    """A hit that lies inside good wording (我帮您看看还有没有办法 holds 没有办法) is not a problem."""
    spans = [m.span() for pattern in safe for m in trainer_regex.finditer(pattern, folded)]
    if not spans:
        return found
    return [(p, i) for p, i in found if not any(s <= i.start and i.end <= e for s, e in spans)]


def _run(rule: Rule, text: str, folded: str, sentences: _Sentences) -> list[Issue]:
    spans: list[tuple[int, int]] = []
    for match in trainer_regex.finditer(rule.regex, folded):
        start, end = match.span()
        if start == end:
            continue
        if rule.negation and trainer_regex.search(rule.negation, folded, max(0, start - NEGATION_WINDOW), start):
            continue  # negated: 不能保证 is honest, 不保本 is the truth
        if rule.check and not rule.check(folded[start:end]):
            continue
        if rule.unless_time and sentences.has_time(start):
            continue
        spans.append((start, end))
    if rule.after is not None and spans:
        spans = _preceded(spans, rule, folded)
    if rule.repeat_min and spans:
        spans = _clusters(spans, rule.repeat_min, rule.repeat_gap)
    issues = []
    for start, end in spans:
        advice = rule.word_advice.get(folded[start:end], rule.advice)
        issues.append(Issue(start, end, text[start:end], advice.category, rule.id, advice.reason, advice.suggestion))
    return issues


def _preceded(spans: list[tuple[int, int]], rule: Rule, folded: str) -> list[tuple[int, int]]:
    """Hits with an `after` match ending at most `within` characters before them; the span covers both."""
    assert rule.after is not None  # only rules with an `after` pattern come here
    leads = [m.span() for m in trainer_regex.finditer(rule.after, folded)]
    ends = [e for _s, e in leads]
    out = []
    for start, end in spans:
        i = bisect.bisect_right(ends, start) - 1
        if i >= 0 and start - ends[i] <= rule.within:
            out.append((leads[i][0], end))
    return out


def _clusters(spans: list[tuple[int, int]], minimum: int, gap: int) -> list[tuple[int, int]]:
    """Runs of at least `minimum` hits, each within `gap` characters of the last: 谢谢谢谢谢谢."""
    out = []
    run = [spans[0]]
    for span in spans[1:]:
        if span[0] - run[-1][1] <= gap:
            run.append(span)
            continue
        if len(run) >= minimum:
            out.append((run[0][0], run[-1][1]))
        run = [span]
    if len(run) >= minimum:
        out.append((run[0][0], run[-1][1]))
    return out


def _drop_nested(found: list[tuple[int, Issue]]) -> list[Issue]:
    """One mark per place: an issue inside another of the same kind is dropped (the library's wins)."""
    found.sort(key=lambda pi: (pi[1].start, -pi[1].end, pi[0]))
    reach: dict[str, int] = {}  # kind -> furthest end of a kept issue (all of which started earlier)
    kept = []
    for _priority, issue in found:
        if reach.get(issue.kind, -1) >= issue.end:
            continue
        reach[issue.kind] = max(reach.get(issue.kind, -1), issue.end)
        kept.append(issue)
    return kept


class _Sentences:
    """Whether the sentence around a position names a concrete time; computed lazily, once each."""

    def __init__(self, folded: str, rules: Rules):
        self.folded = folded
        self.time = rules.time
        self._ends: list[int] | None = None
        self._cache: dict[int, bool] = {}

    def has_time(self, pos: int) -> bool:
        if self._ends is None:
            self._ends = [m.end() for m in SENTENCE_END.finditer(self.folded)]
        i = bisect.bisect_right(self._ends, pos)
        if i not in self._cache:
            start = self._ends[i - 1] if i > 0 else 0
            end = self._ends[i] if i < len(self._ends) else len(self.folded)
            self._cache[i] = trainer_regex.search(self.time, self.folded, start, end) is not None
        return self._cache[i]
