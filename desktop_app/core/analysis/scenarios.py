"""Rank the phrase library's scenarios by their trigger words found in the customer's text.

A scenario scores by the distinct triggers it matched, longer triggers counting more
(「转账没到账」 says more than 「转账」); the score is squashed into 0..1 for display.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from desktop_app.core.analysis.lexicon import normalise_term
from desktop_app.core.analysis.matcher import Matcher
from desktop_app.core.analysis.tally import Span
from desktop_app.core.analysis.text import Segment

MAX_SCENARIOS = 5


class ScenarioIndex:
    def __init__(self, scenarios: Iterable[tuple[str, Sequence[str]]]):
        keys_by_trigger: dict[str, list[str]] = defaultdict(list)
        for key, triggers in scenarios:
            for trigger in triggers:
                term = normalise_term(str(trigger))
                if term and key not in keys_by_trigger[term]:
                    keys_by_trigger[term].append(key)
        self._matcher = Matcher({t: tuple(k) for t, k in keys_by_trigger.items()})

    def rank(self, segments: list[Segment]) -> tuple[list[dict], list[tuple[str, Span]]]:
        points: dict[str, float] = defaultdict(float)
        first: dict[str, int] = {}
        seen: set[tuple[str, str]] = set()
        evidence: list[tuple[str, Span]] = []
        for segment in segments:
            for hit in self._matcher.find(segment.text):
                trigger = segment.text[hit.start : hit.end]
                span = segment.span(hit.start, hit.end)
                for key in hit.payload:
                    evidence.append((f"scenario:{key}", span))
                    first.setdefault(key, span[0])
                    if (key, trigger) not in seen:  # a trigger said twice is still one reason
                        seen.add((key, trigger))
                        points[key] += 1 + 0.25 * min(4, len(trigger) - 1)
        ranked = sorted(points, key=lambda k: (-points[k], first[k], k))[:MAX_SCENARIOS]
        kept = set(ranked)
        results = [{"key": k, "score": round(1 - math.exp(-points[k] / 2), 3)} for k in ranked]
        return results, [(f, s) for f, s in evidence if f[len("scenario:"):] in kept]
