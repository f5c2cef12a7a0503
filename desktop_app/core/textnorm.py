"""Text folding shared by search, analysis and the checker.

`fold()` maps Traditional to Simplified (OpenCC t2s), full-width ASCII to half-width and
upper to lower case, and keeps the length of the text, so that a character span found in
the folded text is the same span in what the agent pasted (the window marks it red there).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
# Lower-case ASCII only: str.lower() turns some letters into two characters (İ → i̇),
# which would shift every span after them.
_FULLWIDTH.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_FULLWIDTH.update({code: code - 0xFEE0 + 32 for code in range(0xFF21, 0xFF3B)})
_SURROGATE = re.compile("[\ud800-\udfff]")
_converter = None
_converter_lock = threading.Lock()


def _t2s():
    # The compiled converter costs ~6 MB and a few ms to open: do it once, on first use.
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to their ASCII forms; ASCII lower case."""
    return text.translate(_FULLWIDTH)


@lru_cache(maxsize=4096)
def _to_simplified_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional → Simplified, always the same length as the input."""
    if not text or text.isascii():
        return text
    # Lone surrogates (from JSON escapes) cannot be encoded for OpenCC: same-length stand-in.
    text = _SURROGATE.sub("\ufffd", text)
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length: convert character by character to keep spans aligned.
    return "".join(_to_simplified_char(ch) for ch in text)


def fold(text: str) -> str:
    """The comparable form of a text: Simplified, half-width, lower case; same length."""
    return to_simplified(fold_width(text))


_PUNCT_OR_SPACE = re.compile(r"[\s\W_]+", re.UNICODE)


def compact(text: str) -> str:
    """`fold()` with spaces and punctuation removed: for duplicate detection, not for spans."""
    return _PUNCT_OR_SPACE.sub("", fold(text))


_s2t = None


def to_traditional(text: str) -> str:
    """Simplified → Traditional, for agents who work in Traditional Chinese (UI option)."""
    global _s2t
    if not text or text.isascii():
        return text
    if _s2t is None:
        with _converter_lock:
            if _s2t is None:
                import opencc

                _s2t = opencc.OpenCC("s2t")
    return _s2t.convert(text)
