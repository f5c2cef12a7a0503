"""Which scenario the customer is talking about: a character n-gram model of 客户原话.

Trained, when the library changes, on each scenario's customer examples (客户原话), its trigger
words and its name and description: everything a trainer writes about what customers say.
Chosen by measurement (5-fold cross-validation over the 客户原话 of 45 scenarios, 1,207
examples, top 3 with the industry set): TF-IDF vectors of character uni-, bi- and a little
trigram weight, compared with each scenario's centroid by cosine, scored 0.81; naive Bayes on
the same n-grams 0.77, nearest examples (k=15) 0.72, bi+trigrams without single characters
0.38. 暖气一点都不热 still shares 暖气 and 不热 with 暖气不热; a typo costs one n-gram, not the match.

The inverse document frequency is counted over scenarios, so a word that many scenarios share
(经理, 投诉, 孩子) weighs little and no single generic word decides the answer. Pure Python,
no model file: a library of 130 scenarios with 30 examples each trains in well under a second,
and a 500-character text is scored in about a millisecond.
"""

from __future__ import annotations

import heapq
import math
import re
from operator import itemgetter
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop_app.core import textnorm

# Weight of each n-gram order in a vector (measured, see above): single characters carry much
# of the topic in short colloquial texts (虫, 吵, 冷), pairs the words, triples a little order.
ORDER_WEIGHTS = {1: 1.0, 2: 1.0, 3: 0.3}
TRIGGER_WEIGHT = 1.5  # a trigger word is a short example that a trainer picked on purpose
NAME_WEIGHT = 1.0
MAX_GRAMS = 400  # per scenario centroid
# Of a long text only its strongest grams are scored: the long tail of one-off pairs and
# triples of a 500-character paste adds little to the cosine and most of the time.
MAX_TEXT_GRAMS = 160
MIN_IDF = 0.25  # about: in more than 85 % of the scenarios
MIN_SCORE = 0.005  # below this a scenario shares nothing but noise with the text
_KEEP = re.compile(r"[0-9a-z\u3400-\u9fff]+")
# A phone, card or order number says nothing about the topic, and its digits must not spell a
# hotline (13912345678 holds 12345): long digit runs are dropped before n-grams are made.
_LONG_NUMBER = re.compile(r"\d{6,}")


def _runs(text: str, folded: bool = False) -> list[str]:
    return _KEEP.findall(_LONG_NUMBER.sub(" ", text if folded else textnorm.fold(text).lower()))


def cue_words(text: str, grams_found: list[str], limit: int = 2) -> tuple[str, ...]:
    """The stretches of `text` the matched n-grams cover, merged (柜员 + 员机 → 柜员机), in
    the order of the best gram inside each: words an agent can read, not character pairs."""
    spans: list[tuple[int, int, int]] = []  # start, end, rank of the best gram
    for rank, g in enumerate(grams_found):
        start = text.find(g)
        while start != -1:
            spans.append((start, start + len(g), rank))
            start = text.find(g, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for start, end, rank in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = min(merged[-1][2], rank)
        else:
            merged.append([start, end, rank])
    merged.sort(key=lambda m: (m[2], -(m[1] - m[0])))
    out: list[str] = []
    for start, end, _rank in merged:
        word = text[start:end]
        if word not in out:
            out.append(word)
    return tuple(out[:limit])


def grams(text: str, folded: bool = False) -> dict[str, float]:
    """Character n-grams of a text (within runs of letters and digits), each weighted by its
    order and sublinear in its count: 1 + log(count). Built with C-level Counter calls, since
    this runs on every keystroke."""
    runs = _runs(text, folded)
    out: dict[str, float] = {}
    log = math.log
    for n, weight in ORDER_WEIGHTS.items():
        if n == 1:
            counts = Counter("".join(runs))
        elif n == 2:
            counts = Counter(a + b for run in runs for a, b in zip(run, run[1:]))
        else:
            counts = Counter(run[i : i + n] for run in runs for i in range(len(run) - n + 1))
        for g, c in counts.items():
            out[g] = weight * (1 + log(c))
    return out


@dataclass(frozen=True)
class ScenarioText:
    """What the model learns a scenario from."""

    key: str
    industry: str
    examples: Sequence[str] = ()
    triggers: Sequence[str] = ()
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class Match:
    key: str
    industry: str
    score: float  # cosine similarity, 0..1
    cues: tuple[str, ...] = field(default=())  # the n-grams that weighed most, for the agent


class ScenarioModel:
    def __init__(self, scenarios: Iterable[ScenarioText]):
        self.scenarios = list(scenarios)
        self.industry = {s.key: s.industry for s in self.scenarios}
        raw: dict[str, dict[str, float]] = {}
        for s in self.scenarios:
            total: dict[str, float] = defaultdict(float)
            for text in s.examples:
                for g, v in grams(text).items():
                    total[g] += v
            for trigger in s.triggers:
                for g, v in grams(str(trigger)).items():
                    total[g] += TRIGGER_WEIGHT * v
            for g, v in grams(f"{s.name} {s.description}").items():
                total[g] += NAME_WEIGHT * v
            raw[s.key] = total
        df: Counter = Counter()
        for total in raw.values():
            df.update(total.keys())
        n = max(1, len(raw))
        # Grams nearly every scenario has (的, 我, 你们) say nothing about the topic: dropped,
        # which also keeps scoring a long paste cheap.
        floor = MIN_IDF if n >= 10 else 0.0  # a tiny library (tests, a trainer's first pack) keeps them all
        self.idf = {g: w for g, d in df.items() if (w := math.log((1 + n) / (1 + d)) + 0.1) >= floor}
        self.centroids: dict[str, dict[str, float]] = {}
        self._postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for key, total in raw.items():
            vec = {g: v * self.idf[g] for g, v in total.items() if g in self.idf}
            norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
            # The strongest grams carry the scenario; the long tail of one-off grams only makes
            # every keystroke slower (posting lists of 130 scenarios x 30 examples).
            strongest = sorted(vec.items(), key=lambda kv: -kv[1])[:MAX_GRAMS]
            self.centroids[key] = {g: x / norm for g, x in strongest}
            for g, x in self.centroids[key].items():
                self._postings[g].append((key, x))

    def vector(self, text: str, folded: bool = False) -> dict[str, float]:
        idf = self.idf
        vec = {g: v * idf[g] for g, v in grams(text, folded).items() if g in idf}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        if len(vec) > MAX_TEXT_GRAMS:
            vec = dict(heapq.nlargest(MAX_TEXT_GRAMS, vec.items(), key=itemgetter(1)))
        return {g: x / norm for g, x in vec.items()}

    def rank(self, text: str, allowed: set[str] | None = None, limit: int = 5, folded: bool = False,
             boost: dict[str, float] | None = None) -> list[Match]:
        """Best scenarios first; `allowed` keeps only those keys (the agent's industry).
        `folded`: the text is already textnorm.fold-ed and lower-case (the analyzer's segments).
        `boost`: industry -> factor for the scenarios of that industry (the text's trade cues)."""
        vec = self.vector(text, folded)
        scores: dict[str, float] = defaultdict(float)
        for g, x in vec.items():
            for key, y in self._postings.get(g, ()):
                scores[key] += x * y
        if boost:
            industry = self.industry
            for key in scores:
                factor = boost.get(industry[key])
                if factor:
                    scores[key] *= factor
        ranked = sorted((k for k in scores if (allowed is None or k in allowed) and scores[k] >= MIN_SCORE),
                        key=lambda k: (-scores[k], k))[:limit]
        out = []
        for key in ranked:
            centroid = self.centroids[key]
            parts = heapq.nlargest(8, ((x * centroid[g], g) for g, x in vec.items() if len(g) >= 2 and g in centroid))
            found = [g for w, g in parts if w > 0]
            cues = cue_words(text if folded else textnorm.fold(text).lower(), found) if found else ()
            out.append(Match(key, self.industry[key], round(scores[key], 4), cues))
        return out
