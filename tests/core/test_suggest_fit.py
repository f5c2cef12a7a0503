"""The agent's channel and role decide what the suggestion path may offer (issue 14 via #13)."""

from __future__ import annotations

import pytest

from desktop_app.core.suggest import SuggestError

COMPLAINT = "房间空调坏了一晚上没睡好，还吵，你们得给个说法，退钱还是升级房间你们看着办"


def _docs(suggester, **kwargs):
    answer = suggester.suggest(COMPLAINT, industry="hotel", limit=50, **kwargs)
    return {h.doc.uid: h.doc for h in answer.hits}


def test_offers_above_the_agents_role_are_never_suggested(suggester):
    as_manager = _docs(suggester, role="manager")
    assert any(d.authority in ("lead", "manager") for d in as_manager.values())  # the offers exist
    as_agent = _docs(suggester, role="agent")
    assert as_agent and all(d.authority in ("", "agent") for d in as_agent.values())


def test_lines_for_another_channel_are_never_suggested(suggester):
    anywhere = [d for d in suggester.index.docs if d.channel == "counter"]
    assert anywhere  # the library has counter-only lines
    for text in ("我在前台等了半个小时没人理", "你们柜台的人太慢了"):
        on_phone = suggester.suggest(text, industry="hotel", channel="phone", limit=50)
        assert all(h.doc.channel in ("", "phone") for h in on_phone.hits)
    openers = suggester.suggest("", industry="banking", channel="phone", role="agent", limit=50)
    assert all(h.doc.channel in ("", "phone") and h.doc.authority in ("", "agent") for h in openers.hits)


def test_an_unknown_role_is_refused_in_chinese(suggester):
    with pytest.raises(SuggestError, match="未知的角色"):
        suggester.suggest("退钱", role="boss")
