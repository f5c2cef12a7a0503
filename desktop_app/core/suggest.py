"""One suggestion path: the customer's text in; the reading and the phrases to say next out.

The window and `calmdesk suggest` both call `Suggester.suggest`, so what one shows the other
shows. In one pass:

1. read the text (emotion, motives, flags, persona, stage, scenarios), scoped to the agent's
   industry plus 通用 when an industry is set;
2. take the phrases of the recognised scenarios, best scenario first, and order them for the
   next thing to say: acknowledge the customer's point first (an apology for hair in the food
   before any talk of a manager), then the reading's stage, then the stages that follow; the
   customer's persona before the rest; a question whose answer is already in the text (a
   date, an amount, an order or card number) goes to the back; the trainer's order breaks
   ties, never the length of the line;
3. fill up from a keyword search over the library, then from the stage's phrases of the scope,
   so an industry-scoped answer is never empty while the library has phrases for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.analysis import URGENT_FLAGS, Analysis, Analyzer
from desktop_app.core.search.index import Doc, Filters, Hit
from desktop_app.core.vocab import ALL_PERSONAS, AUTHORITIES, INDUSTRIES, PERSONAS, PHRASE_CHANNELS, STAGES

DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
SCENARIOS_USED = 3
RISK_BONUS = 100.0  # an urgent risk's scenario leads the list
RISK_MATCH_MIN = 0.05  # the risk's words must point at a scenario, not merely share a character
# Hard situations (找领导, 曝光, 监管, 辱骂 …) have a 通用 scenario of their own: how to handle the
# threat. It comes right after the complaint's own scenario — acknowledge the customer's point
# first, then handle the threat — never instead of it.
HARD_FLAGS = ("escalation", "media_threat", "regulator", "abuse", "legal", "repeat_contact", "group",
              "vulnerable", "data_leak")
HEDGE_AT = 4  # with no industry set, the runner-up trade's first line goes fifth
# What an asking phrase wants to know, and how the answer looks in the customer's text.
_ASKS = {
    "date": (re.compile(r"日期|哪天|哪一天|什么时候|几号|时间"),
             re.compile(r"[0-9一二三四五六七八九十两]+(?:月|号|日|点|天前)|昨天|前天|今天|上周|上个月|上礼拜|刚才")),
    "amount": (re.compile(r"金额|多少钱|扣了多少|费用是多少"),
               re.compile(r"[0-9一二三四五六七八九十百千万两几]+(?:块|元|万|千|百)")),
    "order": (re.compile(r"订单号|单号|运单|工单号|流水号"), re.compile(r"[0-9*]{6,}|订单号")),
    "card": (re.compile(r"卡号|尾号|后四位"), re.compile(r"尾号[0-9*]{3,}|[0-9*]{4}结尾|[0-9*]{12,}")),
}
# How each stage stands to the reading's stage: the stage itself first, then what follows.
_ACK = {"empathize", "listen"}


@dataclass(frozen=True)
class Suggested:
    id: str
    text: str
    scenario: str | None
    scenario_name: str
    persona: str
    stage: str
    industry: str
    score: float
    why: str

    def as_json(self) -> dict:
        return {"id": self.id, "text": self.text, "scenario": self.scenario, "persona": self.persona,
                "stage": self.stage, "industry": self.industry, "score": round(self.score, 3), "why": self.why}


@dataclass(frozen=True)
class Checklist:
    """What to do first for an urgent risk (紧急险情, 正在被骗, 人身安危, 暴力威胁)."""

    flag: str
    title: str
    do: tuple[str, ...]
    never: tuple[str, ...]
    handover: tuple[str, ...]

    def as_json(self) -> dict:
        return {"flag": self.flag, "title": self.title, "do": list(self.do), "never": list(self.never),
                "handover": list(self.handover)}


@dataclass(frozen=True)
class Suggestion:
    analysis: Analysis
    phrases: tuple[Suggested, ...] = field(default=())
    checklists: tuple[Checklist, ...] = field(default=())  # the urgent risks' checklists, most urgent first
    hits: tuple[Hit, ...] = field(default=(), repr=False, compare=False)  # the phrases as the window lists them

    def as_json(self) -> dict:
        return {"analysis": self.analysis.as_json(), "checklists": [c.as_json() for c in self.checklists],
                "phrases": [p.as_json() for p in self.phrases]}


class SuggestError(ValueError):
    """A filter key the library does not know; the message is one plain Chinese line."""


def check_keys(industry: str | None = None, channel: str | None = None, persona: str | None = None,
               stage: str | None = None, limit: int = DEFAULT_LIMIT, role: str | None = None) -> None:
    if industry is not None and industry not in INDUSTRIES:
        raise SuggestError(f"未知的行业「{industry}」（可用：{'、'.join(INDUSTRIES)}）")
    if channel is not None and channel not in PHRASE_CHANNELS:
        raise SuggestError(f"未知的渠道「{channel}」（可用：{'、'.join(PHRASE_CHANNELS)}）")
    if role is not None and role not in AUTHORITIES:
        raise SuggestError(f"未知的角色「{role}」（可用：{'、'.join(AUTHORITIES)}）")
    if persona is not None and persona not in PERSONAS:
        raise SuggestError(f"未知的客户性格「{persona}」（可用：{'、'.join(PERSONAS)}）")
    if stage is not None and stage not in STAGES:
        raise SuggestError(f"未知的阶段「{stage}」（可用：{'、'.join(STAGES)}）")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise SuggestError(f"条数应在 1 到 {MAX_LIMIT} 之间")


def answered(text: str) -> set[str]:
    """Which facts the customer already gave: date, amount, order number, card number."""
    return {kind for kind, (_, shown) in _ASKS.items() if shown.search(text)}


def asks_for(phrase: str) -> set[str]:
    return {kind for kind, (asks, _) in _ASKS.items() if asks.search(phrase)}


class Suggester:
    """Built once per library state; `suggest` is what the window calls on every text."""

    def __init__(self, library, analyzer: Analyzer | None = None):
        self.library = library
        self.index = library.index
        self.scenarios = {s.key: s for s in library.scenarios()}
        self.analyzer = analyzer or Analyzer(list(self.scenarios.values()))
        # Read once per library state: no database query while the customer is talking.
        self._checklists: dict[str, Checklist] = {}
        for flag in URGENT_FLAGS:
            info = library.checklist(flag) if hasattr(library, "checklist") else None
            if info is not None:
                self._checklists[flag] = Checklist(flag, info.title, tuple(info.do), tuple(info.never),
                                                   tuple(info.handover))

    def read(self, text: str, industry: str | None = None) -> Analysis:
        return self.analyzer.read(text, industry)

    def suggest(self, text: str, industry: str | None = None, channel: str | None = None,
                limit: int = DEFAULT_LIMIT, persona: str | None = None, stage: str | None = None,
                scenario: str | None = None, role: str | None = None) -> Suggestion:
        """`channel` and `role` are the agent's: lines for another channel and offers above the
        role never show (core.search.fit, the same rule as search)."""
        check_keys(industry, channel, persona, stage, limit, role)
        if scenario is not None and scenario not in self.scenarios:
            raise SuggestError(f"未知的场景「{scenario}」")
        if industry == "general":
            industry = None
        if not text.strip():
            return self.openers(industry, channel, limit, persona, stage, scenario, role)
        analysis = self.analyzer.read(text, industry)
        filters = Filters(persona=persona, stage=stage, industry=industry, scenario=scenario, channel=channel,
                          role=role)
        picked: dict[str, tuple[float, Doc, str]] = {}
        risk = self.risk_scenario(analysis, industry)

        def accepts(doc: Doc) -> bool:
            return filters.accepts(doc)

        self._from_scenarios(text, analysis, industry, accepts, picked, risk)
        if len(picked) < limit:
            self._from_keywords(text, analysis, filters, accepts, picked, limit)
        if len(picked) < limit:
            self._from_stage(analysis, filters, accepts, picked, limit)
        ranked = sorted(picked.values(), key=lambda item: -item[0])
        if industry is None and risk is None:
            ranked = self._hedge_industry(analysis, ranked)
        return self._answer(analysis, ranked[:limit])

    def openers(self, industry: str | None = None, channel: str | None = None, limit: int = DEFAULT_LIMIT,
                persona: str | None = None, stage: str | None = None, scenario: str | None = None,
                role: str | None = None) -> Suggestion:
        """Before the customer has said anything: how an agent of this industry opens a call.
        The first 听/同 line of each of the industry's scenarios, then of the 通用 ones; the
        agent's favourites and most used lines first."""
        check_keys(industry, channel, persona, stage, limit, role)
        if industry == "general":
            industry = None
        filters = Filters(persona=persona, stage=stage, industry=industry, scenario=scenario, channel=channel,
                          role=role)
        wanted = (stage,) if stage else ("listen", "empathize")
        picked: list[tuple[float, Doc, str]] = []
        for position, (key, info) in enumerate(self.scenarios.items()):
            own = industry is not None and info.industry == industry
            for doc, uses, favourite in self.index.scenario_phrases(key):
                if doc.stage not in wanted or not filters.accepts(doc):
                    continue
                score = 10.0 * favourite + min(5.0, uses ** 0.5) + (3.0 if own else 0.0) - position / 1000
                why = f"开场·{STAGES[doc.stage]}" + ("·常用" if favourite or uses else "")
                picked.append((score, doc, why))
                break  # one opener per scenario: variety, not ten lines of one
        picked.sort(key=lambda item: -item[0])
        return self._answer(self.analyzer.read(""), picked[:limit])

    def _answer(self, analysis: Analysis, ranked: list[tuple[float, Doc, str]]) -> Suggestion:
        phrases = tuple(Suggested(d.uid, d.text, d.scenario, d.scenario_name, d.persona, d.stage, d.industry,
                                  score, why) for score, d, why in ranked)
        hits = tuple(Hit(d, score, "suggest", [], self.index.is_favourite(d.uid)) for score, d, _why in ranked)
        return Suggestion(analysis, phrases, self.checklists(analysis), hits)

    def checklists(self, analysis: Analysis) -> tuple[Checklist, ...]:
        """The checklists of the urgent risks the reading raised, most urgent first."""
        return tuple(self._checklists[flag] for flag in analysis.urgent if flag in self._checklists)

    def risk_scenario(self, analysis: Analysis, industry: str | None) -> str | None:
        """The scenario an urgent risk's own words point at (安全账户 → the fraud scenario,
        爆管 → the burst pipe): its lines go before everything else."""
        for flag in analysis.urgent:
            words = " ".join(e.text for e in analysis.evidence if e.finding == f"flag:{flag}")
            if not words:
                continue
            matches = self.analyzer.model.rank(words, self.analyzer.scope(industry), 1)
            if matches and matches[0].score >= RISK_MATCH_MIN:
                return matches[0].key
        return None

    def hard_scenario(self, analysis: Analysis) -> str | None:
        """The 通用 scenario for the hard situation the reading raised (要向监管投诉 for 银保监会),
        found from the flag's own words among the 通用 scenarios."""
        general = {key for key, info in self.scenarios.items() if info.industry == "general"}
        for flag in HARD_FLAGS:
            if flag not in analysis.flags:
                continue
            words = " ".join(e.text for e in analysis.evidence if e.finding == f"flag:{flag}")
            matches = self.analyzer.model.rank(words, general, 1) if words else []
            if matches and matches[0].score >= RISK_MATCH_MIN:
                return matches[0].key
        return None

    def _hedge_industry(self, analysis: Analysis, ranked: list) -> list:
        """With no agent industry set, a short complaint (太慢了, 态度恶劣) may belong to more than
        one trade: the first line of the runner-up trade's best scenario takes the fifth place,
        so the agent sees both readings instead of five lines of one guess."""
        trades: list[str] = []
        for guess in analysis.scenarios:
            if guess.industry != "general" and guess.industry not in trades:
                trades.append(guess.industry)
        if len(trades) < 2 or len(ranked) <= HEDGE_AT:
            return ranked
        if any(doc.industry == trades[1] for _, doc, _ in ranked[:HEDGE_AT + 1]):
            return ranked
        for i, (score, doc, why) in enumerate(ranked):
            if doc.industry == trades[1] and doc.scenario:
                item = (score, doc, f"{why}·也可能是{INDUSTRIES.get(trades[1], trades[1])}的事")
                return ranked[:HEDGE_AT] + [item] + [r for j, r in enumerate(ranked[HEDGE_AT:], HEDGE_AT) if j != i]
        return ranked

    # ------------------------------------------------------------ where phrases come from

    def _scenario_plan(self, analysis: Analysis, industry: str | None,
                       risk: str | None = None) -> list[tuple[str, float]]:
        """The scenarios to draw from, with a weight: the best ones, and with no industry set,
        the best scenario of a specific industry even when 通用 ones lead; an urgent risk's
        scenario first of all."""
        guesses = list(analysis.scenarios)
        hard = self.hard_scenario(analysis)
        if not guesses:
            return [(key, 1.0) for key in (risk, hard) if key]
        top = guesses[0].score or 1.0
        plan = [(g.key, g.score / top) for g in guesses[:SCENARIOS_USED]]
        if risk is not None:
            plan = [(risk, 1.0)] + [p for p in plan if p[0] != risk]
            return plan
        if hard is not None and plan[0][0] != hard:
            plan = plan[:1] + [(hard, 1.0)] + [p for p in plan[1:] if p[0] != hard]
        if industry is None and guesses[0].industry == "general":
            # A 通用 scenario leads (态度, 等太久): the complaint is still about something of one
            # industry, and its first line shows right after the leading one.
            specific = next((g for g in guesses[1:] if g.industry != "general"), None)
            if specific is not None:
                plan = [p for p in plan if p[0] != specific.key]
                plan.insert(1, (specific.key, 1.0))
        if industry is None:
            # The runner-up trade's best scenario stays in reach (see _hedge_industry).
            trades = [g for g in guesses if g.industry != "general"]
            runner = next((g for g in trades if g.industry != trades[0].industry), None) if trades else None
            if runner is not None and all(key != runner.key for key, _ in plan):
                plan.append((runner.key, runner.score / top))
        return plan

    def _from_scenarios(self, text: str, analysis: Analysis, industry: str | None, accepts, picked,
                        risk: str | None = None) -> None:
        given = answered(text)
        target = analysis.stage
        order = list(STAGES)
        complaint = analysis.emotion != "neutral" or bool(analysis.motives) or bool(analysis.flags)
        # Acknowledge first: a complaint opens with 同 (or 听 for a customer still shouting).
        ack = ("listen" if target == "listen" else "empathize") if complaint and target not in ("thank",) else None
        persona_hint = analysis.persona_hint
        for rank, (key, weight) in enumerate(self._scenario_plan(analysis, industry, risk)):
            info = self.scenarios.get(key)
            name = info.name if info else key
            guess = next((g for g in analysis.scenarios if g.key == key), None)
            cue = f"（{'、'.join(guess.cues[:2])}）" if guess and guess.cues else ""
            ack_taken = False
            for doc, uses, favourite in self.index.scenario_phrases(key):
                if not accepts(doc):
                    continue
                score = 60.0 * weight - 6.0 * rank
                if ack and doc.stage == ack and not ack_taken:
                    score += 30.0  # the first acknowledging line of each scenario leads it
                    ack_taken = True
                    stage_note = "先认同" if ack == "empathize" else "先倾听"
                elif doc.stage == target:
                    score += 24.0
                    stage_note = f"阶段{STAGES[target]}"
                else:
                    distance = order.index(doc.stage) - order.index(target)
                    score += (14.0 - 3.0 * distance) if distance > 0 else (4.0 + distance)
                    stage_note = f"阶段{STAGES.get(doc.stage, doc.stage)}"
                if persona_hint and doc.persona == persona_hint:
                    score += 6.0
                    persona_note = f"性格{PERSONAS[persona_hint]}"
                elif doc.persona == ALL_PERSONAS:
                    score += 3.0
                    persona_note = ""
                else:
                    persona_note = ""
                asked = asks_for(doc.text) if doc.stage == "ask" or "？" in doc.text else set()
                if asked and asked <= given:
                    score -= 40.0  # the customer already said it: do not ask again
                    stage_note += "·客户已说明"
                score += 4.0 * favourite + min(3.0, uses ** 0.5)
                if key == risk:
                    score += RISK_BONUS  # safety first: the risk's lines outrank everything
                score -= 0.01 * doc.position / 1000  # trainer's order breaks ties
                risk_note = "安全优先" if key == risk else ""
                why = "·".join(p for p in (risk_note, f"场景「{name}」{cue}", stage_note, persona_note) if p)
                old = picked.get(doc.uid)
                if old is None or score > old[0]:
                    picked[doc.uid] = (score, doc, why)

    def _from_keywords(self, text: str, analysis: Analysis, filters: Filters, accepts, picked, limit: int) -> None:
        hits = self.index.search(text, filters, limit * 3, prefer_stage=analysis.stage,
                                 prefer_persona=analysis.persona_hint)
        for hit in hits:
            if hit.doc.uid in picked or not accepts(hit.doc):
                continue
            picked[hit.doc.uid] = (min(20.0, hit.score / 5), hit.doc, "关键词与话术相符")
            if len(picked) >= limit:
                return

    def _from_stage(self, analysis: Analysis, filters: Filters, accepts, picked, limit: int) -> None:
        wanted = analysis.stage
        for hit in self.index.search("", filters, None):
            doc = hit.doc
            if doc.uid in picked or doc.source != "playbook" or not accepts(doc):
                continue
            if doc.stage == wanted or (doc.scenario and doc.industry != "general"):
                score = 2.0 if doc.stage == wanted else 1.0
                picked[doc.uid] = (score, doc, f"阶段{STAGES[doc.stage]}的通用说法")
                if len(picked) >= limit:
                    return
