"""The placeholder grammar of 谢/道歉 templates: `{称呼}` and nothing cleverer.

Only a bare name is allowed between braces, so a playbook can never reach Python attributes,
indexes or format specs (`{x.__class__}`, `{0[0]}`, `{a:>99999}`). `{{` and `}}` are literal braces.
"""

from __future__ import annotations

import re

NAME = r"[A-Za-z_\u3400-\u9fff][A-Za-z0-9_\u3400-\u9fff]{0,15}"
# A token is a literal brace pair, a placeholder, or any other use of a brace (an error).
TOKEN = re.compile(r"\{\{|\}\}|\{(" + NAME + r")\}|\{[^{}]*\}?|\}")
NAME_RE = re.compile(NAME + r"\Z")


def find(text: str) -> tuple[list[str], list[str]]:
    """(placeholder names in order of first use, malformed brace uses)."""
    names: list[str] = []
    bad: list[str] = []
    for match in TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1):
            if match.group(1) not in names:
                names.append(match.group(1))
        else:
            bad.append(token)
    return names, bad
