"""`Analyzer`: the customer's text in, an explainable reading out (`Analysis`, typed).

`read()` returns the typed reading; `analyze()` its JSON form (what `calmdesk analyze` prints).
Scenarios are recognised by `recognize.ScenarioModel` from the scenarios' 客户原话, triggers,
names and descriptions; the trigger words found verbatim are kept as evidence for the agent.

The compiled lexicon is cached per folder and rebuilt only when a file in it changes, so
the window can create an Analyzer per library change without paying for the YAML again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.analysis import persona, reading, stage, tally, text
from desktop_app.core.analysis import negation
from desktop_app.core.analysis.lexicon import FILES, INDUSTRY, Lexicon, load_lexicon
from desktop_app.core.analysis.matcher import Matcher
from desktop_app.core.analysis.recognize import ScenarioModel, ScenarioText
from desktop_app.core.analysis.result import Analysis, Evidence, ScenarioGuess
from desktop_app.core.analysis.scenarios import ScenarioIndex

MAX_EVIDENCE = 80  # the window shows a handful; a 1 MB rant must not return a 1 MB answer
MAX_SCENARIOS = 5
RECOGNISE_CHARS = 800  # the opening of a long paste states the problem; scoring it all adds nothing


@dataclass(frozen=True)
class Compiled:
    lexicon: Lexicon
    matcher: Matcher  # payloads: tuple[Cue, ...]


def default_lexicon_dir() -> Path:
    return paths.resources_dir() / "analysis"


def compiled(folder: Path) -> Compiled:
    """The lexicon in `folder`, checked and compiled; cached until one of its files changes."""
    folder = Path(folder).resolve()
    stamps: list[tuple[str, int | None, int | None]] = []
    for name in FILES:
        try:
            stat = (folder / name).stat()
            stamps.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((name, None, None))  # load_lexicon names the missing file
    return _compile(folder, tuple(stamps))


@lru_cache(maxsize=8)
def _compile(folder: Path, _stamps: tuple) -> Compiled:
    lexicon = load_lexicon(folder)
    return Compiled(lexicon, Matcher(lexicon.words, lexicon.patterns))


def _scenario_text(item) -> ScenarioText:
    """A (key, triggers) pair, a ScenarioInfo from the library, or a ScenarioText."""
    if isinstance(item, ScenarioText):
        return item
    if isinstance(item, tuple):
        key, triggers = item
        return ScenarioText(str(key), "general", (), tuple(str(t) for t in triggers))
    return ScenarioText(item.key, getattr(item, "industry", "general") or "general",
                        tuple(getattr(item, "examples", ()) or ()), tuple(str(t) for t in item.triggers),
                        getattr(item, "name", "") or "", getattr(item, "description", "") or "")


class Analyzer:
    def __init__(self, scenarios: Iterable = (), lexicon_dir: Path | None = None):
        self._compiled = compiled(lexicon_dir or default_lexicon_dir())
        texts = [_scenario_text(s) for s in scenarios]
        self._scenarios = ScenarioIndex((s.key, s.triggers) for s in texts)
        self._model = ScenarioModel(texts)
        self.model = self._model
        self.industry_of = {s.key: s.industry for s in texts}

    def scope(self, industry: str | None) -> set[str] | None:
        """The scenario keys an agent of `industry` works with: that industry and 通用."""
        if not industry or industry == "general":
            return None
        return {k for k, ind in self.industry_of.items() if ind in (industry, "general")}

    def read(self, text_in: str, industry: str | None = None) -> Analysis:
        if not isinstance(text_in, str):
            raise TypeError(f"read() needs a str, not {type(text_in).__name__}")
        lexicon, matcher = self._compiled.lexicon, self._compiled.matcher
        segments = text.prepare(text_in)
        found = [negation.resolve(seg, matcher.find(seg.text), lexicon.negation_gap) for seg in segments]
        counted = tally.count(segments, found)
        read = reading.read(counted)
        hint = persona.hint(counted, text_in, lexicon.persona_reasons, read.demand, read.urgent)
        boost = industry_boost(counted) if not industry or industry == "general" else None
        matches = self._model.rank(segments[0].text[:RECOGNISE_CHARS].lower(), self.scope(industry), MAX_SCENARIOS,
                                   folded=True, boost=boost)
        matches = _specific_first(matches)
        kept = {m.key for m in matches}
        _, trigger_evidence = self._scenarios.rank(segments)
        evidence = read.evidence + [(f"persona:{hint.persona}", s) for s in hint.spans]
        evidence += [(f, s) for f, s in trigger_evidence if f[len("scenario:"):] in kept]
        return Analysis(
            emotion=read.emotion,
            intensity=read.intensity,
            motives=tuple(read.motives),
            flags=tuple(read.flags),
            persona_hint=hint.persona,
            persona_reason=hint.reason,
            stage=stage.choose(read),
            scenarios=tuple(ScenarioGuess(m.key, round(min(1.0, m.score), 3), m.industry, m.cues) for m in matches),
            evidence=tuple(_evidence(text_in, evidence)),
        )

    def analyze(self, text_in: str, industry: str | None = None) -> dict:
        if not isinstance(text_in, str):
            raise TypeError(f"analyze() needs a str, not {type(text_in).__name__}")
        return self.read(text_in, industry).as_json()


INDUSTRY_BOOST = 5.0  # how far a clear trade cue (房间, 外卖, 信用卡) lifts that industry's scenarios
INDUSTRY_CLEAR = 2.0  # cue points at which the boost is full


def industry_boost(counted) -> dict[str, float]:
    """Factor per industry from its cue words: with no industry set, 房间 and 前台 put the hotel
    scenarios ahead of a 通用 one or another trade's. Shares, so a text naming two trades
    lifts both a little."""
    points = {key: score for (kind, key), score in counted.scores.items() if kind == INDUSTRY and score > 0}
    total = sum(points.values())
    if not total:
        return {}
    strength = min(1.0, total / INDUSTRY_CLEAR)
    return {key: 1.0 + INDUSTRY_BOOST * strength * score / total for key, score in points.items()}


GENERAL_MARGIN = 1.3  # a 通用 scenario leads an industry one only when this far ahead


def _specific_first(matches: list) -> list:
    """Hair in the food with 「叫你们经理」: the complaint is about the food. A 通用 scenario
    (找领导, 态度) stays first only when it is clearly ahead of the best industry scenario."""
    if not matches or matches[0].industry != "general":
        return matches
    specific = next((m for m in matches if m.industry != "general"), None)
    if specific is None or matches[0].score > GENERAL_MARGIN * specific.score:
        return matches
    return [specific] + [m for m in matches if m is not specific]


def _evidence(original: str, items: list[tuple[str, tuple[int, int]]]) -> list[Evidence]:
    unique = sorted(set(items), key=lambda item: (item[1][0], item[1][1], item[0]))[:MAX_EVIDENCE]
    return [Evidence(finding, start, end, original[start:end]) for finding, (start, end) in unique]


@lru_cache(maxsize=8)
def _shared(scenarios: tuple[tuple[str, tuple[str, ...]], ...]) -> Analyzer:
    return Analyzer(scenarios)


def analyze(text_in: str, scenarios: Iterable[tuple[str, Sequence[str]]] = ()) -> dict:
    """Analyse one text with the bundled lexicons (the Analyzer is reused between calls)."""
    key = tuple((str(k), tuple(str(t) for t in triggers)) for k, triggers in scenarios)
    return _shared(key).analyze(text_in)
