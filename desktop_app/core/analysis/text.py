"""The customer's words in the form the lexicons are matched against, with a way back.

`fold` makes Traditional, full-width and upper-case input comparable without changing the
length; on top of that, spaces are dropped (「退 款」 is 「退款」), and a map remembers where
each kept character was, so a span found here is reported on the characters the agent pasted.
Very long pastes are read as a head and a tail window: the opening states the problem and the
closing states the demand, and a 1 MB paste must not hold up the agent.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from desktop_app.core import textnorm

HEAD_CHARS = 6000
TAIL_CHARS = 2000
_DROPPED = re.compile(r"[ \t\u00a0\u200b-\u200f\u2060\ufeff]")
_DROPPED_CHARS = frozenset(" \t\u00a0\u2060\ufeff" + "".join(map(chr, range(0x200B, 0x2010))))
# A sentence ends at these; a clause (the scope of a negation) also at commas and the like.
_SENTENCE_END = re.compile(r"[。！？!?；;\n\r]+")
_CLAUSE_END = re.compile(r"[。！？!?；;\n\r，,、：:…~～]+")
# Reported speech: 客服只会说“请耐心等待” is not the customer asking for patience.
_QUOTED = re.compile(r"“[^”]{1,80}”|「[^」]{1,80}」|『[^』]{1,80}』|\"[^\"]{1,80}\"|‘[^’]{1,80}’")


@dataclass
class Segment:
    text: str  # folded, spaces removed
    offset: int  # where the window starts in the original
    origin: list[int] | None  # text index -> window index; None when nothing was dropped
    sentence_ends: list[int]
    clause_ends: list[int]
    quotes: list[tuple[int, int]]  # spans of quoted speech, in order

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of text[start:end]."""
        if self.origin is None:
            return self.offset + start, self.offset + end
        return self.offset + self.origin[start], self.offset + self.origin[end - 1] + 1

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_ends, pos)

    def clause(self, pos: int) -> int:
        return bisect.bisect_right(self.clause_ends, pos)

    def quoted(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.quotes, (start, len(self.text) + 1)) - 1
        return i >= 0 and self.quotes[i][0] < start and end < self.quotes[i][1]


def _segment(window: str, offset: int) -> Segment:
    folded = textnorm.fold(window)
    origin = None
    if _DROPPED.search(folded):
        origin = [i for i, ch in enumerate(folded) if ch not in _DROPPED_CHARS]
        folded = "".join(folded[i] for i in origin)
    return Segment(
        text=folded,
        offset=offset,
        origin=origin,
        sentence_ends=[m.start() for m in _SENTENCE_END.finditer(folded)],
        clause_ends=[m.start() for m in _CLAUSE_END.finditer(folded)],
        quotes=[m.span() for m in _QUOTED.finditer(folded)],
    )


def prepare(text: str) -> list[Segment]:
    """One segment for ordinary text; a head and a tail segment for very long text."""
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return [_segment(text, 0)]
    tail_start = len(text) - TAIL_CHARS
    return [_segment(text[:HEAD_CHARS], 0), _segment(text[tail_start:], tail_start)]
