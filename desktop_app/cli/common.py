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


def iter_jsonl(stream: IO[str]) -> Iterator[tuple[dict | None, str | None]]:
    """Yield (request, None) for each good line, (None, message) for a bad one; skip blank lines."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        if len(line) > 4 * MAX_TEXT_CHARS:
            line = line[: 4 * MAX_TEXT_CHARS]
            yield None, f"line {number}: longer than {4 * MAX_TEXT_CHARS} characters"
            continue
        try:
            request = json.loads(line)
        except ValueError:
            yield None, f"line {number}: not valid JSON"
            continue
        if not isinstance(request, dict) or not isinstance(request.get("text"), str):
            yield None, f'line {number}: expected an object with a "text" string'
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
    return library
