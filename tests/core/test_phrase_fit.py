"""Phrase channel and authority: stored on import, and the agent's channel and role decide what shows."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.library.facade import UnknownKey, open_library
from desktop_app.core.packs import loader as packs
from desktop_app.core.search.fit import doc_fits, fits, role_allows
from tests.cli.runner import run_cli

BOOK = """format: 1
scenarios:
  - key: fit_room
    name: 房间不满意
    industry: hotel
    description: 客户对房间不满意
    triggers: [房间太吵]
    phrases:
      listen:
        - 房间的情况您慢慢说，我都记下来。
        - text: 您先坐下喝口水，房间的情况慢慢说。
          channel: counter
        - text: 您在电话里慢慢说，房间的情况我都记下来。
          channel: phone
      negotiate:
        - text: 房间的差价我可以帮您申请减免，由【审批人】答复您。
          authority: lead
        - text: 房间可以帮您申请升级到套房，由经理核定。
          authority: manager
        - text: 房间给您申请一份小礼品，我这边就能办。
          authority: agent
"""


@pytest.fixture
def fitlib(tmp_path):
    (tmp_path / "fit.yaml").write_text(BOOK, encoding="utf-8")
    lib = open_library(sync=False)
    lib.import_paths(tmp_path)
    yield lib
    lib.close()


def texts(lib, **kw):
    return {h.doc.text for h in lib.search("房间", limit=None, **kw)}


def test_the_predicate():
    assert fits("", "", "phone", "agent")
    assert fits("phone", "", "phone", None) and not fits("counter", "", "phone", None)
    assert fits("counter", "", "", None) and fits("counter", "", None, None)  # no channel set: every line
    assert role_allows("lead", "lead") and role_allows("lead", "manager") and not role_allows("lead", "agent")
    assert role_allows("manager", None) and not role_allows("manager", "lead")
    assert not role_allows("director", "manager")  # unknown authority: hidden, the safe side


def test_channel_and_authority_are_stored_and_searched(fitlib):
    every = texts(fitlib)
    assert len(every) == 6
    docs = {h.doc.text: h.doc for h in fitlib.search("房间", limit=None)}
    assert docs["您先坐下喝口水，房间的情况慢慢说。"].channel == "counter"
    assert docs["房间可以帮您申请升级到套房，由经理核定。"].authority == "manager"
    phone = texts(fitlib, channel="phone")
    assert "您先坐下喝口水，房间的情况慢慢说。" not in phone and "您在电话里慢慢说，房间的情况我都记下来。" in phone
    assert texts(fitlib, channel="") == every
    agent = texts(fitlib, role="agent")
    assert agent == every - {"房间的差价我可以帮您申请减免，由【审批人】答复您。", "房间可以帮您申请升级到套房，由经理核定。"}
    assert texts(fitlib, role="lead") == every - {"房间可以帮您申请升级到套房，由经理核定。"}
    assert texts(fitlib, role="manager") == every
    assert all(doc_fits(h.doc, "chat", "agent") for h in fitlib.search("房间", channel="chat", role="agent"))
    with pytest.raises(UnknownKey):
        fitlib.search("房间", channel="fax")
    with pytest.raises(UnknownKey):
        fitlib.search("房间", role="boss")


def test_changing_only_a_tag_is_a_change_on_reimport(fitlib, tmp_path):
    (tmp_path / "fit.yaml").write_text(BOOK.replace("authority: agent", "authority: lead"), encoding="utf-8")
    report = fitlib.preview(packs.load(tmp_path / "fit.yaml").books)
    assert report.changed == 1
    fitlib.import_paths(tmp_path)
    assert "房间给您申请一份小礼品，我这边就能办。" not in texts(fitlib, role="agent")


def test_excel_and_yaml_exports_keep_channel_and_authority(fitlib, tmp_path):
    for target in (tmp_path / "out.xlsx", tmp_path / "out"):
        if target.suffix == ".xlsx":
            packs.export_xlsx(target)
            pack = packs.load(target)
        else:
            packs.export_yaml(target)
            pack = packs.load(target / "fit.yaml")
        assert pack.problems == []
        phrases = {p.text: (p.channel, p.authority) for b in pack.books for s in b.scenarios for p in s.phrases}
        assert phrases["您先坐下喝口水，房间的情况慢慢说。"] == ("counter", "")
        assert phrases["房间的差价我可以帮您申请减免，由【审批人】答复您。"] == ("", "lead")
        assert fitlib.preview(pack.books).changed == 0


def test_cli_search_channel_and_role(fitlib, tmp_path, capsys, monkeypatch):
    from desktop_app.core import paths

    fitlib.close()
    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: tmp_path / "none")
    code, out, _ = run_cli(capsys, "search", "房间", "--channel", "phone", "--role", "agent", "--json", "--limit", "50")
    assert code == 0
    hits = json.loads(out)
    assert {h["channel"] for h in hits} <= {"", "phone"} and {h["authority"] for h in hits} <= {"", "agent"}
    assert any(h["channel"] == "phone" for h in hits) and any(h["authority"] == "agent" for h in hits)
    code, _out, err = run_cli(capsys, "search", "房间", "--role", "boss")
    assert code == 2 and "boss" in err
