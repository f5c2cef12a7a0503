"""`Analyzer`: the customer's text in, an explainable reading out (a plain JSON-able dict).

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
from desktop_app.core.analysis.lexicon import FILES, Lexicon, load_lexicon
from desktop_app.core.analysis.matcher import Matcher
from desktop_app.core.analysis.scenarios import ScenarioIndex

MAX_EVIDENCE = 80  # the window shows a handful; a 1 MB rant must not return a 1 MB answer


@dataclass(frozen=True)
class Compiled:
    lexicon: Lexicon
    matcher: Matcher  # payloads: tuple[Cue, ...]


def default_lexicon_dir() -> Path:
    return paths.resources_dir() / "analysis"


def compiled(folder: Path) -> Compiled:
    """The lexicon in `folder`, checked and compiled; cached until one of its files changes."""
    folder = Path(folder).resolve()
    stamps = []
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


class Analyzer:
    def __init__(self, scenarios: Iterable[tuple[str, Sequence[str]]] = (), lexicon_dir: Path | None = None):
        self._compiled = compiled(lexicon_dir or default_lexicon_dir())
        self._scenarios = ScenarioIndex(scenarios)

    def analyze(self, text_in: str) -> dict:
        if not isinstance(text_in, str):
            raise TypeError(f"analyze() needs a str, not {type(text_in).__name__}")
        lexicon, matcher = self._compiled.lexicon, self._compiled.matcher
        segments = text.prepare(text_in)
        found = [negation.resolve(seg, matcher.find(seg.text), lexicon.negation_gap) for seg in segments]
        counted = tally.count(segments, found)
        read = reading.read(counted)
        hint = persona.hint(counted, text_in, lexicon.persona_reasons, read.demand, read.urgent)
        scenarios, scenario_evidence = self._scenarios.rank(segments)
        evidence = read.evidence + [(f"persona:{hint.persona}", s) for s in hint.spans] + scenario_evidence
        return {
            "emotion": read.emotion,
            "intensity": read.intensity,
            "motives": read.motives,
            "flags": read.flags,
            "persona_hint": hint.persona,
            "persona_reason": hint.reason,
            "stage": stage.choose(read),
            "scenarios": scenarios,
            "evidence": _evidence(text_in, evidence),
        }


def _evidence(original: str, items: list[tuple[str, tuple[int, int]]]) -> list[dict]:
    unique = sorted(set(items), key=lambda item: (item[1][0], item[1][1], item[0]))[:MAX_EVIDENCE]
    return [{"finding": finding, "start": start, "end": end, "text": original[start:end]}
            for finding, (start, end) in unique]


@lru_cache(maxsize=8)
def _shared(scenarios: tuple[tuple[str, tuple[str, ...]], ...]) -> Analyzer:
    return Analyzer(scenarios)


def analyze(text_in: str, scenarios: Iterable[tuple[str, Sequence[str]]] = ()) -> dict:
    """Analyse one text with the bundled lexicons (the Analyzer is reused between calls)."""
    key = tuple((str(k), tuple(str(t) for t in triggers)) for k, triggers in scenarios)
    return _shared(key).analyze(text_in)
