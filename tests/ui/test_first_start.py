"""The first start asks the agent's industry once; 通用 means all; closing it still counts as asked."""

from __future__ import annotations

from desktop_app.core.settings.store import SettingsStore
from desktop_app.ui.settings.first_start import ask_industry_once


def test_the_industry_is_asked_once_and_saved(qtbot, calmdesk_home):
    settings = SettingsStore()
    dialog = ask_industry_once(settings)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    labels = [dialog.choice.itemText(i) for i in range(dialog.choice.count())]
    assert labels[0].startswith("通用") and "银行" in labels
    dialog.choice.setCurrentIndex(dialog.choice.findData("hotel"))
    dialog.accept()
    again = SettingsStore()
    assert again.get("agent.industry") == "hotel" and again.get("agent.industry_asked") is True
    assert ask_industry_once(again) is None  # never asked a second time


def test_closing_the_question_keeps_all_industries_and_does_not_ask_again(qtbot, calmdesk_home):
    settings = SettingsStore()
    dialog = ask_industry_once(settings)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert settings.get("agent.industry") == "general" and settings.get("agent.industry_asked") is True
    assert ask_industry_once(SettingsStore()) is None


def test_a_trainers_preset_counts_as_asked(calmdesk_home):
    settings = SettingsStore()
    settings.update({"agent.industry": "banking", "agent.industry_asked": True})
    assert ask_industry_once(settings) is None
