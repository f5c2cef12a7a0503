"""Regular expressions trainers write (lexicon cues, checker rules): refused when they backtrack
catastrophically, and run with a time budget anyway.

Python's `re` has no timeout: `(?:啊+)+哦` in a lexicon made a 30-character input take 38 s.
Patterns are compiled with the `regex` package (same syntax for what trainers write) and, at
load, tried against inputs built from the pattern's own characters — runs of one character and
of pairs, each followed by one that breaks the match — under a 50 ms budget. A pattern that
overruns is refused with its text, so the trainer can fix it. At match time every search has
a budget too (MATCH_BUDGET_S); an overrun drops that pattern's matches for that text and logs it.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import regex

log = logging.getLogger(__name__)

PROBE_BUDGET_S = 0.05
MATCH_BUDGET_S = 0.25
PROBE_LENGTH = 40
_META = set("\\^$.|?*+()[]{}")
error = regex.error


class Catastrophic(ValueError):
    """The pattern backtracks for too long on a short input; the message says on which."""


def compile(source: str) -> regex.Pattern:  # noqa: A001 — mirrors re.compile
    return regex.compile(source, flags=regex.VERSION0)


def _probes(source: str) -> list[str]:
    chars = [c for c in dict.fromkeys(source) if c not in _META and not c.isspace()][:24]
    chars += ["a", "0", "啊"]
    tails = ["\uffff", "!", ""]
    probes = [c * PROBE_LENGTH + t for c in chars for t in tails[:2]]
    for a, b in zip(chars, chars[1:]):
        probes.append((a + b) * (PROBE_LENGTH // 2) + "\uffff")
    return probes


@lru_cache(maxsize=2048)
def check(source: str) -> None:
    """Raise Catastrophic when `source` takes more than PROBE_BUDGET_S on a probe."""
    pattern = compile(source)
    for probe in _probes(source):
        try:
            pattern.search(probe, timeout=PROBE_BUDGET_S)
        except TimeoutError:
            shown = probe[:6] + "…" if len(probe) > 6 else probe
            raise Catastrophic(f"正则「{source}」在「{shown}」这样 {len(probe)} 个字的输入上要回溯很久"
                               "（嵌套的重复，如 (a+)+），请改写：去掉外层的 + 或 *") from None


def finditer(pattern, text: str, budget: float = MATCH_BUDGET_S) -> list:
    """Every match, or none when the budget runs out (logged with the pattern). A plain
    re.Pattern (built-in word lists, no trainer syntax) runs without a budget."""
    if isinstance(pattern, re.Pattern):
        return list(pattern.finditer(text))
    try:
        return list(pattern.finditer(text, timeout=budget))
    except TimeoutError:
        log.error("pattern %r ran out of time on a %d-character text; its matches are skipped",
                  pattern.pattern, len(text))
        return []


def search(pattern, text: str, pos: int = 0, endpos: int | None = None, budget: float = MATCH_BUDGET_S):
    if isinstance(pattern, re.Pattern):
        return pattern.search(text, pos, len(text) if endpos is None else endpos)
    try:
        return pattern.search(text, pos, len(text) if endpos is None else endpos, timeout=budget)
    except TimeoutError:
        log.error("pattern %r ran out of time on a %d-character text", pattern.pattern, len(text))
        return None
