"""Fixtures for the window tests: one small library and one window per module.

Building the window and importing the sample playbooks costs far more than a test, so a
module shares them; `win` resets what a test may have changed. The module gets its own data
dir (the function-scoped CALMDESK_HOME of the top conftest changes with every test).
"""

from __future__ import annotations

from types import SimpleNamespace

import shutil
import textwrap

import pytest

from tests.conftest import SAMPLE_PLAYBOOKS

# A second playbook: a checklist for a risk flag, and a phrase that looks like HTML.
EXTRA_PLAYBOOK = textwrap.dedent("""\
    format: 1
    industry: general
    scenarios:
      - key: t_markup
        name: 标记测试
        description: 测试用
        triggers: [尖括号]
        phrases:
          listen:
            - 请看<b>粗体</b>这几个字是原样显示的。
      - key: t_offer
        name: 补偿测试
        description: 测试用：按角色和渠道显示
        triggers: [补偿测试]
        phrases:
          act:
            - 补偿测试：我先把您的情况如实登记下来。
            - text: 补偿测试：这次的费用我可以帮您申请减免，由【审批人】答复。
              authority: manager
            - text: 补偿测试：您先坐这边，我把表格拿给您。
              channel: counter
    checklists:
      escalation:
        title: 客户要找领导
        do: [先完整记录诉求, 告诉客户多久会有人联系]
        never: [领导不在]
        handover: [客户第三次要求时请值班长接听]
    """)


class FakeAnalyzer:
    """Stands in for the core's Suggester with the same contract (`suggest` → a reading with
    `as_json()` and the phrases as `hits`, in one call); reads by keyword and ranks with the
    library's plain search, so the window tests do not depend on the lexicons."""

    def __init__(self, library):
        self.library = library
        self.calls: list[str] = []

    def suggest(self, text: str, industry=None, scenario=None, persona=None, stage=None, limit=50,
                channel=None, role=None):
        self.calls.append(text)
        hits = self.library.search(text, scenario=scenario, persona=persona, stage=stage, industry=industry,
                                   limit=limit, channel=channel, role=role)
        return SimpleNamespace(analysis=SimpleNamespace(as_json=lambda: self.analyze(text)), hits=tuple(hits),
                               checklists=())

    def analyze(self, text: str) -> dict:
        result = {"emotion": "neutral", "intensity": 0, "motives": [], "flags": [], "risks": [],
                  "persona_hint": None, "persona_reason": "", "stage": "listen", "scenarios": [], "evidence": []}
        if "冻结" in text:
            start = text.index("冻结")
            result.update(emotion="anger", intensity=0.8, stage="empathize", persona_hint="amiable",
                          persona_reason="语气柔和、反复确认", scenarios=[{"key": "t_card_blocked", "score": 1.0}])
            result["evidence"].append({"finding": "emotion:anger", "start": start, "end": start + 2, "text": "冻结"})
        if "领导" in text:
            start = text.index("领导")
            result["flags"].append("escalation")
            result["risks"].append("escalation")
            result["evidence"].append({"finding": "flag:escalation", "start": start, "end": start + 2,
                                       "text": "领导"})
        return result


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("ui_home")
    books = home / "books"
    shutil.copytree(SAMPLE_PLAYBOOKS, books)
    (books / "extra.yaml").write_text(EXTRA_PLAYBOOK, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CALMDESK_HOME", str(home))
        yield home


@pytest.fixture(scope="module")
def ui_library(module_home):
    from desktop_app.core.library.facade import open_library

    lib = open_library(module_home / "calmdesk.db", sync=False)
    lib.import_paths(module_home / "books")
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def fake_analyzer(ui_library):
    return FakeAnalyzer(ui_library)


@pytest.fixture(scope="module")
def window(qapp, module_home, ui_library, fake_analyzer):
    from desktop_app.ui import theme
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.core.settings.store import SettingsStore

    theme.apply(qapp, "light")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CALMDESK_HOME", str(module_home))
        w = MainWindow(SettingsStore(), ui_library, fake_analyzer)
    w.show()
    yield w
    w.can_hide = False
    w.dock.close()
    w.close()
    w.deleteLater()


@pytest.fixture
def win(window, qtbot):
    """The shared window, reset: empty input, no filters, nothing copied, input focused."""
    window.showNormal()
    window.query.clear()
    window.query.flush()
    window.checklist.hide()
    with qtbot.waitSignal(window.resultsShown, timeout=3000):  # the reset's own answer, before the test
        window.filter_bar.set_values({})
    window.query.setFocus()
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
    return window
