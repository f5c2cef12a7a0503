"""The UI language: Simplified Chinese, or Traditional for agents who read it.

Every string the window shows — its own labels and the phrases from the library — goes
through `tr()`, so one switch converts both, and a copied phrase is what the agent saw.
"""

from __future__ import annotations

from desktop_app.core import textnorm
from desktop_app.core.settings.schema import LANGUAGES, SIMPLIFIED, TRADITIONAL

__all__ = ["LANGUAGES", "SIMPLIFIED", "TRADITIONAL", "language", "set_language", "tr"]

_language = SIMPLIFIED


def set_language(language: str) -> None:
    global _language
    _language = language if language in LANGUAGES else SIMPLIFIED


def language() -> str:
    return _language


def tr(text: str) -> str:
    """`text` (written in Simplified Chinese) in the current UI language."""
    if _language == TRADITIONAL:
        return textnorm.to_traditional(text)
    return text
