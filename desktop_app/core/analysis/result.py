"""The reading of one customer text as typed values (the window and the CLI show these).

Which flags are risks and how intensity is banded are decisions of the core, written here
once, so the window, the CLI and the checklists agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Flags that outrank everything else the agent sees: a life, money being stolen right now, a
# hazard, violence. Their checklist opens before any phrase.
URGENT_FLAGS = ("emergency", "fraud", "danger", "violence")
# Flags that change how the call is handled (a checklist, a hand-over), after the urgent ones.
RISK_FLAGS = URGENT_FLAGS + ("vulnerable", "data_leak", "group", "escalation", "media_threat",
                             "regulator", "legal", "abuse")
# Intensity bands, highest first: (lowest value of the band, key, label).
INTENSITY_BANDS = ((0.75, "high", "激动"), (0.4, "medium", "明显"), (0.0, "low", "平和"))


def intensity_band(value: float) -> tuple[str, str]:
    for lowest, key, label in INTENSITY_BANDS:
        if value >= lowest:
            return key, label
    return INTENSITY_BANDS[-1][1], INTENSITY_BANDS[-1][2]


@dataclass(frozen=True)
class Evidence:
    finding: str  # "emotion:anger", "motive:leverage", "flag:fraud", "scenario:KEY", "persona:driver", "intensity"
    start: int  # in the text the agent pasted
    end: int
    text: str

    def as_json(self) -> dict:
        return {"finding": self.finding, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class ScenarioGuess:
    key: str
    score: float  # 0..1
    industry: str = "general"
    cues: tuple[str, ...] = ()  # the customer's words that pointed at it

    def as_json(self) -> dict:
        return {"key": self.key, "score": self.score, "industry": self.industry, "cues": list(self.cues)}


@dataclass(frozen=True)
class Analysis:
    emotion: str
    intensity: float
    motives: tuple[str, ...]
    flags: tuple[str, ...]
    persona_hint: str | None
    persona_reason: str | None
    stage: str
    scenarios: tuple[ScenarioGuess, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def risks(self) -> tuple[str, ...]:
        """Risk flags, the urgent ones first."""
        return tuple(f for f in RISK_FLAGS if f in self.flags)

    @property
    def urgent(self) -> tuple[str, ...]:
        return tuple(f for f in URGENT_FLAGS if f in self.flags)

    @property
    def band(self) -> str:
        return intensity_band(self.intensity)[0]

    def as_json(self) -> dict:
        return {
            "emotion": self.emotion,
            "intensity": self.intensity,
            "intensity_band": self.band,
            "motives": list(self.motives),
            "flags": list(self.flags),
            "risks": list(self.risks),
            "persona_hint": self.persona_hint,
            "persona_reason": self.persona_reason,
            "stage": self.stage,
            "scenarios": [s.as_json() for s in self.scenarios],
            "evidence": [e.as_json() for e in self.evidence],
        }
