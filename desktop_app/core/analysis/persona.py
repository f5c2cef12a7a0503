"""A hint at the customer's persona (表现型/分析型/温和型/支配型) and the words behind it.

Only a hint: one complaint is little to judge a person by, so nothing is said unless one
persona clearly leads. Besides the lexicon, numbers suggest an analytical customer, shouting
an expressive one, and a very short demand a driver.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.analysis.lexicon import PERSONA
from desktop_app.core.analysis.tally import Span, Tally
from desktop_app.core.vocab import PERSONAS

HINT_MIN = 2.0  # points the leading persona needs
LEAD_MIN = 0.5  # and its lead over the next one
SHORT_DEMAND_CHARS = 15


@dataclass
class PersonaHint:
    persona: str | None
    reason: str | None
    spans: list[Span]


def hint(tally: Tally, text: str, reasons: dict[str, str], demand: bool, urgent: bool) -> PersonaHint:
    scores = {p: tally.score(PERSONA, p) for p in PERSONAS}
    spans = {p: list(tally.evidence(PERSONA, p)) for p in PERSONAS}
    if len(tally.digits) >= 3:
        scores["analytical"] += 1.0
        spans["analytical"] += tally.digits[:3]
    loud = [s for s in tally.exclaim if s[1] - s[0] >= 2]
    if len(loud) >= 2:
        scores["expressive"] += 1.0
        spans["expressive"] += loud[:2]
    if tally.length <= SHORT_DEMAND_CHARS and (demand or urgent):
        scores["driver"] += 1.0
    ranked = sorted(PERSONAS, key=lambda p: -scores[p])
    best, second = ranked[0], ranked[1]
    if scores[best] < HINT_MIN or scores[best] - scores[second] < LEAD_MIN:
        return PersonaHint(None, None, [])
    words = []
    for start, end in sorted(spans[best]):
        word = text[start:end]
        if word not in words:
            words.append(word)
    shown = "".join(f"「{w}」" for w in words[:3])
    reason = f"{PERSONAS[best]}：{reasons[best]}" + (f"（线索：{shown}）" if shown else "")
    return PersonaHint(best, reason, spans[best])
