"""The agent's channel and role, set in 设置, change what the window offers at once."""

from __future__ import annotations

from tests.ui.ime import search_and_wait


def _texts(win) -> set[str]:
    return {win.results.hit(row).doc.text for row in range(win.results.count())}


def test_role_and_channel_from_the_settings_decide_the_lines_shown(win, qtbot):
    offer = "补偿测试：这次的费用我可以帮您申请减免，由【审批人】答复。"
    counter = "补偿测试：您先坐这边，我把表格拿给您。"
    try:
        win.apply_setting("agent.role", "manager")
        search_and_wait(qtbot, win, "补偿测试")
        assert {offer, counter} <= _texts(win)
        with qtbot.waitSignal(win.resultsShown, timeout=3000):  # answers again at once
            win.apply_setting("agent.role", "agent")
        assert offer not in _texts(win) and counter in _texts(win)
        with qtbot.waitSignal(win.resultsShown, timeout=3000):
            win.apply_setting("agent.channel", "phone")
        assert counter not in _texts(win)
        assert "补偿测试：我先把您的情况如实登记下来。" in _texts(win)
    finally:
        win.apply_setting("agent.channel", "")
        win.apply_setting("agent.role", "agent")
