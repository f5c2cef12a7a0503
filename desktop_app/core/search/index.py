"""Type-as-you-go search over the phrase library, held in memory.

Chosen by measurement (shared/research/search-measurements.md): a character-bigram index
finds every phrase containing a query of two or more characters (jieba-token indexes miss
phrases whose cut differs), answers a 2-character query at 100k phrases in a few ms, and
needs no jieba at query time. Pinyin uses the same trick over the stored initials.

Documents are numbered shortest first, so every posting list is already in the order of a
cheap relevance prior (a query covering more of a phrase ranks higher) and the top answers
come from the head of a list; favourites, used phrases and the scenarios a query names are
always considered in full, whatever their length.
"""

from __future__ import annotations

import heapq
from array import array
import math
import re
from operator import itemgetter
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from desktop_app.core import textnorm
from desktop_app.core.search.fit import fits
from desktop_app.core.vocab import ALL_PERSONAS, STAGES

SHORT_QUERY_MAX = 16  # longer input is treated as a pasted complaint: keywords, not substring
MAX_QUERY_CHARS = 20_000
MAX_KEYWORDS = 12
MAX_CANDIDATES = 1000  # phrases a pasted complaint's keywords score, rarest words first
STAGE_ORDER = {key: i for i, key in enumerate(STAGES)}

# Score tiers: what kind of match decides the order first, the details within a tier.
EXACT = 100.0
LITERAL = 60.0
PINYIN = 55.0
WORD_BONUS = 8.0  # a pinyin query that spells a whole word of the library beats a character run
PINYIN_WORDS = 4  # words a pinyin query is read as, most frequent first
SYNONYM = 45.0
SCENARIO = 40.0
KEYWORDS = 20.0
POPULAR = 0.0


@dataclass(slots=True)
class Doc:
    uid: str
    text: str
    scenario: str | None
    scenario_name: str
    industry: str
    stage: str
    persona: str
    source: str = "playbook"
    position: int = 0
    py_full: str = ""
    py_initials: str = ""
    words: str = ""
    norm: str = ""  # set by the index
    channel: str = ""  # "" fits every channel
    authority: str = ""  # an offer: the lowest role allowed to make it


@dataclass(slots=True)
class Filters:
    scenario: str | None = None
    persona: str | None = None
    stage: str | None = None
    industry: str | None = None
    source: str | None = None
    channel: str | None = None  # the agent's channel: lines tagged for another one are hidden
    role: str | None = None  # the agent's role: offers above it are hidden

    def accepts(self, doc: Doc) -> bool:
        return (
            (self.scenario is None or doc.scenario == self.scenario)
            and (self.stage is None or doc.stage == self.stage)
            and (self.industry is None or doc.industry == self.industry or doc.industry == "general")
            and (self.persona is None or doc.persona in (self.persona, ALL_PERSONAS))
            and (self.source is None or doc.source == self.source)
            and fits(doc.channel, doc.authority, self.channel, self.role)
        )

    def is_empty(self) -> bool:
        return not (self.scenario or self.persona or self.stage or self.industry or self.source or self.channel
                    or self.role)


@dataclass(slots=True)
class Hit:
    doc: Doc
    score: float
    match: str  # exact | literal | synonym | pinyin | scenario | keywords | popular | browse
    spans: list[tuple[int, int]] = field(default_factory=list)  # in doc.text, for highlighting
    favourite: bool = False  # the agent starred it (set by the search, from the index)

    def as_json(self) -> dict:
        d = self.doc
        return {
            "id": d.uid,
            "text": d.text,
            "scenario": d.scenario,
            "persona": d.persona,
            "stage": d.stage,
            "industry": d.industry,
            "source": d.source,
            "channel": d.channel,
            "authority": d.authority,
            "score": round(self.score, 3),
            "match": self.match,
        }


@dataclass
class ScenarioInfo:
    key: str
    name: str
    industry: str
    triggers: list[str]
    examples: list[str] = field(default_factory=list)  # 客户原话
    description: str = ""


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _load_syllables() -> frozenset[str]:
    from desktop_app.core import paths

    path = paths.resources_dir() / "search" / "pinyin_syllables.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


_SPACES = re.compile(r"\s+")
_PINYIN_QUERY = re.compile(r"[a-z' ]+\Z")
_INITIAL_PIECES = ("zh", "ch", "sh")


class SearchIndex:
    def __init__(
        self,
        docs: Iterable[Doc],
        scenarios: Sequence[ScenarioInfo] = (),
        synonyms: Sequence[Sequence[str]] = (),
        stats: dict[str, tuple[int, bool]] | None = None,
        syllables: frozenset[str] | None = None,
    ):
        self.docs: list[Doc] = []
        # Posting lists as arrays of 4-byte ints: a quarter of the memory of Python lists.
        self._postings: dict[str, array] = {}
        self._initial_postings: dict[str, array] = {}
        self._df: dict[str, int] = defaultdict(int)
        # The library's words by their pinyin initials (道歉 under "dq"), with their full
        # pinyin: a pinyin query finds whole words first, then any run of characters.
        self._words_by_initials: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
        self._by_uid: dict[str, int] = {}
        self._removed: set[int] = set()
        self.uses: list[int] = []
        self.favourite: list[bool] = []
        self._boosted_docs: set[int] = set()  # favourites and used phrases, kept small
        self.max_uses = 0
        self._stats = stats or {}
        self._syllables = syllables if syllables is not None else _load_syllables()
        self._syllable_prefixes = {s[:i] for s in self._syllables for i in range(1, len(s) + 1)}
        ordered = sorted(docs, key=lambda d: (len(d.text), d.scenario or "", d.position))
        for doc in ordered:
            self._add(doc)
        self.scenarios = {s.key: s for s in scenarios}
        self._set_triggers(scenarios)
        self._synonyms = [[textnorm.fold(w) for w in group] for group in synonyms if len(group) > 1]
        for group in self._synonyms:
            for word in group:
                self._df.setdefault(word, 0)

    # ------------------------------------------------------------ building and updating

    def _add(self, doc: Doc) -> int:
        doc.norm = textnorm.fold(doc.text)
        d = len(self.docs)
        self.docs.append(doc)
        self._by_uid[doc.uid] = d
        uses, fav = self._stats.get(doc.uid, (0, False))
        self.uses.append(uses)
        self.favourite.append(fav)
        self._update_boost(d)
        postings, initials = self._postings, self._initial_postings
        for gram in _bigrams(doc.norm):
            posting = postings.get(gram)
            if posting is None:
                postings[gram] = posting = array("I")
            posting.append(d)
        for gram in _bigrams(doc.py_initials):
            if "_" not in gram:
                posting = initials.get(gram)
                if posting is None:
                    initials[gram] = posting = array("I")
                posting.append(d)
        tokens: list[str] | None = None
        for word in set(doc.words.split()):
            self._df[word] += 1
            at = doc.norm.find(word)
            if at < 0 or len(doc.py_initials) != len(doc.norm):
                continue
            word_initials = doc.py_initials[at : at + len(word)]
            if "_" in word_initials or word in self._words_by_initials.get(word_initials, {}):
                continue
            if tokens is None:
                tokens = doc.py_full.split(" ")
            if len(tokens) == len(doc.norm):
                self._words_by_initials[word_initials][word] = tuple(tokens[at : at + len(word)])
        return d

    def _set_triggers(self, scenarios: Sequence[ScenarioInfo]) -> None:
        self._trigger_owner: dict[str, set[str]] = defaultdict(set)
        for s in scenarios:
            for t in s.triggers:
                folded = textnorm.fold(t)
                if folded:
                    self._trigger_owner[folded].add(s.key)
                    self._df.setdefault(folded, 0)
        # Longest first at each position, like a regex alternation, but a dict lookup per length.
        self._trigger_lengths = sorted({len(w) for w in self._trigger_owner}, reverse=True)
        self._scenario_docs: dict[str, list[int]] = defaultdict(list)
        for d, doc in enumerate(self.docs):
            if doc.scenario:
                self._scenario_docs[doc.scenario].append(d)

    def add(self, doc: Doc) -> None:
        """Add or replace one phrase (the agent's own phrases change while the window is open)."""
        self.remove(doc.uid)
        d = self._add(doc)
        if doc.scenario:
            self._scenario_docs[doc.scenario].append(d)

    def remove(self, uid: str) -> None:
        d = self._by_uid.pop(uid, None)
        if d is not None:
            self._removed.add(d)

    def record_use(self, uid: str) -> None:
        d = self._by_uid.get(uid)
        if d is not None:
            self.uses[d] += 1
            self._update_boost(d)

    def set_favourite(self, uid: str, on: bool) -> None:
        d = self._by_uid.get(uid)
        if d is not None:
            self.favourite[d] = on
            self._update_boost(d)

    def _update_boost(self, d: int) -> None:
        if self.uses[d] or self.favourite[d]:
            self._boosted_docs.add(d)
            self.max_uses = max(self.max_uses, self.uses[d])
        else:
            self._boosted_docs.discard(d)

    def __len__(self) -> int:
        return len(self.docs) - len(self._removed)

    def is_favourite(self, uid: str) -> bool:
        d = self._by_uid.get(uid)
        return d is not None and bool(self.favourite[d])

    def scenario_phrases(self, key: str) -> list[tuple[Doc, int, bool]]:
        """The live phrases of one scenario in file order, with their uses and favourite mark."""
        return [(self.docs[d], self.uses[d], self.favourite[d])
                for d in sorted(self._scenario_docs.get(key, ()), key=lambda d: self.docs[d].position)
                if self._alive(d)]

    def doc(self, uid: str) -> Doc | None:
        d = self._by_uid.get(uid)
        return self.docs[d] if d is not None else None

    # ------------------------------------------------------------ the public query

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        limit: int | None = 20,
        prefer_stage: str | None = None,
        prefer_persona: str | None = None,
    ) -> list[Hit]:
        """Best answers first. limit=None returns every match (used to measure recall)."""
        filters = filters or Filters()
        q = textnorm.fold(query[:MAX_QUERY_CHARS]).strip()
        ctx = _Context(self, filters, limit, prefer_stage, prefer_persona)
        if not q:
            return self._browse(ctx)
        short = _SPACES.sub("", q)
        triggered = self._triggered_scenarios(q)
        ctx.triggered = triggered
        if len(short) <= SHORT_QUERY_MAX:
            if _PINYIN_QUERY.match(q) and len(short) >= 2:
                self._pinyin(ctx, short.replace("'", ""))
            self._literal(ctx, short)
            self._synonym(ctx, short)
        if len(short) > SHORT_QUERY_MAX or not ctx.hits:
            self._keywords(ctx, q)
        self._scenario_fill(ctx)
        if not ctx.hits:
            self._popular(ctx)
        return ctx.result()

    # ------------------------------------------------------------ match kinds

    def _alive(self, d: int) -> bool:
        return d not in self._removed

    def _substring_docs(self, pattern: str) -> Iterator[int]:
        """Every doc whose folded text contains pattern, shortest first."""
        if len(pattern) == 1:
            yield from (d for d, doc in enumerate(self.docs) if pattern in doc.norm)
            return
        lists = []
        for gram in _bigrams(pattern):
            posting = self._postings.get(gram)
            if not posting:
                return
            lists.append(posting)
        base = min(lists, key=len)
        if len(pattern) == 2:
            yield from base
        else:
            docs = self.docs
            yield from (d for d in base if pattern in docs[d].norm)

    def _literal(self, ctx: _Context, q: str) -> None:
        for d in ctx.take(self._substring_docs(q), self._boosted_containing(q)):
            norm = self.docs[d].norm
            tier = EXACT if norm == q else LITERAL
            ctx.add(d, tier + 10 * len(q) / len(norm) + (2 if norm.startswith(q) else 0),
                    "exact" if tier == EXACT else "literal", _occurrences(norm, q))

    def _synonym(self, ctx: _Context, q: str) -> None:
        for variant, word in self._synonym_variants(q):
            for d in ctx.take(self._substring_docs(variant), self._boosted_containing(variant)):
                norm = self.docs[d].norm
                ctx.add(d, SYNONYM + 10 * len(variant) / len(norm), "synonym", _occurrences(norm, word))

    def _synonym_variants(self, q: str) -> list[tuple[str, str]]:
        variants: list[tuple[str, str]] = []
        for group in self._synonyms:
            for word in group:
                if word in q and len(word) >= 1:
                    for other in group:
                        if other != word:
                            variants.append((q.replace(word, other), other))
                    break
        return variants[:24]

    def _pinyin(self, ctx: _Context, letters: str) -> None:
        # Whole words first: dq is 道歉 (a word of the library, said in many phrases) before
        # 调取 or 点前, jingli is 经理 before 精力; frequent words before rare ones.
        segmentations = self._segmentations(letters)
        for rank, (word, df) in enumerate(self._pinyin_words(segmentations)[:PINYIN_WORDS]):
            bonus = WORD_BONUS + 4.0 * (PINYIN_WORDS - rank)
            for d in ctx.take(self._substring_docs(word), self._boosted_containing(word)):
                norm = self.docs[d].norm
                spans = _occurrences(norm, word)
                ctx.add(d, PINYIN + bonus + 10 * len(word) / len(norm) + (2 if norm.startswith(word) else 0),
                        "pinyin", spans)
        # Readings come most specific first (fewest pieces); once they have filled the page,
        # the looser readings (bare initials) could only add weaker matches.
        enough = None if ctx.limit is None else ctx.limit * 3
        for pieces in segmentations:
            if enough is not None and len(ctx.hits) >= enough:
                break
            key = "".join(p[0] for p in pieces)
            for d in ctx.take(self._initial_docs(key), ()):
                doc = self.docs[d]
                spans = _pinyin_spans(doc, key, pieces)
                if spans:
                    start, end = spans[0]
                    cover = (end - start) / len(doc.norm)
                    ctx.add(d, PINYIN + 10 * cover + (2 if start == 0 else 0), "pinyin", spans)

    def _pinyin_words(self, segmentations: list[list[str]]) -> list[tuple[str, int]]:
        """Library words whose pinyin is exactly what was typed, most frequent first."""
        found: dict[str, int] = {}
        for pieces in segmentations:
            key = "".join(p[0] for p in pieces)
            for word, tokens in self._words_by_initials.get(key, {}).items():
                if word in found or len(tokens) != len(pieces):
                    continue
                if all((t.startswith(p) if (j == len(pieces) - 1 or len(p) <= 2) else t == p)
                       for j, (t, p) in enumerate(zip(tokens, pieces))):
                    found[word] = self._df.get(word, 0)
        # A word the trainers chose as a scenario trigger (经理 for 坚持找领导) is what agents look
        # for; then the words the library says most often.
        triggers = "\n".join(self._trigger_owner)
        named = {w: 1 if w in triggers else 0 for w in found}
        return sorted(found.items(), key=lambda kv: (-named[kv[0]], -kv[1], kv[0]))

    def _initial_docs(self, key: str) -> Iterator[int]:
        if len(key) == 1:
            yield from (d for d, doc in enumerate(self.docs) if key in doc.py_initials)
            return
        lists = []
        for gram in _bigrams(key):
            posting = self._initial_postings.get(gram)
            if not posting:
                return
            lists.append(posting)
        base = min(lists, key=len)
        docs = self.docs
        yield from (d for d in base if key in docs[d].py_initials)

    def _segmentations(self, letters: str, cap: int = 12) -> list[list[str]]:
        """Ways to read a run of letters as pinyin: syllables, bare initials, a prefix at the end."""
        out: list[list[str]] = []
        syllables, prefixes = self._syllables, self._syllable_prefixes

        def walk(i: int, pieces: list[str]) -> None:
            if len(out) >= cap * 4:
                return
            if i == len(letters):
                out.append(list(pieces))
                return
            rest = letters[i:]
            if rest in prefixes and rest not in syllables:  # an unfinished last syllable
                out.append([*pieces, rest])
            for size in range(min(6, len(rest)), 0, -1):
                piece = rest[:size]
                if piece in syllables or (size == 1 and piece in prefixes) or piece in _INITIAL_PIECES:
                    pieces.append(piece)
                    walk(i + size, pieces)
                    pieces.pop()

        if len(letters) <= 30:
            walk(0, [])
        out.sort(key=len)
        return out[:cap]

    def _triggered_scenarios(self, q: str) -> dict[str, list[tuple[int, int]]]:
        """Scenarios whose trigger words appear in the query (or that the query spells out)."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        owner, lengths = self._trigger_owner, self._trigger_lengths
        i = 0
        while i < len(q):
            for size in lengths:
                keys = owner.get(q[i : i + size]) if i + size <= len(q) else None
                if keys:
                    for key in keys:
                        found[key].append((i, i + size))
                    i += size
                    break
            else:
                i += 1
        compact = _SPACES.sub("", q)
        if 2 <= len(compact) <= 6 and not found:
            for word, keys in self._trigger_owner.items():
                if compact in word:
                    for key in keys:
                        found[key] = []
        return dict(found)

    def _scenario_fill(self, ctx: _Context) -> None:
        """Phrases of the scenarios the query names, even when they do not contain the words."""
        if not ctx.triggered:
            return
        wanted = (ctx.limit or 10**9) * 3  # a scenario can hold thousands of phrases: enough to fill
        for key in ctx.triggered:
            taken = 0
            for d in self._scenario_docs.get(key, ()):
                if self._alive(d) and ctx.filters.accepts(self.docs[d]):
                    doc = self.docs[d]
                    ctx.add(d, SCENARIO - STAGE_ORDER.get(doc.stage, 0) * 0.5, "scenario", [])
                    taken += 1
                    if taken >= wanted:
                        break
        ctx.ensure_scenario_visible()

    def _keywords(self, ctx: _Context, q: str) -> list[str]:
        """A pasted complaint: its library words, weighted by rarity, vote for phrases.

        Rare words pick the candidates (their posting lists are short); common words only
        add to the score of candidates already found, checked with a C-level substring test,
        so a paste costs about the same at 100k phrases as at 1k.
        """
        keywords = self.keywords(q)
        if not keywords:
            return []
        total = sum(w for _, w in keywords)
        by_rarity = sorted(keywords, key=lambda kv: self._df.get(kv[0], 0))
        scores: dict[int, float] = {}
        # Words in more than ~1% of phrases only score candidates; rarer words also find them.
        expand_df = max(200, len(self.docs) // 100)
        docs = self.docs
        for n, (word, weight) in enumerate(by_rarity):
            if n == 0 or (self._df.get(word, 0) <= expand_df and len(scores) < MAX_CANDIDATES):
                for i, d in enumerate(self._substring_docs(word)):
                    if i >= MAX_CANDIDATES:
                        break
                    scores[d] = scores.get(d, 0.0) + weight
            else:
                for d in scores:
                    if word in docs[d].norm:
                        scores[d] += weight
        keep = (ctx.limit or len(scores)) * 3
        if ctx.filters.is_empty() and not self._removed:
            best = heapq.nlargest(keep, scores.items(), key=itemgetter(1))
        else:
            best = heapq.nlargest(keep, ((d, sc) for d, sc in scores.items()
                                         if self._alive(d) and ctx.filters.accepts(docs[d])), key=itemgetter(1))
        words = [w for w, _ in keywords]
        for d, sc in best:
            norm = self.docs[d].norm
            spans = sorted(sp for w in words if w in norm for sp in _occurrences(norm, w))
            ctx.add(d, KEYWORDS + 20 * sc / total, "keywords", spans)
        return words

    def keywords(self, text: str) -> list[tuple[str, float]]:
        """The library's words found in a text, rarest first (forward maximum matching)."""
        q = textnorm.fold(text[:MAX_QUERY_CHARS])
        n = max(1, len(self))
        counts: dict[str, int] = defaultdict(int)
        df = self._df
        i = 0
        while i < len(q) - 1:
            for size in range(min(6, len(q) - i), 1, -1):
                word = q[i : i + size]
                if word in df:
                    counts[word] += 1
                    i += size
                    break
            else:
                i += 1
        weighted = []
        for word, tf in counts.items():
            dfw = df.get(word, 0)
            if dfw > 0.3 * n:
                continue  # words most phrases share say nothing about the topic
            idf = math.log(1 + n / (1 + dfw))
            weighted.append((word, idf * (1 + math.log(tf))))
        weighted.sort(key=lambda kv: -kv[1])
        return weighted[:MAX_KEYWORDS]

    def _popular(self, ctx: _Context) -> None:
        ranked = sorted(
            (d for d in self._boosted_docs if self._alive(d)),
            key=lambda d: (-self.favourite[d], -self.uses[d]),
        )
        for d in ranked:
            if ctx.filters.accepts(self.docs[d]):
                ctx.add(d, POPULAR, "popular", [])
                if ctx.full():
                    break

    def _browse(self, ctx: _Context) -> list[Hit]:
        """No query: the filtered library, favourites and most used first, then file order."""
        docs = [d for d in range(len(self.docs)) if self._alive(d) and ctx.filters.accepts(self.docs[d])]
        # Ties after favourites and use: the openers (听, then 同) of every scenario take turns —
        # the first of each, then the second of each — 通用 scenarios first. Sorting by scenario key
        # alone listed one bank scenario's phrases to every agent on a first start.
        rank: dict[int, int] = {}
        seen: dict[tuple, int] = {}
        for d in sorted(docs, key=lambda d: self.docs[d].position):
            group = (self.docs[d].scenario, self.docs[d].stage)
            rank[d] = seen.get(group, 0)
            seen[group] = rank[d] + 1
        openers = ("listen", "empathize")
        docs.sort(key=lambda d: (-self.favourite[d], -self.uses[d], self.docs[d].stage not in openers, rank[d],
                                 STAGE_ORDER.get(self.docs[d].stage, 9), self.docs[d].industry != "general",
                                 self.docs[d].scenario or "", self.docs[d].position))
        for d in docs[: ctx.limit] if ctx.limit else docs:
            ctx.add(d, 0.0, "browse", [])
        return ctx.result(keep_order=True)

    def _boosted_containing(self, pattern: str) -> list[int]:
        """Favourites and used phrases that contain pattern: always scored, never cut off."""
        return [d for d in self._boosted_docs if pattern in self.docs[d].norm]


def _occurrences(text: str, pattern: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = text.find(pattern)
    while start != -1 and len(spans) < 20:
        spans.append((start, start + len(pattern)))
        start = text.find(pattern, start + len(pattern))
    return spans


def _pinyin_spans(doc: Doc, key: str, pieces: list[str]) -> list[tuple[int, int]]:
    spans = []
    if all(len(p) == 1 for p in pieces):  # bare initials: the initials string already decides
        start = doc.py_initials.find(key)
        while start != -1:
            spans.append((start, start + len(key)))
            start = doc.py_initials.find(key, start + 1)
        return spans
    tokens = doc.py_full.split(" ")
    start = doc.py_initials.find(key)
    while start != -1:
        ok = True
        for j, piece in enumerate(pieces):
            token = tokens[start + j]
            last = j == len(pieces) - 1
            if not (token.startswith(piece) if (last or len(piece) <= 2) else token == piece):
                ok = False
                break
        if ok:
            spans.append((start, start + len(pieces)))
        start = doc.py_initials.find(key, start + 1)
    return spans


class _Context:
    """The answers being gathered for one query: scores, the cut-off and the filters."""

    def __init__(self, index: SearchIndex, filters: Filters, limit: int | None,
                 prefer_stage: str | None, prefer_persona: str | None):
        self.index = index
        self.filters = filters
        self.limit = limit
        self.prefer_stage = prefer_stage
        self.prefer_persona = prefer_persona or filters.persona
        self.triggered: dict[str, list[tuple[int, int]]] = {}
        self.hits: dict[int, Hit] = {}
        # Head of each posting list to score: enough that reranking by usage and scenario
        # rarely changes the top; the boosted phrases are added separately in full.
        self.cap = None if limit is None else max(100, limit * 10)
        self._use_scale = math.log1p(index.max_uses) or 1.0

    def take(self, docs: Iterator[int], extra: Iterable[int]) -> Iterator[int]:
        seen = 0
        index, filters = self.index, self.filters
        for d in docs:
            if index._alive(d) and filters.accepts(index.docs[d]):
                yield d
                seen += 1
                if self.cap is not None and seen >= self.cap:
                    break
        for d in extra:
            if index._alive(d) and filters.accepts(index.docs[d]):
                yield d

    def add(self, d: int, base: float, match: str, spans: list[tuple[int, int]]) -> None:
        index = self.index
        doc = index.docs[d]
        score = base
        score += 8.0 if index.favourite[d] else 0.0
        score += 6.0 * math.log1p(index.uses[d]) / self._use_scale
        if doc.scenario in self.triggered:
            score += 6.0
        if self.prefer_stage and doc.stage == self.prefer_stage:
            score += 4.0
        if self.prefer_persona and doc.persona == self.prefer_persona:
            score += 3.0
        old = self.hits.get(d)
        if old is None or score > old.score:
            self.hits[d] = Hit(doc, score, match, spans or (old.spans if old else []), index.favourite[d])

    def full(self) -> bool:
        return self.limit is not None and len(self.hits) >= self.limit

    def ensure_scenario_visible(self) -> None:
        """A word that names a scenario shows that scenario within the first three answers."""
        ranked = sorted(self.hits.values(), key=lambda h: -h.score)
        if len(ranked) < 3 or any(h.doc.scenario in self.triggered for h in ranked[:3]):
            return
        best = next((h for h in ranked if h.doc.scenario in self.triggered), None)
        if best is not None:
            best.score = ranked[2].score + 0.001

    def result(self, keep_order: bool = False) -> list[Hit]:
        hits = list(self.hits.values())
        if not keep_order:
            hits.sort(key=lambda h: (-h.score, len(h.doc.text)))
        return hits if self.limit is None else hits[: self.limit]
