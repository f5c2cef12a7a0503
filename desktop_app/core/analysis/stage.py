"""Which of the six stages (听·同·问·办·议·谢) the agent should be in, from the reading.

Emotion comes before facts (先心情后事情): a customer still shouting is heard out first, an
upset one is acknowledged; a bargaining or threatening one is negotiated with; a concrete
demand is acted on; a suggestion is thanked; a worried question is answered or acted on.
"""

from __future__ import annotations

from desktop_app.core.analysis.reading import Reading

LISTEN_INTENSITY = 0.75  # above this an angry customer is not ready to hear solutions


def choose(reading: Reading) -> str:
    emotion, motives = reading.emotion, set(reading.motives)
    if emotion == "anger" and reading.intensity >= LISTEN_INTENSITY:
        return "listen"
    if "leverage" in motives:
        return "negotiate"
    if "compensation" in motives or (reading.demand and emotion != "disappointment"):
        return "act"
    if emotion in ("anger", "disappointment"):
        return "empathize"
    if "suggestion" in motives:
        return "thank"
    if emotion == "anxiety":
        return "act" if reading.urgent or reading.demand else "ask"
    if reading.question:
        return "ask"
    return "thank" if reading.praise else "ask"
