"""Input and output conventions shared by the sub-commands.

Batch modes read one JSON object per line on stdin and write exactly one JSON line per input
line, so a script can zip answers to questions. A bad line gets `{"error": "..."}` on its
own line instead of stopping the batch.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import IO, Any

from desktop_app.core.search.index import MAX_QUERY_CHARS

# Longer texts are cut to what search reads anyway, before any work: a 1 MB paste must not hang.
MAX_TEXT_CHARS = MAX_QUERY_CHARS
_SURROGATE = re.compile("[\ud800-\udfff]")  # half a character from a JSON escape: unencodable


class UserError(Exception):
    """A problem with the user\'s input: printed as one line, exit code 2."""


def dump(obj: Any, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False))
    stream.write("\n")
    stream.flush()


def clean_text(text: str) -> str:
    """Drop NULs and replacement characters from undecodable bytes; cap the length."""
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
    return _SURROGATE.sub("", text.replace("\x00", "").replace("\ufffd", ""))


MAX_LINE_CHARS = 4 * MAX_TEXT_CHARS


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def _no_constants(name: str):
    raise _NotFinite(name)


def _lines(stream: IO[str], limit: int) -> Iterator[tuple[str, bool]]:
    """(line, too_long) without ever holding more than `limit` characters of one line: a
    500 MB line without a newline is skipped in pieces instead of read whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith("\n"):
            yield line, False
            continue
        while line and not line.endswith("\n"):  # drain the rest of the overlong line
            line = stream.readline(1 << 16)
        yield "", True


def iter_jsonl(stream: IO[str]) -> Iterator[tuple[dict | None, str | None]]:
    """Yield (request, None) for each good line, (None, message) for a bad one; skip blank lines."""
    for number, (line, too_long) in enumerate(_lines(stream, MAX_LINE_CHARS), start=1):
        if too_long:
            yield None, f"第 {number} 行：超过 {MAX_LINE_CHARS} 个字符，已跳过"
            continue
        if not line.strip():
            continue
        try:
            # 1e309 or Infinity would become inf and abort the batch where it is used (limit).
            request = json.loads(line, parse_float=_finite, parse_constant=_no_constants)
        except _NotFinite as exc:
            yield None, f"第 {number} 行：{exc} 不是有限的数字"
            continue
        except (ValueError, RecursionError):
            yield None, f"第 {number} 行：不是有效的 JSON"
            continue
        if not isinstance(request, dict) or not isinstance(request.get("text"), str):
            yield None, f'第 {number} 行：应为带 "text" 文字的 JSON 对象，例如 {{"text": "我要投诉"}}'
            continue
        request["text"] = clean_text(request["text"])
        yield request, None


def open_cli_library():
    """The library for a command; a start-up repair is reported on stderr (the window
    dismisses the notice once the agent has read it, so the CLI only repeats it)."""
    from desktop_app.core.library.facade import open_library

    library = open_library()
    if library.notice:
        print(f"calmdesk: {library.notice}", file=sys.stderr)
    apply_presets(library)
    return library


def apply_presets(library) -> None:
    """A trainer's presets beside the executable, applied on the first start: one line on stderr."""
    from desktop_app.core.handout import presets
    from desktop_app.core.settings.store import SettingsStore

    if library.store.read_only:
        return
    told = presets.apply_on_first_start(library, SettingsStore())
    if told:
        print(f"calmdesk: {told}", file=sys.stderr)
