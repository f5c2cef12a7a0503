"""Add up the cues that stand, remembering which words in the original text earned each score.

Also measures the things that are not words: runs of ！ and ？, repeated characters or phrases
(快快快, 退钱退钱退钱), digits. Everything keeps original-text spans so the window can mark them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from desktop_app.core.analysis.lexicon import CONDITIONAL, FLAG, Cue
from desktop_app.core.analysis.negation import Found
from desktop_app.core.analysis.text import Segment

Span = tuple[int, int]
_EXCLAIM = re.compile(r"!+")
_QUESTIONS = re.compile(r"\?{2,}")
# The same one-to-four characters three times or more; punctuation runs are measured apart.
_REPEAT = re.compile(r"(\w{1,4}?)\1{2,}")
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Flags that make a conditional sentence a threat (不……就曝光/投诉/起诉/找领导).
THREATS = ("media_threat", "regulator", "legal", "escalation")


@dataclass
class Tally:
    scores: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    spans: dict[tuple[str, str], list[Span]] = field(default_factory=lambda: defaultdict(list))
    exclaim: list[Span] = field(default_factory=list)  # runs of ！
    questions: list[Span] = field(default_factory=list)  # runs of ？？
    repeats: list[Span] = field(default_factory=list)
    digits: list[Span] = field(default_factory=list)
    conditional_threats: list[Span] = field(default_factory=list)  # threat + condition in one sentence
    length: int = 0

    def score(self, kind: str, key: str) -> float:
        return self.scores.get((kind, key), 0.0)

    def evidence(self, kind: str, key: str) -> list[Span]:
        return self.spans.get((kind, key), [])

    def add(self, cue: Cue, span: Span) -> None:
        self.scores[(cue.kind, cue.key)] += cue.weight
        self.spans[(cue.kind, cue.key)].append(span)

    def exclaim_strength(self) -> float:
        """0.5 for a ！, 0.25 more for each further one up to three: 「！！！」 shouts more than 「！」."""
        return sum(0.5 + 0.25 * (min(3, end - start) - 1) for start, end in self.exclaim)


def count(segments: list[Segment], found_by_segment: list[list[Found]]) -> Tally:
    tally = Tally()
    for segment, found in zip(segments, found_by_segment):
        tally.length += len(segment.text)
        for f in found:
            tally.add(f.cue, segment.span(f.start, f.end))
        text = segment.text
        tally.exclaim += [segment.span(*m.span()) for m in _EXCLAIM.finditer(text)]
        tally.questions += [segment.span(*m.span()) for m in _QUESTIONS.finditer(text)]
        tally.repeats += [segment.span(*m.span()) for m in _REPEAT.finditer(text) if not m.group(1).isdigit()]
        tally.digits += [segment.span(*m.span()) for m in _DIGITS.finditer(text)]
        tally.conditional_threats += _conditional_threats(segment, found)
    return tally


def _conditional_threats(segment: Segment, found: list[Found]) -> list[Span]:
    conditions = {segment.sentence(f.start): f for f in found if f.cue.kind == CONDITIONAL}
    spans = []
    for f in found:
        if f.cue.kind == FLAG and f.cue.key in THREATS:
            condition = conditions.get(segment.sentence(f.start))
            if condition is not None:
                spans += [segment.span(condition.start, condition.end), segment.span(f.start, f.end)]
    return spans
