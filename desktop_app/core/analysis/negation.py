"""Which cues count: negation (我不是要钱, 我没有生气) and hedges (要不是……, 别误会……).

A negator cancels a cue when it stands just before it in the same clause (single-character
negators must touch the cue); an after-negator (投诉倒不至于) cancels a motive or flag just
before it. A sentence hedge cancels every cue after it up to the end of the sentence, a clause
hedge (本来想投诉的，……) up to the next comma. Words inside quotation marks are someone
else's (客服说“建议您耐心等待”) and count for nothing. A negated compliment (不是很满意) turns into a
little disappointment instead of vanishing.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from desktop_app.core.analysis.lexicon import (
    EMOTION, FLAG, HEDGE_CLAUSE, HEDGE_SENTENCE, MOTIVE, NEGATOR, NEGATOR_AFTER, SIGNAL, Cue,
)
from desktop_app.core.analysis.matcher import Hit
from desktop_app.core.analysis.text import Segment

# Which negator list governs which kind of cue; a demand (SIGNAL) is negated like a motive.
NEGATION_SCOPE = {EMOTION: EMOTION, MOTIVE: MOTIVE, SIGNAL: MOTIVE, FLAG: FLAG}
NEGATED_PRAISE_WEIGHT = 0.5
# 「饭还行，就是送得太慢」: praise before a turn (但是, 就是, 可惜…) in the same sentence is the
# polite lead-in to the complaint, not a reason to call the text calm.
_CONTRAST = re.compile(r"但是|(?<!不)但|可是|不过|只是|可惜|然而|却|就是|偏偏")


class Found(NamedTuple):
    cue: Cue
    start: int  # in segment text
    end: int


class _Positions:
    """Hits of one modifier kind, searchable by where they end or start."""

    def __init__(self, hits: list[Hit]):
        self.by_end = sorted(hits, key=lambda h: h.end)
        self.ends = [h.end for h in self.by_end]
        self.by_start = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.by_start]

    def last_ending_by(self, pos: int) -> Hit | None:
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.by_end[i] if i >= 0 else None

    def first_starting_from(self, pos: int) -> Hit | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.by_start[i] if i < len(self.starts) else None

    def last_starting_before(self, pos: int) -> Hit | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        return self.by_start[i] if i >= 0 else None


def resolve(segment: Segment, hits: list[Hit], gap: int) -> list[Found]:
    """The cues that stand, in text order, with negation and hedges applied."""
    buckets: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        for cue in hit.payload:
            if cue.kind in (NEGATOR, NEGATOR_AFTER, HEDGE_SENTENCE, HEDGE_CLAUSE):
                buckets.setdefault((cue.kind, cue.key), []).append(hit)
    negators = {scope: _Positions(buckets.get((NEGATOR, scope), [])) for scope in (EMOTION, MOTIVE, FLAG)}
    after = _Positions(buckets.get((NEGATOR_AFTER, ""), []))
    sentence_hedges = _Positions(buckets.get((HEDGE_SENTENCE, ""), []))
    clause_hedges = _Positions(buckets.get((HEDGE_CLAUSE, ""), []))

    found: list[Found] = []
    reach: dict[tuple[str, str], int] = {}  # where the last hit of each cue ended
    for hit in hits:
        for cue in hit.payload:
            if hit.start < reach.get((cue.kind, cue.key), 0):
                continue  # 「太过分了」 is one 「太过分」, not also 「过分了」
            reach[(cue.kind, cue.key)] = hit.end
            scope = NEGATION_SCOPE.get(cue.kind)
            if scope is None:
                found.append(Found(cue, hit.start, hit.end))  # persona, intensity, question, ...
                continue
            if _hedged(segment, hit, sentence_hedges, clause_hedges) or segment.quoted(hit.start, hit.end):
                continue
            negator = _negator_before(segment, hit, negators[scope], gap)
            if negator is None and cue.kind != EMOTION:
                negator = _negator_after(segment, hit, after, gap)
            if negator is None:
                found.append(Found(cue, hit.start, hit.end))
            elif cue.key == "positive":
                turned = Cue(EMOTION, "disappointment", cue.weight * NEGATED_PRAISE_WEIGHT)
                found.append(Found(turned, min(negator.start, hit.start), max(negator.end, hit.end)))
    return _drop_praise_before_complaint(_drop_praise_before_turn(segment, found))


def _drop_praise_before_turn(segment: Segment, found: list[Found]) -> list[Found]:
    if not any(f.cue.key == "positive" for f in found):
        return found
    turns = [m.start() for m in _CONTRAST.finditer(segment.text)]
    if not turns:
        return found

    def turned_after(f: Found) -> bool:
        i = bisect.bisect_right(turns, f.end - 1)
        return i < len(turns) and segment.sentence(turns[i]) == segment.sentence(f.start)

    return [f for f in found if not (f.cue.kind == EMOTION and f.cue.key == "positive" and turned_after(f))]


def _drop_praise_before_complaint(found: list[Found]) -> list[Found]:
    """「宝贝不错，物流也不错，售后差」: praise that a complaint follows is the lead-in; the
    customer's last word is the one that counts. Praise after the complaint (东西坏了，不过客服
    很耐心) still softens it."""
    negatives = [f for f in found if (f.cue.kind == EMOTION and f.cue.key != "positive")
                 or (f.cue.kind == FLAG and f.cue.key == "abuse")]
    if not negatives:
        return found
    last_negative = max(f.start for f in negatives)

    def lead_in(f: Found) -> bool:
        # Before the complaint, or inside a sarcastic one (这就是你们说的五星级？).
        return f.end <= last_negative or any(n.start <= f.start and f.end <= n.end for n in negatives)

    return [f for f in found if not (f.cue.kind == EMOTION and f.cue.key == "positive" and lead_in(f))]


def _negator_before(segment: Segment, hit: Hit, negators: _Positions, gap: int) -> Hit | None:
    neg = negators.last_ending_by(hit.start)
    if neg is None:
        return None
    allowed = 0 if neg.end - neg.start == 1 else gap
    if hit.start - neg.end <= allowed and segment.clause(neg.start) == segment.clause(hit.start):
        return neg
    return None


def _negator_after(segment: Segment, hit: Hit, after: _Positions, gap: int) -> Hit | None:
    neg = after.first_starting_from(hit.end)
    if neg is not None and neg.start - hit.end <= gap and segment.clause(neg.start) == segment.clause(hit.start):
        return neg
    return None


def _hedged(segment: Segment, hit: Hit, sentence_hedges: _Positions, clause_hedges: _Positions) -> bool:
    hedge = sentence_hedges.last_starting_before(hit.start)
    if hedge is not None and segment.sentence(hedge.start) == segment.sentence(hit.start):
        return True
    hedge = clause_hedges.last_starting_before(hit.start)
    return hedge is not None and segment.clause(hedge.start) == segment.clause(hit.start)
