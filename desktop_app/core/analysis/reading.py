"""From a tally of cues to the emotion, its intensity, the motives and the risk flags.

The rules are few and written down so an agent can be told why:
- the strongest emotion wins if it reaches one point after praise is subtracted;
- anger is also what a raised voice (！) in a complaint, a shouted demand, a threat and
  pressure sound like (harsh words, raised voice, verbal attacks);
- a motive or a flag needs one point; a threat tied to a demand for money or more (不赔三倍就曝光)
  is leverage (施压), a threat to complain if nothing is done (再不解决我就投诉) is anger;
- an angry or disappointed customer who asks for nothing concrete is venting, and so is a
  long angry rant;
- praise and thanks with no complaint in them raise nothing;
- a customer who only tells what went wrong (trouble: 吃出头发, 等了两个小时, 卡被冻结) is not
  calm: asked as a question that is worry, shouted it is anger, stated flatly disappointment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from desktop_app.core.analysis.lexicon import EMOTION, FLAG, INTENSIFIER, MOTIVE, QUESTION, SIGNAL, URGENCY
from desktop_app.core.analysis.tally import THREATS, Span, Tally
from desktop_app.core.vocab import EMOTIONS, FLAGS, MOTIVES

NEGATIVE = [e for e in EMOTIONS if e != "neutral"]  # order breaks ties: anger, anxiety, disappointment
EMOTION_MIN = 1.0  # points the winning emotion needs
PRAISE_DAMPING = 0.5  # each point of praise takes this much off every negative emotion
MOTIVE_MIN = FLAG_MIN = SIGNAL_MIN = 1.0
ABUSE_ANGER = 1.5  # each insult is also anger
THREAT_ANGER = 0.5  # each threat raised (media, regulator, legal, supervisor)
PRESSURE_ANGER = 0.5  # leverage, and a demand said with ！
# Flags whose words also turn up in everyday talk (发微博, 我朋友是律师, 宝宝): raised only
# when the text is a complaint. Supervisors, regulators, insults and repeat calls always count.
NEEDS_COMPLAINT = ("media_threat", "legal", "vulnerable", "group")
URGENT = ("emergency", "fraud", "danger", "violence")  # never neutral: something is wrong right now
SUGGESTION_GRIPE = 2.5  # below this much upset, a text that proposes an improvement reads calm
RANT_ANGER = 6.0  # this much anger is a rant: venting even when a demand is made
INTENSITY_SCALE = 5.0  # raw points at which intensity reaches 63 %


@dataclass
class Reading:
    emotion: str
    intensity: float
    motives: list[str]
    flags: list[str]
    demand: bool
    question: bool
    urgent: bool
    praise: bool  # thanks or praise with no complaint in it
    evidence: list[tuple[str, Span]] = field(default_factory=list)  # (finding, original span)


def read(tally: Tally) -> Reading:
    raised = {f: tally.score(FLAG, f) >= FLAG_MIN for f in FLAGS}
    demand = tally.score(SIGNAL, "demand") >= SIGNAL_MIN
    motives = _concrete_motives(tally, raised)
    # Is this a complaint at all? 「我朋友是律师」 and 「宝宝很喜欢」 raise no flag.
    complaint = (demand or bool(motives) or raised["abuse"] or raised["repeat_contact"]
                 or tally.score(SIGNAL, "complaint") >= SIGNAL_MIN
                 or tally.score(SIGNAL, "trouble") >= SIGNAL_MIN
                 or bool(tally.conditional_threats)  # 再不处理我就发微博: a threat, so a complaint
                 or sum(tally.score(EMOTION, e) for e in NEGATIVE) >= EMOTION_MIN)
    abuse_hits = len(tally.evidence(FLAG, "abuse")) if raised["abuse"] else 0
    emotion, net = _emotion(tally, raised, motives, demand, complaint or any(raised[f] for f in THREATS), abuse_hits)
    # Thanks and praise, with no complaint in them: past remedies (已经收到补发的了) are no demand.
    praise = (emotion == "neutral" and tally.score(EMOTION, "positive") >= 1 and not demand
              and not any(tally.score(EMOTION, e) for e in NEGATIVE) and "leverage" not in motives
              and not raised["abuse"] and not any(raised[f] for f in THREATS))
    _add_venting(tally, emotion, net, raised, motives)
    if praise:
        motives = {m: s for m, s in motives.items() if m == "suggestion"}

    evidence: list[tuple[str, Span]] = []
    if emotion != "neutral":
        spans = tally.evidence(EMOTION, emotion)
        # Read from what went wrong (no emotion words): the trouble is the evidence.
        evidence += [(f"emotion:{emotion}", s) for s in (spans or tally.evidence(SIGNAL, "trouble"))]
        if emotion == "anger":
            evidence += [(f"emotion:{emotion}", s) for s in tally.evidence(FLAG, "abuse")[:abuse_hits]]
    ordered = [m for m in MOTIVES if m in motives]
    for motive in ordered:
        evidence += [(f"motive:{motive}", s) for s in motives[motive]]
    flags = []
    for flag in FLAGS:
        if not raised[flag] or praise:
            continue
        if flag in NEEDS_COMPLAINT and not (complaint or emotion != "neutral"):
            continue
        flags.append(flag)
        evidence += [(f"flag:{flag}", s) for s in tally.evidence(FLAG, flag)]

    intensity, intensity_spans = _intensity(tally, emotion, net, abuse_hits)
    evidence += [("intensity", s) for s in intensity_spans]
    return Reading(
        emotion=emotion,
        intensity=intensity,
        motives=ordered,
        flags=flags,
        demand=demand,
        question=bool(tally.evidence(QUESTION, "")),
        urgent=tally.score(URGENCY, "urgency") >= 1,
        praise=praise,
        evidence=evidence,
    )


def _concrete_motives(tally: Tally, raised: dict[str, bool]) -> dict[str, list[Span]]:
    """Suggestion, compensation and leverage: the motives that ask for something."""
    chosen: dict[str, list[Span]] = {}
    for motive in ("suggestion", "compensation", "leverage"):
        if tally.score(MOTIVE, motive) >= MOTIVE_MIN:
            chosen[motive] = list(tally.evidence(MOTIVE, motive))
    if any(raised[f] for f in THREATS) and tally.conditional_threats and "compensation" in chosen:
        # 施压 is a demand tied to a threat (不赔三倍就曝光). 「再不解决我就投诉」 is anger: the
        # customer wants the problem solved, not something extra for keeping quiet.
        chosen.setdefault("leverage", []).extend(tally.conditional_threats)
    if raised["media_threat"] and "compensation" in chosen:
        # Exposure used to press a money demand (曝光威胁) is leverage even without 「不……就」.
        chosen.setdefault("leverage", []).extend(tally.evidence(FLAG, "media_threat"))
    return chosen


def _emotion(tally: Tally, raised: dict[str, bool], motives: dict, demand: bool, complaint: bool,
             abuse_hits: int) -> tuple[str, dict[str, float]]:
    scores = {e: tally.score(EMOTION, e) for e in NEGATIVE}
    anger_extra = ABUSE_ANGER * min(2, abuse_hits) + THREAT_ANGER * sum(raised[f] for f in THREATS)
    if "leverage" in motives or tally.conditional_threats:
        anger_extra += PRESSURE_ANGER
    if tally.exclaim and (demand or "compensation" in motives):
        anger_extra += PRESSURE_ANGER
    if complaint and scores["anger"] + anger_extra >= scores["anxiety"]:
        # A raised voice in a complaint reads as anger, unless worry is what is being shouted.
        anger_extra += min(1.5, tally.exclaim_strength())
    scores["anger"] += anger_extra
    if scores["anxiety"]:
        scores["anxiety"] += min(0.75, 0.25 * len(tally.questions))
    damping = PRAISE_DAMPING * tally.score(EMOTION, "positive")
    net = {e: s - damping for e, s in scores.items()}
    best = max(NEGATIVE, key=lambda e: net[e])  # max keeps the first on ties
    gripes = sum(len(tally.evidence(EMOTION, e)) for e in NEGATIVE)
    if ("suggestion" in motives and best == "disappointment" and net[best] < SUGGESTION_GRIPE and gripes <= 1
            and not tally.exclaim
            and tally.score(MOTIVE, "venting") < MOTIVE_MIN):  # 「建议大家慎入」 warns, it does not suggest
        # 「建议……，现在的字太小了」: a suggestion with one small gripe in it is still a suggestion;
        # a review listing what went wrong and ending in 建议改进 is a complaint.
        return "neutral", net
    trouble = tally.score(SIGNAL, "trouble") + sum(raised[f] for f in ("repeat_contact", "data_leak", *URGENT))
    if net[best] < EMOTION_MIN and trouble >= SIGNAL_MIN and trouble > damping:
        # Something went wrong and the customer says so without emotion words.
        if raised["violence"]:
            best = "anger"
        elif raised["emergency"] or raised["fraud"]:
            best = "anxiety"
        elif tally.exclaim:
            best = "anger"
        elif tally.questions or tally.evidence(QUESTION, ""):
            best = "anxiety"
        else:
            best = "disappointment"
        net[best] = max(net[best], EMOTION_MIN)
    return (best if net[best] >= EMOTION_MIN else "neutral"), net


def _add_venting(tally: Tally, emotion: str, net: dict[str, float], raised: dict[str, bool],
                 motives: dict[str, list[Span]]) -> None:
    if raised["abuse"] or (tally.score(MOTIVE, "venting") >= MOTIVE_MIN and emotion != "neutral"):
        motives["venting"] = tally.evidence(MOTIVE, "venting") + tally.evidence(FLAG, "abuse")
    elif any(raised[f] for f in URGENT):
        return  # a burst pipe, a fraud or a threat is about safety, not about being heard
    elif emotion in ("anger", "disappointment") and (not motives or (emotion == "anger" and net["anger"] >= RANT_ANGER)):
        # Upset and asking for nothing concrete, or a long angry rant: the call is about being heard.
        motives["venting"] = list(tally.evidence(EMOTION, emotion))


def _intensity(tally: Tally, emotion: str, net: dict[str, float], abuse_hits: int) -> tuple[float, list[Span]]:
    extra = (min(2.0, tally.exclaim_strength()) + min(1.0, 0.3 * len(tally.questions))
             + min(1.6, 0.8 * len(tally.repeats)) + min(3.0, 1.5 * abuse_hits)
             + min(1.5, tally.score(URGENCY, "urgency")))
    spans = [s for s in tally.exclaim if s[1] - s[0] >= 2] + tally.questions + tally.repeats
    spans += tally.evidence(URGENCY, "urgency")
    if emotion == "neutral":
        # Calm text: punctuation alone never makes it intense.
        return round(0.3 * (1 - math.exp(-extra / INTENSITY_SCALE)), 2), []
    extra += min(2.0, tally.score(INTENSIFIER, "intensifiers"))
    spans += tally.evidence(INTENSIFIER, "intensifiers")
    raw = max(0.0, net[emotion]) + extra
    return round(1 - math.exp(-raw / INTENSITY_SCALE), 2), spans
