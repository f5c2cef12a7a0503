"""Read the customer: emotion, intensity, motives, risk flags, persona, stage and scenarios.

Offline and explainable: every finding comes with the words in the customer's own text that
produced it. Rules and word lists live in resources/analysis/*.yaml, where trainers edit them.
No Qt and no jieba here: this runs while the customer is still talking.

    from desktop_app.core.analysis import Analyzer, analyze
    analyze("你们到底什么时候给我退款？？")["emotion"]   # "anxiety"
"""

from desktop_app.core.analysis.analyzer import Analyzer, analyze
from desktop_app.core.analysis.lexicon import LexiconError
from desktop_app.core.analysis.result import RISK_FLAGS, URGENT_FLAGS, Analysis, Evidence, ScenarioGuess

__all__ = ["RISK_FLAGS", "URGENT_FLAGS", "Analysis", "Analyzer", "Evidence", "LexiconError", "ScenarioGuess", "analyze"]
