"""The window reads and ranks each text once, through the core's one suggestion path."""

from __future__ import annotations

import pytest

from desktop_app.core.analysis import RISK_FLAGS as CORE_RISK_FLAGS
from desktop_app.core.settings.store import SettingsStore
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.phrases import analysis_strip
from desktop_app.ui.workers import make_suggester
from tests.ui.ime import search_and_wait


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled library (its scenarios, 客户原话 and checklists), in a data dir of its own."""
    from desktop_app.core.library.facade import open_library

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CALMDESK_HOME", str(tmp_path_factory.mktemp("bundled_home")))
        library = open_library()  # imports the bundled playbooks
        suggester = make_suggester(library)
        yield library, suggester
        library.close()


class Counting:
    """The real Suggester, counting what the window asks of it."""

    def __init__(self, suggester):
        self.suggester = suggester
        self.texts: list[str] = []

    def suggest(self, text, **options):
        self.texts.append(text)
        return self.suggester.suggest(text, **options)


@pytest.fixture
def make_window(qtbot, bundled, monkeypatch, tmp_path):
    library, suggester = bundled
    monkeypatch.setenv("CALMDESK_HOME", str(tmp_path))  # settings of this test only

    def make(industry: str = "general"):
        settings = SettingsStore()
        settings.set("agent.industry", industry)
        counting = Counting(suggester)
        window = MainWindow(settings, library, counting)
        qtbot.addWidget(window)
        window.show()
        # At start-up a plain search answers first; then the suggestion path takes over.
        qtbot.waitUntil(lambda: window.results.count() > 0 and window.results.hit(0).match == "suggest",
                        timeout=5000)
        return window, counting

    return make


def test_each_text_is_read_and_ranked_once(make_window, qtbot, monkeypatch):
    window, counting = make_window()
    library = window.library
    searched: list[str] = []
    original = library.search
    monkeypatch.setattr(library, "search", lambda *a, **k: searched.append(a[0] if a else "") or original(*a, **k))
    text = "吃出一根头发，叫你们经理过来"
    hits = search_and_wait(qtbot, window, text)
    qtbot.wait(300)  # nothing else may follow
    assert counting.texts.count(text) == 1
    assert searched == []  # no second search beside the suggestion path
    assert hits[0].doc.scenario == "rest_food_safety" and hits[0].doc.stage == "empathize"
    assert window._analysis["scenarios"][0]["key"] == "rest_food_safety"


def test_an_urgent_risk_opens_its_checklist_and_leads_the_phrases(make_window, qtbot):
    window, _ = make_window("banking")
    hits = search_and_wait(qtbot, window, "有个客服让我把钱转到安全账户，我该转吗")
    assert "fraud" in window._analysis["risks"]
    assert hits[0].doc.scenario == "bank_fraud_stop_payment"
    qtbot.waitUntil(window.checklist.isVisible, timeout=3000)
    assert window.checklist.flag == "fraud"


def test_empty_input_offers_openers_for_the_agents_industry(make_window, qtbot):
    window, counting = make_window("hotel")
    hits = window.results.results.hits()
    assert hits and all(h.doc.stage in ("listen", "empathize") for h in hits)
    assert hits[0].doc.industry == "hotel"
    assert len({h.doc.scenario for h in hits}) == len(hits)  # one opener per scenario
    assert "" in counting.texts and window._analysis is None


def test_the_risk_flags_the_window_shows_are_the_cores():
    assert analysis_strip.RISK_FLAGS is CORE_RISK_FLAGS
    assert {"emergency", "fraud", "danger"} <= set(analysis_strip.RISK_FLAGS)
