"""What is worked out once when a phrase is saved: its pinyin and its words.

pypinyin (0.2 s import, ~56 MB) and jieba (~0.6-1 s dictionary load that holds the GIL)
run only here, at import time, never on start-up or on the keystroke path. The results are
stored beside the phrase; search reads them as plain strings.
"""

from __future__ import annotations

import logging
import marshal
import re
import zlib
from functools import lru_cache

from desktop_app.core import paths

_HAN = re.compile(r"[\u3400-\u9fff]")
NON_PINYIN = "_"  # stands for a character that has no pinyin (punctuation, emoji)
_jieba = None


def _segmenter():
    """jieba, with its cache in CalmDesk's cache dir instead of the system temp dir."""
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.tmp_dir = str(paths.cache_dir())
        if not load_prepared_cache(jieba.dt):
            jieba.initialize()
        _jieba = jieba
    return _jieba


def load_prepared_cache(tokenizer) -> bool:
    """The packaged app ships jieba's dictionary cache, built at build time (marshal, zlib'd:
    2.5 MB instead of 9). Loading it is what jieba.initialize() does with its own cache, so a
    first start neither rebuilds the cache nor writes 9 MB into the data dir (build.spec)."""
    prepared = paths.bundle_dir() / "jieba_cache" / "jieba.cache.zlib"
    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(zlib.decompress(prepared.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return False  # from source, or a damaged file: jieba builds its own cache as usual
    tokenizer.initialized = True
    return True


def words(text: str) -> list[str]:
    """jieba's words of two or more characters that contain Chinese: the search vocabulary."""
    return [w for w in _segmenter().cut(text) if len(w) >= 2 and _HAN.search(w)]


@lru_cache(maxsize=50_000)
def _word_pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    tokens = lazy_pinyin(word, errors=lambda chars: list(chars))
    if len(tokens) != len(word):  # keep one token per character, whatever pypinyin did
        tokens = [lazy_pinyin(ch, errors=lambda c: [c])[0] for ch in word]
    out = []
    for ch, token in zip(word, tokens):
        if _HAN.match(ch):
            out.append(token.lower())
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        else:
            out.append(NON_PINYIN)
    return tuple(out)


def pinyin(text: str, segments: list[str] | None = None) -> tuple[str, str]:
    """(full pinyin, one token per character joined by spaces; initials, one letter per character).

    Pinyin is looked up per jieba word, so 银行 reads yin hang and 行走 xing zou.
    """
    segments = segments if segments is not None else list(_segmenter().cut(text))
    tokens: list[str] = []
    for segment in segments:
        tokens.extend(_word_pinyin(segment))
    if len(tokens) != len(text):  # jieba always covers the text; this is a guard, not a path
        tokens = [t for ch in text for t in _word_pinyin(ch)]
    initials = "".join(t[0] for t in tokens)
    return " ".join(tokens), initials


def derive(text: str) -> tuple[str, str, str]:
    """(py_full, py_initials, words) for one phrase."""
    segments = list(_segmenter().cut(text))
    full, initials = pinyin(text, segments)
    vocab = " ".join(dict.fromkeys(w for w in segments if len(w) >= 2 and _HAN.search(w)))
    return full, initials, vocab
