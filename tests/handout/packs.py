"""Zip packs written for the hand-out tests: one playbook whose phrases keep their ids across versions."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.packs.zip_reader import write_pack

LISTEN_ID = "id:tr-listen"  # in every version: the phrase an agent marks as a favourite


def playbook(version: int) -> str:
    extra = ("        - text: 您说的情况我都记下了，我们一起看看怎么处理。\n          id: tr-added\n"
             if version >= 2 else "")
    return f"""\
format: 1
industry: banking
scenarios:
  - key: tr_queue
    name: 柜台排队太久
    description: 客户在网点等得太久
    triggers: [排队, 等太久, 叫号]
    phrases:
      listen:
        - text: 您先说说等了多久，我这边记录一下。
          id: tr-listen
{extra}      empathize:
        - text: 等这么久确实让人着急，换谁都会不舒服。
          id: tr-empathize
"""


def write_zip(path: Path, version: int | str, name: str = "分行包", content_version: int | None = None) -> Path:
    """A zip pack `name` at manifest `version` (content from `content_version`, default the same number)."""
    number = content_version if content_version is not None else int(str(version).split(".")[0])
    write_pack(path, {"name": name, "version": str(version), "author": "张老师"},
               [("trainer.yaml", playbook(number))])
    return path
